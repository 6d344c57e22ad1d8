"""Writes of the consultant's workspace: client companies, owner invitations and their reminders.

Every function takes keyword-only arguments and the firm it acts for; a caller never passes an object
of another firm (the lookups raise NotFound for those).

Invitation links: the token is HMAC(SECRET_KEY, nonce), so the link can be shown again to the firm;
only its SHA-256 is stored. Revoking or renewing replaces the nonce, which kills the old link at once.
Tokens only ever go to the owner (e-mail) or the firm's page; they are never logged.

One module per job, all re-exported here (callers write `from consultants import services`):
`clients` (client companies), `links` (the owner's link: token, address, WhatsApp share),
`invitations` (making, revoking, renewing and re-sending a link), `emails` (the e-mail to the owner),
`reminders` (automatic reminders to an idle owner) and `handover` (an owner gives the company to a firm).
"""

from consultants.services.clients import (
    IDEMPOTENCY_TTL,
    ORGANIZATION_FIELDS,
    has_visible_character,
    organization_archive,
    organization_create_for_firm,
    organization_unarchive,
    organization_update,
)
from consultants.services.emails import invitation_email_send
from consultants.services.handover import (
    AlreadyHandedOver,
    HandoverCodeInvalid,
    handover_firm_for_code,
    organization_handover,
)
from consultants.services.invitations import (
    RESEND_GUARD,
    InvitationError,
    InvitationOutcome,
    invitation_create,
    invitation_get_for_firm,
    invitation_remind,
    invitation_renew,
    invitation_revoke,
    live_invitation_for,
    newest_draft,
)
from consultants.services.links import (
    INVITATION_LIFETIME,
    OWNER_LANGUAGE,
    invitation_is_live,
    invitation_issued_at,
    invitation_path,
    invitation_token,
    invitation_url,
    mexican_whatsapp_number,
    site_base_url,
    whatsapp_share_url,
)
from consultants.services.reminders import (
    REMINDER_RETRY_AFTER_FAILURE,
    assessment_last_activity,
    invitation_generation,
    invitation_idle_since,
    invitation_reminder_due_at,
    invitation_reminder_run,
    invitation_reminders_send_due,
)

__all__ = [
    "IDEMPOTENCY_TTL",
    "INVITATION_LIFETIME",
    "ORGANIZATION_FIELDS",
    "OWNER_LANGUAGE",
    "REMINDER_RETRY_AFTER_FAILURE",
    "RESEND_GUARD",
    "AlreadyHandedOver",
    "HandoverCodeInvalid",
    "InvitationError",
    "InvitationOutcome",
    "assessment_last_activity",
    "handover_firm_for_code",
    "has_visible_character",
    "invitation_create",
    "invitation_email_send",
    "invitation_generation",
    "invitation_get_for_firm",
    "invitation_idle_since",
    "invitation_is_live",
    "invitation_issued_at",
    "invitation_path",
    "invitation_reminder_due_at",
    "invitation_reminder_run",
    "invitation_reminders_send_due",
    "invitation_remind",
    "invitation_renew",
    "invitation_revoke",
    "invitation_token",
    "invitation_url",
    "live_invitation_for",
    "mexican_whatsapp_number",
    "newest_draft",
    "organization_archive",
    "organization_create_for_firm",
    "organization_handover",
    "organization_unarchive",
    "organization_update",
    "site_base_url",
    "whatsapp_share_url",
]
