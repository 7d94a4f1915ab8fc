"""A realistic demo, dated relative to today: the default programme, a practice, two
therapists and a current group of ten participants. Each later feature adds its own part,
so the demo always shows the whole product. Loading it twice adds nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from rugschool.models import (
    Appointment,
    AppointmentKind,
    Attendance,
    Database,
    Enrollment,
    EnrollmentStatus,
    ExerciseResult,
    Group,
    GroupKind,
    Participant,
    ProgrammeVersion,
    Therapist,
)
from rugschool.services.demo_measures import add_measures_and_tools
from rugschool.services.programme import Programme, ProgrammeService
from rugschool.services.programme_install import install_default_programmes
from rugschool.services.schedule import ScheduleService, SessionRow
from rugschool.services.settings import SettingsService
from rugschool.settings import DEMO_LOADED, PRACTICE_ADDRESS, PRACTICE_NAME

DEMO_PRACTICE = "Fysiotherapie Het Anker"
DEMO_ADDRESS = "Dorpsstraat 12\n3581 AB Utrecht"
DEMO_THERAPISTS = ("Sanne Visser", "Koen Claes")
DEMO_GROUP = "Rugschool dinsdag en donderdag"

# first name, prefix, last name, date of birth, phone, e-mail, referrer, personal goal.
# Dutch names keep "van der" as a prefix (sorted under the last name); Flemish names carry
# it as part of the last name ("Van den Broeck", sorted under V).
_PEOPLE: tuple[tuple[str, str, str, dt.date, str, str, str, str], ...] = (
    (
        "Zoë",
        "de",
        "Vries",
        dt.date(1978, 3, 14),
        "06-12345678",
        "zoe.devries@example.nl",
        "Huisartsenpraktijk De Linde",
        "Weer een uur in de tuin werken zonder te stoppen.",
    ),
    (
        "Mehmet",
        "",
        "Çelik",
        dt.date(1969, 11, 2),
        "06-23456789",
        "",
        "Dr. A. Bakker, huisarts",
        "Weer volledig aan het werk in de bouw.",
    ),
    (
        "Jan",
        "van der",
        "Berg",
        dt.date(1957, 6, 30),
        "030-2345678",
        "j.vdberg@example.nl",
        "",
        "Elke dag dertig minuten wandelen met de hond.",
    ),
    (
        "Lotte",
        "",
        "Van den Broeck",
        dt.date(1985, 1, 22),
        "+32 475 12 34 56",
        "lotte.vdbroeck@example.be",
        "Dr. Peeters, huisarts",
        "De kinderen weer kunnen optillen.",
    ),
    (
        "Anouk",
        "",
        "Jansen",
        dt.date(1991, 8, 9),
        "06-34567890",
        "anouk.jansen@example.nl",
        "Bedrijfsarts",
        "Een werkdag achter de computer zonder rugpijn afmaken.",
    ),
    (
        "Pieter",
        "",
        "Peeters",
        dt.date(1962, 4, 17),
        "0412-123456",
        "",
        "Dr. Maes, huisarts",
        "Weer fietsen naar de markt, elke zaterdag.",
    ),
    (
        "Elif",
        "",
        "Şahin",
        dt.date(1974, 12, 5),
        "0031 6 45678901",
        "elif.sahin@example.nl",
        "",
        "Zonder angst bukken om de was te doen.",
    ),
    (
        "Łukasz",
        "",
        "Nowak",
        dt.date(1983, 9, 28),
        "06-56789012",
        "l.nowak@example.nl",
        "Huisartsenpraktijk De Linde",
        "Twee keer per week zwemmen.",
    ),
    (
        "Inge",
        "",
        "Maes",
        dt.date(1966, 2, 11),
        "+32 486 98 76 54",
        "inge.maes@example.be",
        "Dr. Peeters, huisarts",
        "Weer met de kleinkinderen naar de speeltuin.",
    ),
    (
        "Femke",
        "van 't",
        "Hof",
        dt.date(1995, 7, 3),
        "06-67890123",
        "femke@example.nl",
        "",
        "Weer hardlopen, vijf kilometer.",
    ),
)


def _demo_group_exists(db: Database) -> bool:
    """A load that stopped halfway left the group behind: never add its people twice."""
    with db.transaction() as s:
        return s.scalar(select(Group.id).where(Group.name == DEMO_GROUP).limit(1)) is not None


def _schedule(db: Database, group_id: int, start: dt.date) -> None:
    """The group's sessions from its start on, and everyone's appointments, intakes done."""
    schedule = ScheduleService(db)
    schedule.create_sessions(group_id, now=dt.datetime.combine(start, dt.time()))
    with db.transaction() as s:
        enrollment_ids = list(
            s.scalars(select(Enrollment.id).where(Enrollment.group_id == group_id))
        )
    for enrollment_id in enrollment_ids:
        schedule.plan_appointments(enrollment_id)
    with db.transaction() as s:
        intakes = s.scalars(
            select(Appointment)
            .join(Enrollment)
            .where(Enrollment.group_id == group_id)
            .where(Appointment.kind == AppointmentKind.INTAKE.value)
        )
        for intake in intakes:
            intake.done_on = intake.due_on


def _recordings(db: Database, group_id: int) -> None:
    """Both education sessions and the first four exercise sessions as a therapist would
    have recorded them: who came, the levels and pain, what was covered, the day's theme."""
    from rugschool.services.recording import RecordingService, active_participants

    recording = RecordingService(db)
    programme = ProgrammeService(db).current("nl")
    sessions = ScheduleService(db).sessions(group_id)

    def expected(session: SessionRow) -> list[int]:
        return active_participants(db, session.id)

    rows: list[Attendance | ExerciseResult] = []
    for session in (s for s in sessions if s.kind == "education"):
        rows += [Attendance(session_id=session.id, participant_id=pid) for pid in expected(session)]
        taught = programme.sessions[session.number - 1].themes
        for message in {m.key for theme in taught for m in theme.messages}:
            recording.set_covered(session.id, message, True)
    exercise = [s for s in sessions if s.kind == "exercise"][:4]
    themes = ["causes-and-symptoms", None, "what-is-pain", None]
    for index, session in enumerate(exercise):
        recording.set_day_theme(
            session.id,
            themes[index] if themes[index] in _theme_keys(programme) else None,
            "Ervaringen met bewegen thuis" if index % 2 else "",
        )
        for person, pid in enumerate(expected(session)):
            rows += _demo_session_rows(programme, session.id, pid, person, index)
    # A month of check-ins and grid cells in one transaction: a therapist's entries are one
    # each, but the demo writes them all at once.
    with db.transaction() as s:
        s.add_all(rows)


def _demo_session_rows(
    programme: Programme, session_id: int, pid: int, person: int, index: int
) -> list[Attendance | ExerciseResult]:
    """One person at one demo exercise session: now and then away, else all eight done."""
    if (person + index) % 9 == 8:
        return [
            Attendance(
                session_id=session_id, participant_id=pid, present=False, absence_reason="ziek"
            )
        ]
    attendance = Attendance(
        session_id=session_id,
        participant_id=pid,
        warmup_done=True,
        pain_settled=True if index > 0 else None,
    )
    return [attendance] + [
        ExerciseResult(
            session_id=session_id,
            participant_id=pid,
            exercise_id=ex.id,
            level_id=ex.levels[min(len(ex.levels), 1 + (index + person + n) // 5) - 1].id,
            pain=_demo_pain(person, n, index),
            easy=(person + n + index) % 4 == 0,
            note="",
        )
        for n, ex in enumerate(programme.exercises)
    ]


def _demo_pain(person: int, exercise: int, index: int) -> int | None:
    """Mostly safe or acceptable; the second person's abdominal work hurts too much in the
    last two sessions, so the demo shows a course flag."""
    if person == 1 and exercise == 2 and index >= 2:
        return 7
    return (person * 3 + exercise + index) % 6 if (person + exercise) % 3 else None


def _theme_keys(programme: Programme) -> set[str]:
    return {theme.key for session in programme.sessions for theme in session.themes}


@dataclass(frozen=True)
class DemoResult:
    created: bool
    participants: int
    groups: int


def load_demo(db: Database, today: dt.date | None = None) -> DemoResult:
    """Fill the database with the demo, once."""
    today = today or dt.date.today()
    install_default_programmes(db)
    settings = SettingsService(db)
    if settings.get(DEMO_LOADED) or _demo_group_exists(db):
        return DemoResult(created=False, participants=0, groups=0)
    # A Tuesday three weeks back: the course is under way, in its fourth week.
    start = today - dt.timedelta(weeks=3)
    start -= dt.timedelta(days=(start.weekday() - 1) % 7)
    with db.transaction() as s:
        therapists = [Therapist(name=name) for name in DEMO_THERAPISTS]
        group = Group(
            name=DEMO_GROUP,
            location="Oefenzaal 1",
            start_date=start,
            max_size=12,
            kind=GroupKind.FIXED.value,
            weekdays=[2, 4],
            start_time=dt.time(19, 0),
        )
        group.therapists = therapists
        group.programme_version_id = s.scalar(
            select(ProgrammeVersion.id)
            .where(ProgrammeVersion.language == "nl")
            .order_by(ProgrammeVersion.id.desc())
            .limit(1)
        )
        s.add(group)
        for first, prefix, last, born, phone, email, referrer, goal in _PEOPLE:
            person = Participant(
                first_name=first,
                name_prefix=prefix,
                last_name=last,
                date_of_birth=born,
                phone=phone,
                email=email,
                referrer=referrer,
                # Łukasz reads English best: his handouts show the programme in English.
                language="en" if first == "Łukasz" else "nl",
            )
            s.add(
                Enrollment(
                    participant=person,
                    group=group,
                    start_date=start,
                    status=EnrollmentStatus.ACTIVE.value,
                    personal_goal=goal,
                )
            )
        s.flush()
        group_id = group.id
    _schedule(db, group_id, start)
    _recordings(db, group_id)
    add_measures_and_tools(db, group_id, start, today)
    if not settings.get(PRACTICE_NAME):
        settings.set(PRACTICE_NAME, DEMO_PRACTICE)
        settings.set(PRACTICE_ADDRESS, DEMO_ADDRESS)
    settings.set(DEMO_LOADED, True)
    return DemoResult(created=True, participants=len(_PEOPLE), groups=1)
