"""Signed, expiring sign-in tokens, so a signed-in browser stays signed in across a refresh.

A token names an account and when it expires, signed with HMAC-SHA256 under a secret kept in the
store's ``meta`` table (made on first use), so every server process on one store accepts the
tokens of the others and a token made for one store means nothing to another. A token is only
as good as its account: one whose account is switched off, or gone, signs no one in, and one made
before the account's password was changed or reset signs no one in either (the token carries a
fingerprint of the password hash it was made under).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quotegraph.store.db import Store
from quotegraph.store.models import Meta, User
from quotegraph.team.accounts import Account, find_account

SECRET_KEY = "accounts.token_secret"
DEFAULT_LIFETIME_S = 14 * 24 * 3600
_MAX_TOKEN_CHARS = 2000


def _secret(store: Store) -> bytes:
    with store.session() as session:
        row = session.get(Meta, SECRET_KEY)
        if row is not None:
            return row.value.encode()
    try:
        with store.session(write=True) as session:
            if session.get(Meta, SECRET_KEY) is None:
                session.add(Meta(key=SECRET_KEY, value=secrets.token_urlsafe(48)))
    except IntegrityError:
        pass  # another process made it first: use theirs
    with store.session() as session:
        return session.get(Meta, SECRET_KEY).value.encode()


def _sign(secret: bytes, payload: str) -> str:
    return hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()


def _password_fingerprint(store: Store, name: str) -> str:
    with store.session() as session:
        stored = session.scalar(select(User.password_hash).where(User.name == name)) or ""
    return hashlib.sha256(stored.encode()).hexdigest()[:16]


def issue_token(
    store: Store, name: str, *, lifetime_s: int = DEFAULT_LIFETIME_S, now: float | None = None
) -> str:
    """A token that signs ``name`` in until ``lifetime_s`` seconds from ``now``."""
    expires = int((time.time() if now is None else now) + lifetime_s)
    body = json.dumps(
        {"name": name, "expires": expires, "password": _password_fingerprint(store, name)},
        separators=(",", ":"),
    )
    payload = base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")
    return f"{payload}.{_sign(_secret(store), payload)}"


def account_from_token(store: Store, token: object, *, now: float | None = None) -> Account | None:
    """The active account ``token`` signs in, or None (forged, expired, malformed, switched off)."""
    if not isinstance(token, str) or len(token) > _MAX_TOKEN_CHARS or token.count(".") != 1:
        return None
    payload, signature = token.split(".")
    if not hmac.compare_digest(_sign(_secret(store), payload), signature):
        return None
    try:
        body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        name, expires = str(body["name"]), float(body["expires"])
        fingerprint = str(body["password"])
    except (ValueError, KeyError, TypeError):
        return None
    if expires < (time.time() if now is None else now):
        return None
    if not hmac.compare_digest(fingerprint, _password_fingerprint(store, name)):
        return None
    account = find_account(store, name)
    if account is None or account.name != name or not account.active:
        return None
    return account
