from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup


def run_or_refuse(action, folder):
    """``action(folder)`` (back up or restore); a backup error becomes the command's error message."""
    try:
        return action(folder)
    except BackupError as error:
        raise CommandError(str(error)) from error


def counts_of(manifest):
    """What a backup holds, one count a kind, for the command's last line."""
    return ", ".join(f"{value} {name}" for name, value in manifest["counts"].items())


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the uploaded files (S3 bucket or MEDIA_ROOT) into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a folder that does not exist yet")

    def handle(self, *args, folder, **options):
        if folder.exists():
            raise CommandError(f"{folder} already exists: back up into a new folder")
        manifest = run_or_refuse(backup, folder)
        self.stdout.write(f"Backed up to {folder}: {counts_of(manifest)}; {manifest['files']} files")
