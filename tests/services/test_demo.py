"""The demo: a practice, two therapists and a current group of exactly ten participants."""

from __future__ import annotations

import datetime as dt

from rugschool.models import Database
from rugschool.services.demo import load_demo
from rugschool.services.groups import GroupService
from rugschool.services.participants import ParticipantService
from rugschool.services.settings import SettingsService
from rugschool.settings import PRACTICE_NAME


def test_the_demo_is_a_current_group_of_ten(db: Database) -> None:
    today = dt.date(2026, 3, 2)
    result = load_demo(db, today=today)
    assert (result.created, result.participants, result.groups) == (True, 10, 1)
    [group] = GroupService(db).rows()
    assert group.active_count == group.enrolled_count == 10
    assert len(group.therapists) == 2
    assert group.start_date is not None and 0 < (today - group.start_date).days < 8 * 7
    people = ParticipantService(db).rows(group_id=group.id)
    assert len(people) == 10
    names = {p.full_name for p in people}
    assert {"Zoë de Vries", "Mehmet Çelik", "Jan van der Berg", "Lotte Van den Broeck"} <= names
    assert any(p.name_prefix for p in people)
    assert SettingsService(db).get(PRACTICE_NAME)


def test_loading_the_demo_again_adds_nothing(db: Database) -> None:
    load_demo(db)
    again = load_demo(db)
    assert not again.created
    assert ParticipantService(db).count() == 10
    assert len(GroupService(db).rows()) == 1


def test_the_demo_keeps_a_practice_name_already_set(db: Database) -> None:
    SettingsService(db).set(PRACTICE_NAME, "Fysio Oost")
    load_demo(db)
    assert SettingsService(db).get(PRACTICE_NAME) == "Fysio Oost"


def test_the_demo_shows_measures_goals_plans_ladders_and_one_flag(demo_db: Database) -> None:
    from rugschool.services.course_flags import CourseFlagService
    from rugschool.services.groups import GroupService
    from rugschool.services.measures import MeasureService
    from rugschool.services.self_management import SelfManagementService

    measures, tools = MeasureService(demo_db), SelfManagementService(demo_db)
    enrollments = GroupService(demo_db).enrollments(1)
    intake, mid, plans, ladders = 0, 0, 0, 0
    for e in enrollments:
        rows = measures.for_enrollment(e.id)
        intake += {"nprs", "psk", "qbpds", "forward_bend"} <= {
            r.instrument for r in rows if r.moment == "intake"
        }
        mid += any(r.instrument == "psk" and r.moment == "mid" for r in rows)
        assert tools.smart_goal(e.id).specific == e.personal_goal
        for plan in tools.plans(e.id):
            weeks = {w.week for w in tools.schedule(plan.id, dt.date.today()) if w.times}
            plans += len(weeks) >= 2
        ladders += bool(tools.exposure(e.id))
    assert (intake, plans, ladders) == (10, 2, 2)
    assert 0 < mid < 10
    flags = CourseFlagService(demo_db).for_group(1, dt.date.today())
    assert sum(bool(f) for f in flags.values()) == 1
