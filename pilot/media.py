"""Stored files are never served as plain static files: each download passes a permission check first,
then is streamed by Django or, behind nginx, handed over with X-Accel-Redirect (MEDIA_X_ACCEL_PREFIX)."""

import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import FileField, Model
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from incidents.models import Incident
from pilot.models import ChecklistItem, Expense, TrainingMaterial

# Folder of the stored file -> (model and field holding it, permission a staff user needs).
PROTECTED_FOLDERS: dict[str, tuple[type[Model], str, str]] = {
    "pilot/receipts/": (Expense, "receipt", "pilot.view_expense"),
    "pilot/materials/": (TrainingMaterial, "file", "pilot.view_trainingmaterial"),
    "pilot/evidence/": (ChecklistItem, "evidence_file", "pilot.view_checklistitem"),
    "incidents/attachments/": (Incident, "attachment", "incidents.view_incident"),
}


def file_response(*, file: FieldFile) -> HttpResponse:
    """The file as an attachment (never rendered inline: an uploaded file must not run in our origin)."""
    name = posixpath.basename(file.name)
    if settings.MEDIA_X_ACCEL_PREFIX:
        response = HttpResponse(content_type="application/octet-stream")
        response["X-Accel-Redirect"] = settings.MEDIA_X_ACCEL_PREFIX.rstrip("/") + "/" + quote(file.name)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        response = FileResponse(file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _stored_file(name: str) -> tuple[FieldFile, str]:
    """The row's file for a stored name under a protected folder, and the permission it needs; else 404."""
    normalized = posixpath.normpath(name)
    folder = next((f for f in PROTECTED_FOLDERS if normalized.startswith(f)), None)
    if folder is None or normalized != name or "\x00" in name:
        raise Http404
    model, field_name, permission = PROTECTED_FOLDERS[folder]
    row = model._default_manager.filter(**{field_name: name}).first()
    if row is None or not default_storage.exists(name):
        raise Http404
    field: FileField = getattr(row, field_name)
    return field, permission


def protected_media(request: HttpRequest, name: str) -> HttpResponse:
    """MEDIA_URL on the back office: staff with the model's view permission (the admin's file links)."""
    file, permission = _stored_file(name)
    if not request.user.has_perm(permission):
        raise Http404  # not 403: whether a file exists is itself information
    return file_response(file=file)
