"""Export: statements as CSV or JSONL, networks for Gephi, and the whole store as a backup."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import partial
from typing import Any, get_args

import networkx as nx
import pandas as pd
import streamlit as st

from components.annotator import current_annotator
from components.layer_picker import layer_picker
from components.plain_text import escape_markdown
from components.statement_filters import duplicates_caption, statement_filters
from components.time_charts import WindowSettings, window_settings
from quotegraph import networks
from quotegraph.annotation.statement_table import (
    RECORD_COLUMNS,
    filter_statement_table,
    load_statement_table,
    statement_records,
    suggestion_counts,
)
from quotegraph.exports.backup import (
    BackupError,
    backup_bytes,
    inspect_backup,
    restore_backup,
    store_work,
)
from quotegraph.exports.dna_export import DEFAULT_PASSWORD, dna_bytes
from quotegraph.exports.formats import to_csv, to_jsonl
from quotegraph.exports.gephi_files import to_gexf, to_graphml
from quotegraph.exports.network_exports import network_for_export
from quotegraph.exports.tables import actor_table
from quotegraph.exports.windows import windowed_networks_zip
from quotegraph.store.articles import ArticleSummary, list_articles
from quotegraph.store.db import Store
from quotegraph.team.layers import awaiting_adjudication_count, readable_layers
from resources import get_store

# label -> (include suggestions, include rejected)
SCOPES = {
    "Accepted only": (False, False),
    "With suggestions": (True, False),
    "All, with rejected": (True, True),
}
NETWORKS = {
    "Actor × concept": "actor-concept",
    "Actor × actor": "actor-actor",
    "Actor × statement": "actor-statement",
}
AGGREGATIONS = {
    "actor-concept": get_args(networks.TwoModeAggregation),
    "actor-actor": get_args(networks.OneModeAggregation),
    "actor-statement": (),
}
NORMALIZATIONS = {
    "actor-concept": get_args(networks.TwoModeNormalization),
    "actor-actor": get_args(networks.OneModeNormalization),
    "actor-statement": (),
}
RESTORED_KEY = "export.restored_file"


def csv_file(store: Store, *, excel: bool, filters: dict[str, Any], **scope: bool) -> str:
    table = load_statement_table(store, **scope)
    return to_csv(filter_statement_table(table, **filters), excel=excel)


def actors_file(store: Store, *, excel: bool) -> str:
    return to_csv(actor_table(store), excel=excel)


def network_file(store: Store, writer: Callable[[nx.Graph], bytes], **options: object) -> bytes:
    return writer(network_for_export(store, **options))  # type: ignore[arg-type]


def windowed_file(store: Store, *, window: WindowSettings, kind: str, **options: object) -> bytes:
    return windowed_networks_zip(
        store,
        kind,  # type: ignore[arg-type]
        length=dt.timedelta(days=window.length_days),
        step=dt.timedelta(days=window.step_days),
        duplicates=window.duplicates,  # type: ignore[arg-type]
        **options,  # type: ignore[arg-type]
    ).data


def filtered_article_ids(
    articles: list[ArticleSummary], filters: dict[str, Any]
) -> tuple[int, ...] | None:
    """The articles the article and date filters keep (None: all of them)."""
    if filters["articles"] is None and filters["date_from"] is None and filters["date_to"] is None:
        return None
    wanted = set(filters["articles"] or (a.id for a in articles))
    low, high = filters["date_from"], filters["date_to"]
    return tuple(
        a.id
        for a in articles
        if a.id in wanted
        and (low is None or (a.published is not None and a.published >= low))
        and (high is None or (a.published is not None and a.published <= high))
    )


st.title("Export")
store = get_store()
articles = list_articles(store)
titles = pd.Series({article.id: article.title for article in articles}, dtype=object)

# The filters of the Explore page, in the same place, with the same meaning.
with st.sidebar:
    st.header("Filters")
    layer = layer_picker(
        readable_layers(store, current_annotator()),
        awaiting_adjudication_count(store),
        key="export.layer",
    )
    chosen = statement_filters(
        load_statement_table(
            store,
            include_rejected=True,
            columns=("article_id", "article_date", "concept", "actor_type"),
            layer=layer,
        ),
        key="export",
        suggestions=suggestion_counts(store, layer=layer),
        titles=titles,
    )
filters = chosen.network_filters
article_ids = filtered_article_ids(articles, filters)
if filters["once_per_article"]:
    records = statement_records(
        load_statement_table(
            store, include_suggested=chosen.include_suggested, columns=RECORD_COLUMNS, layer=layer
        )
    )
    duplicates_caption(
        chosen.duplicates_note,
        every=len(networks.filter_statements(records, **{**filters, "once_per_article": False})),
        kept=len(networks.filter_statements(records, **filters)),
    )

# Downloads are generated when clicked (a callable as data), so the page stays fast on a big
# store and never builds files nobody asked for.
st.subheader("Statements and networks")
annotations, network_column = st.columns(2)
with annotations:
    st.markdown("**Annotations**")
    # Reviewed statements by default: unreviewed machine suggestions are asked for, not given.
    scope = st.radio("Statements", list(SCOPES), index=0, horizontal=True, key="export.scope")
    include_suggested, include_rejected = SCOPES[scope]
    table_scope = {
        "include_suggested": include_suggested,
        "include_rejected": include_rejected,
        "machine_coding": chosen.machine_coding,
        "layer": layer,
    }
    excel = st.checkbox(
        "For Excel (UTF-8 with byte order mark)",
        value=True,
        key="export.excel",
        help="Excel reads UTF-8 correctly only with this mark; pandas and R read either.",
    )
    st.download_button(
        "CSV: one row per statement",
        data=partial(csv_file, store, excel=excel, filters=filters, **table_scope),
        file_name="quotegraph-statements.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/table:",
        key="export.csv",
    )
    st.download_button(
        "JSONL: articles with spans and speakers",
        data=partial(to_jsonl, store, article_ids=article_ids, **table_scope),
        file_name="quotegraph-articles.jsonl",
        mime="application/jsonl",
        on_click="ignore",
        icon=":material/data_object:",
        key="export.jsonl",
    )
    st.download_button(
        "CSV: the actor table",
        data=partial(actors_file, store, excel=excel),
        file_name="quotegraph-actors.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/groups:",
        key="export.actors",
        help="Every actor with its type, aliases and number of statements (all articles); "
        "lone surnames several people share are marked unresolved.",
    )
    st.caption(
        "The CSV follows every filter in the sidebar; the JSONL holds whole articles, so it "
        "follows the article and date filters. Cells a spreadsheet would run as a formula start "
        "with an apostrophe (')."
    )

with network_column:
    st.markdown("**Network for Gephi**")
    kind = NETWORKS[st.selectbox("Network", list(NETWORKS), key="export.network")]
    aggregation = (
        st.selectbox("Aggregation", AGGREGATIONS[kind], key=f"export.aggregation.{kind}")
        if AGGREGATIONS[kind]
        else None
    )
    normalization = (
        st.selectbox(
            "Normalisation",
            NORMALIZATIONS[kind],
            key=f"export.normalization.{kind}",
            disabled=aggregation == "combine",
            help="Actor × concept: divide by the actor's (activity) or the concept's "
            "(prominence) statements; not with combine, whose values are categories. "
            "Actor × actor: divide each tie by the two actors' average activity, or by Jaccard "
            "or cosine.",
        )
        if NORMALIZATIONS[kind]
        else "none"
    )
    if aggregation == "combine":
        normalization = "none"  # the networks refuse to normalise combine's category codes
    network_options = {
        "kind": kind,
        "aggregation": aggregation,
        "normalization": normalization,
        "group_by_affiliation": chosen.grouped,
        "machine_coding": chosen.machine_coding,
        "layer": layer,
        **filters,
    }
    for label, writer, extension, mime in (
        ("GraphML", to_graphml, "graphml", "application/graphml+xml"),
        ("GEXF", to_gexf, "gexf", "application/gexf+xml"),
    ):
        st.download_button(
            label,
            data=partial(network_file, store, writer, **network_options),
            file_name=f"quotegraph-{kind}.{extension}",
            mime=mime,
            on_click="ignore",
            icon=":material/hub:",
            key=f"export.{extension}",
        )
    st.caption(
        "The network counts what Explore draws under the same filters (suggestions only when "
        "included in the sidebar); rejected statements never count."
    )

# ---- Discourse Network Analyzer project and networks over time ----------------------------
st.divider()
dna_column, windows_column = st.columns(2)
with dna_column:
    st.markdown("**Discourse Network Analyzer (DNA 3) project**")
    dna_password = st.text_input(
        "Coder password in the file",
        value=DEFAULT_PASSWORD,
        key="export.dna_password",
        help="DNA asks for a coder's password when it opens the file; every coder gets this one.",
    )
    st.download_button(
        "DNA project (.dna)",
        data=partial(
            dna_bytes,
            store,
            include_suggested=chosen.include_suggested,
            article_ids=article_ids,
            password=dna_password or DEFAULT_PASSWORD,
        ),
        file_name="quotegraph.dna",
        mime="application/vnd.sqlite3",
        on_click="ignore",
        icon=":material/hub:",
        key="export.dna",
    )
    st.caption(
        "Every article as a document, every statement with its actor (person or "
        "organization), concept, agreement and coder. Statements as in the network settings."
    )
with windows_column:
    st.markdown("**The network over time, one graph per window**")
    window = window_settings(key="export.window")
    st.download_button(
        "GraphML per window (zip)",
        data=partial(
            windowed_file,
            store,
            window=window,
            kind=kind,
            aggregation=aggregation,
            normalization=normalization,
            include_suggested=chosen.include_suggested,
            article_ids=article_ids,
            statement_filters={
                **{k: v for k, v in filters.items() if k != "once_per_article"},
                "layer": layer,
            },
        ),
        file_name=f"quotegraph-{kind}-windows.zip",
        mime="application/zip",
        on_click="ignore",
        icon=":material/timeline:",
        key="export.windows",
    )
    st.caption(
        "A zip of GraphML files, one per window, with windows.csv listing each window's dates, "
        "statements, coalitions and polarisation; actor nodes carry their coalition."
    )

st.divider()
st.subheader("Backup")
st.markdown(
    "The whole store in one file: articles, statements, actors, codebook, stance scale and the "
    "change log. It restores into an empty store, on SQLite or PostgreSQL, exactly as it was."
)
st.download_button(
    "Download a backup",
    data=partial(backup_bytes, store),
    file_name="quotegraph-backup.zip",
    mime="application/zip",
    on_click="ignore",
    icon=":material/backup:",
    key="export.backup",
)

st.subheader("Restore a backup")
upload = st.file_uploader("Backup file", type=["zip"], key="export.restore_upload")
if upload is not None:
    try:
        manifest = inspect_backup(io.BytesIO(upload.getvalue()))
    except BackupError as problem:
        st.error(f"This file cannot be restored: {escape_markdown(str(problem))}")
        st.stop()
    st.markdown(
        f"This backup holds {manifest.count('articles')} articles, "
        f"{manifest.count('statements')} statements, {manifest.count('actors')} actors, "
        f"{manifest.count('concepts')} concepts and {manifest.count('changes')} logged changes."
    )
    if st.session_state.get(RESTORED_KEY) == upload.file_id:
        st.success("Restored. Every page now shows the restored store.", icon=":material/done:")
    elif work := store_work(store):
        held = ", ".join(f"{count} {kind}" for kind, count in work.items())
        st.warning(
            f"**This store is not empty** (it holds {held}), so the backup cannot be restored "
            "into it: restoring never mixes two stores. Point `QUOTEGRAPH_DB_URL` at a new "
            "SQLite file or an empty PostgreSQL database, restart the app, and restore there.",
            icon=":material/block:",
        )
    else:
        confirmed = st.checkbox(
            "Replace what this store holds (sample articles, default stance scale) with the backup",
            key="export.restore_confirm",
        )
        if st.button("Restore", type="primary", disabled=not confirmed, key="export.restore"):
            try:
                restore_backup(store, io.BytesIO(upload.getvalue()))
            except BackupError as problem:
                st.error(f"Nothing was restored: {escape_markdown(str(problem))}")
            else:
                st.session_state[RESTORED_KEY] = upload.file_id
                st.rerun()
