"""Checking what a therapist types: dates strictly, contact details gently.

A date of birth must be a real, plausible date. A phone number or e-mail address that looks
odd only gives a warning: Dutch and Belgian numbers come in many shapes, and a refusal would
stop the therapist for no good reason.
"""

from __future__ import annotations

import datetime as dt
import re

from rugschool.errors import ValidationError
from rugschool.i18n import _

OLDEST_AGE = 120
_DATE = re.compile(r"^\s*(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def parse_date(text: str) -> dt.date:
    """dd-mm-jjjj (also with / or .), or jjjj-mm-dd as spreadsheets export it."""
    if match := _DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValidationError(_("Write the date as dd-mm-jjjj, for example 14-03-1978."))
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise ValidationError(
            _("{text} is not a date that exists.").format(text=text.strip())
        ) from error


def check_date_of_birth(born: dt.date, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    if born > today:
        raise ValidationError(_("The date of birth is in the future."))
    if today.year - born.year > OLDEST_AGE:
        raise ValidationError(
            _("A date of birth more than {years} years ago cannot be right.").format(
                years=OLDEST_AGE
            )
        )


def parse_date_of_birth(text: str, today: dt.date | None = None) -> dt.date | None:
    """Empty is fine (unknown); otherwise a real, plausible date."""
    if not text.strip():
        return None
    born = parse_date(text)
    check_date_of_birth(born, today)
    return born


def phone_warning(phone: str) -> str | None:
    """A warning when a number does not look Dutch or Belgian; None when it does (or is
    empty). 06-12345678, 0412-123456, +32 475 12 34 56 and 0031 6 ... all pass."""
    if not phone.strip():
        return None
    if re.search(r"[^\d\s()+\-./]", phone):
        return _("The phone number contains letters or odd characters.")
    digits = re.sub(r"\D", "", phone)
    plus = phone.strip().startswith("+")
    if plus or digits.startswith("00"):
        national = digits[2:] if digits.startswith("00") else digits
        country, rest = national[:2], national[2:]
        if country == "31":
            ok = len(rest) == 9
        elif country == "32":
            ok = len(rest) in (8, 9)
        else:
            ok = len(national) >= 8  # another country: trust it
        if ok:
            return None
    elif digits.startswith("0") and len(digits) in (9, 10):
        return None  # Dutch numbers have 10 digits, Belgian landlines 9 and mobiles 10
    return _("The phone number looks incomplete or too long; check it with the participant.")


def email_warning(email: str) -> str | None:
    if not email.strip() or _EMAIL.match(email.strip()):
        return None
    return _("The e-mail address does not look complete.")
