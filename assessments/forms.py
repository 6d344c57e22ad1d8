"""The owner's forms: starting an assessment, and one dynamic form per questionnaire step.

A step form is built from the bank's section: radio buttons for single/yes-no/scale questions,
checkboxes for multi, a number box for numbers, "No sé" where the bank offers it. Values are
checked again by the bank (normalize_answer) so that the form and the services agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from assessments.question_bank.answers import AnswerError, is_visible, normalize_answer
from assessments.question_bank.types import UNKNOWN, Bank, Question, Section
from assessments.questionnaire import revealable_in_section, visible_in_section
from assessments.start_once import new_nonce
from assessments.validators import validate_visible_name

UNKNOWN_LABEL = _("No sé")
RESERVED_NAMES = {"revision", "nav", "csrfmiddlewaretoken"}
UNKNOWN_SUFFIX = "__unknown"
CHOICE_GROUP_TEMPLATE = "assessments/fields/choice_group.html"  # help text above the options
LONG_LIST = 12  # single-choice questions with more options than this use a drop-down


def error_links(form: forms.Form) -> list[dict[str, Any]]:
    """For an error summary: each field with an error, its label and the id to jump to."""
    links = []
    for name, errors in form.errors.items():
        if name not in form.fields or form.fields[name].widget.is_hidden:
            continue
        bound = form[name]
        choice = isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
        links.append(
            {"label": bound.label, "anchor": f"{bound.auto_id}_0" if choice else bound.auto_id, "errors": errors}
        )
    return links


class StartForm(forms.Form):
    company_name = forms.CharField(
        label=_("Nombre de su empresa"),
        max_length=200,
        help_text=_("Aparece en sus resultados y en el reporte. Puede ser el nombre comercial."),
        error_messages={"required": _("Escriba el nombre de su empresa.")},
        validators=[validate_visible_name],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("Correo electrónico (opcional)"),
        required=False,
        help_text=_("Si lo escribe, le enviamos ahí su enlace para continuar. No lo usamos para nada más."),
        error_messages={"invalid": _("Escriba un correo válido, por ejemplo nombre@empresa.mx, o déjelo vacío.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # One-time nonce of this rendering of the form: a double-click starts one assessment (start_once).
    start_nonce = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company_name"].strip = True
        if not self.is_bound:
            self.initial["start_nonce"] = new_nonce()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


def _lang_key(lang: str) -> str:
    return "en" if lang.lower().startswith("en") else "es"


def _choices(q: Question, lang: str) -> list[tuple[str, str]]:
    if q.type == "scale":
        labels = {q.minimum: q.scale_labels.get("min"), q.maximum: q.scale_labels.get("max")}
        choices = [
            (str(v), f"{v} · {labels[v].get(lang)}" if labels.get(v) else str(v))
            for v in range(q.minimum, q.maximum + 1)
        ]
    else:
        choices = [(c.value, c.label.get(lang)) for c in q.choices]
    return [*choices, (UNKNOWN, str(UNKNOWN_LABEL))] if q.unknown else choices


class ChoicesWithExclusive(forms.CheckboxSelectMultiple):
    """Checkboxes where some options ("None of these", "No sé") exclude the others.

    The options carry data-exclusive so that a small script can untick the rest; the server checks
    the rule anyway.
    """

    def __init__(self, *args: Any, exclusive: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.exclusive = exclusive

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.exclusive:
            option["attrs"]["data-exclusive"] = "true"
        return option


def _scale_value(value: str) -> int | str:
    return value if value == UNKNOWN else int(value)


def question_field(q: Question, lang: str) -> forms.Field:
    """The form field for one question (label, help text, choices in `lang`)."""
    common = {
        "label": q.text.get(lang),
        "help_text": escape(q.help.get(lang)) if q.help else "",  # crispy prints help text unescaped
        "required": q.required,
    }
    choice_errors = {
        "required": _("Elija una respuesta."),
        "invalid_choice": _("Esa opción no está en la lista. Elija una de las opciones que se muestran."),
    }
    if q.type == "multi":
        return forms.MultipleChoiceField(
            choices=_choices(q, lang),
            widget=ChoicesWithExclusive(
                exclusive=frozenset([c.value for c in q.choices if c.exclusive] + ([UNKNOWN] if q.unknown else []))
            ),
            error_messages={**choice_errors, "required": _("Marque al menos una opción.")},
            **common,
        )
    if q.type == "number":
        return forms.IntegerField(
            min_value=q.minimum,
            max_value=q.maximum,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages={"required": _("Escriba un número."), "invalid": _("Escriba un número entero.")},
            **common,
        )
    if q.type == "scale":
        return forms.TypedChoiceField(
            choices=_choices(q, lang),
            coerce=_scale_value,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages=choice_errors,
            **common,
        )
    choices = _choices(q, lang)
    if len(choices) > LONG_LIST:  # e.g. the 32 states: a drop-down is kinder than a page of radios
        return forms.ChoiceField(
            choices=[("", _("Elija una opción")), *choices], widget=forms.Select, error_messages=choice_errors, **common
        )
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, error_messages=choice_errors, **common)


def posted_values(questions: list[Question], data: Mapping[str, Any]) -> dict[str, Any]:
    """The raw values posted for these questions, enough to evaluate conditions on them."""
    values = {}
    for q in questions:
        raw = data.getlist(q.key) if q.type == "multi" and hasattr(data, "getlist") else data.get(q.key)
        values[q.key] = raw or None
    return values


class SectionForm(forms.Form):
    """One questionnaire step. Fields: the section's visible questions, plus hidden (disabled) ones
    that an answer in the same step may reveal; a hidden `revision` detects stale tabs.

    `stored` are the answers saved so far. On a POST, conditions are evaluated on the stored answers
    updated with the posted ones, so an answer given in this step shows or hides its follow-ups.
    `partial` (going back) makes every question optional: whatever was answered is kept.
    """

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        bank: Bank,
        section: Section,
        stored: Mapping[str, Any],
        lang: str,
        partial: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.bank, self.section, self.lang = bank, section, _lang_key(lang)
        self._number_required: dict[str, bool] = {}
        shown = {q.key for q in visible_in_section(bank, section, stored)}
        shown |= {q.key for q in revealable_in_section(bank, section, stored)}
        rendered = [q for q in section.questions if q.key in shown]
        effective = {**stored, **posted_values(rendered, self.data)} if self.is_bound else dict(stored)
        self.active = [q for q in rendered if is_visible(bank, q, effective)]
        # Just revealed by this post and not answered yet: shown again, not reported as missing.
        self.revealed = [
            q for q in self.active if self.is_bound and not is_visible(bank, q, stored) and q.key not in self.data
        ]
        for q in rendered:
            self._add_question(q, stored, hidden=q not in self.active, optional=partial or q in self.revealed)
        self.helper = self._helper(rendered)

    def _add_question(self, q: Question, stored: Mapping[str, Any], *, hidden: bool, optional: bool) -> None:
        if q.key in RESERVED_NAMES:
            raise ValueError(f"question key {q.key!r} clashes with a form field name")
        field = question_field(q, self.lang)
        if hidden:
            field.disabled = True  # not posted, not validated; a script enables it when it applies
        field.required = field.required and not (hidden or optional)
        self.fields[q.key] = field
        value = stored.get(q.key)
        if q.type == "number" and q.unknown:
            self._add_unknown_box(q, field, hidden=hidden, checked=value == UNKNOWN)
            value = None if value == UNKNOWN else value
        if value is not None:
            self.initial[q.key] = [value] if value == UNKNOWN and q.type == "multi" else value

    def _add_unknown_box(self, q: Question, field: forms.Field, *, hidden: bool, checked: bool) -> None:
        """A number box cannot say "No sé": a checkbox beside it does (the number is then optional)."""
        name = q.key + UNKNOWN_SUFFIX
        self.fields[name] = forms.BooleanField(label=UNKNOWN_LABEL, required=False, disabled=hidden)
        self.initial[name] = checked
        self._number_required[q.key] = field.required
        field.required = False

    def _helper(self, rendered: list[Question]) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        items = [Field("revision")]
        for q in rendered:
            attrs = {"css_id": f"q-{q.key}", "css_class": "question"}
            if q.condition and q.condition.question in self.fields:
                attrs["data_condition_question"] = q.condition.question
                attrs["data_condition_values"] = " ".join(sorted(q.condition.values))
            if q not in self.active:
                attrs["hidden"] = "hidden"
            if q.required and (q not in self.active or q in self.revealed):
                attrs["data_required_when_shown"] = "true"  # the script adds the "*" when it shows it
            fields = [Field(q.key, template=CHOICE_GROUP_TEMPLATE) if self._is_group(q.key) else Field(q.key)]
            if q.key + UNKNOWN_SUFFIX in self.fields:
                fields.append(Field(q.key + UNKNOWN_SUFFIX))
            items.append(Div(*fields, **attrs))
        helper.layout = Layout(*items)
        return helper

    def _is_group(self, name: str) -> bool:
        return isinstance(self.fields[name].widget, forms.RadioSelect | forms.CheckboxSelectMultiple)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for key, required in self._number_required.items():
            self._merge_unknown_box(key, required, cleaned)
        for q in self.active:
            if q.key in cleaned and cleaned[q.key] not in (None, "", []):
                self._check(q, cleaned)
        return cleaned

    def _merge_unknown_box(self, key: str, required: bool, cleaned: dict[str, Any]) -> None:
        if self.bank.question(key) not in self.active or key not in cleaned:
            return
        if cleaned.pop(key + UNKNOWN_SUFFIX, False):
            if cleaned[key] is not None:
                self.add_error(key, _("Escriba un número o marque «No sé», no ambos."))
            else:
                cleaned[key] = UNKNOWN
        elif cleaned[key] is None and required:
            self.add_error(key, _("Escriba un número o marque «No sé»."))

    def _check(self, q: Question, cleaned: dict[str, Any]) -> None:
        value = cleaned[q.key]
        if q.type == "multi" and UNKNOWN in value:
            if len(value) > 1:
                self.add_error(q.key, _("«No sé» no se puede combinar con otras opciones."))
                return
            value = UNKNOWN
        exclusive = [c for c in q.choices if c.exclusive and isinstance(value, list) and c.value in value]
        if exclusive and len(value) > 1:
            label = exclusive[0].label.get(self.lang)
            self.add_error(q.key, _("«%(choice)s» no se puede combinar con otras opciones.") % {"choice": label})
            return
        try:
            cleaned[q.key] = normalize_answer(q, value)
        except AnswerError:
            self.add_error(q.key, _("Esta respuesta no es válida para esta pregunta."))

    def answers(self) -> dict[str, Any]:
        """What to save: every question that applies and was shown; a blank optional one is cleared."""
        return {
            q.key: self.cleaned_data.get(q.key) if self.cleaned_data.get(q.key) not in ("", []) else None
            for q in self.active
            if q not in self.revealed
        }

    @property
    def tampered(self) -> bool:
        """The hidden revision is missing or garbled: the form did not come from our page."""
        return "revision" in self.errors
