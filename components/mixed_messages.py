"""Mixed messages: actors (or affiliation groups) that took both sides of one concept.

Takes the :class:`quotegraph.networks.MixedMessage` list and the statement frame, and shows each
case with the agreeing statements on the left and the disagreeing ones on the right, each with
its link to Annotate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from components.statement_list import markdown_literal, statement_card
from quotegraph.networks import MixedMessage

PER_SIDE_LIMIT = 10


def _side(
    rows: pd.DataFrame,
    statement_ids: Sequence[int],
    stance_labels: Mapping[int, str],
    *,
    heading: str,
    key: str,
) -> None:
    side = rows[rows["statement_id"].isin(list(statement_ids))]
    side = side.sort_values(["published", "statement_id"], na_position="last", kind="stable")
    st.markdown(f"**{heading}** ({len(side)})")
    for position, row in enumerate(side.head(PER_SIDE_LIMIT).to_dict("records")):
        statement_card(row, stance_labels, key=f"{key}-{position}-{row['statement_id']}")
    if len(side) > PER_SIDE_LIMIT:
        st.caption(f"and {len(side) - PER_SIDE_LIMIT} more")


def mixed_messages(
    messages: Sequence[MixedMessage],
    statements: pd.DataFrame,
    *,
    stance_labels: Mapping[int, str],
    grouped: bool,
    key: str,
    limit: int = 25,
) -> None:
    """Each mixed message as an expander with the two sides in two columns.

    ``grouped`` says the actors are affiliation groups, so the speakers behind each side are
    named too. At most ``limit`` cases are listed, most statements first.
    """
    who = "groups" if grouped else "actors"
    if not messages:
        st.info(
            f"No mixed messages: none of these {who} both agreed and disagreed on one concept "
            "under the current filters."
        )
        return
    ranked = sorted(
        messages,
        key=lambda m: (
            -(len(m.positive_statement_ids) + len(m.negative_statement_ids)),
            m.actor,
            m.concept,
        ),
    )
    st.caption(
        f"{len(messages)} case{'s' if len(messages) != 1 else ''} where one of the {who} took "
        "both sides of a concept"
        + (f"; the {limit} with most statements shown." if len(messages) > limit else ".")
    )
    for number, message in enumerate(ranked[:limit]):
        title = (
            f"{message.actor} on {message.concept}: {len(message.positive_statement_ids)} for, "
            f"{len(message.negative_statement_ids)} against"
        )
        with st.expander(markdown_literal(title), expanded=number == 0):
            if grouped and message.speakers:
                st.caption("Speakers: " + markdown_literal(", ".join(message.speakers)))
            agree_column, disagree_column = st.columns(2)
            with agree_column:
                _side(
                    statements,
                    message.positive_statement_ids,
                    stance_labels,
                    heading="For",
                    key=f"{key}-{number}-for",
                )
            with disagree_column:
                _side(
                    statements,
                    message.negative_statement_ids,
                    stance_labels,
                    heading="Against",
                    key=f"{key}-{number}-against",
                )
