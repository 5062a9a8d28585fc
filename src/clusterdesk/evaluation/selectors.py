"""Reads of the evaluation app for other apps, always through `restrict`."""

from django.db.models import QuerySet

from .choices import RunStatusChoices, SheetStatusChoices
from .models import EvaluationSheet, ParkEvaluation

__all__ = ["park_latest_classes", "sheet_list", "sheets_to_confirm"]


def sheet_list(*, user, enterprise=None) -> QuerySet[EvaluationSheet]:
    """The per-mu data sheets (一企一单) the user may see, newest year first; of one enterprise when given."""
    rows = EvaluationSheet.objects.restrict(user, "view").select_related("run", "enterprise")
    if enterprise is not None:
        rows = rows.filter(enterprise=enterprise)
    return rows.order_by("-run__year", "-pk")


def sheets_to_confirm(*, user, enterprise=None) -> QuerySet[EvaluationSheet]:
    """Sheets still awaiting the enterprise's confirmation while their run still takes confirmations."""
    return sheet_list(user=user, enterprise=enterprise).filter(
        status=SheetStatusChoices.COLLECTED, run__status__in=[RunStatusChoices.COLLECTING, RunStatusChoices.SCORED])


def park_latest_classes(*, user) -> dict[int, tuple[str, float | None]]:
    """Park id → (class, total score) of the latest per-mu evaluation the user may see (the maps colour by it)."""
    latest: dict[int, tuple[str, float | None]] = {}
    for park_id, klass, total in (ParkEvaluation.objects.restrict(user, "view").order_by("run__year", "pk")
                                  .values_list("park_id", "park_class", "total")):
        latest[park_id] = (klass, total)
    return latest
