"""Units of comparison between coders: the coders' versions of one statement, matched by span.

In a double-coded article every coder has a layer of their own (``Statement.coder``). Their
statements are matched across coders the way the extraction scorer matches a prediction to a
gold statement: two spans match when the characters they share are at least half of the longer
span, one-to-one, the largest share first. Each group of matched statements (at most one per
coder) is a *unit*; a statement no other coder matched is a unit where the others "coded
nothing". Rejected and still-undecided (``suggested``) statements take part in the matching, so
a rejection lines up with the other coder's acceptance of the same span.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quotegraph.store.db import Store
from quotegraph.store.models import Actor, Concept, StanceLevel, Statement

# A pair of spans match when they share at least this share of the longer one's characters.
SPAN_MATCH_SHARE = 0.5
KEPT = "accepted"
REJECTED = "rejected"
UNDECIDED = "suggested"


@dataclass(frozen=True)
class CodedStatement:
    """One coder's version of a statement, with the fields agreement is measured on."""

    id: int
    article_id: int
    coder: str
    start: int
    end: int
    status: str
    actor_id: int | None
    concept_id: int | None
    stance: int | None
    kind: str
    version: int
    based_on_id: int | None


@dataclass(frozen=True)
class Unit:
    """The coders' versions of one statement of one article; None where a coder coded nothing.

    ``versions`` has an entry for every coder of the article, in name order.
    """

    article_id: int
    versions: dict[str, CodedStatement | None]

    @property
    def start(self) -> int:
        return min(s.start for s in self.versions.values() if s is not None)

    @property
    def end(self) -> int:
        return max(s.end for s in self.versions.values() if s is not None)

    @property
    def statement_ids(self) -> tuple[int, ...]:
        return tuple(sorted(s.id for s in self.versions.values() if s is not None))


def span_share(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The characters spans ``a`` and ``b`` share, as a share of the longer one (0 to 1)."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    longer = max(a[1] - a[0], b[1] - b[0])
    return shared / longer if shared > 0 and longer > 0 else 0.0


def match_spans(
    first: Sequence[tuple[int, int]], second: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Index pairs (i, j) of matched spans, one-to-one, the largest share first.

    The extraction scorer's rule: a pair matches when its share is at least ``SPAN_MATCH_SHARE``.
    """
    order = sorted(range(len(second)), key=lambda j: second[j][0])
    candidates: list[tuple[float, int, int]] = []
    for i, a in enumerate(first):
        for j in order:
            b = second[j]
            if b[0] >= a[1]:
                break
            share = span_share(a, b)
            if share >= SPAN_MATCH_SHARE:
                candidates.append((share, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_first: set[int] = set()
    used_second: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i in used_first or j in used_second:
            continue
        used_first.add(i)
        used_second.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def group_units(article_id: int, statements: Iterable[CodedStatement]) -> list[Unit]:
    """The units of one article from its coders' statements, in text order.

    Every pair of statements of different coders whose spans match is a candidate; candidates
    join groups largest share first, as long as a group keeps at most one statement per coder.
    With two coders this is exactly the scorer's one-to-one matching.
    """
    rows = sorted(statements, key=lambda s: (s.start, s.end, s.id))
    coders = sorted({s.coder for s in rows})
    candidates: list[tuple[float, int, int]] = []
    for i, a in enumerate(rows):
        for j in range(i + 1, len(rows)):
            b = rows[j]
            if b.start >= a.end:
                break
            if a.coder == b.coder:
                continue
            share = span_share((a.start, a.end), (b.start, b.end))
            if share >= SPAN_MATCH_SHARE:
                candidates.append((share, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    group_of = list(range(len(rows)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(rows))}
    for _, i, j in candidates:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        if {rows[k].coder for k in members[gi]} & {rows[k].coder for k in members[gj]}:
            continue
        for k in members[gj]:
            group_of[k] = gi
        members[gi].extend(members.pop(gj))
    units = []
    for indices in members.values():
        versions: dict[str, CodedStatement | None] = dict.fromkeys(coders)
        for k in indices:
            versions[rows[k].coder] = rows[k]
        units.append(Unit(article_id=article_id, versions=versions))
    units.sort(key=lambda u: (u.start, u.end, u.statement_ids))
    return units


def _coded_statements_query():  # noqa: ANN202 (a Select)
    return select(
        Statement.id,
        Statement.article_id,
        Statement.coder,
        Statement.start,
        Statement.end,
        Statement.status,
        Statement.actor_id,
        Statement.concept_id,
        Statement.stance,
        Statement.kind,
        Statement.version,
        Statement.based_on_id,
    ).where(Statement.coder.is_not(None))


def double_coded_article_ids(session: Session) -> list[int]:
    """Articles with statements in at least two coders' layers."""
    query = (
        select(Statement.article_id)
        .where(Statement.coder.is_not(None))
        .group_by(Statement.article_id)
        .having(func.count(Statement.coder.distinct()) >= 2)
        .order_by(Statement.article_id)
    )
    return list(session.scalars(query))


def load_units(session: Session, article_ids: Sequence[int] | None = None) -> dict[int, list[Unit]]:
    """The units of every double-coded article (or of those of ``article_ids`` that are)."""
    wanted = set(double_coded_article_ids(session))
    if article_ids is not None:
        wanted &= set(article_ids)
    if not wanted:
        return {}
    query = _coded_statements_query()
    if len(wanted) <= 500:
        query = query.where(Statement.article_id.in_(sorted(wanted)))
    by_article: dict[int, list[CodedStatement]] = defaultdict(list)
    for row in session.execute(query):
        if row.article_id in wanted:
            by_article[row.article_id].append(CodedStatement(*row))
    return {
        article_id: group_units(article_id, by_article[article_id])
        for article_id in sorted(by_article)
    }


def article_units(store: Store, article_id: int) -> list[Unit]:
    """The units of one article (empty unless at least two coders coded it)."""
    with store.session() as session:
        return load_units(session, [article_id]).get(article_id, [])


def value_names(
    session: Session,
    *,
    actor_ids: Collection[int] | None = None,
    concept_ids: Collection[int] | None = None,
) -> dict[str, dict[Hashable, str]]:
    """Readable names of coded values, by field: actor and concept names (only those ids when
    given, every one otherwise) and stance labels as "label (value)"."""
    actors, concepts = select(Actor.id, Actor.name), select(Concept.id, Concept.name)
    if actor_ids is not None:
        actors = actors.where(Actor.id.in_(sorted(actor_ids)))
    if concept_ids is not None:
        concepts = concepts.where(Concept.id.in_(sorted(concept_ids)))
    return {
        "actor": dict(session.execute(actors).all()),
        "concept": dict(session.execute(concepts).all()),
        "stance": {
            value: f"{label} ({value})"
            for value, label in session.execute(select(StanceLevel.value, StanceLevel.label))
        },
    }
