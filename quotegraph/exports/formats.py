"""Statements as files other tools open: CSV for spreadsheets and pandas, JSONL spans.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) get a leading single quote, as OWASP advises against CSV injection.
``to_csv`` writes plain UTF-8 by default, which pandas, R and Python read as is; ``excel=True``
puts a byte order mark in front, the only way to make Excel read UTF-8 by double-click.

Every export is deterministic: the same store gives the same bytes, whatever the backend. The
networks are written by ``network_exports`` and ``gephi_files``, the actor table and a Library
selection by ``tables``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select

from quotegraph.annotation.statement_table import (
    PROVENANCE_FIELDS,
    load_statement_table,
)
from quotegraph.store.db import Store
from quotegraph.store.models import Article, Entity

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXCEL_BOM = "\ufeff"


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


def neutralise_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_cell(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise_cell(value)


def to_csv(frame: pd.DataFrame, *, excel: bool = False) -> str:
    """``frame`` as CSV text: a header row, ``\\n`` line ends, formula cells neutralised.

    Times are written in ISO 8601 (``2026-01-02T03:04:05.000000+00:00``), dates as
    ``2026-01-02``, empty values as empty cells. ``excel=True`` starts the text with a byte order
    mark so Excel decodes it as UTF-8.
    """
    cells = frame.copy()
    for column in cells.columns:
        series = cells[column]
        if series.dtype.kind in "iufb":
            continue  # numbers are values, never formulas
        if isinstance(series.dtype, pd.StringDtype):
            # Text columns at once: only the cells that start a formula change.
            formula = series.str.startswith(FORMULA_PREFIXES).fillna(False).astype(bool)
            cells[column] = series.where(~formula, "'" + series)
            continue
        cells[column] = [_csv_cell(value) for value in series.tolist()]
        cells[column] = cells[column].astype(object)
    text = cells.to_csv(index=False, lineterminator="\n")
    return EXCEL_BOM + text if excel else text


# --------------------------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------------------------


def _json_scalar(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def to_jsonl(
    store: Store,
    *,
    include_suggested: bool = True,
    include_rejected: bool = False,
    article_ids: Iterable[int] | None = None,
    machine_coding: bool = False,
    layer: str = "project",
    reader: str | None = None,
) -> str:
    """One JSON line per article (in id order) with its text, entities, statements and the
    speaker-to-statement relations.

    Offsets are code-point indices into ``text``. Each line holds: ``article_id``, ``title``,
    ``source``, ``url``, ``published``, ``origin``, ``sha256``, ``text``; ``entities`` (id,
    start, end, label, text); ``statements`` (id, start, end, content, sentence, kind, status,
    cue and its offsets, actor, actor type, affiliation, concept, stance and its label, note,
    annotator, coder (None: the project's layer), who set each field, the model version that
    suggested the concept and stance, created and updated times); ``relations``: one
    ``{"type": "speaker_of", ...}`` per statement with a speaker span or an actor, linking the
    speaker (offsets, mention, actor) to the statement (id, offsets, concept, stance).
    The statement filters and ``layer`` are those of ``load_statement_table``; every selected
    article is written, with or without statements.
    """
    wanted = None if article_ids is None else sorted(set(article_ids))
    table = load_statement_table(
        store,
        include_suggested=include_suggested,
        include_rejected=include_rejected,
        article_ids=wanted,
        machine_coding=machine_coding,
        layer=layer,
        reader=reader,
    )
    by_article: dict[int, list[dict[str, Any]]] = {}
    # Column lists zipped into rows: DataFrame.to_dict("records") boxes every cell (slow).
    names = list(table.columns)
    for values in zip(*(table[name].tolist() for name in names), strict=True):
        row = dict(zip(names, values, strict=True))
        by_article.setdefault(int(row["article_id"]), []).append(row)

    lines: list[str] = []
    article_columns = (
        Article.id,
        Article.title,
        Article.source,
        Article.url,
        Article.published,
        Article.origin,
        Article.sha256,
        Article.text,
    )
    query = select(*article_columns).order_by(Article.id)
    entity_query = select(
        Entity.article_id, Entity.id, Entity.start, Entity.end, Entity.label, Entity.text
    ).order_by(Entity.article_id, Entity.start, Entity.end, Entity.id)
    if wanted is not None:
        query = query.where(Article.id.in_(wanted))
        entity_query = entity_query.where(Entity.article_id.in_(wanted))
    with store.session() as session:
        # Plain rows, not ORM objects: a store of 840 articles has some 70,000 entities.
        connection = session.connection()
        entities: dict[int, list[dict[str, Any]]] = {}
        for article_id, entity_id, start, end, label, entity_text in connection.execute(
            entity_query
        ):
            entities.setdefault(article_id, []).append(
                {
                    "entity_id": entity_id,
                    "start": start,
                    "end": end,
                    "label": label,
                    "text": entity_text,
                }
            )
        articles = connection.execution_options(yield_per=100).execute(query)
        for article_id, title, source, url, published, origin, sha256, text in articles:
            rows = by_article.get(article_id, [])
            record = {
                "article_id": article_id,
                "title": title,
                "source": source,
                "url": url,
                "published": _json_scalar(published),
                "origin": origin,
                "sha256": sha256,
                "text": text,
                "entities": entities.get(article_id, []),
                "statements": [_statement_json(row) for row in rows],
                "relations": [
                    _relation_json(row)
                    for row in rows
                    if not pd.isna(row["speaker_start"]) or not pd.isna(row["actor"])
                ],
            }
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)


def _statement_json(row: dict[str, Any]) -> dict[str, Any]:
    fields = (
        "statement_id",
        "start",
        "end",
        "content",
        "sentence",
        "kind",
        "status",
        "cue",
        "cue_start",
        "cue_end",
        "actor",
        "actor_type",
        "affiliation",
        "concept",
        "stance",
        "stance_label",
        "note",
        "annotator",
        "coder",
        "pipeline_version",
        "coding_model_version",
        "created_at",
        "updated_at",
    )
    record = {field: _json_scalar(row[field]) for field in fields}
    record["set_by"] = {
        field: row[f"{field}_set_by"]
        for field in PROVENANCE_FIELDS
        if _json_scalar(row[f"{field}_set_by"]) is not None
    }
    return record


def _relation_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "speaker_of",
        "statement_id": _json_scalar(row["statement_id"]),
        "statement_start": _json_scalar(row["start"]),
        "statement_end": _json_scalar(row["end"]),
        "speaker_start": _json_scalar(row["speaker_start"]),
        "speaker_end": _json_scalar(row["speaker_end"]),
        "speaker_mention": _json_scalar(row["speaker_mention"]),
        "actor": _json_scalar(row["actor"]),
        "concept": _json_scalar(row["concept"]),
        "stance": _json_scalar(row["stance"]),
    }
