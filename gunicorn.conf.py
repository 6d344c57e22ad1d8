"""gunicorn's settings for CiberListo PyME: `gunicorn` (or `make serve`) reads this file from the project root.

Everything a deployment changes comes from the environment (see docs/DEPLOY.md):
GUNICORN_BIND (default 127.0.0.1:8000: behind nginx/Caddy on the same machine), WEB_CONCURRENCY (worker
processes, default 2; about 2 per core, each ~100 MB resident), GUNICORN_TIMEOUT and FORWARDED_ALLOW_IPS
(gunicorn reads it itself: the proxies trusted for X-Forwarded-* headers).
"""

import os

wsgi_app = "readiness.wsgi:application"  # production settings unless DJANGO_SETTINGS_MODULE says otherwise
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Sync workers by default: GUNICORN_THREADS > 1 switches to gthread. Measured with logins under way
# (docs/PERFORMANCE.md, "Carga bajo gunicorn"): no clear gain in p99, a worse median and worst case, and
# `timeout` then no longer kills a stuck request, only a stuck process.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A page answers in well under a second; PDFs render in the report worker, never here. A worker stuck
# this long is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycling workers after N requests guards against a slow leak, at the price of a worker booting
# (~1 s) in the middle of traffic; off unless GUNICORN_MAX_REQUESTS is set (no leak is known).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")  # stdout: journald or the container log
errorlog = "-"
# gunicorn's control socket (gunicornc) only where asked for: its default path is per user, so two
# instances on one machine would fight over it.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "") or "gunicorn.ctl"
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
# Resume tokens travel in owners' URLs: the access log writes them redacted.
logger_class = "readiness.redact.GunicornLogger"


def post_worker_init(worker):
    """Each worker, its application loaded: load what it keeps for life and freeze it out of the garbage
    collector's full collections (~100 ms each otherwise; see readiness/warm.py)."""
    from readiness.warm import warm_and_freeze

    worker.log.info("worker %s: %d objects frozen", worker.pid, warm_and_freeze())
