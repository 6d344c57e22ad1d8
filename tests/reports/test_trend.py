"""The trend across re-assessments: the chart, the client page's table and the report's "Evolución"."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from assessments import services
from assessments.demo_answers import demo_answers
from assessments.models import Assessment
from assessments.reports.cache import report_cache_key
from assessments.reports.charts import Series, round_score, trend_lines
from assessments.reports.context import report_context
from assessments.reports.services import report_html
from assessments.reports.trend import change_text, trend_snapshots
from consultants.trend import organization_trend
from tests.factories import OrganizationFactory, submit_assessment
from tests.reports.conftest import HOSTILE, pdf_reader, pdf_text, render_subject

FIRST = datetime(2025, 6, 2, 17, 0, tzinfo=timezone.get_fixed_timezone(0))


def submit(organization, answers, when) -> Assessment:
    return submit_assessment(organization, answers, when=when)


@pytest.fixture
def company(firm):
    return OrganizationFactory(firm=firm, name="Panadería La Espiga")


@pytest.fixture
def history(company, bank):
    """Three submitted assessments, a quarter apart, getting better."""
    return [
        submit(company, demo_answers(bank, maturity=level, seed=7), FIRST + timedelta(days=90 * n))
        for n, level in enumerate((0.2, 0.5, 0.8))
    ]


def _key(assessment):
    assessment.refresh_from_db()
    return report_cache_key(snapshot=assessment.snapshot, organization=assessment.organization, lang="es")


# ---- The chart ------------------------------------------------------------------------------------


def test_round_score_prints_like_the_rest_of_the_app():
    # floatformat:0 in the templates rounds halves up; so does the trend.
    assert [round_score(v) for v in (62.5, 62.45, 0.0, 99.5, 100.0)] == [63, 62, 0, 100, 100]


def test_change_text_is_the_difference_of_the_printed_scores():
    assert change_text(40.0, 52.5) == "+13"  # 40 → 53
    assert change_text(52.5, 50.4) == "\u22123"  # 53 → 50, with a real minus sign
    assert change_text(50.2, 49.8) == "0"
    assert change_text(None, 50.0) == ""


def test_trend_chart_plots_every_value_and_describes_them():
    svg = trend_lines(
        [Series("Índice general", (40.0, 52.5, 70.0), emphasis=True), Series("Personas", (10.0, None, 30.0))],
        dates=["2 jun 2025", "31 ago 2025", "29 nov 2025"],
        title="Evolución",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg
    assert "Índice general: 2 jun 2025 40, 31 ago 2025 53, 29 nov 2025 70" in svg
    assert "Personas: 2 jun 2025 10, 31 ago 2025 —, 29 nov 2025 30" in svg
    # The index's values are printed on the chart; a missing domain value breaks its line.
    assert re.findall(r'font-weight="bold" font-size="12" fill="#14365d">(\d+)<', svg) == ["40", "53", "70"]
    assert svg.count("<polyline") == 1  # the index's line; "Personas" has no two consecutive values
    assert svg.count("<circle") == 5


def test_trend_chart_keeps_values_inside_0_to_100():
    svg = trend_lines([Series("x", (-5.0, 140.0))], dates=["a", "b"], title="t")
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    top, bottom = 14, 214
    assert all(top <= y <= bottom for y in ys)


def test_trend_chart_escapes_hostile_labels():
    svg = trend_lines([Series(HOSTILE["html"], (1.0, 2.0))], dates=[HOSTILE["html"], "b"], title=HOSTILE["css"])
    assert "<script" not in svg and "<img" not in svg and "</style>" not in svg


# ---- The client page ------------------------------------------------------------------------------


def test_no_trend_before_a_second_submitted_assessment(company, sample_answers):
    assert organization_trend(organization=company) == {"trend": None}
    submit(company, sample_answers, FIRST)
    services.assessment_start(organization=company)  # a draft never counts
    assert organization_trend(organization=company) == {"trend": None}
    html = render_to_string("consultants/_trend.html", organization_trend(organization=company))
    assert "dos o más evaluaciones enviadas" in html


def test_trend_has_the_index_and_each_domain_with_the_change_since_last_time(history):
    trend = organization_trend(organization=history[0].organization)["trend"]

    snapshots = [a.snapshot for a in history]
    assert trend["count"] == 3 and trend["dates"] == ["2 jun 2025", "31 ago 2025", "29 nov 2025"]
    index = trend["rows"][0]
    assert index["label"] == "Índice general" and index["emphasis"]
    assert index["values"] == [str(round_score(s.overall)) for s in snapshots]
    assert index["change"] == change_text(snapshots[1].overall, snapshots[2].overall)
    assert index["direction"] == "up"
    domains = snapshots[-1].result["domains"]
    assert [row["label"] for row in trend["rows"][1:]] == [d["title_es"] for d in domains]
    for row, domain in zip(trend["rows"][1:], domains, strict=True):
        assert row["values"][-1] == (str(round_score(domain["score"])) if domain["applicable"] else "—")


def test_trend_follows_the_language(history):
    from django.utils import translation

    with translation.override("en"):
        trend = organization_trend(organization=history[0].organization)["trend"]
    assert trend["rows"][0]["label"] == "Overall index"
    assert trend["dates"][0] == "Jun 2, 2025"
    domains = history[-1].snapshot.result["domains"]
    assert [row["label"] for row in trend["rows"][1:]] == [d["title_en"] for d in domains]


def test_the_trend_partial_prints_chart_and_table(history):
    html = render_to_string("consultants/_trend.html", organization_trend(organization=history[0].organization))
    assert "<svg" in html and 'role="img"' in html
    assert "29 nov 2025" in html and "desde la evaluación anterior" in html
    # Included `with trend=<the returned dict>` it prints the same.
    nested = render_to_string(
        "consultants/_trend.html", {"trend": organization_trend(organization=history[0].organization)}
    )
    assert nested == html


def test_trend_queries_are_constant(company, bank, django_assert_num_queries):
    for n in range(2):
        submit(company, demo_answers(bank, maturity=0.5, seed=n), FIRST + timedelta(days=n))
    with django_assert_num_queries(1):
        organization_trend(organization=company)
    for n in range(2, 6):
        submit(company, demo_answers(bank, maturity=0.5, seed=n), FIRST + timedelta(days=n))
    with django_assert_num_queries(1):
        assert organization_trend(organization=company)["trend"]["count"] == 6


def test_another_companys_assessments_never_count(history, sample_answers):
    other = OrganizationFactory(firm=history[0].organization.firm)
    submit(other, sample_answers, FIRST)
    assert organization_trend(organization=history[0].organization)["trend"]["count"] == 3
    assert organization_trend(organization=other)["trend"] is None


# ---- The report ----------------------------------------------------------------------------------


def _context(assessment, lang="es"):
    return report_context(snapshot=assessment.snapshot, organization=assessment.organization, lang=lang)


def test_the_first_report_has_no_trend_even_after_later_assessments(history):
    assert _context(history[0])["trend"] is None
    assert 'id="evolucion"' not in report_html(
        snapshot=history[0].snapshot, organization=history[0].organization, lang="es"
    )


def test_a_report_shows_only_the_assessments_submitted_before_it(history):
    middle = _context(history[1])["trend"]
    assert middle["count"] == 2 and middle["dates"] == ["2 jun 2025", "31 ago 2025"]
    latest = _context(history[2])["trend"]
    assert latest["count"] == 3
    assert [
        s.assessment_id for s in trend_snapshots(organization=history[0].organization, upto=history[1].snapshot)
    ] == [
        history[0].pk,
        history[1].pk,
    ]


def test_the_report_html_prints_the_evolution_section(history):
    html = report_html(snapshot=history[2].snapshot, organization=history[2].organization, lang="es")
    assert 'id="evolucion"' in html and "2.1 Evolución" in html
    trend = _context(history[2])["trend"]
    assert f"Cambio desde la evaluación del {trend['previous_date']}: {trend['overall_change']} puntos." in html
    english = report_html(snapshot=history[2].snapshot, organization=history[2].organization, lang="en")
    assert "Aug 31, 2025" in english


def test_the_pdf_prints_the_evolution_with_the_changes(history):
    pdf = render_subject(history[2].snapshot, history[2].organization, "es")
    text = pdf_text(pdf_reader(pdf))
    assert "Evolución" in text
    trend = _context(history[2])["trend"]
    assert "29 nov 2025" in text and trend["overall_change"] in text


def test_the_cache_key_covers_the_earlier_assessments(history):
    first, middle, latest = history
    middle_key, latest_key, first_key = _key(middle), _key(latest), _key(first)
    # Submitting a later assessment never changes an earlier report (it does not print it).
    assert _key(first) == first_key
    # The earlier assessments it prints do: one deleted, or submitted on another date.
    Assessment.objects.filter(pk=first.pk).update(submitted_at=FIRST - timedelta(days=30))
    assert _key(middle) != middle_key and _key(latest) != latest_key
    changed = _key(latest)
    first.delete()
    assert _key(latest) != changed
    assert len({middle_key, latest_key, first_key}) == 3


def test_the_domain_bars_round_like_the_trend_table():
    from assessments.reports.charts import Bar, domain_bars

    svg = domain_bars([Bar("Gobierno de la IA", 82.5)], title="t")
    assert ">83<" in svg and "Gobierno de la IA: 83/100" in svg
