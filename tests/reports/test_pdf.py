"""The PDF itself: its text shows every customer and the selectors' figures, in both languages."""

from pathlib import Path

import pytest

from reports.builder import report_context_build, report_pdf_build
from reports.context import NO_DATA
from reports.services import report_narrative_save
from tests.reports.conftest import pdf_text


@pytest.fixture
def final_en(contract_selectors, tenant_a, tenant_b, tmp_path: Path) -> str:
    report_narrative_save(texts=contract_selectors.NARRATIVE)
    return pdf_text(report_pdf_build(language="en"), tmp_path)


def test_final_report_names_every_customer_with_its_tenant_data(final_en: str, tenant_a, tenant_b) -> None:
    for customer in (tenant_a, tenant_b):
        assert customer.name_en in final_en
        assert customer.city in final_en
    assert "Separate tenant created" in final_en  # onboarding steps, read from the tenants app


def test_final_report_figures_equal_the_selectors_values(final_en: str, contract_selectors) -> None:
    budget, feedback, incidents = contract_selectors.BUDGET, contract_selectors.FEEDBACK, contract_selectors.INCIDENTS
    assert f"${budget.planned_to_date:,.2f}" in final_en  # $7,250.00
    assert f"${budget.actual_to_date:,.2f}" in final_en  # $7,330.40
    assert f"${budget.forecast_at_end:,.2f}" in final_en
    assert f"{feedback.satisfaction_pct:.2f} %" in final_en  # 83.33 %
    assert f"{feedback.adoption_pct:.2f} %" in final_en
    assert f"{incidents.response_met_pct:.2f} %" in final_en  # incident target compliance
    assert f"{incidents.mttr_minutes:.1f}" in final_en
    assert "Slow pond list" in final_en and "Export to Excel" in final_en


def test_final_report_carries_recommendation_scorecard_and_narratives(final_en: str) -> None:
    assert "GO with conditions" in final_en
    assert "Release region by region." in final_en
    assert "Offline mobile entry." in final_en
    assert "Train before go-live." in final_en
    assert "Availability" in final_en and "99.81 %" in final_en
    assert "To be completed" not in final_en and "Draft" not in final_en


def test_computed_recommendations_precede_the_written_ones(final_en: str) -> None:
    computed = final_en.index("From the pilot's figures")
    assert computed < final_en.index("From the program team") < final_en.index("Release region by region.")
    assert "“satisfaction” is not met" in final_en  # the criterion the scorecard says is missed
    assert "2 incidents missed their response or resolution target" in final_en
    assert "Solve a top pain point: “Slow pond list”." in final_en
    assert "Plan a top feature request: “Export to Excel”." in final_en


def test_draft_prints_to_be_completed_boxes_where_text_is_missing(contract_selectors, tenant_a, tmp_path: Path) -> None:
    text = pdf_text(report_pdf_build(language="en", draft=True), tmp_path)
    assert text.count("To be completed") == 3  # recommendations, future plan, lessons learned
    assert "Draft — parts marked" in text


def test_arabic_report_has_arabic_headings_and_names(contract_selectors, tenant_a, tmp_path: Path) -> None:
    text = pdf_text(report_pdf_build(language="ar"), tmp_path)
    for heading in ("الملخص التنفيذي", "الحوادث", "ملاحظات العملاء", "الدروس المستفادة", "المحتويات"):
        assert heading in text
    assert tenant_a.name_ar in text
    assert "83.33" in text


def test_sections_of_apps_not_landed_say_no_data(no_other_apps, tenant_a, tmp_path: Path) -> None:
    context = report_context_build()
    assert context["incidents"] is NO_DATA and context["budget"] is NO_DATA and context["scorecard"] is NO_DATA
    text = pdf_text(report_pdf_build(language="en"), tmp_path)
    assert "No data yet" in text and tenant_a.name_en in text


def test_customer_report_shows_only_that_customer(contract_selectors, tenant_a, tenant_b, tmp_path: Path) -> None:
    text = pdf_text(report_pdf_build(language="en", customer=tenant_a), tmp_path)
    assert tenant_a.name_en in text
    assert tenant_b.name_en not in text
    assert "Budget against actual" not in text  # program-internal sections stay out
    cover = text.split("\f")[0]
    assert "This report contains:" in cover and "Customer results" in cover
    assert "recommendations" not in cover.lower() and "lessons" not in cover.lower()  # it contains neither
