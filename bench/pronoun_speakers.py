"""Who the extractor names behind pronoun speakers, from a predictions file.

    python bench/pronoun_speakers.py TEXTS_DIR PRED.jsonl [PRED2.jsonl ...]

The scorer counts a speaker as right when the predicted mention overlaps the gold one, so a
"she" resolved to the wrong person scores as right while the analyst sees the wrong actor. This
prints, per file: the statements whose speaker mention is a personal pronoun, how many of them
carry a name, and how many name a person whose given name is of the other gender than the
pronoun's (judged by quotegraph's own given-name list, so it shows contradictions, not
accuracy). PRED rows are those ``python -m quotegraph quotes`` writes (article, speaker,
speaker_start, speaker_end); TEXTS_DIR holds the articles.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from bench.cue_groups import load  # noqa: E402
from quotegraph.analysis.given_names import given_name_gender  # noqa: E402

PRONOUN_GENDER = {
    "he": "male",
    "him": "male",
    "his": "male",
    "she": "female",
    "her": "female",
    "they": None,
    "them": None,
}


def count_pronoun_speakers(texts_dir: Path, predictions: Path) -> dict[str, int]:
    """Pronoun speakers in ``predictions``: all, named, and named against the pronoun's gender."""
    counts = {"pronoun speakers": 0, "named": 0, "named against the pronoun's gender": 0}
    texts: dict[str, str] = {}
    for row in load(predictions):
        if row.get("speaker_start") is None:
            continue
        article = row["article"]
        if article not in texts:
            texts[article] = (texts_dir / article).read_text(encoding="utf-8")
        mention = texts[article][row["speaker_start"] : row["speaker_end"]].lower()
        if mention not in PRONOUN_GENDER:
            continue
        counts["pronoun speakers"] += 1
        name = row.get("speaker")
        if not name:
            continue
        counts["named"] += 1
        pronoun_gender = PRONOUN_GENDER[mention]
        name_gender = given_name_gender(name.split()[0])
        if pronoun_gender and name_gender and name_gender != pronoun_gender:
            counts["named against the pronoun's gender"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path)
    parser.add_argument("predictions", type=Path, nargs="+")
    args = parser.parse_args()
    for path in args.predictions:
        counts = count_pronoun_speakers(args.texts, path)
        print(path.name, ", ".join(f"{key}: {value}" for key, value in counts.items()))


if __name__ == "__main__":
    main()
