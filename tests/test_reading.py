"""Readers: every format, every bad input, and hostile bytes and Unicode that must never raise."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import http.server
import io
import json
import socket
import struct
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from quotegraph.articles import ArticleDraft
from quotegraph.config import Settings, load_settings
from quotegraph.reading import (
    ImportProblem,
    count_items,
    decode_text,
    normalise_newlines,
    parse_date,
    read_pasted,
    read_paths,
    read_upload,
    read_url,
    title_from_text,
)

ARTICLE = (
    "Iran Shows Mixed Message\n\n"
    'Iran\'s foreign minister said on Thursday that "we do not seek escalation."\n'
)


def make_settings(**overrides: object) -> Settings:
    base = dataclasses.replace(
        load_settings(),
        max_text_bytes=5_000_000,
        max_zip_bytes=50_000_000,
        url_timeout=5.0,
        allow_private_urls=False,
    )
    return dataclasses.replace(base, **overrides)


SETTINGS = make_settings()


def only(items: Iterator[ArticleDraft | ImportProblem]) -> ArticleDraft | ImportProblem:
    found = list(items)
    assert len(found) == 1, found
    return found[0]


def make_pdf(lines: list[str], title: str | None = None, created: str | None = None) -> bytes:
    """A one-page PDF showing ``lines`` in Helvetica, built by hand with a correct xref."""
    content = "BT /F1 12 Tf 72 720 Td 16 TL " + " ".join(f"({line}) Tj T*" for line in lines)
    content += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({title or ''})" + (f" /CreationDate ({created})" if created else "") + " >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    info = " /Info 6 0 R" if title or created else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return out


def make_docx(
    paragraphs: list[str],
    title: str | None = None,
    table: list[list[str]] | None = None,
    created: dt.datetime | None = None,
) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if title:
        document.core_properties.title = title
    # python-docx's own template says 2013; a test without a date must not inherit it by luck.
    document.core_properties.created = created or dt.datetime(1980, 1, 1)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- text helpers ---------------------------------------------------------------------------------


def test_title_is_first_non_empty_line_trimmed_and_shortened_at_a_word() -> None:
    assert title_from_text("\n   \n  Budget   talks collapse \nbody") == "Budget talks collapse"
    long_line = "word " * 100
    title = title_from_text(long_line)
    assert len(title) <= 200 and title.endswith("…") and title.startswith("word word")


def test_newlines_are_normalised_and_nothing_else_changes() -> None:
    assert normalise_newlines("a\r\nb\rc\n\u2028d\t") == "a\nb\nc\n\u2028d\t"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-01-09", dt.date(2020, 1, 9)),
        ("2020-01-09T10:00:00Z", dt.date(2020, 1, 9)),
        ("9 January 2020", dt.date(2020, 1, 9)),
        ("January 9, 2020", dt.date(2020, 1, 9)),
        ("2020/01/09", dt.date(2020, 1, 9)),
    ],
)
def test_dates_in_common_forms_are_parsed(raw: str, expected: dt.date) -> None:
    assert parse_date(raw) == expected


def test_a_non_date_is_refused() -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_date("yesterday")


def test_utf8_bom_is_honoured_and_removed() -> None:
    assert decode_text(b"\xef\xbb\xbfCaf\xc3\xa9") == "Café"


def test_utf16_with_bom_is_decoded() -> None:
    assert decode_text("Grüße aus Köln".encode("utf-16")) == "Grüße aus Köln"


def test_windows_1252_with_smart_quotes_is_detected() -> None:
    text = "“Smart quotes” — and an ellipsis… plus €5, said the minister’s aide."
    assert decode_text(text.encode("cp1252")) == text


def test_cyrillic_in_cp1251_is_detected() -> None:
    text = "Президент заявил, что переговоры продолжатся на следующей неделе в Москве."
    assert decode_text(text.encode("cp1251")) == text


def test_binary_bytes_are_not_text() -> None:
    assert decode_text(b"\x89PNG\r\n\x1a\n" + bytes(range(256))) is None
    assert decode_text(bytes(range(256)) * 8) is None


# --- pasted text ----------------------------------------------------------------------------------


def test_pasted_text_is_kept_exactly_with_title_from_first_line() -> None:
    draft = read_pasted("  \n" + ARTICLE, settings=SETTINGS)
    assert isinstance(draft, ArticleDraft)
    assert draft.text == "  \n" + ARTICLE
    assert draft.title == "Iran Shows Mixed Message"
    assert draft.origin == "pasted"


def test_pasted_text_with_given_title_and_crlf() -> None:
    draft = read_pasted("One.\r\nTwo.\r\n", title="  My   title ", settings=SETTINGS)
    assert isinstance(draft, ArticleDraft)
    assert draft.text == "One.\nTwo.\n"
    assert draft.title == "My title"


@pytest.mark.parametrize("text", ["", "   \n\t\n  "])
def test_empty_paste_is_refused(text: str) -> None:
    problem = read_pasted(text, settings=SETTINGS)
    assert isinstance(problem, ImportProblem)
    assert problem.reason.startswith("empty")


def test_paste_over_the_size_limit_is_refused() -> None:
    problem = read_pasted("x" * 101, settings=make_settings(max_text_bytes=100))
    assert isinstance(problem, ImportProblem)
    assert "over the 100 bytes limit" in problem.reason
    assert isinstance(
        read_pasted("x" * 100, settings=make_settings(max_text_bytes=100)), ArticleDraft
    )


def test_a_megabyte_on_one_line_is_read_with_a_short_title() -> None:
    text = "word " * 200_000
    draft = read_pasted(text, settings=SETTINGS)
    assert isinstance(draft, ArticleDraft)
    assert draft.text == text and len(draft.title) <= 200


def test_lone_surrogates_and_nul_are_refused_not_raised() -> None:
    assert isinstance(read_pasted("bad \ud800 text", settings=SETTINGS), ImportProblem)
    assert isinstance(read_pasted("bad \x00 text", settings=SETTINGS), ImportProblem)


# --- uploads: documents ---------------------------------------------------------------------------


def test_txt_upload() -> None:
    draft = only(read_upload("story.txt", ARTICLE.encode(), SETTINGS))
    assert isinstance(draft, ArticleDraft)
    assert draft.text == ARTICLE and draft.title == "Iran Shows Mixed Message"
    assert draft.origin == "story.txt"


def test_latin1_txt_upload_is_decoded_by_detection() -> None:
    text = "Le président a déclaré: « Nous ne céderons pas », selon l'agence à Zürich.\n"
    draft = only(read_upload("lemonde.txt", text.encode("latin-1"), SETTINGS))
    assert isinstance(draft, ArticleDraft)
    assert draft.text == text


def test_markdown_upload_title_without_hashes() -> None:
    draft = only(read_upload("note.md", b"# Budget talks\n\nThe **minister** said no.\n", SETTINGS))
    assert isinstance(draft, ArticleDraft)
    assert draft.title == "Budget talks"
    assert draft.text == "# Budget talks\n\nThe **minister** said no.\n"


def test_html_upload_takes_text_title_and_date_and_no_script() -> None:
    html = """<!doctype html><html><head><title>Talks &amp; more &lt;b&gt;</title>
    <meta property="article:published_time" content="2020-01-09T08:00:00Z">
    <script>alert("pwned")</script><style>p { color: red }</style></head>
    <body><script>document.write("injected")</script>
    <p>The foreign minister said the talks would continue next week in Geneva.</p>
    <p>"We do not seek escalation," he told reporters.</p>
    <script src="x.js"></script><noscript>enable javascript</noscript></body></html>"""
    draft = only(read_upload("page.html", html.encode(), SETTINGS))
    assert isinstance(draft, ArticleDraft)
    assert "talks would continue next week in Geneva" in draft.text
    assert '"We do not seek escalation," he told reporters.' in draft.text
    for leaked in ("alert", "pwned", "injected", "color", "x.js", "<script"):
        assert leaked not in draft.text
    assert draft.title == "Talks & more <b>"
    assert draft.published == dt.date(2020, 1, 9)


def test_html_of_only_scripts_is_refused_as_empty() -> None:
    html = b"<html><head><script>var a = 1;</script></head><body><script>b()</script></body></html>"
    problem = only(read_upload("scripts.htm", html, SETTINGS))
    assert isinstance(problem, ImportProblem)
    assert "no visible text" in problem.reason


def test_docx_upload_with_paragraphs_table_and_title() -> None:
    data = make_docx(
        ["Minister resigns", "", "She said: “I have had enough.”"],
        title="Resignation",
        table=[["Name", "Party"], ["Smith", "Labour"]],
    )
    draft = only(read_upload("report.docx", data, SETTINGS))
    assert isinstance(draft, ArticleDraft)
    assert draft.text == (
        "Minister resigns\n\nShe said: “I have had enough.”\n\nName\tParty\n\nSmith\tLabour"
    )
    assert draft.title == "Resignation"


def test_docx_and_pdf_dates_come_from_their_metadata() -> None:
    word = make_docx(["Body."], created=dt.datetime(2021, 3, 4, 9, 30))
    assert only(read_upload("dated.docx", word, SETTINGS)).published == dt.date(2021, 3, 4)
    pdf = make_pdf(["Body."], "Dated", created="D:20190709120000Z")
    assert only(read_upload("dated.pdf", pdf, SETTINGS)).published == dt.date(2019, 7, 9)


def test_docx_without_a_real_date_has_none() -> None:
    # A template's placeholder date (before 1990) is not the article's.
    draft = only(read_upload("undated.docx", make_docx(["Body."]), SETTINGS))
    assert isinstance(draft, ArticleDraft) and draft.published is None


def test_file_errors_are_in_words_not_exception_names() -> None:
    problem = only(read_upload("broken.docx", b"PK\x03\x04 not really a zip", SETTINGS))
    assert isinstance(problem, ImportProblem)
    assert problem.reason == "could not be read: file is not a zip file"  # not "BadZipFile: ..."


def test_docx_without_title_takes_first_line() -> None:
    draft = only(read_upload("a.docx", make_docx(["First line here", "Body."]), SETTINGS))
    assert isinstance(draft, ArticleDraft)
    assert draft.title == "First line here"


def test_pdf_upload() -> None:
    data = make_pdf(["Senate passes the bill", "The senator said it was a good day."], "Bill")
    draft = only(read_upload("bill.pdf", data, SETTINGS))
    assert isinstance(draft, ArticleDraft)
    assert "Senate passes the bill" in draft.text
    assert "The senator said it was a good day." in draft.text
    assert draft.title == "Bill"


def test_broken_pdf_and_docx_are_problems() -> None:
    for name in ("broken.pdf", "broken.docx"):
        problem = only(read_upload(name, b"this is not what it claims to be", SETTINGS))
        assert isinstance(problem, ImportProblem)
        assert problem.origin == name


# --- uploads: bad input ---------------------------------------------------------------------------


def test_empty_file_is_refused() -> None:
    problem = only(read_upload("empty.txt", b"", SETTINGS))
    assert problem == ImportProblem("empty.txt", "empty file")


def test_whitespace_only_file_is_refused() -> None:
    problem = only(read_upload("blank.txt", b"  \r\n\n", SETTINGS))
    assert isinstance(problem, ImportProblem) and problem.reason.startswith("empty")


def test_binary_renamed_to_txt_is_refused() -> None:
    problem = only(read_upload("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", SETTINGS))
    assert isinstance(problem, ImportProblem)
    assert problem.reason.startswith("not a text format")


@pytest.mark.parametrize("name", ["program.exe", "picture.png", "README", "sheet.xlsx"])
def test_unknown_extension_is_refused(name: str) -> None:
    problem = only(read_upload(name, b"whatever", SETTINGS))
    assert isinstance(problem, ImportProblem)
    assert problem.reason.startswith("not a text format")
    assert ".txt" in problem.reason  # says what is readable


def test_text_over_the_size_limit_is_refused() -> None:
    small = make_settings(max_text_bytes=1_000)
    problem = only(read_upload("long.txt", b"a" * 1_001, small))
    assert isinstance(problem, ImportProblem)
    assert "over the 1.0 kB limit" in problem.reason
    huge_file = only(read_upload("huge.txt", b"a" * 4_001, small))
    assert isinstance(huge_file, ImportProblem) and "file is" in huge_file.reason


# --- CSV and JSONL --------------------------------------------------------------------------------


def test_csv_in_latin1_with_all_columns() -> None:
    csv_text = (
        "Title,TEXT,Date,Source,URL\n"
        "Déjà vu,\"Le président a déclaré: « Nous ne céderons pas », selon l'agence. "
        'Café crème à Zürich.",2020-01-09,Le Monde,https://example.org/a\n'
        ',"Second article, no title.\nIt has two lines.",,,\n'
    )
    items = list(read_upload("articles.csv", csv_text.encode("latin-1"), SETTINGS))
    assert len(items) == 2
    first, second = items
    assert isinstance(first, ArticleDraft) and isinstance(second, ArticleDraft)
    assert first.text.startswith("Le président a déclaré: « Nous ne céderons pas »")
    assert first.title == "Déjà vu"
    assert first.published == dt.date(2020, 1, 9)
    assert first.source == "Le Monde" and first.url == "https://example.org/a"
    assert first.origin == "articles.csv row 2"
    assert second.text == "Second article, no title.\nIt has two lines."
    assert second.title == "Second article, no title."
    assert second.published is None and second.origin == "articles.csv row 3"


def test_csv_with_semicolons_and_published_column() -> None:
    data = b"text;published\nThe mayor said yes.;9 January 2020\n"
    draft = only(read_upload("x.csv", data, SETTINGS))
    assert isinstance(draft, ArticleDraft)
    assert draft.text == "The mayor said yes." and draft.published == dt.date(2020, 1, 9)


def test_csv_without_text_column_is_one_clear_problem() -> None:
    data = b"title,body\nA,Some body\nB,Other body\n"
    problem = only(read_upload("wrong.csv", data, SETTINGS))
    assert isinstance(problem, ImportProblem)
    assert problem.origin == "wrong.csv"
    assert "no text column" in problem.reason and "title, body" in problem.reason


def test_csv_with_only_a_header_is_a_problem() -> None:
    problem = only(read_upload("header.csv", b"text,title\r\n", SETTINGS))
    assert problem == ImportProblem("header.csv", "no articles: the table has only its header")


def test_csv_bad_rows_fail_alone() -> None:
    data = b"text,date\nGood one.,2020-01-01\n,2020-01-02\nBad date.,someday\nAnother good.,\n"
    items = list(read_upload("mixed.csv", data, SETTINGS))
    assert [type(item).__name__ for item in items] == [
        "ArticleDraft",
        "ImportProblem",
        "ImportProblem",
        "ArticleDraft",
    ]
    assert items[1].origin == "mixed.csv row 3" and items[1].reason.startswith("empty")
    assert "not a date" in items[2].reason


def test_csv_field_longer_than_csv_module_default() -> None:
    long_text = "word " * 60_000  # 300 kB, past csv's 128 kB field limit
    data = ('text\n"' + long_text + '"\n').encode()
    draft = only(read_upload("long.csv", data, SETTINGS))
    assert isinstance(draft, ArticleDraft) and draft.text == long_text


def test_jsonl_with_text_and_metadata() -> None:
    lines = [
        json.dumps(
            {"Text": "First article.\r\nSecond line.", "title": "One", "date": "2021-03-04"}
        ),
        "",
        json.dumps({"text": "Second article.", "source": "AP", "url": "https://example.org/2"}),
        "{not json",
        json.dumps(["a", "list"]),
    ]
    items = list(read_upload("feed.jsonl", "\n".join(lines).encode(), SETTINGS))
    first, second, bad_json, not_object = items
    assert isinstance(first, ArticleDraft)
    assert first.text == "First article.\nSecond line." and first.title == "One"
    assert first.published == dt.date(2021, 3, 4) and first.origin == "feed.jsonl line 1"
    assert isinstance(second, ArticleDraft) and second.source == "AP"
    assert bad_json == ImportProblem("feed.jsonl line 4", "not valid JSON")
    assert not_object == ImportProblem("feed.jsonl line 5", "not a JSON object")


def test_jsonl_without_text_field_is_one_problem() -> None:
    data = b'{"body": "a"}\n{"body": "b"}\n'
    problem = only(read_upload("x.jsonl", data, SETTINGS))
    assert isinstance(problem, ImportProblem) and "no text column" in problem.reason


def test_jsonl_non_string_text_and_surrogate_escape() -> None:
    data = b'{"text": 42}\n{"text": "bad \\ud800 half"}\n'
    items = list(read_upload("x.jsonl", data, SETTINGS))
    assert all(isinstance(item, ImportProblem) for item in items) and len(items) == 2


# --- zips -----------------------------------------------------------------------------------------


def test_zip_reads_every_entry_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = make_zip(
        {
            "a.txt": b"Article A.\n",
            "sub/b.html": b"<html><body><p>Article B in HTML.</p></body></html>",
            "../escape.txt": b"Escaping article.\n",
            "/etc/absolute.txt": b"Absolute article.\n",
            "folder/": b"",
            "__MACOSX/._a.txt": b"\x00\x05\x16\x07",
            ".DS_Store": b"\x00\x00\x00\x01Bud1",
            "picture.png": b"\x89PNG",
        }
    )
    items = list(read_upload("batch.zip", data, SETTINGS))
    drafts = {item.origin: item.text for item in items if isinstance(item, ArticleDraft)}
    assert drafts["batch.zip:a.txt"] == "Article A.\n"
    assert "Article B in HTML." in drafts["batch.zip:sub/b.html"]
    assert drafts["batch.zip:../escape.txt"] == "Escaping article.\n"
    assert drafts["batch.zip:/etc/absolute.txt"] == "Absolute article.\n"
    problems = [item for item in items if isinstance(item, ImportProblem)]
    assert [p.origin for p in problems] == ["batch.zip:picture.png"]
    # Nothing was written anywhere: not beside the working folder, not at the absolute path.
    assert not (tmp_path.parent / "escape.txt").exists()
    assert not Path("/etc/absolute.txt").exists()
    assert list(tmp_path.iterdir()) == []


def test_zip_over_declared_total_is_refused_without_reading() -> None:
    data = make_zip({"a.txt": b"a" * 600, "b.txt": b"b" * 600})
    problem = only(read_upload("big.zip", data, make_settings(max_zip_bytes=1_000)))
    assert isinstance(problem, ImportProblem)
    assert problem.origin == "big.zip"
    assert "unpacks to 1.2 kB, over the 1.0 kB limit" in problem.reason


def test_zip_bomb_is_refused_by_declared_size() -> None:
    data = make_zip({"bomb.txt": b"\x00" * 20_000_000})  # 20 MB of zeros in ~20 kB
    assert len(data) < 100_000
    problem = only(read_upload("bomb.zip", data, make_settings(max_zip_bytes=1_000_000)))
    assert isinstance(problem, ImportProblem) and "unpacks to" in problem.reason


def _lie_about_sizes(data: bytes, fake_size: int) -> bytes:
    """Rewrite every uncompressed-size field of a zip to ``fake_size``."""
    patched = bytearray(data)
    position = 0
    while (position := patched.find(b"PK\x03\x04", position)) != -1:
        struct.pack_into("<I", patched, position + 22, fake_size)
        position += 4
    position = 0
    while (position := patched.find(b"PK\x01\x02", position)) != -1:
        struct.pack_into("<I", patched, position + 24, fake_size)
        position += 4
    return bytes(patched)


def test_zip_lying_about_its_sizes_yields_no_article() -> None:
    honest = make_zip({"bomb.txt": b"word " * 400_000})  # 2 MB inflated
    lying = _lie_about_sizes(honest, 10)
    # zipfile inflates no more than the declared size, so the lie shows as a bad checksum.
    problem = only(read_upload("liar.zip", lying, make_settings(max_zip_bytes=1_000_000)))
    assert isinstance(problem, ImportProblem)
    assert problem.origin == "liar.zip:bomb.txt" and "could not be unpacked" in problem.reason


def test_zip_inside_zip_is_not_read() -> None:
    inner = make_zip({"a.txt": b"inner"})
    problem = only(read_upload("outer.zip", make_zip({"inner.zip": inner}), SETTINGS))
    assert problem == ImportProblem("outer.zip:inner.zip", "a zip inside a zip is not read")


def test_zip_without_files_is_a_problem() -> None:
    problem = only(
        read_upload("hollow.zip", make_zip({"folder/": b"", ".DS_Store": b"x"}), SETTINGS)
    )
    assert problem == ImportProblem("hollow.zip", "the zip holds no files")


def test_corrupt_zip_is_a_problem() -> None:
    problem = only(read_upload("corrupt.zip", b"PK\x03\x04 not really", SETTINGS))
    assert isinstance(problem, ImportProblem) and "not a readable zip" in problem.reason


# --- paths ----------------------------------------------------------------------------------------


def test_read_paths_walks_folders_zips_and_tables(tmp_path: Path) -> None:
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    (tmp_path / "one.txt").write_text("One.\n")
    (tmp_path / "nested" / "two.md").write_text("Two.\n")
    (tmp_path / "nested" / "deeper" / "three.txt").write_text("Three.\n")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "table.csv").write_text("text\nFour.\nFive.\n")
    (tmp_path / "pack.zip").write_bytes(make_zip({"six.txt": b"Six.\n"}))
    (tmp_path / "empty.txt").write_bytes(b"")
    missing = tmp_path / "missing.txt"
    paths = [tmp_path, missing]
    items = list(read_paths(paths, SETTINGS))
    texts = sorted(item.text for item in items if isinstance(item, ArticleDraft))
    assert texts == ["Five.", "Four.", "One.\n", "Six.\n", "Three.\n", "Two.\n"]
    problems = {item.origin: item.reason for item in items if isinstance(item, ImportProblem)}
    assert problems == {
        str(tmp_path / "empty.txt"): "empty file",
        str(missing): "no such file or folder",
    }
    assert count_items(paths, SETTINGS) == len(items)


def test_empty_folder_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".hidden").write_text("x")
    problems = list(read_paths([tmp_path / "empty"], SETTINGS))
    assert problems == [ImportProblem(str(tmp_path / "empty"), "the folder holds no files")]


def test_read_paths_refuses_a_special_file_and_a_large_file(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"a" * 5_000)
    items = list(
        read_paths(["/dev/null", tmp_path / "big.txt"], make_settings(max_text_bytes=1_000))
    )
    assert items[0] == ImportProblem("/dev/null", "not a regular file or folder")
    assert isinstance(items[1], ImportProblem) and "over the 4.0 kB limit" in items[1].reason


# --- URLs -----------------------------------------------------------------------------------------

PAGE = b"""<html><head><title>Summit ends</title>
<meta name="date" content="2021-06-16"><script>alert(1)</script></head>
<body><article><p>The summit in Geneva ended on Wednesday with a joint statement.</p>
<p>"It was constructive," the president said after the meeting.</p></article></body></html>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        _Handler.hits.append(self.path)
        routes = {
            "/article": (200, "text/html; charset=utf-8", PAGE),
            "/plain": (200, "text/plain; charset=utf-8", b"Plain words.\r\nSecond line.\n"),
            "/image": (200, "image/png", b"\x89PNG\r\n"),
            "/big": (200, "text/html", b"<p>" + b"x" * 50_000 + b"</p>"),
            "/missing": (404, "text/html", b"gone"),
        }
        if self.path == "/gzip":
            body = gzip.compress(PAGE)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        redirects = {
            "/redirect": "/article",
            "/redirect-to-file": "file:///etc/passwd",
            "/loop": "/loop",
        }
        if self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.end_headers()
            return
        status, content_type, body = routes.get(self.path, (404, "text/plain", b""))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def web_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


LOCAL = make_settings(allow_private_urls=True)


def test_url_article_with_title_date_and_no_script(web_server: str) -> None:
    draft = read_url(f"{web_server}/article", LOCAL)
    assert isinstance(draft, ArticleDraft)
    assert "The summit in Geneva ended on Wednesday" in draft.text
    assert "alert" not in draft.text
    assert draft.title == "Summit ends"
    assert draft.published == dt.date(2021, 6, 16)
    assert draft.url == f"{web_server}/article"


def test_url_redirect_is_followed(web_server: str) -> None:
    draft = read_url(f"{web_server}/redirect", LOCAL)
    assert isinstance(draft, ArticleDraft) and draft.url == f"{web_server}/article"


def test_every_redirect_is_vetted_again(web_server: str) -> None:
    problem = read_url(f"{web_server}/redirect-to-file", LOCAL)
    assert isinstance(problem, ImportProblem) and "only http and https" in problem.reason


def test_a_redirect_loop_ends(web_server: str) -> None:
    problem = read_url(f"{web_server}/loop", LOCAL)
    assert problem == ImportProblem(f"{web_server}/loop", "more than 5 redirects")


def test_url_plain_text(web_server: str) -> None:
    draft = read_url(f"{web_server}/plain", LOCAL)
    assert isinstance(draft, ArticleDraft) and draft.text == "Plain words.\nSecond line.\n"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "the server answered 404"),
        ("/image", "not a text format (image/png)"),
        ("/big", "over the 40.0 kB limit"),
    ],
)
def test_url_bad_answers(web_server: str, path: str, reason: str) -> None:
    problem = read_url(
        f"{web_server}{path}", make_settings(allow_private_urls=True, max_text_bytes=10_000)
    )
    assert isinstance(problem, ImportProblem) and reason in problem.reason


def test_gzip_page_is_inflated(web_server: str) -> None:
    draft = read_url(f"{web_server}/gzip", LOCAL)
    assert isinstance(draft, ArticleDraft) and "joint statement" in draft.text


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # connections queue in the backlog and are never answered
        port = silent.getsockname()[1]
        started = time.monotonic()
        problem = read_url(
            f"http://127.0.0.1:{port}/", make_settings(allow_private_urls=True, url_timeout=0.5)
        )
        elapsed = time.monotonic() - started
    assert isinstance(problem, ImportProblem)
    assert problem.reason == "no answer within 0.5 seconds"
    assert elapsed < 5


def test_unreachable_url_is_a_problem() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for scheme in ("http", "https"):
        problem = read_url(f"{scheme}://127.0.0.1:{port}/", LOCAL)
        assert isinstance(problem, ImportProblem)
        assert problem.reason == "cannot be reached (the server refused the connection)"


def test_private_address_is_refused_before_any_request(web_server: str) -> None:
    _Handler.hits.clear()
    problem = read_url(f"{web_server}/article", SETTINGS)
    assert isinstance(problem, ImportProblem)
    assert "loopback" in problem.reason and "not allowed" in problem.reason
    assert _Handler.hits == []


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://10.1.2.3/",
        "http://192.168.0.1/admin",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "https://100.64.0.1/",
    ],
)
def test_non_public_addresses_are_refused(url: str) -> None:
    problem = read_url(url, SETTINGS)
    assert isinstance(problem, ImportProblem)
    assert "not allowed" in problem.reason


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/a.txt", "javascript:alert(1)", "gopher://x/"]
)
def test_non_http_schemes_are_refused(url: str) -> None:
    problem = read_url(url, LOCAL)
    assert isinstance(problem, ImportProblem)
    assert "only http and https" in problem.reason


def test_url_without_host_is_refused() -> None:
    problem = read_url("http:///nohost", LOCAL)
    assert isinstance(problem, ImportProblem) and "no server name" in problem.reason


# --- hostile input: nothing may raise -------------------------------------------------------------

ANY_CHARACTER = st.characters(codec=None, exclude_categories=())
EXTENSIONS = [".txt", ".md", ".html", ".docx", ".pdf", ".zip", ".csv", ".jsonl", ".bin", ""]


def _well_formed(item: ArticleDraft | ImportProblem) -> None:
    if isinstance(item, ArticleDraft):
        assert item.text.strip() and "\r" not in item.text and "\x00" not in item.text
        assert item.title and len(item.title) <= 200
        item.text.encode("utf-8")
    else:
        assert isinstance(item, ImportProblem) and item.reason


@hypothesis_settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=3_000), extension=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_never_make_a_reader_raise(data: bytes, extension: str) -> None:
    for item in read_upload(f"file{extension}", data, SETTINGS):
        _well_formed(item)


@hypothesis_settings(max_examples=300, deadline=None)
@given(text=st.text(ANY_CHARACTER, max_size=2_000), extension=st.sampled_from(EXTENSIONS))
def test_arbitrary_unicode_files_never_make_a_reader_raise(text: str, extension: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    for item in read_upload(f"file{extension}", data, SETTINGS):
        _well_formed(item)


@hypothesis_settings(max_examples=300, deadline=None)
@given(text=st.text(ANY_CHARACTER, max_size=2_000), title=st.none() | st.text(ANY_CHARACTER))
def test_pasted_unicode_is_kept_or_refused_never_raised(text: str, title: str | None) -> None:
    item = read_pasted(text, title, settings=SETTINGS)
    _well_formed(item)
    if isinstance(item, ArticleDraft):
        assert item.text == normalise_newlines(text)


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    records=st.lists(
        st.dictionaries(
            st.sampled_from(["text", "TEXT", "title", "date", "url", "source", "other"]),
            st.text(ANY_CHARACTER, max_size=200) | st.integers() | st.none(),
        ),
        max_size=5,
    )
)
def test_arbitrary_jsonl_records_never_raise(records: list[dict[str, object]]) -> None:
    data = "\n".join(json.dumps(record) for record in records).encode()
    for item in read_upload("feed.jsonl", data, SETTINGS):
        _well_formed(item)


@hypothesis_settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    quotes=st.text(
        st.sampled_from(['"', "'", "“", "”", "«", "»", "„", "a", " ", "\n", ","]), max_size=500
    )
)
def test_unbalanced_quotes_in_csv_never_raise(quotes: str) -> None:
    for item in read_upload("quotes.csv", ("text\n" + quotes).encode(), SETTINGS):
        _well_formed(item)
