"""Typed settings: each has a key, a type and a default, and lives in the database.

Later issues add their own keys here; the Instellingen screen shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T", str, int, bool, bytes)


@dataclass(frozen=True)
class SettingKey(Generic[T]):
    name: str
    kind: type[T]
    default: T


PRACTICE_NAME = SettingKey("practice.name", str, "")
PRACTICE_ADDRESS = SettingKey("practice.address", str, "")
PRACTICE_LOGO = SettingKey("practice.logo_png", bytes, b"")
LANGUAGE = SettingKey("app.language", str, "nl")
# "nl" (Netherlands) or "be" (Flanders): how names sort, and later the words on paper.
REGION = SettingKey("practice.region", str, "nl")
WELCOME_DISMISSED = SettingKey("app.welcome_dismissed", bool, False)
DEMO_LOADED = SettingKey("app.demo_loaded", bool, False)
# Lock the app after this many minutes without keyboard or mouse (0: never); never while a
# session runs.
IDLE_LOCK_MINUTES = SettingKey("app.idle_lock_minutes", int, 10)
# How long records are kept after the last contact, in years; 0: the region's legal term
# (20 years in the Netherlands, 30 in Flanders).
RETENTION_YEARS = SettingKey("practice.retention_years", int, 0)
# The key of the research file's participant codes (HMAC-SHA256 of the participant number):
# made at the first export, never shown, so a code cannot be traced back without this database.
RESEARCH_SECRET = SettingKey("privacy.research_secret", str, "")
# This database's own identity, made when a group is first taken along from it: bringing a
# group back checks the file came from here (its numbers are this database's numbers).
DATABASE_ID = SettingKey("clinic.database_id", str, "")
# The pain bands and the progression rule's sessions in a row (services/progression.py):
# the GLA:D knee and hip default unless the practice sets its own.
PAIN_SAFE_MAX = SettingKey("progression.pain_safe_max", int, 2)
PAIN_ACCEPTABLE_MAX = SettingKey("progression.pain_acceptable_max", int, 5)
SESSIONS_IN_A_ROW = SettingKey("progression.sessions_in_a_row", int, 2)
# Where automatic backups go ("": the backups folder in the data folder), and how often one
# is made at start (in days; 0: only when the app closes).
BACKUP_FOLDER = SettingKey("backup.folder", str, "")
BACKUP_EVERY_DAYS = SettingKey("backup.every_days", int, 1)
# The room: the whole interface larger, for reading from a distance; a high-contrast theme.
LARGE_TEXT = SettingKey("app.large_text", bool, False)
HIGH_CONTRAST = SettingKey("app.high_contrast", bool, False)
# The short introduction over the main window has been shown (it shows once; Help brings it
# back).
INTRO_SHOWN = SettingKey("app.intro_shown", bool, False)

ALL_SETTINGS: tuple[
    SettingKey[str] | SettingKey[int] | SettingKey[bool] | SettingKey[bytes], ...
] = (
    PRACTICE_NAME,
    PRACTICE_ADDRESS,
    PRACTICE_LOGO,
    LANGUAGE,
    REGION,
    WELCOME_DISMISSED,
    DEMO_LOADED,
    IDLE_LOCK_MINUTES,
    RETENTION_YEARS,
    RESEARCH_SECRET,
    DATABASE_ID,
    PAIN_SAFE_MAX,
    PAIN_ACCEPTABLE_MAX,
    SESSIONS_IN_A_ROW,
    BACKUP_FOLDER,
    BACKUP_EVERY_DAYS,
    LARGE_TEXT,
    HIGH_CONTRAST,
    INTRO_SHOWN,
)

# The largest logo we store; the UI scales a picture down before it gets here.
MAX_LOGO_BYTES = 2 * 1024 * 1024
