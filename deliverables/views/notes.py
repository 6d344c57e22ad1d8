"""Save a consultant's note from the assessment page, and show a note's edit history."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.selectors import assessment_get_for_firm
from deliverables.selectors import notes as selectors
from deliverables.services import notes as services
from firms.decorators import firm_member_required


def _anchor(question_key: str) -> str:
    return f"#nota-{question_key}" if question_key else "#observacion-general"


def _expected_revision(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else None


def _latest_revision(*, assessment, question_key: str) -> int:
    current = selectors.notes_for_consultant(assessment=assessment).get(question_key)
    return (current.latest_revision or 0) if current else 0


@firm_member_required
@require_POST
def note_save(request, assessment_id: int):
    assessment = assessment_get_for_firm(firm=request.firm, assessment_id=assessment_id)
    question_key = request.POST.get("question_key", "").strip()
    text = request.POST.get("text", "")
    back = reverse("consultants:assessment_detail", kwargs={"assessment_id": assessment.pk})
    try:
        note = services.note_save(
            assessment=assessment,
            question_key=question_key,
            text=text,
            author=request.user,
            expected_revision=_expected_revision(request.POST.get("revision", "")),
        )
    except services.NoteInvalid as error:
        context = {"assessment": assessment, "message": error.messages[0], "text": text, "back": back}
        return render(request, "deliverables/notes/refused.html", context, status=400)
    except services.NoteConflict as conflict:
        context = {
            "assessment": assessment,
            "question_key": question_key,
            "saved": conflict.note,
            "text": text,
            "revision": _latest_revision(assessment=assessment, question_key=question_key),
            "back": back,
        }
        return render(request, "deliverables/notes/conflict.html", context, status=409)
    if note is not None and note.text:
        messages.success(request, _("Observación guardada."))
    elif note is not None:
        messages.success(request, _("Observación borrada; su historial se conserva."))
    return redirect(back + _anchor(question_key))


@firm_member_required
def note_history(request, note_id: int):
    note = selectors.note_get_for_firm(firm=request.firm, note_id=note_id)
    context = {
        "note": note,
        "assessment": note.assessment,
        "organization": note.assessment.organization,
        "question": selectors.note_question_text(note=note, lang=get_language()),
        "revisions": selectors.note_history(note=note),
    }
    return render(request, "deliverables/notes/history.html", context)
