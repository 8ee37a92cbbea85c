"""Factories for localities, shared by tests and demo data.

`LocalityFactory` goes through the real provisioning action, so a locality
made in a test has exactly the tree, groups and workflow an editor's has.
"""

import factory
import wagtail_factories

from resources.factories import PublishedPageFactory

from .models import InheritedPage, Locality, LocalityHomePage, LocalityIndexPage
from .provisioning import ProvisionLocality


class LocalityFactory(factory.Factory):
    class Meta:
        model = Locality

    name = factory.Sequence(lambda n: f"Locality {n}")
    slug = ""
    nation = "england"
    region = ""
    hostname = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        profile = {
            key: kwargs.pop(key) for key in list(kwargs) if key not in {"name", "slug", "nation", "region", "hostname"}
        }
        return ProvisionLocality(user=None, profile=profile, skip_permission_checks=True, **kwargs).execute()


class LocalityHomePageFactory(PublishedPageFactory):
    class Meta:
        model = LocalityHomePage

    title = factory.Sequence(lambda n: f"Locality home {n}")


class InheritedPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InheritedPage

    title = factory.LazyAttribute(lambda o: o.source.title)
    slug = factory.LazyAttribute(lambda o: o.source.slug)


class LocalityIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = LocalityIndexPage

    title = "Local toolkits"
    slug = "toolkits"
