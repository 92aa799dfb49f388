"""``ingest``: import articles from files, folders, zips, CSV/JSONL tables and DNA projects."""

from __future__ import annotations

import argparse
import sys

from quotegraph.commands.common import CommandError, add_db_option, open_store_or_fail


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``ingest`` command to ``commands``."""
    parser = commands.add_parser(
        "ingest",
        help="import articles from files, folders, zips and CSV/JSONL tables",
        description=(
            "Import every article found under the given paths (.txt, .md, .html, .docx, .pdf, "
            ".zip, and .csv/.jsonl with a text column). Texts already stored are skipped. "
            "Exit status 1 when anything failed."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        import logging

        from quotegraph.config import load_settings
        from quotegraph.reading import count_items, read_paths
        from quotegraph.reading.ingest import TextProgressBar, import_items

        settings = load_settings()
        dna_files = [path for path in args.paths if path.lower().endswith(".dna")]
        if dna_files:
            return _ingest_dna(dna_files, args)
        store = open_store_or_fail(args.db)
        # pypdf logs every quirk of a broken PDF; the closing report already says what failed.
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        try:
            bar = TextProgressBar(count_items(args.paths, settings), sys.stderr)
            report = import_items(store, read_paths(args.paths, settings), progress=bar.update)
            bar.close()
        finally:
            store.dispose()
        print(f"{report.summary()} (store: {store.url})")
        for problem in report.failed:
            print(f"failed: {problem.origin}: {problem.reason}")
        return 1 if report.failed else 0

    parser.set_defaults(handler=handle)


def _ingest_dna(paths: list[str], args: argparse.Namespace) -> int:
    """``ingest FILE.dna``: import Discourse Network Analyzer projects, say what was not kept."""
    from quotegraph.reading.dna_file import DnaFormatError
    from quotegraph.reading.dna_import import import_dna

    if len(paths) != len(args.paths):
        raise CommandError("import .dna files on their own, without other files")
    store = open_store_or_fail(args.db)
    try:
        for path in paths:
            try:
                report = import_dna(store, path)
            except DnaFormatError as exc:
                raise CommandError(str(exc)) from exc
            print(f"{path}: {report.summary()}")
            for note in report.problems:
                print(f"  not kept or changed: {note}")
    finally:
        store.dispose()
    return 0
