"""Which stored actor an article's actor is: merging only what is surely one actor.

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

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quotegraph.actors import (
    PersonName,
    canonical_actor_key,
    clean_name,
    is_actor_name,
    looks_like_organisation,
    name_fullness,
    parse_person_name,
    same_person,
)
from quotegraph.extraction import ActorCandidate
from quotegraph.models import Actor, ActorAlias

MACHINE = "machine"
PERSON = "person"


class ActorResolver:
    """Maps an article's actors to Actor rows across the store, creating the ones that are new."""

    def __init__(self, session: Session, entity_types: dict[str, str] | None = None) -> None:
        """``entity_types``: actor types by ``canonical_actor_key`` of the article's entities,
        so an affiliation named by a country is a group, not an organisation."""
        self.session = session
        self.entity_types = entity_types or {}
        self.created = 0
        self._confirmed_ids: dict[str, int] | None = None
        self._by_name: dict[tuple[str, str], Actor | None] = {}

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
