"""Reading and writing the typed settings of rugschool.settings."""

from __future__ import annotations

import json
from typing import TypeVar

from sqlalchemy.orm import Session

from rugschool.errors import ValidationError
from rugschool.i18n import LANGUAGES, _
from rugschool.models import Database, Setting
from rugschool.services.progression import PainBands, ProgressionRule
from rugschool.settings import (
    BACKUP_EVERY_DAYS,
    IDLE_LOCK_MINUTES,
    LANGUAGE,
    MAX_LOGO_BYTES,
    PAIN_ACCEPTABLE_MAX,
    PAIN_SAFE_MAX,
    PRACTICE_LOGO,
    REGION,
    RETENTION_YEARS,
    SESSIONS_IN_A_ROW,
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
        _check(key, value)
        with self._db.transaction() as s:
            _store(s, key, value)

    # ------------------------------------------------------------ the progression rule

    def pain_bands(self) -> PainBands:
        """The pain bands in use: the practice's own, else the GLA:D default."""
        try:
            return PainBands(self.get(PAIN_SAFE_MAX), self.get(PAIN_ACCEPTABLE_MAX))
        except ValidationError:  # stored by hand and nonsensical: the default, not a crash
            return PainBands()

    def progression_rule(self) -> ProgressionRule:
        try:
            return ProgressionRule(self.pain_bands(), self.get(SESSIONS_IN_A_ROW))
        except ValidationError:
            return ProgressionRule(self.pain_bands())

    def set_progression(self, safe_max: int, acceptable_max: int, sessions_in_a_row: int) -> None:
        """The bands and the sessions in a row together (they are checked together: the
        safe band ends below the acceptable band), in one transaction."""
        ProgressionRule(PainBands(safe_max, acceptable_max), sessions_in_a_row)  # or refused
        values = (
            (PAIN_SAFE_MAX, safe_max),
            (PAIN_ACCEPTABLE_MAX, acceptable_max),
            (SESSIONS_IN_A_ROW, sessions_in_a_row),
        )
        with self._db.transaction() as s:
            for key, value in values:
                _store(s, key, value)


def _check(key: SettingKey[T], value: T) -> None:
    if not isinstance(value, key.kind):
        raise TypeError(f"{key.name} takes {key.kind.__name__}, not {type(value).__name__}")
    _validate(key, value)


def _store(s: Session, key: SettingKey[T], value: T) -> None:
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
    if key is BACKUP_EVERY_DAYS and not (isinstance(value, int) and 0 <= value <= 30):
        raise ValidationError(
            _("Make a backup at start every 1 to 30 days, or 0 for only when the app closes.")
        )
    if key in (PAIN_SAFE_MAX, PAIN_ACCEPTABLE_MAX, SESSIONS_IN_A_ROW):
        raise ValidationError(_("Change the pain bands and the sessions in a row together."))
    if key is PRACTICE_LOGO and isinstance(value, bytes) and len(value) > MAX_LOGO_BYTES:
        raise ValidationError(_("The logo is too large; choose a picture under 2 MB."))
