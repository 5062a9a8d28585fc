"""Named exceptions of the pure core.

Every error raised by `clusterdesk.core` is a `CoreError`, which is a `ValueError`, so callers that
already catch ``ValueError`` keep working and the Django layer can turn any `CoreError` into a
form error with ``str(exc)``. Messages are written in Chinese first and quote the offending value,
for example ``统一社会信用代码校验位错误：应为 "3"，实为 "X"（91350100M000100Y4X）``.
"""

__all__ = [
    "CoreError",
    "DateParseError",
    "InvalidCodeError",
    "NumeralParseError",
    "StageTransitionError",
    "UnitParseError",
]


class CoreError(ValueError):
    """Base class of every error raised by `clusterdesk.core`.

    Examples
    --------
    >>> issubclass(InvalidCodeError, CoreError) and issubclass(CoreError, ValueError)
    True
    """


class InvalidCodeError(CoreError):
    """A code (credit code, administrative-division code, industry code) is malformed."""


class NumeralParseError(CoreError):
    """A run of Chinese numerals (一千二百, 二〇二四, 一点五) is not a well-formed number."""


class UnitParseError(CoreError):
    """An amount of money or an area could not be read, or has an unknown unit."""


class DateParseError(CoreError):
    """A value could not be read as a date, or names a date that does not exist."""


class StageTransitionError(CoreError):
    """A project may not move to the requested lifecycle stage; the message lists every unmet condition."""
