"""Explore over time: window settings, the time slider, polarisation over time, and stance
counts per period for one actor or concept.

The figures are built by plain functions (tested without Streamlit); the Streamlit pieces draw
them and return what the user chose.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.stance_chart import AGREE_COLOUR, DISAGREE_COLOUR, NEUTRAL_COLOUR

DUPLICATE_CHOICES = {
    "once per article": "document",
    "once per week": "week",
    "once per month": "month",
    "once per year": "year",
    "every time": "none",
}
WHOLE_PERIOD = -1
ALL_DATES = "all dates"


@dataclass(frozen=True)
class WindowSettings:
    """Window length and step in days, and how often an identical statement counts."""

    length_days: int
    step_days: int
    duplicates: str


def window_settings(*, key: str) -> WindowSettings:
    """Three controls in a row: window length, step (days) and the duplicate setting."""
    length_column, step_column, duplicates_column = st.columns(3)
    length = length_column.number_input(
        "Window (days)", 1, 3660, 30, key=f"{key}_length", persist_state="page"
    )
    step = step_column.number_input(
        "Step (days)", 1, 3660, 7, key=f"{key}_step", persist_state="page"
    )
    duplicates = duplicates_column.selectbox(
        "Identical statements count",
        list(DUPLICATE_CHOICES),
        key=f"{key}_duplicates",
        persist_state="page",
        help="The same actor, concept and stance counts once per article, week, month or "
        "year of the article's date (as DNA's duplicate setting), or every time.",
    )
    return WindowSettings(int(length), int(step), DUPLICATE_CHOICES[duplicates])


def window_picker(labels: Sequence[str], *, key: str) -> int:
    """A slider over ``labels`` (one per window) with "all dates" first; returns the chosen
    window's index, or ``WHOLE_PERIOD``."""
    options = [ALL_DATES, *labels]  # window labels are unique: each names its own dates
    choice = st.select_slider(
        "Time window",
        options=options,
        value=ALL_DATES,
        key=key,
        help="Slide through the windows: the network, its coalitions and the lists below follow.",
    )
    return options.index(choice) - 1 if choice in options else WHOLE_PERIOD


def polarisation_figure(table: pd.DataFrame, *, selected: int | None = None) -> go.Figure:
    """Polarisation (and the number of coalitions, on a second axis) per window, by the
    window's first day; the chosen window is marked."""
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=table["start"],
            y=table["polarisation"],
            mode="lines+markers",
            name="polarisation",
            line={"color": "#6a1b9a"},
            hovertemplate="%{x}: %{y:.3f}<extra>polarisation</extra>",
        )
    )
    figure.add_trace(
        go.Bar(
            x=table["start"],
            y=table["coalitions"],
            name="coalitions",
            yaxis="y2",
            marker={"color": "rgba(120, 144, 156, 0.35)"},
            hovertemplate="%{x}: %{y}<extra>coalitions</extra>",
        )
    )
    if selected is not None and 0 <= selected < len(table):
        figure.add_vline(x=table["start"].iloc[selected], line={"color": "#263238", "dash": "dot"})
    figure.update_layout(
        height=280,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"title": "polarisation", "rangemode": "tozero"},
        yaxis2={"title": "coalitions", "overlaying": "y", "side": "right", "showgrid": False,
                "rangemode": "tozero", **_whole_ticks(table["coalitions"])},
        legend={"orientation": "h", "y": 1.15},
    )  # fmt: skip
    return figure


def _whole_ticks(counts: pd.Series) -> dict[str, object]:
    """Axis ticks on whole numbers only: a count of 0.5 statements means nothing."""
    most = float(counts.abs().max()) if len(counts) else 0.0
    return {"tickformat": "d", "dtick": 1} if most <= 10 else {"tickformat": "d"}


def _period_label(day: dt.date, period: str) -> str:
    """A month as 2026-01, a year as 2026, a week by its Monday's date."""
    if period == "month":
        return day.strftime("%Y-%m")
    if period == "year":
        return str(day.year)
    return day.isoformat()


def stance_over_time_figure(
    frame: pd.DataFrame, key: str, *, stance_labels: Mapping[int, str], period: str = "month"
) -> go.Figure:
    """Stacked bars of one key's statements per period (weeks by their Monday), a segment per
    stance (agreeing up, disagreeing down), from :func:`quotegraph.networks.stance_over_time`."""
    rows = frame[frame["key"] == key]
    periods = [_period_label(day, period) for day in sorted(rows["period"].unique())]
    figure = go.Figure()
    for stance in sorted(rows["stance"].unique()):
        part = rows[rows["stance"] == stance]
        sign = -1 if stance < 0 else 1
        colour = AGREE_COLOUR if stance > 0 else DISAGREE_COLOUR if stance < 0 else NEUTRAL_COLOUR
        name = stance_labels.get(int(stance), str(stance))
        figure.add_trace(
            go.Bar(
                x=[_period_label(day, period) for day in part["period"]],
                y=sign * part["count"],
                name=html.escape(name, quote=False),
                marker={"color": "rgb({}, {}, {})".format(*colour)},
                customdata=part["count"],
                hovertemplate="%{x}: %{customdata}<extra>" + html.escape(name) + "</extra>",
            )
        )
    figure.update_layout(
        barmode="relative",
        height=300,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"title": "statements (disagreeing below 0)", **_whole_ticks(rows["count"])},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": periods},
        legend={"orientation": "h", "y": 1.15},
    )
    return figure


def polarisation_chart(table: pd.DataFrame, *, selected: int | None, key: str) -> None:
    st.plotly_chart(
        polarisation_figure(table, selected=selected),
        key=key,
        config={"displaylogo": False},
    )


def stance_over_time_chart(
    frame: pd.DataFrame, *, stance_labels: Mapping[int, str], period: str, key: str
) -> None:
    """Pick an actor or concept (the most active first) and draw its stances per period."""
    if frame.empty:
        st.caption("No dated statements under these filters.")
        return
    totals = frame.groupby("key")["count"].sum().sort_values(ascending=False, kind="stable")
    chosen = st.selectbox(
        "Show", totals.index.tolist(), format_func=lambda k: f"{k} ({totals[k]})", key=f"{key}_key"
    )
    st.plotly_chart(
        stance_over_time_figure(frame, chosen, stance_labels=stance_labels, period=period),
        key=f"{key}_chart",
        config={"displaylogo": False},
    )
