"""Storing the machine's first pass: entities, suggested statements and their actors.

An article is analysed once per pipeline version. A re-analysis (new version, or ``force``)
replaces the entities and the suggestions nobody has touched in the project's layer (a coder's
own layer is never written here), and keeps everything an analyst decided: accepted and rejected
statements, any field a person set, statements a person made; and a suggestion a person deleted
is not suggested again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from quotegraph.analysis.actor_resolution import ActorResolver, drop_orphan_actors
from quotegraph.analysis.extraction import ArticleAnalysis, analyse_text
from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.annotation.statements import MACHINE, PERSON, POSITION_KIND
from quotegraph.store.db import Store
from quotegraph.store.models import Article, Change, Entity, Statement, utcnow
from quotegraph.store.project_settings import position_suggestions_on, write_position_suggestions
from quotegraph.team.layers import in_layer
from quotegraph.team.permissions import SETTINGS, require


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

        # Only the project's layer: coders' own versions are theirs, never replaced or blocking.
        existing = session.scalars(
            select(Statement).where(Statement.article_id == article_id, in_layer(None))
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

        resolver = ActorResolver(session, analysis)
        now = utcnow()
        added = 0
        with_positions = position_suggestions_on(session)
        for suggestion in analysis.statements:
            if any(suggestion.start < end and start < suggestion.end for start, end in blocked):
                continue
            if suggestion.kind == POSITION_KIND and not with_positions:
                continue  # the project turned position suggestions off
            actor = resolver.speaker_actor(suggestion) if suggestion.speaker else None
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


@dataclass(frozen=True)
class PositionSettingOutcome:
    """What switching position suggestions did: untouched position suggestions removed (off),
    or articles marked to be analysed again so positions are suggested (on)."""

    enabled: bool
    suggestions_removed: int = 0
    articles_to_reanalyse: int = 0


def set_position_suggestions(
    store: Store, enabled: bool, *, annotator: str = "command line"
) -> PositionSettingOutcome:
    """Turn the project's position suggestions on or off, in one transaction.

    Off removes the position suggestions nobody has touched (accepted, edited or person-made
    positions stay) and keeps new analyses from suggesting any. On marks every analysed article
    to be analysed again (on its next open, or by ``analyse_articles``), since its stored
    analysis left positions out; decisions are kept as in any re-analysis. Setting the value it
    already has changes nothing.
    """
    with store.session(write=True) as session:
        require(session, annotator, SETTINGS)
        if position_suggestions_on(session) == enabled:
            return PositionSettingOutcome(enabled)
        write_position_suggestions(session, enabled)
        if not enabled:
            positions = session.execute(
                select(Statement.id, Statement.status, Statement.field_origins).where(
                    Statement.kind == POSITION_KIND, in_layer(None)
                )
            ).all()
            untouched = [row.id for row in positions if is_untouched(row.status, row.field_origins)]
            if untouched:
                session.execute(delete(Statement).where(Statement.id.in_(untouched)))
            return PositionSettingOutcome(enabled, suggestions_removed=len(untouched))
        marked = session.execute(
            update(Article)
            .where(Article.analysed_version.is_not(None))
            .values(analysed_version=None)
        ).rowcount
        return PositionSettingOutcome(enabled, articles_to_reanalyse=marked or 0)


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
        if isinstance(old, dict)
        and old.get("pipeline_version")
        and old.get("coder") is None  # a coder deleting their copy speaks for their layer only
        and row_id not in live_ids
    ]


def is_untouched(status: str, field_origins: dict[str, str] | None) -> bool:
    """True for a machine suggestion no person has decided on or edited."""
    return status == "suggested" and PERSON not in (field_origins or {}).values()
