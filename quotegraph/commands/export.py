"""``export``: statements, the actor table, networks (one or one per time window), DNA files
and backups.
"""

from __future__ import annotations

import argparse
import sys

from quotegraph.commands.common import CommandError, add_db_option, open_store_or_fail
from quotegraph.exports.network_kinds import NETWORK_KINDS


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``export`` command to ``commands``."""
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
    parser.add_argument(
        "--layer",
        default="project",
        metavar="NAME",
        help="whose statements: 'project' (the adjudicated or single-coded result, the "
        "default) or a coder's name (that coder's own layer of double-coded articles)",
    )
    add_db_option(parser)

    def handle(args: argparse.Namespace) -> int:
        from quotegraph.annotation.statement_table import load_statement_table
        from quotegraph.exports import formats as exports
        from quotegraph.exports import gephi_files, network_exports, tables
        from quotegraph.exports.backup import BackupError, write_backup

        if not args.layer.strip():
            raise CommandError("--layer names 'project' or a coder")
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
                    layer=args.layer,
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
                    layer=args.layer,
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
                        layer=args.layer,
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
            statement_filters={"layer": args.layer},
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
