"""The command line: ``python -m quotegraph COMMAND ...``.

Each command is a small function that parses nothing itself: argparse hands it the arguments, it
calls the core and returns the exit status. Errors the user can fix end in one line on stderr and a
non-zero status, never a traceback.

The commands live in ``quotegraph.commands``, one module per command; each module's ``register``
adds its subcommand and sets ``handler``. A new command is a new module there and one entry in
``_REGISTRARS`` below.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from quotegraph.commands import (
    agreement,
    analyse,
    assign,
    check,
    codebook_import,
    export,
    ingest,
    quotes,
    restore,
    suggest,
    users,
)
from quotegraph.commands.common import CommandError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m quotegraph", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in _REGISTRARS:
        register(commands)
    return parser


# Each registrar adds one subcommand and sets ``handler`` to a function(args) -> exit status.
# In the order ``--help`` lists them.
_REGISTRARS: list[Callable[[argparse._SubParsersAction], None]] = [
    ingest.register,
    analyse.register,
    quotes.register,
    check.register,
    export.register,
    restore.register,
    suggest.register,
    codebook_import.register,
    assign.register,
    users.register,
    agreement.register,
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `quotes ... | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
