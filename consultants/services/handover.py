"""Hand-over: an owner who assessed alone gives the company to a firm, on purpose, with the firm's code."""

from __future__ import annotations

from django.db import transaction

from assessments.models import Organization


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
