"""Networks over time as files: one GraphML or GEXF graph per time window, in one zip.

``export --format graphml --window 30d --step 7d`` (or ``gexf``) writes a zip holding
``windows.csv`` (one row per window: its file, first and last day, statements, actors, edges,
coalitions and polarisation) and one graph per window, named
``window-001_2025-01-01_2025-01-30.graphml``, in time order. Every actor node carries its
``coalition`` in that window (0 = unaligned) and the graph its window's ``start``, ``end`` and
``polarisation`` (see :mod:`quotegraph.networks.time_windows` and
:mod:`quotegraph.networks.coalitions`). The zip is deterministic: fixed member times, no
creation date.

``export --format gexf --window 30d --step 7d --dynamic`` writes one dynamic GEXF 1.2 instead,
which Gephi's timeline plays: every window's network is shown from the window's first day until
the day before the next window starts (the step; the last window for its whole length), in
closed intervals of whole days, so consecutive windows
never overlap, as Gephi requires of a node's values. Nodes and edges carry spells for the
slices they appear in, and dynamic ``weight`` (edges), ``statements`` and ``coalition`` (nodes)
values per slice.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from quotegraph import networks
from quotegraph.exports import gephi_files, network_exports
from quotegraph.exports.gephi_files import _xml_attribute
from quotegraph.store.db import Store

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class WindowedExport:
    data: bytes
    windows: int
    undated: int  # statements in no window, having no date


def _window_records(
    store: Store,
    include_suggested: bool,
    article_ids: Iterable[int] | None,
    duplicates: networks.DuplicatePeriod,
    statement_filters: Mapping[str, Any],
) -> list[networks.StatementRecord]:
    # Duplicates are counted per period here, so the per-article rule of the filters is off.
    chosen = {
        k: v
        for k, v in statement_filters.items()
        if k not in {"include_suggested", "once_per_article"}
    }
    records = network_exports.records_for_export(
        store,
        include_suggested=include_suggested,
        article_ids=article_ids,
        once_per_article=False,
        **chosen,
    )
    return networks.drop_duplicates(records, per=duplicates)


def windowed_networks_zip(
    store: Store,
    kind: network_exports.NetworkKind,
    *,
    length: dt.timedelta,
    step: dt.timedelta,
    file_format: str = "graphml",
    include_suggested: bool = False,
    article_ids: Iterable[int] | None = None,
    aggregation: str | None = None,
    normalization: str = "none",
    duplicates: networks.DuplicatePeriod = "document",
    statement_filters: Mapping[str, Any] | None = None,
) -> WindowedExport:
    """The zip described in the module doc; ``duplicates`` counts identical statements once per
    document, week, month or year (or ``"none"``); ``statement_filters`` are further
    ``networks.filter_statements`` keywords (articles, dates, concepts, actor types). Raises
    ValueError for a bad option."""
    if file_format not in ("graphml", "gexf"):
        raise ValueError(f"windows are written as graphml or gexf, not {file_format!r}")
    records = _window_records(
        store, include_suggested, article_ids, duplicates, statement_filters or {}
    )
    scale = network_exports.stance_scale(store)
    write = gephi_files.to_graphml if file_format == "graphml" else gephi_files.to_gexf
    windows = networks.time_windows(records, length=length, step=step)
    index = io.StringIO()
    table = csv.writer(index, lineterminator="\n")
    table.writerow(
        ["file", "start", "end", "statements", "actors", "edges", "coalitions", "polarisation"]
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, window in enumerate(windows, start=1):
            chosen = list(window.records)
            network = network_exports.network_of_records(
                chosen, kind, scale=scale, aggregation=aggregation, normalization=normalization
            )
            congruence = networks.actor_network(chosen, scale=scale)
            found = networks.find_coalitions(congruence)
            networks.label_coalitions(network, found)
            score = networks.polarisation(
                networks.actor_network(chosen, aggregation="subtract", scale=scale), found
            )
            network.graph.update(
                start=window.start.isoformat(), end=window.end.isoformat(), polarisation=score
            )
            name = f"window-{number:03d}_{window.start}_{window.end}.{file_format}"
            _add(archive, name, write(network))
            aligned = sum(1 for n, m in found.members.items() if n and len(m) > 1)
            table.writerow(
                [name, window.start, window.end, len(chosen), congruence.number_of_nodes(),
                 network.number_of_edges(), aligned, f"{score:.6f}"]
            )  # fmt: skip
        _add(archive, "windows.csv", index.getvalue().encode("utf-8"))
    undated = sum(1 for r in records if r.published is None)
    return WindowedExport(buffer.getvalue(), len(windows), undated)


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def dynamic_gexf(
    store: Store,
    kind: network_exports.NetworkKind,
    *,
    length: dt.timedelta,
    step: dt.timedelta,
    include_suggested: bool = False,
    article_ids: Iterable[int] | None = None,
    aggregation: str | None = None,
    normalization: str = "none",
    duplicates: networks.DuplicatePeriod = "document",
    statement_filters: Mapping[str, Any] | None = None,
) -> WindowedExport:
    """The windows' networks as one dynamic GEXF (see the module doc and
    ``windowed_networks_zip`` for the options)."""
    records = _window_records(
        store, include_suggested, article_ids, duplicates, statement_filters or {}
    )
    scale = network_exports.stance_scale(store)
    windows = networks.time_windows(records, length=length, step=step)
    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    node_slices: dict[str, list[tuple[str, str, int, int]]] = {}
    edge_slices: dict[tuple[str, str], list[tuple[str, str, float]]] = {}
    for number, window in enumerate(windows):
        chosen = list(window.records)
        last = number == len(windows) - 1
        # closed intervals of whole days: up to the day before the next window starts
        until = window.end if last else windows[number + 1].start - dt.timedelta(days=1)
        start, end = window.start.isoformat(), until.isoformat()
        network = network_exports.network_of_records(
            chosen, kind, scale=scale, aggregation=aggregation, normalization=normalization
        )
        found = networks.find_coalitions(networks.actor_network(chosen, scale=scale))
        for node, data in network.nodes(data=True):
            labels[node] = str(data.get("label", node))
            kinds[node] = str(data.get("kind", ""))
            node_slices.setdefault(node, []).append(
                (start, end, int(data.get("statements", 0)), found.of(node))
            )
        for u, v, weight in network.edges(data="weight", default=0.0):
            edge_slices.setdefault((u, v), []).append((start, end, float(weight)))
    chunks = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n',
        '  <graph mode="dynamic" defaultedgetype="undirected" timeformat="date">\n',
        '    <attributes class="node" mode="static">\n',
        '      <attribute id="kind" title="kind" type="string" />\n',
        "    </attributes>\n",
        '    <attributes class="node" mode="dynamic">\n',
        '      <attribute id="statements" title="statements" type="integer" />\n',
        '      <attribute id="coalition" title="coalition" type="integer" />\n',
        "    </attributes>\n",
        '    <attributes class="edge" mode="dynamic">\n',
        '      <attribute id="weight" title="weight" type="double" />\n',
        "    </attributes>\n",
        "    <nodes>\n",
    ]
    for node, slices in node_slices.items():
        chunks.append(
            f'      <node id="{_xml_attribute(node)}" label="{_xml_attribute(labels[node])}">\n'
            "        <attvalues>\n"
            f'          <attvalue for="kind" value="{_xml_attribute(kinds[node])}" />\n'
        )
        for start, end, count, coalition in slices:
            chunks.append(
                f'          <attvalue for="statements" value="{count}" start="{start}" '
                f'end="{end}" />\n'
            )
            if kinds[node] == "actor":
                chunks.append(
                    f'          <attvalue for="coalition" value="{coalition}" start="{start}" '
                    f'end="{end}" />\n'
                )
        chunks.append("        </attvalues>\n        <spells>\n")
        chunks += [
            f'          <spell start="{start}" end="{end}" />\n' for start, end, _, _ in slices
        ]
        chunks.append("        </spells>\n      </node>\n")
    chunks.append("    </nodes>\n    <edges>\n")
    for number, ((u, v), slices) in enumerate(edge_slices.items()):
        chunks.append(
            f'      <edge id="{number}" source="{_xml_attribute(u)}" '
            f'target="{_xml_attribute(v)}">\n        <attvalues>\n'
        )
        chunks += [
            f'          <attvalue for="weight" value="{weight!r}" start="{start}" end="{end}" />\n'
            for start, end, weight in slices
        ]
        chunks.append("        </attvalues>\n        <spells>\n")
        chunks += [f'          <spell start="{start}" end="{end}" />\n' for start, end, _ in slices]
        chunks.append("        </spells>\n      </edge>\n")
    chunks.append("    </edges>\n  </graph>\n</gexf>\n")
    undated = sum(1 for r in records if r.published is None)
    return WindowedExport("".join(chunks).encode("utf-8"), len(windows), undated)
