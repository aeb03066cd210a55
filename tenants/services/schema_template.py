"""New customer schemas from a script of the base schema, in one statement.

django-tenants' `clone_schema()` re-installs a PL/pgSQL function and introspects the catalogue object by
object (1.8 s at 50 customers, most of provisioning), then runs `migrate_schemas --fake`, whose
post-migrate signals alone cost ~80 queries. The base schema (TENANT_BASE_SCHEMA, migrated by every
deploy) is instead dumped once per process with `pg_dump` and replayed under the new name: its tables,
indexes, constraints and rows (migration records, content types, permissions) in one round trip.

The script is kept per process and in the shared cache, keyed by the base schema's migration records, so a
deploy that migrates the base schema is picked up by the next provisioning without a restart.
"""

import re
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django_tenants.utils import quote_schema_name

from tenants.services.pgtools import schema_script

PLACEHOLDER = '"__new_customer_schema__"'
# Session settings and psql meta-commands of pg_dump's header: the script runs on Django's connection and must
# leave its search_path and timeouts alone.
_SESSION_LINE = re.compile(r"^(SET |SELECT pg_catalog\.set_config|\\|--).*$", re.MULTILINE)
_scripts: dict[tuple[str, str], str] = {}
_lock = threading.Lock()


def _base_state(base: str) -> str:
    """Which migrations the base schema has: a changed answer means a stale script."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT current_database(), md5(string_agg(app || '.' || name, ',' ORDER BY id)) "
            f"FROM {quote_schema_name(base)}.django_migrations"
        )
        return ":".join(str(value) for value in cursor.fetchone())


def _script_prepare(base: str) -> str:
    text = _SESSION_LINE.sub("", schema_script(schema=base))
    text = text.replace(f"{base}.", f"{PLACEHOLDER}.").replace(f"SCHEMA {base};", f"SCHEMA {PLACEHOLDER};")
    if re.search(rf"\b{re.escape(base)}\b", text):
        raise RuntimeError(f"the script of schema {base} still names it after renaming")
    return text


def _script_for(base: str) -> str:
    key = (base, _base_state(base))
    with _lock:
        if key not in _scripts:
            _scripts.clear()
            _scripts[key] = _script_shared(*key)
        return _scripts[key]


def _script_shared(base: str, state: str) -> str:
    """The script from the shared cache, else dumped here (pg_dump reads the whole catalogue: seconds at
    50 customers) and shared, so that only the first process after a deploy pays for it."""
    cache_key = f"tenants:schema-script:{base}:{state}"
    script: str | None = cache.get(cache_key)
    if script is None:
        script = _script_prepare(base)
        cache.set(cache_key, script, timeout=None)
    return script


def schema_create_from_template(*, schema_name: str) -> None:
    """Create `schema_name` as a copy of the migrated base schema (inside the caller's transaction)."""
    script = _script_for(settings.TENANT_BASE_SCHEMA).replace(PLACEHOLDER, quote_schema_name(schema_name))
    with connection.cursor() as cursor:
        cursor.execute(script)
