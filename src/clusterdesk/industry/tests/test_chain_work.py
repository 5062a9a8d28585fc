"""Chain work end to end: templates in and out, mapping with evidence and user decisions, gaps, supporting rate,
cluster dashboard — on the real database, through services and pages, within each user's scope."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.core.chains import TemplateError
from clusterdesk.core.codes.uscc import make_uscc
from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
from clusterdesk.enterprises.services import enterprise_create
from clusterdesk.industry import services
from clusterdesk.industry.chain_files import (
    template_from_excel,
    template_from_yaml,
    template_to_excel,
    template_to_yaml,
)
from clusterdesk.industry.models import BusinessScope, ChainSegment, IndustryCode, PurchaseRecord, SegmentMapping
from clusterdesk.industry.selectors import chain_report
from clusterdesk.regions.models import Region

pytestmark = pytest.mark.django_db
TEMPLATES = Path(services.__file__).resolve().parent / "chain_templates"


def _lithium(world):
    template = template_from_yaml((TEMPLATES / "lithium-batteries.yaml").read_text(encoding="utf-8"))
    return services.chain_template_import(cluster=world.a.cluster, template=template, actor=world.users["admin"])


def _firm(world, county: str, serial: int, name: str, code: str, scope: str, revenue: int, leader=False):
    enterprise = enterprise_create(enterprise=Enterprise(
        uscc=make_uscc(region_code=county, serial=serial), name=name, region=Region.objects.get(code=county),
        industry=IndustryCode.objects.get(code=code), chain_leader=leader, above_scale=revenue >= 2000),
        actor=world.users["admin"])
    BusinessScope.objects.create(enterprise=enterprise, text=scope)
    EnterpriseYearFigure.objects.create(enterprise=enterprise, year=2024, output_wan=Decimal(revenue),
                                        revenue_wan=Decimal(revenue), employees=revenue // 50)
    return enterprise


def test_every_shipped_template_loads_and_validates():
    names = set()
    for path in sorted(TEMPLATES.glob("*.yaml")):
        template = template_from_yaml(path.read_text(encoding="utf-8"), filename=path.name)
        names.add(template.name)
        assert template.segments and template.edges
    assert len(names) == 7 and "锂电池产业链" in names


def test_template_import_creates_the_chain_and_export_round_trips(world, cli_context):
    chain = _lithium(world)
    segments = {s.name: s for s in chain.segments.select_related("parent")}
    assert len(segments) == 11
    assert segments["磷酸铁锂正极"].parent == segments["正极材料"]
    assert list(segments["电芯与电池包"].industry_codes.values_list("code", flat=True)) == ["C3841"]
    assert "电池回收" in segments["电芯与电池包"].exclusions
    exported = services.chain_template(chain)
    assert template_from_yaml(template_to_yaml(exported)) == exported
    assert template_from_excel(template_to_excel(exported)) == exported
    assert ObjectChange.objects.filter(changed_object_id=segments["电芯与电池包"].pk, action="create").exists()


def test_reimport_updates_in_place_and_keeps_mappings(world, cli_context):
    chain = _lithium(world)
    cell = chain.segments.get(name="电芯与电池包")
    SegmentMapping.objects.create(enterprise=world.a.enterprise, segment=cell, status="confirmed")
    text = (TEMPLATES / "lithium-batteries.yaml").read_text(encoding="utf-8")
    text = text.replace("keywords: [锂离子电池, 动力电池, 电芯, 电池包]", "keywords: [锂离子电池, 固态电池]")
    cut = text.index("- key: recycling")
    text = text[:cut] + text[text.index("edges:"):]
    text = text.replace("- {source: ev, target: recycling, description: 退役动力电池}\n", "")
    text = text.replace("- {source: recycling, target: lithium-resources, description: 再生锂盐（闭环）}\n", "")
    again = services.chain_template_import(cluster=world.a.cluster, template=template_from_yaml(text),
                                           actor=world.users["admin"])
    assert again.pk == chain.pk
    cell.refresh_from_db()
    assert cell.keywords == ["固态电池", "锂离子电池"] and cell.mappings.count() == 1
    assert not chain.segments.filter(name="回收与梯次利用").exists()


def test_template_files_with_errors_name_the_place_and_change_nothing(world, cli_context):
    bad = (TEMPLATES / "lithium-batteries.yaml").read_text(encoding="utf-8").replace(
        "{source: cell, target: ev}", "{source: cell, target: robots}")
    with pytest.raises(TemplateError, match=r"lithium.yaml edges\[6\].target: 环节 robots 不存在"):
        template_from_yaml(bad, filename="lithium.yaml")
    with pytest.raises(TemplateError, match="broken.yaml 第 3 行: YAML 格式错误"):
        template_from_yaml("name: x\nsegments: [\n", filename="broken.yaml")
    template = template_from_yaml((TEMPLATES / "lithium-batteries.yaml").read_text(encoding="utf-8"))
    content = template_to_excel(template)
    import io

    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(content))
    book["segments"]["C3"] = "sideways"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(TemplateError, match="chain.xlsx segments 表第 3 行 position 列"):
        template_from_excel(out.getvalue(), filename="chain.xlsx")
    client_count = ChainSegment.objects.count()
    from django.test import Client
    client = Client()
    client.force_login(world.users["city"])
    upload = __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
        "lithium.yaml", bad.encode("utf-8"))
    page = client.post(reverse("industry:chain_import", args=[world.a.cluster.pk]), {"file": upload})
    assert page.status_code == 400 and "robots" in page.content.decode()
    assert ChainSegment.objects.count() == client_count


def test_mapping_refresh_keeps_evidence_and_user_decisions(world, cli_context):
    chain = _lithium(world)
    cell = chain.segments.get(name="电芯与电池包")
    recycling = chain.segments.get(name="回收与梯次利用")
    maker = _firm(world, "430104", 11, "长沙锂电科技有限公司", "C3841", "锂离子电池、电芯的研发、生产", 9000)
    trader = _firm(world, "430104", 12, "长沙电池商贸有限公司", "F5179", "锂离子电池销售；五金产品批发", 500)
    recycler = _firm(world, "430211", 13, "株洲再生资源有限公司", "C4210", "廢舊動力電池回收、梯次利用", 3000)
    counts = services.mappings_refresh(chain=chain, actor=world.users["admin"])
    assert counts["created"] == 2  # the maker in 电芯, the recycler in 回收; the trader is excluded
    mapping = SegmentMapping.objects.get(enterprise=maker, segment=cell)
    assert mapping.status == "suggested" and mapping.score == 2 + 2
    assert {e["term"] for e in mapping.evidence} == {"C3841", "锂离子电池", "电芯"}
    assert not SegmentMapping.objects.filter(enterprise=trader, segment=cell).exists()  # 锂离子电池销售 excluded
    assert SegmentMapping.objects.filter(enterprise=recycler, segment=recycling).exists()  # traditional script
    assert not SegmentMapping.objects.filter(enterprise=recycler, segment=cell).exists()
    services.mapping_decide(mapping=mapping, status="confirmed", actor=world.users["city"])
    assert maker.chain_segments.filter(pk=cell.pk).exists()
    wrong = SegmentMapping.objects.get(enterprise=recycler, segment=recycling)
    services.mapping_decide(mapping=wrong, status="rejected", actor=world.users["admin"], note="只做贸易")
    BusinessScope.objects.filter(enterprise=maker).update(text="储能系统集成")
    services.mappings_refresh(chain=chain, actor=world.users["admin"])
    assert SegmentMapping.objects.get(enterprise=maker, segment=cell).status == "confirmed"  # a decision stays
    assert SegmentMapping.objects.get(enterprise=recycler, segment=recycling).status == "rejected"
    from django.contrib.contenttypes.models import ContentType
    decisions = ObjectChange.objects.filter(changed_object_type=ContentType.objects.get_for_model(SegmentMapping),
                                            changed_object_id__in=[mapping.pk, wrong.pk], action="update")
    assert decisions.count() == 2 and {c.user_name for c in decisions} == {"city", "admin"}


def test_mapping_pages_are_scoped(client, world, cli_context):
    chain = _lithium(world)
    services.mappings_refresh(chain=chain, actor=world.users["admin"])
    _firm(world, "430104", 21, "长沙电芯有限公司", "C3841", "电芯制造", 100)
    _firm(world, "430211", 22, "株洲电芯有限公司", "C3841", "电芯制造", 100)
    services.mappings_refresh(chain=chain, actor=world.users["admin"])
    url = reverse("industry:mapping_list", args=[chain.pk])
    client.force_login(world.users["city"])
    names = {m.enterprise.name for m in client.get(url).context["mappings"]}
    assert "长沙电芯有限公司" in names and "株洲电芯有限公司" not in names
    outside = SegmentMapping.objects.get(enterprise__name="株洲电芯有限公司")
    page = client.post(reverse("industry:mapping_decide", args=[outside.pk]), {"status": "confirmed"})
    assert page.status_code == 404
    assert SegmentMapping.objects.get(pk=outside.pk).status == "suggested"
    client.force_login(world.users["province"])
    assert "株洲电芯有限公司" in {m.enterprise.name for m in client.get(url).context["mappings"]}


def test_gaps_and_candidates_by_hand(client, world, cli_context):
    chain = _lithium(world)
    for i in range(3):
        _firm(world, "430104", 30 + i, f"长沙电芯{i}号有限公司", "C3841", "动力电池制造", 6000)
    _firm(world, "430104", 40, "长沙正极材料有限公司", "C3985", "三元前驱体、正极材料研发", 500)
    _firm(world, "430211", 41, "株洲负极材料有限公司", "C3091", "人造石墨负极材料生产", 4000)
    _firm(world, "430211", 42, "株洲小负极有限公司", "C3091", "硅碳负极", 100)
    services.mappings_refresh(chain=chain, actor=world.users["admin"])
    report = chain_report(chain, world.users["province"])  # analysed in 长沙市, the cluster's city
    verdict = {s.name: s.gap for s in report.segments}
    assert verdict["电芯与电池包"].status == "covered" and verdict["电芯与电池包"].strength.enterprises == 3
    assert verdict["电芯与电池包"].strength.output_wan == 18000
    assert verdict["正极材料"].status == "weak"  # one enterprise, 2.7 % of output
    assert verdict["负极材料"].status == "missing"
    assert report.gaps.completeness == pytest.approx(1 / 11)
    anode = chain.segments.get(name="负极材料")
    ranked = [c.name for c in report.candidates[anode.pk]]
    assert ranked == ["株洲负极材料有限公司", "株洲小负极有限公司"]
    assert anode.pk in {int(k) for k, _ in report.gaps.extend_targets}  # supplies the strong cell segment
    city_view = chain_report(chain, world.users["city"])
    assert anode.pk not in city_view.candidates  # 株洲 is outside the city officer's scope
    client.force_login(world.users["province"])
    page = client.get(reverse("industry:chain_detail", args=[chain.pk]))
    assert page.status_code == 200 and "株洲负极材料有限公司" in page.content.decode()


def test_purchase_import_and_local_supporting_rate(client, world, cli_context):
    chain = _lithium(world)
    leader = _firm(world, "430104", 50, "长沙电池链主有限公司", "C3841", "动力电池制造", 900000, leader=True)
    supplier = _firm(world, "430102", 51, "长沙正极有限公司", "C3985", "正极材料", 2000)
    services.mappings_refresh(chain=chain, actor=world.users["admin"])
    rows = ["采购方信用代码,供应商名称,供应商信用代码,供应商所在地,环节,采购内容,年份,月份,金额（万元）",
            f"{leader.uscc},长沙正极有限公司,{supplier.uscc},,正极材料,三元正极,2024,3,600",
            f"{leader.uscc},宁德某材料有限公司,,350900,正极材料,三元正极,2024,5,400",
            f"{leader.uscc},湘潭隔膜有限公司,,430300,隔膜与电解液,隔膜,2024,,0.1亿元",
            f"{leader.uscc},上海电解液有限公司,,310000,隔膜与电解液,电解液,2025,1,\"1,000\""]
    url = reverse("industry:purchase_import", args=[chain.pk])
    client.force_login(world.users["city"])
    from django.core.files.uploadedfile import SimpleUploadedFile
    bad = rows + [f"{leader.uscc},某公司,,999999,正极材料,x,2024,13,abc"]
    page = client.post(url, {"file": SimpleUploadedFile("p.csv", "\n".join(bad).encode("utf-8"))})
    text = page.content.decode()
    assert page.status_code == 400 and "p.csv 第 6 行 供应商所在地" in text and "第 6 行 金额（万元）" in text
    assert PurchaseRecord.objects.count() == 0
    page = client.post(url, {"file": SimpleUploadedFile("p.csv", "\n".join(rows).encode("utf-8"))})
    assert page.status_code == 302 and PurchaseRecord.objects.count() == 4
    supporting = client.get(reverse("industry:chain_detail", args=[chain.pk])).context["supporting"]
    by_segment = {r.segment: r for r in supporting["by_segment"]}
    assert by_segment["正极材料"].rate == pytest.approx(0.6)
    assert by_segment["隔膜与电解液"].rate == 0.0 and by_segment["隔膜与电解液"].outside_wan == 2000
    assert [r.segment for r in supporting["targets"]] == ["隔膜与电解液", "正极材料"]
    province = client.get(reverse("industry:chain_detail", args=[chain.pk]), {"local": "province"})
    assert {r.segment: r.rate for r in province.context["supporting"]["by_segment"]}["隔膜与电解液"] == \
        pytest.approx(1000 / 2000)
    client.force_login(world.users["viewer"])  # read-only role: sees the rate, cannot import
    assert client.get(reverse("industry:chain_detail", args=[chain.pk])).context["supporting"]["count"] == 4


def test_cluster_dashboard_computes_metrics_within_scope(client, world, cli_context):
    for i, (county, revenue) in enumerate([("430102", 8000), ("430104", 1000), ("430104", 500), ("430211", 7000)]):
        firm = _firm(world, county, 60 + i, f"轨交配套{i}有限公司", "C3714", "轨道交通装备零部件", revenue)
        EnterpriseYearFigure.objects.create(enterprise=firm, year=2023, output_wan=Decimal(revenue * 0.8),
                                            revenue_wan=Decimal(revenue), employees=revenue // 60)
    url = reverse("industry:cluster_metrics", args=[world.a.cluster.pk])
    client.force_login(world.users["province"])
    page = client.get(url)
    assert page.status_code == 200
    latest = {r["region"]: r for r in page.context["latest"]}
    assert set(latest) == {"430102", "430104", "430211"} | ({world.a.county.code} & set(latest))
    assert latest["430104"]["enterprises"] == 2 and latest["430104"]["output_wan"] == 1500
    assert latest["430104"]["cagr"] == pytest.approx(0.25)
    client.force_login(world.users["city"])
    assert "430211" not in {r["region"] for r in client.get(url).context["latest"]}


def test_every_page_renders_for_every_role(client, world, cli_context):
    chain = _lithium(world)
    urls = [reverse("industry:chain_detail", args=[chain.pk]), reverse("industry:mapping_list", args=[chain.pk]),
            reverse("industry:chain_export", args=[chain.pk, "yaml"]),
            reverse("industry:chain_export", args=[chain.pk, "xlsx"]),
            reverse("industry:cluster_metrics", args=[world.a.cluster.pk])]
    for role in ("admin", "province", "city", "county", "park", "secretary", "viewer"):
        client.force_login(world.users[role])
        for url in urls:
            assert client.get(url).status_code == 200, (role, url)
        page = client.get(reverse("industry:chain_import", args=[world.a.cluster.pk]))
        assert page.status_code == (200 if role in ("admin", "province", "city") else 403), role
    client.force_login(world.users["city"])
    assert client.get(reverse("industry:cluster_metrics", args=[world.b.cluster.pk])).status_code == 404
