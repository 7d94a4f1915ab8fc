"""What goes on the papers participants take home: their own home programme at their own
levels, and the core messages of an education session. Plain data, no ReportLab.

A personal handout speaks the participant's language: the programme text comes from the
group's own programme version when that is in their language, else from the newest
programme in their language (the exercises have the same keys in both), and every label is
made while their language is active.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from rugschool.errors import NotFound
from rugschool.i18n import _, language
from rugschool.models import (
    Database,
    Enrollment,
    EnrollmentStatus,
    Group,
    GroupSession,
    Participant,
    SessionKind,
)
from rugschool.services.graded_activity_rules import WeekRow
from rugschool.services.groups import load_enrollment
from rugschool.services.names import full_name, sort_key
from rugschool.services.pacing_rules import PacingBlock
from rugschool.services.pictures import PictureService
from rugschool.services.programme import EducationSession, Exercise, Level, ProgrammeService
from rugschool.services.recording import levels_as_of
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
    exercise: Exercise, level_number: int, pictures: PictureService
) -> HandoutExercise:
    levels = exercise.levels
    number = min(max(level_number, 1), len(levels))
    now = levels[number - 1]
    following = levels[number] if number < len(levels) else None
    return HandoutExercise(
        position=exercise.position,
        name=exercise.name,
        purpose=exercise.purpose,
        picture=pictures.path(now.picture),
        now=_level_text(now),
        next=_level_text(following) if following else None,
        levels=len(levels),
    )


def _log_weeks(today: dt.date) -> tuple[dt.date, ...]:
    monday = today - dt.timedelta(days=today.weekday())
    return tuple(monday + dt.timedelta(weeks=n) for n in range(LOG_WEEKS))


class HandoutService:
    def __init__(self, db: Database, pictures: PictureService) -> None:
        self._db = db
        self._pictures = pictures
        self._programme = ProgrammeService(db)

    def handout(
        self, participant_id: int, group_id: int, today: dt.date | None = None
    ) -> HandoutData:
        """A participant's home programme as it stands today."""
        today = today or dt.date.today()
        with self._db.transaction() as s:
            enrollment = load_enrollment(s, participant_id, group_id)
            person, group = enrollment.participant, enrollment.group
            levels = levels_as_of(s, group_id, participant_id)
            enrollment_id = enrollment.id
            facts = (
                person.language,
                full_name(person.first_name, person.name_prefix, person.last_name),
                group.name,
                tuple(t.name for t in group.therapists),
                enrollment.personal_goal,
                group.programme_version_id,
            )
        code, name, group_name, therapists, goal, version_id = facts
        own = self._own_plans(enrollment_id, today)
        with language(code) as active:
            programme = self._programme.for_group(version_id, active)
            return HandoutData(
                participant_id=participant_id,
                language=active,
                name=name,
                group=group_name,
                therapists=therapists,
                goal=goal,
                warmup=_handout_exercise(programme.warmup, 1, self._pictures)
                if programme.warmup and programme.warmup.levels
                else None,
                exercises=tuple(
                    _handout_exercise(e, levels.get(e.key, 1), self._pictures)
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
        """Everyone active in the group, in the order of the group list."""
        region = SettingsService(self._db).get(REGION)
        with self._db.transaction() as s:
            group = s.get(Group, group_id)
            if group is None:
                raise NotFound(_("There is no group with number {id}.").format(id=group_id))
            people = s.execute(
                select(
                    Participant.id,
                    Participant.first_name,
                    Participant.name_prefix,
                    Participant.last_name,
                )
                .join(Enrollment, Enrollment.participant_id == Participant.id)
                .where(
                    Enrollment.group_id == group_id,
                    Enrollment.status == EnrollmentStatus.ACTIVE.value,
                )
            ).all()
        ordered = sorted(people, key=lambda p: sort_key(p[1], p[2], p[3], region))
        return [self.handout(p[0], group_id, today) for p in ordered]

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
