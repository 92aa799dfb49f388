"""Export: statements as CSV or JSONL, networks for Gephi, and the whole store as a backup."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import partial
from typing import get_args

import networkx as nx
import streamlit as st

from components.plain_text import escape_markdown
from components.suggestions_toggle import suggestions_toggle
from components.time_charts import WindowSettings, window_settings
from quotegraph import networks
from quotegraph.articles import list_articles
from quotegraph.backup import (
    BackupError,
    backup_bytes,
    inspect_backup,
    restore_backup,
    store_work,
)
from quotegraph.db import Store
from quotegraph.dna_export import DEFAULT_PASSWORD, dna_bytes
from quotegraph.exports import network_for_export, to_csv, to_gexf, to_graphml, to_jsonl
from quotegraph.statement_table import load_statement_table
from quotegraph.window_exports import windowed_networks_zip
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


def csv_file(store: Store, *, excel: bool, **filters: object) -> str:
    return to_csv(load_statement_table(store, **filters), excel=excel)  # type: ignore[arg-type]


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


st.title("Export")
store = get_store()
titles = {article.id: article.title for article in list_articles(store)}

# Downloads are generated when clicked (a callable as data), so the page stays fast on a big
# store and never builds files nobody asked for.
st.subheader("Statements and networks")
chosen = st.multiselect(
    "Articles",
    list(titles),
    format_func=lambda article_id: titles.get(article_id, str(article_id)),
    placeholder="All articles",
    key="export.articles",
)
article_ids = chosen or None

annotations, network_column = st.columns(2)
with annotations:
    st.markdown("**Annotations**")
    scope = st.radio("Statements", list(SCOPES), index=1, horizontal=True, key="export.scope")
    include_suggested, include_rejected = SCOPES[scope]
    table_filters = {
        "include_suggested": include_suggested,
        "include_rejected": include_rejected,
        "article_ids": article_ids,
    }
    excel = st.checkbox(
        "For Excel (UTF-8 with byte order mark)",
        value=True,
        key="export.excel",
        help="Excel reads UTF-8 correctly only with this mark; pandas and R read either.",
    )
    st.download_button(
        "CSV: one row per statement",
        data=partial(csv_file, store, excel=excel, **table_filters),
        file_name="quotegraph-statements.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/table:",
        key="export.csv",
    )
    st.download_button(
        "JSONL: articles with spans and speakers",
        data=partial(to_jsonl, store, **table_filters),
        file_name="quotegraph-articles.jsonl",
        mime="application/jsonl",
        on_click="ignore",
        icon=":material/data_object:",
        key="export.jsonl",
    )
    st.caption("Cells a spreadsheet would run as a formula start with an apostrophe (').")

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
    # Accepted statements only by default, as on the Explore page and in `export --format
    # graphml`: a network of unreviewed machine suggestions is asked for, never given by default.
    network_suggested = suggestions_toggle("export.network_suggested")
    grouped = st.toggle(
        "Group people by affiliation",
        key="export.grouped",
        help="Count each person's statements under their organisation or country.",
    )
    network_options = {
        "kind": kind,
        "aggregation": aggregation,
        "normalization": normalization,
        "group_by_affiliation": grouped,
        "include_suggested": network_suggested,
        "article_ids": article_ids,
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
    st.caption("Rejected statements never count in a network.")

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
            include_suggested=network_suggested,
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
            **{
                key: value
                for key, value in network_options.items()
                if key != "group_by_affiliation"
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
