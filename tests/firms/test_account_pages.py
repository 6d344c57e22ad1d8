"""django-allauth's pages inside the product layout: Spanish by default, English on /en/, labelled fields."""

import re

import pytest
from django.urls import reverse

from tests.firms.helpers import login

PUBLIC_PAGES = ["account_login", "account_signup", "account_reset_password", "account_email_verification_sent"]


def body(response) -> str:
    return response.content.decode().split("<body>", 1)[1]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_account_pages_use_the_site_layout_without_inline_script(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    page = body(response)
    assert "site-header" in page and 'id="contenido"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # only script files (CSP)


def test_pages_are_in_spanish_by_default_and_in_english_under_en(client, db):
    spanish = client.get(reverse("account_reset_password")).content.decode()
    assert "Restablecer" in spanish and 'lang="es-mx"' in spanish
    english = client.get("/en" + reverse("account_reset_password")).content.decode()
    assert "Password Reset" in english and 'lang="en"' in english


def test_every_visible_input_of_the_sign_up_form_has_a_label(client, db):
    page = client.get(reverse("account_signup")).content.decode()
    inputs = re.findall(r'<input[^>]*type="(?:text|email|password)"[^>]*id="([^"]+)"', page)
    assert {"id_email", "id_username", "id_password1", "id_password2", "id_firm_name"} <= set(inputs)
    for input_id in inputs:
        assert f'for="{input_id}"' in page


def test_signed_in_pages_in_spanish(client, consultant):
    login(client, consultant)
    for name, expected in [("mfa_index", "Autenticación"), ("account_change_password", "Cambiar la contraseña")]:
        page = client.get(reverse(name))
        assert page.status_code == 200 and expected in page.content.decode()


def test_wrong_login_shows_a_spanish_message_with_the_form(client, consultant):
    response = client.post(reverse("account_login"), {"login": consultant.username, "password": "mala"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "incorrectos" in page or "no son correctos" in page or "no es correcta" in page
