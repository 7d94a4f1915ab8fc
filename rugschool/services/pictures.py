"""Exercise pictures: the generated defaults in resources/pictures/, or a therapist's own
photo in the data dir's pictures/ folder, which then serves everywhere (screens, handouts)
until the default is restored."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from rugschool.errors import ValidationError
from rugschool.i18n import _
from rugschool.models import Database, PictureOverride
from rugschool.paths import resource_path

PICTURES_DIR = "pictures"
# Long side of a stored photo: sharp on a full-HD screen and on A4, small on disk.
MAX_SIDE = 1600
JPEG_QUALITY = 85

_log = logging.getLogger(__name__)


def default_picture(picture: str) -> Path:
    return resource_path("pictures", f"{picture}.svg")


class PictureService:
    def __init__(self, db: Database, data_dir: Path) -> None:
        self._db = db
        self._folder = data_dir / PICTURES_DIR

    def overrides(self) -> dict[str, Path]:
        """Every replaced picture and its photo (one query, for a whole screen)."""
        with self._db.transaction() as s:
            rows = s.scalars(select(PictureOverride)).all()
            return {row.picture: self._folder / row.file_name for row in rows}

    def path(self, picture: str) -> Path:
        """The file to show for a picture: the therapist's photo, or the default drawing."""
        return _chosen(picture, self.overrides())

    def resolver(self) -> Callable[[str], Path]:
        """`path` for the many pictures of one document (a group's print run): the photos
        are looked up once, so a later replacement shows in the next document."""
        overrides = self.overrides()
        chosen: dict[str, Path] = {}

        def path(picture: str) -> Path:
            if picture not in chosen:
                chosen[picture] = _chosen(picture, overrides)
            return chosen[picture]

        return path

    def replace(self, picture: str, source: Path) -> Path:
        """Use the photo at `source` for `picture`: turned upright, shrunk, copied."""
        if not default_picture(picture).exists():
            raise ValidationError(_("There is no picture called {name}.").format(name=picture))
        self._folder.mkdir(parents=True, exist_ok=True)
        target = self._folder / f"{picture}-{uuid.uuid4().hex[:8]}.jpg"
        _save_photo(source, target)
        try:
            with self._db.transaction() as s:
                row = s.get(PictureOverride, picture)
                old = self._folder / row.file_name if row else None
                row = row or PictureOverride(picture=picture)
                row.file_name, row.original_name = target.name, source.name
                s.add(row)
        except Exception:
            target.unlink(missing_ok=True)
            raise
        if old is not None:
            old.unlink(missing_ok=True)
        _log.info("picture %s replaced by %s", picture, target.name)
        return target

    def restore(self, picture: str) -> None:
        """Show the default drawing again; the photo is removed."""
        with self._db.transaction() as s:
            row = s.get(PictureOverride, picture)
            if row is None:
                return
            old = self._folder / row.file_name
            s.delete(row)
        old.unlink(missing_ok=True)


def _chosen(picture: str, overrides: dict[str, Path]) -> Path:
    photo = overrides.get(picture)
    if photo is not None and photo.exists():
        return photo
    return default_picture(picture)


def _save_photo(source: Path, target: Path) -> None:
    """Upright (as the camera's EXIF orientation says), at most MAX_SIDE, as JPEG; written to
    a temporary name first, so a crash never leaves half a file under the real name."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(source) as opened:
            image = ImageOps.exif_transpose(opened)
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            if image.mode in ("RGBA", "LA", "P"):
                image = image.convert("RGBA")
                flat = Image.new("RGB", image.size, "white")
                flat.paste(image, mask=image.getchannel("A"))
                image = flat
            image = image.convert("RGB")
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError(
            _("{name} is not a photo Rugschool can read.").format(name=source.name)
        ) from error
    partial = target.with_suffix(".partial")
    image.save(partial, "JPEG", quality=JPEG_QUALITY, optimize=True)
    os.replace(partial, target)
