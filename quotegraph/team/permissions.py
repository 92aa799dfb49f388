"""What each role may do, enforced in the core so that hiding a button is never the only guard.

A store is *open* while it has no active admin account: anyone's name may write, as a solo
analyst's store always has. Once an admin exists the store is *closed*: every write names a user
whose role allows it (or one of the program's own names), and anything else is refused with
``PermissionDenied``. The rule lives in the store, not in the app's configuration, so a backup
restored elsewhere keeps its guard and the command line obeys it too.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotegraph.store.models import Assignment, User

ADMIN = "admin"
CODER = "coder"
VIEWER = "viewer"
ROLES = (ADMIN, CODER, VIEWER)

# Actions, named by what a person does.
READ = "read"  # open articles, statements, networks
EXPORT = "export"  # download CSV, networks, backups
CODE = "code"  # add, edit, accept or reject statements of an article
EDIT_CODEBOOK = "edit codebook"  # add actors and concepts, aliases
MANAGE_CODEBOOK = "manage codebook"  # merge, delete, stance scale, codebook import
IMPORT = "import"  # add articles, run the first pass
ASSIGN = "assign"  # give articles to coders
SETTINGS = "settings"  # project settings (double coding, blind mode, positions)
ADJUDICATE = "adjudicate"  # settle coders' versions into the project's result
MANAGE_USERS = "manage users"

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    VIEWER: frozenset({READ, EXPORT}),
    CODER: frozenset({READ, EXPORT, CODE, EDIT_CODEBOOK}),
    ADMIN: frozenset(
        {
            READ,
            EXPORT,
            CODE,
            EDIT_CODEBOOK,
            MANAGE_CODEBOOK,
            IMPORT,
            ASSIGN,
            SETTINGS,
            ADJUDICATE,
            MANAGE_USERS,
        }
    ),
}

# Names the program itself writes under (the first pass, imports from the command line). The
# command line is run by whoever holds the store's file or URL, so it is trusted like them.
PROGRAM_NAMES = frozenset({"machine", "dna import", "import", "command line"})


class PermissionDenied(ValueError):
    """A write the signed-in user's role does not allow; the message says why, in one line."""


def store_is_closed(session: Session) -> bool:
    """True once the store has an active admin account, so roles are enforced."""
    admin = session.scalar(
        select(User.id).where(User.role == ADMIN, User.active.is_(True)).limit(1)
    )
    return admin is not None


def may(session: Session, who: str, action: str, *, article_id: int | None = None) -> bool:
    """Whether ``who`` may do ``action`` (on ``article_id`` where the action concerns one)."""
    try:
        require(session, who, action, article_id=article_id)
    except PermissionDenied:
        return False
    return True


def require(session: Session, who: str, action: str, *, article_id: int | None = None) -> None:
    """Refuse with ``PermissionDenied`` unless ``who`` may do ``action``.

    A coder codes the articles assigned to them; an article nobody is assigned to is open to
    every coder, so a small team that assigns nothing works as before.
    """
    if who in PROGRAM_NAMES or not store_is_closed(session):
        return
    user = session.scalar(select(User).where(User.name == who))
    if user is None:
        raise PermissionDenied(f"{who!r} has no account in this project")
    if not user.active:
        raise PermissionDenied(f"the account {who!r} is switched off")
    if action not in ROLE_ACTIONS.get(user.role, frozenset()):
        raise PermissionDenied(f"a {user.role} may not {action} ({who!r})")
    if action == CODE and article_id is not None and user.role == CODER:
        coders = set(
            session.scalars(select(Assignment.coder).where(Assignment.article_id == article_id))
        )
        if coders and who not in coders:
            raise PermissionDenied(f"article {article_id} is not assigned to {who!r}")
