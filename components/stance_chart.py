"""Stacked bars of stance counts per actor, concept, article or date, clickable per segment.

Takes the tidy frame of :func:`quotegraph.networks.stance_counts` (``key``, ``stance``,
``count``, ``statement_ids``) and returns the clicked bar segment with its statements. The parts
above :func:`stance_chart` are plain Python, tested without Streamlit.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.chart_style import HOVER_LABEL, count_axis_ticks

Period = Literal["day", "week", "month"]
LABEL_CHARS = 40
AGREE_COLOUR = (46, 125, 50)
DISAGREE_COLOUR = (198, 40, 40)
NEUTRAL_COLOUR = (158, 158, 158)


@dataclass(frozen=True)
class StancePick:
    """A clicked bar segment: the bar's label, the stance, and the statements behind it."""

    bar: str
    stance: int
    statement_ids: tuple[int, ...]


def _period_start(day: dt.date, period: Period) -> dt.date:
    if period == "month":
        return day.replace(day=1)
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


def _period_label(day: dt.date, period: Period) -> str:
    if period == "month":
        return day.strftime("%Y-%m")
    return day.isoformat()  # a week by its Monday; the caption names the period


def _concatenated(lists: pd.Series) -> list[int]:
    return [item for ids in lists for item in ids]


def choose_period(dates: Sequence[dt.date]) -> Period:
    """Days for up to two months of articles, weeks up to a year, months beyond."""
    if not dates:
        return "day"
    span = (max(dates) - min(dates)).days
    return "day" if span <= 62 else "week" if span <= 366 else "month"


def bar_table(
    counts: pd.DataFrame,
    *,
    by: str,
    key_labels: Mapping[Any, str] | None = None,
    max_bars: int = 30,
    period: Period = "day",
) -> tuple[pd.DataFrame, int]:
    """The bar segments to draw and the number of bars there were before cutting.

    Returns a frame with ``bar`` (the bar's label, unique), ``order`` (its position: most
    statements first, or chronological for dates), ``stance``, ``count`` and ``statement_ids``.
    Dates are grouped by ``period``; other keys keep the ``max_bars`` with most statements.
    """
    columns = ["bar", "order", "stance", "count", "statement_ids"]
    if counts.empty:
        return pd.DataFrame({c: [] for c in columns}), 0
    frame = counts.copy()
    if by == "date":
        frame["key"] = [_period_start(pd.Timestamp(day).date(), period) for day in frame["key"]]
        frame = (
            frame.groupby(["key", "stance"], sort=True)
            .agg(count=("count", "sum"), statement_ids=("statement_ids", _concatenated))
            .reset_index()
        )
        keys = sorted(frame["key"].unique())
        order = {key: position for position, key in enumerate(keys)}
        labels = {key: _period_label(key, period) for key in keys}
        total_bars = len(keys)
        # the most recent periods when there are too many
        kept = set(keys[-max_bars:])
    else:
        totals = frame.groupby("key")["count"].sum()
        ranked = sorted(totals.items(), key=lambda item: (-item[1], str(item[0])))
        order = {key: position for position, (key, _) in enumerate(ranked)}
        labels = {key: str((key_labels or {}).get(key, key)) for key, _ in ranked}
        total_bars = len(ranked)
        kept = {key for key, _ in ranked[:max_bars]}
    frame = frame[frame["key"].isin(kept)]
    table = pd.DataFrame(
        {
            "bar": [labels[key] for key in frame["key"]],
            "order": [order[key] for key in frame["key"]],
            "stance": frame["stance"].astype(int).to_numpy(),
            "count": frame["count"].astype(int).to_numpy(),
            "statement_ids": [sorted(ids) for ids in frame["statement_ids"]],
        }
    )
    return table.sort_values(["order", "stance"], kind="stable").reset_index(drop=True), total_bars


def stance_colour(stance: int, scale: Sequence[int]) -> str:
    """Red for disagreeing, grey for neutral, green for agreeing; paler towards the middle of an
    ordered scale."""
    extreme = max((abs(v) for v in scale), default=1) or 1
    strength = min(abs(stance) / extreme, 1.0)
    target = AGREE_COLOUR if stance > 0 else DISAGREE_COLOUR if stance < 0 else NEUTRAL_COLOUR
    # ordered scales fade from grey (weak) to full colour (strongest stance)
    mix = 0.45 + 0.55 * strength if stance else 1.0
    rgb = [round(n + (t - n) * mix) for n, t in zip(NEUTRAL_COLOUR, target, strict=True)]
    return f"rgb({rgb[0]},{rgb[1]},{rgb[2]})"


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _axis_labels(bars: Sequence[str]) -> dict[str, str]:
    """Each bar's label on the axis: shortened and escaped, and numbered when two shortened
    labels would coincide (plotly would stack them into one bar)."""
    labels: dict[str, str] = {}
    used: set[str] = set()
    for bar in bars:
        # quote=False: plotly shows &quot; as typed; < > & escaped already keep out any tag.
        short = html.escape(_short(bar), quote=False)
        label, number = short, 2
        while label in used:
            label, number = f"{short} ({number})", number + 1
        used.add(label)
        labels[bar] = label
    return labels


def stance_figure(
    table: pd.DataFrame,
    *,
    by: str,
    stance_labels: Mapping[int, str],
    scale: Sequence[int],
) -> go.Figure:
    """Stacked bars, one trace per stance (disagree first). Actors, concepts and articles run
    down the chart with the busiest on top; dates run left to right. Each segment's
    ``customdata`` is ``[bar, stance]``."""
    horizontal = by != "date"
    bars = table.drop_duplicates("bar").sort_values("order")["bar"].tolist()
    display = _axis_labels(bars)
    figure = go.Figure()
    for stance in sorted(set(scale) | set(table["stance"].tolist())):
        part = table[table["stance"] == stance]
        if part.empty:
            continue
        name = stance_labels.get(stance, f"{stance:+d}")
        hover = [
            f"<b>{html.escape(bar, quote=False)}</b><br>{html.escape(name, quote=False)}: {count}"
            f" statement{'s' if count != 1 else ''}"
            for bar, count in zip(part["bar"], part["count"], strict=True)
        ]
        categories = [display[bar] for bar in part["bar"]]
        counts = part["count"].tolist()
        figure.add_trace(
            go.Bar(
                x=counts if horizontal else categories,
                y=categories if horizontal else counts,
                orientation="h" if horizontal else "v",
                name=html.escape(name, quote=False),
                marker={"color": stance_colour(stance, scale)},
                customdata=[[bar, stance] for bar in part["bar"]],
                hovertext=hover,
                hoverinfo="text",
            )
        )
    ordered = [display[bar] for bar in bars]
    category_axis = {
        "type": "category",
        "categoryorder": "array",
        # plotly draws the first category at the bottom of a vertical axis
        "categoryarray": ordered[::-1] if horizontal else ordered,
        "automargin": True,
    }
    largest = table.groupby("bar")["count"].sum().max() if len(table) else 0
    count_axis = {
        "title": {"text": "statements"},
        "rangemode": "tozero",
        **count_axis_ticks(float(largest)),
    }
    figure.update_layout(
        barmode="stack",
        height=max(320, 26 * len(bars) + 120) if horizontal else 420,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.0},
        clickmode="event+select",
        hovermode="closest",
        hoverlabel=HOVER_LABEL,
        xaxis=count_axis if horizontal else category_axis,
        yaxis=category_axis if horizontal else count_axis,
    )
    return figure


def pick_from_selection(
    selection: Mapping[str, Any] | None, table: pd.DataFrame
) -> StancePick | None:
    """The bar segment behind the first clicked point of a plotly selection, or None."""
    for point in (selection or {}).get("points") or []:
        data = point.get("customdata")
        if not isinstance(data, list | tuple) or len(data) != 2:
            continue
        bar, stance = data[0], data[1]
        match = table[(table["bar"] == bar) & (table["stance"] == stance)]
        if not match.empty:
            ids = match.iloc[0]["statement_ids"]
            return StancePick(bar=str(bar), stance=int(stance), statement_ids=tuple(ids))
    return None


def stance_chart(
    counts: pd.DataFrame,
    *,
    by: str,
    stance_labels: Mapping[int, str],
    scale: Sequence[int],
    key: str,
    key_labels: Mapping[Any, str] | None = None,
    max_bars: int = 30,
) -> StancePick | None:
    """Draw the stance counts ``by`` actor, concept, article or date; return the clicked segment."""
    period: Period = "day"
    if by == "date":
        period = choose_period([pd.Timestamp(day).date() for day in counts["key"]])
    table, total_bars = bar_table(
        counts, by=by, key_labels=key_labels, max_bars=max_bars, period=period
    )
    if table.empty:
        st.info(
            "No dated articles among these statements."
            if by == "date"
            else "No statements to count."
        )
        return None
    shown = table["bar"].nunique()
    notes = (
        [f"Statements per {period}, by the articles' publication dates."] if by == "date" else []
    )
    if total_bars > shown:
        which = "latest" if by == "date" else "with most statements"
        notes.append(f"Showing the {shown} {which} of {total_bars} bars.")
    if notes:
        st.caption(" ".join(notes))
    figure = stance_figure(table, by=by, stance_labels=stance_labels, scale=scale)
    event = st.plotly_chart(
        figure,
        key=key,
        on_select="rerun",
        selection_mode=("points",),
        config={"displaylogo": False},
        alt=f"Stacked bars of stance counts per {by}; click a segment to list its statements",
    )
    return pick_from_selection(event.selection, table)
