"""Actor names: what names an actor, which variants are one person, and the canonical name."""

from __future__ import annotations

import pytest

from quotegraph.analysis.actor_names import (
    is_actor_name,
    parse_person_name,
    same_given_name,
    same_person,
    strip_titles,
)
from quotegraph.analysis.actors import ActorRegistry, canonical_actor_key, canonical_person_name


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Tim", "Timothy", True),
        ("Bill", "William", True),
        ("Bill", "Billy", True),
        ("bob", "Robert", True),
        ("Bill", "Hillary", False),
        ("Melania", "Donald", False),
        ("Ana", "Ted", False),
    ],
)
def test_given_names_match_only_as_nicknames_of_one_name(first, second, same):
    assert same_given_name(first, second) is same


def test_a_name_splits_into_given_name_middles_surname_and_suffix():
    parsed = parse_person_name("Sen. Joseph R. Biden Jr.")
    assert (parsed.given, parsed.middles, parsed.surname, parsed.suffix) == (
        "Joseph",
        ("R.",),
        "Biden",
        "Jr.",
    )
    lone = parse_person_name("Mr. Okafor’s")
    assert (lone.given, lone.surname) == (None, "Okafor")
    assert parse_person_name("Billionaire Dana Okafor").text() == "Dana Okafor"
    assert parse_person_name("Delta Gov. Lena Marsh").text() == "Lena Marsh"
    assert parse_person_name("Ludwig van Brenner").surname == "van Brenner"


def test_two_given_names_with_one_surname_are_two_people():
    def same(a: str, b: str) -> bool:
        return same_person(parse_person_name(a), parse_person_name(b))

    assert same("Dana J. Okafor", "Dana Okafor")
    assert same("Tim Okafor", "Timothy Okafor")
    assert not same("Dana Okafor", "Rita Okafor")
    assert not same("Dana Okafor", "Dana Okafor Jr.")
    assert not same("George H. W. Marsh", "George W. Marsh")


def test_the_canonical_name_is_the_fullest_form_without_a_common_middle_initial():
    assert canonical_person_name(["Dana J. Okafor", "Dana Okafor"]) == "Dana Okafor"
    assert canonical_person_name(["Dana J. Okafor"]) == "Dana J. Okafor"
    assert canonical_person_name(["Rita Okafor", "Rita Mae Okafor"]) == "Rita Mae Okafor"
    assert canonical_actor_key("President Dana J. Okafor’s") == canonical_actor_key("Dana Okafor")
    assert canonical_actor_key("Rita Okafor") != canonical_actor_key("Dana Okafor")


@pytest.mark.parametrize(
    ("name", "actor_type", "is_actor"),
    [
        ("analysts", "person", False),
        ("his 1995 tax returns", "person", False),
        ("2014 study", "organisation", False),
        ("Okafor Warns Marsh", "person", False),
        ("Department", "organisation", False),
        ("Poll", "organisation", False),
        ("Twenty-four percent", "person", False),
        ("Marsh supporters", "person", False),
        ("President", "person", False),
        ("Dana Okafor", "person", True),
        ("Hope Marsh", "person", True),
        ("Justice Department", "organisation", True),
        ("Marsh campaign", "organisation", True),
        ("Congress", "organisation", True),
        ("CNN", "organisation", True),
        ("Republicans", "group", True),
        ("[W]e", "person", False),
        ("We", "person", False),
    ],
)
def test_phrases_that_name_nobody_are_not_actors(name, actor_type, is_actor):
    assert is_actor_name(name, actor_type) is is_actor


def test_an_organisation_keeps_a_leading_title_word():
    assert strip_titles("the State Department’s") == "State Department"
    assert strip_titles("Brig. Gen. Amir Ali Hajizadeh") == "Amir Ali Hajizadeh"


def test_in_an_article_a_surname_or_title_resolves_to_the_full_name_it_gives():
    registry = ActorRegistry()
    headline = registry.add("Okafor", "organisation")  # a headline, read as an organisation
    dana = registry.add("Dana J. Okafor", "person")
    rita = registry.add("Rita Okafor", "person")
    assert headline is dana and dana.type == "person"
    assert registry.add("Mr. Okafor", "person") is dana
    assert registry.add("Mrs. Okafor", "person") is rita
    assert registry.add("Okafor", "person") is dana  # first introduced
    assert registry.add("Rita", "person") is rita
    assert registry.add("Dana Okafor", "person") is dana
    assert registry.add("Okafor Warns Marsh", "person") is None
    assert registry.add("analysts", "person") is None
    assert [(r.name, r.type, r.gender) for r in registry.records] == [
        ("Dana Okafor", "person", "male"),
        ("Rita Okafor", "person", "female"),
    ]
    assert registry.find("Ms. Okafor") is rita


def test_a_given_name_of_one_gender_tells_a_persons_gender_and_a_title_comes_first():
    registry = ActorRegistry()
    registry.add("Hillary Ruiz", "person")
    registry.add("Ruiz", "person")  # a lone surname adds no given name
    registry.add("Donald J. Baker", "person")
    registry.add("Alex Kim", "person")  # given to both: unknown until a pronoun or title says
    registry.add("Mr. Ashley Stone", "person")
    registry.add("Okafor", "person")
    registry.add("Maria Okafor", "person")  # the full name completes the surname's record
    assert [(r.name, r.gender) for r in registry.records] == [
        ("Hillary Ruiz", "female"),
        ("Donald J. Baker", "male"),
        ("Alex Kim", None),
        ("Ashley Stone", "male"),
        ("Maria Okafor", "female"),
    ]


def test_a_persons_name_the_recogniser_took_for_an_organisation_is_a_person():
    registry = ActorRegistry()
    carla = registry.add("Carla Okafor", "organisation")  # "Carla Okafor Endorses ..."
    assert (carla.type, carla.gender) == ("person", "female")
    assert registry.add("Okafor", "organisation") is carla
    # an organisation's word, or a first word that is no given name, keeps an organisation
    for name in ("Henry Okafor Foundation", "Ruiz Steel", "Okafor Brothers Ltd."):
        assert registry.add(name, "organisation").type == "organisation", name


def test_organisations_sharing_a_head_noun_stay_apart():
    registry = ActorRegistry()
    justice = registry.add("the Justice Department", "organisation")
    state = registry.add("State Department", "organisation")
    assert justice is not state
    assert registry.add("the Department", "organisation") is None
    assert [r.name for r in registry.records] == ["Justice Department", "State Department"]


def test_the_entity_label_gives_way_to_what_the_name_plainly_says():
    registry = ActorRegistry()
    group = registry.add("UnitedHealth Group", "person")
    marino = registry.add("Filmmaker Jack Marino", "person")
    assert (group.name, group.type) == ("UnitedHealth Group", "organisation")
    assert (marino.name, marino.type) == ("Jack Marino", "person")
    assert registry.add("Emily Post", "person").type == "person"
