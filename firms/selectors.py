"""Reads about firms and their members."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone

from firms.models import Firm, FirmInvitation, Membership


def membership_for_user(*, user) -> Membership | None:
    """The user's membership (with its firm), or None for an anonymous user or one without a firm."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.select_related("firm").filter(user=user).first()


def firm_get_by_handover_code(*, code: str) -> Firm | None:
    normalized = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if len(normalized) != 10:
        return None
    return Firm.objects.filter(handover_code=f"{normalized[:5]}-{normalized[5:]}").first()


def membership_list_for_firm(*, firm: Firm):
    """The firm's members with their accounts, admins first."""
    return (
        Membership.objects.filter(firm=firm)
        .select_related("user")
        .order_by("role", "user__username")  # "admin" sorts before "consultant"
    )


def membership_get_for_firm(*, firm: Firm, membership_id: int) -> Membership:
    """A member of this firm; another firm's member answers 404."""
    return get_object_or_404(Membership.objects.select_related("user", "firm"), pk=membership_id, firm=firm)


def firm_invitation_list_pending(*, firm: Firm):
    """Invitations not yet accepted, revoked or expired, newest first."""
    return FirmInvitation.objects.filter(
        firm=firm, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def firm_invitation_get_for_firm(*, firm: Firm, invitation_id: int) -> FirmInvitation:
    """An invitation of this firm; another firm's invitation answers 404."""
    return get_object_or_404(FirmInvitation.objects.select_related("firm"), pk=invitation_id, firm=firm)
