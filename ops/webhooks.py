"""Outgoing webhooks (sent by the outbox) that cannot be turned against the portal's own network (SSRF guard).

A webhook URL must be http(s) and every address its host resolves to must be public, unless the host is
listed in WEBHOOK_ALLOWED_HOSTS (an on-premises chat server, say). `webhook_url_check` is the one rule:
the policy form validates with it, and `webhook_post_safe` re-checks before each request and at every
redirect hop, so a host that later resolves inward, or a redirect to one, is refused too.
"""

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 3
WEBHOOK_TIMEOUT_SECONDS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class WebhookRefused(ValueError):
    """The URL may not be called; the message says why, in the reader's language."""


def _address_is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _host_addresses(host: str, port: int) -> list[str]:
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)})
    except (socket.gaierror, UnicodeError) as exc:
        raise WebhookRefused(_("The host %(host)s cannot be resolved.") % {"host": host}) from exc


def webhook_url_check(url: str) -> None:
    """Raise WebhookRefused unless `url` is http(s) to a host that resolves only to public addresses
    (or is listed in WEBHOOK_ALLOWED_HOSTS)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise WebhookRefused(_("Enter a valid http or https URL.")) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookRefused(_("Enter a valid http or https URL."))
    if parts.username or parts.password:
        raise WebhookRefused(_("Put no user name or password in the URL."))
    host = parts.hostname.lower().rstrip(".")
    if host in {h.lower() for h in settings.WEBHOOK_ALLOWED_HOSTS}:
        return
    if not all(_address_is_public(address) for address in _host_addresses(host, port)):
        raise WebhookRefused(
            _("%(host)s is a loopback, link-local or private address; list it in WEBHOOK_ALLOWED_HOSTS to allow it.")
            % {"host": host}
        )


def webhook_post_safe(*, url: str, payload: dict, timeout: float) -> requests.Response:
    """POST JSON to `url`, following at most MAX_REDIRECTS redirects, each target checked first.
    Raises WebhookRefused for a refused target and requests.RequestException for network errors."""
    for _hop in range(MAX_REDIRECTS + 1):
        webhook_url_check(url)
        response = requests.post(url, json=payload, timeout=timeout, allow_redirects=False)
        if response.status_code not in REDIRECT_STATUSES or "Location" not in response.headers:
            return response
        url = urljoin(url, response.headers["Location"])
    raise WebhookRefused(_("Too many redirects."))


def webhook_send(*, url: str, payload: dict) -> int:
    """The outbox's delivery: raises WebhookRefused (permanent), or requests' errors and non-2xx (retried)."""
    response = webhook_post_safe(url=url, payload=payload, timeout=WEBHOOK_TIMEOUT_SECONDS)
    response.raise_for_status()
    return response.status_code
