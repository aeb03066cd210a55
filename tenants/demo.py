"""Demo data of the tenants app: the plan's three pilot farms and the vendor's staff."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.schemas import customer_schema
from tenants.choices import Language, Status
from tenants.models import PilotCustomer
from tenants.roles import PROGRAM_MANAGER, SUPPORT_STAFF, staff_roles_sync
from tenants.services.customers import CandidateInput, customer_status_change
from tenants.services.provisioning import CUSTOMER_ADMIN_GROUP, customer_onboard

DEMO_PASSWORD = "pilot-demo-2026"
DEMO_STAFF = (
    # username, e-mail, name, group, superuser
    ("admin", "admin@aquafarm.example", "Portal Admin", None, True),
    ("pm", "pm@aquafarm.example", "Noura Al-Qahtani", PROGRAM_MANAGER, False),
    ("support", "support@aquafarm.example", "Faisal Al-Harbi", SUPPORT_STAFF, False),
)
DEMO_CUSTOMERS = (
    CandidateInput(
        slug="riyadh",
        name_en="Riyadh Fish Farm",
        name_ar="مزرعة الرياض السمكية",
        city="Riyadh",
        ponds=3,
        contact_name="Abdullah Al-Saud",
        contact_email="admin@riyadh.example",
        preferred_language=Language.ARABIC,
    ),
    CandidateInput(
        slug="jeddah",
        name_en="Jeddah Aquaculture",
        name_ar="جدة للاستزراع المائي",
        city="Jeddah",
        ponds=2,
        contact_name="Sara Bakr",
        contact_email="admin@jeddah.example",
        preferred_language=Language.ENGLISH,
    ),
    CandidateInput(
        slug="dammam",
        name_en="Dammam Gulf Fisheries",
        name_ar="مصايد الخليج بالدمام",
        city="Dammam",
        ponds=4,
        contact_name="Khalid Al-Dossary",
        contact_email="admin@dammam.example",
        preferred_language=Language.ARABIC,
    ),
)


def _staff_seed() -> None:
    user_model = get_user_model()
    for username, email, full_name, group_name, superuser in DEMO_STAFF:
        first, _space, last = full_name.partition(" ")
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "email": email,
                "first_name": first,
                "last_name": last,
                "is_staff": True,
                "is_superuser": superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))


def _customer_seed(data: CandidateInput) -> PilotCustomer:
    result = customer_onboard(data=data, admin_email=data.contact_email)
    customer = result.customer
    with customer_schema(customer):
        admin = get_user_model().objects.get(username=data.contact_email, groups__name=CUSTOMER_ADMIN_GROUP)
        if not admin.has_usable_password():
            admin.set_password(DEMO_PASSWORD)
            admin.save(update_fields=["password"])
    if customer.status == Status.PROVISIONED:
        customer = customer_status_change(customer=customer, to_status=Status.LIVE, note="demo: pilot running")
    return customer


def seed(*, log: Callable[[str], None]) -> None:
    staff_roles_sync()
    _staff_seed()
    for data in DEMO_CUSTOMERS:
        customer = _customer_seed(data)
        log(f"customer {customer.slug}: {customer.status}, {customer.ponds} ponds")
