"""Survey-link tokens. No ORM here.

A token is HMAC-SHA256(SECRET_KEY, nonce) with a random 256-bit nonce: 256 bits an attacker cannot
guess. The database keeps the nonce and SHA-256(token), never the token, so a copy of the database
alone opens no survey; the sender re-derives the same link for reminders from the nonce and the key.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

from feedback.constants import TOKEN_BYTES

SALT = b"feedback.invitation"


def nonce_new() -> str:
    return secrets.token_hex(TOKEN_BYTES)


def token_for(nonce: str) -> str:
    key = hashlib.sha256(SALT + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, nonce.encode(), hashlib.sha256).hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_looks_valid(token: str) -> bool:
    """Cheap shape check before any lookup: 64 lowercase hex digits."""
    return len(token) == 64 and all(c in "0123456789abcdef" for c in token)
