"""A whole programme as one file, to share course material between a practice's locations.

The file is a zip with the content file (`programme.<language>.toml`, the format of
docs/PROGRAMME_FORMAT.md) and the practice's own photos for the pictures the programme
uses (`pictures/<picture>.jpg`). A plain .toml file imports too (without photos).

An import is checked whole before anything is stored, with the content reader's messages
(file and field named); then the programme is stored as a new version, named as in the file,
and the photos with it, in one transaction. The new version becomes the practice's programme
in its language: groups without recordings move to it, as after an edit.
"""

from __future__ import annotations

import io
import tempfile
import uuid
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rugschool.errors import NotFound, RugschoolError
from rugschool.i18n import _
from rugschool.models import Database, PictureOverride, ProgrammeVersion
from rugschool.services.content_tree import Node
from rugschool.services.pictures import PictureService, _save_photo
from rugschool.services.programme_file import (
    ContentError,
    default_pictures,
    default_programme_file,
    file_digest,
    parse_programme,
    read_programme,
)
from rugschool.services.programme_install import snapshot, write_version
from rugschool.services.programme_toml import programme_toml
from rugschool.services.programme_versions import (
    move_unstarted_groups,
    refuse_on_a_taken_along_group,
)
from rugschool.writing import write_file

SUFFIXES = (".zip", ".toml")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")


@dataclass(frozen=True)
class Transferred:
    version_id: int
    name: str  # the programme's name
    language: str
    photos: int  # own photos in the file
    moved: int = 0  # groups without recordings that now follow the imported programme


@dataclass(frozen=True)
class _Contents:
    text: str
    photos: dict[str, bytes]  # picture name -> photo


class ProgrammeTransfer:
    def __init__(self, db: Database, pictures: PictureService) -> None:
        self._db, self._pictures = db, pictures

    def export(self, version_id: int, target: Path) -> Transferred:
        """Writes the version, with the photos it uses, as one zip file at `target`."""
        with self._db.transaction() as s:
            version = s.get(ProgrammeVersion, version_id)
            if version is None:
                raise NotFound(_("That programme version no longer exists."))
            text = programme_toml(snapshot(version))
            used = {lv.picture for e in version.exercises for lv in e.levels}
            name, language = version.name, version.language
        photos = {p: path for p, path in self._pictures.overrides().items() if p in used}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"programme.{language}.toml", text)
            for picture, path in sorted(photos.items()):
                if path.exists():
                    archive.write(path, f"pictures/{picture}.jpg")
        write_file(target, buffer.getvalue())
        return Transferred(version_id, name, language, len(photos))

    def import_file(self, source: Path) -> Transferred:
        """Stores the programme in `source` as a new version, or refuses the whole file with
        a ContentError naming file and field; nothing is stored then."""
        refuse_on_a_taken_along_group(self._db)
        contents = _read(source)
        tree = parse_programme(contents.text, source.name)
        language = tree.key
        default_path = default_programme_file(language)
        default = read_programme(default_path, language)
        rebased, removed = rebase(tree, default)
        with tempfile.TemporaryDirectory() as scratch:
            photos = _checked_photos(source.name, contents.photos, Path(scratch))
            return self._store(source, rebased, removed, file_digest(default_path), photos)

    def _store(
        self, source: Path, tree: Node, removed: list[str], digest: str, photos: dict[str, Path]
    ) -> Transferred:
        folder = photo_folder(self._pictures)
        folder.mkdir(parents=True, exist_ok=True)
        written = {p: folder / f"{p}-{uuid.uuid4().hex[:8]}.jpg" for p in photos}
        replaced: list[Path] = []
        try:
            for picture, target in written.items():
                target.write_bytes(photos[picture].read_bytes())
            with self._db.transaction() as s:
                previous = _newest_id(s, tree.key)
                version = write_version(s, tree, tree.key, digest, removed=removed)
                version.source_file = source.name
                replaced = _store_photos(s, folder, written, source.name)
                moved = move_unstarted_groups(s, previous, version.id, None) if previous else 0
                result = Transferred(version.id, version.name, tree.key, len(photos), moved)
        except BaseException:
            for target in written.values():
                target.unlink(missing_ok=True)
            raise
        for old in replaced:
            old.unlink(missing_ok=True)
        return result


def photo_folder(pictures: PictureService) -> Path:
    """Where the practice's photos live. PictureService keeps its folder to itself; an
    import writes photos in the same transaction as the programme, so it needs the folder."""
    return pictures._folder


def _newest_id(s: Session, language: str) -> int | None:
    query = select(func.max(ProgrammeVersion.id)).where(ProgrammeVersion.language == language)
    return s.scalar(query)


def _store_photos(s: Session, folder: Path, written: dict[str, Path], source: str) -> list[Path]:
    """Each photo replaces the practice's own for that picture; returns the old files."""
    replaced = []
    for picture, target in written.items():
        row = s.get(PictureOverride, picture)
        if row is not None:
            replaced.append(folder / row.file_name)
        row = row or PictureOverride(picture=picture)
        row.file_name, row.original_name = target.name, f"{source}: {picture}"
        s.add(row)
    return replaced


def _read(source: Path) -> _Contents:
    """The content file's text and the photos in a zip, or the text of a .toml file."""
    try:
        if not zipfile.is_zipfile(source):
            return _Contents(source.read_text(encoding="utf-8"), {})
        with zipfile.ZipFile(source) as archive:
            members = [PurePosixPath(n) for n in archive.namelist() if not n.endswith("/")]
            texts = [m for m in members if m.suffix == ".toml"]
            if len(texts) != 1:
                raise ContentError(source.name, "", _("needs exactly one .toml file inside"))
            photos = {
                m.stem: archive.read(str(m))
                for m in members
                if m.parent.name == "pictures" and m.suffix.lower() in PHOTO_SUFFIXES
            }
            return _Contents(archive.read(str(texts[0])).decode("utf-8"), photos)
    except FileNotFoundError as error:
        raise ContentError(source.name, "", _("the file is missing")) from error
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as error:
        raise ContentError(
            source.name, "", _("cannot be read: {reason}").format(reason=error)
        ) from error


def _checked_photos(file: str, photos: dict[str, bytes], scratch: Path) -> dict[str, Path]:
    """Each photo turned upright and shrunk as a photo of the therapist's own, in `scratch`;
    a photo for a picture the app does not have, or one that is no photo, refuses the file."""
    known = set(default_pictures())
    checked = {}
    for picture, data in photos.items():
        where = f"pictures/{picture}"
        if picture not in known:
            raise ContentError(file, where, _("the programme has no picture with this name"))
        raw, target = scratch / f"{picture}.raw", scratch / f"{picture}.jpg"
        raw.write_bytes(data)
        try:
            _save_photo(raw, target)
        except RugschoolError as error:
            raise ContentError(file, where, _("is not a photo Rugschool can read")) from error
        checked[picture] = target
    return checked


# ------------------------------------------------------------------ an import and the default


def rebase(tree: Node, default: Node) -> tuple[Node, list[str]]:
    """The imported tree with, per item, the default values of the same item (so "reset to
    default" and a later default update work as for an edited programme), and the default
    items the file does not have, as removed paths."""
    removed: list[str] = []
    return _rebase(tree, default, "", removed), removed


def _rebase(node: Node, default: Node | None, prefix: str, removed: list[str]) -> Node:
    shipped = dict(default.values) if default is not None else {}
    theirs = {c.identity(): c for c in default.children} if default is not None else {}
    children = []
    for child in node.children:
        path = f"{prefix}{child.kind}:{child.key}"
        children.append(_rebase(child, theirs.pop(child.identity(), None), path + "/", removed))
    removed += [f"{prefix}{kind}:{key}" for kind, key in theirs]
    if node.kind == "level" and default is None:
        node = replace(node, key=f"own-{node.key}")  # a level the default does not have
    return replace(node, shipped=shipped, children=children)
