"""The statement table: every field of every statement, in one tidy row, on both backends."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from export_samples import ARTICLE_ONE, ARTICLE_TWO, CREATED, UPDATED, populate
from statement_helpers import span

from quotegraph.annotation.codebook_actors import rename_actor
from quotegraph.annotation.statement_table import (
    COLUMNS,
    RECORD_COLUMNS,
    load_statement_table,
    sentence_around,
    sentence_starts,
    statement_records,
    statement_table_version,
)
from quotegraph.annotation.statements import get_statement, update_statement
from quotegraph.networks import StatementRecord
from quotegraph.store.articles import ArticleDraft, add_article, delete_article
from quotegraph.store.db import Store
from quotegraph.store.models import Statement


def test_a_coded_statement_has_every_field(store: Store) -> None:
    ids = populate(store)
    table = load_statement_table(store)

    assert list(table.columns) == list(COLUMNS)
    row = table.set_index("statement_id").loc[ids["s_revenge"]]
    start, end = span(ARTICLE_ONE, "we will take harsher revenge")
    assert row["article_id"] == ids["article_one"]
    assert row["article_title"] == "@Iran warns"
    assert row["article_url"] == "https://example.org/iran?a=1"
    assert row["article_date"] == dt.date(2026, 1, 9)
    assert (row["start"], row["end"]) == (start, end)
    assert row["content"] == "we will take harsher revenge"
    assert row["sentence"] == 'Mr. Rouhani said "we will take harsher revenge" on Thursday.'
    assert row["speaker_mention"] == "Mr. Rouhani"
    assert (row["speaker_start"], row["speaker_end"]) == span(ARTICLE_ONE, "Mr. Rouhani")
    assert row["actor"] == "Hassan Rouhani"
    assert row["actor_type"] == "person"
    assert row["affiliation"] == "Iran"
    assert row["concept"] == "revenge"
    assert row["stance"] == 1
    assert row["stance_label"] == "agree"
    assert row["kind"] == "direct"
    assert row["status"] == "accepted"
    assert row["cue"] == "said"
    assert (row["cue_start"], row["cue_end"]) == span(ARTICLE_ONE, "said")
    assert row["actor_set_by"] == "machine"
    assert row["concept_set_by"] == "person"
    assert row["stance_set_by"] == "person"
    assert row["status_set_by"] == "person"
    assert row["span_set_by"] == "machine"
    assert row["kind_set_by"] == "machine"
    assert pd.isna(row["note_set_by"])
    assert row["annotator"] == "ana"
    assert row["pipeline_version"] == "test-1"
    assert row["created_at"] == pd.Timestamp(CREATED)
    assert row["updated_at"] == pd.Timestamp(UPDATED)


def test_offsets_count_code_points_past_an_emoji(store: Store) -> None:
    populate(store)
    table = load_statement_table(store, include_rejected=True)
    for row in table.itertuples():
        text = ARTICLE_ONE if row.article_id == table["article_id"].min() else ARTICLE_TWO
        assert text[row.start : row.end] == row.content


def test_status_filters(store: Store) -> None:
    ids = populate(store)
    every = load_statement_table(store, include_rejected=True)
    assert sorted(every["status"].unique()) == ["accepted", "rejected", "suggested"]
    assert len(every) == 6

    default = load_statement_table(store)
    assert ids["s_formula"] not in set(default["statement_id"])
    assert set(default["status"]) == {"accepted", "suggested"}

    accepted = load_statement_table(store, include_suggested=False)
    assert set(accepted["status"]) == {"accepted"}
    assert set(accepted["statement_id"]) == {
        ids["s_revenge"],
        ids["s_ministry"],
        ids["s_talks"],
        ids["s_uncoded"],
    }


def test_article_filter_and_text_order(store: Store) -> None:
    ids = populate(store)
    two = load_statement_table(store, article_ids=[ids["article_two"]])
    assert set(two["article_id"]) == {ids["article_two"]}
    assert list(two["start"]) == sorted(two["start"])
    assert list(two["statement_id"]) == [ids["s_uncoded"], ids["s_ministry"], ids["s_talks"]]
    assert two.set_index("statement_id").loc[ids["s_ministry"], "article_date"] is None


def test_uncoded_statement_has_empty_cells_and_integer_offsets(store: Store) -> None:
    ids = populate(store)
    table = load_statement_table(store).set_index("statement_id")
    row = table.loc[ids["s_uncoded"]]
    assert pd.isna(row["actor"]) and pd.isna(row["concept"])
    assert pd.isna(row["stance"])
    assert pd.isna(row["actor_set_by"])
    assert table["start"].dtype == "int64"
    assert table["speaker_start"].dtype == "Int64"


def test_empty_store_gives_an_empty_table_with_every_column(store: Store) -> None:
    table = load_statement_table(store)
    assert table.empty
    assert list(table.columns) == list(COLUMNS)
    assert statement_records(table) == []


def test_statement_records_keep_coded_statements_with_their_status(store: Store) -> None:
    ids = populate(store)
    records = statement_records(load_statement_table(store, include_rejected=True))
    by_id = {record.statement_id: record for record in records}
    # Rejected and uncoded statements take no part in a network.
    assert set(by_id) == {ids["s_revenge"], ids["s_sanctions"], ids["s_ministry"], ids["s_talks"]}
    assert by_id[ids["s_revenge"]] == StatementRecord(
        statement_id=ids["s_revenge"],
        article_id=ids["article_one"],
        actor="Hassan Rouhani",
        concept="revenge",
        stance=1,
        actor_type="person",
        affiliation="Iran",
        status="accepted",
        published=dt.date(2026, 1, 9),
    )
    assert by_id[ids["s_sanctions"]].status == "suggested"
    assert by_id[ids["s_sanctions"]].affiliation is None
    assert by_id[ids["s_talks"]].published is None


def test_fewer_columns_give_the_same_values_as_the_full_table(store: Store) -> None:
    populate(store)
    full = load_statement_table(store, include_rejected=True)
    wanted = ("content", "statement_id", "affiliation", "stance_label", "article_title", "note")
    part = load_statement_table(store, include_rejected=True, columns=wanted)
    assert list(part.columns) == list(wanted)
    pd.testing.assert_frame_equal(part, full[list(wanted)])
    # past the emoji in the first article: code-point offsets, cut from the stored text
    assert "we will take harsher revenge" in set(part["content"])

    records = load_statement_table(store, include_rejected=True, columns=RECORD_COLUMNS)
    assert statement_records(records) == statement_records(full)


def test_an_unknown_column_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown statement table column.*: speaker$"):
        load_statement_table(store, columns=("content", "speaker"))


def test_the_version_changes_with_every_kind_of_change_and_only_then(store: Store) -> None:
    ids = populate(store)
    seen = [statement_table_version(store)]
    assert statement_table_version(store) == seen[-1]  # nothing changed, same key

    def changed() -> bool:
        seen.append(statement_table_version(store))
        return seen[-1] != seen[-2]

    # a decision in Annotate
    version = get_statement(store, ids["s_sanctions"]).version
    update_statement(
        store, ids["s_sanctions"], expected_version=version, annotator="ana", status="accepted"
    )
    assert changed()
    # a codebook edit: the table shows the actor's new name
    rename_actor(store, ids["rouhani"], "President Rouhani", annotator="ana")
    assert changed()
    # a suggestion written by the analysis, which does not go through the change log
    with store.session(write=True) as session:
        session.add(Statement(article_id=ids["article_two"], start=0, end=5, field_origins={}))
    assert changed()
    # an edit that bypassed the log still bumps the statement's version
    with store.session(write=True) as session:
        row = session.get(Statement, ids["s_talks"])
        row.version += 1
    assert changed()
    # articles added and deleted
    added = add_article(store, ArticleDraft("A third text.", "Third")).article_id
    assert changed()
    delete_article(store, added)
    assert changed()
    assert not changed()


@pytest.mark.parametrize(
    ("text", "fragment", "sentence"),
    [
        ("One. Two said x. Three.", "x", "Two said x."),
        ("Mr. Smith spoke. Then he left.", "Smith", "Mr. Smith spoke."),
        ("Gen. J. Doe said so! And more?", "so", "Gen. J. Doe said so!"),
        ('He said: "Stop. Now." She nodded.', "Stop. Now", 'He said: "Stop. Now."'),
        ("Title line\nBody said a thing. End.", "a thing", "Body said a thing."),
        ("No boundary at all", "boundary", "No boundary at all"),
    ],
)
def test_sentence_around(text: str, fragment: str, sentence: str) -> None:
    start, end = span(text, fragment)
    assert sentence_around(text, start, end) == sentence


def test_a_span_across_sentences_gets_both() -> None:
    text = "First one. Second one. Third one."
    start, end = span(text, "one. Second")
    assert sentence_around(text, start, end) == "First one. Second one."
    assert sentence_starts(text) == [0, 11, 23]


def test_the_table_carries_each_articles_source(store: Store) -> None:
    from quotegraph.store.articles import update_article_details

    ids = populate(store)
    update_article_details(store, ids["article_one"], annotator="a", source="=Reuters")
    table = load_statement_table(store, include_rejected=True)
    sources = dict(zip(table["article_id"], table["article_source"], strict=True))
    assert sources[ids["article_one"]] == "=Reuters"
    assert pd.isna(sources[ids["article_two"]])


def test_filter_statement_table_means_what_the_network_filter_means(store: Store) -> None:
    from quotegraph.annotation.statement_table import filter_statement_table
    from quotegraph.networks import filter_statements

    populate(store)
    table = load_statement_table(store, include_suggested=False)
    records = statement_records(table)
    dates = sorted({d for d in table["article_date"] if d is not None})
    concept = next(c for c in table["concept"] if isinstance(c, str))
    cases = [
        {"date_from": dates[-1]},
        {"date_to": dates[0]},
        {"concepts": (concept,)},
        {"actor_types": ("person",)},
        {"articles": (int(table["article_id"].iloc[0]),)},
    ]
    for filters in cases:
        kept = filter_statement_table(table, **filters, include_suggested=False)
        counted = filter_statements(records, **filters, once_per_article=False)
        coded = set(kept["statement_id"]) & {r.statement_id for r in records}
        assert coded == {r.statement_id for r in counted}, filters
    assert len(filter_statement_table(table)) == len(table)


def test_suggestion_counts_tell_coded_suggestions_apart(store: Store) -> None:
    from quotegraph.annotation.statement_table import suggestion_counts

    populate(store)
    table = load_statement_table(store)
    suggested = table[table["status"] == "suggested"]
    complete = suggested["actor"].notna() & suggested["concept"].notna()
    complete &= suggested["stance"].notna()
    counts = suggestion_counts(store)
    assert (counts.total, counts.complete) == (len(suggested), int(complete.sum()))
    assert counts.incomplete == counts.total - counts.complete
