"""The invitation panel of the client page: context for consultants/_invitations.html.

The page that includes the partial passes `invitation_panel_context(request=..., organization=...)`;
`organization` must already be scoped to `request.firm` (the client page's own selector does that).
"""

from __future__ import annotations

from django.utils import timezone

from assessments.models import Invitation
from consultants import services
from consultants.forms import InvitationEmailForm

HISTORY_LENGTH = 5


def _status(invitation: Invitation, now) -> str:
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.assessment.is_submitted:
        return "submitted"
    if invitation.expires_at <= now:
        return "expired"
    return "live"


def invitation_panel_context(*, request, organization, form: InvitationEmailForm | None = None) -> dict:
    """The live link of the newest draft (copyable, WhatsApp, e-mail), or the form to create one.

    Costs a constant number of queries: the newest draft, and the company's latest invitations.
    """
    now = timezone.now()
    firm = organization.firm
    invitations = list(
        Invitation.objects.filter(organization=organization)
        .select_related("assessment")
        .order_by("-created_at", "-pk")[: HISTORY_LENGTH + 1]
    )
    draft = services.newest_draft(organization=organization)
    current = next(
        (
            inv
            for inv in invitations
            if draft is not None and inv.assessment_id == draft.pk and _status(inv, now) == "live"
        ),
        None,
    )
    link = {}
    if current is not None:
        url = request.build_absolute_uri(services.invitation_path(invitation=current))
        link = {
            "invitation": current,
            "url": url,
            "whatsapp_url": services.whatsapp_share_url(organization=organization, url=url),
            "whatsapp_contact_url": (
                services.whatsapp_share_url(organization=organization, url=url, phone=organization.contact_phone)
                if services.mexican_whatsapp_number(organization.contact_phone)
                else ""
            ),
            "reminders_sent": current.reminders_sent,
            "reminder_max": firm.reminder_max if firm else 0,
            "reminder_days": firm.reminder_days if firm else 0,
            "next_reminder_at": services.invitation_reminder_due_at(invitation=current, now=now),
        }
    history = [
        # A live link of an older assessment still opens it (e.g. its results): it can be revoked here.
        {"invitation": inv, "status": _status(inv, now), "revocable": services.invitation_is_live(inv, now=now)}
        for inv in invitations
        if inv is not current
    ][:HISTORY_LENGTH]
    email_form = form or InvitationEmailForm(
        organization=organization, initial={"email": current.sent_to} if current and current.sent_to else None
    )
    return {
        "invitation_organization": organization,
        "invitation_link": link,
        "invitation_history": history,
        "invitation_form": email_form,
        "invitation_has_draft": draft is not None,
        "invitation_archived": organization.archived_at is not None,
    }
