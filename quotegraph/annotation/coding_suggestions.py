"""Concept and stance suggestions for a project's statements, from a model of its own coding.

``retrain`` reads what people coded (statements whose concept a person set, and their stance when
a person set it) and the codebook's keywords and examples, trains a ``CodingModel``, records it
under a new version in ``coding_models`` and stores its suggestion for every statement still
lacking a person's concept or stance in ``coding_suggestions``, in one transaction.
``BackgroundTrainer`` does that in a thread whenever the coding changed, so no page waits.

Accepting a suggestion copies it into the statement in one logged change group (undoable as
one step): one by one the fields are marked "person" (someone looked and agreed), in bulk they
are marked "machine"; either way ``coding_model_version`` records the model that proposed them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from quotegraph.annotation.changes import ORIGINS_FIELD, ChangeRecorder, touch_statement
from quotegraph.annotation.statements import MACHINE, PERSON
from quotegraph.config import load_settings
from quotegraph.store.db import Store
from quotegraph.store.models import (
    Article,
    Change,
    CodingModelRecord,
    CodingSuggestion,
    Concept,
    StanceLevel,
    Statement,
    utcnow,
)
from quotegraph.store.project_settings import blind_mode_on
from quotegraph.team.layers import check_writable

if TYPE_CHECKING:  # scikit-learn is imported on the first training, not with the pages
    from quotegraph.annotation.coding_model import CodedStatement, CodingModel, ConceptSeed

# Above this many texts not encoded yet (a corpus arriving), retraining first stores suggestions
# from a model of words alone, then encodes and retrains: a few minutes of encoding do not leave
# the analyst without suggestions.
WORDS_FIRST_ABOVE = 2000


@dataclass(frozen=True)
class CodingSuggestionView:
    """A model's suggested concept and stance for one statement."""

    statement_id: int
    model_version: str
    concept_id: int | None
    concept_name: str | None
    concept_confidence: float
    stance: int | None
    stance_label: str | None
    stance_confidence: float

    @property
    def confidence(self) -> float:
        """How sure the model is of the whole suggestion: the lower of its two confidences."""
        if self.stance is None:
            return self.concept_confidence
        return min(self.concept_confidence, self.stance_confidence)


# What each kind of model (coding_model.MODEL_KIND...) reads, for its caption. Spelled out here
# rather than imported, so that a page showing the caption does not load scikit-learn.
MODEL_READS = {"tfidf-linear-4": "words", "tfidf-minilm-5": "words and meaning"}


@dataclass(frozen=True)
class ModelInfo:
    version: str
    trained_at: dt.datetime
    examples: int
    stance_examples: int
    concepts: int
    seconds: float
    suggested: int
    kind: str = ""  # what the model reads (coding_model.MODEL_KIND...); "" before it was kept

    @property
    def reads(self) -> str:
        """What the model reads, in words: "words", "words and meaning", or "" (not recorded)."""
        return MODEL_READS.get(self.kind, "")


def split_lines(text: str) -> tuple[str, ...]:
    """Non-empty lines of a keywords or examples field, stripped."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _seeds(session: Session) -> list[ConceptSeed]:
    from quotegraph.annotation.coding_model import ConceptSeed

    return [
        ConceptSeed(
            concept=concept.id,
            name=concept.name,
            description=concept.description or "",
            keywords=split_lines(concept.keywords),
            examples=split_lines(concept.examples),
        )
        for concept in session.scalars(select(Concept).order_by(Concept.id))
    ]


def _statement_rows(session: Session) -> list[tuple]:
    """(id, text, concept_id, stance, field_origins) of every statement not rejected."""
    rows = session.execute(
        select(
            Statement.id,
            Statement.article_id,
            Statement.start,
            Statement.end,
            Statement.concept_id,
            Statement.stance,
            Statement.field_origins,
        )
        .where(Statement.status != "rejected")
        .order_by(Statement.id)
    ).all()
    texts: dict[int, str] = {}
    article_ids = sorted({row.article_id for row in rows})
    for chunk in range(0, len(article_ids), 500):
        ids = article_ids[chunk : chunk + 500]
        query = select(Article.id, Article.text).where(Article.id.in_(ids))
        texts.update((row.id, row.text) for row in session.execute(query))
    return [
        (
            row.id,
            texts[row.article_id][row.start : row.end],
            row.concept_id,
            row.stance,
            dict(row.field_origins or {}),
        )
        for row in rows
    ]


def _blind_layer_statements(session: Session) -> set[int]:
    """The statements in coders' own layers while blind mode is on: the model must not learn
    from them, or its suggestions would show one coder another's codes of the same statement.
    (Their articles teach it once adjudicated, through the project's result.)"""
    if not blind_mode_on(session):
        return set()
    return set(session.scalars(select(Statement.id).where(Statement.coder.is_not(None))))


def _is_person(origins: dict, key: str) -> bool:
    return origins.get(key) == PERSON


def _coded(origins: dict, value: object, key: str) -> bool:
    """True when a person gave the field a value (a person's empty field is still open)."""
    return value is not None and _is_person(origins, key)


def training_examples(rows: Iterable[tuple]) -> list[CodedStatement]:
    """The statements whose concept a person set, with the stance when a person set that too."""
    from quotegraph.annotation.coding_model import CodedStatement

    return [
        CodedStatement(
            text=text,
            concept=concept_id,
            stance=stance if _coded(origins, stance, "stance") else None,
        )
        for _, text, concept_id, stance, origins in rows
        if _coded(origins, concept_id, "concept")
    ]


def coding_fingerprint(store: Store) -> str:
    """Changes whenever anything a model learns from or suggests for may have changed."""
    with store.session() as session:
        values = (
            session.scalar(select(func.max(Change.id))),
            session.scalar(select(func.count()).select_from(Statement)),
            session.scalar(select(func.max(Statement.id))),
            session.scalar(select(func.max(Statement.updated_at))),
        )
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


def retrain(store: Store, *, sentence_vectors: bool = True) -> ModelInfo | None:
    """Train a new model on the project's coding and store its suggestions; None when the
    codebook has no concept yet (nothing to suggest).

    The concept model also reads sentence vectors (unless ``sentence_vectors`` is False or
    ``Settings.sentence_vectors`` is off), kept in the data directory so each text is encoded
    once."""
    with store.session() as session:
        seeds = _seeds(session)
        rows = _statement_rows(session)
        known_stances = set(session.scalars(select(StanceLevel.value)))
        unshared = _blind_layer_statements(session)
    if not seeds:
        return None
    # scikit-learn and the sentence encoder: loaded on the first training, not with the pages.
    from quotegraph.annotation.coding_model import CodingModel
    from quotegraph.annotation.sentence_vectors import shared_sentence_vectors

    settings = load_settings()
    use_vectors = sentence_vectors and settings.sentence_vectors
    vectors = shared_sentence_vectors(settings.data_dir) if use_vectors else None
    encode = vectors if vectors is not None and vectors.ready() else None
    examples = training_examples(row for row in rows if row[0] not in unshared)
    pending = [
        row
        for row in rows
        if not (_coded(row[4], row[2], "concept") and _coded(row[4], row[3], "stance"))
    ]
    if encode is not None:
        texts = [example.text for example in examples] + [row[1] for row in pending]
        if encode.uncached(texts) > WORDS_FIRST_ABOVE:
            # Encoding thousands of new texts takes minutes: suggest from words meanwhile.
            words_model = CodingModel.train(examples, seeds)
            _store_suggestions(store, words_model, pending, known_stances)
            encode(texts)
    model = CodingModel.train(examples, seeds, encode=encode)
    return _store_suggestions(store, model, pending, known_stances)


def _store_suggestions(
    store: Store,
    model: CodingModel,
    pending: list[tuple],
    known_stances: set[int],
) -> ModelInfo:
    """Record ``model`` under a new version with its suggestions for the ``pending`` rows,
    replacing the older model's; its time is the training's and the suggesting's."""
    began = time.perf_counter()
    given = [row[2] if _coded(row[4], row[2], "concept") else None for row in pending]
    suggestions = model.suggest([row[1] for row in pending], given)
    seconds = model.report.seconds + time.perf_counter() - began
    with store.session(write=True) as session:
        existing = set(session.scalars(select(Concept.id)))
        statement_ids = set(session.scalars(select(Statement.id)))
        number = session.scalar(select(func.count()).select_from(CodingModelRecord)) or 0
        version = f"m{number + 1}"
        while session.get(CodingModelRecord, version) is not None:
            number += 1
            version = f"m{number + 1}"
        session.execute(delete(CodingSuggestion))
        stored = 0
        for row, suggestion in zip(pending, suggestions, strict=True):
            concept = suggestion.concept if suggestion.concept in existing else None
            if row[0] not in statement_ids or concept is None:
                continue
            stance = suggestion.stance if suggestion.stance in known_stances else None
            session.add(
                CodingSuggestion(
                    statement_id=row[0],
                    model_version=version,
                    concept_id=concept,
                    concept_confidence=round(suggestion.concept_confidence, 4),
                    stance=stance,
                    stance_confidence=round(suggestion.stance_confidence, 4)
                    if stance is not None
                    else 0.0,
                )
            )
            stored += 1
        record = CodingModelRecord(
            version=version,
            kind=model.report.kind,
            trained_at=utcnow(),
            examples=model.report.examples,
            stance_examples=model.report.stance_examples,
            concepts=model.report.concepts,
            seconds=round(seconds, 3),
            suggested=stored,
        )
        session.add(record)
        session.flush()
        return _info(record)


def _info(record: CodingModelRecord) -> ModelInfo:
    return ModelInfo(
        version=record.version,
        trained_at=record.trained_at,
        examples=record.examples,
        stance_examples=record.stance_examples,
        concepts=record.concepts,
        seconds=record.seconds,
        suggested=record.suggested,
        kind=record.kind or "",
    )


def latest_model(store: Store) -> ModelInfo | None:
    """The newest trained model, None before the first."""
    with store.session() as session:
        record = session.scalars(
            select(CodingModelRecord).order_by(CodingModelRecord.trained_at.desc()).limit(1)
        ).first()
        return _info(record) if record else None


def _suggestion_query():  # noqa: ANN202
    return (
        select(
            CodingSuggestion.statement_id,
            CodingSuggestion.model_version,
            CodingSuggestion.concept_id,
            Concept.name,
            CodingSuggestion.concept_confidence,
            CodingSuggestion.stance,
            StanceLevel.label,
            CodingSuggestion.stance_confidence,
        )
        .outerjoin(Concept, Concept.id == CodingSuggestion.concept_id)
        .outerjoin(StanceLevel, StanceLevel.value == CodingSuggestion.stance)
    )


def article_suggestions(store: Store, article_id: int) -> dict[int, CodingSuggestionView]:
    """The stored suggestion of each statement of the article still waiting for one, by
    statement id (a statement a person coded since the model ran is left out)."""
    query = _suggestion_query().add_columns(
        Statement.concept_id, Statement.stance, Statement.field_origins
    )
    query = query.join(Statement, Statement.id == CodingSuggestion.statement_id)
    with store.session() as session:
        rows = session.execute(query.where(Statement.article_id == article_id))
        return {
            row[0]: CodingSuggestionView(*row[:8])
            for row in rows
            if not (
                _coded(row[10] or {}, row[8], "concept") and _coded(row[10] or {}, row[9], "stance")
            )
        }


def all_suggestions(store: Store) -> dict[int, CodingSuggestionView]:
    """Every stored suggestion, by statement id."""
    with store.session() as session:
        return {row[0]: CodingSuggestionView(*row) for row in session.execute(_suggestion_query())}


def accept_suggestions(
    store: Store,
    statement_ids: Sequence[int],
    *,
    annotator: str,
    article_id: int,
    in_bulk: bool = False,
) -> int:
    """Copy the stored suggestions of ``statement_ids`` (all in ``article_id``) into the
    statements, as one change group; returns how many statements changed.

    A field a person already set is left alone. Accepted one by one the fields are marked
    "person"; in bulk (the analyst did not look at each) they are marked "machine".
    """
    annotator = (annotator or "").strip()
    if not annotator:
        raise ValueError("say who is annotating: the annotator name is empty")
    origin = MACHINE if in_bulk else PERSON
    changed = 0
    with store.session(write=True) as session:
        recorder = ChangeRecorder(
            session, annotator=annotator, action="update", article_id=article_id
        )
        for statement_id in dict.fromkeys(statement_ids):
            statement = session.get(Statement, statement_id, with_for_update=True)
            suggestion = session.get(CodingSuggestion, statement_id)
            if statement is None or suggestion is None or statement.article_id != article_id:
                continue
            check_writable(session, annotator, statement)  # only the annotator's own layer
            origins = dict(statement.field_origins or {})
            updates: dict[str, object] = {}
            concept_open = not _coded(origins, statement.concept_id, "concept")
            if concept_open and suggestion.concept_id is not None:
                updates["concept_id"] = suggestion.concept_id
            if not _coded(origins, statement.stance, "stance") and suggestion.stance is not None:
                updates["stance"] = suggestion.stance
            if not updates:
                continue
            old_origins: dict[str, str | None] = {}
            for field, value in updates.items():
                key = "concept" if field == "concept_id" else "stance"
                old_origins[key] = origins.get(key)
                origins[key] = origin
                recorder.updated(
                    "statements", statement_id, field, getattr(statement, field), value
                )
                setattr(statement, field, value)
            recorder.updated(
                "statements",
                statement_id,
                "coding_model_version",
                statement.coding_model_version,
                suggestion.model_version,
            )
            statement.coding_model_version = suggestion.model_version
            recorder.updated(
                "statements",
                statement_id,
                ORIGINS_FIELD,
                old_origins,
                dict.fromkeys(old_origins, origin),
            )
            statement.field_origins = origins
            touch_statement(statement, annotator)
            session.delete(suggestion)
            changed += 1
        if changed:
            recorder.finish()
    return changed


class BackgroundTrainer:
    """Retrains a store's model in a daemon thread whenever ``poke`` finds the coding changed.

    ``poke`` only sets a flag (or nothing, given a fingerprint the model already learned from),
    so a page calls it on every run; the thread compares the store's fingerprint and retrains
    when it differs. ``busy``, ``last_model`` and ``last_error`` say what it is doing.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._wake = threading.Event()
        self._fingerprint: str | None = None
        self.training = False
        self.last_error: str | None = None
        self.last_model: ModelInfo | None = latest_model(store)
        self._thread = threading.Thread(target=self._run, name="coding-model", daemon=True)
        self._thread.start()

    @property
    def busy(self) -> bool:
        """True while a retrain is asked for or running."""
        return self.training or self._wake.is_set()

    def poke(self, fingerprint: str | None = None) -> None:
        """Ask for a retrain. With the store's ``coding_fingerprint`` nothing happens when the
        model was (or is being) trained on exactly that, so a page may poke on every run."""
        if fingerprint is not None and fingerprint == self._fingerprint:
            return
        self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self.training = True
            self._wake.clear()
            try:
                fingerprint = coding_fingerprint(self._store)
                if fingerprint == self._fingerprint:
                    continue
                # Retraining writes suggestions, not statements or the log: the fingerprint
                # taken before it still describes the coding it learns from.
                self._fingerprint = fingerprint
                info = retrain(self._store)
                self.last_model = info or self.last_model
                self.last_error = None
            except Exception as error:  # shown on the page; the next poke tries again
                self._fingerprint = None
                self.last_error = f"{type(error).__name__}: {error}"
            finally:
                self.training = False

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until no training is pending (for the command line and tests)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.busy:
                return True
            time.sleep(0.05)
        return False


def most_useful_order(
    statements: Sequence[object], suggestions: dict[int, CodingSuggestionView]
) -> list[int]:
    """Statement ids, the most useful to code next first: statements still open (no concept, or
    a suggestion waiting) from the least confident suggestion up, taking concepts in turn so one
    concept does not fill the front; then the rest in the order given.

    ``statements`` need ``id``, ``status`` and ``concept_id`` (e.g. ``StatementView``).
    """
    groups: dict[int | None, list[tuple[float, int, int]]] = {}
    rest: list[int] = []
    for position, statement in enumerate(statements):
        suggestion = suggestions.get(statement.id)
        is_open = statement.status != "rejected" and (
            suggestion is not None or statement.concept_id is None
        )
        if not is_open:
            rest.append(statement.id)
            continue
        concept = suggestion.concept_id if suggestion else None
        confidence = suggestion.confidence if suggestion else 0.0
        groups.setdefault(concept, []).append((confidence, position, statement.id))
    queues = sorted((sorted(group) for group in groups.values()), key=lambda queue: queue[0])
    ordered: list[int] = []
    while queues:
        for queue in queues:
            ordered.append(queue.pop(0)[2])
        queues = [queue for queue in queues if queue]
    return ordered + rest


def next_waiting(
    order: Sequence[int],
    statements: Sequence[object],
    suggestions: dict[int, CodingSuggestionView],
    current: int,
) -> int:
    """After ``current`` was coded: the next statement in ``order`` (ids) still waiting for a
    concept or stance (a suggestion, or no concept), wrapping round; ``current`` when none is.

    ``statements`` need ``id``, ``status`` and ``concept_id``.
    """
    by_id = {statement.id: statement for statement in statements}
    waiting = [
        sid
        for sid in order
        if sid != current
        and sid in by_id
        and by_id[sid].status != "rejected"
        and (sid in suggestions or by_id[sid].concept_id is None)
    ]
    position = order.index(current) if current in order else -1
    after = [sid for sid in waiting if order.index(sid) > position]
    return (after or waiting or [current])[0]


def bulk_candidates(
    statements: Sequence[object],
    suggestions: dict[int, CodingSuggestionView],
    *,
    concept_id: int | None,
    threshold: float,
) -> list[int]:
    """Ids of the statements whose waiting suggestion is for ``concept_id`` (any concept when
    None) with a confidence of at least ``threshold``, rejected statements left out."""
    return [
        statement.id
        for statement in statements
        if statement.status != "rejected"
        and (suggestion := suggestions.get(statement.id)) is not None
        and (concept_id is None or suggestion.concept_id == concept_id)
        and suggestion.confidence >= threshold
    ]
