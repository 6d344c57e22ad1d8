"""The firm's portfolio on the dashboard: how its active clients spread over the bands, and the gaps
most of them share. Each client counts once, through its latest submitted assessment."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import OuterRef, Subquery

from assessments.models import Assessment, Organization, ResultSnapshot
from consultants.selectors import BAND_KEYS, PORTFOLIO_GAPS, _is_english, band_label

# The gaps (recommendation key and titles) of each frozen result, by the result's content hash. A
# snapshot never changes after submission, so what it holds is read from the database once per process:
# the full recommendations are about 40 KB of JSON per client, which the dashboard used to fetch and
# decode for every client on every visit (most of the page's time with a few dozen clients).
_GAPS_BY_CONTENT: dict[str, tuple[tuple[str, str, str], ...]] = {}
_GAPS_KEPT = 20_000


def _snapshot_gaps(*, content_hashes: list[str]) -> dict[str, tuple[tuple[str, str, str], ...]]:
    missing = [content_hash for content_hash in content_hashes if content_hash not in _GAPS_BY_CONTENT]
    if missing:
        if len(_GAPS_BY_CONTENT) > _GAPS_KEPT:
            _GAPS_BY_CONTENT.clear()
        rows = ResultSnapshot.objects.filter(content_hash__in=missing).values_list(
            "content_hash", "result__recommendations"
        )
        for content_hash, recommendations in rows:
            _GAPS_BY_CONTENT[content_hash] = tuple(
                (rec["key"], rec.get("title_es") or rec["key"], rec.get("title_en") or rec["key"])
                for rec in recommendations or []
            )
    return {content_hash: _GAPS_BY_CONTENT.get(content_hash, ()) for content_hash in content_hashes}


def portfolio_summary(*, firm, lang: str | None = None) -> dict[str, Any]:
    """Band distribution and the most common gaps across the firm's active clients.

    Each client counts once, through its latest submitted assessment. Two queries in all, built
    without `_client_base`'s annotations: only the latest submitted assessment is needed here, and
    building (and relabelling, as a subquery) the dozen annotations cost more than running the query.
    """
    english = _is_english(lang)
    if firm is None:
        total, snapshots = 0, []
    else:
        clients = Organization.objects.filter(firm=firm, archived_at__isnull=True)
        total = clients.count()
        latest_submitted = (
            Assessment.objects.filter(organization=OuterRef("pk"), status=Assessment.Status.SUBMITTED)
            .order_by("-submitted_at", "-pk")
            .values("pk")[:1]
        )
        submitted_ids = (
            clients.annotate(submitted_id=Subquery(latest_submitted))
            .filter(submitted_id__isnull=False)
            .values("submitted_id")
        )
        snapshots = ResultSnapshot.objects.filter(assessment_id__in=submitted_ids).values_list("band", "content_hash")
    band_counts: Counter[str] = Counter()
    gap_counts: Counter[str] = Counter()
    titles: dict[str, str] = {}
    snapshots = list(snapshots)
    gaps = _snapshot_gaps(content_hashes=[content_hash for _band, content_hash in snapshots])
    for band, content_hash in snapshots:
        band_counts[band] += 1
        for key, title_es, title_en in gaps[content_hash]:
            gap_counts[key] += 1
            titles.setdefault(key, title_en if english else title_es)
    assessed = sum(band_counts.values())
    largest = max(band_counts.values(), default=0)
    bands = [
        {
            "key": key,
            "label": band_label(key, lang=lang),
            "count": band_counts[key],
            "percent": round(100 * band_counts[key] / assessed) if assessed else 0,
            "bar": round(100 * band_counts[key] / largest) if largest else 0,
        }
        for key in reversed(BAND_KEYS)
    ]
    gaps = sorted(gap_counts.items(), key=lambda item: (-item[1], titles[item[0]].lower()))[:PORTFOLIO_GAPS]
    return {
        "total": total,
        "assessed": assessed,
        "bands": bands,
        "gaps": [
            {"key": key, "title": titles[key], "count": count, "percent": round(100 * count / assessed)}
            for key, count in gaps
        ],
    }
