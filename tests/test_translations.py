"""Every interface string has a Chinese translation, and the compiled catalog matches its source."""

import gettext
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "clusterdesk"
ZH = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES"
TEMPLATE_STRING = re.compile(r"""{%\s*translate\s+"([^"]+)"\s*%}|{%\s*translate\s+'([^']+)'\s*%}""")


def _po_entries() -> dict[str, str]:
    """msgid → msgstr (first plural form); a fuzzy entry counts as untranslated."""
    entries = {}
    for block in (ZH / "django.po").read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgid|msgid_plural|msgstr|msgstr\[0\]) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = _unescape(match.group(2))
            elif line.startswith('"') and key:
                fields[key] += _unescape(line[1:-1])
        msgid = fields.get("msgid")
        if msgid:
            fuzzy = "#, fuzzy" in block
            entries[msgid] = "" if fuzzy else fields.get("msgstr", fields.get("msgstr[0]", ""))
    return entries


def _unescape(text: str) -> str:
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def test_every_catalog_entry_is_translated():
    assert len(_po_entries()) > 300  # the parser really read the catalog
    missing = [msgid for msgid, msgstr in _po_entries().items() if not msgstr]
    assert missing == []


def test_compiled_catalog_matches_the_source():
    with open(ZH / "django.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    stale = [msgid for msgid, msgstr in _po_entries().items() if catalog.gettext(msgid) != msgstr]
    assert stale == []


def test_every_template_string_is_in_the_catalog():
    known = set(_po_entries())
    missing = set()
    for template in PACKAGE.rglob("templates/**/*.html"):
        for match in TEMPLATE_STRING.finditer(template.read_text(encoding="utf-8")):
            msgid = match.group(1) or match.group(2)
            if msgid not in known:
                missing.add(f"{template.name}: {msgid}")
    assert missing == set()
