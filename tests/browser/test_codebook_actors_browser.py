"""The Codebook's actors table in a real browser: an unresolved lone surname is marked."""

from __future__ import annotations

import pytest
from test_codebook_actors_page import _said

from quotegraph.store.db import open_store

pytestmark = pytest.mark.browser


def test_the_actors_tab_marks_an_unresolved_surname(app, streamlit_server) -> None:
    store = open_store(streamlit_server.db_url)
    _said(store, "Dana Okafor said the port was open.", "the port was open", "Dana Okafor")
    _said(store, "Rita Okafor said the port was shut.", "the port was shut", "Rita Okafor")
    _said(store, "Okafor said the port was full.", "the port was full", "Okafor")
    store.dispose()
    app.open("codebook")
    app.page.get_by_role("tab", name="Actors").click()
    app.wait_for_idle()
    message = app.page.get_by_text("may name several people")
    message.wait_for(timeout=10_000)
    assert "1 lone surname may name several people: it stays" in message.inner_text()
    app.screenshot("codebook-actors-unresolved")
