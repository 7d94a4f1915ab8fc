"""Outcome measures and the participant's self-management tools, per enrollment (one
person in one group): measurements at set moments, the SMART goal behind the personal
goal, a graded-activity plan with its log, an exposure ladder and a pacing week plan."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rugschool.models.base import Base
from rugschool.models.core import in_list


class Instrument(enum.StrEnum):
    NPRS = "nprs"  # pain, low back and leg, 0-10
    PSK = "psk"  # Patient Specific Complaints: up to three activities, 0-10 each
    QBPDS = "qbpds"  # Quebec Back Pain Disability Scale: 20 items 0-5, total 0-100
    ODI = "odi"  # Oswestry Disability Index: the total only (0-100 %), copyrighted items
    FABQ_PA = "fabq_pa"  # Fear-Avoidance Beliefs, physical activity: total only (0-24)
    FORWARD_BEND = "forward_bend"  # standing forward bend, fingertips to floor, cm
    EXTENSOR_ENDURANCE = "extensor_endurance"  # back extensors (Ito), seconds
    FLEXOR_ENDURANCE = "flexor_endurance"  # trunk flexors, seconds
    SIT_TO_STAND = "sit_to_stand"  # repetitions in 30 s, or seconds for five


class Moment(enum.StrEnum):
    INTAKE = "intake"
    MID = "mid"  # week 3-4 of the course: NPRS and PSK
    END = "end"
    FOLLOW_UP_3 = "follow_up_3"
    FOLLOW_UP_6 = "follow_up_6"
    FOLLOW_UP_12 = "follow_up_12"


class Measurement(Base):
    """One instrument at one moment: the answers as entered and the score they give."""

    __tablename__ = "measurements"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "instrument", "moment"),
        CheckConstraint(in_list("instrument", [i.value for i in Instrument]), name="instrument"),
        CheckConstraint(in_list("moment", [m.value for m in Moment]), name="moment"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), index=True
    )
    instrument: Mapped[str] = mapped_column(String)
    moment: Mapped[str] = mapped_column(String)
    taken_on: Mapped[dt.date] = mapped_column(Date)
    # Per instrument: {"back": 6, "leg": 2}; {"activities": [["walking", 7], ...]};
    # {"items": [0..5 or null] * 20}; {"total": 42}; {"value": 12.5, "unit": "reps"}.
    answers: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    score: Mapped[float | None] = mapped_column(Float)  # None: too many items missing
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("therapists.id", ondelete="SET NULL")
    )
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class SmartGoal(Base):
    """The personal goal spelled out (specific, measurable, acceptable, realistic,
    time-bound) with what matters to the person behind it. The one-line goal stays on the
    enrollment; whether it was reached is judged at the final visit (enrollment too)."""

    __tablename__ = "smart_goals"

    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), primary_key=True
    )
    specific: Mapped[str] = mapped_column(Text, default="")
    measurable: Mapped[str] = mapped_column(Text, default="")
    acceptable: Mapped[str] = mapped_column(Text, default="")
    realistic: Mapped[str] = mapped_column(Text, default="")
    time_bound: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[str] = mapped_column(Text, default="")  # what matters to them


class ActivityUnit(enum.StrEnum):
    MINUTES = "minutes"
    METRES = "metres"
    REPETITIONS = "repetitions"


class GradedActivityPlan(Base):
    """Building up one activity, time-contingent: from three baseline measurements a start
    below the baseline, then the same step each week up to the goal."""

    __tablename__ = "graded_activity_plans"
    __table_args__ = (
        CheckConstraint(in_list("unit", [u.value for u in ActivityUnit]), name="unit"),
        CheckConstraint("reduction_percent BETWEEN 0 AND 90", name="reduction_percent"),
        CheckConstraint("weeks BETWEEN 1 AND 52", name="weeks"),
        CheckConstraint("times_per_week BETWEEN 1 AND 14", name="times_per_week"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), index=True
    )
    activity: Mapped[str] = mapped_column(String)
    unit: Mapped[str] = mapped_column(String, default=ActivityUnit.MINUTES.value)
    baseline_1: Mapped[float] = mapped_column(Float)
    baseline_2: Mapped[float] = mapped_column(Float)
    baseline_3: Mapped[float] = mapped_column(Float)
    reduction_percent: Mapped[float] = mapped_column(Float, default=25.0)
    goal: Mapped[float] = mapped_column(Float)
    weeks: Mapped[int] = mapped_column(Integer)
    times_per_week: Mapped[int] = mapped_column(Integer, default=3)
    starts_on: Mapped[dt.date] = mapped_column(Date)

    logs: Mapped[list[GradedActivityLog]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="GradedActivityLog.done_on"
    )


class GradedActivityLog(Base):
    """What was done on one day of a graded-activity plan."""

    __tablename__ = "graded_activity_logs"
    __table_args__ = (
        UniqueConstraint("plan_id", "done_on"),
        CheckConstraint("amount >= 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("graded_activity_plans.id", ondelete="CASCADE"), index=True
    )
    done_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")


class ExposureItem(Base):
    """One step of the exposure ladder: a feared movement or activity, its rank (1 least
    feared, 10 most), how afraid of it the person is (0-10), and when it was done."""

    __tablename__ = "exposure_items"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "rank"),
        CheckConstraint("rank BETWEEN 1 AND 10", name="rank"),
        CheckConstraint("fear BETWEEN 0 AND 10", name="fear"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), index=True
    )
    rank: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String)
    fear: Mapped[int] = mapped_column(Integer)
    done_on: Mapped[dt.date | None] = mapped_column(Date)


class DayPart(enum.StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


class PacingEntry(Base):
    """One block of the pacing week plan: an activity on a day and part of the day, effort
    or rest, something that must be done or something the person wants to do."""

    __tablename__ = "pacing_entries"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "weekday", "day_part", "position"),
        CheckConstraint("weekday BETWEEN 1 AND 7", name="weekday"),
        CheckConstraint(in_list("day_part", [p.value for p in DayPart]), name="day_part"),
        CheckConstraint("kind IN ('effort', 'rest')", name="kind"),
        CheckConstraint("need IN ('must', 'want')", name="need"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int] = mapped_column(Integer)  # ISO: 1 = Monday
    day_part: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(Integer, default=1)  # order within the part
    activity: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String, default="effort")
    need: Mapped[str] = mapped_column(String, default="must")
