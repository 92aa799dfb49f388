"""How far the coders of a double-coded project agree, per field and per pair of coders.

The units are those of ``quotegraph.team.units``. Per unit and coder each field has a value:

- **kept**: "kept" (accepted) or "rejected" (rejected, or the coder has no statement there);
- **actor**, **concept**: the id chosen, or "nothing" where the coder rejected the statement or
  has none there (nominal);
- **stance**: the value on the stance scale (ordinal); a coder who coded nothing has no place on
  an ordered scale, so that value is missing;
- a statement still ``suggested`` (undecided) and an accepted statement whose field is empty
  give a missing value: not a decision, so it counts neither for nor against.

Per field: Krippendorff's alpha (own implementation from the coincidence matrix; nominal, or
ordinal for stance), Cohen's kappa, percent agreement and the number of units that have at least
two values. For all coders together the kappa is the mean of the pairwise Cohen's kappas (Light's
kappa) and the percent agreement is over all pairs of values within units.

Spans ("span" field): the unitizing agreement is the span-F1 of the extraction scorer: two coders'
kept statements match when they share at least half of the longer span, one-to-one; F1 = 2 x
matched / (statements of one + statements of the other).
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from quotegraph.store.db import Store
from quotegraph.store.models import Article, StanceLevel
from quotegraph.team.units import (
    KEPT,
    REJECTED,
    CodedStatement,
    Unit,
    load_units,
    match_spans,
    value_names,
)

VALUE_FIELDS = ("kept", "actor", "concept", "stance")
SPAN_FIELD = "span"
FIELDS = (*VALUE_FIELDS, SPAN_FIELD)
LEVELS = {"kept": "nominal", "actor": "nominal", "concept": "nominal", "stance": "ordinal"}
NOTHING = "nothing"
ALL_CODERS = "all"
SPAN_MEASURE = "span-F1 (extraction scorer matching: shared >= half the longer span, one-to-one)"


# --- the measures ---------------------------------------------------------------------------


def krippendorff_alpha(
    data: Sequence[Sequence[Hashable | None]],
    *,
    level: str = "nominal",
    domain: Sequence[Hashable] | None = None,
) -> float | None:
    """Krippendorff's alpha of ``data`` (one row per coder, one column per unit, None missing).

    ``level`` is "nominal" or "ordinal"; an ordinal ``domain`` orders the values (default: the
    values sorted). None when there is no variation to measure against (expected disagreement 0).
    """
    if level not in ("nominal", "ordinal"):
        raise ValueError(f"unknown level of measurement {level!r}")
    values = sorted({v for row in data for v in row if v is not None}, key=_sort_key)
    if domain is not None:
        values = list(domain) + [v for v in values if v not in set(domain)]
    index = {value: i for i, value in enumerate(values)}
    units = len(data[0]) if data else 0
    counts = np.zeros((units, len(values)))
    for row in data:
        for unit, value in enumerate(row):
            if value is not None:
                counts[unit, index[value]] += 1
    pairable = counts.sum(axis=1)
    counts = counts[pairable >= 2]
    pairable = pairable[pairable >= 2]
    if not len(counts):
        return None
    weighted = counts / (pairable - 1)[:, None]
    coincidences = weighted.T @ counts - np.diag(weighted.sum(axis=0))
    totals = coincidences.sum(axis=1)
    n = totals.sum()
    distance = _squared_distances(totals, level)
    expected = (np.outer(totals, totals) * distance).sum()
    if expected == 0:
        return None
    return float(1 - (n - 1) * (coincidences * distance).sum() / expected)


def _squared_distances(totals: np.ndarray, level: str) -> np.ndarray:
    size = len(totals)
    if level == "nominal":
        return 1.0 - np.eye(size)
    # Ordinal: the values between c and k (both included) minus half of c's and k's own.
    cumulative = np.cumsum(totals)
    low = np.minimum.outer(np.arange(size), np.arange(size))
    high = np.maximum.outer(np.arange(size), np.arange(size))
    between = cumulative[high] - cumulative[low] + totals[low]
    return (between - (totals[:, None] + totals[None, :]) / 2) ** 2


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two coders' values of the same units (no missing values).

    None when chance agreement is already perfect (both used one and the same value only).
    """
    if len(first) != len(second):
        raise ValueError("both coders need a value for every unit")
    if not first:
        return None
    size = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / size
    share_first = _shares(first)
    share_second = _shares(second)
    chance = sum(share * share_second.get(value, 0.0) for value, share in share_first.items())
    if chance >= 1:
        return None
    return (observed - chance) / (1 - chance)


def _shares(values: Sequence[Hashable]) -> dict[Hashable, float]:
    shares: dict[Hashable, float] = {}
    for value in values:
        shares[value] = shares.get(value, 0.0) + 1 / len(values)
    return shares


def percent_agreement(data: Sequence[Sequence[Hashable | None]]) -> tuple[float | None, int]:
    """The share of agreeing pairs of values within units, and the number of units with a pair."""
    agreeing = pairs = units = 0
    for column in zip(*data, strict=True):
        present = [v for v in column if v is not None]
        if len(present) < 2:
            continue
        units += 1
        for a, b in itertools.combinations(present, 2):
            pairs += 1
            agreeing += a == b
    return (agreeing / pairs if pairs else None), units


def _sort_key(value: Hashable) -> tuple[int, float, str]:
    # Numbers in numeric order, then text: one order for ids, stance values and labels.
    if isinstance(value, int | float):
        return (0, float(value), "")
    return (1, 0.0, str(value))


# --- fields of units ------------------------------------------------------------------------


def unit_value(version: CodedStatement | None, field_name: str) -> Hashable | None:
    """What a coder's version says about ``field_name`` (None: missing, see the module doc)."""
    if version is None or version.status == REJECTED:
        if field_name == "kept":
            return "rejected"
        return None if field_name == "stance" else NOTHING
    if version.status != KEPT:
        return None  # still undecided
    if field_name == "kept":
        return "kept"
    return {"actor": version.actor_id, "concept": version.concept_id, "stance": version.stance}[
        field_name
    ]


def reliability_data(
    units: Sequence[Unit], coders: Sequence[str], field_name: str
) -> list[list[Hashable | None]]:
    """One row per coder, one column per unit: the coder's value, None where missing (also for
    a coder who did not code the unit's article)."""
    return [
        [
            unit_value(unit.versions[coder], field_name) if coder in unit.versions else None
            for unit in units
        ]
        for coder in coders
    ]


# --- the report -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """Agreement on one field between some coders (a pair, or ``all``)."""

    field: str
    coders: str  # "anna × ben", or "all"
    level: str  # nominal / ordinal / the span measure
    units: int  # units with two values or more; for spans: the statements compared
    alpha: float | None = None
    kappa: float | None = None
    percent: float | None = None
    span_f1: float | None = None


@dataclass(frozen=True)
class Disagreement:
    """A unit where coders' values of a field differ: each coder's value in words."""

    article_id: int
    title: str
    start: int
    end: int
    text: str
    field: str
    values: dict[str, str]


@dataclass
class AgreementReport:
    coders: list[str]
    articles: int
    units: int
    figures: list[Figure] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "coders": self.coders,
            "articles": self.articles,
            "units": self.units,
            "span_measure": SPAN_MEASURE,
            "figures": [asdict(figure) for figure in self.figures],
            "disagreements": [asdict(d) for d in self.disagreements],
        }


def pair_name(first: str, second: str) -> str:
    return f"{first} × {second}"


def _value_figures(
    units: Sequence[Unit], coders: Sequence[str], field_name: str, domain: Sequence[int]
) -> list[Figure]:
    level = LEVELS[field_name]
    data = reliability_data(units, coders, field_name)
    figures = []
    kappas = []
    for (i, first), (j, second) in itertools.combinations(enumerate(coders), 2):
        pair = [data[i], data[j]]
        both = [(a, b) for a, b in zip(*pair, strict=True) if a is not None and b is not None]
        kappa = cohen_kappa([a for a, _ in both], [b for _, b in both]) if both else None
        if kappa is not None:
            kappas.append(kappa)
        percent, count = percent_agreement(pair)
        alpha = _alpha(pair, field_name, domain)
        figures.append(
            Figure(field_name, pair_name(first, second), level, count, alpha, kappa, percent)
        )
    if len(coders) > 2:
        percent, count = percent_agreement(data)
        light = sum(kappas) / len(kappas) if kappas else None
        alpha = _alpha(data, field_name, domain)
        figures.append(Figure(field_name, ALL_CODERS, level, count, alpha, light, percent))
    return figures


def _alpha(
    data: Sequence[Sequence[Hashable | None]], field_name: str, domain: Sequence[int]
) -> float | None:
    if field_name == "stance":
        return krippendorff_alpha(data, level="ordinal", domain=domain)
    return krippendorff_alpha(data, level="nominal")


def _span_figures(units: Sequence[Unit], coders: Sequence[str]) -> list[Figure]:
    kept: dict[tuple[str, int], list[tuple[int, int]]] = {}
    articles_of: dict[str, set[int]] = {coder: set() for coder in coders}
    for unit in units:
        for coder, version in unit.versions.items():
            articles_of[coder].add(unit.article_id)
            if version is not None and version.status == KEPT:
                kept.setdefault((coder, unit.article_id), []).append((version.start, version.end))
    figures = []
    pooled_matched = pooled_total = 0
    for first, second in itertools.combinations(coders, 2):
        matched = total = 0
        for article_id in sorted(articles_of[first] & articles_of[second]):
            spans_first = kept.get((first, article_id), [])
            spans_second = kept.get((second, article_id), [])
            matched += len(match_spans(spans_first, spans_second))
            total += len(spans_first) + len(spans_second)
        pooled_matched += matched
        pooled_total += total
        f1 = 2 * matched / total if total else None
        figures.append(
            Figure(SPAN_FIELD, pair_name(first, second), SPAN_MEASURE, total, span_f1=f1)
        )
    if len(coders) > 2:
        f1 = 2 * pooled_matched / pooled_total if pooled_total else None
        figures.append(Figure(SPAN_FIELD, ALL_CODERS, SPAN_MEASURE, pooled_total, span_f1=f1))
    return figures


def measure_agreement(
    store: Store, *, fields: Sequence[str] = FIELDS, article_ids: Sequence[int] | None = None
) -> AgreementReport:
    """Agreement of every double-coded article's coders (or of ``article_ids``), per field in
    ``fields`` and per pair of coders, with the disagreements listed."""
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise ValueError(f"unknown field {', '.join(unknown)}: use {', '.join(FIELDS)}")
    with store.session() as session:
        by_article = load_units(session, article_ids)
        domain = list(session.scalars(select(StanceLevel.value).order_by(StanceLevel.value)))
        units = [unit for article_units in by_article.values() for unit in article_units]
        coders = sorted({coder for unit in units for coder in unit.versions})
        report = AgreementReport(coders=coders, articles=len(by_article), units=len(units))
        for field_name in fields:
            if field_name == SPAN_FIELD:
                report.figures.extend(_span_figures(units, coders))
            else:
                report.figures.extend(_value_figures(units, coders, field_name, domain))
        value_fields = [f for f in fields if f in VALUE_FIELDS]
        report.disagreements = _disagreements(session, units, value_fields)
    return report


def _disagreements(session, units: Sequence[Unit], fields: Sequence[str]) -> list[Disagreement]:  # noqa: ANN001
    found: list[tuple[Unit, str, dict[str, Hashable]]] = []
    for unit in units:
        for field_name in fields:
            values = {
                coder: unit_value(version, field_name) for coder, version in unit.versions.items()
            }
            present = {coder: value for coder, value in values.items() if value is not None}
            if len(present) >= 2 and len(set(present.values())) > 1:
                found.append((unit, field_name, values))
    if not found:
        return []
    names = _value_names(session, found)
    article_ids = sorted({unit.article_id for unit, _, _ in found})
    articles = {
        row.id: (row.title, row.text)
        for row in session.execute(
            select(Article.id, Article.title, Article.text).where(Article.id.in_(article_ids))
        )
    }
    rows = []
    for unit, field_name, values in found:
        title, text = articles.get(unit.article_id, ("", ""))
        rows.append(
            Disagreement(
                article_id=unit.article_id,
                title=title,
                start=unit.start,
                end=unit.end,
                text=text[unit.start : unit.end],
                field=field_name,
                values={
                    coder: names.get(field_name, {}).get(value, "" if value is None else str(value))
                    for coder, value in values.items()
                },
            )
        )
    return rows


def _value_names(session: Session, found: Sequence[tuple[Unit, str, dict]]) -> dict:
    """Readable names of the values shown (see ``units.value_names``): only the ids listed."""
    ids: dict[str, set[int]] = {"actor": set(), "concept": set()}
    for _, field_name, values in found:
        if field_name in ids:
            ids[field_name].update(v for v in values.values() if isinstance(v, int))
    return value_names(session, actor_ids=ids["actor"], concept_ids=ids["concept"])
