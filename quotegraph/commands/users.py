"""``users``: the project's accounts from the command line (add, list, set-role, set-password,
switch-off, switch-on).

Whoever runs the command line holds the store's file or URL, so it acts as the program (the name
"command line"), which may manage users even in a closed store: this is also how an upgraded
store, which has no admin, gets one. Passwords are never arguments: they are read from stdin
(``--password-stdin``, one line) or asked for twice at a prompt that does not echo.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from quotegraph.commands.common import CommandError, add_db_option, open_store_or_fail

# The name the command line's writes are made under (one of permissions.PROGRAM_NAMES).
COMMAND_LINE = "command line"
_ROLES = ("admin", "coder", "viewer")


def read_password(*, from_stdin: bool) -> str:
    """The new password: one line of stdin, or typed twice at a prompt that does not echo."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError("no password on stdin")
        return password
    if not sys.stdin.isatty():
        raise CommandError("no terminal to ask for the password: use --password-stdin")
    password = getpass.getpass("New password: ")
    if getpass.getpass("Same password again: ") != password:
        raise CommandError("the two passwords differ")
    return password


def _add_password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of stdin instead of a prompt",
    )


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``users`` command to ``commands``."""
    parser = commands.add_parser(
        "users",
        help="add and list accounts, change roles and passwords, switch accounts off",
        description=__doc__.split("\n\n")[0].replace("``", ""),
    )
    add_db_option(parser)
    actions = parser.add_subparsers(dest="users_action", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="add an account")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=_ROLES)
    add.add_argument("--email", default=None, help="for single sign-on, and to sign in with")
    _add_password_option(add)
    add.add_argument(
        "--no-password",
        action="store_true",
        help="no password: the account signs in through single sign-on (by its email) only",
    )

    actions.add_parser("list", help="every account, its role and whether it is active")

    set_role = actions.add_parser("set-role", help="give an account another role")
    set_role.add_argument("name", metavar="NAME")
    set_role.add_argument("role", metavar="ROLE", choices=_ROLES)

    set_password = actions.add_parser("set-password", help="set or reset an account's password")
    set_password.add_argument("name", metavar="NAME")
    _add_password_option(set_password)

    for action, what in [("switch-off", "refuse its sign-in and writes"), ("switch-on", "undo")]:
        switch = actions.add_parser(action, help=f"{what} (accounts are never deleted)")
        switch.add_argument("name", metavar="NAME")

    def handle(args: argparse.Namespace) -> int:
        from quotegraph.team import accounts

        action = args.users_action
        password = None
        if action == "set-password" or (action == "add" and not args.no_password):
            password = read_password(from_stdin=args.password_stdin)
        store = open_store_or_fail(args.db)
        try:
            if action == "list":
                _print_accounts(accounts.list_accounts(store))
            elif action == "add":
                account = accounts.create_user(
                    store,
                    args.name,
                    role=args.role,
                    password=password,
                    email=args.email,
                    by=COMMAND_LINE,
                )
                print(f"added {account.name} ({account.role})")
            elif action == "set-role":
                account = accounts.set_role(store, args.name, args.role, by=COMMAND_LINE)
                print(f"{account.name} is now {account.role}")
            elif action == "set-password":
                accounts.set_password(store, args.name, password, by=COMMAND_LINE)
                print(f"password of {args.name} set")
            else:
                on = action == "switch-on"
                account = accounts.set_active(store, args.name, on, by=COMMAND_LINE)
                print(f"{account.name} switched {'on' if on else 'off'}")
        except ValueError as exc:  # PermissionDenied included: a one-line reason
            raise CommandError(str(exc)) from exc
        finally:
            store.dispose()
        return 0

    parser.set_defaults(handler=handle)


def _print_accounts(rows: list) -> None:  # list[accounts.Account]
    if not rows:
        print("no accounts: the project is open (anyone's name may write) until an admin exists")
        return
    width = max(len(row.name) for row in rows)
    for row in rows:
        sign_in = "password" if row.has_password else "single sign-on only"
        state = "active" if row.active else "switched off"
        email = row.email or "-"
        print(f"{row.name:<{width}}  {row.role:<6}  {state:<12}  {sign_in:<19}  {email}")
