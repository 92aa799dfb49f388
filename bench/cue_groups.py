"""Recall per cue group and precision per predicted kind, from gold and predictions.

    python bench/cue_groups.py GOLD.jsonl TEXTS_DIR PRED.jsonl [PRED2.jsonl ...]

GOLD and PRED are in the formats ``score_quotes.py`` reads (gold rows: article, start, end,
speaker_keys, speaker_spans, optional ignore and cue; prediction rows: article, start, end,
speaker, speaker_start, speaker_end, kind). A statement is found when a prediction shares at least
half of the larger span's characters and names the speaker (a gold key as a whole word, or an
overlapping speaker mention), as the scorer counts it.

Each gold row is put in one cue group by its cue: the row's own ``cue`` when it has one, otherwise
the words between its speaker mention and its content in the article (TEXTS_DIR holds the articles).
The groups follow the project's word lists (quotegraph.analysis.lexicon):

- according to: "according to X";
- findings: a finding verb whose source is a poll, study, report ... ("a poll found");
- stance/intention: a stance verb or adjective ("opposes", "wants", "keen to", "believes");
- speech act, non-clausal: a speech-act verb whose content is not a clause ("urged X to ...");
- reporting verb: any other reporting verb ("said that ...");
- other: no cue word recognised.

Clauses are told apart with spaCy's tagger (a finite verb in the content). With two or more
prediction files the table has one column per file (e.g. before / after). Then precision per
predicted kind: the share of predictions of each kind that match a gold statement (content) and
also name its speaker (e2e); predictions on ignored gold rows count for neither.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from quotegraph.analysis.lexicon import REPORTING_VERBS  # noqa: E402
from quotegraph.analysis.nlp import load_pipeline  # noqa: E402
from quotegraph.analysis.position_lexicon import (  # noqa: E402
    BELIEF_VERBS,
    FINDING_NOUNS,
    FINDING_VERBS,
    SPEECH_ACT_VERBS,
    STANCE_ADJECTIVES,
    STANCE_VERBS,
)

GROUPS = (
    "reporting verb",
    "according to",
    "speech act, non-clausal",
    "stance/intention",
    "findings",
    "other",
)
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "felt": "feel",
    "found": "find",
    "shown": "show",
    "sought": "seek",
    "spoke": "speak",
    "spoken": "speak",
    "meant": "mean",
    "gave": "give",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
_STANCE_WORDS = STANCE_VERBS | BELIEF_VERBS | STANCE_ADJECTIVES
_WINDOW = 100  # characters between speaker and content searched for the cue


def lemma_candidates(word: str) -> list[str]:
    """Possible lemmas of an English verb form, cheapest first ("urged" -> "urge")."""
    w = word.lower()
    found = [w]
    if w in _IRREGULAR:
        found.append(_IRREGULAR[w])
    for suffix, replacements in (
        ("ies", ("y",)),
        ("ied", ("y",)),
        ("ing", ("", "e")),
        ("ed", ("", "e")),
        ("es", ("",)),
        ("s", ("",)),
        ("d", ("",)),
    ):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            found += [stem + r for r in replacements]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                found.append(stem[:-1])  # "planned" -> "plan"
    return found


def cue_window(gold: dict, text: str) -> str:
    """Where a gold statement's cue is: its ``cue``, else between its speaker and content."""
    if gold.get("cue"):
        return gold["cue"]
    spans = gold.get("speaker_spans") or []
    start, end = gold["start"], gold["end"]
    if spans:
        s_start, s_end = spans[0]
        if s_end <= start and start - s_end <= _WINDOW:
            return text[s_end:start]
        if s_start >= end and s_start - end <= _WINDOW:
            return text[end : s_start + (s_end - s_start)]
    return text[max(0, start - 60) : start] + " " + text[end : end + 60]


def speaker_text(gold: dict, text: str) -> str:
    spans = gold.get("speaker_spans") or []
    return " ".join(text[s:e] for s, e in spans) + " " + " ".join(gold.get("speakers") or [])


def cue_group(window: str, speaker: str, clausal: bool) -> str:
    """The cue group of a statement from the words around its cue."""
    lowered = window.lower()
    if "according to" in lowered:
        return "according to"
    lemmas = [lemma_candidates(w) for w in _WORD.findall(window)]
    speaker_words = {c for w in _WORD.findall(speaker) for c in lemma_candidates(w)}
    for candidates in lemmas:
        if any(c in FINDING_VERBS for c in candidates) and speaker_words & FINDING_NOUNS:
            return "findings"
    for candidates in lemmas:
        if any(c in _STANCE_WORDS for c in candidates):
            return "stance/intention"
    for candidates in lemmas:
        if any(c in SPEECH_ACT_VERBS for c in candidates) and not clausal:
            return "speech act, non-clausal"
    for candidates in lemmas:
        if any(c in REPORTING_VERBS or c in SPEECH_ACT_VERBS for c in candidates):
            return "reporting verb"
    return "other"


def chars(row: dict) -> set[int]:
    spans = row.get("content_spans") or [[row["start"], row["end"]]]
    return {i for s, e in spans for i in range(s, e)}


def speaker_right(gold: dict, pred: dict) -> bool:
    name = pred.get("speaker") or ""
    for key in gold.get("speaker_keys") or []:
        if name and re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", name, re.I):
            return True
    s, e = pred.get("speaker_start"), pred.get("speaker_end")
    if s is None or e is None:
        return False
    return any(min(e, ge) > max(s, gs) for gs, ge in gold.get("speaker_spans") or [])


def match(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    """Gold index -> prediction index, one to one, largest share first."""
    by_article = defaultdict(list)
    for gi, g in enumerate(gold):
        by_article[g["article"]].append(gi)
    gold_chars = [chars(g) for g in gold]
    pairs = []
    for pi, p in enumerate(pred):
        p_chars = chars(p)
        for gi in by_article.get(p.get("article"), []):
            shared = len(p_chars & gold_chars[gi])
            larger = max(len(p_chars), len(gold_chars[gi]))
            if larger and shared / larger >= 0.5:
                pairs.append((shared / larger, gi, pi))
    pairs.sort(reverse=True)
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("texts", type=Path)
    parser.add_argument("predictions", type=Path, nargs="+")
    args = parser.parse_args(argv)

    gold = [g for g in load(args.gold) if not g.get("ignore")]
    texts: dict[str, str] = {}
    for g in gold:
        if g["article"] not in texts:
            texts[g["article"]] = (args.texts / g["article"]).read_text(encoding="utf-8")
    tagger = load_pipeline()
    contents = (texts[g["article"]][g["start"] : g["end"]] for g in gold)
    clausal = [
        any(t.tag_ in _FINITE_TAGS for t in doc)
        for doc in tagger.pipe(contents, disable=["parser", "ner", "lemmatizer"], batch_size=256)
    ]
    groups = [
        cue_group(cue_window(g, texts[g["article"]]), speaker_text(g, texts[g["article"]]), c)
        for g, c in zip(gold, clausal, strict=True)
    ]
    sizes = Counter(groups)

    names = [p.name for p in args.predictions]
    print(f"{'cue group':<26}{'gold':>7}" + "".join(f"{n[:18]:>20}" for n in names))
    found_by_file = []
    all_gold = [g for g in load(args.gold)]
    for path in args.predictions:
        pred = [p for p in load(path) if p.get("article") in texts]
        matched = match(gold, pred)
        found_by_file.append(
            Counter(groups[gi] for gi, pi in matched.items() if speaker_right(gold[gi], pred[pi]))
        )
    for group in GROUPS:
        row = f"{group:<26}{sizes[group]:>7}"
        for found in found_by_file:
            recall = found[group] / sizes[group] if sizes[group] else 0.0
            row += f"{recall:>20.3f}"
        print(row)

    print()
    print(f"{'precision by kind':<26}{'pred':>7}{'content':>10}{'e2e':>10}   file")
    for path in args.predictions:
        pred = [p for p in load(path) if p.get("article") in texts or p.get("article")]
        matched = match(all_gold, pred)
        on_gold = {pi: gi for gi, pi in matched.items()}
        counts: Counter[str] = Counter()
        content: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for pi, p in enumerate(pred):
            gi = on_gold.get(pi)
            if gi is not None and all_gold[gi].get("ignore"):
                continue
            kind = p.get("kind") or "?"
            counts[kind] += 1
            if gi is not None:
                content[kind] += 1
                right[kind] += speaker_right(all_gold[gi], p)
        for kind in sorted(counts):
            n = counts[kind]
            shares = f"{content[kind] / n:>10.3f}{right[kind] / n:>10.3f}"
            print(f"{kind:<26}{n:>7}{shares}   {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
