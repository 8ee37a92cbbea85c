"""Every page type has a factory that builds a live, published page."""

from wagtail.models import get_page_models

import pytest

from home import factories as home_factories
from resources import factories as resource_factories
from sites import factories as site_factories

pytestmark = pytest.mark.django_db

FACTORIES = {
    factory._meta.model: factory
    for module in (home_factories, resource_factories, site_factories)
    for factory in vars(module).values()
    if isinstance(factory, type) and hasattr(factory, "_meta") and getattr(factory._meta, "model", None)
}


def test_every_project_page_type_has_a_factory():
    ours = [model for model in get_page_models() if model._meta.app_label in {"home", "resources", "sites"}]
    missing = [model.__name__ for model in ours if model not in FACTORIES]
    assert not missing


def test_factories_publish_a_revision(toolkit):
    assert toolkit["step"].live
    assert toolkit["step"].last_published_at is not None
    assert toolkit["step"].latest_revision is not None
