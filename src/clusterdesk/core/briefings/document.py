"""The document model of a generated briefing (通报 / 简报): sections, numbered headings, paragraphs, tables, charts.

A briefing is a tree of sections; a section's level gives its heading numbering in the style of Chinese official
documents (GB/T 9704): 一、 at the first level, （一） at the second, 1. at the third. Writers (.docx, PDF, .xlsx)
walk the tree; nothing here touches a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from clusterdesk.core.exceptions import CoreError

__all__ = [
    "BriefChart",
    "BriefParagraph",
    "BriefSection",
    "BriefTable",
    "BriefingDocument",
    "BriefingError",
    "briefing_outline",
    "briefing_tables",
    "chinese_count",
    "heading_number",
]

_DIGITS = "零一二三四五六七八九"


class BriefingError(CoreError):
    """A briefing cannot be laid out or worded (a heading level outside 1–3, an unknown placeholder)."""


@dataclass(frozen=True)
class BriefParagraph:
    """One paragraph of body text (first line indented by two characters when written)."""

    text: str


@dataclass(frozen=True)
class BriefTable:
    """A table: its caption, column headings and rows of cells already formatted as text."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise BriefingError(f"table {self.title!r}: a row has {len(row)} cells for {len(self.columns)} columns")


@dataclass(frozen=True)
class BriefChart:
    """A bar chart: its caption, category labels, values and the unit of the values."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    unit: str = ""


Block = BriefParagraph | BriefTable | BriefChart


@dataclass(frozen=True)
class BriefSection:
    """A section: its heading (without the number), its blocks, then its subsections."""

    title: str
    blocks: tuple[Block, ...] = ()
    sections: tuple[BriefSection, ...] = ()


@dataclass(frozen=True)
class BriefingDocument:
    """A whole briefing: title, the line under it (issuer, period), an opening paragraph and the sections."""

    title: str
    subtitle: str = ""
    opening: tuple[BriefParagraph, ...] = ()
    sections: tuple[BriefSection, ...] = field(default_factory=tuple)


def chinese_count(n: int) -> str:
    """Write a whole number from 1 to 99 in Chinese numerals, as headings number their sections.

    Parameters
    ----------
    n : int
        The number, 1 to 99.

    Returns
    -------
    str
        一, 十, 十一, 二十, 九十九 …

    Raises
    ------
    BriefingError
        If ``n`` is outside 1–99.

    Examples
    --------
    >>> chinese_count(3), chinese_count(10), chinese_count(12), chinese_count(40)
    ('三', '十', '十二', '四十')
    """
    if not 1 <= n <= 99:
        raise BriefingError(f"cannot number {n} in a heading (1–99)")
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[units] if units else "")


def heading_number(level: int, index: int) -> str:
    """The number of the ``index``-th heading (1-based) at a level: 一、 at level 1, （一） at 2, 1. at 3.

    Parameters
    ----------
    level : int
        Heading level, 1 to 3.
    index : int
        Position of the heading among its siblings, from 1.

    Returns
    -------
    str
        The number with its punctuation, ready to prefix the heading.

    Raises
    ------
    BriefingError
        If the level is not 1, 2 or 3.

    Examples
    --------
    >>> heading_number(1, 2), heading_number(2, 1), heading_number(3, 4)
    ('二、', '（一）', '4.')
    """
    if level == 1:
        return chinese_count(index) + "、"
    if level == 2:
        return f"（{chinese_count(index)}）"
    if level == 3:
        return f"{index}."
    raise BriefingError(f"heading level {level} is not 1, 2 or 3")


def _walk(sections: tuple[BriefSection, ...], level: int) -> Iterator[tuple[int, str, BriefSection]]:
    for index, section in enumerate(sections, start=1):
        yield level, heading_number(level, index) + section.title, section
        yield from _walk(section.sections, level + 1)


def briefing_outline(document: BriefingDocument) -> list[tuple[int, str, BriefSection]]:
    """Every section in reading order with its level and numbered heading.

    Parameters
    ----------
    document : BriefingDocument
        The briefing.

    Returns
    -------
    list of (int, str, BriefSection)
        Level, numbered heading text, and the section itself.

    Raises
    ------
    BriefingError
        If the sections nest deeper than three levels.

    Examples
    --------
    >>> doc = BriefingDocument("通报", sections=(BriefSection("总体情况", sections=(BriefSection("开工"),)),
    ...                                         BriefSection("问题")))
    >>> [heading for _, heading, _ in briefing_outline(doc)]
    ['一、总体情况', '（一）开工', '二、问题']
    """
    return list(_walk(document.sections, 1))


def briefing_tables(document: BriefingDocument) -> list[BriefTable]:
    """The document's tables in reading order (the .xlsx annex has one sheet per table).

    Parameters
    ----------
    document : BriefingDocument
        The briefing.

    Returns
    -------
    list of BriefTable
        Every table of every section.

    Examples
    --------
    >>> table = BriefTable("表1", ("县区", "开工率"), (("甲县", "50%"),))
    >>> doc = BriefingDocument("通报", sections=(BriefSection("情况", blocks=(BriefParagraph("…"), table)),))
    >>> [t.title for t in briefing_tables(doc)]
    ['表1']
    """
    return [block for _, _, section in briefing_outline(document) for block in section.blocks
            if isinstance(block, BriefTable)]
