"""reports: participant language, conclusion and goal outcome

Revision ID: 0005_reports
Revises: 0004_recording
Create Date: 2026-11-25 13:06:31.266558
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_reports"
down_revision: str | None = "0004_recording"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GOAL_OUTCOMES = "goal_outcome IS NULL OR goal_outcome IN ('reached', 'partly', 'not_reached')"


def upgrade() -> None:
    # Autogenerate does not see check constraints: they are written out by hand.
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conclusion", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("goal_outcome", sa.String(), nullable=True))
        batch_op.create_check_constraint(batch_op.f("ck_enrollments_goal_outcome"), GOAL_OUTCOMES)

    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(), server_default="nl", nullable=False))
        batch_op.create_check_constraint(
            batch_op.f("ck_participants_language"), "language IN ('nl', 'en')"
        )


def downgrade() -> None:
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_participants_language"), type_="check")
        batch_op.drop_column("language")

    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_enrollments_goal_outcome"), type_="check")
        batch_op.drop_column("goal_outcome")
        batch_op.drop_column("conclusion")
