"""Backup → purge → restore of a customer with data in its schema, in public and in files."""

import datetime as dt
import json
import tarfile
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django_tenants.utils import schema_exists, tenant_context

from feedback.choices import ItemKind
from feedback.models import FeedbackItem
from feedback.services.items import feedback_item_create
from incidents.models import Incident
from reports.build import report_build
from reports.choices import ReportKind, ReportStatus
from reports.models import Report
from reports.services import report_create
from tenants.models import CustomerBackup, CustomerTenant, OnboardingStep, PilotCustomer
from tenants.services import backup as backup_module
from tenants.services.backup import customer_backup, customer_public_rows, customer_restore, schema_checksums
from tenants.services.customers import CandidateInput
from tenants.services.provisioning import customer_onboard
from tests.conftest import TenantClient
from tests.incidents.factories import incident_make

GAMMA = CandidateInput(slug="gamma", name_en="Gamma Farm", city="Dammam", ponds=4, contact_email="o@gamma.example")


@pytest.fixture
def gamma(transactional_db: None, settings, tmp_path: Path):
    """A provisioned customer with schema rows, public rows (incident, report) and a report file."""
    settings.BACKUP_DIR = tmp_path / "backups"
    customer = customer_onboard(data=GAMMA).customer
    with tenant_context(customer.tenant):
        feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Low-oxygen alerts")
    incident_make(customer)
    report = report_create(kind=ReportKind.CUSTOMER, language="en", customer=customer)
    assert report_build(report_id=report.pk).status == ReportStatus.DONE
    yield PilotCustomer.objects.select_related("tenant").get(pk=customer.pk)
    for schema in ("gamma", "gamma_copy"):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _public_state(customer: PilotCustomer) -> list[str]:
    return sorted(f"{obj._meta.label}:{obj.pk}" for obj in customer_public_rows(customer=customer))


def test_backup_purge_restore_brings_every_row_and_file_back(gamma) -> None:
    schema_before = schema_checksums(schema="gamma")
    public_before = _public_state(gamma)
    report = Report.objects.get(customer=gamma)
    pdf = report.file.read()
    report.file.close()

    out = StringIO()
    call_command("customer_purge", "--slug", "gamma", "--confirm", "gamma", stdout=out)
    backup = CustomerBackup.objects.get(slug="gamma")
    assert not schema_exists("gamma")
    assert not PilotCustomer.objects.filter(slug="gamma").exists()
    assert not report.file.storage.exists(report.file.name)
    assert Incident.objects.count() == 1  # shared incidents stay; only the link to gamma went

    call_command("customer_restore", backup.path, "--slug", "gamma", stdout=out)

    restored = PilotCustomer.objects.select_related("tenant").get(slug="gamma")
    assert schema_checksums(schema="gamma") == schema_before
    assert _public_state(restored) == public_before
    assert Incident.objects.get().customers.get() == restored
    assert report.file.storage.open(report.file.name).read() == pdf
    with tenant_context(restored.tenant):
        assert FeedbackItem.objects.get().title == "Low-oxygen alerts"
    assert TenantClient("gamma.localhost").get("/accounts/login/").status_code == 200


def test_timestamps_below_a_millisecond_survive_purge_and_restore(gamma) -> None:
    """Django's JSON encoder writes 12:00:00.000456 as 12:00:00.000, which reads back as 12:00:00: the restore
    was refused ("does not match the backup's manifest: tenants.OnboardingStep") about once in a thousand."""
    exact = dt.datetime(2026, 11, 30, 12, 0, 0, 456, tzinfo=dt.UTC)
    OnboardingStep.objects.filter(customer=gamma).update(done_at=exact)
    public_before = _public_state(gamma)

    call_command("customer_purge", "--slug", "gamma", "--confirm", "gamma", stdout=StringIO())
    call_command(
        "customer_restore", CustomerBackup.objects.get(slug="gamma").path, "--slug", "gamma", stdout=StringIO()
    )

    restored = PilotCustomer.objects.get(slug="gamma")
    assert _public_state(restored) == public_before
    assert set(OnboardingStep.objects.filter(customer=restored).values_list("done_at", flat=True)) == {exact}


def test_an_archive_of_format_1_still_restores(gamma) -> None:
    """Archives written before format 2 hold millisecond timestamps and checksums made with Django's encoder."""
    OnboardingStep.objects.filter(customer=gamma).update(
        done_at=dt.datetime(2026, 11, 30, 12, 0, 0, 123000, tzinfo=dt.UTC)
    )
    with (
        mock.patch.object(backup_module, "MANIFEST_FORMAT", 1),
        mock.patch.object(backup_module, "ExactJSONEncoder", DjangoJSONEncoder),
    ):
        backup = customer_backup(customer=gamma)
    with tarfile.open(backup.path) as archive:
        assert json.load(archive.extractfile("manifest.json"))["format"] == 1
    call_command("customer_purge", "--slug", "gamma", "--confirm", "gamma", stdout=StringIO())

    call_command("customer_restore", backup.path, "--slug", "gamma", stdout=StringIO())

    assert OnboardingStep.objects.filter(customer__slug="gamma").count() == 4


def test_a_lost_schema_comes_back_under_the_existing_customer(gamma) -> None:
    backup = customer_backup(customer=gamma)
    before = schema_checksums(schema="gamma")
    with connection.cursor() as cursor:
        cursor.execute('DROP SCHEMA "gamma" CASCADE')
    assert TenantClient("gamma.localhost").get("/accounts/login/").status_code == 503

    call_command("customer_restore", backup.path, "--slug", "gamma", stdout=StringIO())

    assert schema_checksums(schema="gamma") == before
    assert TenantClient("gamma.localhost").get("/accounts/login/").status_code == 200


def test_backup_archive_holds_dump_rows_files_and_manifest(gamma) -> None:
    backup = customer_backup(customer=gamma)
    with tarfile.open(backup.path) as archive:
        names = set(archive.getnames())
    report = Report.objects.get(customer=gamma)
    assert {"schema.dump", "public.json", "manifest.json", f"files/{report.file.name}"} <= names
    assert backup.files == 1 and backup.schema_rows > 0 and backup.public_rows > 0


def test_restore_as_a_new_slug_leaves_the_original_untouched(gamma) -> None:
    backup = customer_backup(customer=gamma)
    before = schema_checksums(schema="gamma")

    copy = customer_restore(path=Path(backup.path), slug="gamma", as_slug="gamma_copy")

    assert copy.tenant.schema_name == "gamma_copy"
    assert schema_checksums(schema="gamma_copy") == before
    assert schema_checksums(schema="gamma") == before
    assert CustomerTenant.objects.filter(schema_name="gamma").exists()


def test_restore_refuses_over_an_existing_customer(gamma) -> None:
    backup = customer_backup(customer=gamma)
    with pytest.raises(CommandError, match="still exists"):
        call_command("customer_restore", backup.path, "--slug", "gamma")


def test_restore_refuses_a_damaged_archive(gamma, tmp_path: Path) -> None:
    backup = customer_backup(customer=gamma)
    call_command("customer_purge", "--slug", "gamma", "--confirm", "gamma", stdout=StringIO())
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(backup.path) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "schema.dump":
                data = data[:-100] + b"x" * 100
            member.size = len(data)
            target.addfile(member, __import__("io").BytesIO(data))
    with pytest.raises(CommandError, match="damaged"):
        call_command("customer_restore", str(damaged), "--slug", "gamma")
    assert not schema_exists("gamma")


def test_purge_needs_the_slug_twice_and_refuses_without_a_backup(gamma, settings) -> None:
    with pytest.raises(CommandError, match="repeat the slug"):
        call_command("customer_purge", "--slug", "gamma", "--confirm", "gama")
    settings.BACKUP_DIR = Path("/proc/no-backups-here")  # cannot be written
    with pytest.raises(CommandError, match="nothing was deleted"):
        call_command("customer_purge", "--slug", "gamma", "--confirm", "gamma")
    assert schema_exists("gamma")
    assert PilotCustomer.objects.filter(slug="gamma").exists()


def test_nightly_backup_keeps_the_last_n(gamma, settings) -> None:
    from tenants.tasks import customer_backup_all

    settings.BACKUP_KEEP = 2
    for _ in range(3):
        customer_backup_all()
    kept = CustomerBackup.objects.filter(slug="gamma")
    assert kept.count() == 2
    assert all(Path(backup.path).is_file() for backup in kept)
    assert len(list((settings.BACKUP_DIR / "gamma").iterdir())) == 2
