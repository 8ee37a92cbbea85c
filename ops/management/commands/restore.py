from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore


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
        try:
            manifest = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{value} {name}" for name, value in manifest["counts"].items())
        self.stdout.write(f"Restored {folder} (made {manifest['created']}): {summary}; {manifest['files']} files")
