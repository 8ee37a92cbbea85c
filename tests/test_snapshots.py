"""The suite's database snapshots put back exactly the snapshot's rows,
whatever was written since, including writes a restore rolled back hid."""

from django.db import connection, transaction

from wagtail.models import Locale

import pytest

from tests import snapshots
from tests.conftest import MIGRATED

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not snapshots.supported(), reason="snapshots are kept on PostgreSQL only"),
]


def codes():
    return set(Locale.objects.values_list("language_code", flat=True))


def test_restores_follow_writes_other_snapshots_and_rolled_back_restores():
    migrated = codes()
    Locale.objects.create(language_code="fr")
    snapshots.take("test-french")

    Locale.objects.filter(language_code="fr").delete()
    Locale.objects.create(language_code="de")
    snapshots.restore("test-french")
    assert codes() == migrated | {"fr"}

    snapshots.restore(MIGRATED)
    assert codes() == migrated
    snapshots.restore("test-french")  # no write since: only the snapshots' differences are copied
    assert codes() == migrated | {"fr"}

    with transaction.atomic():
        snapshots.restore(MIGRATED)
        assert codes() == migrated
        transaction.set_rollback(True)
    assert codes() == migrated | {"fr"}
    snapshots.restore(MIGRATED)
    assert codes() == migrated


def test_a_table_that_lost_its_write_trigger_is_still_restored():
    migrated = codes()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {snapshots.TRIGGER} ON wagtailcore_locale")
    Locale.objects.create(language_code="fr")  # a write nothing recorded
    snapshots.restore(MIGRATED)
    assert codes() == migrated
    Locale.objects.create(language_code="de")  # recorded again: the triggers were put back
    snapshots.restore(MIGRATED)
    assert codes() == migrated
