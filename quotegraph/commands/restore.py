"""``restore``: a backup file into an empty store."""

from __future__ import annotations

import argparse

from quotegraph.commands.common import CommandError, add_db_option, open_store_or_fail


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``restore`` command to ``commands``."""
    parser = commands.add_parser(
        "restore",
        help="restore a backup file into an empty store",
        description=(
            "Restore a file written by `export --format backup` into an empty store (a new "
            "SQLite file or PostgreSQL database). Nothing is written unless the whole backup is."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the backup file")
    add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        from quotegraph.exports.backup import BackupError, restore_backup

        store = open_store_or_fail(args.db)
        try:
            manifest = restore_backup(store, args.file)
        except BackupError as exc:
            raise CommandError(f"cannot restore {args.file}: {exc}") from exc
        finally:
            store.dispose()
        print(
            f"restored {manifest.count('articles')} articles, {manifest.count('statements')} "
            f"statements and {manifest.count('changes')} logged changes into {store.url}"
        )
        return 0

    parser.set_defaults(handler=handle)
