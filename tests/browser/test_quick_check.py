"""The quick check on a phone (390×844) in real Chromium: landing → quick check → preliminary result →
"Continuar con la evaluación completa" → the full questionnaire shows the quick answers already filled.
axe-core (no serious or critical violations) and no sideways scrolling on every page."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible


def assert_no_sideways_scroll(page: Page, where: str) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{where}: sideways scrolling of {overflow} px at 390 px"


def check(page: Page, where: str) -> None:
    assert_no_sideways_scroll(page, where)
    assert_accessible(page, where)


def fill_unanswered(page: Page) -> None:
    """Answer the questions of a full step that have no answer yet (never touching the carried ones)."""
    for question in page.locator(".question:not([hidden])").all():
        inputs = question.locator("input[type=radio], input[type=checkbox]")
        number, select = question.locator("input[type=number]"), question.locator("select")
        if number.count():
            if not number.input_value():
                number.fill("12")
        elif select.count():
            if not select.input_value():
                select.select_option(index=1)
        elif inputs.count() and not any(i.is_checked() for i in inputs.all()):
            inputs.first.check()


def test_quick_check_on_a_phone_then_the_full_assessment_with_the_answers_carried(page: Page, live_server):
    page.goto(live_server.url + "/")
    quick = page.get_by_role("link", name="Diagnóstico rápido (5 minutos)")
    expect(quick).to_be_in_viewport()  # both choices on the first phone screen
    expect(page.get_by_role("link", name=re.compile("^Evaluación completa"))).to_be_in_viewport()
    check(page, "the landing page")
    quick.click()

    check(page, "the quick check's start page")
    page.get_by_label("Nombre de su empresa").fill("Papelería Luna")
    page.get_by_role("button", name="Empezar el diagnóstico rápido").click()

    # An empty page is refused and says why.
    expect(page).to_have_url(re.compile(r"/rapido/1/$"))
    page.get_by_role("button", name="Guardar y continuar").click()
    expect(page.locator("#resumen-errores")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error:"))
    check(page, "a quick-check page with errors")

    carried: list[tuple[str, str]] = []
    for number in (1, 2):
        expect(page).to_have_url(re.compile(rf"/rapido/{number}/$"))
        if number == 2:
            check(page, "the quick check's second page")
        for question in page.locator(".question").all():
            option = question.locator("input[type=radio], input[type=checkbox]").first
            option.check()
            carried.append((option.get_attribute("name"), option.get_attribute("value")))
        button = "Guardar y continuar" if number == 1 else "Ver mi resultado preliminar"
        page.get_by_role("button", name=button).click()
    assert len(carried) >= 10

    expect(page).to_have_url(re.compile(r"/rapido/resultado/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("preliminar")
    expect(page.locator(".quick-actions > li")).to_have_count(3)
    check(page, "the preliminary result")

    page.get_by_role("link", name="Continuar con la evaluación completa").click()
    expect(page).to_have_url(re.compile(r"/paso/"))
    check(page, "the first full step")

    pending = set(carried)
    steps = 0
    while pending and "/paso/" in page.url:
        steps += 1
        for name, value in list(pending):
            box = page.locator(f'input[name="{name}"][value="{value}"]')
            if box.count():
                expect(box).to_be_checked()
                pending.discard((name, value))
        fill_unanswered(page)
        page.get_by_role("button", name="Guardar y continuar").click()
        assert steps < 25, "the questionnaire does not end"
    assert not pending, f"quick answers not shown in the full questionnaire: {sorted(pending)}"
