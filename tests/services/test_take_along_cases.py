"""Bringing a group back in the harder cases: lists the app stores by removing and adding
again (a ladder, a week plan, a cell cleared and typed again), numbers SQLite hands out
twice, records removed on one side and changed or extended on the other, copies of a file,
and values that read differently from PostgreSQL and SQLite."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from rugschool.config import sqlite_url
from rugschool.models import (
    Database,
    Enrollment,
    ExerciseResult,
    ExposureItem,
    GradedActivityPlan,
    Group,
    GroupSession,
    Measurement,
    PacingEntry,
    Participant,
)
from rugschool.models.migrate import open_database
from rugschool.services.bring_back import ConflictsToDecide, Side, bring_back, preview
from rugschool.services.bundle import Services
from rugschool.services.pacing_rules import PacingBlock
from rugschool.services.recording import Result
from rugschool.services.self_management import ExposureInput, PlanInput
from rugschool.services.take_along import TakeAlongError, take_along
from tests.services.test_take_along import (
    TODAY,
    _newcomer,
    clinic,
    count,
    group_of_demo,
    laptop,
    laptop_file,
    next_session,
    record_session,
)

__all__ = ["clinic", "laptop", "laptop_file"]  # the fixtures, shared


def enrollment_with(db: Database, model: type[ExposureItem | PacingEntry], group_id: int) -> int:
    with db.transaction() as s:
        query = (
            select(model.enrollment_id)
            .join(Enrollment, Enrollment.id == model.enrollment_id)
            .where(Enrollment.group_id == group_id)
            .order_by(model.enrollment_id)
        )
        found = s.scalars(query).first()
    assert found is not None
    return found


def first_enrollment(db: Database, group_id: int) -> Enrollment:
    with db.transaction() as s:
        query = select(Enrollment).where(Enrollment.group_id == group_id).order_by(Enrollment.id)
        found = s.scalars(query).first()
        assert found is not None
        s.expunge(found)
        return found


def here(db: Database) -> Services:
    return Services(db, Path())


def test_a_week_plan_saved_unchanged_comes_back_as_nothing(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    enrollment = enrollment_with(clinic, PacingEntry, group_of_demo(clinic))
    plan = laptop.self_management.pacing(enrollment)
    laptop.self_management.set_pacing(enrollment, plan)  # removed and added again
    laptop.db.close()
    shown = preview(clinic, laptop_file)
    assert not (shown.changed or shown.removed or shown.conflicts)
    assert set(shown.added) == {"audit_log"}  # only that the plan was saved
    bring_back(clinic, laptop_file)
    assert here(clinic).self_management.pacing(enrollment) == plan


def test_a_ladder_step_added_and_two_steps_swapped_on_the_laptop(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    enrollment = enrollment_with(clinic, ExposureItem, group_of_demo(clinic))
    ladder = [
        ExposureInput(r.rank, r.description, r.fear, r.done_on)
        for r in laptop.self_management.exposure(enrollment)
    ]
    assert len(ladder) >= 2
    ladder[0], ladder[1] = replace(ladder[1], rank=1), replace(ladder[0], rank=2)
    ladder.append(ExposureInput(len(ladder) + 1, "Boodschappen tillen", 6))
    laptop.self_management.set_exposure(enrollment, ladder)
    wanted = [(r.rank, r.description) for r in laptop.self_management.exposure(enrollment)]
    laptop.db.close()

    outcome = bring_back(clinic, laptop_file)

    assert not outcome.conflicts and not outcome.removed
    got = [(r.rank, r.description) for r in here(clinic).self_management.exposure(enrollment)]
    assert got == wanted


def test_a_cell_cleared_and_typed_again_is_the_same_cell(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    recorder = laptop.recording(None)
    done = next(
        r.id
        for r in laptop.schedule.sessions(group_of_demo(clinic))
        if r.kind == "exercise" and recorder.results(r.id)
    )
    (pid, key), result = next(iter(recorder.results(done).items()))
    before = recorder.clear(done, pid, key)
    recorder.restore(done, pid, key, before)  # Ctrl+Z
    laptop.db.close()

    assert preview(clinic, laptop_file).nothing_new
    bring_back(clinic, laptop_file)
    assert here(clinic).recording(None).results(done)[(pid, key)] == result


def test_one_session_recorded_on_both_sides_differently(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    session = next_session(laptop, group_of_demo(clinic))
    written = record_session(laptop, session)
    on_laptop = laptop.recording(None).results(session)
    laptop.db.close()
    practice = here(clinic)
    recorder = practice.recording(None)
    cells = []
    for pid in practice.expected_at(session):
        recorder.check_in(session, pid)
        for key, level in recorder.current_levels(session, pid).items():
            cells.append((pid, key, Result(level, pain=(pid + level + 1) % 11)))
    recorder.put_all(session, cells)

    assert len(preview(clinic, laptop_file).conflicts) == written  # every cell differs
    bring_back(clinic, laptop_file, keep=Side.TAKEN)

    assert count(clinic, ExerciseResult, session_id=session) == written
    assert practice.recording(None).results(session) == on_laptop
    assert bring_back(clinic, laptop_file).nothing_new


def test_a_newcomer_with_everything_comes_with_the_practices_numbers(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    group_id = group_of_demo(clinic)
    for n in range(3):  # the practice adds people meanwhile: the numbers collide
        here(clinic).participants.create(replace(_newcomer(), last_name=f"Kliniek{n}"))
    person = laptop.participants.create(_newcomer()).id
    enrollment, _over = laptop.groups.enroll(group_id, person)
    laptop.measures.record(enrollment, "nprs", "intake", {"back": 6, "leg": 2}, TODAY)
    plan = laptop.self_management.create_plan(
        enrollment, PlanInput("wandelen", (10.0, 12.5, 11.0), 30.0, 6, TODAY)
    )
    laptop.self_management.log(plan.id, TODAY, 7.5, "ok")
    laptop.self_management.set_pacing(enrollment, [PacingBlock(1, "morning", "werk")])
    laptop.db.close()

    bring_back(clinic, laptop_file)

    with clinic.transaction() as s:
        newcomer = s.scalars(select(Participant).where(Participant.last_name == "Nieuwkomer"))
        (enrolled,) = newcomer.one().enrollments
        assert enrolled.group_id == group_id
        measured = s.scalars(select(Measurement).where(Measurement.enrollment_id == enrolled.id))
        assert len(measured.all()) == 1
        plans = s.scalars(
            select(GradedActivityPlan).where(GradedActivityPlan.enrollment_id == enrolled.id)
        ).all()
        assert [len(p.logs) for p in plans] == [1]
    assert bring_back(clinic, laptop_file).nothing_new


def test_a_number_sqlite_gives_again_is_a_new_row(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    group_id = group_of_demo(clinic)
    with clinic.transaction() as s:
        last = s.scalars(select(Enrollment).order_by(Enrollment.id.desc())).first()
        assert last is not None
        enrollment, leaving = last.id, last.participant_id
    laptop.groups.remove_enrollment(enrollment)
    newcomer = laptop.participants.create(_newcomer()).id
    again, _over = laptop.groups.enroll(group_id, newcomer)
    assert again == enrollment  # SQLite handed the same number out again
    laptop.db.close()

    bring_back(clinic, laptop_file)

    with clinic.transaction() as s:
        people = {e.participant_id for e in s.scalars(select(Enrollment))}
        assert leaving not in people
        assert s.scalars(select(Participant.id).where(Participant.last_name == "Nieuwkomer")).one()
        newcomers = s.scalars(
            select(Enrollment).join(Participant).where(Participant.last_name == "Nieuwkomer")
        ).all()
        assert len(newcomers) == 1 and newcomers[0].id != enrollment


def test_removed_on_the_laptop_while_the_practice_added_to_it(
    clinic: Database, laptop: Services, laptop_file: Path
) -> None:
    enrollment = first_enrollment(clinic, group_of_demo(clinic)).id
    laptop.groups.remove_enrollment(enrollment)
    laptop.db.close()
    here(clinic).measures.record(enrollment, "nprs", "follow_up_12", {"back": 1, "leg": 1}, TODAY)

    with pytest.raises(ConflictsToDecide) as asked:
        bring_back(clinic, laptop_file)
    (conflict,) = asked.value.result.conflicts
    assert conflict.taken_deleted and conflict.key.startswith("enrollments:")
    bring_back(clinic, laptop_file, {conflict.key: Side.CLINIC})
    assert count(clinic, Measurement, enrollment_id=enrollment, moment="follow_up_12") == 1


@pytest.mark.parametrize("side", [Side.TAKEN, Side.CLINIC])
def test_removed_in_the_practice_while_the_laptop_measured(
    clinic: Database, laptop: Services, laptop_file: Path, side: Side
) -> None:
    removed = first_enrollment(clinic, group_of_demo(clinic))
    laptop.measures.record(removed.id, "nprs", "follow_up_12", {"back": 1, "leg": 1}, TODAY)
    laptop.db.close()
    here(clinic).groups.remove_enrollment(removed.id)

    shown = preview(clinic, laptop_file)  # no error: one question, about the enrollment
    (conflict,) = shown.conflicts
    assert conflict.clinic_deleted and conflict.key.startswith("enrollments:")
    bring_back(clinic, laptop_file, {conflict.key: side})

    with clinic.transaction() as s:
        back = s.scalars(
            select(Enrollment).where(Enrollment.participant_id == removed.participant_id)
        ).all()
        measured = [m for e in back for m in s.scalars(
            select(Measurement).where(Measurement.enrollment_id == e.id)
        )]  # fmt: skip
    if side is Side.TAKEN:  # the enrollment comes back with everything the laptop has
        assert len(back) == 1 and any(m.moment == "follow_up_12" for m in measured)
    else:
        assert back == []
    assert bring_back(clinic, laptop_file).nothing_new


def test_copies_of_a_file_already_brought_back_are_refused(
    clinic: Database, laptop: Services, laptop_file: Path, tmp_path: Path
) -> None:
    laptop.db.close()
    older = tmp_path / "ouder.rugschool"
    shutil.copy(laptop_file, older)  # e.g. the copy on a stick, before the sessions
    with open_database(sqlite_url(laptop_file), tmp_path / "b").database as db:
        session = next_session(Services(db, tmp_path / "l"), group_of_demo(clinic))
        written = record_session(Services(db, tmp_path / "l"), session)
    other = tmp_path / "andere.rugschool"
    shutil.copy(older, other)
    with open_database(sqlite_url(other), tmp_path / "b2").database as db:
        Services(db, tmp_path / "l2").participants.create(_newcomer())
    bring_back(clinic, laptop_file)

    with pytest.raises(TakeAlongError, match="oudere kopie"):
        bring_back(clinic, older)
    with pytest.raises(TakeAlongError, match="andere kopie"):
        bring_back(clinic, other)
    assert count(clinic, ExerciseResult, session_id=session) == written


def test_the_laptop_app_starting_on_a_rolling_group_changes_nothing(
    clinic: Database, tmp_path: Path
) -> None:
    from rugschool.app import _install_programmes

    with clinic.transaction() as s:
        group = s.get(Group, group_of_demo(clinic))
        assert group is not None
        group.kind = "rolling"
    target = tmp_path / "rollend #1.rugschool"  # a '#' in the name, too
    take_along(clinic, group_of_demo(clinic), target, "kliniek")
    with open_database(sqlite_url(target), tmp_path / "b").database as db:
        assert _install_programmes(Services(db, tmp_path / "l")) is None
    assert preview(clinic, target).nothing_new


def test_values_read_the_same_from_either_database(clinic: Database, tmp_path: Path) -> None:
    group_id = group_of_demo(clinic)
    with clinic.transaction() as s:
        measured = s.scalars(
            select(Measurement).join(Enrollment).where(Enrollment.group_id == group_id)
        ).first()
        assert measured is not None
        measured.answers = {"value": 12.5, "x": [0.1, 1e-7, 3.0, None, True], "ü": "é"}
        measured.score = 0.1 + 0.2
        session = s.scalars(select(GroupSession).where(GroupSession.group_id == group_id)).first()
        assert session is not None
        session.starts_at = session.starts_at.replace(microsecond=123456)
        group = s.get(Group, group_id)
        assert group is not None
        group.weekdays, group.start_time = [4, 2], dt.time(9, 30, 15)
    target = tmp_path / "waarden.rugschool"
    take_along(clinic, group_id, target, "kliniek")
    assert preview(clinic, target).nothing_new
