"""The step form on a small hand-made bank: every question type, "No sé" everywhere, conditions."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from assessments.forms import UNKNOWN_SUFFIX, SectionForm
from assessments.i18n_text import Text
from assessments.question_bank.types import Bank, Choice, Condition, Domain, Question, Section


def t(es: str) -> Text:
    return Text(es, es.upper())


def question(key: str, type_: str, **kwargs) -> Question:
    return Question(key=key, type=type_, section="s", text=t(key), help=None, domain=None, weight=0, **kwargs)


CHOICES = (Choice("a", t("A")), Choice("b", t("B")), Choice("no", t("Ninguno"), exclusive=True))
BANK = Bank(
    version="t",
    recommendations_version="t",
    domains=(Domain("d", t("d"), None, 1),),
    sections=(
        Section(
            key="s",
            title=t("Paso"),
            intro=None,
            questions=(
                question("gate", "single", choices=(Choice("yes", t("Sí")), Choice("no", t("No")))),
                question("many", "multi", choices=CHOICES, unknown=True),
                question("count", "number", minimum=0, maximum=10, unknown=True),
                question(
                    "rate",
                    "scale",
                    minimum=1,
                    maximum=5,
                    unknown=True,
                    scale_labels={"min": t("Nada"), "max": t("Mucho")},
                ),
                question("detail", "single", choices=CHOICES[:2], condition=Condition("gate", frozenset({"yes"}))),
            ),
        ),
    ),
    recommendations=(),
)
SECTION = BANK.sections[0]


def form(data: dict | None = None, stored: dict | None = None, **kwargs) -> SectionForm:
    query = None
    if data is not None:
        query = QueryDict(mutable=True)
        for key, value in {"revision": 0, **data}.items():
            query.setlist(key, value if isinstance(value, list) else [str(value)])
    return SectionForm(query, bank=BANK, section=SECTION, stored=stored or {}, lang="es-mx", **kwargs)


COMPLETE = {"gate": "no", "many": ["a", "b"], "count": 3, "rate": 4}


def test_a_complete_step_gives_canonical_values():
    f = form(COMPLETE)
    assert f.is_valid(), f.errors
    assert f.answers() == {"gate": "no", "many": ["a", "b"], "count": 3, "rate": 4}


def test_no_se_is_offered_on_every_type_that_allows_it():
    f = form({**COMPLETE, "many": ["unknown"], "count": "", f"count{UNKNOWN_SUFFIX}": "on", "rate": "unknown"})
    assert f.is_valid(), f.errors
    assert f.answers() == {"gate": "no", "many": "unknown", "count": "unknown", "rate": "unknown"}


def test_a_number_and_no_se_together_are_refused():
    f = form({**COMPLETE, f"count{UNKNOWN_SUFFIX}": "on"})
    assert not f.is_valid() and "no ambos" in str(f.errors["count"])


def test_a_number_or_no_se_is_required():
    f = form({**COMPLETE, "count": ""})
    assert not f.is_valid() and "count" in f.errors


@pytest.mark.parametrize("bad", [["no", "a"], ["unknown", "a"], ["zzz"]])
def test_invalid_multi_choices_are_refused(bad):
    assert "many" in form({**COMPLETE, "many": bad}).errors


def test_the_scale_shows_its_end_labels():
    html = str(form()["rate"])
    assert "1 · Nada" in html and "5 · Mucho" in html


def test_a_follow_up_is_hidden_until_its_gate_fits_and_revealed_by_the_post():
    assert form()["detail"].field.disabled
    f = form({**COMPLETE, "gate": "yes"})
    assert f.is_valid(), f.errors
    assert [q.key for q in f.revealed] == ["detail"] and "detail" not in f.answers()
    f = form({**COMPLETE, "gate": "yes", "detail": "b"})
    assert f.is_valid() and f.answers()["detail"] == "b" and not f.revealed


def test_stored_answers_fill_the_form():
    f = form(stored={"many": "unknown", "count": "unknown", "rate": 2})
    assert f.initial["many"] == ["unknown"] and f.initial[f"count{UNKNOWN_SUFFIX}"] is True
    assert f.initial["rate"] == 2


def test_going_back_accepts_a_half_answered_step():
    f = form({"gate": "no"}, partial=True)
    assert f.is_valid(), f.errors
    assert f.answers() == {"gate": "no", "many": None, "count": None, "rate": None}
