"""National documents and images that every locality may link, read-only.

The national team keeps them in the "National toolkit" collection. Each
locality's editors and publishers hold only ``choose_document`` and
``choose_image`` on it: Wagtail's choosers then list it beside their own
collection, and the page form's reference fence (``resources.forms``)
accepts links to it, while editing, replacing and deleting stay with the
national team. It is a sibling of the localities' collections, not their
parent: collection permissions pass down to child collections, so a grant
on a parent would open every locality's files.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission

NATIONAL_COLLECTION = "National toolkit"
CHOOSE_ONLY = [("wagtaildocs", "choose_document"), ("wagtailimages", "choose_image")]


def _choose_permissions():
    return list(
        Permission.objects.filter(
            content_type__app_label__in=[app for app, _ in CHOOSE_ONLY],
            codename__in=[codename for _, codename in CHOOSE_ONLY],
        )
    )


def share_with(groups, collection=None) -> None:
    """Let these groups choose (only choose) the national collection's media."""
    collection = collection or national_collection()
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=group, collection=collection, permission=permission)
            for group in groups
            for permission in _choose_permissions()
        ],
        ignore_conflicts=True,
    )


def locality_groups():
    from .models import Locality

    ids = set()
    for editors, publishers in Locality.objects.values_list("editors_group_id", "publishers_group_id"):
        ids.update(group_id for group_id in (editors, publishers) if group_id)
    return Group.objects.filter(pk__in=ids)


@transaction.atomic
def national_collection() -> Collection:
    """The national collection, made on first use and shared with every locality's groups then."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=NATIONAL_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=NATIONAL_COLLECTION)
        share_with(locality_groups(), collection)
    return collection
