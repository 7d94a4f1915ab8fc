"""Editing the programme: an edit never changes what a recording shows (copy on write),
groups follow as the design says, exercises and levels come and go, defaults come back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rugschool.config import sqlite_url
from rugschool.errors import ValidationError
from rugschool.models import (
    Database,
    ExerciseLevel,
    ExerciseResult,
    Group,
    ProgrammeExercise,
    ProgrammeVersion,
)
from rugschool.models.migrate import open_database
from rugschool.services import programme_install
from rugschool.services.groups import GroupInput, GroupService
from rugschool.services.pictures import PictureService
from rugschool.services.programme import ProgrammeService
from rugschool.services.programme_file import default_programme_file
from rugschool.services.programme_install import install_default_programme
from rugschool.services.programme_items import ItemRef
from rugschool.services.recording import RecordingService, active_participants
from rugschool.services.schedule import ScheduleService
from tests.services.programme_samples import MINIMAL, write

NEW_LEVEL = {
    "instruction": "Sta op één been. Kijk of je je evenwicht houdt.",
    "sets": 2,
    "repetitions": None,
    "hold_seconds": 20,
    "per_side": True,
    "equipment": ["chair"],
    "picture": "lunge-balance-1",
}


def _versions(db: Database) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(ProgrammeVersion)) or 0


def _first_recorded_level(db: Database) -> tuple[int, str, int]:
    """A level a demo recording points at: (its row id, its exercise key, its number)."""
    with db.transaction() as s:
        level_id = s.scalars(select(ExerciseResult.level_id).order_by(ExerciseResult.id)).first()
        level = s.get(ExerciseLevel, level_id)
        assert level is not None
        return level.id, level.exercise.key, level.number


def _group_version(db: Database, group_id: int) -> int | None:
    with db.transaction() as s:
        return s.scalar(select(Group.programme_version_id).where(Group.id == group_id))


def _unrecorded_session(db: Database) -> int:
    sessions = [s for s in ScheduleService(db).sessions(1) if s.kind == "exercise"]
    return sessions[4].id  # the demo recorded the first four


def test_an_edit_of_an_unrecorded_version_lands_in_it(db: Database) -> None:
    install_default_programme(db, "nl")
    programme = ProgrammeService(db).current("nl")
    ref = ItemRef.level("thighs", 2)
    outcome = ProgrammeService(db).editor().update(programme.version_id, ref, {"sets": 4})
    assert not outcome.copied and outcome.version_id == programme.version_id
    assert outcome.before["sets"] != 4
    assert ProgrammeService(db).current("nl").exercise("thighs").levels[1].dose.sets == 4
    assert _versions(db) == 1


def test_a_recording_keeps_its_text_and_new_sessions_get_the_new_one(demo_db: Database) -> None:
    programme = ProgrammeService(demo_db)
    editor = programme.editor()
    level_id, key, number = _first_recorded_level(demo_db)
    old_text = programme.recorded_level(level_id).instruction
    waiting = GroupService(demo_db).create(GroupInput("Nog niet begonnen", dt.date(2031, 1, 7)))
    old_version = programme.current("nl").version_id

    outcome = editor.update(old_version, ItemRef.level(key, number), {"instruction": "Anders."})

    assert outcome.copied and outcome.version_id != old_version and outcome.moved == 1
    assert programme.recorded_level(level_id).instruction == old_text  # the recording
    assert programme.current("nl").exercise(key).levels[number - 1].instruction == "Anders."
    assert _group_version(demo_db, waiting.id) == outcome.version_id  # not started: moves
    assert _group_version(demo_db, 1) == old_version  # running: stays
    assert [g.id for g in editor.groups_behind(outcome.version_id)] == [1]

    # A second edit lands in the same new version: nothing points at it yet.
    again = editor.update(outcome.version_id, ItemRef("exercise", key), {"name": "Nieuw"})
    assert not again.copied and again.version_id == outcome.version_id

    # Moved on the therapist's word, the running group's next session uses the new text.
    assert editor.move_groups(outcome.version_id, [1]) == 1
    session_id = _unrecorded_session(demo_db)
    pid = active_participants(demo_db, session_id)[0]
    RecordingService(demo_db).record(session_id, pid, key, level=number)
    with demo_db.transaction() as s:
        new_level = s.scalars(
            select(ExerciseResult.level_id).where(ExerciseResult.session_id == session_id)
        ).one()
    assert programme.recorded_level(new_level).instruction == "Anders."
    assert programme.recorded_level(level_id).instruction == old_text


def test_a_wrong_value_is_refused_and_nothing_is_stored(demo_db: Database) -> None:
    programme = ProgrammeService(demo_db)
    version = programme.current("nl").version_id
    _level_id, key, number = _first_recorded_level(demo_db)
    before = _versions(demo_db)
    for wrong in ({"instruction": "   "}, {"sets": 11}, {"equipment": ["trampoline"]}):
        with pytest.raises(ValidationError):
            programme.editor().update(version, ItemRef.level(key, number), wrong)
    with pytest.raises(ValidationError):
        programme.editor().update(
            version, ItemRef("message", "strong-back"), {"talking_points": []}
        )
    assert _versions(demo_db) == before
    assert programme.current("nl").version_id == version


def test_an_edit_from_a_screen_showing_an_older_version_is_refused(demo_db: Database) -> None:
    programme = ProgrammeService(demo_db)
    old = programme.current("nl").version_id
    _level_id, key, number = _first_recorded_level(demo_db)
    programme.editor().update(old, ItemRef.level(key, number), {"sets": 3})
    with pytest.raises(ValidationError):
        programme.editor().update(old, ItemRef.level(key, number), {"sets": 1})


def test_texts_are_tidied_as_the_content_reader_tidies_them(db: Database) -> None:
    install_default_programme(db, "nl")
    version = ProgrammeService(db).current("nl").version_id
    ref = ItemRef("message", "strong-back")
    points = ["  Je rug   is sterk. ", "Bewegen mag.", "Pijn is geen schade."]
    ProgrammeService(db).editor().update(
        version, ref, {"explanation": "Eén.\n\n\n  Twee  drie.", "talking_points": points}
    )
    message = next(m for m in ProgrammeService(db).current("nl").core_messages if m.key == ref.key)
    assert message.explanation == "Eén.\n\nTwee drie."
    assert message.talking_points[0] == "Je rug is sterk."


def test_exercises_come_and_go_and_recordings_of_a_removed_one_stay(demo_db: Database) -> None:
    programme = ProgrammeService(demo_db)
    editor = programme.editor()
    version = programme.current("nl").version_id
    added = editor.add_exercise(
        version, {"name": "Evenwicht op één been", "purpose": "Stabiel staan."}, NEW_LEVEL
    )
    assert added.copied and added.key == "evenwicht-op-een-been"
    removed = editor.remove_exercise(added.version_id, "thighs")
    assert not removed.copied
    keys = [e.key for e in programme.current("nl").exercises]
    assert keys[-1] == added.key and "thighs" not in keys and len(keys) == 8
    assert [e.position for e in programme.current("nl").exercises] == list(range(1, 9))
    assert "thighs" in [e.key for e in programme.version(version).exercises]  # the old one
    with demo_db.transaction() as s:
        assert s.scalar(
            select(func.count(ExerciseResult.id))
            .join(ProgrammeExercise)
            .where(ProgrammeExercise.key == "thighs")
        )
        assert s.get(ProgrammeVersion, added.version_id).removed == ["exercise:thighs"]  # type: ignore[union-attr]

    # The grid of a group on the new version records the new exercise by its key.
    editor.move_groups(added.version_id, [1])
    session_id = _unrecorded_session(demo_db)
    pid = active_participants(demo_db, session_id)[0]
    RecordingService(demo_db).record(session_id, pid, added.key, level=1, pain=2)
    assert RecordingService(demo_db).results(session_id)[(pid, added.key)].pain == 2


def test_the_warm_up_and_the_last_exercise_and_level_cannot_be_removed(db: Database) -> None:
    install_default_programme(db, "nl")
    editor = ProgrammeService(db).editor()
    version = ProgrammeService(db).current("nl").version_id
    with pytest.raises(ValidationError):
        editor.remove_exercise(version, "warmup")
    with pytest.raises(ValidationError):
        editor.add_level(version, "warmup")
    for number in (4, 3, 2):
        editor.remove_level(version, "abdominals", number)
    with pytest.raises(ValidationError):
        editor.remove_level(version, "abdominals", 1)
    assert len(ProgrammeService(db).current("nl").exercise("abdominals").levels) == 1


def test_levels_come_and_go_and_later_levels_move_up(demo_db: Database) -> None:
    programme = ProgrammeService(demo_db)
    editor = programme.editor()
    before = programme.current("nl").exercise("buttocks").levels
    added = editor.add_level(programme.current("nl").version_id, "buttocks", NEW_LEVEL)
    assert added.copied
    levels = programme.current("nl").exercise("buttocks").levels
    assert [lv.number for lv in levels] == [1, 2, 3, 4, 5]
    assert levels[4].instruction == NEW_LEVEL["instruction"]

    editor.remove_level(added.version_id, "buttocks", 2)
    levels = programme.current("nl").exercise("buttocks").levels
    assert [lv.number for lv in levels] == [1, 2, 3, 4]
    assert [lv.instruction for lv in levels] == [
        before[0].instruction,
        before[2].instruction,
        before[3].instruction,
        NEW_LEVEL["instruction"],
    ]
    with demo_db.transaction() as s:
        version = s.get(ProgrammeVersion, added.version_id)
        assert version is not None and version.removed == ["exercise:buttocks/level:2"]

    # Level 4 (the practice's own) is recorded in a session of a group on the new version.
    editor.move_groups(added.version_id, [1])
    session_id = _unrecorded_session(demo_db)
    pid = active_participants(demo_db, session_id)[0]
    RecordingService(demo_db).record(session_id, pid, "buttocks", level=4)
    assert RecordingService(demo_db).results(session_id)[(pid, "buttocks")].level == 4


def test_a_field_or_a_whole_item_goes_back_to_its_default(db: Database) -> None:
    install_default_programme(db, "nl")
    programme = ProgrammeService(db)
    editor = programme.editor()
    version = programme.current("nl").version_id
    ref = ItemRef.level("thighs", 1)
    default = editor.item(version, ref)
    editor.update(version, ref, {"instruction": "Eigen tekst.", "sets": 1, "equipment": []})
    assert set(editor.item(version, ref).edited()) == {"instruction", "sets", "equipment"}

    editor.reset(version, ref, ["sets"])
    state = editor.item(version, ref)
    assert state.values["sets"] == default.values["sets"]
    assert state.values["instruction"] == "Eigen tekst."

    editor.reset(version, ref)
    assert editor.item(version, ref).values == default.values
    assert editor.item(version, ref).edited() == ()

    added = editor.add_level(version, "thighs")
    assert not added.copied
    with pytest.raises(ValidationError):
        editor.reset(version, ItemRef.level("thighs", 5))  # the practice's own level


@pytest.fixture
def content_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = write(tmp_path)
    monkeypatch.setattr(programme_install, "default_programme_file", lambda _lang: path)
    return path


def test_a_default_update_keeps_what_the_practice_removed_and_added(
    db: Database, content_file: Path
) -> None:
    first = install_default_programme(db, "nl")
    editor = ProgrammeService(db).editor()
    editor.remove_level(first.version_id, "back-mobility", 1)
    editor.add_level(first.version_id, "back-mobility", NEW_LEVEL)

    # A later app version ships new texts for both default levels.
    content_file.write_text(
        MINIMAL.replace("Trek je knieën naar je borst.", "Nieuwe tekst voor niveau 1.").replace(
            "Maak je rug bol en hol.", "Nieuwe tekst voor niveau 2."
        ),
        encoding="utf-8",
    )
    second = install_default_programme(db, "nl")

    assert second.created
    levels = ProgrammeService(db).current("nl").exercise("back-mobility").levels
    assert [lv.instruction for lv in levels] == [
        "Zit op handen en knieën. Nieuwe tekst voor niveau 2.",  # the default level 2
        NEW_LEVEL["instruction"],  # the practice's own, still there
    ]
    assert [lv.number for lv in levels] == [1, 2]


def test_an_older_database_upgrades_with_its_levels_numbered_as_in_the_default(
    tmp_path: Path,
) -> None:
    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"
    path = tmp_path / "old.sqlite3"
    shutil.copy(fixtures / "0008_clinic.sqlite3", path)
    with open_database(sqlite_url(path), tmp_path / "backups").database as db:
        with db.transaction() as s:
            levels = s.execute(select(ExerciseLevel.number, ExerciseLevel.default_number)).all()
            assert levels and all(number == default for number, default in levels)
            assert all(v.removed == [] for v in s.scalars(select(ProgrammeVersion)))
        version = ProgrammeService(db).current("nl").version_id
        outcome = ProgrammeService(db).editor().remove_level(version, "thighs", 1)
        assert outcome.copied  # the fixture's demo recorded this version


def test_the_warm_up_counts_minutes(db: Database) -> None:
    install_default_programme(db, "nl")
    editor = ProgrammeService(db).editor()
    version = ProgrammeService(db).current("nl").version_id
    editor.update(version, ItemRef.level("warmup", 1), {"minutes": 10, "sets": 3})
    editor.update(version, ItemRef("exercise", "warmup"), {"name": "Opwarmen"})
    warmup = ProgrammeService(db).current("nl").warmup
    assert warmup is not None and warmup.name == "Opwarmen"
    assert warmup.levels[0].dose.minutes == 10 and warmup.levels[0].dose.sets is None
    with pytest.raises(ValidationError):
        editor.update(version, ItemRef.level("warmup", 1), {"minutes": 0})


def test_a_default_update_takes_the_groups_that_have_not_started_along(
    db: Database, content_file: Path
) -> None:
    first = install_default_programme(db, "nl")
    waiting = GroupService(db).create(GroupInput("Nog niet begonnen", dt.date(2031, 1, 7)))
    content_file.write_text(MINIMAL.replace("Op gang komen.", "Warm worden."), encoding="utf-8")
    second = install_default_programme(db, "nl")
    assert second.created
    assert _group_version(db, waiting.id) == second.version_id != first.version_id


def test_a_group_taken_along_cannot_change_the_programme(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "dinsdag.rugschool")
    with open_database(url, tmp_path / "backups").database as db:
        version = install_default_programme(db, "nl").version_id
        with pytest.raises(ValidationError):
            ProgrammeService(db).editor().update(version, ItemRef("version"), {"name": "Y"})
        transfer = ProgrammeService(db).transfer(PictureService(db, tmp_path))
        with pytest.raises(ValidationError):
            transfer.import_file(default_programme_file("nl"))
