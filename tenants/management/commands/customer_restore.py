from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.services.backup import customer_restore
from tenants.services.backup_storage import backup_local_copy
from tenants.services.pgtools import PgToolError


class Command(BaseCommand):
    help = "Restore a customer backup into a fresh schema and check every count and checksum of its manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help='a file, or "storage:<name>" of a backup kept on S3 (its recorded path)')
        parser.add_argument("--slug", required=True, help="the customer the backup is of")
        parser.add_argument("--as", dest="as_slug", default="", help="restore beside the original under this slug")

    def handle(self, *args: object, **options: object) -> None:
        try:
            with backup_local_copy(path=options["archive"]) as archive:
                if not archive.is_file():
                    raise FileNotFoundError(archive)
                customer = customer_restore(path=archive, slug=options["slug"], as_slug=options["as_slug"])
        except FileNotFoundError as error:
            raise CommandError(f"No such backup file: {options['archive']}") from error
        except ValidationError as error:
            raise CommandError("Not restored: " + " ".join(error.messages)) from error
        except PgToolError as error:
            raise CommandError(f"Not restored: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(f"Restored {customer.slug} (schema {customer.tenant.schema_name}) — verified")
        )
