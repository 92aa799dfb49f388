"""Agreement on a double-coded store: 2 coders x 500 statements, with realistic disagreement.

Run from the repository root: ``.venv/bin/python bench/agreement.py [--repeat N] [--db FILE]``.
Builds (seeded) 50 articles of 10 statements each in a new SQLite file. Coder "anna" accepts
every statement; coder "ben" keeps the same span for 80% (a few characters longer for half of
those), rejects 6%, misses 6% and adds 8% of his own; he picks the same actor 90% of the time,
the same concept 75%, and a stance one step off the five-point scale 20% of the time.

Prints: the alpha of every field from quotegraph's implementation and from the
``krippendorff`` package on the same reliability data (and their largest difference), the
best-of-N wall time of ``measure_agreement`` and of the whole command in this process, and the
wall time of ``python -m quotegraph agreement --format json`` as a new process next to that of
``python -m quotegraph --help`` (what every command pays at start). The bar is 2 s for the new
process; the exit status is 1 when it is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import krippendorff  # noqa: E402
import numpy as np  # noqa: E402

from quotegraph import cli  # noqa: E402
from quotegraph.annotation.stance_scale import FIVE_POINT_SCALE, set_stance_scale  # noqa: E402
from quotegraph.store.articles import (
    ArticleDraft,  # noqa: E402
    article_row,  # noqa: E402
)
from quotegraph.store.db import Store, open_store  # noqa: E402
from quotegraph.store.models import Actor, Concept, Statement  # noqa: E402
from quotegraph.team.agreement import (  # noqa: E402
    LEVELS,
    krippendorff_alpha,
    measure_agreement,
    reliability_data,
)
from quotegraph.team.units import load_units  # noqa: E402

SEED = 20261206
ARTICLES = 50
PER_ARTICLE = 10
ACTORS = 40
CONCEPTS = 25
BAR_SECONDS = 2.0
WORDS = "the council said budget would rise sharply while critics warned of cuts".split()  # noqa: SIM905


def _sentence(rng: random.Random, index: int) -> str:
    return f"Statement {index} " + " ".join(rng.choice(WORDS) for _ in range(12)) + "."


def build_store(path: Path) -> Store:
    """A new store at ``path`` with two coders' layers over 50 articles."""
    store = open_store(f"sqlite:///{path}")
    set_stance_scale(store, FIVE_POINT_SCALE, annotator="bench")
    rng = random.Random(SEED)
    with store.session(write=True) as session:
        actors = [Actor(name=f"Actor {i}", key=f"actor {i}") for i in range(ACTORS)]
        concepts = [Concept(name=f"Concept {i}") for i in range(CONCEPTS)]
        session.add_all(actors + concepts)
        session.flush()
        actor_ids = [a.id for a in actors]
        concept_ids = [c.id for c in concepts]
        for number in range(ARTICLES):
            sentences = [_sentence(rng, i) for i in range(PER_ARTICLE + 2)]
            text = " ".join(sentences)
            article = article_row(ArticleDraft(text=text, title=f"Article {number}"))
            session.add(article)
            session.flush()
            offset = 0
            spans = []
            for sentence in sentences:
                spans.append((offset, offset + len(sentence)))
                offset += len(sentence) + 1
            rows = []
            for start, end in spans[:PER_ARTICLE]:
                actor, concept = rng.choice(actor_ids), rng.choice(concept_ids)
                stance = rng.choice((-2, -1, 0, 1, 2))
                rows.append(_row(article.id, "anna", start, end, actor, concept, stance))
                draw = rng.random()
                if draw < 0.06:
                    continue  # ben missed it
                status = "rejected" if draw < 0.12 else "accepted"
                widen = rng.choice((0, 0, 3, 9))
                ben_actor = actor if rng.random() < 0.9 else rng.choice(actor_ids)
                ben_concept = concept if rng.random() < 0.75 else rng.choice(concept_ids)
                ben_stance = stance
                if rng.random() < 0.2:
                    ben_stance = max(-2, min(2, stance + rng.choice((-1, 1))))
                rows.append(
                    _row(
                        article.id,
                        "ben",
                        start,
                        min(end + widen, len(text)),
                        ben_actor,
                        ben_concept,
                        ben_stance,
                        status,
                    )
                )
            for start, end in spans[PER_ARTICLE:]:
                if rng.random() < 0.4:  # ben's own additions
                    rows.append(
                        _row(
                            article.id,
                            "ben",
                            start,
                            end,
                            rng.choice(actor_ids),
                            rng.choice(concept_ids),
                            rng.choice((-1, 0, 1)),
                        )
                    )
            session.add_all(rows)
    return store


def _row(
    article_id: int,
    coder: str,
    start: int,
    end: int,
    actor: int,
    concept: int,
    stance: int,
    status: str = "accepted",
) -> Statement:
    return Statement(
        article_id=article_id,
        start=start,
        end=end,
        actor_id=actor,
        concept_id=concept,
        stance=stance,
        status=status,
        kind="indirect",
        field_origins={"status": "person"},
        annotator=coder,
        coder=coder,
    )


def package_alpha(data: list[list], level: str, domain: list) -> float:
    index = {value: i for i, value in enumerate(domain)}
    matrix = np.array([[np.nan if v is None else index[v] for v in row] for row in data])
    return float(
        krippendorff.alpha(
            reliability_data=matrix,
            level_of_measurement=level,
            value_domain=list(range(len(domain))),
        )
    )


def wall_of(command: list[str], repeat: int) -> tuple[float, float]:
    """The best wall and CPU (user + system) seconds of ``command`` as a new process: on a
    shared machine the CPU figure says what the wall one would be on an idle one."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best = min(best, (wall, cpu))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", type=Path, default=None, help="build the store here")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "agreement.db"
    path.unlink(missing_ok=True)
    store = build_store(path)
    with store.session() as session:
        units = [u for article in load_units(session).values() for u in article]
    statements = sum(1 for u in units for v in u.versions.values() if v is not None)
    print(f"store: {ARTICLES} articles, 2 coders, {statements} statements, {len(units)} units")

    worst = 0.0
    for field_name, level in LEVELS.items():
        data = reliability_data(units, ["anna", "ben"], field_name)
        domain = [-2, -1, 0, 1, 2] if level == "ordinal" else None
        ours = krippendorff_alpha(data, level=level, domain=domain)
        values = sorted({v for row in data for v in row if v is not None}, key=str)
        theirs = package_alpha(data, level, domain or values)
        worst = max(worst, abs(ours - theirs))
        print(f"alpha {field_name:8} ({level:7}): quotegraph {ours:.12f}  package {theirs:.12f}")
    print(f"largest difference: {worst:.2e}")

    best = float("inf")
    for _ in range(args.repeat):
        began = time.perf_counter()
        report = measure_agreement(store)
        best = min(best, time.perf_counter() - began)
    store.dispose()
    print(f"measure_agreement in process: {best:.3f} s ({len(report.disagreements)} disagreements)")

    python = sys.executable
    url = f"sqlite:///{path}"
    best = float("inf")
    for _ in range(args.repeat):
        began = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            cli.main(["agreement", "--db", url, "--format", "json"])
        best = min(best, time.perf_counter() - began)
    print(f"the agreement command in process (store opened, JSON written): {best:.3f} s")
    startup = wall_of([python, "-m", "quotegraph", "--help"], args.repeat)
    command = wall_of(
        [python, "-m", "quotegraph", "agreement", "--db", url, "--format", "json"], args.repeat
    )
    print(
        f"python -m quotegraph --help (start-up of any command): {startup[0]:.3f} s wall, "
        f"{startup[1]:.3f} s CPU"
    )
    print(
        f"python -m quotegraph agreement --format json: {command[0]:.3f} s wall, "
        f"{command[1]:.3f} s CPU (bar {BAR_SECONDS} s wall)"
    )
    return 0 if command[0] < BAR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
