"""Rules across questions, checked as the bank loads: conditions, study figures, who can answer. No Django.

A condition may only point to an earlier, unscored choice question and name its choices; a question
compared with a study figure must be a choice question whose values match; a "No sé" names who knows.
"""

from __future__ import annotations

from assessments.benchmarks.types import Benchmarks
from assessments.data_errors import Reader
from assessments.i18n_text import Text
from assessments.question_bank.types import Question


def _check_who_knows(r: Reader, q: Question, contacts: dict[str, Text]) -> None:
    where = f"question '{q.key}'"
    for key in q.who_knows:
        if key not in contacts:
            raise r.fail(where, f"who_knows names unknown contact '{key}'")
    if q.unknown and not q.who_knows:
        raise r.fail(where, "offers 'No sé' but has no who_knows (who can find out the answer)")


def _check_condition(r: Reader, q: Question, earlier: dict[str, Question]) -> None:
    cond = q.condition
    if cond is None:
        return
    where = f"question '{q.key}'.condition"
    parent = earlier.get(cond.question)
    if parent is None:
        raise r.fail(where, f"unknown condition target '{cond.question}' (must be an earlier question)")
    if parent.scored:
        raise r.fail(where, f"condition target '{cond.question}' is scored; conditions may only use unscored questions")
    if parent.type not in ("single", "multi", "yesno"):
        raise r.fail(where, f"condition target '{cond.question}' must be a choice question")
    bad = cond.values - set(parent.choice_values())
    if bad:
        raise r.fail(where, f"value(s) {sorted(bad)} are not choices of '{cond.question}'")


def _check_figure(r: Reader, q: Question, benchmarks: Benchmarks) -> None:
    fig = q.figure
    if fig is None:
        return
    where = f"question '{q.key}'.figure"
    if not benchmarks.has_figure(fig.key):
        raise r.fail(where, f"unknown study figure '{fig.key}'")
    if benchmarks.figure(fig.key).compare != "status":
        raise r.fail(where, f"study figure '{fig.key}' is context only and cannot be compared with an answer")
    if q.type not in ("single", "multi", "yesno"):
        raise r.fail(where, "only choice questions can be compared with a figure")
    bad = (fig.match | fig.partial) - set(q.choice_values())
    if bad or not fig.match:
        raise r.fail(where, f"match/partial value(s) {sorted(bad) or '[]'} are not choices of the question")
