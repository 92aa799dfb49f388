"""Accounts: who may sign in, with which role, and their passwords (argon2 hashes only).

Every write here goes through ``permissions.require(..., MANAGE_USERS)`` except the first admin
of an open store (one with no active admin), which is how a project gets its first account. An
account is never deleted, only switched off, so the changes it made keep a name that means
something. The store never holds less than one active admin once it has had one: removing or
demoting the last is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import false, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quotegraph.store.db import Store
from quotegraph.store.models import User
from quotegraph.team.permissions import (
    ADMIN,
    MANAGE_USERS,
    PROGRAM_NAMES,
    ROLES,
    PermissionDenied,
    require,
    store_is_closed,
)

MAX_NAME_CHARS = 200
MAX_EMAIL_CHARS = 320
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 1000
# The one answer for an unknown name, a wrong password and an account without a password, so a
# sign-in form never tells a stranger which names exist.
SIGN_IN_REFUSED = "name or password not recognised"

_hasher = PasswordHasher()


@dataclass(frozen=True)
class Account:
    """One account as shown to people (never its password hash)."""

    name: str
    email: str | None
    role: str
    active: bool
    has_password: bool


class SignInRefused(ValueError):
    """A sign-in that did not succeed; the message is safe to show on the sign-in page."""


def _account(user: User) -> Account:
    return Account(user.name, user.email, user.role, user.active, user.password_hash is not None)


def clean_account_name(raw: object) -> str:
    """The name trimmed to one line; ValueError when empty, too long or a program's name."""
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("the account name is empty")
    name = " ".join(raw.split())
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(f"the account name is longer than {MAX_NAME_CHARS} characters")
    if name in PROGRAM_NAMES:
        raise ValueError(f"{name!r} is the program's own name: choose another")
    return name


def _clean_email(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    email = raw.strip().lower()
    if len(email) > MAX_EMAIL_CHARS or "@" not in email or any(c.isspace() for c in email):
        raise ValueError(f"{raw.strip()!r} is not an email address")
    return email


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    return role


def _hash_password(password: str | None) -> str | None:
    if password is None:
        return None
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_CHARS:
        raise ValueError(f"the password needs at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise ValueError(f"the password is longer than {MAX_PASSWORD_CHARS} characters")
    return _hasher.hash(password)


def _get_user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name).with_for_update())
    if user is None:
        raise ValueError(f"there is no account named {name!r}")
    return user


def _active_admins(session: Session) -> int:
    query = select(func.count()).select_from(User)
    return session.scalar(query.where(User.role == ADMIN, User.active.is_(True))) or 0


def _keep_an_admin(session: Session, user: User) -> None:
    """Refuse a change that would leave a closed store with no active admin."""
    if user.role == ADMIN and user.active and _active_admins(session) <= 1:
        raise PermissionDenied(f"{user.name!r} is the last active admin: make another admin first")


def _insert(session: Session, name: str, email: str | None, role: str, hashed: str | None) -> None:
    taken = session.scalar(
        select(User).where(or_(User.name == name, (User.email == email) if email else false()))
    )
    if taken is not None:
        what = "name" if taken.name == name else "email"
        raise ValueError(f"an account with this {what} exists already")
    session.add(User(name=name, email=email, role=role, password_hash=hashed, active=True))
    session.flush()


def needs_first_admin(store: Store) -> bool:
    """True while the store has no active admin (it is open: the first start asks for one)."""
    with store.session() as session:
        return not store_is_closed(session)


def create_first_admin(
    store: Store, name: str, password: str | None, *, email: str | None = None
) -> Account:
    """The first admin of an open store; refused once the store has an active admin.

    An existing account of that name (an annotator the upgrade made a coder) becomes the admin
    and gets the password, so its past changes stay with it.
    """
    name = clean_account_name(name)
    email = _clean_email(email)
    hashed = _hash_password(password)
    try:
        with store.session(write=True) as session:
            if store_is_closed(session):
                raise PermissionDenied("this project has an admin already: ask them for an account")
            user = session.scalar(select(User).where(User.name == name))
            if user is None:
                _insert(session, name, email, ADMIN, hashed)
                user = session.scalar(select(User).where(User.name == name))
            else:
                user.role, user.active, user.password_hash = ADMIN, True, hashed
                user.email = email or user.email
            return _account(user)
    except IntegrityError as error:
        raise ValueError("an account with this name or email exists already") from error


def create_user(
    store: Store,
    name: str,
    *,
    role: str,
    password: str | None = None,
    email: str | None = None,
    by: str,
) -> Account:
    """A new account (``by`` must be allowed to manage users). Without a password the account
    can only sign in through single sign-on (matched by ``email``) until one is set."""
    name = clean_account_name(name)
    email = _clean_email(email)
    role = _check_role(role)
    hashed = _hash_password(password)
    try:
        with store.session(write=True) as session:
            require(session, by, MANAGE_USERS)
            _insert(session, name, email, role, hashed)
            return _account(session.scalar(select(User).where(User.name == name)))
    except IntegrityError as error:
        raise ValueError("an account with this name or email exists already") from error


def set_password(store: Store, name: str, password: str, *, by: str) -> None:
    """Set or reset ``name``'s password (an admin's job, or the person's own)."""
    hashed = _hash_password(password)
    with store.session(write=True) as session:
        if by != name or not store_is_closed(session):
            require(session, by, MANAGE_USERS)
        _get_user(session, name).password_hash = hashed


def set_role(store: Store, name: str, role: str, *, by: str) -> Account:
    """Give ``name`` another role; demoting the last active admin is refused."""
    role = _check_role(role)
    with store.session(write=True) as session:
        require(session, by, MANAGE_USERS)
        user = _get_user(session, name)
        if role != ADMIN:
            _keep_an_admin(session, user)
        user.role = role
        return _account(user)


def set_active(store: Store, name: str, active: bool, *, by: str) -> Account:
    """Switch an account off (its sign-in and writes are refused, its changes keep its name)
    or on again. Switching off the last active admin is refused."""
    with store.session(write=True) as session:
        require(session, by, MANAGE_USERS)
        user = _get_user(session, name)
        if not active:
            _keep_an_admin(session, user)
        user.active = active
        return _account(user)


def list_accounts(store: Store) -> list[Account]:
    """Every account, active or not, by name."""
    with store.session() as session:
        return [_account(user) for user in session.scalars(select(User).order_by(User.name))]


def find_account(store: Store, name_or_email: str) -> Account | None:
    """The account with this name, or this email (any letter case), if there is one."""
    key = " ".join((name_or_email or "").split())
    if not key:
        return None
    with store.session() as session:
        user = session.scalar(
            select(User).where(or_(User.name == key, User.email == key.lower())).limit(1)
        )
        return None if user is None else _account(user)


def verify_sign_in(store: Store, name_or_email: str, password: str) -> Account:
    """The account ``name_or_email`` signs in to with ``password``; ``SignInRefused`` otherwise.

    Unknown names and wrong passwords get the same message (and both cost one hash check, so
    timing does not tell them apart either). A hash made with older parameters is redone.
    """
    key = " ".join((name_or_email or "").split())
    with store.session(write=True) as session:
        user = (
            session.scalar(select(User).where(or_(User.name == key, User.email == key.lower())))
            if key
            else None
        )
        stored = user.password_hash if user is not None else None
        if stored is None or not isinstance(password, str):
            _hasher.hash("timing: as costly as a real check")
            raise SignInRefused(SIGN_IN_REFUSED)
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            raise SignInRefused(SIGN_IN_REFUSED) from None
        if not user.active:
            raise SignInRefused("this account is switched off: ask an admin")
        if _hasher.check_needs_rehash(stored):
            user.password_hash = _hasher.hash(password)
        return _account(user)
