"""Articles in the store: adding (with de-duplication), listing, searching, filtering, editing
their details (logged and undoable) and deleting."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any, NamedTuple

from sqlalchemy import case, delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from quotegraph.annotation.changes import ChangeRecorder, set_logged
from quotegraph.annotation.statements import EditConflict
from quotegraph.store.db import Store
from quotegraph.store.models import Article, Change, Entity, Statement
from quotegraph.team.permissions import IMPORT, require

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


def add_article(store: Store, draft: ArticleDraft, *, annotator: str = "import") -> AddResult:
    """Store ``draft`` in one transaction, unless the same text is already stored.

    Texts are compared by SHA-256 of their exact characters, so re-importing a file is a no-op.
    ``annotator`` is who adds it (the app passes the signed-in user; needs IMPORT).
    """
    digest = text_sha256(draft.text)
    try:
        with store.session(write=True) as session:
            require(session, annotator, IMPORT)
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
        .where(Statement.coder.is_(None))  # the project's layer, not each coder's copy
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


def delete_article(store: Store, article_id: int, *, annotator: str = "command line") -> bool:
    """Delete an article with its entities and statements; False if it did not exist."""
    with store.session(write=True) as session:
        require(session, annotator, IMPORT)
        result = session.execute(delete(Article).where(Article.id == article_id))
        return result.rowcount > 0


# --- editing an article's details ----------------------------------------------------------


@dataclass(frozen=True)
class ArticleDetails:
    """What an analyst may correct about an article; its text never changes."""

    title: str
    source: str | None
    published: dt.date | None
    url: str | None


DETAIL_FIELDS = tuple(field.name for field in fields(ArticleDetails))
# The longest value each column holds (see models.Article).
_MAX_CHARS = {"title": 1000, "source": 1000, "url": 4000}


def article_details(store: Store, article_id: int) -> ArticleDetails | None:
    """The article's title, source, date and URL; None if there is no such article."""
    with store.session() as session:
        row = session.execute(
            select(Article.title, Article.source, Article.published, Article.url).where(
                Article.id == article_id
            )
        ).first()
    return None if row is None else ArticleDetails(*row)


def clean_details(**changes: Any) -> dict[str, Any]:
    """The changes as stored: text trimmed to one line, an empty source or URL as None.

    Raises ValueError with a one-line reason for an unknown field, an empty title, a value too
    long for the store, a date that is not a date, or a URL that is not http(s).
    """
    unknown = sorted(set(changes) - set(DETAIL_FIELDS))
    if unknown:
        raise ValueError(f"cannot change {', '.join(unknown)}: editable are {DETAIL_FIELDS}")
    cleaned: dict[str, Any] = {}
    for field, value in changes.items():
        if field == "published":
            if value is not None and (
                not isinstance(value, dt.date) or isinstance(value, dt.datetime)
            ):
                raise ValueError(f"the date must be a calendar date, got {value!r}")
            cleaned[field] = value
            continue
        if value is not None and not isinstance(value, str):
            raise ValueError(f"the {field} must be text, got {value!r}")
        text = " ".join((value or "").split())
        if len(text) > _MAX_CHARS[field]:
            raise ValueError(f"the {field} is longer than {_MAX_CHARS[field]} characters")
        if field == "title" and not text:
            raise ValueError("an article needs a title")
        if field == "url" and text and not re.fullmatch(r"https?://[^\s/]+\S*", text, re.I):
            raise ValueError(f"the URL must start with http:// or https://, got {text!r}")
        cleaned[field] = text or (None if field != "title" else text)
    return cleaned


def update_article_details(
    store: Store,
    article_id: int,
    *,
    annotator: str,
    seen: ArticleDetails | None = None,
    **changes: Any,
) -> ArticleDetails:
    """Change an article's title, source, date (``published``) or URL, as one logged decision
    that ``annotation.undo(store, annotator=..., article_id=article_id)`` reverses.

    ``seen`` is what the analyst was shown: a field someone else changed since is not
    overwritten (``EditConflict``, nothing written). Raises ValueError for a bad value or a
    missing article. Returns the details as stored.
    """
    cleaned = clean_details(**changes)
    name = " ".join((annotator or "").split())
    if not name:
        raise ValueError("say who is editing: the annotator name is empty")
    with store.session(write=True) as session:
        article = session.get(Article, article_id, with_for_update=True)
        if article is None:
            raise ValueError(f"article {article_id} does not exist")
        if seen is not None:
            for field in cleaned:
                if getattr(article, field) != getattr(seen, field):
                    raise EditConflict(
                        f"the {field} of this article was changed meanwhile "
                        f"(now {getattr(article, field)!r})"
                    )
        recorder = ChangeRecorder(
            session, annotator=name, action="update", article_id=article_id, permission=IMPORT
        )
        for field, value in cleaned.items():
            set_logged(recorder, article, field, value)
        if recorder.changes:
            session.flush()
            recorder.finish()
        return ArticleDetails(article.title, article.source, article.published, article.url)


# --- filtering the Library --------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleCoding:
    """How far an article is coded: its statements that count in a network (accepted, with an
    actor, a concept and a stance), and who has made decisions in it."""

    coded: int = 0
    annotators: tuple[str, ...] = ()


def article_coding(store: Store) -> dict[int, ArticleCoding]:
    """Each article's coding (articles nobody touched are left out: read them as empty)."""
    coded_query = (
        select(Statement.article_id, func.count())
        .where(
            Statement.status == "accepted",
            Statement.actor_id.is_not(None),
            Statement.concept_id.is_not(None),
            Statement.stance.is_not(None),
            Statement.coder.is_(None),  # the project's layer
        )
        .group_by(Statement.article_id)
    )
    people_query = (
        select(Change.article_id, Change.annotator).where(Change.article_id.is_not(None)).distinct()
    )
    with store.session() as session:
        coded = {article_id: count for article_id, count in session.execute(coded_query)}
        people: dict[int, set[str]] = {}
        for article_id, annotator in session.execute(people_query):
            people.setdefault(article_id, set()).add(annotator)
    return {
        article_id: ArticleCoding(
            coded.get(article_id, 0), tuple(sorted(people.get(article_id, ())))
        )
        for article_id in set(coded) | set(people)
    }


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles the Library lists; a field left as None does not restrict.

    ``sources``: any of these (the empty string stands for "no source"); ``date_from`` /
    ``date_to``: inclusive bounds on the publication date (an undated article is left out once
    a bound is set); ``analysed`` / ``coded``: whether the machine has analysed it / whether at
    least one statement in it counts in a network; ``annotators``: anyone of them has made a
    decision in it.
    """

    sources: Collection[str] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    analysed: bool | None = None
    coded: bool | None = None
    annotators: Collection[str] | None = None


def filter_articles(
    articles: Iterable[ArticleSummary],
    article_filter: ArticleFilter,
    coding: dict[int, ArticleCoding] | None = None,
) -> list[ArticleSummary]:
    """The articles that pass ``article_filter``, in the given order (``coding`` as
    :func:`article_coding` gives it; needed for the ``coded`` and ``annotators`` tests)."""
    coding = coding or {}
    wanted_sources = None if article_filter.sources is None else set(article_filter.sources)
    wanted_people = None if article_filter.annotators is None else set(article_filter.annotators)
    kept = []
    for article in articles:
        done = coding.get(article.id, ArticleCoding())
        if wanted_sources is not None and (article.source or "") not in wanted_sources:
            continue
        if article_filter.date_from is not None or article_filter.date_to is not None:
            if article.published is None:
                continue
            if (
                article_filter.date_from is not None
                and article.published < article_filter.date_from
            ):
                continue
            if article_filter.date_to is not None and article.published > article_filter.date_to:
                continue
        if article_filter.analysed is not None and (
            (article.analysed_version is not None) != article_filter.analysed
        ):
            continue
        if article_filter.coded is not None and (done.coded > 0) != article_filter.coded:
            continue
        if wanted_people is not None and not wanted_people & set(done.annotators):
            continue
        kept.append(article)
    return kept


def delete_articles(
    store: Store, article_ids: Sequence[int], *, annotator: str = "command line"
) -> int:
    """Delete these articles with their entities and statements, in one transaction; returns
    how many existed."""
    if not article_ids:
        return 0
    with store.session(write=True) as session:
        require(session, annotator, IMPORT)
        result = session.execute(delete(Article).where(Article.id.in_(list(set(article_ids)))))
        return result.rowcount


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
