"""The pipeline's services on a real database: gates from the configured rules, thresholds, withdrawal, report
identities, the problem workflow and escalation timing, schedules from templates, lights, scope."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.projects import scheduling, selectors, services, supervision
from clusterdesk.projects.models import (
    AnnualPlan,
    GateRule,
    Milestone,
    Problem,
    ProblemEscalation,
    ProgressReport,
    Project,
    ProjectLight,
    StageTransition,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def _new_project(world, **fields) -> Project:
    a = world.a
    values = {"code": "2025-430102-38-03-777001", "name": "储能电池项目", "owner": a.enterprise, "region": a.county,
              "park": a.park, "total_investment_wan": Decimal("80000"), "stage": "preconstruction",
              "planned_start_date": D(2025, 9, 1), "planned_completion_date": D(2026, 12, 31),
              "planned_production_date": D(2027, 3, 31), **fields}
    return services.project_create(project=Project(**values), actor=world.users["city"])


def test_gate_into_construction_names_every_failed_condition_then_passes(world):
    project = _new_project(world)
    scheduling.template_apply(project=project, actor=world.users["city"], today=D(2025, 3, 1))
    with pytest.raises(ValidationError) as refused:
        services.project_change_stage(project=project, stage="construction", actor=world.users["city"])
    assert refused.value.message_dict["stage"] == [
        "进入在建须完成用地预审节点", "进入在建须完成环评批复节点", "进入在建须完成能评审查节点",
        "进入在建须完成施工许可节点", "进入在建须填写实际开工日期"]
    for code in ("land_preapproval", "eia", "energy_review", "construction_permit"):
        milestone = project.milestones.get(code=code)
        milestone.actual_date = D(2025, 8, 1)
        services.milestone_update(milestone=milestone, actor=world.users["city"])
    project.actual_start_date = D(2025, 9, 3)
    services.project_change_stage(project=project, stage="construction", actor=world.users["city"])
    assert Project.objects.get(pk=project.pk).stage == "construction"


def test_configured_gate_rule_is_applied_and_named(world):
    project = _new_project(world, stage="reserve", planned_start_date=None)
    GateRule.objects.create(target_stage="preconstruction", fact="signed_date", op="present",
                            message="进入前期须已签约", sequence=9)
    with pytest.raises(ValidationError) as refused:
        services.project_change_stage(project=project, stage="preconstruction", actor=world.users["city"])
    assert refused.value.message_dict["stage"] == ["进入前期须填写计划开工日期", "进入前期须已签约"]
    project.planned_start_date, project.signed_date = D(2026, 1, 1), D(2025, 6, 1)
    services.project_change_stage(project=project, stage="preconstruction", actor=world.users["city"])
    move = StageTransition.objects.filter(project=project, kind="advance").get()
    assert (move.from_stage, move.to_stage, move.actor) == ("reserve", "preconstruction", world.users["city"])


def test_sector_entry_threshold_refuses_a_small_agriculture_project(world):
    project = _new_project(world, stage="planning", sector="agriculture", total_investment_wan=Decimal("2500"))
    with pytest.raises(ValidationError) as refused:
        services.project_change_stage(project=project, stage="reserve", actor=world.users["city"])
    assert refused.value.message_dict["stage"] == ["总投资 2,500万元低于农业项目入库门槛 3,000万元"]
    project.total_investment_wan = Decimal("3000")
    services.project_change_stage(project=project, stage="reserve", actor=world.users["city"])
    assert Project.objects.get(pk=project.pk).stage == "reserve"


def test_withdrawn_project_cannot_move_until_restored(world):
    project = world.a.project
    with pytest.raises(ValidationError):
        services.project_withdraw(project=project, actor=world.users["city"], reason=" ")
    services.project_withdraw(project=project, actor=world.users["city"], reason="业主放弃投资")
    project.actual_completion_date = D(2026, 5, 1)
    with pytest.raises(ValidationError) as refused:
        services.project_change_stage(project=project, stage="completed", actor=world.users["city"])
    assert "项目已退库" in str(refused.value)
    assert project.pk not in set(selectors.standard_list(user=world.users["city"], key="behind_schedule")
                                 .values_list("pk", flat=True))
    assert list(selectors.standard_list(user=world.users["city"], key="withdrawn")) == [project]
    services.project_restore(project=project, actor=world.users["city"], reason="业主恢复投资")
    services.project_change_stage(project=project, stage="completed", actor=world.users["city"])
    kinds = list(StageTransition.objects.filter(project=project).order_by("at", "pk").values_list("kind", flat=True))
    assert kinds[-3:] == ["withdraw", "restore", "advance"]


def test_mid_year_addition_is_recorded_and_listed(world):
    project = _new_project(world)
    services.project_add_mid_year(project=project, actor=world.users["city"], reason="年中增补", on=D(2025, 7, 1))
    assert Project.objects.get(pk=project.pk).added_date == D(2025, 7, 1)
    assert list(selectors.standard_list(user=world.users["city"], key="added_mid_year")) == [project]


def _report(world, period, month_wan, **typed):
    parts = {k: Decimal(v) for k, v in typed.items() if k in ("construction_wan", "installation_wan",
                                                                "equipment_wan", "other_wan")}
    figures = {k: Decimal(v) for k, v in typed.items() if k in services.REPORT_FIGURES}
    report = ProgressReport(project=world.a.project, period=period, investment_month_wan=Decimal(month_wan),
                            investment_cumulative_wan=Decimal(0), **parts)
    return services.progress_report_create(report=report, actor=world.users["city"], typed=figures)


def test_report_identities_hold_across_the_new_year_and_a_broken_one_is_refused_with_the_reason(world):
    # The world has April 2025: 3000.
    may = _report(world, D(2025, 5, 1), "1000", year_to_date_wan="4000", investment_cumulative_wan="4000")
    assert (may.year_to_date_wan, may.previous_years_wan) == (Decimal("4000"), Decimal("0"))
    with pytest.raises(ValidationError) as wrong:
        _report(world, D(2025, 6, 1), "500", year_to_date_wan="4600")
    assert "本年累计应为 4,500万元（本月 500 + 上月本年累计 4,000），实为 4,600万元" in wrong.value.messages
    with pytest.raises(ValidationError) as parts:
        _report(world, D(2025, 6, 1), "500", construction_wan="300", equipment_wan="100")
    assert any(m.startswith("本月完成投资应为 400万元（建筑工程 300") for m in parts.value.messages)
    assert not ProgressReport.objects.filter(project=world.a.project, period=D(2025, 6, 1)).exists()
    _report(world, D(2025, 12, 1), "600")
    january = _report(world, D(2026, 1, 1), "200", construction_wan="150", other_wan="50")
    assert (january.year_to_date_wan, january.previous_years_wan, january.investment_cumulative_wan) == \
        (Decimal("200"), Decimal("4600"), Decimal("4800"))
    with pytest.raises(ValidationError) as carry:
        _report(world, D(2026, 2, 1), "100", previous_years_wan="4000")
    assert "以前年度累计应为 4,600万元（等于上月以前年度累计），实为 4,000万元" in carry.value.messages


def test_problem_workflow_with_reasons(world):
    city, county = world.users["city"], world.users["county"]
    problem = services.problem_create(problem=Problem(
        project=world.a.project, category="energy", description="能耗指标不足", owner_unit="市发改委",
        raised_date=D(2025, 5, 1), due_date=D(2025, 6, 30)), actor=city)
    assert (problem.status, problem.raised_by) == ("raised", city)
    with pytest.raises(ValidationError) as no_person:
        services.problem_transition(problem=problem, actor=city, status="assigned")
    assert no_person.value.message_dict["owner_person"] == ["交办须明确责任人"]
    services.problem_transition(problem=problem, actor=city, status="assigned", owner_person="王强", on=D(2025, 5, 3))
    services.problem_transition(problem=problem, actor=county, status="in_progress")
    with pytest.raises(ValidationError):
        services.problem_transition(problem=problem, actor=county, status="closed")
    services.problem_transition(problem=problem, actor=county, status="resolved", resolution="省里调剂指标",
                                on=D(2025, 6, 20))
    services.problem_transition(problem=problem, actor=city, status="closed", on=D(2025, 6, 25))
    with pytest.raises(ValidationError):
        services.problem_transition(problem=problem, actor=city, status="reopened")
    services.problem_transition(problem=problem, actor=city, status="reopened", reason="指标被收回")
    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.status, stored.resolved_date, stored.assigned_date) == ("reopened", None, D(2025, 5, 3))
    assert ObjectChange.objects.filter(changed_object_type__model="problem", changed_object_id=problem.pk,
                                       action="update").count() == 5


def test_the_one_who_raised_a_problem_never_resolves_it_and_the_resolver_never_strikes_it_off(world):
    """Defect 5 for problems: a filer never handles their own case; the one who resolved it does not close it."""
    city, county = world.users["city"], world.users["county"]
    problem = services.problem_create(problem=Problem(
        project=world.a.project, category="funds", description="配套资金未到位", owner_unit="财政局",
        owner_person="李明", raised_date=D(2025, 5, 1), due_date=D(2025, 6, 30)), actor=county)
    for status in ("in_progress", "resolved"):
        with pytest.raises(PermissionDenied, match="提出人"):
            services.problem_transition(problem=problem, actor=county, status=status, resolution="资金已拨付")
    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.status, stored.resolution, problem.status) == ("raised", "", "raised")   # nothing changed
    services.problem_transition(problem=problem, actor=city, status="resolved", resolution="资金已拨付")
    with pytest.raises(PermissionDenied, match="销号"):
        services.problem_transition(problem=problem, actor=city, status="closed")
    services.problem_transition(problem=problem, actor=county, status="closed")   # the one who raised it confirms
    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.status, stored.resolved_by, stored.raised_by) == ("closed", city, county)


def test_a_secretary_raises_problems_but_does_not_handle_them(world):
    secretary = world.users["secretary"]
    problem = services.problem_create(problem=Problem(
        project=world.a.project, category="land", description="用地红线未交", owner_unit="自然资源局",
        raised_date=D(2025, 5, 1), due_date=D(2025, 6, 30)), actor=secretary)
    with pytest.raises(PermissionDenied, match="干部"):
        services.problem_transition(problem=problem, actor=secretary, status="assigned", owner_person="王强")
    assert Problem.objects.get(pk=problem.pk).status == "raised"


def test_overdue_problem_escalates_one_level_per_period_and_is_recorded(world):
    problem = world.a.problem  # due 2025-06-30, level 1

    def run(day):
        done = services.problems_escalate_overdue(today=day, days=15, queryset=Problem.objects.filter(pk=problem.pk))
        return [(e.from_level, e.to_level) for e in done]

    assert run(D(2025, 7, 14)) == []
    assert run(D(2025, 7, 15)) == [(1, 2)]
    assert "逾期 15 天未解决" in ProblemEscalation.objects.get(problem=problem).reason
    assert run(D(2025, 7, 29)) == []
    assert run(D(2025, 7, 30)) == [(2, 3)]
    assert Problem.objects.get(pk=problem.pk).coordination_level == 3
    services.problem_transition(problem=Problem.objects.get(pk=problem.pk), actor=world.users["city"],
                                status="resolved", resolution="已落实用地")
    assert run(D(2025, 12, 1)) == []
    assert ProblemEscalation.objects.filter(problem=problem).count() == 2
    assert ObjectChange.objects.filter(changed_object_type__model="problemescalation").count() == 2


def test_template_schedule_backward_from_completion_with_critical_path_and_status(world):
    project = _new_project(world, planned_start_date=None, planned_production_date=None,
                           planned_completion_date=D(2026, 12, 31))
    scheduling.template_apply(project=project, actor=world.users["city"], today=D(2025, 3, 1))
    nodes = {m.code: m for m in project.milestones.all()}
    assert len(nodes) == 20 and project.milestone_links.count() == 24
    # 竣工验收 (20 days) must finish by 2026-12-31; 联合调试 (30) before it; 设备安装 (60) before that.
    assert nodes["completion"].latest_finish_date == D(2026, 12, 31)
    assert nodes["commissioning"].latest_finish_date == D(2026, 12, 11)
    assert nodes["equipment_install"].latest_finish_date == D(2026, 11, 11)
    # Nodes after the target have no later anchor: they are bounded by the earliest project finish.
    critical = [m.code for m in project.milestones.order_by("sequence") if m.critical]
    assert critical[:3] == ["signing", "filing", "land_preapproval"] and "completion" in critical
    assert nodes["site_selection"].total_float_days > nodes["filing"].total_float_days
    assert {m.status for m in nodes.values()} == {"on_time"}
    late = scheduling.project_schedule_refresh(project=project, today=D(2026, 6, 1))
    assert late[nodes["signing"].pk].status == "overdue"
    assert late[nodes["completion"].pk].status == "on_time" or late[nodes["completion"].pk].total_float < 0


def test_monthly_light_is_stored_with_its_explanation_and_rolled_up(world):
    project = world.a.project  # April 2025 report: 3000 this month, planned start March, started
    AnnualPlan.objects.create(project=project, year=2025, planned_wan=Decimal("10000"))
    project.stage = "construction"
    result = supervision.lights_compute(month=D(2025, 9, 1), projects=Project.objects.filter(pk=project.pk))
    assert result["red"] == 1
    light = ProjectLight.objects.get(project=project, month=D(2025, 9, 1))
    assert light.summary == "红灯：累计完成投资占年度计划 30%，序时进度 75%；开工 6 个月未纳统"
    assert Project.objects.get(pk=project.pk).current_light == "red"
    rows = selectors.light_rollup(user=world.users["city"], month=D(2025, 9, 1), by="park")
    assert [(r["name"], r["red"], r["completion"], r["time_progress"]) for r in rows] == \
        [(world.a.park.name, 1, "30%", "75%")]
    assert selectors.light_rollup(user=world.users["city"], month=D(2025, 9, 1), by="county")[0]["start_rate"] \
        == "100%"
    # Out of scope: city A's officer sees nothing of city B's lights, the other way round likewise.
    supervision.lights_compute(month=D(2025, 9, 1), projects=Project.objects.filter(pk=world.b.project.pk))
    assert set(ProjectLight.objects.restrict(world.users["city"]).values_list("project", flat=True)) == {project.pk}
    assert [r["name"] for r in selectors.light_rollup(user=world.users["city"], month=D(2025, 9, 1), by="city")] \
        == [world.a.city.name]


def test_mspdi_export_then_import_keeps_the_network(world):
    project = _new_project(world)
    scheduling.template_apply(project=project, actor=world.users["city"], today=D(2025, 3, 1))
    xml = scheduling.project_mspdi_export(project=project)
    assert "<Type>3</Type>" in xml and "<Type>0</Type>" in xml  # the SS and FF links
    other = _new_project(world, code="2025-430102-38-03-777002", name="另一项目")
    summary = scheduling.project_mspdi_import(project=other, xml=xml, actor=world.users["city"], today=D(2025, 3, 1))
    assert summary == {"tasks": 20, "links": 24, "created": 20, "updated": 0}
    pairs = sorted((link.predecessor.name, link.successor.name, link.kind, link.lag_days)
                   for link in other.milestone_links.select_related("predecessor", "successor"))
    assert pairs == sorted((link.predecessor.name, link.successor.name, link.kind, link.lag_days)
                           for link in project.milestone_links.select_related("predecessor", "successor"))
    with pytest.raises(ValidationError) as bad:
        scheduling.project_mspdi_import(project=other, xml="<Project><Tasks><Task><Name>x</Name></Task></Tasks>"
                                        "</Project>", actor=world.users["city"])
    assert "第 1 个 <Task> 缺少 <UID>" in str(bad.value)
    assert other.milestones.count() == 20


def test_lists_and_problem_figures_stay_in_scope(world):
    city, b = world.users["city"], world.b.project
    for key in selectors.STANDARD_LISTS:
        assert b.pk not in set(selectors.standard_list(user=city, key=key).values_list("pk", flat=True)), key
    assert [r["name"] for r in selectors.problem_figures(user=city, by="unit")] == ["自然资源局"]
    assert selectors.problem_figures(user=city, by="category")[0]["open"] == 1
    assert list(selectors.standard_list(user=city, key="open_problems")) == [world.a.project]
    assert b.milestones.exists() and not Milestone.objects.restrict(city).filter(project=b).exists()
