"""Load benchmark under gunicorn (issue 12): owners, consultants and PDF downloads at the same time.

    .venv/bin/python bench/load.py                 # 60 s per mix, 16 users (about 8 minutes in all)
    .venv/bin/python bench/load.py --quick         # a 10-second smoke run of everything
    .venv/bin/python bench/load.py --duration 120 --users 24 --think 1.0

Sets up a throwaway stack (bench/stack.py): PostgreSQL database `bench_load` (created, then dropped),
Redis database 13 as the cache, production settings with a random SECRET_KEY, `seed_demo` plus more
clients and owners (bench/seed_load.py), VACUUM ANALYZE (planner statistics, as a database in service
has them), collectstatic into a temporary directory, gunicorn with 2
workers and one `manage.py db_worker`, all on 127.0.0.1. Then three runs (bench/loadgen.py):

1. the mix WITHOUT PDFs: owners (start, every step GET + POST with CSRF, review, submit, results) and
   consultants (logged in once, then dashboard, a client's page, an assessment's page);
2. the same mix WITH first-time PDF downloads: users who ask for a report never rendered, follow the
   202 "being prepared" page (Retry-After) until the PDF arrives; that wait is reported apart;
3. repeated downloads of PDFs already rendered.

Latency per kind of page: count, p50, p95, p99, max, errors (5xx, unexpected status, broken
connection); the ratio p99(with)/p99(without). Consultants log in during the warm-up (password hashing
is slow on purpose and not a page figure). Prints a Markdown table to paste into docs/PERFORMANCE.md.
Every process, the database and the cache keys are removed at the end, also on Ctrl-C or an error.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402
from bench.measure import cpu_reference_ms  # noqa: E402
from bench.stack import Stack  # noqa: E402

TARGET_PAGE_P99_MS = 150
TARGET_RATIO = 3.0
TARGET_REPEAT_P99_MS = 15
DEMO_CONSULTANTS = ("ana.consultora", "marco.consultor", "luis.consultor", "sofia.consultora")
DEMO_PASSWORD = "CiberListo-demo-2025"  # noqa: S105 - the published demo login of seed_demo
PAGE_PREFIXES = ("owner:", "consultant:")
NOT_A_PAGE_FIGURE = ("consultant: log in (POST)", "consultant: login page")


def answer_plans(count: int = 10) -> list[dict[str, dict]]:
    """Form data of every step for `count` plausible companies (the bank's own demo answers)."""
    from assessments.demo_answers import demo_answers
    from assessments.question_bank.answers import is_visible
    from assessments.question_bank.loader import default_bank

    bank = default_bank()
    plans = []
    for n in range(count):
        answers = demo_answers(bank, maturity=0.1 + 0.8 * n / count, seed=700 + n)
        plan = {}
        for section in bank.sections:
            plan[section.key] = {
                q.key: (v if isinstance(v, list) else str(v))
                for q in section.questions
                if q.key in answers and is_visible(bank, q, answers)
                for v in [answers[q.key]]
            }
        plans.append(plan)
    return plans


def split_users(users: int) -> tuple[int, int, int]:
    """(owners, consultants, PDF downloaders) out of `users`; the run without PDFs drops the last."""
    pdf = max(1, round(users / 8))
    consultants = max(1, round((users - pdf) * 0.4))
    return users - pdf - consultants, consultants, pdf


def warm_up(stack: Stack, plans, rounds: int = 3) -> None:
    """A few whole journeys without pauses or figures, so that every gunicorn worker has loaded its code,
    templates and translations before anything is measured (as on a server that has been up a while)."""
    run = loadgen.Run(base_url=stack.base_url, think=0.0, plans=plans)
    for n in range(rounds):
        client = loadgen.Client(stack.base_url, run.new_ip())
        try:
            loadgen._owner_journey(run, client, n)
            loadgen._consultant_login(run, client, DEMO_CONSULTANTS[n % len(DEMO_CONSULTANTS)], DEMO_PASSWORD)
            loadgen._consultant_round(run, client)
        except loadgen.UnexpectedResponse:
            pass
        finally:
            client.close()
    if run.recorder.errors:
        raise RuntimeError(f"errors while warming up: {run.recorder.samples}")


def run_mix(stack: Stack, args, plans, *, pdf_items=None) -> tuple[loadgen.Run, float]:
    owners, consultants, pdf = split_users(args.users)
    run = loadgen.Run(base_url=stack.base_url, think=args.think, plans=plans, pdf_items=pdf_items or ())
    users: list[tuple] = [(loadgen.owner, run, n) for n in range(owners)]
    users += [
        (loadgen.consultant, run, n, DEMO_CONSULTANTS[n % len(DEMO_CONSULTANTS)], DEMO_PASSWORD)
        for n in range(consultants)
    ]
    if pdf_items is not None:
        users += [(loadgen.pdf_first, run, n) for n in range(pdf)]
    measured = loadgen.drive(run, users, warmup=args.warmup, duration=args.duration)
    return run, measured


def run_repeat(stack: Stack, args, items) -> tuple[loadgen.Run, float]:
    run = loadgen.Run(base_url=stack.base_url, think=args.repeat_think, plans=[])
    users = [(loadgen.pdf_repeat, run, n, items) for n in range(args.repeat_users)]
    return run, loadgen.drive(run, users, warmup=1.0, duration=args.repeat_duration)


def rendered_items(stack: Stack, with_pdf: loadgen.Run, items) -> list[tuple[str, str, str]]:
    """PDFs ready to download again: those received in the run with PDFs, else those it asked for (the
    queue has finished them since), else one rendered now, outside any measurement."""
    if with_pdf.rendered:
        return with_pdf.rendered
    asked = items[: len(items) - len(with_pdf._pdf_items)][:20]
    check = loadgen.Run(base_url=stack.base_url, think=0, plans=[], pdf_items=items[len(asked) :][:1])
    ready = []
    for token, lang, ip in asked:
        response = loadgen.Client(stack.base_url, ip).request("GET", f"/evaluacion/{token}/reporte/?lang={lang}")
        if response.body.startswith(b"%PDF"):
            ready.append((token, lang, ip))
    if not ready:
        loadgen.pdf_first_once(check)
        ready = check.rendered
    if not ready:
        raise RuntimeError(f"no PDF could be rendered: {check.recorder.samples}")
    return ready


# -- figures -----------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else float("nan")


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": percentile(values, 0.50),
        "p95": percentile(values, 0.95),
        "p99": percentile(values, 0.99),
        "max": max(values) if values else float("nan"),
    }


def pages_of(run: loadgen.Run) -> list[float]:
    return [
        ms
        for kind, values in run.recorder.times.items()
        if kind.startswith(PAGE_PREFIXES) and kind not in NOT_A_PAGE_FIGURE
        for ms in values
    ]


def errors_of(run: loadgen.Run, pages_only: bool = False) -> int:
    return sum(n for kind, n in run.recorder.errors.items() if not pages_only or kind.startswith(PAGE_PREFIXES))


def ms(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def table(without: loadgen.Run, with_pdf: loadgen.Run, repeat: loadgen.Run) -> list[str]:
    head = "| page | n | p50 | p95 | p99 | max | errors | n | p50 | p95 | p99 | max | errors | p99 with / without |"
    lines = [
        "| | without PDFs | | | | | | with first-time PDFs | | | | | | |",
        head,
        "|---|" + "---:|" * 13,
    ]

    def row(label: str, a: list[float], ea: int | str, b: list[float], eb: int | str, bold=False) -> str:
        sa, sb = summary(a), summary(b)
        ratio = sb["p99"] / sa["p99"] if a and b else float("nan")
        cells = [label, *(str(sa["n"]) if k == "n" else ms(sa[k]) for k in sa), str(ea)]
        cells += [*(str(sb["n"]) if k == "n" else ms(sb[k]) for k in sb), str(eb)]
        cells.append("–" if math.isnan(ratio) else f"{ratio:.2f}")
        if bold:
            cells = [f"**{c}**" for c in cells]
        return "| " + " | ".join(cells) + " |"

    kinds = sorted(
        {kind for run in (without, with_pdf, repeat) for kind in [*run.recorder.times, *run.recorder.errors]}
    )
    for kind in kinds:
        lines.append(
            row(
                kind,
                without.recorder.times.get(kind, []),
                without.recorder.errors.get(kind, 0),
                with_pdf.recorder.times.get(kind, []) + repeat.recorder.times.get(kind, []),
                with_pdf.recorder.errors.get(kind, 0) + repeat.recorder.errors.get(kind, 0),
            )
        )
    lines.append(
        row(
            "all owner and consultant pages",
            pages_of(without),
            errors_of(without, True),
            pages_of(with_pdf),
            errors_of(with_pdf, True),
            bold=True,
        )
    )
    return lines


def verdicts(without, with_pdf, repeat) -> list[str]:
    a, b = summary(pages_of(without)), summary(pages_of(with_pdf))
    r = summary(repeat.recorder.times.get("report: PDF (repeat download)", []))
    total_errors = errors_of(without) + errors_of(with_pdf) + errors_of(repeat)
    ratio = b["p99"] / a["p99"] if a["n"] and b["n"] else float("nan")

    def met(ok: bool) -> str:
        return "**met**" if ok else "**not met**"

    return [
        f"- p99 of pages with first-time PDFs ≤ {TARGET_PAGE_P99_MS} ms: {met(b['p99'] <= TARGET_PAGE_P99_MS)} "
        f"({ms(b['p99'])} ms; without PDFs {ms(a['p99'])} ms)",
        f"- p99 with / without ≤ {TARGET_RATIO:.0f}×: {met(ratio <= TARGET_RATIO)} ({ratio:.2f}×)",
        f"- 0 errors: {met(total_errors == 0)} ({total_errors})",
        f"- repeated PDF download p99 ≤ {TARGET_REPEAT_P99_MS} ms: {met(r['p99'] <= TARGET_REPEAT_P99_MS)} "
        f"({ms(r['p99'])} ms over {r['n']} downloads)",
    ]


def report(args, without, with_pdf, repeat, measured, notes) -> str:
    owners, consultants, pdf = split_users(args.users)
    waits = summary(with_pdf.recorder.pdf_waits)
    rate = {name: sum(len(v) for v in run.recorder.times.values()) / measured[name]
            for name, run in (("without", without), ("with", with_pdf), ("repeat", repeat))}  # fmt: skip
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores"
        f" ({platform.processor() or platform.machine()}),"
        f" Python {platform.python_version()}; {notes['load']}; CPU reference {notes['cpu']}.",
        "",
        f"Command: `{notes['command']}`. gunicorn 2 workers (sync), 1 `db_worker`, PostgreSQL"
        f" (conn_max_age={args.conn_max_age}), Redis cache;"
        f" {owners} owners + {consultants} consultants (+ {pdf} first-time PDF downloaders in the second run),"
        f" think time {args.think:g} s ±50 %, {args.warmup:g} s warm-up then {args.duration:g} s measured per run;"
        f" throughput {rate['without']:.1f} and {rate['with']:.1f} requests/s. Times in ms.",
        "",
        *table(without, with_pdf, repeat),
        "",
        f"First-time PDF: {waits['n']} reports waited for, from the first request to the PDF's last byte"
        f" (reloads every 3 s as the page asks): p50 {waits['p50']:.1f} s, p95 {waits['p95']:.1f} s,"
        f" max {waits['max']:.1f} s.",
        f"Repeated download: {args.repeat_users} users, think {args.repeat_think:g} s,"
        f" {rate['repeat']:.0f} downloads/s.",
        "",
        *verdicts(without, with_pdf, repeat),
    ]
    samples = without.recorder.samples + with_pdf.recorder.samples + repeat.recorder.samples
    if samples:
        lines += ["", "Errors (first ones):", *(f"- `{s}`" for s in samples[:10])]
    return "\n".join(lines)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="measured seconds per mix (default 60)")
    parser.add_argument("--users", type=int, default=16, help="virtual users in the mix with PDFs (default 16)")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time between pages, s (default 1)")
    parser.add_argument("--warmup", type=float, default=8.0, help="seconds before measuring (default 8)")
    parser.add_argument("--clients", type=int, default=30, help="extra clients per demo firm (default 30)")
    parser.add_argument("--repeat-users", type=int, default=2)
    parser.add_argument("--repeat-think", type=float, default=0.05)
    parser.add_argument("--repeat-duration", type=float, default=None, help="default: half of --duration")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="seconds a process keeps its database connection (default: the settings' CONN_MAX_AGE, 60)",
    )
    parser.add_argument("--quick", action="store_true", help="a 10-second smoke run (fewer users and clients)")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup, args.users, args.clients = 10.0, 3.0, 8, 6
    args.repeat_duration = args.repeat_duration or max(5.0, args.duration / 2)
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    command = "python bench/load.py " + " ".join(argv if argv is not None else sys.argv[1:])
    stack = Stack(conn_max_age=args.conn_max_age, log=lambda text: print(text, file=sys.stderr))
    try:
        # Enough never-rendered reports for one render a second (one worker renders about that fast).
        pdf_pool = max(10, math.ceil((args.warmup + args.duration) * 1.2 / 2))
        print("Setting up (database, data, static files)…", file=sys.stderr)
        tokens = stack.prepare(clients=args.clients, pdf_pool=pdf_pool)
        stack.start()
        plans = answer_plans()
        warm_up(stack, plans)
        load_before, cpu_before = os.getloadavg()[0], cpu_reference_ms()

        print(f"Run 1/3: the mix without PDFs ({args.duration:g} s)…", file=sys.stderr)
        without, measured_without = run_mix(stack, args, plans)
        stack.wait_for_queue()  # an owner's submission may queue their report: let it finish first

        items = [(token, "es" if n % 2 == 0 else "en", f"10.250.{n // 250}.{n % 250 + 1}")
                 for n, token in enumerate(tokens)]  # fmt: skip
        print(f"Run 2/3: the mix with first-time PDF downloads ({args.duration:g} s)…", file=sys.stderr)
        with_pdf, measured_with = run_mix(stack, args, plans, pdf_items=list(items))
        left = stack.wait_for_queue()

        rendered = rendered_items(stack, with_pdf, items)
        print(f"Run 3/3: repeated downloads of {len(rendered)} rendered PDFs…", file=sys.stderr)
        repeat, measured_repeat = run_repeat(stack, args, rendered)
        notes = {
            "command": command.strip(),
            "load": f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
            + (f", {left} renders still queued after the PDF run" if left else ""),
            "cpu": f"{cpu_before:.0f} ms before, {cpu_reference_ms():.0f} ms after"
            " (1 M-iteration loop; lower is faster)",
        }
        measured = {"without": measured_without, "with": measured_with, "repeat": measured_repeat}
        print(report(args, without, with_pdf, repeat, measured, notes))
        return 0 if errors_of(without) + errors_of(with_pdf) + errors_of(repeat) == 0 else 1
    except KeyboardInterrupt:
        print("Interrupted: cleaning up.", file=sys.stderr)
        return 130
    except RuntimeError as exc:
        print(f"Failed: {exc}", file=sys.stderr)
        return 2
    finally:
        stack.close()


if __name__ == "__main__":
    sys.exit(main())
