"""Background tasks of the deliverables: an approved version's files are rendered by the queue worker.

Same pattern as assessments/reports/tasks.py: the PDF renders in a child process with a time limit,
and the task body imports services when it runs (services enqueue; no import cycle).
"""

from __future__ import annotations

try:
    from django.tasks import task  # Django 6+
except ImportError:  # Django 5.2: the django-tasks backport
    from django_tasks import task


@task()
def render_report_version(version_id: int) -> None:
    """Render and store the files of ReportVersion `version_id` that are still missing."""
    from deliverables.services.versions import report_version_render

    report_version_render(version_id=version_id)
