"""concept and stance suggestions learned from the team's coding

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

Concepts gain keywords and example sentences (one per line), which give first suggestions
before anyone codes. Each trained model is recorded in ``coding_models``; its newest suggestion
for a statement is kept in ``coding_suggestions``. A statement remembers which model version
suggested the concept and stance it holds (``coding_model_version``), beside the machine/person
marks of ``field_origins``.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("concepts") as batch:
        batch.add_column(sa.Column("keywords", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("examples", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("coding_model_version", sa.String(50), nullable=True))
    op.create_table(
        "coding_models",
        sa.Column("version", sa.String(50), primary_key=True),
        sa.Column("trained_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("examples", sa.Integer(), nullable=False),
        sa.Column("stance_examples", sa.Integer(), nullable=False),
        sa.Column("concepts", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("suggested", sa.Integer(), nullable=False),
    )
    op.create_table(
        "coding_suggestions",
        sa.Column(
            "statement_id",
            sa.Integer(),
            sa.ForeignKey("statements.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("model_version", sa.String(50), nullable=False),
        sa.Column(
            "concept_id",
            sa.Integer(),
            sa.ForeignKey("concepts.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("concept_confidence", sa.Float(), nullable=False),
        sa.Column(
            "stance",
            sa.Integer(),
            sa.ForeignKey("stance_levels.value", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("stance_confidence", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("coding_suggestions")
    op.drop_table("coding_models")
    with op.batch_alter_table("statements") as batch:
        batch.drop_column("coding_model_version")
    with op.batch_alter_table("concepts") as batch:
        batch.drop_column("examples")
        batch.drop_column("keywords")
