"""Two-mode networks: actor x concept and actor x statement."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from quotegraph.networks.graph import Network
from quotegraph.networks.matrix import (
    _actor_nodes,
    _check_option,
    _concept_nodes,
    _csr,
    _frame,
    _labels,
    _level_index,
    _node_statement,
    _scale_levels,
)
from quotegraph.networks.records import (
    BINARY_SCALE,
    COMBINE_AGREE_ONLY,
    COMBINE_BOTH,
    COMBINE_DISAGREE_ONLY,
    COMBINE_NEUTRAL_ONLY,
    StanceFilter,
    StatementRecord,
    TwoModeAggregation,
    TwoModeNormalization,
)


def actor_concept_network(
    records: Iterable[StatementRecord],
    *,
    aggregation: TwoModeAggregation = "ignore",
    stance_filter: StanceFilter = "all",
    normalization: TwoModeNormalization = "none",
    scale: Sequence[int] = BINARY_SCALE,
    group_by_affiliation: bool = False,
) -> Network:
    """The two-mode actor x concept network, as DNA's two-mode export defines it.

    ``stance_filter`` first keeps only agreeing (stance > 0), disagreeing (< 0) or neutral
    statements. The edge weight between actor ``i`` and concept ``j`` is then, by
    ``aggregation``:

    - ``"ignore"``: the number of statements, whatever their stance (sum over k of x_ijk);
    - ``"subtract"``: the sum of the stance values (sum over k of k * x_ijk), i.e. agree minus
      disagree on the binary scale, and each statement weighted by its position on an ordered
      scale (DNA: "subtract weighted absolute value"); signed, 0 when balanced;
    - ``"combine"``: DNA's multiplex code, 1 = agree only, 2 = disagree only, 3 = both (and 0
      when the actor only spoke neutrally on the concept).

    ``normalization`` divides each weight by the actor's number of statements (``"activity"``)
    or by the concept's number of statements (``"prominence"``); it is refused with
    ``"combine"``, whose codes are labels, not quantities.

    Edge attributes: ``weight``, ``agree``, ``disagree``, ``neutral`` (statement counts),
    ``agreement`` (``"agree"``, ``"disagree"``, ``"both"`` or ``"neutral"``), ``sign`` (-1, 0, 1:
    the sign of the summed stance) and ``statement_ids``.
    """
    _check_option("aggregation", aggregation, TwoModeAggregation)
    _check_option("stance_filter", stance_filter, StanceFilter)
    _check_option("normalization", normalization, TwoModeNormalization)
    if aggregation == "combine" and normalization != "none":
        raise ValueError("'combine' codes are categories; they cannot be normalised")
    frame = _frame(records, group_by_affiliation)
    _level_index(frame, _scale_levels(scale))  # validates every stance against the scale
    if stance_filter == "agree":
        frame = frame[frame["stance"] > 0]
    elif stance_filter == "disagree":
        frame = frame[frame["stance"] < 0]
    elif stance_filter == "neutral":
        frame = frame[frame["stance"] == 0]
    attributes = {
        "network": "actor_concept",
        "aggregation": aggregation,
        "normalization": normalization,
    }
    if frame.empty:
        return Network.empty(attributes)
    actor_codes, actor_ids, actor_data = _actor_nodes(frame)
    concept_codes, concept_ids, concept_data = _concept_nodes(frame)
    n_actors, n_concepts = len(actor_ids), len(concept_ids)

    # one edge per (actor, concept) cell with statements, ordered by actor then concept
    cells, cell_of_row = np.unique(
        actor_codes.astype(np.int64) * n_concepts + concept_codes, return_inverse=True
    )
    n_cells = cells.size
    cell_actor, cell_concept = np.divmod(cells, n_concepts)
    stance = frame["stance"].to_numpy(dtype=np.int64)
    count = np.bincount(cell_of_row, minlength=n_cells)
    stance_sum = np.bincount(cell_of_row, weights=stance, minlength=n_cells)
    agree = np.bincount(cell_of_row[stance > 0], minlength=n_cells)
    disagree = np.bincount(cell_of_row[stance < 0], minlength=n_cells)
    neutral = count - agree - disagree

    if aggregation == "ignore":
        weight = count.astype(float)
    elif aggregation == "subtract":
        weight = stance_sum.astype(float)
    else:
        weight = np.select(
            [(agree > 0) & (disagree > 0), agree > 0, disagree > 0],
            [COMBINE_BOTH, COMBINE_AGREE_ONLY, COMBINE_DISAGREE_ONLY],
            COMBINE_NEUTRAL_ONLY,
        ).astype(float)
    if normalization == "activity":
        weight = weight / np.bincount(actor_codes, minlength=n_actors)[cell_actor]
    elif normalization == "prominence":
        weight = weight / np.bincount(concept_codes, minlength=n_concepts)[cell_concept]

    agreement = np.select([(agree > 0) & (disagree > 0), agree > 0, disagree > 0], [3, 1, 2], 0)
    id_values, id_bounds = _csr(cell_of_row, n_cells, frame["statement_id"].to_numpy(np.int64))
    return Network(
        attributes,
        actor_ids + concept_ids,
        actor_data + concept_data,
        source=cell_actor,
        target=n_actors + cell_concept,
        columns={
            "weight": weight,
            "agree": agree,
            "disagree": disagree,
            "neutral": neutral,
            "agreement": _labels(("neutral", "agree", "disagree", "both"), agreement),
            "sign": np.sign(stance_sum).astype(np.int64),
        },
        id_values=id_values,
        id_bounds=id_bounds,
    )


def actor_statement_network(
    records: Iterable[StatementRecord],
    *,
    group_by_affiliation: bool = False,
) -> Network:
    """The two-mode actor x statement network: each actor linked to each of its statements.

    Statement nodes carry ``concept``, ``stance`` and ``article_id``; each edge has ``weight``
    1, ``stance``, ``sign`` (the sign of the stance) and ``statement_ids`` ([the statement]).
    """
    frame = _frame(records, group_by_affiliation)
    attributes = {"network": "actor_statement"}
    if frame.empty:
        return Network.empty(attributes)
    actor_codes, actor_ids, actor_data = _actor_nodes(frame)
    statement_ids = frame["statement_id"].to_numpy(np.int64)
    stance = frame["stance"].to_numpy(np.int64)
    statement_data = [
        {
            "kind": "statement",
            "label": str(sid),
            "statements": 1,
            "statement_ids": [sid],
            "concept": concept,
            "stance": value,
            "article_id": article_id,
        }
        for sid, concept, value, article_id in zip(
            statement_ids.tolist(),
            frame["concept"].tolist(),
            stance.tolist(),
            frame["article_id"].tolist(),
            strict=True,
        )
    ]
    n_statements = statement_ids.size
    return Network(
        attributes,
        actor_ids + [_node_statement(sid) for sid in statement_ids.tolist()],
        actor_data + statement_data,
        source=actor_codes.astype(np.int64),
        target=len(actor_ids) + np.arange(n_statements),
        columns={
            "weight": np.ones(n_statements),
            "stance": stance,
            "sign": np.sign(stance),
        },
        id_values=statement_ids,
        id_bounds=np.arange(n_statements + 1),
    )
