"""The networks an export can write, kept apart from ``network_exports`` so that the command line
can list them without importing numpy, pandas and the store (0.8 s on every command)."""

from __future__ import annotations

from typing import Literal

NetworkKind = Literal["actor-concept", "actor-actor", "actor-statement"]
NETWORK_KINDS: tuple[str, ...] = ("actor-concept", "actor-actor", "actor-statement")
