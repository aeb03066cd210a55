"""The portal's own Prometheus metrics, for allowed networks or a bearer token only."""

import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django_prometheus.exports import ExportToDjangoView


def metrics_token_valid(request: HttpRequest) -> bool:
    """The request carries METRICS_TOKEN as a bearer token (never true while the setting is empty)."""
    token = settings.METRICS_TOKEN
    return bool(token) and hmac.compare_digest(request.headers.get("Authorization", ""), f"Bearer {token}")


def _client_allowed(request: HttpRequest) -> bool:
    if metrics_token_valid(request):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net) for net in settings.METRICS_ALLOWED_NETWORKS)


def metrics(request: HttpRequest) -> HttpResponse:
    if not _client_allowed(request):
        return HttpResponseForbidden("metrics are restricted")
    return ExportToDjangoView(request)
