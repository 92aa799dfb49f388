"""Step 2, actors: every person, organisation and place the article names, with where it is
mentioned, so that pronouns and role descriptions can later be resolved to one of them."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from quotegraph.analysis.actor_names import strip_titles, title_gender
from quotegraph.analysis.actors import ActorRecord, ActorRegistry
from quotegraph.analysis.extraction.article import SUBJECT_DEPS, Article
from quotegraph.analysis.lexicon import ROLE_NOUNS, TITLES

ENTITY_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}

# (token index, actor, is a clause subject), in reading order
Mention = tuple[int, ActorRecord, bool]


@dataclass
class ActorMentions:
    """The article's actors and their mentions in reading order (persons apart from the rest)."""

    registry: ActorRegistry = field(default_factory=ActorRegistry)
    person_mentions: list[Mention] = field(default_factory=list)
    other_mentions: list[Mention] = field(default_factory=list)


def collect_actors(article: Article) -> ActorMentions:
    """Register every named entity that can be an actor, with its role, affiliation and gender."""
    found = ActorMentions()
    for ent in article.doc.ents:
        actor_type = ENTITY_TYPES.get(ent.label_)
        if actor_type is None:
            continue
        root = ent.root
        role, affiliation = _role_and_affiliation(article, ent)
        record = found.registry.add(
            _name_text(article, ent), actor_type, affiliation=affiliation, role=role
        )
        if record is None:
            continue
        gender = title_gender(_title_prefix(article, ent))
        if gender and not record.gender:
            record.gender = gender
        target = found.person_mentions if record.type == "person" else found.other_mentions
        target.append((root.i, record, _is_subject(root)))
    return found


def _is_subject(token: Token) -> bool:
    """True for a clause subject or an apposition to one ("the envoy, Ann Lee, said")."""
    if token.dep_ == "appos":
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def _name_text(article: Article, ent: Span) -> str:
    text = article.written(ent)
    for ending in ("’s", "'s"):
        if text.endswith(ending):
            text = text[: -len(ending)]
    return text


def _title_prefix(article: Article, ent: Span) -> str:
    """Title words right before an entity ("Maj. Gen." before "Qassim Suleimani")."""
    i = ent.start - 1
    words: list[str] = []
    while i >= 0 and article.doc[i].lower_ in TITLES:
        words.insert(0, article.doc[i].text)
        i -= 1
    return " ".join(words)


def _role_and_affiliation(article: Article, ent: Span) -> tuple[str | None, str | None]:
    """The role noun an entity holds and the organisation or place it is tied to, if given."""
    doc = article.doc
    root = ent.root
    role_token: Token | None = None
    for i in range(ent.start - 1, max(ent.start - 4, -1), -1):
        if doc[i].lower_ in ROLE_NOUNS:
            role_token = doc[i]
            break
        if doc[i].lower_ not in TITLES:
            break
    if root.dep_ == "appos" and root.head.lemma_.lower() in ROLE_NOUNS:
        role_token = root.head
    if role_token is None:
        for child in root.children:
            if child.dep_ == "appos" and child.lemma_.lower() in ROLE_NOUNS:
                role_token = child
                break
    role = role_token.lemma_.lower() if role_token is not None else None
    affiliation = None
    search_roots = [root] if role_token is None else [role_token, root]
    for head in search_roots:
        affiliation = _affiliation_under(article, head, ent)
        if affiliation:
            break
    return role, affiliation


def _affiliation_under(article: Article, head: Token, ent: Span) -> str | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "at", "for"):
            for pobj in child.children:
                found = _entity_around(article, pobj, ("ORG", "GPE", "NORP"))
                if found is not None and found.start != ent.start:
                    return strip_titles(article.written(found))
        if child.dep_ == "poss":
            found = _entity_around(article, child, ("ORG", "GPE"))
            if found is not None and found.start != ent.start:
                return strip_titles(article.written(found))
    return None


def _entity_around(article: Article, token: Token, labels: tuple[str, ...]) -> Span | None:
    if token.ent_type_ not in labels:
        return None
    # Walk to the entity's first token and on to its last, rather than scan every entity.
    doc = article.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]
