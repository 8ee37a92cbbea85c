from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the uploaded files (S3 bucket or MEDIA_ROOT) into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a folder that does not exist yet")

    def handle(self, *args, folder, **options):
        if folder.exists():
            raise CommandError(f"{folder} already exists: back up into a new folder")
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{value} {name}" for name, value in manifest["counts"].items())
        self.stdout.write(f"Backed up to {folder}: {summary}; {manifest['files']} files")
