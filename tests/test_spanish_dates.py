"""Dates read as Mexican Spanish writes them: month names in lowercase, on every page and e-mail."""

from datetime import date

from django.utils import translation
from django.utils.formats import date_format


def test_long_dates_have_lowercase_months_in_spanish():
    with translation.override("es-mx"):
        assert date_format(date(2026, 11, 28), "DATE_FORMAT") == "28 de noviembre de 2026"
        assert date_format(date(2027, 2, 26), "DATE_FORMAT") == "26 de febrero de 2027"


def test_english_dates_are_untouched():
    with translation.override("en"):
        assert date_format(date(2026, 11, 28), "DATE_FORMAT") == "Nov. 28, 2026"
