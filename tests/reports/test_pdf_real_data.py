"""The reports over the real demo pilot (seed_demo): real selectors' figures, and the layout of
every page — no near-empty page, every section with text in both languages, nothing outside the
page box, no table row left alone on a page.

The demo is seeded and each PDF rendered ONCE for the module (inside a transaction rolled back at
the end): seeding and rendering are the slow parts.
"""

import re
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from weasyprint.document import Document
from weasyprint.formatting_structure.boxes import TableBox, TableRowBox, TableRowGroupBox

from feedback.selectors import feedback_summary
from incidents.selectors import incident_sla_summary
from pilot.selectors import budget_summary, scorecard_get
from reports.builder import report_context_build, report_document_render, report_html_render
from reports.demo import DEMO_TEXT
from tenants.models import PilotCustomer
from tests.reports.conftest import BIDI_MARKS

# A page (the cover aside) with fewer words than this is a near-empty page.
MIN_WORDS = 40
# Rendered at this resolution, the side margins (17 mm ≈ 13 px) must stay blank.
MARGIN_DPI = 20
MARGIN_PX = 10
WHITE = 245
LANGUAGES = ("en", "ar")


@dataclass(frozen=True)
class Rendered:
    """One report: its layout (WeasyPrint's boxes), its PDF on disk and the text of each page."""

    document: Document
    path: Path
    pages: list[str]
    seconds: float

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


@dataclass(frozen=True)
class Demo:
    final: dict[str, Rendered]
    customer: dict[str, Rendered]
    figures: dict[str, object]


def _render(language: str, folder: Path, name: str, **build: object) -> Rendered:
    started = time.monotonic()
    with translation.override(language):
        context = report_context_build(**build)
    document = report_document_render(html=report_html_render(context=context, language=language))
    path = folder / f"{name}-{language}.pdf"
    document.write_pdf(path)
    seconds = time.monotonic() - started
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    pages = BIDI_MARKS.sub("", text.stdout).split("\f")[: len(document.pages)]
    return Rendered(document=document, path=path, pages=pages, seconds=seconds)


def _figures() -> dict[str, object]:
    as_of = timezone.localdate()
    return {
        "customers": list(PilotCustomer.objects.filter(slug__in=["riyadh", "jeddah", "dammam"])),
        "budget": budget_summary(as_of=as_of),
        "feedback": feedback_summary(),
        "incidents": incident_sla_summary(),
        "recommendation": str(scorecard_get(as_of=as_of).recommendation_label),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("demo-reports")
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        riyadh = PilotCustomer.objects.get(slug="riyadh")
        yield Demo(
            final={language: _render(language, folder, "final") for language in LANGUAGES},
            customer={language: _render(language, folder, "riyadh", customer=riyadh) for language in LANGUAGES},
            figures=_figures(),
        )
        transaction.set_rollback(True)


def _money(value: Decimal) -> str:
    return f"${value:,.2f}"


def test_final_report_shows_the_real_selectors_figures(demo: Demo) -> None:
    text, figures = demo.final["en"].text, demo.figures
    for customer in figures["customers"]:
        assert customer.name_en in text
    assert _money(figures["budget"].planned_to_date) in text
    assert _money(figures["budget"].actual_to_date) in text
    assert figures["feedback"].satisfaction_pct is not None
    assert f"{figures['feedback'].satisfaction_pct:.2f} %" in text
    assert figures["incidents"].total > 0
    if figures["incidents"].response_met_pct is not None:
        assert f"{figures['incidents'].response_met_pct:.2f} %" in text
    assert figures["recommendation"] in text
    arabic = demo.final["ar"].text
    assert "مزرعة الرياض السمكية" in arabic
    assert "go_with_conditions" not in arabic and "in_progress" not in arabic  # labels, never raw values


SECTIONS = [
    "Executive summary",
    "Timeline against the plan",
    "Customers",
    "Service level objectives",
    "Incidents",
    "Customer feedback",
    "Training",
    "Budget against actual",
    "Risks",
    "Success-criteria scorecard",
    "Recommendations for general release",
    "From the pilot's figures",
    "From the program team",
    "Future-improvement plan",
    "Lessons learned",
    "Appendix: definitions",
]


# pdftotext moves right-to-left punctuation ("ملحق: التعريفات") and detaches tanween marks: compare
# words without them.
UNSPACED = re.compile("[\u064b-\u065f:،؛.,()«»“”]")


def _words_in(phrase: str, text: str) -> bool:
    words = set(UNSPACED.sub("", text).split())
    return all(word in words for word in UNSPACED.sub("", phrase).split())


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_section_of_the_plan_is_there_with_its_written_text(demo: Demo, language: str) -> None:
    text = " ".join(demo.final[language].text.split())
    with translation.override(language):
        headings = [gettext(heading) for heading in SECTIONS]
        to_be_completed = gettext("To be completed")
    for heading in headings:
        assert heading in text if language == "en" else _words_in(heading, text), heading
    for part in ("executive_summary", "recommendations", "future_plan", "lessons_learned"):
        first_line = DEMO_TEXT[f"{part}_{language}"].split("\n")[0]
        assert _words_in(" ".join(first_line.split()[:6]), text), part  # the written text, in its language
    assert to_be_completed not in text


@pytest.mark.parametrize("report", ["final", "customer"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_page_but_the_cover_is_nearly_empty(demo: Demo, report: str, language: str) -> None:
    rendered = getattr(demo, report)[language]
    words = [len(page.split()) for page in rendered.pages]
    assert min(words[1:]) >= MIN_WORDS, words


def _pgm_pages(pdf: Path, folder: Path) -> Iterator[tuple[int, int, bytes]]:
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-gray", "-r", str(MARGIN_DPI), str(pdf), str(prefix)], check=True)
    for image in sorted(folder.glob(f"{pdf.stem}-*.pgm")):
        header, _, rest = image.read_bytes().partition(b"\n255\n")
        width, height = (int(value) for value in header.split()[1:3])
        yield width, height, rest


@pytest.mark.parametrize("report", ["final", "customer"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_nothing_is_printed_in_the_side_margins(demo: Demo, report: str, language: str, tmp_path: Path) -> None:
    """A table that runs off the page prints into the margin first: the margins must stay blank."""
    for number, (width, height, pixels) in enumerate(_pgm_pages(getattr(demo, report)[language].path, tmp_path), 1):
        rows = [pixels[y * width : (y + 1) * width] for y in range(height)]
        margins = [min(row[:MARGIN_PX] + row[-MARGIN_PX:]) for row in rows]
        assert min(margins) >= WHITE, f"page {number} prints in its margin"


def _body_rows_per_table(document: Document) -> Counter:
    """(table element, page number) → table-body rows of that table laid out on that page."""
    rows: Counter = Counter()
    for number, page in enumerate(document.pages, 1):
        for box in page._page_box.descendants():  # WeasyPrint's layout boxes, read only
            if isinstance(box, TableBox):
                rows[(id(box.element), number)] += sum(
                    isinstance(row, TableRowBox)
                    for group in box.children
                    if isinstance(group, TableRowGroupBox) and not group.is_header
                    for row in group.children
                )
    return rows


@pytest.mark.parametrize("report", ["final", "customer"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_table_split_over_pages_leaves_no_row_alone(demo: Demo, report: str, language: str) -> None:
    fragments = _body_rows_per_table(getattr(demo, report)[language].document)
    pages_of: Counter = Counter(table for table, _ in fragments)
    alone = [(table, page, n) for (table, page), n in fragments.items() if pages_of[table] > 1 and n < 2]
    assert not alone


def test_customer_report_cover_lists_only_what_it_contains(demo: Demo) -> None:
    cover = demo.customer["en"].pages[0]
    assert "This report contains:" in cover and "Customer results" in cover
    assert "recommendations" not in cover.lower() and "lessons" not in cover.lower()
    assert len(demo.customer["en"].pages) <= 3  # cover, results, definitions: no empty results page
