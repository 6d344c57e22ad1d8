"""A server: gunicorn (readiness.wsgi), `manage.py db_worker` and `manage.py migrate`.

DEBUG stays off unless DEBUG=1 is set on purpose; the process refuses to start without a real
SECRET_KEY. HTTPS everywhere: HSTS, secure cookies, redirect to https.
"""

from django.core.exceptions import ImproperlyConfigured

from readiness.settings.base import *  # noqa: F403
from readiness.settings.base import SECRET_KEY, env

DEBUG = env.bool("DEBUG", default=False)
if len(SECRET_KEY) < 32 or SECRET_KEY.startswith(("dev-only", "django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value in production (e.g. the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
    )

# Only behind a proxy that sets this header itself (and strips it from clients): "HTTP_X_FORWARDED_PROTO,https".
if _proxy_ssl := env.tuple("SECURE_PROXY_SSL_HEADER", default=()):
    SECURE_PROXY_SSL_HEADER = _proxy_ssl
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer probes the health URLs over plain http on the private network: answer, don't redirect.
SECURE_REDIRECT_EXEMPT = [r"^salud/"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
