"""Industry codes (国民经济行业分类, GB/T 4754-2017): section letter, then 2, 3 or 4 digits.

``C`` is a section (门类, manufacturing), ``C38`` a division (大类), ``C384`` a group (中类) and ``C3841`` a
class (小类). The two digits of the division decide the section, so people often write the code without the
letter (``3841``); `normalize_industry_code` puts it back. Whether a code exists in the official table is
checked by the reference-data layer, not here.
"""

import enum
import re

from clusterdesk.core.exceptions import InvalidCodeError
from clusterdesk.core.numerals import to_half_width

__all__ = [
    "DIVISION_RANGES",
    "IndustryLevel",
    "industry_ancestor_codes",
    "industry_level",
    "industry_parent_code",
    "industry_section_for_division",
    "normalize_industry_code",
]

#: Section letter → (first division, last division), inclusive.
DIVISION_RANGES: dict[str, tuple[int, int]] = {
    "A": (1, 5), "B": (6, 12), "C": (13, 43), "D": (44, 46), "E": (47, 50), "F": (51, 52), "G": (53, 60),
    "H": (61, 62), "I": (63, 65), "J": (66, 69), "K": (70, 70), "L": (71, 72), "M": (73, 75), "N": (76, 79),
    "O": (80, 82), "P": (83, 83), "Q": (84, 85), "R": (86, 90), "S": (91, 96), "T": (97, 97),
}  # fmt: skip

_SHAPE = re.compile(r"([A-Z]?)([0-9]*)")


class IndustryLevel(enum.StrEnum):
    """The level of an industry code, as its length shows it."""

    SECTION = "section"
    DIVISION = "division"
    GROUP = "group"
    CLASS = "class"


def industry_section_for_division(division: str) -> str:
    """Return the section letter a two-digit division belongs to.

    Parameters
    ----------
    division : str
        Two digits, ``"01"`` to ``"97"``.

    Returns
    -------
    str
        The section letter ``A`` to ``T``.

    Raises
    ------
    InvalidCodeError
        If `division` is not two digits in 01–97.

    Examples
    --------
    >>> industry_section_for_division("38"), industry_section_for_division("05"), industry_section_for_division("97")
    ('C', 'A', 'T')
    """
    if len(division) != 2 or not (division.isascii() and division.isdigit()):
        raise InvalidCodeError(f'行业大类代码应为 2 位数字，实为 "{division}"')
    number = int(division)
    for section, (first, last) in DIVISION_RANGES.items():
        if first <= number <= last:
            return section
    raise InvalidCodeError(f'行业大类代码 "{division}" 不存在，应在 01–97 之间')


def normalize_industry_code(text: str) -> str:
    """Return an industry code in its lettered form, adding the section letter when it is missing.

    Accepts ``"C3841"``, ``"3841"``, ``"c 3841"``, ``"38"``, ``"C"``, full-width characters too.

    Parameters
    ----------
    text : str
        The code as typed.

    Returns
    -------
    str
        A section letter followed by 0, 2, 3 or 4 digits.

    Raises
    ------
    InvalidCodeError
        If the shape is wrong, the division is outside 01–97, or the letter does not match the division.

    Examples
    --------
    >>> normalize_industry_code("3841"), normalize_industry_code("c 38"), normalize_industry_code("A0111")
    ('C3841', 'C38', 'A0111')
    >>> normalize_industry_code("D3841")
    Traceback (most recent call last):
    ...
    clusterdesk.core.exceptions.InvalidCodeError: 行业代码的门类 "D" 与大类 "38" 不符，应为 "C"（D3841）
    """
    code = re.sub(r"[\s\-]", "", to_half_width(text)).upper()
    shape = _SHAPE.fullmatch(code)
    if not code or shape is None or len(shape[2]) not in (0, 2, 3, 4):
        raise InvalidCodeError(
            f'行业代码格式不正确：应为门类字母加 2–4 位数字（如 C3841）或 2–4 位数字，实为 "{text.strip()}"'
        )
    letter, digits = shape[1], shape[2]
    if not digits:
        if letter not in DIVISION_RANGES:
            raise InvalidCodeError(f'行业门类 "{letter}" 不存在，应为 A–T')
        return letter
    section = industry_section_for_division(digits[:2])
    if letter and letter != section:
        raise InvalidCodeError(f'行业代码的门类 "{letter}" 与大类 "{digits[:2]}" 不符，应为 "{section}"（{code}）')
    return section + digits


def industry_level(code: str) -> IndustryLevel:
    """Return the level of an industry code.

    Parameters
    ----------
    code : str
        An industry code in any form `normalize_industry_code` accepts.

    Returns
    -------
    IndustryLevel

    Raises
    ------
    InvalidCodeError
        If the code is malformed.

    Examples
    --------
    >>> [industry_level(c).value for c in ("C", "C38", "C384", "3841")]
    ['section', 'division', 'group', 'class']
    """
    levels = {1: IndustryLevel.SECTION, 3: IndustryLevel.DIVISION, 4: IndustryLevel.GROUP, 5: IndustryLevel.CLASS}
    return levels[len(normalize_industry_code(code))]


def industry_parent_code(code: str) -> str | None:
    """Return the code one level up, or None for a section.

    Parameters
    ----------
    code : str
        An industry code in any form `normalize_industry_code` accepts.

    Returns
    -------
    str or None

    Raises
    ------
    InvalidCodeError
        If the code is malformed.

    Examples
    --------
    >>> [industry_parent_code(c) for c in ("C3841", "C384", "C38", "C")]
    ['C384', 'C38', 'C', None]
    """
    normalized = normalize_industry_code(code)
    return {1: None, 3: normalized[:1]}.get(len(normalized), normalized[:-1])


def industry_ancestor_codes(code: str) -> list[str]:
    """Return the codes above this one, the section first; the code itself is excluded.

    Parameters
    ----------
    code : str
        An industry code in any form `normalize_industry_code` accepts.

    Returns
    -------
    list of str

    Raises
    ------
    InvalidCodeError
        If the code is malformed.

    Examples
    --------
    >>> industry_ancestor_codes("3841")
    ['C', 'C38', 'C384']
    """
    ancestors: list[str] = []
    parent = industry_parent_code(code)
    while parent is not None:
        ancestors.insert(0, parent)
        parent = industry_parent_code(parent)
    return ancestors
