"""Reads of the evaluation app for other apps, always through `restrict`."""

from django.db.models import QuerySet

from .choices import RunStatusChoices, SheetStatusChoices
from .models import EvaluationSheet

__all__ = ["sheet_list", "sheets_to_confirm"]


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
