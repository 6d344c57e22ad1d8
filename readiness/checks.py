"""System checks about how the site is deployed (`manage.py check`, also run by `migrate`)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Caches that live inside one process: every gunicorn worker would count on its own.
PROCESS_LOCAL_CACHES = {"django.core.cache.backends.locmem.LocMemCache"}
GUNICORN_DEFAULT_WORKERS = 2  # gunicorn.conf.py: WEB_CONCURRENCY, else 2


def web_processes() -> int:
    """How many processes will serve requests: WEB_CONCURRENCY, else gunicorn's 2 outside development."""
    raw = os.environ.get("WEB_CONCURRENCY", "").strip()
    if raw.isdigit():
        return int(raw)
    return 1 if settings.DEBUG else GUNICORN_DEFAULT_WORKERS


@register(Tags.caches)
def shared_cache_check(app_configs=None, **kwargs) -> list[Warning]:
    """W001: rate limits and login throttling count in the default cache; several processes must share it."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    processes = web_processes()
    if backend not in PROCESS_LOCAL_CACHES or processes < 2:
        return []
    return [
        Warning(
            f"The default cache is local to each process ({backend}) but {processes} processes will serve "
            "requests: rate limits and login throttling would not be shared between them.",
            hint="Set CACHE_URL to a shared cache (redis://127.0.0.1:6379/0, or filecache:///var/cache/ciberlisto "
            "on a single machine), or WEB_CONCURRENCY=1.",
            id="readiness.W001",
        )
    ]


PRIVACY_SETTINGS = ("PRIVACY_CONTROLLER_NAME", "PRIVACY_CONTROLLER_ADDRESS", "PRIVACY_CONTACT_EMAIL")


@register(Tags.security, deploy=True)
def privacy_notice_check(app_configs=None, **kwargs) -> list[Warning]:
    """W002: on a server the privacy notice must name who is responsible for the data (LFPDPPP art. 16)."""
    missing = [name for name in PRIVACY_SETTINGS if not getattr(settings, name, "")]
    if not missing:
        return []
    return [
        Warning(
            f"The privacy notice prints placeholders: {', '.join(missing)} not set.",
            hint="Set them in the environment (docs/DEPLOY.md): the notice is shown where data is collected.",
            id="readiness.W002",
        )
    ]
