"""The report's languages and how it prints in them: the title, dates, names cut to fit, the font."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from assessments.templatetags.names import isolate  # a typed name cannot reorder the sentence

LANGUAGES = {"es": ("es-mx", "es-MX"), "en": ("en", "en")}  # report lang → (Django code, BCP 47)
DEFAULT_LANGUAGE = "es"
REPORT_FONT = "Report Sans"  # the @font-face family of static/css/report.css
HEADER_NAME_LIMIT = 70  # running header, cover note: longer names are cut with "…"
BRAND_NAME_LIMIT = 60  # footer and cover facts


def report_language(value: str | None) -> str:
    """'es' or 'en' for any language code ('en-us' → 'en'); Spanish when unknown or empty."""
    return "en" if (value or "").lower().startswith("en") else DEFAULT_LANGUAGE


def django_language(lang: str) -> str:
    return LANGUAGES[report_language(lang)][0]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def report_title(organization_name: str, lang: str) -> str:
    with override(django_language(lang)):
        return _("Reporte de ciberseguridad e IA: %(company)s") % {"company": isolate(organization_name)}


def _long_date(moment: datetime, lang: str) -> str:
    """'25 de noviembre de 2026' or 'November 25, 2026', in the project's time zone."""
    day = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    with override(django_language(lang)):
        if lang == "en":
            return date_format(day, "F j, Y")
        return date_format(day, r"j \d\e F \d\e Y").lower()


def _iso_long_date(value: Any, lang: str) -> str:
    """An ISO date or datetime from frozen JSON, printed as the report prints dates; "" when empty."""
    if not value:
        return ""
    if isinstance(value, datetime):
        return _long_date(value, lang)
    if isinstance(value, date):
        return _long_date(datetime.combine(value, datetime.min.time()), lang)
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return _long_date(moment, lang)
