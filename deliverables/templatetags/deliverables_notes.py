"""The consultant's note panel under each answer of the assessment page (one query for all notes)."""

from __future__ import annotations

import re

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from deliverables.selectors.notes import note_question_text, notes_for_consultant
from deliverables.services.notes import NOTE_MAX_LENGTH

register = template.Library()


@register.simple_tag
def assessment_notes(assessment):
    """{question_key: Note} of the assessment, cleared notes included; call once per page."""
    return notes_for_consultant(assessment=assessment)


PANEL_TEMPLATE = "deliverables/notes/_panel.html"
# Stand-ins for the question key and label in the empty panel rendered once per page (letters and
# digits only, so escaping leaves them as they are); see note_panel.
_KEY_MARK = "qkey9f3c1e7a5b2d"
_LABEL_MARK = "qlabel4d8b6a0e2c"
_MARKS = re.compile(f"{_KEY_MARK}|{_LABEL_MARK}")


@register.simple_tag(takes_context=True)
def note_panel(context, notes, question_key="", label=""):
    """The note on `question_key` ("" = whole assessment) and its add/edit form.

    Most questions have no note: their panels differ only in the question's key and label, so the
    empty panel is rendered once per page and copied with each question's (escaped) key and label,
    the same HTML a render of its own gives. A page lists 60 panels and more; rendering each was a
    quarter of the consultant's assessment page.
    """
    note = notes.get(question_key) if notes else None
    if note is None and question_key and label:
        cache_key = (__name__, "empty", get_language(), context["assessment"].pk)
        empty = context.render_context.get(cache_key)
        if empty is None:
            empty = context.render_context[cache_key] = _render_panel(context, None, _KEY_MARK, _LABEL_MARK)
        values = {_KEY_MARK: conditional_escape(question_key), _LABEL_MARK: conditional_escape(label)}
        return mark_safe(_MARKS.sub(lambda match: values[match.group()], empty))  # noqa: S308 (escaped above)
    return _render_panel(context, note, question_key, label)


def _render_panel(context, note, question_key: str, label: str) -> str:
    values = {
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
    panel = context.render_context.get(PANEL_TEMPLATE)
    if panel is None:
        panel = context.render_context[PANEL_TEMPLATE] = context.template.engine.get_template(PANEL_TEMPLATE)
    return panel.render(context.new(values))


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
