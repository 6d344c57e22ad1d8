"""Hand-over: an owner who assessed alone gives the assessment to a firm with its code, on purpose;
the firm's consultants see the company only after that."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessments import services as assessment_services
from tests.factories import FirmFactory


def handover_url(token):
    return reverse("assessments:handover", kwargs={"token": token})


@pytest.fixture
def alone(started):
    assessment, token = started
    assert assessment.organization.firm is None
    return assessment, token


def test_the_link_page_offers_the_code_form(client, alone):
    _, token = alone
    page = client.get(reverse("assessments:link", kwargs={"token": token})).content.decode()
    assert handover_url(token) in page and 'for="codigo-firma"' in page


def test_the_results_page_offers_the_code_form(client, alone, sample_answers):
    assessment, token = alone
    assessment_services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    assessment_services.assessment_submit(assessment=assessment)
    page = client.get(reverse("assessments:results", kwargs={"token": token})).content.decode()
    assert handover_url(token) in page and "Código de la firma" in page


def test_the_right_code_shows_the_firm_then_hands_over_on_confirmation(client, alone, firm, consultant):
    assessment, token = alone
    organization = assessment.organization
    dashboard = reverse("consultants:dashboard")

    response = client.post(handover_url(token), {"code": firm.handover_code})
    assert response.status_code == 200 and firm.name in response.content.decode()
    organization.refresh_from_db()
    assert organization.firm is None  # not yet: the owner sees the firm's name first

    client.force_login(consultant)
    assert organization.name not in client.get(dashboard).content.decode()
    client.logout()

    response = client.post(handover_url(token), {"code": firm.handover_code, "confirm": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:link", kwargs={"token": token})
    organization.refresh_from_db()
    assert organization.firm == firm
    assert "ya puede ver" in client.get(response["Location"]).content.decode()

    client.force_login(consultant)
    assert organization.name in client.get(dashboard).content.decode()


def test_the_code_is_forgiving_about_case_spaces_and_dashes(client, alone, firm):
    assessment, token = alone
    sloppy = " " + firm.handover_code.replace("-", " ").lower() + " "
    client.post(handover_url(token), {"code": sloppy, "confirm": "1"})
    assessment.organization.refresh_from_db()
    assert assessment.organization.firm == firm


@pytest.mark.parametrize("code", ["ZZZZZ-ZZZZZ", "", "no es un código"])
def test_a_wrong_code_is_400_with_a_message(client, alone, firm, code):
    assessment, token = alone
    response = client.post(handover_url(token), {"code": code, "confirm": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "código" in page and 'aria-invalid="true"' in page
    assessment.organization.refresh_from_db()
    assert assessment.organization.firm is None


def test_wrong_codes_are_rate_limited(client, alone, firm, settings):
    settings.ASSESSMENTS_RATE_LIMITS = {"token_miss": (3, 600)}
    _, token = alone
    statuses = [client.post(handover_url(token), {"code": "ZZZZZ-ZZZZZ"}).status_code for _ in range(5)]
    assert statuses[:3] == [400, 400, 400] and statuses[-1] == 429
    # Even the right code waits now: guessing is stopped for this client.
    assert client.post(handover_url(token), {"code": firm.handover_code}).status_code == 429


def test_an_assessment_already_handed_over_stays_with_its_firm(client, alone, firm):
    assessment, token = alone
    client.post(handover_url(token), {"code": firm.handover_code, "confirm": "1"})
    other = FirmFactory(name="Otra Consultora")
    response = client.post(handover_url(token), {"code": other.handover_code, "confirm": "1"}, follow=True)
    assert "ya está compartida con Robles Ciberseguridad" in response.content.decode()
    assessment.organization.refresh_from_db()
    assert assessment.organization.firm == firm


def test_a_firms_own_client_shows_who_follows_it(client, firm):
    from tests.factories import OrganizationFactory

    organization = OrganizationFactory(firm=firm)
    _, token = assessment_services.assessment_start(organization=organization)
    page = client.get(reverse("assessments:link", kwargs={"token": token})).content.decode()
    assert "compartida con" in page and firm.name in page
    assert 'name="code"' not in page


def test_handover_is_post_only_and_needs_a_valid_link(client, alone, firm):
    _, token = alone
    assert client.get(handover_url(token)).status_code == 405
    assert client.post(handover_url("not-a-token"), {"code": firm.handover_code, "confirm": "1"}).status_code == 404


def test_handover_needs_a_csrf_token(alone, firm):
    from django.test import Client

    assessment, token = alone
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(handover_url(token), {"code": firm.handover_code, "confirm": "1"}).status_code == 403
    assessment.organization.refresh_from_db()
    assert assessment.organization.firm is None
