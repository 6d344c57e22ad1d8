"""The owner's link: its secret token, its address, whether it is live, and a WhatsApp message carrying it.

The token is HMAC(SECRET_KEY, nonce), so the link can be shown again to the firm; only its SHA-256 is
stored. A new nonce (revoking, renewing) kills the old link at once.
"""

from __future__ import annotations

import base64
import secrets
from datetime import datetime, timedelta
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from assessments.models import Invitation, Organization
from assessments.tokens import token_hash

INVITATION_LIFETIME = timedelta(days=30)
OWNER_LANGUAGE = "es-mx"  # owners read Spanish first; the link page has the language switch


def invitation_token(*, invitation: Invitation) -> str:
    """The secret of the owner's link, derived from the stored nonce with the project's secret key."""
    digest = salted_hmac("assessments.invitation", invitation.nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def invitation_path(*, invitation: Invitation) -> str:
    with translation.override(OWNER_LANGUAGE):
        return reverse("assessments:resume", kwargs={"token": invitation_token(invitation=invitation)})


def invitation_url(*, invitation: Invitation, base_url: str) -> str:
    return base_url.rstrip("/") + invitation_path(invitation=invitation)


def invitation_is_live(invitation: Invitation, *, now: datetime | None = None) -> bool:
    return invitation.revoked_at is None and invitation.expires_at > (now or timezone.now())


def invitation_issued_at(invitation: Invitation) -> datetime:
    """When the current link was made (created or last renewed)."""
    return invitation.expires_at - INVITATION_LIFETIME


def _new_secret(invitation: Invitation, *, now: datetime) -> None:
    invitation.nonce = secrets.token_hex(32)
    invitation.token_hash = token_hash(invitation_token(invitation=invitation))
    invitation.expires_at = now + INVITATION_LIFETIME


def mexican_whatsapp_number(phone: str) -> str | None:
    """The number for wa.me (52 + 10 digits) when `phone` is a Mexican number, else None."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if len(digits) == 13 and digits.startswith("521"):  # the old mobile prefix
        digits = digits[3:]
    elif len(digits) == 12 and digits.startswith("52"):
        digits = digits[2:]
    if len(digits) != 10 or digits[0] in "01":
        return None
    return "52" + digits


def whatsapp_share_url(*, organization: Organization, url: str, phone: str = "") -> str:
    """A wa.me link with a Spanish message carrying the owner's link; to the contact when Mexican."""
    with translation.override(OWNER_LANGUAGE):
        message = _(
            "Hola, le comparto el enlace para responder la evaluación de ciberseguridad e IA de %(name)s "
            "en CiberListo PyME. No necesita crear una cuenta y puede continuar cuando quiera: %(url)s"
        ) % {"name": organization.name, "url": url}
    number = mexican_whatsapp_number(phone)
    return f"https://wa.me/{number or ''}?text={quote(message, safe='')}"


def site_base_url() -> str:
    """The public address for links made outside a request (worker, cron): settings.SITE_URL."""
    return getattr(settings, "SITE_URL", "") or ""
