"""Reads of the enterprise service, always through `restrict`: what the user's scope allows and nothing more."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from clusterdesk.common.review import ReviewStatusChoices, counted, reviewer_filter
from clusterdesk.core.appeals import AppealFacts, resolution_summary
from clusterdesk.core.monitoring import colour, month_index
from clusterdesk.core.statistics import baseline_gaps, required_documents
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.industry.models import Cluster
from clusterdesk.parks.models import Park

from .choices import AppealCategoryChoices, AppealStatusChoices, TaskStatusChoices
from .config import secretary_load_limit
from .models import Appeal, EnterpriseWarning, FollowUpTask, InclusionCandidate, JobRun, MonthlyFigure, Visit

__all__ = [
    "COLOURS",
    "ColourCounts",
    "appeal_list",
    "appeal_resolution",
    "candidate_baseline",
    "candidate_checklist",
    "candidate_list",
    "colour_name",
    "enterprise_series",
    "figure_review_queue",
    "follow_ups_overdue",
    "grouped_warnings",
    "is_enterprise_side",
    "latest_period",
    "monitoring_by_group",
    "monthly_output_by_enterprise",
    "my_enterprises",
    "secretary_coverage",
    "visits_of",
    "warning_list",
]

COLOURS = ("green", "blue", "orange", "red")
_RANK_COLOUR = {0: "green", 1: "blue", 2: "orange", 3: "red"}
_OPEN_APPEAL = Q(status__in=[AppealStatusChoices.RAISED, AppealStatusChoices.ACCEPTED,
                             AppealStatusChoices.IN_PROGRESS])


def latest_period() -> datetime.date | None:
    """The latest month with warnings computed, else the latest month with figures."""
    run = JobRun.objects.filter(kind="warnings").order_by("-period").values_list("period", flat=True).first()
    return run or MonthlyFigure.objects.aggregate(latest=Max("period"))["latest"]


def is_enterprise_side(*, user, enterprise_id: int | None) -> bool:
    """Whether the user speaks for the enterprise: its work secretary, a secretary whose scope is that enterprise,
    or a user of the enterprise itself (the enterprise role, bound to it).

    Workflows bar the enterprise's side from handling the enterprise's own appeals and leave it the confirmations
    (closing an appeal with its rating, confirming its data sheet).
    """
    if enterprise_id is None or not getattr(user, "pk", None):
        return False
    if Enterprise.objects.filter(pk=enterprise_id, secretary_id=user.pk).exists():
        return True
    return user.role in ("secretary", "enterprise") and user.scope_enterprises.filter(pk=enterprise_id).exists()


def my_enterprises(*, user) -> QuerySet[Enterprise]:
    """A secretary's own enterprises first: those they serve; for others, the key enterprises in their scope."""
    visible = Enterprise.objects.restrict(user, "view")
    served = visible.filter(secretary=user)
    if served.exists():
        return served
    return visible.filter(key_enterprise=True)


def warning_list(*, user, period: datetime.date | None = None) -> QuerySet[EnterpriseWarning]:
    """Warnings the user may see, of one month when given, most severe first."""
    rows = EnterpriseWarning.objects.restrict(user, "view").select_related("enterprise", "enterprise__park")
    return rows.filter(period=period) if period else rows


def follow_ups_overdue(*, user, today: datetime.date | None = None) -> QuerySet[FollowUpTask]:
    """Open follow-up tasks past their due date, the user's own or on their enterprises."""
    day = today or timezone.localdate()
    rows = FollowUpTask.objects.restrict(user, "view").filter(status=TaskStatusChoices.OPEN)
    return rows.filter(due_date__lt=day).select_related("enterprise", "visit", "owner").order_by("due_date")


def appeal_list(*, user) -> QuerySet[Appeal]:
    """Appeals the user may see."""
    return Appeal.objects.restrict(user, "view").select_related("enterprise", "raised_by")


def appeal_resolution(*, user, today: datetime.date | None = None) -> dict[str, dict]:
    """Resolution rate, time and rating by responsible unit and by category, over the user's appeals."""
    day = today or timezone.localdate()
    rows = list(appeal_list(user=user).values_list("unit", "category", "raised_date", "due_date", "answered_date",
                                                    "satisfaction"))
    labels = dict(AppealCategoryChoices.choices)
    by_unit = resolution_summary((AppealFacts(u, r, d, a, s) for u, _, r, d, a, s in rows), day)
    by_category = resolution_summary((AppealFacts(str(labels[c]), r, d, a, s) for _, c, r, d, a, s in rows), day)
    return {"unit": by_unit, "category": by_category}


@dataclass
class ColourCounts:
    """Key enterprises of one group (a cluster or a park) by colour."""

    name: str
    pk: int | None = None
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[int]:
        return [self.counts[c] for c in COLOURS]


def _worst_by_enterprise(user, period: datetime.date) -> dict[int, int]:
    return dict(EnterpriseWarning.objects.restrict(user, "view").filter(period=period).values("enterprise_id")
                .annotate(worst=Max("level_rank")).values_list("enterprise_id", "worst"))


def monitoring_by_group(*, user, period: datetime.date) -> dict:
    """The four-colour view: the user's key enterprises by worst warning of the month, per cluster and per park.

    An enterprise counts under each cluster one of its chain segments belongs to, and under its park; green means
    no warning that month.
    """
    key_enterprises = Enterprise.objects.restrict(user, "view").filter(key_enterprise=True)
    enterprises = list(key_enterprises.values_list("pk", "park_id"))
    worst = _worst_by_enterprise(user, period)
    colour_of = {pk: _RANK_COLOUR[worst.get(pk, 0)] for pk, _ in enterprises}
    parks = dict(Park.objects.restrict(user, "view").filter(pk__in={p for _, p in enterprises if p})
                 .values_list("pk", "name"))
    by_park: dict[int | None, ColourCounts] = {}
    for pk, park_id in enterprises:
        key = park_id if park_id in parks else None
        group = by_park.setdefault(key, ColourCounts(parks.get(key, "—"), key))
        group.counts[colour_of[pk]] += 1
    links = (Enterprise.chain_segments.through.objects
             .filter(enterprise__in=key_enterprises.values("pk"))
             .values_list("enterprise_id", "chainsegment__chain__cluster_id").distinct())
    clusters = dict(Cluster.objects.restrict(user, "view").values_list("pk", "name"))
    by_cluster: dict[int, ColourCounts] = {}
    seen = set()
    for enterprise_id, cluster_id in links:
        if cluster_id in clusters and (enterprise_id, cluster_id) not in seen:
            seen.add((enterprise_id, cluster_id))
            group = by_cluster.setdefault(cluster_id, ColourCounts(clusters[cluster_id], cluster_id))
            group.counts[colour_of[enterprise_id]] += 1
    total = ColourCounts("", None, Counter(colour_of.values()))

    def order(groups):
        return sorted(groups, key=lambda g: (-g.counts["red"], -g.counts["orange"], -g.total, g.name))

    return {"total": total, "parks": order(by_park.values()), "clusters": order(by_cluster.values())}


def enterprise_series(*, enterprise: Enterprise, user, year: int) -> dict:
    """This year's and last year's monthly figures of one enterprise, for the charts (None where missing)."""
    rows = MonthlyFigure.objects.restrict(user, "view").filter(enterprise=enterprise, period__year__in=[year - 1, year])
    fields = ("output_wan", "revenue_wan", "orders_on_hand_wan", "utilisation_pct", "electricity_wan_kwh")
    series = {f: {year - 1: [None] * 12, year: [None] * 12} for f in fields}
    for row in rows:
        for f in fields:
            value = getattr(row, f)
            series[f][row.period.year][row.period.month - 1] = float(value) if value is not None else None
    return {f: {"this": series[f][year], "last": series[f][year - 1]} for f in fields}


def secretary_coverage(*, user) -> dict:
    """Key enterprises in scope without a secretary, and each secretary's load (overloaded above the limit)."""
    key = Enterprise.objects.restrict(user, "view").filter(key_enterprise=True)
    loads = list(key.exclude(secretary=None).values("secretary_id", "secretary__username", "secretary__full_name")
                 .annotate(count=Count("pk")).order_by("-count"))
    limit = secretary_load_limit()
    for row in loads:
        row["overloaded"] = row["count"] > limit
    return {"uncovered": key.filter(secretary=None).select_related("region", "park"), "loads": loads,
            "limit": limit, "key_total": key.count()}


def candidate_list(*, user) -> QuerySet[InclusionCandidate]:
    """Inclusion candidates the user may see."""
    return InclusionCandidate.objects.restrict(user, "view").select_related("enterprise", "project", "region", "park")


def candidate_checklist(candidate: InclusionCandidate) -> list[tuple[str, str, bool]]:
    """The candidate's document checklist: (key, name, on file)."""
    return [(key, name, key in candidate.documents) for key, name in required_documents(candidate.unit_type)]


def candidate_baseline(candidate: InclusionCandidate, today: datetime.date | None = None) -> list[datetime.date]:
    """Months of the 12 before this one without both output and revenue on file (the same-period baseline)."""
    if candidate.enterprise_id is None:
        return []
    day = today or timezone.localdate()
    months = counted(MonthlyFigure.objects.filter(enterprise_id=candidate.enterprise_id, output_wan__isnull=False,
                                                  revenue_wan__isnull=False)).values_list("period", flat=True)
    have = [month_index(p.year, p.month) for p in months]
    gaps = baseline_gaps(have, month_index(day.year, day.month))
    return [datetime.date(m // 12, m % 12 + 1, 1) for m in gaps]


def visits_of(*, enterprise: Enterprise, user) -> QuerySet[Visit]:
    """An enterprise's visits, with their tasks."""
    return Visit.objects.restrict(user, "view").filter(enterprise=enterprise).prefetch_related("tasks")


def colour_name(level_rank: int) -> str:
    """The four-colour slug of a severity rank."""
    return colour({1: "watch", 2: "warning", 3: "serious"}.get(level_rank))


def grouped_warnings(warnings) -> dict[int, list]:
    """Warnings grouped by enterprise id, in order."""
    found = defaultdict(list)
    for w in warnings:
        found[w.enterprise_id].append(w)
    return found


def figure_review_queue(*, user, status: str = ReviewStatusChoices.FILED) -> QuerySet[MonthlyFigure]:
    """Enterprises' monthly figures waiting for this user: filed ones to review (or, with ``status="accepted"``,
    accepted ones to report up), in their scope, filed at the level theirs reviews (a secretary's by the
    enterprise's park, else its county …), never their own."""
    filings = MonthlyFigure.objects.restrict(user, "change").filter(review_status=status).filter(
        reviewer_filter(user, filer="reported_by", park="enterprise__park", default_level=lambda in_park: "enterprise"))
    return (filings.exclude(reported_by=user).select_related("enterprise", "enterprise__region", "enterprise__park",
                                                              "reported_by")
            .order_by("period", "enterprise__name", "pk"))


def monthly_output_by_enterprise(*, user, year: int, enterprises: QuerySet[Enterprise],
                                 until: datetime.date | None = None) -> dict[int, float]:
    """Output of the year so far (万元) per enterprise of ``enterprises``, from its counted monthly figures (those of
    months up to ``until`` when given)."""
    rows = counted(MonthlyFigure.objects.restrict(user, "view").filter(
        enterprise__in=enterprises, period__year=year, output_wan__isnull=False))
    if until is not None:
        rows = rows.filter(period__lte=until)
    totals = rows.order_by().values_list("enterprise_id").annotate(t=Sum("output_wan"))
    return {pk: float(total) for pk, total in totals}
