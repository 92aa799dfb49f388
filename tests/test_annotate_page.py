"""The Annotate page and its statement editor through Streamlit's AppTest, on a temporary store.

The article is stored as already analysed (with three machine suggestions), so no test waits for
spaCy; what the page writes is checked in the store itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from quotegraph.analysis.nlp import PIPELINE_VERSION
from quotegraph.annotation import codebook_actors
from quotegraph.annotation import statements as annotation
from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Actor, Article, Concept, Entity, StanceLevel, Statement

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TEXT = (
    "Rouhani said sanctions must end now.\n\n"
    "The minister of defence warned that talks would fail.\n\n"
    "Reuters reported that the envoy called the deal fair."
)
QUOTES = ("sanctions must end now", "talks would fail", "the deal fair")


@pytest.fixture
def article_id(app_store: Store) -> int:
    """An analysed article with three machine suggestions, one entity and one actor."""
    added = add_article(app_store, ArticleDraft(text=TEXT, title="Sanctions <b>talk</b>"))
    with app_store.session(write=True) as session:
        article = session.get(Article, added.article_id)
        article.analysed_version = PIPELINE_VERSION
        session.add(Entity(article_id=article.id, start=0, end=7, label="PERSON", text="Rouhani"))
        session.add(Actor(name="Hassan Rouhani", key="hassan rouhani", type="person"))
        for quote in QUOTES:
            start = TEXT.index(quote)
            session.add(
                Statement(
                    article_id=article.id,
                    start=start,
                    end=start + len(quote),
                    kind="indirect",
                    status="suggested",
                    field_origins={"span": "machine", "status": "machine"},
                    pipeline_version=PIPELINE_VERSION,
                )
            )
    return added.article_id


def statement_rows(app_store: Store, article_id: int) -> list[Statement]:
    with app_store.session() as session:
        query = select(Statement).where(Statement.article_id == article_id)
        return list(session.scalars(query.order_by(Statement.start)))


def open_page(article_id: int, *, annotator: str | None = "ana", **params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params["article"] = str(article_id)
    if annotator is not None:
        app.query_params["annotator"] = annotator
    for name, value in params.items():
        app.query_params[name] = value
    app.switch_page("app_pages/annotate.py")
    app.run()
    assert not app.exception, app.exception
    return app


def button(app: AppTest, label: str):  # noqa: ANN201
    matches = [widget for widget in app.button if widget.label == label]
    assert len(matches) == 1, [widget.label for widget in app.button]
    return matches[0]


def heading(app: AppTest) -> str:
    return next(md.value for md in app.markdown if md.value.startswith("**Statement"))


def test_accept_button_writes_the_row_and_moves_to_the_next_suggestion(
    app_store: Store, article_id: int
) -> None:
    app = open_page(article_id)
    assert heading(app).startswith("**Statement 1 of 3** · suggested")
    button(app, "Accept (a)").click().run()
    assert not app.exception
    first, second, third = statement_rows(app_store, article_id)
    assert (first.status, first.annotator, first.version) == ("accepted", "ana", 2)
    assert first.field_origins["status"] == "person"
    assert (second.status, third.status) == ("suggested", "suggested")
    assert heading(app).startswith("**Statement 2 of 3** · suggested")
    assert app.query_params["statement"] == str(second.id)


def test_stance_and_kind_are_set_from_the_editor(app_store: Store, article_id: int) -> None:
    app = open_page(article_id)
    stance = next(w for w in app.radio if w.label == "Stance")
    assert stance.options == ["agree (1)", "neutral (2)", "disagree (3)", "no stance (0)"]
    stance.set_value(-1).run()
    assert not app.exception
    assert statement_rows(app_store, article_id)[0].stance == -1
    kind = next(w for w in app.radio if w.label == "Kind")
    kind.set_value("direct").run()
    row = statement_rows(app_store, article_id)[0]
    assert (row.stance, row.kind, row.version) == (-1, "direct", 3)


def test_undo_and_redo_walk_the_decisions(app_store: Store, article_id: int) -> None:
    app = open_page(article_id)
    assert button(app, "Undo (u)").disabled
    button(app, "Reject (r)").click().run()
    assert statement_rows(app_store, article_id)[0].status == "rejected"
    button(app, "Undo (u)").click().run()
    assert statement_rows(app_store, article_id)[0].status == "suggested"
    assert heading(app).startswith("**Statement 1 of 3** · suggested")  # the undone one
    assert not button(app, "Redo (y/shift+u)").disabled
    button(app, "Redo (y/shift+u)").click().run()
    assert statement_rows(app_store, article_id)[0].status == "rejected"


def test_a_conflicting_edit_is_refused_with_the_current_value(
    app_store: Store, article_id: int
) -> None:
    app = open_page(article_id)
    first = statement_rows(app_store, article_id)[0]
    # Someone else accepts the same statement after this page drew it.
    annotation.update_statement(
        app_store, first.id, expected_version=first.version, annotator="bob", status="accepted"
    )
    button(app, "Reject (r)").click().run()
    assert not app.exception
    row = statement_rows(app_store, article_id)[0]
    assert (row.status, row.annotator) == ("accepted", "bob")
    warning = app.warning[0].value
    assert warning.startswith("**Not saved:**")
    assert "status accepted" in warning and "last changed by bob" in warning
    # The editor now shows the current row, so the next edit goes through.
    assert heading(app).startswith("**Statement 1 of 3** · accepted")
    button(app, "Reject (r)").click().run()
    assert statement_rows(app_store, article_id)[0].status == "rejected"


def test_note_is_saved_verbatim_and_shown_as_text(app_store: Store, article_id: int) -> None:
    app = open_page(article_id)
    note = next(w for w in app.text_area if w.label == "Note")
    note.input("<script>alert(1)</script> check *this*").run()
    assert not app.exception
    assert statement_rows(app_store, article_id)[0].note == "<script>alert(1)</script> check *this*"
    assert next(w for w in app.text_area if w.label == "Note").value == (
        "<script>alert(1)</script> check *this*"
    )


def test_actor_is_picked_from_the_codebook(app_store: Store, article_id: int) -> None:
    app = open_page(article_id)
    actor = next(w for w in app.selectbox if w.label == "Actor")
    with app_store.session() as session:
        rouhani = session.scalar(select(Actor.id).where(Actor.name == "Hassan Rouhani"))
    actor.set_value(rouhani).run()
    assert not app.exception
    row = statement_rows(app_store, article_id)[0]
    assert (row.actor_id, row.field_origins["actor"]) == (rouhani, "person")


def test_statement_query_parameter_opens_that_statement(app_store: Store, article_id: int) -> None:
    third = statement_rows(app_store, article_id)[2]
    app = open_page(article_id, statement=str(third.id))
    assert heading(app).startswith("**Statement 3 of 3**")
    assert "the deal fair" in next(md.value for md in app.markdown if md.value.startswith(">"))


def test_unknown_article_is_named_and_another_one_opens(app_store: Store, article_id: int) -> None:
    app = open_page(999_999)
    assert "There is no article 999999" in app.warning[0].value
    assert app.selectbox[0].label == "Article"


def test_with_accounts_off_the_solo_name_is_recorded_without_asking(
    app_store: Store, article_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTEGRAPH_SOLO_NAME", "  Ana   Lima ")
    app = open_page(article_id, annotator=None)
    assert not [w for w in app.text_input if w.label == "Your name"]  # nobody is asked
    button(app, "Accept (a)").click().run()
    assert not app.exception
    assert statement_rows(app_store, article_id)[0].annotator == "Ana Lima"


# --- the Codebook page ------------------------------------------------------------------------


def open_codebook() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.switch_page("app_pages/codebook.py")
    app.run()
    assert not app.exception, app.exception
    return app


def test_codebook_adds_a_concept_and_refuses_a_duplicate(app_store: Store) -> None:
    app = open_codebook()
    for _attempt in range(2):
        app.text_input(key="codebook.concept.name").input("Sanctions")
        app.text_area(key="codebook.concept.description").input("Economic pressure")
        button(app, "Add concept").click().run()
        assert not app.exception
    assert app.error[0].value.startswith("**Not saved:**")
    assert "already a concept called" in app.error[0].value
    with app_store.session() as session:
        rows = session.execute(select(Concept.name, Concept.description)).all()
    assert rows == [("Sanctions", "Economic pressure")]


def test_codebook_switches_to_the_five_point_scale(app_store: Store) -> None:
    app = open_codebook()
    app.radio(key="codebook.preset").set_value("five points, -2 to +2").run()
    button(app, "Use this scale").click().run()
    assert not app.exception
    with app_store.session() as session:
        values = list(session.scalars(select(StanceLevel.value).order_by(StanceLevel.value)))
    assert values == [-2, -1, 0, 1, 2]


def test_codebook_merge_is_undone_by_unmerge(app_store: Store, article_id: int) -> None:
    other = codebook_actors.create_actor(app_store, "President Rouhani", annotator="ana")
    with app_store.session() as session:
        kept = session.scalar(select(Actor.id).where(Actor.name == "Hassan Rouhani"))
    app = open_codebook()
    app.selectbox(key="codebook.merge.source").set_value(other.id).run()
    app.selectbox(key="codebook.merge.target").set_value(kept).run()
    button(app, "Merge").click().run()
    assert not app.exception
    with app_store.session() as session:
        assert session.get(Actor, other.id).merged_into_id == kept
    button(app, "Unmerge").click().run()
    assert not app.exception
    with app_store.session() as session:
        assert session.get(Actor, other.id).merged_into_id is None


def test_an_article_is_analysed_on_first_open_and_read_back_after(app_store: Store) -> None:
    text = '"Sanctions must end now," Hassan Rouhani said on Monday in Tehran.'
    article_id = add_article(app_store, ArticleDraft(text=text, title="Fresh")).article_id
    open_page(article_id)
    with app_store.session() as session:
        article = session.get(Article, article_id)
        analysed = (article.analysed_version, article.analysed_at)
        entity_count = len(article.entities)
    assert analysed[0] == PIPELINE_VERSION
    assert entity_count > 0
    assert [text[s.start : s.end] for s in statement_rows(app_store, article_id)] == [
        "Sanctions must end now"
    ]
    open_page(article_id)  # a second visit reads the stored result
    with app_store.session() as session:
        assert session.get(Article, article_id).analysed_at == analysed[1]


def test_a_new_statement_link_wins_over_the_session_selection(
    app_store: Store, article_id: int
) -> None:
    first, _second, third = statement_rows(app_store, article_id)
    app = open_page(article_id)
    assert app.query_params["statement"] == str(first.id)
    app.query_params["statement"] = str(third.id)  # e.g. a link followed from Explore
    app.run()
    assert heading(app).startswith("**Statement 3 of 3**")


def test_when_everything_is_decided_the_first_statement_is_shown(
    app_store: Store, article_id: int
) -> None:
    for row in statement_rows(app_store, article_id):
        annotation.update_statement(
            app_store, row.id, expected_version=row.version, annotator="bob", status="rejected"
        )
    app = open_page(article_id)
    assert heading(app).startswith("**Statement 1 of 3** · rejected")


# --- the editor's pure helpers ----------------------------------------------------------------


def test_navigation_helpers_clamp_and_wrap() -> None:
    from types import SimpleNamespace

    from components.statement_editor import key_hint, neighbour_id, next_to_review

    assert neighbour_id([4, 7, 9], 7, 1) == 9
    assert neighbour_id([4, 7, 9], 9, 1) == 9  # clamped at the end
    assert neighbour_id([4, 7, 9], 4, -1) == 4
    assert neighbour_id([4, 7, 9], 99, 1) == 4  # unknown: start at the top
    assert neighbour_id([], None, 1) is None
    rows = [SimpleNamespace(id=i, status=s) for i, s in ((1, "suggested"), (2, "accepted"))]
    rows.append(SimpleNamespace(id=3, status="suggested"))
    assert next_to_review(rows, 1) == 3
    assert next_to_review(rows, 3) == 1  # wraps round
    assert next_to_review(rows[:2], 1) == 1  # nothing else to review: stay
    assert key_hint("redo") == "y/shift+u"


def test_actor_label_lists_the_other_aliases() -> None:
    from types import SimpleNamespace

    from components.statement_editor import actor_label

    rouhani = SimpleNamespace(name="Hassan Rouhani", aliases=("hassan rouhani", "Rouhani"))
    assert actor_label(rouhani) == "Hassan Rouhani (Rouhani)"
    assert actor_label(SimpleNamespace(name="Zarif", aliases=())) == "Zarif"


def test_delete_from_the_editor_is_undone_by_undo(app_store: Store, article_id: int) -> None:
    app = open_page(article_id)
    first = statement_rows(app_store, article_id)[0]
    button(app, "Delete this statement").click().run()
    assert not app.exception
    assert [row.id for row in statement_rows(app_store, article_id)][0] != first.id
    assert len(statement_rows(app_store, article_id)) == 2
    button(app, "Undo (u)").click().run()
    restored = statement_rows(app_store, article_id)
    assert [row.id for row in restored][0] == first.id and len(restored) == 3


def test_merge_from_the_editor_can_be_undone_there(app_store: Store, article_id: int) -> None:
    other = codebook_actors.create_actor(app_store, "President Rouhani", annotator="ana")
    with app_store.session() as session:
        kept = session.scalar(select(Actor.id).where(Actor.name == "Hassan Rouhani"))
    app = open_page(article_id)
    app.selectbox(key="annotate.editor.merge.source").set_value(other.id).run()
    app.selectbox(key="annotate.editor.merge.target").set_value(kept).run()
    button(app, "Merge").click().run()
    assert not app.exception
    assert app.success[0].value == "Merged into **Hassan Rouhani**."
    with app_store.session() as session:
        assert session.get(Actor, other.id).merged_into_id == kept
    button(app, "Undo the merge").click().run()
    with app_store.session() as session:
        assert session.get(Actor, other.id).merged_into_id is None
    assert not [w for w in app.button if w.label == "Undo the merge"]


def test_undo_right_after_a_merge_undoes_the_merge_not_the_decision_before(
    app_store: Store, article_id: int
) -> None:
    other = codebook_actors.create_actor(app_store, "President Rouhani", annotator="ana")
    with app_store.session() as session:
        kept = session.scalar(select(Actor.id).where(Actor.name == "Hassan Rouhani"))
    app = open_page(article_id)
    button(app, "Accept (a)").click().run()
    app.selectbox(key="annotate.editor.merge.source").set_value(other.id).run()
    app.selectbox(key="annotate.editor.merge.target").set_value(kept).run()
    button(app, "Merge").click().run()
    with app_store.session() as session:
        assert session.get(Actor, other.id).merged_into_id == kept

    button(app, "Undo (u)").click().run()  # what the u key does too
    assert not app.exception
    with app_store.session() as session:
        assert session.get(Actor, other.id).merged_into_id is None
    assert statement_rows(app_store, article_id)[0].status == "accepted"  # untouched
    assert app.success[0].value == "Merge undone."

    button(app, "Undo (u)").click().run()  # now the decision before it
    assert statement_rows(app_store, article_id)[0].status == "suggested"


def statement_table(app: AppTest):  # noqa: ANN201
    """The rows of the "All statements" table (the only dataframe on the page), unfolding it
    first as a click on it does: it is drawn only while open."""
    if not app.session_state["annotate.statements_open"]:
        app.session_state["annotate.statements_open"] = True
        app.run()
    return app.dataframe[0].value


def test_the_statement_table_filters_by_status_kind_and_actor(
    app_store: Store, article_id: int
) -> None:
    app = open_page(article_id)
    assert not app.dataframe, "folded: the table is not drawn"
    assert list(statement_table(app)["Status"]) == ["suggested"] * 3
    button(app, "Accept (a)").click().run()
    app.multiselect(key="annotate.statements.statuses").set_value(["accepted"]).run()
    rows = statement_table(app)
    assert list(rows["Text"]) == [QUOTES[0]]
    assert "1 of 3 statements shown" in " ".join(c.value for c in app.caption)

    app.multiselect(key="annotate.statements.statuses").set_value([]).run()
    app.multiselect(key="annotate.statements.actors").set_value([-1]).run()  # (no actor)
    assert len(statement_table(app)) == 3
    kinds = app.multiselect(key="annotate.statements.kinds")
    assert list(kinds.options) == list(annotation.statement_kinds(app_store))
    kinds.set_value(["direct"]).run()
    assert len(statement_table(app)) == 0
    assert button(app, "Accept 0 suggestions").disabled


def test_a_stored_kind_the_editor_does_not_know_is_offered_by_the_filter(
    app_store: Store, article_id: int
) -> None:
    with app_store.session(write=True) as session:
        session.scalars(select(Statement)).first().kind = "position"
    app = open_page(article_id)
    statement_table(app)
    assert "position" in app.multiselect(key="annotate.statements.kinds").options


def test_undo_says_what_it_undid(app_store: Store, article_id: int) -> None:
    app = open_page(article_id)
    button(app, "Accept (a)").click().run()
    button(app, "Undo (u)").click().run()
    first = statement_rows(app_store, article_id)[0]
    assert first.status == "suggested"
    assert any(
        f"Undone: status suggested → accepted on statement {first.id}" in s.value
        for s in app.success
    ), [s.value for s in app.success]


def test_details_are_edited_in_the_header_and_undone_with_u(
    app_store: Store, article_id: int
) -> None:
    app = open_page(article_id)
    app.text_input(key="annotate.details.source").input("Reuters")
    app.checkbox(key="annotate.details.no_date").uncheck()
    app.date_input(key="annotate.details.published").set_value(dt.date(2026, 1, 2))
    app.button(key="FormSubmitter:annotate.details.form-Save details").click().run()
    assert not app.exception
    with app_store.session() as session:
        article = session.get(Article, article_id)
        assert (article.source, article.published) == ("Reuters", dt.date(2026, 1, 2))
    button(app, "Undo (u)").click().run()
    with app_store.session() as session:
        article = session.get(Article, article_id)
        assert (article.source, article.published) == (None, None)
    assert any("Undone:" in s.value and f"article {article_id}" in s.value for s in app.success)
