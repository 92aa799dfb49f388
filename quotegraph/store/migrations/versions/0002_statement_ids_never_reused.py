"""statement ids are never reused

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

The change log names statements by id, and undo re-inserts a deleted statement under its old
id. SQLite hands out the id of a deleted newest row again unless the table is AUTOINCREMENT (a
re-analysis deletes many suggestions at once), so on SQLite the statements table is rebuilt
with AUTOINCREMENT and its counter starts above every id the change log has seen. PostgreSQL
sequences never reuse ids: nothing to do there. Nothing references statements, so the rebuild
touches no other table.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "statements", recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ):
        pass
    highest_logged = bind.execute(
        sa.text("SELECT MAX(row_id) FROM changes WHERE table_name = 'statements'")
    ).scalar()
    if highest_logged is not None:
        bind.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = 'statements'"))
        bind.execute(
            sa.text(
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'statements', "
                "MAX(:logged, COALESCE((SELECT MAX(id) FROM statements), 0))"
            ),
            {"logged": highest_logged},
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "statements", recreate="always", table_kwargs={"sqlite_autoincrement": False}
    ):
        pass
