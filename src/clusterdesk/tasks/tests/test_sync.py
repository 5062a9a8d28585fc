"""The inbox mirrors its sources: a problem written through its services becomes its unit's task, and follows it."""

import datetime

import pytest

from clusterdesk.accounts.models import Unit, UnitKind
from clusterdesk.accounts.units import unit_find
from clusterdesk.projects.models import Problem
from clusterdesk.projects.services import problem_create, problem_delete, problem_resolve
from clusterdesk.tasks.models import Task, TaskStatus
from clusterdesk.tasks.services import task_rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(world):
    city = Unit.objects.create(name="长沙市发展和改革委员会", short_name="市发改委", kind=UnitKind.DEVELOPMENT_REFORM,
                               region=world.a.city, aliases="发改委")
    county = Unit.objects.create(name=f"{world.a.county.name}发展和改革局", short_name="区发改局", parent=city,
                                 kind=UnitKind.DEVELOPMENT_REFORM, region=world.a.county, aliases="发改委\n发改局")
    other = Unit.objects.create(name="株洲市发展和改革委员会", short_name="市发改委", region=world.b.city)
    return city, county, other


def _problem(world, unit, **kw) -> Problem:
    return problem_create(problem=Problem(
        project=world.a.project, category="land", description="用地指标未落实", owner_unit=str(unit),
        assigned_unit=unit, raised_date=datetime.date(2026, 11, 2), due_date=datetime.date(2026, 11, 20), **kw),
        actor=world.users["county"])


def test_a_problem_becomes_a_task_of_its_unit_and_is_done_when_resolved(world, units):
    problem = _problem(world, units[1])
    task = Task.objects.get(source_model="projects.problem", source_id=problem.pk)
    assert (task.kind, task.unit, task.due_date, task.status) == ("problem", units[1], problem.due_date, "open")
    assert task.region_id == world.a.project.region_id and task.title.endswith("用地指标未落实")
    problem_resolve(problem=problem, actor=world.users["city"], resolution="已调剂指标",
                    resolved_date=datetime.date(2026, 11, 18))
    task.refresh_from_db()
    assert (task.status, task.done_date) == (TaskStatus.DONE, datetime.date(2026, 11, 18))


def test_a_deleted_problem_leaves_no_task_and_a_rebuild_restores_missing_ones(world, units):
    problem = _problem(world, units[0])
    problem_delete(problem=problem, actor=world.users["admin"])
    assert not Task.objects.filter(source_model="projects.problem", source_id=problem.pk).exists()
    kept = _problem(world, units[0])
    Task.objects.all().delete()
    counts = task_rebuild(models=["projects.problem"])
    assert counts["projects.problem"] == Problem.objects.count()
    assert Task.objects.get(source_id=kept.pk).unit == units[0]


def test_unit_names_match_the_nearest_unit_and_never_guess(world, units):
    city, county, other = units
    assert unit_find("市发改委", region=world.a.county) == city
    assert unit_find("市发改委", region=world.b.county) == other
    assert unit_find(" 区发改局 ") == county
    assert unit_find("市发改委") is None  # two cities, no region: no guess
    assert unit_find("发改局", region=world.a.county) == county


def test_deleting_an_enterprise_takes_its_appeals_tasks_and_keeps_its_projects_problems(world, units):
    """The delete clears the tasks' link to the enterprise, and the cascaded appeal's delete removes its task."""
    from clusterdesk.enterprise_service.models import Appeal
    from clusterdesk.enterprise_service.services import appeal_create
    from clusterdesk.enterprises.services import enterprise_delete

    problem = _problem(world, units[1])
    appeal = appeal_create(appeal=Appeal(enterprise=world.a.enterprise, title="招工难", description="缺少技术工人",
                                         category="labour"), actor=world.users["secretary"])
    assert Task.objects.filter(source_model="enterprise_service.appeal", source_id=appeal.pk).exists()
    enterprise_delete(enterprise=world.a.enterprise, actor=world.users["admin"])
    assert not Task.objects.filter(source_model="enterprise_service.appeal", source_id=appeal.pk).exists()
    task = Task.objects.get(source_model="projects.problem", source_id=problem.pk)
    assert task.enterprise_id is None and task.status == "open"


def test_deleting_a_project_with_a_filed_report_removes_its_months_report_task(world, units):
    """The month's report task hangs from the project: the delete removes it, and the report's delete finds none."""
    from clusterdesk.projects.services import project_delete
    from clusterdesk.tasks.services import report_tasks_generate

    project = world.a.project
    report_tasks_generate(month=world.a.report.period, today=datetime.date(2025, 5, 20))
    task = Task.objects.get(source_model="projects.project", source_id=project.pk, kind="report_due")
    assert task.status == TaskStatus.DONE  # the world's April report is filed
    project_delete(project=project, actor=world.users["admin"])
    assert not Task.objects.filter(source_model="projects.project", source_id=project.pk).exists()


def test_tasks_follow_a_project_that_moves_to_another_county(world, units):
    """The problem's, the decision's and the month's report tasks copy the project's county and park: when it
    moves, they leave the old county's inbox (a scope leak otherwise) and take its new name."""
    from clusterdesk.projects.services import project_update
    from clusterdesk.tasks.services import report_tasks_generate

    problem = _problem(world, units[1])
    report_tasks_generate(month=world.a.report.period, today=datetime.date(2025, 5, 20))
    project = world.a.project
    project.region, project.park, project.cluster = world.b.county, world.b.park, world.b.cluster
    project.name = "迁址后的项目"
    project_update(project=project, actor=world.users["admin"])
    for kind, source in (("problem", problem.pk), ("report_due", project.pk)):
        task = Task.objects.get(kind=kind, source_id=source)
        assert (task.region_id, task.park_id) == (world.b.county.pk, world.b.park.pk), kind
        assert task.title.startswith("迁址后的项目"), kind
    assert Task.objects.get(kind="report_due", source_id=project.pk).status == TaskStatus.DONE  # still filed


def test_tasks_follow_an_enterprise_that_moves(world, units):
    from clusterdesk.enterprise_service.models import Appeal
    from clusterdesk.enterprise_service.services import appeal_create
    from clusterdesk.enterprises.services import enterprise_update

    appeal = appeal_create(appeal=Appeal(enterprise=world.a.enterprise, title="招工难", description="缺少技术工人",
                                         category="labour"), actor=world.users["secretary"])
    enterprise = world.a.enterprise
    enterprise.region, enterprise.park = world.b.county, world.b.park
    enterprise_update(enterprise=enterprise, actor=world.users["admin"])
    task = Task.objects.get(source_model="enterprise_service.appeal", source_id=appeal.pk)
    assert (task.region_id, task.park_id) == (world.b.county.pk, world.b.park.pk)
    # The enterprise's project stayed where it is: its problem's task too.
    assert Task.objects.get(source_model="projects.problem", source_id=world.a.problem.pk).region_id == \
        world.a.county.pk


def test_a_report_moved_to_another_month_reopens_the_old_months_task(world, units):
    from clusterdesk.projects.services import progress_report_update
    from clusterdesk.tasks.services import report_tasks_generate

    project, report = world.a.project, world.a.report  # April 2025, filed
    for month in (datetime.date(2025, 4, 1), datetime.date(2025, 5, 1)):
        report_tasks_generate(month=month, today=datetime.date(2025, 6, 20))

    def status(month: int) -> str:
        return Task.objects.get(kind="report_due", source_id=project.pk, period=datetime.date(2025, month, 1)).status

    assert (status(4), status(5)) == (TaskStatus.DONE, TaskStatus.OPEN)
    report.period = datetime.date(2025, 5, 1)
    progress_report_update(report=report, actor=world.users["admin"])
    assert (status(4), status(5)) == (TaskStatus.OPEN, TaskStatus.DONE)
