"""document metadata and statement types, for Discourse Network Analyzer files

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

A DNA 3 document has an author, a section, notes and a type besides its title, source and date;
a DNA statement has a statement type and values for that type's variables. Articles gain the
four document fields; statements gain ``statement_type`` (None: quotegraph's own statements,
written to DNA as "DNA Statement") and ``variables`` (JSON: the values of variables that have no
column of their own, by variable name), so a ``.dna`` file imported and exported again keeps
everything it had. Adding nullable columns changes no existing row.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as table:
        table.add_column(sa.Column("author", sa.String(1000), nullable=True))
        table.add_column(sa.Column("section", sa.String(1000), nullable=True))
        table.add_column(sa.Column("notes", sa.Text(), nullable=True))
        table.add_column(sa.Column("document_type", sa.String(1000), nullable=True))
    with op.batch_alter_table("statements") as table:
        table.add_column(sa.Column("statement_type", sa.String(200), nullable=True))
        table.add_column(sa.Column("variables", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("statements") as table:
        table.drop_column("variables")
        table.drop_column("statement_type")
    with op.batch_alter_table("articles") as table:
        table.drop_column("document_type")
        table.drop_column("notes")
        table.drop_column("section")
        table.drop_column("author")
