from django.core.management.base import BaseCommand

from feedback.services.rounds import survey_reminders_send
from tenants.selectors import customer_list_live


class Command(BaseCommand):
    help = "Send the due survey reminders now (what the daily beat task runs)."

    def handle(self, *args: object, **options: object) -> None:
        for customer in customer_list_live():
            count = survey_reminders_send(customer=customer)
            self.stdout.write(f"{customer.slug}: {count} reminder(s)")
