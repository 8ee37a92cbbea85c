from django.core.management import call_command
from django.core.management.base import BaseCommand

from sites.demo import load_demo_toolkit


class Command(BaseCommand):
    help = "Load the demo toolkit (idempotent: adds what is missing, changes nothing that exists)."

    def handle(self, *args, **options):
        loader = load_demo_toolkit(log=self.stdout.write)
        if loader.created:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo toolkit ready ({loader.created} pages created)."))
