"""How long the annotation core takes on a long article: prints figures, asserts nothing.

A ~10,000-word article with 300 stored suggestions; times list_statements (run on every page
rerun), update_statement (one decision), undo and redo. Usage:

    python bench/annotation_store.py [--url SQLALCHEMY_URL] [--statements 300] [--repeat 100]

Without --url it uses a fresh SQLite file in a temporary folder; a --url should name a scratch
database, as the bench leaves its article, actor and change log there.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotegraph.analysis.extraction import ActorCandidate, ArticleAnalysis
from quotegraph.analysis.extraction import Statement as Suggestion
from quotegraph.analysis.first_pass import store_analysis
from quotegraph.annotation.history import redo, undo
from quotegraph.annotation.statements import list_statements, update_statement
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import open_store

SENTENCE = "Minister Ana Díaz 🙂 said the talks on tariffs would resume next week in Geneva. "


def _article_and_analysis(statements: int) -> tuple[str, ArticleAnalysis]:
    words_per_sentence = len(SENTENCE.split())
    sentences = max(statements, 10_000 // words_per_sentence + 1)
    text = SENTENCE * sentences
    step = len(SENTENCE) * sentences // statements
    suggestions = []
    for index in range(statements):
        base = (index * step // len(SENTENCE)) * len(SENTENCE)
        start = base + SENTENCE.index("the talks")
        end = base + SENTENCE.index(" next week")
        speaker_start = base + SENTENCE.index("Ana")
        suggestions.append(
            Suggestion(
                start,
                end,
                text[start:end],
                "indirect",
                "said",
                None,
                None,
                speaker_start,
                speaker_start + 8,
                "Ana Díaz",
                "Ana Díaz",
            )  # fmt: skip
        )
    actors = (ActorCandidate("Ana Díaz", "person", ("Minister Ana Díaz",), None),)
    return text, ArticleAnalysis((), tuple(suggestions), actors, "bench")


def _median_ms(action: Callable[[int], object], repeat: int) -> str:
    """Median wall time, and median CPU time of this process (the machine may be shared)."""
    wall, cpu = [], []
    for index in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        action(index)
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return (
        f"{statistics.median(wall):8.2f} ms wall, {statistics.median(cpu):6.2f} ms CPU, "
        f"median of {repeat}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="store URL (default: a temporary SQLite file)")
    parser.add_argument("--statements", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(args.url or f"sqlite:///{Path(folder) / 'bench.db'}")
        text, analysis = _article_and_analysis(args.statements)
        article_id = add_article(store, ArticleDraft(text=text, title="bench")).article_id
        began = time.perf_counter()
        store_analysis(store, article_id, analysis, force=True)
        stored_ms = (time.perf_counter() - began) * 1000
        views = list_statements(store, article_id)
        versions = {view.id: view.version for view in views}
        ids = [view.id for view in views]

        def decide(index: int) -> None:
            statement_id = ids[index % len(ids)]
            status = "accepted" if index % 2 == 0 else "rejected"
            view = update_statement(
                store,
                statement_id,
                expected_version=versions[statement_id],
                annotator="bench",
                status=status,
                stance=1,
            )
            versions[statement_id] = view.version

        def undo_then_redo(_index: int) -> None:
            undo(store, annotator="bench", article_id=article_id)
            redo(store, annotator="bench", article_id=article_id)

        list_statements(store, article_id)  # warm the connection pool and statement cache
        list_ms = _median_ms(lambda _i: list_statements(store, article_id), args.repeat)
        update_ms = _median_ms(decide, args.repeat)
        undo_redo_ms = _median_ms(undo_then_redo, max(1, args.repeat // 5))
        print(f"store:             {store.engine.dialect.name}")
        print(f"article:           {len(text.split())} words, {len(text)} characters")
        print(f"statements:        {len(views)}")
        print(f"store_analysis:    {stored_ms:8.1f} ms (once)")
        print(f"list_statements:   {list_ms}")
        print(f"update_statement:  {update_ms}")
        print(f"undo + redo:       {undo_redo_ms}")
        store.dispose()


if __name__ == "__main__":
    main()
