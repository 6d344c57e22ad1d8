"""Owner invitations: a link bound to one client company; e-mailed, copyable, shareable on WhatsApp;
expiring, revocable and renewable; only the firm that owns the company can act on it."""

from __future__ import annotations

import logging
import re
import smtplib
from datetime import timedelta
from urllib.parse import quote, unquote

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from assessments import services as assessment_services
from assessments.models import Assessment, Invitation
from consultants import services
from consultants.invitation_panel import invitation_panel_context
from tests.factories import OrganizationFactory

LINK = re.compile(r"https?://testserver/evaluacion/[A-Za-z0-9_-]+/")


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPException("the mail server is down")


@pytest.fixture
def client_org(firm):
    return OrganizationFactory(
        firm=firm, name="Panadería La Espiga", contact_name="Lupita", contact_email="lupita@espiga.mx"
    )


def create_url(org):
    return reverse("consultants:invitation_create", kwargs={"org_id": org.pk})


def action_url(action, invitation):
    return reverse(f"consultants:invitation_{action}", kwargs={"invitation_id": invitation.pk})


def owner_link(message) -> str:
    match = LINK.search(message.body)
    assert match, "the e-mail carries the owner's link"
    return match.group(0)


def path_of(url: str) -> str:
    return url.replace("http://testserver", "")


def test_an_invitation_is_bound_to_a_new_draft_and_emailed_to_the_contact(consultant_client, client_org):
    response = consultant_client.post(create_url(client_org))
    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("consultants:client_detail", kwargs={"org_id": client_org.pk}) + "#invitaciones"
    )
    assert invitation.organization == client_org and invitation.assessment.organization == client_org
    assert invitation.assessment.status == Assessment.Status.DRAFT
    assert invitation.sent_to == "lupita@espiga.mx"
    assert timedelta(days=29) < invitation.expires_at - timezone.now() <= timedelta(days=30)
    [message] = mail.outbox
    assert message.to == ["lupita@espiga.mx"]
    assert "Panadería La Espiga" in message.subject and "Robles Ciberseguridad" in message.subject
    assert "Lupita" in message.body and "no necesita crear una cuenta" in message.body.lower()
    with translation.override("es-mx"):
        assert date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT") in message.body  # es-MX date
    assert message.reply_to  # replies go to the consultant who invited


def test_the_link_opens_the_questionnaire_of_that_company(consultant_client, client_org, client):
    consultant_client.post(create_url(client_org))
    link = owner_link(mail.outbox[0])
    client.logout()
    owner = client  # same test client object, now anonymous: the owner has no account
    welcome = owner.get(path_of(link))
    assert welcome.status_code == 200 and client_org.name in welcome.content.decode()
    response = owner.get(path_of(link) + "?empezar=1", follow=True)
    assert response.status_code == 200
    assert "/paso/" in response.redirect_chain[-1][0]
    invitation = Invitation.objects.get()
    token = path_of(link).split("/")[2]
    from assessments.selectors import assessment_get_by_token

    assert assessment_get_by_token(token=token) == invitation.assessment
    assert assessment_get_by_token(token=token).organization == client_org


def test_the_newest_draft_is_used(consultant_client, client_org):
    assessment_services.assessment_start(organization=client_org)
    newest, _ = assessment_services.assessment_start(organization=client_org)
    consultant_client.post(create_url(client_org))
    assert Invitation.objects.get().assessment == newest
    assert client_org.assessments.count() == 2  # no extra draft


def test_a_given_address_wins_over_the_contact(consultant_client, client_org):
    consultant_client.post(create_url(client_org), {"email": "dueno@espiga.mx"})
    assert Invitation.objects.get().sent_to == "dueno@espiga.mx"
    assert mail.outbox[0].to == ["dueno@espiga.mx"]


def test_without_any_address_the_link_is_made_but_not_emailed(consultant_client, firm):
    org = OrganizationFactory(firm=firm)
    response = consultant_client.post(create_url(org))
    assert response.status_code == 302 and Invitation.objects.count() == 1 and not mail.outbox


def test_an_invalid_address_is_refused_with_a_message(consultant_client, client_org):
    response = consultant_client.post(create_url(client_org), {"email": "no es correo"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Escriba un correo válido" in page and 'value="no es correo"' in page
    assert not Invitation.objects.exists() and not mail.outbox


def test_asking_twice_keeps_one_live_link_and_one_email(consultant_client, client_org):
    consultant_client.post(create_url(client_org))
    consultant_client.post(create_url(client_org))
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_an_archived_company_cannot_be_invited(consultant_client, client_org):
    services.organization_archive(organization=client_org)
    response = consultant_client.post(create_url(client_org))
    assert response.status_code == 409 and "archivada" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_failed_email_keeps_the_invitation_and_never_logs_the_link(consultant_client, client_org, settings, caplog):
    settings.EMAIL_BACKEND = "tests.consultants.test_invitations.FailingEmailBackend"
    with caplog.at_level(logging.DEBUG):
        response = consultant_client.post(create_url(client_org))
    invitation = Invitation.objects.get()
    token = services.invitation_token(invitation=invitation)
    assert response.status_code == 302
    assert "No se pudo enviar el correo" in consultant_client.get(reverse("consultants:dashboard")).content.decode()
    assert token not in caplog.text and invitation.nonce not in caplog.text


def test_revoke_kills_the_link_at_once(consultant_client, client_org, client):
    consultant_client.post(create_url(client_org))
    link = path_of(owner_link(mail.outbox[0]))
    invitation = Invitation.objects.get()
    response = consultant_client.post(action_url("revoke", invitation))
    assert response.status_code == 302
    client.logout()
    response = client.get(link)
    assert response.status_code == 404 and "no es válido" in response.content.decode()


def test_an_expired_link_is_404(consultant_client, client_org, client):
    consultant_client.post(create_url(client_org))
    link = path_of(owner_link(mail.outbox[0]))
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.logout()
    assert client.get(link).status_code == 404


def test_renew_gives_a_new_link_and_kills_the_old_one(consultant_client, client_org, client):
    consultant_client.post(create_url(client_org))
    old_link = path_of(owner_link(mail.outbox[0]))
    invitation = Invitation.objects.get()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timedelta(days=2), reminders_sent=2, revoked_at=timezone.now()
    )
    consultant_client.post(action_url("renew", invitation))
    invitation.refresh_from_db()
    new_link = services.invitation_path(invitation=invitation)
    assert new_link != old_link
    assert invitation.revoked_at is None and invitation.reminders_sent == 0
    assert invitation.expires_at - timezone.now() > timedelta(days=29)
    client.logout()
    assert client.get(old_link).status_code == 404
    assert client.get(new_link + "?empezar=1").status_code == 302  # on to the questionnaire


def test_remind_emails_the_link_again(consultant_client, client_org):
    consultant_client.post(create_url(client_org))
    invitation = Invitation.objects.get()
    response = consultant_client.post(action_url("remind", invitation))
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["lupita@espiga.mx"] and "Recordatorio" in mail.outbox[1].subject
    assert owner_link(mail.outbox[1]) == owner_link(mail.outbox[0])
    invitation.refresh_from_db()
    assert invitation.last_reminder_at is not None


def test_a_double_click_on_remind_sends_one_email(consultant_client, client_org):
    consultant_client.post(create_url(client_org))
    invitation = Invitation.objects.get()
    consultant_client.post(action_url("remind", invitation))
    consultant_client.post(action_url("remind", invitation))
    assert len(mail.outbox) == 2


def test_no_reminder_to_an_owner_who_has_finished(consultant_client, client_org, sample_answers):
    consultant_client.post(create_url(client_org))
    invitation = Invitation.objects.get()
    assessment_services.assessment_save_answers(assessment=invitation.assessment, answers=sample_answers)
    assessment_services.assessment_submit(assessment=invitation.assessment)
    response = consultant_client.post(action_url("remind", invitation))
    assert response.status_code == 409 and "ya envió sus respuestas" in response.content.decode()
    assert len(mail.outbox) == 1


def test_no_reminder_with_a_revoked_link(consultant_client, client_org):
    consultant_client.post(create_url(client_org))
    invitation = Invitation.objects.get()
    consultant_client.post(action_url("revoke", invitation))
    assert consultant_client.post(action_url("remind", invitation)).status_code == 409
    assert len(mail.outbox) == 1


def _panel(consultant, org):
    request = RequestFactory().get("/")
    request.user = consultant
    context = invitation_panel_context(request=request, organization=org)
    return context, render_to_string("consultants/_invitations.html", context, request=request)


def test_the_panel_shows_the_link_to_copy_and_share_on_whatsapp(consultant_client, consultant, client_org):
    client_org.contact_phone = "33 1234 5678"
    client_org.save()
    consultant_client.post(create_url(client_org))
    context, html = _panel(consultant, client_org)
    url = context["invitation_link"]["url"]
    assert LINK.fullmatch(url)
    assert f'value="{url}"' in html and "readonly" in html and "data-copy=" in html and "Copiar" in html
    assert "https://wa.me/?text=" in html and quote(url, safe="") in html
    assert "https://wa.me/523312345678?text=" in html
    text = unquote(context["invitation_link"]["whatsapp_url"].split("text=", 1)[1])
    assert "Panadería La Espiga" in text and url in text and "evaluación" in text
    assert "<script" not in html  # CSP: the copy button is enhanced by the static app.js


def test_the_panel_offers_to_invite_when_there_is_no_live_link(consultant, client_org):
    context, html = _panel(consultant, client_org)
    assert not context["invitation_link"]
    assert reverse("consultants:invitation_create", kwargs={"org_id": client_org.pk}) in html
    assert 'value="lupita@espiga.mx"' in html


@pytest.mark.parametrize(
    ("phone", "number"),
    [
        ("33 1234 5678", "523312345678"),
        ("+52 1 55 1234 5678", "525512345678"),
        ("(81) 8123-4567", "528181234567"),
        ("1234", None),
        ("+1 415 555 0100", None),
        ("", None),
    ],
)
def test_only_mexican_numbers_get_a_direct_whatsapp_link(phone, number):
    assert services.mexican_whatsapp_number(phone) == number


INVITATION_ACTIONS = ["revoke", "renew", "remind"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_firm_gets_404_on_every_invitation_url(client, client_org, other_firm_consultant, method):
    invitation, _ = _invitation(client_org)
    client.force_login(other_firm_consultant)
    urls = [create_url(client_org)] + [action_url(action, invitation) for action in INVITATION_ACTIONS]
    for url in urls:
        response = getattr(client, method)(url, {"email": "intruso@example.mx"})
        assert response.status_code == (404 if method == "post" else 405), url
    refreshed = Invitation.objects.get()
    assert (refreshed.nonce, refreshed.revoked_at) == (invitation.nonce, None)
    assert Invitation.objects.count() == 1 and not mail.outbox


def test_anonymous_visitors_get_the_login_on_every_invitation_url(client, client_org):
    invitation, _ = _invitation(client_org)
    urls = [create_url(client_org)] + [action_url(action, invitation) for action in INVITATION_ACTIONS]
    for url in urls:
        response = client.post(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login")), url
    assert not mail.outbox


def test_the_invitation_actions_are_post_only(consultant_client, client_org):
    invitation, _ = _invitation(client_org)
    for url in [create_url(client_org)] + [action_url(action, invitation) for action in INVITATION_ACTIONS]:
        assert consultant_client.get(url).status_code == 405


def test_the_actions_need_a_csrf_token(client, consultant, client_org):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(consultant)
    assert strict.post(create_url(client_org)).status_code == 403
    assert not Invitation.objects.exists()


def _invitation(org):
    outcome = services.invitation_create(organization=org, created_by=None, base_url="http://testserver/")
    mail.outbox.clear()
    return outcome.invitation, services.invitation_token(invitation=outcome.invitation)


def test_the_owner_finds_the_profile_the_firm_recorded(consultant_client, firm):
    org = OrganizationFactory(firm=firm, size_band="medium", sector="salud", state="puebla")
    consultant_client.post(create_url(org))
    answers = dict(Invitation.objects.get().assessment.answers.values_list("question_key", "value"))
    assert answers == {"company_size": "medium", "sector": "salud", "state": "puebla"}


def test_a_profile_value_the_bank_does_not_offer_is_left_to_the_owner(consultant_client, firm):
    org = OrganizationFactory(firm=firm, size_band="small", sector="Venta de lo que sea", state="")
    consultant_client.post(create_url(org))
    answers = dict(Invitation.objects.get().assessment.answers.values_list("question_key", "value"))
    assert answers == {"company_size": "small"}
