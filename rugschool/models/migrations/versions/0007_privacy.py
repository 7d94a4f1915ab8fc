"""privacy: the audit log (append-only, by triggers) and therapists' password hashes

Revision ID: 0007_privacy
Revises: 0006_measures
Create Date: 2026-11-25 16:06:30.662920
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from rugschool.models.audit import POSTGRESQL_TRIGGERS, SQLITE_TRIGGERS

revision: str = "0007_privacy"
down_revision: str | None = "0006_measures"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("therapist_id", sa.Integer(), nullable=True),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("detail", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])
    op.create_index(op.f("ix_audit_log_participant_id"), "audit_log", ["participant_id"])
    triggers = SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_TRIGGERS
    for statement in triggers:
        op.execute(statement)
    with op.batch_alter_table("therapists") as batch_op:
        batch_op.add_column(sa.Column("secret_hash", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("therapists") as batch_op:
        batch_op.drop_column("secret_hash")
    op.drop_table("audit_log")  # its triggers go with it
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION audit_log_append_only()")
