"""What happens in a session: who came, what each person did at which level and how it felt,
which core messages were covered, and the theme of the day."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from rugschool.models.base import Base


class Attendance(Base):
    """One person at one session: present or not (with a reason), whether they came to
    catch up from another group, whether their pain after the last session had settled by
    the next day (None: not asked), and the warm-up."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    absence_reason: Mapped[str] = mapped_column(String, default="")
    catch_up: Mapped[bool] = mapped_column(Boolean, default=False)
    pain_settled: Mapped[bool | None] = mapped_column(Boolean)
    warmup_done: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("therapists.id", ondelete="SET NULL")
    )
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class ExerciseResult(Base):
    """One cell of the exercise grid: the level done, the pain (NRS 0-10; None: not asked),
    whether it went easily and with control, a note.

    The level is a foreign key to the level row *of this exercise* (a composite key), so the
    database itself refuses a level the exercise does not have.
    """

    __tablename__ = "exercise_results"
    __table_args__ = (
        UniqueConstraint("session_id", "participant_id", "exercise_id"),
        CheckConstraint("pain IS NULL OR pain BETWEEN 0 AND 10", name="pain"),
        CheckConstraint("next_level IS NULL OR next_level >= 1", name="next_level"),
        ForeignKeyConstraint(
            ["level_id", "exercise_id"],
            ["exercise_levels.id", "exercise_levels.exercise_id"],
            ondelete="RESTRICT",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("programme_exercises.id", ondelete="RESTRICT")
    )
    level_id: Mapped[int] = mapped_column(Integer)
    pain: Mapped[int | None] = mapped_column(Integer)
    easy: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    # The level the therapist agreed for the next session (an accepted suggestion); None:
    # the next session starts where this one ended.
    next_level: Mapped[int | None] = mapped_column(Integer)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("therapists.id", ondelete="SET NULL")
    )
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class MessageCoverage(Base):
    """A core message covered (or not) in an education session: the fidelity record."""

    __tablename__ = "message_coverage"
    __table_args__ = (UniqueConstraint("session_id", "message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int] = mapped_column(ForeignKey("core_messages.id", ondelete="RESTRICT"))
    covered: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")


class DayTheme(Base):
    """The theme of the day of an exercise session: an education theme, or the
    participants' own experiences (no theme row, a note)."""

    __tablename__ = "day_themes"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("education_themes.id", ondelete="SET NULL")
    )
    note: Mapped[str] = mapped_column(Text, default="")
