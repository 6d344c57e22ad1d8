"""A developer's checkout: DEBUG, a development key, console e-mail, static files from the app folders.

Chosen by `manage.py` when the environment holds no SECRET_KEY (see manage.py), and by `make run`.
Never for a server: gunicorn, `db_worker` and `migrate` there use readiness.settings.production.
"""

from readiness.settings.base import *  # noqa: F403
from readiness.settings.base import STORAGES, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="readiness.redact.RedactingConsoleEmailBackend")  # links cut
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
