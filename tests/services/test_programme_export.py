"""A whole programme as one file: the export imports as the same content (with the photos),
and a broken file is refused whole, naming file and field."""

from __future__ import annotations

import tomllib
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import func, select

from rugschool.errors import DatabaseError
from rugschool.models import Database, PictureOverride, ProgrammeVersion
from rugschool.services import programme_export, programme_install
from rugschool.services.pictures import PictureService
from rugschool.services.programme import ProgrammeService
from rugschool.services.programme_export import ProgrammeTransfer
from rugschool.services.programme_file import ContentError, default_programme_file
from rugschool.services.programme_install import install_default_programme, snapshot
from rugschool.services.programme_items import ItemRef
from rugschool.services.programme_toml import programme_toml, toml_string
from tests.failures import WriteFailures, fails_cleanly_at_every_step
from tests.services.programme_samples import MINIMAL, write
from tests.services.test_programme_edit import NEW_LEVEL


def _export_text(db: Database, version_id: int) -> str:
    with db.transaction() as s:
        version = s.get(ProgrammeVersion, version_id)
        assert version is not None
        return programme_toml(snapshot(version))


def _count(db: Database, model: type[object]) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _photo(path: Path) -> Path:
    Image.new("RGB", (320, 200), "orange").save(path, "JPEG")
    return path


@pytest.fixture
def transfer(demo_db: Database, tmp_path: Path) -> ProgrammeTransfer:
    return ProgrammeService(demo_db).transfer(PictureService(demo_db, tmp_path / "data"))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_default_programme_exports_as_the_file_it_came_from(
    db: Database, language: str
) -> None:
    version = install_default_programme(db, language).version_id
    text = _export_text(db, version)
    reread = tomllib.loads(text)
    original = tomllib.loads(default_programme_file(language).read_text(encoding="utf-8"))
    assert reread == original


def test_an_edited_programme_with_photos_round_trips(
    demo_db: Database, transfer: ProgrammeTransfer, tmp_path: Path
) -> None:
    programme = ProgrammeService(demo_db)
    editor = programme.editor()
    version = programme.current("nl").version_id
    version = editor.update(
        version, ItemRef("message", "strong-back"), {"explanation": 'Eén "twee".\n\nDrie \\ vier.'}
    ).version_id
    editor.add_exercise(version, {"name": "Eigen oefening", "purpose": "Sterker."}, NEW_LEVEL)
    editor.remove_level(version, "buttocks", 2)
    editor.remove_exercise(version, "thighs")
    editor.update(version, ItemRef("version"), {"name": "Rugschool Oost"})
    PictureService(demo_db, tmp_path / "data").replace("buttocks-1", _photo(tmp_path / "a.jpg"))

    exported = transfer.export(version, tmp_path / "oost.zip")
    assert exported.photos == 1
    with zipfile.ZipFile(tmp_path / "oost.zip") as archive:
        assert sorted(archive.namelist()) == ["pictures/buttocks-1.jpg", "programme.nl.toml"]

    imported = transfer.import_file(tmp_path / "oost.zip")
    assert imported.version_id != version and imported.name == "Rugschool Oost"
    assert programme.current("nl").version_id == imported.version_id
    assert programme.current("nl").source_file == "oost.zip"
    assert _export_text(demo_db, imported.version_id) == _export_text(demo_db, version)
    assert PictureService(demo_db, tmp_path / "data").path("buttocks-1").suffix == ".jpg"


def _installed_default(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small default programme in place of the real one, installed in `db`."""
    default = write(tmp_path)
    monkeypatch.setattr(programme_install, "default_programme_file", lambda _lang: default)
    monkeypatch.setattr(programme_export, "default_programme_file", lambda _lang: default)
    install_default_programme(db, "nl")
    return default


def test_an_imported_programme_knows_the_default_texts(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _installed_default(db, tmp_path, monkeypatch)
    theirs = write(
        tmp_path,
        MINIMAL.replace("Trek je knieën naar je borst.", "Hun eigen uitleg."),
        "theirs.toml",
    )
    transfer = ProgrammeService(db).transfer(PictureService(db, tmp_path))
    imported = transfer.import_file(theirs)

    editor = ProgrammeService(db).editor()
    ref = ItemRef.level("back-mobility", 1)
    assert editor.item(imported.version_id, ref).edited() == ("instruction",)
    editor.reset(imported.version_id, ref)
    levels = ProgrammeService(db).current("nl").exercise("back-mobility").levels
    assert levels[0].instruction == "Lig op je rug. Trek je knieën naar je borst."


def test_a_broken_file_is_refused_whole(
    demo_db: Database, transfer: ProgrammeTransfer, tmp_path: Path
) -> None:
    good = tmp_path / "goed.zip"
    transfer.export(ProgrammeService(demo_db).current("nl").version_id, good)
    with zipfile.ZipFile(good) as archive:
        text = archive.read("programme.nl.toml").decode()
    broken = tmp_path / "kapot.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("programme.nl.toml", text.replace("sets = 3", "sets = 11", 1))
        archive.write(_photo(tmp_path / "b.jpg"), "pictures/thighs-2.jpg")
    versions = _count(demo_db, ProgrammeVersion)

    with pytest.raises(ContentError) as refused:
        transfer.import_file(broken)
    assert refused.value.file == "kapot.zip"
    assert refused.value.where.endswith(".sets") and "levels[" in refused.value.where

    not_a_photo = tmp_path / "foto.zip"
    with zipfile.ZipFile(not_a_photo, "w") as archive:
        archive.writestr("programme.nl.toml", text)
        archive.writestr("pictures/thighs-2.jpg", b"no photo at all")
    with pytest.raises(ContentError, match="thighs-2"):
        transfer.import_file(not_a_photo)
    with pytest.raises(ContentError):
        transfer.import_file(tmp_path / "er-niet.zip")

    assert _count(demo_db, ProgrammeVersion) == versions
    assert _count(demo_db, PictureOverride) == 0
    assert not list((tmp_path / "data").glob("pictures/*"))


def test_an_import_that_cannot_be_stored_leaves_no_photo_behind(
    demo_db: Database, transfer: ProgrammeTransfer, tmp_path: Path
) -> None:
    PictureService(demo_db, tmp_path / "data").replace("thighs-2", _photo(tmp_path / "a.jpg"))
    transfer.export(ProgrammeService(demo_db).current("nl").version_id, tmp_path / "p.zip")
    before = sorted((tmp_path / "data" / "pictures").iterdir())
    failures = WriteFailures(demo_db.engine)
    failures.arm(always=True)
    try:
        with pytest.raises(DatabaseError):
            transfer.import_file(tmp_path / "p.zip")
    finally:
        failures.remove()
    assert sorted((tmp_path / "data" / "pictures").iterdir()) == before


def test_an_import_fails_cleanly_at_every_step(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = _installed_default(db, tmp_path, monkeypatch)
    transfer = ProgrammeService(db).transfer(PictureService(db, tmp_path))
    steps = fails_cleanly_at_every_step(db, lambda: transfer.import_file(default))
    assert steps > 5


@given(st.text())
def test_any_text_survives_the_toml_writer(text: str) -> None:
    assert tomllib.loads(f"value = {toml_string(text)}")["value"] == text
