"""A web worker, once its application is loaded: load now what it keeps for its whole life, then move
all of it out of the cyclic garbage collector's sight (`gc.freeze()`).

Why: a worker holds about 135,000 objects after start-up (modules, models, URL patterns, compiled
templates, translation catalogues). Python's collector walks all of them on every full collection,
about 100 ms on a small server, and whichever request is running then waits: that was the tail of
every page's latency under load. Frozen, they are never walked again; a full collection looks only at
what was made since, and takes well under a millisecond. Nothing is disabled: reference counting and
the collector keep freeing garbage as before. gunicorn.conf.py calls `warm_and_freeze` in each worker.
"""

from __future__ import annotations

import gc

# The pages most requests render: compiled once here, kept by Django's cached template loader.
TEMPLATES = (
    "base.html",
    "assessments/landing.html",
    "assessments/step.html",
    "assessments/review.html",
    "assessments/results.html",
    "consultants/dashboard.html",
    "consultants/client_detail.html",
    "consultants/assessment_detail.html",
)


def warm_and_freeze() -> int:
    """Import every view, compile the main templates, load every language's catalogue, then freeze.

    Returns how many objects are now frozen.
    """
    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import reverse
    from django.utils import translation

    reverse("assessments:landing")  # builds the URL resolver: every view module is imported
    for name in TEMPLATES:
        get_template(name)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Sí")  # loads and caches the language's merged catalogue
    gc.collect()  # what start-up left as garbage goes first, so it is not kept forever
    gc.freeze()
    return gc.get_freeze_count()
