"""One unit of a double-coded article, the coders' versions side by side, with the
adjudicator's choices: pick a version, edit one and accept it, or reject the unit.

Takes plain data (``UnitView``, the codebook's choices) and returns what the adjudicator asked
for as an ``AdjudicationIntent``; the page does the writing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from components.plain_text import escape_markdown
from quotegraph.team.adjudication import UnitView, VersionView

PICK = "pick"
EDIT = "edit"
REJECT = "reject"


@dataclass(frozen=True)
class AdjudicationIntent:
    action: str  # pick / edit / reject
    statement_id: int
    seen: dict[int, int]
    changes: dict[str, Any] = field(default_factory=dict)


def _version_lines(version: VersionView | None) -> str:
    if version is None:
        return "*coded nothing here*"
    if version.status == "rejected":
        return f"**rejected**: “{escape_markdown(version.text)}”"
    status = "" if version.status == "accepted" else f" ({escape_markdown(version.status)})"
    return "\n\n".join(
        [
            f"“{escape_markdown(version.text)}”{status}",
            f"**Actor** {escape_markdown(version.actor or '—')}",
            f"**Concept** {escape_markdown(version.concept or '—')}",
            f"**Stance** {escape_markdown(version.stance or '—')}",
        ]
    )


def _choice(label: str, options: Mapping[int | None, str], current: str | None, key: str) -> Any:
    values = list(options)
    names = list(options.values())
    index = names.index(current) if current in names else 0
    return st.selectbox(label, values, index=index, format_func=options.get, key=key)


def unit_versions(
    unit: UnitView,
    *,
    actors: Mapping[int | None, str],
    concepts: Mapping[int | None, str],
    stances: Mapping[int | None, str],
    key: str,
) -> AdjudicationIntent | None:
    """The unit's versions in one column each, the result (if settled) above them, and the
    buttons; returns the adjudicator's choice, or None."""
    intent = None
    with st.container(border=True, key=f"{key}-box"):
        if unit.result is not None:
            how = f"picked from {unit.picked_from}" if unit.picked_from else "settled"
            verdict = "rejected" if unit.result.status == "rejected" else "accepted"
            st.markdown(
                f":green-badge[:material/gavel: Settled: {verdict}, {escape_markdown(how)}]"
            )
        elif unit.agreed:
            st.markdown(":blue-badge[Coders agree]")
        columns = st.columns(len(unit.versions))
        for column, (coder, version) in zip(columns, unit.versions.items(), strict=True):
            with column:
                st.markdown(f"**{escape_markdown(coder)}**")
                st.markdown(_version_lines(version))
                if version is None:
                    continue
                buttons = st.container(horizontal=True)
                if buttons.button(
                    f"Pick {coder}'s", key=f"{key}-pick-{version.statement_id}", type="primary"
                ):
                    intent = AdjudicationIntent(PICK, version.statement_id, unit.seen)
                with buttons.popover("Edit", key=f"{key}-editbox-{version.statement_id}"):
                    edit_key = f"{key}-edit-{version.statement_id}"
                    actor = _choice("Actor", actors, version.actor, f"{edit_key}-actor")
                    concept = _choice("Concept", concepts, version.concept, f"{edit_key}-concept")
                    stance = _choice("Stance", stances, version.stance, f"{edit_key}-stance")
                    if st.button("Accept edited", key=f"{edit_key}-accept", type="primary"):
                        intent = AdjudicationIntent(
                            EDIT,
                            version.statement_id,
                            unit.seen,
                            {"actor_id": actor, "concept_id": concept, "stance": stance},
                        )
        first = next(v for v in unit.versions.values() if v is not None)
        if st.button("Reject the statement", key=f"{key}-reject", icon=":material/block:"):
            intent = AdjudicationIntent(REJECT, first.statement_id, unit.seen)
    return intent


def progress_line(settled: int, units: int) -> None:
    st.progress(settled / units if units else 1.0, text=f"{settled} of {units} units settled")


def options_with_none(pairs: Sequence[tuple[int, str]]) -> dict[int | None, str]:
    """Choices for a select box: "—" (nothing) first, then the given ids and names."""
    return {None: "—", **dict(pairs)}
