"""coding model kind: what a trained suggestion model reads

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

``coding_models.kind`` names the kind of model a version is (``quotegraph.annotation.coding_model``:
"tfidf-linear-4" reads words; "tfidf-minilm-5" reads words and sentence vectors), so the provenance
of a suggestion says what made it, not only which version. Models trained before this revision
keep an empty kind: what they read was not recorded.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "coding_models", sa.Column("kind", sa.String(50), nullable=False, server_default="")
    )


def downgrade() -> None:
    with op.batch_alter_table("coding_models") as batch:
        batch.drop_column("kind")
