"""Reads about firms and their members."""

from __future__ import annotations

from firms.models import Firm, Membership


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
