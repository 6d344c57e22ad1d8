"""A consultant in real Chromium: writes a note on an answer, reviews and approves the report, then
downloads the approved PDF and Word files; the note is in both. axe-core on each new page.
"""

from __future__ import annotations

import io

import docx
import pytest
from playwright.sync_api import expect

from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from firms.models import Membership
from tests.browser.conftest import assert_accessible, new_page
from tests.browser.test_consultant import log_in, no_sideways_scroll
from tests.factories import OrganizationFactory, member, submit_assessment
from tests.reports.conftest import pdf_reader, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOTE = "Los respaldos están en un disco que se queda conectado a la computadora de la contadora."


@pytest.fixture
def immediate_tasks(settings):
    # No worker runs beside the live server: the version's files render inside the request's commit.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_note_then_approve_then_download_pdf_and_docx(chromium, live_server, immediate_tasks):
    consultant = member(role=Membership.Role.ADMIN, username="ana.prueba")
    org = OrganizationFactory(firm=consultant.membership.firm, name="Panadería La Espiga")
    assessment = submit_assessment(org, demo_answers(current_bank(), maturity=0.3, seed=3))
    base = live_server.url
    context, page = new_page(chromium, bypass_csp=True)  # bypass only so axe-core can be injected
    try:
        log_in(page, base, "ana.prueba")
        page.goto(f"{base}/consultor/evaluaciones/{assessment.pk}/")
        note = page.locator("#nota-backups")
        note.locator("summary").click()
        note.locator("textarea").fill(NOTE)
        note.get_by_role("button", name="Guardar observación").click()
        expect(page.locator("#nota-backups")).to_contain_text(NOTE)
        assert_accessible(page, "the assessment page with a note")

        page.get_by_role("link", name="Revisar y aprobar el reporte").click()
        assert_accessible(page, "the review page")
        no_sideways_scroll(page, "the review page")
        page.get_by_label("Conclusiones del consultor").fill("Prioridad: respaldos fuera de la oficina.")
        # The immediate queue renders the version's four files (PDF and Word, es and en) inside this
        # request: allow it the time a loaded CI machine needs.
        with page.expect_navigation(timeout=120_000):
            page.get_by_role("button", name="Aprobar como nueva versión").click(no_wait_after=True)

        page.goto(f"{base}/consultor/evaluaciones/{assessment.pk}/")
        pdf_href = page.get_by_role("link", name="PDF · ES").first.get_attribute("href")
        pdf = page.request.get(base + pdf_href)
        assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
        text = " ".join(pdf_text(pdf_reader(pdf.body())).split())
        assert "Prioridad: respaldos fuera de la oficina." in text
        assert "disco que se queda conectado" in text
        again = page.request.get(base + pdf_href)
        assert again.body() == pdf.body(), "an approved version downloads byte for byte"

        docx_href = page.get_by_role("link", name="Word · ES").first.get_attribute("href")
        word = page.request.get(base + docx_href)
        assert word.status == 200
        document = docx.Document(io.BytesIO(word.body()))
        body = "\n".join(p.text for p in document.paragraphs) + "\n".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        )
        assert "disco que se queda conectado" in body
        assert any(p.style.name.startswith("Heading") for p in document.paragraphs)
    finally:
        context.close()
