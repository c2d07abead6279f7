"""The documents in an S3-compatible bucket (DOCUMENTS_S3_BUCKET, for several hosts):
the same attach, list, download and withdraw as with the private folder, against an S3
store held in memory by moto. The objects are private, and the only way to a file is
still the documents' view."""

import boto3
import pytest
from moto import mock_aws

from documents.models import Document
from registry.models import AccessLog
from registry.settings import documents_storage
from tests.documents.factories import PDF, upload
from tests.documents.test_views import attach_form

BUCKET = "registry-documents"
ENVIRONMENT = {
    "DOCUMENTS_S3_BUCKET": BUCKET,
    "DOCUMENTS_S3_ACCESS_KEY": "registry",
    "DOCUMENTS_S3_SECRET_KEY": "registry-secret",
    "DOCUMENTS_S3_REGION": "us-east-1",
}


@pytest.fixture
def bucket(settings, documents_dir):
    """The documents' storage switched to a bucket of an S3 store in memory (as the
    settings switch it when DOCUMENTS_S3_BUCKET is set); the S3 client that reads it."""
    with mock_aws():
        client = boto3.client(
            "s3",
            region_name="us-east-1",
            aws_access_key_id="registry",
            aws_secret_access_key="registry-secret",
        )
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**settings.STORAGES, "documents": documents_storage(ENVIRONMENT)}
        yield client


def objects(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_attach_list_download_and_withdraw_with_the_bucket(
    as_user, officer_a, regional_user, child_a, bucket, documents_dir
):
    client = as_user(officer_a)
    response = client.post(f"/children/{child_a.pk}/documents/new/", attach_form(child_a))
    assert response.status_code == 302
    document = Document.objects.get(child=child_a)
    # In the bucket, not in the folder; private: only its owner has a grant.
    assert objects(bucket) == [document.stored_name]
    assert not documents_dir.exists() or not any(documents_dir.rglob("*"))
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=document.stored_name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"].get("URI") is None for grant in grants)  # no AllUsers

    download_url = f"/children/{child_a.pk}/documents/{document.pk}/"
    page = client.get(f"/children/{child_a.pk}/").content.decode()
    assert "Court decision" in page and download_url in page
    assert "amazonaws" not in page and BUCKET not in page  # no link to the store

    for reader in (officer_a, regional_user):
        response = as_user(reader).get(download_url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
    logged = AccessLog.objects.filter(action=AccessLog.Action.EXPORT, child_id=child_a.pk)
    assert sorted(entry.user_id for entry in logged) == sorted([officer_a.pk, regional_user.pk])

    withdraw = client.post(f"{download_url}withdraw/", {"reason": "Attached to the wrong child"})
    assert withdraw.status_code == 302
    assert client.get(download_url).status_code == 404
    assert objects(bucket) == [document.stored_name]  # the file is kept


def test_a_refused_file_leaves_nothing_in_the_bucket(as_user, officer_a, child_a, bucket):
    client = as_user(officer_a)
    response = client.post(
        f"/children/{child_a.pk}/documents/new/",
        {**attach_form(child_a), "upload": upload(b"MZ\x90\x00" + b"\x00" * 200, "scan.pdf")},
    )
    assert response.status_code == 200 and "Only PDF, JPEG and PNG" in response.content.decode()
    assert objects(bucket) == [] and not Document.objects.exists()


def test_a_file_missing_from_the_bucket_answers_404(as_user, officer_a, child_a, bucket):
    client = as_user(officer_a)
    client.post(f"/children/{child_a.pk}/documents/new/", attach_form(child_a))
    document = Document.objects.get()
    bucket.delete_object(Bucket=BUCKET, Key=document.stored_name)
    assert client.get(f"/children/{child_a.pk}/documents/{document.pk}/").status_code == 404
