"""The schedule: a group's dated sessions, the days the practice is closed, each
participant's own session count and their individual appointments.

The date rules are pure functions, tested without a database:

- A group meets on its weekdays from its start date on (the start date itself counts when it
  is one of them). Education sessions take the first meetings, exercise sessions the ones
  after. A closed day is skipped and the course runs on: no session is dropped.
- A rolling group plans its education sessions once, at its start, like a course; after that
  it has exercise sessions only, numbered on (17, 18, ...), planned `ROLLING_HORIZON` ahead.
- A participant's own course is the first `exercise_sessions` exercise sessions on or after
  their own start date, so a late joiner in a rolling group counts their own 16.
- Sessions that have started before `now` have been held: nothing here moves them by itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from rugschool.errors import NotFound, ValidationError
from rugschool.i18n import _
from rugschool.models import (
    Appointment,
    CatchUp,
    ClosedDay,
    Database,
    Enrollment,
    Group,
    GroupKind,
    GroupSession,
    Participant,
    SessionKind,
    Therapist,
)
from rugschool.services.audit import Actor
from rugschool.services.names import full_name
from rugschool.services.schedule_rules import (  # re-exported: the rules and their results
    ONE_DAY,
    ROLLING_HORIZON,
    EnrollmentProgress,
    PlannedSession,
    Slot,
    appointment_dues,
    course_slots,
    lay_out,
    meeting_days,
    progress,
    shift_slots,
)
from rugschool.services.versions import check_version, mark_changed, versioned

_Row = TypeVar("_Row")


@dataclass(frozen=True)
class SessionRow:
    id: int
    group_id: int
    group_name: str
    kind: str
    number: int
    starts_at: dt.datetime
    minutes: int
    lead: str | None  # the therapists' names
    assistant: str | None
    lead_id: int | None = None
    assistant_id: int | None = None
    notes: str = ""
    catch_ups: int = 0  # people from other groups making up a missed session here
    version: int = 1  # as stored: a move or a team based on an older one is refused


@dataclass(frozen=True)
class AppointmentRow:
    id: int
    enrollment_id: int
    kind: str
    due_on: dt.date
    done_on: dt.date | None
    notes: str


@dataclass(frozen=True)
class ClosedDayRow:
    day: dt.date
    reason: str


class SameTherapistTwice(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("The lead and the assistant must be two different therapists."))


# ------------------------------------------------------------------ date rules (pure)


def _session_row(x: GroupSession) -> SessionRow:
    return SessionRow(
        id=x.id,
        group_id=x.group_id,
        group_name=x.group.name,
        kind=x.kind,
        number=x.number,
        starts_at=x.starts_at,
        minutes=x.minutes,
        lead=x.lead.name if x.lead else None,
        assistant=x.assistant.name if x.assistant else None,
        lead_id=x.lead_id,
        assistant_id=x.assistant_id,
        notes=x.notes,
        catch_ups=len(x.catch_ups),
        version=x.version,
    )


def _appointment_row(a: Appointment) -> AppointmentRow:
    return AppointmentRow(a.id, a.enrollment_id, a.kind, a.due_on, a.done_on, a.notes)


def _in_order(sessions: Iterable[GroupSession]) -> list[GroupSession]:
    return sorted(sessions, key=lambda x: (x.starts_at, x.id or 0))


def _load(s: Session, model: type[_Row], key: int, missing: str) -> _Row:
    row = s.get(model, key)
    if row is None:
        raise NotFound(missing)
    return row


def _closed(s: Session) -> set[dt.date]:
    return set(s.scalars(select(ClosedDay.day)))


def _plan_fields(group: Group) -> tuple[dt.date, dt.time]:
    if group.start_date is None:
        raise ValidationError(_("Give the group a start date before planning its sessions."))
    if not group.weekdays:
        raise ValidationError(_("Choose the days the group meets."))
    if group.start_time is None:
        raise ValidationError(_("Give the group a start time before planning its sessions."))
    return group.start_date, group.start_time


def _plan_on(
    group: Group,
    held: set[Slot],
    first_day: dt.date,
    horizon: dt.date,
    closed: set[dt.date],
    not_before: dt.datetime | None = None,
) -> list[PlannedSession]:
    """The group's sessions not in `held`, on its meeting days from `first_day` on; a
    rolling group's up to `horizon` (a course ends by itself)."""
    _start, at = _plan_fields(group)
    rolling = group.kind == GroupKind.ROLLING.value
    exercise = None if rolling else group.exercise_sessions
    slots = (x for x in course_slots(group.education_sessions, exercise) if x not in held)
    days: Iterable[dt.date] = meeting_days(first_day, group.weekdays, closed)
    if not_before is not None:
        days = (d for d in days if dt.datetime.combine(d, at) >= not_before)
    if rolling:
        days = itertools.takewhile(lambda d: d <= horizon, days)
    return lay_out(slots, days, at)


def _add_session(group: Group, planned: PlannedSession) -> GroupSession:
    # A new session is led by the group's first therapist, assisted by its second.
    therapists = list(group.therapists)
    row = GroupSession(
        kind=planned.kind, number=planned.number, starts_at=planned.starts_at, notes=""
    )
    row.minutes = group.minutes
    row.lead = therapists[0] if therapists else None
    row.assistant = therapists[1] if len(therapists) > 1 else None
    group.sessions.append(row)
    return row


def _refuse_held(row: GroupSession, now: dt.datetime | None = None) -> None:
    if row.starts_at < (now or dt.datetime.now()):
        raise ValidationError(_("This session has been held; it stays where it was."))


def _keeps_order(row: GroupSession, new_start: dt.datetime) -> bool:
    # Session 5 stays between 4 and 6: its number says what is done in it.
    siblings = [x for x in row.group.sessions if x.kind == row.kind and x is not row]
    return all(
        x.starts_at < new_start if x.number < row.number else x.starts_at > new_start
        for x in siblings
    )


_Held = tuple[str, int, dt.datetime]  # a session's kind, number and start


def _extend(
    group: Group, horizon: dt.date, closed: set[dt.date], held: Iterable[_Held] | None = None
) -> int:
    """Adds the group's sessions after its last one up to `horizon`. `held`: its sessions as
    plain rows, when read for many groups at once (else its own sessions are loaded)."""
    start, _at = _plan_fields(group)
    rows = [(x.kind, x.number, x.starts_at) for x in group.sessions] if held is None else held
    slots, first_day = set(), start
    for kind, number, starts_at in rows:
        slots.add((kind, number))
        first_day = max(first_day, starts_at.date() + ONE_DAY)
    plan = _plan_on(group, slots, first_day, horizon, closed)
    for planned in plan:
        _add_session(group, planned)
    return len(plan)


def _clear_closed(group: Group, closed: set[dt.date], now: dt.datetime) -> set[int]:
    """Shifts the group's sessions off closed days, one meeting at a time, until none
    that is still to come lies on one. Returns the ids of the sessions that moved."""
    moved: set[int] = set()
    while True:
        ordered = _in_order(group.sessions)
        hit = [
            i for i, x in enumerate(ordered) if x.starts_at >= now and x.starts_at.date() in closed
        ]
        if not hit:
            return moved
        later = ordered[hit[0] :]
        slots = shift_slots([x.starts_at for x in later], group.weekdays, closed, group.start_time)
        for row, slot in zip(later, slots, strict=True):
            row.starts_at = slot
            moved.add(row.id)


class ScheduleService:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self._db = db
        self.actor = actor  # who works at the app: named as who moved or staffed a session

    # -------------------------------------------------------------- sessions

    def create_sessions(self, group_id: int, now: dt.datetime | None = None) -> int:
        """Plans the group's sessions from its start date, weekdays and time, and stores them.
        Safe to run again: sessions before `now` stay as they are; later ones are planned
        anew, keeping their row (therapists, notes) when their slot is still in the plan.
        A rolling group is planned `ROLLING_HORIZON` ahead. Returns how many lie ahead."""
        now = now or dt.datetime.now()
        with self._db.transaction() as s:
            group = self._group(s, group_id)
            start, _at = _plan_fields(group)
            held = [x for x in group.sessions if x.starts_at < now]
            ahead = {(x.kind, x.number): x for x in group.sessions if x.starts_at >= now}
            first_day = max([start, *(x.starts_at.date() + ONE_DAY for x in held)])
            horizon = max(now.date(), start) + ROLLING_HORIZON
            keys = {(x.kind, x.number) for x in held}
            plan = _plan_on(group, keys, first_day, horizon, _closed(s), not_before=now)
            for planned in plan:
                row = ahead.pop((planned.kind, planned.number), None)
                if row is None:
                    _add_session(group, planned)
                else:
                    row.starts_at, row.minutes = planned.starts_at, group.minutes
            for stale in ahead.values():
                group.sessions.remove(stale)  # delete-orphan removes the row
            self._replan_group(s, group)
            return len(plan)

    def extend_rolling(self, group_id: int, until: dt.date) -> int:
        """Plans a rolling group's next exercise sessions up to `until`, after its last one.
        A fixed course is complete as planned: nothing is added. Returns how many were added."""
        with self._db.transaction() as s:
            group = self._group(s, group_id)
            if group.kind != GroupKind.ROLLING.value:
                return 0
            return _extend(group, until, _closed(s))

    def extend_all_rolling(self, today: dt.date) -> int:
        """Every rolling group that can be planned, `ROLLING_HORIZON` ahead (at start-up).
        A group already planned up to the horizon is not even read (its plan would start
        after it), and the others' sessions are read as plain rows: a group's sessions are
        loaded only when one is added."""
        horizon = today + ROLLING_HORIZON
        planned_to = (
            select(GroupSession.group_id)
            .where(GroupSession.starts_at >= dt.datetime.combine(horizon, dt.time()))
            .distinct()
        )
        query = select(Group).where(
            Group.kind == GroupKind.ROLLING.value,
            Group.archived.is_(False),
            Group.start_date <= horizon,
            Group.start_time.is_not(None),
            Group.id.not_in(planned_to),
        )
        with self._db.transaction() as s:
            closed = _closed(s)
            groups = [g for g in s.scalars(query) if g.weekdays]
            sessions = select(
                GroupSession.group_id, GroupSession.kind, GroupSession.number
            ).add_columns(GroupSession.starts_at)
            held: dict[int, list[_Held]] = defaultdict(list)
            mine = sessions.where(GroupSession.group_id.in_([g.id for g in groups]))
            for gid, kind, number, starts_at in s.execute(mine):
                held[gid].append((kind, number, starts_at))
            return sum(_extend(g, horizon, closed, held[g.id]) for g in groups)

    def sessions(self, group_id: int) -> list[SessionRow]:
        with self._db.transaction() as s:
            self._group(s, group_id)
            query = self._session_query().where(GroupSession.group_id == group_id)
            return [_session_row(x) for x in s.scalars(query)]

    def upcoming(self, from_: dt.datetime, days: int) -> list[SessionRow]:
        """The sessions of every group still running, from `from_` for `days` days."""
        query = (
            self._session_query()
            .join(GroupSession.group)
            .where(Group.archived.is_(False))
            .where(GroupSession.starts_at >= from_)
            .where(GroupSession.starts_at < from_ + dt.timedelta(days=days))
        )
        with self._db.transaction() as s:
            return [_session_row(x) for x in s.scalars(query)]

    def move_session(
        self,
        session_id: int,
        new_start: dt.datetime,
        now: dt.datetime | None = None,
        *,
        version: int | None = None,
    ) -> SessionRow:
        """Moves one session still to come. Sessions of a kind keep their order: session 5
        before 6. `version` is the one the screen showed (None: no check)."""
        with versioned(self._db, GroupSession, session_id) as s:
            row = self._session(s, session_id)
            check_version(s, row, version)
            _refuse_held(row, now)
            if new_start.date() in _closed(s):
                day = new_start.strftime("%d-%m-%Y")
                raise ValidationError(_("The practice is closed on {day}.").format(day=day))
            if not _keeps_order(row, new_start):
                raise ValidationError(
                    _(
                        "Sessions keep their order: this date would move it past another "
                        "session. Shift the sessions instead."
                    )
                )
            row.starts_at = new_start
            mark_changed(row, self.actor)
            self._replan_group(s, row.group)
            return _session_row(row)

    def shift_from(self, session_id: int, now: dt.datetime | None = None) -> int:
        """Shifts a session still to come and every later one of its group on by one
        meeting: each takes the slot of the next, the last goes to the next meeting day.
        Returns how many moved."""
        with self._db.transaction() as s:
            row = self._session(s, session_id)
            _refuse_held(row, now)
            group = row.group
            ordered = _in_order(group.sessions)
            later = ordered[ordered.index(row) :]
            starts = [x.starts_at for x in later]
            slots = shift_slots(starts, group.weekdays, _closed(s), group.start_time)
            for x, slot in zip(later, slots, strict=True):
                x.starts_at = slot
            self._replan_group(s, group)
            return len(later)

    def set_therapists(
        self,
        session_id: int,
        lead_id: int | None,
        assistant_id: int | None,
        *,
        version: int | None = None,
    ) -> SessionRow:
        # Checked here, not left to the database's check constraint: the user gets a clear
        # message instead of an integrity error.
        if lead_id is not None and lead_id == assistant_id:
            raise SameTherapistTwice()
        with versioned(self._db, GroupSession, session_id) as s:
            row = self._session(s, session_id)
            check_version(s, row, version)
            # Both looked up before either is set: a swap never meets the database half done.
            lead, assistant = self._therapist(s, lead_id), self._therapist(s, assistant_id)
            row.lead, row.assistant = lead, assistant
            mark_changed(row, self.actor)
            s.flush()
            return _session_row(row)

    # -------------------------------------------------------------- closed days

    def closed_days(self) -> list[ClosedDayRow]:
        with self._db.transaction() as s:
            days = s.scalars(select(ClosedDay).order_by(ClosedDay.day))
            return [ClosedDayRow(d.day, d.reason) for d in days]

    def add_closed_day(self, day: dt.date, reason: str = "", now: dt.datetime | None = None) -> int:
        """Closes the practice on `day` (again: updates the reason). Sessions still to come
        on that day move on by one meeting, with all their group's later sessions; held
        sessions never move. Returns how many sessions moved."""
        now = now or dt.datetime.now()
        with self._db.transaction() as s:
            closed_day = s.get(ClosedDay, day) or ClosedDay(day=day)
            closed_day.reason = " ".join(reason.split())
            s.add(closed_day)
            closed = _closed(s) | {day}
            start = max(now, dt.datetime.combine(day, dt.time()))
            hit = select(GroupSession.group_id).where(
                GroupSession.starts_at >= start,
                GroupSession.starts_at < dt.datetime.combine(day + ONE_DAY, dt.time()),
            )
            groups = list(s.scalars(select(Group).where(Group.id.in_(hit))))
            moved = sum(len(_clear_closed(g, closed, now)) for g in groups)
            for group in groups:
                self._replan_group(s, group)
            return moved

    def remove_closed_day(self, day: dt.date) -> None:
        """Opens the day again. Nothing moves back by itself: participants may have been told
        the new dates; move or shift sessions by hand."""
        with self._db.transaction() as s:
            closed_day = s.get(ClosedDay, day)
            if closed_day is not None:
                s.delete(closed_day)

    # -------------------------------------------------------------- enrollments

    def enrollment_progress(self, enrollment_id: int, now: dt.datetime) -> EnrollmentProgress:
        with self._db.transaction() as s:
            return self._progress(self._enrollment(s, enrollment_id), now)

    def group_progress(self, group_id: int, now: dt.datetime) -> dict[int, EnrollmentProgress]:
        """Every enrollment's progress in one go, by enrollment id (for the group's table)."""
        with self._db.transaction() as s:
            group = self._group(s, group_id)
            return {e.id: self._progress(e, now) for e in group.enrollments}

    def plan_appointments(self, enrollment_id: int) -> list[AppointmentRow]:
        """Creates or re-dates the appointments that can be planned; a done one never changes.
        The intake is due a week before the first session on or after their start date."""
        with self._db.transaction() as s:
            e = self._enrollment(s, enrollment_id)
            plan_course(e)
            s.flush()
            return sorted(map(_appointment_row, e.appointments), key=lambda a: a.due_on)

    @classmethod
    def _replan_group(cls, s: Session, group: Group) -> None:
        """After the dates changed: everyone's appointments follow their course."""
        s.flush()
        for enrollment in group.enrollments:
            if enrollment.appointments:
                plan_course(enrollment)

    def add_catch_up(self, session_id: int, participant_id: int) -> None:
        """Someone from another group makes up a missed session in this one."""
        with self._db.transaction() as s:
            session = self._session(s, session_id)
            if any(e.participant_id == participant_id for e in session.group.enrollments):
                raise ValidationError(_("This person is in this group already."))
            _load(
                s,
                Participant,
                participant_id,
                _("There is no participant with number {id}.").format(id=participant_id),
            )
            if all(c.participant_id != participant_id for c in session.catch_ups):
                session.catch_ups.append(CatchUp(participant_id=participant_id))

    def remove_catch_up(self, session_id: int, participant_id: int) -> None:
        with self._db.transaction() as s:
            session = self._session(s, session_id)
            session.catch_ups = [c for c in session.catch_ups if c.participant_id != participant_id]

    def catch_ups(self, session_id: int) -> list[tuple[int, str]]:
        """(participant id, name) of who makes up a session here."""
        with self._db.transaction() as s:
            return [
                (
                    c.participant_id,
                    full_name(
                        c.participant.first_name, c.participant.name_prefix, c.participant.last_name
                    ),
                )
                for c in self._session(s, session_id).catch_ups
            ]

    def set_appointment_done(self, appointment_id: int, done_on: dt.date | None) -> None:
        """Marks an appointment done on a day, or not done (None)."""
        with self._db.transaction() as s:
            appointment = _load(
                s, Appointment, appointment_id, _("That appointment no longer exists.")
            )
            appointment.done_on = done_on

    def due_appointments(
        self, until: dt.date, since: dt.date = dt.date.min
    ) -> list[tuple[AppointmentRow, str, str]]:
        """Appointments not done and due from `since` to `until`, with the person's name and
        group, for the Vandaag screen."""
        query = (
            select(Appointment)
            .where(Appointment.done_on.is_(None), Appointment.due_on.between(since, until))
            .order_by(Appointment.due_on)
            .options(
                selectinload(Appointment.enrollment).selectinload(Enrollment.participant),
                selectinload(Appointment.enrollment).selectinload(Enrollment.group),
            )
        )
        with self._db.transaction() as s:
            result = []
            for a in s.scalars(query):
                person = a.enrollment.participant
                name = full_name(person.first_name, person.name_prefix, person.last_name)
                result.append((_appointment_row(a), name, a.enrollment.group.name))
            return result

    def appointments(self, enrollment_id: int) -> list[AppointmentRow]:
        with self._db.transaction() as s:
            e = self._enrollment(s, enrollment_id)
            return sorted(map(_appointment_row, e.appointments), key=lambda a: a.due_on)

    # -------------------------------------------------------------- loading

    @staticmethod
    def _progress(e: Enrollment, now: dt.datetime) -> EnrollmentProgress:
        start = e.start_date or e.group.start_date or dt.date.min
        exercise = [x.starts_at for x in e.group.sessions if x.kind == SessionKind.EXERCISE.value]
        return progress(exercise, start, e.group.exercise_sessions, now)

    @staticmethod
    def _session_query() -> Select[GroupSession]:
        return (
            select(GroupSession)
            .order_by(GroupSession.starts_at, GroupSession.id)
            .options(
                selectinload(GroupSession.group),
                selectinload(GroupSession.lead),
                selectinload(GroupSession.assistant),
                selectinload(GroupSession.catch_ups),
            )
        )

    @staticmethod
    def _group(s: Session, group_id: int) -> Group:
        missing = _("There is no group with number {id}.").format(id=group_id)
        return _load(s, Group, group_id, missing)

    @staticmethod
    def _session(s: Session, session_id: int) -> GroupSession:
        missing = _("There is no session with number {id}.").format(id=session_id)
        return _load(s, GroupSession, session_id, missing)

    @staticmethod
    def _enrollment(s: Session, enrollment_id: int) -> Enrollment:
        return _load(s, Enrollment, enrollment_id, _("That enrollment no longer exists."))

    @staticmethod
    def _therapist(s: Session, therapist_id: int | None) -> Therapist | None:
        if therapist_id is None:
            return None
        missing = _("There is no therapist with number {id}.").format(id=therapist_id)
        return _load(s, Therapist, therapist_id, missing)


def plan_course(e: Enrollment) -> None:
    """Creates or re-dates one person's appointments in the caller's transaction, so that
    enrolling and planning are stored together or not at all. A done one never changes."""
    start = e.start_date or e.group.start_date
    days = [x.starts_at.date() for x in e.group.sessions]
    first = min((d for d in days if start is None or d >= start), default=start)
    last = ScheduleService._progress(e, dt.datetime.min).last
    existing = {a.kind: a for a in e.appointments}
    for kind, due in appointment_dues(first, last).items():
        appointment = existing.get(kind)
        if appointment is None:
            appointment = Appointment(kind=kind, notes="")
            e.appointments.append(appointment)
        if appointment.done_on is None:
            appointment.due_on = due
