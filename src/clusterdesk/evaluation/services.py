"""Writes for evaluations: the per-mu workflow, park aggregation, composite evaluation and featured reviews.

The workflow of a per-mu run (亩均效益评价, `clusterdesk.core.evaluation.EVALUATION_RUN_WORKFLOW`): collect the data
sheets (一企一单) from the enterprises' yearly figures, verify land, let each enterprise confirm its own sheet,
score and class (core.scoring), publish for objections, resolve them, then — once the publicity period is over,
no objection is open and every sheet is confirmed (or marked deemed confirmed after the deadline) — finalise the
classes and compute the differential policies (the D-class electricity surcharge). Each step is checked by the
workflow engine and recorded in the change log; bulk steps (collecting thousands of sheets, scoring, deeming)
are recorded once on the run with their counts.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from math import isnan
from types import SimpleNamespace

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.scoping import can
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot
from clusterdesk.common.bulk import RowSink, update_rows
from clusterdesk.common.services import object_create, object_update
from clusterdesk.common.workflow import ActionNotAllowed, actor_facts, workflow_check
from clusterdesk.core.evaluation import EVALUATION_RUN_WORKFLOW, SHEET_WORKFLOW
from clusterdesk.core.scoring import (
    ABOVE_SCALE_INDICATORS,
    BELOW_SCALE_INDICATORS,
    DEFAULT_CERTIFICATION,
    DEFAULT_CULTIVATION,
    DEFAULT_PARK_SYSTEM,
    Classing,
    CompositeIndicator,
    Criterion,
    Indicator,
    Method,
    ScoringError,
    ScoringMethod,
    bottom_flags,
    composite_evaluate,
    electricity_surcharge,
    evaluate,
    featured_decision,
)
from clusterdesk.core.workflow.roles import RELATION_ENTERPRISE_SIDE
from clusterdesk.enterprise_service.selectors import is_enterprise_side
from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
from clusterdesk.parks.models import Park

from .choices import ObjectionChoices, RunStatusChoices, SheetStatusChoices
from .models import (
    CompositeEvaluation,
    CompositeResult,
    EvaluationRun,
    EvaluationSheet,
    FeaturedDecision,
    FeaturedReview,
    ParkEvaluation,
)

__all__ = [
    "FIGURES",
    "composite_compute",
    "featured_apply",
    "featured_compute",
    "park_figures",
    "run_collect",
    "run_create",
    "run_deem_unconfirmed",
    "run_finalize",
    "run_publish",
    "run_score",
    "sheet_confirm",
    "sheet_object",
    "sheet_resolve_objection",
    "sheet_update",
    "sheet_verify_land",
]

FIGURES = ("revenue_wan", "output_wan", "value_added_wan", "tax_wan", "employees", "land_mu", "energy_tce",
           "electricity_wan_kwh", "emissions_t", "rd_expense_wan")
S = RunStatusChoices


def _step(run: EvaluationRun, target: str, actor: Actor, **facts: object) -> None:
    """Check one step of the run's workflow: its status, who acts, and the step's guards."""
    workflow_check(EVALUATION_RUN_WORKFLOW, run.status, target, actor=actor_facts(actor), facts=facts)


def _check(actor: Actor, instance, action: str = "change") -> None:
    if not can(actor, action, instance):
        raise PermissionDenied("outside your scope")


def _class_words(counts: dict[str, int]) -> str:
    """The number of enterprises (or parks) per class, in words for the change log."""
    return "、".join(f"{c} 类 {counts.get(c, 0)} 家" for c in "ABCD")


def _record_run(run: EvaluationRun, actor: Actor, before: dict, message: str) -> None:
    run.save()
    record_change(instance=run, action=ObjectChange.Action.UPDATE, actor=actor, before=before,
                  object_repr=f"{run}: {message}"[:200])


def _bulk_set(rows: list, fields: list[str], model) -> None:
    """Write ``fields`` of many rows of ``model`` by id; ``rows`` are any objects with its ``pk`` and the fields'
    attributes (the scored sheets are plain rows, not instances)."""
    names = [model._meta.get_field(name).attname for name in fields]
    update_rows(model, fields, [(*(getattr(row, name) for name in names), row.pk) for row in rows])


def run_create(*, run: EvaluationRun, actor: Actor) -> EvaluationRun:
    """Create a per-mu evaluation for a region and year (draft)."""
    return object_create(instance=run, actor=actor)


def _exemptions(run: EvaluationRun, building: set[int]):
    """The function giving an enterprise's exemption reason in ``run`` ('' if none), from its industry code, date
    of establishment, id and revenue (the messages translated once, not for every enterprise)."""
    prefixes = tuple(run.exempt_industry_prefixes or ())
    young = datetime.date(run.year - run.exempt_young_years, 12, 31)
    utility = _("Utility")
    younger = _("Younger than %(years)s years") % {"years": run.exempt_young_years}
    in_construction = _("Project still in construction")

    def reason(code: str | None, established: datetime.date | None, pk: int, revenue) -> str:
        if prefixes and (code or "").startswith(prefixes):
            return utility
        if established and established > young:
            return younger
        if pk in building and not revenue:
            return in_construction
        return ""

    return reason


@transaction.atomic
def run_collect(*, run: EvaluationRun, actor: Actor) -> int:
    """Create the data sheets (一企一单) of the enterprises of the run's region with figures for its year: every
    above-size enterprise, and the others using at least the run's minimum land (3 亩 by default).

    Sheets already collected are kept (a second collection adds the enterprises that reported since).
    Exempt categories — utilities, enterprises younger than the configured years, owners of projects still
    in construction without revenue — are marked with the reason and kept out of the ranking.
    """
    _check(actor, run)
    _step(run, S.COLLECTING, actor)
    from clusterdesk.projects.models import Project

    before = snapshot(run)
    area = Enterprise.objects.filter(region__code__startswith=run.region.code_prefix)
    # Plain rows, not model instances: a province's run collects some 160,000 sheets.
    reported = EnterpriseYearFigure.objects.filter(enterprise__in=area, year=run.year)
    figures = {pk: values for pk, *values in _plain_rows(reported.values_list("enterprise_id", *FIGURES))}
    building = set(Project.objects.filter(stage="construction", owner__in=area).values_list("owner_id", flat=True))
    exemption = _exemptions(run, building)
    land, revenue = FIGURES.index("land_mu"), FIGURES.index("revenue_wan")
    sheets = RowSink(EvaluationSheet, ("run", "enterprise", "above_scale", "exempt", "exempt_reason", *FIGURES))
    for pk, above_scale, code, established in (
            area.filter(pk__in=reported.values("enterprise_id")).exclude(pk__in=run.sheets.values("enterprise_id"))
            .values_list("pk", "above_scale", "industry__code", "established_date").iterator(5000)):
        values = figures[pk]
        if not above_scale and (values[land] or 0) < run.min_land_mu:
            continue
        reason = exemption(code, established, pk, values[revenue])
        sheets.add((run.pk, pk, above_scale, bool(reason), reason, *values))
    sheets.flush()
    run.status = S.COLLECTING
    _record_run(run, actor, before, f"采集一企一单 {sheets.count} 份")
    return sheets.count


def _editable_sheet(sheet: EvaluationSheet) -> None:
    if sheet.run.status not in (S.COLLECTING, S.SCORED):
        raise ValidationError(_("Data sheets can be changed only while data is collected or before publication."))


def sheet_update(*, sheet: EvaluationSheet, actor: Actor) -> EvaluationSheet:
    """Correct a sheet's figures, exemption, veto or bonus/penalty; a confirmed sheet needs confirming again."""
    _editable_sheet(sheet)
    stored = EvaluationSheet.objects.get(pk=sheet.pk)
    changed = any(getattr(stored, name) != getattr(sheet, name) for name in FIGURES)
    if changed and sheet.status == SheetStatusChoices.CONFIRMED:
        workflow_check(SHEET_WORKFLOW, sheet.status, SheetStatusChoices.COLLECTED, actor=actor_facts(actor),
                       facts={"run_status": sheet.run.status})
        sheet.status, sheet.confirmed_at, sheet.confirmed_by = SheetStatusChoices.COLLECTED, None, None
    return object_update(instance=sheet, actor=actor, parent_field="run")


def _not_the_enterprise_side(sheet: EvaluationSheet, actor: Actor, message: str) -> None:
    """The enterprise's side (its user, its work secretary) confirms and objects; it never verifies nor judges."""
    if is_enterprise_side(user=actor, enterprise_id=sheet.enterprise_id):
        raise ActionNotAllowed(message)


def sheet_verify_land(*, sheet: EvaluationSheet, land_mu, actor: Actor) -> EvaluationSheet:
    """Record the verified land area (土地核实) of an enterprise, which the per-mu indicators divide by; not by the
    enterprise's own side."""
    _not_the_enterprise_side(sheet, actor, "土地核实须由评价单位办理，企业一方不能核实本企业的用地")
    sheet.land_mu = land_mu
    sheet.land_verified = True
    return sheet_update(sheet=sheet, actor=actor)


def sheet_confirm(*, sheet: EvaluationSheet, actor: Actor) -> EvaluationSheet:
    """The enterprise (or its work secretary) confirms its own data sheet (一企一单确认); nobody else may."""
    side = is_enterprise_side(user=actor, enterprise_id=sheet.enterprise_id)
    workflow_check(SHEET_WORKFLOW, sheet.status, SheetStatusChoices.CONFIRMED,
                   actor=actor_facts(actor, [RELATION_ENTERPRISE_SIDE] if side else []),
                   facts={"run_status": sheet.run.status})
    sheet.status = SheetStatusChoices.CONFIRMED
    sheet.confirmed_by = actor
    sheet.confirmed_at = timezone.now()
    return object_update(instance=sheet, actor=actor, parent_field="run")


def _method(run: EvaluationRun) -> ScoringMethod:
    return ScoringMethod(Method(run.method), None, run.ratio_cap, run.floor)


def _classing(run: EvaluationRun) -> Classing:
    try:
        return Classing(run.classing, tuple(run.bands), tuple(run.thresholds))  # type: ignore[arg-type]
    except (ScoringError, TypeError, ValueError) as exc:
        raise ValidationError({"bands": str(exc)}) from exc


def _indicators(base: tuple[Indicator, ...], weights: dict) -> tuple[Indicator, ...]:
    return tuple(Indicator(i.key, i.label, i.numerator, i.denominator, float(weights.get(i.key, i.weight)),
                           i.higher_is_better, i.missing, i.scale) for i in base)


class _ScoredSheet:
    """What scoring reads of a data sheet and what it writes back: a plain object, not a model instance (a
    province's run scores some 160,000 sheets)."""

    __slots__ = ("above_scale", "bonus", "exempt", "final_class", "park_id", "penalty", "pk", "points",
                 "preliminary_class", "rank", "total", "values", "vetoed", *FIGURES)

    COLUMNS = ("pk", "above_scale", "exempt", "vetoed", "bonus", "penalty", "enterprise__park_id", *FIGURES)

    def __init__(self, row: tuple) -> None:
        pk, above_scale, exempt, vetoed, bonus, penalty, park_id, *figures = row
        self.pk, self.park_id, self.bonus, self.penalty = pk, park_id, bonus, penalty
        self.above_scale, self.exempt, self.vetoed = bool(above_scale), bool(exempt), bool(vetoed)
        for name, value in zip(FIGURES, figures, strict=True):
            setattr(self, name, value)


def _plain_rows(queryset) -> list[tuple]:
    """The rows of a ``values_list`` queryset as the database driver gives them, without Django's converter of
    every value (decimals come as floats on SQLite, as `Decimal` on PostgreSQL; the callers take ``float``)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _matrix(sheets: list[_ScoredSheet]) -> dict[str, np.ndarray]:
    return {name: np.array([float(v) if (v := getattr(s, name)) is not None else np.nan for s in sheets])
            for name in FIGURES}


def _score_group(run: EvaluationRun, sheets: list[_ScoredSheet], indicators: tuple[Indicator, ...]) -> None:
    if not sheets:
        return
    result = evaluate(_matrix(sheets), indicators, _method(run), _classing(run),
                      bonus=[s.bonus for s in sheets], penalty=[s.penalty for s in sheets],
                      vetoed=[s.vetoed for s in sheets], exempt=[s.exempt for s in sheets])
    keys = [i.key for i in indicators]
    # Python numbers (tolist) rather than numpy scalars, element by element: the same values, many times faster.
    values, points = result.values.tolist(), result.points.tolist()
    totals, ranks = result.totals.tolist(), result.ranks.tolist()
    for k, sheet in enumerate(sheets):
        sheet.values = {key: (None if isnan(v) else round(v, 4)) for key, v in zip(keys, values[k], strict=True)}
        sheet.points = {key: round(p, 2) for key, p in zip(keys, points[k], strict=True)}
        sheet.total = None if sheet.exempt else round(totals[k], 2)
        sheet.rank = int(ranks[k]) or None
        sheet.preliminary_class = result.classes[k]
        sheet.final_class = ""


@transaction.atomic
def run_score(*, run: EvaluationRun, actor: Actor) -> dict[str, int]:
    """Score and class every sheet (above- and below-size enterprises ranked separately), then the parks."""
    _check(actor, run)
    _step(run, S.SCORED, actor, sheets=run.sheets.count())
    before = snapshot(run)
    sheets = [_ScoredSheet(row) for row in _plain_rows(run.sheets.order_by("pk").values_list(*_ScoredSheet.COLUMNS))]
    weights = run.weights or {}
    _score_group(run, [s for s in sheets if s.above_scale], _indicators(ABOVE_SCALE_INDICATORS, weights))
    _score_group(run, [s for s in sheets if not s.above_scale], _indicators(BELOW_SCALE_INDICATORS, weights))
    _bulk_set(sheets, ["values", "points", "total", "rank", "preliminary_class", "final_class"], EvaluationSheet)
    parks = _score_parks(run, sheets)
    run.status = S.SCORED
    counts = {c: sum(1 for s in sheets if s.preliminary_class == c) for c in "ABCD"}
    _record_run(run, actor, before, f"评分定类：一企一单 {len(sheets)} 份、园区 {parks} 个，{_class_words(counts)}")
    return counts


def _score_parks(run: EvaluationRun, sheets: list[_ScoredSheet]) -> int:
    """Parks on the same per-mu basis: their enterprises' figures summed, over the land they use."""
    run.park_results.all().delete()
    members: dict[int, list[EvaluationSheet]] = defaultdict(list)
    for s in sheets:
        if s.park_id and not s.exempt:
            members[s.park_id].append(s)
    if not members:
        return 0
    park_ids = sorted(members)
    sums = {name: np.array([sum(float(v) for s in members[p] if (v := getattr(s, name)) is not None)
                            if any(getattr(s, name) is not None for s in members[p]) else np.nan for p in park_ids])
            for name in FIGURES}
    indicators = _indicators(ABOVE_SCALE_INDICATORS, run.weights or {})
    result = evaluate(sums, indicators, _method(run), _classing(run))
    rows = [ParkEvaluation(run=run, park_id=p, enterprises=len(members[p]),
                           figures={n: (None if np.isnan(sums[n][k]) else round(float(sums[n][k]), 2)) for n in sums},
                           values={i.key: (None if np.isnan(v) else round(float(v), 4))
                                   for i, v in zip(indicators, result.values[k], strict=True)},
                           total=round(float(result.totals[k]), 2), rank=int(result.ranks[k]),
                           park_class=result.classes[k]) for k, p in enumerate(park_ids)]
    ParkEvaluation.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def run_publish(*, run: EvaluationRun, actor: Actor, objection_deadline: datetime.date | None = None,
                today: datetime.date | None = None) -> EvaluationRun:
    """Publish the preliminary classes for objections (公示) until the deadline (a week by default), which may not
    lie before the day of publication."""
    _check(actor, run)
    day = today or timezone.localdate()
    deadline = objection_deadline or (day + datetime.timedelta(days=7))
    _step(run, S.PUBLISHED, actor, objection_deadline=deadline, today=day)
    before = snapshot(run)
    run.status = S.PUBLISHED
    run.published_at = timezone.now()
    run.objection_deadline = deadline
    _record_run(run, actor, before, f"公示，异议受理至 {deadline.isoformat()}")
    return run


def sheet_object(*, sheet: EvaluationSheet, text: str, actor: Actor) -> EvaluationSheet:
    """File an enterprise's objection against its published result."""
    if sheet.run.status != S.PUBLISHED:
        raise ValidationError(_("Objections can be filed only while the results are published."))
    if not text.strip():
        raise ValidationError({"objection": _("Say what the objection is.")})
    sheet.objection, sheet.objection_status = text.strip(), ObjectionChoices.OPEN
    return object_update(instance=sheet, actor=actor, parent_field="run")


def sheet_resolve_objection(*, sheet: EvaluationSheet, upheld: bool, reply: str, actor: Actor,
                            final_class: str = "") -> EvaluationSheet:
    """Answer an objection; when upheld the final class may be set (the data corrected or the class revised). The
    enterprise's own side never answers its objection."""
    _not_the_enterprise_side(sheet, actor, "异议须由评价单位答复，企业一方不能答复本企业的异议")
    if sheet.objection_status != ObjectionChoices.OPEN:
        raise ValidationError(_("There is no open objection on this sheet."))
    if final_class and final_class not in "ABCD":
        raise ValidationError({"final_class": _("The class must be A, B, C or D.")})
    sheet.objection_status = ObjectionChoices.UPHELD if upheld else ObjectionChoices.REJECTED
    sheet.objection_reply = reply
    if upheld and final_class:
        sheet.final_class = final_class
    return object_update(instance=sheet, actor=actor, parent_field="run")


def _class_history(run: EvaluationRun) -> dict[int, dict[int, str]]:
    """The final classes of the run's enterprises in the region's earlier final runs, by enterprise and year."""
    history: dict[int, dict[int, str]] = defaultdict(dict)
    rows = EvaluationSheet.objects.filter(run__region=run.region, run__status=S.FINAL, run__year__lt=run.year,
                                          enterprise_id__in=run.sheets.values("enterprise_id")).exclude(final_class="")
    for ent_id, year, klass in rows.values_list("enterprise_id", "run__year", "final_class"):
        history[ent_id][year] = klass
    return history


@transaction.atomic
def run_deem_unconfirmed(*, run: EvaluationRun, actor: Actor, today: datetime.date | None = None) -> int:
    """Once the publicity period is over, mark every sheet its enterprise has not confirmed as deemed confirmed
    (视同确认), so that the run can be finalised; returns how many. Recorded once on the run."""
    _check(actor, run)
    workflow_check(SHEET_WORKFLOW, SheetStatusChoices.COLLECTED, SheetStatusChoices.DEEMED, actor=actor_facts(actor),
                   facts={"run_status": run.status, "objection_deadline": run.objection_deadline,
                          "today": today or timezone.localdate()})
    before = snapshot(run)
    deemed = run.sheets.filter(status=SheetStatusChoices.COLLECTED).update(
        status=SheetStatusChoices.DEEMED, last_updated=timezone.now())
    _record_run(run, actor, before, f"未确认的一企一单 {deemed} 份标记为视同确认")
    return deemed


@transaction.atomic
def run_finalize(*, run: EvaluationRun, actor: Actor, today: datetime.date | None = None) -> dict[str, int]:
    """Fix the final classes and compute the D-class electricity surcharge per enterprise.

    Only after the publicity deadline, with every objection answered and every sheet confirmed or deemed confirmed.
    Returns the number of enterprises per final class.
    """
    _check(actor, run)
    _step(run, S.FINAL, actor, objection_deadline=run.objection_deadline, today=today or timezone.localdate(),
          open_objections=run.sheets.filter(objection_status=ObjectionChoices.OPEN).count(),
          unconfirmed_sheets=run.sheets.filter(status=SheetStatusChoices.COLLECTED).count())
    before = snapshot(run)
    columns = ("pk", "enterprise_id", "final_class", "preliminary_class", "electricity_wan_kwh")
    sheets = [SimpleNamespace(**dict(zip(columns, row, strict=True)))
              for row in _plain_rows(run.sheets.order_by("pk").values_list(*columns))]
    history = _class_history(run)
    for s in sheets:
        s.final_class = s.final_class or s.preliminary_class
        classes = {**history.get(s.enterprise_id, {}), run.year: s.final_class}
        electricity = float(s.electricity_wan_kwh) if s.electricity_wan_kwh is not None else None
        s.surcharge_rate, s.surcharge_wan = electricity_surcharge(classes, run.year, electricity,
                                                                  run.surcharge_schedule or ())
    _bulk_set(sheets, ["final_class", "surcharge_rate", "surcharge_wan"], EvaluationSheet)
    run.status = S.FINAL
    run.finalized_at = timezone.now()
    counts = {c: sum(1 for s in sheets if s.final_class == c) for c in "ABCD"}
    _record_run(run, actor, before, f"定级：{_class_words(counts)}")
    return counts


# --- park figures, composite evaluation, featured reviews ---------------------------------------------------


def park_figures(parks: Iterable[Park], year: int) -> dict[int, dict[str, float]]:
    """Per park: its enterprises' figures for ``year`` summed, with featured-industry revenue and output.

    The featured industries are the park's declared featured industries (its leading ones when it declares none).
    """
    parks = list(parks)
    declared = {p.pk: [pi.industry.code for pi in p.park_industries.all() if pi.role == "featured"]
                or [pi.industry.code for pi in p.park_industries.all()] for p in parks}
    sums: dict[int, dict[str, float]] = {p.pk: defaultdict(float) for p in parks}
    rows = EnterpriseYearFigure.objects.filter(year__in=[year, year - 1], enterprise__park__in=parks).values_list(
        "enterprise__park_id", "enterprise__industry__code", "year", *FIGURES)
    for park_id, code, y, *values in _plain_rows(rows):
        target = sums[park_id]
        if y == year - 1:
            target["output_prev_wan"] += float(values[1] or 0)
            continue
        for name, v in zip(FIGURES, values, strict=True):
            if v is not None:
                target[name] += float(v)
        if code and any(code.startswith(d) for d in declared[park_id]):
            target["featured_revenue_wan"] += float(values[0] or 0)
            target["featured_output_wan"] += float(values[1] or 0)
    return {k: dict(v) for k, v in sums.items()}


def _ratio(num: float | None, den: float | None, scale: float = 1.0) -> float | None:
    return None if num is None or not den else num / den * scale


def _park_values(park: Park, figures: dict[str, float], extra: dict) -> dict[str, float | None]:
    f = figures
    land = f.get("land_mu")
    va = f.get("value_added_wan")
    values: dict[str, float | None] = {
        "tax_per_mu": _ratio(f.get("tax_wan"), land),
        "value_added_per_mu": _ratio(va, land),
        "output_growth": _ratio((f.get("output_wan") or 0) - (f.get("output_prev_wan") or 0),
                                f.get("output_prev_wan"), 100.0) if f.get("output_prev_wan") else None,
        "rd_intensity": _ratio(f.get("rd_expense_wan"), f.get("revenue_wan"), 100.0),
        "energy_per_value_added": _ratio(f.get("energy_tce"), va),
        "emissions_per_value_added": _ratio(f.get("emissions_t"), va),
        "employees_per_mu": _ratio(f.get("employees"), land),
        "land_use_rate": _ratio(float(park.built_area_mu or 0), float(park.planned_area_mu or 0), 100.0),
    }
    for key, value in (extra or {}).items():
        values.setdefault(key, None)
        if values[key] is None and value is not None:
            values[key] = float(value)
    return values


def _system(evaluation: CompositeEvaluation) -> tuple[CompositeIndicator, ...]:
    if not evaluation.system:
        return DEFAULT_PARK_SYSTEM
    try:
        return tuple(CompositeIndicator(str(i["key"]), str(i.get("label", i["key"])), str(i["category"]),
                                        float(i["weight"]), bool(i.get("higher_is_better", True)))
                     for i in evaluation.system)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError({"system": _("Each indicator needs key, category and weight: %(error)s")
                               % {"error": exc}}) from exc


def _parks_of(region) -> list[Park]:
    return list(Park.objects.filter(region__code__startswith=region.code_prefix)
                .prefetch_related("park_industries__industry", "year_data").order_by("pk"))


@transaction.atomic
def composite_compute(*, evaluation: CompositeEvaluation, actor: Actor) -> int:
    """Evaluate every park of the region on the indicator system; rank, compare with last year, flag the bottom."""
    _check(actor, evaluation)
    before = snapshot(evaluation)
    parks = _parks_of(evaluation.region)
    if not parks:
        raise ValidationError(_("There are no parks in this region."))
    system = _system(evaluation)
    figures = park_figures(parks, evaluation.year)
    rows = []
    for park in parks:
        extra = next((d.values for d in park.year_data.all() if d.year == evaluation.year), {})
        rows.append(_park_values(park, figures[park.pk], extra))
    matrix = np.array([[np.nan if r.get(i.key) is None else r[i.key] for i in system] for r in rows], dtype=float)
    try:
        result = composite_evaluate(matrix, system, evaluation.method)
    except ScoringError as exc:
        raise ValidationError(str(exc)) from exc
    previous = (CompositeEvaluation.objects.filter(region=evaluation.region, year=evaluation.year - 1)
                .order_by("-pk").first())
    last = dict(previous.results.values_list("park_id", "rank")) if previous else {}
    now = {p.pk: int(result.ranks[k]) for k, p in enumerate(parks)}
    flagged = set(bottom_flags({evaluation.year - 1: {str(k): v for k, v in last.items()},
                                evaluation.year: {str(k): v for k, v in now.items()}},
                               evaluation.year, evaluation.bottom_n)) if last else set()
    evaluation.results.all().delete()
    CompositeResult.objects.bulk_create([CompositeResult(
        evaluation=evaluation, park=p, total=round(float(result.totals[k]), 2), rank=now[p.pk],
        values={i.key: rows[k].get(i.key) for i in system},
        categories={c: round(float(v[k]), 2) for c, v in result.categories.items()},
        movement=(last[p.pk] - now[p.pk]) if p.pk in last else None, flagged=str(p.pk) in flagged)
        for k, p in enumerate(parks)])
    _record_run(evaluation, actor, before, f"评价园区 {len(parks)} 个，连续末位 {len(flagged)} 个")
    return len(parks)


def _criteria(raw: list, default: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
    if not raw:
        return default
    try:
        return tuple(Criterion(str(c["key"]), str(c.get("label", c["key"])), str(c["op"]), float(c["threshold"]))
                     for c in raw)
    except (KeyError, TypeError, ValueError, ScoringError) as exc:
        raise ValidationError({"certification": _("Each criterion needs key, op and threshold: %(error)s")
                               % {"error": exc}}) from exc


def _featured_values(figures: dict[str, float]) -> dict[str, float | None]:
    f = figures
    return {
        "featured_share_pct": _ratio(f.get("featured_revenue_wan", 0.0), f.get("revenue_wan"), 100.0),
        "rd_intensity_pct": _ratio(f.get("rd_expense_wan"), f.get("revenue_wan"), 100.0),
        "featured_output_wan": f.get("featured_output_wan", 0.0) if f.get("revenue_wan") else None,
        "output_growth_pct": _ratio((f.get("output_wan") or 0) - (f.get("output_prev_wan") or 0),
                                    f.get("output_prev_wan"), 100.0) if f.get("output_prev_wan") else None,
    }


@transaction.atomic
def featured_compute(*, review: FeaturedReview, actor: Actor) -> dict[str, int]:
    """Check every park of the region against the criteria: who keeps, gains or loses featured status, and why."""
    _check(actor, review)
    if review.applied_at:
        raise ValidationError(_("This review has been applied; start a new one."))
    before = snapshot(review)
    certification = _criteria(review.certification, DEFAULT_CERTIFICATION)
    cultivation = _criteria(review.cultivation, DEFAULT_CULTIVATION)
    parks = _parks_of(review.region)
    figures = park_figures(parks, review.year)
    review.decisions.all().delete()
    decisions = []
    for park in parks:
        values = _featured_values(figures[park.pk])
        d = featured_decision(park.featured_status, values, certification, cultivation)
        decisions.append(FeaturedDecision(review=review, park=park, status_before=park.featured_status,
                                          status_after=d.status, change=d.change, values=values,
                                          reasons=list(d.reasons)))
    FeaturedDecision.objects.bulk_create(decisions)
    counts = {c: sum(1 for d in decisions if d.change == c) for c in ("keeps", "gains", "loses")}
    _record_run(review, actor, before, f"核查园区 {len(parks)} 个：保持认定 {counts['keeps']} 个、"
                                       f"新获认定 {counts['gains']} 个、不再认定 {counts['loses']} 个")
    return counts


@transaction.atomic
def featured_apply(*, review: FeaturedReview, actor: Actor) -> int:
    """Apply the review's decisions to the parks' featured status (each park's change is recorded)."""
    from clusterdesk.parks.services import park_update

    _check(actor, review)
    if review.applied_at:
        raise ValidationError(_("This review has already been applied."))
    changed = 0
    for decision in review.decisions.select_related("park").filter(change__in=["gains", "loses"]):
        park = decision.park
        park.featured_status = decision.status_after
        park_update(park=park, actor=actor)
        changed += 1
    before = snapshot(review)
    review.applied_at = timezone.now()
    _record_run(review, actor, before, f"已应用：{changed} 个园区认定状态变更")
    return changed
