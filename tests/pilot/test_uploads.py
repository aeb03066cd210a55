"""Uploads are allowed by their content (not their name or declared type), bounded by UPLOAD_MAX_BYTES and
stored under our own name; stored files are only served after a permission check (or X-Accel-Redirect)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pilot.admin import TrainingMaterialForm
from pilot.models import BudgetLine, Expense, Program
from tests.conftest import TenantClient, tenant_host

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _post_receipt(client: TenantClient, name: str, content: bytes, content_type: str = "application/pdf"):
    receipt = SimpleUploadedFile(name, content, content_type=content_type)
    line = BudgetLine.objects.get(category="support")
    return client.post(
        "/api/v1/expenses/", {"line": line.pk, "date": "2026-09-07", "amount": "20.00", "receipt": receipt}
    )


@pytest.fixture
def media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 60, "application/octet-stream"),
        ("receipt.pdf", b"MZ\x90\x00" + b"\x00" * 60, "application/pdf"),  # a disguised executable
        ("page.html", b"<html><script>alert(1)</script></html>", "text/html"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 30, "application/zip"),
    ],
)
def test_disallowed_content_is_refused_on_the_field(program: Program, pm_client, media, name, content, content_type):
    response = _post_receipt(pm_client, name, content, content_type)
    assert response.status_code == 400
    assert list(response.json()) == ["receipt"]
    assert not Expense.objects.exists()


def test_a_file_over_the_limit_is_refused_with_the_limit(program: Program, pm_client, media, settings) -> None:
    settings.UPLOAD_MAX_BYTES = 1024
    response = _post_receipt(pm_client, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400
    assert "1.0\xa0KB" in response.json()["receipt"][0]


@pytest.mark.parametrize(("name", "content", "extension"), [("scan.html", PDF, ".pdf"), ("sheet", None, ".docx")])
def test_allowed_files_get_our_name_and_their_real_extension(program, pm_client, media, name, content, extension):
    response = _post_receipt(pm_client, name, content or _docx())
    assert response.status_code == 201, response.content
    stored = Expense.objects.get().receipt.name
    assert stored.startswith("pilot/receipts/") and stored.endswith(extension)
    assert name not in stored


def test_the_admin_material_form_refuses_html(db: None) -> None:
    upload = SimpleUploadedFile("guide.pdf", b"<!doctype html><p>hi", content_type="application/pdf")
    form = TrainingMaterialForm(data={"title_en": "Guide", "kind": "user_guide"}, files={"file": upload})
    assert not form.is_valid() and list(form.errors) == ["file"]


def test_receipts_are_served_to_staff_only(
    program: Program, pm_client, support_client, public_client, customer_a_client, media
) -> None:
    assert _post_receipt(pm_client, "r.pdf", PDF).status_code == 201
    url = "/media/" + Expense.objects.get().receipt.name
    response = pm_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert support_client.get(url).status_code == 200  # support staff read the program
    assert public_client.get(url).status_code == 302  # to the admin login
    assert customer_a_client.get(url).status_code == 404  # no media on a customer domain
    assert pm_client.get("/media/pilot/receipts/../../../etc/passwd").status_code == 404
    assert pm_client.get("/media/pilot/receipts/never-uploaded.pdf").status_code == 404


def test_behind_nginx_the_file_is_handed_over_by_x_accel_redirect(program: Program, pm_client, media, settings):
    assert _post_receipt(pm_client, "r.pdf", PDF).status_code == 201
    settings.MEDIA_X_ACCEL_PREFIX = "/protected-media/"
    name = Expense.objects.get().receipt.name
    response = pm_client.get("/media/" + name)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + name
    assert response.content == b""


def test_customer_of_b_gets_no_material_of_a(program: Program, tenant_b, media) -> None:
    assert TenantClient(tenant_host(tenant_b)).get("/media/pilot/materials/x.pdf").status_code == 404
