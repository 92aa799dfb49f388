"""``quotes``: the statements and speakers the machine finds in texts, without a store."""

from __future__ import annotations

import argparse
import sys


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``quotes`` command to ``commands``."""
    parser = commands.add_parser(
        "quotes",
        help="extract reported statements as JSONL (one row per statement)",
        description="Write one JSON line per reported statement found in the given articles.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".txt files or folders of them")
    parser.add_argument("--n-process", type=int, default=1, help="parser processes (default 1)")

    def handle(args: argparse.Namespace) -> int:
        import json
        from pathlib import Path

        from quotegraph.analysis.extraction import analyse_texts

        failed = False
        files: list[Path] = []
        for raw in args.paths:
            path = Path(raw)
            if path.is_dir():
                files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
            elif path.is_file():
                files.append(path)
            else:
                print(f"error: no such file or folder: {raw}", file=sys.stderr)
                failed = True
        names: list[str] = []
        texts: list[str] = []
        for path in files:
            try:
                # Universal newlines, as the scorer reads the files.
                with open(path, encoding="utf-8") as handle_:
                    texts.append(handle_.read())
            except (OSError, UnicodeDecodeError) as exc:
                print(f"error: cannot read {path}: {exc}", file=sys.stderr)
                failed = True
                continue
            names.append(path.name)
        out = sys.stdout
        for name, analysis in zip(
            names, analyse_texts(texts, n_process=max(1, args.n_process)), strict=True
        ):
            for s in analysis.statements:
                row = {
                    "article": name,
                    "start": s.start,
                    "end": s.end,
                    "content": s.content,
                    "speaker": s.speaker,
                    "speaker_start": s.speaker_start,
                    "speaker_end": s.speaker_end,
                    "cue": s.cue,
                    "kind": s.kind,
                }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return 1 if failed else 0

    parser.set_defaults(handler=handle)
