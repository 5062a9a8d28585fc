"""Routing of each source of work to its unit: problems, meeting decisions, appeals by category, visit follow-ups,
intake visit tasks, leads and projects' filing units, through their services and forms."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from clusterdesk.accounts.models import Unit
from clusterdesk.accounts.services import units_seed_standard, user_create

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 5, 1)


@pytest.fixture
def units(world):
    units_seed_standard(region=world.a.city, actor=None, parks=False)
    units_seed_standard(region=world.b.city, actor=None, parks=False)
    return {u.name: u for u in Unit.objects.all()}


def test_problem_and_decision_go_to_the_nearest_unit_their_text_names(world, units):
    from clusterdesk.projects.models import CoordinationMeeting, MeetingDecision, Problem
    from clusterdesk.projects.services import decision_create, meeting_create, problem_create

    admin = world.users["admin"]
    problem = problem_create(problem=Problem(project=world.b.project, category="approvals", description="施工许可未办",
                                             owner_unit="区审批局", raised_date=DAY, due_date=DAY), actor=admin)
    assert problem.assigned_unit == units["天元区行政审批服务局"]
    meeting = meeting_create(meeting=CoordinationMeeting(title="调度会", held_on=DAY, region=world.a.city, level=2),
                             actor=admin)
    decision = decision_create(decision=MeetingDecision(meeting=meeting, text="市发改委牵头协调", owner_unit="市发改委",
                                                        due_date=DAY), actor=admin)
    assert decision.assigned_unit == units["长沙市发展和改革委员会"]


def test_appeal_by_category_goes_to_the_enterprises_county_office_then_the_citys(world, units):
    from clusterdesk.enterprise_service.models import Appeal
    from clusterdesk.enterprise_service.services import appeal_create

    admin = world.users["admin"]
    land = appeal_create(appeal=Appeal(enterprise=world.a.enterprise, title="用地", category="land",
                                       description="扩产用地"), actor=admin)
    assert land.assigned_unit == units["芙蓉区自然资源和规划局"] and land.unit == "自然资源和规划局"
    Unit.objects.filter(name="芙蓉区发展和改革局").update(is_active=False)
    energy = appeal_create(appeal=Appeal(enterprise=world.a.enterprise, title="用电", category="energy",
                                         description="增容"), actor=admin)
    assert energy.assigned_unit == units["长沙市发展和改革委员会"]
    finance = appeal_create(appeal=Appeal(enterprise=world.a.enterprise, title="贷款", category="financing",
                                          description="续贷"), actor=admin)
    assert finance.assigned_unit is None and finance.unit == "地方金融管理局"  # no such office: kept as text


def test_follow_up_visit_task_lead_and_project_filer(world, units):
    from clusterdesk.attraction.models import Lead
    from clusterdesk.attraction.services import lead_create
    from clusterdesk.enterprise_service.models import FollowUpTask, Visit
    from clusterdesk.enterprise_service.services import visit_create
    from clusterdesk.intake.models import Visit as IntakeVisit
    from clusterdesk.intake.services import visit_create as intake_visit_create
    from clusterdesk.projects.models import Project
    from clusterdesk.projects.services import project_create

    admin = world.users["admin"]
    visit = visit_create(visit=Visit(enterprise=world.b.enterprise, visit_date=DAY, visitors="刘思远", topics="用工"),
                         actor=admin, tasks=[FollowUpTask(description="组织招聘会", owner_unit="人社局", due_date=DAY)])
    assert visit.tasks.get().assigned_unit == units["天元区人力资源和社会保障局"]
    intake = intake_visit_create(visit=IntakeVisit(title="调研", date=DAY, region=world.a.city), actor=admin,
                                 tasks=[("研究支持政策", "市工信局", DAY)])
    assert intake.instructions.get().assigned_unit == units["长沙市工业和信息化局"]
    lead = lead_create(lead=Lead(name="线索", company="某集团", region=world.a.county, owner_unit="区商务局"),
                       actor=admin)
    assert lead.assigned_unit == units["芙蓉区商务局"]
    project = project_create(project=Project(code="U-1", name="新项目", region=world.a.county, stage="planning",
                                             total_investment_wan=1000, responsible_unit="区发改局"), actor=admin)
    assert project.assigned_unit == units["芙蓉区发展和改革局"]


def test_problem_form_offers_units_within_reach_and_people_of_the_unit(world, units):
    from clusterdesk.projects.forms import ProblemForm
    from clusterdesk.projects.models import Problem

    county = world.users["county"]
    office = units["芙蓉区自然资源和规划局"]
    member = user_create(username="zhao", password="x-Pass-2026!", role="county_officer", unit=office,
                         regions=[world.a.county])
    outsider = user_create(username="qian", password="x-Pass-2026!", role="county_officer",
                           unit=units["天元区自然资源和规划局"], regions=[world.b.county])
    form = ProblemForm(instance=Problem(project=world.a.project), user=county)
    choices = form.fields["assigned_unit"].queryset
    assert choices.filter(pk=office.pk).exists() and choices.filter(name="长沙市发展和改革委员会").exists()
    assert not choices.filter(region=world.b.county).exists()
    assert form.fields["assigned_person"].queryset.filter(pk=member.pk).exists()
    assert not form.fields["assigned_person"].queryset.filter(pk=outsider.pk).exists()
    data = {"category": "land", "description": "用地指标", "assigned_unit": office.pk, "assigned_person": member.pk,
            "owner_unit": "", "raised_date": "2025-05-01", "due_date": "2025-06-30", "coordination_level": "1"}
    form = ProblemForm(data, instance=Problem(project=world.a.project), user=county)
    assert form.is_valid(), form.errors
    problem = form.save_with(actor=county)
    assert problem.assigned_unit == office and problem.owner_unit == office.name and problem.assigned_person == member
    edit = ProblemForm(instance=problem, user=county)
    assert "owner_unit" not in edit.fields  # the text shows only while no unit is set
    data["assigned_unit"] = units["长沙市商务局"].pk
    form = ProblemForm(data, instance=Problem(project=world.a.project), user=county)
    assert not form.is_valid() and "assigned_person" in form.errors
    with pytest.raises(ValidationError):
        from clusterdesk.projects.services import problem_update

        problem.assigned_unit = units["长沙市商务局"]
        problem_update(problem=problem, actor=county)


def _api(client, user):
    from clusterdesk.accounts.services import api_token_create

    _token, key = api_token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_api_takes_a_unit_id_or_the_old_text_and_says_when_the_text_matched_nothing(client, world, units):
    county = world.users["county"]
    headers = _api(client, county)
    body = {"project": world.a.project.pk, "category": "land", "description": "用地指标",
            "raised_date": "2025-05-01", "due_date": "2025-06-30"}
    office = units["芙蓉区自然资源和规划局"]
    answer = client.post("/api/projects/problems/", {**body, "assigned_unit": office.pk},
                         content_type="application/json", **headers)
    assert answer.status_code in (200, 201), answer.content
    data = answer.json()
    assert data["assigned_unit"] == office.pk and data["owner_unit"] == office.name and not data["unit_unmatched"]
    answer = client.post("/api/projects/problems/", {**body, "description": "资金", "owner_unit": "区自规局"},
                         content_type="application/json", **headers).json()
    assert answer["assigned_unit"] == office.pk and answer["unit_unmatched"] is False
    answer = client.post("/api/projects/problems/", {**body, "description": "其他", "owner_unit": "某某指挥部"},
                         content_type="application/json", **headers).json()
    assert answer["assigned_unit"] is None and answer["owner_unit"] == "某某指挥部" and answer["unit_unmatched"]
    other = client.post("/api/projects/problems/", {**body, "assigned_unit": units["天元区商务局"].pk},
                        content_type="application/json", **headers)
    assert other.status_code == 422 and "assigned_unit" in other.content.decode()
    appeal = client.post("/api/service/appeals/", {"enterprise": world.a.enterprise.uscc, "title": "用地",
                                                    "description": "扩产用地", "category": "land"},
                         content_type="application/json", **_api(client, world.users["city"]))
    assert appeal.status_code in (200, 201), appeal.content
    assert appeal.json()["assigned_unit"] == office.pk
