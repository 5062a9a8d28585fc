"""The rules a record must satisfy, written once and called by every channel.

A model's ``clean()`` (and so every service, form and bulk service) and the Excel import's row checks call
these functions; each returns every broken rule as a `FieldError` naming the field it belongs to, in Chinese
and in English, and never raises on the first. A `FieldError` is also what an import `RowRule` returns, so a
record rule is a row rule as it stands.

Values are read from a mapping of field name to value; a missing or empty value is not checked (whether a
field is required is the model's business).
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import NamedTuple

__all__ = [
    "CHINA_EXTENT",
    "FieldError",
    "not_after",
    "park_errors",
    "point_errors",
    "problem_errors",
    "project_errors",
]


class FieldError(NamedTuple):
    """A broken rule: the field it is reported on, the message in Chinese and in English."""

    field: str
    message: str
    message_en: str


def not_after(values: Mapping[str, object], first: str, second: str, labels: tuple[str, str],
              labels_en: tuple[str, str], *, on: str | None = None) -> list[FieldError]:
    """``values[first]`` may not exceed ``values[second]`` (dates or amounts); reported on ``on`` (``second``).

    Parameters
    ----------
    values : mapping
        Field values; a missing or None value passes.
    first, second : str
        The field that may not be the greater (a start, a part) and the one it is compared with.
    labels, labels_en : (str, str)
        The two fields' names in Chinese and in English.
    on : str, optional
        The field the error is reported on; ``second`` unless given.

    Returns
    -------
    list of FieldError

    Examples
    --------
    >>> not_after({"a": date(2025, 6, 1), "b": date(2025, 1, 1)}, "a", "b", ("开工", "竣工"), ("start", "completion"))
    ... # doctest: +NORMALIZE_WHITESPACE
    [FieldError(field='b', message='竣工不能早于开工（2025-01-01 早于 2025-06-01）',
                message_en='completion must not be before start (2025-01-01 < 2025-06-01)')]
    >>> not_after({"a": Decimal(5), "b": Decimal(3)}, "a", "b", ("建成面积", "规划面积"), ("built", "planned"), on="a")
    ... # doctest: +NORMALIZE_WHITESPACE
    [FieldError(field='a', message='建成面积（5）不能大于规划面积（3）',
                message_en='built (5) must not exceed planned (3)')]
    >>> not_after({"a": Decimal(5), "b": None}, "a", "b", ("甲", "乙"), ("a", "b"))
    []
    """
    a, b = values.get(first), values.get(second)
    if a is None or b is None or not a > b:  # type: ignore[operator]
        return []
    field = on or second
    if isinstance(a, date):
        return [FieldError(field, f"{labels[1]}不能早于{labels[0]}（{b} 早于 {a}）",
                           f"{labels_en[1]} must not be before {labels_en[0]} ({b} < {a})")]
    return [FieldError(field, f"{labels[0]}（{a}）不能大于{labels[1]}（{b}）",
                       f"{labels_en[0]} ({a}) must not exceed {labels_en[1]} ({b})")]


#: China's extent in degrees (west, south, east, north): 73°33′E to 135°05′E, 3°51′N to 53°33′N.
CHINA_EXTENT = (73.5, 3.8, 135.1, 53.6)


def point_errors(values: Mapping[str, object], lon: str = "longitude", lat: str = "latitude") -> list[FieldError]:
    """A point is given whole (both coordinates or neither) and lies within China's extent (`CHINA_EXTENT`).

    Parameters
    ----------
    values : mapping
        Field values; the point is read from ``values[lon]`` and ``values[lat]`` (degrees, CGCS2000/WGS-84).
    lon, lat : str
        The names of the longitude and latitude fields.

    Returns
    -------
    list of FieldError
        Reported on the coordinate that is missing or out of range.

    Examples
    --------
    >>> point_errors({"longitude": 112.98, "latitude": 28.19})
    []
    >>> [e.message for e in point_errors({"longitude": 28.19, "latitude": 112.98})]  # swapped
    ['经度应在 73.5 至 135.1 之间（实为 28.19）', '纬度应在 3.8 至 53.6 之间（实为 112.98）']
    >>> [e.field for e in point_errors({"longitude": 112.98, "latitude": None})]
    ['latitude']
    """
    x, y = values.get(lon), values.get(lat)
    if x is None and y is None:
        return []
    west, south, east, north = CHINA_EXTENT
    errors = []
    for field, value, low, high, name, name_en in ((lon, x, west, east, "经度", "longitude"),
                                                   (lat, y, south, north, "纬度", "latitude")):
        if value is None:
            errors.append(FieldError(field, f"请同时填写经度和纬度（缺{name}）",
                                     f"give both longitude and latitude ({name_en} missing)"))
        elif not low <= float(value) <= high:  # type: ignore[arg-type]
            errors.append(FieldError(field, f"{name}应在 {low} 至 {high} 之间（实为 {value}）",
                                     f"{name_en} must lie between {low} and {high} (is {value})"))
    return errors


def project_errors(values: Mapping[str, object]) -> list[FieldError]:
    """The rules of an investment project's own figures and dates.

    Planned completion is not before the planned start, actual completion not before the actual start, and the
    investment completed does not exceed the total investment (reported on the investment completed); its point,
    when given, lies in China (`point_errors`).

    Parameters
    ----------
    values : mapping
        The project's fields by name (a model instance's ``__dict__`` will do).

    Returns
    -------
    list of FieldError

    Examples
    --------
    >>> [e.message for e in project_errors({"total_investment_wan": Decimal(100),
    ...                                     "investment_completed_wan": Decimal(300),
    ...                                     "planned_start_date": date(2025, 6, 1),
    ...                                     "planned_completion_date": date(2025, 1, 1)})]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['计划竣工日期不能早于计划开工日期（2025-01-01 早于 2025-06-01）',
     '累计完成投资（300 万元）不能超过总投资（100 万元）']
    >>> project_errors({"total_investment_wan": Decimal(100), "investment_completed_wan": Decimal(100)})
    []
    """
    errors = not_after(values, "planned_start_date", "planned_completion_date", ("计划开工日期", "计划竣工日期"),
                       ("the planned start", "the planned completion"))
    errors += not_after(values, "actual_start_date", "actual_completion_date", ("实际开工日期", "实际竣工日期"),
                        ("the actual start", "the actual completion"))
    done, total = values.get("investment_completed_wan"), values.get("total_investment_wan")
    if isinstance(done, Decimal | int) and isinstance(total, Decimal | int) and done > total:
        errors.append(FieldError("investment_completed_wan",
                                 f"累计完成投资（{done} 万元）不能超过总投资（{total} 万元）",
                                 f"investment completed ({done}) exceeds the total investment ({total})"))
    return errors + point_errors(values)


def park_errors(values: Mapping[str, object]) -> list[FieldError]:
    """A park's built area does not exceed its planned area (reported on the built area).

    Parameters
    ----------
    values : mapping
        The park's fields by name.

    Returns
    -------
    list of FieldError

    Examples
    --------
    >>> [e.field for e in park_errors({"planned_area_mu": Decimal(100), "built_area_mu": Decimal(120)})]
    ['built_area_mu']
    """
    return not_after(values, "built_area_mu", "planned_area_mu", ("建成面积", "规划面积"),
                     ("the built area", "the planned area"), on="built_area_mu")


def problem_errors(values: Mapping[str, object]) -> list[FieldError]:
    """A problem's due date is not before the day it was raised.

    Parameters
    ----------
    values : mapping
        The problem's fields by name.

    Returns
    -------
    list of FieldError

    Examples
    --------
    >>> [e.message for e in problem_errors({"raised_date": date(2025, 4, 1), "due_date": date(2025, 3, 1)})]
    ['办结时限不能早于提出日期（2025-03-01 早于 2025-04-01）']
    """
    return not_after(values, "raised_date", "due_date", ("提出日期", "办结时限"), ("the day raised", "the due date"))
