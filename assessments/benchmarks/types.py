"""The study's figures as immutable values, with provenance. No Django import."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.i18n_text import Text

FIGURE_KINDS = ("practice", "adoption", "threat", "sentiment", "trend")
# "status": an answer truly matches the figure; the company's status (yes/partly/no...) is shown beside it.
# "context": background only (e.g. the +11 pp trend); never compared with an answer ("Usted: sí").
COMPARE_MODES = ("status", "context")


@dataclass(frozen=True)
class Source:
    title: Text
    publisher: str
    commissioned_by: str
    published: str
    study_year: int
    population: Text
    url: str | None = None
    title_original: str = ""  # the article's own title, as published (English)
    title_translated: Text | None = None  # our translation, marked as such where printed
    author: str = ""
    method: Text | None = None  # what is (not) known about the survey's sample and method
    limitations: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Figure:
    key: str
    value: float
    unit: str  # "percent" or "pp" (percentage points)
    kind: str
    label: Text
    quote: str
    compare: str = "status"  # see COMPARE_MODES
    note: Text | None = None  # how the question maps to the figure, or why it is context only


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
