"""Back up, wipe, restore: pages, revisions, documents (files in the real S3
endpoint), download counts and audits come back intact."""

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page, Revision

import pytest

from audit.models import AuditResponse
from resources.models import DownloadCount, ResourceDocument

pytestmark = pytest.mark.django_db(transaction=True)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
RESOURCE = "/en/assessment/assessment-guide/"


def test_backup_wipe_restore(client, s3_storage, document_resource, audit, tmp_path):
    s3, bucket = s3_storage
    document = ResourceDocument.objects.get(pk=document_resource.document_id)
    document.file.save("guide.pdf", document.file.file, save=True)  # into the bucket
    document_bytes = s3.get_object(Bucket=bucket, Key=document.file.name)["Body"].read()
    for _ in range(3):
        assert client.get(document.url, HTTP_USER_AGENT=BROWSER).status_code == 302
    started = client.post("/en/audit/self-assessment/", {"area": "Testshire"})
    private_link = started["Location"].split("?")[0]
    before = {
        "pages": set(Page.objects.values_list("url_path", flat=True)),
        "revisions": Revision.objects.count(),
        "downloads": DownloadCount.objects.get().count,
    }
    assert before["downloads"] == 3

    call_command("backup", str(tmp_path / "backup"))

    # As a lost database would be: every table emptied (no post-migrate rows put back).
    call_command("flush", "--noinput", inhibit_post_migrate=True)
    for item in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
        s3.delete_object(Bucket=bucket, Key=item["Key"])
    assert client.get(RESOURCE).status_code == 404
    assert client.get(private_link).status_code == 404

    call_command("restore", str(tmp_path / "backup"), "--confirm")

    assert set(Page.objects.values_list("url_path", flat=True)) == before["pages"]
    assert Revision.objects.count() == before["revisions"]
    assert DownloadCount.objects.get().count == before["downloads"]
    assert AuditResponse.objects.get().area == "Testshire"
    assert "Assessment guide" in client.get(RESOURCE).content.decode()
    assert client.get(private_link).status_code == 200
    assert s3.get_object(Bucket=bucket, Key=document.file.name)["Body"].read() == document_bytes


def test_restore_needs_confirmation_and_a_backup_folder(tmp_path):
    with pytest.raises(CommandError, match="--confirm"):
        call_command("restore", str(tmp_path))
    with pytest.raises(CommandError, match="not a backup folder"):
        call_command("restore", str(tmp_path), "--confirm")


def test_backup_refuses_an_existing_folder(tmp_path):
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(tmp_path))
