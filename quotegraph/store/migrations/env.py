"""Alembic environment: runs migrations on the connection quotegraph.store.db hands over."""

from alembic import context

from quotegraph.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    # Invoked from the alembic command line (e.g. to autogenerate a revision).
    from quotegraph.store.db import create_store_engine

    engine = create_store_engine(config.get_main_option("sqlalchemy.url"))
    connection = engine.connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
