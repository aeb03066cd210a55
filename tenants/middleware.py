"""Chooses the schema and URLconf of a request from its host name; keeps retired customers read-only."""

from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, JsonResponse
from django.urls import Resolver404, resolve, set_urlconf
from django.utils.translation import gettext as _
from django_tenants.middleware.main import TenantMainMiddleware

from tenants.constants import RETIRED_STATUSES, RETIRED_WRITABLE_URL_NAMES, SURVEY_URL_NAMES

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class PilotTenantMiddleware(TenantMainMiddleware):
    """The back office answers on PUBLIC_HOSTS; a customer answers only on its own domain.

    The public schema has no tenant row (a row would count as a customer everywhere), so
    public hosts are recognised by name; any other unknown host gets a 404. On public hosts the
    request has no `tenant` attribute (django-tenants' admin templates test for its absence) and
    `request.customer` is None.

    A domain whose schema does not exist (lost, or being restored) answers 503: with a missing
    schema PostgreSQL's search path would silently fall through to public.
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
        try:
            return super().process_request(request)
        except SchemaMissing:
            connection.set_schema_to_public()
            message = _("This customer's portal is temporarily unavailable. Please try again later.")
            return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")

    def get_tenant(self, domain_model, hostname: str):
        # One query: the domain, its tenant and customer, and whether the schema is really there.
        schema_present = RawSQL(
            "EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = tenants_customertenant.schema_name)", []
        )
        domain = (
            domain_model.objects.select_related("tenant__customer")
            .annotate(schema_present=schema_present)
            .get(domain=hostname)
        )
        if not domain.schema_present:
            raise SchemaMissing(domain.tenant.schema_name)
        return domain.tenant

    def setup_url_routing(self, request: HttpRequest, force_public: bool = False) -> None:
        request.customer = request.tenant.customer
        request.urlconf = settings.ROOT_URLCONF
        set_urlconf(request.urlconf)


class SchemaMissing(Exception):
    """The domain's tenant row exists but its schema does not."""


class RetiredCustomerMiddleware:
    """A withdrawn or completed customer's portal is read-only and its survey links are gone.

    Its users may still sign in, read every page and download their report; any write answers
    403 and a survey link 410 (Gone). Staff on the back office are not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        customer = getattr(request, "customer", None)
        if customer is None or customer.status not in RETIRED_STATUSES:
            return self.get_response(request)
        url_name = _url_name(request)
        if url_name in SURVEY_URL_NAMES:
            return _refusal(request, 410, _("This survey is closed: the pilot has ended for this customer."))
        if request.method not in SAFE_METHODS and url_name not in RETIRED_WRITABLE_URL_NAMES:
            return _refusal(request, 403, _("The pilot has ended for this customer: its portal is read-only."))
        return self.get_response(request)


def _url_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info, urlconf=getattr(request, "urlconf", None)).url_name or ""
    except Resolver404:
        return ""


def _refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
