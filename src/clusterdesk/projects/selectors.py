"""Reads for the pipeline, all through `restrict`: the board by stage, the standard lists (清单), saved lists,
light roll-ups by park, county, city and cluster, late reports, the problem board and its figures."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdesk.accounts.roles import ScopeKind
from clusterdesk.accounts.scoping import region_ids_in_scope
from clusterdesk.common.review import ReviewStatusChoices, reviewer_filter
from clusterdesk.core.lifecycle import STAGES
from clusterdesk.core.supervision import format_pct, plan_completion, resolution_figures, start_rate

from .choices import OPEN_PROBLEM_STATUSES, LibraryStatusChoices
from .dates import next_month
from .models import (
    CoordinationMeeting,
    Library,
    MeetingDecision,
    Problem,
    ProgressReport,
    Project,
    ProjectLight,
    SavedList,
)

__all__ = [
    "GROUPED_LISTS",
    "STANDARD_LISTS",
    "StandardList",
    "late_reports",
    "latest_light_month",
    "light_rollup",
    "meeting_counts",
    "meeting_decisions",
    "meeting_problems",
    "meeting_problems_through",
    "meeting_whole_in_scope",
    "pipeline_board",
    "problem_figures",
    "problem_list",
    "project_list",
    "report_review_queue",
    "saved_lists_for",
    "standard_list",
]


@dataclass(frozen=True)
class StandardList:
    """A standard list: its key, its title and the rows it keeps (a function of the queryset and today)."""

    key: str
    title: str
    narrow: object


def _quarter(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first_month = (today.month - 1) // 3 * 3 + 1
    start = today.replace(month=first_month, day=1)
    end = (start.replace(year=start.year + 1, month=1) if first_month == 10 else start.replace(month=first_month + 3))
    return start, end - datetime.timedelta(days=1)


def _due_this_quarter(qs: QuerySet, today: datetime.date) -> QuerySet:
    start, end = _quarter(today)
    return qs.filter(planned_start_date__range=(start, end), actual_start_date__isnull=True)


def _open_problems(qs: QuerySet, today: datetime.date) -> QuerySet:
    return qs.filter(Exists(Problem.objects.filter(project=OuterRef("pk"), status__in=OPEN_PROBLEM_STATUSES)))


STANDARD_LISTS: dict[str, StandardList] = {item.key: item for item in (
    StandardList("due_this_quarter", _("Due to start this quarter"), _due_this_quarter),
    StandardList("signed_not_started", _("Signed but not started"),
                 lambda qs, today: qs.filter(signed_date__isnull=False, actual_start_date__isnull=True,
                                             stage__in=("planning", "reserve", "preconstruction"))),
    StandardList("started_this_year", _("Started this year"),
                 lambda qs, today: qs.filter(actual_start_date__year=today.year)),
    StandardList("behind_schedule", _("Behind schedule (yellow or red)"),
                 lambda qs, today: qs.filter(current_light__in=("yellow", "red"))),
    StandardList("red", _("Red light"), lambda qs, today: qs.filter(current_light="red")),
    StandardList("open_problems", _("With open problems"), _open_problems),
    StandardList("completed_not_producing", _("Completed, not yet producing"),
                 lambda qs, today: qs.filter(stage="completed")),
    StandardList("producing_not_in_statistics", _("Producing, not yet in the statistics"),
                 lambda qs, today: qs.filter(stage="capacity")),
    StandardList("added_mid_year", _("Added mid-year"), lambda qs, today: qs.filter(added_mid_year=True)),
    StandardList("withdrawn", _("Withdrawn"), lambda qs, today: qs.filter(library_status="withdrawn")),
)}

#: Lists grouped by a field: key → (title, the project field).
GROUPED_LISTS = {
    "by_leader": (_("By responsible leader"), "responsible_leader"),
    "by_unit": (_("By responsible unit"), "responsible_unit"),
    "by_cluster": (_("By cluster"), "cluster__name"),
    "by_park": (_("By park"), "park__name"),
}


def project_list(*, user, action: str = "view") -> QuerySet[Project]:
    """Projects on which ``user`` may perform ``action`` (by default: those the user may see)."""
    return Project.objects.restrict(user, action)


def standard_list(*, user, key: str, today: datetime.date | None = None) -> QuerySet:
    """The rows of a standard list in the user's scope; withdrawn projects only on the withdrawn list."""
    item = STANDARD_LISTS[key]
    queryset = project_list(user=user)
    if key != "withdrawn":
        queryset = queryset.filter(library_status=LibraryStatusChoices.ACTIVE)
    return item.narrow(queryset, today or timezone.localdate())


def saved_lists_for(*, user) -> QuerySet:
    """The user's own saved lists and those colleagues shared."""
    return SavedList.objects.filter(Q(owner=user) | Q(shared=True)).select_related("owner")


def pipeline_board(*, user, cards: int = 8) -> list[dict]:
    """Projects by stage, grouped by the configured libraries: counts, investment, lights and the largest few."""
    queryset = project_list(user=user).filter(library_status=LibraryStatusChoices.ACTIVE)
    totals = {row["stage"]: row for row in queryset.values("stage").annotate(
        count=Count("pk"), investment=Sum("total_investment_wan"),
        red=Count("pk", filter=Q(current_light="red")), yellow=Count("pk", filter=Q(current_light="yellow")))}
    library_of = {}
    for library in Library.objects.all():
        for stage in library.stages:
            library_of.setdefault(stage, library.name)
    columns = []
    for info in STAGES:
        stage = info.stage.value
        row = totals.get(stage, {})
        top = list(queryset.filter(stage=stage).select_related("region").order_by("-total_investment_wan", "pk")
                   [:cards]) if row else []
        columns.append({"stage": stage, "library": library_of.get(stage, ""), "count": row.get("count", 0),
                        "investment": row.get("investment") or Decimal(0), "red": row.get("red", 0),
                        "yellow": row.get("yellow", 0), "projects": top})
    return columns


_ROLLUP_KEYS = {
    "park": ("project__park_id", "project__park__name"),
    "county": ("project__region_id", "project__region__name"),
    "city": ("project__region__parent_id", "project__region__parent__name"),
    "cluster": ("project__cluster_id", "project__cluster__name"),
}


def latest_light_month(*, user) -> datetime.date | None:
    """The latest month with lights the user may see."""
    return ProjectLight.objects.restrict(user, "view").aggregate(m=Max("month"))["m"]


def light_rollup(*, user, month: datetime.date, by: str) -> list[dict]:
    """Lights counted by park, county, city or cluster for a month, with the start rate (started / planned to
    start this year by the month's end) and the completion of annual planned investment against time progress."""
    key, name = _ROLLUP_KEYS[by]
    month = month.replace(day=1)
    lights = ProjectLight.objects.restrict(user, "view").filter(month=month)
    groups = {row[key]: row for row in lights.values(key, name).annotate(
        total=Count("pk"), green=Count("pk", filter=Q(light="green")), yellow=Count("pk", filter=Q(light="yellow")),
        red=Count("pk", filter=Q(light="red")), plan=Sum("annual_plan_wan"), ytd=Sum("year_to_date_wan"))}
    end = next_month(month)
    planned = defaultdict(lambda: [0, 0])
    project_key = key.removeprefix("project__")
    for group, actual in (project_list(user=user).filter(planned_start_date__year=month.year,
                                                         planned_start_date__lt=end)
                          .values_list(project_key, "actual_start_date")):
        planned[group][0] += 1
        planned[group][1] += int(actual is not None and actual < end)
    rows = []
    for group, row in groups.items():
        completion, progress = plan_completion(row["plan"] or Decimal(0), row["ytd"] or Decimal(0), month.month)
        count, started = planned.get(group, (0, 0))
        rate = start_rate(count, started)
        rows.append({"id": group, "name": row[name] or "—", "total": row["total"], "green": row["green"],
                     "yellow": row["yellow"], "red": row["red"], "planned_starts": count, "started": started,
                     "start_rate": format_pct(rate, 1) if rate is not None else "—",
                     "plan_wan": row["plan"] or Decimal(0), "ytd_wan": row["ytd"] or Decimal(0),
                     "completion": format_pct(completion, 1) if completion is not None else "—",
                     "time_progress": format_pct(progress, 1),
                     "behind": completion is not None and completion < progress})
    return sorted(rows, key=lambda r: (-r["red"], -r["yellow"], r["name"]))


def late_reports(*, user, month: datetime.date) -> dict:
    """For a report month: projects under construction with no report, and reports filed after the due day
    (``CLUSTERDESK["REPORT_DUE_DAY"]`` of the following month, 5 by default)."""
    month = month.replace(day=1)
    due_day = int(settings.CLUSTERDESK.get("REPORT_DUE_DAY", 5))
    following = next_month(month)
    deadline = following.replace(day=due_day)
    projects = project_list(user=user).filter(stage="construction", library_status=LibraryStatusChoices.ACTIVE,
                                              actual_start_date__lt=following)
    missing = projects.exclude(Exists(ProgressReport.objects.filter(project=OuterRef("pk"), period=month)))
    late = (ProgressReport.objects.restrict(user, "view").filter(period=month, created__date__gt=deadline)
            .select_related("project", "reported_by"))
    return {"month": month, "deadline": deadline, "missing": missing.select_related("region", "park"),
            "late": late}


def problem_list(*, user) -> QuerySet:
    """Problems the user may see, with their projects."""
    return Problem.objects.restrict(user, "view").select_related("project", "project__region")


def problem_figures(*, user, by: str) -> list[dict]:
    """Resolution rate and average days to resolve by owner unit or category."""
    field = {"unit": "owner_unit", "category": "category"}[by]
    groups: dict[str, list] = defaultdict(list)
    rows = problem_list(user=user).order_by().values_list(field, "raised_date", "resolved_date")
    for key, raised, resolved in rows:
        groups[key].append((raised, resolved))
    labels = dict(Problem._meta.get_field("category").choices) if by == "category" else {}
    rows = []
    for key, items in groups.items():
        count, resolved, rate, average = resolution_figures(items)
        rows.append({"name": str(labels.get(key, key)), "count": count, "resolved": resolved,
                     "open": count - resolved, "rate": format_pct(rate, 1) if rate is not None else "—",
                     "average_days": f"{average:.1f}" if average is not None else "—"})
    return sorted(rows, key=lambda r: (-r["open"], r["name"]))


# Coordination meetings: a user sees a meeting's problems and decisions only inside their scope ------------------

def meeting_problems(*, meeting, user) -> QuerySet:
    """The problems a meeting discussed that ``user`` may see (a park officer at a city meeting sees their park's)."""
    return Problem.objects.restrict(user, "view").filter(meetings=meeting).select_related("project")


def meeting_decisions(*, user, meeting=None) -> QuerySet:
    """The decisions ``user`` may see, of one meeting or of all: those on a problem in scope, and the general ones
    of meetings held in the user's region."""
    decisions = MeetingDecision.objects.restrict(user, "view")
    return decisions.filter(meeting=meeting) if meeting is not None else decisions


def meeting_whole_in_scope(*, meeting, user) -> bool:
    """Whether ``user`` sees the meeting whole (its region is in their scope), minutes included; otherwise they see
    it only through the problems of theirs that it discussed."""
    if user.is_administrator:
        return True
    return user.scope_kind == ScopeKind.REGIONS and meeting.region_id in region_ids_in_scope(user)


def meeting_counts(*, meetings, user) -> dict[int, tuple[int, int]]:
    """Meeting id → (problems, decisions) that ``user`` may see, for the meetings of a list page."""
    ids = [m.pk for m in meetings]
    problems = dict(meeting_problems_through(user=user).filter(coordinationmeeting_id__in=ids)
                    .values_list("coordinationmeeting_id").annotate(n=Count("pk")).order_by())
    decisions = dict(meeting_decisions(user=user).filter(meeting_id__in=ids).values_list("meeting_id")
                     .annotate(n=Count("pk")).order_by())
    return {pk: (problems.get(pk, 0), decisions.get(pk, 0)) for pk in ids}


def meeting_problems_through(*, user) -> QuerySet:
    """The meeting–problem links whose problem ``user`` may see."""
    through = CoordinationMeeting.problems.through
    return through.objects.filter(problem__in=Problem.objects.restrict(user, "view").values("pk"))


def report_review_queue(*, user, status: str = ReviewStatusChoices.FILED) -> QuerySet[ProgressReport]:
    """Monthly reports waiting for this user: filed ones to review (or, with ``status="accepted"``, accepted ones to
    report up), in their scope, filed at the level theirs reviews (a park's by its county …), never their own."""
    filings = ProgressReport.objects.restrict(user, "change").filter(review_status=status).filter(
        reviewer_filter(user, filer="reported_by", park="project__park",
                        default_level=lambda in_park: "park" if in_park else "county"))
    return (filings.exclude(reported_by=user).select_related("project", "project__region", "project__park",
                                                              "reported_by")
            .order_by("period", "project__name", "pk"))
