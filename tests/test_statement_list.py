"""The statements behind a click: every one of them, a page at a time."""

from __future__ import annotations

from components.statement_list import page_bounds


def test_page_bounds_cover_every_row_once() -> None:
    shown = [page_bounds(120, page, 50) for page in (1, 2, 3)]
    assert shown == [(0, 50), (50, 100), (100, 120)]
    assert page_bounds(120, 9, 50) == (100, 120)  # past the end: the last page
    assert page_bounds(0, 1, 50) == (0, 0)
