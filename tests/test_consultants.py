"""A consultant logs in and sees only their firm's client companies."""

import pytest
from django.urls import reverse

from assessments import services
from consultants.exports import score_round
from tests.factories import FirmFactory, OrganizationFactory


def test_dashboard_requires_login(client, db):
    response = client.get(reverse("consultants:dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_login_with_the_demo_password_reaches_the_dashboard(client, consultant):
    response = client.post(
        reverse("consultants:login"), {"login": consultant.username, "password": "S3guro-para-pruebas"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("consultants:dashboard")


def test_wrong_password_is_refused_with_a_message(client, consultant):
    response = client.post(reverse("consultants:login"), {"login": consultant.username, "password": "nope"})
    assert response.status_code == 200
    assert "no son correctos" in response.content.decode()


def test_dashboard_lists_only_the_firms_clients_with_scores(consultant_client, firm, sample_answers):
    mine = OrganizationFactory(firm=firm, name="Ferretería Mía")
    OrganizationFactory(firm=FirmFactory(), name="Cliente Ajeno")
    OrganizationFactory(name="Empresa sin firma")
    assessment, _ = services.assessment_start(organization=mine)
    services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    snapshot = services.assessment_submit(assessment=assessment)
    page = consultant_client.get(reverse("consultants:dashboard")).content.decode()
    assert "Ferretería Mía" in page
    assert "Cliente Ajeno" not in page and "Empresa sin firma" not in page
    assert f"{score_round(snapshot.overall)}/100" in page


@pytest.mark.parametrize("name", ["<script>alert(1)</script>"])
def test_client_names_are_escaped(consultant_client, firm, name):
    OrganizationFactory(firm=firm, name=name)
    page = consultant_client.get(reverse("consultants:dashboard")).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_repeated_wrong_passwords_lock_the_login_with_429(client, consultant):
    url = reverse("consultants:login")
    for _ in range(5):
        client.post(url, {"login": consultant.username, "password": "wrong"})
    response = client.post(url, {"login": consultant.username, "password": "S3guro-para-pruebas"})
    assert response.status_code == 429
    assert "bloqueado" in response.content.decode()


def test_pages_send_a_content_security_policy_without_inline_script(client, db):
    policy = client.get(reverse("assessments:landing"))["Content-Security-Policy"]
    script = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script and "unsafe-inline" not in script
    assert "frame-ancestors 'none'" in policy


def test_a_form_without_csrf_token_gets_a_clear_403_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("consultants:login"), {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert "caducó" in response.content.decode()
