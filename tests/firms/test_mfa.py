"""Two-step verification: mandatory per firm, TOTP activation with a real code, recovery codes, login."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from tests.firms.helpers import PASSWORD, login, totp_now


def open_activation(client):
    """allauth asks for the password again before adding an authenticator; then shows the page."""
    first = client.get(reverse("mfa_activate_totp"))
    if first.status_code == 302 and first["Location"].startswith(reverse("account_reauthenticate")):
        confirmed = client.post(first["Location"], {"password": PASSWORD})
        assert confirmed.status_code == 302, confirmed.content.decode()[:2000]
        return client.get(reverse("mfa_activate_totp"))
    return first


def activate_totp(client) -> str:
    page = open_activation(client)
    assert page.status_code == 200, page.get("Location")
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_now(secret)})
    assert response.status_code == 302, response.content.decode()[:3000]
    return secret


def test_firm_requiring_mfa_sends_members_without_totp_to_set_it_up(client, firm, consultant):
    firm.mfa_required = True
    firm.save()
    login(client, consultant)

    response = client.get(reverse("consultants:dashboard"))
    assert response["Location"] == reverse("firms:mfa_required")
    page = client.get(response["Location"]).content.decode()
    assert reverse("mfa_activate_totp") in page

    activate_totp(client)
    assert Authenticator.objects.filter(user=consultant, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("consultants:dashboard")).status_code == 200
    # The explanation page now leads straight back to work.
    assert client.get(reverse("firms:mfa_required"))["Location"] == reverse("consultants:dashboard")


def test_activation_page_shows_a_qr_image_and_the_secret_without_inline_script(client, consultant):
    login(client, consultant)
    page = open_activation(client).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert client.session[SECRET_SESSION_KEY] in page
    body = page.split("<body>", 1)[1]
    assert "<script" not in body
    assert 'for="id_code"' in page


def test_wrong_code_does_not_activate(client, consultant):
    login(client, consultant)
    open_activation(client)
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=consultant).exists()


def test_recovery_codes_are_shown_after_activation(client, consultant):
    login(client, consultant)
    open_activation(client)
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_now(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")

    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    codes = Authenticator.objects.get(user=consultant, type=Authenticator.Type.RECOVERY_CODES).wrap().get_unused_codes()
    assert codes and all(code in page for code in codes)
    assert "<script" not in page.split("<body>", 1)[1]
    assert reverse("consultants:dashboard") in page


def test_login_with_totp_asks_for_the_code(client, consultant):
    login(client, consultant)
    secret = activate_totp(client)
    client.post(reverse("account_logout"))

    response = client.post(reverse("account_login"), {"login": consultant.username, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("consultants:dashboard")).status_code == 302  # not in yet
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert 'for="id_code"' in page

    wrong = client.post(reverse("mfa_authenticate"), {"code": "123456" if totp_now(secret) != "123456" else "654321"})
    assert wrong.status_code == 200
    done = client.post(reverse("mfa_authenticate"), {"code": totp_now(secret)})
    assert done["Location"] == reverse("consultants:dashboard")
    assert client.get(reverse("consultants:dashboard")).status_code == 200


def test_mfa_pages_are_reachable_for_a_member_of_a_firm_requiring_mfa(client, firm, consultant):
    firm.mfa_required = True
    firm.save()
    login(client, consultant)
    assert client.get(reverse("mfa_index")).status_code == 200
    assert open_activation(client).status_code == 200
    assert client.get(reverse("firms:mfa_required")).status_code == 200
