"""Which database and data dir this run uses: command line first, then environment, then
the platform's default."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from rugschool.paths import DATABASE_FILE, default_data_dir

ENV_DATA_DIR = "RUGSCHOOL_DATA_DIR"
ENV_DATABASE_URL = "RUGSCHOOL_DATABASE_URL"
TAKEN_ALONG_DIR = "taken-along"
# A group taken along to a laptop: a Rugschool database file of its own (services/take_along).
TAKEN_ALONG_SUFFIX = ".rugschool"


@dataclass(frozen=True)
class Location:
    data_dir: Path
    database_url: str

    @property
    def is_local_file(self) -> bool:
        """True for the default SQLite file in the data dir (backups are then ours to make)."""
        return self.database_url.startswith("sqlite")


def resolve_location(data_dir: str | None = None, database_url: str | None = None) -> Location:
    chosen_dir = data_dir or os.environ.get(ENV_DATA_DIR) or None
    directory = Path(chosen_dir).expanduser() if chosen_dir else default_data_dir()
    url = database_url or os.environ.get(ENV_DATABASE_URL) or None
    if not url:
        url = sqlite_url(directory / DATABASE_FILE)
    return Location(data_dir=directory.resolve(), database_url=url)


def taken_along_location(file: Path, data_dir: str | None = None) -> Location:
    """A group taken along (a Rugschool file) opened as its own local database. It gets a
    data dir of its own under the usual one, so its backups, log and lock never mix with
    the laptop's own database."""
    path = file.expanduser().resolve()
    tag = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:8]
    home = resolve_location(data_dir, None).data_dir
    return Location(home / TAKEN_ALONG_DIR / f"{path.stem}-{tag}", sqlite_url(path))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


# Folders that a sync client copies behind SQLite's back, and file systems on a network:
# SQLite's locking and write-ahead log are not safe there (clinic mode is the way to share).
SYNCED_FOLDERS = ("dropbox", "onedrive", "google drive", "googledrive", "icloud", "nextcloud")
NETWORK_FILE_SYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p"}


def _mount_type(path: Path, mounts: str) -> str:
    """The file system type of the mount that holds `path`, from /proc/mounts text."""
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3 or len(fields[1]) <= len(best):
            continue
        mount = Path(fields[1])
        if path == mount or mount in path.parents:
            best, kind = fields[1], fields[2]
    return kind


def shared_folder_kind(path: Path, mounts: str | None = None) -> str | None:
    """'synced' for a cloud-sync folder, 'network' for a network share, else None."""
    text = str(path).replace("\\", "/").casefold()
    if any(name in text for name in SYNCED_FOLDERS):
        return "synced"
    if text.startswith("//"):  # a Windows UNC path, \\server\share
        return "network"
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8")
        except OSError:
            return None
    return "network" if _mount_type(path.resolve(), mounts) in NETWORK_FILE_SYSTEMS else None
