# ruff: noqa: E501  (exact Chinese error lines; CJK characters count double)
"""Issue 16 item 10: a city office's real project list (section headings, subtotals, a two-row header, the
owner's credit code, the annual plan, 建设内容及规模, a repeated row) is read as the office means it."""

import datetime
from decimal import Decimal

import pytest

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.common.importing.runner import run_import
from clusterdesk.core.codes.uscc import make_uscc
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.projects.models import AnnualPlan, Project

from .city_sheet import city_sheet
from .sheets import xlsx

pytestmark = pytest.mark.django_db


def _sheet(world, **kw) -> bytes:
    return city_sheet(county=world.a.county.name, county_code=world.a.county.code,
                      owner=(world.a.enterprise.name, world.a.enterprise.uscc), **kw)


def _run(world, data, *, dry_run=False, user="city"):
    return run_import(kind="projects", data=data, file_name="2025年计划.xlsx", actor=world.users[user],
                      dry_run=dry_run)


def test_the_reported_sheet_lists_exactly_its_real_errors(world):
    """Section headings and totals raised no false errors; the wrong check character, "abc" as a plan and the
    repeated row are each reported with row and column; the unread columns are listed; nothing is written."""
    before = (Project.objects.count(), Enterprise.objects.count(), AnnualPlan.objects.count())
    report = _run(world, _sheet(world))
    assert [e.as_line() for e in report.errors] == [
        '2025年计划!F10 统一社会信用代码：统一社会信用代码校验位错误：应为 "T"，实为 "0"（914301020000080E70） / not a valid unified social credit code (GB 32100)',
        '2025年计划!K10 2025年计划投资：无法识别的金额："abc"（可写作数字加单位，如 1,200万元、3.5亿元） / not an amount of money (write e.g. 1200, 1,200万元 or 3.5亿元)',
        "2025年计划!B14 项目名称：与第 7 行重复（项目名称、县市区相同） / duplicates row 7 (same 项目名称、县市区)",
    ]
    assert report.ignored == ("序号", "建设地点", "联系人及电话", "备注")
    notes = [n.as_line() for n in report.notes]
    assert "2025年计划!5：分组标题“续建项目（2个）”，不作为数据；其下各行的项目阶段按“在建”读 / section heading “续建项目（2个）”: not a record; its rows take stage “construction”" in notes
    assert "2025年计划!8：“小计”是合计/小计行，已跳过，不作为数据导入 / “小计” is a total or subtotal row: skipped, not imported as a record" in notes
    assert "2025年计划!15：“合计”是合计/小计行，已跳过，不作为数据导入 / “合计” is a total or subtotal row: skipped, not imported as a record" in notes
    assert (Project.objects.count(), Enterprise.objects.count(), AnnualPlan.objects.count()) == before
    summary = report.summary_text()  # the CLI's dry-run output names the unread columns too
    assert "联系人及电话" in summary and "分组标题“新开工项目（2个）”" in summary


def test_the_corrected_sheet_imports_stages_owners_annual_plans_and_content(world):
    data = _sheet(world, defects=False)
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
    assert {code: (p.planned_start_date, p.planned_completion_date) for code, p in projects.items()} == {
        "CS25-001": (None, datetime.date(2026, 12, 31)), "CS25-002": (None, datetime.date(2026, 12, 31)),
        "CS25-003": (None, datetime.date(2027, 12, 31)), "CS25-004": (datetime.date(2025, 3, 1), datetime.date(2026, 6, 30)),
        "CS25-005": (None, datetime.date(2028, 12, 31))}
    assert plans == {"CS25-001": (2025, Decimal("30000.00")), "CS25-002": (2025, Decimal("20000.00")),
                     "CS25-003": (2025, Decimal("10000.00")), "CS25-004": (2025, Decimal("20000.00")),
                     "CS25-005": (2025, Decimal("0.00"))}

    again = _run(world, data)  # the same list twice changes nothing, annual plans included
    assert (again.errors, again.created, again.updated, again.unchanged) == ([], 0, 0, 5)
    assert Enterprise.objects.filter(name="湖南新能储能科技有限公司").count() == 1


def test_a_changed_plan_updates_only_the_annual_plan_and_a_precise_stored_date_is_kept(world):
    assert _run(world, _sheet(world, defects=False)).errors == []
    project = Project.objects.get(code="CS25-001")
    Project.objects.filter(pk=project.pk).update(planned_completion_date=datetime.date(2026, 6, 30))
    changes_before = ObjectChange.objects.filter(changed_object_type__model="project",
                                                 changed_object_id=project.pk).count()
    data = xlsx([["项目代码", "项目名称", "县市区", "总投资(万元)", "2025年计划投资", "建设起止年限"],
                 ["CS25-001", project.name, world.a.county.name, 90000, 35000, "2024-2026"]])
    preview = _run(world, data, dry_run=True)
    assert (preview.errors, preview.updated, preview.unchanged) == ([], 1, 0)
    assert preview.samples[0]["changes"] == [("年度计划投资(万元)", "30000.00（2025年）", "35000.00（2025年）")]
    assert _run(world, data).errors == []
    assert AnnualPlan.objects.get(project=project, year=2025).planned_wan == Decimal("35000.00")
    project.refresh_from_db()
    assert project.planned_completion_date == datetime.date(2026, 6, 30)  # within 2026: the stored day is kept
    assert ObjectChange.objects.filter(changed_object_type__model="project",
                                       changed_object_id=project.pk).count() == changes_before
    both = xlsx([["项目代码", "项目名称", "县市区", "总投资(万元)", "2025年计划投资"],
                 ["CS25-001", project.name, world.a.county.name, 95000, 36000]])
    assert _run(world, both).errors == []  # a row changing the project and its plan writes both
    project.refresh_from_db()
    assert (project.total_investment_wan, project.annual_plans.get(year=2025).planned_wan) == (
        Decimal("95000.00"), Decimal("36000.00"))


def test_the_owners_credit_code_must_agree_with_the_register(world):
    registered = world.a.enterprise
    other_code = make_uscc(region_code=world.a.county.code, serial=8801)
    county = world.a.county.name
    data = xlsx([["项目代码", "项目名称", "县市区", "总投资", "建设单位", "统一社会信用代码"],
                 ["OW-1", "代码不符项目", county, 1000, registered.name, other_code],
                 ["OW-2", "无代码新企业项目", county, 1000, "湖南从未登记有限公司", None],
                 ["OW-3", "简称项目", county, 1000, "测试装备", registered.uscc]])
    report = _run(world, data, dry_run=True)
    assert [e.as_line() for e in report.errors] == [
        f"Sheet1!F2 统一社会信用代码：“{registered.name}”已登记的统一社会信用代码为 {registered.uscc}，与表中的 {other_code} 不符 / “{registered.name}” is registered with the credit code {registered.uscc}, not {other_code}",
        "Sheet1!E3 建设单位：找不到企业“湖南从未登记有限公司”（或不在您的权限范围内）：请填写其统一社会信用代码，以便核对或新建 / no enterprise “湖南从未登记有限公司” found (or it is outside your scope): give its credit code",
    ]
    assert [n.as_line() for n in report.notes] == [
        f"Sheet1!E4 建设单位：按统一社会信用代码取已登记企业“{registered.name}”（表中写作“测试装备”） / the credit code names the registered “{registered.name}” (the sheet says “测试装备”)"]


def test_a_plan_column_needs_a_year_from_its_header_or_the_title(world):
    header = ["项目代码", "项目名称", "县市区", "总投资", "年度计划投资"]
    row = ["YR-1", "年份项目", world.a.county.name, 1000, 600]
    assert [e.as_line() for e in _run(world, xlsx([header, row])).errors] == [
        "Sheet1!E1 年度计划投资：表头和标题都没有写年份，无法确定是哪一年的数据：请把表头写成“2025年计划投资”这样 / neither the header nor the title names the year: write the header as e.g. “2025年计划投资”"]
    report = _run(world, xlsx([["某县2026年重点项目表"], header, row]))
    assert report.errors == []
    assert list(AnnualPlan.objects.filter(project__code="YR-1").values_list("year", "planned_wan")) == [
        (2026, Decimal("600.00"))]


def test_a_heading_gives_its_stage_only_to_rows_that_leave_it_empty(world):
    county = world.a.county.name
    data = xlsx([["序号", "项目代码", "项目名称", "县市区", "总投资", "项目阶段"],
                 ["一", "续建项目", None, None, 3000, None],
                 ["（一）工业项目", None, None, None, 3000, None],
                 [1, "ST-1", "阶段留空项目", county, 1000, None],
                 [2, "ST-2", "阶段已填项目", county, 2000, "谋划"]])
    report = _run(world, data)
    assert report.errors == []
    assert dict(Project.objects.filter(code__startswith="ST-").values_list("code", "stage")) == {
        "ST-1": "construction", "ST-2": "planning"}
    assert [n.as_line() for n in report.notes] == [
        "Sheet1!2：分组标题“续建项目”，不作为数据；其下项目阶段未填的行的项目阶段按“在建”读 / section heading “续建项目”: not a record; its rows that leave it empty take stage “construction”",
        "Sheet1!3：分组标题“工业项目”，不作为数据 / section heading “工业项目”: not a record"]


def test_the_owners_credit_code_alone_finds_the_owner(world):
    data = xlsx([["项目代码", "项目名称", "县市区", "总投资", "统一社会信用代码"],
                 ["OC-1", "只有信用代码的项目", world.a.county.name, 1000, world.a.enterprise.uscc]])
    assert _run(world, data).errors == []
    assert Project.objects.get(code="OC-1").owner == world.a.enterprise


def test_a_heading_does_not_move_an_existing_project(world):
    """A project already in construction, listed again under 前期项目, keeps its stage (moving it back needs a
    reason and the stage workflow); the preview says so."""
    project = world.a.project
    assert project.stage == "construction"
    data = xlsx([["项目代码", "项目名称", "县市区", "总投资"],
                 ["一、前期项目", None, None, None],
                 [project.code, project.name, project.region.code, project.total_investment_wan]])
    report = _run(world, data)
    assert (report.errors, report.unchanged) == ([], 1)
    project.refresh_from_db()
    assert project.stage == "construction"
    assert "Sheet1!3 项目阶段：已有记录保持项目阶段“在建”，不按分组标题改为“前期” / the existing record keeps its stage “construction” rather than the heading's “preconstruction”" in [n.as_line() for n in report.notes]


def test_a_unit_stated_above_the_header_applies_to_money_columns_without_one(world):
    data = xlsx([["某县2025年重点项目表"], ["填报单位：某县发改局", None, "单位：亿元"],
                 ["项目代码", "项目名称", "县市区", "总投资"], ["UN-1", "单位项目", world.a.county.name, 1.5]])
    report = _run(world, data)
    assert report.errors == []
    assert Project.objects.get(code="UN-1").total_investment_wan == Decimal("15000.00")
    assert "Sheet1!D3 总投资：表头未写单位，按表头上方的“亿元”读 / no unit in the header: read in 亿元, as stated above it" in [n.as_line() for n in report.notes]


def test_a_column_with_data_but_no_header_is_listed_as_not_imported(world):
    data = xlsx([["项目代码", "项目名称", "县市区", "总投资", None],
                 ["NH-1", "无表头列项目", world.a.county.name, 100, "张三 13800000000"]])
    report = _run(world, data, dry_run=True)
    assert (report.errors, report.ignored) == ([], ("E 列（无表头）",))


def test_a_sheet_longer_than_a_chunk_previews_and_imports_its_owners_and_plans(world, monkeypatch):
    """On SQLite the rows are written in chunks: the preview (one rolled-back transaction) and the import must both
    register the new owners and write every annual plan, however the rows fall into chunks."""
    from clusterdesk.common.importing import runner

    monkeypatch.setattr(runner, "CHUNK_ROWS", 2)
    data = _sheet(world, defects=False)
    preview = _run(world, data, dry_run=True)
    assert preview.errors == [] and preview.created == 5
    assert not AnnualPlan.objects.filter(project__code__startswith="CS25-").exists()
    report = _run(world, data)
    assert report.errors == [] and report.created == 5
    assert AnnualPlan.objects.filter(project__code__startswith="CS25-", year=2025).count() == 5
    assert Project.objects.get(code="CS25-002").owner.name == "湖南新能储能科技有限公司"
