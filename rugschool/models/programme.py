"""Programme content: what the therapist teaches and what participants take home.

A programme version is one language's complete programme. A new version is made when the
app ships changed default texts, when the practice edits a version that recordings already
point at (copy on write), and when a programme file is imported; so recordings keep pointing
at the exercises and levels that were actually done. Every content row keeps `shipped`: the
default values it was last loaded with, field by field. A field whose value differs from its
shipped value was edited by the clinic, and an update leaves it alone; a row with nothing
shipped is the practice's own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rugschool.models.base import Base

CONTENT_KINDS = ("warmup", "exercise")


class VersionContent:
    """What every top-level content row of a version has: its version, a key that stays the
    same across versions, and the values it was shipped with (see the module's docstring)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("programme_versions.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String)
    shipped: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ProgrammeVersion(Base):
    __tablename__ = "programme_versions"
    __table_args__ = (CheckConstraint("language IN ('nl', 'en')", name="language"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    language: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(Text, default="")
    # SHA-256 of the default content file this version was made from: a start compares it
    # with the file's and only parses the file when they differ.
    source_digest: Mapped[str] = mapped_column(String, default="")
    shipped: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    # The version this one was copied from (an edit, a default update); None for the first
    # install and for an import.
    based_on_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme_versions.id", ondelete="SET NULL")
    )
    # The programme file this version was imported from ("" when it was not imported).
    source_file: Mapped[str] = mapped_column(String, default="", server_default="")
    # Default items the practice removed, as paths ("exercise:thighs",
    # "exercise:thighs/level:4"): a later default update must not bring them back.
    removed: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")

    exercises: Mapped[list[ProgrammeExercise]] = relationship(
        back_populates="version",
        cascade="all, delete-orphan",
        order_by="ProgrammeExercise.position",
    )
    core_messages: Mapped[list[CoreMessage]] = relationship(
        cascade="all, delete-orphan", order_by="CoreMessage.number"
    )
    education_sessions: Mapped[list[EducationSession]] = relationship(
        cascade="all, delete-orphan", order_by="EducationSession.number"
    )
    hints: Mapped[list[InstructionHint]] = relationship(
        cascade="all, delete-orphan", order_by="InstructionHint.position"
    )


class ProgrammeExercise(VersionContent, Base):
    """An exercise (or the warm-up, position 0) with its levels."""

    __tablename__ = "programme_exercises"
    __table_args__ = (
        UniqueConstraint("version_id", "key"),
        CheckConstraint("kind IN ('warmup', 'exercise')", name="kind"),
        CheckConstraint("position >= 0", name="position"),
    )

    kind: Mapped[str] = mapped_column(String, default="exercise")
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String)
    purpose: Mapped[str] = mapped_column(Text, default="")

    version: Mapped[ProgrammeVersion] = relationship(back_populates="exercises")
    levels: Mapped[list[ExerciseLevel]] = relationship(
        back_populates="exercise", cascade="all, delete-orphan", order_by="ExerciseLevel.number"
    )


class ExerciseLevel(Base):
    """One level of an exercise: what the participant does, how much, with what."""

    __tablename__ = "exercise_levels"
    __table_args__ = (
        UniqueConstraint("exercise_id", "number"),
        # The target of the recordings' composite key: a level *of this exercise*.
        UniqueConstraint("id", "exercise_id"),
        CheckConstraint("number >= 1", name="number"),
        CheckConstraint("sets IS NULL OR sets BETWEEN 1 AND 10", name="sets"),
        CheckConstraint("repetitions IS NULL OR repetitions BETWEEN 1 AND 100", name="repetitions"),
        CheckConstraint(
            "hold_seconds IS NULL OR hold_seconds BETWEEN 1 AND 300", name="hold_seconds"
        ),
        CheckConstraint("minutes IS NULL OR minutes BETWEEN 1 AND 120", name="minutes"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("programme_exercises.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    instruction: Mapped[str] = mapped_column(Text, default="")
    sets: Mapped[int | None] = mapped_column(Integer)
    repetitions: Mapped[int | None] = mapped_column(Integer)
    hold_seconds: Mapped[int | None] = mapped_column(Integer)
    minutes: Mapped[int | None] = mapped_column(Integer)
    per_side: Mapped[bool] = mapped_column(Boolean, default=False)
    equipment: Mapped[list[str]] = mapped_column(JSON, default=list)
    picture: Mapped[str] = mapped_column(String)
    shipped: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The number this level has in the default programme (None: the practice's own level).
    # It stays when an earlier level is removed and this one moves up, so a default update
    # still matches it with its own default texts.
    default_number: Mapped[int | None] = mapped_column(Integer)

    exercise: Mapped[ProgrammeExercise] = relationship(back_populates="levels")


class CoreMessage(VersionContent, Base):
    __tablename__ = "core_messages"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(String, default="")
    gain: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    talking_points: Mapped[list[str]] = mapped_column(JSON, default=list)


class EducationSession(VersionContent, Base):
    __tablename__ = "education_sessions"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String)
    minutes: Mapped[int] = mapped_column(Integer, default=60)
    description: Mapped[str] = mapped_column(Text, default="")

    themes: Mapped[list[EducationTheme]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="EducationTheme.position"
    )


class EducationTheme(Base):
    __tablename__ = "education_themes"
    __table_args__ = (UniqueConstraint("session_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("education_sessions.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String)
    summary: Mapped[str] = mapped_column(Text, default="")
    shipped: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    session: Mapped[EducationSession] = relationship(back_populates="themes")
    message_links: Mapped[list[ThemeMessage]] = relationship(
        cascade="all, delete-orphan", order_by="ThemeMessage.position"
    )

    @property
    def messages(self) -> list[CoreMessage]:
        return [link.message for link in self.message_links]


class ThemeMessage(Base):
    """A core message taught in a theme, in teaching order."""

    __tablename__ = "education_theme_messages"

    theme_id: Mapped[int] = mapped_column(
        ForeignKey("education_themes.id", ondelete="CASCADE"), primary_key=True
    )
    message_id: Mapped[int] = mapped_column(
        ForeignKey("core_messages.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer)

    message: Mapped[CoreMessage] = relationship()


class InstructionHint(VersionContent, Base):
    __tablename__ = "instruction_hints"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text, default="")


class PictureOverride(Base):
    """A therapist's own photo in place of a default picture, in every language and version.
    The file lives in the data dir's pictures/ folder."""

    __tablename__ = "picture_overrides"

    picture: Mapped[str] = mapped_column(String, primary_key=True)
    file_name: Mapped[str] = mapped_column(String)
    original_name: Mapped[str] = mapped_column(String, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
