"""The consultant's note panel under each answer of the assessment page (one query for all notes)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import get_language, gettext

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
        "texts": _page_texts(context),
        "csrf_token": context.get("csrf_token"),
        "question_key": question_key,
        "label": label,
        "note": note,
        "has_text": bool(note and note.text),
        "revision": (note.latest_revision or 0) if note else 0,
        "max_length": NOTE_MAX_LENGTH,
    }


def _page_texts(context) -> dict[str, str]:
    """The panel's translations and form URL, the same under every question: made once per page render.

    A page lists one panel per question (60 and more); translating and reversing in each of them was
    half of the consultant's assessment page's template time.
    """
    key = (__name__, "texts", get_language(), context["assessment"].pk)
    texts = context.render_context.get(key)
    if texts is None:
        texts = context.render_context[key] = {
            "title": gettext("Observación del consultor"),
            "title_general": gettext("Observación general del consultor"),
            "history": gettext("Ver historial"),
            "cleared": gettext("La observación se borró."),
            "edit": gettext("Editar observación"),
            "add": gettext("Agregar observación"),
            "label": gettext("Su observación"),
            "help": gettext(
                "Solo su firma la ve aquí; la persona dueña la verá únicamente en un reporte publicado. "
                "Deje el campo vacío para borrarla (el historial se conserva)."
            ),
            "save": gettext("Guardar observación"),
            "save_url": reverse("deliverables:note_save", kwargs={"assessment_id": context["assessment"].pk}),
        }
    return texts


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
