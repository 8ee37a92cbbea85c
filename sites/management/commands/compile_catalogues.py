"""Compile the project's message catalogues (locale/*/LC_MESSAGES/*.po) to .mo.

Django's ``compilemessages`` needs GNU gettext's ``msgfmt`` on the machine;
this uses polib (a Python dependency already in the lock), so ``make run``
and ``make test`` work without a system package. Only the project's own
catalogues are compiled: installed packages ship theirs compiled.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import polib


class Command(BaseCommand):
    help = "Compile the project's .po message catalogues to .mo files (no GNU gettext needed)."

    def handle(self, *args, **options):
        compiled = 0
        for folder in settings.LOCALE_PATHS:
            for po_path in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                try:
                    catalogue = polib.pofile(str(po_path))
                except (OSError, ValueError) as error:
                    raise CommandError(f"Cannot read {po_path.name} ({po_path.parent.parent.name}): {error}") from error
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                catalogue.save_as_mofile(str(mo_path))
                compiled += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"Compiled {po_path.parent.parent.name}/{po_path.name}")
        if options["verbosity"]:
            self.stdout.write(f"Message catalogues compiled: {compiled}.")
