"""``python -m quotegraph agreement``: the figures as JSON, CSV and text, and its errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from coder_layers import Version, write_coder_layers

from quotegraph.cli import main
from quotegraph.commands.agreement import FIELD_CHOICES
from quotegraph.store.db import open_store
from quotegraph.team.agreement import FIELDS

TEXT = "Ministers said =SUM(A1) was the plan. Critics said it was reckless."


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'double.db'}"
    store = open_store(url)
    write_coder_layers(
        store,
        TEXT,
        {
            "anna": [
                Version("=SUM(A1) was the plan", actor="Ministers", stance=1),
                Version("it was reckless", actor="Critics", stance=-1),
            ],
            "ben": [
                Version("=SUM(A1) was the plan", actor="Ministers", stance=0),
                Version("it was reckless", actor="Critics", stance=-1),
            ],
        },
        title="=cmd|' /C calc'!A0",
    )
    store.dispose()
    return url


def test_field_choices_are_the_measured_fields() -> None:
    assert FIELD_CHOICES == FIELDS


def test_json_has_the_figures_and_the_disagreements(url: str, capsys) -> None:  # noqa: ANN001
    assert main(["agreement", "--db", url, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["coders"] == ["anna", "ben"]
    figures = {(f["field"], f["coders"]): f for f in report["figures"]}
    assert figures[("actor", "anna × ben")]["percent"] == 1.0
    assert figures[("stance", "anna × ben")]["percent"] == 0.5
    assert figures[("span", "anna × ben")]["span_f1"] == 1.0
    assert [d["field"] for d in report["disagreements"]] == ["stance"]
    assert report["disagreements"][0]["values"] == {"anna": "agree (1)", "ben": "neutral (0)"}


def test_csv_of_one_field_and_disagreements_neutralise_formulas(url: str, capsys) -> None:  # noqa: ANN001
    assert main(["agreement", "--db", url, "--format", "csv", "--field", "stance"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(row["field"], row["units"], row["percent"]) for row in rows] == [
        ("stance", "2", "0.5")
    ]
    assert main(["agreement", "--db", url, "--format", "csv", "--disagreements"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["title"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["text"] == "'=SUM(A1) was the plan"
    assert (rows[0]["anna"], rows[0]["ben"]) == ("agree (1)", "neutral (0)")


def test_text_table_names_the_span_measure(url: str, capsys) -> None:  # noqa: ANN001
    assert main(["agreement", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "2 units in 1 double-coded articles" in out
    assert "span-F1" in out


def test_a_bad_store_is_one_line_and_exit_1(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    assert main(["agreement", "--db", "nosuchdriver://x"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: cannot open the store")
