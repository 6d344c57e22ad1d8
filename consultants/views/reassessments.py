"""Start a re-assessment of a client company: a new draft pre-filled with its last submitted answers."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments import services
from consultants.selectors import organization_get_for_firm
from firms.decorators import firm_member_required


@firm_member_required
@require_POST
def reassessment_start(request, org_id: int):
    organization = organization_get_for_firm(firm=request.firm, org_id=org_id)
    try:
        services.assessment_start_followup(organization=organization)
    except services.FollowupDraftExists:
        messages.info(
            request,
            _(
                "%(company)s ya tiene una evaluación en curso; no se creó otra. "
                "Comparta esa con la persona dueña o espere a que la envíe."
            )
            % {"company": organization.name},
        )
    except services.NothingToFollowUp:
        context = {
            "organization": organization,
            "message": _(
                "%(company)s todavía no tiene una evaluación enviada: la reevaluación parte de las respuestas "
                "de la última evaluación enviada."
            )
            % {"company": organization.name},
        }
        return render(request, "consultants/reassessment_refused.html", context, status=400)
    else:
        messages.success(
            request,
            _(
                "Reevaluación creada con las respuestas de la última evaluación. Invite a la persona dueña "
                "para que confirme o cambie cada paso."
            ),
        )
    return redirect("consultants:client_detail", org_id=organization.pk)
