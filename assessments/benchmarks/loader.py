"""Loads and validates `data/benchmarks.yaml`. No Django import."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assessments.benchmarks.types import COMPARE_MODES, FIGURE_KINDS, Benchmarks, Figure, Finding, Source
from assessments.data_errors import DataError, Reader, read_yaml

DEFAULT_PATH = Path(__file__).parent / "data" / "benchmarks.yaml"

__all__ = ["DataError", "default_benchmarks", "load_benchmarks"]


def load_benchmarks(path: Path = DEFAULT_PATH) -> Benchmarks:
    r = Reader(Path(path).name)
    root = r.mapping(read_yaml(Path(path)), "top level")
    version = root.get("version")
    if not isinstance(version, str) or not version:
        raise r.fail("version", "missing data version (a string)")
    src = r.mapping(root.get("source"), "source")
    for name in ("publisher", "commissioned_by", "published"):
        if not isinstance(src.get(name), str) or not src[name]:
            raise r.fail("source", f"missing '{name}'")
    source = Source(
        title=r.text(src, "title", "source"),
        publisher=src["publisher"],
        commissioned_by=src["commissioned_by"],
        published=str(src["published"]),
        study_year=int(r.number(src, "study_year", "source", low=2000, high=2100)),
        population=r.text(src, "population", "source"),
        url=src.get("url"),
        title_original=str(src.get("title_original") or ""),
        title_translated=r.text(src, "title_translated", "source", optional=True),
        author=str(src.get("author") or ""),
        method=r.text(src, "method", "source", optional=True),
        limitations=tuple(
            r.text({"text": item}, "text", f"source.limitations[{i}]")
            for i, item in enumerate(r.items(src.get("limitations") or [], "source.limitations"))
        ),
    )
    figures = []
    for i, node in enumerate(r.items(root.get("figures"), "figures")):
        node = r.mapping(node, f"figures[{i}]")
        key = r.key(node, f"figures[{i}]")
        where = f"figure '{key}'"
        if node.get("unit") not in ("percent", "pp"):
            raise r.fail(where, "unit must be 'percent' or 'pp'")
        if node.get("kind") not in FIGURE_KINDS:
            raise r.fail(where, f"kind must be one of {FIGURE_KINDS}")
        compare = node.get("compare", "status")
        if compare not in COMPARE_MODES:
            raise r.fail(where, f"compare must be one of {COMPARE_MODES}")
        if node["kind"] == "trend" and compare != "context":
            raise r.fail(where, "a trend is context only: set compare: context")
        low = -100 if node["unit"] == "pp" else 0
        figures.append(
            Figure(
                key=key,
                value=r.number(node, "value", where, low=low, high=100),
                unit=node["unit"],
                kind=node["kind"],
                label=r.text(node, "label", where),
                quote=str(node.get("quote") or ""),
                compare=compare,
                note=r.text(node, "note", where, optional=True),
            )
        )
    r.unique([f.key for f in figures], "figure", "figures")
    findings = []
    for i, node in enumerate(r.items(root.get("qualitative") or [], "qualitative")):
        node = r.mapping(node, f"qualitative[{i}]")
        key = r.key(node, f"qualitative[{i}]")
        findings.append(Finding(key=key, text=r.text(node, "text", f"finding '{key}'")))
    r.unique([f.key for f in findings], "finding", "qualitative")
    return Benchmarks(version=version, source=source, figures=tuple(figures), qualitative=tuple(findings))


@lru_cache(maxsize=1)
def default_benchmarks() -> Benchmarks:
    return load_benchmarks(DEFAULT_PATH)
