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
)

# The largest logo we store; the UI scales a picture down before it gets here.
MAX_LOGO_BYTES = 2 * 1024 * 1024
