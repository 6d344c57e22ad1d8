"""The management commands other tools rely on (DESIGN.md interface contracts)."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from assessments.models import Assessment, Invitation, Organization, ResultSnapshot

ROOT = Path(__file__).resolve().parent.parent


def call(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_bank_prints_bank_and_benchmarks(bank):
    data = json.loads(call("export_bank"))
    assert data["bank"]["version"] == bank.version
    assert data["bank"]["question_count"] == len(bank.questions)
    keys = [q["key"] for s in data["bank"]["sections"] for q in s["questions"]]
    assert keys == [q.key for q in bank.questions]
    figures = {f["key"]: f["value"] for f in data["benchmarks"]["figures"]}
    assert figures["ai_policy"] == 49 and figures["ai_integrated"] == 64
    assert data["benchmarks"]["source"]["published"] == "2025-05-27"
    assert data["recommendations"]["items"]


def test_validate_bank_reports_ok(bank):
    assert f"{len(bank.questions)} questions" in call("validate_bank")


def test_score_prints_the_result_as_json(tmp_path, sample_answers):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": sample_answers}), encoding="utf-8")
    result = json.loads(call("score", str(path)))
    assert {"overall", "band", "domains", "comparisons", "recommendations"} <= set(result)
    assert 0 <= result["overall"] <= 100


def _score_cli(tmp_path, content: str) -> subprocess.CompletedProcess:
    path = tmp_path / "input.json"
    path.write_text(content, encoding="utf-8")
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "score", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"DJANGO_SETTINGS_MODULE": "readiness.settings.test", "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('{"answers": {"no_such_question": "yes"}}', "no_such_question: unknown question key"),
        ('{"answers": {"uses_ai": "banana"}}', "uses_ai: invalid choice 'banana'"),
        ('["a list"]', 'expected a JSON object of the form {"answers"'),
        ('{"answers": []}', 'expected a JSON object of the form {"answers"'),
    ],
)
def test_score_cli_bad_input_gives_a_clear_error_without_traceback(tmp_path, content, message):
    proc = _score_cli(tmp_path, content)
    assert proc.returncode != 0
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_score_cli_missing_file():
    with pytest.raises(CommandError, match="cannot read /nonexistent.json"):
        call("score", "/nonexistent.json")


@pytest.mark.django_db
def test_seed_demo_creates_consultants_companies_and_submitted_assessments_and_can_run_twice():
    out = call("seed_demo")
    assert "password" in out and "ana.consultora" in out
    users = get_user_model().objects.filter(username__in=["ana.consultora", "luis.consultor"])
    assert users.count() == 2
    firms = set()
    for user in users:
        firm = user.membership.firm
        firms.add(firm.pk)
        assert firm.memberships.count() == 2, "each demo firm has an admin and a consultant"
        assert Organization.objects.filter(firm=firm).count() >= 2
        assert user.check_password("CiberListo-demo-2025")
        assert user.emailaddress_set.filter(verified=True).exists(), "demo logins need no e-mail round trip"
    assert len(firms) == 2
    counts = (Organization.objects.count(), Assessment.objects.count(), ResultSnapshot.objects.count())
    assert counts[0] == 8, "four clients per firm"
    assert Assessment.objects.filter(status="draft").count() == 2, "one invited client per firm is half-way"
    assert ResultSnapshot.objects.count() == Assessment.objects.filter(status="submitted").count() == 8
    reassessed = Organization.objects.get(name="Despacho Contable Morales")
    assert reassessed.assessments.filter(status="submitted").count() == 2, "a re-assessed client shows a trend"
    assert Invitation.objects.filter(assessment__status="draft").count() == 2
    overall = set(ResultSnapshot.objects.values_list("overall", flat=True))
    assert len(overall) >= 4, "demo companies should have varied results"
    call("seed_demo")
    assert (Organization.objects.count(), Assessment.objects.count(), ResultSnapshot.objects.count()) == counts
