"""Statistics inclusion (应统尽统): the candidate detection job and the candidate state machine's writes."""

import datetime
import functools
import time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from clusterdesk.accounts.actors import Actor
from clusterdesk.common.review import counted
from clusterdesk.common.services import object_update
from clusterdesk.common.workflow import actor_facts, workflow_check
from clusterdesk.core.statistics import (
    CANDIDATE_WORKFLOW,
    CandidateState,
    InclusionFacts,
    UnitType,
    channel_for,
    detect_candidate,
    detect_new_production,
    detect_project_candidate,
    inclusion_threshold,
    next_deadline,
    required_documents,
    unit_type_for_industry,
)
from clusterdesk.core.workflow.roles import RELATION_ENTERPRISE_SIDE
from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
from clusterdesk.enterprises.services import enterprise_update
from clusterdesk.projects.models import Project

from .choices import JobKindChoices
from .config import calendar_rules, detection_rules, new_production_window_days, project_start_window_days
from .models import InclusionCandidate, JobRun, MonthlyFigure
from .selectors import is_enterprise_side
from .services import _raw_rows, job_run_record

__all__ = ["candidate_documents_set", "candidate_transition", "candidates_detect"]

def _ytd(year: int, as_of: datetime.date) -> dict[int, tuple]:
    rows = (counted(MonthlyFigure.objects.filter(period__year=year, period__lte=as_of,
                                                 enterprise__above_scale=False))
            .values("enterprise_id")
            .annotate(revenue=Sum("revenue_wan"), tax=Sum("tax_wan"), power=Sum("electricity_wan_kwh"),
                      months=Count("pk"), revenue_months=Count("revenue_wan"))
            .values_list("enterprise_id", "revenue", "tax", "power", "months", "revenue_months"))
    return {row[0]: row[1:] for row in rows}


def _facts(unit_type: UnitType, ytd: tuple | None, last_year: Decimal | None) -> InclusionFacts:
    if ytd is None:
        return InclusionFacts(unit_type, last_year_revenue_wan=last_year)
    revenue, tax, power, months, revenue_months = ytd
    if revenue_months:
        return InclusionFacts(unit_type, revenue_months, revenue_ytd_wan=revenue, last_year_revenue_wan=last_year)
    return InclusionFacts(unit_type, months, tax_ytd_wan=tax, electricity_ytd=power, last_year_revenue_wan=last_year)


@functools.lru_cache(maxsize=16)
def _deadline(channel, as_of: datetime.date) -> datetime.date:
    return next_deadline(channel, as_of, calendar_rules()).due


def _candidate(detection, *, unit_type, year, region_id, park_id, started, as_of, **subject) -> InclusionCandidate:
    channel = channel_for(started, as_of, calendar_rules())
    return InclusionCandidate(
        **subject, region_id=region_id, park_id=park_id, year=year, unit_type=unit_type.value,
        state=CandidateState.MEETS if detection.meets else CandidateState.NEAR, basis=detection.basis.value,
        amount_wan=detection.amount_wan.quantize(Decimal("0.01")), threshold_wan=detection.threshold_wan,
        projected_wan=detection.projected_wan, explanation=detection.explanation, channel=channel.value,
        deadline=_deadline(channel, as_of), detected_date=as_of)


def _enterprise_facts(year: int, as_of: datetime.date) -> tuple[dict, dict]:
    ytd = _ytd(year, as_of)
    rows = EnterpriseYearFigure.objects.filter(year=year - 1, enterprise__above_scale=False, revenue_wan__isnull=False)
    return ytd, dict(_raw_rows(rows, ("enterprise_id", "revenue_wan")))


def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(repr(float(value))).quantize(Decimal("0.01"))


def _date(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _detect_enterprises(year: int, as_of: datetime.date, existing: dict, ytd: dict, last_year: dict,
                        ) -> tuple[list, list]:
    rules = detection_rules()
    types: dict[str, tuple[UnitType | None, float]] = {}
    new, promoted = [], []
    rows = Enterprise.objects.filter(above_scale=False)
    fields = ("pk", "industry__code", "region_id", "park_id", "established_date", "annual_revenue_wan")
    for pk, code, region_id, park_id, established, revenue in _raw_rows(rows, fields):
        if code not in types:
            kind = unit_type_for_industry(code) if code else None
            threshold = inclusion_threshold(kind, rules.thresholds) if kind else None
            types[code] = (kind if threshold else None, float(threshold or 0))
        unit_type, threshold = types[code]
        if unit_type is None:
            continue
        last = last_year.get(pk, revenue)
        this_year = ytd.get(pk)
        if this_year is None and (last is None or float(last) < threshold):
            continue  # without this year's figures only last year's revenue can make a candidate
        detection = detect_candidate(_facts(unit_type, this_year, _decimal(last)), rules)
        if detection is None:
            continue
        known = existing.get(pk)
        if known is None:
            new.append(_candidate(detection, unit_type=unit_type, year=year, region_id=region_id, park_id=park_id,
                                  started=_date(established), as_of=as_of, enterprise_id=pk))
        elif known.state == CandidateState.NEAR and detection.meets:
            known.state, known.basis, known.explanation = CandidateState.MEETS, detection.basis, detection.explanation
            known.amount_wan = detection.amount_wan.quantize(Decimal("0.01"))
            promoted.append(known)
    return new, promoted


def _detect_projects(year: int, as_of: datetime.date, known: set[int]) -> list:
    """Projects of 500 万元 or more that started, or are due to start, within the window: investment statistics."""
    rules = detection_rules()
    window = datetime.timedelta(days=project_start_window_days())
    found = []
    recent = Q(actual_start_date__gte=as_of - window, actual_start_date__lte=as_of) | Q(
        actual_start_date__isnull=True, planned_start_date__gte=as_of, planned_start_date__lte=as_of + window)
    rows = (Project.objects.exclude(stage="statistics").filter(recent, total_investment_wan__gte=500)
            .values_list("pk", "total_investment_wan", "actual_start_date", "region_id", "park_id"))
    for pk, total, start, region_id, park_id in rows.iterator(chunk_size=20_000):
        if pk in known:
            continue
        detection = detect_project_candidate(total, start is not None, False, rules)
        if detection is not None:
            found.append(_candidate(detection, unit_type=UnitType.PROJECT, year=year, region_id=region_id,
                                    park_id=park_id, started=start, as_of=as_of, project_id=pk))
    return found


def _detect_new_production(year: int, as_of: datetime.date, taken: set[int], ytd: dict, last_year: dict) -> list:
    """Owners of projects that went into production within the window and are not yet in the statistics."""
    rules = detection_rules()
    since = as_of - datetime.timedelta(days=new_production_window_days())
    rows = (Project.objects.filter(actual_production_date__gte=since, actual_production_date__lte=as_of,
                                   owner__above_scale=False).exclude(owner=None)
            .values_list("owner_id", "name", "actual_production_date", "owner__industry__code", "owner__region_id",
                         "owner__park_id", "owner__annual_revenue_wan").order_by("-actual_production_date"))
    found = []
    for owner, name, production, code, region_id, park_id, revenue in rows:
        unit_type = unit_type_for_industry(code) if code else None
        if owner in taken or unit_type is None:
            continue
        facts = _facts(unit_type, ytd.get(owner), _decimal(last_year.get(owner, revenue)))
        detection = detect_new_production(facts, name, production, rules)
        if detection is not None:
            taken.add(owner)
            found.append(_candidate(detection, unit_type=unit_type, year=year, region_id=region_id, park_id=park_id,
                                    started=production, as_of=as_of, enterprise_id=owner))
    return found


@transaction.atomic
def candidates_detect(*, actor: Actor | None, as_of: datetime.date | None = None) -> JobRun:
    """Find every unit not yet in the statistics that has reached, or will reach, its threshold this year.

    Enterprises come from this year's monthly figures (revenue, else tax or electricity), last year's yearly
    figures (else the enterprise's recorded annual revenue); owners of newly producing projects are followed as new
    units; projects of 500 万元 or more enter from a recent (or imminent) start. A new
    candidate enters as 准规上 or 达标应入; a 准规上 one whose reported revenue now reaches the threshold becomes
    达标应入. Candidates further along (filed, included, rejected) are left as they are.
    """
    started = time.perf_counter()
    day = as_of or timezone.localdate()
    year = day.year
    existing = {c.enterprise_id: c for c in InclusionCandidate.objects.filter(year=year, enterprise__isnull=False)
                .only("pk", "enterprise_id", "state")}
    ytd, last_year = _enterprise_facts(year, day)
    new, promoted = _detect_enterprises(year, day, existing, ytd, last_year)
    taken = set(existing) | {c.enterprise_id for c in new}
    new += _detect_new_production(year, day, taken, ytd, last_year)
    known_projects = set(InclusionCandidate.objects.filter(project__isnull=False).values_list("project_id", flat=True))
    projects = _detect_projects(year, day, known_projects)
    counts = {"new": len(new) + len(projects), "new_enterprises": len(new), "new_projects": len(projects),
              "promoted": len(promoted),
              "meets": sum(1 for c in new + projects if c.state == CandidateState.MEETS)}
    run = job_run_record(kind=JobKindChoices.CANDIDATES, period=day.replace(day=1), started=started, counts=counts,
                         actor=actor)
    for candidate in new + projects:
        candidate.run = run
    InclusionCandidate.objects.bulk_create(new + projects, batch_size=2000)
    InclusionCandidate.objects.bulk_update(promoted, ["state", "basis", "explanation", "amount_wan"], batch_size=2000)
    run.seconds = Decimal(f"{time.perf_counter() - started:.3f}")
    run.save(update_fields=["seconds"])
    return run


def candidate_transition(*, candidate: InclusionCandidate, state: str, actor: Actor, reason: str = "",
                         today: datetime.date | None = None) -> InclusionCandidate:
    """Move a candidate along `CANDIDATE_WORKFLOW`: 准规上 → 达标应入 → 已申报 → 已入统 (or 未通过 with its reason).

    Filing needs every document of the checklist on file; recording inclusion or rejection is for officers, never
    the enterprise's side. Inclusion marks the enterprise above designated size through the enterprises service, in
    the same transaction.
    """
    side = is_enterprise_side(user=actor, enterprise_id=candidate.enterprise_id)
    missing = [name for key, name in required_documents(candidate.unit_type) if key not in candidate.documents]
    workflow_check(CANDIDATE_WORKFLOW, candidate.state, state,
                   actor=actor_facts(actor, [RELATION_ENTERPRISE_SIDE] if side else []),
                   facts={"reason": reason, "missing_documents": missing})
    day = today or timezone.localdate()
    if state == CandidateState.FILED:
        candidate.filed_date = day
    elif state == CandidateState.INCLUDED:
        candidate.included_date = day
    elif state == CandidateState.REJECTED:
        candidate.rejection_reason = reason.strip()
    with transaction.atomic():
        candidate.state = state
        object_update(instance=candidate, actor=actor)
        if state == CandidateState.INCLUDED and candidate.enterprise_id:
            enterprise = Enterprise.objects.get(pk=candidate.enterprise_id)
            if not enterprise.above_scale:
                enterprise.above_scale = True
                enterprise_update(enterprise=enterprise, actor=actor)
    return candidate


def candidate_documents_set(*, candidate: InclusionCandidate, documents: list[str], actor: Actor) -> InclusionCandidate:
    """Record which checklist documents are on file (keys of the unit type's checklist only)."""
    allowed = [key for key, _ in required_documents(candidate.unit_type)]
    unknown = [d for d in documents if d not in allowed]
    if unknown:
        raise ValidationError({"documents": "不属于该类单位的申报材料：" + "、".join(unknown)})
    candidate.documents = [key for key in allowed if key in documents]
    return object_update(instance=candidate, actor=actor)
