"""``codebook-import``: add concepts from a CSV file."""

from __future__ import annotations

import argparse

from quotegraph.commands.common import CommandError, add_db_option, open_store_or_fail


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``codebook-import`` command to ``commands``."""
    parser = commands.add_parser(
        "codebook-import",
        help="add concepts from a CSV file (name, description, keywords, examples)",
        description=(
            "Add the concepts of a CSV file with a name (or concept) column and optionally "
            "description, keywords (separated by ;) and examples (separated by |). A concept "
            "already in the codebook takes the description, keywords and examples given. "
            "Nothing is written when a row is bad."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the CSV file")
    parser.add_argument("--annotator", required=True, help="who is importing (for the log)")
    add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        from quotegraph.annotation.codebook_concepts import import_concepts, parse_concepts_csv

        try:
            with open(args.file, "rb") as source:
                concepts = parse_concepts_csv(source.read())
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot import {args.file}: {exc}") from exc
        store = open_store_or_fail(args.db)
        try:
            result = import_concepts(store, concepts, annotator=args.annotator)
        except ValueError as exc:
            raise CommandError(f"cannot import {args.file}: {exc}") from exc
        finally:
            store.dispose()
        print(f"{result.created} concepts added, {result.updated} updated")
        return 0

    parser.set_defaults(handler=handle)
