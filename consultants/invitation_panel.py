"""The invitation panel of the client page (stub, being built): context for consultants/_invitations.html."""

from __future__ import annotations


def invitation_panel_context(*, request, organization) -> dict:
    return {}
