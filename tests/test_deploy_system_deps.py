"""`make test` / `make run` on a machine without the system packages: stop at once with the one command."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _machine_without_pango(tmp_path) -> dict:
    """A non-root user on a Debian without the PDF libraries: `id -u` says 1000, ldconfig knows no Pango."""
    shims = tmp_path / "bin"
    shims.mkdir()
    (shims / "id").write_text("#!/bin/sh\necho 1000\n")
    (shims / "ldconfig").write_text("#!/bin/sh\necho 'libc.so.6 (libc6,x86-64) => /lib/libc.so.6'\n")
    for shim in shims.iterdir():
        shim.chmod(0o755)
    return {**os.environ, "PATH": f"{shims}:{os.environ['PATH']}"}


def test_make_test_stops_before_running_anything_and_names_the_command(tmp_path):
    proc = subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", "test"],  # noqa: S607
        cwd=ROOT,
        env=_machine_without_pango(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "sudo apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0" in proc.stderr
    assert "pytest" not in proc.stdout  # stopped before the suite, not half-way through it


def test_make_run_asks_only_for_what_serving_needs(tmp_path):
    env = _machine_without_pango(tmp_path)
    proc = subprocess.run(  # noqa: S603
        ["sh", "scripts/system-deps.sh", "run"],  # noqa: S607
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "libharfbuzz-subset0" in proc.stderr
    assert "chromium" not in proc.stderr and "libreoffice" not in proc.stderr  # test-only packages


def test_a_complete_machine_passes_silently():
    proc = subprocess.run(  # noqa: S603
        ["sh", "scripts/system-deps.sh", "test"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr  # this machine runs the suite: everything is installed
    assert proc.stdout == proc.stderr == ""
