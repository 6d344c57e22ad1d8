"""Sign-up of a new firm (its first admin) or of an invited colleague; the firm's settings, logo and members."""

from __future__ import annotations

import re

from allauth.account.forms import LoginForm
from allauth.core import context
from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from assessments.validators import validate_logo, validate_visible_name
from firms import services
from firms.models import LOGO_EXTENSIONS, Firm, Membership


def pending_invitation(request):
    """The colleague invitation this browser opened, if it is still valid."""
    invitation_id = request.session.get(services.PENDING_INVITATION_SESSION_KEY) if request else None
    if not invitation_id:
        return None
    try:
        return services.firm_invitation_get_valid(invitation_id=invitation_id)
    except services.InvitationInvalid:
        return None


class FirmSignupForm(forms.Form):
    """Extra sign-up fields (django-allauth's ACCOUNT_SIGNUP_FORM_CLASS)."""

    firm_name = forms.CharField(
        label=_("Nombre de su firma consultora"),
        max_length=200,
        help_text=_("Usted será su administrador y podrá invitar a sus colegas."),
        validators=[validate_visible_name],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = pending_invitation(context.request)
        if self.invitation is not None:
            del self.fields["firm_name"]  # joins the inviting firm
            if "email" in self.fields:
                self.fields["email"].initial = self.invitation.email

    def signup(self, request, user) -> None:
        if self.invitation is not None:
            services.firm_invitation_accept(invitation=self.invitation, user=user)
            request.session.pop(services.PENDING_INVITATION_SESSION_KEY, None)
        else:
            services.firm_create(name=self.cleaned_data["firm_name"], admin_user=user)


HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class FirmSettingsForm(forms.ModelForm):
    """Name, branding colour and contact line, reminders and the MFA rule (the logo has its own form).

    The colour comes as text and from an `<input type="color">`; without JavaScript to keep them in
    sync, whichever of the two the person changed wins.
    """

    brand_color_picker = forms.CharField(
        label=_("Elegir el color"),
        required=False,
        widget=forms.TextInput(attrs={"type": "color", "class": "form-control form-control-color"}),
    )

    class Meta:
        model = Firm
        fields = [
            "name",
            "brand_color",
            "brand_color_picker",
            "contact_line",
            "reminder_days",
            "reminder_max",
            "mfa_required",
        ]
        labels = {"brand_color": _("Color de la marca (texto #RRGGBB)")}
        help_texts = {
            "brand_color": _("Se usa en la portada y los títulos del reporte, p. ej. #0b4f8a."),
            "reminder_days": _("Entre 1 y 60 días; se recuerda al dueño que no ha avanzado en ese tiempo."),
        }
        widgets = {
            "brand_color": forms.TextInput(attrs={"pattern": "#[0-9a-fA-F]{6}", "autocomplete": "off", "size": 8}),
            "reminder_days": forms.NumberInput(attrs={"min": 1, "max": 60}),
            "reminder_max": forms.NumberInput(attrs={"min": 0, "max": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.saved_color = (self.instance.brand_color or "").lower()
        self.fields["brand_color_picker"].initial = self.saved_color
        self.fields["name"].widget.attrs["autocomplete"] = "organization"
        self.fields["name"].validators.append(validate_visible_name)

    def clean_brand_color(self) -> str:
        text = (self.cleaned_data.get("brand_color") or "").strip().lower()
        picked = (self.data.get(self.add_prefix("brand_color_picker")) or "").strip().lower()
        if text == self.saved_color and HEX_COLOR.match(picked) and picked != self.saved_color:
            text = picked  # only the colour picker was changed
        if not HEX_COLOR.match(text):
            raise forms.ValidationError(_("Use un color en formato #RRGGBB, p. ej. #0b4f8a."), code="color")
        return text


def validate_logo_upload(upload) -> None:
    """The extension first, then the content: one clear message in the user's language, never two.

    (Django's own extension message is long, technical and, in its Spanish catalogue, misspelt.)
    """
    FileExtensionValidator(LOGO_EXTENSIONS, message=_("El logotipo debe ser PNG o JPEG."))(upload)
    validate_logo(upload)


class FirmLogoForm(forms.Form):
    logo = forms.FileField(
        label=_("Nuevo logotipo"),
        required=False,
        validators=[validate_logo_upload],
        help_text=_("PNG o JPEG (.png, .jpg, .jpeg), hasta 1 MB y 2000 × 2000 píxeles."),
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,image/png,image/jpeg"}),
    )
    remove = forms.BooleanField(label=_("Quitar el logotipo actual"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("logo") and not cleaned.get("remove"):
            raise forms.ValidationError(_("Elija un archivo PNG o JPEG, o marque «Quitar el logotipo actual»."))
        return cleaned


class FirmInvitationForm(forms.Form):
    email = forms.EmailField(label=_("Correo de su colega"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(label=_("Rol"), choices=Membership.Role.choices, initial=Membership.Role.CONSULTANT)


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Membership.Role.choices)


class FirmLoginForm(LoginForm):
    """django-allauth's login form, with a label that says what to type (ACCOUNT_FORMS["login"])."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Usuario o correo electrónico")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)
