from django.core.management.base import BaseCommand

from monitoring.services import metrics_pull_run


class Command(BaseCommand):
    help = "One pull of every SLO and key metric from Prometheus (the beat task runs the same code)."

    def handle(self, *args: object, **options: object) -> None:
        result = metrics_pull_run()
        if not result.configured:
            self.stdout.write("PROMETHEUS_URL is not set: nothing to pull.")
        elif result.ok:
            self.stdout.write(
                f"pulled {result.samples} samples with {result.queries} queries ({result.start} → {result.end})"
            )
        else:
            self.stderr.write(f"pull failed after {result.queries} queries: {result.error} (gap recorded)")
