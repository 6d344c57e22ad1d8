# Two entry points: `make run` (set up everything and serve) and `make test` (the whole suite).
# `make serve` runs the production stack locally (gunicorn + report worker, production settings).
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
DEV_ENV := DJANGO_SETTINGS_MODULE=readiness.settings.local
SYSTEM_DEPS := VENV=$(VENV) PYTHON=$(PYTHON) sh scripts/system-deps.sh

.PHONY: run test serve install migrate system-deps-run system-deps-test lint bench clean

# System packages first (Pango for PDFs; browsers, LibreOffice... for tests): installed as root with
# apt-get, otherwise a clear stop with the one command to run, never a failure half-way.
system-deps-run:
	@$(SYSTEM_DEPS) run

system-deps-test:
	@$(SYSTEM_DEPS) test

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: system-deps-run install
	$(DEV_ENV) $(PY) manage.py migrate --noinput

# The report worker (django-tasks' db_worker) renders PDFs beside the web server; both stop together.
run: system-deps-run migrate
	$(DEV_ENV) $(PY) manage.py seed_demo
	$(DEV_ENV) $(PY) manage.py db_worker --no-reload --no-startup-delay & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: system-deps-test install
	$(PY) -m pytest

# The production stack on this machine, over plain http on 127.0.0.1:8000 (no TLS here, so no https
# redirect or HSTS): production settings, collected static files served by whitenoise, gunicorn with
# WEB_CONCURRENCY workers (gunicorn.conf.py) and one report worker, a cache shared by the workers.
# Without a SECRET_KEY in the environment a throwaway one is made (sessions end when it stops).
# A server runs the same commands as services: see docs/DEPLOY.md.
SERVE_ENV := DJANGO_SETTINGS_MODULE=readiness.settings.production \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 \
	CACHE_URL=$${CACHE_URL:-filecache://$(CURDIR)/.serve-cache} \
	EMAIL_BACKEND=$${EMAIL_BACKEND:-readiness.redact.RedactingConsoleEmailBackend} \
	SITE_URL=$${SITE_URL:-http://127.0.0.1:8000}

serve: system-deps-run install
	@export SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}"; \
	export $(SERVE_ENV); \
	set -e; \
	$(PY) manage.py collectstatic --noinput -v 0; \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py seed_demo; \
	$(PY) manage.py db_worker --no-reload --no-startup-delay & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn -c gunicorn.conf.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .hypothesis .test-media .serve-cache
