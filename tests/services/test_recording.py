"""Recording a session: check-in, the grid, undo, the database's own refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from rugschool.errors import ValidationError
from rugschool.models import Database, ExerciseLevel, ExerciseResult, ProgrammeExercise
from rugschool.services.recording import RecordingService, Result, active_participants
from rugschool.services.schedule import ScheduleService
from tests.query_count import counted_queries


@pytest.fixture
def session_id(demo_db: Database) -> int:
    exercise_sessions = [s for s in ScheduleService(demo_db).sessions(1) if s.kind == "exercise"]
    return exercise_sessions[4].id  # the demo recorded the first four


def test_check_in_and_the_grid(demo_db: Database, session_id: int) -> None:
    service = RecordingService(demo_db)
    expected = active_participants(demo_db, session_id)
    assert len(expected) == 10
    for pid in expected[:8]:
        service.check_in(session_id, pid)
    service.check_in(session_id, expected[8], present=False, reason="ziek")
    assert service.present(session_id) == expected[:8]

    first = expected[0]
    assert service.record(session_id, first, "buttocks", level=2) is None
    before = service.record(session_id, first, "buttocks", pain=3)
    assert before == Result(2)
    service.record(session_id, first, "buttocks", easy=True)
    assert service.results(session_id) == {(first, "buttocks"): Result(2, 3, True)}

    previous = service.record(session_id, first, "buttocks", level=4)  # a slip of the finger
    service.restore(session_id, first, "buttocks", previous)  # Ctrl+Z
    assert service.results(session_id)[(first, "buttocks")] == Result(2, 3, True)
    service.restore(session_id, first, "buttocks", None)
    assert service.results(session_id) == {}


def test_bad_entries_are_refused_with_a_message(demo_db: Database, session_id: int) -> None:
    service = RecordingService(demo_db)
    pid = active_participants(demo_db, session_id)[0]
    with pytest.raises(ValidationError, match="0 tot 10"):
        service.record(session_id, pid, "thighs", level=1, pain=11)
    with pytest.raises(ValidationError, match="niveaus 1 tot 4"):
        service.record(session_id, pid, "thighs", level=5)
    with pytest.raises(ValidationError):
        service.record(session_id, pid, "thighs", pain=2)  # no level yet
    assert service.results(session_id) == {}


def test_the_database_refuses_a_level_of_another_exercise_and_wild_pain(
    demo_db: Database, session_id: int
) -> None:
    pid = active_participants(demo_db, session_id)[0]
    with demo_db.transaction() as s:
        thighs = s.scalars(
            select(ProgrammeExercise)
            .where(ProgrammeExercise.key == "thighs")
            .order_by(ProgrammeExercise.id)
        ).first()
        buttocks_level = s.scalars(
            select(ExerciseLevel).join(ProgrammeExercise).where(ProgrammeExercise.key == "buttocks")
        ).first()
        assert thighs is not None and buttocks_level is not None
        thighs_id, wrong_level = thighs.id, buttocks_level.id
    refused = pytest.raises(IntegrityError, match=r"FOREIGN KEY|foreign key constraint")
    with refused, demo_db.transaction() as s:
        s.add(
            ExerciseResult(
                session_id=session_id,
                participant_id=pid,
                exercise_id=thighs_id,
                level_id=wrong_level,
            )
        )
    with (
        pytest.raises(IntegrityError, match="ck_exercise_results_pain"),
        demo_db.transaction() as s,
    ):
        s.execute(
            text(
                "INSERT INTO exercise_results (session_id, participant_id, exercise_id,"
                " level_id, pain, easy, note) SELECT :s, :p, exercise_id, id, 12, false, ''"
                " FROM exercise_levels WHERE exercise_id = :e LIMIT 1"
            ),
            {"s": session_id, "p": pid, "e": thighs_id},
        )


def test_one_result_per_person_session_and_exercise(demo_db: Database, session_id: int) -> None:
    service = RecordingService(demo_db)
    pid = active_participants(demo_db, session_id)[0]
    service.record(session_id, pid, "thighs", level=1)
    service.record(session_id, pid, "thighs", level=2)
    with demo_db.transaction() as s:
        query = (
            select(func.count())
            .select_from(ExerciseResult)
            .where(ExerciseResult.session_id == session_id)
        )
        assert s.scalar(query) == 1


def test_current_level_is_the_last_done_or_the_starting_level(demo_db: Database) -> None:
    service = RecordingService(demo_db)
    sessions = [s for s in ScheduleService(demo_db).sessions(1) if s.kind == "exercise"][4:]
    pid = active_participants(demo_db, sessions[0].id)[0]
    before = service.current_levels(sessions[0].id, pid)  # from the four the demo recorded
    assert before  # levels from the four sessions the demo recorded
    service.record(sessions[0].id, pid, "thighs", level=2)
    service.record(sessions[1].id, pid, "thighs", level=3)
    assert service.current_levels(sessions[2].id, pid) == {**before, "thighs": 3}
    assert service.current_levels(sessions[1].id, pid) == {**before, "thighs": 2}


def test_theme_of_the_day_and_coverage(demo_db: Database, session_id: int) -> None:
    service = RecordingService(demo_db)
    service.set_day_theme(session_id, "causes-and-symptoms")
    service.set_day_theme(session_id, None, "Ervaringen met wandelen")
    education = ScheduleService(demo_db).sessions(1)[0]
    service.set_covered(education.id, "pain-alarm", True)
    service.set_covered(education.id, "strong-back", False, "Geen tijd meer")
    coverage = service.coverage(education.id)
    assert coverage["pain-alarm"] is True and coverage["strong-back"] is False


def test_everyones_levels_at_once_match_each_persons(demo_db: Database, session_id: int) -> None:
    service = RecordingService(demo_db)
    people = active_participants(demo_db, session_id)
    with counted_queries(demo_db) as few:
        together = service.levels_before(session_id, people[:3])
    with counted_queries(demo_db) as many:
        together = service.levels_before(session_id, people)
    assert len(few) == len(many) == 3  # the session, the starting levels, the results
    assert together == {pid: service.current_levels(session_id, pid) for pid in people}
    assert any(together.values())  # the demo recorded four sessions: there is something
