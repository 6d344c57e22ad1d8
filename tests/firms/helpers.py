"""Helpers for the account tests: links out of e-mails, TOTP codes, a real password login."""

from __future__ import annotations

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse

PASSWORD = "S3guro-para-pruebas"


def link_in_last_mail() -> str:
    """The path of the first http(s) link in the last e-mail sent."""
    body = mail.outbox[-1].body
    url = re.search(r"https?://[^\s]+", body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def totp_now(secret: str) -> str:
    """The current RFC 6238 code for a base32 secret (30-second steps, 6 digits)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def login(client, user, password: str = PASSWORD):
    """Log in through allauth's form (records the authentication, unlike force_login)."""
    return client.post(reverse("account_login"), {"login": user.username, "password": password})
