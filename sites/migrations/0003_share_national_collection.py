"""Existing localities' editors and publishers may choose (only choose) the
national collection's documents and images: see sites/national_documents.py."""

from django.db import migrations

NATIONAL_COLLECTION = "National toolkit"
CHOOSE_ONLY = [("wagtaildocs", "choose_document"), ("wagtailimages", "choose_image")]


def share(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")
    Locality = apps.get_model("sites", "Locality")
    collection = Collection.objects.filter(depth=2, name=NATIONAL_COLLECTION).first()
    if collection is None:
        return  # Made, and shared, on first use (national_collection()).
    permissions = list(
        Permission.objects.filter(
            content_type__app_label__in=[app for app, _ in CHOOSE_ONLY],
            codename__in=[codename for _, codename in CHOOSE_ONLY],
        )
    )
    group_ids = set()
    for editors, publishers in Locality.objects.values_list("editors_group_id", "publishers_group_id"):
        group_ids.update(group_id for group_id in (editors, publishers) if group_id)
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group_id=group_id, collection=collection, permission=permission)
            for group_id in sorted(group_ids)
            for permission in permissions
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sites", "0002_adapted_pages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(share, migrations.RunPython.noop)]
