"""The pipeline's demonstration data: linked milestones, plans, lights as history, escalations, meetings."""

import pytest
from django.db.models import F

from clusterdesk.core.supervision import report_identity_errors
from clusterdesk.demo.generator import QUICK_CITIES, REFERENCE_DATE, DemoSize, build_demo
from clusterdesk.projects.models import (
    AnnualPlan,
    CoordinationMeeting,
    Milestone,
    MilestoneDependency,
    ProblemEscalation,
    ProgressReport,
    Project,
    ProjectLight,
    SavedList,
)
from clusterdesk.projects.services.reports import _figures

SMALL = DemoSize(cities=QUICK_CITIES, max_counties=None, parks=14, enterprises=240, projects=140, milestones=20,
                 report_years=3)


@pytest.fixture
def demo(db, cli_context):
    return build_demo(scale="quick", seed=3, progress=False, sizes=SMALL)


def test_every_demo_milestone_has_its_template_code_and_links(demo):
    assert not Milestone.objects.filter(code="").exists()
    scheduled = Project.objects.count() - demo["counts"]["lead_projects"]  # the leads' new projects have none yet
    assert MilestoneDependency.objects.count() == demo["counts"]["milestone_links"] == scheduled * 24
    assert not MilestoneDependency.objects.exclude(predecessor__project=F("project")).exists()


def test_schedules_and_lights_are_computed_and_kept_as_history(demo):
    months = sorted(set(ProjectLight.objects.values_list("month", flat=True)))
    assert len(months) == 6 and months[-1].month == REFERENCE_DATE.month - 1
    assert set(ProjectLight.objects.values_list("light", flat=True)) == {"green", "yellow", "red"}
    assert Milestone.objects.filter(status="overdue").exists() and Milestone.objects.filter(critical=True).exists()
    assert not Project.objects.filter(library_status="active", current_light="").exists()
    red = ProjectLight.objects.filter(light="red").first()
    assert red.summary.startswith("红灯：") and red.reasons


def test_reports_keep_their_identities(demo):
    previous = None
    for report in ProgressReport.objects.order_by("project_id", "period"):
        if previous is not None and previous.project_id != report.project_id:
            previous = None
        before = previous if previous is not None and (report.period - previous.period).days < 32 else None
        errors = report_identity_errors(_figures(report), previous=_figures(before) if before else None)
        assert errors == [], (report.project_id, report.period, errors)
        previous = report


def test_plans_escalations_meetings_and_a_shared_list(demo):
    assert AnnualPlan.objects.filter(year=REFERENCE_DATE.year).count() > 20
    assert ProblemEscalation.objects.filter(automatic=True).exists()
    meeting = CoordinationMeeting.objects.first()
    assert meeting is not None and meeting.problems.exists() and meeting.decisions.exists()
    assert SavedList.objects.filter(shared=True).exists()
    again = build_demo(scale="quick", seed=3, progress=False, sizes=SMALL, force=True)
    assert again["counts"]["meetings"] == CoordinationMeeting.objects.count()
