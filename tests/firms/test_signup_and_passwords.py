"""A firm signs up (its first admin), verifies the e-mail, logs in; password reset by e-mail; logout."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from firms.models import Firm, Membership
from tests.firms.helpers import PASSWORD, link_in_last_mail, login

SIGNUP = {
    "email": "ana@robles.mx",
    "username": "ana",
    "password1": "Una-clave-larga-2025",
    "password2": "Una-clave-larga-2025",
    "firm_name": "  Robles Consultores  ",
}


def test_login_page_offers_firm_sign_up_and_labels_every_field(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert reverse("account_signup") in page
    assert "Registrar su firma" in page
    assert 'for="id_login"' in page and "Usuario o correo electrónico" in page
    assert 'for="id_password"' in page
    assert "form-control" in page


def test_sign_up_creates_a_firm_with_the_user_as_admin_and_sends_a_verification_mail(client, db):
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = get_user_model().objects.get(username="ana")
    membership = Membership.objects.select_related("firm").get(user=user)
    assert membership.role == Membership.Role.ADMIN
    assert membership.firm.name == "Robles Consultores"
    assert membership.firm.handover_code
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ana@robles.mx"]
    assert "/cuentas/" in mail.outbox[0].body
    assert "Para confirmar su dirección" in mail.outbox[0].body  # our Spanish text, "usted"


def test_sign_up_without_firm_name_is_refused_and_creates_nothing(client, db):
    response = client.post(reverse("account_signup"), {**SIGNUP, "firm_name": ""})
    assert response.status_code == 200  # allauth re-renders the form
    assert "firm_name" in response.context["form"].errors
    assert not Firm.objects.exists() and not get_user_model().objects.exists()


def test_unverified_user_cannot_enter_until_the_mailed_link_is_confirmed(client, db):
    client.post(reverse("account_signup"), SIGNUP)
    confirm_path = link_in_last_mail()
    client.post(reverse("account_logout"))

    blocked = client.post(reverse("account_login"), {"login": "ana", "password": SIGNUP["password1"]})
    assert blocked["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("consultants:dashboard")).status_code == 302

    assert client.get(confirm_path).status_code == 200
    client.post(confirm_path)
    assert EmailAddress.objects.get(email="ana@robles.mx").verified

    entered = client.post(reverse("account_login"), {"login": "ana@robles.mx", "password": SIGNUP["password1"]})
    assert entered["Location"] == reverse("consultants:dashboard")
    assert client.get(reverse("consultants:dashboard")).status_code == 200


def test_password_reset_by_mail_sets_a_new_password(client, consultant):
    response = client.post(reverse("account_reset_password"), {"email": consultant.email})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [consultant.email]
    assert "contraseña nueva" in mail.outbox[-1].body

    key_path = link_in_last_mail()
    form_page = client.get(key_path, follow=True)  # allauth moves the key into the session
    assert form_page.status_code == 200
    set_path = form_page.redirect_chain[-1][0] if form_page.redirect_chain else key_path
    done = client.post(set_path, {"password1": "Otra-clave-nueva-77", "password2": "Otra-clave-nueva-77"})
    assert done.status_code == 302

    consultant.refresh_from_db()
    assert consultant.check_password("Otra-clave-nueva-77")
    assert not consultant.check_password(PASSWORD)


def test_logout_is_a_post_and_ends_the_session(client, consultant):
    login(client, consultant)
    assert client.get(reverse("consultants:dashboard")).status_code == 200
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    client.post(reverse("account_logout"))
    assert client.get(reverse("consultants:dashboard")).status_code == 302
