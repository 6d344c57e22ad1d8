"""django-allauth adapter: after login, the dashboard, or the invitation this browser opened."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from firms.selectors import membership_for_user
from firms.services import PENDING_INVITATION_SESSION_KEY


class FirmAccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        # Someone who opened a colleague invitation and then logged in to an existing account without
        # a firm is asked to join; FirmSignupForm already joined those who signed up.
        if request.session.get(PENDING_INVITATION_SESSION_KEY) and membership_for_user(user=request.user) is None:
            return reverse("firms:invitation_join")
        return reverse("consultants:dashboard")
