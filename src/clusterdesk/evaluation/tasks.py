"""The evaluation records that ask someone to act, as task sources for the inbox: an enterprise's data sheet
(一企一单) awaiting its confirmation, to its work secretary, while the run collects, scores or is published."""

from django.urls import reverse

from clusterdesk.common.registry import TaskSource, registry
from clusterdesk.tasks.sources import TaskSpec

from .choices import RunStatusChoices, SheetStatusChoices
from .models import EvaluationRun, EvaluationSheet

__all__ = ["register", "sheet_task"]

_ASKING = (RunStatusChoices.COLLECTING, RunStatusChoices.SCORED, RunStatusChoices.PUBLISHED)


def sheet_task(sheet: EvaluationSheet) -> TaskSpec | None:
    """A sheet asks the enterprise's secretary to confirm it by the objection deadline; confirmed (or deemed
    confirmed) it is done. A sheet of an enterprise without a secretary, or of a draft run, asks no one."""
    run, enterprise = sheet.run, sheet.enterprise
    secretary = enterprise.secretary
    if secretary is None or run.status == RunStatusChoices.DRAFT:
        return None
    done = sheet.status != SheetStatusChoices.COLLECTED
    return TaskSpec(
        title=f"{enterprise.name}：{run.name} 一企一单待确认"[:300], region_id=enterprise.region_id,
        url=reverse("evaluation:sheet_detail", args=[sheet.pk]), unit_id=secretary.unit_id, person_id=secretary.pk,
        park_id=enterprise.park_id, enterprise_id=enterprise.pk, due_date=run.objection_deadline, done=done,
        done_date=sheet.confirmed_at.date() if sheet.confirmed_at else None,
        cancelled=not done and run.status not in _ASKING)


def _sheets(run_ids=None):
    sheets = EvaluationSheet.objects.filter(enterprise__secretary__isnull=False).select_related(
        "run", "enterprise__secretary")
    return sheets.filter(run_id__in=run_ids) if run_ids is not None else sheets


def _run_changes(changes) -> None:
    """A run's bulk steps (collecting thousands of sheets, deeming the unconfirmed) record the run, not each sheet:
    its sheets' tasks are rewritten from the run's change."""
    from clusterdesk.tasks.services import task_sync_spec

    runs = {change.instance.pk for change in changes if isinstance(change.instance, EvaluationRun)}
    if not runs:
        return
    for sheet in _sheets(runs).iterator(chunk_size=2000):
        task_sync_spec(model="evaluation.evaluationsheet", source_id=sheet.pk, kind="sheet", spec=sheet_task(sheet))


def register() -> None:
    """Hand the evaluation's task sources to the registry (from ``EvaluationConfig.ready``)."""
    registry.register_task_source(TaskSource(
        model="evaluation.evaluationsheet", kind="sheet", spec=sheet_task,
        open_rows=lambda: _sheets().iterator(chunk_size=2000),
        parents=(("enterprises.enterprise", "enterprise"),)))
    registry.register_change_listener(_run_changes)
