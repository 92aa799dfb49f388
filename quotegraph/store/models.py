"""The store's tables, as SQLAlchemy 2 ORM classes.

The schema itself is created and changed only by the Alembic migrations in
``quotegraph/migrations``; these classes must match the newest migration.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that always comes back timezone-aware in UTC.

    SQLite stores no time zone and returns naive values; PostgreSQL returns aware ones. Making
    both aware UTC keeps values, comparisons and exports identical on either store.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type[dt.datetime]:
        return dt.datetime

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


class Base(DeclarativeBase):
    type_annotation_map = {dt.datetime: UTCDateTime(), dict[str, Any]: JSON}


class Article(Base):
    """One article. ``text`` is stored once and never changed: every offset points into it."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(1000))
    source: Mapped[str | None] = mapped_column(String(1000))
    url: Mapped[str | None] = mapped_column(String(4000))
    published: Mapped[dt.date | None] = mapped_column(Date)
    origin: Mapped[str | None] = mapped_column(String(1000))  # file name or "pasted"
    # A DNA document's other fields (see quotegraph.dna); None for articles from elsewhere.
    author: Mapped[str | None] = mapped_column(String(1000))
    section: Mapped[str | None] = mapped_column(String(1000))
    notes: Mapped[str | None] = mapped_column(Text)
    document_type: Mapped[str | None] = mapped_column(String(1000))
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The pipeline version whose results are stored; None until analysed.
    analysed_version: Mapped[str | None] = mapped_column(String(50))
    analysed_at: Mapped[dt.datetime | None]

    entities: Mapped[list[Entity]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )
    statements: Mapped[list[Statement]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class Entity(Base):
    """A named entity the pipeline found, for highlighting and as an actor candidate."""

    __tablename__ = "entities"
    __table_args__ = (Index("ix_entities_article", "article_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    start: Mapped[int]
    end: Mapped[int]
    label: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(String(1000))

    article: Mapped[Article] = relationship(back_populates="entities")


class Actor(Base):
    """A person, organisation, country or group that makes statements, across all articles."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500), unique=True)
    # The whole name normalised (``actors.canonical_actor_key``): "President Donald J. Trump" and
    # "Donald Trump" give "donald trump"; "Melania Trump" does not.
    key: Mapped[str] = mapped_column(String(500), index=True)
    type: Mapped[str] = mapped_column(String(40), default="person")  # see actors.ACTOR_TYPES
    # A person's folded surname ("trump"), to find who a lone surname may be; None otherwise.
    surname: Mapped[str | None] = mapped_column(String(200), index=True)
    # A lone surname ("Clinton") that several known people share: left for a person to resolve.
    unresolved: Mapped[bool] = mapped_column(Boolean, default=False)
    # "person" once a person created or renamed the actor: the machine never renames it then.
    name_origin: Mapped[str] = mapped_column(String(20), default="machine")
    affiliation_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"))
    # Set when the actor was merged into another; kept so the merge can be undone.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    aliases: Mapped[list[ActorAlias]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", passive_deletes=True
    )


class ActorAlias(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(500), index=True)
    # "person" for an alias a person confirmed (added it, or merged the actor that had it):
    # only those merge other mentions into the actor. "machine" aliases are what was seen.
    origin: Mapped[str] = mapped_column(String(20), default="machine")

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class Concept(Base):
    """An entry of the team's codebook: what a claim is about."""

    __tablename__ = "concepts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # One per line; they give concept suggestions before anyone codes
    # (quotegraph.annotation.coding_model).
    keywords: Mapped[str] = mapped_column(Text, default="", server_default="")
    examples: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class StanceLevel(Base):
    """One step of the stance scale; ``value`` orders the scale (negative = against)."""

    __tablename__ = "stance_levels"

    value: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    label: Mapped[str] = mapped_column(String(100), unique=True)


class Statement(Base):
    """A reported statement: who (actor) said what (content span) about what (concept), how."""

    __tablename__ = "statements"
    # AUTOINCREMENT: SQLite must never hand a deleted statement's id (named in the change log)
    # to a new one.
    __table_args__ = (
        Index("ix_statements_article", "article_id", "start"),
        Index("ix_statements_coder", "coder", "article_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    start: Mapped[int]
    end: Mapped[int]
    speaker_start: Mapped[int | None]
    speaker_end: Mapped[int | None]
    speaker_mention: Mapped[str | None] = mapped_column(String(1000))
    cue: Mapped[str | None] = mapped_column(String(200))
    cue_start: Mapped[int | None]
    cue_end: Mapped[int | None]
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )
    concept_id: Mapped[int | None] = mapped_column(
        ForeignKey("concepts.id", ondelete="SET NULL"), index=True
    )
    stance: Mapped[int | None] = mapped_column(
        ForeignKey("stance_levels.value", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(20), default="indirect")
    status: Mapped[str] = mapped_column(String(20), default="suggested")
    # Which fields a machine set and which a person: {"actor": "machine", "stance": "person"}.
    field_origins: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    annotator: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    # DNA's statement type (None: quotegraph's own kind of statement, DNA's "DNA Statement") and
    # the values of variables without a column of their own, by variable name.
    statement_type: Mapped[str | None] = mapped_column(String(200))
    variables: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    pipeline_version: Mapped[str | None] = mapped_column(String(50))
    # The coding model whose suggestion set the concept and stance (field_origins says whether
    # a person accepted it or it was accepted in bulk, "machine").
    coding_model_version: Mapped[str | None] = mapped_column(String(50))
    # None: the project's own layer (single-coded work, and the adjudicated result of a
    # double-coded article). A coder's name: that coder's own version, kept apart from others'.
    coder: Mapped[str | None] = mapped_column(String(200))
    # The statement this one was copied from: the machine suggestion a coder's version started
    # as, or the coder's version an adjudicator picked. Not a foreign key: the copy outlives it.
    based_on_id: Mapped[int | None]
    # Bumped on every change; an edit based on an older version is refused (no silent overwrite).
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="statements")
    actor: Mapped[Actor | None] = relationship(foreign_keys=[actor_id])
    concept: Mapped[Concept | None] = relationship()


class User(Base):
    """Someone who may sign in, and what they may do (quotegraph.team.accounts)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What every change records as its annotator.
    name: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    # An argon2 hash; None for a single-sign-on account or one whose password is not set yet.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="coder")  # admin / coder / viewer
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Assignment(Base):
    """One coder's assignment to code one article (a double-coded article has several)."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("article_id", "coder", name="uq_assignments_article_coder"),
        Index("ix_assignments_coder", "coder"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    coder: Mapped[str] = mapped_column(String(200))
    assigned_by: Mapped[str] = mapped_column(String(200))
    assigned_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CodingModelRecord(Base):
    """One trained concept and stance model (quotegraph.annotation.coding_suggestions)."""

    __tablename__ = "coding_models"

    version: Mapped[str] = mapped_column(String(50), primary_key=True)
    # What the model reads (coding_model.MODEL_KIND...); "" for models trained before 0007.
    kind: Mapped[str] = mapped_column(String(50), default="", server_default="")
    trained_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    examples: Mapped[int]
    stance_examples: Mapped[int]
    concepts: Mapped[int]
    seconds: Mapped[float] = mapped_column(Float)
    suggested: Mapped[int]


class CodingSuggestion(Base):
    """The newest model's suggested concept and stance for a statement, with its confidence."""

    __tablename__ = "coding_suggestions"

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    model_version: Mapped[str] = mapped_column(String(50))
    concept_id: Mapped[int | None] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"))
    concept_confidence: Mapped[float] = mapped_column(Float)
    stance: Mapped[int | None] = mapped_column(
        ForeignKey("stance_levels.value", ondelete="SET NULL")
    )
    stance_confidence: Mapped[float] = mapped_column(Float)


class Change(Base):
    """Append-only change log: who changed what, when, from which value to which.

    Rows are never updated or deleted. ``group_id`` ties together the rows of one decision so
    undo and redo can walk whole decisions; an undo is itself logged, with ``reverts`` naming
    the group it reverses.
    """

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_target", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[str] = mapped_column(String(36), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    annotator: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))  # create / update / delete / undo / redo
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int]
    article_id: Mapped[int | None] = mapped_column(Integer, index=True)
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    reverts: Mapped[str | None] = mapped_column(String(36))


class Meta(Base):
    """Key-value facts about the store itself (e.g. whether the sample articles were loaded)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
