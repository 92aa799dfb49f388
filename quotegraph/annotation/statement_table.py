"""The statement table: one tidy row per statement with every field, for export and exploring.

``load_statement_table`` reads the statements' own columns in one query and what they refer to
(articles, actors and affiliations, concepts, stance labels, texts) in one small query each, so
each name, title or text is fetched and converted once, not once per statement; it cuts
``content`` and ``sentence`` from the stored text, and reads only the columns asked for.
``statement_records`` turns the table into the input of :mod:`quotegraph.networks`, and
``statement_table_version`` tells cheaply whether a table loaded earlier may be out of date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, func, select

from quotegraph.networks import StatementRecord
from quotegraph.store.db import Store
from quotegraph.store.models import (
    Actor,
    Article,
    Assignment,
    Change,
    Concept,
    StanceLevel,
    Statement,
)
from quotegraph.team.layers import (
    PROJECT,
    awaiting_adjudication,
    in_layer,
    layer_coder,
    require_readable,
)

# The fields whose machine/person mark is kept in ``Statement.field_origins``, in column order.
PROVENANCE_FIELDS = (
    "span",
    "speaker",
    "cue",
    "actor",
    "concept",
    "stance",
    "kind",
    "status",
    "note",
)

COLUMNS = (
    "article_id",
    "article_title",
    "article_source",
    "article_url",
    "article_date",
    "article_sha256",
    "statement_id",
    "start",
    "end",
    "content",
    "sentence",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "actor",
    "actor_type",
    "affiliation",
    "concept",
    "stance",
    "stance_label",
    "kind",
    "status",
    "cue",
    "cue_start",
    "cue_end",
    "note",
    *(f"{field}_set_by" for field in PROVENANCE_FIELDS),
    "annotator",
    "coder",
    "pipeline_version",
    "coding_model_version",
    "created_at",
    "updated_at",
)
# Integer columns that may be empty: pandas' nullable Int64 keeps them integers, not floats.
_NULLABLE_INT_COLUMNS = ("speaker_start", "speaker_end", "stance", "cue_start", "cue_end")

# A sentence ends at . ! ? (with any closing quotes or brackets) followed by white space, or at a
# line break. Abbreviations and initials before a full stop do not end a sentence.
_SENTENCE_END = re.compile(r"(?:[.!?]+[\"'”’»)\]]*(?=\s)|\n)\s*")
# Words that end in a full stop without ending the sentence ("Mr. Rouhani", "Maj. Gen.").
_ABBREVIATION = re.compile(
    r"(?i:mr|mrs|ms|dr|prof|gen|maj|brig|col|lt|sgt|capt|adm|sen|rep|gov|pres|st|jr|sr|rev|hon|no|vs|"
    r"etc|inc|ltd|co|corp|dept|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"u\.s|u\.n|u\.k|e\.g|i\.e)|[A-Z]"  # an initial: "J. Doe"
)
_OPENING_PUNCTUATION = "\"'“‘([«"


def sentence_starts(text: str) -> list[int]:
    """Offsets at which the sentences of ``text`` begin (the first is always 0).

    A cheap boundary finder on the stored text, so exporting never re-parses an article.
    """
    starts = [0]
    length = len(text)
    for match in _SENTENCE_END.finditer(text):
        stop = match.start()
        # A lone full stop after an abbreviation or an initial ends no sentence, unless a line
        # break follows it.
        if text[stop] == "." and text[stop + 1 : stop + 2].isspace() and "\n" not in match[0]:
            token_start = max(text.rfind(" ", 0, stop), text.rfind("\n", 0, stop)) + 1
            if _ABBREVIATION.fullmatch(text[token_start:stop].lstrip(_OPENING_PUNCTUATION)):
                continue
        end = match.end()
        if end < length and end > starts[-1]:
            starts.append(end)
    return starts


def sentence_around(text: str, start: int, end: int, starts: list[int] | None = None) -> str:
    """The sentence(s) of ``text`` that contain the span ``start:end``, stripped.

    A span that crosses a boundary gets every sentence it touches. ``starts`` is
    ``sentence_starts(text)``, passed in when several spans of one text are looked up.
    """
    if starts is None:
        starts = sentence_starts(text)
    first = starts[max(0, bisect.bisect_right(starts, start) - 1)]
    following = bisect.bisect_right(starts, max(start, end - 1))
    last = starts[following] if following < len(starts) else len(text)
    return text[first:last].strip()


# Output columns read as they are from the statements table.
_STATEMENT_COLUMNS: dict[str, Any] = {
    "statement_id": Statement.id,
    "article_id": Statement.article_id,
    "start": Statement.start,
    "end": Statement.end,
    "speaker_mention": Statement.speaker_mention,
    "speaker_start": Statement.speaker_start,
    "speaker_end": Statement.speaker_end,
    "stance": Statement.stance,
    "kind": Statement.kind,
    "status": Statement.status,
    "cue": Statement.cue,
    "cue_start": Statement.cue_start,
    "cue_end": Statement.cue_end,
    "note": Statement.note,
    "annotator": Statement.annotator,
    "coder": Statement.coder,
    "pipeline_version": Statement.pipeline_version,
    "coding_model_version": Statement.coding_model_version,
    "created_at": Statement.created_at,
    "updated_at": Statement.updated_at,
}
_ARTICLE_COLUMNS = (
    "article_title",
    "article_source",
    "article_url",
    "article_date",
    "article_sha256",
)
_ACTOR_COLUMNS = ("actor", "actor_type", "affiliation")
_SET_BY_COLUMNS = tuple(f"{field}_set_by" for field in PROVENANCE_FIELDS)
# What :func:`statement_records` reads.
RECORD_COLUMNS = (
    "statement_id",
    "article_id",
    "actor",
    "concept",
    "stance",
    "actor_type",
    "affiliation",
    "status",
    "article_date",
)
# Texts are fetched by id in chunks, so the IN list stays within every backend's parameter limit.
_CHUNK = 500


def _statement_query(
    read: list[str],
    *,
    include_suggested: bool,
    include_rejected: bool,
    article_ids: Iterable[int] | None,
) -> Any:
    """The statements' own columns named in ``read`` (``actor_id``, ``concept_id`` and
    ``field_origins`` included), unordered: names and titles come from small lookups, which is
    much cheaper than a join that converts the same few values once per statement."""
    statuses = ["accepted"]
    if include_suggested:
        statuses.append("suggested")
    if include_rejected:
        statuses.append("rejected")
    extra = {
        "actor_id": Statement.actor_id,
        "concept_id": Statement.concept_id,
        "field_origins": Statement.field_origins,
    }
    query = select(*({**_STATEMENT_COLUMNS, **extra}[name].label(name) for name in read)).where(
        Statement.status.in_(statuses)
    )
    if article_ids is not None:
        query = query.where(Statement.article_id.in_(sorted(set(article_ids))))
    return query


def statement_table_version(store: Store) -> tuple[Any, ...]:
    """A cheap key that changes whenever the statement table may have changed, for caching it.

    Every decision and codebook edit adds to the change log; analysing an article replaces its
    suggestions (new, higher ids) and may add actors; importing or deleting articles changes
    their count. The statements' version sum catches any edit that bypassed the log. One query
    of aggregates, a few milliseconds on 20,000 statements.
    """
    aggregates = [
        select(func.max(Change.id)),
        select(func.count()).select_from(Statement),
        select(func.max(Statement.id)),
        select(func.sum(Statement.version)),
        select(func.count()).select_from(Article),
        select(func.max(Article.id)),
        select(func.count()).select_from(Actor),
        select(func.max(Actor.id)),
        select(func.count()).select_from(Concept),
        select(func.max(Concept.id)),
        select(func.count()).select_from(StanceLevel),
        select(func.sum(StanceLevel.value)),
        # Assigning decides which double-coded articles await adjudication.
        select(func.count()).select_from(Assignment),
    ]
    query = select(*(aggregate.scalar_subquery() for aggregate in aggregates))
    with store.session() as session:
        values = session.execute(query).one()
    # sum() comes back as Decimal from PostgreSQL: plain ints compare and hash alike everywhere
    return (store.url, *(None if value is None else int(value) for value in values))


@dataclass(frozen=True)
class SuggestionCounts:
    """The machine suggestions in the store: how many there are, and how many of them carry an
    actor, a concept and a stance (only those can count in a network or chart)."""

    total: int
    complete: int

    @property
    def incomplete(self) -> int:
        return self.total - self.complete


def suggestion_counts(store: Store, *, layer: str = PROJECT) -> SuggestionCounts:
    """Count the suggestions of ``layer``, and those with actor, concept and stance, in one
    query."""
    complete = (
        Statement.actor_id.is_not(None)
        & Statement.concept_id.is_not(None)
        & Statement.stance.is_not(None)
    )
    query = select(func.count(), func.count().filter(complete)).where(
        Statement.status == "suggested", in_layer(layer_coder(layer))
    )
    with store.session() as session:
        total, usable = session.execute(query).one()
    return SuggestionCounts(int(total or 0), int(usable or 0))


def _nullable_integers(values: list[Any]) -> pd.arrays.IntegerArray:
    # Built from data and mask directly: astype("Int64") on an object column is slow.
    missing = [value is None or value != value for value in values]  # None or NaN
    data = [0 if gap else int(value) for value, gap in zip(values, missing, strict=True)]
    return pd.arrays.IntegerArray(np.array(data, dtype=np.int64), np.array(missing, dtype=bool))


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes (stored in UTC), PostgreSQL aware ones: make both aware.
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


_NO_ACTOR = (None, None, None)


@dataclass
class _Lookups:
    """What the statements refer to, by id: each fetched once, not once per statement."""

    articles: dict[int, tuple[str, str | None, str | None, dt.date | None, str]]
    actors: dict[int, tuple[str, str, str | None]]
    concepts: dict[int, str]
    stance_labels: dict[int, str]
    texts: dict[int, str]


def _lookups(connection: Connection, wanted: set[str], article_ids: list[int]) -> _Lookups:
    """The articles, actors, concepts, stance labels and texts that ``wanted`` columns need."""
    lookups = _Lookups({}, {}, {}, {}, {})
    for offset in range(0, len(article_ids), _CHUNK):
        chunk = article_ids[offset : offset + _CHUNK]
        if wanted & set(_ARTICLE_COLUMNS):
            query = select(
                Article.id,
                Article.title,
                Article.source,
                Article.url,
                Article.published,
                Article.sha256,
            )
            for article, *fields in connection.execute(query.where(Article.id.in_(chunk))):
                lookups.articles[article] = tuple(fields)
        if wanted & {"content", "sentence"}:
            query = select(Article.id, Article.text).where(Article.id.in_(chunk))
            lookups.texts.update((article, text) for article, text in connection.execute(query))
    if wanted & set(_ACTOR_COLUMNS):
        rows = connection.execute(select(Actor.id, Actor.name, Actor.type, Actor.affiliation_id))
        actors = {actor: (name, actor_type, group) for actor, name, actor_type, group in rows}
        lookups.actors = {
            actor: (name, actor_type, actors[group][0] if group in actors else None)
            for actor, (name, actor_type, group) in actors.items()
        }
    if "concept" in wanted:
        rows = connection.execute(select(Concept.id, Concept.name))
        lookups.concepts = {concept: name for concept, name in rows}
    if "stance_label" in wanted:
        rows = connection.execute(select(StanceLevel.value, StanceLevel.label))
        lookups.stance_labels = {value: label for value, label in rows}
    return lookups


def load_statement_table(
    store: Store,
    *,
    include_suggested: bool = True,
    include_rejected: bool = False,
    article_ids: Iterable[int] | None = None,
    columns: Sequence[str] = COLUMNS,
    machine_coding: bool = False,
    layer: str = PROJECT,
    reader: str | None = None,
) -> pd.DataFrame:
    """One row per statement, in text order per article, with ``columns`` (every one of
    ``COLUMNS`` unless fewer are asked for: the others are then neither read nor computed).

    ``layer`` is "project" (the adjudicated or single-coded result: double-coded articles not
    adjudicated yet contribute nothing) or a coder's name (that coder's own layer); a layer
    blind mode hides from ``reader`` is refused (``PermissionDenied``).

    Accepted statements are always included, suggestions when ``include_suggested``, rejected
    ones when ``include_rejected``; ``article_ids`` restricts to those articles. ``*_set_by``
    says whether a ``"machine"`` or a ``"person"`` last set that field (empty when nobody did);
    ``coding_model_version`` names the model whose suggestion set the concept and stance. With
    ``machine_coding`` a statement without a concept or stance takes the model's waiting
    suggestion, marked ``"machine"`` (see :func:`fill_machine_coding`).
    Times are timezone-aware UTC; ``article_date`` holds ``datetime.date`` values or None.
    Raises ValueError for a column not in ``COLUMNS``.
    """
    unknown = [name for name in columns if name not in COLUMNS]
    if unknown:
        raise ValueError(f"unknown statement table column(s): {', '.join(unknown)}")
    wanted = set(columns)
    read = ["article_id", "start", "end", "statement_id"]  # text order, in sort-key order
    read += [name for name in _STATEMENT_COLUMNS if name in wanted and name not in read]
    if "stance_label" in wanted and "stance" not in read:
        read.append("stance")
    if wanted & set(_ACTOR_COLUMNS):
        read.append("actor_id")
    if "concept" in wanted:
        read.append("concept_id")
    if wanted & set(_SET_BY_COLUMNS):
        read.append("field_origins")
    query = _statement_query(
        read,
        include_suggested=include_suggested,
        include_rejected=include_rejected,
        article_ids=article_ids,
    )
    coder = layer_coder(layer)
    query = query.where(in_layer(coder))
    with store.session() as session:
        require_readable(session, reader, coder)
        if coder is None:
            pending = awaiting_adjudication(session)
            if pending:
                query = query.where(Statement.article_id.not_in(sorted(pending)))
        # Core execution: plain rows, without the ORM's per-row bookkeeping (20,000 rows).
        connection = session.connection()
        rows = connection.execute(query).all()
        rows.sort(key=lambda row: row[:4])  # cheaper here than an ORDER BY in SQLite
        present = sorted({row[0] for row in rows})
        lookups = _lookups(connection, wanted, present)

    values = dict(zip(read, map(list, zip(*rows, strict=True)), strict=True)) if rows else {}
    values = {name: values.get(name, []) for name in read}
    table: dict[str, list[Any]] = {}
    for name in columns:
        if name in _STATEMENT_COLUMNS:
            table[name] = values[name]
        elif name in _ARTICLE_COLUMNS:
            field = _ARTICLE_COLUMNS.index(name)
            table[name] = [lookups.articles[article][field] for article in values["article_id"]]
        elif name in _ACTOR_COLUMNS:
            field = _ACTOR_COLUMNS.index(name)
            table[name] = [
                lookups.actors.get(actor, _NO_ACTOR)[field] for actor in values["actor_id"]
            ]
        elif name == "concept":
            table[name] = [lookups.concepts.get(concept) for concept in values["concept_id"]]
        elif name == "stance_label":
            table[name] = [lookups.stance_labels.get(stance) for stance in values["stance"]]
        elif name in _SET_BY_COLUMNS:
            field = PROVENANCE_FIELDS[_SET_BY_COLUMNS.index(name)]
            table[name] = [(marks or {}).get(field) for marks in values["field_origins"]]
        elif name == "content":
            spans = zip(values["article_id"], values["start"], values["end"], strict=True)
            table[name] = [lookups.texts[article][start:end] for article, start, end in spans]
        elif name == "sentence":
            starts = {article: sentence_starts(text) for article, text in lookups.texts.items()}
            spans = zip(values["article_id"], values["start"], values["end"], strict=True)
            table[name] = [
                sentence_around(lookups.texts[article], start, end, starts[article])
                for article, start, end in spans
            ]
    frame = pd.DataFrame(table, columns=list(columns))
    if "note" in wanted:
        frame["note"] = frame["note"].fillna("")
    for column in ("article_id", "statement_id", "start", "end"):
        if column in wanted:
            frame[column] = frame[column].astype("int64")
    for column in _NULLABLE_INT_COLUMNS:
        if column in wanted:
            frame[column] = _nullable_integers(frame[column].tolist())
    for column in ("created_at", "updated_at"):
        if column in wanted:
            frame[column] = (
                pd.to_datetime([_utc(value) for value in frame[column]], utc=True)
                if len(frame)
                else pd.Series([], dtype="datetime64[ns, UTC]")
            )
    if "article_date" in wanted:
        # Dates stay datetime.date objects (None when unknown), as the networks module expects.
        frame["article_date"] = frame["article_date"].astype(object)
    if machine_coding:
        from quotegraph.annotation.coding_suggestions import all_suggestions

        frame = fill_machine_coding(frame, all_suggestions(store))
    return frame


def filter_statement_table(
    frame: pd.DataFrame,
    *,
    articles: Iterable[int] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    concepts: Iterable[str] | None = None,
    actor_types: Iterable[str] | None = None,
    **_network_only: Any,
) -> pd.DataFrame:
    """The rows of a statement table that pass the filters Explore offers, with the meaning
    :func:`quotegraph.networks.filter_statements` gives them (a date bound drops undated
    articles). Takes its keyword arguments as they are, so one dict of filters serves both;
    the options only a network knows (suggestions, duplicates) are ignored here."""
    keep = pd.Series(True, index=frame.index)
    if articles is not None:
        keep &= frame["article_id"].isin(list(articles))
    if date_from is not None or date_to is not None:
        dates = frame["article_date"]
        keep &= dates.notna()
        if date_from is not None:
            keep &= dates.map(lambda day: day is not None and day >= date_from)
        if date_to is not None:
            keep &= dates.map(lambda day: day is not None and day <= date_to)
    if concepts is not None:
        keep &= frame["concept"].isin(list(concepts))
    if actor_types is not None:
        keep &= frame["actor_type"].isin(list(actor_types))
    return frame[keep.astype(bool)]


def fill_machine_coding(frame: pd.DataFrame, suggestions: Mapping[int, Any]) -> pd.DataFrame:
    """``frame`` with each empty concept and stance taken from the statement's waiting model
    suggestion (``quotegraph.annotation.coding_suggestions.CodingSuggestionView`` by statement id),
    their
    ``*_set_by`` marked ``"machine"`` and ``coding_model_version`` set; other rows unchanged.

    Needs ``statement_id``; fills whichever of ``concept``, ``stance``, ``stance_label``,
    ``concept_set_by``, ``stance_set_by`` and ``coding_model_version`` the frame has.
    """
    if frame.empty or not suggestions:
        return frame
    frame = frame.copy()
    ids = frame["statement_id"].tolist()
    for field, value_column, value_of in (
        ("concept", "concept", lambda s: s.concept_name),
        ("stance", "stance", lambda s: s.stance),
    ):
        if value_column not in frame:
            continue
        current = frame[value_column].tolist()
        filled = [
            i
            for i, (sid, value) in enumerate(zip(ids, current, strict=True))
            if (value is None or pd.isna(value))
            and sid in suggestions
            and value_of(suggestions[sid]) is not None
        ]
        if not filled:
            continue
        positions = frame.index[filled]
        frame.loc[positions, value_column] = [value_of(suggestions[ids[i]]) for i in filled]
        if field == "stance" and "stance_label" in frame:
            frame.loc[positions, "stance_label"] = [
                suggestions[ids[i]].stance_label for i in filled
            ]
        if f"{field}_set_by" in frame:
            frame.loc[positions, f"{field}_set_by"] = "machine"
        if "coding_model_version" in frame:
            frame.loc[positions, "coding_model_version"] = [
                suggestions[ids[i]].model_version for i in filled
            ]
    return frame


def machine_coded_ids(frame: pd.DataFrame) -> frozenset[int]:
    """Statements whose concept or stance a machine set (needs ``statement_id``,
    ``concept_set_by`` and ``stance_set_by``)."""
    if frame.empty:
        return frozenset()
    machine = (frame["concept_set_by"] == "machine") | (frame["stance_set_by"] == "machine")
    return frozenset(int(sid) for sid in frame.loc[machine, "statement_id"])


def statement_records(frame: pd.DataFrame) -> list[StatementRecord]:
    """The coded statements of ``frame`` as network input (``frame`` needs ``RECORD_COLUMNS``).

    Only rows with an actor, a concept and a stance take part in a network; rejected rows are
    left out, suggestions are kept with ``status="suggested"`` so the network filters decide.
    """
    usable = frame[
        frame["actor"].notna()
        & frame["concept"].notna()
        & frame["stance"].notna()
        & (frame["status"] != "rejected")
    ]
    # Whole columns as Python lists, zipped: iterating a frame's rows boxes every cell (slow).
    columns = [usable[name].tolist() for name in RECORD_COLUMNS]
    return [
        StatementRecord(
            statement_id=int(statement_id),
            article_id=int(article_id),
            actor=actor,
            concept=concept,
            stance=int(stance),
            actor_type=actor_type,
            affiliation=affiliation if isinstance(affiliation, str) else None,
            status=status,
            published=published if isinstance(published, dt.date) else None,
        )
        for (
            statement_id,
            article_id,
            actor,
            concept,
            stance,
            actor_type,
            affiliation,
            status,
            published,
        ) in zip(*columns, strict=True)
    ]
