"""Actors and concepts by name while an import writes: found in the store (case-insensitively,
following merges) or created and counted, once per name per transaction. The DNA import and the
statement import share it."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quotegraph.analysis.actors import canonical_actor_key
from quotegraph.annotation.changes import ChangeRecorder
from quotegraph.store.models import Actor, Concept


class CreationCounts(Protocol):
    """The part of an import's report this class writes to."""

    actors_created: int
    concepts_created: int
    problems: list[str]


class CodebookByName:
    """Actors and concepts by name, found in the store or created, in one session."""

    def __init__(self, session: Session, recorder: ChangeRecorder, report: CreationCounts):
        self.session, self.recorder, self.report = session, recorder, report
        self.actors: dict[str, Actor] = {}
        self.concepts: dict[str, Concept] = {}

    def actor(self, name: str, actor_type: str) -> Actor:
        key = name.lower()
        if key not in self.actors:
            found = self.session.scalar(select(Actor).where(func.lower(Actor.name) == key))
            while found is not None and found.merged_into_id is not None:
                found = self.session.get(Actor, found.merged_into_id)
            if found is None:
                found = Actor(name=name, key=canonical_actor_key(name), type=actor_type)
                self.session.add(found)
                self.session.flush()
                self.recorder.created(found)
                self.report.actors_created += 1
            elif found.type != actor_type and actor_type == "organisation":
                self.report.problems.append(
                    f"{name!r} is both a person and an organisation in the file; "
                    f"kept as one actor of type {found.type}"
                )
            self.actors[key] = found
        return self.actors[key]

    def concept(self, name: str) -> Concept:
        key = name.lower()
        if key not in self.concepts:
            found = self.session.scalar(select(Concept).where(func.lower(Concept.name) == key))
            if found is None:
                found = Concept(name=name, description="")
                self.session.add(found)
                self.session.flush()
                self.recorder.created(found)
                self.report.concepts_created += 1
            self.concepts[key] = found
        return self.concepts[key]
