"""Importing participants from a CSV file, as Dutch and Belgian Excel writes one.

Excel saves with `;` where the decimal comma is local (nl, be) and `,` elsewhere, in UTF-8
(with or without a byte order mark) or in Windows-1252. Headers come in Dutch or English.

All or nothing: a file with a line that cannot be stored imports nothing, unless the
therapist asks for only the valid lines. Likely duplicates (same name and date of birth, in
the database or earlier in the file) are skipped and reported; they never stop an import.
Line numbers are the rows a spreadsheet shows: the header is line 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rugschool.errors import NotFound, RugschoolError, ValidationError
from rugschool.i18n import _, ngettext
from rugschool.models import Database, Enrollment, EnrollmentStatus, Group, Participant
from rugschool.models.base import fold
from rugschool.services.groups import own_start
from rugschool.services.names import full_name, one_line, split_full_name, split_last_name
from rugschool.services.participants import ParticipantInput
from rugschool.services.schedule import plan_course
from rugschool.services.validation import email_warning, parse_date_of_birth, phone_warning

FIRST, PREFIX, LAST, NAME = "first_name", "name_prefix", "last_name", "name"
BORN, PHONE, EMAIL, REFERRER, NOTES = "date_of_birth", "phone", "email", "referrer", "notes"

# Header synonyms, folded to letters and digits ("E-mail adres" -> "emailadres"). When two
# columns mean the same field, a line takes the first non-empty one in this order: the
# name people are called by before the official given names, a mobile before a landline.
HEADERS: dict[str, tuple[str, ...]] = {
    FIRST: ("roepnaam", "voornaam", "voornamen", "firstname", "givenname", "forename"),
    PREFIX: ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "prefix", "nameprefix"),
    LAST: ("achternaam", "familienaam", "geslachtsnaam", "lastname", "surname", "familyname"),
    NAME: ("naam", "volledigenaam", "name", "fullname"),
    BORN: ("geboortedatum", "gebdatum", "geborenop", "dateofbirth", "birthdate", "dob"),
    PHONE: (
        *("mobiel", "mobielnummer", "gsm", "gsmnummer", "mobile", "mobilephone", "cellphone"),
        *("telefoon", "telefoonnummer", "tel", "telnr", "phone", "phonenumber", "telephone"),
    ),
    EMAIL: ("email", "emailadres", "mail", "emailaddress"),
    REFERRER: ("verwijzer", "huisarts", "verwijzendarts", "referrer", "gp", "referringdoctor"),
    NOTES: ("opmerkingen", "opmerking", "notities", "notitie", "notes", "note", "remarks"),
}
_FIELD_OF_HEADER = {h: f for f, names in HEADERS.items() for h in names}
_HEADER_RANK = {h: rank for names in HEADERS.values() for rank, h in enumerate(names)}

# Name prefixes (tussenvoegsels), longest first so "van der" wins over "van".
_MIDNIGHT = re.compile(r"\s+0?0:00(:00)?$")  # "1978-03-14 00:00:00" from some exports
_SEPARATORS = (";", ",", "\t")
_ENCODING_LABELS = {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "cp1252": "Windows-1252"}


class CsvFileError(RugschoolError):
    """A file that cannot be imported at all: unreadable, empty, or without a name."""

    exit_code = 8


class LineIssue(NamedTuple):
    line: int
    reason: str

    def __str__(self) -> str:
        return _("line {line}: {reason}").format(line=self.line, reason=self.reason)


class ImportRefused(RugschoolError):
    """Lines with errors: nothing was imported. The message lists every bad line."""

    exit_code = 7

    def __init__(self, errors: Sequence[LineIssue]) -> None:
        head = ngettext(
            "Nothing was imported: {n} line has an error.",
            "Nothing was imported: {n} lines have an error.",
            len(errors),
        ).format(n=len(errors))
        super().__init__("\n".join([head, *(f"  {issue}" for issue in errors)]))
        self.errors = tuple(errors)


@dataclass(frozen=True)
class ImportRow:
    """One line of the file, read. `data` holds what could be read even when it has errors."""

    line: int
    data: ParticipantInput
    date_of_birth_text: str = ""
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    same_as_line: int | None = None  # a likely duplicate of an earlier line of the file
    already_stored: str | None = None  # a likely duplicate of these stored people

    @property
    def duplicate(self) -> str | None:
        if self.same_as_line is not None:
            return _("Same name and date of birth as line {line}.").format(line=self.same_as_line)
        if self.already_stored is not None:
            return _("Already stored with the same name and date of birth: {names}.").format(
                names=self.already_stored
            )
        return None

    @property
    def importable(self) -> bool:
        return not self.errors and self.duplicate is None


@dataclass(frozen=True)
class ImportPreview:
    path: Path
    encoding: str  # the Python codec: utf-8-sig, utf-8 or cp1252
    separator: str
    rows: tuple[ImportRow, ...]
    ignored_columns: tuple[str, ...] = ()

    @property
    def encoding_label(self) -> str:
        return _ENCODING_LABELS.get(self.encoding, self.encoding)

    @property
    def importable(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if r.importable)

    @property
    def errors(self) -> tuple[LineIssue, ...]:
        return tuple(LineIssue(r.line, " ".join(r.errors)) for r in self.rows if r.errors)

    @property
    def duplicates(self) -> tuple[LineIssue, ...]:
        return tuple(
            LineIssue(r.line, r.duplicate) for r in self.rows if not r.errors and r.duplicate
        )

    @property
    def warnings(self) -> tuple[LineIssue, ...]:
        return tuple(LineIssue(r.line, w) for r in self.rows if r.importable for w in r.warnings)


@dataclass(frozen=True)
class ImportResult:
    participant_ids: tuple[int, ...]
    duplicates: tuple[LineIssue, ...] = ()
    skipped_errors: tuple[LineIssue, ...] = ()  # only when asked to import only valid lines
    line_warnings: tuple[LineIssue, ...] = ()
    group_name: str | None = None
    warnings: tuple[str, ...] = ()  # about the whole import (a group over its maximum)

    @property
    def imported(self) -> int:
        return len(self.participant_ids)


# ------------------------------------------------------------------ reading the file


def read_participants_csv(path: Path) -> ImportPreview:
    """The file read and checked, without a database: errors, warnings and duplicates
    within the file. Raises CsvFileError for a file that cannot be imported at all."""
    text, encoding = _decode(path)
    records, separator = _records(text)
    if not records or not any(cell.strip() for cell in records[0][1]):
        raise CsvFileError(_("{file} is empty.").format(file=path.name))
    headers = records[0][1]
    columns, ignored = _map_columns(headers, path)
    rows = [_read_row(line, cells, columns) for line, cells in records[1:] if _has_text(cells)]
    if not rows:
        raise CsvFileError(_("{file} has a header but no participants.").format(file=path.name))
    return ImportPreview(path, encoding, separator, _mark_file_duplicates(rows), ignored)


def _decode(path: Path) -> tuple[str, str]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CsvFileError(
            _("Cannot read {file}: {reason}").format(file=path, reason=error.strerror)
        ) from error
    if b"\x00" in raw:  # UTF-16 ("Unicode text") or not text at all
        raise CsvFileError(
            _("{file} is not a CSV file. In Excel, save it as CSV (comma or semicolon).").format(
                file=path.name
            )
        )
    for encoding in ("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise CsvFileError(
        _("{file} is not in UTF-8 or Windows-1252; save it again as CSV.").format(file=path.name)
    )


def _records(text: str) -> tuple[list[tuple[int, list[str]]], str]:
    """The rows with their spreadsheet line numbers, and the separator found in the header.
    A first line "sep=;" (which Excel writes and does not show) names the separator."""
    first_line, _newline, rest = text.partition("\n")
    if match := re.fullmatch(r"sep=(.)\r?", first_line):
        separator, text = match.group(1), rest
    else:
        unquoted = re.sub(r'"[^"]*"', "", first_line)
        separator = max(_SEPARATORS, key=unquoted.count)  # a tie keeps the first: ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        return list(enumerate(reader, start=1)), separator
    except csv.Error as error:
        raise CsvFileError(
            _("Cannot read line {line}: {reason}").format(line=reader.line_num, reason=error)
        ) from error


def _has_text(cells: Iterable[str]) -> bool:
    return any(cell.strip() for cell in cells)


def header_key(header: str) -> str:
    """A header folded to letters and digits: "E-mail adres" -> "emailadres"."""
    return re.sub(r"[^a-z0-9]", "", fold(header))


def _map_columns(headers: list[str], path: Path) -> tuple[dict[str, list[int]], tuple[str, ...]]:
    """Field -> column indices (best first), and the headers no field uses."""
    columns: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        if field := _FIELD_OF_HEADER.get(header_key(header)):
            columns.setdefault(field, []).append(index)
    for indices in columns.values():
        indices.sort(key=lambda i: _HEADER_RANK[header_key(headers[i])])
    if NAME in columns and (FIRST in columns or LAST in columns):
        # "Naam" beside "Voornaam" is the family name (as Belgian forms have it); beside
        # both a first and a last name column it adds nothing.
        name_columns = columns.pop(NAME)
        if LAST not in columns:
            columns[LAST] = name_columns
    if not {FIRST, LAST, NAME} & columns.keys():
        found = ", ".join(h.strip() for h in headers if h.strip())
        raise CsvFileError(
            _(
                "{file} has no name column. Name a column voornaam, achternaam or naam (or "
                "first name, last name, name). Columns found: {columns}."
            ).format(file=path.name, columns=found)
        )
    used = {i for indices in columns.values() for i in indices}
    ignored = tuple(h.strip() for i, h in enumerate(headers) if i not in used and h.strip())
    return columns, ignored


def _cell(cells: list[str], indices: list[int] | None) -> str:
    for index in indices or ():
        if index < len(cells) and cells[index].strip():
            return cells[index].strip().replace("\r\n", "\n")  # a note over several lines
    return ""


def _read_row(line: int, cells: list[str], columns: dict[str, list[int]]) -> ImportRow:
    value = {field: _cell(cells, indices) for field, indices in columns.items()}
    first, prefix, last = _names(value, has_prefix_column=PREFIX in columns)
    errors: list[str] = []
    # Checked as it will be stored: a cell of control characters (a pasted escape) is empty.
    if not (one_line(first) or one_line(last)):
        errors.append(_("No name."))
    born_text, born = value.get(BORN, ""), None
    try:
        born = parse_date_of_birth(_MIDNIGHT.sub("", born_text))
    except ValidationError as error:
        reason = str(error)
        errors.append(
            _("Date of birth: {reason}").format(reason=reason)
            if born_text.strip() in reason
            else _("Date of birth “{value}”: {reason}").format(value=born_text, reason=reason)
        )
    data = ParticipantInput(
        first_name=first,
        name_prefix=prefix,
        last_name=last,
        date_of_birth=born,
        phone=value.get(PHONE, ""),
        email=value.get(EMAIL, ""),
        referrer=value.get(REFERRER, ""),
        notes=value.get(NOTES, ""),
    ).tidied()
    warnings = tuple(w for w in (phone_warning(data.phone), email_warning(data.email)) if w)
    return ImportRow(line, data, born_text, tuple(errors), warnings)


def _mark_file_duplicates(rows: list[ImportRow]) -> tuple[ImportRow, ...]:
    first_seen: dict[tuple[str, dt.date | None], int] = {}
    marked = []
    for row in rows:
        key = (row.data.name_key(), row.data.date_of_birth)
        if not row.errors and key in first_seen:
            row = replace(row, same_as_line=first_seen[key])
        elif not row.errors:
            first_seen[key] = row.line
        marked.append(row)
    return tuple(marked)


# ------------------------------------------------------------------ names


def _names(value: dict[str, str], *, has_prefix_column: bool) -> tuple[str, str, str]:
    if NAME in value:
        return split_full_name(value[NAME])
    first, prefix, last = value.get(FIRST, ""), value.get(PREFIX, ""), value.get(LAST, "")
    if not has_prefix_column:
        prefix, last = split_last_name(last)
    return first, prefix, last


class ImportService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def preview(self, path: Path) -> ImportPreview:
        """The file read and checked, with likely duplicates of people already stored."""
        preview = read_participants_csv(path)
        with self._db.transaction() as s:
            return _mark_stored_duplicates(s, preview)

    def run(
        self,
        source: Path | str | ImportPreview,
        group_id: int | None = None,
        only_valid: bool = False,
    ) -> ImportResult:
        """Stores the importable lines in one transaction, enrolled (active) in the group
        when one is given. Raises ImportRefused, storing nothing, when a line has an error
        and not `only_valid`."""
        preview = (
            source if isinstance(source, ImportPreview) else read_participants_csv(Path(source))
        )
        with self._db.transaction() as s:
            group = _load_group(s, group_id)
            preview = _mark_stored_duplicates(s, preview)  # the database may have changed
            if preview.errors and not only_valid:
                raise ImportRefused(preview.errors)
            people = [_participant(row.data) for row in preview.importable]
            s.add_all(people)
            s.flush()
            warnings = _enroll(s, group, people) if group is not None else ()
            return ImportResult(
                participant_ids=tuple(p.id for p in people),
                duplicates=preview.duplicates,
                skipped_errors=preview.errors,
                line_warnings=preview.warnings,
                group_name=group.name if group is not None else None,
                warnings=warnings,
            )


def _load_group(s: Session, group_id: int | None) -> Group | None:
    if group_id is None:
        return None
    group = s.get(Group, group_id)
    if group is None:
        raise NotFound(_("There is no group with number {id}.").format(id=group_id))
    return group


def _participant(data: ParticipantInput) -> Participant:
    return Participant(
        **{name: getattr(data, name) for name in ParticipantInput.__dataclass_fields__}
    )


def _enroll(s: Session, group: Group, people: list[Participant]) -> tuple[str, ...]:
    """Everyone active from the group's start, or from today when it is under way; over the
    maximum is allowed, with a warning, as when enrolling by hand."""
    start = own_start(group)
    active = EnrollmentStatus.ACTIVE.value
    enrollments = [Enrollment(participant_id=p.id, status=active, start_date=start) for p in people]
    group.enrollments.extend(enrollments)
    s.flush()
    for enrollment in enrollments:
        plan_course(enrollment)  # in the same transaction: the import is all or nothing
    count = s.scalar(
        select(func.count())
        .select_from(Enrollment)
        .where(Enrollment.group_id == group.id, Enrollment.status == active)
    )
    if people and count is not None and count > group.max_size:
        return (
            _("{group} now has {n} active participants, more than its maximum of {max}.").format(
                group=group.name, n=count, max=group.max_size
            ),
        )
    return ()


def _mark_stored_duplicates(s: Session, preview: ImportPreview) -> ImportPreview:
    """Likely duplicates of stored people: the same folded name and date of birth (as
    ParticipantService.find_duplicates has it), found with one query for the whole file."""
    keys = {r.data.name_key() for r in preview.rows if not r.errors}
    stored: dict[tuple[str, dt.date | None], list[str]] = {}
    if keys:
        query = select(Participant).where(Participant.name_key.in_(keys)).order_by(Participant.id)
        for p in s.scalars(query):
            name = full_name(p.first_name, p.name_prefix, p.last_name)
            stored.setdefault((p.name_key, p.date_of_birth), []).append(f"{name} ({p.id})")
    rows = []
    for row in preview.rows:
        names = stored.get((row.data.name_key(), row.data.date_of_birth))
        found = (
            None if row.errors or row.same_as_line is not None or not names else ", ".join(names)
        )
        rows.append(replace(row, already_stored=found))
    return replace(preview, rows=tuple(rows))


def describe_result(result: ImportResult) -> list[str]:
    """The summary the command prints (and a screen may show), one line per item."""
    lines = [
        ngettext("Imported {n} participant.", "Imported {n} participants.", result.imported).format(
            n=result.imported
        )
    ]
    if result.group_name is not None and result.imported:
        lines.append(_("Enrolled in {group}.").format(group=result.group_name))
    n_dup, n_err, n_warn = (
        len(x) for x in (result.duplicates, result.skipped_errors, result.line_warnings)
    )
    sections = (
        (
            result.duplicates,
            ngettext("Skipped {n} likely duplicate:", "Skipped {n} likely duplicates:", n_dup),
        ),
        (
            result.skipped_errors,
            ngettext("Skipped {n} line with an error:", "Skipped {n} lines with an error:", n_err),
        ),
        (result.line_warnings, ngettext("{n} warning:", "{n} warnings:", n_warn)),
    )
    for issues, heading in sections:
        if issues:
            lines.append(heading.format(n=len(issues)))
            lines.extend(f"  {issue}" for issue in issues)
    return lines + list(result.warnings)
