"""Text written into spreadsheet cells: formulas neutralised (CSV), characters XML cannot hold replaced (.xlsx).

A spreadsheet evaluates a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after a tab or carriage return,
what follows) as a formula: a project named ``=HYPERLINK("http://…"&A1,"详情")`` sends a neighbouring cell to a
server when clicked, and ``=cmd|' /C calc'!A0`` runs a program through DDE. Following the OWASP guidance on CSV
injection, every CSV export prefixes such text with a single quote, which the spreadsheet shows as text and does
not evaluate. Full-width ``＝＋－＠`` are treated the same, since East Asian versions of Excel read them as the
ASCII signs. A field that is a plain number (``-12.5``) is left as it is.

.xlsx exports do not change the text: they write it as a string cell, which no spreadsheet evaluates, so that the
import reads back exactly what was stored (see ``clusterdesk.common.xlsx``).

.xlsx exports (`xlsx_text`) replace what XML 1.0 cannot hold (control characters other than tab, line feed and carriage
return, U+FFFE, U+FFFF, lone surrogates) with U+FFFD, so that text stored before such characters were refused
still exports.
"""

import re

__all__ = ["FORMULA_TRIGGERS", "csv_field", "csv_text", "starts_formula", "xlsx_text", "xml_text"]

#: The characters that make a spreadsheet read a cell as a formula when they start it.
FORMULA_TRIGGERS = frozenset("=+-@\t\r＝＋－＠")

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (a plain number is not one).

    Parameters
    ----------
    text : str

    Returns
    -------
    bool

    Examples
    --------
    >>> starts_formula("=1+1"), starts_formula("@SUM(A1)"), starts_formula("-12.5"), starts_formula("长沙")
    (True, True, False, False)
    """
    return bool(text) and text[0] in FORMULA_TRIGGERS and _NUMBER.fullmatch(text) is None


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> xml_text("园区\\x1b[0m\\t一期")
    '园区\\ufffd[0m\\t一期'
    """
    return _NOT_XML.sub("\ufffd", text)


def xlsx_text(text: str) -> str:
    """``text`` as an .xlsx cell holds it: `xml_text`, and a literal ``_xHHHH_`` escaped as ``_x005F_xHHHH_``.

    In an .xlsx file ``_x001B_`` stands for the character U+001B (that is how a file carries a control character),
    and Excel and python-calamine decode it; a stored text that contains such a sequence is escaped so that it
    reads back as written.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> xlsx_text("编号_x0041_甲\x07")
    '编号_x005F_x0041_甲\ufffd'
    """
    text = xml_text(text)
    return _OOXML_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def csv_text(text: str) -> str:
    """Text as a CSV field, a formula neutralised with a leading single quote.

    Text that already starts with quotes before a trigger gets one more, so that the change can be undone exactly
    (drop one leading quote from a field that starts with quotes and then a trigger): no two texts give the same
    field.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> csv_text("=cmd|' /C calc'!A0"), csv_text("-12.5"), csv_text("'=1"), csv_text("长沙")
    ("'=cmd|' /C calc'!A0", '-12.5', "''=1", '长沙')
    """
    stripped = text.lstrip("'")
    if starts_formula(stripped) or (stripped != text and stripped[:1] in FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_field(value: object) -> object:
    """A value for ``csv.writer``: text neutralised with `csv_text`, numbers and empty values as they are.

    Parameters
    ----------
    value : object

    Returns
    -------
    object

    Examples
    --------
    >>> csv_field("+86 731 1234"), csv_field(-3), csv_field(None)
    ("'+86 731 1234", -3, None)
    """
    return csv_text(value) if isinstance(value, str) else value
