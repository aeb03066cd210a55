from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.services.customers import CandidateInput
from tenants.services.provisioning import customer_onboard


class Command(BaseCommand):
    help = "Provision one pilot customer: schema, domain <slug>.<BASE_DOMAIN>, customer admin."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--slug", required=True)
        parser.add_argument("--name", required=True, help="English name")
        parser.add_argument("--name-ar", default="", help="Arabic name (defaults to the English one)")
        parser.add_argument("--city", required=True)
        parser.add_argument("--region", default="", help="Region code when the city is not known")
        parser.add_argument("--ponds", required=True, type=int)
        parser.add_argument("--admin-email", default="")
        parser.add_argument("--language", default="ar", choices=["ar", "en"])

    def handle(self, *args: object, **options: object) -> None:
        admin_email = options["admin_email"] or f"admin@{options['slug']}.example"
        data = CandidateInput(
            slug=options["slug"],
            name_en=options["name"],
            name_ar=options["name_ar"],
            city=options["city"],
            region=options["region"],
            ponds=options["ponds"],
            contact_email=admin_email,
            preferred_language=options["language"],
        )
        try:
            result = customer_onboard(data=data, admin_email=admin_email)
        except ValidationError as error:
            lines = [f"  {field}: {' '.join(messages)}" for field, messages in error.message_dict.items()]
            raise CommandError("Customer not created:\n" + "\n".join(lines)) from error
        verb = "Provisioned" if result.created else "Already provisioned"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {result.customer.name_en} at {result.domain}"))
        self.stdout.write(f"Customer admin: {result.admin_username}")
        if result.set_password_url:
            self.stdout.write(f"Set-password link: {result.set_password_url}")
