"""measures: measurements, SMART goals, graded activity, exposure, pacing

Revision ID: 0006_measures
Revises: 0005_reports
Create Date: 2026-11-25 13:59:39.563990
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_measures"
down_revision: str | None = "0005_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "exposure_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("fear", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.CheckConstraint("fear BETWEEN 0 AND 10", name=op.f("ck_exposure_items_fear")),
        sa.CheckConstraint("rank BETWEEN 1 AND 10", name=op.f("ck_exposure_items_rank")),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name=op.f("fk_exposure_items_enrollment_id_enrollments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exposure_items")),
        sa.UniqueConstraint(
            "enrollment_id", "rank", name=op.f("uq_exposure_items_enrollment_id_rank")
        ),
    )
    with op.batch_alter_table("exposure_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exposure_items_enrollment_id"), ["enrollment_id"], unique=False
        )

    op.create_table(
        "graded_activity_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("baseline_1", sa.Float(), nullable=False),
        sa.Column("baseline_2", sa.Float(), nullable=False),
        sa.Column("baseline_3", sa.Float(), nullable=False),
        sa.Column("reduction_percent", sa.Float(), nullable=False),
        sa.Column("goal", sa.Float(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("times_per_week", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "unit IN ('minutes', 'metres', 'repetitions')",
            name=op.f("ck_graded_activity_plans_unit"),
        ),
        sa.CheckConstraint(
            "reduction_percent BETWEEN 0 AND 90",
            name=op.f("ck_graded_activity_plans_reduction_percent"),
        ),
        sa.CheckConstraint(
            "times_per_week BETWEEN 1 AND 14", name=op.f("ck_graded_activity_plans_times_per_week")
        ),
        sa.CheckConstraint("weeks BETWEEN 1 AND 52", name=op.f("ck_graded_activity_plans_weeks")),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name=op.f("fk_graded_activity_plans_enrollment_id_enrollments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_graded_activity_plans")),
    )
    with op.batch_alter_table("graded_activity_plans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_graded_activity_plans_enrollment_id"), ["enrollment_id"], unique=False
        )

    op.create_table(
        "measurements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), nullable=False),
        sa.Column("instrument", sa.String(), nullable=False),
        sa.Column("moment", sa.String(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "recorded_at",
            sa.DateTime(),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.CheckConstraint(
            "instrument IN ('nprs', 'psk', 'qbpds', 'odi', 'fabq_pa', 'forward_bend', "
            "'extensor_endurance', 'flexor_endurance', 'sit_to_stand')",
            name=op.f("ck_measurements_instrument"),
        ),
        sa.CheckConstraint(
            "moment IN ('intake', 'mid', 'end', 'follow_up_3', 'follow_up_6', 'follow_up_12')",
            name=op.f("ck_measurements_moment"),
        ),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name=op.f("fk_measurements_enrollment_id_enrollments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["therapists.id"],
            name=op.f("fk_measurements_recorded_by_id_therapists"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurements")),
        sa.UniqueConstraint(
            "enrollment_id",
            "instrument",
            "moment",
            name=op.f("uq_measurements_enrollment_id_instrument_moment"),
        ),
    )
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_measurements_enrollment_id"), ["enrollment_id"], unique=False
        )

    op.create_table(
        "pacing_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("day_part", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("need", sa.String(), nullable=False),
        sa.CheckConstraint(
            "day_part IN ('morning', 'afternoon', 'evening')",
            name=op.f("ck_pacing_entries_day_part"),
        ),
        sa.CheckConstraint("kind IN ('effort', 'rest')", name=op.f("ck_pacing_entries_kind")),
        sa.CheckConstraint("need IN ('must', 'want')", name=op.f("ck_pacing_entries_need")),
        sa.CheckConstraint("weekday BETWEEN 1 AND 7", name=op.f("ck_pacing_entries_weekday")),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name=op.f("fk_pacing_entries_enrollment_id_enrollments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pacing_entries")),
        sa.UniqueConstraint(
            "enrollment_id",
            "weekday",
            "day_part",
            "position",
            name=op.f("uq_pacing_entries_enrollment_id_weekday_day_part_position"),
        ),
    )
    with op.batch_alter_table("pacing_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pacing_entries_enrollment_id"), ["enrollment_id"], unique=False
        )

    op.create_table(
        "smart_goals",
        sa.Column("enrollment_id", sa.Integer(), nullable=False),
        sa.Column("specific", sa.Text(), nullable=False),
        sa.Column("measurable", sa.Text(), nullable=False),
        sa.Column("acceptable", sa.Text(), nullable=False),
        sa.Column("realistic", sa.Text(), nullable=False),
        sa.Column("time_bound", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name=op.f("fk_smart_goals_enrollment_id_enrollments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("enrollment_id", name=op.f("pk_smart_goals")),
    )
    op.create_table(
        "graded_activity_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_graded_activity_logs_amount")),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["graded_activity_plans.id"],
            name=op.f("fk_graded_activity_logs_plan_id_graded_activity_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_graded_activity_logs")),
        sa.UniqueConstraint(
            "plan_id", "done_on", name=op.f("uq_graded_activity_logs_plan_id_done_on")
        ),
    )
    with op.batch_alter_table("graded_activity_logs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_graded_activity_logs_plan_id"), ["plan_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("graded_activity_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_graded_activity_logs_plan_id"))

    op.drop_table("graded_activity_logs")
    op.drop_table("smart_goals")
    with op.batch_alter_table("pacing_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pacing_entries_enrollment_id"))

    op.drop_table("pacing_entries")
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measurements_enrollment_id"))

    op.drop_table("measurements")
    with op.batch_alter_table("graded_activity_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_graded_activity_plans_enrollment_id"))

    op.drop_table("graded_activity_plans")
    with op.batch_alter_table("exposure_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exposure_items_enrollment_id"))

    op.drop_table("exposure_items")
