"""Per-customer backups, verified restores and the one way to purge a customer's data.

A backup is one tar archive:

- `schema.dump` — `pg_dump -Fc -n <schema>` (PostgreSQL's own tool, matching the server);
- `public.json` — the customer's rows in public (the customer, its lifecycle, checklist, tenant and
  domain rows, its reports, SLI samples, training…), found the way a delete would find them;
- `files/…` — every file those rows point at (report PDFs, receipts, evidence);
- `manifest.json` — row count and checksum of every table of the schema and every public model,
  size and SHA-256 of every file and of the dump.

The dump, the checksums and the public rows are read in one repeatable-read snapshot (exported to
pg_dump), so they describe the same moment. A restore goes into a schema that does not exist yet
and is only kept when every count and checksum matches the manifest.
"""

import datetime as dt
import hashlib
import io
import json
import logging
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_exists

from core.permissions import permissions_forget
from core.schemas import schema_named, schema_public_set
from tenants.models import CustomerBackup, CustomerTenant, Domain, PilotCustomer
from tenants.services import pgtools
from tenants.services.backup_storage import backup_delete, backup_storage_enabled, backup_store
from tenants.services.pgtools import PgToolError
from tenants.services.provisioning import domain_for, schema_name_for

# Format 2 writes public rows with exact timestamps (ExactJSONEncoder); format 1 archives are still read.
MANIFEST_FORMAT = 2
EXACT_TIMESTAMPS_SINCE = 2
logger = logging.getLogger(__name__)


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder keeps milliseconds only, so 12:00:00.000456 is written as 12:00:00.000 and reads back
    as 12:00:00, which writes as 12:00:00: a restored row would neither equal its original nor match the
    manifest's checksum (seen once in about a thousand restores). A backup keeps every microsecond."""

    def default(self, o: object) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def _public_json(rows: list[models.Model], *, manifest_format: int = MANIFEST_FORMAT) -> str:
    encoder = ExactJSONEncoder if manifest_format >= EXACT_TIMESTAMPS_SINCE else DjangoJSONEncoder
    json_text: str = serializers.serialize("json", rows, cls=encoder)
    return json_text


@dataclass(frozen=True)
class Snapshot:
    """What one backup read: the schema's table checksums, the public rows, their files."""

    schema_tables: dict[str, dict[str, Any]]
    public: dict[str, dict[str, Any]]
    public_json: str
    files: dict[str, FieldFile]


def customer_backup(*, customer: PilotCustomer, output: Path | None = None) -> CustomerBackup:
    """Write a verified backup archive of one customer and record it; raises if it cannot be verified."""
    schema = customer.tenant.schema_name
    started = time.monotonic()
    to_storage = output is None and backup_storage_enabled()
    with tempfile.TemporaryDirectory() as work:
        default = _default_path(customer.slug)
        archive = output or (Path(work) / default.name if to_storage else default)
        archive.parent.mkdir(parents=True, exist_ok=True)
        dump = Path(work) / "schema.dump"
        snapshot = _snapshot_dump(customer, schema, dump)
        manifest = _manifest(customer, schema, snapshot, dump)
        _archive_write(archive, manifest, dump, snapshot)
        customer_backup_verify(path=archive)
        size = archive.stat().st_size
        path = backup_store(archive=archive, slug=customer.slug) if to_storage else str(archive)
    return CustomerBackup.objects.create(
        customer=customer,
        slug=customer.slug,
        path=path,
        size=size,
        duration_ms=int((time.monotonic() - started) * 1000),
        schema_rows=sum(table["rows"] for table in manifest["schema_tables"].values()),
        public_rows=sum(model["rows"] for model in manifest["public"].values()),
        files=len(manifest["files"]),
    )


def _default_path(slug: str) -> Path:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    return Path(settings.BACKUP_DIR) / slug / f"{slug}-{stamp}.tar"


def _snapshot_dump(customer: PilotCustomer, schema: str, dump: Path) -> Snapshot:
    # Repeatable read + an exported snapshot: pg_dump sees exactly what the checksums and rows saw.
    # The search path is set first: SET TRANSACTION must be the transaction's first statement.
    schema_public_set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        pgtools.schema_dump(schema=schema, output=dump, snapshot=cursor.fetchone()[0])
        rows = customer_public_rows(customer=customer)
        return Snapshot(
            schema_tables=schema_checksums(schema=schema),
            public=_public_checksums(rows),
            public_json=_public_json(rows),
            files=_files_of(rows),
        )


def customer_public_rows(*, customer: PilotCustomer) -> list[models.Model]:
    """The customer's rows in public: everything deleting it would delete or be blocked by."""
    collector = NestedObjects(using=DEFAULT_DB_ALIAS)
    pending: list[models.Model] = [customer]
    while pending:
        for model in {type(obj) for obj in pending}:  # Collector.collect takes one model at a time
            collector.collect([obj for obj in pending if type(obj) is model])
        # django-stubs key model_objs by label; Django keys it by model class.
        pending = [obj for obj in collector.protected if obj not in collector.model_objs[type(obj)]]  # type: ignore[index]  # see above
    rows = [obj for objs in collector.model_objs.values() for obj in objs if not isinstance(obj, CustomerBackup)]
    return sorted(rows, key=lambda obj: (obj._meta.label, obj.pk))


def schema_checksums(*, schema: str) -> dict[str, dict[str, Any]]:
    """Row count and an order-independent checksum of every table of a schema."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", [schema])
        tables = [name for (name,) in cursor.fetchall()]
        result = {}
        for table in tables:
            cursor.execute(
                f"SELECT count(*), coalesce(md5(string_agg(md5(t::text), ',' ORDER BY md5(t::text))), '') "
                f'FROM "{schema}"."{table}" AS t'
            )
            count, checksum = cursor.fetchone()
            result[table] = {"rows": count, "checksum": checksum}
    return result


def _public_checksums(rows: list[models.Model], *, manifest_format: int = MANIFEST_FORMAT) -> dict[str, dict[str, Any]]:
    by_model: dict[str, list[models.Model]] = {}
    for obj in rows:
        by_model.setdefault(obj._meta.label, []).append(obj)
    return {
        label: {"rows": len(objs), "checksum": _sha256(_public_json(objs, manifest_format=manifest_format).encode())}
        for label, objs in by_model.items()
    }


def _files_of(rows: list[models.Model]) -> dict[str, FieldFile]:
    files = {}
    for obj in rows:
        for field in obj._meta.concrete_fields:
            field_file = getattr(obj, field.name) if isinstance(field, models.FileField) else None
            if field_file:
                files[field_file.name] = field_file
    return files


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(customer: PilotCustomer, schema: str, snapshot: Snapshot, dump: Path) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "slug": customer.slug,
        "schema": schema,
        "created_at": timezone.now().isoformat(),
        "pg_dump": pgtools.tool_version("pg_dump"),
        "dump": {"size": dump.stat().st_size, "sha256": _sha256(dump.read_bytes())},
        "schema_tables": snapshot.schema_tables,
        "public": snapshot.public,
        "files": {},  # filled while the files are written into the archive
    }


def _archive_write(output: Path, manifest: dict[str, Any], dump: Path, snapshot: Snapshot) -> None:
    with tarfile.open(output, "w") as archive:
        archive.add(dump, arcname="schema.dump")
        _tar_bytes(archive, "public.json", snapshot.public_json.encode())
        for name, field_file in snapshot.files.items():
            with field_file.storage.open(name, "rb") as handle:
                content = handle.read()
            manifest["files"][name] = {"size": len(content), "sha256": _sha256(content)}
            _tar_bytes(archive, f"files/{name}", content)
        _tar_bytes(archive, "manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode())


def _tar_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(time.time())
    archive.addfile(info, io.BytesIO(content))


def customer_backup_verify(*, path: Path) -> dict[str, Any]:
    """Re-read an archive: the dump and every file match their checksums and pg_restore can list the dump."""
    with tempfile.TemporaryDirectory() as work:
        manifest = _archive_extract(path, Path(work))
        pgtools.dump_list(Path(work) / "schema.dump")
    return manifest


def _archive_extract(path: Path, into: Path) -> dict[str, Any]:
    with tarfile.open(path, "r") as archive:
        archive.extractall(into, filter="data")
    manifest: dict[str, Any] = json.loads((into / "manifest.json").read_text())
    problems = []
    if _sha256((into / "schema.dump").read_bytes()) != manifest["dump"]["sha256"]:
        problems.append("schema.dump")
    for name, expected in manifest["files"].items():
        if _sha256((into / "files" / name).read_bytes()) != expected["sha256"]:
            problems.append(name)
    if problems:
        raise ValidationError(_("The backup is damaged: %(names)s.") % {"names": ", ".join(problems)})
    return manifest


def customer_restore(*, path: Path, slug: str, as_slug: str = "") -> PilotCustomer:
    """Restore a backup into a fresh schema and check it against the manifest (ValidationError if not).

    - The customer is gone (purged): its schema, public rows and files come back.
    - The customer's rows exist but its schema is lost (its domain answers 503): the schema comes
      back under the existing rows.
    - `as_slug`: the schema is restored beside the original as a new customer (a copy of the
      customer row, its own tenant and domain rows, no other public rows) for inspection.
    """
    target = as_slug or slug
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        manifest = _archive_extract(path, work)
        existing = _restore_check(manifest, slug, target)
        target_schema = schema_name_for(target)
        pgtools.schema_restore(dump=work / "schema.dump", source=manifest["schema"], target=target_schema)
        try:
            with transaction.atomic():
                customer = existing or _public_restore(work, manifest, target)
                _restore_verify(customer, manifest, target_schema, public=not as_slug and existing is None)
        except BaseException:
            pgtools.schema_drop(schema=target_schema)
            raise
        with schema_named(target_schema):
            permissions_forget()  # its users and grants are the backup's, whatever was kept for the same ids
        if not as_slug:
            _files_restore(work, manifest)
    return customer


def _restore_check(manifest: dict[str, Any], slug: str, target: str) -> PilotCustomer | None:
    """Refuse what cannot be restored; returns the existing customer whose schema is lost, if that is the case."""
    if manifest["slug"] != slug:
        message = _("This backup is of %(other)s, not %(slug)s.") % {"other": manifest["slug"], "slug": slug}
        raise ValidationError({"slug": [message]})
    existing = PilotCustomer.objects.filter(slug=target).select_related("tenant").first()
    lost_schema = target == slug and existing is not None and hasattr(existing, "tenant")
    if schema_exists(schema_name_for(target)) or (existing is not None and not lost_schema):
        message = _("%(slug)s still exists: restore with --as NEW beside it, or purge it first.") % {"slug": target}
        raise ValidationError({"slug": [message]})
    return existing


def _public_restore(work: Path, manifest: dict[str, Any], target: str) -> PilotCustomer:
    objects = list(serializers.deserialize("json", (work / "public.json").read_text()))
    if target != manifest["slug"]:
        return _copy_as(next(o.object for o in objects if isinstance(o.object, PilotCustomer)), target)
    for deserialized in objects:
        deserialized.save()
    return PilotCustomer.objects.get(slug=target)


def _copy_as(original: PilotCustomer, slug: str) -> PilotCustomer:
    original.pk, original.slug = None, slug
    original.save()
    tenant = CustomerTenant.objects.create(customer=original, schema_name=schema_name_for(slug))
    Domain.objects.create(domain=domain_for(slug), tenant=tenant, is_primary=True)
    return original


def _restore_verify(customer: PilotCustomer, manifest: dict[str, Any], schema: str, *, public: bool) -> None:
    restored = schema_checksums(schema=schema)
    mismatches = [name for name, expected in manifest["schema_tables"].items() if restored.get(name) != expected]
    if public:
        rows = _public_checksums(customer_public_rows(customer=customer), manifest_format=manifest["format"])
        mismatches += [label for label, expected in manifest["public"].items() if rows.get(label) != expected]
    if mismatches:
        raise ValidationError(
            _("The restored data does not match the backup's manifest: %(names)s.") % {"names": ", ".join(mismatches)}
        )


def _files_restore(work: Path, manifest: dict[str, Any]) -> None:
    customer = PilotCustomer.objects.get(slug=manifest["slug"])
    for name, field_file in _files_of(customer_public_rows(customer=customer)).items():
        if not field_file.storage.exists(name):
            with open(work / "files" / name, "rb") as handle:
                field_file.storage.save(name, handle)


def customer_purge(*, customer: PilotCustomer) -> CustomerBackup:
    """Delete a customer's data for good — after a verified backup, never without one."""
    backup = customer_backup(customer=customer)
    schema = customer.tenant.schema_name
    files = _files_of(customer_public_rows(customer=customer))
    with transaction.atomic():
        _customer_rows_delete(customer)
        pgtools.schema_drop(schema=schema)
        transaction.on_commit(lambda: _files_delete(files))
    return backup


def _customer_rows_delete(customer: PilotCustomer) -> None:
    # Rows that protect the customer (its tenant row, its reports) go first; cascades take the rest.
    while True:
        collector = NestedObjects(using=DEFAULT_DB_ALIAS)
        collector.collect([customer])
        if not collector.protected:
            break
        for obj in collector.protected:
            obj.delete()
    customer.delete()


def _files_delete(files: dict[str, FieldFile]) -> None:
    for name, field_file in files.items():
        field_file.storage.delete(name)


def customer_backups_prune(*, slug: str, keep: int) -> int:
    """Keep the newest `keep` backups of a customer; delete older archives and their records."""
    old = CustomerBackup.objects.filter(slug=slug).order_by("-created_at", "-pk")[keep:]
    count = 0
    for backup in list(old):
        backup_delete(path=backup.path)
        backup.delete()
        count += 1
    return count


def customer_backup_all(*, keep: int) -> list[CustomerBackup]:
    """Back up every customer that has a schema (withdrawn ones too) and keep the newest `keep` of each.

    One customer's failure is logged and does not stop the others.
    """
    backups = []
    for customer in PilotCustomer.objects.filter(tenant__isnull=False).select_related("tenant").order_by("slug"):
        try:
            backups.append(customer_backup(customer=customer))
        except (PgToolError, ValidationError, OSError):
            logger.exception("backup of %s failed", customer.slug)
            continue
        customer_backups_prune(slug=customer.slug, keep=keep)
    return backups
