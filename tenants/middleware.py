"""Chooses the schema and URLconf of a request from its host name."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponseNotFound
from django.urls import set_urlconf
from django_tenants.middleware.main import TenantMainMiddleware


class PilotTenantMiddleware(TenantMainMiddleware):
    """The back office answers on PUBLIC_HOSTS; a customer answers only on its own domain.

    The public schema has no tenant row (a row would count as a customer everywhere), so
    public hosts are recognised by name; any other unknown host gets a 404. On public hosts the
    request has no `tenant` attribute (django-tenants' admin templates test for its absence) and
    `request.customer` is None.
    """

    def process_request(self, request: HttpRequest) -> HttpResponseNotFound | None:
        connection.set_schema_to_public()
        try:
            hostname = self.hostname_from_request(request)
        except Exception:  # DisallowedHost: answer as an unknown host would be answered.
            return HttpResponseNotFound()
        if hostname in settings.PUBLIC_HOSTS:
            request.customer = None
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF
            set_urlconf(request.urlconf)
            return None
        return super().process_request(request)

    def get_tenant(self, domain_model, hostname: str):
        domain = domain_model.objects.select_related("tenant__customer").get(domain=hostname)
        return domain.tenant

    def setup_url_routing(self, request: HttpRequest, force_public: bool = False) -> None:
        request.customer = request.tenant.customer
        request.urlconf = settings.ROOT_URLCONF
        set_urlconf(request.urlconf)
