"""The demo's measures and self-management tools: intake measures for everyone, the
mid-course PSK for some, a SMART goal each, graded activity for two (two weeks logged), an
exposure ladder for two, a pacing plan for one. Everything goes through the services, so
the demo's scores are the app's own."""

from __future__ import annotations

import datetime as dt

from rugschool.models import Database
from rugschool.services.groups import EnrollmentRow, GroupService
from rugschool.services.measures import MeasureService
from rugschool.services.pacing_rules import PacingBlock
from rugschool.services.self_management import (
    ExposureInput,
    PlanInput,
    SelfManagementService,
    SmartGoalText,
)

# Per person (in demo order): the activities they find hard, scored 0-10 at the intake.
_PSK = (
    ("tuinieren", "lang staan"),
    ("fietsen", "tillen van boodschappen"),
    ("bukken", "autorijden"),
    ("stofzuigen", "wandelen"),
    ("hardlopen", "zitten op het werk"),
    ("traplopen", "spelen met de kleinkinderen"),
    ("de was doen", "bukken"),
    ("zwemmen", "lang zitten"),
    ("wandelen", "met de kleinkinderen spelen"),
    ("hardlopen", "tillen"),
)
_LADDERS = (
    (("Bukken naar de vaatwasser", 3), ("Een krat water tillen", 6), ("Hardlopen", 8)),
    (("Van de trap springen", 4), ("Een tas van de grond pakken", 5), ("Tuinieren", 7)),
)


def _intake(measures: MeasureService, e: EnrollmentRow, n: int, day: dt.date) -> None:
    first, second = _PSK[n % len(_PSK)]
    answers: dict[str, dict[str, object]] = {
        "nprs": {"back": 4 + n % 4, "leg": n % 3},
        "psk": {"activities": [[first, 6 + n % 3], [second, 5 + n % 4]]},
        "qbpds": {"items": [(n + i) % 4 for i in range(20)]},
        "odi": {"total": 20 + 2 * n},
        "fabq_pa": {"total": 10 + n},
        "forward_bend": {"value": 10 + n},
        "extensor_endurance": {"value": 60 + 5 * n},
        "flexor_endurance": {"value": 40 + 3 * n},
        "sit_to_stand": {"value": 10 + n % 5, "unit": "reps"},
    }
    measures.record_all(e.id, "intake", answers, day)


def _mid(measures: MeasureService, e: EnrollmentRow, n: int, day: dt.date) -> None:
    first, second = _PSK[n % len(_PSK)]
    # Most find their activities a little easier by now; the fourth person does not.
    better = 0 if n == 3 else 2
    activities = [[first, 6 + n % 3 - better], [second, 5 + n % 4 - better]]
    measures.record_all(
        e.id, "mid", {"nprs": {"back": 3 + n % 3, "leg": 0}, "psk": {"activities": activities}}, day
    )


def _tools(tools: SelfManagementService, e: EnrollmentRow, n: int, start: dt.date) -> None:
    tools.save_smart_goal(
        e.id,
        SmartGoalText(
            specific=e.personal_goal,
            measurable="Ik houd het een week lang vol",
            acceptable="Ik wil dit zelf graag weer kunnen",
            realistic="Stap voor stap opbouwen met het opbouwschema",
            time_bound="Aan het eind van de cursus",
            value="Meedoen met mijn gezin en vrienden" if n % 2 else "Gezond en zelfstandig zijn",
        ),
    )
    if n in (0, 2):
        activity = "Wandelen" if n == 0 else "Fietsen"
        plan = tools.create_plan(
            e.id, PlanInput(activity, (25.0, 30.0, 35.0), 40.0 + 5 * n, 5, start)
        )
        for day, amount in ((0, 22.5), (2, 23), (4, 22.5), (7, 26), (9, 26), (11, 27)):
            tools.log(plan.id, start + dt.timedelta(days=day), amount)
    if n in (1, 6):
        ladder = _LADDERS[0 if n == 1 else 1]
        steps = [ExposureInput(rank, text, fear) for rank, (text, fear) in enumerate(ladder, 1)]
        rows = tools.set_exposure(e.id, steps)
        tools.mark_exposure_done(rows[0].id, start + dt.timedelta(days=6))
    if n == 4:
        tools.set_pacing(
            e.id,
            [
                PacingBlock(1, "morning", "Werken"),
                PacingBlock(1, "afternoon", "Rusten op de bank", kind="rest"),
                PacingBlock(1, "evening", "Wandelen met de hond", need="want"),
                PacingBlock(3, "morning", "Boodschappen doen"),
                PacingBlock(3, "afternoon", "Lezen", kind="rest", need="want"),
            ],
        )


def add_measures_and_tools(db: Database, group_id: int, start: dt.date, today: dt.date) -> None:
    """Intake measures a week before the start, the mid-course PSK and NPRS for the first
    six (the rest are due now), goals, plans and ladders."""
    measures, tools = MeasureService(db), SelfManagementService(db)
    for n, enrollment in enumerate(GroupService(db).enrollments(group_id)):
        _intake(measures, enrollment, n, start - dt.timedelta(days=7))
        if n < 6:
            _mid(measures, enrollment, n, min(today, start + dt.timedelta(weeks=3)))
        _tools(tools, enrollment, n, start + dt.timedelta(days=7))
