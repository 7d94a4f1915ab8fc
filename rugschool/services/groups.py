"""Groups: one run of the programme each (a fixed course or a rolling group), with its
therapists, its schedule settings and its enrolled participants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from rugschool.errors import NotFound, ValidationError
from rugschool.i18n import N_, _
from rugschool.models import (
    Database,
    Enrollment,
    EnrollmentStatus,
    GoalOutcome,
    Group,
    GroupKind,
    Participant,
    ProgrammeVersion,
    Therapist,
)
from rugschool.services.audit import Actor
from rugschool.services.names import full_name, one_line
from rugschool.services.schedule import plan_course
from rugschool.services.settings import SettingsService
from rugschool.services.versions import check_version, mark_changed, versioned
from rugschool.settings import LANGUAGE

DEFAULT_MAX_SIZE = 12
MAX_YEARS_AHEAD = 10  # a later start leaves no room for the course and its follow-ups
FIXED, ROLLING = GroupKind.FIXED.value, GroupKind.ROLLING.value


class Unset:
    """Marks an argument that was not given, where None is a value ("not judged yet")."""


UNSET = Unset()

# How far the goal was reached, in the order a form offers them.
GOAL_OUTCOMES = tuple(g.value for g in GoalOutcome)
GOAL_OUTCOME_NAMES = {
    GoalOutcome.REACHED.value: N_("reached"),
    GoalOutcome.PARTLY.value: N_("partly reached"),
    GoalOutcome.NOT_REACHED.value: N_("not reached"),
}


def goal_outcome_text(value: str | None) -> str:
    """ "reached", "partly reached", "not reached", or "not judged yet"."""
    return _(GOAL_OUTCOME_NAMES[value]) if value in GOAL_OUTCOME_NAMES else _("not judged yet")


@dataclass(frozen=True)
class GroupInput:
    name: str
    start_date: dt.date | None
    weekdays: tuple[int, ...] = (2, 4)
    start_time: dt.time | None = dt.time(19, 0)
    location: str = ""
    max_size: int = DEFAULT_MAX_SIZE
    kind: str = GroupKind.FIXED.value
    therapist_ids: tuple[int, ...] = ()
    exercise_sessions: int = 16
    education_sessions: int = 2
    minutes: int = 60


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    location: str
    start_date: dt.date | None
    max_size: int
    archived: bool
    therapists: tuple[str, ...]
    active_count: int
    enrolled_count: int
    kind: str = GroupKind.FIXED.value
    weekdays: tuple[int, ...] = ()
    start_time: dt.time | None = None
    waiting_count: int = 0
    therapist_ids: tuple[int, ...] = field(default=(), repr=False)
    exercise_sessions: int = 16
    education_sessions: int = 2
    minutes: int = 60
    version: int = 1  # as stored: a save based on an older one is refused

    def as_input(self) -> GroupInput:
        return GroupInput(
            self.name,
            self.start_date,
            self.weekdays,
            self.start_time,
            self.location,
            self.max_size,
            self.kind,
            self.therapist_ids,
            self.exercise_sessions,
            self.education_sessions,
            self.minutes,
        )


@dataclass(frozen=True)
class EnrollmentRow:
    id: int
    participant_id: int
    name: str
    status: str
    start_date: dt.date | None
    personal_goal: str
    starting_levels: dict[str, int]
    conclusion: str = ""
    goal_outcome: str | None = None
    group_id: int = 0
    group_name: str = ""
    version: int = 1  # as stored: a save based on an older one is refused


def _row(g: Group) -> GroupRow:
    statuses = [e.status for e in g.enrollments]
    return GroupRow(
        id=g.id,
        name=g.name,
        location=g.location,
        start_date=g.start_date,
        max_size=g.max_size,
        archived=g.archived,
        therapists=tuple(t.name for t in g.therapists),
        active_count=statuses.count(EnrollmentStatus.ACTIVE.value),
        enrolled_count=len(statuses),
        kind=g.kind,
        weekdays=tuple(g.weekdays),
        start_time=g.start_time,
        waiting_count=statuses.count(EnrollmentStatus.WAITING.value),
        therapist_ids=tuple(t.id for t in g.therapists),
        exercise_sessions=g.exercise_sessions,
        education_sessions=g.education_sessions,
        minutes=g.minutes,
        version=g.version,
    )


def _enrollment_row(e: Enrollment) -> EnrollmentRow:
    person = e.participant
    return EnrollmentRow(
        id=e.id,
        participant_id=e.participant_id,
        name=full_name(person.first_name, person.name_prefix, person.last_name),
        status=e.status,
        start_date=e.start_date,
        personal_goal=e.personal_goal,
        starting_levels=dict(e.starting_levels),
        conclusion=e.conclusion,
        goal_outcome=e.goal_outcome,
        group_id=e.group_id,
        group_name=e.group.name,
        version=e.version,
    )


def _group_query() -> Select[Group]:
    # Therapists and enrollments in two extra queries for all groups, not one per group.
    return select(Group).options(selectinload(Group.therapists), selectinload(Group.enrollments))


def _check_start(start: dt.date) -> None:
    if start.year > dt.date.today().year + MAX_YEARS_AHEAD:
        raise ValidationError(
            _("Choose a start date at most {years} years from now.").format(years=MAX_YEARS_AHEAD)
        )


def _validate(data: GroupInput) -> GroupInput:
    name = one_line(data.name)
    if not name:
        raise ValidationError(_("Give the group a name."))
    if not 1 <= data.max_size <= 100:
        raise ValidationError(_("The maximum size must be between 1 and 100."))
    if not 1 <= data.exercise_sessions <= 100:
        raise ValidationError(_("Plan 1 to 100 exercise sessions per participant."))
    if not 0 <= data.education_sessions <= 20:
        raise ValidationError(_("Plan 0 to 20 education sessions per participant."))
    if not 10 <= data.minutes <= 240:
        raise ValidationError(_("A session lasts 10 to 240 minutes."))
    if data.start_date:
        _check_start(data.start_date)
    if not data.weekdays or any(not 1 <= day <= 7 for day in data.weekdays):
        raise ValidationError(_("Choose the days the group meets."))
    if data.kind not in (GroupKind.FIXED.value, GroupKind.ROLLING.value):
        raise ValidationError(_("A group is a fixed course or a rolling group."))
    return GroupInput(
        name,
        data.start_date,
        tuple(sorted(set(data.weekdays))),
        data.start_time,
        " ".join(data.location.split()),
        data.max_size,
        data.kind,
        tuple(dict.fromkeys(data.therapist_ids)),  # each once, in the order chosen
        data.exercise_sessions,
        data.education_sessions,
        data.minutes,
    )


def own_start(group: Group, today: dt.date | None = None) -> dt.date:
    """Where someone joining now starts: with the group when it has not begun yet, otherwise
    today (a late joiner counts their own sessions from here)."""
    today = today or dt.date.today()
    return max(group.start_date or today, today)


class GroupService:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self._db = db
        self.actor = actor  # who works at the app: named as who changed a group last

    def rows(self) -> list[GroupRow]:
        """Every group, ordered by id."""
        with self._db.transaction() as s:
            return [_row(g) for g in s.scalars(_group_query().order_by(Group.id))]

    def get(self, group_id: int) -> GroupRow:
        with self._db.transaction() as s:
            return _row(self._load(s, group_id))

    def create(self, data: GroupInput) -> GroupRow:
        data = _validate(data)
        with self._db.transaction() as s:
            group = Group()
            self._apply(s, group, data)
            mark_changed(group, self.actor)
            language = SettingsService(self._db).get(LANGUAGE)
            group.programme_version_id = s.scalar(
                select(ProgrammeVersion.id)
                .where(ProgrammeVersion.language == language)
                .order_by(ProgrammeVersion.id.desc())
                .limit(1)
            )
            s.add(group)
            s.flush()
            return _row(group)

    def update(self, group_id: int, data: GroupInput, *, version: int | None = None) -> GroupRow:
        """Stores changed settings. `version` is the one the form loaded: when someone else
        saved in between, ChangedMeanwhile refuses the save (None: no check)."""
        data = _validate(data)
        with versioned(self._db, Group, group_id) as s:
            group = self._load(s, group_id)
            check_version(s, group, version)
            self._apply(s, group, data)
            mark_changed(group, self.actor)
            s.flush()
            return _row(group)

    @staticmethod
    def _apply(s: Session, group: Group, data: GroupInput) -> None:
        group.name, group.location, group.start_date = data.name, data.location, data.start_date
        group.weekdays, group.start_time = list(data.weekdays), data.start_time
        group.max_size, group.kind, group.minutes = data.max_size, data.kind, data.minutes
        group.exercise_sessions = data.exercise_sessions
        group.education_sessions = data.education_sessions
        group.therapists = [t for t in (s.get(Therapist, i) for i in data.therapist_ids) if t]

    def _load(self, s: Session, group_id: int) -> Group:
        group = s.scalars(_group_query().where(Group.id == group_id)).one_or_none()
        if group is None:
            raise NotFound(_("There is no group with number {id}.").format(id=group_id))
        return group

    # -------------------------------------------------------------- enrollment

    def enrollments(self, group_id: int) -> list[EnrollmentRow]:
        query = (
            select(Enrollment)
            .where(Enrollment.group_id == group_id)
            .options(selectinload(Enrollment.participant), selectinload(Enrollment.group))
            .order_by(Enrollment.id)
        )
        with self._db.transaction() as s:
            return [_enrollment_row(e) for e in s.scalars(query)]

    def enrollments_of(self, participant_id: int) -> list[EnrollmentRow]:
        """Every group one person is (or was) in, newest group first."""
        query = (
            select(Enrollment)
            .where(Enrollment.participant_id == participant_id)
            .options(selectinload(Enrollment.participant), selectinload(Enrollment.group))
            .order_by(Enrollment.group_id.desc())
        )
        with self._db.transaction() as s:
            return [_enrollment_row(e) for e in s.scalars(query)]

    def enroll(
        self,
        group_id: int,
        participant_id: int,
        *,
        waiting: bool = False,
        start: dt.date | None = None,
    ) -> tuple[int, bool]:
        """Adds someone to a group (or its waiting list), their appointments planned with
        it. Returns the enrollment id, and whether the group is now over its maximum (they
        are enrolled anyway)."""
        with self._db.transaction() as s:
            group = self._load(s, group_id)
            enrollment = _enroll(s, group, participant_id, waiting=waiting, start=start)
            return enrollment.id, _over_maximum(group)

    def enroll_all(
        self, group_id: int, participant_ids: Sequence[int], *, waiting: bool = False
    ) -> bool:
        """Adds several people in one transaction: all of them, or (on any error) none.
        Returns whether the group is now over its maximum."""
        with self._db.transaction() as s:
            group = self._load(s, group_id)
            for participant_id in participant_ids:
                _enroll(s, group, participant_id, waiting=waiting, start=None)
            return _over_maximum(group)

    def update_enrollment(
        self,
        enrollment_id: int,
        *,
        status: str | None = None,
        start_date: dt.date | None = None,
        personal_goal: str | None = None,
        starting_levels: dict[str, int] | None = None,
        conclusion: str | None = None,
        goal_outcome: str | Unset | None = UNSET,
        appointments_done: Mapping[int, dt.date | None] | None = None,
        version: int | None = None,
    ) -> None:
        """Changes what is given, in one transaction. `appointments_done` marks appointments
        done on a day (or not done: None); a new start date re-plans the appointments.
        `version` is the one the form loaded (None: no check); see `update`."""
        with versioned(self._db, Enrollment, enrollment_id) as s:
            enrollment = self._enrollment(s, enrollment_id)
            check_version(s, enrollment, version)
            if status is not None:
                enrollment.status = _checked_status(status)
            moved = start_date is not None and start_date != enrollment.start_date
            if start_date is not None:
                _check_start(start_date)
                enrollment.start_date = start_date
            if personal_goal is not None:
                enrollment.personal_goal = personal_goal.strip()
            if starting_levels is not None:
                enrollment.starting_levels = {k: int(v) for k, v in starting_levels.items()}
            if conclusion is not None:
                enrollment.conclusion = conclusion.strip()
            if not isinstance(goal_outcome, Unset):
                enrollment.goal_outcome = _checked_outcome(goal_outcome)
            _set_appointments_done(enrollment, appointments_done or {})
            mark_changed(enrollment, self.actor)
            if moved:
                plan_course(enrollment)  # their course moved with them

    def enrollment(self, enrollment_id: int) -> EnrollmentRow:
        """One enrollment as stored now (a form reloads it after a refused save)."""
        with self._db.transaction() as s:
            return _enrollment_row(self._enrollment(s, enrollment_id))

    @staticmethod
    def _enrollment(s: Session, enrollment_id: int) -> Enrollment:
        enrollment = s.get(Enrollment, enrollment_id)
        if enrollment is None:
            raise NotFound(_("That enrollment no longer exists."))
        return enrollment

    def remove_enrollment(self, enrollment_id: int) -> None:
        with self._db.transaction() as s:
            enrollment = s.get(Enrollment, enrollment_id)
            if enrollment is not None:
                s.delete(enrollment)


def _checked_status(status: str) -> str:
    if status not in {st.value for st in EnrollmentStatus}:
        raise ValidationError(_("Unknown status: {status}.").format(status=status))
    return status


def _checked_outcome(outcome: str | None) -> str | None:
    if outcome is not None and outcome not in set(GoalOutcome):
        raise ValidationError(_("Unknown outcome: {value}.").format(value=outcome))
    return outcome


def _set_appointments_done(enrollment: Enrollment, done: Mapping[int, dt.date | None]) -> None:
    appointments = {a.id: a for a in enrollment.appointments}
    for appointment_id, day in done.items():
        if appointment_id not in appointments:
            raise NotFound(_("That appointment no longer exists."))
        appointments[appointment_id].done_on = day


def _enroll(
    s: Session, group: Group, participant_id: int, *, waiting: bool, start: dt.date | None
) -> Enrollment:
    if s.get(Participant, participant_id) is None:
        raise NotFound(_("There is no participant with number {id}.").format(id=participant_id))
    if any(e.participant_id == participant_id for e in group.enrollments):
        raise ValidationError(_("This person is already in this group."))
    if start is not None:
        _check_start(start)
    status = EnrollmentStatus.WAITING if waiting else EnrollmentStatus.ACTIVE
    enrollment = Enrollment(
        participant_id=participant_id,
        status=status.value,
        start_date=start or own_start(group),
    )
    group.enrollments.append(enrollment)
    s.flush()
    plan_course(enrollment)
    return enrollment


def _over_maximum(group: Group) -> bool:
    active = sum(e.status == EnrollmentStatus.ACTIVE.value for e in group.enrollments)
    return active > group.max_size


def load_enrollment(s: Session, participant_id: int, group_id: int) -> Enrollment:
    """One person's enrollment in one group, with the person and the group's therapists;
    NotFound says which of the three is missing."""
    enrollment = s.scalars(
        select(Enrollment)
        .where(Enrollment.participant_id == participant_id, Enrollment.group_id == group_id)
        .options(
            selectinload(Enrollment.participant),
            selectinload(Enrollment.group).selectinload(Group.therapists),
        )
    ).one_or_none()
    if enrollment is None:
        if s.get(Participant, participant_id) is None:
            raise NotFound(_("There is no participant with number {id}.").format(id=participant_id))
        if s.get(Group, group_id) is None:
            raise NotFound(_("There is no group with number {id}.").format(id=group_id))
        raise NotFound(
            _("Participant {participant} is not in group {group}.").format(
                participant=participant_id, group=group_id
            )
        )
    return enrollment
