"""``check``: look for damage in the store (orphans, spans outside texts, log disagreements)."""

from __future__ import annotations

import argparse

from quotegraph.commands.common import add_db_option, open_store_or_fail


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``check`` command to ``commands``."""
    parser = commands.add_parser(
        "check",
        help="check the store for damage (orphans, spans outside texts, log disagreements)",
    )
    add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        from quotegraph.store.integrity import check_store

        store = open_store_or_fail(args.db)
        try:
            problems = check_store(store)
        finally:
            store.dispose()
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found in {store.url}")
        return 1 if problems else 0

    parser.set_defaults(handler=handle)
