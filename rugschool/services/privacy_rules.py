"""The pure rules behind services/privacy.py: retention terms, the research file's codes and
cells, the access file's name, and finding a person's name in other people's notes."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import re
from collections.abc import Iterable, Sequence

from rugschool.models.base import fold
from rugschool.services.names import full_name, list_name

# The legal retention term of a health record, in years after the last contact: the
# Netherlands (WGBO, art. 7:454 BW) 20 years, Flanders (patients' rights decree) 30 years.
LEGAL_TERMS = {"nl": 20, "be": 30}


def retention_term(setting_years: int, region: str) -> int:
    """The practice's own term when it set one (1 or more), else the region's legal term."""
    return setting_years if setting_years > 0 else LEGAL_TERMS.get(region, LEGAL_TERMS["nl"])


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def last_contact(created: dt.date, *contacts: dt.date | None) -> dt.date:
    """The latest contact, or the day the record was made when there was none."""
    known = [day for day in contacts if day is not None]
    return max(known) if known else created


def age_on(born: dt.date | None, day: dt.date | None) -> int | None:
    """Age in whole years on `day` (None when either date is unknown)."""
    if born is None or day is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# ---------------------------------------------------------------------- research file


def participant_code(secret: str, participant_id: int) -> str:
    """A stable code for a participant: the same person, the same code in every export of
    this database; without the database's secret it cannot be traced back to the number."""
    digest = hmac.new(secret.encode("utf-8"), str(participant_id).encode("ascii"), hashlib.sha256)
    return digest.hexdigest()[:16]


def research_cell(value: object) -> str:
    """One value as a cell of a `;` file: decimal comma (as Dutch Excel reads it)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}".replace(".", ",")
    return str(value)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a byte order mark, `;` between cells, CRLF line ends (Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([research_cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------------- access file


def file_slug(name: str, participant_id: int) -> str:
    """The name in plain lower-case letters with hyphens, and the number: zoe-de-vries-1."""
    words = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    return f"{words}-{participant_id}" if words else str(participant_id)


# ---------------------------------------------------------------------- mentions


def name_patterns(first: str, prefix: str, last: str) -> list[re.Pattern[str]]:
    """How a therapist writes the whole name in a note: "Jan van der Berg", "Berg, Jan van
    der", "Van der Berg, Jan". Only a name with a first and a last name: a first name alone
    would match other people."""
    if not first.strip() or not last.strip():
        return []
    forms = {
        full_name(first, prefix, last),
        list_name(first, prefix, last, "nl"),
        list_name(first, prefix, last, "be"),
    }
    patterns = []
    for form in sorted(forms, key=len, reverse=True):
        words = [re.escape(word) for word in form.split()]
        patterns.append(re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE))
    return patterns


def redact(text: str, patterns: Sequence[re.Pattern[str]], replacement: str) -> str:
    for pattern in patterns:
        text = pattern.sub(replacement, text)
    return text


def mentions(text: str, patterns: Sequence[re.Pattern[str]]) -> bool:
    return any(pattern.search(text) for pattern in patterns)
