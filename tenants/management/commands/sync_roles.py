from django.core.management.base import BaseCommand

from tenants.roles import staff_roles_sync


class Command(BaseCommand):
    help = "Create or update the staff groups (Program manager, Support staff) and their permissions."

    def handle(self, *args: object, **options: object) -> None:
        for name, count in staff_roles_sync().items():
            self.stdout.write(f"{name}: {count} permissions")
