"""Files other tools open: CSV for spreadsheets and pandas, GraphML and GEXF for Gephi, JSONL spans.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) get a leading single quote, as OWASP advises against CSV injection.
``to_csv`` writes plain UTF-8 by default, which pandas, R and Python read as is; ``excel=True``
puts a byte order mark in front, the only way to make Excel read UTF-8 by double-click.

Every export is deterministic: the same store gives the same bytes, whatever the backend.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.saxutils import escape as xml_escape

import networkx as nx
import numpy as np
import pandas as pd
from sqlalchemy import select

from quotegraph import networks
from quotegraph.annotation import codebook_actors
from quotegraph.annotation.statement_table import (
    PROVENANCE_FIELDS,
    RECORD_COLUMNS,
    load_statement_table,
    statement_records,
)
from quotegraph.store.db import Store
from quotegraph.store.models import Article, Entity, StanceLevel

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXCEL_BOM = "\ufeff"
# Separator of list attributes (a node's or edge's statement ids) in GraphML and GEXF, which
# have no list type.
LIST_SEPARATOR = ";"
# Separator of an actor's aliases in the actor table (names may hold commas and semicolons).
ALIAS_SEPARATOR = " | "
ACTOR_TABLE_COLUMNS = (
    "actor_id",
    "name",
    "type",
    "aliases",
    "statements",
    "affiliation",
    "unresolved",
    "could_be",
)

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


def articles_csv(store: Store, article_ids: Iterable[int], *, excel: bool = False) -> str:
    """The accepted statements of these articles as CSV, every column (the Library's export
    of a selection)."""
    table = load_statement_table(store, include_suggested=False, article_ids=article_ids)
    return to_csv(table, excel=excel)


def actor_table(store: Store) -> pd.DataFrame:
    """One row per actor (not those merged into another), by name, for ``to_csv``.

    ``aliases`` and ``could_be`` are " | "-separated; ``statements`` counts every statement
    the actor is given, as the Codebook does; ``unresolved`` marks a lone surname several known
    people share, and ``could_be`` names them.
    """
    actors = codebook_actors.list_actors(store)
    return pd.DataFrame(
        {
            "actor_id": pd.array([a.id for a in actors], dtype="int64"),
            "name": [a.name for a in actors],
            "type": [a.type for a in actors],
            "aliases": [ALIAS_SEPARATOR.join(a.aliases) for a in actors],
            "statements": pd.array([a.statement_count for a in actors], dtype="int64"),
            "affiliation": [a.affiliation_name or "" for a in actors],
            "unresolved": pd.array([a.unresolved for a in actors], dtype="bool"),
            "could_be": [ALIAS_SEPARATOR.join(a.could_be) for a in actors],
        },
        columns=list(ACTOR_TABLE_COLUMNS),
    )


# --------------------------------------------------------------------------------------------
# GraphML and GEXF
# --------------------------------------------------------------------------------------------


def _gephi_value(value: Any) -> Any:
    """A value GraphML and GEXF can type: str, int, float or bool; None when it has no value."""
    kind = type(value)
    # the common plain types first: this runs for every attribute of every edge
    if kind is str or kind is int or kind is bool:
        return value
    if kind is float:
        return None if math.isnan(value) else value
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


def _attributes(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for key, value in data.items():
        converted = _gephi_value(value)
        if converted is not None:
            cleaned[str(key)] = converted
    return cleaned


@dataclass(frozen=True)
class GephiElements:
    """A network's attributes, nodes and edges, each with values both Gephi formats can hold.

    Lists are ``;``-separated strings, numpy scalars plain numbers, missing values left out;
    every node has a ``label`` (its id, unless it has one) and every edge a ``stance``: its own
    value on an actor x statement edge; on an actor x concept edge its ``agreement`` (agree,
    disagree, both or neutral); on an actor x actor tie ``congruence`` or ``conflict``, by the
    sign of its weight.
    """

    graph: dict[str, Any]
    nodes: list[tuple[str, dict[str, Any]]]
    edges: list[tuple[str, str, dict[str, Any]]]


def gephi_elements(graph: networks.Network | nx.Graph) -> GephiElements:
    """``graph`` (a :class:`quotegraph.networks.Network` or a networkx graph) ready to write."""
    network = graph.graph.get("network")
    nodes = []
    for node, data in graph.nodes(data=True):
        attributes = _attributes(data)
        attributes.setdefault("label", str(node))
        nodes.append((str(node), attributes))
    edges = []
    for source, target, data in graph.edges(data=True):
        attributes = _attributes(data)
        if "stance" not in attributes:
            stance = _edge_stance(network, attributes)
            if stance is not None:
                attributes["stance"] = stance
        edges.append((str(source), str(target), attributes))
    return GephiElements(_attributes(graph.graph), nodes, edges)


def _edge_stance(network: object, attributes: dict[str, Any]) -> str | None:
    if network == "actor_actor" and "sign" in attributes:
        return "congruence" if attributes["sign"] > 0 else "conflict"
    agreement = attributes.get("agreement")
    return None if agreement is None else str(agreement)


# Characters XML 1.0 cannot hold at all, even as a character reference: C0 controls other than
# tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF. They become U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# In an attribute a parser turns a literal tab or line break into a space, and in text a
# carriage return into a newline; as character references they survive.
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
_TEXT_ENTITIES = {"\r": "&#13;"}


# Anything in a value that has to be escaped or replaced; most values hold none of it.
_NEEDS_ESCAPING = re.compile('[&<>"\t\n\r]|' + _NOT_XML.pattern)


def _xml_attribute(value: str) -> str:
    """``value`` escaped for a double-quoted XML attribute."""
    if _NEEDS_ESCAPING.search(value) is None:
        return value
    return xml_escape(_NOT_XML.sub("\ufffd", value), _ATTRIBUTE_ENTITIES)


def _xml_text(value: str) -> str:
    """``value`` escaped for XML character data."""
    if _NEEDS_ESCAPING.search(value) is None:
        return value
    return xml_escape(_NOT_XML.sub("\ufffd", value), _TEXT_ENTITIES)


# GraphML and GEXF spell the four types alike; "long" and "double" are 64-bit, as Python's are
_DECLARED_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}


def _declared_types(items: Iterable[dict[str, Any]]) -> dict[str, type]:
    """Each attribute's type over all elements, in order of first appearance: booleans stay
    boolean, whole numbers long; a mix of whole and fractional numbers is double, so no value
    is truncated; any other mix is text."""
    found: dict[str, type] = {}
    for data in items:
        for key, value in data.items():
            kind = type(value)
            known = found.get(key)
            if known is None:
                found[key] = kind
            elif known is not kind:
                numbers = {known, kind} <= {int, float}
                found[key] = float if numbers else str
    return found


def _value_writer(kind: type, escape: Callable[[str], str]) -> Callable[[Any], str]:
    """How a value is written as its declared ``kind``: numbers as numbers (nothing in them to
    escape), booleans as ``true``/``false``, text through ``escape``."""
    if kind is bool:
        return lambda value: "true" if value else "false"
    if kind is float:
        return lambda value: repr(float(value))
    if kind is int:
        return str
    return lambda value: escape(str(value))


def _graphml_chunks(elements: GephiElements) -> Iterator[str]:
    node_types = _declared_types(data for _, data in elements.nodes)
    edge_types = _declared_types(data for _, _, data in elements.edges)
    graph_types = _declared_types([elements.graph])
    yield (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    # per scope: attribute name -> (key id, how its values are written)
    keys: dict[str, dict[str, tuple[str, Callable[[Any], str]]]] = {}
    numbers = itertools.count()
    for scope, types in (("graph", graph_types), ("node", node_types), ("edge", edge_types)):
        keys[scope] = {}
        for name, kind in types.items():
            key = f"d{next(numbers)}"
            keys[scope][name] = (key, _value_writer(kind, _xml_text))
            yield (
                f'  <key id="{key}" for="{scope}" attr.name="{_xml_attribute(name)}" '
                f'attr.type="{_DECLARED_TYPE[kind]}" />\n'
            )
    yield '  <graph edgedefault="undirected">\n'
    for name, value in elements.graph.items():
        key, write = keys["graph"][name]
        yield f'    <data key="{key}">{write(value)}</data>\n'

    def data_lines(data: dict[str, Any], scope_keys: dict[str, tuple[str, Any]]) -> str:
        lines = []
        for name, value in data.items():
            key, write = scope_keys[name]
            lines.append(f'      <data key="{key}">{write(value)}</data>\n')
        return "".join(lines)

    escaped_ids = {node: _xml_attribute(node) for node, _ in elements.nodes}
    for node, data in elements.nodes:
        yield f'    <node id="{escaped_ids[node]}">\n'
        yield data_lines(data, keys["node"])
        yield "    </node>\n"
    for source, target, data in elements.edges:
        source_id = escaped_ids.get(source) or _xml_attribute(source)
        target_id = escaped_ids.get(target) or _xml_attribute(target)
        yield f'    <edge source="{source_id}" target="{target_id}">\n'
        yield data_lines(data, keys["edge"])
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def to_graphml(graph: networks.Network | nx.Graph) -> bytes:
    """``graph`` as GraphML (UTF-8) with every attribute's type declared in a ``<key>``.

    Written directly as text rather than through networkx's writer, which builds an element
    tree of the whole file first (11-20 s for a network of 110,000 edges). Every id and value
    is escaped; characters XML 1.0 cannot hold (most control characters) become U+FFFD.
    """
    return "".join(_graphml_chunks(gephi_elements(graph))).encode("utf-8")


def _gexf_chunks(elements: GephiElements) -> Iterator[str]:
    # GEXF keeps a node's label and an edge's weight in the element itself
    node_types = _declared_types(
        {k: v for k, v in data.items() if k != "label"} for _, data in elements.nodes
    )
    edge_types = _declared_types(
        {k: v for k, v in data.items() if k != "weight"} for _, _, data in elements.edges
    )
    description = ", ".join(f"{name} {value}" for name, value in elements.graph.items())
    yield (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<gexf xmlns="http://www.gexf.net/1.2draft" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft '
        'http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
        "  <meta>\n    <creator>quotegraph</creator>\n"
        f"    <description>{_xml_text(description)}</description>\n  </meta>\n"
        '  <graph defaultedgetype="undirected" mode="static" name="">\n'
    )
    # per scope: attribute name -> (attribute id, how its values are written)
    ids: dict[str, dict[str, tuple[str, Callable[[Any], str]]]] = {}
    numbers = itertools.count()
    for scope, types in (("node", node_types), ("edge", edge_types)):
        ids[scope] = {}
        if not types:
            continue
        yield f'    <attributes mode="static" class="{scope}">\n'
        for name, kind in types.items():
            number = str(next(numbers))
            ids[scope][name] = (number, _value_writer(kind, _xml_attribute))
            yield (
                f'      <attribute id="{number}" title="{_xml_attribute(name)}" '
                f'type="{_DECLARED_TYPE[kind]}" />\n'
            )
        yield "    </attributes>\n"

    def attvalues(data: dict[str, Any], scope_ids: dict[str, tuple[str, Any]]) -> str:
        lines = []
        for name, value in data.items():
            if name in scope_ids:  # not the label or weight, kept in the element itself
                number, write = scope_ids[name]
                lines.append(f'          <attvalue for="{number}" value="{write(value)}" />\n')
        return f"        <attvalues>\n{''.join(lines)}        </attvalues>\n" if lines else ""

    escaped_ids = {node: _xml_attribute(node) for node, _ in elements.nodes}
    yield "    <nodes>\n"
    for node, data in elements.nodes:
        label = _xml_attribute(str(data["label"]))
        yield f'      <node id="{escaped_ids[node]}" label="{label}">\n'
        yield attvalues(data, ids["node"])
        yield "      </node>\n"
    yield "    </nodes>\n    <edges>\n"
    for number, (source, target, data) in enumerate(elements.edges):
        source_id = escaped_ids.get(source) or _xml_attribute(source)
        target_id = escaped_ids.get(target) or _xml_attribute(target)
        weight = f' weight="{float(data["weight"])!r}"' if "weight" in data else ""
        yield f'      <edge source="{source_id}" target="{target_id}" id="{number}"{weight}>\n'
        yield attvalues(data, ids["edge"])
        yield "      </edge>\n"
    yield "    </edges>\n  </graph>\n</gexf>\n"


def to_gexf(graph: networks.Network | nx.Graph) -> bytes:
    """``graph`` as GEXF 1.2 (UTF-8), Gephi's own format, with typed attributes.

    Written directly as text, like :func:`to_graphml`, and with no modification date, so the
    same network always gives the same bytes.
    """
    return "".join(_gexf_chunks(gephi_elements(graph))).encode("utf-8")


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
    coalitions: bool = False,
    machine_coding: bool = False,
    **filters: Any,
) -> networks.Network:
    """The network of the store's coded statements, as the Export page and command write it.

    ``kind`` is ``"actor-concept"`` (``aggregation`` ignore / subtract / combine, default
    ignore), ``"actor-actor"`` (congruence / conflict / subtract / ignore, default congruence)
    or ``"actor-statement"``. Accepted statements only unless ``include_suggested``; duplicates
    count once per article; with ``machine_coding`` statements not yet coded take the model's
    suggested concept and stance. ``coalitions`` gives every actor node a ``coalition``
    attribute (see :mod:`quotegraph.networks.coalitions`). ``filters`` are further keywords of
    ``networks.filter_statements`` (dates, concepts, actor types, ``once_per_article``), as
    Explore sets them. Raises ValueError for an unknown kind or option.
    """
    records = records_for_export(
        store,
        include_suggested=include_suggested,
        article_ids=article_ids,
        machine_coding=machine_coding,
        **filters,
    )
    return network_of_records(
        records,
        kind,
        scale=stance_scale(store),
        aggregation=aggregation,
        normalization=normalization,
        group_by_affiliation=group_by_affiliation,
        coalitions=coalitions,
    )


def records_for_export(
    store: Store,
    *,
    include_suggested: bool = False,
    article_ids: Iterable[int] | None = None,
    once_per_article: bool = True,
    machine_coding: bool = False,
    **filters: Any,
) -> list[networks.StatementRecord]:
    """The statements a network export counts (accepted, or with suggestions), as records;
    ``machine_coding`` fills uncoded statements from the model's suggestions; ``filters`` are
    further keywords of ``networks.filter_statements``."""
    # Only what the records need: texts, sentences and provenance are not read at all.
    table = load_statement_table(
        store,
        include_suggested=include_suggested,
        article_ids=article_ids,
        columns=RECORD_COLUMNS,
        machine_coding=machine_coding,
    )
    return networks.filter_statements(
        statement_records(table),
        include_suggested=include_suggested,
        once_per_article=once_per_article,
        **filters,
    )


def network_of_records(
    records: list[networks.StatementRecord],
    kind: NetworkKind = "actor-concept",
    *,
    scale: tuple[int, ...] = networks.BINARY_SCALE,
    aggregation: str | None = None,
    normalization: str = "none",
    group_by_affiliation: bool = False,
    coalitions: bool = False,
) -> networks.Network:
    """One network of ``records`` (see :func:`network_for_export` for the options)."""
    if kind not in NETWORK_KINDS:
        raise ValueError(f"unknown network {kind!r}; choose one of {', '.join(NETWORK_KINDS)}")
    if kind == "actor-concept":
        network = networks.actor_concept_network(
            records,
            aggregation=aggregation or "ignore",  # type: ignore[arg-type]
            normalization=normalization,  # type: ignore[arg-type]
            scale=scale,
            group_by_affiliation=group_by_affiliation,
        )
    elif kind == "actor-actor":
        network = networks.actor_network(
            records,
            aggregation=aggregation or "congruence",  # type: ignore[arg-type]
            normalization=normalization,  # type: ignore[arg-type]
            scale=scale,
            group_by_affiliation=group_by_affiliation,
        )
    else:
        network = networks.actor_statement_network(
            records, group_by_affiliation=group_by_affiliation
        )
    if coalitions:
        congruence = networks.actor_network(
            records, scale=scale, group_by_affiliation=group_by_affiliation
        )
        networks.label_coalitions(network, networks.find_coalitions(congruence))
    return network


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
) -> str:
    """One JSON line per article (in id order) with its text, entities, statements and the
    speaker-to-statement relations.

    Offsets are code-point indices into ``text``. Each line holds: ``article_id``, ``title``,
    ``source``, ``url``, ``published``, ``origin``, ``sha256``, ``text``; ``entities`` (id,
    start, end, label, text); ``statements`` (id, start, end, content, sentence, kind, status,
    cue and its offsets, actor, actor type, affiliation, concept, stance and its label, note,
    annotator, who set each field, the model version that suggested the concept and stance,
    created and updated times); ``relations``: one
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
        machine_coding=machine_coding,
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
