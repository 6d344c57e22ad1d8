"""Background task: automatic reminders to owners who stopped answering (run by `manage.py db_worker`).

Each live invitation has one chain of checks: a check sends a reminder when the owner made no progress
for the firm's `reminder_days`, then queues the next check. The chain ends when the owner submits, the
link is revoked, renewed (a new chain starts), expires, or the firm's maximum is reached.
"""

from __future__ import annotations

try:
    from django.tasks import task  # Django 6+
except ImportError:  # Django 5.2: the django-tasks backport
    from django_tasks import task


@task()
def invitation_reminder_check(invitation_id: int, generation: str, base_url: str) -> bool:
    """Check one invitation; True when a reminder was sent. `generation` names the link, not its secret."""
    from consultants.services import invitation_reminder_run  # services import this module lazily too

    return invitation_reminder_run(invitation_id=invitation_id, generation=generation, base_url=base_url)
