"""Django validators that wrap the pure validators of `clusterdesk.core`."""

from django.core.exceptions import ValidationError

from clusterdesk.core.codes.uscc import validate_uscc
from clusterdesk.core.exceptions import CoreError

__all__ = ["uscc_validator"]


def uscc_validator(value: str) -> None:
    """Reject a unified social credit code whose structure or check character is wrong."""
    try:
        validate_uscc(value)
    except CoreError as exc:
        raise ValidationError(str(exc), code="invalid_uscc") from exc
