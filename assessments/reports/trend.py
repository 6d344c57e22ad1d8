"""The trend of one company across its submitted assessments: overall index and each domain over time,
and the change since the previous assessment. Printed by the consultant's client page and the report.

Read from the frozen snapshots only. The report reads the assessments submitted up to the one it
reports on, never later ones, so an old report re-renders identically.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from assessments.models import Assessment, Organization, ResultSnapshot
from assessments.reports.charts import Series, round_score, trend_lines

MINUS = "\u2212"  # a real minus sign: "−3", as typeset, not a hyphen


def _submitted(organization: Organization):
    return ResultSnapshot.objects.filter(
        assessment__organization=organization, assessment__status=Assessment.Status.SUBMITTED
    ).order_by("assessment__submitted_at", "assessment_id")


def _earlier(snapshots, current: Assessment):
    return snapshots.filter(
        Q(assessment__submitted_at__lt=current.submitted_at)
        | Q(assessment__submitted_at=current.submitted_at, assessment_id__lt=current.pk)
    )


def trend_snapshots(*, organization: Organization, upto: ResultSnapshot | None = None) -> list[ResultSnapshot]:
    """The company's submitted snapshots, oldest first, in one query.

    With `upto`: only those submitted before it, then `upto` itself (which may be unsaved, as in the
    report's in-memory samples).
    """
    if organization.pk is None:
        return [upto] if upto is not None else []
    snapshots = _submitted(organization).select_related("assessment").defer("answers")
    if upto is None:
        return list(snapshots)
    current = upto.assessment
    if current.pk is None or current.submitted_at is None:
        return [upto]
    return [*_earlier(snapshots, current), upto]


def trend_fingerprint(snapshots: list[ResultSnapshot]) -> list[list[str]]:
    """What the trend prints depends on: each snapshot's content and its date (for the report's cache key)."""
    return [[s.content_hash, _moment(s).isoformat()] for s in snapshots]


def trend_fingerprint_upto(*, organization: Organization, upto: ResultSnapshot) -> list[list[str]]:
    """trend_fingerprint(trend_snapshots(organization=..., upto=...)) from one light query
    (trend_rows_through: a few columns, never the snapshots' JSON), for the report's cache key."""
    current = upto.assessment
    if organization.pk is None or current.pk is None or current.submitted_at is None:
        return trend_fingerprint([upto])
    earlier = [row for row in trend_rows_through(current=current) if row[1] != current.pk]
    return rows_fingerprint(earlier) + trend_fingerprint([upto])


def rows_fingerprint(rows: list[tuple[int, int, str, datetime | None, datetime]]) -> list[list[str]]:
    """trend_fingerprint of trend_rows_through's rows: each snapshot's content hash and moment."""
    return [[content_hash, (submitted or created).isoformat()] for _pk, _id, content_hash, submitted, created in rows]


def trend_rows_through(*, current: Assessment) -> list[tuple[int, int, str, datetime | None, datetime]]:
    """(snapshot id, assessment id, content hash, submission time, snapshot creation time) of the
    company's submitted snapshots up to and including `current`'s, oldest first: one query of a few
    columns, never the snapshots' JSON.

    For a repeated download: `current`'s own row gives the report's cache key its snapshot part and
    the rows before it the trend part (trend_fingerprint_upto's values, from the same query). The rows
    are cut and ordered here, as _earlier and _submitted's ORDER BY would: a company has a handful of
    assessments, and the plain query costs a third of the filtered one to build.
    """
    rows = (
        ResultSnapshot.objects.filter(
            assessment__organization_id=current.organization_id, assessment__status=Assessment.Status.SUBMITTED
        )
        .order_by()
        .values_list("pk", "assessment_id", "content_hash", "assessment__submitted_at", "created_at")
    )
    if current.submitted_at is None:  # no date to compare with: only its own (as trend_fingerprint_upto)
        return [row for row in rows if row[1] == current.pk]
    cutoff = (current.submitted_at, current.pk)
    kept = [row for row in rows if row[3] is not None and (row[3], row[1]) <= cutoff]
    return sorted(kept, key=lambda row: (row[3], row[1]))


def _moment(snapshot: ResultSnapshot) -> datetime:
    return snapshot.assessment.submitted_at or snapshot.created_at


def _short_date(moment: datetime, lang: str) -> str:
    """'2 jun 2025' or 'Jun 2, 2025', in the project's time zone."""
    day = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    with override(lang):
        if lang.startswith("en"):
            return date_format(day, "M j, Y")
        return date_format(day, "j M Y").lower()


def change_text(before: float | None, after: float | None) -> str:
    """'+12', '−3' or '0' between the scores as printed (whole points); '' when one is missing.

    The difference of the printed values, so that the table adds up for whoever reads it.
    """
    if before is None or after is None:
        return ""
    delta = round_score(after) - round_score(before)
    return f"+{delta}" if delta > 0 else (f"{MINUS}{-delta}" if delta < 0 else "0")


def _direction(change: str) -> str:
    return {"": "none", "0": "same"}.get(change, "up" if change.startswith("+") else "down")


def _domain_values(snapshot: ResultSnapshot) -> dict[str, float | None]:
    return {d["domain"]: (d["score"] if d.get("applicable") else None) for d in snapshot.result.get("domains", [])}


def _series(snapshots: list[ResultSnapshot], suffix: str) -> list[tuple[str, tuple[float | None, ...], bool]]:
    """(label, values, is the index) for the index, then each domain in the latest bank's order."""
    titles: dict[str, str] = {}
    for snapshot in reversed(snapshots):  # the latest title wins; domains that were retired keep theirs
        for d in snapshot.result.get("domains", []):
            titles.setdefault(d["domain"], d.get(f"title_{suffix}") or d["domain"])
    per_snapshot = [_domain_values(s) for s in snapshots]
    rows = [(_("Índice general"), tuple(s.overall for s in snapshots), True)]
    rows += [(title, tuple(values.get(key) for values in per_snapshot), False) for key, title in titles.items()]
    return rows


def trend_view(snapshots: list[ResultSnapshot], *, lang: str, max_columns: int | None = None) -> dict[str, Any] | None:
    """The chart (SVG markup, escaped) and the table of the trend; None with fewer than two assessments.

    `max_columns` keeps the table to the latest dates (the chart always has them all).
    """
    if len(snapshots) < 2:
        return None
    suffix = "en" if lang.startswith("en") else "es"
    with override(lang):
        dates = [_short_date(_moment(s), lang) for s in snapshots]
        series = _series(snapshots, suffix)
        chart = trend_lines(
            [Series(label, values, emphasis) for label, values, emphasis in series],
            dates=dates,
            title=_("Evolución del índice general y de cada tema (0 a 100)"),
        )
    shown = slice(-max_columns, None) if max_columns else slice(None)
    rows = []
    for label, values, emphasis in series:
        change = change_text(values[-2], values[-1])
        rows.append(
            {
                "label": label,
                "values": ["—" if v is None else str(round_score(v)) for v in values[shown]],
                "change": change or "—",
                "direction": _direction(change),
                "emphasis": emphasis,
            }
        )
    return {
        "chart_svg": chart,
        "dates": dates[shown],
        "hidden_columns": len(dates) - len(dates[shown]),
        "rows": rows,
        "count": len(snapshots),
        "previous_date": dates[-2],
        "latest_date": dates[-1],
        "overall_change": rows[0]["change"],
    }
