"""Django validators that wrap the pure validators of `clusterdesk.core`."""

import functools
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from clusterdesk.core.codes.uscc import validate_uscc
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.validation import FieldError, text_errors

__all__ = ["field_errors", "raise_field_errors", "text_checker", "text_field_errors", "uscc_validator"]


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


@functools.cache
def _text_fields(model: type[models.Model]) -> tuple[tuple[str, str, bool], ...]:
    """(name, attname, multi-line) of each editable text field; a TextField is multi-line, a CharField is not."""
    return tuple((f.name, f.attname, isinstance(f, models.TextField)) for f in model._meta.concrete_fields
                 if isinstance(f, models.CharField | models.TextField) and f.editable)


def text_checker(model: type[models.Model]) -> Callable[..., list[FieldError]]:
    """The check of `clusterdesk.core.validation.text` over every text field of ``model``, worked out once
    (the bulk services check 100,000 records with it)."""
    fields = _text_fields(model)
    multiline = frozenset(name for name, _attname, multi in fields if multi)

    def check(instance: models.Model, exclude: Iterable[str] = ()) -> list[FieldError]:
        values = instance.__dict__
        skip = set(exclude)
        return text_errors({name: values.get(attname) for name, attname, _multi in fields if name not in skip},
                           multiline)

    return check


def text_field_errors(instance: models.Model, exclude: Iterable[str] = ()) -> dict[str, list[str]]:
    """Every text field of ``instance`` holding a character no record may store: field → message (the active
    language). Called by every model's ``clean_fields`` (see `clusterdesk.common.models.CleanTextMixin`)."""
    return field_errors(text_checker(type(instance))(instance, exclude))
