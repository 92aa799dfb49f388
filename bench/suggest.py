"""Learning curve of concept and stance suggestions, as an analyst coding one by one sees it.

    .venv/bin/python bench/suggest.py DATA.csv           # columns text,concept,stance
    .venv/bin/python bench/suggest.py DATA.csv --halves  # and on each half of the concepts
    .venv/bin/python bench/suggest.py DATA.csv --shuffles=5  # means over 5 shuffles
    .venv/bin/python bench/suggest.py DATA.csv --words-only  # without sentence vectors

The rows are shuffled once (seed 0). After n = 50, 100, 200, 400 and 800 coded rows a model is
trained on those rows and suggests concept and stance for all the rest; the stance is suggested
for the suggested concept, as the Annotate page shows it. The codebook holds every concept name
of the file (an analyst's codebook lists its concepts before coding starts), with no keywords
or examples. Beside each score: a majority-class baseline (the most frequent concept, and each
concept's most frequent stance, from the coded rows). Then the time to retrain on 5,000 and to
suggest for 20,000 statements, resampled from the file with a few words dropped from each so
they are not copies. The last line is ``at 400: concept_acc=... stance_acc=... stance_f1=...``.

The concept model reads sentence vectors (``quotegraph.annotation.sentence_vectors``) unless
``--words-only`` is given. The app encodes each statement once, in the background, and keeps the
vector; the bench does the same: it prints the time to encode the file's texts and the 25,000
timing texts apart, and retraining and suggesting are then timed as the app runs them, with the
vectors kept. The vectors are kept in memory only, so every run encodes afresh.

With ``--shuffles=N`` every figure is the mean over N shuffles (seeds 0 to N-1): one shuffle's
figures move by a point or two, more than many a change does.

With ``--halves`` the same learning curve is also run on each half of the concepts alone (their
names sorted, every other one in half A, the rest in half B): a change that helps on the whole
file should help on both halves, not only on the topics it was tried on.
"""

from __future__ import annotations

import csv
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotegraph.annotation.coding_model import (  # noqa: E402
    CodedStatement,
    CodingModel,
    ConceptSeed,
    Encoder,
    majority,
)
from quotegraph.annotation.sentence_vectors import SentenceVectors  # noqa: E402

STEPS = (50, 100, 200, 400, 800)


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {"text", "concept", "stance"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: no column {', '.join(sorted(missing))}")
        return [
            (row["text"], row["concept"], row["stance"])
            for row in reader
            if row["text"].strip() and row["concept"].strip() and row["stance"].strip()
        ]


def accuracy(truth: list[str], guess: list[object]) -> float:
    return sum(t == g for t, g in zip(truth, guess, strict=True)) / len(truth)


def macro_f1(truth: list[str], guess: list[object]) -> float:
    return float(f1_score(truth, [str(g) for g in guess], average="macro", zero_division=0))


def baseline(coded: list[tuple[str, str, str]], rest: list[tuple[str, str, str]]) -> tuple:
    """The most frequent coded concept; for stance, each row's true concept's most frequent
    coded stance (the overall one for a concept not coded yet), a baseline that knows the
    concept, which the model does not."""
    top_concept = majority([concept for _, concept, _ in coded])
    by_concept: dict[str, list[str]] = defaultdict(list)
    for _, concept, stance in coded:
        by_concept[concept].append(stance)
    overall = majority([stance for _, _, stance in coded])
    stances = [majority(by_concept.get(concept, [])) or overall for _, concept, _ in rest]
    truth_concepts = [concept for _, concept, _ in rest]
    truth_stances = [stance for _, _, stance in rest]
    return (
        accuracy(truth_concepts, [top_concept] * len(rest)),
        accuracy(truth_stances, stances),
        macro_f1(truth_stances, stances),
    )


def resample(rows: list[tuple[str, str, str]], size: int, rng: random.Random) -> list:
    out = []
    for _ in range(size):
        text, concept, stance = rng.choice(rows)
        words = text.split()
        if len(words) > 4:
            del words[rng.randrange(len(words))]
        out.append((" ".join(words), concept, stance))
    return out


def curve_points(
    rows: list[tuple[str, str, str]], seed: int, encode: Encoder | None = None
) -> list[tuple]:
    """(n, rest, model scores, baseline scores, train s, predict s) at each step of ``STEPS``
    for ``rows`` shuffled with ``seed``."""
    rows = list(rows)
    random.Random(seed).shuffle(rows)
    seeds = [ConceptSeed(name, name) for name in dict.fromkeys(c for _, c, _ in rows)]
    points = []
    for n in STEPS:
        if n >= len(rows):
            break
        coded, rest = rows[:n], rows[n:]
        began = time.perf_counter()
        model = CodingModel.train([CodedStatement(*row) for row in coded], seeds, encode=encode)
        trained = time.perf_counter()
        suggestions = model.suggest([text for text, _, _ in rest])
        predicted = time.perf_counter()
        truth_concepts = [concept for _, concept, _ in rest]
        truth_stances = [stance for _, _, stance in rest]
        stances = [s.stance for s in suggestions]
        scores = (
            accuracy(truth_concepts, [s.concept for s in suggestions]),
            accuracy(truth_stances, stances),
            macro_f1(truth_stances, stances),
        )
        points.append(
            (n, len(rest), scores, baseline(coded, rest), trained - began, predicted - trained)
        )
    return points


def print_curve(points: list[tuple]) -> None:
    header = (
        f"{'n':>5} {'rest':>5} | {'concept':>7} {'base':>5} | {'stance':>6} {'base':>5} | "
        f"{'st.F1':>5} {'base':>5} | {'train s':>7} {'pred s':>6}"
    )
    print(header)
    print("-" * len(header))
    for n, rest, scores, base, train_seconds, predict_seconds in points:
        print(
            f"{n:>5} {rest:>5} | {scores[0]:>7.3f} {base[0]:>5.3f} | "
            f"{scores[1]:>6.3f} {base[1]:>5.3f} | {scores[2]:>5.3f} {base[2]:>5.3f} | "
            f"{train_seconds:>7.2f} {predict_seconds:>6.2f}"
        )


def learning_curve(
    rows: list[tuple[str, str, str]],
    title: str,
    shuffles: int = 1,
    encode: Encoder | None = None,
) -> tuple | None:
    """Print the learning curve on ``rows`` (shuffled with seed 0, or the mean over seeds
    0..shuffles-1: one shuffle's figures move by a point or two); the scores at n = 400."""
    concepts = len(set(concept for _, concept, _ in rows))
    order = "shuffled with seed 0" if shuffles == 1 else f"mean of {shuffles} shuffles"
    print(f"{title}: {len(rows)} rows, {concepts} concepts, {order}")
    runs = [curve_points(rows, seed, encode) for seed in range(shuffles)]
    points = [
        (
            runs[0][step][0],
            runs[0][step][1],
            tuple(float(np.mean([run[step][2][i] for run in runs])) for i in range(3)),
            tuple(float(np.mean([run[step][3][i] for run in runs])) for i in range(3)),
            float(np.mean([run[step][4] for run in runs])),
            float(np.mean([run[step][5] for run in runs])),
        )
        for step in range(len(runs[0]))
    ]
    print_curve(points)
    return next((scores for n, _, scores, *_ in points if n == 400), None)


def halves(concepts: list[str]) -> tuple[set[str], set[str]]:
    """The concepts' names sorted, every other one in the first half, the rest in the second."""
    ordered = sorted(set(concepts))
    return set(ordered[0::2]), set(ordered[1::2])


def main(argv: list[str]) -> int:
    flags = {"--halves", "--words-only"}
    args = [arg for arg in argv[1:] if arg not in flags and not arg.startswith("--shuffles=")]
    shuffles = [
        arg.removeprefix("--shuffles=") for arg in argv[1:] if arg.startswith("--shuffles=")
    ]
    if len(args) != 1 or (shuffles and not shuffles[-1].isdigit()) or shuffles[-1:] == ["0"]:
        print(
            "usage: bench/suggest.py DATA.csv [--halves] [--shuffles=N] [--words-only] "
            "(columns text,concept,stance)",
            file=sys.stderr,
        )
        return 2
    count = int(shuffles[-1]) if shuffles else 1
    try:
        rows = read_rows(Path(args[0]))
    except (OSError, ValueError, UnicodeDecodeError) as error:
        print(f"cannot read {args[0]}: {error}", file=sys.stderr)
        return 1
    encode = None if "--words-only" in argv else SentenceVectors()
    concepts = list(dict.fromkeys(c for _, c, _ in rows))
    if encode is not None:
        began = time.perf_counter()
        encode([text for text, _, _ in rows] + concepts)
        print(
            f"sentence vectors: {len(rows) + len(concepts)} texts encoded in "
            f"{time.perf_counter() - began:.2f} s (with loading the encoder)"
        )
    else:
        print("words only: no sentence vectors")
    at_400 = learning_curve(rows, "all concepts", count, encode)
    if "--halves" in argv:
        for name, half in zip("AB", halves([c for _, c, _ in rows]), strict=True):
            print()
            learning_curve([row for row in rows if row[1] in half], f"half {name}", count, encode)
    random.Random(0).shuffle(rows)
    seeds = [ConceptSeed(name, name) for name in concepts]
    rng = random.Random(1)
    big = resample(rows, 5000, rng)
    many = [text for text, _, _ in resample(rows, 20000, rng)]
    if encode is not None:
        began = time.perf_counter()
        encode([text for text, _, _ in big] + many)
        seconds = time.perf_counter() - began
        texts = len({text for text, _, _ in big} | set(many))
        print(
            f"encode the 25,000 timing texts ({texts} distinct) once: {seconds:.1f} s, "
            f"{texts / seconds:.0f} per s (in the app: once per statement, in the background)"
        )
    began = time.perf_counter()
    model = CodingModel.train([CodedStatement(*row) for row in big], seeds, encode=encode)
    train_seconds = time.perf_counter() - began
    began = time.perf_counter()
    model.suggest(many)
    suggest_seconds = time.perf_counter() - began
    print(f"retrain on 5,000 statements: {train_seconds:.2f} s (bar < 10 s)")
    print(f"suggest for 20,000 statements: {suggest_seconds:.2f} s (bar < 5 s)")
    if at_400 is None:
        print("at 400: not reached (fewer than 401 rows)")
        return 0
    concept_acc, stance_acc, stance_f1 = at_400
    print(
        f"at 400: concept_acc={concept_acc:.3f} stance_acc={stance_acc:.3f} "
        f"stance_f1={stance_f1:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
