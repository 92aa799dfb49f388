"""Assigning articles to coders: the overlap share, an even split, the command."""

from __future__ import annotations

import pytest

from quotegraph.cli import main
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import open_store
from quotegraph.store.models import User
from quotegraph.store.project_settings import TeamSettings, team_settings, write_team_settings
from quotegraph.team.assignments import (
    assign_articles,
    assignees,
    coder_articles,
    plan_assignments,
    unassign_articles,
)
from quotegraph.team.permissions import PermissionDenied


def test_the_overlap_share_goes_to_two_coders_and_the_rest_is_split_evenly():
    plan = plan_assignments(range(1, 101), ["ann", "ben", "cy"], overlap=0.2, seed=7)
    assert sorted(plan) == list(range(1, 101))
    double = [names for names in plan.values() if len(names) == 2]
    assert len(double) == 20
    assert all(len(set(names)) == len(names) for names in plan.values())
    load = {name: sum(name in names for names in plan.values()) for name in ("ann", "ben", "cy")}
    assert max(load.values()) - min(load.values()) <= 1
    assert sum(load.values()) == 120
    # The same seed gives the same plan; another seed overlaps other articles.
    assert plan_assignments(range(1, 101), ["ann", "ben", "cy"], overlap=0.2, seed=7) == plan
    other = plan_assignments(range(1, 101), ["ann", "ben", "cy"], overlap=0.2, seed=8)
    assert {a for a, n in other.items() if len(n) == 2} != {
        a for a, n in plan.items() if len(n) == 2
    }


def test_plans_refuse_bad_shares_and_names():
    with pytest.raises(ValueError, match="overlap"):
        plan_assignments([1], ["ann", "ben"], overlap=1.5)
    with pytest.raises(ValueError, match="project"):
        plan_assignments([1], ["project"], overlap=0)
    with pytest.raises(ValueError, match="at least one coder"):
        plan_assignments([1], [], overlap=0)
    # One coder: nothing can be double coded.
    assert plan_assignments([1, 2], ["ann"], overlap=1.0) == {1: ("ann",), 2: ("ann",)}


def _articles(store, count: int) -> list[int]:
    return [
        add_article(
            store, ArticleDraft(text=f"Article number {n} says things.", title=f"a{n}")
        ).article_id
        for n in range(count)
    ]


def test_assign_list_and_unassign(store):
    ids = _articles(store, 10)
    outcome = assign_articles(store, ids, ["ann", "ben"], who="lead", overlap=0.3, seed=1)
    assert outcome.double_coded == 3 and outcome.added == 13
    found = assignees(store)
    assert found == {a: list(names) for a, names in outcome.plan.items()}
    assert coder_articles(store, "ann") == sorted(a for a, n in outcome.plan.items() if "ann" in n)
    # Assigning again adds nothing already there.
    assert assign_articles(store, ids, ["ann", "ben"], who="lead", overlap=0.3, seed=1).added == 0
    assert unassign_articles(store, ids[:2], who="lead", coder="ann") == sum(
        "ann" in outcome.plan[a] for a in ids[:2]
    )
    assert unassign_articles(store, ids, who="lead") == 13 - sum(
        "ann" in outcome.plan[a] for a in ids[:2]
    )
    assert assignees(store) == {}
    with pytest.raises(ValueError, match="no article with id 999"):
        assign_articles(store, [ids[0], 999], ["ann"], who="lead")
    assert assignees(store) == {}  # nothing half-written


def test_only_an_admin_assigns_and_changes_settings_once_the_store_has_accounts(store):
    ids = _articles(store, 2)
    with store.session(write=True) as session:
        session.add_all([User(name="lead", role="admin"), User(name="ann", role="coder")])
    with pytest.raises(PermissionDenied):
        assign_articles(store, ids, ["ann"], who="ann")
    with pytest.raises(PermissionDenied):
        write_team_settings(store, TeamSettings(True, 0.5, False), who="ann")
    with pytest.raises(ValueError, match="no active account for bob"):
        assign_articles(store, ids, ["ann", "bob"], who="lead")
    assert assign_articles(store, ids, ["ann"], who="lead").added == 2
    assert write_team_settings(store, TeamSettings(True, 0.5, False), who="lead")
    assert team_settings(store) == TeamSettings(True, 0.5, False)


def test_settings_default_to_single_coding_with_a_fifth_overlap_and_blind_mode(store):
    assert team_settings(store) == TeamSettings(False, 0.2, True)
    with pytest.raises(ValueError, match="overlap"):
        write_team_settings(store, TeamSettings(True, -0.1, True), who="lead")
    assert team_settings(store) == TeamSettings(False, 0.2, True)


def test_assign_command(store_url, capsys):
    store = open_store(store_url)
    ids = _articles(store, 4)
    store.dispose()
    assert (
        main(["assign", "--db", store_url, "--coders", "ann,ben", "--overlap", "0.5", "--all"]) == 0
    )
    out = capsys.readouterr().out
    assert "assigned 4 articles (2 double coded; 6 new assignments): ann 3, ben 3" in out
    assert main(["assign", "--db", store_url, "--coders", "cy", str(ids[0])]) == 0
    store = open_store(store_url)
    assert assignees(store)[ids[0]][-1] == "cy"
    store.dispose()
    assert main(["assign", "--db", store_url, "--coders", "cy", "999"]) == 1
    assert "no article with id 999" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["assign", "--db", store_url, "--coders", "cy", "--overlap", "2", "--all"])
