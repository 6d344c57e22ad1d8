"""The public methodology page: what the study is, its limits, and how the score is computed."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from assessments.catalog import current_benchmarks
from assessments.presenters import study_source
from assessments.scoring import SCORING_VERSION


@require_http_methods(["GET", "HEAD"])
def methodology(request):
    context = {
        "study": study_source(get_language() or "es"),
        "scoring_version": SCORING_VERSION,
        "benchmarks_version": current_benchmarks().version,
    }
    return render(request, "assessments/methodology.html", context)
