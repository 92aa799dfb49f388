"""Networks as GraphML and GEXF files for Gephi, with typed attributes, written directly as text
so the same network always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import networkx as nx
import numpy as np

from quotegraph import networks

# Separator of list attributes (a node's or edge's statement ids) in GraphML and GEXF, which
# have no list type.
LIST_SEPARATOR = ";"


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
