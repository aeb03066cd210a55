import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from monitoring.grafana import grafana_dashboard


class Command(BaseCommand):
    help = "Write the plan's SLO dashboard as Grafana JSON (Dashboards → Import)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="file to write, or - for standard output")

    def handle(self, *args: object, output: str, **options: object) -> None:
        text = json.dumps(grafana_dashboard(), indent=2, ensure_ascii=False)
        if output == "-":
            self.stdout.write(text)
        else:
            Path(output).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"wrote {output}")
