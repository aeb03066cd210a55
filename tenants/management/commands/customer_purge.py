from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.selectors import customer_get_with_schema
from tenants.services.backup import customer_purge
from tenants.services.pgtools import PgToolError


class Command(BaseCommand):
    help = "Delete a customer's data for good (schema, public rows, files) after writing a verified backup."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--slug", required=True)
        parser.add_argument("--confirm", required=True, help="the slug again")

    def handle(self, *args: object, **options: object) -> None:
        if options["confirm"] != options["slug"]:
            raise CommandError("--confirm must repeat the slug exactly; nothing was deleted.")
        customer = customer_get_with_schema(slug=options["slug"])
        if customer is None:
            raise CommandError(f"No customer with a schema has the slug {options['slug']!r}; nothing was deleted.")
        try:
            backup = customer_purge(customer=customer)
        except (ValidationError, PgToolError, OSError) as error:
            raise CommandError(f"No verified backup could be written, so nothing was deleted: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Purged {options['slug']}; its backup: {backup.path}"))
