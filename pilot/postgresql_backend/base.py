"""django-tenants' backend, sending `SET search_path` only when the schema really changes.

django-tenants re-sends `SET search_path` before every query unless `TENANT_LIMIT_SET_CALLS` is on, and
even then forgets the path whenever `set_tenant()` is called — which the middleware does on every request
and `tenant_context` on every enter and exit, usually with the schema the connection already has. This
backend keeps the path it last sent while the schema (and whether public follows it) stays the same.
Rollbacks still forget it (django-tenants handles that: a rolled-back `SET` is undone by PostgreSQL).
"""

from typing import Any

from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper


class DatabaseWrapper(TenantDatabaseWrapper):  # type: ignore[misc]  # django-tenants ships no types
    def set_tenant(self, tenant: Any, include_public: bool = True) -> None:
        sent = self.search_path_set_schemas
        unchanged = tenant.schema_name == self.schema_name and include_public == self.include_public_schema
        super().set_tenant(tenant, include_public)
        if unchanged:
            self.search_path_set_schemas = sent
