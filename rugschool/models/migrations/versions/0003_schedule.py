"""participants' consents and name key; group schedules, sessions, appointments, closed days

Revision ID: 0003_schedule
Revises: 0002_programme
Create Date: 2026-11-25 11:20:22.763458
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_schedule"
down_revision: str | None = "0002_programme"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fold(value: str) -> str:
    # As rugschool.models.base.fold at the time of this migration (kept here, frozen).
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(plain.replace("ł", "l").replace("ø", "o").replace("đ", "d").split())


def _fill_name_keys() -> None:
    people = sa.table(
        "participants",
        sa.column("id", sa.Integer),
        sa.column("first_name", sa.String),
        sa.column("name_prefix", sa.String),
        sa.column("last_name", sa.String),
        sa.column("name_key", sa.String),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(people.c.id, people.c.first_name, people.c.name_prefix, people.c.last_name)
    ).all()
    for row in rows:
        key = _fold(" ".join(p for p in (row.first_name, row.name_prefix, row.last_name) if p))
        bind.execute(people.update().where(people.c.id == row.id).values(name_key=key))


def upgrade() -> None:
    op.create_table(
        "closed_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_closed_days")),
    )
    op.create_table(
        "group_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("assistant_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('education', 'exercise')", name=op.f("ck_group_sessions_kind")
        ),
        sa.CheckConstraint(
            "assistant_id IS NULL OR lead_id IS NULL OR assistant_id <> lead_id",
            name=op.f("ck_group_sessions_two_different_therapists"),
        ),
        sa.CheckConstraint("number >= 1", name=op.f("ck_group_sessions_number")),
        sa.ForeignKeyConstraint(
            ["assistant_id"],
            ["therapists.id"],
            name=op.f("fk_group_sessions_assistant_id_therapists"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_group_sessions_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["therapists.id"],
            name=op.f("fk_group_sessions_lead_id_therapists"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_sessions")),
        sa.UniqueConstraint(
            "group_id", "kind", "number", name=op.f("uq_group_sessions_group_id_kind_number")
        ),
    )
    with op.batch_alter_table("group_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_sessions_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_group_sessions_starts_at"), ["starts_at"], unique=False
        )

    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('intake', 'final', 'follow_up_3', 'follow_up_6', 'follow_up_12')",
            name=op.f("ck_appointments_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name=op.f("fk_appointments_enrollment_id_enrollments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
        sa.UniqueConstraint(
            "enrollment_id", "kind", name=op.f("uq_appointments_enrollment_id_kind")
        ),
    )
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_appointments_enrollment_id"), ["enrollment_id"], unique=False
        )

    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("starting_levels", sa.JSON(), nullable=False, server_default="{}")
        )

    with op.batch_alter_table("groups", schema=None) as batch_op:
        # Server defaults fill the rows already there; new rows get the model's defaults.
        batch_op.add_column(sa.Column("kind", sa.String(), nullable=False, server_default="fixed"))
        batch_op.add_column(sa.Column("weekdays", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("start_time", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("minutes", sa.Integer(), nullable=False, server_default="60"))
        batch_op.add_column(
            sa.Column("exercise_sessions", sa.Integer(), nullable=False, server_default="16")
        )
        batch_op.add_column(
            sa.Column("education_sessions", sa.Integer(), nullable=False, server_default="2")
        )
        batch_op.create_check_constraint(op.f("ck_groups_kind"), "kind IN ('fixed', 'rolling')")
        batch_op.create_check_constraint(
            op.f("ck_groups_exercise_sessions"), "exercise_sessions BETWEEN 1 AND 100"
        )
        batch_op.create_check_constraint(
            op.f("ck_groups_education_sessions"), "education_sessions BETWEEN 0 AND 20"
        )
        batch_op.add_column(sa.Column("programme_version_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_groups_programme_version_id_programme_versions"),
            "programme_versions",
            ["programme_version_id"],
            ["id"],
            ondelete="RESTRICT",
        )

    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("consent_report_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("consent_media_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("consent_research_on", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_participants_name_key"), ["name_key"], unique=False)

    _fill_name_keys()

    op.create_table(
        "catch_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_catch_ups_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_catch_ups_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catch_ups")),
        sa.UniqueConstraint(
            "session_id", "participant_id", name=op.f("uq_catch_ups_session_id_participant_id")
        ),
    )
    with op.batch_alter_table("catch_ups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_catch_ups_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_catch_ups_session_id"), ["session_id"], unique=False)


def downgrade() -> None:
    op.drop_table("catch_ups")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participants_name_key"))
        batch_op.drop_column("consent_research_on")
        batch_op.drop_column("consent_media_on")
        batch_op.drop_column("consent_report_on")
        batch_op.drop_column("name_key")

    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_groups_programme_version_id_programme_versions"), type_="foreignkey"
        )
        batch_op.drop_column("programme_version_id")
        batch_op.drop_column("education_sessions")
        batch_op.drop_column("exercise_sessions")
        batch_op.drop_column("minutes")
        batch_op.drop_column("start_time")
        batch_op.drop_column("weekdays")
        batch_op.drop_column("kind")

    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.drop_column("starting_levels")

    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointments_enrollment_id"))

    op.drop_table("appointments")
    with op.batch_alter_table("group_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_sessions_starts_at"))
        batch_op.drop_index(batch_op.f("ix_group_sessions_group_id"))

    op.drop_table("group_sessions")
    op.drop_table("closed_days")
