"""What accounts cost: prints figures, asserts nothing.

Times a sign-in (one argon2 check), a signed-token check (what every refreshed page pays), and
one statement decision in an open store against the same decision in a closed store (where the
core checks the role first). Usage:

    python bench/accounts.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotegraph.annotation.statements import create_statement, update_statement
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store, open_store
from quotegraph.team.accounts import create_first_admin, create_user, verify_sign_in
from quotegraph.team.sign_in_tokens import account_from_token, issue_token

TEXT = "The minister said the plan would work. " * 50


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def decision_ms(store: Store, who: str, repeat: int) -> float:
    article_id = add_article(store, ArticleDraft(text=TEXT + who, title=who)).article_id
    statement = create_statement(store, article_id, 0, 37, annotator=who)
    version = [statement.version]
    notes = iter(range(10**6))

    def decide() -> None:
        view = update_statement(
            store, statement.id, expected_version=version[0], annotator=who, note=str(next(notes))
        )
        version[0] = view.version

    return median_ms(decide, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.db'}")
        open_ms = decision_ms(store, "solo", args.repeat)
        create_first_admin(store, "ada", "admin-password")
        create_user(store, "cora", role="coder", password="coder-password", by="ada")
        closed_ms = decision_ms(store, "cora", args.repeat)
        sign_in = median_ms(lambda: verify_sign_in(store, "cora", "coder-password"), 10)
        token = issue_token(store, "cora")
        token_ms = median_ms(lambda: account_from_token(store, token), args.repeat)
        store.dispose()
    print(f"statement decision, open store:   {open_ms:7.2f} ms (median of {args.repeat})")
    print(f"statement decision, closed store: {closed_ms:7.2f} ms (role checked first)")
    print(f"sign-in (argon2 verify):          {sign_in:7.2f} ms (median of 10)")
    print(f"token check on a refresh:         {token_ms:7.2f} ms")


if __name__ == "__main__":
    main()
