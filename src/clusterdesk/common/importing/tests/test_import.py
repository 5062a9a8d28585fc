# ruff: noqa: E501  (exact Chinese error lines; CJK characters count double)
"""Import of messy real-world sheets: exact values and exact errors, one transaction, idempotence, round trips."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from clusterdesk.changelog.models import ImportBatch, ObjectChange
from clusterdesk.common.importing.export import export_queryset
from clusterdesk.common.importing.runner import run_import
from clusterdesk.common.importing.specs import kind_names, spec_for
from clusterdesk.common.importing.templates import template_bytes, template_columns
from clusterdesk.core.codes.uscc import make_uscc
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.parks.models import Park
from clusterdesk.projects.models import Milestone, Problem, ProgressReport, Project

from .sheets import xlsx

pytestmark = pytest.mark.django_db

PROJECT_HEADER = ["序号", "项目名称", "项目编码", "所在地区", "所属园区", "总投资(亿元)", "计划开工时间", "项目阶段"]


def _run(world, kind, data, user="city", dry_run=False):
    return run_import(kind=kind, data=data, file_name=f"{kind}.xlsx", actor=world.users[user], dry_run=dry_run)


def _lines(report):
    return [e.as_line() for e in report.errors]


def test_messy_project_sheet_reads_every_form(world):
    park = world.a.park.name
    data = xlsx([
        ["2025年长沙市重点项目调度表"],
        ["填报单位：长沙市发改委", None, None, None, None, "单位：亿元"],
        PROJECT_HEADER,
        [1, " 长沙 新材料 产业园项目 ", "P-001", 430102, park, 1.5, 45482, "在建"],
        [2, "長沙智能製造項目", "Ｐ-００２", "芙蓉区", None, "3500万元", "2024年7月9日", "谋划"],
        [3, "长沙储能电池项目", "P-003", "430102", f" {park} ", "十二亿", "二〇二五年三月一日", "Reserve"],
        [None, None, None, None, None, None, None, None],
        ["合计", None, None, None, None, 16.85, None, None],
    ], merges=("A1:H1",))
    report = _run(world, "projects", data)
    assert _lines(report) == []
    assert (report.created, report.updated, report.unchanged, report.header_row) == (3, 0, 0, 3)
    assert report.ignored == ("序号",)
    rows = {p.code: p for p in Project.objects.filter(code__startswith="P-")}
    assert [(c, p.name, p.region.code, p.park_id, p.total_investment_wan, p.planned_start_date, p.stage)
            for c, p in sorted(rows.items())] == [
        ("P-001", "长沙新材料产业园项目", "430102", world.a.park.pk, Decimal("15000.00"), datetime.date(2024, 7, 9),
         "construction"),
        ("P-002", "长沙智能制造项目", "430102", None, Decimal("3500.00"), datetime.date(2024, 7, 9), "planning"),
        ("P-003", "长沙储能电池项目", "430102", world.a.park.pk, Decimal("120000.00"), datetime.date(2025, 3, 1),
         "reserve"),
    ]


def test_bad_project_sheet_lists_every_error_with_sheet_row_and_column(world):
    data = xlsx([
        ["项目名称", "项目编码", "所在地区", "所属园区", "总投资(万元)", "累计完成投资", "计划开工", "计划竣工", "项目阶段"],
        ["甲项目", "E-1", "430102", "不存在的园区", 100, 50, "2025-01-01", "2026-01-01", "在建"],
        ["乙项目", "E-2", "439999", None, -5, None, None, None, "在建"],
        ["丙项目", "E-3", "430102", None, 100, 300, "2025-06-01", "2025-01-01", "施工中"],
        ["丁项目", "E-1", "430102", None, 100, None, "2025/2/30", None, None],
        [world.a.project.name, "E-5", world.a.project.region.code, None, 100, None, None, None, None],
    ], title="项目表")
    before = (Project.objects.count(), ObjectChange.objects.count())
    report = _run(world, "projects", data)
    assert _lines(report) == [
        "项目表!D2 所属园区：找不到园区“不存在的园区”（或不在您的权限范围内） / no park “不存在的园区” found (or it is "
        "outside your scope)",
        "项目表!C3 所在地区：找不到行政区划“439999”（或不在您的权限范围内） / no region “439999” found (or it is outside your "
        "scope)",
        '项目表!E3 总投资(万元)：金额不能为负数（"-5"） / not an amount of money (write e.g. 1200, 1,200万元 or 3.5亿元)',
        "项目表!I4 项目阶段：\"施工中\" 不是可选值，应为：谋划、储备、前期、在建、竣工、达产、入统 / \"施工中\" is not one of the "
        "allowed values: 谋划、储备、前期、在建、竣工、达产、入统",
        "项目表!B5 项目编码：与第 2 行重复（项目编码 = E-1） / duplicates row 2 (项目编码 = E-1)",
        "项目表!G5 计划开工：日期不存在：2025 年 2 月没有 30 日（\"2025/2/30\"） / not a date (write e.g. 2024-07-09, "
        "2024/7/9 or 2024年7月9日)",
        f"项目表!A6 项目名称：与系统中已有记录“{world.a.project.name}”重复（项目名称、所在地区相同） / duplicates the "
        f"existing record “{world.a.project.name}”",
    ]
    assert (Project.objects.count(), ObjectChange.objects.count()) == before


def test_cross_field_rules_name_the_later_column(world):
    data = xlsx([["项目名称", "项目编码", "所在地区", "总投资", "累计完成投资", "计划开工", "计划竣工"],
                 ["丙项目", "E-3", "430102", 100, 300, "2025-06-01", "2025-01-01"]])
    assert _lines(_run(world, "projects", data)) == [
        "Sheet1!E2 累计完成投资：累计完成投资（300 万元）不能超过总投资（100 万元） / investment completed (300) exceeds "
        "the total investment (100)",
        "Sheet1!G2 计划竣工：计划竣工日期不能早于计划开工日期（2025-01-01 早于 2025-06-01） / the planned completion must "
        "not be before the planned start (2025-01-01 < 2025-06-01)",
    ]


def test_missing_required_column_and_unknown_unit(world):
    data = xlsx([["项目名称", "所在地区", "总投资(美元)"], ["甲", "430102", 1]])
    assert _lines(_run(world, "projects", data)) == [
        "Sheet1!C1 总投资(美元)：表头中的单位“美元”无法识别 / unknown unit “美元” in the header",
        "Sheet1!1 项目编码：缺少必填列“项目编码” / required column “project code” is missing",
        "Sheet1!1 总投资(万元)：缺少必填列“总投资(万元)” / required column “total investment” is missing",
    ]


def test_no_header_row(world):
    assert _lines(_run(world, "projects", xlsx([["随便"], ["什么"]]))) == [
        "Sheet1：找不到表头行：前 30 行中没有可识别的列名（应有 项目编码、项目名称、所在地区、总投资(万元)） / no header row "
        "found in the first 30 rows (expected 项目编码、项目名称、所在地区、总投资(万元))"
    ]


def test_enterprise_codes_and_duplicates(world):
    good = make_uscc(region_code="430102", serial=901)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    data = xlsx([
        ["统一社会信用代码", "企业名称", "所在地区", "规上企业", "年营业收入(亿元)"],
        [good, "长沙新企业有限公司", "430102", "是", 2.5],
        [bad, "长沙错码有限公司", "430102", "否", None],
        [make_uscc(region_code="430102", serial=902), "长沙新企业有限公司", "430102", "对吗", None],
        [make_uscc(region_code="430102", serial=903), world.a.enterprise.name, "430102", None, None],
    ], title="企业")
    lines = _lines(_run(world, "enterprises", data))
    assert len(lines) == 4
    assert lines[0].startswith(f"企业!A3 统一社会信用代码：统一社会信用代码校验位错误：应为 \"{good[-1]}\"")
    assert lines[0].endswith(" / not a valid unified social credit code (GB 32100)")
    assert lines[1] == "企业!B4 企业名称：与第 2 行重复（企业名称 = 长沙新企业有限公司） / duplicates row 2 (企业名称 = 长沙新企业有限公司)"
    assert lines[2] == '企业!D4 规上企业："对吗" 应为 是 或 否 / "对吗" should be 是 (yes) or 否 (no)'
    assert lines[3] == (f"企业!B5 企业名称：与系统中已有记录“{world.a.enterprise.name}”重复（企业名称相同） / duplicates "
                        f"the existing record “{world.a.enterprise.name}”")
    assert not Enterprise.objects.filter(uscc=good).exists()


def test_a_failure_on_the_last_row_leaves_the_database_unchanged(world):
    rows = [["项目名称", "项目编码", "所在地区", "总投资"]]
    rows += [[f"批量项目{i}", f"T-{i}", "430102", 100 + i] for i in range(20)]
    rows.append(["越界项目", "T-last", world.b.county.code, 100])  # 株洲: outside the city officer's scope
    before = (Project.objects.count(), ObjectChange.objects.count(), ImportBatch.objects.count())
    report = _run(world, "projects", xlsx(rows))
    assert _lines(report) == ["Sheet1!22：“越界项目”将落在您的权限范围之外（地区或园区） / “越界项目” would lie outside your "
                              "scope (region or park)"]
    assert (Project.objects.count(), ObjectChange.objects.count(), ImportBatch.objects.count()) == before
    assert not Project.objects.filter(code__startswith="T-").exists()


def test_dry_run_writes_nothing_and_reports_what_would_change(world):
    data = xlsx([["项目编码", "项目名称", "所在地区", "总投资"], [world.a.project.code, world.a.project.name,
                                                                 world.a.project.region.code, 60000],
                 ["D-1", "新项目", "430102", 10]])
    before = ObjectChange.objects.count()
    report = _run(world, "projects", data, dry_run=True)
    assert (report.created, report.updated, report.unchanged, report.batch_id) == (1, 1, 0, None)
    update = next(s for s in report.samples if s["action"] == "update")
    assert update["changes"] == [("总投资(万元)", "50000.00", "60000.00")]
    assert ObjectChange.objects.count() == before
    assert Project.objects.get(pk=world.a.project.pk).total_investment_wan == Decimal("50000")
    assert not Project.objects.filter(code="D-1").exists()


def test_import_is_idempotent_and_recorded_as_one_reviewable_batch(world):
    data = xlsx([["项目编码", "项目名称", "所在地区", "总投资(亿元)"], [world.a.project.code, world.a.project.name,
                                                                     world.a.project.region.code, 6],
                 ["I-1", "幂等项目", "430102", 0.5]])
    first = _run(world, "projects", data)
    assert (first.created, first.updated, first.unchanged) == (1, 1, 0)
    batch = ImportBatch.objects.get(pk=first.batch_id)
    assert (batch.kind, batch.created_count, batch.updated_count, batch.user.username) == ("projects", 1, 1, "city")
    changes = list(batch.changes.order_by("pk"))
    assert [(c.action, c.object_repr, c.source) for c in changes] == [("create", "幂等项目", "import"),
                                                                      ("update", world.a.project.name, "import")]
    assert changes[1].diff() == [("total_investment_wan", "50000.00", "60000.00")]
    changes_before = ObjectChange.objects.count()
    second = _run(world, "projects", data)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert ObjectChange.objects.count() == changes_before


def test_existing_record_outside_scope_cannot_be_changed(world):
    other = world.b.project
    data = xlsx([["项目编码", "项目名称", "所在地区", "总投资"], [other.code, other.name, other.region.code, 60000]])
    assert _lines(_run(world, "projects", data)) == [
        f"Sheet1!2：已有记录“{other.name}”不在您的修改权限范围内 / the existing record “{other.name}” is outside the "
        f"scope you may change"]


def test_viewer_may_not_import(world):
    data = xlsx([["项目编码", "项目名称", "所在地区", "总投资"], ["V-1", "看看", "430102", 1]])
    assert _lines(_run(world, "projects", data, user="viewer")) == ["Sheet1：您的角色不能新增项目 / your role may not add "
                                                                     "projects"]


def test_stage_change_by_import_passes_the_stage_gate(world):
    project = world.a.project
    data = xlsx([["项目编码", "项目名称", "所在地区", "总投资", "项目阶段"],
                 [project.code, project.name, project.region.code, 50000, "达产"]])
    lines = _lines(_run(world, "projects", data))
    assert len(lines) >= 1 and all(line.startswith("Sheet1!E2 项目阶段：") for line in lines)
    assert Project.objects.get(pk=project.pk).stage == "construction"


def test_parks_with_positioning_go_through_the_park_service(world):
    data = xlsx([["园区名称", "园区级别", "园区类型", "所在地区", "主导产业", "特色产业", "规划面积(公顷)"],
                 ["长沙新园区", "省级", "工业园区", "430102", "C37、C38", "C39", 100],
                 ["长沙超限园区", "省级", "工业园区", "430102", "C37、C38、C39", None, None]])
    lines = _lines(_run(world, "parks", data))
    assert lines and all(line.startswith("Sheet1!E3 主导产业：") for line in lines)
    data = xlsx([["园区名称", "园区级别", "园区类型", "所在地区", "主导产业", "特色产业", "规划面积(公顷)"],
                 ["长沙新园区", "省级", "工业园区", "430102", "C37、C38", "C39", 100]])
    report = _run(world, "parks", data)
    assert (report.created, _lines(report)) == (1, [])
    park = Park.objects.get(name="长沙新园区")
    assert park.planned_area_mu == Decimal("1500")
    assert sorted(i.code for i in park.leading_industries) == ["C37", "C38"]
    assert [i.code for i in park.featured_industries] == ["C39"]
    assert _run(world, "parks", data).unchanged == 1


def test_monthly_reports_pass_the_pipeline_identities(world):
    project = world.a.project
    data = xlsx([["项目编码", "填报月份", "本月完成投资", "建筑工程", "安装工程", "设备购置", "其他费用", "自开工累计完成投资"],
                 [project.code, "2025年5月", 2000, 1000, 500, 500, 0, 5000],
                 [project.code, "2025-06", 1000, 600, 100, 100, 100, 9999]], title="月报")
    lines = _lines(_run(world, "progress-reports", data))
    assert len(lines) >= 1 and all(line.startswith("月报!C3 本月完成投资：") for line in lines), lines
    data = xlsx([["项目编码", "填报月份", "本月完成投资", "建筑工程", "安装工程", "设备购置", "其他费用"],
                 [project.code, "2025年5月", 2000, 1000, 500, 500, 0]])
    report = _run(world, "progress-reports", data)
    assert (report.created, _lines(report)) == (1, [])
    stored = ProgressReport.objects.get(project=project, period=datetime.date(2025, 5, 1))
    assert (stored.investment_month_wan, stored.investment_cumulative_wan) == (Decimal("2000"), Decimal("5000"))


def test_problems_use_coordination_levels_and_keep_the_workflow(world):
    project = world.a.project
    data = xlsx([["项目编码", "问题类别", "问题描述", "责任单位", "提出日期", "办结时限", "协调层级", "状态"],
                 [project.code, "资金", "配套资金未到位", "市财政局", "2025-05-01", "2025-06-30",
                  "县市分管领导", "已解决"]])
    report = _run(world, "problems", data)
    assert (report.created, _lines(report), report.ignored) == (1, [], ("状态",))
    problem = Problem.objects.get(description="配套资金未到位")
    assert (problem.coordination_level, problem.status) == (3, "raised")


def _round_trip(world, kind, queryset, user="city"):
    spec = spec_for(kind)
    exported = export_queryset(spec, queryset)
    sheet = load_workbook(io.BytesIO(exported)).worksheets[0]
    assert [c.value for c in sheet[1]] == [c.header for c in spec.columns]
    report = _run(world, kind, exported, user=user)
    assert _lines(report) == []
    assert (report.created, report.updated) == (0, 0)
    return report


@pytest.mark.parametrize(("kind", "model"), [("parks", Park), ("enterprises", Enterprise), ("projects", Project),
                                             ("milestones", Milestone), ("progress-reports", ProgressReport),
                                             ("problems", Problem)])
def test_round_trip_export_import_changes_nothing(world, kind, model):
    user = world.users["city"]
    report = _round_trip(world, kind, model.objects.restrict(user, "view"))
    assert report.unchanged == model.objects.restrict(user, "view").count() > 0


def test_enterprise_figures_and_purchase_records_import_and_round_trip(world):
    from clusterdesk.enterprise_service.models import MonthlyFigure
    from clusterdesk.industry.models import PurchaseRecord

    enterprise = world.a.enterprise
    figures = xlsx([["统一社会信用代码", "月份", "产值(亿元)", "营业收入", "产能", "实际产量", "产能单位", "从业人数"],
                    [enterprise.uscc, "2025年4月", 1.2, "8000万元", 100, 80, "台", 300]])
    report = _run(world, "enterprise-figures", figures)
    assert (report.created, _lines(report)) == (1, [])
    figure = MonthlyFigure.objects.get(enterprise=enterprise)
    assert (figure.output_wan, figure.revenue_wan, figure.utilisation_pct) == (Decimal("12000"), Decimal("8000"),
                                                                              Decimal("80.00"))
    purchases = xlsx([["采购企业", "供应商名称", "供应商所在地区", "采购内容", "年份", "月份", "采购金额(万元)"],
                      [enterprise.name, "株洲某配件厂", "430211", "转向架", 2024, 13, 500],
                      [enterprise.name, "株洲某配件厂", "430211", "转向架", 2024, None, 500]])
    assert _lines(_run(world, "purchase-records", purchases)) == [
        "Sheet1!F2 月份：不能大于 12（实为 13） / must be at most 12 (is 13)"]
    purchases = xlsx([["采购企业", "供应商名称", "供应商所在地区", "采购内容", "年份", "采购金额(万元)"],
                      [enterprise.name, "株洲某配件厂", "430211", "转向架", 2024, 500]])
    assert _run(world, "purchase-records", purchases).created == 1
    assert PurchaseRecord.objects.get().supplier_region.code == "430211"
    user = world.users["city"]
    assert _round_trip(world, "enterprise-figures", MonthlyFigure.objects.restrict(user, "view")).unchanged == 1
    assert _round_trip(world, "purchase-records", PurchaseRecord.objects.restrict(user, "view")).unchanged == 1


def test_round_trip_users_and_scopes(world):
    from clusterdesk.accounts.models import User

    assert _round_trip(world, "users", User.objects.all(), user="admin").unchanged == User.objects.count()
    assert _round_trip(world, "scopes", User.objects.all(), user="admin").unchanged >= 5


def test_scopes_sheet_replaces_a_users_scope(world):
    from clusterdesk.accounts.models import User

    data = xlsx([["用户名", "范围类型", "范围"], ["viewer", "地区", "430200"], ["viewer", "园区", world.b.park.name]])
    report = _run(world, "scopes", data, user="admin")
    assert (report.updated, _lines(report)) == (1, [])
    viewer = User.objects.get(username="viewer")
    assert [r.code for r in viewer.scope_regions.all()] == ["430200"]
    assert [p.name for p in viewer.scope_parks.all()] == [world.b.park.name]
    assert _lines(_run(world, "scopes", data, user="city")) == ["Sheet1：只有管理员可以导入用户权限范围 / only administrators "
                                                                  "may import user scopes"]


def test_users_import_creates_accounts_without_a_known_password(world):
    from clusterdesk.accounts.models import User

    data = xlsx([["用户名", "姓名", "角色", "单位", "启用"], ["zhang3", "张三", "市级业务人员", "市发改委", "是"]])
    report = _run(world, "users", data, user="admin")
    assert (report.created, _lines(report)) == (1, [])
    user = User.objects.get(username="zhang3")
    assert (user.full_name, user.role, user.unit_name, user.is_active) == ("张三", "city_officer", "市发改委", True)
    assert not user.check_password("")


def test_every_kind_has_a_template_with_notes_and_drop_downs(world):
    for kind in kind_names():
        spec = spec_for(kind)
        book = load_workbook(io.BytesIO(template_bytes(kind)))
        data, notes = book.worksheets[0], book["填写说明"]
        headers = [header for _, header in template_columns(spec)]
        assert [c.value for c in data[1]] == headers
        noted = [row[0] for row in notes.iter_rows(min_row=5, values_only=True)]
        assert noted == headers
        listed = [c for c, _ in template_columns(spec) if c.kind in ("choice", "bool")]
        assert len(data.data_validations.dataValidation) == len(listed)
        assert _run(world, kind, template_bytes(kind), user="admin").errors == []


def test_out_of_scope_export_shows_nothing_of_the_other_city(world):
    spec = spec_for("projects")
    exported = export_queryset(spec, Project.objects.restrict(world.users["city"], "view"))
    codes = [row[0] for row in load_workbook(io.BytesIO(exported)).worksheets[0].iter_rows(min_row=2,
                                                                                           values_only=True)]
    assert codes == [world.a.project.code]
