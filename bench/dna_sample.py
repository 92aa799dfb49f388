"""Check the import of a Discourse Network Analyzer project, such as DNA's own sample.

Run from the repository root with the path of a DNA 3 file (DNA's sample is ``sample/sample.dna``
in the leifeld/dna repository; it is not part of quotegraph, its licence being unclear):
``.venv/bin/python bench/dna_sample.py PATH/sample.dna``.

Imports the file into a new SQLite store in a temporary folder and prints, with timings:

1. documents and "DNA Statement" statements in the file and in the store, and every such
   statement compared field by field (span, person, organization, concept, agreement, coder)
   with what DNA stores, read straight from its tables with SQL;
2. the person x concept two-mode network (agree and disagree counts per edge) from the import,
   against the same network counted straight from the file's tables;
3. the export back to a ``.dna`` file and its import into a second new store: documents and
   statements must come back unchanged.

Exit status 1 when any check fails.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from quotegraph import networks  # noqa: E402
from quotegraph.db import Store, open_store  # noqa: E402
from quotegraph.dna_export import export_dna  # noqa: E402
from quotegraph.dna_import import import_dna  # noqa: E402
from quotegraph.models import Actor, Article, Concept, Statement  # noqa: E402
from quotegraph.statement_table import load_statement_table, statement_records  # noqa: E402

VALUES = """
SELECT s.ID, d.Text, s.Start, s.Stop, c.Name,
  (SELECT e.Value FROM DATASHORTTEXT x JOIN VARIABLES v ON v.ID = x.VariableId
     JOIN ENTITIES e ON e.ID = x.Entity WHERE x.StatementId = s.ID AND v.Variable = 'person'),
  (SELECT e.Value FROM DATASHORTTEXT x JOIN VARIABLES v ON v.ID = x.VariableId
     JOIN ENTITIES e ON e.ID = x.Entity WHERE x.StatementId = s.ID AND v.Variable = 'organization'),
  (SELECT e.Value FROM DATASHORTTEXT x JOIN VARIABLES v ON v.ID = x.VariableId
     JOIN ENTITIES e ON e.ID = x.Entity WHERE x.StatementId = s.ID AND v.Variable = 'concept'),
  (SELECT x.Value FROM DATABOOLEAN x JOIN VARIABLES v ON v.ID = x.VariableId
     WHERE x.StatementId = s.ID AND v.Variable = 'agreement')
FROM STATEMENTS s JOIN STATEMENTTYPES t ON t.ID = s.StatementTypeId
JOIN DOCUMENTS d ON d.ID = s.DocumentId LEFT JOIN CODERS c ON c.ID = s.Coder
WHERE t.Label = 'DNA Statement' ORDER BY s.ID
"""


def straight_from_file(path: Path) -> tuple[int, list[tuple]]:
    """Documents, and (content, person, organization, concept, stance, coder) per DNA Statement."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        (documents,) = db.execute("SELECT COUNT(*) FROM DOCUMENTS").fetchone()
        rows = []
        for _, text, start, stop, coder, person, organisation, concept, agree in db.execute(VALUES):
            units = text.encode("utf-16-le")
            content = units[2 * start : 2 * stop].decode("utf-16-le", errors="replace")
            stance = None if agree is None else (1 if agree else -1)
            rows.append((content, person or "", organisation or "", concept or "", stance, coder))
    finally:
        db.close()
    return documents, rows


def from_store(store: Store) -> list[tuple]:
    """The same tuples for the store's statements of type "DNA Statement"."""
    with store.session() as session:
        actors = {a.id: a for a in session.scalars(select(Actor))}
        concepts = {c.id: c.name for c in session.scalars(select(Concept))}
        texts = dict(session.execute(select(Article.id, Article.text)).all())
        rows = []
        for s in session.scalars(select(Statement).where(Statement.statement_type.is_(None))):
            actor = actors.get(s.actor_id)
            person = actor.name if actor is not None and actor.type == "person" else ""
            if actor is None:
                organisation = ""
            elif actor.type != "person":
                organisation = actor.name
            else:
                group = actors.get(actor.affiliation_id)
                organisation = (s.variables or {}).get("organization", group.name if group else "")
            content = texts[s.article_id][s.start : s.end]
            concept = concepts.get(s.concept_id, "")
            rows.append((content, person, organisation, concept, s.stance, s.annotator))
    return rows


def person_concept_from_file(path: Path) -> dict[tuple[str, str], tuple[int, int]]:
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        pairs: dict[tuple[str, str], list[int]] = {}
        for _, _, _, _, _, person, _, concept, agree in db.execute(VALUES):
            if person:
                counts = pairs.setdefault((person, concept), [0, 0])
                counts[0 if agree else 1] += 1
    finally:
        db.close()
    return {pair: (agree, disagree) for pair, (agree, disagree) in pairs.items()}


def person_concept_from_store(store: Store) -> dict[tuple[str, str], tuple[int, int]]:
    records = statement_records(load_statement_table(store))
    people = networks.filter_statements(records, actor_types=["person"], once_per_article=False)
    network = networks.actor_concept_network(people)
    return {
        (u.removeprefix("actor:"), v.removeprefix("concept:")): (d["agree"], d["disagree"])
        for u, v, d in network.edges(data=True)
    }


def check(label: str, ok: bool, detail: str) -> bool:
    print(f"{'ok  ' if ok else 'FAIL'} {label}: {detail}")
    return ok


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: bench/dna_sample.py PATH_TO_FILE.dna", file=sys.stderr)
        return 2
    path = Path(argv[0])
    documents, expected = straight_from_file(path)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'import.db'}")
        began = time.perf_counter()
        report = import_dna(store, path)
        took = time.perf_counter() - began
        print(f"import: {report.summary()} in {took:.2f}s")
        for note in report.problems:
            print(f"  note: {note}")
        imported = from_store(store)
        results.append(
            check(
                "documents",
                report.documents == documents,
                f"{documents} in the file, {report.documents} imported",
            )
        )
        results.append(
            check(
                "DNA Statements",
                len(imported) == len(expected),
                f"{len(expected)} in the file, {len(imported)} imported",
            )
        )
        mismatched = sorted(set(expected) ^ set(imported), key=repr)
        results.append(
            check(
                "fields (span text, person, organization, concept, agreement, coder)",
                sorted(expected, key=repr) == sorted(imported, key=repr),
                f"{len(expected) - len(mismatched) // 2} of {len(expected)} identical"
                + (f"; first difference {mismatched[0]!r}" if mismatched else ""),
            )
        )
        ours = person_concept_from_store(store)
        theirs = person_concept_from_file(path)
        results.append(
            check(
                "person x concept network",
                ours == theirs,
                f"{len(theirs)} edges from the file's tables, {len(ours)} from the import, "
                f"{sum(a + d for a, d in theirs.values())} statements on them",
            )
        )
        out = Path(folder) / "exported.dna"
        began = time.perf_counter()
        written = export_dna(store, out)
        print(f"export: {written.summary()} in {time.perf_counter() - began:.2f}s")
        second = open_store(f"sqlite:///{Path(folder) / 'again.db'}")
        again = import_dna(second, out)
        results.append(
            check(
                "round trip (export, import into a new store)",
                sorted(from_store(second), key=repr) == sorted(imported, key=repr)
                and _documents(second) == _documents(store)
                and _all_statements(second) == _all_statements(store),
                f"{again.documents} documents and {again.statements} statements back, identical"
                if _all_statements(second) == _all_statements(store)
                else "differences",
            )
        )
        store.dispose()
        second.dispose()
    return 0 if all(results) else 1


def _documents(store: Store) -> list[tuple]:
    with store.session() as session:
        return sorted(
            (a.title, a.text, a.author, a.source, a.section, a.notes, a.document_type, a.published)
            for a in session.scalars(select(Article))
        )


def _all_statements(store: Store) -> list[tuple]:
    with store.session() as session:
        texts = dict(session.execute(select(Article.id, Article.text)).all())
        return sorted(
            (
                texts[s.article_id][s.start : s.end],
                s.statement_type,
                s.annotator,
                s.stance,
                s.note,
                repr(sorted((s.variables or {}).items())),
            )
            for s in session.scalars(select(Statement))
        )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
