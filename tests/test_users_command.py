"""``python -m quotegraph users``: accounts from the command line, passwords only from stdin or a
prompt, bad input as one line and a non-zero exit."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from quotegraph.cli import main
from quotegraph.store.db import open_store
from quotegraph.team.accounts import list_accounts, verify_sign_in


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'users.db'}"


def _run(db: str, *args: str, stdin: str = "", monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["users", "--db", db, *args])


def test_add_list_and_sign_in(db: str, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    assert (
        _run(
            db,
            "add",
            "ada",
            "--role",
            "admin",
            "--password-stdin",
            stdin="admin-password\n",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert (
        _run(
            db,
            "add",
            "sso person",
            "--role",
            "viewer",
            "--email",
            "p@example.org",
            "--no-password",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert _run(db, "list", monkeypatch=monkeypatch) == 0
    listing = capsys.readouterr().out.splitlines()[-2:]
    assert listing[0].split()[:4] == ["ada", "admin", "active", "password"]
    assert "single sign-on only" in listing[1] and "p@example.org" in listing[1]
    store = open_store(db)
    assert verify_sign_in(store, "ada", "admin-password").role == "admin"
    store.dispose()


def test_role_password_and_switch_off(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(
        db,
        "add",
        "ada",
        "--role",
        "admin",
        "--password-stdin",
        stdin="admin-password\n",
        monkeypatch=monkeypatch,
    )
    _run(
        db,
        "add",
        "cora",
        "--role",
        "viewer",
        "--password-stdin",
        stdin="coder-password\n",
        monkeypatch=monkeypatch,
    )
    assert _run(db, "set-role", "cora", "coder", monkeypatch=monkeypatch) == 0
    assert (
        _run(
            db,
            "set-password",
            "cora",
            "--password-stdin",
            stdin="another-password\n",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert _run(db, "switch-off", "cora", monkeypatch=monkeypatch) == 0
    store = open_store(db)
    cora = {a.name: a for a in list_accounts(store)}["cora"]
    assert (cora.role, cora.active) == ("coder", False)
    assert _run(db, "switch-on", "cora", monkeypatch=monkeypatch) == 0
    assert verify_sign_in(store, "cora", "another-password").name == "cora"
    store.dispose()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("switch-off", "ada"), "", "last active admin"),
        (("set-role", "nobody", "coder"), "", "no account named 'nobody'"),
        (("add", "bob", "--role", "coder", "--password-stdin"), "short\n", "at least 8"),
        (("add", "bob", "--role", "coder", "--password-stdin"), "", "no password on stdin"),
        (("add", "bob", "--role", "coder"), "", "use --password-stdin"),
        (("add", "ada", "--role", "coder", "--no-password"), "", "exists already"),
    ],
)
def test_bad_input_is_one_line(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys, args: tuple, stdin: str, message: str
) -> None:
    _run(
        db,
        "add",
        "ada",
        "--role",
        "admin",
        "--password-stdin",
        stdin="admin-password\n",
        monkeypatch=monkeypatch,
    )
    capsys.readouterr()
    assert _run(db, *args, stdin=stdin, monkeypatch=monkeypatch) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and message in error and "Traceback" not in error
    store = open_store(db)
    assert [a.name for a in list_accounts(store)] == ["ada"]
    store.dispose()
