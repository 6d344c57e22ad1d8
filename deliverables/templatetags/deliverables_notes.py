"""The consultant's note panel under each answer of the assessment page (one query for all notes)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from deliverables.selectors.notes import note_question_text, notes_for_consultant
from deliverables.services.notes import NOTE_MAX_LENGTH

register = template.Library()


@register.simple_tag
def assessment_notes(assessment):
    """{question_key: Note} of the assessment, cleared notes included; call once per page."""
    return notes_for_consultant(assessment=assessment)


@register.inclusion_tag("deliverables/notes/_panel.html", takes_context=True)
def note_panel(context, notes, question_key="", label=""):
    """The note on `question_key` ("" = whole assessment) and its add/edit form."""
    note = notes.get(question_key) if notes else None
    return {
        "assessment": context["assessment"],
        "csrf_token": context.get("csrf_token"),
        "question_key": question_key,
        "label": label,
        "note": note,
        "has_text": bool(note and note.text),
        "revision": (note.latest_revision or 0) if note else 0,
        "max_length": NOTE_MAX_LENGTH,
    }


@register.filter
def notes_not_in(notes, sections):
    """[{label, note}] of notes on questions the page does not list (hidden by a condition, or retired)."""
    shown = {row["key"] for section in sections or () for row in section["questions"]}
    lang = get_language()
    return [
        {"label": note_question_text(note=note, lang=lang), "note": note}
        for key, note in sorted((notes or {}).items())
        if key and key not in shown and note.text
    ]
