"""Django validators that wrap the pure validators of `clusterdesk.core`."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import translation

from clusterdesk.core.codes.uscc import validate_uscc
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.validation import FieldError

__all__ = ["field_errors", "raise_field_errors", "uscc_validator"]


def uscc_validator(value: str) -> None:
    """Reject a unified social credit code whose structure or check character is wrong."""
    try:
        validate_uscc(value)
    except CoreError as exc:
        raise ValidationError(str(exc), code="invalid_uscc") from exc


def field_errors(errors: Iterable[FieldError]) -> dict[str, list[str]]:
    """Core rule failures as Django's field → messages, in the active language (Chinese unless English is on)."""
    errors = list(errors)
    if not errors:
        return {}
    english = (translation.get_language() or "").startswith("en")
    result: dict[str, list[str]] = {}
    for error in errors:
        result.setdefault(error.field, []).append(error.message_en if english else error.message)
    return result


def raise_field_errors(errors: Iterable[FieldError]) -> None:
    """Raise the core rule failures, if any, as one ValidationError keyed by field (a model's ``clean()``)."""
    found = field_errors(errors)
    if found:
        raise ValidationError(found)
