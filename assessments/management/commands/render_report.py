"""`manage.py render_report ASSESSMENT_ID -o FILE.pdf [--lang es|en]`: write one report now."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.models import Assessment
from assessments.reports.context import report_language
from assessments.reports.process import RenderError
from assessments.reports.services import NotSubmitted, report_pdf, submitted_snapshot


class Command(BaseCommand):
    help = "Render the PDF report of a submitted assessment to a file (no cache, no queue)."

    def add_arguments(self, parser):
        parser.add_argument("assessment_id", type=int)
        parser.add_argument("-o", "--output", required=True, help="where to write the PDF")
        parser.add_argument(
            "--lang", choices=["es", "en"], default=None, help="report language (default: the assessment's language)"
        )

    def handle(self, *args, assessment_id: int, output: str, lang: str | None, **options):
        try:
            assessment = Assessment.objects.select_related("organization").get(pk=assessment_id)
        except Assessment.DoesNotExist as exc:
            raise CommandError(f"No assessment with id {assessment_id}.") from exc
        try:
            snapshot = submitted_snapshot(assessment=assessment)
        except NotSubmitted as exc:
            raise CommandError(f"Assessment {assessment_id} has not been submitted yet: no report.") from exc
        lang = report_language(lang or assessment.language)
        try:
            rendered = report_pdf(snapshot=snapshot, organization=assessment.organization, lang=lang)
        except RenderError as exc:
            raise CommandError(f"The report could not be rendered: {exc}") from exc
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rendered.pdf)
        self.stderr.write(
            self.style.SUCCESS(f"Wrote {path} ({len(rendered.pdf) // 1024} KiB, {lang}) in {rendered.seconds:.2f} s.")
        )
