"""A therapist's own photo: upright, small, copied into the data dir; the default back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from rugschool.errors import ValidationError
from rugschool.models import Database
from rugschool.services.pictures import MAX_SIDE, PictureService, default_picture

EXIF_ORIENTATION = 0x0112
ROTATED_90_CLOCKWISE = 6  # what a phone held upright writes for a landscape sensor


def _sideways_photo(path: Path) -> None:
    """A 4000 x 2000 image whose EXIF says: turn me 90 degrees to see it upright."""
    image = Image.new("RGB", (4000, 2000), "white")
    image.paste((200, 30, 30), (0, 0, 400, 2000))  # a red band on the left edge as stored
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = ROTATED_90_CLOCKWISE
    image.save(path, "JPEG", exif=exif.tobytes())


def test_a_rotated_photo_comes_out_upright_and_small(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "IMG_0042.jpg"
    _sideways_photo(source)
    service = PictureService(db, tmp_path / "data")

    stored = service.replace("buttocks-3", source)

    assert stored.parent == tmp_path / "data" / "pictures"
    assert service.path("buttocks-3") == stored
    with Image.open(stored) as photo:
        assert photo.size == (MAX_SIDE // 2, MAX_SIDE)  # portrait now, long side shrunk
        assert photo.getexif().get(EXIF_ORIENTATION) in (None, 1)
        top = photo.convert("RGB").getpixel((photo.width // 2, 5))
    assert isinstance(top, tuple)
    assert top[0] > 150 and top[1] < 100  # the red band on the stored left is now on top
    assert stored.stat().st_size < source.stat().st_size


def test_replacing_twice_keeps_one_photo_and_restore_brings_back_the_drawing(
    db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "photo.png"
    Image.new("RGBA", (300, 200), (0, 0, 255, 128)).save(source)
    service = PictureService(db, tmp_path / "data")
    first = service.replace("thighs-1", source)
    second = service.replace("thighs-1", source)
    assert not first.exists() and second.exists()
    assert list((tmp_path / "data" / "pictures").iterdir()) == [second]

    service.restore("thighs-1")

    assert service.path("thighs-1") == default_picture("thighs-1")
    assert not second.exists()
    assert service.overrides() == {}


def test_a_file_that_is_not_a_photo_changes_nothing(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "notes.jpg"
    source.write_text("not a photo", encoding="utf-8")
    service = PictureService(db, tmp_path / "data")
    with pytest.raises(ValidationError, match=r"notes\.jpg is geen foto"):
        service.replace("thighs-1", source)
    assert service.overrides() == {}
    assert not any((tmp_path / "data" / "pictures").iterdir())


def test_an_unknown_picture_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="geen afbeelding met de naam"):
        PictureService(db, tmp_path).replace("juggling-9", tmp_path / "x.jpg")
