"""``ingest``: import articles from files, folders, zips, CSV/JSONL tables and DNA projects, then
analyse the new ones.
"""

from __future__ import annotations

import argparse

from quotegraph.commands.common import (
    CommandError,
    add_db_option,
    add_processes_option,
    open_store_or_fail,
    progress_bar,
    run_analysis,
)


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``ingest`` command to ``commands``."""
    parser = commands.add_parser(
        "ingest",
        help="import articles from files, folders, zips and CSV/JSONL tables",
        description=(
            "Import every article found under the given paths (.txt, .md, .html, .docx, .pdf, "
            ".zip, and .csv/.jsonl with a text column), then analyse the new ones. Texts "
            "already stored are skipped. Exit status 1 when anything failed."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to import")
    parser.add_argument(
        "--statements",
        metavar="FILE",
        help="import coded statements from the project's own CSV/JSONL statement export "
        "(after the articles: rows find their article by text hash or title)",
    )
    parser.add_argument(
        "--coder",
        metavar="NAME",
        help="with --statements: put every row into this coder's layer (default: the layer "
        "the file's coder column names; empty is the project's layer)",
    )
    parser.add_argument(
        "--no-analyse",
        action="store_true",
        help="only import; leave the first pass for `analyse` (or the first open)",
    )
    add_processes_option(parser)
    add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        import logging
        from pathlib import Path

        from quotegraph.config import load_settings
        from quotegraph.reading import count_items, read_paths
        from quotegraph.reading.ingest import import_items

        if not args.paths and not args.statements:
            raise CommandError("give files or folders to import, or --statements FILE")
        if args.coder is not None and not args.statements:
            raise CommandError("--coder goes with --statements FILE")
        if not args.paths:
            return _ingest_statements(args)
        settings = load_settings()
        dna_files = [path for path in args.paths if path.lower().endswith(".dna")]
        if dna_files:
            return _ingest_dna(dna_files, args)
        store = open_store_or_fail(args.db)
        # pypdf logs every quirk of a broken PDF; the closing report already says what failed.
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        try:
            with progress_bar(count_items(args.paths, settings), "importing", "file") as bar:

                def show(done: int, origin: str) -> None:
                    bar.set_postfix_str(Path(origin).name[:40], refresh=False)
                    bar.update(done - bar.n)

                report = import_items(store, read_paths(args.paths, settings), progress=show)
            print(f"{report.summary()} (store: {store.url})")
            for problem in report.failed:
                print(f"failed: {problem.origin}: {problem.reason}")
            failed = bool(report.failed)
            if report.imported and not args.no_analyse:
                analysis = run_analysis(store, report.imported, processes=args.processes)
                failed = failed or bool(analysis.failures)
        finally:
            store.dispose()
        if args.statements:
            failed = _ingest_statements(args) != 0 or failed
        return 1 if failed else 0

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


def _ingest_statements(args: argparse.Namespace) -> int:
    """``ingest --statements FILE [--coder NAME]``: coded statements from a statement export."""
    from pathlib import Path

    from quotegraph.reading.statement_import import StatementImportError, import_statements

    path = Path(args.statements)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
    store = open_store_or_fail(args.db)
    try:
        report = import_statements(store, data, path.name, coder=args.coder)
    except StatementImportError as exc:
        for reason in exc.reasons:
            print(f"refused: {reason}")
        more = f" and {len(exc.reasons) - 1} more" if len(exc.reasons) > 1 else ""
        raise CommandError(f"{path.name}: nothing imported: {exc.reasons[0]}{more}") from None
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.dispose()
    print(f"{path.name}: {report.summary()}")
    return 0
