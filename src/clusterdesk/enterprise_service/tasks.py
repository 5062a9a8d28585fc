"""The enterprise-service records that ask someone to act, as task sources for the inbox: appeals to answer,
visit follow-ups to carry out, and each month's figures of a key enterprise (a periodic task, see
`figures_due_tasks`)."""

import datetime
from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from clusterdesk.common.registry import TaskSource, registry
from clusterdesk.core.appeals import AppealStatus
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.tasks.sources import TaskSpec

from .choices import EscalationLevelChoices, TaskStatusChoices
from .models import Appeal, FollowUpTask, MonthlyFigure

__all__ = ["FIGURES_SOURCE", "appeal_task", "figures_due_date", "figures_due_tasks", "figures_task", "follow_up_task",
           "register"]

#: The model a figures-due task hangs from: the enterprise (one task per key enterprise and month).
FIGURES_SOURCE = "enterprises.enterprise"
_LEVELS = list(EscalationLevelChoices.values)


def appeal_task(appeal: Appeal) -> TaskSpec:
    """An appeal asks its responsible unit to accept and answer it by its due date; answered, the unit's task is
    done (closing and rating it is then the enterprise side's, on the appeal's page)."""
    enterprise = appeal.enterprise
    return TaskSpec(
        title=f"{enterprise.name}：{appeal.title}"[:300], region_id=enterprise.region_id,
        url=reverse("enterprise_service:appeal_detail", args=[appeal.pk]), unit_id=appeal.assigned_unit_id,
        person_id=appeal.assigned_person_id, park_id=enterprise.park_id, enterprise_id=enterprise.pk,
        due_date=appeal.due_date, done=AppealStatus(appeal.status).resolved,
        done_date=appeal.answered_date or appeal.closed_date,
        escalation_level=_LEVELS.index(appeal.escalation_level) + 1 if appeal.escalation_level in _LEVELS else 1)


def follow_up_task(task: FollowUpTask) -> TaskSpec:
    """A visit's follow-up asks its unit (and owner) to carry it out by its due date; done when marked done."""
    enterprise = task.enterprise
    return TaskSpec(
        title=f"{enterprise.name}：{task.description}"[:300], region_id=enterprise.region_id,
        url=reverse("enterprises:enterprise_detail", args=[enterprise.pk]), unit_id=task.assigned_unit_id,
        person_id=task.owner_id, park_id=enterprise.park_id, enterprise_id=enterprise.pk, due_date=task.due_date,
        done=task.status == TaskStatusChoices.DONE, done_date=task.done_date)


def figures_due_date(month: datetime.date) -> datetime.date:
    """The day a month's figures are due: ``CLUSTERDESK["FIGURES_DUE_DAY"]`` (else ``REPORT_DUE_DAY``, 5) of the
    following month."""
    day = int(settings.CLUSTERDESK.get("FIGURES_DUE_DAY", settings.CLUSTERDESK.get("REPORT_DUE_DAY", 5)))
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following.replace(day=day)


def figures_task(enterprise: Enterprise, month: datetime.date, filed: datetime.date | None,
                 unit_id: int | None) -> TaskSpec:
    """A key enterprise's figures of ``month``, due from its work secretary; done the day they were filed."""
    return TaskSpec(
        title=f"{enterprise.name}：{month:%Y-%m} 月度运行数据"[:300], region_id=enterprise.region_id,
        url=reverse("enterprise_service:figure_add", args=[enterprise.pk]), unit_id=unit_id,
        person_id=enterprise.secretary_id, park_id=enterprise.park_id, enterprise_id=enterprise.pk,
        due_date=figures_due_date(month), period=month, done=filed is not None, done_date=filed)


def figures_due_tasks(*, month: datetime.date) -> Iterator[tuple[int, TaskSpec]]:
    """Every key enterprise with a work secretary, with its figures task of ``month`` (done where filed)."""
    month = month.replace(day=1)
    filed_on = dict(MonthlyFigure.objects.filter(period=month).values_list("enterprise_id", "created__date"))
    enterprises = (Enterprise.objects.filter(key_enterprise=True, secretary__isnull=False)
                   .select_related("secretary").order_by("pk"))
    for enterprise in enterprises.iterator(chunk_size=2000):
        yield enterprise.pk, figures_task(enterprise, month, filed_on.get(enterprise.pk),
                                          enterprise.secretary.unit_id)


def _figure_changes(changes) -> None:
    """Figures filed (one form or an import of thousands) close their month's task, when it was generated."""
    from clusterdesk.tasks.models import Task
    from clusterdesk.tasks.services import task_parent_moved, task_resync_periodic, task_sync_spec
    from clusterdesk.tasks.sources import task_key

    wanted: dict[str, tuple[int, datetime.date]] = {}
    for change in changes:
        figure = change.instance
        if isinstance(figure, Enterprise) and task_parent_moved(change):
            _resync_enterprise_figures(figure, task_resync_periodic)
            continue
        if isinstance(figure, MonthlyFigure) and figure.period is not None:
            month = figure.period.replace(day=1)
            wanted[task_key(FIGURES_SOURCE, figure.enterprise_id, "figures_due", month)] = (figure.enterprise_id,
                                                                                            month)
    if not wanted:
        return
    for key in Task.objects.filter(key__in=list(wanted)).values_list("key", flat=True):
        enterprise_id, month = wanted[key]
        enterprise = Enterprise.objects.select_related("secretary").filter(pk=enterprise_id).first()
        if enterprise is None:  # the enterprise's delete took the figures with it
            continue
        created = MonthlyFigure.objects.filter(enterprise_id=enterprise_id, period=month).values_list(
            "created", flat=True).first()
        task_sync_spec(model=FIGURES_SOURCE, source_id=enterprise_id, kind="figures_due",
                       spec=figures_task(enterprise, month, timezone.localdate(created) if created else None,
                                         enterprise.secretary.unit_id if enterprise.secretary else None))


def _resync_enterprise_figures(enterprise: Enterprise, resync) -> None:
    """An enterprise that moved (or changed secretary) takes its months' figures tasks with it."""
    filed_on = {period.replace(day=1): created for period, created in
                MonthlyFigure.objects.filter(enterprise_id=enterprise.pk).values_list("period", "created")}
    unit_id = enterprise.secretary.unit_id if enterprise.secretary_id else None

    def spec(month: datetime.date) -> TaskSpec:
        filed = filed_on.get(month)
        return figures_task(enterprise, month, timezone.localdate(filed) if filed else None, unit_id)

    resync(model=FIGURES_SOURCE, source_id=enterprise.pk, kind="figures_due", spec_for=spec)


def register() -> None:
    """Hand the enterprise service's task sources to the registry (from ``EnterpriseServiceConfig.ready``)."""
    registry.register_task_source(TaskSource(
        model="enterprise_service.appeal", kind="appeal", spec=appeal_task,
        open_rows=lambda: Appeal.objects.select_related("enterprise").iterator(chunk_size=2000),
        parents=(("enterprises.enterprise", "enterprise"),)))
    registry.register_task_source(TaskSource(
        model="enterprise_service.followuptask", kind="follow_up", spec=follow_up_task,
        open_rows=lambda: FollowUpTask.objects.select_related("enterprise").iterator(chunk_size=2000),
        parents=(("enterprises.enterprise", "enterprise"),)))
    registry.register_change_listener(_figure_changes)
