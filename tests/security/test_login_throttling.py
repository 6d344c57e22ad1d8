"""Login throttling (django-axes) behind a proxy, and guessing one consultant from many addresses."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

PASSWORD = "S3guro-para-pruebas"  # tests.factories' consultant password
PROXY = "10.0.0.2"


def _login(client: Client, username: str, password: str):
    return client.post(reverse("consultants:login"), {"login": username, "password": password})


def _behind_proxy(address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def test_two_clients_behind_the_proxy_are_throttled_separately(consultant, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker, colleague = _behind_proxy("198.51.100.66"), _behind_proxy("198.51.100.10")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(attacker, consultant.username, "wrong").status_code == 200
    assert _login(attacker, consultant.username, "wrong").status_code == 429  # the limit-th failure locks
    assert _login(attacker, consultant.username, PASSWORD).status_code == 429
    # The proxy's address is not what is locked: the consultant at another address still gets in.
    response = _login(colleague, consultant.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("consultants:dashboard")


def test_without_a_configured_proxy_a_forged_header_does_not_dodge_the_lock(consultant, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(_behind_proxy(f"192.0.2.{n}"), consultant.username, "wrong")
    assert _login(_behind_proxy("192.0.2.200"), consultant.username, PASSWORD).status_code == 429


def test_guessing_one_username_from_many_addresses_is_throttled(consultant, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_USERNAME_FAILURE_LIMIT = 8
    # Two tries per address stays far under the per-address limit (5) ...
    for n in range(4):
        for _ in range(2):
            _login(_behind_proxy(f"192.0.2.{n}"), consultant.username, "wrong")
    # ... but 8 from all of them lock the username for every new address, even with the right password.
    assert _login(_behind_proxy("192.0.2.99"), consultant.username, PASSWORD).status_code == 429
    # Typing the e-mail instead names the same account: no second count to use up.
    assert _login(_behind_proxy("192.0.2.98"), consultant.email.upper(), PASSWORD).status_code == 429


def test_the_consultant_still_gets_in_from_an_address_they_used_before(consultant, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_USERNAME_FAILURE_LIMIT = 8
    office = _behind_proxy("198.51.100.10")
    assert _login(office, consultant.username, PASSWORD).status_code == 302
    office.logout()
    for n in range(8):
        _login(_behind_proxy(f"192.0.2.{n}"), consultant.username, "wrong")
    assert _login(_behind_proxy("192.0.2.99"), consultant.username, PASSWORD).status_code == 429
    response = _login(office, consultant.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("consultants:dashboard")


def test_a_few_typos_never_reach_the_username_limit(consultant, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(Client(), consultant.username, "wrong")
    assert settings.AXES_USERNAME_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
    assert _login(Client(), consultant.username, PASSWORD).status_code == 302
