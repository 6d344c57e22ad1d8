"""Sign-up of a new firm (its first admin), or of a colleague who follows an invitation link."""

from __future__ import annotations

from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _

from firms import services


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
