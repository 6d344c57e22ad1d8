"""Settings of the `db_worker` subprocesses that tests/reports/test_queue.py starts: the test settings,
the database queue, and the test's own media folder (passed in the environment)."""

import os

from readiness.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MEDIA_ROOT = os.environ["REPORTS_TEST_MEDIA_ROOT"]
