"""Which network an export writes: the store's statements the Export page and command count, as
records, and the network of the chosen kind built from them on the store's stance scale.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from quotegraph import networks
from quotegraph.annotation.statement_table import (
    RECORD_COLUMNS,
    load_statement_table,
    statement_records,
)
from quotegraph.exports.network_kinds import NETWORK_KINDS, NetworkKind
from quotegraph.store.db import Store
from quotegraph.store.models import StanceLevel


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
    layer: str = "project",
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
    Explore sets them. ``layer`` is "project" (the adjudicated or single-coded result) or a
    coder's name. Raises ValueError for an unknown kind or option.
    """
    records = records_for_export(
        store,
        include_suggested=include_suggested,
        article_ids=article_ids,
        machine_coding=machine_coding,
        layer=layer,
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
    layer: str = "project",
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
        layer=layer,
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
