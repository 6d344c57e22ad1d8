"""The owner on a phone (390×844, issue 11): answers are saved as they change, the progress stays in
sight, follow-up questions show their required mark at once, nothing scrolls sideways."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from assessments import selectors
from tests.browser.conftest import answer_visible_questions, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scrolling(page: Page, where: str) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{where} scrolls sideways: {widths}"


def start(page: Page, live_server) -> str:
    page.goto(live_server.url + "/")
    page.get_by_label("Nombre de su empresa").fill("Papelería El Lápiz")
    page.get_by_label("Nombre de su empresa").press("Enter")
    page.get_by_role("link", name="Comenzar el cuestionario").click()
    expect(page).to_have_url(re.compile(r"/paso/[a-z_]+/$"))
    return re.search(r"/evaluacion/([\w-]{43})/", page.url).group(1)


def test_an_answer_is_saved_when_it_changes_and_survives_a_reload(page: Page, live_server):
    token = start(page, live_server)
    assert page.viewport_size == {"width": 390, "height": 844}
    expect(page.locator(".progress-text")).to_have_text(re.compile(r"^Paso 1 de \d+ · unos \d+ minutos restantes$"))
    no_sideways_scrolling(page, "the first step")
    assert_accessible(page, "a step on a phone")

    radio = page.locator(".question:not([hidden]) input[type=radio]").first
    name, value = radio.get_attribute("name"), radio.get_attribute("value")
    radio.check()
    expect(page.locator("[data-autosave-status]")).to_have_text("Guardado")
    assert selectors.assessment_answers(assessment=selectors.assessment_get_by_token(token=token))[name] == value

    page.reload()
    expect(page.locator(f"input[name={name}][value={value}]")).to_be_checked()

    # The progress stays at the top of the screen while the owner scrolls.
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(200)
    top = page.evaluate("() => document.querySelector('.questionnaire-progress').getBoundingClientRect().top")
    assert 0 <= top <= 1


def test_the_button_still_saves_after_autosaving_and_the_step_list_links_back(page: Page, live_server):
    start(page, live_server)
    answer_visible_questions(page)
    expect(page.locator("[data-autosave-status]")).to_have_text("Guardado")
    page.get_by_role("button", name="Guardar y continuar").click()
    expect(page.locator(".progress-text")).to_have_text(re.compile(r"^Paso 2 de "))
    expect(page.locator(".autosave-alert")).to_be_hidden()

    page.get_by_text("Todos los pasos").click()
    steps = page.get_by_role("navigation", name="Pasos de la evaluación")
    expect(steps.locator("[aria-current=step]")).to_have_count(1)
    steps.get_by_role("link").first.click()
    expect(page.locator(".progress-text")).to_have_text(re.compile(r"^Paso 1 de "))


def test_a_follow_up_shows_its_required_mark_at_once(page: Page, live_server):
    start(page, live_server)
    page.goto(re.sub(r"/paso/[a-z_]+/$", "/paso/ai_adoption/", page.url))
    gate = page.locator("input[name=uses_ai][value=yes]")
    follow_up = page.locator("[data-condition-question=uses_ai]").first
    expect(follow_up).to_be_hidden()
    gate.check()
    expect(follow_up).to_be_visible()
    expect(follow_up.locator(".asteriskField")).to_have_count(1)
    no_sideways_scrolling(page, "the AI step")


def test_a_stale_tab_stops_autosaving_and_says_so(page: Page, live_server):
    token = start(page, live_server)
    assessment = selectors.assessment_get_by_token(token=token)
    from assessments import services

    services.assessment_save_answers(assessment=assessment, answers={})  # another tab saves first
    page.locator(".question:not([hidden]) input[type=radio]").first.check()
    expect(page.get_by_role("alert")).to_contain_text("otra pestaña")


def test_the_review_on_a_phone(page: Page, live_server):
    token = start(page, live_server)
    page.goto(live_server.url + f"/evaluacion/{token}/enviar/")
    expect(page.get_by_role("link", name=re.compile("^Editar")).first).to_be_visible()
    no_sideways_scrolling(page, "the review")
    assert_accessible(page, "the review on a phone")
