"""The core records: participants, therapists, groups, enrollments and settings."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship, validates

from rugschool.models.base import Base, fold, nfc


class EnrollmentStatus(enum.StrEnum):
    WAITING = "waiting"
    ACTIVE = "active"
    STOPPED = "stopped"
    COMPLETED = "completed"


def in_list(column: str, values: list[str]) -> str:
    """SQL for a check constraint: the column holds one of these values."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Edited:
    """A record more than one person may edit at once (clinic mode): a version the ORM
    raises on every change and checks on save, and who changed it last. A save based on an
    older version is refused (services turn that into "changed meanwhile by ...")."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("therapists.id", ondelete="SET NULL")
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Participant(Edited, Base):
    """A person taking part. No citizen service number and no insurer data: the clinic's
    own record system stays the legal file."""

    __tablename__ = "participants"
    __table_args__ = (
        CheckConstraint("length(first_name) > 0 OR length(last_name) > 0", name="has_name"),
        CheckConstraint("language IN ('nl', 'en')", name="language"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_name: Mapped[str] = mapped_column(String, default="")
    name_prefix: Mapped[str] = mapped_column(String, default="")
    last_name: Mapped[str] = mapped_column(String, default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String, default="")
    email: Mapped[str] = mapped_column(String, default="")
    referrer: Mapped[str] = mapped_column(String, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    # The name folded for search and duplicate checks: no case, no accents ("zoe devries").
    name_key: Mapped[str] = mapped_column(String, default="", index=True)
    # Consents, each with the date it was given (None: not given).
    consent_report_on: Mapped[dt.date | None] = mapped_column(Date)
    consent_media_on: Mapped[dt.date | None] = mapped_column(Date)
    consent_research_on: Mapped[dt.date | None] = mapped_column(Date)
    # The language of what they take home (handouts): Dutch unless they read English better.
    language: Mapped[str] = mapped_column(String, default="nl", server_default="nl")

    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("first_name", "name_prefix", "last_name")
    def _normalise_name(self, key: str, value: str) -> str:
        value = nfc(value) or ""
        parts = {
            "first_name": self.first_name,
            "name_prefix": self.name_prefix,
            "last_name": self.last_name,
            key: value,
        }
        self.name_key = fold(" ".join(p for p in parts.values() if p))
        return value


group_therapists = Table(
    "group_therapists",
    Base.metadata,
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("therapist_id", ForeignKey("therapists.id", ondelete="CASCADE"), primary_key=True),
)


class Therapist(Base):
    __tablename__ = "therapists"
    __table_args__ = (CheckConstraint("length(name) > 0", name="has_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # argon2id hash of the profile's password or PIN; None: the profile opens without one.
    secret_hash: Mapped[str | None] = mapped_column(String)

    @validates("name")
    def _normalise_name(self, _key: str, value: str) -> str:
        return nfc(value) or ""


class GroupKind(enum.StrEnum):
    FIXED = "fixed"  # a course: everyone starts together and does the same sessions
    ROLLING = "rolling"  # continues week after week; people join when they are ready


class Group(Edited, Base):
    """One run of the programme."""

    __tablename__ = "groups"
    __table_args__ = (
        CheckConstraint("length(name) > 0", name="has_name"),
        CheckConstraint("max_size > 0", name="max_size_positive"),
        CheckConstraint(in_list("kind", [k.value for k in GroupKind]), name="kind"),
        CheckConstraint("exercise_sessions BETWEEN 1 AND 100", name="exercise_sessions"),
        CheckConstraint("education_sessions BETWEEN 0 AND 20", name="education_sessions"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    location: Mapped[str] = mapped_column(String, default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    max_size: Mapped[int] = mapped_column(Integer, default=12)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String, default=GroupKind.FIXED.value)
    # ISO weekdays the group meets (1 = Monday), e.g. [2, 4] for Tuesday and Thursday.
    weekdays: Mapped[list[int]] = mapped_column(JSON, default=list)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    minutes: Mapped[int] = mapped_column(Integer, default=60)
    # Per participant: how many exercise and education sessions make the course.
    exercise_sessions: Mapped[int] = mapped_column(Integer, default=16)
    education_sessions: Mapped[int] = mapped_column(Integer, default=2)
    programme_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme_versions.id", ondelete="RESTRICT")
    )

    therapists: Mapped[list[Therapist]] = relationship(
        secondary=group_therapists, order_by=Therapist.id
    )
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="group", cascade="all, delete-orphan", passive_deletes=True
    )
    sessions: Mapped[list[GroupSession]] = relationship(
        back_populates="group",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="GroupSession.starts_at",
    )

    @validates("name", "location")
    def _normalise_text(self, _key: str, value: str) -> str:
        return nfc(value) or ""


class GoalOutcome(enum.StrEnum):
    """How far the personal goal was reached, judged at the final visit."""

    REACHED = "reached"
    PARTLY = "partly"
    NOT_REACHED = "not_reached"


class Enrollment(Edited, Base):
    """A participant in a group, with their own start date, status and personal goal."""

    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("participant_id", "group_id"),
        CheckConstraint(in_list("status", [s.value for s in EnrollmentStatus]), name="status"),
        CheckConstraint(
            "goal_outcome IS NULL OR " + in_list("goal_outcome", [g.value for g in GoalOutcome]),
            name="goal_outcome",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String, default=EnrollmentStatus.WAITING.value)
    personal_goal: Mapped[str] = mapped_column(Text, default="")
    # Starting level per exercise key; an exercise not named starts at level 1.
    starting_levels: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # The therapist's conclusion for the end report, and whether the goal was reached.
    conclusion: Mapped[str] = mapped_column(Text, default="", server_default="")
    goal_outcome: Mapped[str | None] = mapped_column(String)

    participant: Mapped[Participant] = relationship(back_populates="enrollments")
    group: Mapped[Group] = relationship(back_populates="enrollments")
    appointments: Mapped[list[Appointment]] = relationship(
        back_populates="enrollment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Appointment.due_on",
    )


class SessionKind(enum.StrEnum):
    EDUCATION = "education"
    EXERCISE = "exercise"


class GroupSession(Edited, Base):
    """One dated meeting of a group. (Not `Session`: that name is SQLAlchemy's.)"""

    __tablename__ = "group_sessions"
    __table_args__ = (
        UniqueConstraint("group_id", "kind", "number"),
        CheckConstraint(in_list("kind", [k.value for k in SessionKind]), name="kind"),
        CheckConstraint("number >= 1", name="number"),
        CheckConstraint(
            "assistant_id IS NULL OR lead_id IS NULL OR assistant_id <> lead_id",
            name="two_different_therapists",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... within its kind and group
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    minutes: Mapped[int] = mapped_column(Integer, default=60)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("therapists.id", ondelete="SET NULL"))
    assistant_id: Mapped[int | None] = mapped_column(
        ForeignKey("therapists.id", ondelete="SET NULL")
    )
    notes: Mapped[str] = mapped_column(Text, default="")

    group: Mapped[Group] = relationship(back_populates="sessions")
    catch_ups: Mapped[list[CatchUp]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    lead: Mapped[Therapist | None] = relationship(foreign_keys=[lead_id])
    assistant: Mapped[Therapist | None] = relationship(foreign_keys=[assistant_id])


class CatchUp(Base):
    """Someone from another group who joins one session of this group to make up for one
    they missed. Check-in at that session lists them with the group's own people."""

    __tablename__ = "catch_ups"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )

    participant: Mapped[Participant] = relationship()


class AppointmentKind(enum.StrEnum):
    INTAKE = "intake"
    FINAL = "final"
    FOLLOW_UP_3 = "follow_up_3"
    FOLLOW_UP_6 = "follow_up_6"
    FOLLOW_UP_12 = "follow_up_12"


class Appointment(Base):
    """An individual meeting for one enrollment, with the date it is due."""

    __tablename__ = "appointments"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "kind"),
        CheckConstraint(in_list("kind", [k.value for k in AppointmentKind]), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String)
    due_on: Mapped[dt.date] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    enrollment: Mapped[Enrollment] = relationship(back_populates="appointments")


class ClosedDay(Base):
    """A day the practice is closed (a holiday): no group meets; the course runs on after."""

    __tablename__ = "closed_days"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str] = mapped_column(String, default="")


class Setting(Base):
    """One typed setting (see rugschool.settings); text values as text, pictures as bytes."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    text_value: Mapped[str | None] = mapped_column(Text)
    blob_value: Mapped[bytes | None] = mapped_column(LargeBinary)
