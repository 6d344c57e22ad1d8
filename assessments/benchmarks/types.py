"""The study's figures as immutable values, with provenance. No Django import."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.i18n_text import Text

FIGURE_KINDS = ("practice", "adoption", "threat", "sentiment", "trend")


@dataclass(frozen=True)
class Source:
    title: Text
    publisher: str
    commissioned_by: str
    published: str
    study_year: int
    population: Text
    url: str | None = None


@dataclass(frozen=True)
class Figure:
    key: str
    value: float
    unit: str  # "percent" or "pp" (percentage points)
    kind: str
    label: Text
    quote: str


@dataclass(frozen=True)
class Finding:
    key: str
    text: Text


@dataclass(frozen=True)
class Benchmarks:
    version: str
    source: Source
    figures: tuple[Figure, ...]
    qualitative: tuple[Finding, ...]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def has_figure(self, key: str) -> bool:
        return any(f.key == key for f in self.figures)
