"""The self-management tools against a real database: SMART goal, graded activity with its
log and schedule, the exposure ladder, the pacing week plan and its hints."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from rugschool.errors import NotFound, ValidationError
from rugschool.i18n import set_language
from rugschool.models import Database, GradedActivityLog
from rugschool.services.graded_activity_rules import WeekState
from rugschool.services.groups import GroupService
from rugschool.services.pacing_rules import (
    HintKind,
    PacingBlock,
    check_week_plan,
    pacing_hints,
)
from rugschool.services.self_management import (
    ExposureInput,
    PlanInput,
    SelfManagementService,
    SmartGoalText,
    next_exposure_step,
)
from tests.conftest import clear_measures_and_tools

START = dt.date(2026, 3, 2)  # a Monday
CYCLING = PlanInput(
    activity="  fietsen  ", baselines=(25, 30, 35), goal=42.5, weeks=4, starts_on=START
)


@pytest.fixture
def demo_db(demo_db: Database) -> Database:
    """The demo without its own goals, plans and ladders: these tests make their own."""
    clear_measures_and_tools(demo_db)
    return demo_db


@pytest.fixture
def enrollment_id(demo_db: Database) -> int:
    return GroupService(demo_db).enrollments(1)[0].id


@pytest.fixture
def service(demo_db: Database) -> SelfManagementService:
    return SelfManagementService(demo_db)


# -------------------------------------------------------------- SMART goal


def test_the_smart_goal_is_stored_with_its_value(
    service: SelfManagementService, enrollment_id: int
) -> None:
    goal = SmartGoalText(
        specific=" Een half uur wandelen met de hond ",
        measurable="30 minuten",
        acceptable="Wil ik zelf",
        realistic="Nu 15 minuten",
        time_bound="Over acht weken",
        value="Samen met mijn kleinkinderen naar het bos",
    )
    saved = service.save_smart_goal(enrollment_id, goal)
    assert saved.specific == "Een half uur wandelen met de hond"
    assert service.smart_goal(enrollment_id) == saved
    service.save_smart_goal(enrollment_id, SmartGoalText(value="Weer kunnen tuinieren"))
    assert service.smart_goal(enrollment_id) == SmartGoalText(value="Weer kunnen tuinieren")


def test_unknown_ids_are_not_found(service: SelfManagementService) -> None:
    for call in (
        lambda: service.smart_goal(9999),
        lambda: service.save_smart_goal(9999, SmartGoalText()),
        lambda: service.create_plan(9999, CYCLING),
        lambda: service.plans(9999),
        lambda: service.plan(9999),
        lambda: service.update_plan(9999, CYCLING),
        lambda: service.remove_plan(9999),
        lambda: service.log(9999, START, 20),
        lambda: service.logs(9999),
        lambda: service.remove_log(9999),
        lambda: service.schedule(9999, START),
        lambda: service.set_exposure(9999, []),
        lambda: service.exposure(9999),
        lambda: service.mark_exposure_done(9999, START),
        lambda: service.set_pacing(9999, []),
        lambda: service.pacing(9999),
    ):
        with pytest.raises(NotFound):
            call()


# -------------------------------------------------------------- graded activity


def test_a_plan_is_created_with_its_figures_and_listed(
    service: SelfManagementService, enrollment_id: int
) -> None:
    before = service.plans(enrollment_id)
    plan = service.create_plan(enrollment_id, CYCLING)
    assert plan.data.activity == "fietsen"
    assert plan.enrollment_id == enrollment_id
    assert (plan.figures.baseline, plan.figures.start, plan.figures.step) == (30, 22.5, 5)
    assert plan.figures.targets == (22.5, 27.5, 32.5, 37.5, 42.5)
    assert plan.warnings == []
    assert service.plans(enrollment_id) == [*before, plan]
    assert service.plan(plan.id) == plan


def test_a_plan_is_updated_and_warns_outside_the_advice(
    service: SelfManagementService, enrollment_id: int
) -> None:
    plan = service.create_plan(enrollment_id, CYCLING)
    changed = PlanInput(
        activity="wandelen",
        baselines=(20, 20, 20),
        goal=40,
        weeks=5,
        starts_on=START,
        unit="metres",
        reduction_percent=0,
        times_per_week=2,
    )
    updated = service.update_plan(plan.id, changed)
    assert updated.id == plan.id
    assert updated.data == changed
    assert updated.figures.targets == (20.0, 24.0, 28.0, 32.0, 36.0, 40.0)
    assert len(updated.warnings) == 2
    assert service.plan(plan.id) == updated


@pytest.mark.parametrize(
    "changes",
    [
        {"activity": "   "},
        {"unit": "hours"},
        {"baselines": (30, 0, 30)},
        {"reduction_percent": 95},
        {"goal": 22.5},
        {"weeks": 0},
        {"weeks": 53},
        {"times_per_week": 0},
    ],
)
def test_a_plan_that_cannot_be_is_refused(
    demo_db: Database,
    service: SelfManagementService,
    enrollment_id: int,
    changes: dict[str, object],
) -> None:
    before = service.plans(enrollment_id)
    bad = PlanInput(**{**CYCLING.__dict__, **changes})
    with pytest.raises(ValidationError):
        service.create_plan(enrollment_id, bad)
    assert service.plans(enrollment_id) == before
    plan = service.create_plan(enrollment_id, CYCLING)
    with pytest.raises(ValidationError):
        service.update_plan(plan.id, bad)
    assert service.plan(plan.id) == plan


def test_the_log_keeps_one_entry_a_day_and_feeds_the_schedule(
    demo_db: Database, service: SelfManagementService, enrollment_id: int
) -> None:
    plan = service.create_plan(enrollment_id, CYCLING)
    service.log(plan.id, START, 20, "veel pijn")
    service.log(plan.id, START + dt.timedelta(days=2), 22.5)
    again = service.log(plan.id, START, 22.5, " toch gelukt ")  # the same day: replaced
    service.log(plan.id, START + dt.timedelta(days=16), 30)  # week 3; week 2 has nothing
    logs = service.logs(plan.id)
    assert [(e.done_on, e.amount, e.note) for e in logs] == [
        (START, 22.5, "toch gelukt"),
        (START + dt.timedelta(days=2), 22.5, ""),
        (START + dt.timedelta(days=16), 30, ""),
    ]
    assert logs[0] == again

    rows = service.schedule(plan.id, today=START + dt.timedelta(days=15))
    assert [(r.week, r.planned, r.done, r.times) for r in rows] == [
        (1, 22.5, 22.5, 2),
        (2, 27.5, None, 0),
        (3, 32.5, 30, 1),
        (4, 37.5, None, 0),
        (5, 42.5, None, 0),
    ]
    assert [r.state for r in rows][:4] == [
        WeekState.PAST,
        WeekState.PAST,
        WeekState.CURRENT,
        WeekState.COMING,
    ]
    assert [r.too_few_times for r in rows][:2] == [True, True]

    service.remove_log(logs[1].id)
    assert service.schedule(plan.id, START)[0].times == 1
    with pytest.raises(NotFound):
        service.remove_log(logs[1].id)


def test_a_log_entry_is_checked(service: SelfManagementService, enrollment_id: int) -> None:
    plan = service.create_plan(enrollment_id, CYCLING)
    with pytest.raises(ValidationError):
        service.log(plan.id, START, -1)
    set_language("en")
    with pytest.raises(ValidationError, match="starts on 02-03-2026"):
        service.log(plan.id, START - dt.timedelta(days=1), 20)
    assert service.logs(plan.id) == []


def test_removing_a_plan_removes_its_log(
    demo_db: Database, service: SelfManagementService, enrollment_id: int
) -> None:
    plan = service.create_plan(enrollment_id, CYCLING)
    service.log(plan.id, START, 20)
    service.remove_plan(plan.id)
    assert plan.id not in [p.id for p in service.plans(enrollment_id)]
    with demo_db.transaction() as s:
        left = s.scalar(select(func.count()).where(GradedActivityLog.plan_id == plan.id))
    assert left == 0
    with pytest.raises(NotFound):
        service.plan(plan.id)


# -------------------------------------------------------------- exposure ladder


def test_the_exposure_ladder_is_kept_in_rank_order(
    service: SelfManagementService, enrollment_id: int
) -> None:
    ladder = service.set_exposure(
        enrollment_id,
        [
            ExposureInput(3, "Boodschappen uit de kofferbak tillen", 6),
            ExposureInput(1, " Bukken   om iets op te rapen ", 3),
            ExposureInput(10, "Een krat water tillen", 9),
        ],
    )
    assert [(r.rank, r.description, r.fear) for r in ladder] == [
        (1, "Bukken om iets op te rapen", 3),
        (3, "Boodschappen uit de kofferbak tillen", 6),
        (10, "Een krat water tillen", 9),
    ]
    assert service.exposure(enrollment_id) == ladder
    assert next_exposure_step(ladder) == ladder[0]

    done = service.mark_exposure_done(ladder[0].id, START)
    assert done.done_on == START
    now = service.exposure(enrollment_id)
    assert next_exposure_step(now) == ladder[1]
    service.mark_exposure_done(ladder[0].id, None)
    assert service.exposure(enrollment_id) == ladder

    kept = [ExposureInput(r.rank, r.description, r.fear, r.done_on) for r in now[:1]]
    assert [r.done_on for r in service.set_exposure(enrollment_id, kept)] == [START]
    assert service.set_exposure(enrollment_id, []) == []
    assert next_exposure_step([]) is None


@pytest.mark.parametrize(
    "items",
    [
        [ExposureInput(rank, f"stap {rank}", 5) for rank in range(1, 11)]
        + [ExposureInput(10, "nog een", 5)],
        [ExposureInput(0, "bukken", 3)],
        [ExposureInput(11, "bukken", 3)],
        [ExposureInput(2, "bukken", 3), ExposureInput(2, "tillen", 4)],
        [ExposureInput(1, "bukken", 11)],
        [ExposureInput(1, "bukken", -1)],
        [ExposureInput(1, "  ", 3)],
    ],
)
def test_a_ladder_that_cannot_be_is_refused(
    service: SelfManagementService, enrollment_id: int, items: list[ExposureInput]
) -> None:
    before = service.set_exposure(enrollment_id, [ExposureInput(1, "bukken", 2)])
    with pytest.raises(ValidationError):
        service.set_exposure(enrollment_id, items)
    assert service.exposure(enrollment_id) == before


def test_a_full_ladder_has_ten_steps(service: SelfManagementService, enrollment_id: int) -> None:
    items = [ExposureInput(11 - rank, f"stap {rank}", rank - 1) for rank in range(1, 11)]
    ladder = service.set_exposure(enrollment_id, items)
    assert [r.rank for r in ladder] == list(range(1, 11))


# -------------------------------------------------------------- pacing


def block(
    weekday: int, part: str, activity: str, kind: str = "effort", need: str = "must"
) -> PacingBlock:
    return PacingBlock(weekday, part, activity, kind, need)


def test_the_week_plan_is_stored_in_order(
    service: SelfManagementService, enrollment_id: int
) -> None:
    plan = [
        block(3, "evening", "lezen", "rest", "want"),
        block(1, "afternoon", "koken"),
        block(1, "morning", "stofzuigen"),
        block(1, "morning", "koffie drinken", "rest", "want"),
        block(1, "morning", " badkamer   poetsen "),
    ]
    stored = service.set_pacing(enrollment_id, plan)
    assert [(b.weekday, b.day_part, b.position, b.activity) for b in stored] == [
        (1, "morning", 1, "stofzuigen"),
        (1, "morning", 2, "koffie drinken"),
        (1, "morning", 3, "badkamer poetsen"),
        (1, "afternoon", 1, "koken"),
        (3, "evening", 1, "lezen"),
    ]
    assert service.pacing(enrollment_id) == stored
    kinds = [hint.kind for hint in service.pacing_hints(enrollment_id)]
    assert kinds == []  # Monday: rest between the efforts, and a "want"

    service.set_pacing(enrollment_id, stored[2:])  # without the first two
    assert [b.activity for b in service.pacing(enrollment_id)] == [
        "badkamer poetsen",
        "koken",
        "lezen",
    ]
    assert service.set_pacing(enrollment_id, []) == []
    assert service.pacing(enrollment_id) == []


@pytest.mark.parametrize(
    "bad",
    [
        block(0, "morning", "koken"),
        block(8, "morning", "koken"),
        block(1, "night", "koken"),
        block(1, "morning", "koken", kind="work"),
        block(1, "morning", "koken", need="should"),
        block(1, "morning", "   "),
    ],
)
def test_a_block_that_cannot_be_is_refused(
    service: SelfManagementService, enrollment_id: int, bad: PacingBlock
) -> None:
    before = service.set_pacing(enrollment_id, [block(2, "morning", "wandelen")])
    with pytest.raises(ValidationError):
        service.set_pacing(enrollment_id, [block(1, "morning", "lezen"), bad])
    assert service.pacing(enrollment_id) == before


def test_a_day_of_only_effort_and_only_must_gets_two_hints() -> None:
    set_language("en")
    hints = pacing_hints(
        check_week_plan([block(2, "morning", "strijken"), block(2, "afternoon", "stofzuigen")])
    )
    assert [(h.kind, h.weekday, h.day_part) for h in hints] == [
        (HintKind.NO_REST, 2, None),
        (HintKind.NO_WANT, 2, None),
    ]
    assert hints[0].text == "On Tuesday there is only effort and no rest: plan a rest as well."
    assert "Tuesday" in hints[1].text


def test_effort_back_to_back_within_a_part_of_the_day_gets_a_hint() -> None:
    set_language("en")
    plan = check_week_plan(
        [
            block(5, "morning", "strijken"),
            block(5, "morning", "ramen lappen"),
            block(5, "morning", "krant lezen", "rest", "want"),
            block(5, "afternoon", "tuinieren", need="want"),  # after a rest: fine
            block(5, "evening", "koken"),  # another part of the day: fine
            block(5, "evening", "afwassen"),
            block(5, "evening", "opruimen"),
        ]
    )
    hints = pacing_hints(plan)
    assert [(h.kind, h.day_part) for h in hints] == [
        (HintKind.EFFORT_IN_A_ROW, "morning"),
        (HintKind.EFFORT_IN_A_ROW, "evening"),
        (HintKind.EFFORT_IN_A_ROW, "evening"),
    ]
    assert hints[0].text == (
        "On Friday in the morning, “strijken” and “ramen lappen” follow each other "
        "without rest: take a break in between."
    )


def test_hints_come_day_by_day_and_a_balanced_day_gets_none() -> None:
    plan = check_week_plan(
        [
            block(7, "morning", "wandelen", need="want"),
            block(7, "morning", "rusten", "rest"),
            block(4, "evening", "boodschappen"),
            block(4, "evening", "tv kijken", "rest", "want"),
            block(1, "morning", "werken"),
            block(1, "afternoon", "pauze", "rest"),
        ]
    )
    hints = pacing_hints(plan)
    assert [(h.weekday, h.kind) for h in hints] == [(1, HintKind.NO_WANT)]
    assert pacing_hints([]) == []


def test_an_activity_of_control_characters_is_no_activity() -> None:
    """Found by the property tests: a pasted NUL passed as an activity and was stored empty."""
    with pytest.raises(ValidationError):
        check_week_plan([PacingBlock(1, "morning", "\x00\t")])
    (block,) = check_week_plan([PacingBlock(1, "morning", "fietsen\x00 naar\twerk")])
    assert block.activity == "fietsen naar werk"
