"""recording: attendance, exercise results, message coverage, day themes

Revision ID: 0004_recording
Revises: 0003_schedule
Create Date: 2026-11-25 11:58:23.724282
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_recording"
down_revision: str | None = "0003_schedule"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # First the key the recordings' composite foreign key points at (PostgreSQL needs it).
    with op.batch_alter_table("exercise_levels", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_exercise_levels_id_exercise_id"), ["id", "exercise_id"]
        )

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("absence_reason", sa.String(), nullable=False),
        sa.Column("catch_up", sa.Boolean(), nullable=False),
        sa.Column("pain_settled", sa.Boolean(), nullable=True),
        sa.Column("warmup_done", sa.Boolean(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_attendance_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["therapists.id"],
            name=op.f("fk_attendance_recorded_by_id_therapists"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_attendance_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint(
            "session_id", "participant_id", name=op.f("uq_attendance_session_id_participant_id")
        ),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attendance_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attendance_session_id"), ["session_id"], unique=False)

    op.create_table(
        "day_themes",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_day_themes_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["education_themes.id"],
            name=op.f("fk_day_themes_theme_id_education_themes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_day_themes")),
    )
    op.create_table(
        "exercise_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.Integer(), nullable=False),
        sa.Column("level_id", sa.Integer(), nullable=False),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("easy", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("next_level", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint(
            "pain IS NULL OR pain BETWEEN 0 AND 10", name=op.f("ck_exercise_results_pain")
        ),
        sa.CheckConstraint(
            "next_level IS NULL OR next_level >= 1", name=op.f("ck_exercise_results_next_level")
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["programme_exercises.id"],
            name=op.f("fk_exercise_results_exercise_id_programme_exercises"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["level_id", "exercise_id"],
            ["exercise_levels.id", "exercise_levels.exercise_id"],
            name=op.f("fk_exercise_results_level_id_exercise_levels"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_exercise_results_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["therapists.id"],
            name=op.f("fk_exercise_results_recorded_by_id_therapists"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_exercise_results_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_results")),
        sa.UniqueConstraint(
            "session_id",
            "participant_id",
            "exercise_id",
            name=op.f("uq_exercise_results_session_id_participant_id_exercise_id"),
        ),
    )
    with op.batch_alter_table("exercise_results", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exercise_results_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_exercise_results_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "message_coverage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("covered", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["core_messages.id"],
            name=op.f("fk_message_coverage_message_id_core_messages"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_message_coverage_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_coverage")),
        sa.UniqueConstraint(
            "session_id", "message_id", name=op.f("uq_message_coverage_session_id_message_id")
        ),
    )
    with op.batch_alter_table("message_coverage", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_message_coverage_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("exercise_levels", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_exercise_levels_id_exercise_id"), type_="unique")

    with op.batch_alter_table("message_coverage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_coverage_session_id"))

    op.drop_table("message_coverage")
    with op.batch_alter_table("exercise_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_results_session_id"))
        batch_op.drop_index(batch_op.f("ix_exercise_results_participant_id"))

    op.drop_table("exercise_results")
    op.drop_table("day_themes")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_session_id"))
        batch_op.drop_index(batch_op.f("ix_attendance_participant_id"))

    op.drop_table("attendance")
