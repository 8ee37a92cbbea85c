from django.core.management.base import BaseCommand, CommandError

from sites.models import Nation
from sites.provisioning import ProvisioningError, ProvisionLocality


class Command(BaseCommand):
    help = "Provision a locality: its page tree, inherited national pages, collection, editors' group and site."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--slug", default="")
        parser.add_argument("--nation", default=Nation.ENGLAND, choices=Nation.values)
        parser.add_argument("--region", default="")
        parser.add_argument("--hostname", default="")

    def handle(self, *args, **options):
        action = ProvisionLocality(
            user=None,
            name=options["name"],
            slug=options["slug"],
            nation=options["nation"],
            region=options["region"],
            hostname=options["hostname"],
            skip_permission_checks=True,
        )
        try:
            locality = action.execute()
        except ProvisioningError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Provisioned {locality.name} at /en/{locality.slug}/"))
