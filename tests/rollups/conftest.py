"""Customers for the summary tests: real ones (tenant_a, tenant_b) with answers, and cheap ones —
public rows and summary rows only, no schema — because the pages under test no longer visit schemas."""

from datetime import date, timedelta

from django.utils import timezone

from rollups.models import CustomerSnapshot, FeedbackDay, FeedbackItemDay, SurveyDigest
from tenants.choices import Status
from tenants.models import CustomerTenant, PilotCustomer

FIRST_WEEK = date(2026, 9, 6)  # a Sunday: the test program's start


def cheap_customers_add(count: int, *, first: int = 0) -> list[PilotCustomer]:
    """`count` live customers with a tenant row (no schema), ten weeks of summaries and a survey each."""
    customers = PilotCustomer.objects.bulk_create(
        PilotCustomer(
            slug=f"cheap-{first + i:02d}",
            name_en=f"Cheap farm {first + i}",
            name_ar=f"مزرعة {first + i}",
            city="Riyadh",
            region="riyadh",
            ponds=2,
            contact_name="Owner",
            contact_email=f"cheap-{first + i}@example.com",
            willing=True,
            status=Status.LIVE,
        )
        for i in range(count)
    )
    CustomerTenant.objects.bulk_create(CustomerTenant(schema_name=f"cheap_{c.slug[6:]}", customer=c) for c in customers)
    now = timezone.now()
    FeedbackDay.objects.bulk_create(
        FeedbackDay(
            customer=c,
            day=FIRST_WEEK + timedelta(weeks=w),
            csat={"5": 2, "3": 1},
            nps={"10": 1, "6": 1},
            ces={"6": 2},
            invitations=4,
            responses=3,
            features_used=6,
            features_offered=15,
            refreshed_at=now,
        )
        for c in customers
        for w in range(10)
    )
    FeedbackItemDay.objects.bulk_create(
        FeedbackItemDay(
            customer=c,
            day=FIRST_WEEK,
            kind="pain_point",
            title="Slow",
            votes=2,
            items=1,
            open_items=1,
            refreshed_at=now,
        )
        for c in customers
    )
    CustomerSnapshot.objects.bulk_create(
        CustomerSnapshot(customer=c, farms=1, ponds=2, refreshed_at=now) for c in customers
    )
    question = {"key": "csat", "order": 0, "kind": "csat", "text_en": "Satisfied?", "text_ar": "راضٍ؟"}
    SurveyDigest.objects.bulk_create(
        SurveyDigest(
            customer=c,
            survey_id=1,
            key="weekly-checkin",
            title_en="Weekly check-in",
            title_ar="الاستبيان الأسبوعي",
            published=True,
            rounds=10,
            questions=[{**question, "required": True, "options": [], "item_kind": ""}],
            refreshed_at=now,
        )
        for c in customers
    )
    return customers
