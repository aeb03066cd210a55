from django.core.management.base import BaseCommand

from incidents.services import incident_timers_run


class Command(BaseCommand):
    help = "One pass of the incident timer engine (the beat task runs the same code)."

    def handle(self, *args: object, **options: object) -> None:
        result = incident_timers_run()
        self.stdout.write(
            f"examined={result.examined} warnings={result.warnings} breaches={result.breaches} emails={result.emails}"
        )
