"""The core records: participants, therapists, groups, enrollments and settings."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
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
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from rugschool.models.base import Base, nfc


class EnrollmentStatus(enum.StrEnum):
    WAITING = "waiting"
    ACTIVE = "active"
    STOPPED = "stopped"
    COMPLETED = "completed"


def _in_list(column: str, values: list[str]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Participant(Base):
    """A person taking part. No citizen service number and no insurer data: the clinic's
    own record system stays the legal file."""

    __tablename__ = "participants"
    __table_args__ = (
        CheckConstraint("length(first_name) > 0 OR length(last_name) > 0", name="has_name"),
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

    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("first_name", "name_prefix", "last_name")
    def _normalise_name(self, _key: str, value: str) -> str:
        return nfc(value) or ""


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

    @validates("name")
    def _normalise_name(self, _key: str, value: str) -> str:
        return nfc(value) or ""


class Group(Base):
    """One run of the programme."""

    __tablename__ = "groups"
    __table_args__ = (
        CheckConstraint("length(name) > 0", name="has_name"),
        CheckConstraint("max_size > 0", name="max_size_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    location: Mapped[str] = mapped_column(String, default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    max_size: Mapped[int] = mapped_column(Integer, default=12)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    therapists: Mapped[list[Therapist]] = relationship(
        secondary=group_therapists, order_by=Therapist.id
    )
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="group", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("name", "location")
    def _normalise_text(self, _key: str, value: str) -> str:
        return nfc(value) or ""


class Enrollment(Base):
    """A participant in a group, with their own start date, status and personal goal."""

    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("participant_id", "group_id"),
        CheckConstraint(_in_list("status", [s.value for s in EnrollmentStatus]), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String, default=EnrollmentStatus.WAITING.value)
    personal_goal: Mapped[str] = mapped_column(Text, default="")

    participant: Mapped[Participant] = relationship(back_populates="enrollments")
    group: Mapped[Group] = relationship(back_populates="enrollments")


class Setting(Base):
    """One typed setting (see rugschool.settings); text values as text, pictures as bytes."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    text_value: Mapped[str | None] = mapped_column(Text)
    blob_value: Mapped[bytes | None] = mapped_column(LargeBinary)
