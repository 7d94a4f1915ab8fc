"""The rules of a session's papers, as pure functions and plain data tested without a
database: who is on the list and in what order, the level each person is planned to do, how
attendance reads, what changed since the time before and what needs attention.
rugschool.services.session_report gathers what these shape.

Who is on the list: the group's active participants whose own course had started by the
day of the session (as at check-in), the people catching up here from another group, and
anyone already checked in or recorded (so someone who has stopped since still appears in
the summary of a session they came to). The group's own people come first, in the order of
the group list, then the catch-ups.

The planned level per exercise is where the recording screen starts: the level done last
time (or the level agreed then for next time), else the starting level, else 1.

Attendance: someone without a check-in at a session where others were checked in was not
ticked present, so counts as absent (without a reason); at a session where nobody has been
checked in yet, attendance is not recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rugschool.i18n import _
from rugschool.models import Attendance, EnrollmentStatus, SessionKind
from rugschool.services.course_flags_rules import Flag
from rugschool.services.names import full_name, sort_key
from rugschool.services.progression import PainBands

Presence = Literal["present", "absent", "not_recorded"]
AttentionKind = Literal["pain_too_high", "pain_not_settled", "absent_twice"]
Change = Literal["up", "down"]

DEFAULT_BANDS = PainBands()

# A membership of the group: own start date, status, starting level per exercise key.
Membership = tuple[dt.date | None, str, Mapping[str, int]]
# A name as stored: participant, first name, prefix, last name.
NameRow = tuple[int, str, str, str]
# One cell recorded this session: participant, exercise key, level, pain, easy, note, agreed.
ResultRow = tuple[int, str, int, int | None, bool, str, int | None]


@dataclass(frozen=True)
class SessionInfo:
    id: int
    group_id: int
    group: str
    location: str
    kind: str  # SessionKind: "education" or "exercise"
    number: int
    starts_at: dt.datetime
    minutes: int
    lead: str | None  # the therapists' names
    assistant: str | None
    notes: str

    @property
    def is_exercise(self) -> bool:
        return self.kind == SessionKind.EXERCISE.value

    @property
    def therapists(self) -> tuple[str, ...]:
        return tuple(name for name in (self.lead, self.assistant) if name)

    def label(self) -> str:
        """ "Exercise session 3, 17-11-2026 at 19:00", in the active language."""
        if self.is_exercise:
            text = _("Exercise session {number}, {day} at {time}")
        else:
            text = _("Education session {number}, {day} at {time}")
        day, time = self.starts_at.strftime("%d-%m-%Y"), self.starts_at.strftime("%H:%M")
        return text.format(number=self.number, day=day, time=time)


@dataclass(frozen=True)
class ExerciseColumn:
    key: str
    position: int  # 1, 2, ... as the therapist numbers them
    name: str
    levels: int  # how many levels it has


@dataclass(frozen=True)
class SheetRow:
    participant_id: int
    name: str
    catch_up: bool  # from another group, making up a missed session here
    planned: Mapping[str, int]  # exercise key -> planned level


class _OfSession:
    session: SessionInfo

    @property
    def group(self) -> str:
        return self.session.group

    @property
    def starts_at(self) -> dt.datetime:
        return self.session.starts_at


@dataclass(frozen=True)
class SheetData(_OfSession):
    session: SessionInfo
    warmup: str | None  # the warm-up's name; None: the programme has none
    exercises: tuple[ExerciseColumn, ...]  # empty for an education session
    participants: tuple[SheetRow, ...]


@dataclass(frozen=True)
class Cell:
    """One exercise of one participant in this session."""

    level: int
    pain: int | None  # NRS 0-10; None: not asked
    easy: bool
    note: str
    next_level: int | None  # agreed for next time
    previous: int | None  # the level done the time before; None: first time

    @property
    def change(self) -> Change | None:
        if self.previous is None or self.previous == self.level:
            return None
        return "up" if self.level > self.previous else "down"


@dataclass(frozen=True)
class SummaryRow:
    participant_id: int
    name: str
    catch_up: bool
    presence: Presence
    absence_reason: str
    warmup_done: bool
    pain_settled: bool | None  # after the previous session, by the next day; None: not asked
    cells: Mapping[str, Cell]  # exercise key -> what was done


@dataclass(frozen=True)
class AttentionPoint:
    kind: AttentionKind
    participant_id: int
    name: str
    exercise: str = ""  # the exercise's name, for pain
    pain: int | None = None

    def text(self, bands: PainBands = DEFAULT_BANDS) -> str:
        """What to look at, without the name, in the active language."""
        if self.kind == "pain_too_high":
            return _("pain {pain} during {exercise}, above {max}").format(
                pain=self.pain, exercise=self.exercise, max=bands.acceptable_max
            )
        if self.kind == "pain_not_settled":
            return _("pain after the previous session had not settled by the next day")
        return _("absent twice in a row (this session and the one before)")


@dataclass(frozen=True)
class CoveredMessage:
    number: int
    title: str
    covered: bool
    note: str


@dataclass(frozen=True)
class DayThemeInfo:
    title: str | None  # None: the participants' own experiences
    note: str


@dataclass(frozen=True)
class SummaryData(_OfSession):
    session: SessionInfo
    exercises: tuple[ExerciseColumn, ...]  # empty for an education session
    participants: tuple[SummaryRow, ...]
    attention: tuple[AttentionPoint, ...]
    theme: DayThemeInfo | None
    messages: tuple[CoveredMessage, ...]
    bands: PainBands = DEFAULT_BANDS
    # The course flags of each person as they stood that day (course monitoring).
    flags: dict[int, tuple[Flag, ...]] = field(default_factory=dict)

    @property
    def recorded(self) -> bool:
        """Whether anything at all was recorded for the session."""
        people = any(p.presence != "not_recorded" or p.cells for p in self.participants)
        return people or self.theme is not None or bool(self.messages)


# ------------------------------------------------------------------ who is on the list


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    catch_up: bool
    start: dt.date | None  # of their own course in this group; None: not a member
    starting_levels: Mapping[str, int]


def expected(enrolled: Mapping[int, Membership], day: dt.date) -> set[int]:
    """The group's active participants whose own course had started by `day`."""
    return {
        pid
        for pid, (start, status, _levels) in enrolled.items()
        if status == EnrollmentStatus.ACTIVE.value and (start is None or start <= day)
    }


def listed_people(
    names: Iterable[NameRow],
    enrolled: Mapping[int, Membership],
    guests: Collection[int],
    group_start: dt.date | None,
    region: str,
) -> tuple[Person, ...]:
    """The people of `names` in list order: the group's own first, then the catch-ups (not
    a member, or among `guests`). A member's course starts on their own start date, else the
    group's."""
    people = []
    for pid, first, prefix, last in names:
        own = enrolled.get(pid)
        guest = own is None or pid in guests
        start = (own[0] or group_start or dt.date.min) if own else None
        person = Person(pid, full_name(first, prefix, last), guest, start, own[2] if own else {})
        people.append(((guest, sort_key(first, prefix, last, region), pid), person))
    return tuple(person for _order, person in sorted(people, key=lambda item: item[0]))


def planned_levels(
    person: Person, exercises: Iterable[ExerciseColumn], earlier: Mapping[tuple[int, str], int]
) -> dict[str, int]:
    """Per exercise key, the level `person` starts at, within the exercise's levels;
    `earlier` holds the level to start at next per (participant, exercise key)."""
    found = {}
    for e in exercises:
        level = earlier.get((person.id, e.key)) or person.starting_levels.get(e.key) or 1
        found[e.key] = min(max(level, 1), e.levels)
    return found


# ------------------------------------------------------------------ the summary


def result_cells(
    results: Iterable[ResultRow], before: Mapping[tuple[int, str], int]
) -> dict[int, dict[str, Cell]]:
    """Per participant, per exercise key, what was done; `before` holds the level last done
    per (participant, exercise key) in the sessions before."""
    found: dict[int, dict[str, Cell]] = {}
    for pid, key, level, pain, easy, note, agreed in results:
        previous = before.get((pid, key))
        found.setdefault(pid, {})[key] = Cell(level, pain, easy, note, agreed, previous)
    return found


def summary_row(
    p: Person, check: Attendance | None, anyone_checked: bool, cells: Mapping[str, Cell]
) -> SummaryRow:
    presence: Presence
    if check is not None:
        presence = "present" if check.present else "absent"
    else:  # not ticked present where others were: absent, reason unknown
        presence = "absent" if anyone_checked else "not_recorded"
    if check is None or not check.present:  # what was ticked before they left no longer counts
        reason = check.absence_reason if check is not None else ""
        return SummaryRow(p.id, p.name, p.catch_up, presence, reason, False, None, cells)
    warmup, settled = check.warmup_done, check.pain_settled
    return SummaryRow(p.id, p.name, p.catch_up, presence, "", warmup, settled, cells)


def previous_sessions(
    people: Iterable[Person], earlier: Sequence[tuple[int, dt.datetime]]
) -> dict[int, int]:
    """Per member of the group, the session before this one that they were expected at
    (their course had started). `earlier`: the group's sessions before, newest first."""
    previous: dict[int, int] = {}
    for p in people:
        if p.start is not None and not p.catch_up:
            found = next((sid for sid, starts in earlier if starts.date() >= p.start), None)
            if found is not None:
                previous[p.id] = found
    return previous


def missed_previous(
    previous: Mapping[int, int], checks: Iterable[tuple[int, int, bool]]
) -> set[int]:
    """Who missed their session in `previous`: not ticked present where check-in was done.
    `checks`: (session, participant, present) at those sessions."""
    rows = list(checks)
    present = {(sid, pid): bool(here) for sid, pid, here in rows}
    checked = {sid for sid, _pid, _here in rows}
    return {
        pid
        for pid, sid in previous.items()
        if sid in checked and not present.get((sid, pid), False)
    }


def attention_points(
    rows: Iterable[SummaryRow],
    exercises: Iterable[ExerciseColumn],
    bands: PainBands,
    missed_before: set[int],
) -> tuple[AttentionPoint, ...]:
    """Pain above the acceptable band first, then pain that had not settled, then
    absence twice in a row; within each, in the order of the list."""
    rows, exercises = list(rows), list(exercises)
    pain = [
        AttentionPoint("pain_too_high", r.participant_id, r.name, e.name, r.cells[e.key].pain)
        for r in rows
        for e in exercises
        if e.key in r.cells and bands.band(r.cells[e.key].pain) == "too_high"
    ]
    settled = [
        AttentionPoint("pain_not_settled", r.participant_id, r.name)
        for r in rows
        if r.pain_settled is False
    ]
    absent = [
        AttentionPoint("absent_twice", r.participant_id, r.name)
        for r in rows
        if r.presence == "absent" and r.participant_id in missed_before
    ]
    return (*pain, *settled, *absent)
