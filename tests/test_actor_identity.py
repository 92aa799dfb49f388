"""Actors across the store: merged on full names and confirmed aliases, never on a surname alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select, text
from statement_helpers import span, suggestion

from quotegraph.analysis.corpus import analyse_articles
from quotegraph.analysis.extraction import ActorCandidate, ArticleAnalysis, Entity
from quotegraph.analysis.first_pass import store_analysis
from quotegraph.annotation.codebook_actors import (
    add_alias,
    create_actor,
    list_actors,
    merge_actors,
    rename_actor,
    unmerge_actors,
)
from quotegraph.annotation.statements import list_statements
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import MIGRATIONS_DIR, Store, create_store_engine, open_store
from quotegraph.store.models import Actor, ActorAlias


def _article(store: Store, body: str) -> int:
    return add_article(store, ArticleDraft(text=body, title=body[:30])).article_id


def _said(store: Store, body: str, *speakers: tuple[str, str, ActorCandidate | None]) -> int:
    """Store a hand-made first pass: each (claim, speaker mention, article actor) of ``body``."""
    article_id = _article(store, body)
    statements = []
    actors = []
    entities = []
    for claim, mention, candidate in speakers:
        statements.append(
            suggestion(body, claim, mention, candidate.name if candidate else mention)
        )
        if candidate is not None:
            actors.append(candidate)
            start, end = span(body, mention)
            entities.append(Entity(start, end, "PERSON", mention))
    store_analysis(
        store, article_id, ArticleAnalysis(tuple(entities), tuple(statements), tuple(actors), "v1")
    )
    return article_id


def _person(name: str, *aliases: str) -> ActorCandidate:
    return ActorCandidate(name, "person", aliases, None)


def _rows(store: Store) -> list[tuple[str, str, tuple[str, ...], int, bool, tuple[str, ...]]]:
    return [
        (a.name, a.type, a.aliases, a.statement_count, a.unresolved, a.could_be)
        for a in list_actors(store)
    ]


def test_made_up_articles_give_exactly_these_actor_rows(store: Store) -> None:
    articles = [
        "Senator Dana J. Okafor said on Monday that the bridge would be rebuilt. Mr. Okafor "
        "added that the work would start in May. His wife, Rita Okafor, said the family "
        "supported the plan.",
        "Rita Okafor told reporters that the school needed more teachers. Officials in the "
        "region said the roads were closed. Analysts said the vote would be close. The State "
        "Department said the embassy would stay open, and the Justice Department said the case "
        "was closed.",
        "Okafor said the budget was too small.",
        "Dana Okafor said the rail line would reopen in June.",
    ]
    ids = [_article(store, body) for body in articles]
    analyse_articles(store, ids)
    assert _rows(store) == [
        ("Dana Okafor", "person", ("Okafor", "Dana J. Okafor"), 3, False, ()),
        ("Justice Department", "organisation", (), 1, False, ()),
        ("Okafor", "person", (), 1, True, ("Dana Okafor", "Rita Okafor")),
        ("Rita Okafor", "person", (), 2, False, ()),
        ("State Department", "organisation", (), 1, False, ()),
    ]
    unnamed = [s for s in list_statements(store, ids[1]) if s.actor_id is None]
    assert [(s.speaker_mention, s.content) for s in unnamed] == [
        ("Officials in the region", "the roads were closed"),
        ("Analysts", "the vote would be close"),
    ]


def test_two_given_names_with_one_surname_are_two_actors_and_nicknames_one(store: Store) -> None:
    _said(
        store,
        "Hillary Marsh said the plan works.",
        ("the plan works", "Hillary Marsh", _person("Hillary Marsh")),
    )
    _said(
        store,
        "Bill Marsh said the plan fails.",
        ("the plan fails", "Bill Marsh", _person("Bill Marsh")),
    )
    _said(
        store,
        "William Marsh said the vote was fair.",
        ("the vote was fair", "William Marsh", _person("William Marsh")),
    )
    assert [(name, aliases, count) for name, _, aliases, count, _, _ in _rows(store)] == [
        ("Hillary Marsh", (), 1),
        ("William Marsh", ("Bill Marsh",), 2),  # the formal name is the fuller form
    ]


def test_the_fullest_name_becomes_the_actors_name_unless_a_person_named_it(store: Store) -> None:
    _said(
        store,
        "Dana Okafor said it was late.",
        ("it was late", "Dana Okafor", _person("Dana Okafor")),
    )
    _said(
        store,
        "Dana Marie Okafor said it was early.",
        ("it was early", "Dana Marie Okafor", _person("Dana Marie Okafor")),
    )
    assert _rows(store) == [("Dana Marie Okafor", "person", ("Dana Okafor",), 2, False, ())]
    (actor,) = list_actors(store)
    rename_actor(store, actor.id, "Dana Okafor", annotator="ann")  # a person prefers it
    _said(
        store,
        "Dana Marie Okafor said it was on time.",
        ("it was on time", "Dana Marie Okafor", _person("Dana Marie Okafor")),
    )
    assert [(a.name, a.statement_count) for a in list_actors(store)] == [("Dana Okafor", 3)]


def test_a_lone_surname_several_people_share_stays_unresolved_until_a_person_merges_it(
    store: Store,
) -> None:
    _said(
        store, "Dana Okafor said yes to it.", ("yes to it", "Dana Okafor", _person("Dana Okafor"))
    )
    # One known Okafor: a lone "Okafor" is that person.
    first = _said(store, "Okafor said no to it.", ("no to it", "Okafor", _person("Okafor")))
    assert list_statements(store, first)[0].actor_name == "Dana Okafor"
    _said(store, "Rita Okafor said maybe.", ("maybe", "Rita Okafor", _person("Rita Okafor")))
    second = _said(store, "Okafor said it again.", ("it again", "Okafor", _person("Okafor")))
    lone = next(a for a in list_actors(store) if a.name == "Okafor")
    assert (lone.unresolved, lone.could_be) == (True, ("Dana Okafor", "Rita Okafor"))
    assert list_statements(store, second)[0].actor_id == lone.id

    # A person decides: this Okafor is Rita. The merge confirms the alias and can be undone.
    rita = next(a for a in list_actors(store) if a.name == "Rita Okafor")
    merge_actors(store, lone.id, rita.id, annotator="ann")
    third = _said(store, "Okafor said it once more.", ("it once more", "Okafor", _person("Okafor")))
    assert list_statements(store, third)[0].actor_id == rita.id
    unmerge_actors(store, lone.id, annotator="ann")
    assert list_statements(store, second)[0].actor_id == lone.id
    with store.session() as session:
        assert session.scalar(select(ActorAlias.origin).where(ActorAlias.alias == "Okafor")) in (
            None,
            "machine",
        )


def test_an_alias_a_person_added_brings_later_mentions(store: Store) -> None:
    chief = create_actor(store, "Amina Bello", annotator="ann")
    add_alias(store, chief.id, "The Chief", annotator="ann")
    body = "The Chief said the port would close."
    article_id = _said(store, body, ("the port would close", "The Chief", _person("The Chief")))
    assert list_statements(store, article_id)[0].actor_id == chief.id


def test_unnamed_and_headline_speakers_become_no_actor(store: Store) -> None:
    body = "Okafor Warns Marsh. Officials said the port was shut. The Marsh campaign said no."
    article_id = _article(store, body)
    campaign_start, campaign_end = span(body, "Marsh")
    campaign_start = body.index("Marsh", campaign_end)
    store_analysis(
        store,
        article_id,
        ArticleAnalysis(
            (Entity(campaign_start, campaign_start + 5, "PERSON", "Marsh"),),
            (
                suggestion(body, "Okafor Warns Marsh", None, "Okafor Warns Marsh"),
                suggestion(body, "the port was shut", "Officials", "Officials"),
                suggestion(body, "no", "The Marsh campaign", "Marsh campaign"),
            ),
            (),
            "v1",
        ),
    )
    assert _rows(store) == [("Marsh campaign", "organisation", (), 1, False, ())]
    assert [s.actor_name for s in list_statements(store, article_id)] == [
        None,
        None,
        "Marsh campaign",
    ]


def test_upgrading_keeps_every_actor_decision(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_store_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        for actor_id, name, key, actor_type, merged in (
            (1, "Dana Okafor", "okafor", "person", None),
            (2, "Rita Okafor", "okafor", "person", None),
            (3, "Okafor", "okafor", "person", None),
            (4, "Lagos", "lagos", "place", None),
            (5, "D. Okafor", "okafor", "person", 1),  # merged by a person
        ):
            connection.execute(
                text(
                    "INSERT INTO actors (id, name, key, type, merged_into_id, created_at) "
                    "VALUES (:id, :name, :key, :type, :merged, '2026-01-01 00:00:00')"
                ),
                {"id": actor_id, "name": name, "key": key, "type": actor_type, "merged": merged},
            )
        connection.execute(
            text(
                "INSERT INTO articles (id, text, sha256, title, word_count, added_at) "
                "VALUES (1, 'Okafor said yes.', 'x', 't', 3, '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                'INSERT INTO statements (id, article_id, start, "end", actor_id, kind, status, '
                "field_origins, note, version, created_at, updated_at) VALUES "
                "(1, 1, 12, 15, 2, 'indirect', 'accepted', '{}', '', 1, "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO actor_aliases (id, actor_id, alias) VALUES "
                "(1, 1, 'Mr. Okafor'), (2, 2, 'Mrs. Okafor'), (3, 1, 'D. Okafor')"
            )
        )
        for row_id, table, action, field in (
            (2, "actors", "update", "name"),  # a person renamed Rita's actor
            (3, "actor_aliases", "update", "actor_id"),  # moved by the merge
        ):
            connection.execute(
                text(
                    "INSERT INTO changes (group_id, at, annotator, action, table_name, row_id, "
                    "field, old_value, new_value) VALUES ('g', '2026-01-01 00:00:00', 'ann', "
                    ":action, :table, :row_id, :field, 'null', 'null')"
                ),
                {"action": action, "table": table, "row_id": row_id, "field": field},
            )
    engine.dispose()

    store = open_store(url)
    with store.session() as session:
        actors = session.execute(
            select(
                Actor.id,
                Actor.name,
                Actor.key,
                Actor.type,
                Actor.surname,
                Actor.unresolved,
                Actor.name_origin,
                Actor.merged_into_id,
            ).order_by(Actor.id)
        ).all()
        aliases = session.execute(
            select(ActorAlias.alias, ActorAlias.actor_id, ActorAlias.origin).order_by(ActorAlias.id)
        ).all()
    assert [tuple(row) for row in actors] == [
        (1, "Dana Okafor", "dana okafor", "person", "okafor", False, "machine", None),
        (2, "Rita Okafor", "rita okafor", "person", "okafor", False, "person", None),
        (3, "Okafor", "okafor", "person", "okafor", True, "machine", None),
        (4, "Lagos", "lagos", "group", None, False, "machine", None),
        (5, "D. Okafor", "okafor", "person", "okafor", False, "machine", 1),
    ]
    assert list_statements(store, 1)[0].actor_name == "Rita Okafor"
    assert [tuple(row) for row in aliases] == [
        ("Mr. Okafor", 1, "machine"),
        ("Mrs. Okafor", 2, "machine"),
        ("D. Okafor", 1, "person"),
    ]
    store.dispose()


@pytest.mark.parametrize("name", ["analysts", "his 1995 tax returns", "Department"])
def test_a_non_actor_named_as_an_article_actor_is_not_stored(store: Store, name: str) -> None:
    body = f"{name} said the tide turned."
    article_id = _said(
        store, body, ("the tide turned", name, ActorCandidate(name, "person", (), None))
    )
    assert list_actors(store) == []
    assert list_statements(store, article_id)[0].speaker_mention == name


def test_a_reanalysis_drops_the_actors_only_its_old_suggestions_had(store: Store) -> None:
    body = "Dana Okafor said the port was open. Rita Okafor said it was shut."
    article_id = _article(store, body)

    def first_pass(version: str, second_speaker: str) -> ArticleAnalysis:
        return ArticleAnalysis(
            (),
            (
                suggestion(body, "the port was open", "Dana Okafor", "Dana Okafor"),
                suggestion(body, "it was shut", "Rita Okafor", second_speaker),
            ),
            (_person("Dana Okafor"), _person(second_speaker)),
            version,
        )

    store_analysis(store, article_id, first_pass("v1", "Rita Okafor Wrong"))
    kept = create_actor(store, "Amina Bello", annotator="ann")
    store_analysis(store, article_id, first_pass("v2", "Rita Okafor"))
    assert [a.name for a in list_actors(store)] == ["Amina Bello", "Dana Okafor", "Rita Okafor"]
    assert kept.id in {a.id for a in list_actors(store)}


def test_a_surname_the_extractor_left_unresolved_is_the_articles_full_name(store: Store) -> None:
    body = "Brett Okafor said the count was fair. Okafor said the count was over."
    article_id = _article(store, body)
    store_analysis(
        store,
        article_id,
        ArticleAnalysis(
            (),
            (
                suggestion(body, "the count was fair", "Brett Okafor", "Brett Okafor"),
                suggestion(body, "the count was over", "Okafor said", "Okafor"),
            ),
            # The recogniser took the name for an organisation: the surname still finds it.
            (ActorCandidate("Brett Okafor", "organisation", ("Brett Okafor",), None),),
            "v1",
        ),
    )
    names = [s.actor_name for s in list_statements(store, article_id)]
    assert names == ["Brett Okafor", "Brett Okafor"]
    assert [a.name for a in list_actors(store)] == ["Brett Okafor"]


def test_a_group_the_recogniser_names_is_a_group_and_one_member_of_it_no_actor(
    store: Store,
) -> None:
    body = "Republicans said the bill was dead. Another Republican said it was alive."
    article_id = _article(store, body)
    groups = [
        Entity(*span(body, "Republicans"), "NORP", "Republicans"),
        Entity(body.index("Republican said"), body.index(" said it"), "NORP", "Republican"),
    ]
    store_analysis(
        store,
        article_id,
        ArticleAnalysis(
            tuple(groups),
            (
                suggestion(body, "the bill was dead", "Republicans", "Republicans"),
                suggestion(body, "it was alive", "Another Republican", "Republican"),
            ),
            (),
            "v1",
        ),
    )
    assert _rows(store) == [("Republicans", "group", (), 1, False, ())]
    assert [s.actor_name for s in list_statements(store, article_id)] == ["Republicans", None]
