"""Actor names: which mentions name an actor, which name variants are one actor, and its name.

A person is identified by a full name (a given name and a surname): "Hillary Clinton" and
"Bill Clinton" are two people, "Bill Clinton" and "William Clinton" one (nicknames of one given
name count as one). Inside an article a lone surname or a title ("Mr. Trump") is the person of
that surname the article names; across the store a lone surname several known people share is
left unresolved rather than guessed (see ``analysis.ActorResolver``). Organisations, countries
and groups are identified by their whole name. Phrases that name nobody ("analysts", "his 1995
tax returns", a headline such as "Trump Warns Clinton") are not actors at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from quotegraph.analysis.lexicon import (
    DOCUMENT_NOUNS,
    FEMALE_TITLES,
    MALE_TITLES,
    ORGANISATION_WORDS,
    PRONOUNS_FEMALE,
    PRONOUNS_MALE,
    PRONOUNS_OTHER,
    REPORTING_VERBS,
    ROLE_NOUNS,
    TITLES,
    WRITTEN_SOURCES,
)

ACTOR_TYPES = ("person", "organisation", "group", "other")
"""``group`` is a country or a group of people named as one ("Iran", "Republicans")."""

# The actor type of a speaker the entity recogniser labelled; other labels name no actor.
ENTITY_ACTOR_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "group", "NORP": "group"}

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_TRAILING_QUALIFIER = re.compile(r"\s+(?:of|from|at|for|in)\s+.*$")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_EDGE_PUNCTUATION = "\"'“”‘’()[]{}<>,;:!?*_|#"
_SUFFIXES = frozenset(("jr", "jr.", "sr", "sr.", "ii", "iii", "iv"))
# Lower-case words that belong inside names: "Ludwig van Beethoven", "Department of State".
_NAME_PARTICLES = frozenset(
    "of the and for on in de del della der di da du la le van von bin ibn al el dos das y".split()  # noqa: SIM905
)
# Capitalised common nouns that are no actor on their own ("Department", "Poll", "Officials").
# Institutions one of a kind in their country ("Congress", "the Senate", "the Times") are actors.
_GENERIC_NOUNS = (
    (
        ORGANISATION_WORDS
        - frozenset("congress senate parliament house times post news press".split())  # noqa: SIM905
    )
    | DOCUMENT_NOUNS
    | WRITTEN_SOURCES
    | ROLE_NOUNS
    | frozenset(
        """
        poll polls survey study analysis data figures report reports people officials sources
        experts analysts critics supporters voters residents police media observers source
        """.split()  # noqa: SIM905
    )
)

# Last words that make a would-be person's name an organisation's ("UnitedHealth Group", "Tea
# Party"); not those that are also common surnames ("Emily Post", "Jim House").
ORGANISATION_ENDINGS = ORGANISATION_WORDS - frozenset(("house", "post", "bank", "times"))

_PRONOUNS = PRONOUNS_MALE | PRONOUNS_FEMALE | PRONOUNS_OTHER

# Words that describe a person in front of the name, where the entity recogniser may take them
# into it ("Billionaire Donald Trump", "Top Clinton aide"): never a given name.
_DESCRIPTORS = ROLE_NOUNS | frozenset(
    """
    billionaire businessman businesswoman mogul tycoon magnate frontrunner front-runner hopeful
    contender incumbent challenger rival republican republicans democrat democrats democratic
    gop conservative liberal progressive veteran pundit host anchor comedian actor actress
    singer rapper star donor team top neither either both classic fascist crooked embattled
    disgraced late young old little big dear poor certainly presumptive socialist filmmaker
    producer photographer entrepreneur investor developer novelist poet artist musician
    designer chef broadcaster blogger commentator publisher historian philanthropist physician
    surgeon nurse teacher student pastor preacher evangelist voter resident farmer worker
    """.split()  # noqa: SIM905
)

# Nicknames of English given names -> the formal names they shorten, written from general
# knowledge. Two given names are one when they are equal or share a formal name.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "abe": ("abraham",),
    "al": ("albert", "alan", "alfred", "alexander"),
    "alex": ("alexander", "alexandra"),
    "andy": ("andrew",),
    "barb": ("barbara",),
    "ben": ("benjamin",),
    "bernie": ("bernard",),
    "bert": ("albert", "herbert", "robert"),
    "beth": ("elizabeth",),
    "betsy": ("elizabeth",),
    "bill": ("william",),
    "billy": ("william",),
    "bob": ("robert",),
    "bobby": ("robert",),
    "cathy": ("catherine", "cathleen"),
    "charlie": ("charles",),
    "chris": ("christopher", "christine", "christina", "christian"),
    "chuck": ("charles",),
    "cindy": ("cynthia",),
    "dan": ("daniel",),
    "danny": ("daniel",),
    "dave": ("david",),
    "deb": ("deborah",),
    "debbie": ("deborah",),
    "dick": ("richard",),
    "don": ("donald",),
    "doug": ("douglas",),
    "ed": ("edward", "edwin", "edmund"),
    "eddie": ("edward",),
    "fred": ("frederick", "alfred"),
    "gene": ("eugene",),
    "greg": ("gregory",),
    "hank": ("henry",),
    "harry": ("henry", "harold"),
    "jack": ("john",),
    "jake": ("jacob",),
    "jim": ("james",),
    "jimmy": ("james",),
    "joe": ("joseph",),
    "joey": ("joseph",),
    "johnny": ("john",),
    "jon": ("jonathan", "john"),
    "ken": ("kenneth",),
    "kate": ("katherine", "catherine", "kathleen"),
    "kathy": ("katherine", "kathleen"),
    "katie": ("katherine", "kathleen"),
    "larry": ("lawrence",),
    "liz": ("elizabeth",),
    "matt": ("matthew",),
    "meg": ("margaret",),
    "mike": ("michael",),
    "mick": ("michael",),
    "mitch": ("mitchell",),
    "nancy": ("ann", "anne"),
    "nate": ("nathan", "nathaniel"),
    "nick": ("nicholas",),
    "pam": ("pamela",),
    "pat": ("patrick", "patricia"),
    "peggy": ("margaret",),
    "pete": ("peter",),
    "phil": ("philip", "phillip"),
    "rob": ("robert",),
    "ron": ("ronald",),
    "sam": ("samuel", "samantha"),
    "sandy": ("sandra", "alexander"),
    "steve": ("steven", "stephen"),
    "sue": ("susan",),
    "ted": ("edward", "theodore"),
    "teddy": ("edward", "theodore"),
    "tim": ("timothy",),
    "tom": ("thomas",),
    "tommy": ("thomas",),
    "tony": ("anthony",),
    "vicky": ("victoria",),
    "will": ("william",),
    "zach": ("zachary",),
}


def _fold(text: str) -> str:
    """Lower-case and strip accents, so "Rouhani" and "Rouhaní" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def same_given_name(first: str, second: str) -> bool:
    """True when two given names can be one person's: equal, or nicknames of one formal name.

    "Tim" and "Timothy", "Bill" and "William", "Bill" and "Billy" are; "Bill" and "Hillary" not.
    """
    a, b = _fold(first).rstrip("."), _fold(second).rstrip(".")
    if a == b:
        return True
    formal_a = {a, *NICKNAMES.get(a, ())}
    formal_b = {b, *NICKNAMES.get(b, ())}
    return bool(formal_a & formal_b)


def strip_titles(name: str) -> str:
    """Drop leading titles and honorifics, a possessive ending and surrounding punctuation.

    "Brig. Gen. Amir Ali Hajizadeh" -> "Amir Ali Hajizadeh"; a name that is nothing but titles
    ("the President") is returned without its article. A title word that starts an
    organisation's name stays: "State Department" is not "Department".
    """
    words = clean_name(name).split()
    while len(words) > 1 and _is_title_word(words[0]):
        rest = words[1:]
        if len(rest) == 1 and rest[0].lower().rstrip(".") in _GENERIC_NOUNS:
            break
        words = rest
    return " ".join(words).strip(" ,")


def clean_name(name: str) -> str:
    """A name without a leading article, a possessive ending and stray punctuation around words.

    "the State Department’s" -> "State Department"; "Hillary] Clinton" -> "Hillary Clinton".
    """
    words = [word.strip(_EDGE_PUNCTUATION) for word in name.split()]
    words = [word for word in words if word]
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if words:
        last = _POSSESSIVE.sub("", words[-1])
        if last.endswith(".") and not _keeps_full_stop(last):
            last = last.rstrip(".")  # the sentence's full stop, not the name's
        words[-1] = last
    return " ".join(word for word in words if word)


def _keeps_full_stop(word: str) -> bool:
    # "Jr.", "Corp.", "U.S.", "J." end in their own full stop.
    return (
        word.lower() in _SUFFIXES
        or word.lower() in ORGANISATION_WORDS
        or "." in word[:-1]
        or _is_initial(word)
    )


def _is_title_word(word: str) -> bool:
    lower = word.lower().rstrip(",")
    if lower in TITLES or lower + "." in TITLES:
        return True
    # "AG Mukasey", "FM Zarif": an abbreviation in capitals before a name is a title.
    return 2 <= len(word) <= 3 and word.isalpha() and word.isupper()


def _is_initial(word: str) -> bool:
    letters = word.replace(".", "")
    return bool(letters) and letters.isalpha() and letters.isupper() and len(letters) <= 2


def looks_like_organisation(name: str) -> bool:
    """True when a name contains a word typical of organisations ("Council", "Corps", "Party")."""
    return any(word.lower() in ORGANISATION_WORDS for word in name.split())


@dataclass(frozen=True)
class PersonName:
    """A person's name in parts. ``given`` is None for a lone surname ("Mr. Trump")."""

    given: str | None
    middles: tuple[str, ...]  # middle names and initials, as written
    surname: str
    suffix: str | None  # "Jr.", "III"

    @property
    def surname_key(self) -> str:
        return _fold(self.surname)

    def text(self) -> str:
        """The name written out: "Donald J. Trump", "Joseph R. Biden Jr.", "Trump"."""
        return " ".join(w for w in (self.given, *self.middles, self.surname, self.suffix) if w)

    @property
    def is_full(self) -> bool:
        return self.given is not None

    def middle_initials(self) -> tuple[str, ...]:
        letters: list[str] = []
        for middle in self.middles:
            if _is_initial(middle):
                letters.extend(ch for ch in middle if ch.isalpha())
            else:
                letters.append(middle[0].upper())
        return tuple(letters)

    def suffix_key(self) -> str:
        return _fold(self.suffix or "").rstrip(".")


def _is_descriptor(word: str) -> bool:
    """A word in front of a name that describes rather than names: "Billionaire", "Top", and
    the sentence-opening adverb or participle a recogniser may take in ("Certainly", "Telling")."""
    lower = word.lower()
    if lower in _DESCRIPTORS or _is_headline_verb(word):
        return True
    if len(lower) >= 8 and lower.endswith("ly") and not lower.endswith("erly"):
        return True
    return len(lower) >= 7 and lower.endswith("ing")


def parse_person_name(name: str) -> PersonName | None:
    """Split a person's name (titles already allowed) into given name, middles, surname, suffix.

    "Donald J. Trump" -> (Donald, (J.,), Trump, None); "Mr. Trump" -> (None, (), Trump, None);
    "Joseph R. Biden Jr." -> (Joseph, (R.,), Biden, Jr.). Describing words in front of a name
    ("Billionaire Donald Trump") are not part of it. None when nothing name-like is left.
    """
    words = [word.strip(",") for word in strip_titles(name).split()]
    words = [word for word in words if word]
    while len(words) > 1 and _is_descriptor(words[0]):
        words = words[1:]
    for i in range(len(words) - 3, -1, -1):
        if _is_title_word(words[i]) and words[i][:1].isupper():
            words = words[i + 1 :]  # "Florida Gov. Jeb Bush", "U.N. Ambassador John Bolton"
            break
    suffix = None
    if len(words) > 1 and words[-1].lower() in _SUFFIXES:
        suffix = words.pop()
    if not words or not any(ch.isalpha() for ch in words[-1]):
        return None
    surname_start = len(words) - 1
    while surname_start > 1 and words[surname_start - 1].lower() in _NAME_PARTICLES:
        surname_start -= 1  # "Ludwig van Beethoven": the particle belongs to the surname
    surname = " ".join(words[surname_start:])
    if surname_start == 0:
        return PersonName(None, (), surname, suffix)
    given = words[0]
    if _is_initial(given) and surname_start > 1 and not _is_initial(words[1]):
        # "J. Edgar Hoover" goes by his middle name
        given, middles = words[1], (words[0], *words[2:surname_start])
    else:
        middles = tuple(words[1:surname_start])
    return PersonName(given, middles, surname, suffix)


def same_person(a: PersonName, b: PersonName) -> bool:
    """True when two full names can name one person.

    Same surname and suffix ("Donald Trump" is not "Donald Trump Jr."), given names equal or
    nicknames of one name, and middle names that do not clash ("George H. W. Bush" is not
    "George W. Bush", but "Donald J. Trump" is "Donald Trump").
    """
    if a.given is None or b.given is None:
        return False
    if a.surname_key != b.surname_key or a.suffix_key() != b.suffix_key():
        return False
    if not same_given_name(a.given, b.given):
        return False
    initials_a, initials_b = a.middle_initials(), b.middle_initials()
    return not (initials_a and initials_b and initials_a != initials_b)


def name_fullness(name: str) -> tuple[int, int, int]:
    """Sort key for the fullest form of one person's name: the highest is the canonical name.

    More written-out name words first; between equals, the form without middle initials (the
    common form: "Donald Trump" over "Donald J. Trump" when both occur), then the longer one.
    """
    words = strip_titles(name).split()
    full_words = [w for w in words if not _is_initial(w) and w.lower() not in _SUFFIXES]
    initials = sum(1 for w in words if _is_initial(w))
    return len(full_words), -initials, len(name)


def canonical_person_name(variants: Iterable[str]) -> str:
    """The fullest of several title-stripped variants of one person's name."""
    return max(variants, key=name_fullness)


def canonical_actor_key(name: str) -> str:
    """The key under which variants of one actor's whole name coincide across the store.

    Titles, punctuation, a possessive ending, accents, case and middle initials are ignored:
    "President Donald J. Trump’s" and "Donald Trump" give "donald trump". A person's key keeps
    the given name, so two people who share a surname have different keys; organisations keep
    every word ("state department").
    """
    cleaned = clean_name(name)
    stripped = strip_titles(name) if not looks_like_organisation(cleaned) else cleaned
    if not looks_like_organisation(stripped):
        stripped = _TRAILING_QUALIFIER.sub("", stripped)
    words = [w for w in stripped.split() if not _is_initial(w) or len(stripped.split()) == 1]
    folded = _WORD.findall(_fold(" ".join(words)))
    return " ".join(folded) if folded else _fold(name.strip())


def person_surname_key(name: str) -> str | None:
    """The folded surname of a person's name, or None when it has none."""
    parsed = parse_person_name(name)
    return parsed.surname_key if parsed is not None else None


def _is_headline_verb(word: str) -> bool:
    """ "Warns", "Says", "Slams", "Stated": an inflected reporting verb inside a would-be name."""
    lower = word.lower()
    for ending, restore in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
    ):
        if lower.endswith(ending) and lower[: -len(ending)] + restore in REPORTING_VERBS:
            return True
    return lower == "says"


def is_actor_name(name: str, actor_type: str = "person") -> bool:
    """True when ``name`` names an actor, False for a phrase that names nobody.

    Not actors: lower-case phrases ("analysts", "his 1995 tax returns", "six-million people"),
    numbers, a capitalised common noun alone ("Department", "Poll", "Officials"), and for a person,
    a headline or a misread cue around a name ("Trump Warns Clinton", "Continued Stone").
    """
    cleaned = clean_name(name)
    words = cleaned.split()
    if not words or not any(ch.isalpha() for ch in cleaned):
        return False
    content = [w for w in words if w.lower() not in _NAME_PARTICLES]
    if not content or not _is_capitalised(content[0]):
        return False
    if any(ch in "[]{}()<>" for ch in cleaned):
        return False  # "[W]e": an editor's bracket inside a quotation, not a name
    if len(content) == 1 and content[0].lower() in _PRONOUNS:
        return False
    for word in content:
        if not _is_capitalised(word) and not (
            word.lower() in ORGANISATION_WORDS and actor_type != "person"
        ):
            return False  # "Clinton supporters", "new article in Politico"
        if any(ch.isdigit() for ch in word) and actor_type == "person":
            return False
    if all(w.lower() in TITLES or w.lower() + "." in TITLES for w in content):
        return False  # a bare title such as "Brig" or "President"
    if len(content) == 1 and content[0].lower().rstrip(".") in _GENERIC_NOUNS:
        return False
    if actor_type == "person":
        parsed = parse_person_name(cleaned)
        if parsed is None:
            return False
        written = parsed.text().split()
        if any(_is_headline_verb(w) for w in written) or written[0].lower() == "said":
            return False  # "Trump Warns Clinton", "Said Jones" is a misread cue
        if len(written) == 1 and written[0].lower() in _GENERIC_NOUNS:
            return False
    return True


# Lower-case particles joined to a name: "al-Sadr", "d’Estaing", "bin-Salman" (not "pro-", "ex-").
_PARTICLE_PREFIX = re.compile(
    r"^(?:al|el|ad|ud|as|ash|at|an|abu|abd|bin|ibn|ben|d|l|da|de|di|du|o)[-'’](?=[^\W\d_])"
)


def _is_capitalised(word: str) -> bool:
    """ "Sadr", and "al-Sadr", "d’Estaing", "bin-Salman": a name's word after its particle."""
    match = _PARTICLE_PREFIX.match(word)
    return word[:1].isupper() or (match is not None and word[match.end()].isupper())


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
    # For a person: the name in parts (given None while only the surname is known).
    person: PersonName | None = None
    variants: list[str] = field(default_factory=list)  # title-stripped full forms seen


class ActorRegistry:
    """Actors of one article, merging name variants as mentions arrive in reading order.

    People merge on a full name (nicknames allowed); a lone surname or a titled surname
    ("Mr. Trump") joins the person of that surname the article names, preferring the one whose
    title's gender fits and, among several, the one the article already called by the bare
    surname or else the first introduced. A surname met before any full name is completed by
    the first full name with that surname. Other actors merge on their whole name.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, ActorRecord] = {}
        self.records: list[ActorRecord] = []
        self._surname_used: set[int] = set()  # ids of records called by a bare surname

    def add(
        self,
        surface: str,
        actor_type: str,
        *,
        affiliation: str | None = None,
        role: str | None = None,
    ) -> ActorRecord | None:
        """Record a mention and return its actor, or None when it names no actor."""
        actor_type = {"place": "group"}.get(actor_type, actor_type)
        cleaned = clean_name(surface)
        gender = title_gender(surface)
        if actor_type != "person" and len(cleaned.split()) == 1:
            # "Trump" tagged as an organisation in an article that names Donald Trump
            person = self._person_for(
                PersonName(None, (), cleaned, None), gender, by_given_name=False
            )
            if person is not None:
                actor_type = "person"
        if not is_actor_name(cleaned, actor_type):
            return None
        if actor_type == "person":
            record = self._add_person(surface, gender)
        else:
            record = self._add_other(cleaned, actor_type)
        if record is None:
            return None
        actor_type = record.type
        # The name as written, without titles and describing words: "Mr. Trump" is "Trump".
        parsed = parse_person_name(surface) if actor_type == "person" else None
        alias = parsed.text() if parsed is not None else cleaned
        if alias and alias not in record.aliases:
            record.aliases.append(alias)
        if affiliation and not record.affiliation:
            record.affiliation = affiliation
        if gender and not record.gender:
            record.gender = gender
        if role:
            record.roles.add(role)
        return record

    def find(self, surface: str) -> ActorRecord | None:
        """The actor already recorded under this name variant, if any."""
        cleaned = clean_name(surface)
        if not cleaned:
            return None
        parsed = parse_person_name(cleaned)
        if parsed is not None and (found := self._person_for(parsed, title_gender(surface))):
            return found
        return self._by_key.get(_fold(cleaned)) or self._by_key.get(_fold(strip_titles(surface)))

    def _add_other(self, cleaned: str, actor_type: str) -> ActorRecord:
        if actor_type in ("other", "person") and looks_like_organisation(cleaned):
            actor_type = "organisation"
        record = self._by_key.get(_fold(cleaned))
        if record is None:
            record = ActorRecord(name=cleaned, type=actor_type)
            self._by_key[_fold(cleaned)] = record
            self.records.append(record)
        return record

    # --- people -----------------------------------------------------------------------------

    def _people(self) -> list[ActorRecord]:
        return [r for r in self.records if r.type == "person" and r.person is not None]

    def _person_for(
        self, parsed: PersonName, gender: str | None, *, by_given_name: bool = True
    ) -> ActorRecord | None:
        people = self._people()
        if parsed.is_full:
            for record in people:
                if record.person is not None and same_person(record.person, parsed):
                    return record
            return None
        # A lone surname (or a lone given name: "Hillary", "Ivanka").
        named = [
            r
            for r in people
            if r.person is not None
            and r.person.is_full
            and r.person.surname_key == parsed.surname_key
            and parsed.suffix_key() in ("", r.person.suffix_key())
        ]
        fitting = [r for r in named if not gender or not r.gender or r.gender == gender]
        if fitting:
            used = [r for r in fitting if id(r) in self._surname_used]
            return (used or fitting)[0]
        by_given = [
            r
            for r in people
            if by_given_name
            and r.person is not None
            and r.person.given is not None
            and same_given_name(r.person.given, parsed.surname)
        ]
        if len(by_given) == 1:
            return by_given[0]
        for record in people:
            if (
                record.person is not None
                and not record.person.is_full
                and record.person.surname_key == parsed.surname_key
            ):
                return record
        return None

    def _add_person(self, surface: str, gender: str | None) -> ActorRecord | None:
        parsed = parse_person_name(surface)
        if parsed is None:
            return None
        if parsed.surname.lower().rstrip(".") in ORGANISATION_ENDINGS:
            return self._add_other(clean_name(surface), "organisation")  # "UnitedHealth Group"
        name = parsed.text()
        record = self._person_for(parsed, gender)
        if record is None and parsed.is_full:
            record = self._lone_surname_to_complete(parsed)
        if record is None:
            record = ActorRecord(name=name, type="person", person=parsed)
            self.records.append(record)
            self._by_key.setdefault(_fold(name), record)
        if parsed.is_full:
            if record.person is None or not record.person.is_full:
                record.person = parsed
            record.variants.append(name)
            record.name = canonical_person_name(record.variants)
            record.person = parse_person_name(record.name) or parsed
            self._by_key.setdefault(_fold(name), record)
        else:
            self._surname_used.add(id(record))
        record.type = "person"
        return record

    def _lone_surname_to_complete(self, parsed: PersonName) -> ActorRecord | None:
        """A record known only by this surname so far (a headline's "Trump"), or a lone word
        another type took ("Trump" read as an organisation), that this full name completes."""
        for record in self.records:
            if record.type == "person" and record.person is not None:
                if not record.person.is_full and record.person.surname_key == parsed.surname_key:
                    return record
            elif (
                record.type != "person"
                and len(record.name.split()) == 1
                and _fold(record.name) == parsed.surname_key
                and not looks_like_organisation(record.name)
            ):
                return record
        return None
