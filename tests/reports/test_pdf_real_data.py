"""The final report over the real demo pilot: its figures are the real selectors' figures."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from feedback.selectors import feedback_summary
from incidents.selectors import incident_sla_summary
from pilot.selectors import budget_summary, scorecard_get
from reports.builder import report_pdf_build
from tenants.models import PilotCustomer
from tests.reports.conftest import pdf_text


@pytest.fixture
def demo_pilot(db) -> None:
    call_command("seed_demo", verbosity=0)


def _money(value: Decimal) -> str:
    return f"${value:,.2f}"


def test_final_report_shows_the_real_selectors_figures_in_both_languages(demo_pilot, tmp_path: Path) -> None:
    text = pdf_text(report_pdf_build(language="en"), tmp_path)
    as_of = timezone.localdate()

    for customer in PilotCustomer.objects.filter(slug__in=["riyadh", "jeddah", "dammam"]):
        assert customer.name_en in text
    budget = budget_summary(as_of=as_of)
    assert _money(budget.planned_to_date) in text
    assert _money(budget.actual_to_date) in text
    feedback = feedback_summary()
    assert feedback.satisfaction_pct is not None
    assert f"{feedback.satisfaction_pct:.2f} %" in text
    incidents = incident_sla_summary()
    assert incidents.total > 0
    if incidents.response_met_pct is not None:
        assert f"{incidents.response_met_pct:.2f} %" in text
    assert str(scorecard_get(as_of=as_of).recommendation_label) in text

    # The Arabic report over the same data (one seeding for both: it is the slow part).
    arabic = pdf_text(report_pdf_build(language="ar"), tmp_path)
    assert "مزرعة الرياض السمكية" in arabic
    assert "go_with_conditions" not in arabic and "in_progress" not in arabic  # labels, never raw values
