"""Actor names: strip titles, normalise, and merge the variants that name one actor."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from quotegraph.lexicon import FEMALE_TITLES, MALE_TITLES, ORGANISATION_WORDS, TITLES

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_TRAILING_QUALIFIER = re.compile(r"\s+(?:of|from|at|for|in)\s+.*$")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def _fold(text: str) -> str:
    """Lower-case and strip accents, so "Rouhani" and "Rouhaní" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def strip_titles(name: str) -> str:
    """Drop leading titles and honorifics, a possessive ending and surrounding punctuation.

    "Brig. Gen. Amir Ali Hajizadeh" -> "Amir Ali Hajizadeh"; a name that is nothing but titles
    ("the President") is returned without its article.
    """
    words = name.strip().strip(",;:").split()
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    while len(words) > 1 and words[0].lower().rstrip(",") in TITLES:
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(words).strip(" ,")


def looks_like_organisation(name: str) -> bool:
    """True when a name contains a word typical of organisations ("Council", "Corps", "Party")."""
    return any(word.lower() in ORGANISATION_WORDS for word in name.split())


def canonical_actor_key(name: str) -> str:
    """Return a key under which variants of one actor's name coincide, across articles.

    Titles, a possessive ending and a trailing qualifier ("of Iran") are dropped, then accents and
    case are folded. A person's name of two or more words is keyed by its last word, the surname:
    "Mr. Rouhani", "Rouhani" and "President Hassan Rouhani of Iran" all give "rouhani". This merges
    two people who share a surname, which the analyst can split; organisations and other names
    ("European Union", "Tehran") keep all their words.
    """
    stripped = strip_titles(name)
    if not looks_like_organisation(stripped):
        stripped = _TRAILING_QUALIFIER.sub("", stripped)
    words = _WORD.findall(_fold(stripped))
    if not words:
        return _fold(name.strip())
    if looks_like_organisation(stripped) or not _is_capitalised_name(stripped):
        return " ".join(words)
    return words[-1]


def _is_capitalised_name(name: str) -> bool:
    words = [w for w in name.split() if w[:1].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words)


def title_gender(name: str) -> str | None:
    """ "female", "male" or None, from an honorific at the start of ``name``."""
    for word in name.lower().split():
        if word in FEMALE_TITLES:
            return "female"
        if word in MALE_TITLES:
            return "male"
        if word not in TITLES:
            break
    return None


@dataclass
class ActorRecord:
    """One actor as it is being assembled from an article's mentions."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    affiliation: str | None = None
    gender: str | None = None
    roles: set[str] = field(default_factory=set)


class ActorRegistry:
    """Actors of one article, merging name variants as mentions arrive in reading order."""

    def __init__(self) -> None:
        self._by_key: dict[str, ActorRecord] = {}
        self.records: list[ActorRecord] = []

    def add(
        self,
        surface: str,
        actor_type: str,
        *,
        affiliation: str | None = None,
        role: str | None = None,
    ) -> ActorRecord | None:
        """Record a mention and return its actor, or None when the name is empty after stripping."""
        name = strip_titles(surface)
        if not name or not any(ch.isalpha() for ch in name):
            return None
        if all(word.lower() in TITLES or word.lower() + "." in TITLES for word in name.split()):
            return None  # a bare title such as "Brig" split off by the entity recogniser
        if actor_type != "person" and looks_like_organisation(name):
            actor_type = "organisation"
        key = canonical_actor_key(name) if actor_type == "person" else _fold(name)
        record = self._by_key.get(key)
        if record is None:
            record = ActorRecord(name=name, type=actor_type)
            self._by_key[key] = record
            self.records.append(record)
        elif actor_type == "person" and len(name.split()) > len(record.name.split()):
            record.name = name  # the fullest form of a person's name is the canonical one
        if actor_type == "person" and record.type != "person":
            record.type = "person"
        surface = surface.strip()
        if surface and surface not in record.aliases:
            record.aliases.append(surface)
        if affiliation and not record.affiliation:
            record.affiliation = affiliation
        gender = title_gender(surface)
        if gender and not record.gender:
            record.gender = gender
        if role:
            record.roles.add(role)
        return record

    def find(self, surface: str) -> ActorRecord | None:
        """The actor already recorded under this name variant, if any."""
        name = strip_titles(surface)
        if not name:
            return None
        return self._by_key.get(canonical_actor_key(name)) or self._by_key.get(_fold(name))
