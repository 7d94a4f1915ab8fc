"""Installing the default programme, and an update that keeps the clinic's edits."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from rugschool.i18n import set_language
from rugschool.models import Database, ExerciseLevel, ProgrammeExercise, ProgrammeVersion
from rugschool.services import programme_install
from rugschool.services.programme import ProgrammeService
from rugschool.services.programme_install import (
    install_default_programme,
    install_default_programmes,
)
from tests.services.programme_samples import MINIMAL, write


def _versions(db: Database) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(ProgrammeVersion)) or 0


def test_first_start_installs_both_languages_once(db: Database) -> None:
    results = install_default_programmes(db)
    assert [(r.language, r.created) for r in results] == [("nl", True), ("en", True)]
    again = install_default_programmes(db)
    assert [r.created for r in again] == [False, False]
    assert _versions(db) == 2
    dutch = ProgrammeService(db).current("nl")
    assert dutch.warmup is not None and len(dutch.exercises) == 8
    assert all(len(e.levels) == 4 for e in dutch.exercises)
    english = ProgrammeService(db).current("en")
    assert english.exercises[0].key == dutch.exercises[0].key
    assert english.exercises[0].name != dutch.exercises[0].name


@pytest.fixture
def content_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = write(tmp_path)
    monkeypatch.setattr(programme_install, "default_programme_file", lambda _lang: path)
    return path


def _edit_first_instruction(db: Database, version_id: int, text: str) -> int:
    with db.transaction() as s:
        level = s.scalars(
            select(ExerciseLevel)
            .join(ExerciseLevel.exercise)
            .where(ExerciseLevel.number == 1)
            .where(ProgrammeExercise.key == "back-mobility")
            .where(ProgrammeExercise.version_id == version_id)
        ).one()
        level.instruction = text
        return level.id


def test_an_edited_text_survives_a_content_update(db: Database, content_file: Path) -> None:
    first = install_default_programme(db, "nl")
    edited_level = _edit_first_instruction(db, first.version_id, "Onze eigen uitleg.")

    # A later app version ships new texts for the edited level and for another one.
    content_file.write_text(
        MINIMAL.replace("Trek je knieën naar je borst.", "Breng je knieën naar je borst.")
        .replace("Maak je rug bol en hol.", "Maak je rug afwisselend bol en hol.")
        .replace("sets = 3", "sets = 2"),
        encoding="utf-8",
    )
    second = install_default_programme(db, "nl")

    assert second.created and second.version_id != first.version_id
    programme = ProgrammeService(db).current("nl")
    levels = programme.exercise("back-mobility").levels
    assert levels[0].instruction == "Onze eigen uitleg."  # the clinic's text is kept
    assert levels[1].instruction == "Zit op handen en knieën. Maak je rug afwisselend bol en hol."
    assert levels[1].dose.sets == 2  # an unedited dose follows the new default
    with db.transaction() as s:  # what was recorded against the old version still exists
        old = s.get(ExerciseLevel, edited_level)
        assert old is not None and old.instruction == "Onze eigen uitleg."

    # The edit is still recognised as an edit in the new version.
    content_file.write_text(
        MINIMAL.replace("Trek je knieën naar je borst.", "Nog een nieuwe tekst."), encoding="utf-8"
    )
    install_default_programme(db, "nl")
    assert ProgrammeService(db).current("nl").exercise("back-mobility").levels[0].instruction == (
        "Onze eigen uitleg."
    )


def test_a_changed_file_with_the_same_content_makes_no_new_version(
    db: Database, content_file: Path
) -> None:
    install_default_programme(db, "nl")
    content_file.write_text(MINIMAL + "\n# a comment only\n", encoding="utf-8")
    result = install_default_programme(db, "nl")
    assert not result.created
    assert _versions(db) == 1


def test_dose_texts_read_naturally(db: Database, content_file: Path) -> None:
    install_default_programme(db, "nl")
    programme = ProgrammeService(db).current("nl")
    assert programme.warmup is not None
    assert programme.warmup.levels[0].dose.text() == "8 minuten"
    first, second = programme.exercise("back-mobility").levels
    assert first.dose.text() == "2 × 10 keer"
    assert second.dose.text() == "3 × 20 s vasthouden, per kant"
    assert first.equipment_text() == "mat"
    set_language("en")
    assert second.dose.text() == "3 × hold 20 s, each side"
