"""Polarity cues for the stance model: how well or ill a claim speaks of what it is about.

General English, written for this purpose and tied to no topic. The evaluative words are the
shared lists of ``quotegraph.analysis.lexicon``; here are the words that act on the evaluative
words after them rather than judge anything themselves. "reduces poverty" speaks well (a
diminisher turns "poverty" round), "increases poverty" ill (an amplifier only carries it), "does
not make schools better" ill (a negator turns round the rest of its clause). After a contrast word
("but", "however") the rest of the claim is what it argues, so the words before it count less.
"""

from __future__ import annotations

import functools
import re

from quotegraph.analysis.lexicon import NEGATIVE_WORDS, NEGATORS, POSITIVE_WORDS, words

# Words that turn round the evaluative words after them to the end of the clause: "reduces
# poverty" speaks well, "prevents growth" ill. They judge nothing themselves.
DIMINISHERS: frozenset[str] = words(
    """
        reduce reduces reduced reducing reduction decrease decreases decreased decreasing
        lower lowers lowered lowering lessen lessens diminish diminishes minimize minimise
        mitigate mitigates alleviate alleviates ease eases relieve relieves cut cuts curb
        curbs limit limits limiting prevent prevents prevented preventing prevention avoid
        avoids avoiding eliminate eliminates eliminating elimination eradicate eradicates
        end ends ending stop stops stopping halt halts combat combats fight fights fighting
        tackle tackles counter counters counteract resist resists remove removes removing
        deter deters fewer less lack lacks lacking loss against
        """
)

# Words that only carry the evaluative word after them ("increases poverty" speaks ill) and
# judge nothing themselves ("increase" is a positive word in the shared list).
AMPLIFIERS: frozenset[str] = words(
    """
        increase increases increased increasing raise raises raising boost boosts more
        greater higher grow grows growing rise rises rising cause causes caused causing
        lead leads leading create creates produce produces bring brings generate generates
        spread spreads encourage encourages promote promotes fuel fuels
        """
)

# A claim argues what follows these: "costly, but it saves lives" speaks well.
CONTRAST_WORDS: frozenset[str] = words("but however yet although though nevertheless nonetheless")

# Words, and the punctuation that ends a clause (where a negator's reach ends).
_TOKEN = re.compile(r"[a-z]+(?:[-'][a-z]+)*|[,;:.!?()]")
_BEFORE_CONTRAST = 0.5  # the weight of evaluative words before a contrast word


def base_forms(token: str) -> tuple[str, ...]:
    """The token and its forms without a common English ending ("improves" -> "improve")."""
    forms = [token]
    for ending, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            forms.append(token[: -len(ending)] + replacement)
    return tuple(forms)


def among(words: frozenset[str], token: str) -> bool:
    """Whether ``token`` or one of its ``base_forms`` is in ``words``."""
    return any(form in words for form in base_forms(token))


# The operators judge nothing themselves ("increase" and "reduce" are in the shared lists).
_POSITIVE = POSITIVE_WORDS - DIMINISHERS - AMPLIFIERS
_NEGATIVE = NEGATIVE_WORDS - DIMINISHERS - AMPLIFIERS


@functools.lru_cache(maxsize=100_000)
def _role(token: str) -> str:
    """What a token does to polarity: "+" or "-" (an evaluative word), "flip" (a negator or
    diminisher), "contrast", "end" (punctuation closing a clause), or "" for nothing."""
    if not token[0].isalpha():
        return "end"
    if token in NEGATORS or token.endswith("n't") or token in DIMINISHERS:
        return "flip"
    if token in CONTRAST_WORDS:
        return "contrast"
    if token in AMPLIFIERS:
        return ""
    polarity = int(among(_POSITIVE, token)) - int(among(_NEGATIVE, token))
    return "+" if polarity > 0 else "-" if polarity < 0 else ""


def evaluative_counts(text: str) -> tuple[float, float]:
    """(positive, negative) weight of the evaluative words in ``text``. Each negator or
    diminisher turns round the evaluative words after it up to the end of its clause (two turn
    them back); words before a contrast word count ``_BEFORE_CONTRAST`` as much."""
    positive = negative = 0.0
    turned = False
    for token in _TOKEN.findall(text.lower()):
        role = _role(token)
        if role == "flip":
            turned = not turned
        elif role == "end":
            turned = False
        elif role == "contrast":
            positive *= _BEFORE_CONTRAST
            negative *= _BEFORE_CONTRAST
            turned = False
        elif role:
            if (role == "+") != turned:
                positive += 1
            else:
                negative += 1
    return positive, negative
