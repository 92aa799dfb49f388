"""Which stored actor made a suggested statement: merging only what is surely one actor.

A speaker is an actor when the article lists it among its actors (by name, alias, or a lone
surname of one), when the entity recogniser names it (its label gives the type: PERSON,
ORG, GPE/NORP = group), or when it is a lone word the store already knows. Anything else
("officials in the region", "analysts", "a new poll") is an unnamed source: the statement keeps
its mention and gets no actor.

An article's actor (``extraction.ActorCandidate``) joins a stored actor, in this order, when:
1. a person confirmed the name: an actor a person named so, or an alias a person added or
   brought in by a merge;
2. it has the same whole name (``actors.canonical_actor_key``: titles, case, accents and middle
   initials aside), or for a person the same surname and suffix with a given name that is the
   same or a nickname of it ("Bill Clinton" is "William Clinton", never "Hillary Clinton");
3. it is a lone surname ("Clinton") and exactly one known person has that surname.
A lone surname that several known people share goes to an actor of that surname marked
``unresolved``, for a person to settle, rather than to a guess. A merged actor resolves to the
actor it was merged into. The machine keeps the fullest form of a person's name as its name,
unless a person named the actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quotegraph.analysis.actor_names import (
    ORGANISATION_ENDINGS,
    PersonName,
    clean_name,
    is_actor_name,
    looks_like_organisation,
    parse_person_name,
    same_person,
)
from quotegraph.analysis.actors import ENTITY_ACTOR_TYPES, canonical_actor_key, name_fullness
from quotegraph.analysis.extraction import ActorCandidate, ArticleAnalysis
from quotegraph.analysis.extraction import Statement as SuggestedStatement
from quotegraph.analysis.lexicon import ORGANISATION_WORDS
from quotegraph.store.models import Actor, ActorAlias, Change, Statement

MACHINE = "machine"
PERSON = "person"
_POSSESSIVE_S = re.compile(r"(?:'s|’s|'|’)(?=\s|$)")


class ActorResolver:
    """Maps an article's actors to Actor rows across the store, creating the ones that are new."""

    def __init__(self, session: Session, analysis: ArticleAnalysis | None = None) -> None:
        """``analysis``: the article whose speakers ``speaker_actor`` maps (its actors, and
        its entities' labels, which type an actor the article names, e.g. a country)."""
        self.session = session
        self.analysis = analysis or ArticleAnalysis((), (), (), "")
        self.entity_types = {
            canonical_actor_key(entity.text): ENTITY_ACTOR_TYPES[entity.label]
            for entity in self.analysis.entities
            if entity.label in ENTITY_ACTOR_TYPES
        }
        self.created = 0
        self._by_name: dict[tuple[str, str], Actor | None] = {}
        self._candidates = _speaker_candidates(self.analysis)
        self._confirmed_ids: dict[str, int] | None = None

    def speaker_actor(self, suggestion: SuggestedStatement) -> Actor | None:
        """The actor who made a suggested statement, or None for an unnamed source.

        The speaker is looked up among the article's actors (by name, alias, or a lone surname
        of one), then named by the entity recogniser, then, for a lone word, among the actors
        the store already knows.
        """
        speaker = suggestion.speaker
        if not speaker:
            return None
        candidate = (
            self._candidates.get(speaker)
            or self._candidates.get(canonical_actor_key(speaker))
            or _by_surname_in_article(speaker, self.analysis)
            or _named_speaker(suggestion, self.analysis)
        )
        if candidate is not None:
            return self.resolve(candidate)
        with self.session.no_autoflush:
            return _known_speaker(self, suggestion, self.analysis)

    def resolve(self, candidate: ActorCandidate) -> Actor | None:
        """The actor for ``candidate``, recording its aliases and affiliation the first time.

        None when the candidate's name names no actor ("analysts", a headline fragment).
        """
        # Pending statements have nothing to do with actor lookups: do not flush them for each.
        with self.session.no_autoflush:
            return self._resolve(candidate)

    def _resolve(self, candidate: ActorCandidate) -> Actor | None:
        actor_type = {"place": "group"}.get(candidate.type, candidate.type)
        cache_key = (candidate.name, actor_type)
        if cache_key in self._by_name:
            return self._by_name[cache_key]
        confirmed = self._confirmed(candidate.name) or self._confirmed(clean_name(candidate.name))
        if confirmed is not None:
            self._by_name[cache_key] = confirmed
            self._add_aliases(confirmed, candidate.aliases)
            return confirmed
        name = clean_name(candidate.name)
        if actor_type in ("organisation", "other") and self._known_surname(name):
            actor_type = PERSON  # "Okafor" untagged or read as an organisation: a person
        if actor_type == PERSON and _ends_in_organisation_word(name):
            actor_type = "organisation"  # "UnitedHealth Group" read as a person
        parsed = parse_person_name(name) if actor_type == PERSON else None
        if not is_actor_name(name, actor_type) or (actor_type == PERSON and parsed is None):
            self._by_name[cache_key] = None
            return None
        if parsed is not None:
            name = parsed.text()  # without describing words ("Billionaire") or titles
        actor = self.find(name, actor_type)
        if actor is None:
            actor = self._create(name, actor_type)
        else:
            self._complete_name(actor, name)
        self._by_name[cache_key] = actor
        self._add_aliases(actor, candidate.aliases)
        if candidate.affiliation and actor.affiliation_id is None:
            affiliation_type = self.entity_types.get(
                canonical_actor_key(candidate.affiliation), "organisation"
            )
            organisation = self._resolve(
                ActorCandidate(candidate.affiliation, affiliation_type, (), None)
            )
            # An actor is never its own affiliation, nor affiliated through a loop.
            if (
                organisation is not None
                and organisation.id != actor.id
                and organisation.affiliation_id != actor.id
            ):
                actor.affiliation_id = organisation.id
        return actor

    def find(self, name: str, actor_type: str = PERSON) -> Actor | None:
        """The existing actor ``name`` refers to, following merges; None if there is none."""
        name = clean_name(name)
        if not name:
            return None
        confirmed = self._confirmed(name)
        if confirmed is not None:
            return confirmed
        if actor_type in ("organisation", "other") and self._known_surname(name):
            actor_type = PERSON
        parsed = parse_person_name(name) if actor_type == PERSON else None
        if parsed is not None and not parsed.is_full:
            return self._lone_surname(parsed)
        same_key = self.session.scalars(
            select(Actor)
            .where(Actor.key == canonical_actor_key(name))
            .order_by(Actor.merged_into_id.is_not(None), Actor.id)
        ).all()
        actor = next(
            (
                other
                for other in same_key
                # The key ignores middle initials: "George H. W. Bush" is not "George W. Bush".
                if parsed is None
                or other.type != PERSON
                or same_person(_parsed(other.name), parsed)
            ),
            None,
        )
        if actor is None and parsed is not None:
            actor = next(
                (
                    person
                    for person in self._people(parsed)
                    if same_person(_parsed(person.name), parsed)
                ),
                None,
            )
        return None if actor is None else follow_merges(self.session, actor)

    # --- lookups ----------------------------------------------------------------------------

    def _confirmed(self, name: str) -> Actor | None:
        folded = " ".join(name.split()).lower()
        if not folded:
            return None
        if self._confirmed_ids is None:
            # Names and aliases people confirmed are few: read them once per resolver.
            self._confirmed_ids = {}
            for alias, actor_id in self.session.execute(
                select(ActorAlias.alias, ActorAlias.actor_id)
                .where(ActorAlias.origin == PERSON)
                .order_by(ActorAlias.id.desc())
            ):
                self._confirmed_ids[alias.lower()] = actor_id
            for actor_name, actor_id in self.session.execute(
                select(Actor.name, Actor.id)
                .where(Actor.name_origin == PERSON)
                .order_by(Actor.id.desc())
            ):
                self._confirmed_ids[actor_name.lower()] = actor_id
        actor_id = self._confirmed_ids.get(folded)
        actor = self.session.get(Actor, actor_id) if actor_id is not None else None
        return None if actor is None else follow_merges(self.session, actor)

    def _known_surname(self, name: str) -> bool:
        """True for one word that is the surname of a person the store knows."""
        if len(name.split()) != 1 or looks_like_organisation(name):
            return False
        parsed = parse_person_name(name)
        return parsed is not None and bool(self._people(parsed))

    def _people(self, parsed: PersonName) -> list[Actor]:
        """Known people (full names, not merged away) with ``parsed``'s surname."""
        rows = self.session.scalars(
            select(Actor)
            .where(
                Actor.surname == parsed.surname_key,
                Actor.type == PERSON,
                Actor.merged_into_id.is_(None),
            )
            .order_by(Actor.id)
        ).all()
        return [row for row in rows if _parsed(row.name).is_full]

    def _lone_surname(self, parsed: PersonName) -> Actor | None:
        known = [
            person
            for person in self._people(parsed)
            if parsed.suffix_key() in ("", _parsed(person.name).suffix_key())
        ]
        if len(known) == 1:
            return known[0]
        actor = self._lone_surname_actor(parsed)
        if actor is not None and actor.merged_into_id is None and actor.name_origin == MACHINE:
            actor.unresolved = len(known) > 1
        return None if actor is None else follow_merges(self.session, actor)

    def _lone_surname_actor(self, parsed: PersonName) -> Actor | None:
        return self.session.scalars(
            select(Actor)
            .where(Actor.key == canonical_actor_key(parsed.surname), Actor.type == PERSON)
            .order_by(Actor.merged_into_id.is_not(None), Actor.id)
        ).first()

    # --- writes -----------------------------------------------------------------------------

    def _create(self, name: str, actor_type: str) -> Actor:
        # The name may be taken by an actor the rules above did not match (another type, a
        # clashing middle initial): names are unique, so that actor it is.
        taken = self.session.scalars(
            select(Actor).where(func.lower(Actor.name) == name.lower()).order_by(Actor.id)
        ).first()
        if taken is not None:
            return follow_merges(self.session, taken)
        parsed = parse_person_name(name) if actor_type == PERSON else None
        actor = Actor(
            name=name,
            key=canonical_actor_key(name),
            type=actor_type or PERSON,
            surname=parsed.surname_key if parsed is not None else None,
            unresolved=False,
            name_origin=MACHINE,
        )
        if parsed is not None and not parsed.is_full:
            actor.unresolved = len(self._people(parsed)) > 1
        self.session.add(actor)
        self.session.flush()
        self.created += 1
        if parsed is not None and parsed.is_full:
            # A second person with this surname makes its lone surname ambiguous.
            lone = self._lone_surname_actor(parsed)
            if lone is not None and lone.name_origin == MACHINE and lone.merged_into_id is None:
                lone.unresolved = len(self._people(parsed)) > 1
        return actor

    def _complete_name(self, actor: Actor, name: str) -> None:
        """Give a machine-named person the fullest form of their name seen so far."""
        if actor.type != PERSON or actor.name_origin != MACHINE:
            return
        current, offered = _parsed(actor.name), parse_person_name(name)
        if offered is None or not same_person(current, offered):
            return
        if name_fullness(name) <= name_fullness(actor.name):
            return
        taken = self.session.scalar(
            select(Actor.id).where(func.lower(Actor.name) == name.lower(), Actor.id != actor.id)
        )
        if taken is not None:
            return
        old_name = actor.name
        actor.name = name
        actor.key = canonical_actor_key(name)
        self.session.flush()
        self._add_aliases(actor, [old_name])

    def _add_aliases(self, actor: Actor, aliases: Iterable[str]) -> None:
        known = {
            alias.lower()
            for alias in self.session.scalars(
                select(ActorAlias.alias).where(ActorAlias.actor_id == actor.id)
            )
        }
        known.add(actor.name.lower())
        for alias in aliases:
            alias = " ".join(alias.split())
            if alias and alias.lower() not in known:
                self.session.add(ActorAlias(actor_id=actor.id, alias=alias, origin=MACHINE))
                known.add(alias.lower())
        self.session.flush()


def _speaker_candidates(analysis: ArticleAnalysis) -> dict[str, ActorCandidate]:
    """The article's actors by every name a speaker may carry: name, alias and their keys."""
    found: dict[str, ActorCandidate] = {}
    for candidate in analysis.actors:
        found[candidate.name] = candidate
    for candidate in analysis.actors:
        for variant in (candidate.name, *candidate.aliases):
            found.setdefault(canonical_actor_key(variant), candidate)
    return found


def _by_surname_in_article(speaker: str, analysis: ArticleAnalysis) -> ActorCandidate | None:
    """The article's actor a lone surname names ("O’Donnell" after "Brett O’Donnell"), when the
    extractor left the mention unresolved: a person first, then the first one introduced."""
    name = clean_name(speaker)
    if len(name.split()) != 1:
        return None
    surname = canonical_actor_key(name)
    named = [
        candidate
        for candidate in analysis.actors
        if (parsed := parse_person_name(candidate.name)) is not None
        and parsed.is_full
        and canonical_actor_key(parsed.surname) == surname
    ]
    people = [candidate for candidate in named if candidate.type == "person"]
    chosen = (people or named or [None])[0]
    if chosen is None:
        return None
    return ActorCandidate(chosen.name, "person", chosen.aliases, chosen.affiliation)


def _named_speaker(
    suggestion: SuggestedStatement, analysis: ArticleAnalysis
) -> ActorCandidate | None:
    """An actor for a speaker the pipeline named without listing it among the article's actors,
    or None for an unnamed source ("officials in the region", "analysts", "a new poll").

    The type comes from the entity recogniser's label when the speaker is an entity; a speaker
    that only contains one ("Florida election officials") names nobody. With no entity in
    sight, a name of capitalised words ("Revolutionary Guards Corps") is still an actor.
    """
    name = clean_name(suggestion.speaker or "")
    if suggestion.speaker_start is not None and suggestion.speaker_end is not None:
        overlapping = [
            entity
            for entity in analysis.entities
            if entity.start < suggestion.speaker_end and suggestion.speaker_start < entity.end
        ]
        if overlapping:
            for entity in overlapping:
                actor_type = ENTITY_ACTOR_TYPES.get(entity.label)
                if actor_type is None:
                    continue
                entity_name = clean_name(entity.text)
                if canonical_actor_key(entity_name) == canonical_actor_key(name):
                    if entity.label == "NORP" and not name.endswith("s"):
                        return None  # "another Muslim", "a Republican": one unnamed person
                    return ActorCandidate(name, actor_type, (), None)
                # "the Clinton campaign", "Ann Lee’s campaign", "the Bush administration"
                words = _POSSESSIVE_S.sub("", name).split()
                entity_words = _POSSESSIVE_S.sub("", entity_name).split()
                if (
                    len(words) > len(entity_words)
                    and words[-len(entity_words) - 1 : -1] == entity_words
                    and words[-1].lower() in ORGANISATION_WORDS
                ):
                    organisation = f"{' '.join(entity_words)} {words[-1].lower()}"
                    return ActorCandidate(organisation, "organisation", (), None)
            return None
    words = name.split()
    if looks_like_organisation(name) and is_actor_name(name, "organisation"):
        return ActorCandidate(name, "organisation", (), None)
    if len(words) >= 2 and is_actor_name(name, "person"):
        return ActorCandidate(name, "person", (), None)
    return None


def _known_speaker(
    resolver: ActorResolver, suggestion: SuggestedStatement, analysis: ArticleAnalysis
) -> Actor | None:
    """A lone word with no entity ("Qaani", but also "Projections") is only someone the store
    already knows."""
    name = clean_name(suggestion.speaker or "")
    if len(name.split()) != 1 or not is_actor_name(name, "person"):
        return None
    if (
        suggestion.speaker_start is not None
        and suggestion.speaker_end is not None
        and any(
            entity.start < suggestion.speaker_end and suggestion.speaker_start < entity.end
            for entity in analysis.entities
        )
    ):
        return None  # an entity the recogniser did not take for an actor
    return resolver.find(name)


def drop_orphan_actors(session: Session, actor_ids: Iterable[int]) -> int:
    """Delete those of ``actor_ids`` that only the machine ever made something of.

    After a re-analysis, an actor whose suggestions all went (an old surname merge, a phrase
    that was taken for an actor) is left with nothing: no statement, no member, no merge, no
    alias or edit by a person. Such an actor is removed; any other stays. Returns how many.
    """
    dropped = 0
    for actor_id in sorted(set(actor_ids)):
        actor = session.get(Actor, actor_id)
        if actor is None or actor.name_origin != MACHINE:
            continue
        used = (
            select(Statement.id).where(Statement.actor_id == actor_id),
            select(Actor.id).where(
                (Actor.affiliation_id == actor_id) | (Actor.merged_into_id == actor_id)
            ),
            select(Change.id).where(Change.table_name == "actors", Change.row_id == actor_id),
            select(ActorAlias.id).where(
                ActorAlias.actor_id == actor_id, ActorAlias.origin == PERSON
            ),
        )
        if actor.merged_into_id is not None or any(
            session.scalar(query.limit(1)) is not None for query in used
        ):
            continue
        session.delete(actor)
        dropped += 1
    session.flush()
    return dropped


def _ends_in_organisation_word(name: str) -> bool:
    words = name.split()
    return bool(words) and words[-1].lower().rstrip(".") in ORGANISATION_ENDINGS


def _parsed(name: str) -> PersonName:
    return parse_person_name(name) or PersonName(None, (), name, None)


def follow_merges(session: Session, actor: Actor) -> Actor:
    """The actor that ``actor`` was (possibly repeatedly) merged into, or itself."""
    seen = {actor.id}
    while actor.merged_into_id is not None:
        target = session.get(Actor, actor.merged_into_id)
        if target is None or target.id in seen:
            break
        seen.add(target.id)
        actor = target
    return actor
