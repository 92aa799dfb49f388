"""The command line: ``python -m quotegraph COMMAND ...``.

Each command is a small function that parses nothing itself: argparse hands it the arguments, it
calls the core and returns the exit status. Errors the user can fix end in one line on stderr and a
non-zero status, never a traceback.
"""

from __future__ import annotations

import argparse
import os
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
    from quotegraph.store.db import open_store

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

        from quotegraph.analysis.extraction import analyse_texts

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


@command
def _register_export(commands: argparse._SubParsersAction) -> None:
    from quotegraph.exports.network_exports import NETWORK_KINDS

    parser = commands.add_parser(
        "export",
        help=(
            "write statements (csv, jsonl), the actor table (actors), a network (graphml, gexf) "
            "or a full backup"
        ),
        description=(
            "Write the store's statements as CSV (one row per statement) or JSONL (one line per "
            "article), the actors as CSV (id, name, type, aliases, statement count), a network "
            "as GraphML or GEXF for Gephi, or the whole store as a backup file that `restore` "
            "reads. Text formats go to stdout unless --out is given."
        ),
    )
    parser.add_argument(
        "--format",
        required=True,
        choices=("csv", "actors", "jsonl", "graphml", "gexf", "backup", "dna"),
    )
    parser.add_argument(
        "--dna-password",
        default=None,
        help="dna: the password every coder gets in the file (default: dna)",
    )
    parser.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    parser.add_argument(
        "--network",
        choices=NETWORK_KINDS,
        default="actor-concept",
        help="graphml/gexf: which network (default actor-concept)",
    )
    parser.add_argument(
        "--aggregation",
        default=None,
        help=(
            "graphml/gexf: actor-concept ignore|subtract|combine (default ignore); actor-actor "
            "congruence|conflict|subtract|ignore (default congruence)"
        ),
    )
    parser.add_argument(
        "--normalization",
        default="none",
        help="graphml/gexf: actor-concept activity|prominence, actor-actor average|jaccard|cosine",
    )
    parser.add_argument(
        "--statements",
        choices=("accepted", "with-suggestions", "all"),
        default=None,
        help=(
            "which statements: accepted only, with machine suggestions, or all incl. rejected "
            "(default: with-suggestions for csv and jsonl, accepted for networks)"
        ),
    )
    parser.add_argument(
        "--article",
        type=int,
        action="append",
        dest="articles",
        metavar="ID",
        help="only this article (repeat for several)",
    )
    parser.add_argument(
        "--excel",
        action="store_true",
        help="csv, actors: start with a byte order mark for Excel",
    )
    parser.add_argument(
        "--window",
        metavar="LENGTH",
        help=(
            "graphml/gexf: one graph per time window of this length (e.g. 30d, 2w), written "
            "to a zip with windows.csv (needs --out)"
        ),
    )
    parser.add_argument(
        "--step", metavar="STEP", help="graphml/gexf with --window: move it by this much (7d)"
    )
    parser.add_argument(
        "--duplicates",
        choices=("none", "document", "week", "month", "year"),
        default="document",
        help="graphml/gexf: identical statements count once per document (default), week, ...",
    )
    parser.add_argument(
        "--dynamic",
        action="store_true",
        help="gexf with --window: one dynamic GEXF that Gephi's timeline plays, not a zip",
    )
    parser.add_argument(
        "--coalitions",
        action="store_true",
        help="graphml/gexf: give actor nodes a coalition attribute (always on with --window)",
    )
    parser.add_argument(
        "--machine-coding",
        action="store_true",
        help="statements nobody coded take the concept and stance the model suggests "
        "(marked machine-set, with the model version)",
    )
    _add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        from quotegraph.annotation.statement_table import load_statement_table
        from quotegraph.exports import formats as exports
        from quotegraph.exports import gephi_files, network_exports, tables
        from quotegraph.exports.backup import BackupError, write_backup

        if args.format == "backup" and not args.out:
            raise CommandError("a backup is a zip file: name it with --out FILE")
        if args.format == "dna":
            return _export_dna(args)
        if args.window or args.step:
            return _export_windows(args)
        network = args.format in ("graphml", "gexf")
        statements = args.statements or ("accepted" if network else "with-suggestions")
        include_suggested = statements != "accepted"
        store = open_store_or_fail(args.db)
        try:
            if args.format == "backup":
                try:
                    manifest = write_backup(store, args.out)
                except (BackupError, OSError) as exc:
                    raise CommandError(f"cannot write {args.out}: {exc}") from exc
                print(
                    f"backed up {manifest.count('articles')} articles and "
                    f"{manifest.count('statements')} statements to {args.out}",
                    file=sys.stderr,
                )
                return 0
            if args.format == "csv":
                table = load_statement_table(
                    store,
                    include_suggested=include_suggested,
                    include_rejected=statements == "all",
                    article_ids=args.articles,
                    machine_coding=args.machine_coding,
                )
                content: str | bytes = exports.to_csv(table, excel=args.excel)
            elif args.format == "actors":
                content = exports.to_csv(tables.actor_table(store), excel=args.excel)
            elif args.format == "jsonl":
                content = exports.to_jsonl(
                    store,
                    include_suggested=include_suggested,
                    include_rejected=statements == "all",
                    article_ids=args.articles,
                    machine_coding=args.machine_coding,
                )
            else:
                try:
                    graph = network_exports.network_for_export(
                        store,
                        args.network,
                        include_suggested=include_suggested,
                        article_ids=args.articles,
                        aggregation=args.aggregation,
                        normalization=args.normalization,
                        coalitions=args.coalitions,
                        machine_coding=args.machine_coding,
                    )
                except ValueError as exc:
                    raise CommandError(str(exc)) from exc
                write = gephi_files.to_graphml if args.format == "graphml" else gephi_files.to_gexf
                content = write(graph)
        finally:
            store.dispose()
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not args.out:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return 0
        try:
            with open(args.out, "wb") as output:
                output.write(data)
        except OSError as exc:
            raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
        print(f"wrote {len(data):,} bytes of {args.format} to {args.out}", file=sys.stderr)
        return 0

    parser.set_defaults(handler=handle)


def _export_windows(args: argparse.Namespace) -> int:
    """``export --format graphml|gexf --window 30d --step 7d --out FILE.zip``."""
    from quotegraph.exports.windows import dynamic_gexf, windowed_networks_zip
    from quotegraph.networks import parse_duration

    if args.format not in ("graphml", "gexf"):
        raise CommandError("--window and --step go with --format graphml or gexf")
    if not args.window:
        raise CommandError("--step needs --window LENGTH (e.g. --window 30d --step 7d)")
    if args.dynamic and args.format != "gexf":
        raise CommandError("--dynamic writes GEXF: use it with --format gexf")
    if not args.out:
        raise CommandError(
            "name the file with --out FILE.gexf"
            if args.dynamic
            else "one graph per window goes into a zip: name it with --out FILE.zip"
        )
    try:
        length = parse_duration(args.window)
        step = parse_duration(args.step) if args.step else length
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    store = open_store_or_fail(args.db)
    try:
        options = {"file_format": args.format} if not args.dynamic else {}
        write = dynamic_gexf if args.dynamic else windowed_networks_zip
        result = write(
            store,
            args.network,
            length=length,
            step=step,
            **options,
            include_suggested=(args.statements or "accepted") != "accepted",
            article_ids=args.articles,
            aggregation=args.aggregation,
            normalization=args.normalization,
            duplicates=args.duplicates,
        )
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.dispose()
    try:
        with open(args.out, "wb") as output:
            output.write(result.data)
    except OSError as exc:
        raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(
        f"wrote {result.windows} {'dynamic GEXF' if args.dynamic else args.format} windows to "
        f"{args.out}"
        + (f" ({result.undated} statements without a date are in none)" if result.undated else ""),
        file=sys.stderr,
    )
    return 0


def _export_dna(args: argparse.Namespace) -> int:
    """``export --format dna --out FILE.dna``: the store as a DNA 3 project."""
    from quotegraph.exports.dna_export import DEFAULT_PASSWORD, export_dna

    if not args.out:
        raise CommandError("a DNA project is a SQLite file: name it with --out FILE.dna")
    store = open_store_or_fail(args.db)
    password = args.dna_password or DEFAULT_PASSWORD
    try:
        report = export_dna(
            store,
            args.out,
            include_suggested=(args.statements or "accepted") != "accepted",
            article_ids=args.articles,
            password=password,
        )
    except (OSError, ValueError) as exc:
        raise CommandError(f"cannot write {args.out}: {exc}") from exc
    finally:
        store.dispose()
    print(f"{report.summary()} to {args.out} (coder password: {password})", file=sys.stderr)
    for note in report.problems:
        print(f"  note: {note}", file=sys.stderr)
    return 0


@command
def _register_restore(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "restore",
        help="restore a backup file into an empty store",
        description=(
            "Restore a file written by `export --format backup` into an empty store (a new "
            "SQLite file or PostgreSQL database). Nothing is written unless the whole backup is."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the backup file")
    _add_db_option(parser)

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


@command
def _register_suggest(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "suggest",
        help="train the concept and stance model on the coding and store its suggestions",
        description=(
            "Train a new model on the statements people coded and the codebook's keywords and "
            "examples, and store its suggestion for every statement still to code (the app "
            "does this by itself in the background)."
        ),
    )
    _add_db_option(parser)

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
            f"model {model.version}: learned from {model.examples} coded statements "
            f"({model.stance_examples} with a stance) and {model.concepts} concepts in "
            f"{model.seconds:.2f} s; {model.suggested} suggestions stored"
        )
        return 0

    parser.set_defaults(handler=handle)


@command
def _register_codebook_import(commands: argparse._SubParsersAction) -> None:
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
    _add_db_option(parser)

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
    except BrokenPipeError:
        # The reader went away (e.g. `quotes ... | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
