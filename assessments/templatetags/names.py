"""Names typed by people (companies, firms, contacts), isolated from the text around them.

A name holding a right-to-left override (U+202E) or other direction marks must not reorder the app's
own words next to it. `bdi` wraps the escaped name in <bdi> (HTML text, also inside blocktranslate:
`with name=org.name|bdi` keeps the msgid unchanged); `isolate` wraps it in the Unicode isolate
characters FSI…PDI, for places where no markup is allowed (<title>, attributes, plain-text e-mails).
"""

from django import template
from django.utils.html import format_html

register = template.Library()

FSI, PDI = "\u2068", "\u2069"


@register.filter
def bdi(value):
    if value in (None, ""):
        return value
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def isolate(value):
    if value in (None, ""):
        return value
    return f"{FSI}{value}{PDI}"

