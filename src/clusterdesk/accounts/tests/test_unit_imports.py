# ruff: noqa: E501  (Chinese sheets; CJK characters count double)
"""Units in and out of Excel, and the 责任单位 / 单位 columns of other sheets resolved to units."""

import openpyxl
import pytest

from clusterdesk.accounts.models import Unit, User
from clusterdesk.accounts.services import units_seed_standard
from clusterdesk.common.importing.export import export_kind_to_path
from clusterdesk.common.importing.runner import run_import
from clusterdesk.common.importing.tests.sheets import xlsx

pytestmark = pytest.mark.django_db

HEADER = ["单位名称", "简称", "类型", "上级单位", "所属地区", "园区", "别名", "电话", "启用"]


def test_units_import_with_a_parent_later_in_the_sheet_and_export_round_trip(world, tmp_path):
    rows = [HEADER,
            ["芙蓉区发展和改革局", "区发改局", "发展和改革委员会（局）", "市发改委", "430102", "", "发改局、芙蓉区发改局", "", "是"],
            ["长沙市发展和改革委员会", "市发改委", "发展和改革委员会（局）", "", "长沙市", "", "发改委", "0731-1", "是"],
            [world.a.park.name + "管委会", "", "园区管理委员会", "", "430102", world.a.park.name, "", "", ""]]
    report = run_import(kind="units", data=xlsx(rows), file_name="u.xlsx", actor=world.users["city"])
    assert report.errors == [] and report.created == 3
    county = Unit.objects.get(name="芙蓉区发展和改革局")
    assert county.parent.name == "长沙市发展和改革委员会"
    assert county.alias_list == ["发改局", "芙蓉区发改局"]
    assert Unit.objects.get(park=world.a.park).kind == "park_committee"
    path = tmp_path / "units.xlsx"
    export_kind_to_path(kind="units", path=path, user=world.users["city"])
    sheet = openpyxl.load_workbook(path).active
    exported = [[c.value for c in row] for row in sheet.iter_rows()]
    header_row = next(i for i, r in enumerate(exported) if r[0] == "单位名称")
    by_name = {r[0]: r for r in exported[header_row + 1:]}
    assert by_name["芙蓉区发展和改革局"][3] == "长沙市发展和改革委员会"
    assert by_name["芙蓉区发展和改革局"][6] == "发改局、芙蓉区发改局"
    again = run_import(kind="units", data=path.read_bytes(), file_name="units.xlsx", actor=world.users["city"])
    assert again.errors == [] and again.created == 0 and again.updated == 0 and again.unchanged == 3


def test_units_import_errors_name_row_and_column(world):
    rows = [HEADER,
            ["长沙市商务局", "市商务局", "商务局", "", "430100", "", "", "", ""],
            ["芙蓉区商务局", "", "商务局", "不存在的单位", "430102", "", "", "", ""],
            ["株洲市商务局", "", "商务局", "", "430200", "", "", "", ""]]
    report = run_import(kind="units", data=xlsx(rows), file_name="u.xlsx", actor=world.users["city"])
    lines = [e.as_line() for e in report.errors]
    assert any(line.startswith("Sheet1!D3") and "不存在的单位" in line for line in lines), lines
    assert not Unit.objects.exists()
    outside = run_import(kind="units", data=xlsx([HEADER, rows[3]]), file_name="u.xlsx", actor=world.users["city"])
    assert [e.row for e in outside.errors] == [2] and "权限范围" in outside.errors[0].as_line()
    assert not Unit.objects.exists()


def test_users_sheet_links_the_unit_or_keeps_the_text_with_a_note(world):
    units_seed_standard(region=world.a.city, actor=None, parks=False)
    rows = [["用户名", "姓名", "角色", "单位"],
            ["wang", "王科长", "市级业务人员", "长沙市发改委"],
            ["li", "李科长", "只读用户", "某某办公室"]]
    report = run_import(kind="users", data=xlsx(rows), file_name="users.xlsx", actor=world.users["admin"])
    assert report.errors == [] and report.created == 2
    assert User.objects.get(username="wang").unit.name == "长沙市发展和改革委员会"
    li = User.objects.get(username="li")
    assert li.unit is None and li.unit_name == "某某办公室"
    assert any("某某办公室" in n.as_line() and n.column == "D" for n in report.notes)


def test_problem_and_lead_sheets_route_to_units_and_keep_unmatched_text(world):
    units_seed_standard(region=world.a.city, actor=None, parks=False)
    project = world.a.project
    rows = [["项目编码", "问题类别", "问题描述", "责任单位", "提出日期", "办结时限"],
            [project.code, "用地", "规划调整未批复", "区自规局", "2025-05-01", "2025-06-30"],
            [project.code, "资金", "配套资金未到位", "某某指挥部", "2025-05-01", "2025-06-30"]]
    report = run_import(kind="problems", data=xlsx(rows), file_name="p.xlsx", actor=world.users["city"])
    assert report.errors == [] and report.created == 2
    assert [n.row for n in report.notes if "某某指挥部" in n.as_line()] == [3]
    routed = project.problems.get(description="规划调整未批复")
    assert routed.assigned_unit.name == "芙蓉区自然资源和规划局"
    kept = project.problems.get(description="配套资金未到位")
    assert kept.assigned_unit is None and kept.owner_unit == "某某指挥部"
    leads = [["线索名称", "目标企业", "所在地区", "跟进单位"], ["轨道交通线索", "某某集团", "430102", "市商务局"]]
    report = run_import(kind="leads", data=xlsx(leads), file_name="l.xlsx", actor=world.users["city"])
    assert report.errors == []
    from clusterdesk.attraction.models import Lead

    assert Lead.objects.get(name="轨道交通线索").assigned_unit.name == "长沙市商务局"


def test_project_sheet_links_the_filing_unit(world):
    units_seed_standard(region=world.a.city, actor=None, parks=False)
    project = world.a.project
    rows = [["项目名称", "项目编码", "所在地区", "总投资", "责任单位"],
            [project.name, project.code, project.region.code, 50000, "区工信局"],
            ["新项目", "N-1", "430102", 1000, "区工信局"]]
    report = run_import(kind="projects", data=xlsx(rows), file_name="p.xlsx", actor=world.users["city"])
    assert report.errors == [], [e.as_line() for e in report.errors]
    project.refresh_from_db()
    assert project.assigned_unit.name == "芙蓉区工业和信息化局"
    from clusterdesk.projects.models import Project

    assert Project.objects.get(code="N-1").assigned_unit.name == "芙蓉区工业和信息化局"
