"""Uploading a Discourse Network Analyzer project on the Library page (AppTest)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from components.plain_text import escape_markdown
from quotegraph.store.db import Store
from quotegraph.store.models import Statement
from tests.dna_fixture import write_dna3_fixture

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_uploaded_dna_project_is_imported_and_reported(
    store_url: str, app_store: Store, tmp_path: Path
) -> None:
    data = write_dna3_fixture(tmp_path / "project.dna").read_bytes()
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.file_uploader[0].set_value(
        [("project.dna", data, "application/octet-stream"), ("broken.dna", b"no", "text/plain")]
    )
    next(b for b in app.button if b.label == "Import files").click().run()

    assert not app.exception
    summary = (
        "imported 3 documents (0 already stored) and 6 statements (1 'Annotation', 5 'DNA "
        "Statement'; 0 already stored), 5 new actors, 2 new concepts; 2 notes"
    )
    assert [s.value for s in app.success] == [
        f"**{escape_markdown('project.dna')}** (DNA project): {escape_markdown(summary)}."
    ]
    reason = "broken.dna is not a SQLite database (a DNA 3 file is)"
    assert [e.value for e in app.error] == [
        f"**{escape_markdown('broken.dna')}**: {escape_markdown(reason)}"
    ]
    with app_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Statement)) == 6
    titles = list(app.dataframe[0].value["Title"])
    assert {"Tax debate", "Wind", "Later"} <= set(titles)
