"""Stored files on S3 (S3_* variables, pilot/s3.py) against moto's S3 server started by the test: a receipt and a
report built by a real worker land in the bucket and come back only through the permission-checked downloads; a
customer backup is written to the bucket and restored from it."""

import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import boto3
import pytest
import requests
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tenants.utils import schema_exists

from pilot.models import BudgetLine, Expense, Program
from pilot.s3 import s3_storage
from reports.choices import ReportStatus
from reports.models import Report
from tenants.models import CustomerBackup, PilotCustomer
from tenants.services.backup import schema_checksums
from tests.reports.test_worker import _wait_done
from tests.safety.test_backup_restore import gamma  # noqa: F401 - a provisioned customer with a report file

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF"
KEYS = {"S3_ACCESS_KEY": "test-key", "S3_SECRET_KEY": "test-secret", "S3_REGION": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3-compatible server on a free loopback port, for the whole session (it starts in ~2 s)."""
    port = _free_port()
    server = Path(sys.executable).parent / "moto_server"
    process = subprocess.Popen(
        [server, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(endpoint, timeout=1)
            break
        except requests.ConnectionError:
            assert time.monotonic() < deadline, "moto_server did not start"
            time.sleep(0.1)
    yield endpoint
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint: str, settings, monkeypatch: pytest.MonkeyPatch):
    """A fresh bucket; this process's storages and any worker started after this fixture use it (S3_* variables)."""
    name = f"pilot-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=KEYS["S3_ACCESS_KEY"],
        aws_secret_access_key=KEYS["S3_SECRET_KEY"],
        region_name=KEYS["S3_REGION"],
    )
    client.create_bucket(Bucket=name)
    for variable, value in {**KEYS, "S3_BUCKET": name, "S3_ENDPOINT_URL": s3_endpoint}.items():
        monkeypatch.setenv(variable, value)
    keys = {"access_key": KEYS["S3_ACCESS_KEY"], "secret_key": KEYS["S3_SECRET_KEY"], "region": KEYS["S3_REGION"]}
    storage = s3_storage(bucket=name, endpoint_url=s3_endpoint, **keys)
    backups = s3_storage(bucket=name, endpoint_url=s3_endpoint, location="backups", **keys)
    settings.STORAGES = {**settings.STORAGES, "default": storage, "reports": storage, "backups": backups}
    # Report.file took its storage when the model was defined (a callable storage is called once): point it at
    # the bucket as settings would have at start-up.
    monkeypatch.setattr(Report._meta.get_field("file"), "storage", storages["reports"])
    client.bucket = name
    return client


def _keys(bucket) -> dict[str, bytes]:
    listing = bucket.list_objects_v2(Bucket=bucket.bucket).get("Contents", [])
    return {item["Key"]: bucket.get_object(Bucket=bucket.bucket, Key=item["Key"])["Body"].read() for item in listing}


def test_a_receipt_is_stored_in_the_bucket_and_served_only_through_the_checked_download(
    program: Program, pm_client, public_client, customer_a_client, bucket, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path  # nothing may land here
    line = BudgetLine.objects.get(category="support")
    receipt = SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf")
    response = pm_client.post(
        "/api/v1/expenses/", {"line": line.pk, "date": "2026-09-07", "amount": "20.00", "receipt": receipt}
    )
    assert response.status_code == 201, response.content
    name = Expense.objects.get().receipt.name

    assert _keys(bucket) == {name: PDF}
    assert not any(tmp_path.iterdir())
    download = pm_client.get("/media/" + name)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert public_client.get("/media/" + name).status_code in (302, 404)  # not signed in
    assert customer_a_client.get("/media/" + name).status_code == 404  # a customer's portal serves no receipts


@pytest.mark.worker
def test_a_report_built_by_a_real_worker_lands_in_the_bucket_and_downloads_through_the_api(
    bucket, celery_worker_process, pm_client, customer_a_client, customer_b_client, tenant_a
) -> None:
    response = pm_client.post(
        "/api/v1/reports/", {"language": "en", "customer": tenant_a.slug}, content_type="application/json"
    )
    assert response.status_code == 202, response.content

    report = _wait_done(Report.objects.get(pk=response.json()["id"]), timeout=90.0)

    assert report.status == ReportStatus.DONE, report.error
    stored = _keys(bucket)
    assert list(stored) == [report.file.name] and report.file.name.startswith("reports/")
    download = pm_client.get(f"/api/v1/reports/{report.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == stored[report.file.name]
    assert stored[report.file.name].startswith(b"%PDF")
    own = customer_a_client.get(f"/reports/{report.pk}/download/")  # the customer's portal, its own report
    assert own.status_code == 200 and b"".join(own.streaming_content) == stored[report.file.name]
    # Customer B's portal never serves customer A's report.
    assert customer_b_client.get(f"/reports/{report.pk}/download/").status_code == 404
    assert customer_b_client.get(f"/api/v1/reports/{report.pk}/download/").status_code in (403, 404)


def test_a_customer_backup_is_written_to_the_bucket_and_restored_from_it(bucket, gamma, settings) -> None:  # noqa: F811
    report = Report.objects.get(customer=gamma)
    pdf = report.file.read()
    report.file.close()
    schema_before = schema_checksums(schema="gamma")

    call_command("customer_purge", "--slug", "gamma", "--confirm", "gamma", stdout=StringIO())  # backs up first

    backup = CustomerBackup.objects.get(slug="gamma")
    assert backup.path.startswith("storage:gamma/gamma-")
    key = "backups/" + backup.path.removeprefix("storage:")
    stored = _keys(bucket)
    assert len(stored[key]) == backup.size and report.file.name not in stored  # purged: only the backup is left
    assert not Path(settings.BACKUP_DIR).exists() or not any(Path(settings.BACKUP_DIR).rglob("*.tar"))
    assert not schema_exists("gamma")

    call_command("customer_restore", backup.path, "--slug", "gamma", stdout=StringIO())

    assert PilotCustomer.objects.get(slug="gamma").tenant.schema_name == "gamma"
    assert schema_checksums(schema="gamma") == schema_before
    assert _keys(bucket)[report.file.name] == pdf  # the report file is back in the bucket
