"""Write a consultant's observation on one answer, or on the assessment as a whole (question_key "").

Every save appends a NoteRevision, so the history shows who wrote what and when. Clearing the text
removes the observation from the consultant's page and from the report, but keeps its row and its
history: the clearing is itself a revision (empty text), so the history says who removed it and when,
and writing again continues the same history. Saving the text the note already has changes nothing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.catalog import current_bank
from assessments.models import Assessment, ResultSnapshot
from deliverables.models import Note, NoteRevision

NOTE_MAX_LENGTH = 4000  # the model's limit; a page of text is plenty for one observation


class NoteInvalid(ValidationError):
    """Unknown question or a text too long: nothing is saved (the view answers 400)."""


class NoteConflict(Exception):
    """Someone saved this note after the form was opened: nothing is saved (the view answers 409)."""

    def __init__(self, note: Note):
        super().__init__("note changed meanwhile")
        self.note = note


def note_question_keys(*, assessment: Assessment) -> set[str]:
    """The keys a note may hang on: every question of the current bank, plus, for a submitted
    assessment, the questions frozen in its snapshot (a retired question keeps its note)."""
    keys = {q.key for q in current_bank().questions}
    snapshot = ResultSnapshot.objects.filter(assessment=assessment).only("result", "answers").first()
    if snapshot is not None:
        keys.update(row["key"] for row in snapshot.result.get("appendix", ()))
        keys.update(snapshot.answers or {})
    return keys


def _clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > NOTE_MAX_LENGTH:
        raise NoteInvalid(
            _("La observación tiene %(length)s caracteres; el máximo es %(max)s.")
            % {"length": len(text), "max": NOTE_MAX_LENGTH},
            code="too_long",
        )
    return text


def note_save(
    *,
    assessment: Assessment,
    question_key: str,
    text: str,
    author,
    expected_revision: int | None = None,
) -> Note | None:
    """Create, change or clear (empty text) the note on (assessment, question_key).

    `expected_revision` is the id of the latest revision the author saw (0 when there was no note);
    when given and someone saved since, NoteConflict is raised. Returns the note, or None when an
    empty text is saved where there was no note. Works on drafts and submitted assessments alike.
    """
    question_key = (question_key or "").strip()
    if question_key and question_key not in note_question_keys(assessment=assessment):
        raise NoteInvalid(_("Esa pregunta no existe en esta evaluación."), code="unknown_question")
    text = _clean_text(text)
    with transaction.atomic():
        note = Note.objects.select_for_update().filter(assessment=assessment, question_key=question_key).first()
        latest = note.revisions.order_by("-pk").values_list("pk", flat=True).first() if note else None
        if expected_revision is not None and expected_revision != (latest or 0):
            raise NoteConflict(note)
        if note is None:
            if not text:
                return None
            note, _created = Note.objects.get_or_create(
                assessment=assessment, question_key=question_key, defaults={"text": text, "author": author}
            )
            if not _created:  # created by a concurrent request between our read and write
                note = Note.objects.select_for_update().get(pk=note.pk)
        elif note.text == text:
            return note
        note.text, note.author = text, author
        note.save(update_fields=["text", "author", "updated_at"])
        NoteRevision.objects.create(note=note, text=text, author=author)
    return note
