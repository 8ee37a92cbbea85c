from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sites.models import Locality
from sites.provisioning import DeleteLocality


class Command(BaseCommand):
    help = "Delete a locality's tree, collection, groups and site. National pages are not touched."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--confirm", default="", help="Type the slug again to confirm.")

    def handle(self, *args, **options):
        locality = Locality.objects.filter(slug=options["slug"]).first()
        if locality is None:
            raise CommandError(f"No locality has the address “{options['slug']}”.")
        try:
            DeleteLocality(
                user=None, locality=locality, confirmation=options["confirm"], skip_permission_checks=True
            ).execute()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Deleted {locality.name}."))
