"""Throttling of survey-link guesses, per client IP, in the (Redis) cache.

With the cache unreachable the throttle lets requests through (the cache backend fails open and logs
it): a farm answering its survey matters more than counting guesses for a while, and tokens of 128
bits are not guessed anyway.
"""

from django.core.cache import cache
from django.http import HttpRequest

from feedback.constants import GUESS_LIMIT, GUESS_WINDOW_SECONDS


def _key(request: HttpRequest) -> str:
    # REMOTE_ADDR only: a forwarded-for header is the client's to forge. Behind a proxy, set it there.
    return f"feedback:guesses:{request.META.get('REMOTE_ADDR', '')}"


def guesses_exceeded(request: HttpRequest) -> bool:
    return (cache.get(_key(request)) or 0) >= GUESS_LIMIT


def guess_failed(request: HttpRequest) -> None:
    key = _key(request)
    if not cache.add(key, 1, GUESS_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, GUESS_WINDOW_SECONDS)
