"""``assign``: give articles to coders, a share of them to two coders (double coding)."""

from __future__ import annotations

import argparse

from quotegraph.commands.common import CommandError, add_db_option, open_store_or_fail


def _share(value: str) -> float:
    try:
        share = float(value)
    except ValueError:
        share = -1.0
    if not 0 <= share <= 1:
        raise argparse.ArgumentTypeError(f"the overlap share must be from 0 to 1, got {value!r}")
    return share


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``assign`` command to ``commands``."""
    parser = commands.add_parser(
        "assign",
        help="assign articles to coders, with a share coded by two",
        description=(
            "Assign the given articles (or --all) to the coders. The overlap share of them goes "
            "to two coders each (double coded), the rest is split evenly; the same --seed gives "
            "the same assignment. Assignments already made stay."
        ),
    )
    parser.add_argument("article_ids", nargs="*", type=int, metavar="ARTICLE_ID")
    parser.add_argument("--all", action="store_true", help="assign every article in the store")
    parser.add_argument("--coders", required=True, help="coders' names, separated by commas")
    parser.add_argument(
        "--overlap", type=_share, default=None, help="share coded by two (default: the project's)"
    )
    parser.add_argument("--seed", type=int, default=0, help="which articles overlap (default 0)")
    add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        from sqlalchemy import select

        from quotegraph.store.models import Article
        from quotegraph.team.assignments import assign_articles

        if args.all == bool(args.article_ids):
            raise CommandError("give article ids or --all (not both)")
        store = open_store_or_fail(args.db)
        try:
            ids = list(args.article_ids)
            if args.all:
                with store.session() as session:
                    ids = list(session.scalars(select(Article.id).order_by(Article.id)))
                if not ids:
                    raise CommandError("the store has no articles to assign")
            try:
                outcome = assign_articles(
                    store,
                    ids,
                    args.coders.split(","),
                    who="command line",
                    overlap=args.overlap,
                    seed=args.seed,
                )
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            load: dict[str, int] = {}
            for names in outcome.plan.values():
                for name in names:
                    load[name] = load.get(name, 0) + 1
            shares = ", ".join(f"{name} {count}" for name, count in load.items())
            print(
                f"assigned {len(outcome.plan)} articles ({outcome.double_coded} double coded; "
                f"{outcome.added} new assignments): {shares}"
            )
        finally:
            store.dispose()
        return 0

    parser.set_defaults(handler=handle)
