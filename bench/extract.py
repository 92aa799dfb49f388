"""Throughput of quote extraction against spaCy's own parse.

    python bench/extract.py [FOLDER] [--n-process N] [--repeat R]

Runs the same texts through ``nlp.pipe`` alone and through the whole analysis (``analyse_texts``:
the same parse plus extraction), and prints words per second for both and their ratio. FOLDER holds
.txt files (searched recursively), e.g. ../shared/polnear-train/texts; by default the project's seed
article is repeated to make a corpus.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from quotegraph.analysis.extraction import analyse_texts  # noqa: E402
from quotegraph.analysis.nlp import load_pipeline  # noqa: E402

SEED_ARTICLE = PROJECT_ROOT / "tests" / "fixtures" / "seed_iran_mixed_message.txt"


def load_texts(folder: Path | None, repeat: int) -> list[str]:
    """The corpus: every .txt under ``folder``, or the seed article ``repeat`` times."""
    if folder is None:
        return [SEED_ARTICLE.read_text(encoding="utf-8")] * repeat
    paths = sorted(p for p in folder.rglob("*.txt") if p.is_file())
    return [p.read_text(encoding="utf-8") for p in paths]


def words_per_second(texts: list[str], run) -> float:
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    run(texts)
    return words / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=None)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=60, help="copies of the seed article")
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2, help="timed runs of each, best kept")
    args = parser.parse_args(argv)

    texts = load_texts(args.folder, args.repeat)
    nlp = load_pipeline()
    nlp("warm up")  # load the model before timing

    def parse_only(batch: list[str]) -> None:
        for _ in nlp.pipe(batch, n_process=args.n_process, batch_size=args.batch_size):
            pass

    def full_analysis(batch: list[str]) -> None:
        for _ in analyse_texts(batch, n_process=args.n_process, batch_size=args.batch_size):
            pass

    words = sum(len(t.split()) for t in texts)
    # Alternate the two runs and keep each one's best, so load from other processes on the machine
    # does not decide the ratio.
    parse_wps = analysis_wps = 0.0
    for _ in range(args.rounds):
        parse_wps = max(parse_wps, words_per_second(texts, parse_only))
        analysis_wps = max(analysis_wps, words_per_second(texts, full_analysis))
    print(f"texts: {len(texts)}  words: {words}  processes: {args.n_process}")
    print(f"spaCy nlp.pipe alone: {parse_wps:,.0f} words/s")
    print(f"full analysis:        {analysis_wps:,.0f} words/s")
    print(f"ratio: {analysis_wps / parse_wps:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
