"""The scoring engine and bank loader are a library: importing them must not import Django."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
import assessments.scoring, assessments.scoring.engine
import assessments.question_bank.loader, assessments.question_bank.answers
import assessments.benchmarks.loader
from assessments.question_bank.loader import default_bank
from assessments.scoring import score_assessment
from assessments.benchmarks.loader import default_benchmarks
score_assessment(bank=default_bank(), answers={}, benchmarks=default_benchmarks())
leaked = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(",".join(leaked))
"""


def test_scoring_and_bank_loader_import_no_django():
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert proc.stdout.strip() == ""


def test_no_django_import_statement_under_pure_packages():
    for package in ("scoring", "question_bank", "benchmarks"):
        for path in (ROOT / "assessments" / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "import django" not in text and "from django" not in text, path
