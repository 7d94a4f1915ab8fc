"""clinic mode: record versions, who changed them last, and what a take-along file brought back

Revision ID: 0008_clinic
Revises: 0007_privacy
Create Date: 2026-11-25 18:46:09.254756
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_clinic"
down_revision: str | None = "0007_privacy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The records more than one therapist may edit at once.
EDITED = ("participants", "groups", "enrollments", "group_sessions")


def upgrade() -> None:
    op.create_table(
        "brought_back_rows",
        sa.Column("file_id", sa.String(), nullable=False),
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("file_key", sa.String(), nullable=False),
        sa.Column("row_key", sa.String(), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("brought_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint(
            "file_id", "table_name", "file_key", name=op.f("pk_brought_back_rows")
        ),
    )
    for table in EDITED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False)
            )
            batch_op.add_column(sa.Column("changed_by_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_changed_by_id_therapists"),
                "therapists",
                ["changed_by_id"],
                ["id"],
                ondelete="SET NULL",
            )


def downgrade() -> None:
    for table in reversed(EDITED):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(
                batch_op.f(f"fk_{table}_changed_by_id_therapists"), type_="foreignkey"
            )
            batch_op.drop_column("changed_by_id")
            batch_op.drop_column("version")
    op.drop_table("brought_back_rows")
