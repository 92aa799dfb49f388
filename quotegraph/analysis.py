"""Storing the machine's first pass: entities, suggested statements and their actors.

An article is analysed once per pipeline version. A re-analysis (new version, or ``force``)
replaces the entities and the suggestions nobody has touched, and keeps everything an analyst
decided: accepted and rejected statements, any field a person set, statements a person made;
and a suggestion a person deleted is not suggested again.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from quotegraph.actor_resolution import ActorResolver, follow_merges
from quotegraph.actors import (
    ENTITY_ACTOR_TYPES,
    canonical_actor_key,
    clean_name,
    is_actor_name,
    looks_like_organisation,
    parse_person_name,
)
from quotegraph.annotation import MACHINE, PERSON
from quotegraph.db import Store
from quotegraph.extraction import ActorCandidate, ArticleAnalysis, analyse_text, analyse_texts
from quotegraph.extraction import Statement as SuggestedStatement
from quotegraph.lexicon import ORGANISATION_WORDS
from quotegraph.models import Actor, ActorAlias, Article, Change, Entity, Statement, utcnow
from quotegraph.nlp import PIPELINE_VERSION

_POSSESSIVE_S = re.compile(r"(?:'s|’s|'|’)(?=\s|$)")

__all__ = [
    "ActorResolver",
    "AnalysisOutcome",
    "analyse_article",
    "analyse_articles",
    "follow_merges",
    "is_untouched",
    "store_analysis",
]

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class AnalysisOutcome:
    """What analysing one article did. ``analysed`` is False when the stored result was current."""

    article_id: int
    pipeline_version: str
    analysed: bool
    entities: int = 0
    statements_added: int = 0
    statements_replaced: int = 0  # untouched suggestions of the previous run, removed
    statements_kept: int = 0  # analyst decisions carried over
    actors_created: int = 0


def analyse_article(store: Store, article_id: int, *, force: bool = False) -> AnalysisOutcome:
    """Analyse the article and store the result, unless it is stored for the current pipeline.

    The text is parsed outside any transaction; the result is written in one. Raises
    ``ValueError`` when the article does not exist.
    """
    with store.session() as session:
        row = session.execute(
            select(Article.text, Article.analysed_version).where(Article.id == article_id)
        ).first()
    if row is None:
        raise ValueError(f"article {article_id} does not exist")
    text, analysed_version = row
    if analysed_version == PIPELINE_VERSION and not force:
        return AnalysisOutcome(article_id, PIPELINE_VERSION, analysed=False)
    try:
        return store_analysis(store, article_id, analyse_text(text), force=force)
    except LookupError:
        raise ValueError(f"article {article_id} was deleted while it was analysed") from None


def analyse_articles(
    store: Store,
    article_ids: Sequence[int],
    *,
    n_process: int = 1,
    progress: ProgressCallback | None = None,
    force: bool = False,
) -> list[AnalysisOutcome]:
    """Analyse many articles in one ``nlp.pipe`` stream, storing each in its own transaction.

    Articles already analysed with the current pipeline are skipped (unless ``force``), and so
    are ids that do not exist. ``progress(done, total)`` is called after each stored article.
    """
    wanted = list(dict.fromkeys(article_ids))
    with store.session() as session:
        versions = dict(
            session.execute(
                select(Article.id, Article.analysed_version).where(Article.id.in_(wanted))
            ).all()
        )
    outcomes = [
        AnalysisOutcome(article_id, PIPELINE_VERSION, analysed=False)
        for article_id in wanted
        if article_id in versions and versions[article_id] == PIPELINE_VERSION and not force
    ]
    pending = [
        article_id
        for article_id in wanted
        if article_id in versions and (force or versions[article_id] != PIPELINE_VERSION)
    ]
    analyses = analyse_texts(_texts(store, pending), n_process=n_process)
    for done, (article_id, analysis) in enumerate(zip(pending, analyses, strict=True), start=1):
        # An article deleted while the batch ran has nothing to store.
        with contextlib.suppress(LookupError):
            outcomes.append(store_analysis(store, article_id, analysis, force=force))
        if progress is not None:
            progress(done, len(pending))
    order = {article_id: index for index, article_id in enumerate(wanted)}
    return sorted(outcomes, key=lambda outcome: order[outcome.article_id])


def _texts(store: Store, article_ids: Iterable[int]) -> Iterator[str]:
    # One article at a time, so a large import never holds every text in memory.
    for article_id in article_ids:
        with store.session() as session:
            text = session.scalar(select(Article.text).where(Article.id == article_id))
        yield text or ""


def store_analysis(
    store: Store, article_id: int, analysis: ArticleAnalysis, *, force: bool = False
) -> AnalysisOutcome:
    """Write ``analysis`` as the article's machine result, in one transaction.

    Keeps analyst decisions (see the module docstring) and does not add a suggestion that
    overlaps a kept statement. When another process stored this pipeline version meanwhile
    (and not ``force``), nothing is written. Raises ``LookupError`` if the article is gone and
    ``ValueError`` if a span does not fit the text.
    """
    with store.session(write=True) as session:
        article = session.get(Article, article_id)
        if article is None:
            raise LookupError(f"article {article_id} does not exist")
        if article.analysed_version == analysis.pipeline_version and not force:
            return AnalysisOutcome(article_id, analysis.pipeline_version, analysed=False)
        length = len(article.text)
        for span in (*analysis.entities, *analysis.statements):
            if not 0 <= span.start < span.end <= length:
                raise ValueError(
                    f"the pipeline gave span {span.start}-{span.end} outside the text (0-{length})"
                )

        session.execute(delete(Entity).where(Entity.article_id == article_id))
        session.add_all(
            Entity(
                article_id=article_id,
                start=entity.start,
                end=entity.end,
                label=entity.label,
                text=entity.text,
            )
            for entity in analysis.entities
        )

        existing = session.scalars(
            select(Statement).where(Statement.article_id == article_id)
        ).all()
        kept: list[tuple[int, int]] = []
        replaced_ids: list[int] = []
        replaced_actor_ids: set[int] = set()
        for statement in existing:
            if is_untouched(statement.status, statement.field_origins):
                replaced_ids.append(statement.id)
                if statement.actor_id is not None:
                    replaced_actor_ids.add(statement.actor_id)
            else:
                kept.append((statement.start, statement.end))
        if replaced_ids:
            session.execute(delete(Statement).where(Statement.id.in_(replaced_ids)))
        # Where an analyst deleted a suggestion, no new suggestion comes back either.
        blocked = kept + _deleted_suggestion_spans(
            session, article_id, {statement.id for statement in existing}
        )

        resolver = ActorResolver(
            session,
            {
                canonical_actor_key(entity.text): ENTITY_ACTOR_TYPES[entity.label]
                for entity in analysis.entities
                if entity.label in ENTITY_ACTOR_TYPES
            },
        )
        candidates = _speaker_candidates(analysis)
        now = utcnow()
        added = 0
        for suggestion in analysis.statements:
            if any(suggestion.start < end and start < suggestion.end for start, end in blocked):
                continue
            actor_id = None
            if suggestion.speaker:
                candidate = (
                    candidates.get(suggestion.speaker)
                    or candidates.get(canonical_actor_key(suggestion.speaker))
                    or _by_surname_in_article(suggestion.speaker, analysis)
                    or _named_speaker(suggestion, analysis)
                )
                if candidate is not None:
                    actor = resolver.resolve(candidate)
                else:
                    # A lone word with no entity ("Qaani", but also "Projections") is only
                    # someone the store already knows.
                    actor = _known_speaker(resolver, suggestion, analysis)
                actor_id = actor.id if actor is not None else None
            origins = {"span": MACHINE, "kind": MACHINE, "status": MACHINE}
            if suggestion.cue is not None:
                origins["cue"] = MACHINE
            if suggestion.speaker_start is not None:
                origins["speaker"] = MACHINE
            if actor_id is not None:
                origins["actor"] = MACHINE
            session.add(
                Statement(
                    article_id=article_id,
                    start=suggestion.start,
                    end=suggestion.end,
                    speaker_start=suggestion.speaker_start,
                    speaker_end=suggestion.speaker_end,
                    speaker_mention=suggestion.speaker_mention,
                    cue=suggestion.cue,
                    cue_start=suggestion.cue_start,
                    cue_end=suggestion.cue_end,
                    actor_id=actor_id,
                    kind=suggestion.kind,
                    status="suggested",
                    field_origins=origins,
                    note="",
                    pipeline_version=analysis.pipeline_version,
                    version=1,
                    created_at=now,
                    updated_at=now,
                )
            )
            added += 1
        session.flush()
        drop_orphan_actors(session, replaced_actor_ids)
        article.analysed_version = analysis.pipeline_version
        article.analysed_at = now
        return AnalysisOutcome(
            article_id,
            analysis.pipeline_version,
            analysed=True,
            entities=len(analysis.entities),
            statements_added=added,
            statements_replaced=len(replaced_ids),
            statements_kept=len(kept),
            actors_created=resolver.created,
        )


def _deleted_suggestion_spans(
    session: Session, article_id: int, live_ids: set[int]
) -> list[tuple[int, int]]:
    """Spans of machine suggestions a person deleted (and did not bring back), from the log."""
    rows = session.execute(
        select(Change.row_id, Change.old_value).where(
            Change.table_name == "statements",
            Change.article_id == article_id,
            Change.field.is_(None),
        )
    ).all()
    return [
        (old["start"], old["end"])
        for row_id, old in rows
        if isinstance(old, dict) and old.get("pipeline_version") and row_id not in live_ids
    ]


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


def is_untouched(status: str, field_origins: dict[str, str] | None) -> bool:
    """True for a machine suggestion no person has decided on or edited."""
    return status == "suggested" and PERSON not in (field_origins or {}).values()
