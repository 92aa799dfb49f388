"""Shared fixtures: a fresh store on SQLite, and on PostgreSQL when a server is reachable.

Tests that take ``store`` run once per backend. The PostgreSQL half uses
$QUOTEGRAPH_TEST_PG_URL (default: the role and database `scripts/start_test_postgres.sh` makes);
when no server answers, those runs are skipped and the report header says so plainly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from quotegraph.store.db import Store, open_store

FIXTURES = Path(__file__).parent / "fixtures"
DEFAULT_PG_URL = "postgresql+psycopg://quotegraph:quotegraph@127.0.0.1:5432/quotegraph_test"


def postgres_url() -> str:
    return os.environ.get("QUOTEGRAPH_TEST_PG_URL") or DEFAULT_PG_URL


def _postgres_problem() -> str | None:
    """None when the test PostgreSQL server answers, else why not."""
    try:
        engine = create_engine(postgres_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure means: skip the PostgreSQL half, and say why
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


POSTGRES_PROBLEM = _postgres_problem()


def pytest_report_header(config: pytest.Config) -> str:
    if POSTGRES_PROBLEM is None:
        return f"PostgreSQL store tests: ON ({postgres_url().split('@')[-1]})"
    return f"PostgreSQL store tests: SKIPPED, no server reachable ({POSTGRES_PROBLEM})"


@pytest.fixture(scope="session")
def postgres_database_url() -> Iterator[str]:
    """A database of this test run's own, so parallel runs on one server never collide."""
    if POSTGRES_PROBLEM is not None:
        pytest.skip(f"no PostgreSQL server reachable: {POSTGRES_PROBLEM}")
    base = make_url(postgres_url())
    name = f"{base.database}_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


# The name the app works under in tests: accounts are off (a solo user) unless a test turns them
# on, so page tests need no sign-in. "ana" is the name the page tests used to type.
SOLO_NAME = "ana"


@pytest.fixture(autouse=True)
def accounts_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTEGRAPH_ACCOUNTS", "off")
    monkeypatch.setenv("QUOTEGRAPH_SOLO_NAME", SOLO_NAME)


@pytest.fixture(autouse=True)
def data_dir_outside_the_clone(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The data directory (the sentence-vector cache lives there) in the run's temporary
    directory, shared by the run's tests so each text is encoded once per run."""
    path = tmp_path_factory.getbasetemp() / "data"
    path.mkdir(exist_ok=True)
    monkeypatch.setenv("QUOTEGRAPH_DATA_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def main_module_restored() -> Iterator[None]:
    """Put back the ``__main__`` module after each test. Streamlit's AppTest runs app.py as
    ``__main__`` and leaves it there; a process started afterwards with "spawn" (a Dask worker)
    would run the whole app again on start-up."""
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield store
    store.dispose()


@pytest.fixture
def postgres_store(postgres_database_url: str) -> Iterator[Store]:
    _reset_postgres(postgres_database_url)
    store = open_store(postgres_database_url)
    yield store
    store.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest) -> Store:
    """A new, migrated, empty store: once on SQLite, once on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture
def store_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The URL of a new SQLite file, set as QUOTEGRAPH_DB_URL: the store an app run under
    AppTest opens (and migrates) on its first run."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("QUOTEGRAPH_DB_URL", url)
    return url


@pytest.fixture
def app_store(store_url: str) -> Iterator[Store]:
    """A second handle on the store an app run under AppTest opens, to set it up and to check
    what the page wrote."""
    handle = open_store(store_url)
    yield handle
    handle.dispose()
