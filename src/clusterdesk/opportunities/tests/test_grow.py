"""What to grow next and LQ references, end to end on the real database with a hand-made register."""

from decimal import Decimal

import numpy as np
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.core.codes.uscc import make_uscc
from clusterdesk.core.complexity import complexity, opportunity_weights, rank_opportunities
from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
from clusterdesk.enterprises.services import enterprise_create
from clusterdesk.industry.models import IndustryCode
from clusterdesk.opportunities.models import NationalReferenceFigure
from clusterdesk.regions.models import Region
from clusterdesk.web.latin import stray_latin_words, visible_texts

pytestmark = pytest.mark.django_db
GROW = "opportunities:grow"
NATIONAL = "opportunities:national_reference"
# The doctest matrix of `complexity`: four counties × four divisions, output in 100 万元.
COUNTIES = ["430102", "430104", "430105", "430211"]
DIVISIONS = ["C13", "C26", "C30", "C37"]
MATRIX = [[5, 3, 2, 0], [4, 4, 0, 1], [6, 0, 1, 1], [0, 2, 3, 4]]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _class(prefix: str) -> IndustryCode:
    return IndustryCode.objects.filter(level="class", code__startswith=prefix).order_by("code").first()


def _firm(world, county: str, serial: int, code: str, output: float, year: int = 2024) -> Enterprise:
    firm = enterprise_create(enterprise=Enterprise(
        uscc=make_uscc(region_code=county, serial=serial), name=f"测试企业{county}-{serial}",
        region=Region.objects.get(code=county), industry=_class(code)), actor=world.users["admin"])
    EnterpriseYearFigure.objects.create(enterprise=firm, year=year, output_wan=Decimal(str(output)))
    return firm


@pytest.fixture
def register(world):
    """The hand-made register: one enterprise per non-zero cell of MATRIX."""
    serial = 100
    for i, county in enumerate(COUNTIES):
        for j, division in enumerate(DIVISIONS):
            if MATRIX[i][j]:
                serial += 1
                _firm(world, county, serial, division, MATRIX[i][j] * 100)
    return world


def test_the_page_ranks_the_register_as_the_core_does(client, register):
    client.force_login(register.users["province"])
    page = client.get(reverse(GROW), {"region": "430105", "sort": "density"})
    assert page.status_code == 200
    report = page.context["report"]
    assert report.peers == 4 and report.year == 2024
    # by density, county 3 of the doctest lacks divisions 1, 2, 3 and ranks them in this order
    assert [r.code for r in report.rows] == ["C26", "C30", "C37"]
    expected = complexity(np.array(MATRIX, dtype=float) * 100)
    for sort in ("gain", "complexity", "balanced"):
        ranked = rank_opportunities(expected, 2, weights=opportunity_weights(sort))
        shown = client.get(reverse(GROW), {"region": "430105", "sort": sort}).context["report"].rows
        assert [r.code for r in shown] == [DIVISIONS[o.product] for o in ranked], sort
        assert [round(r.cog, 9) for r in shown] == [round(o.cog, 9) for o in ranked]
    typed = client.get(reverse(GROW), {"region": "430105", "weights": "0，0，1"}).context["report"].rows
    gain = rank_opportunities(expected, 2, weights=(0.0, 0.0, 1.0))
    assert [r.code for r in typed] == [DIVISIONS[o.product] for o in gain]
    refused = client.get(reverse(GROW), {"region": "430105", "weights": "1,-1,0"})
    assert "权重须为三个非负数" in refused.content.decode()
    # RCA of C37 in 430105: (100 / 800) / (600 / 3600) = 0.75; against the province, LQ is the same
    c37 = next(r for r in report.rows if r.code == "C37")
    assert c37.rca == pytest.approx(0.75) and c37.lq == pytest.approx(c37.rca)
    assert c37.name == IndustryCode.objects.get(code="C37").name


def test_a_county_user_sees_its_own_county_segments_gaps_and_parks_only(client, register):
    client.force_login(register.users["county"])
    page = client.get(reverse(GROW), {"region": "430211"})  # another city's county: not theirs to pick
    report = page.context["report"]
    assert report.region.code == "430102"
    assert [r.code for r in report.rows] == ["C37"]  # the only division 430102 lacks
    row = report.rows[0]
    assert row.segments == ["轨道交通装备产业链 · 整车制造"] and row.gap  # no enterprise in 整车制造 here
    assert [p.name for p in row.parks] == [register.a.park.name]  # positioned on C37, 1,200 亩 free
    body = page.content.decode()
    assert register.b.park.name not in body and register.b.enterprise.name not in body
    assert "测试企业" not in body  # no enterprise row at all, in scope or not
    assert "430211" not in [r.code for r in page.context["regions"]]
    allowed = frozenset(register.users)  # the test world's user names show in the header
    assert [w for text, _ in visible_texts(body) for w in stray_latin_words(text, allowed)] == []
    client.force_login(register.users["province"])
    assert client.get(reverse(GROW), {"region": "430211"}).context["report"].region.code == "430211"


def test_the_page_exports_xlsx_and_refuses_the_enterprise_role(client, register):
    import io

    from openpyxl import load_workbook

    client.force_login(register.users["province"])
    response = client.get(reverse(GROW), {"region": "430105", "sort": "density", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["C26", "C30", "C37"]
    client.force_login(register.users["enterprise"])
    assert client.get(reverse(GROW)).status_code == 403


def _lq_world(world):
    """Cluster A (C37) output by county: 430102 800 of 1,000; 430104 100 of 1,000; 430211 300 of 1,000."""
    for serial, (county, code, output) in enumerate([
        ("430102", "C37", 800), ("430102", "C38", 200), ("430104", "C37", 100), ("430104", "C38", 900),
        ("430211", "C37", 300), ("430211", "I65", 700)], start=200):
        _firm(world, county, serial, code, output)


def _county_lq(client, world, **params):
    page = client.get(reverse("industry:cluster_metrics", args=[world.a.cluster.pk]), params)
    assert page.status_code == 200
    rows = {r["region"]: r for r in page.context["latest"]}
    assert set(rows) == {"430102"}  # the rows stay in the county officer's scope
    return rows["430102"]["lq"], page


def _national_csv(rows: str, name: str = "national.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("年份,行业代码,产值（万元）,从业人员,来源\n" + rows).encode("utf-8"))


def test_the_county_officer_lq_against_each_reference(client, world):
    _lq_world(world)
    client.force_login(world.users["county"])
    # the province: (800 / 1000) / ((800 + 100 + 300) / 3000) = 0.8 / 0.4 = 2.0 (it used to be 1.00)
    lq, _ = _county_lq(client, world)
    assert lq == pytest.approx(2.0) and lq != pytest.approx(1.0)
    # named regions, 株洲市: 0.8 / (300 / 1000) = 2.667
    lq, _ = _county_lq(client, world, reference="regions", regions="430200")
    assert lq == pytest.approx(0.8 / 0.3)
    # the nation without a table: no LQ, and the empty state says so
    lq, page = _county_lq(client, world, reference="nation")
    assert lq is None and "尚未导入全国参照数据" in page.content.decode()
    # the nation from the table: C37 5,000 of 50,000 → 0.8 / 0.1 = 8.0
    client.force_login(world.users["admin"])
    assert client.post(reverse(NATIONAL), {"file": _national_csv(
        "2024,C37,5000,,国家统计局\n2024,38,15000,120000,国家统计局\n2024,I65,30000,,国家统计局\n")}).status_code == 302
    client.force_login(world.users["county"])
    lq, _ = _county_lq(client, world, reference="nation")
    assert lq == pytest.approx(8.0)


def test_the_national_table_imports_all_rows_or_none(client, world):
    client.force_login(world.users["admin"])
    page = client.get(reverse(NATIONAL))
    assert "尚未导入全国参照数据" in page.content.decode()
    bad = _national_csv("2024,C37,5000,,统计年鉴\n20x4,C38,1,,统计年鉴\n2024,Z99,1,,统计年鉴\n"
                        "2024,C3711,10,,统计年鉴\n2024,I65,-3,,\n")
    page = client.post(reverse(NATIONAL), {"file": bad})
    assert page.status_code == 400 and NationalReferenceFigure.objects.count() == 0
    places = [place for place, _ in page.context["errors"]]
    assert places == ["national.csv 第 3 行 年份", "national.csv 第 4 行 行业代码", "national.csv 第 5 行 行业代码",
                      "national.csv 第 6 行 产值（万元）", "national.csv 第 6 行 来源"]
    good = _national_csv("2024,C37,5000,,\n2024,C38,15000,,\n")
    assert client.post(reverse(NATIONAL), {"file": good, "source": "2024年统计年鉴"}).status_code == 302
    assert NationalReferenceFigure.objects.count() == 2
    assert ObjectChange.objects.filter(changed_object_type__model="nationalreferencefigure").count() == 2
    # a new file for the same year replaces it
    client.post(reverse(NATIONAL), {"file": _national_csv("2024,C37,6000,,新来源\n")})
    assert list(NationalReferenceFigure.objects.values_list("industry__code", "output_wan")) == [
        ("C37", Decimal("6000.00"))]
    client.force_login(world.users["province"])
    assert client.get(reverse(NATIONAL)).status_code == 200
    assert client.post(reverse(NATIONAL), {"file": good}).status_code == 403
