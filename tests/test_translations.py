"""Every Spanish message has its English translation, and the compiled catalogue is up to date."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "assessments" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries():
    """(msgid, msgstr, flags) of each entry, joining continued lines."""
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        fields = {}
        current = None
        for line in block.splitlines():
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            yield fields["msgid"], fields.get("msgstr", fields.get("msgstr[0]", "")), flags


def test_no_message_is_left_untranslated_or_fuzzy():
    missing = [msgid for msgid, msgstr, _ in entries() if not msgstr]
    fuzzy = [msgid for msgid, _, flags in entries() if "fuzzy" in flags]
    assert not missing, missing[:5]
    assert not fuzzy, fuzzy[:5]


def test_compiled_catalogue_matches_the_source():
    import gettext

    with open(PO.with_suffix(".mo"), "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = [
        msgid
        for msgid, msgstr, flags in entries()
        if "%" not in msgid and compiled.gettext(_unescape(msgid)) != _unescape(msgstr)
    ]
    assert not stale, f"run compilemessages; stale: {stale[:3]}"


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)
