"""The health endpoint (django-health-check): /salud/ for monitoring, /salud/web/ for a load balancer.

Both answer 200 when every piece works, 500 naming the broken piece otherwise (`?format=json` or
`Accept: application/json` for machines). Messages name the piece and the failure, never a host,
password or key.
"""

from __future__ import annotations

import dataclasses
import datetime

from asgiref.sync import sync_to_async
from django.db import DatabaseError
from django.db.models import Q
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

# A report renders in seconds: one still waiting after this long means no db_worker is taking work.
QUEUE_MAX_WAIT = datetime.timedelta(minutes=15)


@dataclasses.dataclass
class ReportQueue(HealthCheck):
    """The report queue (django-tasks' database backend) answers and no task has waited far too long."""

    max_wait: datetime.timedelta = dataclasses.field(default=QUEUE_MAX_WAIT, repr=False)

    async def run(self) -> None:
        # The request's thread (thread_sensitive): the same database connection as the rest of the request.
        waiting = await sync_to_async(self.stale_task_count)()
        if waiting:
            minutes = int(self.max_wait.total_seconds() // 60)
            raise ServiceUnavailable(
                f"{waiting} report task(s) waiting more than {minutes} minutes: is a db_worker running?"
            )

    def stale_task_count(self) -> int:
        from django_tasks import task_backends
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult, get_date_max

        if not isinstance(task_backends["default"], DatabaseBackend):
            return 0  # tasks run inline (immediate backend): there is no queue to fall behind
        cutoff = timezone.now() - self.max_wait
        try:
            return (
                DBTaskResult.objects.filter(status="READY", enqueued_at__lt=cutoff)
                .filter(Q(run_after=get_date_max()) | Q(run_after__lt=cutoff))
                .count()
            )
        except DatabaseError as exc:
            raise ServiceUnavailable("report queue table unreachable") from exc


WEB_CHECKS = (
    "health_check.checks.Database",
    "health_check.checks.Cache",
    "health_check.checks.Storage",
)
ALL_CHECKS = (*WEB_CHECKS, ReportQueue)


class HealthView(HealthCheckView):
    """Everything the site needs, the report queue included (for monitoring and alerts)."""

    checks = ALL_CHECKS


class WebHealthView(HealthCheckView):
    """What one web process needs to serve pages: a stalled queue must not take every web server out."""

    checks = WEB_CHECKS
