"""Files other tools open: CSV for spreadsheets and pandas, GraphML and GEXF for Gephi, JSONL spans.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) get a leading single quote, as OWASP advises against CSV injection.
``to_csv`` writes plain UTF-8 by default, which pandas, R and Python read as is; ``excel=True``
puts a byte order mark in front, the only way to make Excel read UTF-8 by double-click.

Every export is deterministic: the same store gives the same bytes, whatever the backend.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterable
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd
from sqlalchemy import select

from quotegraph import networks
from quotegraph.db import Store
from quotegraph.models import Article, Entity, StanceLevel
from quotegraph.statement_table import PROVENANCE_FIELDS, load_statement_table, statement_records

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXCEL_BOM = "\ufeff"
# Separator of list attributes (a node's or edge's statement ids) in GraphML and GEXF, which
# have no list type.
LIST_SEPARATOR = ";"

_GEXF_MODIFIED_DATE = re.compile(rb' lastmodifieddate="[^"]*"')

NetworkKind = Literal["actor-concept", "actor-actor", "actor-statement"]
NETWORK_KINDS: tuple[str, ...] = ("actor-concept", "actor-actor", "actor-statement")


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
# GraphML and GEXF
# --------------------------------------------------------------------------------------------


def _gephi_value(value: Any) -> Any:
    """A value GraphML and GEXF can type: str, int, float or bool; None when it has no value."""
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        items = sorted(value) if isinstance(value, set | frozenset) else list(value)
        return LIST_SEPARATOR.join(str(item) for item in items)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _attributes(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for key, value in data.items():
        converted = _gephi_value(value)
        if converted is not None:
            cleaned[str(key)] = converted
    return cleaned


def gephi_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose attributes both Gephi formats can hold.

    Lists become ``;``-separated strings, numpy scalars plain numbers, missing values are left
    out; every node gets a ``label`` (its id, unless it has one) and every edge a ``stance``: its
    own value on an actor x statement edge; on an actor x concept edge its ``agreement``
    (agree, disagree, both or neutral); on an actor x actor tie ``congruence`` or ``conflict``,
    by the sign of its weight.
    """
    copy = graph.__class__()
    copy.graph.update(_attributes(graph.graph))
    for node, data in graph.nodes(data=True):
        attributes = _attributes(data)
        attributes.setdefault("label", str(node))
        copy.add_node(str(node), **attributes)
    for source, target, data in graph.edges(data=True):
        attributes = _attributes(data)
        if "stance" not in attributes:
            stance = _edge_stance(graph.graph.get("network"), attributes)
            if stance is not None:
                attributes["stance"] = stance
        copy.add_edge(str(source), str(target), **attributes)
    return copy


def _edge_stance(network: object, attributes: dict[str, Any]) -> str | None:
    if network == "actor_actor" and "sign" in attributes:
        return "congruence" if attributes["sign"] > 0 else "conflict"
    agreement = attributes.get("agreement")
    return None if agreement is None else str(agreement)


def to_graphml(graph: nx.Graph) -> bytes:
    """``graph`` as GraphML (UTF-8) with every attribute's type declared in a ``<key>``."""
    buffer = io.BytesIO()
    # infer_numeric_types: a weight that is 1 on one edge and 0.5 on another is declared double.
    nx.write_graphml_xml(gephi_graph(graph), buffer, encoding="utf-8", infer_numeric_types=True)
    return buffer.getvalue()


def to_gexf(graph: nx.Graph) -> bytes:
    """``graph`` as GEXF 1.2 (UTF-8), Gephi's own format, with typed attributes."""
    buffer = io.BytesIO()
    nx.write_gexf(_numeric_types_unified(gephi_graph(graph)), buffer, encoding="utf-8")
    # networkx stamps today's date into <meta>; the attribute is optional, and without it the
    # same graph always gives the same bytes.
    return _GEXF_MODIFIED_DATE.sub(b"", buffer.getvalue(), count=1)


def _numeric_types_unified(graph: nx.Graph) -> nx.Graph:
    # GEXF declares each attribute's type from its first value: an attribute that is an int on
    # one element and a float on another is made float everywhere, so no value is truncated.
    for items in (
        [data for _, data in graph.nodes(data=True)],
        [data for _, _, data in graph.edges(data=True)],
    ):
        floats = {
            key
            for data in items
            for key, value in data.items()
            if isinstance(value, float) and not isinstance(value, bool)
        }
        for data in items:
            for key in floats:
                value = data.get(key)
                if isinstance(value, int) and not isinstance(value, bool):
                    data[key] = float(value)
    return graph


def stance_scale(store: Store) -> tuple[int, ...]:
    """Every value of the store's stance scale, ascending (the default is -1, 0, 1)."""
    with store.session() as session:
        values = tuple(session.scalars(select(StanceLevel.value).order_by(StanceLevel.value)))
    return values or networks.BINARY_SCALE


def network_for_export(
    store: Store,
    kind: NetworkKind = "actor-concept",
    *,
    include_suggested: bool = False,
    article_ids: Iterable[int] | None = None,
    aggregation: str | None = None,
    normalization: str = "none",
    group_by_affiliation: bool = False,
) -> nx.Graph:
    """The network of the store's coded statements, as the Export page and command write it.

    ``kind`` is ``"actor-concept"`` (``aggregation`` ignore / subtract / combine, default
    ignore), ``"actor-actor"`` (congruence / conflict / subtract / ignore, default congruence)
    or ``"actor-statement"``. Accepted statements only unless ``include_suggested``; duplicates
    count once per article. Raises ValueError for an unknown kind or option.
    """
    if kind not in NETWORK_KINDS:
        raise ValueError(f"unknown network {kind!r}; choose one of {', '.join(NETWORK_KINDS)}")
    table = load_statement_table(
        store, include_suggested=include_suggested, article_ids=article_ids
    )
    records = networks.filter_statements(
        statement_records(table), include_suggested=include_suggested
    )
    if kind == "actor-concept":
        return networks.actor_concept_network(
            records,
            aggregation=aggregation or "ignore",  # type: ignore[arg-type]
            normalization=normalization,  # type: ignore[arg-type]
            scale=stance_scale(store),
            group_by_affiliation=group_by_affiliation,
        )
    if kind == "actor-actor":
        return networks.actor_network(
            records,
            aggregation=aggregation or "congruence",  # type: ignore[arg-type]
            normalization=normalization,  # type: ignore[arg-type]
            scale=stance_scale(store),
            group_by_affiliation=group_by_affiliation,
        )
    return networks.actor_statement_network(records, group_by_affiliation=group_by_affiliation)


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
) -> str:
    """One JSON line per article (in id order) with its text, entities, statements and the
    speaker-to-statement relations.

    Offsets are code-point indices into ``text``. Each line holds: ``article_id``, ``title``,
    ``source``, ``url``, ``published``, ``origin``, ``sha256``, ``text``; ``entities`` (id,
    start, end, label, text); ``statements`` (id, start, end, content, sentence, kind, status,
    cue and its offsets, actor, actor type, affiliation, concept, stance and its label, note,
    annotator, who set each field, created and updated times); ``relations``: one
    ``{"type": "speaker_of", ...}`` per statement with a speaker span or an actor, linking the
    speaker (offsets, mention, actor) to the statement (id, offsets, concept, stance).
    The statement filters are those of ``load_statement_table``; every selected article is
    written, with or without statements.
    """
    wanted = None if article_ids is None else sorted(set(article_ids))
    table = load_statement_table(
        store,
        include_suggested=include_suggested,
        include_rejected=include_rejected,
        article_ids=wanted,
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
        "pipeline_version",
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
