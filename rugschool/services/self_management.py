"""The participant's self-management tools (seed 003, seed 001), per enrollment: the SMART
goal behind the one-line personal goal with the value it serves, graded-activity plans
with their logs, the exposure ladder and the pacing week plan.

Every operation is one transaction and hands back frozen dataclasses. The rules themselves
live in `graded_activity_rules` and `pacing_rules`, without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from rugschool.errors import NotFound, ValidationError
from rugschool.i18n import N_, _
from rugschool.models import (
    ActivityUnit,
    AuditAction,
    Database,
    Enrollment,
    ExposureItem,
    GradedActivityLog,
    GradedActivityPlan,
    PacingEntry,
    SmartGoal,
)
from rugschool.services import audit
from rugschool.services import graded_activity_rules as rules
from rugschool.services.audit import Actor
from rugschool.services.pacing_rules import (
    PacingBlock,
    PacingHint,
    check_week_plan,
    in_week_order,
    pacing_hints,
)

LADDER_STEPS = 10  # "noteer maximaal tien bewegingen of activiteiten", ranked 1 to 10


@dataclass(frozen=True)
class SmartGoalText:
    """The personal goal made specific, measurable, acceptable, realistic and time-bound,
    and what matters to the person behind it (a value-driven goal, seed 001)."""

    specific: str = ""
    measurable: str = ""
    acceptable: str = ""
    realistic: str = ""
    time_bound: str = ""
    value: str = ""


@dataclass(frozen=True)
class PlanInput:
    activity: str
    baselines: tuple[float, float, float]  # three measurements of what can be done now
    goal: float
    weeks: int  # weekly increases: the goal is reached in week `weeks + 1`
    starts_on: dt.date
    unit: str = ActivityUnit.MINUTES.value
    reduction_percent: float = rules.DEFAULT_REDUCTION
    times_per_week: int = rules.ADVISED_TIMES_PER_WEEK


@dataclass(frozen=True)
class PlanRow:
    id: int
    enrollment_id: int
    data: PlanInput
    figures: rules.PlanFigures  # baseline, start, weekly step

    @property
    def warnings(self) -> list[str]:
        """Allowed, but not what the seed advises (in the language active now)."""
        return rules.plan_warnings(self.data.reduction_percent, self.data.times_per_week)


@dataclass(frozen=True)
class LogRow:
    id: int
    plan_id: int
    done_on: dt.date
    amount: float
    note: str = ""


@dataclass(frozen=True)
class ExposureInput:
    rank: int  # 1 least feared ... 10 most
    description: str
    fear: int  # 0-10
    done_on: dt.date | None = None


@dataclass(frozen=True)
class ExposureRow:
    id: int
    rank: int
    description: str
    fear: int
    done_on: dt.date | None


def _check_plan(data: PlanInput) -> tuple[PlanInput, rules.PlanFigures]:
    activity = " ".join(data.activity.split())
    if not activity:
        raise ValidationError(_("Say which activity is built up."))
    if data.unit not in {unit.value for unit in ActivityUnit}:
        raise ValidationError(_("Unknown unit: {unit}.").format(unit=data.unit))
    rules.check_times_per_week(data.times_per_week)
    figures = rules.plan_figures(data.baselines, data.goal, data.weeks, data.reduction_percent)
    return replace(data, activity=activity), figures


def _plan_row(plan: GradedActivityPlan) -> PlanRow:
    data = PlanInput(
        plan.activity,
        (plan.baseline_1, plan.baseline_2, plan.baseline_3),
        plan.goal,
        plan.weeks,
        plan.starts_on,
        plan.unit,
        plan.reduction_percent,
        plan.times_per_week,
    )
    figures = rules.plan_figures(data.baselines, data.goal, data.weeks, data.reduction_percent)
    return PlanRow(plan.id, plan.enrollment_id, data, figures)


def _store_plan(plan: GradedActivityPlan, data: PlanInput) -> None:
    plan.activity, plan.unit = data.activity, data.unit
    plan.baseline_1, plan.baseline_2, plan.baseline_3 = data.baselines
    plan.reduction_percent, plan.goal, plan.weeks = data.reduction_percent, data.goal, data.weeks
    plan.times_per_week, plan.starts_on = data.times_per_week, data.starts_on


def check_ladder(items: Sequence[ExposureInput]) -> list[ExposureInput]:
    """Up to ten steps, each with its own rank from 1 to 10 and a fear from 0 to 10, in
    rank order (1 is the least feared: the ladder is climbed from there)."""
    if len(items) > LADDER_STEPS:
        raise ValidationError(_("An exposure ladder has at most ten steps."))
    ranks = [item.rank for item in items]
    if any(not 1 <= rank <= LADDER_STEPS for rank in ranks):
        raise ValidationError(_("Rank the steps from 1 (least feared) to 10 (most feared)."))
    if len(set(ranks)) != len(ranks):
        raise ValidationError(_("Each step of the ladder needs its own rank."))
    checked = []
    for item in sorted(items, key=lambda i: i.rank):
        if not 0 <= item.fear <= 10:
            raise ValidationError(_("Fear is scored from 0 to 10."))
        description = " ".join(item.description.split())
        if not description:
            raise ValidationError(_("Describe the movement or activity of each step."))
        checked.append(ExposureInput(item.rank, description, item.fear, item.done_on))
    return checked


def next_exposure_step(ladder: Sequence[ExposureRow]) -> ExposureRow | None:
    """The step to work on now: the least feared one not done yet (None: all done)."""
    return min((row for row in ladder if row.done_on is None), key=lambda r: r.rank, default=None)


def _exposure_row(item: ExposureItem) -> ExposureRow:
    return ExposureRow(item.id, item.rank, item.description, item.fear, item.done_on)


def _pacing_block(entry: PacingEntry) -> PacingBlock:
    return PacingBlock(
        entry.weekday, entry.day_part, entry.activity, entry.kind, entry.need, entry.position
    )


class SelfManagementService:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self._db = db
        self.actor = actor  # named in the audit log

    def _changed(self, s: Session, enrollment_id: int, detail: str) -> None:
        """Checks the enrollment exists, and logs the change to the person's record."""
        enrollment = _enrollment(s, enrollment_id)
        audit.log(s, self.actor, AuditAction.CHANGED, enrollment.participant_id, detail)

    # -------------------------------------------------------------- SMART goal

    def smart_goal(self, enrollment_id: int) -> SmartGoalText:
        """The SMART goal as stored; empty fields when none was written yet."""
        with self._db.transaction() as s:
            _enrollment(s, enrollment_id)
            row = s.get(SmartGoal, enrollment_id)
            if row is None:
                return SmartGoalText()
            return SmartGoalText(*(getattr(row, f.name) for f in fields(SmartGoalText)))

    def save_smart_goal(self, enrollment_id: int, goal: SmartGoalText) -> SmartGoalText:
        cleaned = SmartGoalText(*(getattr(goal, f.name).strip() for f in fields(SmartGoalText)))
        with self._db.transaction() as s:
            self._changed(s, enrollment_id, N_("goal"))
            row = s.get(SmartGoal, enrollment_id) or SmartGoal(enrollment_id=enrollment_id)
            for f in fields(SmartGoalText):
                setattr(row, f.name, getattr(cleaned, f.name))
            s.add(row)
        return cleaned

    # -------------------------------------------------------------- graded activity

    def create_plan(self, enrollment_id: int, data: PlanInput) -> PlanRow:
        checked, _figures = _check_plan(data)
        with self._db.transaction() as s:
            self._changed(s, enrollment_id, N_("graded activity"))
            plan = GradedActivityPlan(enrollment_id=enrollment_id)
            _store_plan(plan, checked)
            s.add(plan)
            s.flush()
            return _plan_row(plan)

    def update_plan(self, plan_id: int, data: PlanInput) -> PlanRow:
        """Changes a plan; its log stays (entries now before its start drop out of the
        schedule, they are not removed)."""
        checked, _figures = _check_plan(data)
        with self._db.transaction() as s:
            plan = _plan(s, plan_id)
            _store_plan(plan, checked)
            return _plan_row(plan)

    def remove_plan(self, plan_id: int) -> None:
        """Removes a plan with its log."""
        with self._db.transaction() as s:
            s.delete(_plan(s, plan_id))

    def plan(self, plan_id: int) -> PlanRow:
        with self._db.transaction() as s:
            return _plan_row(_plan(s, plan_id))

    def plans(self, enrollment_id: int) -> list[PlanRow]:
        """An enrollment's plans, oldest first."""
        query = (
            select(GradedActivityPlan)
            .where(GradedActivityPlan.enrollment_id == enrollment_id)
            .order_by(GradedActivityPlan.starts_on, GradedActivityPlan.id)
        )
        with self._db.transaction() as s:
            _enrollment(s, enrollment_id)
            return [_plan_row(plan) for plan in s.scalars(query)]

    def log(self, plan_id: int, done_on: dt.date, amount: float, note: str = "") -> LogRow:
        """Records what was done on a day; a second entry for the same day replaces the
        first."""
        rules.check_amount(amount)
        with self._db.transaction() as s:
            plan = _plan(s, plan_id)
            if done_on < plan.starts_on:
                raise ValidationError(
                    _("This plan starts on {date}; a day before that cannot be logged.").format(
                        date=plan.starts_on.strftime("%d-%m-%Y")
                    )
                )
            row = s.scalars(
                select(GradedActivityLog).where(
                    GradedActivityLog.plan_id == plan_id, GradedActivityLog.done_on == done_on
                )
            ).one_or_none()
            row = row or GradedActivityLog(plan_id=plan_id, done_on=done_on)
            row.amount, row.note = amount, note.strip()
            s.add(row)
            s.flush()
            return LogRow(row.id, plan_id, done_on, amount, row.note)

    def remove_log(self, log_id: int) -> None:
        with self._db.transaction() as s:
            row = s.get(GradedActivityLog, log_id)
            if row is None:
                raise NotFound(_("There is no log entry with number {id}.").format(id=log_id))
            s.delete(row)

    def logs(self, plan_id: int) -> list[LogRow]:
        """A plan's log, oldest first."""
        with self._db.transaction() as s:
            return [
                LogRow(r.id, r.plan_id, r.done_on, r.amount, r.note) for r in _plan(s, plan_id).logs
            ]

    def schedule(self, plan_id: int, today: dt.date) -> list[rules.WeekRow]:
        """Week by week: planned, done (the mean of the week's entries) and how often."""
        with self._db.transaction() as s:
            plan = _plan(s, plan_id)
            row = _plan_row(plan)
            logs = [(log.done_on, log.amount) for log in plan.logs]
        return rules.plan_vs_done(
            row.figures, row.data.starts_on, row.data.times_per_week, logs, today
        )

    # -------------------------------------------------------------- exposure ladder

    def set_exposure(self, enrollment_id: int, items: Sequence[ExposureInput]) -> list[ExposureRow]:
        """Replaces the whole ladder (an item's done date travels with it in `items`)."""
        ladder = check_ladder(items)
        with self._db.transaction() as s:
            self._changed(s, enrollment_id, N_("exposure ladder"))
            s.execute(delete(ExposureItem).where(ExposureItem.enrollment_id == enrollment_id))
            rows = [
                ExposureItem(
                    enrollment_id=enrollment_id,
                    rank=item.rank,
                    description=item.description,
                    fear=item.fear,
                    done_on=item.done_on,
                )
                for item in ladder
            ]
            s.add_all(rows)
            s.flush()
            return [_exposure_row(row) for row in rows]

    def mark_exposure_done(self, item_id: int, done_on: dt.date | None) -> ExposureRow:
        """The day a step was done, or None: not done (yet)."""
        with self._db.transaction() as s:
            item = s.get(ExposureItem, item_id)
            if item is None:
                raise NotFound(_("There is no exposure step with number {id}.").format(id=item_id))
            item.done_on = done_on
            return _exposure_row(item)

    def exposure(self, enrollment_id: int) -> list[ExposureRow]:
        """The ladder in rank order, least feared first."""
        query = (
            select(ExposureItem)
            .where(ExposureItem.enrollment_id == enrollment_id)
            .order_by(ExposureItem.rank)
        )
        with self._db.transaction() as s:
            _enrollment(s, enrollment_id)
            return [_exposure_row(item) for item in s.scalars(query)]

    # -------------------------------------------------------------- pacing

    def set_pacing(self, enrollment_id: int, blocks: Sequence[PacingBlock]) -> list[PacingBlock]:
        """Replaces the whole week plan; returns it as stored (in order, numbered)."""
        plan = check_week_plan(blocks)
        with self._db.transaction() as s:
            self._changed(s, enrollment_id, N_("pacing plan"))
            s.execute(delete(PacingEntry).where(PacingEntry.enrollment_id == enrollment_id))
            s.add_all(
                PacingEntry(
                    enrollment_id=enrollment_id,
                    weekday=b.weekday,
                    day_part=b.day_part,
                    position=b.position,
                    activity=b.activity,
                    kind=b.kind,
                    need=b.need,
                )
                for b in plan
            )
        return plan

    def pacing(self, enrollment_id: int) -> list[PacingBlock]:
        """The week plan by day, part of the day and position."""
        query = select(PacingEntry).where(PacingEntry.enrollment_id == enrollment_id)
        with self._db.transaction() as s:
            _enrollment(s, enrollment_id)
            blocks = [_pacing_block(entry) for entry in s.scalars(query)]
        return in_week_order(blocks)

    def pacing_hints(self, enrollment_id: int) -> list[PacingHint]:
        """Where the week plan goes against the seed's advice, in plain language."""
        return pacing_hints(self.pacing(enrollment_id))


def _enrollment(s: Session, enrollment_id: int) -> Enrollment:
    enrollment = s.get(Enrollment, enrollment_id)
    if enrollment is None:
        raise NotFound(_("That enrollment no longer exists."))
    return enrollment


def _plan(s: Session, plan_id: int) -> GradedActivityPlan:
    plan = s.get(GradedActivityPlan, plan_id)
    if plan is None:
        raise NotFound(_("There is no graded-activity plan with number {id}.").format(id=plan_id))
    return plan
