"""Names typed by people (companies, firms, contacts), isolated from the text around them.

A name holding a right-to-left override (U+202E), other direction controls or right-to-left letters
could reorder the app's own words next to it. `bdi` wraps such a name in <bdi> (HTML text, also inside
blocktranslate: `with name=org.name|bdi` keeps the msgid unchanged); `isolate` wraps it in the Unicode
isolate characters FSI…PDI, where no markup is allowed (<title>, attributes, PDF metadata, sentences
built in Python). A name with nothing right-to-left in it cannot reorder anything and is left as it is,
so ordinary names print exactly as typed.
"""

import unicodedata

from django import template
from django.utils.html import format_html

register = template.Library()

FSI, PDI = "\u2068", "\u2069"
# Bidi classes that can change the order of text: right-to-left letters and digits, and every
# embedding, override and isolate control.
REORDERING = {"R", "AL", "AN", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def needs_isolation(value) -> bool:
    return any(unicodedata.bidirectional(ch) in REORDERING for ch in str(value or ""))


@register.filter
def bdi(value):
    return format_html("<bdi>{}</bdi>", value) if needs_isolation(value) else value


@register.filter
def isolate(value):
    return f"{FSI}{value}{PDI}" if needs_isolation(value) else value
