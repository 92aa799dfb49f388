"""Each export read back by the tool that would open it, and compared with the store."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from export_samples import ARTICLE_ONE, ARTICLE_TWO, populate
from statement_helpers import span

from quotegraph import networks
from quotegraph.annotation.statement_table import (
    COLUMNS,
    RECORD_COLUMNS,
    load_statement_table,
    statement_records,
)
from quotegraph.exports import network_exports
from quotegraph.exports.formats import EXCEL_BOM, neutralise_cell, to_csv, to_jsonl
from quotegraph.exports.gephi_files import to_gexf, to_graphml
from quotegraph.exports.network_exports import network_for_export
from quotegraph.networks import StatementRecord
from quotegraph.store.db import Store


def read_csv(text: str) -> pd.DataFrame:
    # keep_default_na=False: an empty cell reads as "", so a cell is compared as written.
    return pd.read_csv(io.StringIO(text), keep_default_na=False, dtype=str)


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_reads_back_with_every_column_and_value(store: Store) -> None:
    ids = populate(store)
    table = load_statement_table(store, include_rejected=True)
    back = read_csv(to_csv(table)).set_index("statement_id")

    assert list(read_csv(to_csv(table)).columns) == list(COLUMNS)
    assert len(back) == 6
    row = back.loc[str(ids["s_revenge"])]
    start, end = span(ARTICLE_ONE, "we will take harsher revenge")
    assert row["start"] == str(start) and row["end"] == str(end)
    assert row["content"] == "we will take harsher revenge"
    assert row["sentence"] == 'Mr. Rouhani said "we will take harsher revenge" on Thursday.'
    assert row["actor"] == "Hassan Rouhani"
    assert row["affiliation"] == "Iran"
    assert row["stance"] == "1"
    assert row["stance_label"] == "agree"
    assert row["article_date"] == "2026-01-09"
    assert row["created_at"] == "2026-01-02T03:04:05.678901+00:00"
    assert row["updated_at"] == "2026-01-03T04:05:06.000000+00:00"
    assert row["concept_set_by"] == "person"
    assert row["actor_set_by"] == "machine"
    assert row["note_set_by"] == ""
    uncoded = back.loc[str(ids["s_uncoded"])]
    assert uncoded["actor"] == "" and uncoded["stance"] == "" and uncoded["speaker_start"] == ""


def test_csv_neutralises_formula_cells_but_not_numbers(store: Store) -> None:
    ids = populate(store)
    back = read_csv(to_csv(load_statement_table(store, include_rejected=True))).set_index(
        "statement_id"
    )
    formula = back.loc[str(ids["s_formula"])]
    assert formula["content"] == "'=SUM(A1) was typed"
    assert formula["sentence"] == "'=SUM(A1) was typed by a prankster."
    assert formula["note"] == "'@note"
    assert formula["article_title"] == "'@Iran warns"
    assert formula["stance"] == "-1"  # a number, not a formula
    assert back.loc[str(ids["s_sanctions"]), "concept"] == "'-sanctions"
    assert back.loc[str(ids["s_ministry"]), "actor"] == "'+Ministry"
    assert back.loc[str(ids["s_ministry"]), "note"] == "'-1 is the stance"
    # No cell of the file starts a formula.
    for value in back.reset_index().to_numpy().ravel():
        assert not str(value).startswith(("=", "+", "@", "\t", "\r")), value
        assert not (str(value).startswith("-") and not str(value).lstrip("-").isdigit()), value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain = text", "plain = text"),
        ("", ""),
        (-1, -1),
    ],
)
def test_neutralise_cell(value: object, expected: object) -> None:
    assert neutralise_cell(value) == expected


def test_csv_for_excel_starts_with_a_bom_and_reads_the_same(store: Store) -> None:
    populate(store)
    table = load_statement_table(store)
    excel = to_csv(table, excel=True)
    assert excel.startswith(EXCEL_BOM)
    assert not to_csv(table).startswith(EXCEL_BOM)
    from_excel = pd.read_csv(io.BytesIO(excel.encode("utf-8")), encoding="utf-8-sig", dtype=str)
    assert list(from_excel.columns) == list(COLUMNS)
    assert from_excel.equals(pd.read_csv(io.StringIO(to_csv(table)), dtype=str))


def test_csv_of_an_empty_table_is_just_the_header(store: Store) -> None:
    assert to_csv(load_statement_table(store)) == ",".join(COLUMNS) + "\n"


# --- GraphML and GEXF ---------------------------------------------------------------------------


def _edge_attributes(graph: nx.Graph) -> dict[frozenset[str], dict]:
    return {frozenset((str(a), str(b))): data for a, b, data in graph.edges(data=True)}


@pytest.mark.parametrize("reader", ["graphml", "gexf"])
def test_actor_concept_network_reads_back(store: Store, reader: str) -> None:
    ids = populate(store)
    graph = network_for_export(store, "actor-concept", include_suggested=True)
    if reader == "graphml":
        back = nx.read_graphml(io.BytesIO(to_graphml(graph)))
    else:
        back = nx.read_gexf(io.BytesIO(to_gexf(graph)))

    assert set(back.nodes) == set(graph.nodes)
    assert {back.nodes[n]["label"] for n in back.nodes} == {
        "Hassan Rouhani",
        "Donald Trump",
        "+Ministry",
        "revenge",
        "-sanctions",
    }
    original, read = _edge_attributes(graph), _edge_attributes(back)
    assert set(read) == set(original)
    for pair, data in original.items():
        assert read[pair]["weight"] == pytest.approx(data["weight"])
        assert read[pair]["stance"] == data["agreement"]
        assert read[pair]["agree"] == data["agree"]
        assert read[pair]["statement_ids"] == ";".join(str(i) for i in data["statement_ids"])
    rouhani = read[frozenset(("actor:Hassan Rouhani", "concept:revenge"))]
    assert rouhani["weight"] == 2.0
    assert rouhani["stance"] == "both"
    assert rouhani["statement_ids"] == f"{ids['s_revenge']};{ids['s_talks']}"
    assert back.nodes["actor:Hassan Rouhani"]["statements"] == 2


def test_accepted_only_network_leaves_suggestions_out(store: Store) -> None:
    populate(store)
    accepted = network_for_export(store, "actor-concept")
    assert "actor:Donald Trump" not in accepted  # his only statements: suggested and rejected
    assert "actor:Donald Trump" in network_for_export(
        store, "actor-concept", include_suggested=True
    )


@pytest.mark.parametrize("reader", ["graphml", "gexf"])
def test_actor_actor_network_declares_types_and_keeps_weights(store: Store, reader: str) -> None:
    populate(store)
    graph = network_for_export(store, "actor-actor", aggregation="subtract")
    data = to_graphml(graph) if reader == "graphml" else to_gexf(graph)
    back = (
        nx.read_graphml(io.BytesIO(data)) if reader == "graphml" else nx.read_gexf(io.BytesIO(data))
    )
    # Rouhani agreed and disagreed on revenge, the ministry disagreed: one congruent pair, one
    # conflicting pair, so subtract gives 0 and the tie is dropped; congruence keeps it.
    assert graph.number_of_edges() == 0 and back.number_of_edges() == 0
    assert set(back.nodes) == set(graph.nodes) == {"actor:Hassan Rouhani", "actor:+Ministry"}
    congruence = network_for_export(store, "actor-actor", aggregation="congruence")
    back = nx.read_graphml(io.BytesIO(to_graphml(congruence)))
    edge = back.edges["actor:+Ministry", "actor:Hassan Rouhani"]
    assert edge["weight"] == 1.0
    assert edge["congruence"] == 1.0 and edge["conflict"] == 1.0
    assert edge["stance"] == "congruence"
    assert isinstance(edge["sign"], int)
    text = to_graphml(congruence).decode()
    assert '<key id="d' in text and 'attr.name="weight" attr.type="double"' in text


def test_actor_statement_network_carries_the_stance_value_on_edges(store: Store) -> None:
    ids = populate(store)
    graph = network_for_export(store, "actor-statement")
    back = nx.read_gexf(io.BytesIO(to_gexf(graph)))
    edge = back.edges["actor:Hassan Rouhani", f"statement:{ids['s_revenge']}"]
    assert edge["stance"] == 1
    assert back.edges["actor:+Ministry", f"statement:{ids['s_ministry']}"]["stance"] == -1
    assert b'title="stance" type="long"' in to_gexf(graph)


def test_gephi_files_are_deterministic(store: Store) -> None:
    populate(store)
    graph = network_for_export(store, "actor-concept", include_suggested=True)
    assert to_gexf(graph) == to_gexf(
        network_for_export(store, "actor-concept", include_suggested=True)
    )
    assert b"lastmodifieddate" not in to_gexf(graph)
    assert to_graphml(graph) == to_graphml(graph)


def test_network_export_reads_only_the_record_columns_and_gives_the_same_file(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(store)
    asked: list[object] = []
    read = network_exports.load_statement_table

    def spy(*args: object, **options: object) -> pd.DataFrame:
        asked.append(options.get("columns"))
        return read(*args, **options)

    monkeypatch.setattr(network_exports, "load_statement_table", spy)
    graph = network_for_export(
        store, "actor-concept", include_suggested=True, group_by_affiliation=True
    )
    assert asked == [RECORD_COLUMNS]  # no texts, sentences or provenance read for a network
    every_column = networks.filter_statements(
        statement_records(read(store, include_suggested=True)), include_suggested=True
    )
    expected = networks.actor_concept_network(
        every_column, scale=network_exports.stance_scale(store), group_by_affiliation=True
    )
    assert graph.number_of_edges() > 0
    assert to_graphml(graph) == to_graphml(expected)


def test_empty_network_still_writes_valid_files(store: Store) -> None:
    graph = network_for_export(store, "actor-actor")
    assert nx.read_graphml(io.BytesIO(to_graphml(graph))).number_of_nodes() == 0
    assert nx.read_gexf(io.BytesIO(to_gexf(graph))).number_of_nodes() == 0


AWKWARD = "Gov <b>\"A\" & 'B'</b> ]]> 🇮🇷 𝔘 \t\n\r end \x00\x01\x1b\x0b\ufffe."
# XML 1.0 cannot hold NUL, most C0 controls or U+FFFE, not even as a character reference: each
# becomes U+FFFD; tab, newline and carriage return survive as character references.
AWKWARD_READ = "Gov <b>\"A\" & 'B'</b> ]]> 🇮🇷 𝔘 \t\n\r end " + "\ufffd" * 5 + "."


@pytest.mark.parametrize("reader", ["graphml", "gexf"])
def test_awkward_names_read_back_as_typed(reader: str) -> None:
    records = [
        StatementRecord(1, 1, AWKWARD, "talks", 1),
        StatementRecord(2, 1, "Rouhani", AWKWARD, -1),
        StatementRecord(3, 2, "Rouhani", "talks", 1),
    ]
    graph = networks.actor_concept_network(records)
    data = to_graphml(graph) if reader == "graphml" else to_gexf(graph)
    back = (
        nx.read_graphml(io.BytesIO(data)) if reader == "graphml" else nx.read_gexf(io.BytesIO(data))
    )
    assert set(back.nodes) == {
        f"actor:{AWKWARD_READ}",
        "actor:Rouhani",
        "concept:talks",
        f"concept:{AWKWARD_READ}",
    }
    assert back.nodes[f"actor:{AWKWARD_READ}"]["label"] == AWKWARD_READ
    assert back.nodes[f"actor:{AWKWARD_READ}"]["members"] == AWKWARD_READ
    edge = back.edges["actor:Rouhani", f"concept:{AWKWARD_READ}"]
    assert (edge["weight"], edge["stance"], edge["statement_ids"]) == (1.0, "disagree", "2")
    assert back.edges[f"actor:{AWKWARD_READ}", "concept:talks"]["stance"] == "agree"


@pytest.mark.parametrize("write", [to_graphml, to_gexf])
def test_a_lone_surrogate_is_replaced_not_fatal(write) -> None:
    # no store holds one (they are not UTF-8), but a graph built in a notebook may
    graph = nx.Graph()
    graph.add_node("x\ud800y", label="x\ud800y")
    read = nx.read_graphml if write is to_graphml else nx.read_gexf
    back = read(io.BytesIO(write(graph)))
    assert list(back.nodes(data="label")) == [("x\ufffdy", "x\ufffdy")]


def test_whole_and_fractional_numbers_of_one_attribute_are_declared_double() -> None:
    graph = nx.Graph(network="actor_actor")
    graph.add_edge("a", "b", weight=1, share=True)
    graph.add_edge("b", "c", weight=0.5, share=False)
    for back in (
        nx.read_graphml(io.BytesIO(to_graphml(graph))),
        nx.read_gexf(io.BytesIO(to_gexf(graph))),
    ):
        assert back.edges["a", "b"]["weight"] == 1.0 and isinstance(
            back.edges["a", "b"]["weight"], float
        )
        assert back.edges["b", "c"]["weight"] == 0.5
        assert back.edges["a", "b"]["share"] is True and back.edges["b", "c"]["share"] is False
    assert 'attr.name="weight" attr.type="double"' in to_graphml(graph).decode()
    assert b'title="share" type="boolean"' in to_gexf(graph)


def test_unknown_network_kind_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown network"):
        network_for_export(store, "actor-weather")  # type: ignore[arg-type]


# --- JSONL --------------------------------------------------------------------------------------


def test_jsonl_holds_each_article_with_spans_and_relations(store: Store) -> None:
    ids = populate(store)
    lines = to_jsonl(store).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["article_id"] for r in records] == [ids["article_one"], ids["article_two"]]
    one, two = records
    assert one["text"] == ARTICLE_ONE and two["text"] == ARTICLE_TWO
    assert one["title"] == "@Iran warns"  # JSON is not a spreadsheet: values stay as they are
    assert one["published"] == "2026-01-09" and two["published"] is None
    assert [(e["start"], e["end"], e["label"]) for e in one["entities"]] == [
        (0, 4, "GPE"),
        (*span(ARTICLE_ONE, "Rouhani"), "PERSON"),
    ]
    for record in records:
        for entity in record["entities"]:
            assert record["text"][entity["start"] : entity["end"]] == entity["text"]
        for statement in record["statements"]:
            assert record["text"][statement["start"] : statement["end"]] == statement["content"]
    # Rejected statements are left out by default; suggestions are in.
    assert [s["statement_id"] for s in one["statements"]] == [ids["s_revenge"], ids["s_sanctions"]]
    revenge = one["statements"][0]
    assert revenge["set_by"] == {
        "span": "machine",
        "actor": "machine",
        "concept": "person",
        "stance": "person",
        "status": "person",
        "kind": "machine",
    }
    relation = one["relations"][0]
    assert relation == {
        "type": "speaker_of",
        "statement_id": ids["s_revenge"],
        "statement_start": revenge["start"],
        "statement_end": revenge["end"],
        "speaker_start": span(ARTICLE_ONE, "Mr. Rouhani")[0],
        "speaker_end": span(ARTICLE_ONE, "Mr. Rouhani")[1],
        "speaker_mention": "Mr. Rouhani",
        "actor": "Hassan Rouhani",
        "concept": "revenge",
        "stance": 1,
    }
    # The uncoded statement has neither speaker nor actor, so no relation.
    assert ids["s_uncoded"] not in {r["statement_id"] for r in two["relations"]}
    assert len(two["relations"]) == 2


def test_jsonl_filters(store: Store) -> None:
    ids = populate(store)
    only_two = [
        json.loads(line) for line in to_jsonl(store, article_ids=[ids["article_two"]]).splitlines()
    ]
    assert [r["article_id"] for r in only_two] == [ids["article_two"]]
    accepted = json.loads(to_jsonl(store, include_suggested=False).splitlines()[0])
    assert [s["status"] for s in accepted["statements"]] == ["accepted"]
    everything = json.loads(to_jsonl(store, include_rejected=True).splitlines()[0])
    assert {s["status"] for s in everything["statements"]} == {"accepted", "suggested", "rejected"}


def test_jsonl_of_an_empty_store_is_empty(store: Store) -> None:
    assert to_jsonl(store) == ""


# --- the command line ---------------------------------------------------------------------------


def test_export_command_writes_each_format(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from quotegraph.cli import main
    from quotegraph.store.db import open_store

    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)
    ids = populate(store)

    assert main(["export", "--format", "csv", "--db", url]) == 0
    csv_text = capsysbinary.readouterr().out.decode()
    assert csv_text == to_csv(load_statement_table(store))
    assert "'=SUM(A1)" not in csv_text  # rejected statements are left out by default

    assert main(["export", "--format", "csv", "--statements", "all", "--db", url]) == 0
    assert "'=SUM(A1) was typed" in capsysbinary.readouterr().out.decode()

    assert (
        main(["export", "--format", "jsonl", "--article", str(ids["article_two"]), "--db", url])
        == 0
    )
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert [json.loads(line)["article_id"] for line in lines] == [ids["article_two"]]

    out = tmp_path / "net.gexf"
    assert (
        main(
            [
                "export",
                "--format",
                "gexf",
                "--network",
                "actor-actor",
                "--out",
                str(out),
                "--db",
                url,
            ]
        )
        == 0
    )
    assert out.read_bytes() == to_gexf(network_for_export(store, "actor-actor"))

    assert main(["export", "--format", "graphml", "--db", url]) == 0
    back = nx.read_graphml(io.BytesIO(capsysbinary.readouterr().out))
    assert "actor:Hassan Rouhani" in back

    assert main(["export", "--format", "graphml", "--aggregation", "sideways", "--db", url]) == 1
    assert b"aggregation" in capsysbinary.readouterr().err
    store.dispose()
