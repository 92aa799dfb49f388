"""Articles in the store: adding (with de-duplication), listing, searching, deleting."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import case, delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from quotegraph.db import Store
from quotegraph.models import Article, Entity, Statement

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class ArticleDraft:
    """An article read from some source, not yet stored."""

    text: str
    title: str
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    origin: str | None = None  # the file name, URL or "pasted" it came from


@dataclass(frozen=True)
class AddResult:
    article_id: int
    created: bool  # False: the same text was already stored under article_id


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    title: str
    source: str | None
    url: str | None
    published: dt.date | None
    added_at: dt.datetime
    word_count: int
    suggested: int
    accepted: int
    rejected: int
    analysed_version: str | None


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def find_article_by_text(store: Store, text: str) -> int | None:
    with store.session() as session:
        return session.scalar(select(Article.id).where(Article.sha256 == text_sha256(text)))


def article_row(draft: ArticleDraft) -> Article:
    """The new Article row for ``draft``, with its digest and word count."""
    return Article(
        text=draft.text,
        sha256=text_sha256(draft.text),
        title=draft.title,
        source=draft.source,
        url=draft.url,
        published=draft.published,
        origin=draft.origin,
        word_count=count_words(draft.text),
    )


def add_article(store: Store, draft: ArticleDraft) -> AddResult:
    """Store ``draft`` in one transaction, unless the same text is already stored.

    Texts are compared by SHA-256 of their exact characters, so re-importing a file is a no-op.
    """
    digest = text_sha256(draft.text)
    try:
        with store.session(write=True) as session:
            existing = session.scalar(select(Article.id).where(Article.sha256 == digest))
            if existing is not None:
                return AddResult(existing, created=False)
            article = article_row(draft)
            session.add(article)
            session.flush()
            return AddResult(article.id, created=True)
    except IntegrityError:
        # Another writer stored the same text between our check and our insert.
        existing = find_article_by_text(store, draft.text)
        if existing is None:
            raise
        return AddResult(existing, created=False)


def get_article(store: Store, article_id: int) -> Article | None:
    with store.session() as session:
        return session.get(Article, article_id)


def list_articles(store: Store, search: str | None = None) -> list[ArticleSummary]:
    """Every article, newest first, with statement counts; ``search`` matches title, source or
    text, case-insensitively."""
    counts = (
        select(
            Statement.article_id,
            func.sum(case((Statement.status == "suggested", 1), else_=0)).label("suggested"),
            func.sum(case((Statement.status == "accepted", 1), else_=0)).label("accepted"),
            func.sum(case((Statement.status == "rejected", 1), else_=0)).label("rejected"),
        )
        .group_by(Statement.article_id)
        .subquery()
    )
    query = (
        select(
            Article.id,
            Article.title,
            Article.source,
            Article.url,
            Article.published,
            Article.added_at,
            Article.word_count,
            func.coalesce(counts.c.suggested, 0),
            func.coalesce(counts.c.accepted, 0),
            func.coalesce(counts.c.rejected, 0),
            Article.analysed_version,
        )
        .outerjoin(counts, counts.c.article_id == Article.id)
        .order_by(Article.added_at.desc(), Article.id.desc())
    )
    if search and search.strip():
        pattern = f"%{_escape_like(search.strip())}%"
        query = query.where(
            or_(
                Article.title.ilike(pattern, escape="\\"),
                Article.source.ilike(pattern, escape="\\"),
                Article.text.ilike(pattern, escape="\\"),
            )
        )
    with store.session() as session:
        return [ArticleSummary(*row) for row in session.execute(query)]


class EntitySpan(NamedTuple):
    start: int
    end: int
    label: str


def list_entities(store: Store, article_id: int) -> list[EntitySpan]:
    """The article's stored named entities, in reading order."""
    query = (
        select(Entity.start, Entity.end, Entity.label)
        .where(Entity.article_id == article_id)
        .order_by(Entity.start, Entity.end)
    )
    with store.session() as session:
        return [EntitySpan(*row) for row in session.execute(query)]


def delete_article(store: Store, article_id: int) -> bool:
    """Delete an article with its entities and statements; False if it did not exist."""
    with store.session(write=True) as session:
        result = session.execute(delete(Article).where(Article.id == article_id))
        return result.rowcount > 0


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
