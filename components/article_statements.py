"""The table of an article's statements in Annotate: filters by kind, status, actor and concept,
a row selection, and one decision for the whole selection (accept or reject the suggestions).

It takes the statements as the core lists them and reports what the user asked for through
``on_intent`` from the button's callback (so the page writes it before the rerun draws), or by
returning the statement to show when the user picks a single row.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import streamlit as st

from quotegraph.annotation import STATUSES, StatementView, select_statements

NOT_SET = -1  # the "(not set)" option of the actor and concept filters
TEXT_CHARS = 140


@dataclass(frozen=True)
class BulkDecision:
    """Set ``status`` on these statements (the versions the user saw) as one decision."""

    status: Literal["accepted", "rejected"]
    versions: Mapping[int, int]


def _named(options: Mapping[int | None, str]) -> dict[int, str]:
    return {NOT_SET if key is None else key: name for key, name in options.items()}


def statement_table_rows(
    statements: Sequence[StatementView], stance_labels: Mapping[int, str]
) -> pd.DataFrame:
    """One row per statement: status, kind, actor, concept, stance and the words (clipped)."""
    return pd.DataFrame(
        {
            "Status": [s.status for s in statements],
            "Kind": [s.kind for s in statements],
            "Actor": [s.actor_name or "" for s in statements],
            "Concept": [s.concept_name or "" for s in statements],
            "Stance": [
                "" if s.stance is None else stance_labels.get(s.stance, f"{s.stance:+d}")
                for s in statements
            ],
            "Text": [
                " ".join(s.content.split())[:TEXT_CHARS]
                + ("…" if len(s.content) > TEXT_CHARS else "")
                for s in statements
            ],
        },
        index=pd.Index([s.id for s in statements], name="#"),
    )


def article_statements(
    statements: Sequence[StatementView],
    *,
    kinds: Sequence[str],
    stance_labels: Mapping[int, str],
    key: str,
    on_decision: Callable[[BulkDecision], None],
) -> int | None:
    """Filters, the table and the bulk decision buttons. ``kinds`` are every kind the store
    knows (the filter offers them all). Returns the statement of a newly picked single row, for
    the page to select in the text; None otherwise."""
    actors = _named({s.actor_id: s.actor_name or "?" for s in statements})
    concepts = _named({s.concept_id: s.concept_name or "?" for s in statements})
    actors[NOT_SET], concepts[NOT_SET] = "(no actor)", "(no concept)"
    kind_column, status_column, actor_column, concept_column = st.columns(4)
    chosen_kinds = kind_column.multiselect("Kind", list(kinds), key=f"{key}.kinds")
    chosen_statuses = status_column.multiselect("Status", list(STATUSES), key=f"{key}.statuses")
    chosen_actors = actor_column.multiselect(
        "Actor",
        sorted(actors, key=lambda a: (a != NOT_SET, actors[a].casefold())),
        format_func=actors.__getitem__,
        key=f"{key}.actors",
    )
    chosen_concepts = concept_column.multiselect(
        "Concept",
        sorted(concepts, key=lambda c: (c != NOT_SET, concepts[c].casefold())),
        format_func=concepts.__getitem__,
        key=f"{key}.concepts",
    )
    shown = select_statements(
        statements,
        kinds=chosen_kinds or None,
        statuses=chosen_statuses or None,
        actor_ids={None if a == NOT_SET else a for a in chosen_actors} or None,
        concept_ids={None if c == NOT_SET else c for c in chosen_concepts} or None,
    )
    # The key names the listed rows, so a filter change starts a fresh selection.
    listed = zlib.crc32(",".join(str(s.id) for s in shown).encode())
    event = st.dataframe(
        statement_table_rows(shown, stance_labels),
        key=f"{key}.table.{listed:08x}",
        width="stretch",
        height=min(38 + 35 * max(len(shown), 1), 420),
        on_select="rerun",
        selection_mode="multi-row",
        column_config={
            "Text": st.column_config.TextColumn(width="large"),
            "Kind": st.column_config.TextColumn(width="small"),
            "Status": st.column_config.TextColumn(width="small"),
        },
    )
    picked = [shown[row] for row in event.selection.rows if row < len(shown)]
    suggestions = {s.id: s.version for s in picked if s.status == "suggested"}
    count = len(suggestions)
    plural = "s" if count != 1 else ""
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(
            f"{len(shown)} of {len(statements)} statements shown · {len(picked)} selected, "
            f"{count} of them suggestion{plural}"
        )
        for status, label, icon in (
            ("accepted", "Accept", ":material/check:"),
            ("rejected", "Reject", ":material/close:"),
        ):
            st.button(
                f"{label} {count} suggestion{plural}",
                key=f"{key}.{status}",
                icon=icon,
                disabled=not suggestions,
                help="One decision for the whole selection: one undo (u) takes it back. "
                "Statements already decided are left as they are.",
                on_click=on_decision,
                args=(BulkDecision(status, suggestions),),  # type: ignore[arg-type]
            )
    applied_key = f"{key}.applied_pick"
    single = picked[0].id if len(picked) == 1 else None
    if single != st.session_state.get(applied_key):
        st.session_state[applied_key] = single
        return single
    return None
