"""Where things are: the data dir, the resources, the log file."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_DIR_NAME = "Rugschool"
DATABASE_FILE = "rugschool.sqlite3"


def default_data_dir() -> Path:
    """The per-user data dir of the platform (for example ~/.local/share/Rugschool)."""
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False))


def resources_dir() -> Path:
    """`resources/` next to the package, or inside a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def log_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def backup_dir(data_dir: Path) -> Path:
    return data_dir / "backups"
