from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django_tenants.utils import schema_exists


class Command(BaseCommand):
    help = "Create (if missing) and migrate the template schema that new customers are cloned from."

    def handle(self, *args: object, **options: object) -> None:
        schema = settings.TENANT_BASE_SCHEMA
        if not schema_exists(schema):
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{schema}"')
        call_command(
            "migrate_schemas",
            schema_name=schema,
            tenant=True,
            interactive=False,
            verbosity=max(0, int(options["verbosity"]) - 1),
        )
        self.stdout.write(f"Base schema {schema} is migrated.")
