"""One unit of a double-coded article, the coders' versions side by side, with the
adjudicator's choices: pick a version, edit one and accept it, or reject the unit.

Takes plain data (``UnitView``, the codebook's choices); what the adjudicator asked for is an
``AdjudicationIntent`` the page takes with ``take_intent`` at the start of the next run and
writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
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
    article_id: int
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


def _remember(intent_key: str, intent: AdjudicationIntent, edit_key: str | None = None) -> None:
    # A button's callback, bound when the page was drawn: ``seen`` is what the adjudicator saw,
    # so a version a coder changed since is refused instead of settled unseen.
    if edit_key is not None:
        intent = replace(
            intent,
            changes={
                "actor_id": st.session_state.get(f"{edit_key}-actor"),
                "concept_id": st.session_state.get(f"{edit_key}-concept"),
                "stance": st.session_state.get(f"{edit_key}-stance"),
            },
        )
    st.session_state[intent_key] = intent


def take_intent(intent_key: str) -> AdjudicationIntent | None:
    """The choice made with the last click (once), or None."""
    return st.session_state.pop(intent_key, None)


def unit_versions(
    unit: UnitView,
    *,
    actors: Mapping[int | None, str],
    concepts: Mapping[int | None, str],
    stances: Mapping[int | None, str],
    intent_key: str,
    key: str,
) -> None:
    """The unit's versions in one column each, the result (if settled) above them, and the
    buttons; a click leaves the adjudicator's choice for ``take_intent(intent_key)``."""
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
                buttons.button(
                    f"Pick {coder}'s",
                    key=f"{key}-pick-{version.statement_id}",
                    type="primary",
                    on_click=_remember,
                    args=(
                        intent_key,
                        AdjudicationIntent(PICK, unit.article_id, version.statement_id, unit.seen),
                    ),
                )
                with buttons.popover("Edit", key=f"{key}-editbox-{version.statement_id}"):
                    edit_key = f"{key}-edit-{version.statement_id}"
                    _choice("Actor", actors, version.actor, f"{edit_key}-actor")
                    _choice("Concept", concepts, version.concept, f"{edit_key}-concept")
                    _choice("Stance", stances, version.stance, f"{edit_key}-stance")
                    st.button(
                        "Accept edited",
                        key=f"{edit_key}-accept",
                        type="primary",
                        on_click=_remember,
                        args=(
                            intent_key,
                            AdjudicationIntent(
                                EDIT, unit.article_id, version.statement_id, unit.seen
                            ),
                            edit_key,
                        ),
                    )
        first = next(v for v in unit.versions.values() if v is not None)
        st.button(
            "Reject the statement",
            key=f"{key}-reject",
            icon=":material/block:",
            on_click=_remember,
            args=(
                intent_key,
                AdjudicationIntent(REJECT, unit.article_id, first.statement_id, unit.seen),
            ),
        )


def progress_line(settled: int, units: int) -> None:
    st.progress(settled / units if units else 1.0, text=f"{settled} of {units} units settled")


def options_with_none(pairs: Sequence[tuple[int, str]]) -> dict[int | None, str]:
    """Choices for a select box: "—" (nothing) first, then the given ids and names."""
    return {None: "—", **dict(pairs)}
