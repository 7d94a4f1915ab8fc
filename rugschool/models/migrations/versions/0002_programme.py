"""programme content: versions, exercises, levels, education, hints, picture overrides

Revision ID: 0002_programme
Revises: 0001_core
Create Date: 2026-11-25 10:56:58.395704
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_programme"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "picture_overrides",
        sa.Column("picture", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("original_name", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("picture", name=op.f("pk_picture_overrides")),
    )
    op.create_table(
        "programme_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("source_digest", sa.String(), nullable=False),
        sa.Column("shipped", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("language IN ('nl', 'en')", name=op.f("ck_programme_versions_language")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_versions")),
    )
    op.create_table(
        "core_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("theme", sa.String(), nullable=False),
        sa.Column("gain", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("talking_points", sa.JSON(), nullable=False),
        sa.Column("shipped", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["programme_versions.id"],
            name=op.f("fk_core_messages_version_id_programme_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_messages")),
        sa.UniqueConstraint("version_id", "key", name=op.f("uq_core_messages_version_id_key")),
    )
    with op.batch_alter_table("core_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_core_messages_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "education_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("shipped", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["programme_versions.id"],
            name=op.f("fk_education_sessions_version_id_programme_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_education_sessions")),
        sa.UniqueConstraint("version_id", "key", name=op.f("uq_education_sessions_version_id_key")),
    )
    with op.batch_alter_table("education_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_education_sessions_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "instruction_hints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("shipped", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["programme_versions.id"],
            name=op.f("fk_instruction_hints_version_id_programme_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instruction_hints")),
        sa.UniqueConstraint("version_id", "key", name=op.f("uq_instruction_hints_version_id_key")),
    )
    with op.batch_alter_table("instruction_hints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_instruction_hints_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "programme_exercises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("shipped", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('warmup', 'exercise')", name=op.f("ck_programme_exercises_kind")
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_programme_exercises_position")),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["programme_versions.id"],
            name=op.f("fk_programme_exercises_version_id_programme_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_exercises")),
        sa.UniqueConstraint(
            "version_id", "key", name=op.f("uq_programme_exercises_version_id_key")
        ),
    )
    with op.batch_alter_table("programme_exercises", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_exercises_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "education_themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("shipped", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["education_sessions.id"],
            name=op.f("fk_education_themes_session_id_education_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_education_themes")),
        sa.UniqueConstraint("session_id", "key", name=op.f("uq_education_themes_session_id_key")),
    )
    with op.batch_alter_table("education_themes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_education_themes_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "exercise_levels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("instruction", sa.Text(), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=True),
        sa.Column("repetitions", sa.Integer(), nullable=True),
        sa.Column("hold_seconds", sa.Integer(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("per_side", sa.Boolean(), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("picture", sa.String(), nullable=False),
        sa.Column("shipped", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "hold_seconds IS NULL OR hold_seconds BETWEEN 1 AND 300",
            name=op.f("ck_exercise_levels_hold_seconds"),
        ),
        sa.CheckConstraint(
            "minutes IS NULL OR minutes BETWEEN 1 AND 120", name=op.f("ck_exercise_levels_minutes")
        ),
        sa.CheckConstraint("number >= 1", name=op.f("ck_exercise_levels_number")),
        sa.CheckConstraint(
            "repetitions IS NULL OR repetitions BETWEEN 1 AND 100",
            name=op.f("ck_exercise_levels_repetitions"),
        ),
        sa.CheckConstraint(
            "sets IS NULL OR sets BETWEEN 1 AND 10", name=op.f("ck_exercise_levels_sets")
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["programme_exercises.id"],
            name=op.f("fk_exercise_levels_exercise_id_programme_exercises"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_levels")),
        sa.UniqueConstraint(
            "exercise_id", "number", name=op.f("uq_exercise_levels_exercise_id_number")
        ),
    )
    with op.batch_alter_table("exercise_levels", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exercise_levels_exercise_id"), ["exercise_id"], unique=False
        )

    op.create_table(
        "education_theme_messages",
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["core_messages.id"],
            name=op.f("fk_education_theme_messages_message_id_core_messages"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["education_themes.id"],
            name=op.f("fk_education_theme_messages_theme_id_education_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("theme_id", "message_id", name=op.f("pk_education_theme_messages")),
    )


def downgrade() -> None:
    op.drop_table("education_theme_messages")
    with op.batch_alter_table("exercise_levels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_levels_exercise_id"))

    op.drop_table("exercise_levels")
    with op.batch_alter_table("education_themes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_education_themes_session_id"))

    op.drop_table("education_themes")
    with op.batch_alter_table("programme_exercises", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_exercises_version_id"))

    op.drop_table("programme_exercises")
    with op.batch_alter_table("instruction_hints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_instruction_hints_version_id"))

    op.drop_table("instruction_hints")
    with op.batch_alter_table("education_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_education_sessions_version_id"))

    op.drop_table("education_sessions")
    with op.batch_alter_table("core_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_core_messages_version_id"))

    op.drop_table("core_messages")
    op.drop_table("programme_versions")
    op.drop_table("picture_overrides")
