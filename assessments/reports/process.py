"""The render process: a warm child process that turns HTML into PDF, killed if it runs too long.

Why a separate process: a render is CPU-bound for about a second and a pathological document could
run for much longer; killing a process is the only reliable time limit (WeasyPrint spends much of
its time in C libraries that a Python signal cannot interrupt). Why one long-lived child rather than
one per render: a fresh process pays for imports, fonts and memory page faults every time, which
made renders about 30% slower. The child is a plain `python -m assessments.reports.process`: it
never loads Django, the settings or the database connection; it only receives HTML, a base URL and
the directories it may read, and sends back PDF bytes. No Django import in this module either.

Protocol (multiprocessing.connection framing over the child's stdin/stdout): the parent sends a
JSON job, the child answers with a JSON header and, when the header says "ok", the PDF bytes.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RECYCLE_AFTER_RENDERS = 200  # start a fresh child now and then, in case anything accumulates
RECYCLE_ABOVE_RSS_KIB = 400 * 1024  # ...or once it has grown past this
START_TIMEOUT = 60.0  # seconds for a new child to import WeasyPrint and warm up


class RenderError(RuntimeError):
    """The PDF could not be produced."""


class RenderTimeout(RenderError):
    """The render ran past its time limit; the child was killed."""


@dataclass(frozen=True)
class RenderedPDF:
    pdf: bytes
    seconds: float  # wall time of the render, as seen by the caller
    peak_rss_kib: int  # peak resident memory of the render process so far


def _peak_rss_kib() -> int:
    """Peak resident memory of this process's own image.

    On Linux, getrusage's ru_maxrss survives execve: a child started by a large parent (a worker or
    a test run of several hundred MiB) would report the parent's size and be recycled after every
    render. VmHWM in /proc/self/status belongs to the new image only.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])  # kB
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KiB on Linux


class RenderProcess:
    """One child process that renders jobs in turn. Thread-safe; starts again after a kill."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: subprocess.Popen | None = None
        self._send: Connection | None = None
        self._recv: Connection | None = None
        self._renders = 0
        self._peak = 0

    @property
    def pid(self) -> int | None:
        return self._child.pid if self._child is not None else None

    def render(
        self,
        html: str,
        *,
        base_url: str,
        allowed_roots: Sequence[str | Path],
        timeout: float,
        stylesheets: Sequence[str] = (),
    ) -> RenderedPDF:
        roots = [str(root) for root in allowed_roots]
        sheets = [str(url) for url in stylesheets]
        with self._lock:
            self._ensure_started(base_url, roots, sheets)
            started = time.perf_counter()
            try:
                job = {"html": html, "base_url": base_url, "roots": roots, "stylesheets": sheets}
                self._send.send_bytes(json.dumps(job).encode())
                if not self._recv.poll(timeout):
                    self._kill()
                    raise RenderTimeout(f"report render exceeded {timeout:g} s and was stopped")
                header = json.loads(self._recv.recv_bytes())
                pdf = self._recv.recv_bytes() if header["status"] == "ok" else b""
            except (EOFError, OSError, ValueError) as exc:
                self._kill()
                raise RenderError("the render process died") from exc
            elapsed = time.perf_counter() - started
            self._peak = header.get("rss", self._peak)
            self._renders += 1
            if self._renders >= RECYCLE_AFTER_RENDERS or self._peak > RECYCLE_ABOVE_RSS_KIB:
                self.stop()
        if header["status"] != "ok":
            raise RenderError(header.get("error", "render failed"))
        return RenderedPDF(pdf=pdf, seconds=elapsed, peak_rss_kib=self._peak)

    def _ensure_started(self, base_url: str, roots: list[str], stylesheets: list[str]) -> None:
        if self._child is not None and self._child.poll() is None:
            return
        self._kill()
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
        }
        child = subprocess.Popen(  # noqa: S603 - our own module, run by the current interpreter
            [sys.executable, "-m", "assessments.reports.process", base_url, json.dumps(roots), json.dumps(stylesheets)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=PROJECT_ROOT,
            env=env,
        )
        send = Connection(os.dup(child.stdin.fileno()), readable=False)
        recv = Connection(os.dup(child.stdout.fileno()), writable=False)
        child.stdin.close()
        child.stdout.close()
        self._child, self._send, self._recv, self._renders = child, send, recv, 0
        try:
            if not recv.poll(START_TIMEOUT):
                raise RenderError("the render process did not start in time")
            header = json.loads(recv.recv_bytes())
        except (EOFError, OSError, ValueError) as exc:
            self._kill()
            raise RenderError("the render process died while starting") from exc
        if header["status"] != "ready":
            self._kill()
            raise RenderError(header.get("error", "the render process could not start"))
        self._peak = header.get("rss", 0)

    def stop(self) -> None:
        """Let the child finish (closing its input ends its loop), or kill it after a few seconds."""
        if self._child is None:
            return
        try:
            self._send.close()
            self._child.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self._kill()

    def _kill(self) -> None:
        if self._child is not None and self._child.poll() is None:
            self._child.kill()
            self._child.wait(timeout=5)
        for conn in (self._send, self._recv):
            if conn is not None and not conn.closed:
                conn.close()
        self._child = self._send = self._recv = None


_default = RenderProcess()


def html_to_pdf_isolated(
    html: str,
    *,
    base_url: str,
    allowed_roots: Sequence[str | Path],
    timeout: float,
    stylesheets: Sequence[str] = (),
) -> RenderedPDF:
    """Render in this process's render child; RenderTimeout past `timeout`, RenderError on failure."""
    return _default.render(
        html, base_url=base_url, allowed_roots=allowed_roots, timeout=timeout, stylesheets=stylesheets
    )


def default_render_process() -> RenderProcess:
    return _default


# ---- The child ------------------------------------------------------------------------------------


def _serve(base_url: str, roots: list[str], stylesheets: list[str]) -> None:
    # A render is background work: where web workers share the machine, they get the CPU first (a render
    # holds a core for seconds; a page needs it for milliseconds). REPORTS_RENDER_NICE=0 turns this off.
    os.nice(max(0, int(os.environ.get("REPORTS_RENDER_NICE", "10"))))
    # Keep stdout for the protocol only: anything printed goes to stderr.
    out_fd = os.dup(1)
    os.dup2(2, 1)
    recv, send = Connection(0, writable=False), Connection(out_fd, readable=False)
    from assessments.reports.render import html_to_pdf, warm_up

    try:
        warm_up(base_url=base_url, allowed_roots=roots, stylesheets=stylesheets)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises
        send.send_bytes(json.dumps({"status": "error", "error": f"warm-up failed: {exc}"[:500]}).encode())
        return
    # What is loaded now (modules, fonts, the parsed stylesheets) lives as long as the process: keep it
    # out of every later collection.
    gc.collect()
    gc.freeze()
    send.send_bytes(json.dumps({"status": "ready", "rss": _peak_rss_kib()}).encode())
    while True:
        try:
            job = json.loads(recv.recv_bytes())
        except EOFError:
            return  # the parent closed the pipe or went away
        # WeasyPrint allocates millions of small objects; the cyclic collector would scan them again
        # and again (about 15% of a render). Collect once afterwards (about 50 ms), while the worker
        # stores the PDF and nobody is waiting.
        gc.disable()
        try:
            pdf = html_to_pdf(
                job["html"],
                base_url=job["base_url"],
                allowed_roots=job["roots"],
                stylesheets=job.get("stylesheets", []),
            )
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises
            send.send_bytes(
                json.dumps(
                    {"status": "error", "error": f"{type(exc).__name__}: {exc}"[:500], "rss": _peak_rss_kib()}
                ).encode()
            )
        else:
            send.send_bytes(json.dumps({"status": "ok", "rss": _peak_rss_kib()}).encode())
            send.send_bytes(pdf)
        finally:
            job = pdf = None
            gc.enable()
            gc.collect()


if __name__ == "__main__":
    _serve(sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]) if len(sys.argv) > 3 else [])
