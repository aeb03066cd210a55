"""Uploaded files (receipts, training materials, checklist evidence): allowed by their content, bounded
in size, stored under a name of ours.

The browser's content type and the file's extension are the uploader's to choose, so neither is trusted:
the first bytes decide (PDF, PNG, JPEG, GIF, WebP, Office documents old and new, OpenDocument). HTML,
SVG and executables are refused whatever they are called. The stored name is random with the extension
of the detected type, so nothing the uploader named reaches the disk or a Content-Disposition header.
"""

import uuid
import zipfile
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

SIGNATURES: list[tuple[bytes, int, str]] = [  # (magic bytes, offset, extension)
    (b"%PDF-", 0, ".pdf"),
    (b"\x89PNG\r\n\x1a\n", 0, ".png"),
    (b"\xff\xd8\xff", 0, ".jpg"),
    (b"GIF87a", 0, ".gif"),
    (b"GIF89a", 0, ".gif"),
    (b"WEBP", 8, ".webp"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, ".doc"),  # legacy Office (doc, xls, ppt)
]
OOXML_PARTS = {"word/": ".docx", "xl/": ".xlsx", "ppt/": ".pptx"}
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
}


def _zip_extension(stream: IO[bytes]) -> str | None:
    """An Office Open XML or OpenDocument file is a zip with a known layout; any other zip is refused."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                return ODF_TYPES.get(archive.read("mimetype").decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                return next((ext for part, ext in OOXML_PARTS.items() if any(n.startswith(part) for n in names)), None)
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def upload_extension(file: "UploadedFile[bytes]") -> str | None:
    """The extension of the file's real type, or None when it is not an allowed type."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for magic, offset, extension in SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return extension
    if head.startswith(b"PK\x03\x04"):
        zipped = _zip_extension(file)
        file.seek(0)
        return zipped
    return None


def upload_check(file: "UploadedFile[bytes]") -> "UploadedFile[bytes]":
    """Validate a new upload and give it a random stored name; ValidationError says what is wrong."""
    size = file.size or 0
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    extension = upload_extension(file)
    if extension is None:
        raise ValidationError(_("Upload a PDF, an image (PNG, JPEG, GIF, WebP) or an office document."))
    file.name = f"{uuid.uuid4().hex}{extension}"
    return file


def upload_validator(value: object) -> None:
    """Field validator: checks new uploads only (an already stored file has passed before)."""
    if isinstance(value, UploadedFile):
        upload_check(value)
