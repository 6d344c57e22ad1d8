"""Media on S3-compatible storage: report PDFs, firm logos and Word files land in a private bucket (moto's
S3 server on 127.0.0.1) and come back through the app's own download views."""

from __future__ import annotations

import io
import socket

import boto3
import environ
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image

from assessments import services as assessment_services
from deliverables.services import versions as version_services
from readiness.settings.object_storage import media_storage
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

BUCKET = "ciberlisto-media-test"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PUBLIC_GRANTEES = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server in a thread of this process, listening on 127.0.0.1 only."""
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """Settings exactly as a server builds them from its environment, against an empty private bucket."""
    for name, value in {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_ACCESS_KEY_ID": "testing-access-key",
        "AWS_SECRET_ACCESS_KEY": "testing-secret-key",
        "AWS_S3_REGION_NAME": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing-access-key",
        aws_secret_access_key="testing-secret-key",
        region_name="us-east-1",
    )
    s3.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(environ.Env())}
    settings.TASKS = IMMEDIATE
    yield s3
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3.delete_bucket(Bucket=BUCKET)


def _object(s3, key: str) -> bytes:
    return s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def _is_private(s3, key: str) -> bool:
    grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    return not any(grant["Grantee"].get("URI") in PUBLIC_GRANTEES for grant in grants)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_without_a_bucket_media_stay_on_the_local_disk(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    assert media_storage(environ.Env()) is None


def test_the_storage_is_private_and_signs_any_url(bucket):
    options = media_storage(environ.Env())["OPTIONS"]
    assert options["default_acl"] is None and options["querystring_auth"] is True
    name = default_storage.save("probe/x.txt", io.BytesIO(b"x"))
    assert "X-Amz-Signature=" in default_storage.url(name)
    assert _is_private(bucket, name)


@pytest.fixture
def submitted(firm, sample_answers):
    organization = OrganizationFactory(firm=firm, name="Panadería La Espiga")
    assessment, token = assessment_services.assessment_start(organization=organization)
    assessment_services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    assessment_services.assessment_submit(assessment=assessment)
    return assessment, token


def test_the_owners_pdf_report_lands_in_the_bucket_and_downloads_back(
    bucket, client, submitted, django_capture_on_commit_callbacks
):
    assessment, token = submitted
    url = reverse("reports:owner_report", kwargs={"token": token})
    # Rendering is queued on commit (immediate backend here): a first visit may find it "being prepared".
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    if response.status_code == 202:
        response = client.get(url)
    assert response.status_code == 200
    pdf = _body(response)
    assert pdf.startswith(b"%PDF")
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET, Prefix="reports/")["Contents"]]
    assert len(keys) == 1
    assert _object(bucket, keys[0]) == pdf
    assert _is_private(bucket, keys[0])


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (11, 79, 138)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_firm_logo_lands_in_the_bucket_and_reaches_the_page_and_the_report(
    bucket, client, firm, firm_admin, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = _png()
    client.force_login(firm_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("firms:logo"), {"logo-logo": SimpleUploadedFile("logo.png", png, content_type="image/png")}
        )
    assert response.status_code == 302
    firm.refresh_from_db()
    assert firm.logo.name.startswith("branding/")
    assert _object(bucket, firm.logo.name) == png
    assert _is_private(bucket, firm.logo.name)
    assert _body(client.get(reverse("firms:logo_image"))) == png

    # The PDF renderer never fetches the bucket: the logo is inlined from storage.
    from assessments.reports.context import organization_branding

    branding = organization_branding(OrganizationFactory(firm=firm))
    assert branding.logo_uri.startswith("data:image/png;base64,")


def test_an_approved_versions_pdf_and_word_files_land_in_the_bucket(
    bucket, submitted, consultant, consultant_client, django_capture_on_commit_callbacks
):
    assessment, _ = submitted
    with django_capture_on_commit_callbacks(execute=True):
        version = version_services.report_version_approve(
            assessment=assessment, user=consultant, summary="Resumen aprobado.", conclusions="Conclusiones."
        )
    version.refresh_from_db()
    assert version_services.docx_available(), "python-docx and the chart rasterizer are required dependencies"
    kwargs = {"assessment_id": assessment.pk, "version_id": version.pk, "lang": "es"}
    docx = _body(consultant_client.get(reverse("deliverables:version_docx", kwargs=kwargs)))
    pdf = _body(consultant_client.get(reverse("deliverables:version_pdf", kwargs=kwargs)))
    assert docx.startswith(b"PK") and pdf.startswith(b"%PDF")
    assert _object(bucket, version.docx_es.name) == docx
    assert _object(bucket, version.pdf_es.name) == pdf
    stored = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET, Prefix="versions/")["Contents"]}
    assert {version.pdf_es.name, version.pdf_en.name, version.docx_es.name, version.docx_en.name} <= stored
    assert all(_is_private(bucket, key) for key in stored)


def test_health_checks_the_bucket_and_names_it_when_missing_without_the_keys(bucket, client, settings):
    response = client.get("/salud/web/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["Storage(alias='default')"] == "OK"

    missing = media_storage(environ.Env())
    missing["OPTIONS"]["bucket_name"] = "no-such-bucket"
    settings.STORAGES = {**settings.STORAGES, "default": missing}
    response = client.get("/salud/web/", HTTP_ACCEPT="application/json")
    assert response.status_code == 500
    assert response.json()["Storage(alias='default')"] != "OK"
    assert "testing-secret-key" not in response.content.decode()
    assert "testing-access-key" not in response.content.decode()
