from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.models import CustomerBackup
from tenants.selectors import customer_get_with_schema
from tenants.services.backup import customer_backup, customer_backup_all


class Command(BaseCommand):
    help = "Write a verified backup of one customer (its schema, its public rows, its files) or of all."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--slug")
        which.add_argument("--all", action="store_true", help="every customer with a schema, into BACKUP_DIR")
        parser.add_argument("--output", type=Path, help="archive file (default BACKUP_DIR/<slug>/<slug>-<time>.tar)")

    def handle(self, *args: object, **options: object) -> None:
        if options["all"]:
            for backup in customer_backup_all(keep=settings.BACKUP_KEEP):
                self._report(backup)
            return
        customer = customer_get_with_schema(slug=options["slug"])
        if customer is None:
            raise CommandError(f"No customer with a schema has the slug {options['slug']!r}.")
        self._report(customer_backup(customer=customer, output=options["output"]))

    def _report(self, backup: CustomerBackup) -> None:
        self.stdout.write(
            self.style.SUCCESS(f"{backup.slug}: {backup.path}")
            + f" ({backup.size} bytes, {backup.duration_ms} ms, {backup.schema_rows} rows in the schema,"
            f" {backup.public_rows} in public, {backup.files} files) — verified"
        )
