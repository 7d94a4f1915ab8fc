"""The rules of a session's papers on their own, without a database: who is listed, the
planned levels, attendance, changes and attention points."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rugschool.models import Attendance, EnrollmentStatus
from rugschool.services import session_report_rules as rules

DAY = dt.date(2026, 9, 1)
ACTIVE, STOPPED = EnrollmentStatus.ACTIVE.value, EnrollmentStatus.STOPPED.value
COLUMNS = (
    rules.ExerciseColumn("thighs", 1, "Thighs", 4),
    rules.ExerciseColumn("hips", 2, "Hips", 4),
)


def person(pid: int, start: dt.date | None = DAY, **levels: int) -> rules.Person:
    return rules.Person(pid, f"P{pid}", start is None, start, levels)


def test_rules_list_the_group_first_then_the_catch_ups() -> None:
    later = DAY + dt.timedelta(days=1)
    enrolled: dict[int, rules.Membership] = {
        1: (None, ACTIVE, {}),
        2: (DAY, ACTIVE, {"hips": 2}),
        3: (later, ACTIVE, {}),
        4: (None, STOPPED, {}),
    }
    assert rules.expected(enrolled, DAY) == {1, 2}
    names = [(9, "Anna", "", "Aal"), (2, "Bram", "van", "Zuid"), (1, "Cor", "", "Berg")]
    people = rules.listed_people(names, enrolled, {1}, None, "nl")
    assert [(p.id, p.name, p.catch_up, p.start) for p in people] == [
        (2, "Bram van Zuid", False, DAY),
        (9, "Anna Aal", True, None),
        (1, "Cor Berg", True, dt.date.min),
    ]
    assert people[0].starting_levels == {"hips": 2}


def test_rules_plan_the_agreed_level_else_the_starting_level_else_1() -> None:
    earlier = {(1, "thighs"): 3}
    assert rules.planned_levels(person(1, hips=9), COLUMNS, earlier) == {"thighs": 3, "hips": 4}
    assert rules.planned_levels(person(2), COLUMNS, earlier) == {"thighs": 1, "hips": 1}


def test_rules_read_attendance() -> None:
    def read(check: Attendance | None, anyone: bool = True) -> tuple[Any, ...]:
        row = rules.summary_row(person(1), check, anyone, {})
        return row.presence, row.absence_reason, row.warmup_done, row.pain_settled

    assert read(None) == ("absent", "", False, None)
    assert read(None, anyone=False) == ("not_recorded", "", False, None)
    left = Attendance(present=False, absence_reason="ziek", warmup_done=True, pain_settled=True)
    assert read(left) == ("absent", "ziek", False, None)
    here = Attendance(present=True, absence_reason="", warmup_done=True, pain_settled=False)
    assert read(here) == ("present", "", True, False)


def test_rules_mark_changes_and_order_the_attention_points() -> None:
    results: list[rules.ResultRow] = [
        (1, "thighs", 3, 7, False, "", None),
        (1, "hips", 2, 2, True, "", 3),
        (2, "thighs", 2, None, False, "", None),
    ]
    cells = rules.result_cells(results, {(1, "thighs"): 2, (2, "thighs"): 3})
    assert (cells[1]["thighs"].change, cells[1]["hips"].change) == ("up", None)
    assert cells[2]["thighs"].change == "down"
    here = Attendance(present=True, absence_reason="", warmup_done=True, pain_settled=False)
    rows = [
        rules.summary_row(person(2), None, True, cells[2]),
        rules.summary_row(person(1), here, True, cells[1]),
    ]
    points = rules.attention_points(rows, COLUMNS, rules.DEFAULT_BANDS, {2})
    assert [(a.kind, a.participant_id, a.exercise, a.pain) for a in points] == [
        ("pain_too_high", 1, "Thighs", 7),
        ("pain_not_settled", 1, "", None),
        ("absent_twice", 2, "", None),
    ]


def test_rules_find_who_missed_the_session_before() -> None:
    at = [dt.datetime.combine(DAY + dt.timedelta(days=d), dt.time(19)) for d in (14, 7, -7)]
    earlier = list(zip((12, 11, 10), at, strict=True))  # newest first
    people = [person(1), person(2, DAY + dt.timedelta(days=21)), person(3, None)]
    assert rules.previous_sessions(people, earlier) == {1: 12}
    previous = {1: 12, 2: 11, 3: 10}
    checks = [(12, 1, True), (11, 5, True)]  # nobody was checked in at session 10
    assert rules.missed_previous(previous, checks) == {2}
    assert rules.missed_previous(previous, [(12, 1, False)]) == {1}
