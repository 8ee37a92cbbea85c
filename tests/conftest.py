import os
import shutil

from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

import pytest

from home.factories import NationalPageFactory, ToolkitHomePageFactory
from resources.factories import ResourceDocumentFactory, ResourcePageFactory, StepPageFactory

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def toolkit(db):
    """A small national toolkit served by the default Site: home, one national
    page and one step with both tiers' sections."""
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = ToolkitHomePageFactory(parent=root, slug="toolkit")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    principles = NationalPageFactory(
        parent=home,
        title="Principles",
        slug="principles",
        body=[("paragraph", RichText("<p>Context matters for every young person.</p>"))],
    )
    step = StepPageFactory(
        parent=home,
        title="Assessment",
        slug="assessment",
        body=[("paragraph", RichText("<p>Shared guidance for both tiers.</p>"))],
        tier_one_body=[("paragraph", RichText("<p>Guidance for individual work.</p>"))],
        tier_two_body=[("paragraph", RichText("<p>Guidance for contexts.</p>"))],
    )
    return {"home": home, "principles": principles, "step": step, "site": site}


@pytest.fixture
def document_resource(toolkit):
    document = ResourceDocumentFactory(title="Assessment guide")
    return ResourcePageFactory(
        parent=toolkit["step"], title="Assessment guide", slug="assessment-guide", document=document, tiers="one"
    )


# --- S3: the real endpoint started by `make test` (tests/services.py) --------


@pytest.fixture
def s3_storage(settings):
    """Point default storage at the S3 endpoint on 127.0.0.1, with a fresh bucket."""
    if not settings.ENV_S3_ENDPOINT_URL:
        if IN_CI:
            pytest.fail("No S3 endpoint: run the suite with `make test`.")
        pytest.skip("No S3 endpoint configured: run the suite with `make test`.")
    import boto3

    options = settings.S3_STORAGE["OPTIONS"]
    client = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        region_name=options["region_name"],
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )
    bucket = options["bucket_name"]
    existing = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
    if bucket not in existing:
        client.create_bucket(Bucket=bucket)
    settings.STORAGES = {**settings.STORAGES, "default": settings.S3_STORAGE}
    return client, bucket


# --- Browser: Debian's Chromium through Playwright --------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if CHROMIUM is None:
        if IN_CI:
            pytest.fail("Chromium is missing in CI: .ci/run should have installed Debian's chromium.")
        pytest.skip("Chromium is not installed (apt-get install chromium): browser tests skipped.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
        ],
    }
