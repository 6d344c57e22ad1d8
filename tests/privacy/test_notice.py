"""The app's own privacy notice: integral and simplified, with the controller from the settings, in
Spanish and English, and linked wherever personal data is collected."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessments import services
from tests.factories import OrganizationFactory

INTEGRAL = reverse("assessments:privacy_notice")
SIMPLIFIED = reverse("assessments:privacy_notice_short")

pytestmark = pytest.mark.django_db


@pytest.fixture
def controller(settings):
    settings.PRIVACY_CONTROLLER_NAME = "Ciberseguridad Ejemplo, S.A. de C.V."
    settings.PRIVACY_CONTROLLER_ADDRESS = "Av. Reforma 100, Cuauhtémoc, 06600 Ciudad de México"
    settings.PRIVACY_CONTACT_EMAIL = "privacidad@ejemplo.mx"
    return settings


def test_the_integral_notice_has_every_part_the_law_asks_for(client, controller):
    page = client.get(INTEGRAL).content.decode()
    assert "Ciberseguridad Ejemplo, S.A. de C.V." in page and "Av. Reforma 100" in page
    assert "mailto:privacidad@ejemplo.mx" in page
    for heading in (
        "Quién es responsable",
        "Qué datos tratamos",
        "Para qué los usamos",
        "Finalidades secundarias",
        "Con quién los compartimos",
        "derechos ARCO",
        "revocar su consentimiento",
        "Cuánto tiempo",
        "Cookies",
        "Cambios a este aviso",
        "Última actualización",
    ):
        assert heading in page, heading
    for cookie in ("ciberlisto_resume", "sessionid", "csrftoken", "django_language"):
        assert cookie in page
    assert SIMPLIFIED in page
    assert "revisión legal" in page  # the source says a lawyer must review it


def test_the_retention_printed_is_the_configured_one(client, settings):
    settings.DRAFT_RETENTION_DAYS = 90
    assert "durante 90 días" in client.get(INTEGRAL).content.decode()


def test_without_settings_the_notice_shows_honest_placeholders(client, settings):
    for name in ("PRIVACY_CONTROLLER_NAME", "PRIVACY_CONTROLLER_ADDRESS", "PRIVACY_CONTACT_EMAIL"):
        if hasattr(settings, name):
            delattr(settings, name)
    page = client.get(SIMPLIFIED).content.decode()
    assert "configure PRIVACY_CONTROLLER_NAME" in page and "configure PRIVACY_CONTROLLER_ADDRESS" in page


def test_the_simplified_notice_is_short_and_links_the_integral_one(client, controller):
    response = client.get(SIMPLIFIED)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ciberseguridad Ejemplo" in page and "derechos ARCO" in page and INTEGRAL in page


def test_the_notice_is_served_in_english_too(client):
    response = client.get("/en" + INTEGRAL)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_the_footer_links_the_integral_notice(client):
    assert f'href="{INTEGRAL}"' in client.get(reverse("assessments:methodology")).content.decode()


@pytest.mark.parametrize("name", ["assessments:landing", "assessments:quick_start", "account_signup"])
def test_every_form_that_collects_data_links_the_notice(client, db, name):
    assert f'href="{SIMPLIFIED}"' in client.get(reverse(name)).content.decode()


def test_the_client_form_links_the_notice(consultant_client):
    assert f'href="{INTEGRAL}"' in consultant_client.get(reverse("consultants:client_create")).content.decode()


def test_the_owners_link_and_results_pages_link_their_data(client, sample_answers):
    assessment, token = services.assessment_start(organization=OrganizationFactory())
    data_url = reverse("assessments:privacy_data", kwargs={"token": token})
    assert data_url in client.get(reverse("assessments:link", kwargs={"token": token})).content.decode()
    services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    services.assessment_submit(assessment=assessment)
    page = client.get(reverse("assessments:results", kwargs={"token": token})).content.decode()
    assert data_url in page and f'href="{SIMPLIFIED}"' in page


def test_the_quick_check_result_links_the_owners_data(client, sample_answers):
    from assessments.question_bank.quick_check import default_quick_check

    assessment, token = services.assessment_start(organization=OrganizationFactory())
    quick = {key: sample_answers[key] for key in default_quick_check().questions}
    services.assessment_save_answers(assessment=assessment, answers=quick)
    response = client.get(reverse("assessments:quick_result", kwargs={"token": token}))
    assert response.status_code == 200
    assert reverse("assessments:privacy_data", kwargs={"token": token}) in response.content.decode()
