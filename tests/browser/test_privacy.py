"""The owner's data on a phone (390×844) in real Chromium: from the link page to "Sus datos", a download,
a refused deletion without the checkbox, then the deletion; the privacy notices. axe-core (no serious
or critical violations) and no sideways scrolling on every page."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from assessments import services
from assessments.models import Assessment, Organization
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Page, where: str) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{where}: sideways scrolling of {overflow} px at 390 px"
    assert_accessible(page, where)


def test_an_owner_downloads_then_deletes_their_assessment_on_a_phone(page: Page, live_server):
    organization = Organization.objects.create(name="Papelería Luna")
    assessment, token = services.assessment_start(organization=organization)
    services.assessment_save_answers(assessment=assessment, answers={"company_size": "micro"})

    page.goto(f"{live_server.url}/evaluacion/{token}/enlace/")
    page.get_by_role("link", name="Sus datos: descargarlos o borrar la evaluación").click()
    expect(page.get_by_role("heading", name="Sus datos", level=1)).to_be_visible()
    check(page, "the data page")

    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar en JSON").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["company"]["name"] == "Papelería Luna" and data["answers"][0]["value"] == "micro"

    page.get_by_role("link", name="Borrar mi evaluación…").click()
    check(page, "the deletion page")
    page.get_by_role("button", name="Borrar mi evaluación").click()  # without the checkbox
    expect(page.locator("#resumen-errores")).to_contain_text("No se borró nada")
    check(page, "the deletion page with its error")
    assert Assessment.objects.filter(pk=assessment.pk).exists()

    page.get_by_label("Entiendo que se borra para siempre").check()
    page.get_by_role("button", name="Borrar mi evaluación").click()
    expect(page.get_by_role("heading", name="Su evaluación fue borrada")).to_be_visible()
    check(page, "the page saying what was deleted")
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not Organization.objects.filter(pk=organization.pk).exists()

    page.goto(f"{live_server.url}/")  # the browser no longer offers to continue the deleted assessment
    expect(page.get_by_text("Ya empezó una evaluación en este navegador")).to_have_count(0)


def test_the_privacy_notices_read_well_on_a_phone(page: Page, live_server):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Aviso de privacidad", exact=True).click()
    expect(page).to_have_url(re.compile(r"/aviso-de-privacidad/$"))
    check(page, "the integral notice")
    page.get_by_role("link", name="Ver el aviso simplificado").click()
    check(page, "the simplified notice")
