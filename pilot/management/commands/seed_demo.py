from importlib import import_module

from django.core.management.base import BaseCommand

# Order matters: customers first, then what hangs off them; the report last.
DEMO_MODULES = ("tenants.demo", "pilot.demo", "incidents.demo", "feedback.demo", "monitoring.demo", "reports.demo")


class Command(BaseCommand):
    help = "Create the plan's pilot (3 customers, staff, every feature's demo data). Idempotent."

    def handle(self, *args: object, **options: object) -> None:
        for name in DEMO_MODULES:
            import_module(name).seed(log=lambda line, name=name: self.stdout.write(f"[{name}] {line}"))
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
