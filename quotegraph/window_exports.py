"""Networks over time as files: one GraphML or GEXF graph per time window, in one zip.

``export --format graphml --window 30d --step 7d`` (or ``gexf``) writes a zip holding
``windows.csv`` (one row per window: its file, first and last day, statements, actors, edges,
coalitions and polarisation) and one graph per window, named
``window-001_2025-01-01_2025-01-30.graphml``, in time order. Every actor node carries its
``coalition`` in that window (0 = unaligned) and the graph its window's ``start``, ``end`` and
``polarisation`` (see :mod:`quotegraph.networks.time_windows` and
:mod:`quotegraph.networks.coalitions`). The zip is deterministic: fixed member times, no
creation date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from quotegraph import exports, networks
from quotegraph.db import Store

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class WindowedExport:
    data: bytes
    windows: int
    undated: int  # statements in no window, having no date


def windowed_networks_zip(
    store: Store,
    kind: exports.NetworkKind,
    *,
    length: dt.timedelta,
    step: dt.timedelta,
    file_format: str = "graphml",
    include_suggested: bool = False,
    article_ids: Iterable[int] | None = None,
    aggregation: str | None = None,
    normalization: str = "none",
    duplicates: networks.DuplicatePeriod = "document",
) -> WindowedExport:
    """The zip described in the module doc; ``duplicates`` counts identical statements once per
    document, week, month or year (or ``"none"``). Raises ValueError for a bad option."""
    if file_format not in ("graphml", "gexf"):
        raise ValueError(f"windows are written as graphml or gexf, not {file_format!r}")
    records = exports.records_for_export(
        store, include_suggested=include_suggested, article_ids=article_ids, once_per_article=False
    )
    records = networks.drop_duplicates(records, per=duplicates)
    scale = exports.stance_scale(store)
    write = exports.to_graphml if file_format == "graphml" else exports.to_gexf
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
            network = exports.network_of_records(
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
