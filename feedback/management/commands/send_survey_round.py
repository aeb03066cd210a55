from django.core.management.base import BaseCommand, CommandError, CommandParser

from feedback.services.rounds import survey_round_open
from tenants.selectors import customer_list_live


class Command(BaseCommand):
    help = "Open this week's survey round now and e-mail the invitations (what the weekly beat task runs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--customer", help="slug of one live customer (default: every live customer)")

    def handle(self, *args: object, customer: str | None = None, **options: object) -> None:
        customers = customer_list_live()
        if customer:
            customers = customers.filter(slug=customer)
            if not customers:
                raise CommandError(f"No live customer with slug '{customer}'.")
        for each in customers:
            result = survey_round_open(customer=each)
            self.stdout.write(f"{each.slug}: {result.rounds} survey(s), {result.invitations_created} invitation(s)")
