"""Writing many enterprises at once (the Excel import of an enterprise register): the rules of
`enterprise_create`/`enterprise_update`, checked for every record before anything is written."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from clusterdesk.common.bulk import BulkChange, BulkValidationError, bulk_save, field_checker, merge_errors
from clusterdesk.core.codes.uscc import normalize_uscc
from clusterdesk.core.exceptions import CoreError

from .models import Enterprise
from .services import secretary_error

__all__ = ["enterprise_new", "enterprises_bulk_check", "enterprises_bulk_write"]


def enterprise_new(*, uscc: str, name: str, region) -> Enterprise:
    """An enterprise not yet saved, for `enterprises_bulk_write` (another app's import proposing a new owner)."""
    return Enterprise(uscc=uscc, name=name, region=region)


def enterprises_bulk_check(changes: Sequence[BulkChange], *, actor) -> dict[int, dict[str, list[str]]]:
    """Every rule each enterprise breaks, by its index: the model's field checks and ``clean()`` (the park lies in
    the enterprise's city), a credit code that passes GB 32100, and a secretary the actor may assign."""
    from .selectors import secretary_choices

    check_fields = field_checker(Enterprise)
    named = {c.instance.secretary_id for c in changes} - {None}
    allowed = set(secretary_choices(user=actor).filter(pk__in=named).values_list("pk", flat=True)) if named else set()
    errors: dict[int, dict[str, list[str]]] = {}
    for index, change in enumerate(changes):
        enterprise = change.instance
        try:
            enterprise.uscc = normalize_uscc(enterprise.uscc)
        except CoreError as exc:
            merge_errors(errors, index, {"uscc": [str(exc)]})
        merge_errors(errors, index, check_fields(enterprise))
        try:
            enterprise.clean()
        except ValidationError as exc:
            merge_errors(errors, index, exc)
        message = secretary_error(secretary_id=enterprise.secretary_id, allowed_ids=allowed,
                                  stored_secretary_id=change.stored.secretary_id if change.stored else None)
        if message:
            merge_errors(errors, index, {"secretary": [message]})
    return errors


@transaction.atomic
def enterprises_bulk_write(changes: Sequence[BulkChange], *, actor) -> None:
    """Create and update many enterprises, all or nothing: every rule of the single-object services is checked
    first (`enterprises_bulk_check`), then the rows are written, scope-checked and recorded in bulk."""
    errors = enterprises_bulk_check(changes, actor=actor)
    if errors:
        raise BulkValidationError(errors)
    bulk_save(Enterprise, changes, actor=actor, key=("uscc",))
