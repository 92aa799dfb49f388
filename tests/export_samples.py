"""A small, fully coded store for the export, statement-table and backup tests.

Two articles (one with an emoji before its quotes, so code-point offsets are exercised), actors
with an affiliation, two concepts, statements in every status, and cells that a spreadsheet would
run as formulas.
"""

from __future__ import annotations

import datetime as dt

from statement_helpers import span

from quotegraph.store.articles import ArticleDraft, add_article
from quotegraph.store.db import Store
from quotegraph.store.models import Actor, ActorAlias, Change, Concept, Entity, Meta, Statement

ARTICLE_ONE = (
    "Iran warns of revenge 🚀 after strike.\n\n"
    'Mr. Rouhani said "we will take harsher revenge" on Thursday. '
    "Trump said the sanctions would stay. "
    "=SUM(A1) was typed by a prankster."
)
ARTICLE_TWO = (
    "A second report. The foreign ministry said Iran wanted no war. "
    "Rouhani said talks were possible."
)
CREATED = dt.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)
UPDATED = dt.datetime(2026, 1, 3, 4, 5, 6, tzinfo=dt.UTC)


def populate(store: Store) -> dict[str, int]:
    """Fill ``store`` and return the ids of what was made, by name."""
    one = add_article(
        store,
        ArticleDraft(
            text=ARTICLE_ONE,
            title="@Iran warns",
            url="https://example.org/iran?a=1",
            published=dt.date(2026, 1, 9),
            origin="one.txt",
        ),
    ).article_id
    two = add_article(
        store, ArticleDraft(text=ARTICLE_TWO, title="Second report", origin="pasted")
    ).article_id
    ids: dict[str, int] = {"article_one": one, "article_two": two}
    with store.session(write=True) as session:
        iran = Actor(name="Iran", key="iran", type="country", created_at=CREATED)
        session.add(iran)
        session.flush()
        rouhani = Actor(
            name="Hassan Rouhani",
            key="rouhani",
            type="person",
            affiliation_id=iran.id,
            created_at=CREATED,
        )
        trump = Actor(name="Donald Trump", key="trump", type="person", created_at=CREATED)
        ministry = Actor(
            name="+Ministry",
            key="ministry",
            type="organisation",
            affiliation_id=iran.id,
            created_at=CREATED,
        )
        session.add_all([rouhani, trump, ministry])
        session.flush()
        session.add(ActorAlias(actor_id=rouhani.id, alias="Mr. Rouhani"))
        revenge = Concept(name="revenge", description="retaliation", created_at=CREATED)
        sanctions = Concept(name="-sanctions", description="", created_at=CREATED)
        session.add_all([revenge, sanctions])
        session.flush()

        def statement(article: int, text: str, fragment: str, **fields) -> Statement:
            start, end = span(text, fragment)
            row = Statement(
                article_id=article,
                start=start,
                end=end,
                kind=fields.pop("kind", "indirect"),
                status=fields.pop("status", "accepted"),
                field_origins=fields.pop("field_origins", {}),
                note=fields.pop("note", ""),
                version=1,
                created_at=CREATED,
                updated_at=UPDATED,
                **fields,
            )
            session.add(row)
            session.flush()
            return row

        s_revenge = statement(
            one,
            ARTICLE_ONE,
            "we will take harsher revenge",
            kind="direct",
            speaker_mention="Mr. Rouhani",
            speaker_start=span(ARTICLE_ONE, "Mr. Rouhani")[0],
            speaker_end=span(ARTICLE_ONE, "Mr. Rouhani")[1],
            cue="said",
            cue_start=span(ARTICLE_ONE, "said")[0],
            cue_end=span(ARTICLE_ONE, "said")[1],
            actor_id=rouhani.id,
            concept_id=revenge.id,
            stance=1,
            annotator="ana",
            field_origins={
                "span": "machine",
                "actor": "machine",
                "concept": "person",
                "stance": "person",
                "status": "person",
                "kind": "machine",
            },
            pipeline_version="test-1",
        )
        s_sanctions = statement(
            one,
            ARTICLE_ONE,
            "the sanctions would stay",
            actor_id=trump.id,
            concept_id=sanctions.id,
            stance=-1,
            status="suggested",
            speaker_mention="Trump",
            field_origins={"span": "machine", "actor": "machine"},
        )
        s_formula = statement(
            one,
            ARTICLE_ONE,
            "=SUM(A1) was typed",
            actor_id=trump.id,
            concept_id=revenge.id,
            stance=-1,
            status="rejected",
            note="@note",
            field_origins={"status": "person"},
            annotator="ben",
        )
        s_ministry = statement(
            two,
            ARTICLE_TWO,
            "Iran wanted no war",
            actor_id=ministry.id,
            concept_id=revenge.id,
            stance=-1,
            speaker_mention="The foreign ministry",
            note="-1 is the stance",
        )
        s_talks = statement(
            two,
            ARTICLE_TWO,
            "talks were possible",
            actor_id=rouhani.id,
            concept_id=revenge.id,
            stance=-1,
        )
        s_uncoded = statement(two, ARTICLE_TWO, "A second report", kind="mixed")
        session.add(
            Change(
                group_id="g-1",
                at=CREATED,
                annotator="ana",
                action="update",
                table_name="statements",
                row_id=s_revenge.id,
                article_id=one,
                field="stance",
                old_value=None,
                new_value=1,
            )
        )
        session.add(Meta(key="samples_loaded", value="yes"))
        rouhani_start, rouhani_end = span(ARTICLE_ONE, "Rouhani")
        session.add_all(
            [
                Entity(article_id=one, start=0, end=4, label="GPE", text="Iran"),
                Entity(
                    article_id=one,
                    start=rouhani_start,
                    end=rouhani_end,
                    label="PERSON",
                    text="Rouhani",
                ),
            ]
        )
        ids.update(
            iran=iran.id,
            rouhani=rouhani.id,
            trump=trump.id,
            ministry=ministry.id,
            revenge=revenge.id,
            sanctions=sanctions.id,
            s_revenge=s_revenge.id,
            s_sanctions=s_sanctions.id,
            s_formula=s_formula.id,
            s_ministry=s_ministry.id,
            s_talks=s_talks.id,
            s_uncoded=s_uncoded.id,
        )
    return ids
