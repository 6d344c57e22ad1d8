"""The recommendation texts (recommendations.yaml): triggers, horizons, costs and resources. No Django."""

from __future__ import annotations

from pathlib import Path

from assessments.data_errors import Reader, read_yaml
from assessments.question_bank.types import CostRange, Question, Recommendation, Resource, Trigger

RECOMMENDATION_FIELDS = {
    "key",
    "title",
    "text",
    "impact",
    "effort",
    "horizon",
    "triggers",
    "refs",
    "cost_mxn",
    "resources",
}
RESOURCE_FIELDS = {"key", "name", "contact", "url"}
HORIZONS = (30, 60, 90)


def _recommendations(path: Path, questions: dict[str, Question]) -> tuple[str, tuple[Recommendation, ...]]:
    r = Reader(path.name)
    root = r.mapping(read_yaml(path), "top level")
    version = root.get("version")
    if not isinstance(version, str) or not version:
        raise r.fail("version", "missing recommendations version (a string)")
    resources = _resources(r, root)
    recs = []
    for i, node in enumerate(r.items(root.get("recommendations"), "recommendations")):
        node = r.mapping(node, f"recommendations[{i}]")
        key = r.key(node, f"recommendations[{i}]")
        where = f"recommendation '{key}'"
        r.only(node, RECOMMENDATION_FIELDS, where)
        effort = int(r.number(node, "effort", where, low=1, high=3))
        horizon = node.get("horizon", {1: 30, 2: 60, 3: 90}[effort])
        if horizon not in HORIZONS:
            raise r.fail(where, f"horizon must be 30, 60 or 90, got {horizon!r}")
        used = []
        for name in r.items(node.get("resources") or [], f"{where}.resources"):
            if name not in resources:
                raise r.fail(where, f"unknown resource '{name}'")
            used.append(resources[name])
        triggers = []
        for j, t in enumerate(r.items(node.get("triggers"), f"{where}.triggers")):
            t = r.mapping(t, f"{where}.triggers[{j}]")
            target = questions.get(str(t.get("question")))
            if target is None:
                raise r.fail(where, f"trigger names unknown question '{t.get('question')}'")
            if not target.scored:
                raise r.fail(where, f"trigger question '{target.key}' is unscored")
            below = float(r.number(t, "below", f"{where}.triggers[{j}]", low=0.01, high=1))
            triggers.append(Trigger(question=target.key, below=below))
        if not triggers:
            raise r.fail(where, "needs at least one trigger")
        recs.append(
            Recommendation(
                key=key,
                title=r.text(node, "title", where),
                text=r.text(node, "text", where),
                impact=int(r.number(node, "impact", where, low=1, high=3)),
                effort=effort,
                horizon=horizon,
                triggers=tuple(triggers),
                refs=r.refs(node, where),
                cost_mxn=_cost(r, node, where),
                resources=tuple(used),
            )
        )
    r.unique([rec.key for rec in recs], "recommendation", "recommendations")
    covered = {t.question for rec in recs for t in rec.triggers}
    for q in questions.values():
        if q.scored and q.key not in covered:
            raise r.fail("recommendations", f"scored question '{q.key}' is not covered by any recommendation")
    return version, tuple(recs)


def _resources(r: Reader, root: dict) -> dict[str, Resource]:
    resources: dict[str, Resource] = {}
    for i, node in enumerate(r.items(root.get("resources") or [], "resources")):
        node = r.mapping(node, f"resources[{i}]")
        key = r.key(node, f"resources[{i}]")
        where = f"resource '{key}'"
        r.only(node, RESOURCE_FIELDS, where)
        if key in resources:
            raise r.fail("resources", f"duplicate resource key '{key}'")
        url = node.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith("https://")):
            raise r.fail(where, "url must be an https:// address")
        resources[key] = Resource(
            key=key, name=r.text(node, "name", where), contact=r.text(node, "contact", where), url=url
        )
    return resources


def _cost(r: Reader, node: dict, where: str) -> CostRange:
    """Every action states a rough cost range in MXN (min <= max; 0-0 = free)."""
    cost = r.mapping(node.get("cost_mxn"), f"{where}.cost_mxn")
    r.only(cost, {"min", "max"}, f"{where}.cost_mxn")
    low = int(r.number(cost, "min", f"{where}.cost_mxn", low=0, high=10_000_000))
    high = int(r.number(cost, "max", f"{where}.cost_mxn", low=0, high=10_000_000))
    if high < low:
        raise r.fail(f"{where}.cost_mxn", f"max ({high}) is below min ({low})")
    return CostRange(min=low, max=high)
