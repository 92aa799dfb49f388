"""The Codebook page under AppTest: a concept's keywords and example sentences are saved."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from quotegraph.annotation.codebook_concepts import list_concepts
from quotegraph.store.db import open_store

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def _open() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params["annotator"] = "ana"
    app.switch_page("app_pages/codebook.py")
    return app.run()


def _area(app: AppTest, key: str):
    return next(area for area in app.text_area if area.key == key)


def test_a_concept_is_added_and_edited_with_keywords_and_examples(store_url: str) -> None:
    app = _open()
    assert not app.exception
    next(box for box in app.text_input if box.key == "codebook.concept.name").input("Wind power")
    _area(app, "codebook.concept.keywords").input("turbine\n\n wind farm ")
    _area(app, "codebook.concept.examples").input("Turbines give clean power")
    next(b for b in app.button if b.label == "Add concept").click().run()
    assert not app.exception
    store = open_store(store_url)
    try:
        (concept,) = list_concepts(store)
        assert (concept.keywords, concept.examples) == (
            "turbine\nwind farm",
            "Turbines give clean power",
        )
        assert _area(app, f"codebook.concept.keywords.{concept.id}").value == "turbine\nwind farm"
        _area(app, f"codebook.concept.examples.{concept.id}").input("Wind is cheap\nWind is free")
        next(b for b in app.button if b.label == "Save").click().run()
        assert list_concepts(store)[0].examples == "Wind is cheap\nWind is free"
    finally:
        store.dispose()
