"""Importing coded statements from the project's own CSV or JSONL export.

Coders can work offline or in separate stores and bring their work into one project, each as
their own layer. A row finds its article by the text's SHA-256 (``article_sha256`` in the CSV,
``sha256`` in JSONL), else by a title only one article has; its offsets must cut from that
text the ``content`` the row carries. A row goes into ``coder``'s layer when one is given, else
into the layer its ``coder`` column names (empty: the project's layer).

Everything is checked before anything is written: one refused row (article missing, offsets
that do not match the text, an unknown stance, status or kind) refuses the whole file with a
reason per line, and nothing is written. Actors and concepts are found by name or created. A
row identical to one already in its layer is skipped, so importing a file twice adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotegraph.annotation.changes import ChangeRecorder
from quotegraph.annotation.statement_table import PROVENANCE_FIELDS
from quotegraph.annotation.statements import KINDS, STATUSES
from quotegraph.exports.formats import FORMULA_PREFIXES
from quotegraph.reading.codebook_by_name import CodebookByName
from quotegraph.store.db import Store
from quotegraph.store.models import Article, StanceLevel, Statement, utcnow
from quotegraph.team.assignments import check_coders
from quotegraph.team.permissions import IMPORT

MAX_REASONS = 50  # reasons listed before "and N more"

_INTEGERS = ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end", "stance")
_TEXTS = (
    "content",
    "speaker_mention",
    "actor",
    "actor_type",
    "affiliation",
    "concept",
    "kind",
    "status",
    "cue",
    "note",
    "annotator",
    "coder",
    "pipeline_version",
    "coding_model_version",
    "article_title",
    "article_sha256",
)


class StatementImportError(ValueError):
    """The file was refused as a whole; ``reasons`` says why, one line each with its number."""

    def __init__(self, reasons: list[str]) -> None:
        shown = reasons[:MAX_REASONS]
        more = len(reasons) - len(shown)
        super().__init__(
            "nothing imported: " + "; ".join(shown) + (f"; and {more} more" if more else "")
        )
        self.reasons = reasons


@dataclass
class StatementImportReport:
    """What an import wrote."""

    statements: int = 0
    already_stored: int = 0
    actors_created: int = 0
    concepts_created: int = 0
    layers: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # notes; never a refused row

    def summary(self) -> str:
        layers = ", ".join(f"{name} {count}" for name, count in sorted(self.layers.items()))
        return (
            f"imported {self.statements} statements ({layers or 'none'}); "
            f"{self.already_stored} already stored; {self.actors_created} new actors, "
            f"{self.concepts_created} new concepts"
        )


# --- reading the file -----------------------------------------------------------------------


def _csv_text(value: str) -> str | None:
    """A CSV cell as the export meant it: empty is None, a neutralised formula loses its quote."""
    if value == "":
        return None
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def _csv_rows(text: str) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"start", "end"} - set(reader.fieldnames or ())
    if missing:
        raise StatementImportError(
            [f"line 1: not a statement export (no {', '.join(sorted(missing))} column)"]
        )
    rows = []
    for record in reader:
        where = f"line {reader.line_num}"
        row = {name: _csv_text(value or "") for name, value in record.items() if name}
        row["field_origins"] = {
            name: row.pop(f"{name}_set_by")
            for name in PROVENANCE_FIELDS
            if row.get(f"{name}_set_by") is not None
        }
        rows.append((where, row))
    return rows


def _jsonl_rows(text: str) -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as exc:
            raise StatementImportError([f"line {number}: not JSON ({exc.msg})"]) from None
        if not isinstance(article, dict) or not isinstance(article.get("statements"), list):
            raise StatementImportError([f"line {number}: not an article with statements"])
        speakers = {
            relation.get("statement_id"): relation
            for relation in article.get("relations") or []
            if isinstance(relation, dict)
        }
        for index, statement in enumerate(article["statements"], start=1):
            if not isinstance(statement, dict):
                raise StatementImportError([f"line {number}: statement {index} is not an object"])
            row = dict(statement)
            relation = speakers.get(statement.get("statement_id"), {})
            for name in ("speaker_start", "speaker_end", "speaker_mention"):
                row[name] = relation.get(name)
            row["field_origins"] = dict(statement.get("set_by") or {})
            row["article_sha256"] = article.get("sha256")
            row["article_title"] = article.get("title")
            rows.append((f"line {number}, statement {index}", row))
    return rows


def read_statement_rows(data: bytes, name: str) -> list[tuple[str, dict[str, Any]]]:
    """The rows of a statement export (``name`` ending in .csv or .jsonl), each with where it
    is in the file; StatementImportError for a file that cannot be read as one."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StatementImportError([f"{name}: not UTF-8 text"]) from None
    lower = name.lower()
    if lower.endswith(".csv"):
        return _csv_rows(text)
    if lower.endswith((".jsonl", ".ndjson")):
        return _jsonl_rows(text)
    raise StatementImportError([f"{name}: statements are imported from .csv or .jsonl"])


# --- checking and writing -------------------------------------------------------------------


def _whole(value: Any, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise ValueError(f"{name} {value!r} is not a whole number")


def _clean(row: dict[str, Any], scale: set[int]) -> dict[str, Any]:
    """The row's values checked and typed; ValueError naming the first bad one."""
    clean: dict[str, Any] = {name: _whole(row.get(name), name) for name in _INTEGERS}
    for name in _TEXTS:
        value = row.get(name)
        clean[name] = None if value is None else str(value)
    if clean["start"] is None or clean["end"] is None:
        raise ValueError("start and end are needed")
    clean["status"] = clean["status"] or "accepted"
    clean["kind"] = clean["kind"] or "indirect"
    if clean["status"] not in STATUSES:
        raise ValueError(f"unknown status {clean['status']!r}")
    if clean["kind"] not in KINDS:
        raise ValueError(f"unknown kind {clean['kind']!r}")
    if clean["stance"] is not None and clean["stance"] not in scale:
        raise ValueError(f"stance {clean['stance']} is not on the scale {sorted(scale)}")
    if (clean["speaker_start"] is None) != (clean["speaker_end"] is None):
        raise ValueError("speaker start and end must be given together")
    clean["field_origins"] = {
        str(key): str(value) for key, value in (row.get("field_origins") or {}).items()
    }
    for name in ("created_at", "updated_at"):
        clean[name] = row.get(name) or None
    return clean


def _find_article(session: Session, row: dict[str, Any]) -> tuple[int, str] | None:
    if row["article_sha256"]:
        found = session.execute(
            select(Article.id, Article.text).where(Article.sha256 == row["article_sha256"])
        ).first()
        if found is not None:
            return found[0], found[1]
    if row["article_title"]:
        found = session.execute(
            select(Article.id, Article.text).where(Article.title == row["article_title"]).limit(2)
        ).all()
        if len(found) == 1:
            return found[0][0], found[0][1]
    return None


def _check_offsets(row: dict[str, Any], text: str) -> None:
    start, end = row["start"], row["end"]
    if not 0 <= start < end <= len(text):
        raise ValueError(f"offsets {start}-{end} are outside the article (0-{len(text)})")
    if row["content"] is not None and text[start:end] != row["content"]:
        raise ValueError(f"offsets {start}-{end} do not cut the row's content from the article")
    if row["speaker_start"] is not None and not (
        0 <= row["speaker_start"] < row["speaker_end"] <= len(text)
    ):
        raise ValueError("the speaker's offsets are outside the article")


def _timestamp(value: Any) -> dt.datetime:
    if value is None:
        return utcnow()
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


_KEY_COLUMNS = (
    "article_id",
    "coder",
    "start",
    "end",
    "kind",
    "status",
    "actor_id",
    "concept_id",
    "stance",
)


def _key(values: dict[str, Any]) -> tuple:
    """What makes two statements the same for an import: a row already there is skipped."""
    return tuple(values[name] for name in _KEY_COLUMNS)


def import_statements(
    store: Store,
    data: bytes,
    name: str,
    *,
    coder: str | None = None,
    who: str = "import",
) -> StatementImportReport:
    """Import the statements of a CSV or JSONL statement export (see the module docstring), in
    one transaction. Raises StatementImportError (nothing written) when any row is refused."""
    if coder is not None:
        coder = check_coders([coder])[0]
    rows = read_statement_rows(data, name)
    report = StatementImportReport()
    with store.session(write=True) as session:
        # The change log checks IMPORT: refused before any row is read.
        recorder = ChangeRecorder(
            session, annotator=who, action="create", article_id=None, permission=IMPORT
        )
        scale = set(session.scalars(select(StanceLevel.value)))
        reasons: list[str] = []
        checked: list[tuple[dict[str, Any], int]] = []
        articles: dict[tuple[Any, Any], tuple[int, str] | None] = {}
        for where, raw in rows:
            try:
                row = _clean(raw, scale)
                where_from = (row["article_sha256"], row["article_title"])
                if where_from not in articles:  # rows of one article come together
                    articles[where_from] = _find_article(session, row)
                found = articles[where_from]
                if found is None:
                    raise ValueError("its article is not in the store (import the articles first)")
                _check_offsets(row, found[1])
                row["coder"] = coder if coder is not None else row["coder"]
                if row["coder"] is not None:
                    row["coder"] = check_coders([row["coder"]])[0]
                _timestamp(row["created_at"])
                _timestamp(row["updated_at"])
            except ValueError as exc:
                reasons.append(f"{where}: {exc}")
                continue
            checked.append((row, found[0]))
        if reasons:
            raise StatementImportError(reasons)
        _write(session, checked, report, recorder)
    return report


def _write(
    session: Session,
    checked: list[tuple[dict[str, Any], int]],
    report: StatementImportReport,
    recorder: ChangeRecorder,
) -> None:
    codebook = CodebookByName(session, recorder, report)
    existing = {
        _key({column: getattr(statement, column) for column in _KEY_COLUMNS})
        for statement in session.scalars(
            select(Statement).where(Statement.article_id.in_({a for _, a in checked}))
        )
    }
    added: list[Statement] = []
    # Every actor with the type its rows give first, so that an affiliation named before its
    # own rows does not create it as an organisation.
    for row, _article_id in checked:
        if row["actor"]:
            codebook.actor(row["actor"], row["actor_type"] or "person")
    for row, article_id in checked:
        actor = None
        if row["actor"]:
            actor = codebook.actor(row["actor"], row["actor_type"] or "person")
        if actor is not None and row["affiliation"] and actor.affiliation_id is None:
            group = codebook.actor(row["affiliation"], "organisation")
            if group.id != actor.id:
                recorder.updated("actors", actor.id, "affiliation_id", None, group.id)
                actor.affiliation_id = group.id
        concept = codebook.concept(row["concept"]) if row["concept"] else None
        values = {
            "article_id": article_id,
            "coder": row["coder"],
            "start": row["start"],
            "end": row["end"],
            "kind": row["kind"],
            "status": row["status"],
            "actor_id": None if actor is None else actor.id,
            "concept_id": None if concept is None else concept.id,
            "stance": row["stance"],
        }
        key = _key(values)
        if key in existing:
            report.already_stored += 1
            continue
        existing.add(key)
        statement = Statement(
            **values,
            speaker_start=row["speaker_start"],
            speaker_end=row["speaker_end"],
            speaker_mention=row["speaker_mention"],
            cue=row["cue"],
            cue_start=row["cue_start"],
            cue_end=row["cue_end"],
            field_origins=row["field_origins"],
            annotator=row["annotator"],
            note=row["note"] or "",
            pipeline_version=row["pipeline_version"],
            coding_model_version=row["coding_model_version"],
            version=1,
            created_at=_timestamp(row["created_at"]),
            updated_at=_timestamp(row["updated_at"]),
        )
        added.append(statement)
        report.statements += 1
        layer = row["coder"] or "project"
        report.layers[layer] = report.layers.get(layer, 0) + 1
    # One flush for every new row (their ids go into the change log), not one per row.
    session.add_all(added)
    session.flush()
    for statement in added:
        recorder.created(statement)
    recorder.finish()
