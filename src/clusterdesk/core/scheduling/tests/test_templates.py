"""Milestone templates, node status at its boundaries, target dates and done nodes in the CPM pass."""

from datetime import date, timedelta

import pytest

from clusterdesk.core.scheduling import (
    TEMPLATES,
    Dependency,
    DependencyKind,
    NodeStatus,
    ProjectType,
    Task,
    UnknownTaskError,
    finish_date,
    finish_offset,
    node_status,
    restrict_links,
    schedule,
    topological_order,
)

FS, SS, FF, SF = DependencyKind.FS, DependencyKind.SS, DependencyKind.FF, DependencyKind.SF


@pytest.mark.parametrize("kind", list(ProjectType))
def test_every_template_is_a_valid_network_with_the_anchor_nodes(kind):
    nodes, links = TEMPLATES[kind]
    codes = [n.code for n in nodes]
    assert len(codes) == len(set(codes))
    assert {"start", "completion", "production"} <= set(codes)
    order = topological_order(codes, links)
    assert order.index("start") < order.index("completion") < order.index("production")
    assert all(n.duration >= 1 for n in nodes)


def test_industrial_template_has_the_standard_nodes_and_twenty_of_them():
    nodes, links = TEMPLATES[ProjectType.INDUSTRIAL]
    names = [n.name_zh for n in nodes]
    assert len(names) == 20
    for name in ("立项备案", "用地预审", "环评批复", "能评审查", "土地摘牌", "施工许可", "开工", "主体封顶", "设备安装",
                 "竣工验收", "投产"):
        assert name in names
    assert {link.kind for link in links} == {FS, SS, FF}


def test_node_status_boundaries():
    latest = date(2025, 6, 30)
    assert node_status(done=False, latest_finish=latest, today=latest - timedelta(days=16)) is NodeStatus.ON_TIME
    assert node_status(done=False, latest_finish=latest, today=latest - timedelta(days=15)) is NodeStatus.WARNING
    assert node_status(done=False, latest_finish=latest, today=latest) is NodeStatus.WARNING
    assert node_status(done=False, latest_finish=latest, today=latest + timedelta(days=1)) is NodeStatus.OVERDUE
    assert node_status(done=True, latest_finish=latest, today=latest + timedelta(days=99)) is NodeStatus.DONE
    assert node_status(done=False, latest_finish=None, today=latest) is NodeStatus.ON_TIME
    assert node_status(done=False, latest_finish=latest, today=latest - timedelta(days=3),
                       warning_days=2) is NodeStatus.ON_TIME


def test_finish_offsets_round_trip_dates():
    for day in (date(2024, 2, 29), date(2025, 12, 31)):
        assert finish_date(finish_offset(day)) == day


def test_backward_pass_from_a_target_date_worked_by_hand():
    # 审批(10) → 开工(1) → 主体(30) → 竣工(5); 设计(20) runs beside 审批 and also precedes 开工.
    # Target: 竣工 by day 100 (exclusive offset 100). Backward: 竣工 95–100, 主体 65–95, 开工 64–65,
    # 审批 54–64, 设计 44–64. From day 0 forward: 审批 0–10, 设计 0–20, 开工 20–21, 主体 21–51, 竣工 51–56.
    tasks = [Task("审批", 10), Task("设计", 20), Task("开工", 1), Task("主体", 30), Task("竣工", 5)]
    deps = [Dependency("审批", "开工"), Dependency("设计", "开工"), Dependency("开工", "主体"),
            Dependency("主体", "竣工")]
    plan = schedule(tasks, deps, start=0, deadlines={"竣工": 100})
    late = {k: (v.late_start, v.late_finish, v.total_float) for k, v in plan.tasks.items()}
    assert late == {"审批": (54, 64, 54), "设计": (44, 64, 44), "开工": (64, 65, 44), "主体": (65, 95, 44),
                    "竣工": (95, 100, 44)}
    assert plan.critical_path == ("设计", "开工", "主体", "竣工")


def test_a_done_node_is_pinned_and_its_successors_follow_it():
    tasks = [Task("a", 5), Task("b", 3)]
    plan = schedule(tasks, [Dependency("a", "b", SS, 2)], start=10, fixed_starts={"a": 1})
    assert plan.tasks["a"].early_start == 1 and plan.tasks["b"].early_start == 10  # SS+2 → 3, but not before 10
    late_done = schedule(tasks, [Dependency("a", "b")], start=0, fixed_starts={"a": 20})
    assert late_done.tasks["b"].early_start == 25


def test_a_target_on_an_unknown_task_is_refused():
    with pytest.raises(UnknownTaskError):
        schedule([Task("a", 1)], [], deadlines={"x": 3})


def test_restricting_the_template_to_the_short_list_keeps_it_connected():
    nodes, links = TEMPLATES[ProjectType.INDUSTRIAL]
    short = ["filing", "land_preapproval", "eia", "construction_permit", "start", "topping_out", "completion",
             "production"]
    kept = restrict_links(links, short)
    pairs = {(link.predecessor, link.successor) for link in kept}
    assert ("eia", "construction_permit") in pairs and ("land_preapproval", "construction_permit") in pairs
    assert ("topping_out", "completion") in pairs
    assert all(link.predecessor in short and link.successor in short for link in kept)
    assert topological_order(short, kept)[0] == "filing"
