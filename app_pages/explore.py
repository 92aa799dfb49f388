"""Explore: the actor-statement network, stance counts and mixed messages, with the statements
behind every click."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from components.annotator import current_annotator
from components.coalition_list import coalition_list
from components.layer_picker import layer_picker
from components.mixed_messages import mixed_messages
from components.network_chart import MAX_WEIGHT_LABELS, network_chart, network_settings
from components.network_layout import shown_subgraph
from components.network_matrix import is_dense, network_matrix
from components.stance_chart import stance_chart
from components.statement_filters import duplicates_caption, statement_filters
from components.statement_list import CARD_COLUMNS, statement_list
from components.time_charts import (
    WHOLE_PERIOD,
    polarisation_chart,
    stance_over_time_chart,
    window_picker,
    window_settings,
)
from quotegraph import networks
from quotegraph.annotation.coding_suggestions import latest_model
from quotegraph.annotation.stance_scale import list_stance_levels
from quotegraph.annotation.statement_table import (
    RECORD_COLUMNS,
    load_statement_table,
    machine_coded_ids,
    statement_records,
    statement_table_version,
    suggestion_counts,
)
from quotegraph.store.db import Store
from quotegraph.team.layers import awaiting_adjudication_count, readable_layers
from resources import get_store

COUNT_BY = {"Actor": "actor", "Concept": "concept", "Article": "article", "Date": "date"}
TABS = ("Network", "Stance counts", "Mixed messages", "Over time")
# Only what the network, the filters and the statement cards read, and who set the concept and
# stance (machine-coded statements are drawn apart): no sentences.
EXPLORE_COLUMNS = tuple(
    dict.fromkeys(RECORD_COLUMNS + CARD_COLUMNS + ("concept_set_by", "stance_set_by"))
)


def memo(name: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept in this session until ``key`` changes, so a click or an option that
    does not change the data reruns in a fraction of the time a full load takes."""
    slot = st.session_state.get(name)
    if slot is None or slot[0] != key:
        slot = st.session_state[name] = (key, compute())
    return slot[1]


def networks_with_coalitions(
    chosen: list[networks.StatementRecord], settings: Any
) -> tuple[networks.CoalitionAnalysis, Any]:
    """The chosen network of ``chosen`` with every actor node's coalition, and the analysis."""
    analysis = networks.analyse_coalitions(chosen, scale=scale, group_by_affiliation=grouped)
    graph = settings.build(chosen, group_by_affiliation=grouped)
    networks.label_coalitions(graph, analysis.coalitions)
    return analysis, graph


# Shared by every session (read-only) and keyed by the store's data version, so a new visit
# reads the store again only when something changed since the last read.
@st.cache_resource(max_entries=4, show_spinner="Reading the statements…")
def load(
    _store: Store,
    version: tuple[Any, ...],
    include_suggested: bool,
    machine_coding: bool = False,
    model_version: str | None = None,
    layer: str = "project",
) -> tuple[Any, list[networks.StatementRecord], dict[int, str], frozenset[int]]:
    # machine suggestions may outnumber accepted statements many times: read them only when asked
    table = load_statement_table(
        _store,
        include_suggested=include_suggested,
        columns=EXPLORE_COLUMNS,
        machine_coding=machine_coding,
        layer=layer,
    )
    labels = {level.value: level.label for level in list_stance_levels(_store)}
    return table, statement_records(table), labels, machine_coded_ids(table)


st.title("Explore")
store = get_store()
# Streamlit drops a page's widget state when the user leaves it, so a missing widget key means
# the user just came here (maybe after coding in Annotate): the store's data version is checked
# then, and on "Reload", and otherwise kept for this visit.
if (
    "explore_suggested" not in st.session_state
    or "explore_version" not in st.session_state
    or st.session_state.get("explore_reload")
):
    st.session_state["explore_version"] = (statement_table_version(store), dt.datetime.now())
version, checked_at = st.session_state["explore_version"]
with_suggestions = bool(st.session_state.get("explore_suggested", False))
with_machine_coding = bool(st.session_state.get("explore_machine_coding", False))
# The model retrains in the background: its newest version keys the cache too.
model = latest_model(store) if with_machine_coding else None
with st.sidebar:
    # Blind mode is the core's: a coder is offered only the layers they may read.
    layer = layer_picker(
        readable_layers(store, current_annotator()),
        awaiting_adjudication_count(store),
        key="explore_layer",
    )
statements, all_records, stance_labels, machine_ids = load(
    store, version, with_suggestions, with_machine_coding, model.version if model else None, layer
)
scale = tuple(sorted(stance_labels)) or networks.BINARY_SCALE

# ---- filters --------------------------------------------------------------------------------
with st.sidebar:
    st.header("Filters")
    titles = statements.drop_duplicates("article_id").set_index("article_id")["article_title"]
    suggestions = memo(
        "explore_suggestion_counts",
        (version, layer),
        lambda: suggestion_counts(store, layer=layer),
    )
    chosen = statement_filters(statements, key="explore", suggestions=suggestions, titles=titles)
    st.button(
        "Reload data",
        key="explore_reload",
        icon=":material/refresh:",
        help="Read the statements again, with changes made since "
        f"{checked_at:%H:%M:%S} in other tabs or by other people.",
    )

filters, grouped = chosen.network_filters, chosen.grouped
include_suggested = chosen.include_suggested
view = (version, tuple(filters.items()), grouped, model.version if model else None, layer)
records = memo("explore_records", view, lambda: networks.filter_statements(all_records, **filters))
if filters["once_per_article"]:
    every = memo(
        "explore_all_records",
        view,
        lambda: networks.filter_statements(all_records, **{**filters, "once_per_article": False}),
    )
    duplicates_caption(chosen.duplicates_note, every=len(every), kept=len(records))

if not records:
    counted = {"accepted", "suggested"} if include_suggested else {"accepted"}
    in_store = int(statements["status"].isin(counted).sum())
    if in_store == 0 and not include_suggested:
        st.info(
            "**No accepted statements yet.** Accept the machine's suggestions in Annotate (or add "
            "statements there)"
            + (
                ", or turn on **Include suggestions** in the sidebar to explore the "
                f"{suggestions.complete} coded ones as they are."
                if suggestions.complete
                else "."
            ),
            icon=":material/info:",
        )
    elif in_store == 0:
        st.info(
            "**No statements yet.** Add articles in Library and open them in Annotate.",
            icon=":material/info:",
        )
    elif not any(record.status in counted for record in all_records):
        st.info(
            f"**No statement is coded yet** ({in_store} found). A statement counts here once it "
            "has an actor, a concept and a stance: give them those in Annotate.",
            icon=":material/info:",
        )
    else:
        st.info("No statements match these filters. Widen them in the sidebar.")
    st.stop()

machine_shown = frozenset(r.statement_id for r in records) & machine_ids
st.caption(
    f"{len(records)} statements by {len({r.actor for r in records})} actors on "
    f"{len({r.concept for r in records})} concepts in {len({r.article_id for r in records})} "
    "articles"
    + (
        f"; {len(machine_shown)} of them machine-coded (dashed edges, hatched bars)."
        if machine_shown
        else "."
    )
)
# Tabs that run only when open: a first visit computes and draws the network alone.
network_tab, stance_tab, mixed_tab, time_tab = st.tabs(TABS, key="explore_tab", on_change="rerun")

# ---- network ------------------------------------------------------------------------------
if network_tab.open:
    with network_tab:
        settings = network_settings(scale=scale, key="explore")
        graph = memo(
            "explore_graph",
            (view, settings.network, settings.options),
            lambda: settings.build(records, group_by_affiliation=grouped),
        )
        max_nodes = settings.max_nodes
        shown = shown_subgraph(graph, max_nodes=max_nodes, max_edges=4 * max_nodes)
        if graph.number_of_nodes() == 0:
            st.caption("Nothing to draw: no statement takes the chosen stance.")
        elif graph.number_of_edges() == 0:
            st.caption("No ties under these settings: no two actors meet on a concept this way.")
        if shown.number_of_nodes() < graph.number_of_nodes():
            st.caption(
                f"Drawing the {shown.number_of_nodes()} busiest of {graph.number_of_nodes()} nodes "
                f"and {shown.number_of_edges()} of {graph.number_of_edges()} edges."
            )
        matrix = False
        if graph.graph.get("network") == "actor_actor" and shown.number_of_edges():
            dense = is_dense(shown)
            matrix = (
                st.segmented_control(
                    "Draw as",
                    ["Graph", "Matrix"],
                    default="Matrix" if dense else "Graph",
                    key="explore_draw_as",
                    help="A matrix reads better than a drawing when most actors are tied.",
                )
                == "Matrix"
            )
            if dense and not matrix:
                st.caption("Most of these actors are tied: the **Matrix** view reads better.")
        if matrix:
            pick = network_matrix(shown, key="explore_network_matrix")
        else:
            pick = network_chart(shown, key="explore_network_chart", machine_ids=machine_shown)
        if graph.graph.get("network") == "actor_actor" and shown.number_of_edges():
            st.caption(
                "Green: congruence (the two actors take the same side on their concepts); red: "
                "conflict; orange: both, neither two thirds of the tie. "
                + (
                    "A darker square is a heavier tie."
                    if matrix
                    else "A thicker line is a heavier tie"
                    + (
                        "; its weight is written by its dot."
                        if shown.number_of_edges() <= MAX_WEIGHT_LABELS
                        else " (hover its dot for the weight)."
                    )
                )
            )
        if pick is None:
            st.caption(
                "Click a square to list the statements behind the tie."
                if matrix
                else "Click a node or the dot on an edge to list its statements."
            )
        else:
            statement_list(
                statements,
                pick.statement_ids,
                title=f"Statements behind {pick.label}",
                key="explore_network_list",
            )

# ---- stance counts --------------------------------------------------------------------------
if stance_tab.open:
    with stance_tab:
        by = COUNT_BY[
            st.radio(
                "Count by",
                list(COUNT_BY),
                horizontal=True,
                key="explore_count_by",
                persist_state="page",
            )
        ]
        counts = memo(
            "explore_counts",
            (view, by),
            lambda: networks.stance_counts(records, by, group_by_affiliation=grouped),
        )
        # said above the chart: with 30 bars, the list a click opens starts below the fold
        st.caption("Click a bar to list its statements under the chart.")
        bar = stance_chart(
            counts,
            by=by,
            stance_labels=stance_labels,
            scale=scale,
            key=f"explore_stance_{by}",
            key_labels={i: f"#{i} {t}" for i, t in titles.items()} if by == "article" else None,
            max_bars=60 if by == "date" else 30,
            machine_ids=machine_shown,
        )
        if bar is not None:
            statement_list(
                statements,
                bar.statement_ids,
                title=f"{stance_labels.get(bar.stance, bar.stance)}: {bar.bar}",
                key="explore_stance_list",
            )

# ---- mixed messages -------------------------------------------------------------------------
if mixed_tab.open:
    with mixed_tab:
        mixed_messages(
            memo(
                "explore_mixed_messages",
                view,
                lambda: networks.mixed_messages(records, group_by_affiliation=grouped),
            ),
            statements,
            grouped=grouped,
            key="explore_mixed",
        )

# ---- over time: windows, coalitions, polarisation, stances per period -------------------------
if time_tab.open:
    with time_tab:
        window = window_settings(key="explore_time")
        time_view = (version, tuple(filters.items()), grouped, window, scale, layer)
        length, step = dt.timedelta(days=window.length_days), dt.timedelta(days=window.step_days)
        timed = memo(
            "explore_time_records",
            time_view,
            lambda: networks.drop_duplicates(
                networks.filter_statements(all_records, **{**filters, "once_per_article": False}),
                per=window.duplicates,
            ),
        )
        windows = memo(
            "explore_windows",
            time_view,
            lambda: networks.time_windows(timed, length=length, step=step),
        )
        if not windows:
            st.info("No statement has a date: give the articles dates to see them over time.")
        else:
            with st.spinner(f"Finding the coalitions in {len(windows)} windows…"):
                over_time = memo(
                    "explore_polarisation",
                    time_view,
                    lambda: networks.coalitions_over_time(
                        timed, length=length, step=step, scale=scale, group_by_affiliation=grouped
                    ),
                )
            chosen = window_picker([w.label for w in windows], key="explore_time_window")
            polarisation_chart(
                over_time,
                selected=None if chosen == WHOLE_PERIOD else chosen,
                key="explore_time_pol",
            )
            in_view = timed if chosen == WHOLE_PERIOD else list(windows[chosen].records)
            time_settings = network_settings(scale=scale, key="explore_time")
            analysis, time_graph = memo(
                "explore_time_graph",
                (time_view, chosen, time_settings.network, time_settings.options),
                lambda: networks_with_coalitions(in_view, time_settings),
            )
            st.caption(f"{len(in_view)} statements in this window; actors coloured by coalition.")
            shown = shown_subgraph(
                time_graph, max_nodes=time_settings.max_nodes, max_edges=4 * time_settings.max_nodes
            )
            time_pick = network_chart(shown, key="explore_time_chart")
            if time_pick is not None:
                statement_list(
                    statements,
                    time_pick.statement_ids,
                    title=f"Statements behind {time_pick.label}",
                    key="explore_time_list",
                )
            coalition_list(
                analysis.coalitions.members,
                {node: str(data["label"]) for node, data in analysis.congruence.nodes(data=True)},
                analysis.divisive,
                polarisation=analysis.polarisation,
                key="explore_time",
            )
            st.subheader("Stances over time")
            by_column, period_column = st.columns(2)
            time_by = by_column.radio(
                "Per", ["actor", "concept"], horizontal=True, key="explore_time_by"
            )
            period = period_column.radio(
                "Period", ["week", "month", "year"], index=1, horizontal=True, key="explore_period"
            )
            stance_over_time_chart(
                memo(
                    "explore_stance_time",
                    (time_view, time_by, period),
                    lambda: networks.stance_over_time(
                        timed, by=time_by, period=period, group_by_affiliation=grouped
                    ),
                ),
                stance_labels=stance_labels,
                period=period,
                key="explore_stance_time",
            )
