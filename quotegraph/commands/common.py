"""What every command shares: the one-line error it raises, the --db option and opening the store
it names.
"""

from __future__ import annotations

import argparse


class CommandError(Exception):
    """A failure to report to the user as one line, with exit status 1."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="SQLAlchemy URL of the store (default: $QUOTEGRAPH_DB_URL, else data/quotegraph.db)",
    )


def open_store_or_fail(db_option: str | None):  # noqa: ANN201 (Store; imported lazily)
    """Open the store named by --db (or the configured one); a bad URL is a one-line error."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from quotegraph.config import load_settings
    from quotegraph.store.db import open_store

    url = db_option or load_settings().db_url
    shown_url = url
    try:
        shown_url = make_url(url).render_as_string(hide_password=True)
        return open_store(url)
    except (ArgumentError, SQLAlchemyError, ValueError, OSError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CommandError(f"cannot open the store {shown_url!r}: {first_line}") from exc
