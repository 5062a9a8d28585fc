"""Characters no text field may hold: control characters and the invisible marks that reorder or hide text.

One rule for every text field of every record, whichever channel writes it (form, API, Excel import, CLI, job):

- C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F): a name with ESC or BEL broke every
  .xlsx export (XML 1.0 cannot hold them) and shows nothing on a page. Tab, line feed and carriage return, and the
  line and paragraph separators U+2028/U+2029, are allowed in multi-line text only (a note, a description).
- Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they display text in another
  order than it is stored ("Trojan Source", CVE-2021-42574), so a name can read as something else.
- The invisible directional marks U+200E, U+200F and U+061C, and U+FEFF (a byte-order mark pasted inside a cell):
  Chinese records never need them, and an invisible character makes two names that look the same differ, which
  defeats the duplicate checks. Refused, not stripped, so that what is stored is what was sent.
- U+FFFE, U+FFFF and lone surrogates: not characters at all; XML cannot hold them and the database's UTF-8 cannot
  encode a surrogate.

Ordinary invisible joiners (U+200B–U+200D) are left alone: they occur in pasted text and harm no export.
"""

from collections.abc import Collection, Mapping

from clusterdesk.core.validation.records import FieldError

__all__ = ["LINE_BREAKS", "text_errors", "unsafe_character"]

#: Allowed in multi-line text only.
LINE_BREAKS = frozenset("\t\n\r\u2028\u2029")

_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR",
          0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x200E: "LRM", 0x200F: "RLM", 0x061C: "ALM", 0x202A: "LRE",
          0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO", 0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI",
          0x2069: "PDI", 0xFEFF: "BOM", 0x2028: "LSEP", 0x2029: "PSEP"}


def _kind(code: int) -> tuple[str, str] | None:
    """What is wrong with a character (Chinese, English), or None when it may be stored."""
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "控制字符", "a control character"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "双向文本控制字符", "a bidirectional control character"
    if code in (0x200E, 0x200F, 0x061C, 0xFEFF):
        return "不可见的格式字符", "an invisible formatting character"
    if code in (0x2028, 0x2029):
        return "换行符", "a line separator"
    if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return "无效字符", "an invalid character"
    return None


def unsafe_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """The first character of ``text`` that may not be stored: its 1-based position and the character.

    Parameters
    ----------
    text : str
    multiline : bool
        Whether tab, line feed, carriage return and U+2028/U+2029 are allowed (a note, a description).

    Returns
    -------
    (int, str) or None

    Examples
    --------
    >>> unsafe_character("长沙\\x1b[31m项目")
    (3, '\\x1b')
    >>> unsafe_character("第一行\\n第二行"), unsafe_character("第一行\\n第二行", multiline=True)
    ((4, '\\n'), None)
    >>> unsafe_character("abc\\u202egnp.exe")
    (4, '\\u202e')
    >>> unsafe_character("=HYPERLINK(\\"http://x\\")") is None  # a formula is text: exports neutralise it
    True
    """
    for index, char in enumerate(text):
        if (char < " " or char >= "\x7f") and _kind(ord(char)) is not None:
            if multiline and char in LINE_BREAKS:
                continue
            return index + 1, char
    return None


def _describe(char: str) -> str:
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X}" + (f" {name}" if name else "")


def text_errors(values: Mapping[str, object], multiline: Collection[str] = ()) -> list[FieldError]:
    """A `FieldError` for each text value holding a character no record may store (see the module).

    Parameters
    ----------
    values : mapping
        Field name → value; values that are not text are not checked.
    multiline : collection of str
        The fields that may hold line breaks and tabs.

    Returns
    -------
    list of FieldError

    Examples
    --------
    >>> [e.message for e in text_errors({"name": "园区\\x07", "note": "一\\n二", "area": 3}, multiline={"note"})]
    ['第 3 个字符是不允许的控制字符（U+0007 BEL）']
    >>> text_errors({"name": "园区", "note": "一\\r\\n二\\t三"}, multiline={"note"})
    []
    """
    errors = []
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        found = unsafe_character(value, multiline=name in multiline)
        if found is None:
            continue
        position, char = found
        kind = _kind(ord(char)) or ("字符", "a character")
        errors.append(FieldError(name, f"第 {position} 个字符是不允许的{kind[0]}（{_describe(char)}）",
                                 f"character {position} is {kind[1]} that is not allowed ({_describe(char)})"))
    return errors
