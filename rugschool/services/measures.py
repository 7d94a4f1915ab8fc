"""Outcome measures per enrollment: recording an instrument at a moment (scored by
rugschool.services.scoring), what is due, each moment's state, and the group's change from
intake to the end of the course. Every operation is one transaction and hands out frozen
dataclasses.

- One measurement per enrollment, instrument and moment: recording it again replaces it.
- A moment is due by its appointment (intake, final visit, follow-ups) or, halfway, by the
  person's own course (weeks 3-4); it is done when every instrument it asks is recorded.
- The due list covers people in a course (active) and, for their follow-ups only, people
  who completed it; the waiting list, stopped people and archived participants are left out.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from rugschool.errors import NotFound
from rugschool.i18n import N_, _
from rugschool.models import (
    Appointment,
    AuditAction,
    Database,
    Enrollment,
    EnrollmentStatus,
    Group,
    GroupSession,
    Instrument,
    Measurement,
    Moment,
    Participant,
    SessionKind,
    Therapist,
)
from rugschool.services import audit
from rugschool.services.audit import Actor
from rugschool.services.names import collation_key, full_name
from rugschool.services.scoring import (
    ASKED,
    OVERDUE_REACH,
    REPS,
    SECONDS,
    MomentStatus,
    assess,
    change,
    instrument_of,
    moment_dues,
    moment_of,
    moment_status,
)

_MOMENT_ORDER = {m: i for i, m in enumerate(Moment)}
_INSTRUMENT_ORDER = {x: i for i, x in enumerate(Instrument)}
_FOLLOW_UPS = (Moment.FOLLOW_UP_3, Moment.FOLLOW_UP_6, Moment.FOLLOW_UP_12)
_ACTIVE, _COMPLETED = EnrollmentStatus.ACTIVE.value, EnrollmentStatus.COMPLETED.value

Dues = dict[Moment, dt.date | None]


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    enrollment_id: int
    instrument: Instrument
    moment: Moment
    taken_on: dt.date
    answers: dict[str, object]  # as scoring.assess tidied them
    score: float | None  # None: too much missing to score
    notes: str
    recorded_by_id: int | None


class SeriesPoint(NamedTuple):
    moment: Moment
    taken_on: dt.date
    score: float | None


@dataclass(frozen=True)
class MomentRow:
    """One moment of one enrollment: when it is due, its state, what it asks and what was
    recorded (instruments in their standard order)."""

    moment: Moment
    due_on: dt.date | None  # None: not planned yet
    status: MomentStatus
    asked: tuple[Instrument, ...]
    done: tuple[Instrument, ...]  # recorded at this moment, asked or not

    @property
    def missing(self) -> tuple[Instrument, ...]:
        return tuple(x for x in self.asked if x not in self.done)


@dataclass(frozen=True)
class DueMeasure:
    enrollment_id: int
    participant_id: int
    name: str
    group_id: int
    group: str
    moment: Moment
    missing: tuple[Instrument, ...]
    due_on: dt.date
    status: MomentStatus


@dataclass(frozen=True)
class GroupChange:
    """An instrument over the people with a score both at the intake and at the end.
    Sit-to-stand counts only the people measured in the group's usual unit (`unit`) both
    times."""

    n: int
    mean_intake: float
    mean_end: float
    mean_change: float  # mean_end - mean_intake
    improved: bool | None  # whether that change is better; None: no change
    unit: str = ""  # sit-to-stand: "reps" or "seconds"


class MeasureService:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self._db = db
        self.actor = actor  # named in the audit log

    def record(
        self,
        enrollment_id: int,
        instrument: Instrument | str,
        moment: Moment | str,
        answers: Mapping[str, object],
        taken_on: dt.date,
        notes: str = "",
        therapist_id: int | None = None,
    ) -> MeasurementRow:
        """Scores and stores one instrument at one moment, replacing an earlier entry for
        the same instrument and moment. ValidationError on answers that do not fit."""
        return self.record_all(
            enrollment_id, moment, {instrument: answers}, taken_on, notes, therapist_id
        )[0]

    def record_all(
        self,
        enrollment_id: int,
        moment: Moment | str,
        answers: Mapping[Instrument | str, Mapping[str, object]],
        taken_on: dt.date,
        notes: str = "",
        therapist_id: int | None = None,
    ) -> list[MeasurementRow]:
        """Several instruments of one moment at once: every one is checked first, then all
        are stored in one transaction, or none (a form with an error stores nothing)."""
        moment = moment_of(moment)
        assessed = [(instrument_of(i), assess(instrument_of(i), a)) for i, a in answers.items()]
        if therapist_id is None and self.actor is not None:
            therapist_id = self.actor.therapist_id  # who works at the app records it
        with self._db.transaction() as s:
            enrollment = _enrollment(s, enrollment_id)
            audit.log(s, self.actor, AuditAction.CHANGED, enrollment.participant_id, N_("measures"))
            if therapist_id is not None and s.get(Therapist, therapist_id) is None:
                missing = _("There is no therapist with number {id}.").format(id=therapist_id)
                raise NotFound(missing)
            rows = []
            for instrument, result in assessed:
                row = _find(s, enrollment_id, instrument, moment)
                if row is None:
                    row = Measurement(
                        enrollment_id=enrollment_id,
                        instrument=instrument.value,
                        moment=moment.value,
                    )
                    s.add(row)
                else:  # the database's clock is UTC (CURRENT_TIMESTAMP): keep it so
                    row.recorded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
                row.taken_on, row.answers, row.score = taken_on, result.answers, result.score
                row.notes, row.recorded_by_id = notes.strip(), therapist_id
                rows.append(row)
            s.flush()
            return [_row(row) for row in rows]

    def remove(
        self, enrollment_id: int, instrument: Instrument | str, moment: Moment | str
    ) -> MeasurementRow | None:
        """Removes one measurement; returns what was there (None: nothing was), for undo."""
        instrument, moment = instrument_of(instrument), moment_of(moment)
        with self._db.transaction() as s:
            enrollment = _enrollment(s, enrollment_id)
            row = _find(s, enrollment_id, instrument, moment)
            if row is None:
                return None
            before = _row(row)
            s.delete(row)
            audit.log(s, self.actor, AuditAction.CHANGED, enrollment.participant_id, N_("measures"))
            return before

    def for_enrollment(self, enrollment_id: int) -> list[MeasurementRow]:
        """Everything measured, by moment, then instrument."""
        with self._db.transaction() as s:
            _enrollment(s, enrollment_id)
            query = select(Measurement).where(Measurement.enrollment_id == enrollment_id)
            rows = [_row(m) for m in s.scalars(query)]
        return sorted(
            rows, key=lambda r: (_MOMENT_ORDER[r.moment], _INSTRUMENT_ORDER[r.instrument])
        )

    def series(self, enrollment_id: int, instrument: Instrument | str) -> list[SeriesPoint]:
        """One instrument's scores over the moments, in moment order (for a chart)."""
        instrument = instrument_of(instrument)
        query = select(Measurement.moment, Measurement.taken_on, Measurement.score).where(
            Measurement.enrollment_id == enrollment_id,
            Measurement.instrument == instrument.value,
        )
        with self._db.transaction() as s:
            _enrollment(s, enrollment_id)
            points = [SeriesPoint(Moment(m), day, score) for m, day, score in s.execute(query)]
        return sorted(points, key=lambda p: _MOMENT_ORDER[p.moment])

    def moments(self, enrollment_id: int, today: dt.date) -> list[MomentRow]:
        """Every moment of one enrollment, in order, with its due date and state."""
        ids = [enrollment_id]
        with self._db.transaction() as s:
            _enrollment(s, enrollment_id)
            dues = _dues(s, ids).get(enrollment_id) or moment_dues({}, None)
            recorded = _recorded(s, ids).get(enrollment_id, {})
        return [_moment_row(m, dues[m], recorded.get(m, set()), today) for m in Moment]

    def due(
        self, today: dt.date, until_days: int = 14, reach: dt.timedelta = OVERDUE_REACH
    ) -> list[DueMeasure]:
        """The moments not done and due by `today + until_days`, overdue ones too as long as
        their due date lies within `reach` before today, across every group, by due date:
        five queries however many people there are, reading only the enrollments that can
        have a moment in that stretch."""
        since, until = today - reach, today + dt.timedelta(days=until_days)
        in_scope = (
            Enrollment.status.in_((_ACTIVE, _COMPLETED)),
            Participant.archived.is_(False),
            _may_fall_between(since, until),
        )
        people = (
            select(Enrollment.id, Enrollment.status, Participant.id, Group.id, Group.name)
            .add_columns(Participant.first_name, Participant.name_prefix, Participant.last_name)
            .join(Participant, Enrollment.participant_id == Participant.id)
            .join(Group, Enrollment.group_id == Group.id)
            .where(*in_scope)
        )
        with self._db.transaction() as s:
            rows = list(s.execute(people))
            found_ids = [row[0] for row in rows]  # read once: each query below uses the index
            dues, recorded = _dues(s, found_ids), _recorded(s, found_ids)
        found = []
        for eid, status, pid, gid, group, *name in rows:
            for moment in _FOLLOW_UPS if status == _COMPLETED else tuple(Moment):
                due = dues.get(eid, {}).get(moment)
                if due is None or not since <= due <= until:
                    continue
                row = _moment_row(moment, due, recorded[eid][moment], today)
                if row.status is MomentStatus.DONE:
                    continue
                person = full_name(*name)
                found.append(
                    DueMeasure(eid, pid, person, gid, group, moment, row.missing, due, row.status)
                )
        return sorted(
            found, key=lambda d: (d.due_on, collation_key(d.name), _MOMENT_ORDER[d.moment])
        )

    def group_changes(self, group_id: int) -> dict[Instrument, GroupChange]:
        """Per instrument, the group's mean at the intake and at the end and the mean
        change, over the people with a score at both (instruments nobody has are left out)."""
        query = (
            select(Measurement.enrollment_id, Measurement.instrument, Measurement.moment)
            .add_columns(Measurement.score, Measurement.answers)
            .join(Enrollment, Measurement.enrollment_id == Enrollment.id)
            .where(
                Enrollment.group_id == group_id,
                Measurement.moment.in_((Moment.INTAKE.value, Moment.END.value)),
                Measurement.score.is_not(None),
            )
        )
        with self._db.transaction() as s:
            if s.get(Group, group_id) is None:
                raise NotFound(_("There is no group with number {id}.").format(id=group_id))
            rows = list(s.execute(query))
        pairs = _intake_end_pairs(rows)
        changes = ((x, group_change(x, pairs.get(x, []))) for x in Instrument)
        return {x: found for x, found in changes if found is not None}


def _intake_end_pairs(
    rows: Iterable[Sequence[Any]],
) -> dict[Instrument, list[tuple[float, float, str]]]:
    """(intake score, end score, unit) per instrument from rows of (enrollment, instrument,
    moment, score, answers); a sit-to-stand measured in two units makes no pair."""
    scores: dict[tuple[Instrument, int], dict[Moment, tuple[float, str]]] = defaultdict(dict)
    for eid, instrument, moment, value, answers in rows:
        unit = str(answers.get("unit", "")) if isinstance(answers, dict) else ""
        scores[Instrument(instrument), eid][Moment(moment)] = (value, unit)
    pairs: dict[Instrument, list[tuple[float, float, str]]] = defaultdict(list)
    for (instrument, _eid), by_moment in scores.items():
        if len(by_moment) == 2:
            (before, unit), (after, end_unit) = by_moment[Moment.INTAKE], by_moment[Moment.END]
            if unit == end_unit:
                pairs[instrument].append((before, after, unit))
    return pairs


def group_change(
    instrument: Instrument, pairs: Iterable[tuple[float, float, str]]
) -> GroupChange | None:
    """The means over (intake, end, unit) pairs; None without any. Sit-to-stand keeps the
    pairs in the unit most of them use (repetitions on a tie): the two cannot be mixed."""
    chosen = list(pairs)
    unit = ""
    if instrument is Instrument.SIT_TO_STAND:
        counts = Counter(u for _b, _a, u in chosen)
        unit = max((REPS, SECONDS), key=lambda u: counts[u])
        chosen = [p for p in chosen if p[2] == unit]
    if not chosen:
        return None
    before, after = fmean(p[0] for p in chosen), fmean(p[1] for p in chosen)
    found = change(instrument, before, after, unit or REPS)
    return GroupChange(len(chosen), before, after, found.difference, found.improved, unit)


# ------------------------------------------------------------------ loading


def _enrollment(s: Session, enrollment_id: int) -> Enrollment:
    row = s.get(Enrollment, enrollment_id)
    if row is None:
        raise NotFound(_("That enrollment no longer exists."))
    return row


def _find(
    s: Session, enrollment_id: int, instrument: Instrument, moment: Moment
) -> Measurement | None:
    return s.scalars(
        select(Measurement).where(
            Measurement.enrollment_id == enrollment_id,
            Measurement.instrument == instrument.value,
            Measurement.moment == moment.value,
        )
    ).one_or_none()


def _row(m: Measurement) -> MeasurementRow:
    return MeasurementRow(
        id=m.id,
        enrollment_id=m.enrollment_id,
        instrument=Instrument(m.instrument),
        moment=Moment(m.moment),
        taken_on=m.taken_on,
        answers=dict(m.answers),
        score=m.score,
        notes=m.notes,
        recorded_by_id=m.recorded_by_id,
    )


def _moment_row(
    moment: Moment, due: dt.date | None, recorded: set[Instrument], today: dt.date
) -> MomentRow:
    asked = ASKED[moment]
    done = tuple(x for x in Instrument if x in recorded)
    finished = all(x in recorded for x in asked)
    return MomentRow(moment, due, moment_status(due, today, finished), asked, done)


def _may_fall_between(since: dt.date, until: dt.date) -> ColumnElement[bool]:
    """Enrollments that may have a moment due between `since` and `until` (a superset:
    `_dues` decides): one with an appointment due then, or in a group with an exercise
    session from two weeks before `since` on (the mid-course moment falls on the Monday two
    weeks after the week of the first one)."""
    appointments = select(Appointment.enrollment_id).where(Appointment.due_on.between(since, until))
    sessions = select(GroupSession.group_id).where(
        GroupSession.kind == SessionKind.EXERCISE.value,
        GroupSession.starts_at >= dt.datetime.combine(since - dt.timedelta(weeks=2), dt.time()),
        GroupSession.starts_at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()),
    )
    return or_(Enrollment.id.in_(appointments), Enrollment.group_id.in_(sessions))


def _dues(s: Session, ids: Sequence[int]) -> dict[int, Dues]:
    """Each enrollment's moments' due dates: three queries for any number of enrollments.
    Their own course starts with the first exercise session on or after their own start
    date (else the group's), as rugschool.services.schedule counts it: found here by
    bisecting each group's sessions once, instead of a join per enrollment."""
    starts = (
        select(Enrollment.id, Enrollment.group_id)
        .add_columns(func.coalesce(Enrollment.start_date, Group.start_date))
        .join(Group, Enrollment.group_id == Group.id)
        .where(Enrollment.id.in_(ids))
    )
    enrollments = list(s.execute(starts))
    sessions = (
        select(GroupSession.group_id, GroupSession.starts_at)
        .where(GroupSession.group_id.in_({gid for _eid, gid, _start in enrollments}))
        .where(GroupSession.kind == SessionKind.EXERCISE.value)
        .order_by(GroupSession.starts_at)
    )
    by_group: dict[int, list[dt.datetime]] = defaultdict(list)
    for gid, starts_at in s.execute(sessions):
        by_group[gid].append(starts_at)
    firsts: dict[int, dt.date] = {}
    for eid, gid, start in enrollments:
        times = by_group[gid]
        found = bisect_left(times, dt.datetime.combine(start, dt.time())) if start else 0
        if found < len(times):
            firsts[eid] = times[found].date()
    appointments = select(Appointment.enrollment_id, Appointment.kind, Appointment.due_on).where(
        Appointment.enrollment_id.in_(ids)
    )
    planned: dict[int, dict[str, dt.date]] = defaultdict(dict)
    for eid, kind, due in s.execute(appointments):
        planned[eid][kind] = due
    return {eid: moment_dues(planned.get(eid, {}), firsts.get(eid)) for eid in {*planned, *firsts}}


def _recorded(s: Session, ids: Sequence[int]) -> dict[int, dict[Moment, set[Instrument]]]:
    query = select(Measurement.enrollment_id, Measurement.moment, Measurement.instrument).where(
        Measurement.enrollment_id.in_(ids)
    )
    found: dict[int, dict[Moment, set[Instrument]]] = defaultdict(lambda: defaultdict(set))
    for eid, moment, instrument in s.execute(query):
        found[eid][Moment(moment)].add(Instrument(instrument))
    return found
