"""``analyse``: the first pass over every chosen article the current pipeline has not analysed."""

from __future__ import annotations

import argparse

from quotegraph.commands.common import (
    CommandError,
    add_db_option,
    add_processes_option,
    open_store_or_fail,
    run_analysis,
)


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``analyse`` command to ``commands``."""
    parser = commands.add_parser(
        "analyse",
        help="find entities, statements and speakers in every article not analysed yet",
        description=(
            "Run the first pass over every chosen article that the current pipeline has not "
            "analysed yet, storing each article in its own transaction: a run that is stopped "
            "or killed is finished by running it again. Statements an analyst accepted, edited "
            "or rejected are never changed. Exit status 1 when an article failed."
        ),
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--all", action="store_true", help="every article in the store (the default)"
    )
    choice.add_argument(
        "--since",
        type=_iso_date,
        metavar="DATE",
        help="articles imported on or after DATE (YYYY-MM-DD, UTC)",
    )
    parser.add_argument("ids", nargs="*", type=int, metavar="ARTICLE_ID", help="these articles")
    parser.add_argument(
        "--force",
        action="store_true",
        help="analyse again articles the current pipeline already analysed (decisions kept)",
    )
    add_processes_option(parser)
    parser.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="parse on the workers of this Dask scheduler instead of local processes",
    )
    add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        if args.ids and (args.all or args.since):
            raise CommandError("give article ids, --all or --since, not several")
        if args.scheduler and args.processes > 1:
            raise CommandError("give --processes or --scheduler, not both")
        store = open_store_or_fail(args.db)
        try:
            report = run_analysis(
                store,
                args.ids or None,
                processes=args.processes,
                scheduler=args.scheduler,
                since=args.since,
                force=args.force,
            )
        finally:
            store.dispose()
        return 1 if report.failures else 0

    parser.set_defaults(handler=handle)


def _iso_date(value: str):  # noqa: ANN202 (datetime.date)
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None
