"""Training material customers can use: the generated user guide and quick-reference card (valid PDFs
with real text in Arabic and English), the FAQ on the page, and a past session's real state."""

import datetime as dt
import io
import subprocess

import pytest
import time_machine
from pypdf import PdfReader

from pilot.choices import TrainingStatus
from pilot.models import Program, TrainingSession
from pilot.selectors.training import training_state
from pilot.services.training import SessionInput, attendee_add, training_attendance_record, training_session_create
from pilot.services.training_documents import DOCUMENTS, training_document_render
from tests.pilot.conftest import START, at

DAY = START + dt.timedelta(weeks=3)
# Words that only a real guide carries, per language (a blank or placeholder PDF has none of them).
EXPECTED = {
    "en": ["Daily data entry", "Using the mobile app", "support@aquafarm.example"],
    "ar": ["إدخال", "التطبيق", "support@aquafarm.example"],
}


@pytest.fixture(scope="module")
def documents() -> dict[tuple[str, str], bytes]:
    return {
        (kind, lang): training_document_render(kind=kind, language=lang) for kind in DOCUMENTS for lang in ["ar", "en"]
    }


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_each_training_document_is_a_pdf_with_real_text(documents, kind: str, language: str, tmp_path) -> None:
    pdf = documents[(kind, language)]
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    layout_text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert len(layout_text.split()) > (250 if kind == "quick-reference" else 600)
    for phrase in EXPECTED[language]:
        assert phrase in text or phrase in layout_text
    assert len(reader.pages) == (1 if kind == "quick-reference" else 4)


def _session(customer, trainer, **extra) -> TrainingSession:
    return training_session_create(data=SessionInput(customer=customer, starts_at=at(DAY), trainer=trainer, **extra))


@pytest.mark.parametrize(
    ("now", "status", "attended", "state"),
    [
        (at(DAY, 9), TrainingStatus.SCHEDULED, None, "scheduled"),
        (at(DAY, 11), TrainingStatus.SCHEDULED, None, "scheduled"),  # running
        (at(DAY, 13), TrainingStatus.SCHEDULED, None, "past_unrecorded"),  # over, never "Scheduled"
        (at(DAY, 13), TrainingStatus.HELD, None, "held"),
        (at(DAY, 13), TrainingStatus.HELD, True, "attended"),
        (at(DAY, 13), TrainingStatus.HELD, False, "missed"),
        (at(DAY, 13), TrainingStatus.CANCELLED, None, "cancelled"),
    ],
)
def test_training_state(now, status, attended, state) -> None:
    session = TrainingSession(starts_at=at(DAY), duration_minutes=120, status=status)
    assert training_state(session=session, attended=attended, now=now) == state


def test_a_past_session_shows_who_attended_and_who_missed(
    program: Program, tenant_a, program_manager, customer_a_client, customer_a_user
) -> None:
    session = _session(tenant_a, program_manager)
    present = attendee_add(session=session, name="Present", email="User@Alpha.example")  # addresses match in any case
    attendee_add(session=session, name="Absent", email="absent@alpha.example")
    with time_machine.travel(at(DAY, 14), tick=False):
        assert 'data-state="past_unrecorded"' in customer_a_client.get("/training/").content.decode()
        training_attendance_record(session=session, present_ids={present.pk})
        body = customer_a_client.get("/training/").content.decode()
        home = customer_a_client.get("/").content.decode()
    assert 'data-state="attended"' in body and "Scheduled" not in body
    assert 'data-state="attended"' in home


def test_training_page_has_the_documents_and_the_faq_in_the_readers_language(
    program: Program, tenant_a, customer_a_client
) -> None:
    english = customer_a_client.get("/training/").content.decode()
    assert "How do I add a pond?" in english and "/training/documents/guide/ar/" in english
    arabic = customer_a_client.get("/training/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "كيف أضيف حوضاً؟" in arabic


def test_documents_download_for_signed_in_customers_only(
    program: Program, tenant_a, customer_a_client, anon_a_client, pm_client
) -> None:
    response = customer_a_client.get("/training/documents/quick-reference/en/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert customer_a_client.get("/training/documents/other/en/").status_code == 404
    assert customer_a_client.get("/training/documents/guide/fr/").status_code == 404
    assert anon_a_client.get("/training/documents/guide/en/").status_code == 302
    assert pm_client.get("/training/documents/guide/en/").status_code == 404  # not on the back office
