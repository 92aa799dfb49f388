"""team coding: accounts, assignments, and each coder's own layer of statements

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

- ``users``: who may sign in and with which role (admin, coder, viewer). ``name`` is what every
  change records as its annotator. ``password_hash`` is an argon2 hash, or NULL for an account
  that signs in through the team's single sign-on provider or has no password yet.
- ``assignments``: which coder codes which article (a double-coded article has two or more).
- ``statements.coder``: NULL for the project's own layer (single-coded work, and the adjudicated
  result of a double-coded article); a coder's name for that coder's own version of a
  double-coded article, kept apart from the others'.
- ``statements.based_on_id``: the statement this one was copied from: the machine suggestion a
  coder's version started as, or the coder's version an adjudicator picked. Not a foreign key:
  the original may be deleted later, and the copy must stay.

Every decision is kept. Statements stay where they are (the project's layer), and each name that
ever made a change or coded a statement becomes a coder account without a password (an admin sets
one, or the first start lets that person claim it), so the existing annotator is the first coder.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Names the program itself writes under, never a person: they get no account.
_PROGRAM_NAMES = ("machine", "dna import")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("email", sa.String(320), nullable=True, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("role", sa.String(20), nullable=False, server_default="coder"),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("coder", sa.String(200), nullable=False),
        sa.Column("assigned_by", sa.String(200), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("article_id", "coder", name="uq_assignments_article_coder"),
    )
    op.create_index("ix_assignments_coder", "assignments", ["coder"])
    # Plain ADD COLUMN, never a batch rebuild of statements (see 0005).
    op.add_column("statements", sa.Column("coder", sa.String(200), nullable=True))
    op.add_column("statements", sa.Column("based_on_id", sa.Integer(), nullable=True))
    op.create_index("ix_statements_coder", "statements", ["coder", "article_id"])

    bind = op.get_bind()
    names = bind.execute(
        sa.text(
            "SELECT annotator FROM statements WHERE annotator IS NOT NULL "
            "UNION SELECT annotator FROM changes WHERE annotator IS NOT NULL"
        )
    ).scalars()
    now = dt.datetime.now(dt.UTC)
    users = sa.table(
        "users",
        sa.column("name", sa.String),
        sa.column("role", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    people = sorted({name.strip() for name in names if name and name.strip()} - set(_PROGRAM_NAMES))
    if people:
        op.bulk_insert(
            users,
            [{"name": name, "role": "coder", "active": True, "created_at": now} for name in people],
        )


def downgrade() -> None:
    op.drop_index("ix_statements_coder", table_name="statements")
    op.drop_column("statements", "based_on_id")
    op.drop_column("statements", "coder")
    op.drop_index("ix_assignments_coder", table_name="assignments")
    op.drop_table("assignments")
    op.drop_table("users")
