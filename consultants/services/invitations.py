"""The consultant's invitation actions: make a link for the owner, revoke it, renew it, send it again.

Every action is scoped to the consultant's firm (`invitation_get_for_firm` raises NotFound for an
invitation of another firm) and e-mails the link only to the owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import services as assessment_services
from assessments.models import Assessment, Invitation, Organization
from consultants.services.emails import invitation_email_send
from consultants.services.links import OWNER_LANGUAGE, _new_secret, invitation_is_live
from consultants.services.reminders import _first_check, _schedule_reminder_check
from readiness.errors import NotFound

RESEND_GUARD = timedelta(seconds=60)  # a double click on "send" sends one e-mail


class InvitationError(Exception):
    """An invitation action that cannot be done; `message` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- Firm-scoped lookup for the invitation actions (an invitation of another firm is a 404) ---------
# (client companies are looked up with consultants.selectors.organization_get_for_firm)


def invitation_get_for_firm(*, firm, invitation_id: int) -> Invitation:
    if firm is None:
        raise NotFound("no firm")
    try:
        return Invitation.objects.select_related("organization__firm", "assessment").get(
            pk=invitation_id, organization__firm=firm
        )
    except Invitation.DoesNotExist as exc:
        raise NotFound("no such invitation") from exc


def newest_draft(*, organization: Organization) -> Assessment | None:
    return (
        Assessment.objects.filter(organization=organization, status=Assessment.Status.DRAFT)
        .order_by("-created_at", "-pk")
        .first()
    )


def live_invitation_for(*, assessment: Assessment) -> Invitation | None:
    return (
        Invitation.objects.filter(assessment=assessment, revoked_at=None, expires_at__gt=timezone.now())
        .order_by("-created_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class InvitationOutcome:
    invitation: Invitation
    created: bool
    emailed_to: str  # "" when no e-mail was sent
    email_failed: bool = False


@transaction.atomic
def invitation_create(*, organization: Organization, created_by, base_url: str, email: str = "") -> InvitationOutcome:
    """A link for the owner of `organization`, bound to its newest draft (a new draft when none).

    A company has one live link per draft: asking again (or a double click) returns the live one
    without a second e-mail. The link is e-mailed to `email`, or to the company's contact address.
    """
    Organization.objects.select_for_update().filter(pk=organization.pk).first()  # one request at a time
    if organization.archived_at is not None:
        raise InvitationError(_("La empresa está archivada. Restáurela antes de invitar."))
    draft = newest_draft(organization=organization)
    if draft is None:
        draft, _token = assessment_services.assessment_start(organization=organization, language=OWNER_LANGUAGE)
        assessment_services.assessment_prefill_profile(assessment=draft)  # what the firm already recorded
    existing = live_invitation_for(assessment=draft)
    if existing is not None:
        return InvitationOutcome(invitation=existing, created=False, emailed_to="")
    now = timezone.now()
    recipient = (email or organization.contact_email or "").strip()
    invitation = Invitation(organization=organization, assessment=draft, created_by=created_by, sent_to=recipient)
    _new_secret(invitation, now=now)
    invitation.full_clean(exclude=["created_by"])  # null when made by the system (e.g. a data import)
    invitation.save()
    _schedule_reminder_check(invitation=invitation, base_url=base_url, run_after=_first_check(invitation, now=now))
    return _email_outcome(
        invitation=invitation, created=True, recipient=recipient, base_url=base_url, kind="invitation"
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """The link dies at once (the owner gets the 'invalid link' page); answers already saved stay."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.revoked_at is None:
        # A new secret too, so that not even a stale copy of the old hash matches anything.
        invitation.revoked_at = timezone.now()
        _new_secret(invitation, now=invitation.revoked_at)
        invitation.expires_at = invitation.revoked_at
        invitation.save(update_fields=["revoked_at", "nonce", "token_hash", "expires_at"])
    return invitation


@transaction.atomic
def invitation_renew(*, invitation: Invitation, base_url: str) -> Invitation:
    """A new link with a new expiry; the old link dies. Automatic reminders start counting again."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",)).select_related("organization__firm").get(pk=invitation.pk)
    )
    if invitation.organization.archived_at is not None:
        raise InvitationError(_("La empresa está archivada. Restáurela antes de renovar el enlace."))
    now = timezone.now()
    _new_secret(invitation, now=now)
    invitation.revoked_at = None
    invitation.reminders_sent = 0
    invitation.last_reminder_at = None
    invitation.save(
        update_fields=["nonce", "token_hash", "expires_at", "revoked_at", "reminders_sent", "last_reminder_at"]
    )
    _schedule_reminder_check(invitation=invitation, base_url=base_url, run_after=_first_check(invitation, now=now))
    return invitation


@transaction.atomic
def invitation_remind(*, invitation: Invitation, base_url: str, email: str = "") -> InvitationOutcome:
    """E-mail the link to the owner again (the consultant's button); to `email` when given.

    Refused for a revoked or expired link and for an owner who has already finished. A second click
    within a minute sends nothing more.
    """
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organization__firm", "assessment")
        .get(pk=invitation.pk)
    )
    if not invitation_is_live(invitation):
        raise InvitationError(_("Este enlace ya no es válido. Renuévelo para enviar uno nuevo."))
    if invitation.assessment.is_submitted:
        raise InvitationError(_("La persona ya envió sus respuestas: no hace falta recordarle."))
    recipient = (email or invitation.sent_to or invitation.organization.contact_email or "").strip()
    if not recipient:
        raise InvitationError(_("Escriba el correo al que enviamos el enlace."))
    now = timezone.now()
    if (
        recipient == invitation.sent_to
        and invitation.last_reminder_at is not None
        and now - invitation.last_reminder_at < RESEND_GUARD
    ):
        return InvitationOutcome(invitation=invitation, created=False, emailed_to="")
    # The first e-mail to this address is the invitation itself; later ones are reminders.
    kind = "reminder" if recipient == invitation.sent_to else "invitation"
    invitation.sent_to = recipient
    invitation.last_reminder_at = now  # the idle clock of the automatic reminders starts again
    invitation.save(update_fields=["sent_to", "last_reminder_at"])
    return _email_outcome(invitation=invitation, created=False, recipient=recipient, base_url=base_url, kind=kind)


def _email_outcome(
    *, invitation: Invitation, created: bool, recipient: str, base_url: str, kind: str
) -> InvitationOutcome:
    if not recipient:
        return InvitationOutcome(invitation=invitation, created=created, emailed_to="")
    # Sent now so the caller can tell the consultant whether it went out; a mail failure is
    # reported, never raised, so the invitation stays.
    sent = invitation_email_send(invitation=invitation, recipient=recipient, base_url=base_url, kind=kind)
    return InvitationOutcome(
        invitation=invitation, created=created, emailed_to=recipient if sent else "", email_failed=not sent
    )
