"""`manage.py render_report ASSESSMENT_ID -o FILE.pdf [--lang es|en]`."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tests.reports.conftest import pdf_reader


def test_writes_the_report_in_the_chosen_language(submitted, tmp_path):
    assessment, _ = submitted
    target = tmp_path / "out" / "reporte.pdf"
    call_command("render_report", str(assessment.pk), "-o", str(target), "--lang", "en")
    reader = pdf_reader(target.read_bytes())
    assert reader.trailer["/Root"]["/Lang"] == "en" and len(reader.pages) >= 5


def test_defaults_to_the_assessment_language(submitted, tmp_path):
    assessment, _ = submitted
    call_command("render_report", str(assessment.pk), "-o", str(tmp_path / "r.pdf"))
    assert pdf_reader((tmp_path / "r.pdf").read_bytes()).trailer["/Root"]["/Lang"] == "es-MX"


def test_refuses_unknown_and_draft_assessments(started, tmp_path):
    assessment, _ = started
    with pytest.raises(CommandError, match="No assessment"):
        call_command("render_report", "999999", "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="not been submitted"):
        call_command("render_report", str(assessment.pk), "-o", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
