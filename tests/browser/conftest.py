"""Browser-test harness: the real app under ``streamlit run``, driven by headless Chromium.

Reuse it for any page (Library, Annotate, Explore...) by asking for the ``app`` fixture:

    import pytest

    pytestmark = pytest.mark.browser    # every test in the file drives the browser

    def test_accept_a_statement(app):
        app.open("annotate?article=1")          # loads and waits for the first run to end
        app.page.get_by_role("button", name="Accept").click()
        app.wait_for_idle()                      # the rerun the click started is done
        app.screenshot("annotate-accepted")      # test-artifacts/annotate-accepted.png
        app.server.restart()                     # same store and port, new process

Fixtures
- ``streamlit_server`` (module scope): ``streamlit run app.py`` on a free port with its own
  SQLite store in a temporary folder (``QUOTEGRAPH_DB_URL``). ``.url`` is the base URL,
  ``.db_url`` the store, ``.restart()`` stops the server and starts it again on the same store
  and port, ``.log_path`` its combined output (shown when it fails to start). Accounts are off
  there (``QUOTEGRAPH_ACCOUNTS=off``, the solo user "ana"), so pages need no sign-in; a module
  that wants something else overrides the module-scoped ``server_env`` fixture, e.g.
  ``ACCOUNTS_ON`` to sign in (then ``app.sign_in(name, password)``).
- ``browser`` (session scope): Playwright's Chromium from Debian's /usr/bin/chromium; every
  browser test is skipped, with the reason, when that file is missing.
- ``page`` (per test): a fresh browser context and page (1400x1000). If the test fails, a
  screenshot goes to ``test-artifacts/failed-<test name>.png``.
- ``app`` (per test): an ``AppDriver`` tying ``page`` to ``streamlit_server``, with the helpers
  below as methods (``open``, ``wait_for_idle``, ``screenshot``).

Helpers (plain functions behind the ``app`` methods; reach them through ``app``, since a plain
``pytest`` run does not put the project root on sys.path for importing this conftest)
- ``open_app(page, base_url, path="")`` loads a page and waits until the app is connected and idle.
- ``wait_for_app_idle(page)`` waits until the current script run, if any, has finished.
- ``screenshot(page, name)`` saves ``test-artifacts/<name>.png`` and returns its path.
- ``sign_in(page, name, password)`` fills the sign-in form and waits until the app is idle.

Mark browser tests ``@pytest.mark.browser`` (``pytest -m "not browser"`` skips them).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page
from playwright.sync_api import Error as PlaywrightError

from quotegraph.store.db import Store, open_store

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = PROJECT_ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SERVER_START_TIMEOUT_S = 60.0
# Browser tests run as one solo user unless a module turns accounts on.
DEFAULT_SERVER_ENV = {"QUOTEGRAPH_ACCOUNTS": "off", "QUOTEGRAPH_SOLO_NAME": "ana"}
ACCOUNTS_ON = {"QUOTEGRAPH_ACCOUNTS": "on"}
APP_TIMEOUT_MS = 30_000

# Matches the app root only once the websocket is up and no script is running.
_APP_IDLE = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StreamlitServer:
    """One ``streamlit run app.py`` subprocess on a fixed store and port."""

    def __init__(
        self,
        db_url: str,
        workdir: Path,
        port: int | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.db_url = db_url
        self.env = {**DEFAULT_SERVER_ENV, **(env or {})}
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "streamlit.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        environment = {
            **os.environ,
            "QUOTEGRAPH_DB_URL": self.db_url,
            "PYTHONUNBUFFERED": "1",
            **self.env,
        }
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ]
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command,
                cwd=PROJECT_ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so stop() ends all of it
            )
        self._wait_until_healthy()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"streamlit exited at start-up:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"streamlit not healthy after {SERVER_START_TIMEOUT_S}s:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    def restart(self) -> None:
        """Stop the server and start a new process on the same store and port."""
        self.stop()
        self.start()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


@pytest.fixture(scope="module")
def server_env() -> dict[str, str]:
    """Environment added to the served app's; override it in a module (e.g. ``ACCOUNTS_ON``)."""
    return {}


@pytest.fixture(scope="module")
def streamlit_server(
    tmp_path_factory: pytest.TempPathFactory, server_env: dict[str, str]
) -> Iterator[StreamlitServer]:
    """The app served on a free port with an empty temporary store (samples load at start)."""
    workdir = tmp_path_factory.mktemp("streamlit")
    server = StreamlitServer(f"sqlite:///{workdir / 'q.db'}", workdir, env=server_env)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def store(streamlit_server: StreamlitServer) -> Iterator[Store]:
    """The served app's own store, for seeding data and reading back what the browser did."""
    handle = open_store(streamlit_server.db_url)
    yield handle
    handle.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    # Remember each phase's outcome on the test item, so ``page`` can tell it failed.
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(APP_TIMEOUT_MS)
    browser_page = context.new_page()
    yield browser_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        screenshot(browser_page, f"failed-{request.node.name}")
    context.close()


def open_app(page: Page, base_url: str, path: str = "") -> None:
    """Load ``base_url/path`` and wait until the app is connected and its first run is done."""
    page.goto(f"{base_url}/{path.lstrip('/')}")
    page.locator(_APP_IDLE).wait_for(timeout=APP_TIMEOUT_MS)
    wait_for_app_idle(page)


def wait_for_app_idle(page: Page, *, start_grace_ms: int = 300) -> None:
    """Wait until Streamlit has finished the rerun that the last interaction triggered.

    Right after a click the rerun may not have begun yet, so first give it ``start_grace_ms`` to
    begin, then wait for the app root to report no script running and for the "Running..."
    status widget and stale elements to be gone.
    """
    page.wait_for_timeout(start_grace_ms)
    page.locator(_APP_IDLE).wait_for(timeout=APP_TIMEOUT_MS)
    page.locator('[data-testid="stStatusWidget"]').wait_for(
        state="detached", timeout=APP_TIMEOUT_MS
    )
    page.wait_for_function(
        "() => document.querySelectorAll('[data-stale=\"true\"]').length === 0",
        timeout=APP_TIMEOUT_MS,
    )


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot of the whole page to ``test-artifacts/<name>.png`` (git-ignored)."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    path = ARTIFACTS_DIR / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    # Streamlit scrolls inside its main block, not the document, so full_page alone would cut
    # the page at the viewport: grow the viewport to the content for the shot, then restore it.
    viewport = page.viewport_size or {"width": 1400, "height": 1000}
    content_height = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight ?? 0"
    )
    if content_height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": int(content_height)})
        page.wait_for_timeout(200)  # let the grid redraw at the new size
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(viewport)
    return path


def sign_in(page: Page, name: str, password: str) -> None:
    """Fill the sign-in form on the page shown and wait for the run it starts to end."""
    page.get_by_label("Name or email").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    wait_for_app_idle(page)


class AppDriver:
    """One browser page on one running app: the helpers above, bound together."""

    def __init__(self, page: Page, server: StreamlitServer) -> None:
        self.page = page
        self.server = server

    def open(self, path: str = "") -> None:
        open_app(self.page, self.server.url, path)

    def wait_for_idle(self) -> None:
        wait_for_app_idle(self.page)

    def screenshot(self, name: str) -> Path:
        return screenshot(self.page, name)

    def sign_in(self, name: str, password: str) -> None:
        sign_in(self.page, name, password)

    def choose_option(self, box: Locator, name: str) -> None:
        """Open the dropdown ``box`` and click its option ``name``.

        A rerun that lands as the list opens redraws the widget and closes the list, so the
        option never shows: close what is left, wait for the run to end and open it again.
        """
        option = self.page.get_by_role("option", name=name, exact=True)
        for attempt in range(4):
            try:
                box.click(timeout=5_000)
                option.click(timeout=5_000)
                return
            except PlaywrightError:
                if attempt == 3:
                    raise
                self.page.keyboard.press("Escape")
                self.wait_for_idle()


@pytest.fixture
def app(page: Page, streamlit_server: StreamlitServer) -> AppDriver:
    return AppDriver(page, streamlit_server)
