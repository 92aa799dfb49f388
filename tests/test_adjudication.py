"""Adjudication: coders' versions side by side, settled into the project's layer, undoable."""

from __future__ import annotations

import pytest
from coder_layers import Version, write_coder_layers
from sqlalchemy import select

from quotegraph.annotation.history import undo
from quotegraph.annotation.statements import EditConflict
from quotegraph.store.db import Store
from quotegraph.store.models import Statement, User
from quotegraph.team.adjudication import (
    accept_agreed,
    adjudication_units,
    articles_to_adjudicate,
    pick_version,
    reject_unit,
)
from quotegraph.team.permissions import PermissionDenied

TEXT = (
    "The minister said taxes would fall next year. "
    "Critics argued the plan was reckless and unfunded. "
    "A union leader warned of strikes in the spring."
)
JUDGE = "judge"


def _article(store: Store) -> tuple[int, dict[str, list[int]]]:
    return write_coder_layers(
        store,
        TEXT,
        {
            "anna": [
                Version("taxes would fall next year", actor="Minister", concept="Tax", stance=1),
                Version("the plan was reckless", actor="Critics", concept="Tax", stance=-1),
                Version("of strikes in the spring", status="rejected"),
            ],
            "ben": [
                Version("taxes would fall next year", actor="Minister", concept="Tax", stance=1),
                Version("the plan was reckless", actor="Critics", concept="Budget", stance=0),
                Version("of strikes in the spring", actor="Union", stance=-1),
            ],
        },
    )


def _project_rows(store: Store, article_id: int) -> list[Statement]:
    with store.session() as session:
        return list(
            session.scalars(
                select(Statement)
                .where(Statement.article_id == article_id, Statement.coder.is_(None))
                .order_by(Statement.start)
            )
        )


def test_articles_and_units_side_by_side(store: Store) -> None:
    article_id, ids = _article(store)
    [entry] = articles_to_adjudicate(store)
    assert (entry.article_id, entry.coders, entry.units, entry.agreed, entry.settled) == (
        article_id,
        ("anna", "ben"),
        3,
        1,
        0,
    )
    assert entry.open_disagreements == 2
    units = adjudication_units(store, article_id)
    assert [unit.agreed for unit in units] == [True, False, False]
    second = units[1]
    assert second.text == "the plan was reckless"
    assert second.versions["anna"].concept == "Tax"
    assert second.versions["ben"].concept == "Budget"
    assert second.versions["ben"].stance == "neutral (0)"
    assert second.seen == {ids["anna"][1]: 1, ids["ben"][1]: 1}
    assert units[2].versions["anna"].status == "rejected"


def test_accept_agreed_then_pick_edit_and_reject_settle_every_unit(store: Store) -> None:
    article_id, ids = _article(store)
    assert accept_agreed(store, article_id, adjudicator=JUDGE) == 1
    assert accept_agreed(store, article_id, adjudicator=JUDGE) == 0
    units = adjudication_units(store, article_id)
    assert units[0].result is not None and units[0].picked_from == "anna"

    pick_version(store, article_id, ids["ben"][1], seen=units[1].seen, adjudicator=JUDGE)
    # Changing one's mind: anna's version, with the stance edited, replaces ben's.
    pick_version(
        store,
        article_id,
        ids["anna"][1],
        seen=units[1].seen,
        adjudicator=JUDGE,
        changes={"stance": 0},
    )
    reject_unit(store, article_id, ids["ben"][2], seen=units[2].seen, adjudicator=JUDGE)

    rows = _project_rows(store, article_id)
    assert [(r.based_on_id, r.status, r.stance) for r in rows] == [
        (ids["anna"][0], "accepted", 1),
        (ids["anna"][1], "accepted", 0),
        (ids["ben"][2], "rejected", -1),
    ]
    assert all(r.annotator == JUDGE for r in rows)
    assert rows[1].field_origins["stance"] == "person"
    assert articles_to_adjudicate(store) == []
    [settled] = articles_to_adjudicate(store, include_settled=True)
    assert settled.settled == 3


def test_each_adjudication_is_undone_like_any_decision(store: Store) -> None:
    article_id, ids = _article(store)
    units = adjudication_units(store, article_id)
    pick_version(store, article_id, ids["ben"][1], seen=units[1].seen, adjudicator=JUDGE)
    assert len(_project_rows(store, article_id)) == 1
    result = undo(store, annotator=JUDGE, article_id=article_id)
    assert result is not None
    assert _project_rows(store, article_id) == []
    assert adjudication_units(store, article_id)[1].result is None


def test_a_stale_view_is_refused_and_nothing_written(store: Store) -> None:
    article_id, ids = _article(store)
    units = adjudication_units(store, article_id)
    with store.session(write=True) as session:
        session.get(Statement, ids["ben"][1]).version += 1  # ben edited it meanwhile
    with pytest.raises(EditConflict, match="changed since"):
        pick_version(store, article_id, ids["anna"][1], seen=units[1].seen, adjudicator=JUDGE)
    assert _project_rows(store, article_id) == []


def test_a_bad_edit_is_refused_and_nothing_written(sqlite_store: Store) -> None:
    article_id, ids = _article(sqlite_store)
    units = adjudication_units(sqlite_store, article_id)
    for changes, message in (({"stance": 7}, "unknown stance"), ({"colour": 1}, "cannot change")):
        with pytest.raises(ValueError, match=message):
            pick_version(
                sqlite_store,
                article_id,
                ids["anna"][1],
                seen=units[1].seen,
                adjudicator=JUDGE,
                changes=changes,
            )
    assert _project_rows(sqlite_store, article_id) == []


def test_the_result_replaces_the_machine_suggestion_the_versions_started_from(
    sqlite_store: Store,
) -> None:
    article_id, ids = _article(sqlite_store)
    start = TEXT.index("the plan was reckless")
    with sqlite_store.session(write=True) as session:
        machine = Statement(
            article_id=article_id, start=start, end=start + 21, status="suggested", coder=None
        )
        session.add(machine)
        session.flush()
        machine_id = machine.id
        for statement_id in (ids["anna"][1], ids["ben"][1]):
            session.get(Statement, statement_id).based_on_id = machine_id
    units = adjudication_units(sqlite_store, article_id)
    pick_version(sqlite_store, article_id, ids["ben"][1], seen=units[1].seen, adjudicator=JUDGE)
    assert [r.based_on_id for r in _project_rows(sqlite_store, article_id)] == [ids["ben"][1]]
    undo(sqlite_store, annotator=JUDGE, article_id=article_id)
    assert [r.id for r in _project_rows(sqlite_store, article_id)] == [machine_id]


def test_only_an_adjudicator_may_adjudicate_once_the_store_has_an_admin(
    sqlite_store: Store,
) -> None:
    article_id, ids = _article(sqlite_store)
    with sqlite_store.session(write=True) as session:
        session.add_all([User(name="root", role="admin"), User(name="anna", role="coder")])
    units = adjudication_units(sqlite_store, article_id)
    with pytest.raises(PermissionDenied, match="coder may not adjudicate"):
        pick_version(
            sqlite_store, article_id, ids["anna"][1], seen=units[1].seen, adjudicator="anna"
        )
    with pytest.raises(PermissionDenied):
        accept_agreed(sqlite_store, article_id, adjudicator="anna")
    assert _project_rows(sqlite_store, article_id) == []
    assert accept_agreed(sqlite_store, article_id, adjudicator="root") == 1
