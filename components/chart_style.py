"""What every plotly chart of the app shares: hover labels that read clearly.

Plotly fills a hover label with its trace's colour by default: over a pale bar, a grey edge or
a half-transparent dot that gave faint, low-contrast text. Every chart uses this one style.
"""

from __future__ import annotations

from typing import Any

HOVER_LABEL: dict[str, Any] = {
    "bgcolor": "#ffffff",
    "bordercolor": "#546e7a",
    "font": {"color": "#1b1f24", "size": 13},
    "align": "left",
}


def count_axis_ticks(largest: float) -> dict[str, Any]:
    """Tick settings for an axis of counts: whole numbers only (no 0.5 ticks on small charts)."""
    if largest <= 10:
        return {"tickmode": "linear", "tick0": 0, "dtick": 1, "tickformat": "d"}
    return {"tickformat": "d"}
