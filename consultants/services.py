"""Writes of the consultant's workspace: client companies, owner invitations and their reminders.

Every function takes keyword-only arguments and the firm it acts for; a caller never passes an object
of another firm (the lookups below raise NotFound for those).

Invitation links: the token is HMAC(SECRET_KEY, nonce), so the link can be shown again to the firm;
only its SHA-256 is stored. Revoking or renewing replaces the nonce, which kills the old link at once.
Tokens only ever go to the owner (e-mail) or the firm's page; they are never logged.
"""

from __future__ import annotations

import base64
import logging
import secrets
import smtplib
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from assessments import services as assessment_services
from assessments.models import Answer, Assessment, Invitation, Organization
from assessments.tokens import token_hash
from readiness.errors import NotFound

logger = logging.getLogger(__name__)

INVITATION_LIFETIME = timedelta(days=30)
OWNER_LANGUAGE = "es-mx"  # owners read Spanish first; the link page has the language switch
REMINDER_RETRY_AFTER_FAILURE = timedelta(hours=6)
RESEND_GUARD = timedelta(seconds=60)  # a double click on "send" sends one e-mail
IDEMPOTENCY_TTL = 24 * 3600
ORGANIZATION_FIELDS = ("name", "size_band", "sector", "state", "contact_name", "contact_email", "contact_phone")


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


# --- Client companies ---------------------------------------------------------------------------------


def has_visible_character(value: str) -> bool:
    """True when `value` shows something: a letter, digit, punctuation mark or symbol.

    Spaces, line breaks, zero-width and other format characters alone make no name.
    """
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in value or "")


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not has_visible_character(name):
        raise ValidationError({"name": _("Escriba el nombre de la empresa (con al menos una letra o número).")})
    return name


def _idempotency_cache_key(*, firm, key: str) -> str:
    return f"consultants:client_create:{firm.pk}:{key}"


def organization_create_for_firm(*, firm, created_by, idempotency_key: str = "", **fields) -> tuple[Organization, bool]:
    """A new client company of `firm`; (company, created).

    A form posted twice with the same `idempotency_key` (a double click, a resubmission) creates one
    company: the second call returns the first one with created=False. The key is claimed atomically
    in the shared cache before the write, so two simultaneous requests cannot both create.
    """
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    fields["name"] = _clean_name(fields.get("name", ""))
    cache_key = _idempotency_cache_key(firm=firm, key=idempotency_key) if idempotency_key else ""
    if cache_key and not cache.add(cache_key, 0, timeout=IDEMPOTENCY_TTL):
        existing = _organization_for_key(firm=firm, cache_key=cache_key)
        if existing is not None:
            return existing, False
        raise ValidationError(_("Esta empresa ya se está guardando. Espere un momento y revise su lista de clientes."))
    try:
        org = assessment_services.organization_create(firm=firm, created_by=created_by, **fields)
    except Exception:
        if cache_key:
            cache.delete(cache_key)  # nothing was created: the same form may be sent again
        raise
    if cache_key:
        cache.set(cache_key, org.pk, timeout=IDEMPOTENCY_TTL)
    return org, True


def _organization_for_key(*, firm, cache_key: str, wait_seconds: float = 3.0) -> Organization | None:
    """The company created under `cache_key`, waiting briefly while the first request is still saving."""
    deadline = time.monotonic() + wait_seconds
    while True:
        pk = cache.get(cache_key)
        if pk:
            return Organization.objects.filter(pk=pk, firm=firm).first()
        if pk is None or time.monotonic() >= deadline:
            return None
        time.sleep(0.1)


def organization_update(*, organization: Organization, **fields) -> Organization:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "name" in fields:
        fields["name"] = _clean_name(fields["name"])
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.full_clean()
    organization.save(update_fields=list(fields))
    return organization


def organization_archive(*, organization: Organization) -> Organization:
    """Hide the company from the dashboard; its data, links and reports stay. Automatic reminders stop."""
    if organization.archived_at is None:
        organization.archived_at = timezone.now()
        organization.save(update_fields=["archived_at"])
    return organization


def organization_unarchive(*, organization: Organization) -> Organization:
    if organization.archived_at is not None:
        organization.archived_at = None
        organization.save(update_fields=["archived_at"])
    return organization


# --- Invitation links ---------------------------------------------------------------------------------


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


# --- E-mail ---------------------------------------------------------------------------------------------


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


# --- Automatic reminders ----------------------------------------------------------------------------------


def assessment_last_activity(*, assessment: Assessment) -> datetime:
    """When the owner last made progress: the assessment's last change or the newest saved answer."""
    newest_answer = Answer.objects.filter(assessment=assessment).aggregate(newest=Max("updated_at"))["newest"]
    return max(filter(None, [assessment.updated_at, newest_answer]))


def invitation_idle_since(invitation: Invitation) -> datetime:
    """The start of the idle clock: progress, the link being made, or the last reminder, whichever is last."""
    moments = [assessment_last_activity(assessment=invitation.assessment), invitation_issued_at(invitation)]
    if invitation.last_reminder_at:
        moments.append(invitation.last_reminder_at)
    return max(moments)


def _first_check(invitation: Invitation, *, now: datetime) -> datetime:
    firm = invitation.organization.firm
    return now + timedelta(days=firm.reminder_days if firm else 7)


def _reminder_stops(invitation: Invitation, *, now: datetime) -> bool:
    """No automatic reminder will ever be due for this link (so no further check is scheduled)."""
    organization = invitation.organization
    firm = organization.firm
    return (
        firm is None
        or not invitation_is_live(invitation, now=now)
        or invitation.assessment.is_submitted
        or organization.archived_at is not None
        or invitation.reminders_sent >= min(firm.reminder_max, 3)
    )


def invitation_reminder_due_at(*, invitation: Invitation, now: datetime | None = None) -> datetime | None:
    """When the next automatic reminder is due, or None when none will be."""
    now = now or timezone.now()
    if _reminder_stops(invitation, now=now):
        return None
    due = invitation_idle_since(invitation) + timedelta(days=invitation.organization.firm.reminder_days)
    return due if due < invitation.expires_at else None


@transaction.atomic
def invitation_reminder_run(
    *,
    invitation_id: int,
    base_url: str,
    generation: str | None = None,
    now: datetime | None = None,
    reschedule: bool = True,
) -> bool:
    """One check of one invitation: e-mail the owner when idle for the firm's days. True when sent.

    `generation` (from the scheduled task) ties a check to one link: after a renewal the old chain of
    checks stops. With `reschedule`, the next check is queued for when the next reminder could be due.
    """
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organization__firm", "assessment", "created_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or (generation is not None and invitation_generation(invitation) != generation):
        return False
    due = invitation_reminder_due_at(invitation=invitation, now=now)
    if due is None:
        return False
    sent = False
    if due <= now:
        recipient = invitation.sent_to or invitation.organization.contact_email
        if recipient and invitation_email_send(
            invitation=invitation, recipient=recipient, base_url=base_url, kind="reminder"
        ):
            invitation.reminders_sent += 1
            invitation.last_reminder_at = now
            invitation.save(update_fields=["reminders_sent", "last_reminder_at"])
            sent = True
        due = invitation_reminder_due_at(invitation=invitation, now=now)
        if not sent and due is not None and due <= now:
            due = now + REMINDER_RETRY_AFTER_FAILURE  # no address yet, or the mail server failed
    if reschedule and due is not None:
        _schedule_reminder_check(invitation=invitation, base_url=base_url, run_after=due)
    return sent


def invitation_reminders_send_due(*, base_url: str, now: datetime | None = None) -> int:
    """One pass over every live invitation (for cron): send the reminders that are due. How many were sent."""
    now = now or timezone.now()
    candidates = Invitation.objects.filter(
        revoked_at=None,
        expires_at__gt=now,
        assessment__status=Assessment.Status.DRAFT,
        organization__archived_at=None,
        organization__firm__isnull=False,
    ).values_list("pk", flat=True)
    return sum(
        invitation_reminder_run(invitation_id=pk, base_url=base_url, now=now, reschedule=False)
        for pk in list(candidates)
    )


def invitation_generation(invitation: Invitation) -> str:
    """Names the current link without revealing it (a prefix of the stored hash)."""
    return invitation.token_hash[:16]


def _schedule_reminder_check(*, invitation: Invitation, base_url: str, run_after: datetime) -> None:
    """Queue the next check after the transaction commits, on a backend that can run tasks later."""
    from consultants.tasks import invitation_reminder_check  # the task module imports this one

    if run_after >= invitation.expires_at:
        return
    task = invitation_reminder_check
    if not getattr(task.get_backend(), "supports_defer", False):
        # e.g. the immediate backend of some tests: `manage.py send_reminders` (cron) covers it.
        return
    args = (invitation.pk, invitation_generation(invitation), base_url)
    transaction.on_commit(lambda: task.using(run_after=run_after).enqueue(*args))


def site_base_url() -> str:
    """The public address for links made outside a request (worker, cron): settings.SITE_URL."""
    return getattr(settings, "SITE_URL", "") or ""


# --- Hand-over: an owner who assessed alone gives the company to a firm, on purpose ------------------


class HandoverCodeInvalid(Exception):
    """No firm has this code."""


class AlreadyHandedOver(Exception):
    """The company already belongs to a firm; `firm` is that firm."""

    def __init__(self, firm) -> None:
        super().__init__(str(firm))
        self.firm = firm


def handover_firm_for_code(*, code: str):
    """The firm whose hand-over code is `code` (spaces, dashes and case ignored); HandoverCodeInvalid."""
    from firms.selectors import firm_get_by_handover_code

    firm = firm_get_by_handover_code(code=code)
    if firm is None:
        raise HandoverCodeInvalid
    return firm


@transaction.atomic
def organization_handover(*, organization: Organization, code: str):
    """Give `organization` (and so all its assessments) to the firm with `code`; that firm.

    Only a company that nobody follows yet can be handed over: AlreadyHandedOver otherwise (handing
    it to the same firm twice is not an error, it returns that firm).
    """
    firm = handover_firm_for_code(code=code)
    locked = Organization.objects.select_for_update(of=("self",)).select_related("firm").get(pk=organization.pk)
    if locked.firm_id is not None:
        if locked.firm_id == firm.pk:
            return firm
        raise AlreadyHandedOver(locked.firm)
    locked.firm = firm
    locked.save(update_fields=["firm"])
    organization.firm = firm
    return firm
