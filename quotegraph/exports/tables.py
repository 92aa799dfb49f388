"""The tables the app offers beside the statements: the actor table and the statements of the
articles selected in the Library, both for ``to_csv``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from quotegraph.annotation import codebook_actors
from quotegraph.annotation.statement_table import (
    load_statement_table,
)
from quotegraph.exports.formats import to_csv
from quotegraph.store.db import Store

# Separator of an actor's aliases in the actor table (names may hold commas and semicolons).
ALIAS_SEPARATOR = " | "
ACTOR_TABLE_COLUMNS = (
    "actor_id",
    "name",
    "type",
    "aliases",
    "statements",
    "affiliation",
    "unresolved",
    "could_be",
)


def articles_csv(store: Store, article_ids: Iterable[int], *, excel: bool = False) -> str:
    """The accepted statements of these articles as CSV, every column (the Library's export
    of a selection)."""
    table = load_statement_table(store, include_suggested=False, article_ids=article_ids)
    return to_csv(table, excel=excel)


def actor_table(store: Store) -> pd.DataFrame:
    """One row per actor (not those merged into another), by name, for ``to_csv``.

    ``aliases`` and ``could_be`` are " | "-separated; ``statements`` counts every statement
    the actor is given, as the Codebook does; ``unresolved`` marks a lone surname several known
    people share, and ``could_be`` names them.
    """
    actors = codebook_actors.list_actors(store)
    return pd.DataFrame(
        {
            "actor_id": pd.array([a.id for a in actors], dtype="int64"),
            "name": [a.name for a in actors],
            "type": [a.type for a in actors],
            "aliases": [ALIAS_SEPARATOR.join(a.aliases) for a in actors],
            "statements": pd.array([a.statement_count for a in actors], dtype="int64"),
            "affiliation": [a.affiliation_name or "" for a in actors],
            "unresolved": pd.array([a.unresolved for a in actors], dtype="bool"),
            "could_be": [ALIAS_SEPARATOR.join(a.could_be) for a in actors],
        },
        columns=list(ACTOR_TABLE_COLUMNS),
    )
