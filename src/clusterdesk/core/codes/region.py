"""Administrative-division codes (GB/T 2260): six digits, province → city → county.

A code is two digits each for province, prefecture-level city and county: ``350102`` is a county of city
``350100`` in province ``350000``. These functions check and take apart the structure only; whether a code
exists in the current official table is the reference-data layer's business.

Two structural quirks are kept as the pure rule, without special cases:

* municipalities (北京 11, 天津 12, 上海 31, 重庆 50) have city-level codes ``110100`` (市辖区) and
  ``500200`` (县), which are parents of their districts;
* county-level units administered directly by a province use the city part ``90`` (``429004`` 仙桃市), so
  their parent is ``429000`` (省直辖县级行政区划), a city-level code that the official table lists.
"""

import enum

from clusterdesk.core.exceptions import InvalidCodeError
from clusterdesk.core.numerals import to_half_width

__all__ = [
    "PROVINCE_PREFIXES",
    "RegionLevel",
    "is_valid_region_code",
    "region_ancestor_codes",
    "region_level",
    "region_parent_code",
    "region_prefix",
    "validate_region_code",
]

#: The two-digit province prefixes of GB/T 2260 (including 71 台湾, 81 香港, 82 澳门).
PROVINCE_PREFIXES: frozenset[str] = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)


class RegionLevel(enum.StrEnum):
    """The level of an administrative division, as its code shows it."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


def validate_region_code(text: str) -> str:
    """Check the structure of a GB/T 2260 code and return it cleaned.

    Parameters
    ----------
    text : str
        The code; surrounding whitespace and full-width digits are accepted.

    Returns
    -------
    str
        The six-digit code.

    Raises
    ------
    InvalidCodeError
        If it is not six digits, the province prefix does not exist, or the city part is ``00`` while the
        county part is not.

    Examples
    --------
    >>> validate_region_code(" ３５０１０２ ")
    '350102'
    >>> validate_region_code("990102")
    Traceback (most recent call last):
    ...
    clusterdesk.core.exceptions.InvalidCodeError: 行政区划代码的省级代码 "99" 不存在（990102）
    """
    code = to_half_width(text).strip()
    if len(code) != 6 or not (code.isascii() and code.isdigit()):
        raise InvalidCodeError(f'行政区划代码应为 6 位数字，实为 "{code}"')
    if code[:2] not in PROVINCE_PREFIXES:
        raise InvalidCodeError(f'行政区划代码的省级代码 "{code[:2]}" 不存在（{code}）')
    if code[2:4] == "00" and code[4:] != "00":
        raise InvalidCodeError(f'行政区划代码的市级部分为 "00" 时县级部分也应为 "00"，实为 "{code[4:]}"（{code}）')
    return code


def is_valid_region_code(text: str) -> bool:
    """Return True if `validate_region_code` accepts `text`.

    Parameters
    ----------
    text : str
        The candidate code.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_valid_region_code("110105"), is_valid_region_code("110005")
    (True, False)
    """
    try:
        validate_region_code(text)
    except InvalidCodeError:
        return False
    return True


def region_level(code: str) -> RegionLevel:
    """Return the level a code denotes: trailing ``0000`` is a province, trailing ``00`` a city.

    Parameters
    ----------
    code : str
        A GB/T 2260 code.

    Returns
    -------
    RegionLevel

    Raises
    ------
    InvalidCodeError
        If the code is malformed.

    Examples
    --------
    >>> region_level("350000"), region_level("110100"), region_level("429004")
    (<RegionLevel.PROVINCE: 'province'>, <RegionLevel.CITY: 'city'>, <RegionLevel.COUNTY: 'county'>)
    """
    code = validate_region_code(code)
    if code.endswith("0000"):
        return RegionLevel.PROVINCE
    if code.endswith("00"):
        return RegionLevel.CITY
    return RegionLevel.COUNTY


def region_parent_code(code: str) -> str | None:
    """Return the code of the division one level up, or None for a province.

    Parameters
    ----------
    code : str
        A GB/T 2260 code.

    Returns
    -------
    str or None

    Raises
    ------
    InvalidCodeError
        If the code is malformed.

    Examples
    --------
    >>> region_parent_code("110105"), region_parent_code("110100"), region_parent_code("110000")
    ('110100', '110000', None)
    >>> region_parent_code("429004")
    '429000'
    """
    code = validate_region_code(code)
    level = region_level(code)
    if level is RegionLevel.COUNTY:
        return code[:4] + "00"
    if level is RegionLevel.CITY:
        return code[:2] + "0000"
    return None


def region_ancestor_codes(code: str) -> list[str]:
    """Return the codes of every division above this one, the province first; the code itself is excluded.

    Parameters
    ----------
    code : str
        A GB/T 2260 code.

    Returns
    -------
    list of str
        Empty for a province.

    Raises
    ------
    InvalidCodeError
        If the code is malformed.

    Examples
    --------
    >>> region_ancestor_codes("350102")
    ['350000', '350100']
    >>> region_ancestor_codes("350000")
    []
    """
    ancestors: list[str] = []
    parent = region_parent_code(code)
    while parent is not None:
        ancestors.insert(0, parent)
        parent = region_parent_code(parent)
    return ancestors


def region_prefix(code: str) -> str:
    """Return the significant digits of a code: every division below it has a code starting with them.

    Handy for ``code__startswith`` / ``LIKE '35%'`` queries.

    Parameters
    ----------
    code : str
        A GB/T 2260 code.

    Returns
    -------
    str
        Two digits for a province, four for a city, all six for a county.

    Raises
    ------
    InvalidCodeError
        If the code is malformed.

    Examples
    --------
    >>> region_prefix("350000"), region_prefix("350100"), region_prefix("350102")
    ('35', '3501', '350102')
    """
    code = validate_region_code(code)
    return code[: {RegionLevel.PROVINCE: 2, RegionLevel.CITY: 4, RegionLevel.COUNTY: 6}[region_level(code)]]
