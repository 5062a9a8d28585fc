"""Cluster targets and park concentration on hand-made figures (every number below is worked out by hand).

City A (长沙, cluster 轨道交通装备集群A, industries C37) holds:

* the world's enterprise E1 (芙蓉区, in the park, C3711, above size): yearly output 2026 12,000 万元;
* E2 (芙蓉区, outside parks, C3711, not above size): no yearly figure, monthly output 500 + 700 = 1,200 万元;
* E3 (岳麓区, outside parks, C2614, not of the cluster): yearly output 6,800 万元;
* new projects of 2026: one signed in 芙蓉区 inside the park (of the cluster), one started in 岳麓区 outside parks.

E1 bought for the segment 整车制造 in 2026: 300 from 芙蓉区 (local), 300 from 深圳 (outside), 100 from nowhere known.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.core.codes.uscc import make_uscc
from clusterdesk.enterprise_service.models import MonthlyFigure
from clusterdesk.enterprise_service.services import monthly_figure_save
from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
from clusterdesk.enterprises.services import enterprise_create
from clusterdesk.industry import selectors, services
from clusterdesk.industry.models import ClusterTarget, ConcentrationTarget, IndustryCode, PurchaseRecord
from clusterdesk.projects.models import Project
from clusterdesk.projects.services import project_create
from clusterdesk.regions.models import Region

pytestmark = pytest.mark.django_db
JULY_2 = datetime.date(2026, 7, 2)  # 182 of 365 days over: 0.4986


@pytest.fixture
def figures(world):
    admin = world.users["admin"]
    a = world.a
    yuelu = Region.objects.get(code="430104")
    e1 = a.enterprise
    e2 = enterprise_create(enterprise=Enterprise(uscc=make_uscc(region_code="430102", serial=11), name="芙蓉配套件厂",
                                                 region=a.county, industry=e1.industry), actor=admin)
    e3 = enterprise_create(enterprise=Enterprise(uscc=make_uscc(region_code="430104", serial=12), name="岳麓化工厂",
                                                 region=yuelu, industry=IndustryCode.objects.get(code="C2614")),
                           actor=admin)
    EnterpriseYearFigure.objects.create(enterprise=e1, year=2026, output_wan=Decimal(12000))
    EnterpriseYearFigure.objects.create(enterprise=e3, year=2026, output_wan=Decimal(6800))
    EnterpriseYearFigure.objects.create(enterprise=world.b.enterprise, year=2026, output_wan=Decimal(50000))
    for month, output in ((1, 500), (2, 700)):
        monthly_figure_save(figure=MonthlyFigure(enterprise=e2, period=datetime.date(2026, month, 1),
                                                 output_wan=Decimal(output)), actor=admin)
    for serial, (region, park, cluster, start, signed) in enumerate((
            (a.county, a.park, a.cluster, None, datetime.date(2026, 5, 8)),
            (yuelu, None, None, datetime.date(2026, 4, 1), None)), start=5):
        project_create(project=Project(
            code=f"2026-{region.code}-37-03-00000{serial}", name=f"新项目{serial}", owner=e1, region=region, park=park,
            cluster=cluster, industry=e1.industry, total_investment_wan=Decimal(1000), stage="construction",
            key_level="municipal", actual_start_date=start, signed_date=signed), actor=admin)
    shenzhen = Region.objects.get(code="440300")
    for supplier_region, amount in ((a.county, 300), (shenzhen, 300), (None, 100)):
        PurchaseRecord.objects.create(buyer=e1, supplier_name="供应商", supplier_region=supplier_region,
                                      segment=world.segment, year=2026, amount_wan=Decimal(amount))
    target = services.cluster_target_save(
        target=ClusterTarget(cluster=a.cluster, year=2026, output_wan=Decimal(30000), above_scale_count=3),
        segment_rates=[(world.segment, Decimal(60))], actor=admin)
    return {"e2": e2, "e3": e3, "target": target}


def test_cluster_target_progress_on_hand_made_figures(world, figures):
    progress = selectors.cluster_target_progress(world.users["city"], world.a.cluster, 2026, today=JULY_2)
    assert progress["members"] == 2  # E1 and E2; E3 is not of the cluster's industries, B is another city
    assert progress["elapsed_share"] == 0.4986
    assert progress["output"] == {
        "target": 30000.0, "actual": 13200.0, "gap": 16800.0, "achieved_share": 0.44, "on_track": False,
        "target_yi": 3.0, "actual_yi": 1.32, "gap_yi": 1.68}
    assert progress["above_scale"] == {"target": 3.0, "actual": 1.0, "gap": 2.0, "achieved_share": 0.333333,
                                       "on_track": False}
    [segment] = progress["segments"]
    assert (segment["segment"], segment["target_rate"], segment["actual_rate"], segment["gap"]) == (
        "整车制造", 0.6, 0.5, 0.1)
    assert (segment["local_wan"], segment["outside_wan"], segment["unknown_wan"]) == (300.0, 300.0, 100.0)


def test_progress_counts_only_the_users_scope_and_a_year_without_target(world, figures):
    # the secretary sees E1 alone: its yearly output, its above-size flag and its purchases
    progress = selectors.cluster_target_progress(world.users["secretary"], world.a.cluster, 2026, today=JULY_2)
    assert (progress["members"], progress["output"]["actual"], progress["above_scale"]["actual"]) == (2 - 1, 12000.0,
                                                                                                       1.0)
    empty = selectors.cluster_target_progress(world.users["city"], world.a.cluster, 2027, today=JULY_2)
    assert (empty["has_target"], empty["output"]["gap"], empty["elapsed_share"]) == (False, None, 0.0)


def test_park_concentration_by_county_against_the_targets(world, figures):
    admin = world.users["admin"]
    services.concentration_target_save(target=ConcentrationTarget(region=world.a.city,
                                                                  output_share_percent=Decimal(60)), actor=admin)
    services.concentration_target_save(target=ConcentrationTarget(region=world.a.county,
                                                                  output_share_percent=Decimal(95)), actor=admin)
    data = selectors.park_concentration(world.users["city"], world.a.city, 2026)
    furong, yuelu = data["counties"]
    assert (furong["name"], furong["output_wan"], furong["park_output_wan"], furong["output_share"]) == (
        "芙蓉区", 13200.0, 12000.0, 0.9091)
    assert (furong["enterprise_share"], furong["project_share"], furong["target_share"], furong["meets_target"]) == (
        0.5, 1.0, 0.95, False)
    assert (yuelu["name"], yuelu["output_share"], yuelu["enterprise_share"], yuelu["project_share"],
            yuelu["target_share"], yuelu["meets_target"]) == ("岳麓区", 0.0, 0.0, 0.0, 0.6, False)
    total = data["total"]
    assert (total["output_wan"], total["output_share"], total["enterprises"], total["projects"]) == (
        20000.0, 0.6, 3, 2)
    assert (data["target_share"], total["meets_target"]) == (0.6, True)
    # on the cluster page: the cluster's enterprises and projects only (E3 and the 岳麓区 project are not)
    cluster = selectors.park_concentration(world.users["city"], world.a.city, 2026, cluster=world.a.cluster)
    assert [(c["name"], c["output_share"], c["projects"]) for c in cluster["counties"]] == [("芙蓉区", 0.9091, 1)]
    # a county officer sees only their county; with no target of their own they would take the city's
    county = selectors.park_concentration(world.users["county"], world.a.city, 2026)
    assert [c["name"] for c in county["counties"]] == ["芙蓉区"]


def test_the_default_concentration_target_comes_from_settings(world, settings):
    settings.CLUSTERDESK = {**settings.CLUSTERDESK, "PARK_CONCENTRATION_TARGET": 0.75}
    assert selectors.concentration_target_share(world.users["city"], world.a.county) == 0.75


def test_target_services_are_recorded_and_scoped(world, figures):
    from django.core.exceptions import PermissionDenied

    target = figures["target"]
    assert ObjectChange.objects.filter(changed_object_type__model="clustertarget",
                                       changed_object_id=target.pk).exists()
    assert ObjectChange.objects.filter(changed_object_type__model="segmentsupplytarget").count() == 1
    target.output_wan = Decimal(31000)
    services.cluster_target_save(target=target, segment_rates=[], actor=world.users["city"])
    assert target.segment_rates.count() == 0
    with pytest.raises(PermissionDenied):  # a county officer reads the city's targets but does not set them
        services.cluster_target_save(target=ClusterTarget(cluster=world.a.cluster, year=2027),
                                     actor=world.users["county"])
    with pytest.raises(PermissionDenied):  # another city's cluster
        services.cluster_target_save(target=ClusterTarget(cluster=world.b.cluster, year=2027),
                                     actor=world.users["city"])


def test_the_cluster_page_shows_the_gap_and_concentration(client, world, figures):
    client.force_login(world.users["city"])
    page = client.get(reverse("industry:cluster_detail", args=[world.a.cluster.pk]), {"year": 2026})
    assert page.context["target_progress"]["output"]["gap"] == 16800.0
    body = page.content.decode()
    assert 'data-testid="output-gap">1.68亿元' in body and "1.68 " in body
    assert [c["name"] for c in page.context["concentration"]["counties"]] == ["芙蓉区"]
    client.force_login(world.users["county"])  # reads the city's cluster, may not set its targets
    page = client.get(reverse("industry:cluster_detail", args=[world.a.cluster.pk]), {"year": 2026})
    assert reverse("industry:clustertarget_add", args=[world.a.cluster.pk]) not in page.content.decode()
    assert client.get(reverse("industry:clustertarget_add", args=[world.a.cluster.pk])).status_code == 404


def test_targets_are_set_through_the_form(client, world):
    client.force_login(world.users["city"])
    url = reverse("industry:clustertarget_add", args=[world.a.cluster.pk])
    form = {"year": "2027", "output_wan": "3000亿元", "above_scale_count": "120", "note": "",
            "segment_rates-TOTAL": "1", "segment_rates-0-row": "1", "segment_rates-0-segment": "电池",
            "segment_rates-0-rate": "55"}
    response = client.post(url, form)
    assert "电池" in response.content.decode() and not ClusterTarget.objects.exists()  # no such segment
    response = client.post(url, {**form, "segment_rates-0-segment": "整车制造"})
    target = ClusterTarget.objects.get(cluster=world.a.cluster, year=2027)
    assert response.status_code == 302 and target.output_wan == Decimal(30000000)
    assert [(r.segment.name, r.rate_percent) for r in target.segment_rates.all()] == [("整车制造", Decimal(55))]
    assert ObjectChange.objects.filter(changed_object_type__model="clustertarget", user=world.users["city"]).exists()


def test_chain_chief_task_force_and_leaders_on_the_chain_page(client, world):
    from clusterdesk.accounts.models import Unit

    unit = Unit.objects.create(name="长沙市工业和信息化局", short_name="市工信局", region=world.a.city)
    client.force_login(world.users["city"])
    response = client.post(reverse("industry:chain_leadership", args=[world.chain.pk]), {
        "chief_name": "province", "chief_title": "市委副书记",
        "task_force-TOTAL": "2", "task_force-0-row": "1", "task_force-0-unit": "市工信局",
        "task_force-0-duty": "牵头单位", "task_force-1-row": "1", "task_force-1-person": "city",
        "task_force-1-duty": "联络员",
        "leaders-TOTAL": "1", "leaders-0-row": "1", "leaders-0-enterprise": world.a.enterprise.uscc,
        "leaders-0-note": "整车龙头"})
    assert response.status_code == 302
    chain = world.chain
    chain.refresh_from_db()
    assert (chain.chief.username, chain.chief_title) == ("province", "市委副书记")
    assert [(m.unit_id, m.duty) for m in chain.task_force.all()] == [(unit.pk, "牵头单位"), (None, "联络员")]
    body = client.get(chain.get_absolute_url()).content.decode()
    assert "市委副书记" in body and "市工信局" in body and "整车龙头" in body
    assert ObjectChange.objects.filter(changed_object_type__model="chainleaderenterprise").count() == 1
    # the chain of city A is read, not led, by a county officer; city B's enterprise cannot be named a leader
    client.force_login(world.users["county"])
    assert client.get(reverse("industry:chain_leadership", args=[world.chain.pk])).status_code == 404
    client.force_login(world.users["city"])
    response = client.post(reverse("industry:chain_leadership", args=[world.chain.pk]), {
        "chief_name": "", "chief_title": "", "task_force-TOTAL": "0", "leaders-TOTAL": "1", "leaders-0-row": "1",
        "leaders-0-enterprise": world.b.enterprise.uscc})
    assert response.status_code == 200 and chain.leader_enterprises.count() == 1


def test_the_region_page_shows_concentration_and_the_target_is_set_in_scope(client, world, figures):
    client.force_login(world.users["city"])
    url = reverse("industry:concentrationtarget_edit", args=[world.a.city.code])
    assert client.post(url, {"output_share_percent": "65", "note": ""}).status_code == 302
    page = client.get(reverse("regions:region_detail", args=[world.a.city.pk]), {"year": 2026})
    body = page.content.decode()
    assert body.count('data-testid="concentration-row"') == 2 and "65.0%" in body and "岳麓区" in body
    client.force_login(world.users["county"])
    assert client.get(url).status_code == 404  # exists now: the county officer may not change the city's target
    assert client.get(reverse("industry:concentrationtarget_edit", args=[world.b.city.code])).status_code == 403


def _xlsx(rows) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_targets_import_all_or_nothing_with_row_and_column_errors(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.users["city"])
    url = reverse("industry:clustertarget_import", args=[world.a.cluster.pk])
    header = ["年份", "目标产值（万元）", "规上企业数", "环节", "本地配套率目标（%）", "备注"]
    years = [[2026, "2800亿元", 110, None, None, "年度目标"], [2027, "3000亿元", 120, "整车制造", 60, None]]
    wrong = _xlsx([header, *years, [2027, None, None, "电池", 50, None], ["明年", None, None, None, None, None]])
    response = client.post(url, {"file": SimpleUploadedFile("targets.xlsx", wrong)})
    errors = [place for place, _ in response.context["errors"]]
    assert response.status_code == 400 and not ClusterTarget.objects.exists()
    assert errors == ["targets.xlsx 第 4 行 环节", "targets.xlsx 第 5 行 年份"]
    right = _xlsx([header, *years])
    assert client.post(url, {"file": SimpleUploadedFile("targets.xlsx", right)}).status_code == 302
    assert list(ClusterTarget.objects.order_by("year").values_list("year", "output_wan", "above_scale_count")) == [
        (2026, Decimal(28000000), 110), (2027, Decimal(30000000), 120)]
    assert ClusterTarget.objects.get(year=2027).segment_rates.get().rate_percent == Decimal(60)
    client.force_login(world.users["county"])
    assert client.post(url, {"file": SimpleUploadedFile("targets.xlsx", right)}).status_code == 404


def test_a_gbk_csv_imports_and_a_segment_name_two_chains_share_must_name_its_chain(client, world):
    """Excel on Chinese Windows saves CSV in GBK; a segment name two chains of the cluster share is refused until
    written 产业链·环节 (it used to land on either chain)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clusterdesk.industry.models import Chain, ChainSegment

    other = Chain.objects.create(cluster=world.a.cluster, name="新能源汽车产业链")
    ChainSegment.objects.create(chain=other, name=world.segment.name, position="midstream")
    client.force_login(world.users["city"])
    url = reverse("industry:clustertarget_import", args=[world.a.cluster.pk])

    def post(segment: str):
        text = f"年份,目标产值（万元）,环节,本地配套率目标（%）\n2027,30000,{segment},60\n"
        return client.post(url, {"file": SimpleUploadedFile("targets.csv", text.encode("gbk"))})

    response = post(world.segment.name)
    assert response.status_code == 400 and not ClusterTarget.objects.exists()
    assert "产业链·环节" in response.context["errors"][0][1]
    assert post(f"{world.chain.name}·{world.segment.name}").status_code == 302
    assert ClusterTarget.objects.get(year=2027).segment_rates.get().segment == world.segment
