"""Team coding on the Library page: the project's double-coding settings, assigning the selected
articles to coders, and importing coded statements. Each function draws a form and returns what
the user asked for (None until they submit); nothing here opens the database."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from quotegraph.store.project_settings import TeamSettings


@dataclass(frozen=True)
class AssignRequest:
    """Assign the selected articles to ``coders`` with ``overlap`` of them double coded."""

    coders: tuple[str, ...]
    overlap: float
    seed: int


@dataclass(frozen=True)
class StatementUpload:
    """A statement export to import, into ``coder``'s layer (None: as its coder column says)."""

    name: str
    data: bytes
    coder: str | None


def team_settings_form(current: TeamSettings, *, key: str) -> TeamSettings | None:
    """Double coding on or off, the overlap share, and whether coders see each other's work."""
    with st.form(f"{key}.form", border=False):
        double = st.toggle(
            "Double coding",
            key=f"{key}.double",
            value=current.double_coding,
            help="Articles assigned to two or more coders are coded by each in their own "
            "version, kept apart until adjudication",
        )
        overlap = st.slider(
            "Overlap share",
            0.0,
            1.0,
            key=f"{key}.overlap",
            value=current.overlap_share,
            step=0.05,
            help="The share of assigned articles that go to two coders",
        )
        visible = st.radio(
            "Coders' work",
            ["Blind: coders do not see each other's work", "Coders may see each other's work"],
            index=0 if current.blind else 1,
            key=f"{key}.visible",
        )
        if st.form_submit_button("Save settings"):
            return TeamSettings(double, overlap, visible.startswith("Blind"))
    return None


def assign_form(selected: int, default_overlap: float, *, key: str) -> AssignRequest | None:
    """Coders' names and the overlap share for the ``selected`` articles."""
    with st.form(f"{key}.form", border=False):
        names = st.text_input(
            "Coders", key=f"{key}.coders", placeholder="Names, separated by commas"
        )
        overlap = st.slider(
            "Double coded share", 0.0, 1.0, value=default_overlap, step=0.05, key=f"{key}.overlap"
        )
        seed = st.number_input(
            "Draw", min_value=0, value=0, step=1, key=f"{key}.seed", help="Which articles overlap"
        )
        label = f"Assign {selected} article{'s' if selected != 1 else ''}"
        submitted = st.form_submit_button(label, disabled=not selected)
    if not submitted:
        return None
    coders = tuple(name.strip() for name in names.split(",") if name.strip())
    return AssignRequest(coders, overlap, int(seed))


def statement_import_form(*, key: str) -> StatementUpload | None:
    """A CSV/JSONL statement export to upload, and the coder whose layer it goes into."""
    with st.form(f"{key}.form", border=False, clear_on_submit=True):
        upload = st.file_uploader(
            "Statement export (.csv or .jsonl)",
            type=["csv", "jsonl"],
            key=f"{key}.file",
            help="The project's own statement export; rows find their article by text hash or "
            "title, so import the articles first",
        )
        coder = st.text_input(
            "Into the layer of coder",
            key=f"{key}.coder",
            placeholder="Empty: as the file's coder column says",
        )
        submitted = st.form_submit_button("Import statements")
    if not submitted or upload is None:
        return None
    return StatementUpload(upload.name, upload.getvalue(), coder.strip() or None)
