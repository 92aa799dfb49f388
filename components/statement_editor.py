"""The editor for the selected statement: actor, concept, stance, kind, note, and the decisions.

It takes plain data (the statement as the core returns it, the codebook's actors, concepts and
stance scale) and reports each change as an :class:`EditorIntent` through ``on_intent``, from the
widget's callback, so the page applies it before the rerun draws anything. It never touches the
store. Every widget key carries the statement's id and version, so a changed row redraws with its
current values instead of a stale selection.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import streamlit as st

from components.article_view import CLEAR_STANCE_KEY, COMMAND_KEYS, stance_keys
from components.plain_text import escape_markdown
from quotegraph.annotation.statements import KINDS

MAX_QUOTE_CHARS = 400


class ActorOption(Protocol):
    id: int
    name: str
    aliases: tuple[str, ...]


class ConceptOption(Protocol):
    id: int
    name: str
    description: str


class EditableStatement(Protocol):
    id: int
    version: int
    content: str
    speaker_mention: str | None
    cue: str | None
    actor_id: int | None
    concept_id: int | None
    stance: int | None
    kind: str
    status: str
    note: str
    annotator: str | None
    field_origins: dict[str, str]


@dataclass(frozen=True)
class EditorIntent:
    """One thing the analyst asked for in the editor.

    ``action``: "set" (``changes`` to the statement's fields), "new_actor" / "new_concept"
    (``name``: create it and give it to the statement), "merge" (``source_id`` into
    ``target_id``), "unmerge" (``source_id``), "next", "previous", "undo", "redo" or "delete".
    ``statement_id`` and ``version`` name the row as the analyst saw it (None for actions that
    do not touch it), so a stale edit can be refused.
    """

    action: str
    statement_id: int | None = None
    version: int | None = None
    changes: Mapping[str, Any] = field(default_factory=dict)
    name: str | None = None
    source_id: int | None = None
    target_id: int | None = None


def key_hint(command: str) -> str:
    """The keys of a command as shown on its button, e.g. "j/n"."""
    return "/".join("shift+u" if key == "U" else key for key in COMMAND_KEYS[command])


def actor_label(actor: ActorOption) -> str:
    """The actor's name followed by its other aliases, so typing any alias finds it."""
    others = [alias for alias in actor.aliases if alias.lower() != actor.name.lower()]
    return f"{actor.name} ({', '.join(others)})" if others else actor.name


def describe_statement(statement: Any, stance_labels: Mapping[int, str]) -> str:
    """One line saying what a statement holds now (for conflict messages), as Markdown."""
    stance = stance_labels.get(statement.stance) if statement.stance is not None else None
    parts = [
        f"status {statement.status}",
        f"actor {statement.actor_name or '-'}",
        f"concept {statement.concept_name or '-'}",
        f"stance {stance or '-'}",
        f"kind {statement.kind}",
    ]
    if statement.annotator:
        parts.append(f"last changed by {statement.annotator}")
    return escape_markdown(", ".join(parts))


def _deliver(on_intent: Callable[[EditorIntent], None], make: Callable[[], EditorIntent | None]):
    def callback() -> None:
        intent = make()
        if intent is not None:
            on_intent(intent)

    return callback


def decision_buttons(
    *,
    key: str,
    statement: EditableStatement | None,
    can_undo: bool,
    can_redo: bool,
    on_intent: Callable[[EditorIntent], None],
) -> None:
    """Accept, Reject, Previous, Next, Undo, Redo, each showing its key."""
    sid = statement.id if statement else None
    version = statement.version if statement else None
    specs = [
        ("accept", "Accept", ":material/check:", {"status": "accepted"}),
        ("reject", "Reject", ":material/close:", {"status": "rejected"}),
        ("previous", "Previous", ":material/arrow_upward:", None),
        ("next", "Next", ":material/arrow_downward:", None),
        ("undo", "Undo", ":material/undo:", None),
        ("redo", "Redo", ":material/redo:", None),
    ]
    # One row per pair, each button at least as wide as its label: a narrow column (a 1024 px
    # window) wraps a pair onto two lines instead of cutting the key hints off.
    rows = [st.container(horizontal=True, gap="small") for _pair in range(3)]
    for index, (command, label, icon, changes) in enumerate(specs):
        if changes is not None:
            disabled = statement is None or statement.status == changes["status"]

            def make(changes: dict[str, Any] = changes) -> EditorIntent:
                return EditorIntent("set", sid, version, changes)

        else:
            disabled = (
                (command == "undo" and not can_undo)
                or (command == "redo" and not can_redo)
                or (command in ("previous", "next") and statement is None)
            )

            def make(command: str = command) -> EditorIntent:
                return EditorIntent(command, sid, version)

        rows[index // 2].button(
            f"{label} ({key_hint(command)})",
            key=f"{key}.{command}",
            icon=icon,
            type="primary" if command == "accept" and not disabled else "secondary",
            disabled=disabled,
            width="stretch",
            on_click=_deliver(on_intent, make),
        )


def statement_editor(
    *,
    key: str,
    statement: EditableStatement | None,
    position: tuple[int, int],
    actors: Sequence[ActorOption],
    concepts: Sequence[ConceptOption],
    stance_levels: Sequence[tuple[int, str]],
    can_undo: bool,
    can_redo: bool,
    on_intent: Callable[[EditorIntent], None],
) -> None:
    """Edit the selected statement; every change goes to ``on_intent`` from its callback.

    ``position`` is (1-based index of the statement, number of statements) for the heading;
    ``stance_levels`` is the scale as (value, label) pairs.
    """
    decision_buttons(
        key=key, statement=statement, can_undo=can_undo, can_redo=can_redo, on_intent=on_intent
    )
    if statement is None:
        st.info(
            "No statement selected. Click a highlighted statement, or select words in the text "
            "and press **New statement (s)**."
        )
        return

    sid, version = statement.id, statement.version
    index, total = position
    origins = statement.field_origins or {}
    st.markdown(
        f"**Statement {index} of {total}** · {escape_markdown(statement.status)} · "
        + (
            ":violet-badge[position]"
            if statement.kind == "position"
            else f"{escape_markdown(statement.kind)}"
        )
        + (" · set by a person" if "person" in origins.values() else " · machine suggestion")
    )
    quote = statement.content
    if len(quote) > MAX_QUOTE_CHARS:
        quote = quote[: MAX_QUOTE_CHARS - 1] + "…"
    st.markdown(f"> {escape_markdown(quote)}")
    mention = statement.speaker_mention or "none (select words and press Set as speaker (m))"
    cue = statement.cue or "-"
    st.caption(f"Speaker mention: {escape_markdown(mention)} · cue: {escape_markdown(cue)}")
    widget = f"{key}.{sid}.{version}"

    actor_ids = [actor.id for actor in actors]
    labels = {actor.id: actor_label(actor) for actor in actors}

    def actor_intent() -> EditorIntent | None:
        chosen = st.session_state.get(f"{widget}.actor")
        if isinstance(chosen, str):
            return EditorIntent("new_actor", sid, version, name=chosen)
        return EditorIntent("set", sid, version, {"actor_id": chosen})

    st.selectbox(
        "Actor",
        [None, *actor_ids],
        index=(actor_ids.index(statement.actor_id) + 1) if statement.actor_id in labels else 0,
        format_func=lambda actor_id: "(no actor)" if actor_id is None else labels[actor_id],
        accept_new_options=True,
        key=f"{widget}.actor",
        help="Type any alias to find an actor, or a new name to create one.",
        on_change=_deliver(on_intent, actor_intent),
    )

    concept_ids = [concept.id for concept in concepts]
    concept_names = {concept.id: concept.name for concept in concepts}

    def concept_intent() -> EditorIntent | None:
        chosen = st.session_state.get(f"{widget}.concept")
        if isinstance(chosen, str):
            return EditorIntent("new_concept", sid, version, name=chosen)
        return EditorIntent("set", sid, version, {"concept_id": chosen})

    st.selectbox(
        "Concept",
        [None, *concept_ids],
        index=(concept_ids.index(statement.concept_id) + 1)
        if statement.concept_id in concept_names
        else 0,
        format_func=lambda cid: "(no concept)" if cid is None else concept_names[cid],
        accept_new_options=True,
        key=f"{widget}.concept",
        help="Pick from the codebook, or type a new concept to add it.",
        on_change=_deliver(on_intent, concept_intent),
    )

    keys_by_value = {value: k for k, value in stance_keys(stance_levels).items()}
    stance_labels = dict(stance_levels)
    # Most positive first, as the keys number them; None is "no stance", the 0 key's choice.
    stance_options: list[int | None] = [*sorted(stance_labels, reverse=True), None]

    def stance_intent() -> EditorIntent:
        return EditorIntent(
            "set", sid, version, {"stance": st.session_state.get(f"{widget}.stance")}
        )

    # Radios, not segmented controls: a scale's labels can be long ("strongly disagree with the
    # government's position"), and radio labels wrap inside a narrow column where a segmented
    # control's buttons keep to one line and scroll sideways out of sight.
    st.radio(
        "Stance",
        stance_options,
        index=stance_options.index(statement.stance if statement.stance in stance_labels else None),
        # Labels render Markdown: a label is shown as typed, never as bold text or a link.
        format_func=lambda value: stance_option_label(value, stance_labels, keys_by_value),
        horizontal=True,
        key=f"{widget}.stance",
        on_change=_deliver(on_intent, stance_intent),
    )

    def kind_intent() -> EditorIntent | None:
        chosen = st.session_state.get(f"{widget}.kind")
        return None if chosen is None else EditorIntent("set", sid, version, {"kind": chosen})

    st.radio(
        "Kind",
        KINDS,
        index=KINDS.index(statement.kind) if statement.kind in KINDS else None,
        horizontal=True,
        key=f"{widget}.kind",
        on_change=_deliver(on_intent, kind_intent),
    )

    def note_intent() -> EditorIntent:
        return EditorIntent("set", sid, version, {"note": st.session_state.get(f"{widget}.note")})

    st.text_area(
        "Note",
        value=statement.note,
        key=f"{widget}.note",
        height=80,
        help="Saved when you leave the box (or press Ctrl+Enter).",
        on_change=_deliver(on_intent, note_intent),
    )

    with st.popover("More", icon=":material/more_horiz:", width="stretch"):
        merge_actors_form(key=f"{key}.merge", actors=actors, on_intent=on_intent)
        st.divider()
        st.button(
            "Delete this statement",
            key=f"{widget}.delete",
            icon=":material/delete:",
            on_click=_deliver(on_intent, lambda: EditorIntent("delete", sid, version)),
        )


def stance_option_label(
    value: int | None, stance_labels: Mapping[int, str], keys_by_value: Mapping[int, str]
) -> str:
    """A stance choice as shown, with its key: "agree (1)", "no stance (0)"; Markdown-escaped."""
    if value is None:
        return f"no stance ({CLEAR_STANCE_KEY})"
    return f"{escape_markdown(stance_labels[value])} ({keys_by_value.get(value, '-')})"


def merge_actors_form(
    *, key: str, actors: Sequence[ActorOption], on_intent: Callable[[EditorIntent], None]
) -> None:
    """Pick two actors and merge the first into the second (undoable)."""
    st.markdown("**Merge two actors** (the first becomes an alias of the second)")
    ids = [actor.id for actor in actors]
    labels = {actor.id: actor_label(actor) for actor in actors}
    source = st.selectbox(
        "Merge",
        ids,
        index=None,
        format_func=labels.get,
        key=f"{key}.source",
        placeholder="Actor to fold in",
    )
    target = st.selectbox(
        "into",
        ids,
        index=None,
        format_func=labels.get,
        key=f"{key}.target",
        placeholder="Actor to keep",
    )

    def make() -> EditorIntent | None:
        chosen_source = st.session_state.get(f"{key}.source")
        chosen_target = st.session_state.get(f"{key}.target")
        if chosen_source is None or chosen_target is None:
            return None
        return EditorIntent("merge", source_id=chosen_source, target_id=chosen_target)

    st.button(
        "Merge",
        key=f"{key}.button",
        icon=":material/merge:",
        disabled=source is None or target is None or source == target,
        on_click=_deliver(on_intent, make),
    )


def neighbour_id(statement_ids: Sequence[int], current: int | None, step: int) -> int | None:
    """The statement ``step`` places after ``current`` in text order (clamped at the ends)."""
    if not statement_ids:
        return None
    if current not in statement_ids:
        return statement_ids[0]
    index = statement_ids.index(current) + step
    return statement_ids[max(0, min(index, len(statement_ids) - 1))]


def next_to_review(statements: Sequence[EditableStatement], current: int | None) -> int | None:
    """After a decision: the next suggestion still to review after ``current`` (wrapping round),
    or ``current`` itself when every statement has been decided."""
    ids = [statement.id for statement in statements]
    start = ids.index(current) + 1 if current in ids else 0
    for offset in range(len(statements)):
        candidate = statements[(start + offset) % len(statements)]
        if candidate.status == "suggested" and candidate.id != current:
            return candidate.id
    return current
