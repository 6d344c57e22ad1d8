"""Loads and validates the question bank and the recommendation texts. No Django import.

Every problem raises DataError naming the file and the bad key, e.g.
`bank.yaml: question 'mfa_email': missing translation 'help.en'`.

This module reads the files and checks the bank as a whole (sizes, sections, domains); one question
is parsed in `questions`, the rules across questions (conditions, study figures, contacts) are in
`rules`, and the recommendation texts are read in `recommendations`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assessments.benchmarks.loader import default_benchmarks
from assessments.benchmarks.types import Benchmarks
from assessments.data_errors import DataError, Reader, read_yaml
from assessments.i18n_text import Text
from assessments.question_bank.questions import _question
from assessments.question_bank.recommendations import _recommendations
from assessments.question_bank.rules import _check_condition, _check_figure, _check_who_knows
from assessments.question_bank.types import Bank, Domain, Question, Section

DATA_DIR = Path(__file__).parent / "data"
BANK_PATH = DATA_DIR / "bank.yaml"
RECOMMENDATIONS_PATH = DATA_DIR / "recommendations.yaml"
MIN_QUESTIONS, MAX_QUESTIONS = 40, 60
# One section is one page of the questionnaire; on a phone, more than this is a long scroll.
MAX_SECTION_QUESTIONS = 8

__all__ = ["DataError", "default_bank", "load_bank"]


def load_bank(
    path: Path = BANK_PATH,
    *,
    recommendations_path: Path = RECOMMENDATIONS_PATH,
    benchmarks: Benchmarks | None = None,
    check_size: bool = True,
) -> Bank:
    """Read and validate the bank against `benchmarks` (the project's data by default)."""
    benchmarks = benchmarks or default_benchmarks()
    r = Reader(Path(path).name)
    root = r.mapping(read_yaml(Path(path)), "top level")
    version = root.get("version")
    if not isinstance(version, str) or not version:
        raise r.fail("version", "missing bank version (a string)")
    domains = _domains(r, root)
    domain_keys = {d.key for d in domains}
    contacts = _contacts(r, root)
    sections: list[Section] = []
    seen: dict[str, Question] = {}
    for i, snode in enumerate(r.items(root.get("sections"), "sections")):
        snode = r.mapping(snode, f"sections[{i}]")
        skey = r.key(snode, f"sections[{i}]")
        questions = []
        for j, qnode in enumerate(r.items(snode.get("questions"), f"section '{skey}'.questions")):
            q = _question(r, r.mapping(qnode, f"section '{skey}'.questions[{j}]"), skey, domain_keys)
            _check_who_knows(r, q, contacts)
            if q.key in seen:
                raise r.fail(f"question '{q.key}'", f"duplicate question key '{q.key}'")
            _check_condition(r, q, seen)
            _check_figure(r, q, benchmarks)
            seen[q.key] = q
            questions.append(q)
        if not questions:
            raise r.fail(f"section '{skey}'", "has no questions")
        if len(questions) > MAX_SECTION_QUESTIONS:
            raise r.fail(
                f"section '{skey}'",
                f"has {len(questions)} questions; a section (one page) holds at most {MAX_SECTION_QUESTIONS}",
            )
        sections.append(
            Section(
                key=skey,
                title=r.text(snode, "title", f"section '{skey}'"),
                intro=r.text(snode, "intro", f"section '{skey}'", optional=True),
                questions=tuple(questions),
            )
        )
    r.unique([s.key for s in sections], "section", "sections")
    if check_size and not MIN_QUESTIONS <= len(seen) <= MAX_QUESTIONS:
        raise r.fail("sections", f"{len(seen)} questions; the bank must hold {MIN_QUESTIONS} to {MAX_QUESTIONS}")
    linked = {q.figure.key for q in seen.values() if q.figure}
    for figure in benchmarks.figures:
        if figure.compare == "status" and figure.key not in linked:
            raise r.fail("sections", f"study figure '{figure.key}' is not linked to any question")
    for domain in domains:
        if not any(q.domain == domain.key for q in seen.values()):
            raise r.fail(f"domain '{domain.key}'", "has no questions")
    rec_version, recommendations = _recommendations(Path(recommendations_path), seen)
    return Bank(
        version=version,
        recommendations_version=rec_version,
        domains=domains,
        sections=tuple(sections),
        recommendations=recommendations,
        contacts=contacts,
    )


@lru_cache(maxsize=1)
def default_bank() -> Bank:
    return load_bank()


def _domains(r: Reader, root: dict) -> tuple[Domain, ...]:
    domains = []
    for i, node in enumerate(r.items(root.get("domains"), "domains")):
        node = r.mapping(node, f"domains[{i}]")
        key = r.key(node, f"domains[{i}]")
        where = f"domain '{key}'"
        domains.append(
            Domain(
                key=key,
                title=r.text(node, "title", where),
                description=r.text(node, "description", where, optional=True),
                weight=r.number(node, "weight", where, low=0.1, high=10),
            )
        )
    r.unique([d.key for d in domains], "domain", "domains")
    return tuple(domains)


def _contacts(r: Reader, root: dict) -> dict[str, Text]:
    """Who can answer a "No sé" (e.g. accountant: {es: "su contador", en: "your accountant"})."""
    contacts: dict[str, Text] = {}
    for i, node in enumerate(r.items(root.get("contacts") or [], "contacts")):
        node = r.mapping(node, f"contacts[{i}]")
        key = r.key(node, f"contacts[{i}]")
        r.only(node, {"key", "label"}, f"contact '{key}'")
        if key in contacts:
            raise r.fail("contacts", f"duplicate contact key '{key}'")
        contacts[key] = r.text(node, "label", f"contact '{key}'")
    return contacts
