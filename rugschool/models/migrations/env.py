"""Alembic's environment: always run through rugschool.models.migrate, which hands over
an open connection."""

from alembic import context

import rugschool.models  # noqa: F401  (registers every table on the metadata)
from rugschool.models.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through rugschool.models.migrate, not the alembic CLI.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER constraints; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
