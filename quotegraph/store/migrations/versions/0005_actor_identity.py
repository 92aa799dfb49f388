"""actor identity: surnames, unresolved lone surnames, who named an actor and confirmed an alias

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

Actors used to be keyed by surname, so everyone sharing a surname became one actor. Now a
person's key is the whole name (``quotegraph.analysis.actors.canonical_actor_key``), and:
- ``actors.surname`` holds a person's folded surname, to find who a lone surname may be;
- ``actors.unresolved`` marks a lone surname several known people share;
- ``actors.name_origin`` is "person" for an actor a person created or renamed (the machine
  never renames those);
- ``actor_aliases.origin`` is "person" for an alias a person added or brought in by a merge:
  only those (and whole names) merge new mentions into an actor;
- the actor type "place" becomes "group" (a country or a group of people).
Every decision is kept: names, aliases, merges, affiliations and statements are not touched;
who made them is read from the change log.
"""

import sqlalchemy as sa
from alembic import op

from quotegraph.analysis.actor_names import is_actor_name, parse_person_name
from quotegraph.analysis.actors import canonical_actor_key

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch rebuild: on SQLite, dropping the old actors table would
    # set every reference to an actor (statements, merges, affiliations) to NULL.
    op.add_column("actors", sa.Column("surname", sa.String(200), nullable=True))
    op.add_column(
        "actors",
        sa.Column("unresolved", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "actors",
        sa.Column("name_origin", sa.String(20), nullable=False, server_default="machine"),
    )
    op.create_index("ix_actors_surname", "actors", ["surname"])
    op.add_column(
        "actor_aliases",
        sa.Column("origin", sa.String(20), nullable=False, server_default="machine"),
    )
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE actors SET type = 'group' WHERE type = 'place'"))
    bind.execute(
        sa.text(
            "UPDATE actors SET name_origin = 'person' WHERE id IN (SELECT row_id FROM changes "
            "WHERE table_name = 'actors' AND (field = 'name' OR (field IS NULL "
            "AND action = 'create')))"
        )
    )
    bind.execute(
        sa.text(
            "UPDATE actor_aliases SET origin = 'person' WHERE id IN "
            "(SELECT row_id FROM changes WHERE table_name = 'actor_aliases')"
        )
    )
    people: dict[str, list[tuple[int, bool]]] = {}
    for actor_id, name, actor_type, merged in bind.execute(
        sa.text("SELECT id, name, type, merged_into_id FROM actors")
    ).all():
        parsed = parse_person_name(name) if actor_type == "person" else None
        bind.execute(
            sa.text("UPDATE actors SET key = :key, surname = :surname WHERE id = :id"),
            {
                "key": canonical_actor_key(name),
                "surname": parsed.surname_key if parsed else None,
                "id": actor_id,
            },
        )
        if parsed is not None and merged is None and is_actor_name(name, "person"):
            people.setdefault(parsed.surname_key, []).append((actor_id, parsed.is_full))
    for group in people.values():
        if sum(is_full for _, is_full in group) >= 2:
            for actor_id, is_full in group:
                if not is_full:
                    bind.execute(
                        sa.text("UPDATE actors SET unresolved = :yes WHERE id = :id"),
                        {"yes": True, "id": actor_id},
                    )


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE actors SET type = 'place' WHERE type = 'group'"))
    op.drop_column("actor_aliases", "origin")
    op.drop_index("ix_actors_surname", table_name="actors")
    op.drop_column("actors", "name_origin")
    op.drop_column("actors", "unresolved")
    op.drop_column("actors", "surname")
