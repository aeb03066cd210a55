"""Outgoing webhooks: one JSON POST, time-limited, redirects never followed."""

import json
import urllib.request

WEBHOOK_TIMEOUT_SECONDS = 5


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx becomes an HTTPError: the target must answer itself


def webhook_send(*, url: str, payload: dict) -> int:
    """POST `payload` as JSON; returns the HTTP status, raises on a network error or a non-2xx answer."""
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    opener = urllib.request.build_opener(_NoRedirect)
    with opener.open(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:
        return response.status
