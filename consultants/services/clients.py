"""Client companies of a firm: create (once per form, even on a double click), edit, archive, restore."""

from __future__ import annotations

import time
import unicodedata

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import services as assessment_services
from assessments.models import Organization

IDEMPOTENCY_TTL = 24 * 3600
ORGANIZATION_FIELDS = ("name", "size_band", "sector", "state", "contact_name", "contact_email", "contact_phone")


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
