"""Development server and task worker together: what `make run` starts.

Both are child processes of this command; Ctrl-C (or either one exiting)
stops both, so no worker is left behind.
"""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with runserver and run the task worker beside it; Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="8000")

    def handle(self, *args, addrport, **options):
        signal.signal(signal.SIGTERM, _interrupt)
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        children = []
        if "django_tasks_db" in settings.TASKS["default"]["BACKEND"]:
            children.append(subprocess.Popen([*manage, "run_worker", "--no-reload", "--interval", "0.5"]))  # noqa: S603
        children.append(subprocess.Popen([*manage, "runserver", addrport]))  # noqa: S603
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for child in children:
                if child.poll() is None:
                    child.terminate()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()


def _interrupt(signum, frame):
    raise KeyboardInterrupt
