"""Forms of the consultant's workspace: a client company, and the e-mail of an owner invitation."""

from __future__ import annotations

import secrets
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assessments.catalog import current_bank
from assessments.models import Organization
from assessments.validators import validate_visible_name
from consultants.services import has_visible_character

PHONE_CHARACTERS = set("0123456789 +-().")
INVALID_CHOICE = _("Elija una de las opciones de la lista.")


def _bank_choices(question_key: str) -> list[tuple[str, str]]:
    """The options of a profile question of the bank (sector, state), so both speak the same values."""
    lang = "en" if (get_language() or "").startswith("en") else "es"
    question = current_bank().question(question_key)
    return [("", _("— Elija una opción —")), *((c.value, c.label.get(lang)) for c in question.choices)]


class ClientForm(forms.ModelForm):
    """A client company. On creation it carries a one-time token so a double submit creates one company."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Organization
        fields = ["name", "size_band", "sector", "state", "contact_name", "contact_email", "contact_phone"]
        labels = {
            "name": _("Nombre de la empresa"),
            "size_band": _("Tamaño"),
            "sector": _("Sector"),
            "state": _("Estado"),
            "contact_name": _("Persona de contacto"),
            "contact_email": _("Correo de contacto"),
            "contact_phone": _("Teléfono de contacto"),
        }
        help_texts = {
            "name": _("Como la conoce su cliente; aparece en el reporte."),
            "contact_email": _("Ahí enviamos la invitación, salvo que escriba otro correo al invitar."),
            "contact_phone": _("Diez dígitos, p. ej. 33 1234 5678. Con él, WhatsApp abre el chat de esta persona."),
        }
        error_messages = {
            "name": {"required": _("Escriba el nombre de la empresa."), "max_length": _("Use 200 caracteres o menos.")},
            "contact_email": {"invalid": _("Escriba un correo válido, por ejemplo nombre@empresa.mx, o déjelo vacío.")},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["size_band"].choices = [("", _("— Elija una opción —")), *Organization.Size.choices]
        self.fields["contact_name"].validators.append(validate_visible_name)  # clean_name checks "name"
        for name, key in (("sector", "sector"), ("state", "state")):
            choices = _bank_choices(key)
            current = getattr(self.instance, name, "")
            if current and current not in {value for value, _label in choices}:
                choices.append((current, current))  # a value from before the list: keep it, don't lose it
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label, choices=choices, required=False, initial=current
            )
        for name in ("size_band", "sector", "state"):
            self.fields[name].error_messages["invalid_choice"] = INVALID_CHOICE
        if not self.instance.pk and not self.is_bound:
            self.initial["form_token"] = secrets.token_urlsafe(16)
        if self.instance.pk:
            del self.fields["form_token"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("name"),
            Div(
                Div(Field("size_band"), css_class="col-md-4"),
                Div(Field("sector"), css_class="col-md-4"),
                Div(Field("state"), css_class="col-md-4"),
                css_class="row",
            ),
            Field("contact_name"),
            Div(
                Div(Field("contact_email"), css_class="col-md-6"),
                Div(Field("contact_phone"), css_class="col-md-6"),
                css_class="row",
            ),
            *(["form_token"] if "form_token" in self.fields else []),
        )

    def clean_name(self) -> str:
        name = (self.cleaned_data.get("name") or "").strip()
        if not has_visible_character(name):
            raise forms.ValidationError(_("Escriba el nombre de la empresa (con al menos una letra o número)."))
        return name

    def clean_contact_phone(self) -> str:
        phone = (self.cleaned_data.get("contact_phone") or "").strip()
        if not phone:
            return ""
        digits = sum(ch.isdigit() for ch in phone)
        if not set(phone) <= PHONE_CHARACTERS or not 8 <= digits <= 15:
            raise forms.ValidationError(
                _("Escriba un teléfono de 10 dígitos, p. ej. 33 1234 5678 (o +52 33 1234 5678), o déjelo vacío.")
            )
        return phone

    def organization_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class InvitationEmailForm(forms.Form):
    """The address that receives the owner's link; empty means the company's contact e-mail (or none)."""

    email = forms.EmailField(
        label=_("Correo de la persona dueña (opcional)"),
        required=False,
        error_messages={"invalid": _("Escriba un correo válido, por ejemplo nombre@empresa.mx, o déjelo vacío.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args: Any, organization: Organization | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organization is not None and organization.contact_email and not self.is_bound:
            self.initial.setdefault("email", organization.contact_email)
