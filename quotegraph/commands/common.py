"""What the commands share: the one-line error they raise, the --db and --processes options,
opening the store, a progress bar and running the first pass over articles under it.
"""

from __future__ import annotations

import argparse
import sys


class CommandError(Exception):
    """A failure to report to the user as one line, with exit status 1."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
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


def add_processes_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--processes",
        type=_positive_int,
        default=1,
        metavar="N",
        help="parse in N worker processes (default 1: in this process)",
    )


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


def progress_bar(total: int | None, description: str, unit: str):  # noqa: ANN201 (tqdm)
    """A progress bar on stderr (tqdm), to use as a context manager."""
    from tqdm import tqdm

    return tqdm(
        total=total, desc=description, unit=unit, file=sys.stderr, mininterval=0.2, leave=True
    )


def run_analysis(
    store,  # noqa: ANN001 (Store; imported lazily)
    article_ids: list[int] | None,
    *,
    processes: int = 1,
    scheduler: str | None = None,
    since=None,  # noqa: ANN001 (datetime.date)
    force: bool = False,
):  # noqa: ANN202 (CorpusReport)
    """Analyse the chosen articles under a progress bar; print the summary and each failure."""
    from quotegraph.analysis.corpus import ClusterError, analyse_corpus, opened_runner

    try:
        with (
            opened_runner(processes=processes, scheduler=scheduler) as runner,
            progress_bar(None, "analysing", "article") as bar,
        ):

            def show(done: int, total: int) -> None:
                if bar.total != total:
                    bar.reset(total=total)
                bar.update(done - bar.n)

            report = analyse_corpus(
                store, article_ids, since=since, force=force, runner=runner, progress=show
            )
    except ClusterError as exc:
        raise CommandError(str(exc)) from exc
    print(f"{report.summary()} (store: {store.url})")
    for failure in report.failures:
        title = f" ({failure.title})" if failure.title else ""
        print(f"failed: article {failure.article_id}{title}: {failure.reason}")
    return report
