"""Mixed messages: actors (or affiliation groups) that took both sides of one concept.

Takes the :class:`quotegraph.networks.MixedMessage` list and the statement frame, lets the user
pick one case, and shows its agreeing statements on the left and its disagreeing ones on the
right, each with its link to Annotate.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.plain_text import escape_markdown
from components.statement_list import paged_cards, statement_rows
from quotegraph.networks import MixedMessage

PER_SIDE_LIMIT = 10


def _side(
    rows: pd.DataFrame,
    statement_ids: Sequence[int],
    *,
    heading: str,
    key: str,
) -> None:
    side = statement_rows(rows, statement_ids)
    st.markdown(f"**{heading}** ({len(side)})")
    paged_cards(side, key=key, page_size=PER_SIDE_LIMIT)


def case_title(message: MixedMessage) -> str:
    """One line naming the case: who, on what, how many statements on each side."""
    return (
        f"{message.actor} on {message.concept}: {len(message.positive_statement_ids)} for, "
        f"{len(message.negative_statement_ids)} against"
    )


def mixed_messages(
    messages: Sequence[MixedMessage],
    statements: pd.DataFrame,
    *,
    grouped: bool,
    key: str,
) -> MixedMessage | None:
    """Pick one mixed message from a list (most statements first) and show its two sides in two
    columns: agreeing on the left, disagreeing on the right.

    ``grouped`` says the actors are affiliation groups, so the speakers behind them are named.
    Returns the case shown, or None when there is none.
    """
    who = "groups" if grouped else "actors"
    if not messages:
        st.info(
            f"No mixed messages: none of these {who} both agreed and disagreed on one concept "
            "under the current filters."
        )
        return None
    ranked = sorted(
        messages,
        key=lambda m: (
            -(len(m.positive_statement_ids) + len(m.negative_statement_ids)),
            m.actor,
            m.concept,
        ),
    )
    by_title = {case_title(message): message for message in ranked}
    count = len(ranked)
    chosen = st.selectbox(
        f"{count} case{'s' if count != 1 else ''} where one of the {who} took both sides of a "
        "concept",
        list(by_title),
        key=f"{key}-case",
        persist_state="page",  # kept while another tab is open
    )
    message = by_title.get(chosen, ranked[0])
    if grouped and message.speakers:
        st.caption("Speakers: " + escape_markdown(", ".join(message.speakers)))
    agree_column, disagree_column = st.columns(2)
    with agree_column:
        _side(statements, message.positive_statement_ids, heading="For", key=f"{key}-for")
    with disagree_column:
        _side(statements, message.negative_statement_ids, heading="Against", key=f"{key}-against")
    return message
