"""Where report files are kept: Django's storage API, so S3/MinIO is a settings change."""

from django.conf import settings
from django.core.files.storage import Storage, storages

from reports.constants import STORAGE_ALIAS


def report_storage() -> Storage:
    """The "reports" storage when settings define one (e.g. django-storages' S3), else the default.

    A callable (not an instance) keeps the storage out of migrations and lets tests swap settings.
    """
    alias = STORAGE_ALIAS if STORAGE_ALIAS in settings.STORAGES else "default"
    return storages[alias]
