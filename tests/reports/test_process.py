"""The render process: a warm child that is killed when a render runs past its time limit."""

from __future__ import annotations

import os

import pytest

from assessments.reports import resources
from assessments.reports.process import RenderProcess, RenderTimeout

TINY = '<html lang="es"><head><title>t</title></head><body><p>Hola</p></body></html>'
HEAVY = '<html lang="es"><body><table>' + "<tr><td>celda larga de texto</td></tr>" * 20000 + "</table></body></html>"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a killed child not yet reaped is a zombie: dead for our purpose
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture
def renderer():
    process = RenderProcess()
    yield process
    process.stop()


def render(process, html, timeout):
    return process.render(
        html, base_url=resources.stylesheet_uri(), allowed_roots=resources.allowed_roots(), timeout=timeout
    )


def test_renders_in_a_separate_process_and_reuses_it(renderer):
    first = render(renderer, TINY, 30)
    pid = renderer.pid
    assert first.pdf.startswith(b"%PDF") and pid != os.getpid()
    assert first.peak_rss_kib > 10_000
    render(renderer, TINY, 30)
    assert renderer.pid == pid  # warm: no new process per render


def test_the_render_process_yields_the_cpu_to_web_workers(renderer):
    render(renderer, TINY, 30)
    assert os.getpriority(os.PRIO_PROCESS, renderer.pid) >= min(19, os.getpriority(os.PRIO_PROCESS, 0) + 10)


def test_a_render_past_the_time_limit_is_killed_and_the_next_one_works(renderer):
    render(renderer, TINY, 30)
    pid = renderer.pid
    with pytest.raises(RenderTimeout):
        render(renderer, HEAVY, 0.3)
    assert not _alive(pid)
    assert renderer.pid is None
    assert render(renderer, TINY, 30).pdf.startswith(b"%PDF")
    assert renderer.pid != pid


def test_stop_ends_the_child(renderer):
    render(renderer, TINY, 30)
    pid = renderer.pid
    renderer.stop()
    assert not _alive(pid) and renderer.pid is None


def test_web_processes_never_load_weasyprint():
    """Views, services and tasks import without WeasyPrint: only the render process loads it."""
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import django, sys; django.setup(); import readiness.urls, assessments.reports.tasks, "
        "assessments.reports.cache as c; c.design_fingerprint(); print('weasyprint' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "readiness.settings.test"}
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_a_large_parent_does_not_make_the_child_look_large(renderer):
    # ru_maxrss survives exec on Linux: a child of a 500 MiB parent must still report its own size,
    # or it would be recycled after every render.
    ballast = bytearray(500 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page so it is resident
    render(renderer, TINY, 60)
    assert renderer.pid is not None, "the child was recycled after one render"
    del ballast
