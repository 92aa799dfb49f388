"""Find the statements of an article (reported speech and positions) and who made them.

One pass over spaCy's parse of the article (never a second parse), in steps that hand each other
plain data:

1. ``article``: the quotation marks of the raw text paired and laid over the tokens;
2. ``actor_mentions``: the people, organisations and places the article names;
3. ``content_boundaries``: where a claim starts and ends, and whether it is quoted;
4. ``speakers``: the actor a cue's subject refers to (pronouns, role descriptions, names);
5. ``cues``: the reporting verbs and cue nouns and what each reports; ``according_to``: what
   "according to X" attributes to X;
6. ``positions``: what an actor stands for with no words reported ("urged ...", "opposes ...",
   "a poll found ...");
7. ``continued_quotations``: quotations with no cue of their own.

``reader`` runs the steps over one article; ``parsing`` parses texts of any length first.
"""

from quotegraph.analysis.actors import canonical_actor_key
from quotegraph.analysis.extraction.parsing import (
    PARSE_CHUNK_CHARS,
    analyse_text,
    analyse_texts,
    parse_text,
)
from quotegraph.analysis.extraction.reader import analyse_doc
from quotegraph.analysis.extraction.records import (
    ActorCandidate,
    ArticleAnalysis,
    Entity,
    Statement,
)

__all__ = [
    "PARSE_CHUNK_CHARS",
    "ActorCandidate",
    "ArticleAnalysis",
    "Entity",
    "Statement",
    "analyse_doc",
    "analyse_text",
    "analyse_texts",
    "canonical_actor_key",
    "parse_text",
]
