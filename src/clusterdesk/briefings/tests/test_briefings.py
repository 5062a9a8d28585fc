"""Briefings: each kind generated for a scoped user holds only in-scope figures (the .docx opened with python-docx and
checked against the database), the GB/T 9704 layout, the wording, the PDF, the command line, the library's scope,
and the monthly job delivering to a subscriber."""

import datetime
import io
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import load_workbook

from clusterdesk.briefings import services
from clusterdesk.briefings.models import Briefing, BriefingSubscription
from clusterdesk.briefings.writers.docx_writer import write_docx
from clusterdesk.briefings.writers.pdf import docx_to_pdf, soffice_path
from clusterdesk.core.briefings import BriefChart, BriefingDocument, BriefParagraph, BriefSection, BriefTable
from clusterdesk.enterprise_service.models import EnterpriseWarning, MonthlyFigure
from clusterdesk.evaluation.models import EvaluationRun, EvaluationSheet
from clusterdesk.notifications.models import Notification
from clusterdesk.projects.models import AnnualPlan, ProjectLight
from clusterdesk.projects.supervision import monthly_run

JUNE = datetime.date(2025, 6, 1)


@pytest.fixture
def month(world):
    """June 2025's lights for both cities' projects, with annual plans; both problems are overdue by July."""
    AnnualPlan.objects.create(project=world.a.project, year=2025, planned_wan=Decimal("12000"))
    AnnualPlan.objects.create(project=world.b.project, year=2025, planned_wan=Decimal("24000"))
    monthly_run(month=JUNE)
    return world


def _open(briefing: Briefing) -> Document:
    return Document(io.BytesIO(briefing.read_file("docx")))


def _cells(document: Document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def _text(document: Document) -> str:
    return "\n".join(p.text for p in document.paragraphs) + "\n" + "\n".join(
        cell for table in _cells(document) for row in table for cell in row)


@pytest.mark.django_db
def test_a_county_officers_monthly_project_briefing_holds_only_the_county(month):
    world, county = month, month.users["county"]
    with translation.override("zh-hans"):
        briefing = services.briefing_generate(kind="projects-monthly", period=JUNE, actor=county)
        document = _open(briefing)
    assert briefing.region == world.a.county and briefing.scope_owner == county
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0].startswith("一、") and any(h.startswith("（一）") for h in headings)
    text = _text(document)
    assert world.a.project.name in text and world.b.project.name not in text
    assert world.b.county.name not in text and world.b.park.name not in text
    county_table = _cells(document)[0]
    row = next(r for r in county_table if r[0] == world.a.county.name)
    light = ProjectLight.objects.get(project=world.a.project, month=JUNE)
    assert row[1] == "1" and row[2] == "1" and row[3] == "1"  # one project, planned to start in 2025, started
    assert row[5] == f"{light.annual_plan_wan:,.1f}" == "12,000.0"
    assert row[6] == f"{light.year_to_date_wan:,.1f}"
    overdue = next(t for t in _cells(document) if t[0][-1] in ("Overdue problems", "逾期问题数"))
    assert overdue[1:] == [["自然资源局", "1"]]  # city B's overdue problem is not counted
    annex = load_workbook(io.BytesIO(briefing.read_file("xlsx")))
    assert len(annex.sheetnames) == len(document.tables)


@pytest.mark.django_db
def test_the_docx_follows_the_official_document_layout():
    document = BriefingDocument("关于全市重大项目推进情况的通报", subtitle="长沙市 · 2025年06月",
                                opening=(BriefParagraph("现将有关情况通报如下。"),),
                                sections=(BriefSection("总体情况", blocks=(
                                    BriefTable("表1", ("县区", "开工率"), (("芙蓉区", "50.0%"),)),),
                                    sections=(BriefSection("开工", sections=(BriefSection("细项"),)),)),))
    docx = Document(io.BytesIO(write_docx(document)))
    section = docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    normal = docx.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(28)
    assert docx.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert docx.styles["Heading 2"].element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    title = docx.paragraphs[0]
    assert title.text == document.title and title.alignment == 1  # centred
    run = title.runs[0]
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体" and run.font.size == Pt(22)
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["一、总体情况", "（一）开工", "1.细项"]
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in footer._p.xml and footer.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert footer.runs[0].font.size == Pt(14)
    assert [[c.text for c in r.cells] for r in docx.tables[0].rows] == [["县区", "开工率"], ["芙蓉区", "50.0%"]]


@pytest.mark.skipif(soffice_path() is None or shutil.which("pdftoppm") is None,
                    reason="needs libreoffice-writer-nogui and poppler-utils (scripts/test.sh installs them)")
def test_the_pdf_renders_with_a_chart_and_its_page_image_is_kept(tmp_path):
    from clusterdesk.briefings.writers.charts import render_chart

    document = BriefingDocument("关于全市重大项目推进情况的通报", subtitle="长沙市 · 2025年06月",
                                opening=(BriefParagraph("现将有关情况通报如下。" * 8),),
                                sections=(BriefSection("总体情况", blocks=(
                                    BriefTable("表1 各县区开工率", ("县区", "开工率"), (("芙蓉区", "50.0%"),)),
                                    BriefChart("各县区计划完成率（%）", ("芙蓉区", "天元区"), (45.5, 80.0), "%"))),))
    pdf = docx_to_pdf(write_docx(document, render_chart=render_chart))
    assert pdf.startswith(b"%PDF")
    (tmp_path / "briefing.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(tmp_path / "briefing.pdf"),
                    str(tmp_path / "page")], check=True, timeout=60)
    page = tmp_path / "page.png"
    assert page.stat().st_size > 5000
    fonts = subprocess.run(["pdffonts", str(tmp_path / "briefing.pdf")], capture_output=True, text=True).stdout
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts  # 仿宋/小标宋 → Serif, 黑体 → Sans
    artifacts = Path(os.environ.get("CLUSTERDESK_ARTIFACTS", tmp_path)) / "screenshots"
    artifacts.mkdir(parents=True, exist_ok=True)
    shutil.copy(page, artifacts / "briefing-projects-monthly-page1.png")


@pytest.mark.django_db
def test_the_administrators_wording_fills_its_placeholders_and_unknown_ones_are_refused(month):
    admin = month.users["admin"]
    with pytest.raises(ValidationError) as refused:
        services.wording_save(kind="projects-monthly", title="{region}通报", opening="开工率{no_such}",
                              closing="", actor=admin)
    assert "no_such" in str(refused.value)
    services.wording_save(kind="projects-monthly", title="{region}{period}项目调度通报",
                          opening="本月开工率{start_rate}，红灯{red}个。", closing="", actor=admin)
    with translation.override("zh-hans"):
        document, _, _ = services.briefing_build_document(kind="projects-monthly", period=JUNE,
                                                          user=month.users["county"])
    assert document.title == f"{month.a.county.full_name}2025年06月项目调度通报"
    red = ProjectLight.objects.filter(project=month.a.project, month=JUNE, light="red").count()
    assert document.opening[0].text == f"本月开工率100.0%，红灯{red}个。"


@pytest.mark.django_db
def test_per_mu_monitoring_and_cluster_briefings_hold_only_the_scope(world):
    admin, county = world.users["admin"], world.users["county"]
    province = world.a.city.parent
    run = EvaluationRun.objects.create(name="2024年度亩均效益评价", region=province, year=2024)
    for side, klass, total in ((world.a, "A", 91.5), (world.b, "D", 40.0)):
        EvaluationSheet.objects.create(run=run, enterprise=side.enterprise, final_class=klass, total=total)
        MonthlyFigure.objects.create(enterprise=side.enterprise, period=JUNE, output_wan=Decimal("1500"),
                                     revenue_wan=Decimal("1400"), review_status="accepted")
        EnterpriseWarning.objects.create(enterprise=side.enterprise, period=JUNE, rule="output_drop", level="red",
                                         level_rank=3, value=Decimal("-40"), threshold=Decimal("-30"),
                                         explanation=f"{side.enterprise.name}产值下降")
    world.a.enterprise.chain_segments.add(world.segment)
    per_mu, _, _ = services.briefing_build_document(kind="per-mu", period=JUNE, user=county)
    tables = [t.rows for s in per_mu.sections for t in _tables(s)]
    assert tables[0] == ((world.a.county.name, "1", "0", "0", "0", "1"),)
    assert tables[1] == ((world.a.enterprise.name, world.a.county.name, "91.50"),) and tables[2] == ()
    monitoring, _, _ = services.briefing_build_document(kind="monitoring-monthly", period=JUNE, user=county)
    rows = [t.rows for s in monitoring.sections for t in _tables(s)]
    assert rows[0] == ((world.a.county.name, "1", "1,500.0", "1,400.0", "—"),)
    assert [r[0] for r in rows[2]] == [world.a.enterprise.name]
    whole, _, _ = services.briefing_build_document(kind="monitoring-monthly", period=JUNE, user=admin)
    assert len([t.rows for s in whole.sections for t in _tables(s)][2]) == 2
    from clusterdesk.industry.models import ClusterTarget

    ClusterTarget.objects.create(cluster=world.a.cluster, year=2025, output_wan=Decimal("300000"),
                                 above_scale_count=4)
    cluster, _, _ = services.briefing_build_document(kind="cluster", period=JUNE, user=county)
    table = _tables(cluster.sections[0])[0]
    assert [r[0] for r in table.rows] == [world.a.cluster.name]
    assert table.rows[0][2:4] == ("1", "1")  # the county's enterprise on the chain, above scale
    # The year's target (30亿元), the share of the year elapsed on 30 June (180 of 365 days) and above-size 1 of 4.
    row = dict(zip(table.columns, table.rows[0], strict=True))
    assert (row["2025年目标产值"], row["序时进度"], row["规上企业（实有/目标）"]) == ("30.00亿元", "49.3%", "1 / 4")


def _tables(section):
    found = [b for b in section.blocks if isinstance(b, BriefTable)]
    for child in section.sections:
        found += _tables(child)
    return found


@pytest.mark.django_db
def test_the_command_writes_the_docx_and_its_annex_and_lists_the_kinds(month, tmp_path, capsys):
    call_command("briefing", "list")
    assert "projects-monthly" in capsys.readouterr().out
    out = tmp_path / "通报.docx"
    call_command("briefing", "projects-monthly", period="2025-06", user="county", out=str(out))
    document = Document(str(out))
    assert month.a.project.name in _text(document) and month.b.project.name not in _text(document)
    assert load_workbook(tmp_path / "通报.xlsx").sheetnames
    with pytest.raises(Exception, match="registered kinds"):
        call_command("briefing", "observation-nope", period="2025-06", out=str(out))


@pytest.mark.django_db
def test_the_library_shows_a_user_only_briefings_of_their_scope(client, month):
    admin = month.users["admin"]
    a = services.briefing_generate(kind="monitoring-monthly", period=JUNE, actor=admin, region=month.a.county)
    b = services.briefing_generate(kind="monitoring-monthly", period=JUNE, actor=admin, region=month.b.city)
    client.force_login(month.users["county"])
    body = client.get(reverse("briefings:briefing_list")).content.decode()
    assert reverse("briefings:briefing_download", args=[a.pk, "docx"]) in body
    assert reverse("briefings:briefing_download", args=[b.pk, "docx"]) not in body
    assert client.get(reverse("briefings:briefing_download", args=[b.pk, "docx"])).status_code == 404
    response = client.get(reverse("briefings:briefing_download", args=[a.pk, "xlsx"]))
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"
    assert client.get(reverse("briefings:wording_list")).status_code == 404
    client.force_login(month.users["enterprise"])
    assert reverse("briefings:briefing_download", args=[a.pk, "docx"]) not in client.get(
        reverse("briefings:briefing_list")).content.decode()


@pytest.mark.django_db
def test_the_generate_page_and_the_subscription_page(client, month):
    client.force_login(month.users["city"])
    response = client.post(reverse("briefings:briefing_generate"), {"kind": "per-mu", "period": "2025-06",
                                                                    "region": month.b.city.code})
    assert response.status_code == 200 and not Briefing.objects.exists()  # city B is outside the scope
    response = client.post(reverse("briefings:briefing_generate"), {"kind": "per-mu", "period": "2025-06"})
    assert response.status_code == 302 and Briefing.objects.get().region == month.a.city
    response = client.post(reverse("briefings:subscription_add"), {
        "kind": "projects-monthly", "region_code": month.a.county.code, "recipient_name": "county",
        "is_active": "on"})
    assert response.status_code == 302
    subscription = BriefingSubscription.objects.get()
    assert subscription.recipient == month.users["county"]
    assert month.users["county"].username in client.get(reverse("briefings:subscription_list")).content.decode() \
        or month.users["county"].display_name in client.get(reverse("briefings:subscription_list")).content.decode()


@pytest.mark.django_db
def test_the_monthly_job_delivers_each_subscribers_briefing_once(month):
    county = month.users["county"]
    BriefingSubscription.objects.create(kind="projects-monthly", region=month.a.county, recipient=county)
    counts = services.briefings_monthly_run(period=JUNE)
    assert counts == {"generated": 1, "notified": 1, "failed": 0}
    briefing = Briefing.objects.get()
    assert briefing.scope_owner == county and briefing.region == month.a.county
    notification = Notification.objects.get(user=county)
    assert notification.url == reverse("briefings:briefing_download", args=[briefing.pk, "docx"])
    assert services.briefings_monthly_run(period=JUNE) == {"generated": 0, "notified": 0, "failed": 0}
    from clusterdesk.common.jobs import get_job

    assert get_job("briefings").schedule == "0 7 3 * *"  # the worker runs it on the 3rd of each month


@pytest.mark.django_db
def test_the_briefing_pages_speak_chinese(client, month):
    from clusterdesk.web.latin import stray_latin_words, visible_texts

    admin = month.users["admin"]
    services.briefing_generate(kind="per-mu", period=JUNE, actor=admin, region=month.a.county)
    BriefingSubscription.objects.create(kind="projects-monthly", region=month.a.county, recipient=admin)
    client.force_login(admin)
    client.post(reverse("set_language"), {"language": "zh-hans"})
    stray = {}
    for name, args in (("briefing_list", []), ("briefing_generate", []), ("wording_list", []),
                       ("wording_edit", ["projects-monthly"]), ("subscription_list", []),
                       ("subscription_add", [])):
        response = client.get(reverse(f"briefings:{name}", args=args))
        assert response.status_code == 200, name
        words = [w for text, _ in visible_texts(response.content.decode()) for w in stray_latin_words(text)]
        if words:
            stray[name] = words
    assert stray == {}


@pytest.mark.django_db
def test_a_county_cluster_report_counts_the_countys_enterprises_up_to_the_month(world):
    """A city officer's report for one county of the city's cluster counts that county's enterprises only, and only
    the months up to the report's month (a June report generated later leaves August out)."""
    from clusterdesk.core.briefings import format_money
    from clusterdesk.core.codes import make_uscc
    from clusterdesk.enterprises.models import Enterprise
    from clusterdesk.industry.models import ClusterTarget
    from clusterdesk.regions.models import Region

    a = world.a
    other = Enterprise.objects.create(uscc=make_uscc(region_code="430103", serial=77), name="天心测试装备有限公司",
                                      region=Region.objects.get(code="430103"), industry=a.enterprise.industry)
    for enterprise, month, output in ((a.enterprise, 5, "100"), (a.enterprise, 8, "50"), (other, 5, "1000")):
        MonthlyFigure.objects.create(enterprise=enterprise, period=datetime.date(2025, month, 1),
                                     output_wan=Decimal(output), revenue_wan=Decimal(output), review_status="accepted")
    ClusterTarget.objects.create(cluster=a.cluster, year=2025, output_wan=Decimal("1000"))
    document, _, _ = services.briefing_build_document(kind="cluster", period=JUNE, user=world.users["city"],
                                                      region=a.county)
    row = dict(zip(_tables(document.sections[0])[0].columns, _tables(document.sections[0])[0].rows[0], strict=True))
    assert (row["累计完成产值"], row["完成率"]) == (format_money(Decimal(100)), "10.0%")
