"""The ``quotes`` command the scorer reads."""

from __future__ import annotations

import json
from pathlib import Path

from quotegraph.cli import main


def test_quotes_writes_one_row_per_statement_and_reports_missing_paths(tmp_path: Path, capsys):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("“We will win,” Ann Ruiz said.\n", encoding="utf-8")
    (folder / "sub" / "a.txt").write_text(
        "Tom Hale said the bridge would reopen in May.\n", encoding="utf-8"
    )
    (folder / "notes.md").write_text("Ann Ruiz said the notes are ignored.", encoding="utf-8")

    status = main(["quotes", str(tmp_path / "missing.txt"), str(folder)])

    captured = capsys.readouterr()
    assert status == 1
    assert captured.err.count("\n") == 1 and "missing.txt" in captured.err
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert rows == [
        {
            "article": "b.txt",
            "start": 1,
            "end": 12,
            "content": "We will win",
            "speaker": "Ann Ruiz",
            "speaker_start": 15,
            "speaker_end": 23,
            "cue": "said",
            "kind": "direct",
        },
        {
            "article": "a.txt",
            "start": 14,
            "end": 44,
            "content": "the bridge would reopen in May",
            "speaker": "Tom Hale",
            "speaker_start": 0,
            "speaker_end": 8,
            "cue": "said",
            "kind": "indirect",
        },
    ]
