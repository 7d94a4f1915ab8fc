"""programme edits: version lineage, imports, removed defaults, a level's default number

Revision ID: 0009_programme_edits
Revises: 0008_clinic
Create Date: 2026-11-25 19:19:19.725071
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_programme_edits"
down_revision: str | None = "0008_clinic"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("exercise_levels") as batch_op:
        batch_op.add_column(sa.Column("default_number", sa.Integer(), nullable=True))
    # Every level stored so far came from a default file, numbered as in that file.
    op.execute("UPDATE exercise_levels SET default_number = number")

    with op.batch_alter_table("programme_versions") as batch_op:
        batch_op.add_column(sa.Column("based_on_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("source_file", sa.String(), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("removed", sa.JSON(), server_default="[]", nullable=False))
        batch_op.create_foreign_key(
            batch_op.f("fk_programme_versions_based_on_id_programme_versions"),
            "programme_versions",
            ["based_on_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("programme_versions") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_programme_versions_based_on_id_programme_versions"),
            type_="foreignkey",
        )
        batch_op.drop_column("removed")
        batch_op.drop_column("source_file")
        batch_op.drop_column("based_on_id")

    with op.batch_alter_table("exercise_levels") as batch_op:
        batch_op.drop_column("default_number")
