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
        env={**clean, "DJANGO_SETTINGS_MODULE": "readiness.settings", **env},
    )


def test_production_refuses_to_start_without_a_secret_key():
    proc = manage("check", DEBUG="0")
    assert proc.returncode != 0
    assert "SECRET_KEY must be set" in proc.stderr


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


def test_check_deploy_is_clean_with_production_settings():
    proc = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-key-" + "x7Q9" * 10,
        ALLOWED_HOSTS="ciberlisto.mx",
    )
    assert proc.returncode == 0, proc.stderr
    assert "no issues" in proc.stdout


def test_debug_mode_runs_without_configuration():
    assert manage("check", DEBUG="1").returncode == 0
