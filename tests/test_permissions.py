"""Roles enforced in the core: in a closed store (one with an active admin) a write that the
signed-in user's role does not allow is refused with PermissionDenied and writes nothing; an
open store (no admin) lets every name write, as before accounts existed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from quotegraph.analysis.first_pass import set_position_suggestions
from quotegraph.annotation.codebook_actors import create_actor, merge_actors
from quotegraph.annotation.codebook_concepts import create_concept, delete_concept
from quotegraph.annotation.stance_scale import FIVE_POINT_SCALE, set_stance_scale
from quotegraph.annotation.statements import create_statement
from quotegraph.reading.ingest import import_items
from quotegraph.store.articles import ArticleDraft, add_article, delete_article
from quotegraph.store.db import Store
from quotegraph.store.models import Actor, Article, Assignment, Change, Concept, Meta, Statement
from quotegraph.team.accounts import create_first_admin, create_user, set_active
from quotegraph.team.permissions import CODE, IMPORT, PermissionDenied, may

TEXT = "The minister said the plan would work. Critics said it would fail."


def _count(store: Store, model: type) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def _close(store: Store) -> int:
    """Give ``store`` an admin, a coder and a viewer; returns an article id."""
    article_id = add_article(store, ArticleDraft(text=TEXT, title="t")).article_id
    create_first_admin(store, "ada", "admin-password")
    create_user(store, "cora", role="coder", password="coder-password", by="ada")
    create_user(store, "carl", role="coder", password="coder-password", by="ada")
    create_user(store, "vic", role="viewer", password="viewer-password", by="ada")
    return article_id


def _assign(store: Store, article_id: int, coder: str) -> None:
    with store.session(write=True) as session:
        session.add(Assignment(article_id=article_id, coder=coder, assigned_by="ada"))


def test_an_open_store_lets_any_name_write(store: Store) -> None:
    article_id = add_article(store, ArticleDraft(text=TEXT, title="t")).article_id
    create_statement(store, article_id, 0, 12, annotator="someone")
    create_concept(store, "plan", annotator="someone")
    set_stance_scale(store, FIVE_POINT_SCALE, annotator="someone")
    assert _count(store, Statement) == 1
    assert _count(store, Concept) == 1


@pytest.mark.parametrize("who", ["vic", "nobody"])
def test_a_viewer_or_unknown_name_writes_nothing(store: Store, who: str) -> None:
    article_id = _close(store)
    changes_before = _count(store, Change)
    writes = [
        lambda: create_statement(store, article_id, 0, 12, annotator=who),
        lambda: create_concept(store, "plan", annotator=who),
        lambda: create_actor(store, "The minister", annotator=who),
        lambda: add_article(store, ArticleDraft(text="Another text.", title="x"), annotator=who),
        lambda: import_items(store, [ArticleDraft(text="A third.", title="y")], annotator=who),
        lambda: delete_article(store, article_id, annotator=who),
        lambda: set_position_suggestions(store, False, annotator=who),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert _count(store, Statement) == 0
    assert _count(store, Concept) == 0
    assert _count(store, Actor) == 0
    assert _count(store, Article) == 1
    with store.session() as session:
        assert session.get(Meta, "setting.position_suggestions") is None
    assert _count(store, Change) == changes_before


def test_a_coder_codes_only_their_own_assigned_articles(store: Store) -> None:
    article_id = _close(store)
    # Nobody assigned yet: every coder may code it.
    create_statement(store, article_id, 0, 12, annotator="carl")
    _assign(store, article_id, "cora")
    with pytest.raises(PermissionDenied, match="not assigned"):
        create_statement(store, article_id, 39, 46, annotator="carl")
    create_statement(store, article_id, 39, 46, annotator="cora")
    with store.session() as session:
        assert sorted(session.scalars(select(Statement.annotator))) == ["carl", "cora"]
        assert may(session, "cora", CODE, article_id=article_id)
        assert not may(session, "carl", CODE, article_id=article_id)


def test_a_coder_edits_the_codebook_but_may_not_manage_it(store: Store) -> None:
    _close(store)
    concept = create_concept(store, "plan", annotator="cora")
    first = create_actor(store, "The minister", annotator="cora")
    second = create_actor(store, "Minister", annotator="cora")
    with pytest.raises(PermissionDenied):
        delete_concept(store, concept.id, annotator="cora")
    with pytest.raises(PermissionDenied):
        merge_actors(store, second.id, first.id, annotator="cora")
    with pytest.raises(PermissionDenied):
        set_stance_scale(store, FIVE_POINT_SCALE, annotator="cora")
    with pytest.raises(PermissionDenied):
        add_article(store, ArticleDraft(text="Another text.", title="x"), annotator="cora")
    assert _count(store, Concept) == 1
    with store.session() as session:
        assert session.get(Actor, second.id).merged_into_id is None
        assert not may(session, "cora", IMPORT)
    merge_actors(store, second.id, first.id, annotator="ada")
    delete_concept(store, concept.id, annotator="ada")
    assert _count(store, Concept) == 0


def test_a_switched_off_account_may_no_longer_write(store: Store) -> None:
    article_id = _close(store)
    set_active(store, "cora", False, by="ada")
    with pytest.raises(PermissionDenied, match="switched off"):
        create_statement(store, article_id, 0, 12, annotator="cora")
    assert _count(store, Statement) == 0
    # The program's own names (the first pass, command-line imports) still write.
    add_article(store, ArticleDraft(text="Imported by the command line.", title="z"))
    assert _count(store, Article) == 2
