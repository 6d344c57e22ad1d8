"""A consultant and an owner in real Chromium: log in, add a client, invite, the owner answers, the
consultant sees the submission and downloads the report. axe-core runs on every consultant page.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Organization, ResultSnapshot
from assessments.presenters import result_view
from firms.models import Membership
from tests.browser.conftest import answer_visible_questions, assert_accessible, new_page
from tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "S3guro-para-pruebas"


@pytest.fixture
def immediate_reports(settings):
    # No worker runs beside the live server: render the PDF inside the request instead.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/cuentas/entrar/")
    assert_accessible(page, "the login page")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/consultor/$"))


def no_sideways_scroll(page: Page, where: str) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{where} scrolls sideways by {overflow}px at 390px"


def test_consultant_invites_an_owner_follows_the_submission_and_downloads_the_report(
    chromium, live_server, immediate_reports
):
    consultant = member(role=Membership.Role.ADMIN, username="ana.prueba")
    firm = consultant.membership.firm
    base = live_server.url
    desk_context, desk = new_page(chromium, bypass_csp=True)  # bypass only so axe-core can be injected
    owner_context, owner = new_page(chromium)
    try:
        log_in(desk, base, "ana.prueba")
        assert_accessible(desk, "the empty dashboard")
        no_sideways_scroll(desk, "the dashboard")

        desk.get_by_role("link", name=re.compile("Nuevo cliente")).first.click()
        assert_accessible(desk, "the new client form")
        desk.get_by_label("Nombre de la empresa").fill("Ferretería El Tornillo")
        desk.get_by_label("Persona de contacto").fill("Rosa Martínez")
        desk.get_by_label("Correo de contacto").fill("rosa@tornillo.mx")
        desk.get_by_label("Teléfono de contacto").fill("33 1234 5678")
        desk.locator("form button[type=submit]").last.click()
        expect(desk.get_by_role("heading", level=1)).to_contain_text("Ferretería El Tornillo")
        assert Organization.objects.filter(firm=firm, name="Ferretería El Tornillo").count() == 1

        desk.get_by_role("button", name="Crear la invitación").click()
        link = desk.locator("#enlace-invitacion")
        expect(link).to_have_value(re.compile(r"/evaluacion/[\w-]+/$"))
        whatsapp = desk.get_by_role("link", name=re.compile("WhatsApp")).first
        assert whatsapp.get_attribute("href").startswith("https://wa.me/")
        assert_accessible(desk, "the client page with an invitation")
        no_sideways_scroll(desk, "the client page")
        invitation_url = link.input_value()

        # The owner, in another browser, without an account.
        owner.goto(invitation_url)
        owner.get_by_role("link", name=re.compile("Comenzar|Continuar")).first.click()
        steps = 0
        while "/paso/" in owner.url:
            steps += 1
            answer_visible_questions(owner)
            owner.get_by_role("button", name="Guardar y continuar").click()
            assert steps < 25, "the questionnaire does not end"
        owner.get_by_role("button", name="Enviar y ver mis resultados").click()
        expect(owner).to_have_url(re.compile(r"/resultados/$"))
        snapshot = ResultSnapshot.objects.get(assessment__organization__name="Ferretería El Tornillo")

        desk.goto(base + "/consultor/")
        row = desk.locator("main").get_by_text("Ferretería El Tornillo").first
        expect(row).to_be_visible()
        expect(desk.locator("main")).to_contain_text(f"{snapshot.overall:.0f}")
        assert_accessible(desk, "the dashboard with a submitted client")
        row.click()
        assert_accessible(desk, "the client page after submission")

        pdf_href = desk.get_by_role("link", name="PDF en español").first.get_attribute("href")
        response = desk.request.get(base + pdf_href)
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")

        desk.get_by_role("link", name=re.compile("resultados|Ver", re.IGNORECASE)).first.click()
        expect(desk.locator("main")).to_contain_text(result_view(snapshot.result, lang="es-mx").band)
        assert_accessible(desk, "the assessment page")
        no_sideways_scroll(desk, "the assessment page")
    finally:
        desk_context.close()
        owner_context.close()


def test_firm_pages_pass_axe(chromium, live_server):
    admin = member(role=Membership.Role.ADMIN, username="admin.prueba")
    firm = admin.membership.firm
    firm.name = "Firma" + "X" * 195  # one 200-letter word must wrap, not widen the page
    firm.save()
    context, page = new_page(chromium, bypass_csp=True)
    try:
        log_in(page, live_server.url, "admin.prueba")
        for path, where in [("/firma/ajustes/", "the firm settings"), ("/firma/miembros/", "the members page")]:
            page.goto(live_server.url + path)
            assert_accessible(page, where)
            no_sideways_scroll(page, where)
    finally:
        context.close()
