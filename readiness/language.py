"""The language switch: Django's set_language, able to leave an /en/ address for the Spanish one.

Spanish (the default) has no prefix and English lives under /en/. Django's set_language rewrites the
`next` address with translate_url(), which resolves it in the language of the request; the switch is
posted to /i18n/setlang/, which has no prefix, so the request is in Spanish, an /en/ address does not
resolve, and "Español" sent the owner back to the English page. Here the language of `next` is active
while Django's view runs, so the address resolves and is reversed in the chosen language.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils import translation
from django.utils.translation import get_language_from_path
from django.views.i18n import set_language as django_set_language


def set_language(request):
    next_url = request.POST.get("next", request.GET.get("next")) or ""
    current = get_language_from_path(urlsplit(next_url).path)
    if current is None:
        return django_set_language(request)
    with translation.override(current):
        return django_set_language(request)
