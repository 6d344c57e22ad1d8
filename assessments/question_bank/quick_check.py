"""The quick check ("Diagnóstico rápido"): which bank questions it asks, in which pages. No Django import.

`quick_check.yaml` is validated against the bank at load; every problem raises DataError naming the
file and the bad key, like the bank's own loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assessments.data_errors import DataError, Reader, read_yaml
from assessments.i18n_text import Text
from assessments.question_bank.loader import DATA_DIR, default_bank
from assessments.question_bank.types import Bank

QUICK_CHECK_PATH = DATA_DIR / "quick_check.yaml"
MIN_QUESTIONS, MAX_QUESTIONS = 8, 15  # "about 12": at most 5 minutes on a phone
MAX_PAGES, MAX_PER_PAGE = 2, 8

__all__ = ["DataError", "QuickCheck", "QuickPage", "default_quick_check", "load_quick_check"]


@dataclass(frozen=True)
class QuickPage:
    key: str
    title: Text
    questions: tuple[str, ...]  # bank question keys, in the order asked


@dataclass(frozen=True)
class QuickCheck:
    version: str
    pages: tuple[QuickPage, ...]

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(key for page in self.pages for key in page.questions)


def load_quick_check(path: Path = QUICK_CHECK_PATH, *, bank: Bank) -> QuickCheck:
    r = Reader(Path(path).name)
    root = r.mapping(read_yaml(Path(path)), "top level")
    r.only(root, {"version", "pages"}, "top level")
    version = root.get("version")
    if not isinstance(version, str) or not version:
        raise r.fail("version", "missing quick-check version (a string)")
    pages = tuple(
        _page(r, r.mapping(node, f"pages[{i}]"), bank) for i, node in enumerate(r.items(root.get("pages"), "pages"))
    )
    if not 1 <= len(pages) <= MAX_PAGES:
        raise r.fail("pages", f"{len(pages)} pages; the quick check has 1 to {MAX_PAGES}")
    r.unique([p.key for p in pages], "page", "pages")
    keys = [k for p in pages for k in p.questions]
    r.unique(keys, "question", "pages")
    if not MIN_QUESTIONS <= len(keys) <= MAX_QUESTIONS:
        raise r.fail("pages", f"{len(keys)} questions; the quick check asks {MIN_QUESTIONS} to {MAX_QUESTIONS}")
    missing = [q.key for q in bank.questions if q.critical is not None and q.key not in keys]
    if missing:
        raise r.fail(
            "pages", f"critical control(s) {missing} missing: the preliminary level must be capped like the full one"
        )
    return QuickCheck(version=version, pages=pages)


def _page(r: Reader, node: dict, bank: Bank) -> QuickPage:
    key = r.key(node, "pages")
    where = f"page '{key}'"
    r.only(node, {"key", "title", "questions"}, where)
    questions = tuple(r.items(node.get("questions"), f"{where}.questions"))
    if not 1 <= len(questions) <= MAX_PER_PAGE:
        raise r.fail(where, f"{len(questions)} questions; a page holds 1 to {MAX_PER_PAGE}")
    for qkey in questions:
        if not isinstance(qkey, str) or not bank.has_question(qkey):
            raise r.fail(where, f"unknown question {qkey!r}")
        question = bank.question(qkey)
        if not question.scored or question.weight <= 0:
            raise r.fail(where, f"question '{qkey}' is not scored: the quick check asks only controls that count")
        if question.condition is not None:
            raise r.fail(where, f"question '{qkey}' has a condition: every quick-check question is asked of everyone")
    return QuickPage(key=key, title=r.text(node, "title", where), questions=questions)


@lru_cache(maxsize=1)
def default_quick_check() -> QuickCheck:
    return load_quick_check(bank=default_bank())
