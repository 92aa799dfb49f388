"""Time the Explore page on generated data: 1,000 actors, 300 concepts, 20,000 statements.

Run from the repository root: ``.venv/bin/python bench/explore.py [--repeat N] [--browser]``.

Prints, best of N (seconds, wall / CPU):
1. per network type, the network computed from the records, then the part drawn (the 60 busiest
   nodes, as the page's default), its layout and its plotly figure;
2. the steps of a first visit to the page with its default settings, outside Streamlit, on an
   SQLite store holding the same data: the data-version check, the store read (only the columns
   the page uses), the network records, the filters, the network, the part drawn, its layout,
   the plotly figure and its serialisation (as ``st.plotly_chart`` does it), and their total;
3. the whole Explore page under AppTest: the first run on a cold server (which also opens and
   migrates the store), a first visit in a new session after a decision was made elsewhere (the
   store is read again: the bar), a first visit with the data unchanged (read from the shared
   cache), a rerun (as after a click), the other two tabs opened, and a switch to the actor x
   actor network;
4. with ``--browser``, the page in headless Chromium (``/usr/bin/chromium``) against ``streamlit
   run`` on the same store: from the click on Explore in the menu until the network is drawn and
   until the run is over, with the files fetched and read from the cache, when plotly's bundle
   (the biggest file, loaded on the first chart) was asked for and received, and the websocket's
   bytes; for a fresh server's first visit, then per round: a new browser context (empty cache),
   a later visit in the same tab, a new tab and a reloaded tab (files cached), and a browser
   profile on disk, empty and then restarted (as an analyst's own browser keeps the files).
   The headers the server sends plotly's bundle with are printed too.
The bar is two seconds for the page. The page figures also give the CPU time the process
spent (``time.process_time``), which stays meaningful when other jobs share the machine and
stretch the wall clock; the load average is printed first. The data are those of
``bench/networks.py`` (seeded, "clustered" profile), stored through the ORM in a temporary
SQLite file.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import plotly.io  # noqa: E402
from annotate import APP_IDLE, CHROMIUM_ARGS, start_streamlit  # noqa: E402  (bench/annotate.py)
from networks import generate_records  # noqa: E402  (bench/networks.py)
from sqlalchemy import insert, select  # noqa: E402

from components import network_chart, network_layout  # noqa: E402
from components.statement_list import CARD_COLUMNS  # noqa: E402
from quotegraph import networks  # noqa: E402
from quotegraph.annotation.statement_table import (  # noqa: E402
    RECORD_COLUMNS,
    load_statement_table,
    statement_records,
    statement_table_version,
)
from quotegraph.annotation.statements import get_statement, update_statement  # noqa: E402
from quotegraph.networks import StatementRecord  # noqa: E402
from quotegraph.store.db import Store, open_store  # noqa: E402
from quotegraph.store.models import Actor, Article, Concept, Statement  # noqa: E402

DRAWN_NODES = 60  # the page's default "Most nodes drawn"
PAGE_BAR_SECONDS = 2.0
# the columns app_pages/explore.py reads: what the network records and the statement cards need
EXPLORE_COLUMNS = tuple(dict.fromkeys(RECORD_COLUMNS + CARD_COLUMNS))
SENTENCE = "The minister said the plan would work, and critics said it would not. "


def store_records(store: Store, records: list[StatementRecord]) -> None:
    """Write the generated statements, their actors, concepts and articles in one transaction."""
    actors = sorted({r.actor for r in records})
    affiliations = sorted({r.affiliation for r in records if r.affiliation})
    concepts = sorted({r.concept for r in records})
    articles = sorted({r.article_id for r in records})
    per_article: dict[int, int] = {}
    for record in records:
        per_article[record.article_id] = per_article.get(record.article_id, 0) + 1
    published = {r.article_id: r.published for r in records}
    with store.session(write=True) as session:
        session.execute(
            insert(Article),
            [
                {
                    "id": article,
                    "text": SENTENCE * (per_article[article] + 1),
                    "sha256": f"{article:064d}",
                    "title": f"Article {article}",
                    "published": published[article],
                    "word_count": 0,
                }
                for article in articles
            ],
        )
        names = affiliations + [a for a in actors if a not in set(affiliations)]
        actor_id = {name: number for number, name in enumerate(names, start=1)}
        affiliation_of = {r.actor: r.affiliation for r in records}
        session.execute(
            insert(Actor),
            [
                {
                    "id": actor_id[name],
                    "name": name,
                    "key": name,
                    "type": "organisation" if name in affiliations else "person",
                    "affiliation_id": actor_id.get(affiliation_of.get(name) or ""),
                }
                for name in names
            ],
        )
        concept_id = {name: number for number, name in enumerate(concepts, start=1)}
        session.execute(
            insert(Concept), [{"id": i, "name": name} for name, i in concept_id.items()]
        )
        position: dict[int, int] = {}
        rows = []
        for record in records:
            slot = position.get(record.article_id, 0)
            position[record.article_id] = slot + 1
            start = slot * len(SENTENCE)
            rows.append(
                {
                    "id": record.statement_id,
                    "article_id": record.article_id,
                    "start": start,
                    "end": start + len(SENTENCE) - 1,
                    "actor_id": actor_id[record.actor],
                    "concept_id": concept_id[record.concept],
                    "stance": record.stance,
                    "kind": "direct",
                    "status": "accepted",
                    "field_origins": {},
                }
            )
        session.execute(insert(Statement), rows)


def network_cases(records: list[StatementRecord]) -> list[tuple[str, Callable[[], object]]]:
    return [
        ("actor x concept", lambda: networks.actor_concept_network(records)),
        ("actor x actor congruence", lambda: networks.actor_network(records)),
        (
            "actor x actor conflict",
            lambda: networks.actor_network(records, aggregation="conflict"),
        ),
        (
            "actor x actor subtract",
            lambda: networks.actor_network(records, aggregation="subtract"),
        ),
        ("actor x statement", lambda: networks.actor_statement_network(records)),
    ]


def drawn(graph: object) -> object:
    shown = network_layout.shown_subgraph(graph, max_nodes=DRAWN_NODES, max_edges=4 * DRAWN_NODES)
    network_layout._LAYOUT_CACHE.clear()  # time the layout, not the cache
    return network_chart.network_figure(shown, network_layout.graph_layout(shown)).to_json()


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and process CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def best_of(repeat: int, compute: Callable[[], object]) -> tuple[float, float, object]:
    """Best wall-clock and best CPU seconds over ``repeat`` calls, and the last result."""
    best_wall, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        result = None  # free the previous result outside the timed region
        wall, cpu = time.perf_counter(), time.process_time()
        result = compute()
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_wall, best_cpu, result


def page_steps(store: Store, repeat: int) -> None:
    """Time each step of a first visit with the page's default settings, and their total."""
    labels = {-1: "disagree", 0: "neutral", 1: "agree"}
    scale = tuple(sorted(labels))
    results: dict[str, object] = {}

    def step(name: str, compute: Callable[[], object]) -> Callable[[], None]:
        return lambda: results.__setitem__(name, compute())

    steps = [
        ("data version", step("version", lambda: statement_table_version(store))),
        (
            "store read",
            step(
                "table",
                lambda: load_statement_table(
                    store, include_suggested=False, columns=EXPLORE_COLUMNS
                ),
            ),
        ),
        ("network records", step("records", lambda: statement_records(results["table"]))),
        ("filters", step("kept", lambda: networks.filter_statements(results["records"]))),
        (
            "network (actor x concept)",
            step("graph", lambda: networks.actor_concept_network(results["kept"], scale=scale)),
        ),
        (
            "part drawn",
            step(
                "shown",
                lambda: network_layout.shown_subgraph(
                    results["graph"], max_nodes=DRAWN_NODES, max_edges=4 * DRAWN_NODES
                ),
            ),
        ),
        ("layout", step("positions", lambda: uncached_layout(results["shown"]))),
        (
            "plotly figure",
            step(
                "figure",
                lambda: network_chart.network_figure(results["shown"], results["positions"]),
            ),
        ),
        (
            "serialisation",
            step("json", lambda: plotly.io.to_json(results["figure"], validate=False)),
        ),
    ]
    total_wall = total_cpu = 0.0
    for name, run in steps:
        wall, cpu, _ = best_of(repeat, run)
        total_wall, total_cpu = total_wall + wall, total_cpu + cpu
        print(f"  {name:<26} {wall:7.3f} / {cpu:6.3f}")
    print(
        f"  {'total':<26} {total_wall:7.3f} / {total_cpu:6.3f}   "
        f"{len(results['table'])} rows read, {len(results['json']) // 1024} KB of figure"
    )


def uncached_layout(graph: object) -> object:
    network_layout._LAYOUT_CACHE.clear()  # time the layout, not the cache
    return network_layout.graph_layout(graph)


def change_one_statement(url: str) -> None:
    """A decision made elsewhere (in Annotate): one statement's stance flipped, as a person
    would, through the core; the store's data version changes with it."""
    store = open_store(url)
    with store.session() as session:
        first = session.scalars(select(Statement.id).order_by(Statement.id).limit(1)).one()
    view = get_statement(store, first)
    update_statement(
        store,
        first,
        expected_version=view.version,
        annotator="bench",
        stance=-(view.stance or 1),
    )
    store.dispose()


# The network drawn: plotly has put the node markers on the page.
NETWORK_DRAWN = '[data-testid="stPlotlyChart"] .js-plotly-plot .scatterlayer .points path'
BROWSER_TIMEOUT_MS = 120_000
# Every file the page fetched since the click, times in ms after it: [url, bytes over the
# network (0 when read from the browser's cache), asked at, received at].
_RESOURCES_SINCE_JS = """
(clicked) => performance.getEntriesByType('resource')
  .filter((entry) => entry.startTime >= clicked)
  .map((entry) => [entry.name, entry.transferSize,
                   entry.startTime - clicked, entry.responseEnd - clicked])
"""


# Chromium's own accounts of where a tab's time went (DevTools' Performance.getMetrics), seconds.
# (V8CompileDuration read 0 on every visit measured in headless Chromium, so it is left out.)
BROWSER_METRICS = {
    "ScriptDuration": "running JS",
    "RecalcStyleDuration": "styles",
    "LayoutDuration": "layout",
}


@dataclass
class Visit:
    """One click on Explore in the app's menu, until the network is drawn and the app idle."""

    drawn: float  # seconds from the click to the node markers on the page
    idle: float  # seconds from the click to the end of the script run
    fetched: int  # files fetched over the network
    fetched_bytes: int
    cached: int  # files read from the browser's cache
    plotly: tuple[float, float] | None  # plotly's bundle asked for and received, ms after click
    socket_bytes: int  # what the server sent over the websocket meanwhile
    spent: dict[str, float]  # BROWSER_METRICS over the visit, seconds


class AppTab:
    """A browser tab on the app (one Streamlit session), counting the websocket's bytes."""

    def __init__(self, context: Any, base: str) -> None:
        self.page = context.new_page()
        self.socket_bytes = 0
        self.page.on("websocket", self._watch)
        self.page.add_init_script("performance.setResourceTimingBufferSize(10000)")
        self.devtools = context.new_cdp_session(self.page)
        self.devtools.send("Performance.enable")
        self.base = base

    def _watch(self, socket: Any) -> None:
        socket.on("framereceived", self._count)

    def _count(self, frame: str | bytes) -> None:
        self.socket_bytes += len(frame)

    def _metrics(self) -> dict[str, float]:
        metrics = self.devtools.send("Performance.getMetrics")["metrics"]
        return {metric["name"]: metric["value"] for metric in metrics}

    def open_library(self) -> None:
        """Load the app's first page (Library) and wait for its run to end."""
        self.page.goto(self.base)
        self._wait_idle()

    def back_to_library(self, *, reload: bool = False) -> None:
        """Follow the menu to Library; ``reload`` then reloads the tab there."""
        self.page.get_by_role("link", name="Library").click()
        self.page.wait_for_timeout(300)
        self._wait_idle()
        if reload:
            self.page.reload()
            self._wait_idle()

    def _wait_idle(self) -> None:
        self.page.get_by_role("link", name="Explore").wait_for(timeout=BROWSER_TIMEOUT_MS)
        self.page.locator(APP_IDLE).wait_for(timeout=BROWSER_TIMEOUT_MS)
        self.page.locator('[data-testid="stStatusWidget"]').wait_for(
            state="detached", timeout=BROWSER_TIMEOUT_MS
        )

    def visit_explore(self) -> Visit:
        """Click Explore in the menu; time it until the network is drawn and the run is over."""
        before, metrics = self.socket_bytes, self._metrics()
        clicked = self.page.evaluate("() => performance.now()")
        begin = time.perf_counter()
        self.page.get_by_role("link", name="Explore").click()
        self.page.locator(NETWORK_DRAWN).first.wait_for(timeout=BROWSER_TIMEOUT_MS)
        drawn = time.perf_counter() - begin
        self._wait_idle()
        idle = time.perf_counter() - begin
        after = self._metrics()
        resources = self.page.evaluate(_RESOURCES_SINCE_JS, clicked)
        network = [entry for entry in resources if entry[1] > 0]
        plotly = next(
            ((asked, got) for name, _, asked, got in resources if "PlotlyChart" in name), None
        )
        return Visit(
            drawn=drawn,
            idle=idle,
            fetched=len(network),
            fetched_bytes=sum(entry[1] for entry in network),
            cached=len(resources) - len(network),
            plotly=plotly,
            socket_bytes=self.socket_bytes - before,
            spent={name: after[name] - metrics[name] for name in BROWSER_METRICS},
        )


def print_visit(label: str, visit: Visit) -> None:
    plotly = (
        f"plotly's bundle asked at {visit.plotly[0] / 1000:.2f} s, in at "
        f"{visit.plotly[1] / 1000:.2f} s"
        if visit.plotly
        else "plotly's bundle already loaded"
    )
    spent = ", ".join(
        f"{BROWSER_METRICS[name]} {seconds:.2f}" for name, seconds in visit.spent.items()
    )
    print(
        f"  {label:<38} drawn {visit.drawn:5.2f} s, idle {visit.idle:5.2f} s\n"
        f"  {'':<38} {visit.fetched} files fetched ({visit.fetched_bytes / 1e6:.2f} MB), "
        f"{visit.cached} from the cache; {plotly}; websocket {visit.socket_bytes / 1024:.0f} KiB\n"
        f"  {'':<38} the tab's own work (s): {spent}",
        flush=True,
    )


def static_headers(base: str, path: str) -> str:
    """The headers the server sends with one of its static files, asked for as a browser asks
    (accepting gzip), and the file's size plain and gzipped."""
    request = urllib.request.Request(f"{base}{path}", headers={"Accept-Encoding": "gzip, br"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        body = reply.read()
        headers = reply.headers
    return (
        f"Cache-Control: {headers.get('Cache-Control')}; Content-Encoding: "
        f"{headers.get('Content-Encoding') or '(none)'}; {len(body) / 1e6:.2f} MB sent, "
        f"{len(gzip.compress(body, 6)) / 1e6:.2f} MB if gzipped"
    )


def browser_visits(url: str, folder: Path, repeat: int) -> None:
    """Time the Explore page in headless Chromium against ``streamlit run`` on the store at
    ``url``: a browser with an empty cache, then with the files cached (a new tab, a reload,
    the browser restarted on its profile), and a later visit in the same tab."""
    from playwright.sync_api import sync_playwright

    print(f"browser (headless Chromium), load average {os.getloadavg()[0]:.1f}; seconds after")
    print("the click on Explore in the menu until the network is drawn / the run is over:")
    server, base = start_streamlit(ROOT / "app.py", url, folder / "streamlit.log")
    launch = {"executable_path": "/usr/bin/chromium", "headless": True, "args": CHROMIUM_ARGS}
    viewport = {"width": 1400, "height": 1000}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch)
            # the server's first visit reads the store and fills the cache all sessions share
            context = browser.new_context(viewport=viewport)
            tab = AppTab(context, base)
            tab.open_library()
            print_visit("a fresh server's first visit", tab.visit_explore())
            bundle = tab.page.evaluate(
                "() => performance.getEntriesByType('resource').map((e) => e.name)"
                ".find((name) => name.includes('PlotlyChart'))"
            )
            context.close()
            if bundle:
                print(f"  plotly bundle: {static_headers(base, bundle.removeprefix(base))}")
            for _ in range(repeat):
                context = browser.new_context(viewport=viewport)
                tab = AppTab(context, base)
                tab.open_library()
                print_visit("(a) new browser context, empty cache", tab.visit_explore())
                tab.back_to_library()
                print_visit("(c) later visit, same tab", tab.visit_explore())
                tab = AppTab(context, base)
                tab.open_library()
                print_visit("(b) new tab, files cached", tab.visit_explore())
                tab.back_to_library(reload=True)
                print_visit("(b) tab reloaded, files cached", tab.visit_explore())
                context.close()
            browser.close()
            # An analyst's own browser: its profile on disk keeps the files between sessions.
            for number in range(repeat):
                profile = folder / f"profile-{number}"
                for label in (
                    "(a) browser profile, empty cache",
                    "(b) same profile, browser restarted",
                    "(b) same profile, restarted again",
                ):
                    context = playwright.chromium.launch_persistent_context(
                        profile, viewport=viewport, **launch
                    )
                    tab = AppTab(context, base)
                    tab.open_library()
                    print_visit(label, tab.visit_explore())
                    context.close()
    finally:
        server.terminate()
        server.wait(timeout=15)
    print(f"  load average at the end {os.getloadavg()[0]:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--browser",
        action="store_true",
        help="also time the page in headless Chromium: empty cache, cached files, later visits",
    )
    args = parser.parse_args()

    records = generate_records(networks.BINARY_SCALE)
    kept = networks.filter_statements(records)
    print(
        f"{len({r.actor for r in records})} actors, {len({r.concept for r in records})} concepts, "
        f"{len(records)} statements ({len(kept)} after once-per-article); best of {args.repeat}"
    )
    print(f"load average {os.getloadavg()[0]:.1f}; times are wall / CPU seconds")
    print(f"{'network':<28} {'compute':>17} {'draw 60 nodes':>17}   size")
    for name, compute in network_cases(kept):
        wall, cpu, graph = best_of(args.repeat, compute)
        draw_wall, draw_cpu, _ = best_of(args.repeat, lambda g=graph: drawn(g))
        print(
            f"{name:<28} {wall:7.3f} / {cpu:6.3f} {draw_wall:7.3f} / {draw_cpu:6.3f}   "
            f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
        )

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        store = open_store(url)
        store_records(store, records)
        print("first visit, step by step (outside Streamlit):")
        page_steps(store, args.repeat)
        store.dispose()

        os.environ["QUOTEGRAPH_DB_URL"] = url
        from streamlit.testing.v1 import AppTest

        def new_session(start: str = "app_pages/library.py") -> AppTest:
            # A new session that opens another page, then Explore: what a user waits for on a
            # warm server. (Each AppTest's own first run also scans the installed packages for
            # components, about a second of CPU that a real server spends once at start-up.)
            session = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            session.switch_page(start)
            session.run()
            session.switch_page("app_pages/explore.py")
            return session

        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        app.switch_page("app_pages/explore.py")
        cold, cold_cpu = timed(app.run)  # also opens and migrates the store, once per server
        if app.exception:
            print("the page failed:", app.exception[0].message)
            return 1
        print(f"{'Explore page, cold server':<36} {cold:7.3f} / {cold_cpu:6.3f}")
        app = new_session("app_pages/annotate.py")
        change_one_statement(url)
        first, first_cpu = timed(app.run)
        summary = next((c.value for c in app.caption if " statements by " in c.value), "")
        print(
            f"{'Explore page, first visit (changed)':<36} {first:7.3f} / {first_cpu:6.3f}   "
            f"{summary}"
        )
        app = new_session()
        same, same_cpu = timed(app.run)
        print(f"{'Explore page, first visit (same)':<36} {same:7.3f} / {same_cpu:6.3f}")
        rerun, rerun_cpu = min(timed(app.run) for _ in range(args.repeat))
        print(f"{'Explore page, rerun (click)':<36} {rerun:7.3f} / {rerun_cpu:6.3f}")
        tabs = []
        for tab in ("Stance counts", "Mixed messages", "Network"):
            app.session_state["explore_tab"] = tab
            wall, cpu = timed(app.run)
            tabs.append((wall, cpu))
            print(f"{'Explore page, open ' + tab:<36} {wall:7.3f} / {cpu:6.3f}")
        app.selectbox(key="explore_network").set_value("Actor × actor: congruence")
        other, other_cpu = timed(app.run)
        print(f"{'Explore page, other network':<36} {other:7.3f} / {other_cpu:6.3f}")
        if args.browser:
            browser_visits(url, Path(folder), args.repeat)
    # the bar is for what a user waits for on a running server, so the cold start is left out
    runs = [(first, first_cpu), (same, same_cpu), (rerun, rerun_cpu), (other, other_cpu), *tabs]
    slowest = max(wall for wall, _ in runs)
    slowest_cpu = max(cpu for _, cpu in runs)
    verdict = "under" if slowest < PAGE_BAR_SECONDS else "OVER"
    print(
        f"slowest page run on a running server: {slowest:.3f} s wall ({slowest_cpu:.3f} s CPU), "
        f"{verdict} the {PAGE_BAR_SECONDS:.0f} s bar; load average {os.getloadavg()[0]:.1f}"
    )
    return 0 if slowest < PAGE_BAR_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
