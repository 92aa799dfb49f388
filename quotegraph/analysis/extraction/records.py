"""The plain data the extraction steps hand each other, and the public records they produce."""

from __future__ import annotations

from dataclasses import dataclass

from quotegraph.analysis.actors import ActorRecord


@dataclass(frozen=True)
class Entity:
    """A named entity: code-point offsets into the text, spaCy label and surface text."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Statement:
    """A statement: the claim span, its kind (speech or position) and who made it."""

    start: int
    end: int
    content: str
    kind: str  # speech: "direct" | "mixed" | "indirect"; or "position"
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_mention: str | None
    speaker: str | None


@dataclass(frozen=True)
class ActorCandidate:
    """An actor of the article with the name variants it appears under."""

    name: str
    type: str  # "person" | "organisation" | "place" | "other"
    aliases: tuple[str, ...]
    affiliation: str | None


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything extracted from one article, stamped with the pipeline version."""

    entities: tuple[Entity, ...]
    statements: tuple[Statement, ...]
    actors: tuple[ActorCandidate, ...]
    pipeline_version: str


@dataclass
class Speaker:
    """Who a statement is attributed to: the mention's character range, its text, and the actor
    it resolves to (``name`` without ``record`` when it names no actor of the article)."""

    start: int
    end: int
    mention: str
    name: str | None
    record: ActorRecord | None


@dataclass
class Draft:
    """A statement being built: claim range, kind, cue and speaker; later steps may widen it."""

    start: int
    end: int
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker: Speaker | None
    noun_cue: bool = False
    subordinate_cue: bool = False  # the cue verb sits in a relative clause ("what he said")

    def to_statement(self, text: str) -> Statement:
        """The finished statement over ``text``, the article the draft's offsets point into."""
        s = self.speaker
        return Statement(
            start=self.start,
            end=self.end,
            content=text[self.start : self.end],
            kind=self.kind,
            cue=self.cue,
            cue_start=self.cue_start,
            cue_end=self.cue_end,
            speaker_start=s.start if s else None,
            speaker_end=s.end if s else None,
            speaker_mention=s.mention if s else None,
            speaker=s.name if s else None,
        )
