"""Delete audits nobody has used for AUDIT_RETENTION_DAYS. Run it daily, e.g. from cron:

15 3 * * *  cd /srv/toolkit && .venv/bin/python manage.py delete_stale_audits
"""

from django.core.management.base import BaseCommand, CommandError

from audit.actions import DeleteStaleAudits


class Command(BaseCommand):
    help = "Delete audits not used for AUDIT_RETENTION_DAYS days (or --days)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Override AUDIT_RETENTION_DAYS for this run.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        action = DeleteStaleAudits(days=days, dry_run=dry_run)
        count = action.execute()
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} audit{'s' if count != 1 else ''} not used for {action.days} days.")
