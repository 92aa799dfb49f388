"""Storing the machine's first pass: entities, suggested statements and their actors.

An article is analysed once per pipeline version. A re-analysis (new version, or ``force``)
replaces the entities and the suggestions nobody has touched, and keeps everything an analyst
decided: accepted and rejected statements, any field a person set, statements a person made;
and a suggestion a person deleted is not suggested again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from quotegraph.actors import canonical_actor_key, looks_like_organisation
from quotegraph.annotation import MACHINE, PERSON
from quotegraph.db import Store
from quotegraph.extraction import ActorCandidate, ArticleAnalysis, analyse_text
from quotegraph.models import Actor, ActorAlias, Article, Change, Entity, Statement, utcnow
from quotegraph.nlp import PIPELINE_VERSION

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
    """Analyse the given articles and store each in its own transaction, in input order.

    The batch form of ``analyse_article`` over ``corpus_analysis.analyse_corpus`` (which also
    chooses articles by date, reports failures instead of raising, and runs on Dask): articles
    already analysed with the current pipeline are skipped (unless ``force``), and so are ids
    that do not exist. ``progress(done, total)`` follows each article. Raises ``ValueError``
    naming the first article that could not be analysed, after storing all the others.
    """
    # corpus_analysis imports this module, so it is imported here.
    from quotegraph.corpus_analysis import NO_SUCH_ARTICLE, analyse_corpus, opened_runner

    with opened_runner(processes=n_process) as runner:
        report = analyse_corpus(store, article_ids, force=force, runner=runner, progress=progress)
    failures = [f for f in report.failures if f.reason != NO_SUCH_ARTICLE]
    if failures:
        raise ValueError(f"article {failures[0].article_id}: {failures[0].reason}")
    order = {article_id: index for index, article_id in enumerate(dict.fromkeys(article_ids))}
    return sorted(report.outcomes, key=lambda outcome: order[outcome.article_id])


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
        for statement in existing:
            if is_untouched(statement.status, statement.field_origins):
                replaced_ids.append(statement.id)
            else:
                kept.append((statement.start, statement.end))
        if replaced_ids:
            session.execute(delete(Statement).where(Statement.id.in_(replaced_ids)))
        # Where an analyst deleted a suggestion, no new suggestion comes back either.
        blocked = kept + _deleted_suggestion_spans(
            session, article_id, {statement.id for statement in existing}
        )

        resolver = ActorResolver(session)
        candidates = {candidate.name: candidate for candidate in analysis.actors}
        now = utcnow()
        added = 0
        for suggestion in analysis.statements:
            if any(suggestion.start < end and start < suggestion.end for start, end in blocked):
                continue
            actor_id = None
            if suggestion.speaker:
                candidate = candidates.get(suggestion.speaker) or _bare_candidate(
                    suggestion.speaker
                )
                actor_id = resolver.resolve(candidate).id
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


def _bare_candidate(name: str) -> ActorCandidate:
    # A speaker the pipeline named without listing it among the article's actors.
    actor_type = "organisation" if looks_like_organisation(name) else "person"
    return ActorCandidate(name, actor_type, (), None)


def is_untouched(status: str, field_origins: dict[str, str] | None) -> bool:
    """True for a machine suggestion no person has decided on or edited."""
    return status == "suggested" and PERSON not in (field_origins or {}).values()


class ActorResolver:
    """Maps speaker names to Actor rows across the store, creating actors that are new.

    A name matches, in this order: an actor of that exact name (case-insensitive), an alias of
    that name, then an actor with the same ``canonical_actor_key`` ("Mr. Rouhani" and "Hassan
    Rouhani" both key to "rouhani"). A merged actor resolves to the actor it was merged into.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.created = 0
        self._by_name: dict[str, Actor] = {}

    def resolve(self, candidate: ActorCandidate) -> Actor:
        """The actor for ``candidate``, recording its aliases and affiliation the first time."""
        actor = self._by_name.get(candidate.name)
        if actor is not None:
            return actor
        actor = self.find(candidate.name) or self._create(candidate.name, candidate.type)
        self._by_name[candidate.name] = actor
        self._add_aliases(actor, candidate.aliases)
        if candidate.affiliation and actor.affiliation_id is None:
            organisation = self._by_name.get(candidate.affiliation) or self.find(
                candidate.affiliation
            )
            if organisation is None:
                organisation = self._create(candidate.affiliation, "organisation")
            self._by_name[candidate.affiliation] = organisation
            # An actor is never its own affiliation, nor affiliated through a loop.
            if organisation.id != actor.id and organisation.affiliation_id != actor.id:
                actor.affiliation_id = organisation.id
        return actor

    def find(self, name: str) -> Actor | None:
        """The existing actor ``name`` refers to, following merges; None if there is none."""
        folded = name.strip().lower()
        actor = self.session.scalars(
            select(Actor).where(func.lower(Actor.name) == folded).order_by(Actor.id)
        ).first()
        if actor is None:
            actor = self.session.scalars(
                select(Actor)
                .join(ActorAlias, ActorAlias.actor_id == Actor.id)
                .where(func.lower(ActorAlias.alias) == folded)
                .order_by(Actor.merged_into_id.is_not(None), Actor.id)
            ).first()
        if actor is None:
            actor = self.session.scalars(
                select(Actor)
                .where(Actor.key == canonical_actor_key(name))
                .order_by(Actor.merged_into_id.is_not(None), Actor.id)
            ).first()
        return None if actor is None else follow_merges(self.session, actor)

    def _create(self, name: str, actor_type: str | None) -> Actor:
        actor = Actor(name=name.strip(), key=canonical_actor_key(name), type=actor_type or "person")
        self.session.add(actor)
        self.session.flush()
        self.created += 1
        return actor

    def _add_aliases(self, actor: Actor, aliases: Iterable[str]) -> None:
        known = {
            alias.lower()
            for alias in self.session.scalars(
                select(ActorAlias.alias).where(ActorAlias.actor_id == actor.id)
            )
        }
        known.add(actor.name.lower())
        for alias in aliases:
            alias = alias.strip()
            if alias and alias.lower() not in known:
                self.session.add(ActorAlias(actor_id=actor.id, alias=alias))
                known.add(alias.lower())
        self.session.flush()


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
