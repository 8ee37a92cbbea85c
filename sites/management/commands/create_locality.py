from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sites.provisioning import ProvisionLocality


class Command(BaseCommand):
    help = (
        "Create a locality's toolkit: home page, steps, inherited national pages, collection, "
        "editors' and publishers' groups, approval workflow and (optionally) its own site. "
        "Running it again with the same arguments changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help='The locality\'s name, e.g. "Tower Hamlets".')
        parser.add_argument("--slug", default="", help="Its address, /en/<slug>/ (default: from the name).")
        parser.add_argument("--nation", default="England", help="England, Wales, Scotland or Northern Ireland.")
        parser.add_argument("--region", default="")
        parser.add_argument("--hostname", default="", help="Optional host name of its own, e.g. hackney.localhost.")

    def handle(self, *args, **options):
        action = ProvisionLocality.from_fields(options, user=None, skip_permission_checks=True)
        try:
            locality = action.execute()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if action.existed:
            self.stdout.write(f"{locality.name} already exists at /en/{locality.slug}/: nothing changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Created {locality.name} at /en/{locality.slug}/"))
