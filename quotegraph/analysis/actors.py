"""Actor names: which mentions name an actor, which name variants are one actor, and its name.

A person is identified by a full name (a given name and a surname): "Hillary Clinton" and
"Bill Clinton" are two people, "Bill Clinton" and "William Clinton" one (nicknames of one given
name count as one). Inside an article a lone surname or a title ("Mr. Trump") is the person of
that surname the article names; across the store a lone surname several known people share is
left unresolved rather than guessed (see ``analysis.ActorResolver``). Organisations, countries
and groups are identified by their whole name. Phrases that name nobody ("analysts", "his 1995
tax returns", a headline such as "Trump Warns Clinton") are not actors at all.

This module holds actor identity (the store-wide key, the canonical name, the registry of one
article's actors); how a name is written and parsed is ``actor_names``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from quotegraph.analysis.actor_names import (
    _SUFFIXES,
    ORGANISATION_ENDINGS,
    PersonName,
    _fold,
    _is_initial,
    clean_name,
    is_actor_name,
    looks_like_organisation,
    parse_person_name,
    same_given_name,
    same_person,
    strip_titles,
    title_gender,
)
from quotegraph.analysis.given_names import given_name_gender

ACTOR_TYPES = ("person", "organisation", "group", "other")
"""``group`` is a country or a group of people named as one ("Iran", "Republicans")."""

# The actor type of a speaker the entity recogniser labelled; other labels name no actor.
ENTITY_ACTOR_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "group", "NORP": "group"}
_TRAILING_QUALIFIER = re.compile(r"\s+(?:of|from|at|for|in)\s+.*$")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def name_fullness(name: str) -> tuple[int, int, int]:
    """Sort key for the fullest form of one person's name: the highest is the canonical name.

    More written-out name words first; between equals, the form without middle initials (the
    common form: "Donald Trump" over "Donald J. Trump" when both occur), then the longer one.
    """
    words = strip_titles(name).split()
    full_words = [w for w in words if not _is_initial(w) and w.lower() not in _SUFFIXES]
    initials = sum(1 for w in words if _is_initial(w))
    return len(full_words), -initials, len(name)


def canonical_person_name(variants: Iterable[str]) -> str:
    """The fullest of several title-stripped variants of one person's name."""
    return max(variants, key=name_fullness)


def canonical_actor_key(name: str) -> str:
    """The key under which variants of one actor's whole name coincide across the store.

    Titles, punctuation, a possessive ending, accents, case and middle initials are ignored:
    "President Donald J. Trump’s" and "Donald Trump" give "donald trump". A person's key keeps
    the given name, so two people who share a surname have different keys; organisations keep
    every word ("state department").
    """
    cleaned = clean_name(name)
    stripped = strip_titles(name) if not looks_like_organisation(cleaned) else cleaned
    if not looks_like_organisation(stripped):
        stripped = _TRAILING_QUALIFIER.sub("", stripped)
    words = [w for w in stripped.split() if not _is_initial(w) or len(stripped.split()) == 1]
    folded = _WORD.findall(_fold(" ".join(words)))
    return " ".join(folded) if folded else _fold(name.strip())


def person_surname_key(name: str) -> str | None:
    """The folded surname of a person's name, or None when it has none."""
    parsed = parse_person_name(name)
    return parsed.surname_key if parsed is not None else None


@dataclass
class ActorRecord:
    """One actor as it is being assembled from an article's mentions."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    affiliation: str | None = None
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    # For a person: the name in parts (given None while only the surname is known).
    person: PersonName | None = None
    variants: list[str] = field(default_factory=list)  # title-stripped full forms seen


class ActorRegistry:
    """Actors of one article, merging name variants as mentions arrive in reading order.

    People merge on a full name (nicknames allowed); a lone surname or a titled surname
    ("Mr. Trump") joins the person of that surname the article names, preferring the one whose
    title's gender fits and, among several, the one the article already called by the bare
    surname or else the first introduced. A surname met before any full name is completed by
    the first full name with that surname. Other actors merge on their whole name.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, ActorRecord] = {}
        self.records: list[ActorRecord] = []
        self._surname_used: set[int] = set()  # ids of records called by a bare surname

    def add(
        self,
        surface: str,
        actor_type: str,
        *,
        affiliation: str | None = None,
        role: str | None = None,
    ) -> ActorRecord | None:
        """Record a mention and return its actor, or None when it names no actor."""
        actor_type = {"place": "group"}.get(actor_type, actor_type)
        cleaned = clean_name(surface)
        gender = title_gender(surface)
        if actor_type != "person" and len(cleaned.split()) == 1:
            # "Trump" tagged as an organisation in an article that names Donald Trump
            person = self._person_for(
                PersonName(None, (), cleaned, None), gender, by_given_name=False
            )
            if person is not None:
                actor_type = "person"
        elif actor_type == "organisation" and _reads_as_a_persons_name(cleaned):
            actor_type = "person"  # "Carly Fiorina" tagged as an organisation
        if not is_actor_name(cleaned, actor_type):
            return None
        if actor_type == "person":
            record = self._add_person(surface, gender)
        else:
            record = self._add_other(cleaned, actor_type)
        if record is None:
            return None
        actor_type = record.type
        # The name as written, without titles and describing words: "Mr. Trump" is "Trump".
        parsed = parse_person_name(surface) if actor_type == "person" else None
        alias = parsed.text() if parsed is not None else cleaned
        if alias and alias not in record.aliases:
            record.aliases.append(alias)
        if affiliation and not record.affiliation:
            record.affiliation = affiliation
        if gender and not record.gender:
            record.gender = gender
        if not record.gender and record.person is not None:
            record.gender = given_name_gender(record.person.given)
        if role:
            record.roles.add(role)
        return record

    def find(self, surface: str) -> ActorRecord | None:
        """The actor already recorded under this name variant, if any."""
        cleaned = clean_name(surface)
        if not cleaned:
            return None
        parsed = parse_person_name(cleaned)
        if parsed is not None and (found := self._person_for(parsed, title_gender(surface))):
            return found
        return self._by_key.get(_fold(cleaned)) or self._by_key.get(_fold(strip_titles(surface)))

    def _add_other(self, cleaned: str, actor_type: str) -> ActorRecord:
        if actor_type in ("other", "person") and looks_like_organisation(cleaned):
            actor_type = "organisation"
        record = self._by_key.get(_fold(cleaned))
        if record is None:
            record = ActorRecord(name=cleaned, type=actor_type)
            self._by_key[_fold(cleaned)] = record
            self.records.append(record)
        return record

    # --- people -----------------------------------------------------------------------------

    def _people(self) -> list[ActorRecord]:
        return [r for r in self.records if r.type == "person" and r.person is not None]

    def _person_for(
        self, parsed: PersonName, gender: str | None, *, by_given_name: bool = True
    ) -> ActorRecord | None:
        people = self._people()
        if parsed.is_full:
            for record in people:
                if record.person is not None and same_person(record.person, parsed):
                    return record
            return None
        # A lone surname (or a lone given name: "Hillary", "Ivanka").
        named = [
            r
            for r in people
            if r.person is not None
            and r.person.is_full
            and r.person.surname_key == parsed.surname_key
            and parsed.suffix_key() in ("", r.person.suffix_key())
        ]
        fitting = [r for r in named if not gender or not r.gender or r.gender == gender]
        if fitting:
            used = [r for r in fitting if id(r) in self._surname_used]
            return (used or fitting)[0]
        by_given = [
            r
            for r in people
            if by_given_name
            and r.person is not None
            and r.person.given is not None
            and same_given_name(r.person.given, parsed.surname)
        ]
        if len(by_given) == 1:
            return by_given[0]
        for record in people:
            if (
                record.person is not None
                and not record.person.is_full
                and record.person.surname_key == parsed.surname_key
            ):
                return record
        return None

    def _add_person(self, surface: str, gender: str | None) -> ActorRecord | None:
        parsed = parse_person_name(surface)
        if parsed is None:
            return None
        if parsed.surname.lower().rstrip(".") in ORGANISATION_ENDINGS:
            return self._add_other(clean_name(surface), "organisation")  # "UnitedHealth Group"
        name = parsed.text()
        record = self._person_for(parsed, gender)
        if record is None and parsed.is_full:
            record = self._lone_surname_to_complete(parsed)
        if record is None:
            record = ActorRecord(name=name, type="person", person=parsed)
            self.records.append(record)
            self._by_key.setdefault(_fold(name), record)
        if parsed.is_full:
            if record.person is None or not record.person.is_full:
                record.person = parsed
            record.variants.append(name)
            record.name = canonical_person_name(record.variants)
            record.person = parse_person_name(record.name) or parsed
            self._by_key.setdefault(_fold(name), record)
        else:
            self._surname_used.add(id(record))
        record.type = "person"
        return record

    def _lone_surname_to_complete(self, parsed: PersonName) -> ActorRecord | None:
        """A record known only by this surname so far (a headline's "Trump"), or a lone word
        another type took ("Trump" read as an organisation), that this full name completes."""
        for record in self.records:
            if record.type == "person" and record.person is not None:
                if not record.person.is_full and record.person.surname_key == parsed.surname_key:
                    return record
            elif (
                record.type != "person"
                and len(record.name.split()) == 1
                and _fold(record.name) == parsed.surname_key
                and not looks_like_organisation(record.name)
            ):
                return record
        return None


def _reads_as_a_persons_name(name: str) -> bool:
    """ "Carly Fiorina": two or three capitalised words, the first a given name of one gender,
    and no word an organisation's ("Ford Motor Company", "John Deere Foundation")."""
    words = name.split()
    return (
        len(words) in (2, 3)
        and all(word[:1].isupper() for word in words)
        and given_name_gender(words[0]) is not None
        and not looks_like_organisation(name)
        and words[-1].lower().rstrip(".") not in ORGANISATION_ENDINGS
    )
