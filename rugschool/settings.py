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
)

# The largest logo we store; the UI scales a picture down before it gets here.
MAX_LOGO_BYTES = 2 * 1024 * 1024
