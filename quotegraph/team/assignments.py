"""Giving articles to coders: who codes which article, with a share coded twice.

``plan_assignments`` decides (a pure function, the same for the same seed); ``assign_articles``
writes it. Of the chosen articles, the overlap share goes to ``coders_per_overlap`` coders each
(the double-coded articles, whose agreement is measured), the rest to one coder each; every
article goes to whoever has the fewest so far, so the work is split evenly.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from quotegraph.store.db import Store
from quotegraph.store.models import Article, Assignment, User, utcnow
from quotegraph.store.project_settings import check_overlap_share, overlap_share
from quotegraph.team.permissions import ASSIGN, require, store_is_closed


@dataclass(frozen=True)
class AssignmentOutcome:
    """What an assignment did: the plan (article id -> coders) and how many rows it added."""

    plan: dict[int, tuple[str, ...]]
    added: int
    double_coded: int


def check_coders(coders: Iterable[str]) -> list[str]:
    """The coders' names, stripped and without repeats, in the order given; ValueError when
    there is none or a name is empty or "project" (the project layer's name)."""
    names: list[str] = []
    for name in coders:
        name = name.strip() if isinstance(name, str) else ""
        if not name:
            raise ValueError("a coder's name is empty")
        if name == "project":
            raise ValueError("'project' names the project's layer, not a coder")
        if name not in names:
            names.append(name)
    if not names:
        raise ValueError("name at least one coder")
    return names


def plan_assignments(
    article_ids: Sequence[int],
    coders: Sequence[str],
    *,
    overlap: float,
    coders_per_overlap: int = 2,
    seed: int = 0,
) -> dict[int, tuple[str, ...]]:
    """Which coders code each article: ``round(overlap * len(article_ids))`` articles, drawn
    with ``seed``, go to ``coders_per_overlap`` coders (capped at the number of coders), the
    rest to one; each article to the least loaded coders (ties in the order given)."""
    coders = check_coders(coders)
    overlap = check_overlap_share(overlap)
    if coders_per_overlap < 2:
        raise ValueError("a double-coded article needs at least 2 coders")
    articles = sorted(set(article_ids))
    random.Random(seed).shuffle(articles)
    overlapping = round(overlap * len(articles)) if len(coders) >= 2 else 0
    per_overlap = min(coders_per_overlap, len(coders))
    load = dict.fromkeys(coders, 0)
    plan: dict[int, tuple[str, ...]] = {}
    for position, article_id in enumerate(articles):
        wanted = per_overlap if position < overlapping else 1
        chosen = sorted(coders, key=lambda name: (load[name], coders.index(name)))[:wanted]
        for name in chosen:
            load[name] += 1
        plan[article_id] = tuple(sorted(chosen, key=coders.index))
    return dict(sorted(plan.items()))


def _check_accounts(session: Session, coders: Sequence[str]) -> None:
    # In a store with accounts, only an active account may be given articles.
    if not store_is_closed(session):
        return
    known = set(session.scalars(select(User.name).where(User.active.is_(True))))
    missing = [name for name in coders if name not in known]
    if missing:
        raise ValueError(f"no active account for {', '.join(missing)}")


def assign_articles(
    store: Store,
    article_ids: Sequence[int],
    coders: Sequence[str],
    *,
    who: str,
    overlap: float | None = None,
    coders_per_overlap: int = 2,
    seed: int = 0,
) -> AssignmentOutcome:
    """Assign the articles to the coders (see ``plan_assignments``; ``overlap`` None takes the
    project's overlap share), in one transaction. Assignments already there stay; an article
    missing from the store refuses the whole assignment (ValueError), as does a refused
    permission (``PermissionDenied``)."""
    coders = check_coders(coders)
    if not article_ids:
        raise ValueError("choose at least one article")
    with store.session(write=True) as session:
        require(session, who, ASSIGN)
        _check_accounts(session, coders)
        wanted = sorted(set(article_ids))
        found = set(session.scalars(select(Article.id).where(Article.id.in_(wanted))))
        missing = [article_id for article_id in wanted if article_id not in found]
        if missing:
            raise ValueError(f"no article with id {', '.join(map(str, missing[:10]))}")
        share = overlap_share(session) if overlap is None else overlap
        plan = plan_assignments(
            wanted, coders, overlap=share, coders_per_overlap=coders_per_overlap, seed=seed
        )
        rows = session.execute(
            select(Assignment.article_id, Assignment.coder).where(Assignment.article_id.in_(wanted))
        )
        existing = {(article_id, name) for article_id, name in rows}
        now = utcnow()
        added = 0
        for article_id, names in plan.items():
            for name in names:
                if (article_id, name) not in existing:
                    session.add(
                        Assignment(
                            article_id=article_id, coder=name, assigned_by=who, assigned_at=now
                        )
                    )
                    added += 1
        double = sum(1 for names in plan.values() if len(names) >= 2)
        return AssignmentOutcome(plan, added, double)


def unassign_articles(
    store: Store, article_ids: Sequence[int], *, who: str, coder: str | None = None
) -> int:
    """Take the articles from ``coder`` (from every coder when None); returns how many
    assignments went. What the coders already coded stays in their layers."""
    with store.session(write=True) as session:
        require(session, who, ASSIGN)
        query = delete(Assignment).where(Assignment.article_id.in_(sorted(set(article_ids))))
        if coder is not None:
            query = query.where(Assignment.coder == coder)
        return session.execute(query).rowcount or 0


def coder_articles(store: Store, coder: str) -> list[int]:
    """The ids of the articles assigned to ``coder``, in id order."""
    with store.session() as session:
        rows = session.scalars(select(Assignment.article_id).where(Assignment.coder == coder))
        return sorted(rows)


def assignees(store: Store, article_ids: Iterable[int] | None = None) -> dict[int, list[str]]:
    """Who is assigned to each article (only articles with an assignment appear)."""
    query = select(Assignment.article_id, Assignment.coder).order_by(
        Assignment.article_id, Assignment.coder
    )
    if article_ids is not None:
        query = query.where(Assignment.article_id.in_(sorted(set(article_ids))))
    found: dict[int, list[str]] = {}
    with store.session() as session:
        for article_id, name in session.execute(query):
            found.setdefault(article_id, []).append(name)
    return found
