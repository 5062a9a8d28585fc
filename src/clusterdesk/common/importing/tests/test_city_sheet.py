# ruff: noqa: E501  (exact Chinese error lines; CJK characters count double)
"""Issue 16 item 10: a city office's real project list (section headings, subtotals, a two-row header, the
owner's credit code, the annual plan, 建设内容及规模, a repeated row) is read as the office means it."""

from decimal import Decimal

import pytest

from clusterdesk.common.importing.runner import run_import
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.projects.models import AnnualPlan, Project

from .city_sheet import city_sheet

pytestmark = pytest.mark.django_db


def _run(world, data, *, dry_run=False, user="city"):
    return run_import(kind="projects", data=data, file_name="2025年计划.xlsx", actor=world.users[user],
                      dry_run=dry_run)


def test_the_reported_sheet_lists_exactly_its_real_errors(world):
    """Section headings and totals raised no false errors; the wrong check character, "abc" as a plan and the
    repeated row are each reported with row and column; the unread columns are listed; nothing is written."""
    before = (Project.objects.count(), Enterprise.objects.count(), AnnualPlan.objects.count())
    report = _run(world, city_sheet(world))
    assert [e.as_line() for e in report.errors] == [
        '2025年计划!F10 统一社会信用代码：统一社会信用代码校验位错误：应为 "T"，实为 "0"（914301020000080E70） / not a valid unified social credit code (GB 32100)',
        '2025年计划!K10 2025年计划投资：无法识别的金额："abc"（可写作数字加单位，如 1,200万元、3.5亿元） / not an amount of money (write e.g. 1200, 1,200万元 or 3.5亿元)',
        "2025年计划!B14 项目名称：与第 7 行重复（项目名称、县市区相同） / duplicates row 7 (same 项目名称、县市区)",
    ]
    assert report.ignored == ("序号", "建设地点", "建设起止年限", "联系人及电话", "备注")
    notes = [n.as_line() for n in report.notes]
    assert "2025年计划!5：分组标题“续建项目（2个）”，不作为数据；其下各行的项目阶段按“在建”读 / section heading “续建项目（2个）”: not a record; its rows take stage “construction”" in notes
    assert "2025年计划!8：“小计”是合计/小计行，已跳过，不作为项目导入 / “小计” is a total or subtotal row: skipped, not imported as a record" in notes
    assert "2025年计划!15：“合计”是合计/小计行，已跳过，不作为项目导入 / “合计” is a total or subtotal row: skipped, not imported as a record" in notes
    assert (Project.objects.count(), Enterprise.objects.count(), AnnualPlan.objects.count()) == before
    summary = report.summary_text()  # the CLI's dry-run output names the unread columns too
    assert "联系人及电话" in summary and "分组标题“新开工项目（2个）”" in summary


def test_the_corrected_sheet_imports_stages_owners_annual_plans_and_content(world):
    data = city_sheet(world, defects=False)
    preview = _run(world, data, dry_run=True)
    assert preview.errors == [] and (preview.created, preview.updated) == (5, 0)
    assert not Enterprise.objects.filter(name="湖南新能储能科技有限公司").exists()  # the dry run wrote nothing
    proposals = [n.as_line() for n in preview.notes if "尚未登记" in n.message]
    assert [line.split("：", 1)[0] for line in proposals] == ["2025年计划!E7 建设单位", "2025年计划!E10 建设单位"]
    assert "“湖南新能储能科技有限公司”" in proposals[0] and "将随本次导入新建该企业" in proposals[0]

    report = _run(world, data)
    assert report.errors == [] and report.batch_id
    projects = {p.code: p for p in Project.objects.filter(code__startswith="CS25-").select_related("owner")}
    assert {code: p.stage for code, p in projects.items()} == {
        "CS25-001": "construction", "CS25-002": "construction", "CS25-003": "preconstruction",
        "CS25-004": "preconstruction", "CS25-005": "preconstruction"}
    assert projects["CS25-001"].owner == world.a.enterprise  # found by its credit code
    assert projects["CS25-001"].construction_content == "新建厂房12万平方米，购置数控机床等设备"
    new_owner = projects["CS25-002"].owner
    assert (new_owner.name, new_owner.region) == ("湖南新能储能科技有限公司", world.a.county)
    assert projects["CS25-003"].owner.name == "湖南智联汽车部件有限公司"
    plans = {p.project.code: (p.year, p.planned_wan) for p in AnnualPlan.objects.filter(project__in=projects.values())}
    assert plans == {"CS25-001": (2025, Decimal("30000.00")), "CS25-002": (2025, Decimal("20000.00")),
                     "CS25-003": (2025, Decimal("10000.00")), "CS25-004": (2025, Decimal("20000.00")),
                     "CS25-005": (2025, Decimal("0.00"))}

    again = _run(world, data)  # the same list twice changes nothing, annual plans included
    assert (again.errors, again.created, again.updated, again.unchanged) == ([], 0, 0, 5)
    assert Enterprise.objects.filter(name="湖南新能储能科技有限公司").count() == 1
