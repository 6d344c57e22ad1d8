"""Firm administration pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def mfa_required(request):
    """The firm requires two-step verification: explain, and link to the set-up page."""
    return render(request, "firms/mfa_required.html")
