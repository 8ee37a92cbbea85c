from django.core.management import call_command
from django.db import transaction

import pytest


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """The demo toolkit, loaded once per module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db):
    return None
