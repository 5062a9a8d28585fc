"""Writes for investment leads: create and update, follow-ups (跟进记录) with their next step, stage moves along
`LEAD_WORKFLOW` with a stage-history row each, the conversion of a signed lead into a project, and 补链 targets of a
chain page turned into leads.

Every write runs in one transaction through `common.services` (scope check, validation, change log); the next step
of a lead becomes an inbox task of its unit and person (`attraction.tasks`, mirrored from the change log).
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.units import unit_assign_from_text
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.common.workflow import actor_facts, workflow_check
from clusterdesk.core.attraction import LEAD_WORKFLOW, conversion_refusals

from .choices import CLOSED_LEAD_STAGES, LeadStageChoices
from .models import Lead, LeadFollowUp, LeadStageChange

__all__ = [
    "lead_convert_to_project",
    "lead_create",
    "lead_delete",
    "lead_follow_up_add",
    "lead_project_code",
    "lead_transition",
    "lead_update",
    "leads_from_gaps",
]


def _link_unit(lead: Lead) -> None:
    """The follow-up unit from its text when none is chosen (`accounts.units.unit_assign_from_text`)."""
    if lead.region_id:
        unit_assign_from_text(lead, text_field="owner_unit", region=lead.region_id)


def _actor_user(actor: Actor):
    return actor if getattr(actor, "pk", None) else None


def _record_stage(lead: Lead, *, from_stage: str, day: datetime.date, actor: Actor, reason: str = "") -> None:
    LeadStageChange.objects.create(lead=lead, from_stage=from_stage, to_stage=lead.stage, date=day,
                                   reason=reason[:300], actor=_actor_user(actor))


@transaction.atomic
def lead_create(*, lead: Lead, actor: Actor, on: datetime.date | None = None) -> Lead:
    """Register a lead in the actor's scope; the stage it starts in is its first stage-history row."""
    _link_unit(lead)
    lead.stage_date = lead.stage_date or on or timezone.localdate()
    object_create(instance=lead, actor=actor)
    _record_stage(lead, from_stage="", day=lead.stage_date, actor=actor)
    return lead


@transaction.atomic
def lead_update(*, lead: Lead, actor: Actor) -> Lead:
    """Update a lead's fields. A stage change on this path (the Excel import) must be a move of `LEAD_WORKFLOW`
    and passes its guards, like `lead_transition`; it is recorded in the stage history."""
    stored = Lead.objects.values_list("stage", flat=True).get(pk=lead.pk)
    if stored != lead.stage:
        _check_move(lead, stored, lead.stage, actor, reason=lead.termination_reason)
        lead.stage_date = timezone.localdate()
        _record_stage(lead, from_stage=stored, day=lead.stage_date, actor=actor, reason=lead.termination_reason)
    _link_unit(lead)
    return object_update(instance=lead, actor=actor)


def _check_move(lead: Lead, current: str, target: str, actor: Actor, *, reason: str) -> None:
    workflow_check(LEAD_WORKFLOW, current, target, actor=actor_facts(actor),
                   facts={"signed_date": lead.signed_date, "project": lead.project_id, "reason": reason})


def lead_delete(*, lead: Lead, actor: Actor) -> None:
    """Delete a lead (its follow-ups and stage history go with it)."""
    object_delete(instance=lead, actor=actor)


@transaction.atomic
def lead_transition(*, lead: Lead, stage: str, actor: Actor, on: datetime.date | None = None, reason: str = "",
                    signed_date: datetime.date | None = None) -> Lead:
    """Move a lead along `LEAD_WORKFLOW` on day ``on`` (today): signing needs its date (``signed_date``, else the
    day), landing the project it became, terminating a reason. A landed or terminated lead's next step is done."""
    day = on or timezone.localdate()
    current = Lead.objects.values_list("stage", flat=True).get(pk=lead.pk)
    if stage == LeadStageChoices.SIGNED:
        lead.signed_date = signed_date or lead.signed_date or day
    _check_move(lead, current, stage, actor, reason=reason)
    lead.stage, lead.stage_date = stage, day
    if stage == LeadStageChoices.TERMINATED:
        lead.termination_reason = reason[:300]
    elif current == LeadStageChoices.TERMINATED:
        lead.termination_reason = ""
    _link_unit(lead)
    object_update(instance=lead, actor=actor)
    _record_stage(lead, from_stage=current, day=day, actor=actor, reason=reason)
    return lead


@transaction.atomic
def lead_follow_up_add(*, follow_up: LeadFollowUp, actor: Actor) -> LeadFollowUp:
    """Log a follow-up of a lead (contact, visit, offer, talks). Its next step, when it names one, becomes the
    lead's next step (and so the inbox task of the lead's unit and person); a follow-up without one leaves the
    lead's next step as it was. A closed lead takes no more follow-ups."""
    lead = Lead.objects.select_for_update().get(pk=follow_up.lead_id)
    if lead.stage in CLOSED_LEAD_STAGES:
        raise ValidationError({"lead": "线索已落地或终止，不能再添加跟进记录"})
    if follow_up.next_step_date and not follow_up.next_step.strip():
        raise ValidationError({"next_step": "请填写下一步工作"})
    if follow_up.next_step_date and follow_up.next_step_date < follow_up.date:
        raise ValidationError({"next_step_date": "下一步日期不能早于跟进日期"})
    follow_up.recorded_by = _actor_user(actor)
    follow_up.by_name = follow_up.by_name or (getattr(actor, "display_name", "") or getattr(actor, "username", ""))
    object_create(instance=follow_up, actor=actor, parent_field="lead")
    if follow_up.next_step.strip():
        lead.next_step, lead.next_step_date = follow_up.next_step, follow_up.next_step_date
        lead_update(lead=lead, actor=actor)
    return follow_up


def lead_project_code(lead: Lead, serial: int | None = None) -> str:
    """The project code in the national form ``<year>-<region>-<industry division>-03-<serial>``, the serial
    ``9xxxxx`` from ``serial`` or the lead's id (a lead becomes one project at most; a code already taken is
    refused)."""
    division = (lead.industry.numeric_code or lead.industry.code[1:])[:2]
    number = lead.pk if serial is None else serial
    return f"{timezone.localdate():%Y}-{lead.region.code}-{division}-03-{900000 + number % 100000:06d}"


@transaction.atomic
def lead_convert_to_project(*, lead: Lead, actor: Actor, code: str = "",
                            planned_start_date: datetime.date | None = None) -> "object":
    """Turn a signed (or landed) lead into a project in one recorded step: the project is created by
    `projects.services.project_create` with the lead's name, investor, planned investment, land, industry, park,
    region, cluster and chain segment (and the planned start when given), and the lead names it. Refused, with
    every reason and nothing written, when the lead is not signed, is already a project, or lacks an item the
    project needs (缺少用地面积、所属行业)."""
    from clusterdesk.enterprises.selectors import enterprise_list
    from clusterdesk.projects.models import Project
    from clusterdesk.projects.services import project_create

    given, lead = lead, Lead.objects.select_for_update().get(pk=lead.pk)
    facts = {name: getattr(lead, name) for name in ("stage", "name", "company", "planned_investment_wan",
                                                   "land_area_mu")}
    facts |= {"project": lead.project_id, "industry": lead.industry_id, "park": lead.park_id}
    reasons = conversion_refusals(facts)
    if reasons:
        raise ValidationError(reasons)
    # The investor, when it is a registered enterprise the actor may see; else its name goes into the content.
    investor = enterprise_list(user=actor).filter(name=lead.company.strip()).first()
    project = Project(
        code=code.strip() or lead_project_code(lead), name=lead.name, owner=investor, region=lead.region,
        park=lead.park,
        cluster=lead.cluster, chain_segment=lead.chain_segment, industry=lead.industry,
        total_investment_wan=lead.planned_investment_wan, land_area_mu=lead.land_area_mu,
        signed_date=lead.signed_date, responsible_unit=lead.owner_unit, assigned_unit=lead.assigned_unit,
        planned_start_date=planned_start_date,
        construction_content=f"投资方：{lead.company.strip()}" if investor is None else "")
    project_create(project=project, actor=actor, reason=f"由招商线索“{lead.name}”转入")
    lead.project = given.project = project
    object_update(instance=lead, actor=actor)
    return project


@transaction.atomic
def leads_from_gaps(*, chain, region, segments: Iterable, actor: Actor,
                    targets: Mapping[int, list[str]] | None = None) -> list[Lead]:
    """One lead per chosen 补链 segment of ``chain`` in ``region``, named after the segment, its company the target
    companies the gap analysis names (else left to fill); a segment that already has an open lead in the region
    is skipped, so the action may be repeated. All or nothing."""
    open_on = set(Lead.objects.filter(region=region, chain_segment__in=[s.pk for s in segments])
                  .exclude(stage__in=CLOSED_LEAD_STAGES).values_list("chain_segment_id", flat=True))
    made = []
    for segment in segments:
        if segment.pk in open_on or segment.chain_id != chain.pk:
            continue
        name = f"{chain.name}·{segment.name}补链招商"
        taken = set(Lead.objects.filter(region=region, name__startswith=name).values_list("name", flat=True))
        n = 1
        while (candidate := name if n == 1 else f"{name}（{n}）") in taken:
            n += 1
        companies = "、".join((targets or {}).get(segment.pk, []))[:200]
        made.append(lead_create(lead=Lead(
            name=candidate, company=companies, region=region, cluster=chain.cluster, chain_segment=segment,
            source="补链招商", notes=f"来自产业链“{chain.name}”的补链目标"), actor=actor))
    return made
