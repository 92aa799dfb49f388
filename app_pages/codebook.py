"""Codebook: the team's concepts, the stance scale, and the actors with aliases and merges.

Every edit is written by the core in one logged transaction with the annotator's name; "Undo
last codebook change" walks that log. Refusals (a name taken, a concept in use) are shown as a
one-line message and change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from components.annotator import annotator_badge, annotator_gate, user_may
from components.plain_text import escape_markdown
from components.statement_editor import actor_label
from components.suggestion_settings import position_setting
from quotegraph.analysis import first_pass as analysis
from quotegraph.annotation import codebook_actors, codebook_concepts, stance_scale
from quotegraph.annotation import statements as annotation
from quotegraph.annotation.history import undo
from quotegraph.store.project_settings import position_suggestions_enabled
from quotegraph.team.permissions import (
    EDIT_CODEBOOK,
    MANAGE_CODEBOOK,
    SETTINGS,
    PermissionDenied,
)
from resources import get_store

FLASH = "codebook.flash"
TYPE_LABELS = {"group": "country or group"}


def identity(actor: codebook_actors.ActorView) -> str:
    """How sure the actor's identity is, for the actors table."""
    if not actor.unresolved:
        return ""
    if actor.could_be:
        return "unresolved: " + " or ".join(actor.could_be)
    return "unresolved"


store = get_store()
st.title("Codebook")
annotator = annotator_gate()
if annotator is None:
    st.stop()
# Merges, deletions, the stance scale and imports are an admin's (the core refuses them too).
manages = user_may(MANAGE_CODEBOOK)
if not user_may(EDIT_CODEBOOK):
    # A viewer reads the codebook: the tables without the forms that change it.
    annotator_badge(annotator, key="codebook.annotator")
    st.caption("Your role reads the codebook; coders and admins change it.")
    for heading, rows in [
        (
            "Concepts",
            [
                (c.name, c.description, c.statement_count)
                for c in codebook_concepts.list_concepts(store)
            ],
        ),
        (
            "Stance scale",
            [
                (level.label, str(level.value), level.statement_count)
                for level in stance_scale.list_stance_levels(store)
            ],
        ),
        (
            "Actors",
            [(a.name, a.type, a.statement_count) for a in codebook_actors.list_actors(store)],
        ),
    ]:
        st.subheader(heading)
        st.dataframe(
            pd.DataFrame(rows, columns=["Name", "Description or type", "Statements"]),
            hide_index=True,
            width="stretch",
        )
    st.stop()
if not manages:
    st.caption("Merging, deleting, the stance scale and imports are an admin's: shown greyed.")


def attempt(action: Callable[[], Any], done: str) -> None:
    """Run one codebook edit from a callback; say what happened on the next draw."""
    try:
        action()
    except (ValueError, annotation.EditConflict) as problem:
        st.session_state[FLASH] = ("error", f"**Not saved:** {escape_markdown(str(problem))}")
        return
    st.session_state[FLASH] = ("success", done)


SEED_HELP = (
    "Before anyone codes, concept suggestions come from these words and sentences; after that "
    "they still help the model with concepts few statements were coded with."
)


def seed_fields(suffix: str, keywords: str = "", examples: str = "") -> None:
    """A concept's keywords and example sentences, keyed ``codebook.concept.keywords<suffix>``."""
    for field, label, value in (
        ("keywords", "Keywords (one per line)", keywords),
        ("examples", "Example sentences (one per line)", examples),
    ):
        st.text_area(
            label, value=value, key=f"codebook.concept.{field}{suffix}", height=68, help=SEED_HELP
        )


def attempt_import(upload: Any) -> None:
    """Import the uploaded codebook CSV as one change; say what came of it."""
    if upload is None:
        st.session_state[FLASH] = ("info", "Choose a CSV file first.")
        return
    try:
        concepts = codebook_concepts.parse_concepts_csv(upload.getvalue())
        result = codebook_concepts.import_concepts(store, concepts, annotator=annotator)
    except ValueError as problem:
        st.session_state[FLASH] = ("error", f"**Not imported:** {escape_markdown(str(problem))}")
        return
    st.session_state[FLASH] = (
        "success",
        f"Imported: {result.created} new concepts, {result.updated} updated.",
    )


def undo_last() -> None:
    try:
        result = undo(store, annotator=annotator, article_id=None)
    except (annotation.EditConflict, PermissionDenied) as conflict:
        st.session_state[FLASH] = ("error", f"**Not undone:** {escape_markdown(str(conflict))}")
        return
    st.session_state[FLASH] = (
        ("success", f"Undone: {escape_markdown(result.summary)}.")
        if result
        else ("info", "Nothing to undo.")
    )


def save_names(actor_id: int, prefix: str) -> None:
    new_name = st.session_state.get(f"{prefix}.rename", "").strip()
    alias = st.session_state.get(f"{prefix}.alias", "").strip()
    if not new_name and not alias:
        raise ValueError("type a new name or an alias first")
    if new_name:
        codebook_actors.rename_actor(store, actor_id, new_name, annotator=annotator)
    if alias:
        codebook_actors.add_alias(store, actor_id, alias, annotator=annotator)


top, badge = st.columns([4, 1], vertical_alignment="bottom")
with top:
    st.button(
        "Undo last codebook change (mine)",
        icon=":material/undo:",
        key="codebook.undo",
        on_click=undo_last,
    )
with badge:
    annotator_badge(annotator, key="codebook.annotator")
message = st.session_state.pop(FLASH, None)
if message is not None:
    getattr(st, message[0])(message[1])

concepts_tab, scale_tab, actors_tab, suggestions_tab = st.tabs(
    ["Concepts", "Stance scale", "Actors", "Suggestions"]
)

with concepts_tab:
    concepts = codebook_concepts.list_concepts(store)
    if concepts:
        st.dataframe(
            pd.DataFrame(
                {
                    "Concept": [c.name for c in concepts],
                    "Description": [c.description for c in concepts],
                    "Keywords": [", ".join(c.keywords.splitlines()) for c in concepts],
                    "Examples": [len(c.examples.splitlines()) for c in concepts],
                    "Statements": [c.statement_count for c in concepts],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.info("No concepts yet. Add the issues your team codes claims about.")
    with st.form("codebook.concept.add", clear_on_submit=True):
        st.markdown("**Add a concept**")
        name = st.text_input("Name", key="codebook.concept.name")
        description = st.text_area("Description", key="codebook.concept.description", height=68)
        seed_fields("")
        st.form_submit_button(
            "Add concept",
            icon=":material/add:",
            on_click=lambda: attempt(
                lambda: codebook_concepts.create_concept(
                    store,
                    st.session_state["codebook.concept.name"],
                    annotator=annotator,
                    description=st.session_state["codebook.concept.description"],
                    keywords=st.session_state["codebook.concept.keywords"],
                    examples=st.session_state["codebook.concept.examples"],
                ),
                "Concept added.",
            ),
        )
    if concepts:
        by_id = {concept.id: concept for concept in concepts}
        chosen = st.selectbox(
            "Edit or delete",
            list(by_id),
            format_func=lambda cid: by_id[cid].name,
            key="codebook.concept.chosen",
        )
        concept = by_id[chosen]
        with st.form(f"codebook.concept.edit.{concept.id}"):
            st.text_input("Name", value=concept.name, key=f"codebook.concept.rename.{concept.id}")
            st.text_area(
                "Description",
                value=concept.description,
                key=f"codebook.concept.redescribe.{concept.id}",
                height=68,
            )
            seed_fields(f".{concept.id}", concept.keywords, concept.examples)
            st.form_submit_button(
                "Save",
                on_click=lambda: attempt(
                    lambda: codebook_concepts.update_concept(
                        store,
                        concept.id,
                        annotator=annotator,
                        name=st.session_state[f"codebook.concept.rename.{concept.id}"],
                        description=st.session_state[f"codebook.concept.redescribe.{concept.id}"],
                        keywords=st.session_state[f"codebook.concept.keywords.{concept.id}"],
                        examples=st.session_state[f"codebook.concept.examples.{concept.id}"],
                    ),
                    "Concept saved.",
                ),
            )
        st.button(
            f"Delete {escape_markdown(concept.name)}",  # button labels render Markdown
            icon=":material/delete:",
            key=f"codebook.concept.delete.{concept.id}",
            help="Only a concept no statement uses can be deleted.",
            disabled=not manages,
            on_click=lambda: attempt(
                lambda: codebook_concepts.delete_concept(store, concept.id, annotator=annotator),
                "Concept deleted.",
            ),
        )

    with st.expander("Import concepts from a CSV file", icon=":material/upload_file:"):
        st.caption(
            "Columns: **name** (or concept), and optionally **description**, **keywords** "
            "(separated by ; ) and **examples** (separated by | ). A concept already in the "
            "codebook takes the description, keywords and examples given for it. One import is "
            "one change: Undo takes it back whole."
        )
        st.file_uploader("Codebook CSV", type=["csv", "tsv"], key="codebook.concept.csv")
        st.button(
            "Import",
            icon=":material/upload:",
            key="codebook.concept.import",
            disabled=not manages or st.session_state.get("codebook.concept.csv") is None,
            on_click=lambda: attempt_import(st.session_state.get("codebook.concept.csv")),
        )

with scale_tab:
    levels = stance_scale.list_stance_levels(store)
    st.markdown(
        "Each statement takes one level of this scale. Keys 1, 2, 3… in Annotate pick the "
        "levels from the most positive down."
    )
    st.dataframe(
        pd.DataFrame(
            {
                "Value": [level.value for level in levels],
                "Label": [level.label for level in levels],
                "Statements": [level.statement_count for level in levels],
            }
        ),
        hide_index=True,
    )
    presets = {
        "agree / neutral / disagree": stance_scale.BINARY_SCALE,
        "five points, -2 to +2": stance_scale.FIVE_POINT_SCALE,
    }
    preset = st.radio("Use a standard scale", list(presets), horizontal=True, key="codebook.preset")
    st.button(
        "Use this scale",
        key="codebook.preset.apply",
        disabled=not manages,
        on_click=lambda: attempt(
            lambda: stance_scale.set_stance_scale(store, presets[preset], annotator=annotator),
            "Stance scale updated.",
        ),
    )
    st.markdown("**Or edit the levels** (whole-number values; negative is against)")
    edited = st.data_editor(
        pd.DataFrame(
            {"value": [level.value for level in levels], "label": [level.label for level in levels]}
        ),
        num_rows="dynamic",
        hide_index=True,
        key="codebook.scale.editor",
        column_config={
            "value": st.column_config.NumberColumn("Value", step=1, format="%d", required=True),
            "label": st.column_config.TextColumn("Label", required=True, max_chars=100),
        },
    )

    def save_custom_scale() -> None:
        rows = edited.dropna(how="any")
        scale = [
            (int(value), str(label))
            for value, label in zip(rows["value"], rows["label"], strict=True)
        ]
        attempt(
            lambda: stance_scale.set_stance_scale(store, scale, annotator=annotator),
            "Stance scale updated.",
        )

    st.button(
        "Save levels", key="codebook.scale.save", on_click=save_custom_scale, disabled=not manages
    )

with actors_tab:
    actors = codebook_actors.list_actors(store, include_merged=True)
    active = [actor for actor in actors if actor.merged_into_id is None]
    names = {actor.id: actor.name for actor in actors}
    search = st.text_input("Find an actor by any name or alias", key="codebook.actor.search")
    shown = codebook_actors.search_actors(store, search, limit=200) if search.strip() else active
    st.dataframe(
        pd.DataFrame(
            {
                "Actor": [a.name for a in shown],
                "Type": [TYPE_LABELS.get(a.type, a.type) for a in shown],
                "Aliases": [", ".join(a.aliases) for a in shown],
                "Affiliation": [a.affiliation_name or "" for a in shown],
                "Statements": [a.statement_count for a in shown],
                "Identity": [identity(a) for a in shown],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    unresolved = [a for a in shown if a.unresolved]
    if len(unresolved) == 1:
        st.info(
            "1 lone surname may name several people: it stays unresolved until you merge it "
            "into the right person (below) or rename it.",
            icon=":material/help:",
        )
    elif unresolved:
        st.info(
            f"{len(unresolved)} lone surnames may name several people: they stay unresolved "
            "until you merge each into the right person (below) or rename it.",
            icon=":material/help:",
        )
    add_column, edit_column = st.columns(2, gap="large")
    with add_column, st.form("codebook.actor.add", clear_on_submit=True):
        st.markdown("**Add an actor**")
        st.text_input("Name", key="codebook.actor.new_name")
        st.selectbox(
            "Type",
            codebook_actors.ACTOR_TYPES,
            format_func=lambda value: TYPE_LABELS.get(value, value),
            key="codebook.actor.new_type",
        )
        st.text_input("Aliases (comma separated)", key="codebook.actor.new_aliases")
        st.form_submit_button(
            "Add actor",
            icon=":material/person_add:",
            on_click=lambda: attempt(
                lambda: codebook_actors.create_actor(
                    store,
                    st.session_state["codebook.actor.new_name"],
                    annotator=annotator,
                    actor_type=st.session_state["codebook.actor.new_type"],
                    aliases=[
                        alias.strip()
                        for alias in st.session_state["codebook.actor.new_aliases"].split(",")
                        if alias.strip()
                    ],
                ),
                "Actor added.",
            ),
        )
    with edit_column:
        if active:
            actor_ids = [actor.id for actor in active]
            labels = {actor.id: actor_label(actor) for actor in active}
            chosen_id = st.selectbox(
                "Edit actor", actor_ids, format_func=labels.get, key="codebook.actor.chosen"
            )
            actor = next(a for a in active if a.id == chosen_id)
            prefix = f"codebook.actor.{actor.id}"
            st.selectbox(
                "Type",
                codebook_actors.ACTOR_TYPES,
                format_func=lambda value: TYPE_LABELS.get(value, value),
                index=codebook_actors.ACTOR_TYPES.index(actor.type)
                if actor.type in codebook_actors.ACTOR_TYPES
                else 0,
                key=f"{prefix}.type",
                on_change=lambda: attempt(
                    lambda: codebook_actors.set_actor_type(
                        store, actor.id, st.session_state[f"{prefix}.type"], annotator=annotator
                    ),
                    "Type saved.",
                ),
            )
            organisations = [a.id for a in active if a.id != actor.id]
            st.selectbox(
                "Affiliation",
                [None, *organisations],
                index=(organisations.index(actor.affiliation_id) + 1)
                if actor.affiliation_id in organisations
                else 0,
                format_func=lambda aid: "(none)" if aid is None else names[aid],
                key=f"{prefix}.affiliation",
                on_change=lambda: attempt(
                    lambda: codebook_actors.set_affiliation(
                        store,
                        actor.id,
                        st.session_state[f"{prefix}.affiliation"],
                        annotator=annotator,
                    ),
                    "Affiliation saved.",
                ),
            )
            with st.form(f"{prefix}.rename_form", clear_on_submit=True):
                st.text_input("New name (the old one stays an alias)", key=f"{prefix}.rename")
                st.text_input("Add an alias", key=f"{prefix}.alias")
                st.form_submit_button(
                    "Save names",
                    on_click=lambda: attempt(lambda: save_names(actor.id, prefix), "Names saved."),
                )
            if actor.aliases:
                drop = st.selectbox("Remove an alias", actor.aliases, key=f"{prefix}.drop")
                st.button(
                    "Remove alias",
                    key=f"{prefix}.drop_button",
                    on_click=lambda: attempt(
                        lambda: codebook_actors.remove_alias(
                            store, actor.id, drop, annotator=annotator
                        ),
                        "Alias removed.",
                    ),
                )

    st.subheader("Merge actors")
    if len(active) >= 2:
        active_ids = [actor.id for actor in active]
        merge_labels = {actor.id: actor_label(actor) for actor in active}
        source_column, target_column = st.columns(2)
        source = source_column.selectbox(
            "Fold in (becomes an alias)",
            active_ids,
            index=None,
            format_func=merge_labels.get,
            key="codebook.merge.source",
        )
        target = target_column.selectbox(
            "Keep",
            active_ids,
            index=None,
            format_func=merge_labels.get,
            key="codebook.merge.target",
        )
        st.button(
            "Merge",
            icon=":material/merge:",
            key="codebook.merge.button",
            disabled=not manages or source is None or target is None or source == target,
            on_click=lambda: attempt(
                lambda: codebook_actors.merge_actors(store, source, target, annotator=annotator),
                "Merged. Undo it below whenever you like.",
            ),
        )
    merged = [actor for actor in actors if actor.merged_into_id is not None]
    for actor in merged:
        row = st.columns([4, 1], vertical_alignment="center")
        kept_name = names.get(actor.merged_into_id, "?")
        row[0].markdown(f"{escape_markdown(actor.name)} → {escape_markdown(kept_name)}")
        row[1].button(
            "Unmerge",
            key=f"codebook.unmerge.{actor.id}",
            on_click=lambda actor_id=actor.id: attempt(
                lambda: codebook_actors.unmerge_actors(store, actor_id, annotator=annotator),
                "Merge undone.",
            ),
        )

with suggestions_tab:
    wanted = None
    if user_may(SETTINGS):
        wanted = position_setting(
            enabled=position_suggestions_enabled(store), key="codebook.position_suggestions"
        )
    else:
        st.caption("An admin decides whether the machine suggests positions.")
    if wanted is not None:
        # Said here, under the switch: a message above the tabs would reset the open tab.
        try:
            outcome = analysis.set_position_suggestions(store, wanted, annotator=annotator)
        except PermissionDenied as refused:
            st.error(f"**Not changed:** {escape_markdown(str(refused))}")
            st.stop()
        if wanted:
            st.success(
                f"Position suggestions on: {outcome.articles_to_reanalyse} article(s) will be "
                "analysed again when opened."
            )
        else:
            st.success(
                f"Position suggestions off: {outcome.suggestions_removed} unreviewed "
                "suggestion(s) removed."
            )
