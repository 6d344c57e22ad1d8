"""A new owner, in real Chromium, from the landing page to the results page; axe-core on the way.

Needs the Debian `chromium` package (Playwright cannot download its own browsers here). Without it
the test fails with a clear message instead of skipping, so CI cannot pass silently.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from assessments.models import ResultSnapshot
from tests.browser.conftest import answer_visible_questions, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_exclusive_options(page: Page) -> None:
    """Ticking "None of these" unticks the other options of its question, and the other way round."""
    exclusive = page.locator(".question:not([hidden]) input[type=checkbox][data-exclusive]").first
    name = exclusive.get_attribute("name")
    other = page.locator(f"input[type=checkbox][name={name}]:not([data-exclusive])").first
    other.check()
    exclusive.check()
    expect(other).not_to_be_checked()
    other.check()
    expect(exclusive).not_to_be_checked()


def test_a_new_owner_walks_from_the_landing_page_to_the_results(page: Page, live_server):
    page.goto(live_server.url + "/")
    expect(page).to_have_title(re.compile("CiberListo PyME"))
    assert_accessible(page, "the landing page")

    # Keyboard only: the skip link comes first, then the start form submits with Enter.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.get_by_label("Nombre de su empresa").focus()
    page.keyboard.type("Panadería La Espiga")
    page.keyboard.press("Enter")

    resume_link = page.get_by_label("Su enlace para continuar")
    expect(resume_link).to_have_value(re.compile(r"/evaluacion/[\w-]{43}/$"))
    page.get_by_role("link", name="Comenzar el cuestionario").click()

    # An empty step is refused: the error summary takes the focus and names the questions.
    page.get_by_role("button", name="Guardar y continuar").click()
    expect(page.locator("#resumen-errores")).to_be_focused()
    expect(page).to_have_title(re.compile("^Error:"))
    assert_accessible(page, "a step with errors")

    steps = 0
    checked_exclusive = False
    while "/paso/" in page.url:
        steps += 1
        progress = page.locator("progress#avance")
        expect(progress).to_be_visible()
        if steps == 2:
            assert_accessible(page, "the second step")
        answer_visible_questions(page)
        exclusive = page.locator(".question:not([hidden]) input[type=checkbox][data-exclusive]")
        if not checked_exclusive and exclusive.count():
            check_exclusive_options(page)
            checked_exclusive = True
        page.get_by_role("button", name="Guardar y continuar").click()
        assert steps < 20, "the questionnaire does not end"
    assert steps >= 8
    assert checked_exclusive, "no step offered a 'none of these' option"

    expect(page.get_by_role("heading", level=1)).to_have_text("Revise y envíe sus respuestas")
    page.get_by_role("button", name="Enviar y ver mis resultados").click()

    expect(page).to_have_url(re.compile(r"/resultados/$"))
    expect(page.get_by_text(re.compile(r"Usted: .+ · PyMEs en el estudio: \d+%")).first).to_be_visible()
    expect(page.locator("svg.chart")).to_have_count(2)
    assert_accessible(page, "the results page")
    snapshot = ResultSnapshot.objects.get(assessment__organization__name="Panadería La Espiga")
    expect(page.locator(".score-number")).to_have_text(f"{snapshot.overall:.0f}")


def test_without_javascript_follow_up_questions_appear_after_saving(page_without_js: Page, live_server):
    page = page_without_js
    page.goto(live_server.url + "/")
    page.get_by_label("Nombre de su empresa").fill("Ferretería Sin Scripts")
    page.get_by_role("button", name="Empezar la evaluación").click()
    page.get_by_role("link", name="Comenzar el cuestionario").click()
    answer_visible_questions(page)
    page.get_by_role("button", name="Guardar y continuar").click()

    # The AI step: the follow-up questions are hidden until "uses AI" is saved.
    hidden_before = page.locator(".question[hidden]").count()
    assert hidden_before > 0
    answer_visible_questions(page)  # the first choice of "uses AI" is "yes"
    page.get_by_role("button", name="Guardar y continuar").click()
    expect(page.get_by_text("hay más preguntas en este paso")).to_be_visible()
    assert page.locator(".question[hidden]").count() < hidden_before
    answer_visible_questions(page)
    page.get_by_role("button", name="Guardar y volver al paso anterior").click()
    expect(page).to_have_url(re.compile(r"/paso/[a-z_]+/$"))
    expect(page.locator("progress#avance")).to_be_visible()
