"""The note panel of a question without a note is rendered once per page and copied: the copies must be
exactly what rendering each panel on its own gives, whatever the question's key and label hold."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from assessments.models import Assessment
from deliverables.templatetags import deliverables_notes

PAGE = Template(
    "{% load deliverables_notes %}{% for key, label in questions %}"
    "{% note_panel notes key label %}<!--end-->{% endfor %}"
)
QUESTIONS = [
    ("q1", "¿Usan IA?"),
    ("q_2", '<script>alert("x")</script> & <b>'),
    ("q3", f"Etiqueta con {deliverables_notes._KEY_MARK} y {deliverables_notes._LABEL_MARK}"),
    ('k"<', "Una pregunta"),
]


def one_by_one(context_values: dict) -> list[str]:
    """Each panel rendered on its own through the panel template (the path notes take)."""
    context = Context(context_values)
    with context.bind_template(PAGE), context.render_context.push_state(PAGE):
        return [deliverables_notes._render_panel(context, None, key, label) for key, label in QUESTIONS]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_copied_empty_panels_equal_panels_rendered_one_by_one(lang):
    values = {"assessment": Assessment(pk=41), "csrf_token": "tok3n", "notes": {}, "questions": QUESTIONS}
    with translation.override(lang):
        copied = PAGE.render(Context(values)).split("<!--end-->")[:-1]
        expected = one_by_one(values)
    assert copied == expected
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in copied[1]
    assert "<script>" not in "".join(copied)
    # A label holding the stand-ins' text keeps it as typed: nothing is substituted twice.
    assert f"{deliverables_notes._KEY_MARK} y {deliverables_notes._LABEL_MARK}" in copied[2]
    assert 'id="nota-texto-k&quot;&lt;"' in copied[3]
    assert 'action="/' in copied[0] and "/41/" in copied[0]
    assert 'name="csrfmiddlewaretoken" value="tok3n"' in copied[0]
