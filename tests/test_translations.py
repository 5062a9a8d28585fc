"""Every interface string has a Chinese translation, and each compiled catalog matches its source.

The package catalog (``clusterdesk/locale``) holds the foundation's strings; a domain app may keep its own
catalog beside it (``clusterdesk/<app>/locale``), which Django also reads. Every catalog is checked.
"""

import gettext
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "clusterdesk"
ZH = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES"
CATALOGS = sorted(PACKAGE.rglob("locale/zh_Hans/LC_MESSAGES/django.po"))
TEMPLATE_STRING = re.compile(r"""{%\s*translate\s+"([^"]+)"\s*%}|{%\s*translate\s+'([^']+)'\s*%}""")


def _po_entries(po: Path = ZH / "django.po") -> dict[str, str]:
    """msgid → msgstr (first plural form) of one catalog; a fuzzy entry counts as untranslated. An entry with a
    context (msgctxt) is keyed ``context\x04msgid``, as gettext stores it."""
    entries = {}
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[0\]) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = _unescape(match.group(2))
            elif line.startswith('"') and key:
                fields[key] += _unescape(line[1:-1])
        msgid = fields.get("msgid")
        if msgid:
            fuzzy = "#, fuzzy" in block
            key = f"{fields['msgctxt']}\x04{msgid}" if "msgctxt" in fields else msgid
            entries[key] = "" if fuzzy else fields.get("msgstr", fields.get("msgstr[0]", ""))
    return entries


def _unescape(text: str) -> str:
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def _all_entries() -> dict[str, str]:
    entries: dict[str, str] = {}
    for po in CATALOGS:
        entries.update(_po_entries(po))
    return entries


def test_every_catalog_entry_is_translated():
    assert len(_po_entries()) > 300  # the parser really read the package catalog
    missing = [f"{po.relative_to(PACKAGE)}: {msgid}" for po in CATALOGS
               for msgid, msgstr in _po_entries(po).items() if not msgstr]
    assert missing == []


def test_compiled_catalogs_match_their_sources():
    assert ZH / "django.po" in CATALOGS
    stale = []
    for po in CATALOGS:
        with open(po.with_suffix(".mo"), "rb") as handle:
            catalog = gettext.GNUTranslations(handle)
        stale += [f"{po.relative_to(PACKAGE)}: {msgid}" for msgid, msgstr in _po_entries(po).items()
                  if _compiled(catalog, msgid) != msgstr]
    assert stale == []


def _compiled(catalog: gettext.GNUTranslations, key: str) -> str:
    context, _, msgid = key.rpartition("\x04")
    return catalog.pgettext(context, msgid) if context else catalog.gettext(msgid)


def test_every_template_string_is_in_a_catalog():
    known = set(_all_entries())
    missing = set()
    for template in PACKAGE.rglob("templates/**/*.html"):
        for match in TEMPLATE_STRING.finditer(template.read_text(encoding="utf-8")):
            msgid = match.group(1) or match.group(2)
            if msgid not in known:
                missing.add(f"{template.name}: {msgid}")
    assert missing == set()
