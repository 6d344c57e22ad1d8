"""Read consultants' notes: for the consultant's page, the edit history, and the report.

A note whose text was cleared keeps its row and history (see services/notes.py) but counts as no
note everywhere else: it is not returned by notes_for_assessment nor by notes_for_report.
"""

from __future__ import annotations

from django.db.models import Max

from assessments.catalog import current_bank
from assessments.models import Assessment
from deliverables.models import Note, NoteRevision
from readiness.errors import NotFound


def notes_for_assessment(*, assessment: Assessment) -> dict[str, Note]:
    """{question_key: Note} of the notes with text; key "" is the note on the whole assessment."""
    notes = Note.objects.filter(assessment=assessment).exclude(text="").select_related("author")
    return {note.question_key: note for note in notes}


def notes_for_report(*, assessment: Assessment) -> dict:
    """{"assessment": str, "answers": {question_key: str}}: plain text, "" when there is no overall note.

    The texts are not escaped (the template escapes them). `answers` holds every note with text,
    including notes on questions the report may not print (no longer shown by a condition).
    """
    notes = notes_for_assessment(assessment=assessment)
    overall = notes.pop("", None)
    return {
        "assessment": overall.text if overall else "",
        "answers": {key: note.text for key, note in sorted(notes.items())},
    }


def note_get_for_firm(*, firm, note_id: int) -> Note:
    """A note on an assessment of one of the firm's clients; NotFound for any other."""
    try:
        return Note.objects.select_related("assessment__organization").get(
            pk=note_id, assessment__organization__firm=firm
        )
    except Note.DoesNotExist as exc:
        raise NotFound("no such note") from exc


def note_history(*, note: Note) -> list[NoteRevision]:
    """Every saved text of the note, newest first, with its author (an empty text = cleared)."""
    return list(note.revisions.select_related("author").order_by("-created_at", "-pk"))


def note_question_text(*, note: Note, lang: str | None) -> str:
    """The question the note is about, in `lang`; "" for the whole assessment, the key for a retired one."""
    if not note.question_key:
        return ""
    bank = current_bank()
    if not bank.has_question(note.question_key):
        return note.question_key
    text = bank.question(note.question_key).text
    return text.en if (lang or "").startswith("en") else text.es


def notes_for_consultant(*, assessment: Assessment) -> dict[str, Note]:
    """{question_key: Note} of every note, cleared ones included (their history stays reachable),
    each with `latest_revision`: the id of its latest revision, for the forms' stale-edit check."""
    notes = (
        Note.objects.filter(assessment=assessment)
        .select_related("author")
        .annotate(latest_revision=Max("revisions__pk"))
    )
    return {note.question_key: note for note in notes}
