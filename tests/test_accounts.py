"""Accounts: the first admin, users and roles, passwords (argon2), sign-in refusals, and the
guard that keeps a closed store with at least one active admin."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from quotegraph.store.db import Store, open_store
from quotegraph.store.models import User
from quotegraph.team.accounts import (
    SIGN_IN_REFUSED,
    SignInRefused,
    create_first_admin,
    create_user,
    list_accounts,
    needs_first_admin,
    set_active,
    set_password,
    set_role,
    verify_sign_in,
)
from quotegraph.team.permissions import PermissionDenied
from quotegraph.team.sign_in_tokens import account_from_token, issue_token


@pytest.fixture
def team(sqlite_store: Store) -> Store:
    create_first_admin(sqlite_store, "ada", "admin-password", email="Ada@Example.org")
    create_user(sqlite_store, "cora", role="coder", password="coder-password", by="ada")
    return sqlite_store


def test_the_first_admin_closes_the_store(sqlite_store: Store) -> None:
    assert needs_first_admin(sqlite_store)
    create_first_admin(sqlite_store, "ada", "admin-password")
    assert not needs_first_admin(sqlite_store)
    with pytest.raises(PermissionDenied):
        create_first_admin(sqlite_store, "eve", "eve-password")
    assert [a.name for a in list_accounts(sqlite_store)] == ["ada"]


def test_an_upgraded_annotator_can_become_the_first_admin(sqlite_store: Store) -> None:
    with sqlite_store.session(write=True) as session:
        session.add(User(name="maria", role="coder", password_hash=None))
    create_first_admin(sqlite_store, "maria", "maria-password")
    (account,) = list_accounts(sqlite_store)
    assert (account.name, account.role, account.has_password) == ("maria", "admin", True)


def test_passwords_are_stored_as_argon2_hashes(team: Store) -> None:
    with team.session() as session:
        stored = session.scalar(select(User.password_hash).where(User.name == "cora"))
    assert stored.startswith("$argon2id$") and "coder-password" not in stored


def test_sign_in_by_name_or_email(team: Store) -> None:
    assert verify_sign_in(team, "cora", "coder-password").role == "coder"
    assert verify_sign_in(team, "ada@example.org", "admin-password").name == "ada"


def test_unknown_name_and_wrong_password_get_one_message(team: Store) -> None:
    for name, password in [("nobody", "coder-password"), ("cora", "wrong-password")]:
        with pytest.raises(SignInRefused) as refused:
            verify_sign_in(team, name, password)
        assert str(refused.value) == SIGN_IN_REFUSED


def test_a_switched_off_account_cannot_sign_in(team: Store) -> None:
    set_active(team, "cora", False, by="ada")
    with pytest.raises(SignInRefused, match="switched off"):
        verify_sign_in(team, "cora", "coder-password")
    assert [a.active for a in list_accounts(team)] == [True, False]


def test_an_old_hash_is_redone_at_sign_in(team: Store) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("coder-password")
    with team.session(write=True) as session:
        session.scalar(select(User).where(User.name == "cora")).password_hash = weak
    verify_sign_in(team, "cora", "coder-password")
    with team.session() as session:
        renewed = session.scalar(select(User.password_hash).where(User.name == "cora"))
    assert renewed != weak and not PasswordHasher().check_needs_rehash(renewed)


def test_only_an_admin_manages_users(team: Store) -> None:
    with pytest.raises(PermissionDenied):
        create_user(team, "vic", role="viewer", password="viewer-password", by="cora")
    with pytest.raises(PermissionDenied):
        set_role(team, "cora", "admin", by="cora")
    with pytest.raises(PermissionDenied):
        set_password(team, "ada", "taken-over!", by="cora")
    set_password(team, "cora", "new-coder-password", by="cora")  # one's own password
    set_password(team, "cora", "reset-by-admin", by="ada")
    assert verify_sign_in(team, "cora", "reset-by-admin").name == "cora"
    assert [a.name for a in list_accounts(team)] == ["ada", "cora"]


def test_the_last_active_admin_stays(team: Store) -> None:
    with pytest.raises(PermissionDenied, match="last active admin"):
        set_role(team, "ada", "coder", by="ada")
    with pytest.raises(PermissionDenied, match="last active admin"):
        set_active(team, "ada", False, by="ada")
    set_role(team, "cora", "admin", by="ada")
    set_role(team, "ada", "viewer", by="cora")
    assert {a.name: a.role for a in list_accounts(team)} == {"ada": "viewer", "cora": "admin"}


@pytest.mark.parametrize(
    ("name", "role", "password", "email", "message"),
    [
        ("", "coder", "long-enough", None, "empty"),
        ("machine", "coder", "long-enough", None, "program"),
        ("bob", "editor", "long-enough", None, "unknown role"),
        ("bob", "coder", "short", None, "at least"),
        ("bob", "coder", "long-enough", "not an email", "not an email"),
        ("cora", "coder", "long-enough", None, "exists already"),
        ("bob", "coder", "long-enough", "ada@example.org", "exists already"),
    ],
)
def test_bad_accounts_are_refused_with_a_reason(
    team: Store, name: str, role: str, password: str, email: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        create_user(team, name, role=role, password=password, email=email, by="ada")
    assert len(list_accounts(team)) == 2


def test_a_sign_in_token_signs_in_until_it_expires(team: Store) -> None:
    token = issue_token(team, "cora", lifetime_s=60, now=1_000_000)
    assert account_from_token(team, token, now=1_000_030).name == "cora"
    assert account_from_token(team, token, now=1_000_061) is None


def test_a_forged_or_foreign_token_signs_no_one_in(team: Store, tmp_path) -> None:
    token = issue_token(team, "cora")
    payload, signature = token.split(".")
    forged_payload = issue_token(team, "ada").split(".")[0]
    assert account_from_token(team, f"{forged_payload}.{signature}") is None
    assert account_from_token(team, "not a token") is None
    assert account_from_token(team, None) is None
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    create_first_admin(other, "cora", "other-password")
    assert account_from_token(other, token) is None  # another store, another secret
    other.dispose()
    set_active(team, "cora", False, by="ada")
    assert account_from_token(team, token) is None


def test_a_password_reset_ends_the_old_sign_ins(team: Store) -> None:
    token = issue_token(team, "cora")
    set_password(team, "cora", "reset-by-admin", by="ada")
    assert account_from_token(team, token) is None
    assert account_from_token(team, issue_token(team, "cora")).name == "cora"
