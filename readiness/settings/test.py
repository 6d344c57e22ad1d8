"""The test suite: production settings with a throwaway key and test conveniences."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from readiness.settings.production import *  # noqa: E402,F403
from readiness.settings.production import BASE_DIR, STORAGES  # noqa: E402

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Media on the local disk even where the environment names a bucket: tests never write to a real one
# (tests/test_deploy_s3.py points the storage at its own S3 emulator).
STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
MEDIA_ROOT = BASE_DIR / ".test-media"
# Serve static files straight from the app folders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
