"""The statement table: one tidy row per statement with every field, for export and exploring.

``load_statement_table`` reads the statements with their article, actor, affiliation, concept and
stance label in one joined query, plus one query for the texts of the articles involved (each text
fetched once, not once per statement), and cuts ``content`` and ``sentence`` from the stored text.
``statement_records`` turns the table into the input of :mod:`quotegraph.networks`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import aliased

from quotegraph.db import Store
from quotegraph.models import Actor, Article, Concept, StanceLevel, Statement
from quotegraph.networks import StatementRecord

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
    "article_url",
    "article_date",
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
    "pipeline_version",
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


def _statement_query(
    *, include_suggested: bool, include_rejected: bool, article_ids: Iterable[int] | None
) -> Any:
    affiliation = aliased(Actor)
    statuses = ["accepted"]
    if include_suggested:
        statuses.append("suggested")
    if include_rejected:
        statuses.append("rejected")
    query = (
        select(
            Statement.article_id.label("article_id"),
            Article.title.label("article_title"),
            Article.url.label("article_url"),
            Article.published.label("article_date"),
            Statement.id.label("statement_id"),
            Statement.start,
            Statement.end,
            Statement.speaker_mention,
            Statement.speaker_start,
            Statement.speaker_end,
            Actor.name.label("actor"),
            Actor.type.label("actor_type"),
            affiliation.name.label("affiliation"),
            Concept.name.label("concept"),
            Statement.stance,
            StanceLevel.label.label("stance_label"),
            Statement.kind,
            Statement.status,
            Statement.cue,
            Statement.cue_start,
            Statement.cue_end,
            Statement.note,
            Statement.field_origins,
            Statement.annotator,
            Statement.pipeline_version,
            Statement.created_at,
            Statement.updated_at,
        )
        .join(Article, Article.id == Statement.article_id)
        .outerjoin(Actor, Actor.id == Statement.actor_id)
        .outerjoin(affiliation, affiliation.id == Actor.affiliation_id)
        .outerjoin(Concept, Concept.id == Statement.concept_id)
        .outerjoin(StanceLevel, StanceLevel.value == Statement.stance)
        .where(Statement.status.in_(statuses))
        .order_by(Statement.article_id, Statement.start, Statement.end, Statement.id)
    )
    if article_ids is not None:
        query = query.where(Statement.article_id.in_(sorted(set(article_ids))))
    return query


def _nullable_integers(values: list[Any]) -> pd.arrays.IntegerArray:
    # Built from data and mask directly: astype("Int64") on an object column is slow.
    missing = [value is None or value != value for value in values]  # None or NaN
    data = [0 if gap else int(value) for value, gap in zip(values, missing, strict=True)]
    return pd.arrays.IntegerArray(np.array(data, dtype=np.int64), np.array(missing, dtype=bool))


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes (stored in UTC), PostgreSQL aware ones: make both aware.
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def load_statement_table(
    store: Store,
    *,
    include_suggested: bool = True,
    include_rejected: bool = False,
    article_ids: Iterable[int] | None = None,
) -> pd.DataFrame:
    """One row per statement, in text order per article, with the columns in ``COLUMNS``.

    Accepted statements are always included, suggestions when ``include_suggested``, rejected
    ones when ``include_rejected``; ``article_ids`` restricts to those articles. ``*_set_by``
    says whether a ``"machine"`` or a ``"person"`` last set that field (empty when nobody did).
    Times are timezone-aware UTC; ``article_date`` holds ``datetime.date`` values or None.
    """
    query = _statement_query(
        include_suggested=include_suggested,
        include_rejected=include_rejected,
        article_ids=article_ids,
    )
    with store.session() as session:
        # Core execution: plain rows, without the ORM's per-row bookkeeping (20,000 rows).
        result = session.connection().execute(query)
        labels = list(result.keys())
        rows = result.all()
        wanted = sorted({row[0] for row in rows})
        texts: dict[int, str] = {}
        # Chunked so the IN list stays within every backend's parameter limit.
        for offset in range(0, len(wanted), 500):
            chunk = wanted[offset : offset + 500]
            query_texts = select(Article.id, Article.text).where(Article.id.in_(chunk))
            texts.update(tuple(row) for row in session.connection().execute(query_texts))

    # Column by column: pandas probes every Row object when given rows, which is slow.
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(labels)
    frame = pd.DataFrame(
        {label: list(values) for label, values in zip(labels, columns, strict=True)}
    )
    starts_by_article = {article_id: sentence_starts(text) for article_id, text in texts.items()}
    spans = list(zip(frame["article_id"], frame["start"], frame["end"], strict=True))
    frame["content"] = [texts[article][start:end] for article, start, end in spans]
    frame["sentence"] = [
        sentence_around(texts[article], start, end, starts_by_article[article])
        for article, start, end in spans
    ]
    origins = [value or {} for value in frame.pop("field_origins")]
    for field in PROVENANCE_FIELDS:
        frame[f"{field}_set_by"] = [marks.get(field) for marks in origins]
    frame["note"] = frame["note"].fillna("")
    frame = frame[list(COLUMNS)]
    for column in ("article_id", "statement_id", "start", "end"):
        frame[column] = frame[column].astype("int64")
    for column in _NULLABLE_INT_COLUMNS:
        frame[column] = _nullable_integers(frame[column].tolist())
    for column in ("created_at", "updated_at"):
        frame[column] = (
            pd.to_datetime([_utc(value) for value in frame[column]], utc=True)
            if len(frame)
            else pd.Series([], dtype="datetime64[ns, UTC]")
        )
    # Dates stay datetime.date objects (None when unknown), as the networks module expects.
    frame["article_date"] = frame["article_date"].astype(object)
    return frame


def statement_records(frame: pd.DataFrame) -> list[StatementRecord]:
    """The coded statements of ``frame`` as network input.

    Only rows with an actor, a concept and a stance take part in a network; rejected rows are
    left out, suggestions are kept with ``status="suggested"`` so the network filters decide.
    """
    usable = frame[
        frame["actor"].notna()
        & frame["concept"].notna()
        & frame["stance"].notna()
        & (frame["status"] != "rejected")
    ]
    records: list[StatementRecord] = []
    for row in usable.itertuples(index=False):
        published = row.article_date
        records.append(
            StatementRecord(
                statement_id=int(row.statement_id),
                article_id=int(row.article_id),
                actor=row.actor,
                concept=row.concept,
                stance=int(row.stance),
                actor_type=row.actor_type,
                affiliation=row.affiliation if isinstance(row.affiliation, str) else None,
                status=row.status,
                published=published if isinstance(published, dt.date) else None,
            )
        )
    return records
