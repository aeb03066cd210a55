from django.core.management.base import BaseCommand

from tenants.roles import customer_roles_sync, staff_roles_sync
from tenants.selectors import customer_schemas_visit


class Command(BaseCommand):
    help = "Create or update the staff groups and, in every customer schema, the customer groups."

    def handle(self, *args: object, **options: object) -> None:
        for name, count in staff_roles_sync().items():
            self.stdout.write(f"{name}: {count} permissions")
        for customer_id, counts in customer_schemas_visit(lambda customer: customer_roles_sync()).items():
            self.stdout.write(f"customer {customer_id}: {counts}")
