from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import restore

from .backup import counts_of, run_or_refuse


class Command(BaseCommand):
    help = "Restore a backup folder over this database and bucket (replaces what is there)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--confirm", action="store_true", help="required: the database's current content is replaced"
        )

    def handle(self, *args, folder, confirm, **options):
        if not confirm:
            raise CommandError("Restoring replaces the database: run again with --confirm")
        manifest = run_or_refuse(restore, folder)
        summary = counts_of(manifest)
        self.stdout.write(f"Restored {folder} (made {manifest['created']}): {summary}; {manifest['files']} files")
