"""The codebook: concepts, the stance scale, actors, merges, all logged and undoable."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quotegraph.annotation.codebook_actors import (
    add_alias,
    create_actor,
    get_actor,
    list_actors,
    merge_actors,
    remove_alias,
    rename_actor,
    search_actors,
    set_actor_type,
    set_affiliation,
    unmerge_actors,
)
from quotegraph.annotation.codebook_concepts import (
    create_concept,
    delete_concept,
    list_concepts,
    update_concept,
)
from quotegraph.annotation.history import history, redo, undo
from quotegraph.annotation.stance_scale import (
    BINARY_SCALE,
    FIVE_POINT_SCALE,
    list_stance_levels,
    set_stance_scale,
)
from quotegraph.annotation.statements import (
    EditConflict,
    create_statement,
    get_statement,
    list_statements,
    update_statement,
)
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.models import Change

TEXT = "Rouhani said Iran would respond. Zarif said talks were over."


def _article(store, text: str = TEXT) -> int:
    return add_article(store, ArticleDraft(text=text, title=text[:10])).article_id


def _statement(store, article_id: int, part: str, **fields):
    start = TEXT.index(part)
    return create_statement(store, article_id, start, start + len(part), annotator="a", **fields)


# --- concepts -------------------------------------------------------------------------------


def test_concepts_are_created_renamed_described_and_counted(store):
    sanctions = create_concept(store, "Sanctions", annotator="a", description="economic")
    create_concept(store, "ceasefire", annotator="a")
    with pytest.raises(ValueError, match="already a concept called 'sanctions'"):
        create_concept(store, "sanctions", annotator="a")
    with pytest.raises(ValueError, match="empty"):
        create_concept(store, "   ", annotator="a")
    renamed = update_concept(
        store, sanctions.id, annotator="b", name="Economic  sanctions", description="trade"
    )
    assert (renamed.name, renamed.description) == ("Economic sanctions", "trade")
    article_id = _article(store)
    _statement(store, article_id, "Iran would respond", concept_id=sanctions.id)
    assert [(c.name, c.statement_count) for c in list_concepts(store)] == [
        ("ceasefire", 0),
        ("Economic sanctions", 1),
    ]
    fields = [(e.annotator, e.field, e.new_value) for e in history(store, None)[:2]]
    assert fields == [("b", "description", "trade"), ("b", "name", "Economic sanctions")]


def test_a_concept_in_use_cannot_be_deleted_an_unused_one_can_and_comes_back_on_undo(store):
    used = create_concept(store, "Revenge", annotator="a")
    unused = create_concept(store, "Oil", annotator="a", description="prices")
    article_id = _article(store)
    _statement(store, article_id, "Iran would respond", concept_id=used.id)
    with pytest.raises(ValueError, match="'Revenge' is used by 1 statement: give them"):
        delete_concept(store, used.id, annotator="a")
    delete_concept(store, unused.id, annotator="a")
    assert [c.name for c in list_concepts(store)] == ["Revenge"]
    undo(store, annotator="a", article_id=None)
    restored = [c for c in list_concepts(store) if c.id == unused.id]
    assert [(c.name, c.description) for c in restored] == [("Oil", "prices")]


def test_a_name_clash_at_the_same_instant_is_a_message_not_a_traceback(store, monkeypatch):
    from quotegraph.annotation import codebook_concepts

    create_concept(store, "Oil", annotator="a")
    # As if a second writer's check ran before the first one committed.
    monkeypatch.setattr(codebook_concepts, "_check_concept_name_free", lambda *args, **kwargs: None)
    with pytest.raises(ValueError, match="clashing change at the same moment"):
        create_concept(store, "Oil", annotator="b")
    assert [c.name for c in list_concepts(store)] == ["Oil"]


# --- the stance scale -----------------------------------------------------------------------


def test_the_scale_can_become_five_points_and_back_unless_a_vanishing_value_is_used(store):
    assert [(lv.value, lv.label) for lv in list_stance_levels(store)] == list(BINARY_SCALE)
    five = set_stance_scale(store, FIVE_POINT_SCALE, annotator="a")
    assert [(lv.value, lv.label) for lv in five] == list(FIVE_POINT_SCALE)
    article_id = _article(store)
    kept = _statement(store, article_id, "Iran would respond", stance=-1)
    strong = _statement(store, article_id, "talks were over", stance=2)
    with pytest.raises(ValueError, match=r"stance 2 \('strongly agree', 1 statements\)"):
        set_stance_scale(store, BINARY_SCALE, annotator="a")
    assert len(list_stance_levels(store)) == 5
    update_statement(store, strong.id, expected_version=1, annotator="a", stance=1)
    binary = set_stance_scale(store, BINARY_SCALE, annotator="a")
    assert [(lv.value, lv.label, lv.statement_count) for lv in binary] == [
        (-1, "disagree", 1),
        (0, "neutral", 0),
        (1, "agree", 1),
    ]
    assert get_statement(store, kept.id).stance == -1  # a value that stays keeps its statements


def test_labels_can_be_swapped_and_bad_scales_are_refused(store):
    swapped = set_stance_scale(
        store, [(-1, "agree"), (0, "neutral"), (1, "disagree")], annotator="a"
    )
    assert [lv.label for lv in swapped] == ["agree", "neutral", "disagree"]
    for levels, message in [
        ([(1, "agree")], "at least two"),
        ([(1, "a"), (1, "b")], "appears twice"),
        ([(1, "a"), (2, "A")], "appears twice"),
        ([(1.5, "a"), (2, "b")], "whole numbers"),
        ([(1, ""), (2, "b")], "empty"),
    ]:
        with pytest.raises(ValueError, match=message):
            set_stance_scale(store, levels, annotator="a")
    undo(store, annotator="a", article_id=None)
    assert [(lv.value, lv.label) for lv in list_stance_levels(store)] == list(BINARY_SCALE)


def test_changing_the_scale_is_undone_and_redone(store):
    set_stance_scale(store, FIVE_POINT_SCALE, annotator="a")
    undo(store, annotator="a", article_id=None)
    assert [lv.value for lv in list_stance_levels(store)] == [-1, 0, 1]
    redo(store, annotator="a", article_id=None)
    assert [lv.value for lv in list_stance_levels(store)] == [-2, -1, 0, 1, 2]


# --- actors ---------------------------------------------------------------------------------


def test_actors_are_found_by_any_alias_ignoring_case_prefix_matches_first(store):
    rouhani = create_actor(
        store, "Hassan Rouhani", annotator="a", aliases=["Mr. Rouhani", "the president"]
    )
    create_actor(store, "Preston Hassan", annotator="a")
    create_actor(store, "Quds Force", annotator="a", actor_type="organisation")
    assert [a.name for a in search_actors(store, "MR. ROU")] == ["Hassan Rouhani"]
    assert [a.name for a in search_actors(store, "pres")] == ["Preston Hassan", "Hassan Rouhani"]
    assert [a.name for a in search_actors(store, "hassan")] == ["Hassan Rouhani", "Preston Hassan"]
    assert [a.name for a in search_actors(store, "100%")] == []
    assert len(search_actors(store, "", limit=2)) == 2
    view = get_actor(store, rouhani.id)
    assert view.aliases == ("Mr. Rouhani", "the president") and view.type == "person"


def test_actor_edits_rename_aliases_type_and_affiliation(store):
    qaani = create_actor(store, "Esmail Ghaani", annotator="a")
    quds = create_actor(store, "Quds Force", annotator="a", actor_type="organisation")
    guards = create_actor(store, "Revolutionary Guards", annotator="a", actor_type="organisation")
    with pytest.raises(ValueError, match="already an actor called 'quds force'"):
        create_actor(store, "quds force", annotator="a")
    renamed = rename_actor(store, qaani.id, "Ismail Qaani", annotator="a")
    assert renamed.name == "Ismail Qaani" and renamed.aliases == ("Esmail Ghaani",)
    assert [a.id for a in search_actors(store, "ghaani")] == [qaani.id]
    assert add_alias(store, qaani.id, "Gen. Qaani", annotator="a").aliases == (
        "Esmail Ghaani",
        "Gen. Qaani",
    )
    with pytest.raises(ValueError, match="already goes by"):
        add_alias(store, qaani.id, "gen. qaani", annotator="a")
    assert remove_alias(store, qaani.id, "Esmail Ghaani", annotator="a").aliases == ("Gen. Qaani",)
    with pytest.raises(ValueError, match="has no alias"):
        remove_alias(store, qaani.id, "nobody", annotator="a")
    with pytest.raises(ValueError, match="unknown actor type 'alien'"):
        set_actor_type(store, qaani.id, "alien", annotator="a")
    assert set_actor_type(store, guards.id, "other", annotator="a").type == "other"
    member = set_affiliation(store, qaani.id, quds.id, annotator="a")
    assert (member.affiliation_id, member.affiliation_name) == (quds.id, "Quds Force")
    set_affiliation(store, quds.id, guards.id, annotator="a")
    with pytest.raises(ValueError, match="cannot belong to itself"):
        set_affiliation(store, guards.id, qaani.id, annotator="a")
    with pytest.raises(ValueError, match="does not exist"):
        set_affiliation(store, qaani.id, 9999, annotator="a")
    undo(store, annotator="a", article_id=None)  # quds -> guards
    undo(store, annotator="a", article_id=None)  # qaani -> quds
    assert get_actor(store, qaani.id).affiliation_id is None


def test_merging_moves_statements_aliases_and_members_as_one_undoable_change(store):
    first = _article(store)
    second = _article(store, "Mr. Rouhani said no. " + TEXT)
    source = create_actor(store, "Rouhani", annotator="a", aliases=["Mr. Rouhani", "the president"])
    target = create_actor(store, "Hassan Rouhani", annotator="a", aliases=["the president"])
    staff = create_actor(store, "Rouhani's office", annotator="a", actor_type="organisation")
    set_affiliation(store, staff.id, source.id, annotator="a")
    one = _statement(store, first, "Iran would respond", actor_id=source.id)
    two = create_statement(store, second, 12, 19, annotator="b", actor_id=source.id)
    changes_before = _count_changes(store)

    merged = merge_actors(store, source.id, target.id, annotator="a")
    assert sorted(merged.aliases) == ["Mr. Rouhani", "Rouhani", "the president"]
    assert merged.statement_count == 2
    assert get_statement(store, one.id).actor_id == target.id
    assert get_statement(store, two.id).actor_name == "Hassan Rouhani"
    assert get_actor(store, source.id).merged_into_id == target.id
    assert get_actor(store, staff.id).affiliation_id == target.id
    assert [a.id for a in search_actors(store, "rouhani")] == [target.id, staff.id]
    assert source.id not in [a.id for a in list_actors(store)]
    with store.session() as session:
        groups = session.scalars(select(Change.group_id).where(Change.id > changes_before)).all()
    assert len(set(groups)) == 1
    with pytest.raises(ValueError, match="already merged"):
        merge_actors(store, source.id, staff.id, annotator="a")
    with pytest.raises(ValueError, match="into itself"):
        merge_actors(store, target.id, target.id, annotator="a")

    undone = undo(store, annotator="a", article_id=None)
    assert set(undone.statement_ids) == {one.id, two.id}
    assert get_actor(store, source.id).aliases == ("Mr. Rouhani", "the president")
    assert get_actor(store, source.id).merged_into_id is None
    assert get_actor(store, target.id).aliases == ("the president",)
    assert get_actor(store, staff.id).affiliation_id == source.id
    assert get_statement(store, one.id).actor_id == source.id
    assert get_statement(store, two.id).actor_id == source.id
    redo(store, annotator="a", article_id=None)
    assert get_statement(store, two.id).actor_id == target.id


def test_unmerge_by_another_annotator_and_a_conflicting_edit_blocks_it(store):
    article_id = _article(store)
    source = create_actor(store, "Zarif", annotator="a")
    target = create_actor(store, "Javad Zarif", annotator="a")
    statement = _statement(store, article_id, "talks were over", actor_id=source.id)
    merge_actors(store, source.id, target.id, annotator="a")
    result = unmerge_actors(store, source.id, annotator="b")
    assert result.statement_ids == (statement.id,)
    assert get_statement(store, statement.id).actor_id == source.id
    with pytest.raises(ValueError, match="not merged"):
        unmerge_actors(store, source.id, annotator="b")
    # a's undo of the merge now finds it already reversed: refused, nothing changed.
    with pytest.raises(EditConflict):
        undo(store, annotator="a", article_id=None)
    # b can take the unmerge back (a re-merge).
    undo(store, annotator="b", article_id=None)
    assert get_actor(store, source.id).merged_into_id == target.id

    unmerge_actors(store, source.id, annotator="b")
    merge_actors(store, source.id, target.id, annotator="a")
    moved = get_statement(store, statement.id)
    update_statement(store, moved.id, expected_version=moved.version, annotator="c", actor_id=None)
    with pytest.raises(EditConflict, match="unmerge"):
        unmerge_actors(store, source.id, annotator="b")
    assert get_actor(store, source.id).merged_into_id == target.id
    assert list_statements(store, article_id)[0].actor_id is None


def _count_changes(store) -> int:
    with store.session() as session:
        return len(session.scalars(select(Change.id)).all())


def test_a_codebook_csv_adds_concepts_with_keywords_and_examples_undoable_as_one(store):
    from quotegraph.annotation.codebook_concepts import import_concepts, parse_concepts_csv

    create_concept(store, "Taxes", annotator="ana")
    data = (
        "\ufeffName,Description,Keywords,Examples\n"
        'Wind power,Turbines,"turbine; wind farm","Wind is cheap|Turbines kill birds"\n'
        "taxes,Levies,,\n"
    ).encode()
    concepts = parse_concepts_csv(data)
    assert concepts[0]["keywords"] == "turbine\nwind farm"
    assert concepts[0]["examples"] == "Wind is cheap\nTurbines kill birds"
    result = import_concepts(store, concepts, annotator="ana")
    assert (result.created, result.updated) == (1, 1)
    by_name = {c.name: c for c in list_concepts(store)}
    assert by_name["Wind power"].keywords == "turbine\nwind farm"
    assert by_name["Taxes"].description == "Levies"
    undo(store, annotator="ana", article_id=None)
    assert [c.name for c in list_concepts(store)] == ["Taxes"]
    assert list_concepts(store)[0].description == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"title\nx\n", "no 'name' or 'concept' column"),
        (b"name\nA\na\n", "row 3: 'a' is already in row 2"),
        (b"name\n\n", "names no concept"),
        (b"\x00\x01\x02PK", "not text"),
    ],
)
def test_a_bad_codebook_csv_is_refused_with_a_reason(data, message):
    from quotegraph.annotation.codebook_concepts import parse_concepts_csv

    with pytest.raises(ValueError, match=message):
        parse_concepts_csv(data)
