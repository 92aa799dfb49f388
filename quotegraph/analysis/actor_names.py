"""How actor names are written: cleaning, titles and their gender, a person's name in parts
(given name, initials, surname, suffix), nicknames of one given name, whether two written names
are one person, and whether a phrase names an actor at all. ``actors`` builds actor identity on
it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
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
