"""Writes about firms: creation with its first admin, the hand-over code."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from assessments.tokens import token_hash, token_new
from firms.models import Firm, FirmInvitation, Membership

# No 0/O or 1/I/L: the code is read aloud and typed by owners.
HANDOVER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def handover_code_new() -> str:
    raw = "".join(secrets.choice(HANDOVER_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def firm_create(*, name: str, admin_user, **fields) -> Firm:
    """A new firm whose first member is its admin."""
    firm = Firm(name=name.strip(), handover_code=handover_code_new(), **fields)
    firm.full_clean()
    firm.save()
    membership_add(firm=firm, user=admin_user, role=Membership.Role.ADMIN)
    return firm


def membership_add(*, firm: Firm, user, role: str = Membership.Role.CONSULTANT) -> Membership:
    membership = Membership(firm=firm, user=user, role=role)
    membership.full_clean()
    membership.save()
    return membership


def firm_handover_code_renew(*, firm: Firm) -> Firm:
    firm.handover_code = handover_code_new()
    firm.save(update_fields=["handover_code"])
    return firm


# --- Colleague invitations -------------------------------------------------------------------

INVITATION_LIFETIME_DAYS = 14
PENDING_INVITATION_SESSION_KEY = "firms.pending_invitation"


class InvitationInvalid(Exception):
    """The invitation link is wrong, expired, revoked or already used."""


def firm_invitation_create(*, firm: Firm, email: str, role: str, invited_by) -> tuple[FirmInvitation, str]:
    """A new invitation and its secret token (returned once; only its SHA-256 is stored)."""
    token = token_new()
    invitation = FirmInvitation(
        firm=firm,
        email=email.strip().lower(),
        role=role,
        token_hash=token_hash(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=INVITATION_LIFETIME_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    return invitation, token


def firm_invitation_get_valid(*, token: str | None = None, invitation_id: int | None = None) -> FirmInvitation:
    query = FirmInvitation.objects.select_related("firm")
    if token is not None:
        invitation = query.filter(token_hash=token_hash(token)).first()
    else:
        invitation = query.filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at or invitation.revoked_at or invitation.expires_at < timezone.now():
        raise InvitationInvalid
    return invitation


@transaction.atomic
def firm_invitation_accept(*, invitation: FirmInvitation, user) -> Membership:
    locked = FirmInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at or locked.revoked_at or Membership.objects.filter(user=user).exists():
        raise InvitationInvalid
    membership = membership_add(firm=locked.firm, user=user, role=locked.role)
    locked.accepted_at = timezone.now()
    locked.save(update_fields=["accepted_at"])
    return membership
