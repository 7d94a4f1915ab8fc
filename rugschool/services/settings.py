"""Reading and writing the typed settings of rugschool.settings."""

from __future__ import annotations

import json
from typing import TypeVar

from rugschool.errors import ValidationError
from rugschool.i18n import LANGUAGES, _
from rugschool.models import Database, Setting
from rugschool.settings import (
    IDLE_LOCK_MINUTES,
    LANGUAGE,
    MAX_LOGO_BYTES,
    PRACTICE_LOGO,
    REGION,
    RETENTION_YEARS,
    SettingKey,
)

T = TypeVar("T", str, int, bool, bytes)


class SettingsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: SettingKey[T]) -> T:
        with self._db.transaction() as s:
            row = s.get(Setting, key.name)
            if row is None:
                return key.default
            value: object
            if key.kind is bytes:
                value = row.blob_value or b""
            else:
                value = None if row.text_value is None else json.loads(row.text_value)
            return value if isinstance(value, key.kind) else key.default

    def set(self, key: SettingKey[T], value: T) -> None:
        if not isinstance(value, key.kind):
            raise TypeError(f"{key.name} takes {key.kind.__name__}, not {type(value).__name__}")
        _validate(key, value)
        with self._db.transaction() as s:
            row = s.get(Setting, key.name) or Setting(key=key.name)
            if isinstance(value, bytes):
                row.blob_value, row.text_value = value, None
            else:
                row.text_value, row.blob_value = json.dumps(value), None
            s.add(row)


def _validate(key: SettingKey[T], value: T) -> None:
    if key is LANGUAGE and value not in LANGUAGES:
        raise ValidationError(_("Unknown language: {code}.").format(code=value))
    if key is REGION and value not in ("nl", "be"):
        raise ValidationError(_("Unknown region: {code}.").format(code=value))
    if key is IDLE_LOCK_MINUTES and not (isinstance(value, int) and 0 <= value <= 240):
        raise ValidationError(_("Lock after 0 (never) to 240 minutes without use."))
    if key is RETENTION_YEARS and not (isinstance(value, int) and 0 <= value <= 115):
        raise ValidationError(_("Keep records 1 to 115 years, or 0 for the legal term."))
    if key is PRACTICE_LOGO and isinstance(value, bytes) and len(value) > MAX_LOGO_BYTES:
        raise ValidationError(_("The logo is too large; choose a picture under 2 MB."))
