from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.build import report_build
from reports.choices import ReportKind, ReportLanguage, ReportStatus
from reports.services import report_create
from tenants.selectors import customer_list_provisioned


class Command(BaseCommand):
    help = "Build the final PDF report (or one customer's) synchronously, with the worker's code, into FILE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--customer", default="", help="customer slug: that customer's report")
        parser.add_argument("--lang", default=ReportLanguage.ARABIC, help="ar or en")
        parser.add_argument("--output", required=True, help="where to write the PDF")
        parser.add_argument(
            "--draft", action="store_true", help="final report only: print 'to be completed' where text is missing"
        )

    def handle(self, *args: object, customer: str, lang: str, output: str, draft: bool, **options: object) -> None:
        subject = customer_list_provisioned().filter(slug=customer).first() if customer else None
        if customer and subject is None:
            raise CommandError(f"Unknown customer {customer!r}.")
        kind = ReportKind.CUSTOMER if subject else ReportKind.FINAL
        try:
            report = report_create(kind=kind, language=lang, customer=subject, draft=draft)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        report = report_build(report_id=report.pk)
        if report.status != ReportStatus.DONE:
            raise CommandError(report.error)
        with report.file.open("rb") as pdf:
            Path(output).write_bytes(pdf.read())
        self.stdout.write(
            self.style.SUCCESS(f"{output}: {report.size} bytes in {report.duration_ms} ms (report #{report.pk})")
        )
