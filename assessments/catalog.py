"""Where the Django side gets the question bank and study data (loaded once per process)."""

from assessments.benchmarks.loader import default_benchmarks
from assessments.benchmarks.types import Benchmarks
from assessments.question_bank.loader import default_bank
from assessments.question_bank.types import Bank


def current_bank() -> Bank:
    return default_bank()


def current_benchmarks() -> Benchmarks:
    return default_benchmarks()
