"""The owner's results page in real Chromium at 390×844 and 1280×800: no sideways scrolling, axe-core,
chart text at least 12 CSS px, and how many phone screens come before the collapsed plan."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from assessments import services
from assessments.catalog import current_bank
from assessments.models import Organization
from tests.browser.conftest import assert_accessible
from tests.scoring.strategies import extreme_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
MAX_SCREENS_BEFORE_PLAN = 8.5  # issue 11: "no more than ~8 phone screens before the collapsed plan"
MIN_CHART_TEXT_PX = 12


@pytest.fixture
def results_path(transactional_db):
    """A weak company (the longest page: many actions, comparisons and a "No sé" to find out)."""
    organization = Organization.objects.create(name="Ferretería Los Pinos")
    answers = {**extreme_answers(current_bank(), best=False, profile={"uses_ai": "yes"}), "backups": "unknown"}
    assessment, token = services.assessment_start(organization=organization)
    services.assessment_save_answers(assessment=assessment, answers=answers)
    services.assessment_submit(assessment=assessment)
    return f"/evaluacion/{token}/resultados/"


def measure(page: Page) -> dict:
    return page.evaluate(
        """() => {
          const texts = [...document.querySelectorAll('main svg text')].map(t => t.getBoundingClientRect().height);
          const plan = document.getElementById('plan');
          return {
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            smallestChartText: texts.length ? Math.min(...texts) : null,
            chartTexts: texts.length,
            planTop: plan.getBoundingClientRect().top + window.scrollY,
            height: document.documentElement.scrollHeight,
          };
        }"""
    )


def font_size_px(page: Page) -> float:
    """The smallest rendered font size of the charts' texts: font-size × the SVG's scale on screen."""
    return page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('main svg.chart')].flatMap(svg => {
             const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
             return [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
           }))"""
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_results_page_reads_well_on_a_phone_and_a_desktop(chromium, live_server, results_path, viewport):
    context = chromium.new_context(locale="es-MX", viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + results_path)
    m = measure(page)
    assert m["overflow"] <= 0, f"sideways scrolling of {m['overflow']} px at {viewport['width']} px"
    assert m["chartTexts"] > 0
    size = font_size_px(page)
    assert size >= MIN_CHART_TEXT_PX, f"chart text {size:.1f} px at {viewport['width']} px"
    # The glyph boxes too (getBoundingClientRect): a 12 px font gives boxes of about 12 px or more.
    assert m["smallestChartText"] >= MIN_CHART_TEXT_PX - 1
    screens = m["planTop"] / viewport["height"]
    print(
        f"\nresults page at {viewport['width']}×{viewport['height']}: plan starts after {screens:.1f} screens "
        f"({m['planTop']:.0f} px of {m['height']} px); smallest chart text {size:.1f} px"
    )
    if viewport is PHONE:
        assert screens <= MAX_SCREENS_BEFORE_PLAN, f"{screens:.1f} phone screens before the plan"
        # Later horizons stay collapsed until the owner opens them.
        assert page.evaluate("() => [...document.querySelectorAll('#plan details')].filter(d => d.open).length") == 1
    assert_accessible(page, f"the results page at {viewport['width']} px")
    context.close()
