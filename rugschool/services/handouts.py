"""What goes on the papers participants take home: their own home programme at their own
levels, and the core messages of an education session. Plain data, no ReportLab.

A personal handout speaks the participant's language: the programme text comes from the
group's own programme version when that is in their language, else from the newest
programme in their language (the exercises have the same keys in both), and every label is
made while their language is active.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from rugschool.errors import NotFound
from rugschool.i18n import _, language
from rugschool.models import (
    Database,
    Enrollment,
    EnrollmentStatus,
    Group,
    GroupSession,
    SessionKind,
)
from rugschool.services.graded_activity_rules import WeekRow
from rugschool.services.groups import load_enrollment
from rugschool.services.names import full_name, sort_key
from rugschool.services.pacing_rules import PacingBlock
from rugschool.services.pictures import PictureService
from rugschool.services.programme import (
    EducationSession,
    Exercise,
    Level,
    Programme,
    ProgrammeService,
)
from rugschool.services.recording import levels_as_of, levels_of_many
from rugschool.services.self_management import ExposureRow, SelfManagementService, SmartGoalText
from rugschool.services.settings import SettingsService
from rugschool.settings import REGION

# How many weeks the practice log on a handout covers.
LOG_WEEKS = 8


@dataclass(frozen=True)
class LevelText:
    number: int
    instruction: str
    dose: str
    equipment: str


@dataclass(frozen=True)
class HandoutExercise:
    position: int
    name: str
    purpose: str
    picture: Path
    now: LevelText
    next: LevelText | None  # None at the top level
    levels: int


@dataclass(frozen=True)
class OwnPlans:
    """What the participant agreed with the therapist, for the handout's own pages; empty
    parts print as forms to fill in by hand."""

    goal: SmartGoalText | None = None
    activity: str = ""  # the graded-activity plan: the activity and its unit
    unit: str = ""
    weeks: tuple[WeekRow, ...] = ()
    ladder: tuple[ExposureRow, ...] = ()
    pacing: tuple[PacingBlock, ...] = ()


@dataclass(frozen=True)
class HandoutData:
    """One participant's home programme, with every text in their language."""

    participant_id: int
    language: str
    name: str
    group: str
    therapists: tuple[str, ...]
    goal: str
    warmup: HandoutExercise | None
    exercises: tuple[HandoutExercise, ...]
    messages: tuple[tuple[str, str], ...]  # core message title, what it gives you
    log_weeks: tuple[dt.date, ...]  # the Monday of each week in the practice log
    own: OwnPlans = OwnPlans()


@dataclass(frozen=True)
class EducationHandoutData:
    group: str
    session_number: int
    day: dt.date
    content: EducationSession


def _level_text(level: Level) -> LevelText:
    return LevelText(level.number, level.instruction, level.dose.text(), level.equipment_text())


def _handout_exercise(
    exercise: Exercise, level_number: int, picture: Callable[[str], Path]
) -> HandoutExercise:
    levels = exercise.levels
    number = min(max(level_number, 1), len(levels))
    now = levels[number - 1]
    following = levels[number] if number < len(levels) else None
    return HandoutExercise(
        position=exercise.position,
        name=exercise.name,
        purpose=exercise.purpose,
        picture=picture(now.picture),
        now=_level_text(now),
        next=_level_text(following) if following else None,
        levels=len(levels),
    )


def _log_weeks(today: dt.date) -> tuple[dt.date, ...]:
    monday = today - dt.timedelta(days=today.weekday())
    return tuple(monday + dt.timedelta(weeks=n) for n in range(LOG_WEEKS))


@dataclass(frozen=True)
class _Person:
    """What one enrollment brings to a handout, read inside the transaction."""

    participant_id: int
    enrollment_id: int
    language: str
    name: str
    sort_key: tuple[str, str, str]  # first name, prefix, last name
    group: str
    therapists: tuple[str, ...]
    goal: str
    version_id: int | None
    levels: dict[str, int]


def _person(enrollment: Enrollment, levels: dict[str, int]) -> _Person:
    person, group = enrollment.participant, enrollment.group
    return _Person(
        participant_id=person.id,
        enrollment_id=enrollment.id,
        language=person.language,
        name=full_name(person.first_name, person.name_prefix, person.last_name),
        sort_key=(person.first_name, person.name_prefix, person.last_name),
        group=group.name,
        therapists=tuple(t.name for t in group.therapists),
        goal=enrollment.personal_goal,
        version_id=group.programme_version_id,
        levels=levels,
    )


class _Sources:
    """The programme texts and pictures for one document: each programme version is read
    once per language and the picture overrides once, however many people it holds."""

    def __init__(self, programmes: ProgrammeService, pictures: PictureService) -> None:
        self._programmes = programmes
        self._read: dict[tuple[int | None, str], Programme] = {}
        self.picture = pictures.resolver()

    def programme(self, version_id: int | None, language: str) -> Programme:
        key = (version_id, language)
        if key not in self._read:
            self._read[key] = self._programmes.for_group(version_id, language)
        return self._read[key]


class HandoutService:
    def __init__(self, db: Database, pictures: PictureService) -> None:
        self._db = db
        self._pictures = pictures
        self._programme = ProgrammeService(db)

    def handout(
        self, participant_id: int, group_id: int, today: dt.date | None = None
    ) -> HandoutData:
        """A participant's home programme as it stands today."""
        with self._db.transaction() as s:
            enrollment = load_enrollment(s, participant_id, group_id)
            person = _person(enrollment, levels_as_of(s, group_id, participant_id))
        return self._handout(person, today or dt.date.today(), self._sources())

    def _sources(self) -> _Sources:
        return _Sources(self._programme, self._pictures)

    def _handout(self, person: _Person, today: dt.date, sources: _Sources) -> HandoutData:
        own = self._own_plans(person.enrollment_id, today)
        with language(person.language) as active:
            programme = sources.programme(person.version_id, active)
            warmup = programme.warmup
            return HandoutData(
                participant_id=person.participant_id,
                language=active,
                name=person.name,
                group=person.group,
                therapists=person.therapists,
                goal=person.goal,
                warmup=_handout_exercise(warmup, 1, sources.picture)
                if warmup and warmup.levels
                else None,
                exercises=tuple(
                    _handout_exercise(e, person.levels.get(e.key, 1), sources.picture)
                    for e in programme.exercises
                    if e.levels
                ),
                messages=tuple((m.title, m.gain) for m in programme.core_messages),
                log_weeks=_log_weeks(today),
                own=own,
            )

    def _own_plans(self, enrollment_id: int, today: dt.date) -> OwnPlans:
        tools = SelfManagementService(self._db)
        goal = tools.smart_goal(enrollment_id)
        plans = tools.plans(enrollment_id)
        plan = plans[0] if plans else None
        return OwnPlans(
            goal=goal if any(vars(goal).values()) else None,
            activity=plan.data.activity if plan else "",
            unit=plan.data.unit if plan else "",
            weeks=tuple(tools.schedule(plan.id, today)) if plan else (),
            ladder=tuple(tools.exposure(enrollment_id)),
            pacing=tuple(tools.pacing(enrollment_id)),
        )

    def group_handouts(self, group_id: int, today: dt.date | None = None) -> list[HandoutData]:
        """Everyone active in the group, in the order of the group list: the people read
        in one transaction, each programme version and the pictures once for them all."""
        region = SettingsService(self._db).get(REGION)
        with self._db.transaction() as s:
            if s.get(Group, group_id) is None:
                raise NotFound(_("There is no group with number {id}.").format(id=group_id))
            enrollments = s.scalars(
                select(Enrollment)
                .where(
                    Enrollment.group_id == group_id,
                    Enrollment.status == EnrollmentStatus.ACTIVE.value,
                )
                .order_by(Enrollment.id)
                .options(
                    selectinload(Enrollment.participant),
                    selectinload(Enrollment.group).selectinload(Group.therapists),
                )
            ).all()
            levels = levels_of_many(s, group_id, [e.participant_id for e in enrollments])
            people = [_person(e, levels[e.participant_id]) for e in enrollments]
        people.sort(key=lambda p: sort_key(*p.sort_key, region))
        today, sources = today or dt.date.today(), self._sources()
        return [self._handout(person, today, sources) for person in people]

    def education(self, session_id: int) -> EducationHandoutData:
        """The core messages of one education session, in the group's programme."""
        with self._db.transaction() as s:
            session = s.get(GroupSession, session_id)
            if session is None:
                raise NotFound(_("There is no session with number {id}.").format(id=session_id))
            if session.kind != SessionKind.EDUCATION.value:
                raise NotFound(_("Session {id} is not an education session.").format(id=session_id))
            group = session.group
            facts = (
                group.name,
                session.number,
                session.starts_at.date(),
                group.programme_version_id,
            )
        group_name, number, day, version_id = facts
        programme = (
            self._programme.version(version_id) if version_id else self._programme.current("nl")
        )
        content = next((e for e in programme.sessions if e.number == number), None)
        if content is None:
            raise NotFound(
                _("The programme has no education session {number}.").format(number=number)
            )
        return EducationHandoutData(group_name, number, day, content)
