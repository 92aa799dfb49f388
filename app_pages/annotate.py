"""Annotate: read an article highlighted, confirm or correct each suggestion, tag any span.

The URL holds the article (``?article=``) and the selected statement (``?statement=``), so a
refresh or a link from Library or Explore opens the same place. Every decision is written by the
core in its own transaction from the widget's callback, before the rerun draws anything; the
annotation area is a fragment, so a decision reruns only that part (it shows the open
article's counts; the picker above it shows the other articles').
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import streamlit as st

from components.annotator import annotator_badge, annotator_gate, user_may
from components.article_details_form import details_form
from components.article_statements import BulkDecision, article_statements
from components.article_view import ViewIntent, article_view
from components.coding_suggestions import (
    ACCEPT_KEY,
    MOST_USEFUL,
    SuggestionIntent,
    bulk_accept_form,
    model_caption,
    order_picker,
    provenance_line,
    suggestion_box,
)
from components.plain_text import escape_markdown
from components.statement_editor import (
    EditorIntent,
    describe_statement,
    neighbour_id,
    next_to_review,
    statement_editor,
)
from quotegraph.annotation import (
    codebook_actors,
    codebook_concepts,
    coding_suggestions,
    stance_scale,
)
from quotegraph.annotation import statements as annotation
from quotegraph.annotation.decisions import decide_statements
from quotegraph.annotation.history import can_undo_redo, redo, undo
from quotegraph.store.articles import (
    ArticleSummary,
    article_details,
    get_article,
    list_articles,
    list_entities,
    update_article_details,
)
from quotegraph.store.db import Store
from quotegraph.team import layers as team_layers
from quotegraph.team.permissions import CODE, IMPORT, PermissionDenied
from resources import get_coding_trainer, get_store

SELECTED = "annotate.selected"  # {article id: selected statement id}
FLASH = "annotate.flash"  # (kind, markdown) shown once, after a decision
LAST_MERGE = "annotate.last_merge"  # the actor id folded in by the latest merge
# Set while that merge is the latest change made on this page: Undo (u) undoes it, not the
# statement decision before it.
MERGE_IS_LATEST = "annotate.merge_is_latest"
# Set by each whole-page run: the view may have been mounted afresh, so it gets the document.
VIEW_MOUNTED = "annotate.view_mounted"
STATEMENTS_OPEN = "annotate.statements_open"  # whether the statement table is unfolded
ORDER = "annotate.order"  # reading order or most useful next
# The text scrolls inside its box, which fills the window below the picker and the legend.
TEXT_HEIGHT = "max(320px, calc(100vh - 360px))"


@st.cache_resource(max_entries=16, show_spinner=False)
def stored_entities(
    _store: Store, store_url: str, article_id: int, analysed_version: str | None, analysed_at: Any
) -> tuple[Any, ...]:
    """The article's entities, read once per analysis (the key changes when it is re-analysed)."""
    return tuple(list_entities(_store, article_id))


def query_int(name: str) -> int | None:
    raw = st.query_params.get(name)
    return int(raw) if isinstance(raw, str) and raw.isdigit() else None


def open_article(store: Store) -> Any | None:
    """The article to show: ``?article=``, else what Library last opened, else the newest one.

    The choice is written back to the address and the session, so a refresh opens it again.
    """
    raw = st.query_params.get("article")
    wanted = query_int("article")
    article = get_article(store, wanted) if wanted is not None else None
    if raw is not None and article is None:
        st.warning(f"There is no article {escape_markdown(raw)}.")
    remembered = st.session_state.get("article_id")
    if article is None and isinstance(remembered, int):
        article = get_article(store, remembered)
    if article is None:
        newest = list_articles(store)
        article = get_article(store, newest[0].id) if newest else None
    if article is not None:
        st.session_state["article_id"] = article.id
        st.query_params["article"] = str(article.id)
    return article


def picker_labels(articles: list[ArticleSummary], current_id: int) -> dict[int, str]:
    """Each article's picker label: its title and counts, the open one's title alone.

    The open article's counts change with every decision and are shown live under the picker,
    by the annotation fragment; the picker is drawn by whole-page runs only, so a count in its
    label would go stale (and redrawing every label per decision costs a large library ~90 KiB).
    Labels must differ: the picker is a combo box that matches its text to an option, so two
    equal labels made it jump to the other article on the next rerun; a repeated title gets
    its id.
    """
    repeated = {title for title, count in Counter(a.title for a in articles).items() if count > 1}
    labels = {}
    for article in articles:
        title = f"{article.title} (#{article.id})" if article.title in repeated else article.title
        labels[article.id] = (
            title
            if article.id == current_id
            else f"{title} · {article.suggested} to review, {article.accepted} accepted, "
            f"{article.rejected} rejected"
        )
    return labels


def article_picker(store: Store, article_id: int) -> None:
    """The article picker: the other articles with their counts, read when the page is drawn."""
    labels = picker_labels(list_articles(store), article_id)
    ids = list(labels)
    if article_id not in labels:  # deleted meanwhile: the area says so
        ids.insert(0, article_id)
    st.session_state["annotate.article"] = article_id

    def opened() -> None:
        chosen = st.session_state["annotate.article"]
        st.session_state["article_id"] = chosen
        st.query_params["article"] = str(chosen)
        st.query_params.pop("statement", None)

    st.selectbox(
        "Article",
        ids,
        format_func=lambda chosen: labels.get(chosen, f"Article {chosen} (deleted)"),
        key="annotate.article",
        on_change=opened,
    )


def details_popover(store: Store, article_id: int, annotator: str) -> None:
    """The article's title, source, date and URL, correctable; u (or Undo) takes it back."""
    details = article_details(store, article_id)
    if details is None:
        return
    with st.popover("Details", icon=":material/edit:", help="Title, source, date, URL"):
        edit = details_form(details, key="annotate.details", annotator=annotator)
        if edit is None:
            return
        try:
            update_article_details(
                store, article_id, annotator=edit.annotator, seen=details, **edit.changes
            )
        except (ValueError, annotation.EditConflict) as problem:
            st.error(f"**Not saved:** {escape_markdown(str(problem))}")
            return
        st.session_state.pop(MERGE_IS_LATEST, None)
        flash("success", "Details saved (u undoes them).")
        st.rerun()


def ensure_analysed(store: Store, article: Any) -> None:
    """Analyse the article the first time it is opened; later opens read the stored result."""
    from quotegraph.analysis.first_pass import analyse_article  # imports spaCy: only when needed
    from quotegraph.analysis.nlp import PIPELINE_VERSION

    if article.analysed_version == PIPELINE_VERSION:
        return
    with st.spinner("Finding entities, quotes and speakers (first open of this article)…"):
        try:
            analyse_article(store, article.id)
        except Exception as problem:  # the page must stay usable; say what failed in one line
            st.error(f"Could not analyse this article: {escape_markdown(str(problem))}")
            st.stop()


def flash(kind: str, message: str) -> None:
    st.session_state[FLASH] = (kind, message)


def reading_area(store: Store, article_id: int) -> None:
    """The highlighted text alone, for a role that reads but does not code."""
    article = get_article(store, article_id)
    if article is None:
        st.warning("This article was deleted meanwhile.")
        return
    st.caption("Your role reads this article; coders and admins change its statements.")
    article_view(
        key="annotate.view",
        doc_key=f"{article_id}:{article.sha256}:{article.analysed_at}",
        text=article.text,
        entities=stored_entities(
            store, store.url, article_id, article.analysed_version, article.analysed_at
        ),
        statements=annotation.list_statements(store, article_id),
        selected_id=None,
        stance_levels=[(x.value, x.label) for x in stance_scale.list_stance_levels(store)],
        rev=0,
        height=TEXT_HEIGHT,
    )


@st.fragment
def annotation_area(store: Store, article_id: int, annotator: str, kinds: tuple[str, ...]) -> None:
    """The text, the editor and the statement table; ``kinds`` are every statement kind the
    store holds (read once per page run: a decision changes no kind)."""
    article = get_article(store, article_id)
    if article is None:
        st.warning("This article was deleted meanwhile.")
        return
    entities = stored_entities(
        store, store.url, article_id, article.analysed_version, article.analysed_at
    )
    # A coder of a double-coded article works in their own layer (copied on first opening).
    layer = team_layers.open_article(store, annotator, article_id)
    statements = annotation.list_statements(store, article_id, layer=layer, reader=annotator)
    if layer != team_layers.PROJECT:
        st.caption("Double coded: you code your own version of this article, kept apart.")
    trainer = get_coding_trainer(store)
    # Retrains in its thread when the coding changed since its model; never waits.
    trainer.poke(coding_suggestions.coding_fingerprint(store))
    suggestions = coding_suggestions.article_suggestions(store, article_id)
    by_id = {statement.id: statement for statement in statements}
    if st.session_state.get(ORDER) == MOST_USEFUL:
        ordered = [
            by_id[sid] for sid in coding_suggestions.most_useful_order(statements, suggestions)
        ]
    else:
        ordered = statements
    ids = [statement.id for statement in ordered]
    selections = st.session_state.setdefault(SELECTED, {})
    selected = selections.get(article_id)
    linked = query_int("statement")
    if linked in by_id and linked != selected:
        # The address is kept equal to the selection, so a different one is a new link.
        selected = linked
    elif selected not in by_id:
        selected = next_to_review(ordered, None) or (ids[0] if ids else None)
    selections[article_id] = selected
    if selected is not None:
        st.query_params["statement"] = str(selected)
    stance_levels = [(level.value, level.label) for level in stance_scale.list_stance_levels(store)]
    stance_labels = dict(stance_levels)

    def select(statement_id: int | None) -> None:
        selections[article_id] = statement_id
        if statement_id is None:
            st.query_params.pop("statement", None)
        else:
            st.query_params["statement"] = str(statement_id)

    def update(statement_id: int | None, changes: dict[str, Any], *, advance: bool) -> bool:
        if statement_id not in by_id:
            flash("info", "Select a statement first.")
            return False
        try:
            annotation.update_statement(
                store,
                statement_id,
                expected_version=by_id[statement_id].version,
                annotator=annotator,
                **changes,
            )
        except annotation.EditConflict as conflict:
            now = (
                f" Now: {describe_statement(conflict.current, stance_labels)}."
                if conflict.current
                else ""
            )
            flash("warning", f"**Not saved:** {escape_markdown(str(conflict))}.{now}")
            return False
        except ValueError as problem:
            flash("error", f"**Not saved:** {escape_markdown(str(problem))}")
            return False
        st.session_state.pop(MERGE_IS_LATEST, None)
        if advance:
            select(next_to_review(ordered, statement_id))
        return True

    def on_suggestion(intent: SuggestionIntent) -> None:
        if not intent.statement_ids or intent.statement_ids[0] not in by_id:
            flash("info", "Select a statement first.")
            return
        try:
            changed = coding_suggestions.accept_suggestions(
                store,
                intent.statement_ids,
                annotator=annotator,
                article_id=article_id,
                in_bulk=intent.in_bulk,
            )
        except (annotation.EditConflict, ValueError) as problem:
            flash("error", f"**Not saved:** {escape_markdown(str(problem))}")
            return
        st.session_state.pop(MERGE_IS_LATEST, None)
        trainer.poke()
        if intent.in_bulk:
            flash("success", f"Accepted {changed} suggestions; Undo (u) takes them all back.")
        elif not changed:
            flash("info", "Nothing to accept: a person already coded this statement.")
        else:
            select(
                coding_suggestions.next_waiting(
                    ids, statements, suggestions, intent.statement_ids[0]
                )
            )

    def unmerge(source_id: int) -> None:
        try:
            codebook_actors.unmerge_actors(store, source_id, annotator=annotator)
        except (annotation.EditConflict, ValueError) as problem:
            flash("warning", f"**Not done:** {escape_markdown(str(problem))}")
            return
        st.session_state.pop(LAST_MERGE, None)
        st.session_state.pop(MERGE_IS_LATEST, None)
        flash("success", "Merge undone.")

    def undo_or_redo(action: str) -> None:
        if action == "undo" and st.session_state.get(MERGE_IS_LATEST):
            unmerge(st.session_state[LAST_MERGE])
            return
        st.session_state.pop(MERGE_IS_LATEST, None)
        try:
            step = undo if action == "undo" else redo
            result = step(store, annotator=annotator, article_id=article_id)
        except annotation.EditConflict as conflict:
            flash("warning", f"**Not done:** {escape_markdown(str(conflict))}")
            return
        except PermissionDenied as refused:
            flash("error", f"**Not done:** {escape_markdown(str(refused))}")
            return
        if result is None:
            flash("info", f"Nothing to {action}.")
            return
        done = "Undone" if action == "undo" else "Redone"
        flash("success", f"{done}: {escape_markdown(result.summary)}.")
        if result.statement_ids:
            select(result.statement_ids[0])

    def decide_many(decision: BulkDecision) -> None:
        try:
            decide_statements(store, decision.versions, status=decision.status, annotator=annotator)
        except annotation.EditConflict as conflict:
            flash("warning", f"**Not saved:** {escape_markdown(str(conflict))}.")
            return
        except PermissionDenied as refused:
            flash("error", f"**Not saved:** {escape_markdown(str(refused))}")
            return
        st.session_state.pop(MERGE_IS_LATEST, None)
        count = len(decision.versions)
        flash(
            "success",
            f"{decision.status.capitalize()} {count} statement{'s' if count != 1 else ''} "
            "(u undoes them together).",
        )

    def create(start: int, end: int) -> None:
        try:
            created = annotation.create_statement(
                store, article_id, start, end, annotator=annotator
            )
        except ValueError as problem:
            flash("error", f"**Not saved:** {escape_markdown(str(problem))}")
            return
        st.session_state.pop(MERGE_IS_LATEST, None)
        select(created.id)

    def set_speaker(statement_id: int | None, start: int, end: int) -> None:
        changes: dict[str, Any] = {"speaker_start": start, "speaker_end": end}
        mention = article.text[start:end].casefold()
        for actor in codebook_actors.search_actors(store, article.text[start:end], limit=5):
            if mention in {actor.name.casefold(), *(alias.casefold() for alias in actor.aliases)}:
                changes["actor_id"] = actor.id
                break
        update(statement_id, changes, advance=False)

    def on_view(intent: ViewIntent) -> None:
        current = selections.get(article_id)
        if intent.kind == "select":
            select(intent.statement_id)
        elif intent.kind == "create":
            create(intent.start, intent.end)
        elif intent.kind == "speaker":
            set_speaker(intent.statement_id, intent.start, intent.end)
        elif intent.command in ("accept", "reject"):
            status = "accepted" if intent.command == "accept" else "rejected"
            update(current, {"status": status}, advance=True)
        elif intent.command in ("next", "previous"):
            select(neighbour_id(ids, current, 1 if intent.command == "next" else -1))
        elif intent.command == "stance":
            update(current, {"stance": intent.stance}, advance=False)
        elif intent.command in ("undo", "redo"):
            undo_or_redo(intent.command)
        elif intent.command == "accept_suggestion" and current is not None:
            on_suggestion(SuggestionIntent("accept", (current,)))

    def on_editor(intent: EditorIntent) -> None:
        try:
            if intent.action == "set":
                advance = "status" in intent.changes
                update(intent.statement_id, dict(intent.changes), advance=advance)
            elif intent.action == "new_actor":
                actor = codebook_actors.create_actor(store, intent.name, annotator=annotator)
                update(intent.statement_id, {"actor_id": actor.id}, advance=False)
            elif intent.action == "new_concept":
                concept = codebook_concepts.create_concept(store, intent.name, annotator=annotator)
                update(intent.statement_id, {"concept_id": concept.id}, advance=False)
            elif intent.action == "merge":
                kept = codebook_actors.merge_actors(
                    store, intent.source_id, intent.target_id, annotator=annotator
                )
                st.session_state[LAST_MERGE] = intent.source_id
                st.session_state[MERGE_IS_LATEST] = True
                flash("success", f"Merged into **{escape_markdown(kept.name)}**.")
            elif intent.action == "unmerge":
                unmerge(intent.source_id)
            elif intent.action in ("next", "previous"):
                step = 1 if intent.action == "next" else -1
                select(neighbour_id(ids, intent.statement_id, step))
            elif intent.action in ("undo", "redo"):
                undo_or_redo(intent.action)
            elif intent.action == "delete":
                annotation.delete_statement(
                    store,
                    intent.statement_id,
                    expected_version=intent.version,
                    annotator=annotator,
                )
                st.session_state.pop(MERGE_IS_LATEST, None)
                select(None)  # the next run picks the next statement to review
        except annotation.EditConflict as conflict:
            flash("warning", f"**Not saved:** {escape_markdown(str(conflict))}")
        except ValueError as problem:
            flash("error", f"**Not saved:** {escape_markdown(str(problem))}")

    status_counts = Counter(statement.status for statement in statements)
    # The open article's counts, redrawn with each decision (the picker shows the others').
    st.caption(
        f"{len(statements)} statements: {status_counts['suggested']} to review, "
        f"{status_counts['accepted']} accepted, {status_counts['rejected']} rejected · "
        f"{len(entities)} entities · "
        "keys: a accept, r reject, j/k next/previous, 1-9 stance, u undo, y redo, "
        f"s new statement from selected words, m set speaker, {ACCEPT_KEY} accept suggestion, "
        "? all keys"
    )
    view_column, editor_column = st.columns([3, 2], gap="medium")
    with editor_column:
        message = st.session_state.pop(FLASH, None)
        if message is not None:
            getattr(st, message[0])(message[1])
        if LAST_MERGE in st.session_state:
            source = st.session_state[LAST_MERGE]
            st.button(
                "Undo the merge",
                key="annotate.unmerge",
                icon=":material/call_split:",
                on_click=on_editor,
                args=(EditorIntent("unmerge", source_id=source),),
            )
        can_undo, can_redo = can_undo_redo(store, annotator=annotator, article_id=article_id)
        can_undo = can_undo or bool(st.session_state.get(MERGE_IS_LATEST))
        concepts = codebook_concepts.list_concepts(store)
        with st.container(horizontal=True, vertical_alignment="bottom"):
            order_picker(key=ORDER)
            bulk_accept_form(
                key="annotate.bulk",
                statements=statements,
                suggestions=suggestions,
                concepts=[(concept.id, concept.name) for concept in concepts],
                count=lambda concept_id, threshold: coding_suggestions.bulk_candidates(
                    statements, suggestions, concept_id=concept_id, threshold=threshold
                ),
                on_intent=on_suggestion,
            )
        current = by_id.get(selected)
        suggestion_box(
            key="annotate.suggestion",
            statement_id=selected if current is not None else None,
            suggestion=suggestions.get(selected),
            provenance=provenance_line(current, stance_labels) if current else None,
            on_intent=on_suggestion,
        )
        statement_editor(
            key="annotate.editor",
            statement=by_id.get(selected),
            position=(ids.index(selected) + 1 if selected in by_id else 0, len(ids)),
            actors=codebook_actors.list_actors(store),
            concepts=concepts,
            stance_levels=stance_levels,
            can_undo=can_undo,
            can_redo=can_redo,
            on_intent=on_editor,
        )
    with view_column:
        st.session_state["annotate.rev"] = st.session_state.get("annotate.rev", 0) + 1
        article_view(
            key="annotate.view",
            doc_key=f"{article_id}:{article.sha256}:{article.analysed_at}",
            text=article.text,
            entities=entities,
            statements=statements,
            selected_id=selected,
            stance_levels=stance_levels,
            rev=st.session_state["annotate.rev"],
            height=TEXT_HEIGHT,
            # A decision reruns only this fragment: the view stays mounted and keeps the text.
            resend_document=st.session_state.pop(VIEW_MOUNTED, False),
            on_intent=on_view,
        )
        # The model retrains in its own thread after each decision; its newer suggestions are
        # drawn with the next step (a page that redrew itself would race the analyst's keys).
        st.caption(
            escape_markdown(
                model_caption(trainer.last_model, training=trainer.busy, error=trainer.last_error)
            )
        )
    # Drawn only while open: a decision reruns this area, and most decisions are made by key.
    table_box = st.expander(
        "All statements: filter, select, decide many at once",
        key=STATEMENTS_OPEN,
        on_change="rerun",
    )
    picked = None
    if table_box.open:
        with table_box:
            picked = article_statements(
                statements,
                kinds=kinds,
                stance_labels=stance_labels,
                key="annotate.statements",
                on_decision=decide_many,
            )
    if picked is not None and picked != selected:
        select(picked)
        st.rerun(scope="fragment")


store = get_store()
annotator = annotator_gate()
if annotator is None:
    st.stop()
opened = open_article(store)
if opened is None:
    st.info("No articles yet: add some in the Library.")
    st.stop()
ensure_analysed(store, opened)
# A row, not columns: the badge keeps its whole "Annotating as NAME" and the picker takes the
# rest, however narrow the window.
with st.container(horizontal=True, vertical_alignment="bottom"):
    article_picker(store, opened.id)
    if user_may(IMPORT):
        details_popover(store, opened.id, annotator)
    annotator_badge(annotator, key="annotate.annotator")
st.session_state[VIEW_MOUNTED] = True
if user_may(CODE):
    annotation_area(store, opened.id, annotator, annotation.statement_kinds(store))
else:
    reading_area(store, opened.id)
