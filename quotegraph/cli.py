"""The command line: ``python -m quotegraph COMMAND ...``.

Each command is a small function that parses nothing itself: argparse hands it the arguments, it
calls the core and returns the exit status. Errors the user can fix end in one line on stderr and a
non-zero status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence


class CommandError(Exception):
    """A failure to report to the user as one line, with exit status 1."""


def _add_db_option(parser: argparse.ArgumentParser) -> None:
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
    from quotegraph.db import open_store

    url = db_option or load_settings().db_url
    shown_url = url
    try:
        shown_url = make_url(url).render_as_string(hide_password=True)
        return open_store(url)
    except (ArgumentError, SQLAlchemyError, ValueError, OSError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CommandError(f"cannot open the store {shown_url!r}: {first_line}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m quotegraph", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in _REGISTRARS:
        register(commands)
    return parser


# Each registrar adds one subcommand and sets ``handler`` to a function(args) -> exit status.
_REGISTRARS: list[Callable[[argparse._SubParsersAction], None]] = []


def command(register: Callable[[argparse._SubParsersAction], None]):
    _REGISTRARS.append(register)
    return register


# --- commands -----------------------------------------------------------------------------------


@command
def _register_ingest(commands: argparse._SubParsersAction) -> None:
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
    _add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        import logging

        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError, SQLAlchemyError

        from quotegraph.config import load_settings
        from quotegraph.db import open_store
        from quotegraph.ingest import TextProgressBar, import_items
        from quotegraph.readers import count_items, read_paths

        settings = load_settings()
        url = args.db or settings.db_url
        shown_url = url
        try:
            shown_url = make_url(url).render_as_string(hide_password=True)
            store = open_store(url)
        except (ArgumentError, SQLAlchemyError, ValueError, OSError) as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise CommandError(f"cannot open the store {shown_url!r}: {first_line}") from exc
        # pypdf logs every quirk of a broken PDF; the closing report already says what failed.
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        try:
            bar = TextProgressBar(count_items(args.paths, settings), sys.stderr)
            report = import_items(store, read_paths(args.paths, settings), progress=bar.update)
            bar.close()
        finally:
            store.dispose()
        print(f"{report.summary()} (store: {shown_url})")
        for problem in report.failed:
            print(f"failed: {problem.origin}: {problem.reason}")
        return 1 if report.failed else 0

    parser.set_defaults(handler=handle)


@command
def _register_quotes(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "quotes",
        help="extract reported statements as JSONL (one row per statement)",
        description="Write one JSON line per reported statement found in the given articles.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".txt files or folders of them")
    parser.add_argument("--n-process", type=int, default=1, help="parser processes (default 1)")

    def handle(args: argparse.Namespace) -> int:
        import json
        from pathlib import Path

        from quotegraph.extraction import analyse_texts

        failed = False
        files: list[Path] = []
        for raw in args.paths:
            path = Path(raw)
            if path.is_dir():
                files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
            elif path.is_file():
                files.append(path)
            else:
                print(f"error: no such file or folder: {raw}", file=sys.stderr)
                failed = True
        names: list[str] = []
        texts: list[str] = []
        for path in files:
            try:
                # Universal newlines, as the scorer reads the files.
                with open(path, encoding="utf-8") as handle_:
                    texts.append(handle_.read())
            except (OSError, UnicodeDecodeError) as exc:
                print(f"error: cannot read {path}: {exc}", file=sys.stderr)
                failed = True
                continue
            names.append(path.name)
        out = sys.stdout
        for name, analysis in zip(
            names, analyse_texts(texts, n_process=max(1, args.n_process)), strict=True
        ):
            for s in analysis.statements:
                row = {
                    "article": name,
                    "start": s.start,
                    "end": s.end,
                    "content": s.content,
                    "speaker": s.speaker,
                    "speaker_start": s.speaker_start,
                    "speaker_end": s.speaker_end,
                    "cue": s.cue,
                    "kind": s.kind,
                }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return 1 if failed else 0

    parser.set_defaults(handler=handle)


@command
def _register_check(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="check the store for damage (orphans, spans outside texts, log disagreements)",
    )
    _add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        from quotegraph.integrity import check_store

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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
