"""Links that last: two years, the page says until when, the owner renews it (the old one dies), and
sends it by WhatsApp besides e-mail."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote, unquote

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.timezone import localtime

from assessments import services
from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from assessments.views.token import RESUME_COOKIE, RESUME_COOKIE_AGE
from tests.owner_flow import remembered, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def submitted(organization):
    assessment, token = services.assessment_start(organization=organization, owner_email="duena@example.mx")
    services.assessment_save_answers(assessment=assessment, answers=demo_answers(current_bank(), maturity=0.5, seed=3))
    services.assessment_submit(assessment=assessment)
    return assessment, token


def until(assessment) -> str:
    with translation.override("es-mx"):
        return date_format(localtime(assessment.token_expires_at), "DATE_FORMAT")


def test_links_and_the_cookie_last_two_years(client, organization):
    assessment, token = services.assessment_start(organization=organization)
    assert assessment.token_expires_at - timezone.now() > timedelta(days=729)
    response = client.get(url("link", token))
    assert response.cookies[RESUME_COOKIE]["max-age"] == RESUME_COOKIE_AGE >= 730 * 24 * 3600


@pytest.mark.parametrize("page", ["link", "results"])
def test_the_page_says_until_when_the_link_works(client, submitted, page):
    assessment, token = submitted
    html = client.get(url(page, token)).content.decode()
    date = until(assessment)
    assert date == date.lower() or date[0].isdigit()  # "28 de noviembre de 2028": months in lowercase
    assert f"Este enlace funciona hasta el {date}." in html


def test_a_draft_link_page_says_the_draft_is_deleted_after_the_retention_time(client, organization, settings):
    settings.DRAFT_RETENTION_DAYS = 90
    _, token = services.assessment_start(organization=organization)
    html = client.get(url("link", token)).content.decode()
    assert "Si deja la evaluación sin guardar cambios durante 90 días, se borra con sus respuestas." in html


def test_a_submitted_assessment_is_not_threatened_with_deletion(client, submitted):
    _, token = submitted
    html = client.get(url("link", token)).content.decode()
    assert "se borra con sus respuestas" not in html


@pytest.mark.parametrize("page", ["link", "results"])
def test_whatsapp_shares_the_link_with_a_spanish_message(client, submitted, page):
    assessment, token = submitted
    html = client.get(url(page, token)).content.decode()
    start = html.index('href="https://wa.me/?text=') + len('href="')
    href = html[start : html.index('"', start)].replace("&amp;", "&")
    text = unquote(href.split("?text=", 1)[1])
    assert f"http://testserver{url('resume', token)}" in text
    assert "Mi enlace de CiberListo PyME para ver los resultados de " + assessment.organization.name in text
    assert f"funciona hasta el {until(assessment)}" in text
    assert quote(url("resume", token), safe="") in href  # encoded, nothing to break the URL


def test_renewing_kills_the_old_link_and_mails_the_new_one(client, submitted):
    assessment, old = submitted
    client.get(url("results", old))
    response = client.post(url("link_renew", old))
    assert response.status_code == 302
    new = remembered(client)
    assert new and new != old
    assert response["Location"] == url("link", new)
    page = client.get(url("link", new)).content.decode()
    assert f"http://testserver{url('resume', new)}" in page and "El anterior ya no funciona" in page
    assert client.get(url("results", old)).status_code == 404
    assert client.get(url("results", new)).status_code == 200
    assert len(mail.outbox) == 1 and url("resume", new) in mail.outbox[0].body
    assert "funciona hasta el" in mail.outbox[0].body and "ver los resultados" in mail.outbox[0].body
    assessment.refresh_from_db()
    assert assessment.token_expires_at - timezone.now() > timedelta(days=729)


def test_renewing_is_a_post_and_is_rate_limited(client, submitted):
    _, token = submitted
    assert client.get(url("link_renew", token)).status_code == 405
    for _ in range(3):
        client.post(url("link_renew", token))
        token = remembered(client)
    response = client.post(url("link_renew", token), follow=True)
    assert "Ya renovó este enlace varias veces hoy" in response.content.decode()
    assert client.get(url("results", token)).status_code == 200  # the link still works


def test_an_unknown_link_cannot_be_renewed(client, submitted):
    assert client.post(url("link_renew", "no-existe")).status_code == 404


def test_existing_links_keep_their_expiry(client, submitted):
    """No data migration: a link made with the old 90 days keeps it until the owner renews it."""
    assessment, token = submitted
    soon = timezone.now() + timedelta(days=30)
    type(assessment).objects.filter(pk=assessment.pk).update(token_expires_at=soon)
    assessment.refresh_from_db()
    assert f"Este enlace funciona hasta el {until(assessment)}." in client.get(url("results", token)).content.decode()
