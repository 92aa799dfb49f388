"""Write several coders' versions of an article straight into the core, for the team tests.

Imported as a plain module (pytest puts tests/ on sys.path), like statement_helpers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from quotegraph.annotation.codebook_actors import create_actor
from quotegraph.annotation.codebook_concepts import create_concept
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Actor, Concept, Statement


@dataclass(frozen=True)
class Version:
    """One coder's statement: a span of the text and its codes (actor and concept by name)."""

    part: str  # the statement's words, found in the article's text
    status: str = "accepted"
    actor: str | None = None
    concept: str | None = None
    stance: int | None = None
    kind: str = "indirect"
    # Shift the span's ends by this many characters (to make two coders' spans differ).
    widen: tuple[int, int] = (0, 0)


def actor_id(store: Store, name: str) -> int:
    with store.session() as session:
        found = session.scalar(select(Actor.id).where(Actor.name == name))
    return found if found is not None else create_actor(store, name, annotator="tests").id


def concept_id(store: Store, name: str) -> int:
    with store.session() as session:
        found = session.scalar(select(Concept.id).where(Concept.name == name))
    return found if found is not None else create_concept(store, name, annotator="tests").id


def write_coder_layers(
    store: Store, text: str, layers: Mapping[str, Sequence[Version]], *, title: str = "Double"
) -> tuple[int, dict[str, list[int]]]:
    """Add the article (if new) and each coder's versions in their own layer.

    Returns the article id and, per coder, the ids of their statements in the order given.
    """
    article_id = add_article(store, ArticleDraft(text=text, title=title)).article_id
    resolved = {
        coder: [
            (
                version,
                actor_id(store, version.actor) if version.actor else None,
                concept_id(store, version.concept) if version.concept else None,
            )
            for version in versions
        ]
        for coder, versions in layers.items()
    }
    ids: dict[str, list[int]] = {}
    with store.session(write=True) as session:
        for coder, versions in resolved.items():
            rows = []
            for version, actor, concept in versions:
                start = text.index(version.part) - version.widen[0]
                end = text.index(version.part) + len(version.part) + version.widen[1]
                rows.append(
                    Statement(
                        article_id=article_id,
                        start=start,
                        end=end,
                        actor_id=actor,
                        concept_id=concept,
                        stance=version.stance,
                        kind=version.kind,
                        status=version.status,
                        field_origins={"status": "person"},
                        annotator=coder,
                        coder=coder,
                    )
                )
            session.add_all(rows)
            session.flush()
            ids[coder] = [row.id for row in rows]
    return article_id, ids
