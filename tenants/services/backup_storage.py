"""Where backup archives are kept: BACKUP_DIR on this machine, or the "backups" storage (S3 when S3_BUCKET is set,
settings.STORAGES) so that a backup outlives the machine. An archive in the storage is recorded in
CustomerBackup.path as "storage:<name>"; everything else is a file path.

Archives are always written and verified locally first (pg_dump and tar need a file), then uploaded.
"""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages

STORAGE_ALIAS = "backups"
STORAGE_PREFIX = "storage:"


def backup_storage_enabled() -> bool:
    return STORAGE_ALIAS in settings.STORAGES


def backup_store(*, archive: Path, slug: str) -> str:
    """Upload a verified archive; the value to record as its path."""
    with open(archive, "rb") as handle:
        name = storages[STORAGE_ALIAS].save(f"{slug}/{archive.name}", File(handle))
    return STORAGE_PREFIX + name


@contextmanager
def backup_local_copy(*, path: str) -> Iterator[Path]:
    """The archive as a local file: itself, or a temporary download of an archive in the storage.
    A name the storage does not hold raises FileNotFoundError."""
    if not path.startswith(STORAGE_PREFIX):
        yield Path(path)
        return
    storage = storages[STORAGE_ALIAS]
    name = path.removeprefix(STORAGE_PREFIX)
    if not storage.exists(name):
        raise FileNotFoundError(path)
    with tempfile.TemporaryDirectory() as work:
        local = Path(work) / Path(name).name
        with storage.open(name, "rb") as remote, open(local, "wb") as out:
            shutil.copyfileobj(remote, out)
        yield local


def backup_delete(*, path: str) -> None:
    if path.startswith(STORAGE_PREFIX):
        storages[STORAGE_ALIAS].delete(path.removeprefix(STORAGE_PREFIX))
    else:
        Path(path).unlink(missing_ok=True)
