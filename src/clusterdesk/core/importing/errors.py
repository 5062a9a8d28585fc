"""Import errors: where (sheet, row, column) and what is wrong, in Chinese and in English."""

from dataclasses import dataclass

__all__ = ["RowError", "column_letter"]


def column_letter(index: int) -> str:
    """The Excel letter of a 0-based column index.

    Parameters
    ----------
    index : int
        0 for A, 25 for Z, 26 for AA.

    Returns
    -------
    str

    Examples
    --------
    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(702)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class RowError:
    """One problem in an import file. ``row`` is the Excel row number (1-based); ``column`` its letter.

    Examples
    --------
    >>> RowError("项目", 5, "C", "总投资(亿元)", "金额不能为负数", "amount must not be negative").as_line()
    '项目!C5 总投资(亿元)：金额不能为负数 / amount must not be negative'
    """

    sheet: str
    row: int | None
    column: str | None
    header: str
    message: str
    message_en: str
    field: str = ""
    value: str = ""

    @property
    def cell(self) -> str:
        """``C5``, ``C`` (a whole column) or ``5`` (a whole row); empty for the whole sheet."""
        return f"{self.column or ''}{self.row or ''}"

    def as_line(self) -> str:
        """The error on one line: ``sheet!C5 header：中文 / English``."""
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        header = f" {self.header}" if self.header else ""
        return f"{where}{header}：{self.message} / {self.message_en}"

    def as_dict(self) -> dict[str, object]:
        """The error as JSON-safe data."""
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "header": self.header,
                "field": self.field, "value": self.value, "message": self.message, "message_en": self.message_en}
