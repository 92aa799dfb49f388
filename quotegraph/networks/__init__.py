"""Actor-statement networks, stance counts and mixed messages, as pure functions.

A statement says that an actor took a stance on a concept in an article. Over the counts
``x[i, j, k]`` = number of statements in which actor ``i`` took stance ``k`` on concept ``j``,
this package builds the networks Discourse Network Analyzer (DNA, Leifeld) defines in its manual,
chapter "Methods for Network Construction":

- :func:`actor_concept_network` - two-mode actor x concept, aggregated by ignore / subtract /
  combine, optionally for one side of the stance only, normalised by activity or prominence;
- :func:`actor_network` - one-mode actor x actor, by congruence / conflict / subtract (and
  ignore), for binary and ordered stance scales, normalised by average activity, Jaccard or
  cosine;
- :func:`actor_statement_network` - two-mode actor x statement;
- :func:`mixed_messages` - actors (or groups) that took both sides of one concept;
- :func:`stance_counts` - tidy counts for stacked bar charts.

Every network function takes already filtered records (see :func:`filter_statements`) and returns
a :class:`Network`: the weights are computed with numpy over the count array, and the result
keeps a node table and edge arrays that read like a :class:`networkx.Graph` (no networkx graph is
built unless a caller asks for one with :meth:`Network.to_networkx`). Nodes are keyed
``"actor:<name>"``, ``"concept:<name>"`` and ``"statement:<id>"`` so an actor and a concept with
the same name stay apart; each node carries ``kind``, ``label``, ``statements`` (its number of
statements) and ``statement_ids``. Each edge carries ``weight`` and ``statement_ids`` (the
statements behind it, which the UI lists when the edge is clicked), plus the attributes each
function documents.

Stance scale: ``scale`` lists every stance value a statement may take, e.g. ``(-1, 0, 1)`` (the
default: disagree, neutral, agree) or ``range(-5, 6)``. Positive values mean *agree*, negative
values *disagree*, and ``0`` is neutral, so a scale should be centred on zero. A scale whose values
all lie in ``{-1, 0, 1}`` is treated as *binary* (see :func:`actor_network`); any other scale is
*ordered*.

Grouping (``group_by_affiliation=True``): an actor with an affiliation is replaced by it before
counting, so a minister's statements count for the government; actor nodes then list their
``members``. Duplicates are removed per person by :func:`filter_statements`, so two members of one
group saying the same thing in one article both count: they are two speakers.

The list-valued attributes (``statement_ids``, ``members``) are for the UI; GraphML and GEXF
cannot hold lists, so an exporter must turn them into strings or drop them.

No Streamlit and no database here: the store turns its rows into :class:`StatementRecord`.

Modules: :mod:`.records` (records, options, filter), :mod:`.graph` (the :class:`Network`
result), :mod:`.matrix` (the maths the kinds share), :mod:`.two_mode`, :mod:`.one_mode` and
:mod:`.counts` (mixed messages, stance counts), :mod:`.time_windows` (networks and stance
counts over time) and :mod:`.coalitions` (coalitions, polarisation, divisive concepts).
"""

from quotegraph.networks.coalitions import (
    CoalitionAnalysis,
    Coalitions,
    analyse_coalitions,
    coalitions_over_time,
    divisive_concepts,
    find_coalitions,
    label_coalitions,
    polarisation,
)
from quotegraph.networks.counts import mixed_messages, stance_counts
from quotegraph.networks.graph import Network
from quotegraph.networks.one_mode import actor_network
from quotegraph.networks.records import (
    BINARY_SCALE,
    COMBINE_AGREE_ONLY,
    COMBINE_BOTH,
    COMBINE_DISAGREE_ONLY,
    COMBINE_NEUTRAL_ONLY,
    DuplicatePeriod,
    MixedMessage,
    OneModeAggregation,
    OneModeNormalization,
    StanceCountKey,
    StanceFilter,
    StatementRecord,
    TwoModeAggregation,
    TwoModeNormalization,
    drop_duplicates,
    filter_statements,
)
from quotegraph.networks.time_windows import (
    TimeWindow,
    parse_duration,
    period_start,
    stance_over_time,
    time_windows,
)
from quotegraph.networks.two_mode import actor_concept_network, actor_statement_network

__all__ = [
    "CoalitionAnalysis",
    "Coalitions",
    "analyse_coalitions",
    "TimeWindow",
    "coalitions_over_time",
    "divisive_concepts",
    "find_coalitions",
    "label_coalitions",
    "parse_duration",
    "period_start",
    "polarisation",
    "stance_over_time",
    "time_windows",
    "BINARY_SCALE",
    "COMBINE_AGREE_ONLY",
    "COMBINE_BOTH",
    "COMBINE_DISAGREE_ONLY",
    "COMBINE_NEUTRAL_ONLY",
    "DuplicatePeriod",
    "MixedMessage",
    "Network",
    "OneModeAggregation",
    "OneModeNormalization",
    "StanceCountKey",
    "StanceFilter",
    "StatementRecord",
    "TwoModeAggregation",
    "TwoModeNormalization",
    "actor_concept_network",
    "actor_network",
    "actor_statement_network",
    "drop_duplicates",
    "filter_statements",
    "mixed_messages",
    "stance_counts",
]
