"""Writes about firms: creation with its first admin, settings and branding, members, invitations."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
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


# --- Settings and branding -------------------------------------------------------------------

SETTINGS_FIELDS = ("name", "brand_color", "contact_line", "reminder_days", "reminder_max", "mfa_required")


class LastAdminError(Exception):
    """The change would leave the firm without an admin."""


def firm_update_settings(
    *,
    firm: Firm,
    name: str,
    brand_color: str,
    contact_line: str,
    reminder_days: int,
    reminder_max: int,
    mfa_required: bool,
) -> Firm:
    """Save the firm's name, branding colour, contact line, reminder settings and MFA rule."""
    firm.name = name.strip()
    firm.brand_color = brand_color.strip().lower()
    firm.contact_line = contact_line.strip()
    firm.reminder_days = reminder_days
    firm.reminder_max = reminder_max
    firm.mfa_required = mfa_required
    firm.full_clean(exclude=["logo", "handover_code"])
    firm.save(update_fields=list(SETTINGS_FIELDS))
    return firm


def _logo_delete_later(storage, name: str) -> None:
    # After the commit: a rolled-back request must not lose the logo still referenced by the row.
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def firm_logo_replace(*, firm: Firm, logo) -> Firm:
    """Store a new logo (already validated) or, with `logo=None`, remove it; the old file is deleted."""
    field = firm.logo
    old_name, storage = field.name, field.storage
    if logo is None:
        firm.logo = ""
    else:
        extension = logo.name.rsplit(".", 1)[-1].lower()
        # A random name: the uploader's file name is not kept, and a new logo never reuses a cached URL.
        field.save(f"firm-{firm.pk}-{secrets.token_hex(8)}.{extension}", logo, save=False)
    firm.save(update_fields=["logo"])
    if old_name and old_name != firm.logo.name:
        _logo_delete_later(storage, old_name)
    return firm


# --- Members ---------------------------------------------------------------------------------


def _admin_count(*, firm: Firm) -> int:
    return Membership.objects.select_for_update().filter(firm=firm, role=Membership.Role.ADMIN).count()


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    """Give a member another role; the firm always keeps at least one admin."""
    if role not in Membership.Role.values:
        raise ValueError(role)
    if membership.is_admin and role != Membership.Role.ADMIN and _admin_count(firm=membership.firm) <= 1:
        raise LastAdminError
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Take a member out of the firm (their account stays, without a firm); never the last admin."""
    if membership.is_admin and _admin_count(firm=membership.firm) <= 1:
        raise LastAdminError
    membership.delete()


# --- Sending and revoking colleague invitations ----------------------------------------------


class AlreadyMember(Exception):
    """The address already belongs to a member of the firm."""


@transaction.atomic
def firm_invitation_invite(*, firm: Firm, email: str, role: str, invited_by) -> tuple[FirmInvitation, str]:
    """A fresh invitation for `email`; an earlier pending one for the same address is revoked."""
    email = email.strip().lower()
    if Membership.objects.filter(firm=firm, user__email__iexact=email).exists():
        raise AlreadyMember
    FirmInvitation.objects.filter(
        firm=firm, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    return firm_invitation_create(firm=firm, email=email, role=role, invited_by=invited_by)


def firm_invitation_send(*, invitation: FirmInvitation, accept_url: str) -> None:
    """E-mail the accept link, in the active language."""
    context = {
        "firm_name": invitation.firm.name,
        "inviter": (invitation.invited_by.get_full_name() or invitation.invited_by.username)
        if invitation.invited_by
        else "",
        "role": invitation.get_role_display(),
        "accept_url": accept_url,
        "expires_at": invitation.expires_at,
    }
    subject = " ".join(render_to_string("firms/email/invitation_subject.txt", context).split())
    body = render_to_string("firms/email/invitation_message.txt", context)
    send_mail(subject, body, None, [invitation.email])


def firm_invitation_revoke(*, invitation: FirmInvitation) -> FirmInvitation:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation
