"""Settings read from the environment, with the defaults a single analyst on a laptop wants."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOLO_NAME = "analyst"


def _float_env(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    """Everything configurable, read once from environment variables.

    QUOTEGRAPH_DB_URL         any SQLAlchemy URL; default an SQLite file under data/
    QUOTEGRAPH_DATA_DIR       where the default SQLite file and the sentence-vector cache live
                              (default: <project>/data)
    QUOTEGRAPH_MAX_TEXT_MB    largest article text accepted, in MB (default 5)
    QUOTEGRAPH_MAX_ZIP_MB     largest total uncompressed size of a zip, in MB (default 50)
    QUOTEGRAPH_URL_TIMEOUT    seconds to wait for a URL (default 15)
    QUOTEGRAPH_ALLOW_PRIVATE_URLS  "1" lets URL import reach loopback and private addresses
    QUOTEGRAPH_ACCOUNTS       "on" (default): people sign in; "off": no sign-in, one solo user
    QUOTEGRAPH_SOLO_NAME      the name a solo user's changes record when accounts are off
                              (default "analyst")
    QUOTEGRAPH_SENTENCE_VECTORS  "on" (default): concept suggestions read sentence vectors too,
                              cached in the data directory; "off": words only
    """

    db_url: str
    data_dir: Path
    max_text_bytes: int
    max_zip_bytes: int
    url_timeout: float
    allow_private_urls: bool
    accounts: bool = True
    solo_name: str = DEFAULT_SOLO_NAME
    sentence_vectors: bool = True


def _switch_env(name: str, default: bool) -> bool:
    raw = (os.environ.get(name) or "").strip().lower()
    if raw == "":
        return default
    if raw in {"on", "1", "true", "yes"}:
        return True
    if raw in {"off", "0", "false", "no"}:
        return False
    raise ValueError(f"{name} must be on or off, got {raw!r}")


def load_settings() -> Settings:
    data_dir = Path(os.environ.get("QUOTEGRAPH_DATA_DIR") or PROJECT_ROOT / "data")
    db_url = os.environ.get("QUOTEGRAPH_DB_URL") or f"sqlite:///{data_dir / 'quotegraph.db'}"
    return Settings(
        db_url=db_url,
        data_dir=data_dir,
        max_text_bytes=int(_float_env("QUOTEGRAPH_MAX_TEXT_MB", 5) * 1_000_000),
        max_zip_bytes=int(_float_env("QUOTEGRAPH_MAX_ZIP_MB", 50) * 1_000_000),
        url_timeout=_float_env("QUOTEGRAPH_URL_TIMEOUT", 15),
        allow_private_urls=os.environ.get("QUOTEGRAPH_ALLOW_PRIVATE_URLS", "")
        in {"1", "true", "yes"},
        accounts=_switch_env("QUOTEGRAPH_ACCOUNTS", True),
        solo_name=" ".join((os.environ.get("QUOTEGRAPH_SOLO_NAME") or "").split())[:200]
        or DEFAULT_SOLO_NAME,
        sentence_vectors=_switch_env("QUOTEGRAPH_SENTENCE_VECTORS", True),
    )
