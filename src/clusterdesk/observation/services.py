"""Writes for observation rounds: series and rounds, nominations with their eligibility, the route, the judges' own
score sheets (on the page or from Excel, all-or-nothing) and publication with trimmed scores, ranks and movement.

Each step of a round goes through `clusterdesk.core.observation.ROUND_WORKFLOW` and is recorded in the change log;
the organiser is whoever may change the round (the officers of the series' region).
"""

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.scoping import can
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot
from clusterdesk.common.review import counted
from clusterdesk.common.services import object_create, object_update
from clusterdesk.common.workflow import actor_facts, workflow_check
from clusterdesk.core.observation import (
    ROUND_WORKFLOW,
    ProjectFacts,
    eligibility_reasons,
    judge_totals,
    movement,
    rank,
    trimmed_means,
)
from clusterdesk.projects.models import Project

from .choices import RoundStatusChoices
from .models import Nomination, ObservationRound, ObservationSeries, Score

__all__ = ["nomination_create", "nomination_eligibility", "nomination_withdraw", "previous_round", "round_create",
           "round_judges_set", "round_publish", "round_route_confirm", "round_step", "score_sheet_save",
           "series_create"]

S = RoundStatusChoices


def _organiser(round_: ObservationRound, actor: Actor) -> None:
    if not can(actor, "change", round_):
        raise PermissionDenied("outside your scope")


def _step(round_: ObservationRound, target: str, actor: Actor, message: str, **facts: object) -> ObservationRound:
    _organiser(round_, actor)
    workflow_check(ROUND_WORKFLOW, round_.status, target, actor=actor_facts(actor), facts=facts)
    before = snapshot(round_)
    round_.status = target
    round_.save(update_fields=["status", "published_at", "last_updated"])
    record_change(instance=round_, action=ObjectChange.Action.UPDATE, actor=actor, before=before,
                  object_repr=f"{round_}: {message}"[:200])
    return round_


def series_create(*, series: ObservationSeries, actor: Actor) -> ObservationSeries:
    """Create a series of observation rounds for a region."""
    return object_create(instance=series, actor=actor)


def round_create(*, round_: ObservationRound, actor: Actor) -> ObservationRound:
    """Create a round of a series (draft)."""
    return object_create(instance=round_, actor=actor, parent_field="series")


def round_judges_set(*, round_: ObservationRound, judges: Sequence, actor: Actor) -> ObservationRound:
    """Name the round's judges (any users, whatever their role); only before publication."""
    if round_.status == S.PUBLISHED:
        raise ValidationError({"judges": "结果已发布，不能再更改评委"})
    return object_update(instance=round_, actor=actor, m2m={"judges": list(judges)}, parent_field="series")


def previous_round(round_: ObservationRound) -> ObservationRound | None:
    """The series' latest round before this one (any status)."""
    return (ObservationRound.objects.filter(series_id=round_.series_id, number__lt=round_.number)
            .order_by("-number").first())


def _facts(project: Project) -> ProjectFacts:
    reports = counted(project.progress_reports.all())  # a report under review or returned does not count
    equipment = reports.aggregate(s=Sum("equipment_wan"))["s"] or Decimal(0)
    latest = reports.order_by("-period").values_list("investment_cumulative_wan", flat=True).first()
    completed = max(project.investment_completed_wan or Decimal(0), latest or Decimal(0))
    return ProjectFacts(industrial=project.sector == "industry",
                        total_investment_wan=project.total_investment_wan or Decimal(0),
                        start_date=project.actual_start_date, completion_date=project.actual_completion_date,
                        completed_wan=completed, equipment_wan=equipment)


def nomination_eligibility(*, round_: ObservationRound, project: Project) -> tuple[str, ...]:
    """Why ``project`` may not be observed at ``round_`` under its series' rules (empty: eligible)."""
    last = previous_round(round_)
    return eligibility_reasons(_facts(project), round_.series.rules(), round_date=round_.held_on,
                               last_round_date=last.held_on if last else None)


@transaction.atomic
def nomination_create(*, round_: ObservationRound, project: Project, actor: Actor,
                      override_reason: str = "") -> Nomination:
    """Nominate a project in the actor's scope while the round takes nominations.

    An ineligible project is refused with every reason; the organiser may admit it anyway with a reason, which is
    recorded on the nomination (and in the change log with it).
    """
    if round_.status != S.NOMINATING:
        raise ValidationError({"round": "本次推进会当前不接受申报"})
    if not project.region.code.startswith(round_.series.region.code_prefix):
        raise ValidationError({"project": f"{project.name}不在{round_.series.region.name}，不能申报本次推进会"})
    reasons = nomination_eligibility(round_=round_, project=project)
    override_reason = override_reason.strip()
    if reasons and not override_reason:
        raise ValidationError({"project": [f"{project.name}不符合观摩条件：{r}" for r in reasons]})
    if reasons and not can(actor, "change", round_):
        raise PermissionDenied("只有组织单位可以破格纳入不符合条件的项目")
    nomination = Nomination(round=round_, project=project, nominated_by=actor if getattr(actor, "pk", None) else None,
                            reasons=list(reasons), override_reason=override_reason if reasons else "")
    return object_create(instance=nomination, actor=actor, parent_field="round")


def nomination_withdraw(*, nomination: Nomination, actor: Actor) -> None:
    """Withdraw a nomination while the round takes nominations."""
    from clusterdesk.common.services import object_delete

    if nomination.round.status != S.NOMINATING:
        raise ValidationError({"round": "本次推进会当前不接受申报"})
    object_delete(instance=nomination, actor=actor)


def round_step(*, round_: ObservationRound, target: str, actor: Actor) -> ObservationRound:
    """Open nominations (or reopen them), or start scoring. Confirming the route and publishing have their own
    services (they take inputs or compute)."""
    if target == S.SCORING:
        return _step(round_, target, actor, "开始评分", judges=round_.judges.count())
    if target == S.NOMINATING:
        return _step(round_, target, actor, "开始申报")
    raise ValidationError({"status": "请使用确定路线或发布结果"})


@transaction.atomic
def round_route_confirm(*, round_: ObservationRound, order: Sequence[int], actor: Actor) -> ObservationRound:
    """Confirm the route: the nominations in ``order`` (their ids, in the order of visit) are observed, the others
    are not."""
    _organiser(round_, actor)
    nominations = {n.pk: n for n in round_.nominations.all()}
    unknown = [pk for pk in order if pk not in nominations]
    if unknown or len(set(order)) != len(order):
        raise ValidationError({"route": "路线中有不属于本次推进会的申报项目或重复的项目"})
    place = {pk: i + 1 for i, pk in enumerate(order)}
    for nomination in nominations.values():
        nomination.confirmed = nomination.pk in place
        nomination.route_order = place.get(nomination.pk)
    Nomination.objects.bulk_update(nominations.values(), ["confirmed", "route_order"])
    return _step(round_, S.ROUTE_CONFIRMED, actor, f"确定观摩路线，共 {len(order)} 个项目", confirmed=len(order))


def _number(value: object) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return float(number)


def sheet_errors(round_: ObservationRound, rows: Mapping[int, Mapping[str, object]]) -> list[tuple[int, str, str]]:
    """(nomination id, criterion key, message) for every value of ``rows`` that is not a score from 0 to the
    criterion's maximum; nominations not on the route count under the key ``""``."""
    criteria = {c.key: c for c in round_.series.criterion_list()}
    on_route = set(round_.nominations.filter(confirmed=True).values_list("pk", flat=True))
    errors = []
    for pk, values in rows.items():
        if pk not in on_route:
            errors.append((pk, "", "不是本次观摩路线上的项目"))
            continue
        for key, raw in values.items():
            criterion = criteria.get(key)
            if criterion is None:
                errors.append((pk, key, "没有这一评分项"))
                continue
            try:
                value = _number(raw)
            except ValueError:
                errors.append((pk, key, f"“{raw}”不是数字"))
                continue
            if value is not None and not 0 <= value <= criterion.max_score:
                errors.append((pk, key, f"{value:g} 分超出范围：{criterion.label}满分 {criterion.max_score:g} 分"))
    return errors


@transaction.atomic
def score_sheet_save(*, round_: ObservationRound, rows: Mapping[int, Mapping[str, object]], actor: Actor
                     ) -> int:
    """Save the acting judge's own scores: ``rows`` maps a nomination id to criterion key → score (blank clears).

    All or nothing: any value out of range, not a number, or a project not on the route refuses the whole sheet
    with every error. Only the round's judges, only while it is scoring. Returns the number of rows written.
    """
    if not round_.judges.filter(pk=getattr(actor, "pk", None)).exists():
        raise PermissionDenied("您不是本次推进会的评委")
    if round_.status != S.SCORING:
        raise ValidationError({"status": "本次推进会当前不在评分阶段"})
    errors = sheet_errors(round_, rows)
    if errors:
        raise ValidationError([f"{pk} {key}: {message}" for pk, key, message in errors])
    criteria = round_.series.criterion_list()
    stored = {s.nomination_id: s for s in Score.objects.filter(nomination__round=round_, judge=actor)}
    written = 0
    for pk, raw in rows.items():
        values = {c.key: v for c in criteria if (v := _number(raw.get(c.key))) is not None}
        if pk in stored:
            values = {**stored[pk].values, **values}
            for c in criteria:
                if c.key in raw and _number(raw.get(c.key)) is None:
                    values.pop(c.key, None)
        total = sum(values[c.key] * c.weight for c in criteria) if len(values) == len(criteria) else None
        score = stored.get(pk) or Score(nomination_id=pk, judge=actor)
        if score.values == values:   # unchanged, or a blank row never scored
            continue
        before = snapshot(score) if score.pk else None
        score.values, score.total = values, total
        score.full_clean()
        score.save()
        record_change(instance=score, action=ObjectChange.Action.UPDATE if before else ObjectChange.Action.CREATE,
                      actor=actor, before=before)
        written += 1
    return written


@transaction.atomic
def round_publish(*, round_: ObservationRound, actor: Actor, now: datetime.datetime | None = None
                  ) -> ObservationRound:
    """Aggregate the judges' sheets and publish: each project's weighted totals per judge, the highest and lowest
    dropped (per the series), the mean; ranks with ties shared; movement against the series' previous published
    round (``None``: new to the ranking)."""
    _organiser(round_, actor)
    series = round_.series
    criteria = series.criterion_list()
    nominations = list(round_.nominations.filter(confirmed=True).select_related("project"))
    judges = list(round_.judges.values_list("pk", flat=True))
    scored = Score.objects.filter(nomination__round=round_, judge_id__in=judges)
    workflow_check(ROUND_WORKFLOW, round_.status, S.PUBLISHED, actor=actor_facts(actor),
                   facts={"scored_sheets": scored.values("judge_id").distinct().count()})
    row = {n.pk: i for i, n in enumerate(nominations)}
    col = {pk: j for j, pk in enumerate(judges)}
    array = np.full((len(nominations), len(judges), len(criteria)), np.nan)
    for nomination_id, judge_id, values in scored.values_list("nomination_id", "judge_id", "values"):
        if nomination_id in row:
            array[row[nomination_id], col[judge_id]] = [np.nan if values.get(c.key) is None else values[c.key]
                                                        for c in criteria]
    means, counted = trimmed_means(judge_totals(array, [c.weight for c in criteria]), trim=series.trim,
                                   min_judges=series.min_judges)
    with np.errstate(invalid="ignore"):
        by_criterion = np.nanmean(array, axis=1) if len(judges) else np.full((len(nominations), len(criteria)), np.nan)
    scores = {n.pk: float(means[i]) for i, n in enumerate(nominations) if not np.isnan(means[i])}
    ranked = rank(scores, order={n.pk: n.project.name for n in nominations})
    last = (ObservationRound.objects.filter(series=series, number__lt=round_.number, status=S.PUBLISHED)
            .order_by("-number").first())
    before_ranks = dict(last.nominations.filter(rank__isnull=False).values_list("project_id", "rank")) if last else {}
    project_of = {n.pk: n.project_id for n in nominations}
    moves = movement({project_of[r.key]: r.rank for r in ranked}, before_ranks)
    places = {r.key: r for r in ranked}
    for i, n in enumerate(nominations):
        place = places.get(n.pk)
        n.score = place.score if place else None
        n.rank = place.rank if place else None
        n.movement = moves.get(n.project_id) if place else None
        n.judges_counted = int(counted[i])
        n.criterion_means = {c.key: round(float(by_criterion[i, k]), 2) for k, c in enumerate(criteria)
                             if not np.isnan(by_criterion[i, k])}
    Nomination.objects.bulk_update(nominations, ["score", "rank", "movement", "judges_counted", "criterion_means"])
    round_.published_at = now or timezone.now()
    return _step(round_, S.PUBLISHED, actor, f"发布结果，{len(ranked)} 个项目排名",
                 scored_sheets=scored.values("judge_id").distinct().count())
