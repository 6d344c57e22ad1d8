"""`manage.py purge_drafts [--days N] [--dry-run]`: delete the drafts nobody touched for N days.

Run it daily (cron or a systemd timer, see docs/DEPLOY.md). N defaults to the DRAFT_RETENTION_DAYS
setting (180). Never touches a submitted assessment, nor a draft that a firm's live invitation still
opens. Prints ids only, never names or e-mails: its output ends up in logs.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from assessments import privacy


class Command(BaseCommand):
    help = "Delete draft assessments not saved for N days (default DRAFT_RETENTION_DAYS), and companies left empty."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="idle days before a draft is deleted")
        parser.add_argument("--dry-run", action="store_true", help="print what would be deleted, delete nothing")

    def handle(self, *args, days: int | None, dry_run: bool, **options):
        days = privacy.draft_retention_days() if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        verb = "would delete" if dry_run else "deleted"
        purged = privacy.drafts_purge(days=days, dry_run=dry_run)
        for draft, deletion in purged:
            company = " and its company" if deletion.organization_deleted else ""
            self.stdout.write(
                f"{verb} draft {draft.pk} of company {draft.organization_id}{company}: "
                f"{deletion.answers} answers, last saved {draft.updated_at:%Y-%m-%d}"
            )
        orphans = privacy.organizations_orphaned(days=days)
        orphan_ids = list(orphans.values_list("pk", flat=True))
        if orphan_ids and not dry_run:
            orphans.filter(pk__in=orphan_ids).delete()
        for pk in orphan_ids:
            self.stdout.write(f"{verb} company {pk} (no assessment, no firm)")
        self.stdout.write(
            f"{len(purged)} draft(s) and {len(orphan_ids)} empty companies {verb} "
            f"(drafts idle for more than {days} days)."
        )
