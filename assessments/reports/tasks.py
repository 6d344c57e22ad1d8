"""Background task: the PDF is rendered by a queue worker (`manage.py db_worker`), never by a web worker.

django-tasks is the backport of Django 6's `django.tasks`; with Django ≥ 6 the same code runs on
the built-in framework. Imports go one way: services import this module to enqueue; the task body
imports services when it runs (never at import time), so there is no import cycle.
"""

from __future__ import annotations

try:
    from django.tasks import task  # Django 6+
except ImportError:  # Django 5.2: the django-tasks backport
    from django_tasks import task


@task()
def render_report(report_id: int) -> None:
    """Render RenderedReport `report_id`; the render itself runs in a child process with a time limit."""
    from assessments.reports.services import report_render

    report_render(report_id=report_id)
