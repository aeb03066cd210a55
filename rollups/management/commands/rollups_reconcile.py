from typing import Any

from django.core.management.base import BaseCommand

from rollups.services import rollups_reconcile


class Command(BaseCommand):
    help = (
        "Rebuild every customer's summaries in the public schema now (the rollups-reconcile beat task runs "
        "the same code); scripts/migrate.sh runs it so that a summary added by a release is filled at once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = rollups_reconcile()
        if options["verbosity"] > 0:
            self.stdout.write(f"{count} customers summarised")
