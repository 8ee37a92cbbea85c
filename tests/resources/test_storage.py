"""Documents stored and downloaded through local files and through the real
S3 endpoint that `make test` starts on 127.0.0.1."""

import threading

from django.core.files.base import ContentFile

import pytest
import requests

from resources.factories import ResourceDocumentFactory, ResourcePageFactory, make_pdf

pytestmark = pytest.mark.django_db


def test_local_storage_download_serves_the_file(client, document_resource, settings):
    document = document_resource.document
    assert document.file.path.startswith(str(settings.MEDIA_ROOT))
    response = client.get(document.url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"] or "inline" in response["Content-Disposition"]


def test_s3_upload_and_signed_download(client, s3_storage, toolkit):
    s3, bucket = s3_storage
    pdf = make_pdf("Stored in S3", ["A sentence that proves the round trip."])
    document = ResourceDocumentFactory(title="S3 guide", file=ContentFile(pdf, name="s3-guide.pdf"))
    ResourcePageFactory(parent=toolkit["step"], title="S3 guide", document=document)  # a public use

    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    assert document.file.name in keys
    assert not document.is_stored_locally()

    response = client.get(document.url)
    assert response.status_code == 302
    signed = response["Location"]
    assert signed.startswith("http://127.0.0.1:")
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed
    downloaded = requests.get(signed, timeout=10)
    assert downloaded.status_code == 200
    assert downloaded.content == pdf


def test_s3_bucket_is_private_without_a_signature(s3_storage, toolkit):
    s3, bucket = s3_storage
    document = ResourceDocumentFactory(title="Private", file=ContentFile(make_pdf("Private"), name="private.pdf"))
    endpoint = s3.meta.endpoint_url
    unsigned = requests.get(f"{endpoint}/{bucket}/{document.file.name}", timeout=10)
    assert unsigned.status_code == 403


def test_s3_every_thread_signs_through_the_one_connection_its_process_built(s3_storage, toolkit):
    """An app server's threads share the S3 connection built when it started
    (core/storage.py), rather than each building its own inside a request."""
    from django.core.files.storage import default_storage

    from core.storage import prepare_default_storage

    pdf = make_pdf("Shared", ["Signed by any thread."])
    document = ResourceDocumentFactory(title="Shared", file=ContentFile(pdf, name="shared.pdf"))
    prepare_default_storage()
    built = default_storage.connection
    answers = []

    def download():
        answers.append((default_storage.connection, requests.get(document.file.url, timeout=10).content))

    threads = [threading.Thread(target=download) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [(built, pdf)] * 3
