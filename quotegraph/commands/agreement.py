"""``agreement``: how far the coders of double-coded articles agree, per field and pair."""

from __future__ import annotations

import argparse
import sys

from quotegraph.commands.common import CommandError, add_db_option, open_store_or_fail

# Kept here (and checked against quotegraph.team.agreement.FIELDS by a test) so that building
# the parser imports nothing heavy.
FIELD_CHOICES = ("kept", "actor", "concept", "stance", "span")
FIGURE_COLUMNS = ("field", "coders", "level", "units", "alpha", "kappa", "percent", "span_f1")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``agreement`` command to ``commands``."""
    parser = commands.add_parser(
        "agreement",
        help="agreement between coders of double-coded articles (alpha, kappa, percent, span-F1)",
        description=(
            "Per field (kept or rejected, actor, concept, stance, span) and per pair of coders: "
            "Krippendorff's alpha (nominal; ordinal for stance), Cohen's kappa, percent agreement "
            "and the number of units; for spans the extraction scorer's span-F1. text prints a "
            "table, json the figures and every disagreement, csv the figures (or, with "
            "--disagreements, the disagreements)."
        ),
    )
    add_db_option(parser)
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text")
    parser.add_argument(
        "--field",
        action="append",
        choices=FIELD_CHOICES,
        help="measure only this field (repeat for more; default: all)",
    )
    parser.add_argument(
        "--disagreements",
        action="store_true",
        help="csv/text: list the disagreements (article, span, each coder's value) instead",
    )

    def handle(args: argparse.Namespace) -> int:
        from quotegraph.team.agreement import measure_agreement

        store = open_store_or_fail(args.db)
        try:
            report = measure_agreement(store, fields=tuple(args.field or FIELD_CHOICES))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            store.dispose()
        if args.format == "json":
            import json

            json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        elif args.format == "csv":
            _write_csv(report, disagreements=args.disagreements)
        else:
            _write_text(report, disagreements=args.disagreements)
        return 0

    parser.set_defaults(handler=handle)


def _figure_cells(figure) -> list:  # noqa: ANN001 (Figure; imported lazily)
    return [getattr(figure, column) for column in FIGURE_COLUMNS]


def _write_csv(report, *, disagreements: bool) -> None:  # noqa: ANN001 (AgreementReport)
    import csv

    from quotegraph.exports.formats import neutralise_cell

    writer = csv.writer(sys.stdout, lineterminator="\n")
    if disagreements:
        writer.writerow(["article_id", "title", "start", "end", "text", "field", *report.coders])
        for row in report.disagreements:
            cells = [row.article_id, row.title, row.start, row.end, row.text, row.field]
            cells += [row.values.get(coder, "") for coder in report.coders]
            writer.writerow([neutralise_cell(cell) for cell in cells])
        return
    writer.writerow(FIGURE_COLUMNS)
    for figure in report.figures:
        writer.writerow([neutralise_cell(cell) for cell in _figure_cells(figure)])


def _shown(value: object) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _write_text(report, *, disagreements: bool) -> None:  # noqa: ANN001 (AgreementReport)
    from quotegraph.team.agreement import SPAN_MEASURE

    print(
        f"{report.units} units in {report.articles} double-coded articles, "
        f"coders: {', '.join(report.coders) or '(none)'}"
    )
    if disagreements:
        for row in report.disagreements:
            values = "; ".join(f"{coder}: {value or '-'}" for coder, value in row.values.items())
            print(f"article {row.article_id} {row.start}-{row.end} {row.field}: {values}")
        print(f"{len(report.disagreements)} disagreement(s)")
        return
    print(
        f"{'field':8} {'coders':24} {'units':>6} {'alpha':>7} {'kappa':>7} {'agree':>7} {'F1':>7}"
    )
    for figure in report.figures:
        print(
            f"{figure.field:8} {figure.coders:24} {figure.units:>6} {_shown(figure.alpha):>7} "
            f"{_shown(figure.kappa):>7} {_shown(figure.percent):>7} {_shown(figure.span_f1):>7}"
        )
    print(f"span: {SPAN_MEASURE}; stance alpha ordinal, the others nominal")
    print(f"{len(report.disagreements)} disagreement(s): --disagreements lists them")
