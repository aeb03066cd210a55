"""Training: one session per customer, trainers never double-booked, attendance and completion,
and the customer's portal shows (and serves) only its own session and materials."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pilot.choices import TrainingStatus
from pilot.models import Program, TrainingMaterial, TrainingSession
from pilot.selectors import training_summary
from pilot.services.training import (
    SessionInput,
    attendee_add,
    training_attendance_record,
    training_session_create,
    training_session_update,
)
from tests.pilot.conftest import START, at

DAY = START + dt.timedelta(weeks=3)


@pytest.fixture
def media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def session_for(customer, trainer, starts=None, **extra) -> TrainingSession:
    return training_session_create(
        data=SessionInput(customer=customer, starts_at=starts or at(DAY), trainer=trainer, **extra)
    )


def test_a_session_defaults_to_two_hours_and_the_plans_topics(program: Program, tenant_a, program_manager) -> None:
    session = session_for(tenant_a, program_manager)
    assert session.ends_at - session.starts_at == dt.timedelta(hours=2)
    assert session.topics == ["overview", "farms_ponds", "daily_data", "reports", "mobile_app"]


@pytest.mark.parametrize("offset_minutes", [0, 60, -60, 119, -119])
def test_a_trainer_cannot_teach_two_overlapping_sessions(
    program: Program, tenant_a, tenant_b, program_manager, offset_minutes: int
) -> None:
    session_for(tenant_a, program_manager)
    with pytest.raises(ValidationError) as error:
        session_for(tenant_b, program_manager, starts=at(DAY) + dt.timedelta(minutes=offset_minutes))
    assert list(error.value.message_dict) == ["starts_at"]
    assert TrainingSession.objects.count() == 1


def test_back_to_back_sessions_and_other_trainers_are_fine(
    program: Program, tenant_a, tenant_b, program_manager, support_engineer
) -> None:
    session_for(tenant_a, program_manager)
    session_for(tenant_b, program_manager, starts=at(DAY) + dt.timedelta(hours=2))
    TrainingSession.objects.filter(customer=tenant_b).delete()
    session_for(tenant_b, support_engineer)
    assert TrainingSession.objects.count() == 2


def test_a_cancelled_session_frees_the_trainer_and_the_customer(program: Program, tenant_a, program_manager) -> None:
    session = session_for(tenant_a, program_manager)
    data = SessionInput(customer=tenant_a, starts_at=at(DAY), trainer=program_manager, status=TrainingStatus.CANCELLED)
    training_session_update(session=session, data=data)
    session_for(tenant_a, program_manager)
    assert TrainingSession.objects.count() == 2


def test_one_session_per_customer(program: Program, tenant_a, program_manager, support_engineer) -> None:
    session_for(tenant_a, program_manager)
    with pytest.raises(ValidationError) as error:
        session_for(tenant_a, support_engineer, starts=at(DAY + dt.timedelta(days=1)))
    assert list(error.value.message_dict) == ["customer"]


def test_bad_topics_and_dates_before_the_program_are_refused(program: Program, tenant_a, program_manager) -> None:
    with pytest.raises(ValidationError) as error:
        session_for(tenant_a, program_manager, starts=at(START - dt.timedelta(days=1)), topics=["cooking"])
    assert set(error.value.message_dict) == {"starts_at", "topics"}


def test_attendance_and_completion_per_customer(program: Program, tenant_a, tenant_b, program_manager) -> None:
    session = session_for(tenant_a, program_manager)
    people = [attendee_add(session=session, name=name) for name in ("Ali", "Huda", "Omar", "Sara")]
    session_for(tenant_b, program_manager, starts=at(DAY + dt.timedelta(days=1)))
    training_attendance_record(session=session, present_ids={people[0].pk, people[1].pk, people[2].pk})
    overall = training_summary()
    assert (overall.held, overall.scheduled, overall.completion_pct) == (1, 2, 50)
    assert (overall.invited, overall.attended, overall.attendance_pct) == (4, 3, 75)
    assert training_summary(customer=tenant_b).completion_pct == 0
    assert training_summary(customer=tenant_a).completion_pct == 100


def test_customer_portal_shows_only_its_own_session(
    program: Program, tenant_a, tenant_b, program_manager, customer_a_client, customer_b_client
) -> None:
    session_for(tenant_a, program_manager, location="Riyadh office")
    page_a = customer_a_client.get("/training/")
    page_b = customer_b_client.get("/training/")
    assert page_a.status_code == page_b.status_code == 200
    assert "Riyadh office" in page_a.content.decode()
    assert "Riyadh office" not in page_b.content.decode()
    assert "not scheduled yet" in page_b.content.decode()
    assert "Riyadh office" not in customer_b_client.get("/").content.decode()


def test_portal_dashboard_card_shows_the_session(
    program: Program, tenant_a, program_manager, customer_a_client
) -> None:
    session = session_for(tenant_a, program_manager)
    body = customer_a_client.get("/").content.decode()
    assert 'id="training-card"' in body and "120 minutes" in body
    reader = attendee_add(session=session, name="Alpha user", email="User@Alpha.example")
    attendee_add(session=session, name="Someone else", email="other@alpha.example")
    training_attendance_record(session=session, present_ids={reader.pk})
    with CaptureQueriesContext(connection) as captured:
        body = customer_a_client.get("/").content.decode()
    assert 'data-state="attended"' in body  # the reader's own row, whatever the case of the address
    # The domain is found in public, then the page stays in the customer's schema: the card's tables are public
    # only, found through the customer's search path without switching back and forth.
    paths = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("SET search_path")]
    assert len(paths) <= 2 and paths[-1].startswith(f'SET search_path = "{tenant_a.tenant.schema_name}"'), paths


def test_materials_download_only_for_the_customers_own_session(
    program: Program, media, tenant_a, tenant_b, program_manager, customer_a_client, customer_b_client
) -> None:
    guide = TrainingMaterial.objects.get(kind="user_guide")
    guide.file.save("guide.pdf", ContentFile(b"%PDF-1.4 guide"), save=True)
    faq = TrainingMaterial.objects.get(kind="faq")
    faq.file.save("faq.txt", ContentFile(b"faq"), save=True)
    session_for(tenant_a, program_manager).materials.set([guide])
    response = customer_a_client.get(f"/training/materials/{guide.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 guide"
    assert customer_a_client.get(f"/training/materials/{faq.pk}/").status_code == 404  # not delivered
    assert customer_b_client.get(f"/training/materials/{guide.pk}/").status_code == 404  # another customer's


def test_training_pages_need_a_login(program: Program, anon_a_client) -> None:
    assert anon_a_client.get("/training/").status_code == 302
    assert anon_a_client.get("/training/materials/1/").status_code == 302


def test_training_pages_do_not_exist_on_the_back_office_domain(program: Program, pm_client) -> None:
    assert pm_client.get("/training/").status_code == 404
