"""Production settings come from the environment and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, **env},
    )


def test_production_refuses_to_start_without_a_secret_key():
    proc = manage("check", DJANGO_SETTINGS_MODULE="readiness.settings.production")
    assert proc.returncode != 0
    assert "SECRET_KEY must be set" in proc.stderr


def test_production_refuses_the_development_key():
    proc = manage(
        "check",
        DJANGO_SETTINGS_MODULE="readiness.settings.production",
        SECRET_KEY="dev-only-insecure-key-do-not-use-in-production",
    )
    assert proc.returncode != 0
    assert "SECRET_KEY must be set" in proc.stderr


def test_a_configured_machine_runs_manage_py_without_debug():
    """`manage.py migrate` / `db_worker` on a server (SECRET_KEY in its environment) is production."""
    key = "a-long-random-production-key-" + "x7Q9" * 10
    proc = manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.SETTINGS_MODULE)",
        SECRET_KEY=key,
        ALLOWED_HOSTS="ciberlisto.mx",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "readiness.settings.production"]


def test_a_checkout_without_configuration_runs_manage_py_in_development():
    proc = manage(
        "shell", "-v", "0", "-c", "from django.conf import settings; print(settings.DEBUG, settings.SETTINGS_MODULE)"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "readiness.settings.local"]


def test_the_wsgi_entry_point_is_production_by_default():
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import readiness.wsgi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=clean,
    )
    assert proc.returncode != 0
    assert "SECRET_KEY must be set" in proc.stderr


def test_command_line_tools_work_on_a_fresh_checkout_without_configuration(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text('{"answers": {"uses_ai": "yes"}}', encoding="utf-8")
    proc = manage("score", str(answers))
    assert proc.returncode == 0, proc.stderr
    assert '"overall"' in proc.stdout


PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-key-" + "x7Q9" * 10,
    "ALLOWED_HOSTS": "ciberlisto.mx",
    "CACHE_URL": "redis://127.0.0.1:6379/0",  # several gunicorn workers share one cache (readiness.W001)
    "PRIVACY_CONTROLLER_NAME": "CiberListo PyME, S.A. de C.V.",
    "PRIVACY_CONTROLLER_ADDRESS": "Av. Reforma 1, Ciudad de México",
    "PRIVACY_CONTACT_EMAIL": "privacidad@ciberlisto.mx",
}


def test_check_deploy_is_clean_with_production_settings():
    proc = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert proc.returncode == 0, proc.stderr
    assert "no issues" in proc.stdout


def test_check_deploy_warns_when_the_privacy_notice_would_print_placeholders():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "PRIVACY_CONTROLLER_ADDRESS"}
    proc = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert proc.returncode != 0
    assert "readiness.W002" in proc.stderr
    assert "PRIVACY_CONTROLLER_ADDRESS" in proc.stderr


def test_debug_mode_runs_without_configuration():
    assert manage("check").returncode == 0
