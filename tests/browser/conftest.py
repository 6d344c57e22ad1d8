"""Shared by the browser tests: Debian's Chromium through Playwright, axe-core, and the owner's answering.

Needs the Debian `chromium` package (Playwright cannot download its own browsers here). Without it
the tests fail with a clear message instead of skipping, so CI cannot pass silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install it with `apt-get install -y chromium`.")
    # Playwright's sync API keeps an event loop running in this thread; the ORM calls made by the
    # test (and pytest-django's database teardown) are still synchronous and safe here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def new_page(chromium, **options):
    context = chromium.new_context(locale="es-MX", viewport={"width": 390, "height": 844}, **options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(chromium, live_server):
    # A phone-sized window. The CSP forbids inline script; bypassing it lets the test inject axe-core.
    context, page = new_page(chromium, bypass_csp=True)
    yield page
    context.close()


@pytest.fixture
def page_without_js(chromium, live_server):
    context, page = new_page(chromium, java_script_enabled=False)
    yield page
    context.close()


def assert_accessible(page: Page, where: str) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, f"axe-core on {where}:\n" + "\n".join(blocking)


def answer_visible_questions(page: Page) -> None:
    """Answer every question shown, re-reading the page as answers reveal follow-up questions."""
    answered: set[str] = set()
    while True:
        pending = [q for q in page.locator(".question:not([hidden])").all() if q.get_attribute("id") not in answered]
        if not pending:
            return
        for question in pending:
            answered.add(question.get_attribute("id"))
            number = question.locator("input[type=number]")
            select = question.locator("select")
            if number.count():
                number.fill("12")
            elif select.count():
                select.select_option(index=1)
            else:
                question.locator("input[type=radio], input[type=checkbox]").first.check()
