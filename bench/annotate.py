"""How fast Annotate answers a decision on a long article. Prints figures; asserts nothing.

A generated 10,000-word article with 300 machine suggestions and 1,000 entities goes into a
temporary SQLite store. Then:

1. server, the annotation fragment's work after a decision, timed directly: the write, the
   reads the fragment makes, the view's payload (built and serialised as Streamlit sends it,
   without the document, which a decision does not resend);
2. server, a whole rerun of the page through AppTest after clicking Accept (this includes
   AppTest's own overhead of rebuilding its element tree, so it is an upper bound);
3. browser, `streamlit run` + headless Chromium: from pressing "a" to the statement being drawn
   as accepted (the decision written, the fragment rerun, the view redrawn).

Targets: server median under 100 ms, browser median under 300 ms. The load average is printed,
and so is an empty fragment's round trip on the same machine: on shared cores Streamlit's own
round trip can exceed the browser target before the page does anything.

    .venv/bin/python bench/annotate.py [--rounds 30] [--no-browser]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from components.article_view import build_view_data  # noqa: E402
from quotegraph.analysis.nlp import PIPELINE_VERSION  # noqa: E402
from quotegraph.annotation import codebook_actors, codebook_concepts, stance_scale  # noqa: E402
from quotegraph.annotation import statements as annotation  # noqa: E402
from quotegraph.annotation.history import can_undo_redo  # noqa: E402
from quotegraph.store.articles import ArticleDraft, add_article, get_article  # noqa: E402
from quotegraph.store.db import Store, open_store  # noqa: E402
from quotegraph.store.models import Article, Entity, Statement  # noqa: E402

WORDS = 10_000
STATEMENTS = 300
ENTITIES = 1_000
_PROSE = (
    "the minister said talks would resume after sanctions were lifted by the council while "
    "critics warned that the deal could collapse if troops stayed near the border 😀 𝔐"
)
VOCABULARY = tuple(_PROSE.split(" "))
NAMES = ("Rouhani", "Zarif", "Pompeo", "Trump", "Tehran", "Baghdad", "Reuters", "Quds")


def generated_article(seed: int = 7) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Text of WORDS words in paragraphs, the statement spans and the entity spans."""
    rng = random.Random(seed)
    words = [rng.choice(NAMES if i % 10 == 0 else VOCABULARY) for i in range(WORDS)]
    text_parts: list[str] = []
    starts: list[int] = []
    position = 0
    for index, word in enumerate(words):
        separator = "\n\n" if index and index % 120 == 0 else " " if index else ""
        position += len(separator)
        text_parts.append(separator + word)
        starts.append(position)
        position += len(word)
    text = "".join(text_parts)
    ends = [start + len(word) for start, word in zip(starts, words, strict=True)]
    statements = []
    step = WORDS // STATEMENTS
    for n in range(STATEMENTS):
        first = n * step + 2
        statements.append((starts[first], ends[first + 12]))
    entity_words = [i for i in range(WORDS) if words[i] in NAMES][:ENTITIES]
    entities = [(starts[i], ends[i]) for i in entity_words]
    return text, statements, entities


def seed_store(store: Store) -> int:
    text, statements, entities = generated_article()
    article_id = add_article(store, ArticleDraft(text=text, title="Bench: long article")).article_id
    with store.session(write=True) as session:
        session.get(Article, article_id).analysed_version = PIPELINE_VERSION
        session.add_all(
            Entity(article_id=article_id, start=s, end=e, label="PERSON", text=text[s:e])
            for s, e in entities
        )
        session.add_all(
            Statement(
                article_id=article_id,
                start=s,
                end=e,
                kind="direct",
                status="suggested",
                field_origins={"span": "machine", "status": "machine"},
            )
            for s, e in statements
        )
    return article_id


def report(label: str, samples_ms: list[float], target_ms: float) -> None:
    median = statistics.median(samples_ms)
    p90 = sorted(samples_ms)[int(0.9 * (len(samples_ms) - 1))]
    verdict = "under" if median < target_ms else "OVER"
    print(
        f"{label}: median {median:.1f} ms, p90 {p90:.1f} ms, min {min(samples_ms):.1f} ms "
        f"over {len(samples_ms)} decisions ({verdict} the {target_ms:.0f} ms target)"
    )


def bench_fragment_work(store: Store, article_id: int, rounds: int) -> None:
    """The work one fragment rerun does after a decision, without Streamlit."""
    article = get_article(store, article_id)
    with store.session() as session:
        entities = session.execute(
            Entity.__table__.select().where(Entity.article_id == article_id)
        ).all()
    samples = []
    payload_bytes = 0
    for _ in range(rounds):
        statements = annotation.list_statements(store, article_id)
        target = next(s for s in statements if s.status == "suggested")
        started = time.perf_counter()
        annotation.update_statement(
            store, target.id, expected_version=target.version, annotator="bench", status="accepted"
        )
        article = get_article(store, article_id)
        statements = annotation.list_statements(store, article_id)
        levels = [(level.value, level.label) for level in stance_scale.list_stance_levels(store)]
        codebook_actors.list_actors(store)
        codebook_concepts.list_concepts(store)
        can_undo_redo(store, annotator="bench", article_id=article_id)
        view = {
            "doc_key": f"{article_id}:{article.sha256}",
            "text": article.text,
            "entities": entities,
            "statements": statements,
            "selected_id": target.id,
            "stance_levels": levels,
        }
        # A decision reruns the fragment, whose view keeps the document it was sent.
        payload_bytes = len(json.dumps(build_view_data(**view, include_document=False)))
        samples.append((time.perf_counter() - started) * 1000)
    report("server, fragment work after a decision (direct)", samples, 100)
    whole = build_view_data(**view)
    print(
        f"  view payload: {payload_bytes / 1024:.0f} KiB of JSON per decision, "
        f"{len(json.dumps(whole)) / 1024:.0f} KiB when the document is sent too (page load)"
    )


def bench_apptest(db_url: str, article_id: int, rounds: int) -> None:
    from streamlit.testing.v1 import AppTest

    os.environ["QUOTEGRAPH_DB_URL"] = db_url
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    app.query_params["article"] = str(article_id)
    app.query_params["annotator"] = "apptest"
    app.switch_page("app_pages/annotate.py")
    app.run()
    if app.exception:
        print(f"AppTest failed: {app.exception}")
        return
    samples = []
    for _ in range(rounds):
        accept = next(b for b in app.button if b.label == "Accept (a)")
        started = time.perf_counter()
        accept.click().run()
        samples.append((time.perf_counter() - started) * 1000)
    report(
        "server, whole page rerun via AppTest after Accept (incl. AppTest overhead)", samples, 100
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The smallest possible fragment rerun, to tell this machine's Streamlit round trip apart from
# the Annotate page's own cost.
BASELINE_APP = """
import streamlit as st

@st.fragment
def area():
    st.session_state.rev = st.session_state.get("rev", 0) + 1
    st.button("go")
    st.markdown(f"rev-{st.session_state.rev}")

area()
"""
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def start_streamlit(script: Path, db_url: str, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log_path.open("wb") as log:  # the child keeps its own copy of the handle
        server = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env={**os.environ, "QUOTEGRAPH_DB_URL": db_url},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                break
        except OSError:
            time.sleep(0.2)
    return server, base


def bench_baseline(rounds: int, workdir: Path) -> None:
    from playwright.sync_api import sync_playwright

    script = workdir / "baseline.py"
    script.write_text(BASELINE_APP, encoding="utf-8")
    server, base = start_streamlit(script, "sqlite://", workdir / "baseline.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            page.goto(base)
            page.wait_for_selector("text=rev-1")
            page.wait_for_timeout(500)
            samples = []
            for run in range(2, rounds + 2):
                done = f'{APP_IDLE}:has-text("rev-{run}")'
                started = time.perf_counter()
                page.get_by_role("button", name="go").click()
                page.wait_for_selector(done)
                samples.append((time.perf_counter() - started) * 1000)
                page.wait_for_timeout(100)
            report("browser, baseline: an empty fragment's rerun on this machine", samples, 300)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)


def bench_browser(db_url: str, article_id: int, rounds: int, workdir: Path) -> None:
    from playwright.sync_api import sync_playwright

    server, base = start_streamlit(PROJECT_ROOT / "app.py", db_url, workdir / "streamlit.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/annotate?article={article_id}&annotator=browser")
            page.wait_for_selector('[data-testid="qg-article-text"] .qg-sel', timeout=60_000)
            page.wait_for_timeout(1000)
            shown, confirmed, redraws, in_page, received = [], [], [], [], []
            text_box = '[data-testid="qg-article-text"]'
            socket_bytes = [0]  # everything the server sends the page over its websocket

            def count_frames(socket: Any) -> None:
                socket.on("framereceived", lambda frame: add_frame(frame))

            def add_frame(frame: str | bytes) -> None:
                socket_bytes[0] += len(frame)

            page.on("websocket", count_frames)
            page.reload()
            page.wait_for_selector(f"{text_box} .qg-sel", timeout=60_000)
            page.wait_for_timeout(1000)
            for _ in range(rounds):
                selected = page.get_attribute(f"{text_box} .qg-sel", "data-sid")
                rev = page.get_attribute(".qg-view", "data-rev")
                accepted = f'{text_box} .qg-st-accepted[data-sid="{selected}"]'
                before = socket_bytes[0]
                started = time.perf_counter()
                page.keyboard.press("a")
                page.wait_for_selector(accepted, timeout=10_000)
                shown.append((time.perf_counter() - started) * 1000)
                in_page.append(float(page.get_attribute(".qg-view", "data-ahead-ms")))
                # The server's answer: a new payload that still draws it accepted.
                page.wait_for_function(
                    "([rev, css]) => document.querySelector('.qg-view').getAttribute('data-rev')"
                    " !== rev && document.querySelector(css) !== null",
                    arg=[rev, accepted],
                    polling="raf",
                    timeout=10_000,
                )
                confirmed.append((time.perf_counter() - started) * 1000)
                redraws.append(float(page.get_attribute(".qg-view", "data-render-ms")))
                page.wait_for_timeout(100)
                received.append(socket_bytes[0] - before)
            report("browser, keypress 'a' to the statement drawn as accepted", shown, 300)
            print(
                "  measured inside the page (key event to drawn, without Playwright's round "
                f"trips): median {statistics.median(in_page):.1f} ms"
            )
            report(
                "browser, keypress 'a' to the server's redraw (decision stored, fragment rerun)",
                confirmed,
                300,
            )
            print(f"  of which the view's own redraw: median {statistics.median(redraws):.1f} ms")
            print(
                f"  sent to the browser per decision (websocket, all elements): median "
                f"{statistics.median(received) / 1024:.0f} KiB"
            )
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--no-browser", action="store_true")
    options = parser.parse_args()
    print(f"load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        for name, run in (
            ("direct", "fragment"),
            ("apptest", "apptest"),
            ("browser", "browser"),
        ):
            if run == "browser" and options.no_browser:
                continue
            db_url = f"sqlite:///{workdir / f'{name}.db'}"
            store = open_store(db_url)
            article_id = seed_store(store)
            if name == "direct":
                text = get_article(store, article_id).text
                print(
                    f"article: {len(text.split())} words, {STATEMENTS} statements, "
                    f"{ENTITIES} entities, {len(text)} characters"
                )
                bench_fragment_work(store, article_id, options.rounds)
            elif name == "apptest":
                bench_apptest(db_url, article_id, options.rounds)
            else:
                bench_baseline(options.rounds, workdir)
                bench_browser(db_url, article_id, options.rounds, workdir)
            store.dispose()


if __name__ == "__main__":
    main()
