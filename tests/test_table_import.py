"""Tables written by the tools analysts use (pandas, Excel, R, ``csv.writer``, JSON lines) come
back as exactly the articles that were written: one article per row, every text byte-identical,
with fields that hold newlines, quotation marks, commas and semicolons."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pandas as pd
import pytest

from quotegraph.articles import ArticleDraft
from quotegraph.config import load_settings
from quotegraph.reading import ImportProblem, read_upload

SETTINGS = load_settings()


def _tricky_articles(count: int = 30) -> list[dict[str, str]]:
    """Texts shaped like news copy: paragraphs, quotations with doubled and curly marks,
    commas, semicolons, a leading dash and a line that looks like a CSV header."""
    articles = []
    for i in range(count):
        text = (
            f'Minister {i} said: "We will act, and soon".\n\n'
            f'"It\'s a ""test"" of nerve," an aide added; nobody, she said, agreed.\n'
            f"title,text\n- a list item {i}\n“Curly quotes”, too; 5'11\" tall.\n"
            + ("\n" if i % 3 == 0 else "")
            + f"Last line {i}, no newline" * (1 + i % 2)
        )
        articles.append({"title": f'Story "{i}", part {i % 4}', "text": text})
    return articles


def _drafts(name: str, data: bytes) -> list[ArticleDraft]:
    items = list(read_upload(name, data, SETTINGS))
    problems = [item for item in items if isinstance(item, ImportProblem)]
    assert problems == []
    return items  # type: ignore[return-value]


def _assert_same_articles(
    drafts: list[ArticleDraft], articles: list[dict[str, str]], *, first: str = "row 2"
) -> None:
    """Same texts and titles, in order, each from the row (or line) a spreadsheet shows."""
    assert [d.text for d in drafts] == [a["text"] for a in articles]
    assert [d.title for d in drafts] == [a["title"] for a in articles]
    unit, start = first.split()
    assert [d.origin.split(" ", 1)[1] for d in drafts] == [
        f"{unit} {n}" for n in range(int(start), int(start) + len(articles))
    ]


def test_pandas_to_csv_round_trip_is_byte_identical() -> None:
    articles = _tricky_articles()
    data = pd.DataFrame(articles).to_csv(index=False).encode("utf-8")
    _assert_same_articles(_drafts("corpus.csv", data), articles)


def test_excel_style_csv_with_semicolons_bom_and_crlf() -> None:
    articles = _tricky_articles()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["Title", "Text"])
    writer.writerows([a["title"], a["text"]] for a in articles)
    data = "\ufeff".encode() + buffer.getvalue().encode("utf-8")
    _assert_same_articles(_drafts("excel.csv", data), articles)


def test_r_write_csv_style_quotes_every_field() -> None:
    # R's write.csv quotes every character field, doubles inner quotes and names the row column "".
    articles = _tricky_articles()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(["", "title", "text"])
    writer.writerows([str(i + 1), a["title"], a["text"]] for i, a in enumerate(articles))
    _assert_same_articles(_drafts("r.csv", buffer.getvalue().encode("utf-8")), articles)


@pytest.mark.parametrize("delimiter", [",", "\t", "|"])
def test_csv_writer_round_trip_with_each_delimiter(delimiter: str) -> None:
    articles = _tricky_articles()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["text", "title"])
    writer.writerows([a["text"], a["title"]] for a in articles)
    _assert_same_articles(_drafts("t.csv", buffer.getvalue().encode("utf-8")), articles)


def test_zip_of_csvs_keeps_every_article_whole() -> None:
    articles = _tricky_articles(12)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.csv", pd.DataFrame(articles[:6]).to_csv(index=False))
        zipped.writestr("b.csv", pd.DataFrame(articles[6:]).to_csv(index=False, sep=";"))
    drafts = _drafts("batch.zip", archive.getvalue())
    assert [d.text for d in drafts] == [a["text"] for a in articles]


def test_jsonl_from_pandas_and_json_dumps_round_trip() -> None:
    articles = _tricky_articles()
    from_pandas = pd.DataFrame(articles).to_json(orient="records", lines=True, force_ascii=False)
    drafts = _drafts("p.jsonl", from_pandas.encode("utf-8"))
    _assert_same_articles(drafts, articles, first="line 1")
    by_hand = "\r\n".join(json.dumps(a) for a in articles)
    _assert_same_articles(_drafts("j.jsonl", by_hand.encode("utf-8")), articles, first="line 1")


def test_broken_quotation_imports_nothing_rather_than_fragments() -> None:
    data = b'title,text\nOne,"A whole article."\nTwo,"An unclosed quotation\nThree,Another.\n'
    items = list(read_upload("broken.csv", data, SETTINGS))
    assert len(items) == 1 and isinstance(items[0], ImportProblem)
    assert items[0].origin == "broken.csv"
    assert "malformed CSV" in items[0].reason and "nothing was imported" in items[0].reason


def test_row_with_more_cells_than_the_header_is_refused_alone() -> None:
    data = b"title,text\nOne,Fine text.\nTwo,Split, into, pieces\nThree,Also fine.\n"
    items = list(read_upload("extra.csv", data, SETTINGS))
    assert [type(item).__name__ for item in items] == [
        "ArticleDraft",
        "ImportProblem",
        "ArticleDraft",
    ]
    assert items[1].origin == "extra.csv row 3"
    assert "4 cells but the header names 2" in items[1].reason
    assert [item.text for item in (items[0], items[2])] == ["Fine text.", "Also fine."]
