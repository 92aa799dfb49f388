"""``suggest``: train the concept and stance model on the coding and store its suggestions."""

from __future__ import annotations

import argparse

from quotegraph.commands.common import CommandError, add_db_option, open_store_or_fail


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``suggest`` command to ``commands``."""
    parser = commands.add_parser(
        "suggest",
        help="train the concept and stance model on the coding and store its suggestions",
        description=(
            "Train a new model on the statements people coded and the codebook's keywords and "
            "examples, and store its suggestion for every statement still to code (the app "
            "does this by itself in the background)."
        ),
    )
    add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        from quotegraph.annotation.coding_suggestions import retrain

        store = open_store_or_fail(args.db)
        try:
            model = retrain(store)
        finally:
            store.dispose()
        if model is None:
            raise CommandError("the codebook has no concept: add concepts first")
        print(
            f"model {model.version} (reads {model.reads}): learned from {model.examples} coded "
            f"statements ({model.stance_examples} with a stance) and {model.concepts} concepts "
            f"in {model.seconds:.2f} s; {model.suggested} suggestions stored"
        )
        return 0

    parser.set_defaults(handler=handle)
