"""The e-mail that carries the owner's link (first invitation or reminder); the link is never logged."""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from assessments.models import Invitation
from consultants.services.links import OWNER_LANGUAGE, invitation_url

logger = logging.getLogger(__name__)


def _email_context(*, invitation: Invitation, base_url: str) -> dict:
    organization = invitation.organization
    creator = invitation.created_by
    return {
        "organization": organization.name,
        "contact_name": organization.contact_name,
        "firm": organization.firm.name if organization.firm else "",
        "firm_contact_line": organization.firm.contact_line if organization.firm else "",
        "consultant": (creator.get_full_name() or creator.get_username()) if creator else "",
        "url": invitation_url(invitation=invitation, base_url=base_url),
        "expires_at": invitation.expires_at,
    }


def invitation_email_send(*, invitation: Invitation, recipient: str, base_url: str, kind: str) -> bool:
    """Send the link to `recipient` (the owner) in Spanish. False when the mail server failed.

    kind: "invitation" (first message) or "reminder".
    """
    with translation.override(OWNER_LANGUAGE):
        context = _email_context(invitation=invitation, base_url=base_url)
        subject = render_to_string(f"consultants/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"consultants/email/{kind}.txt", context)
    creator_email = getattr(invitation.created_by, "email", "")
    message = EmailMessage(subject, body, None, [recipient], reply_to=[creator_email] if creator_email else None)
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        # The address and the link stay out of the log: only which invitation failed.
        logger.warning("invitation e-mail (%s) failed for invitation %s", kind, invitation.pk, exc_info=True)
        return False
    return True
