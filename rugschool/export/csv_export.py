"""CSV files for the clinic: attendance and exercise results of a group.

Made for Excel as Dutch and Flemish practices use it: UTF-8 with a byte order mark (without
it Excel shows "Zoë" as "ZoÃ«"), CRLF line ends, and `;` between cells, the separator of a
Dutch or Flemish Excel (`,` on request, for an English one). With `;` a decimal number gets a
decimal comma, with `,` a decimal point, as the matching Excel reads it.

A text cell that Excel would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage
return at the start) gets a leading apostrophe, so a name or note typed by someone can never
run as a formula on the computer that opens the file (CSV injection).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from rugschool.i18n import N_, _
from rugschool.services.clinic_exports import AttendanceRow, RecordingRow

DELIMITERS = (";", ",")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_KINDS = {"education": N_("education"), "exercise": N_("exercise")}

ATTENDANCE_HEADER = (
    N_("Participant number"),
    N_("Name"),
    N_("Date of birth"),
    N_("Date"),
    N_("Kind"),
    N_("Session number"),
    N_("Present"),
    N_("Reason if absent"),
    N_("Catch-up session"),
)
RECORDING_HEADER = (
    N_("Group"),
    N_("Date"),
    N_("Kind"),
    N_("Session number"),
    N_("Participant number"),
    N_("Name"),
    N_("Exercise key"),
    N_("Exercise"),
    N_("Level"),
    N_("Pain (0-10)"),
    N_("Went easily"),
    N_("Next level"),
    N_("Note"),
    N_("Recorded by"),
)


def write_csv(
    rows: Sequence[Sequence[object]], header: Sequence[str], delimiter: str = ";"
) -> bytes:
    """The rows under the header as the bytes of a CSV file (see the module's docstring)."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS}, not {delimiter!r}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([cell(name, delimiter) for name in header])
    for number, row in enumerate(rows, start=1):
        if len(row) != len(header):
            raise ValueError(f"row {number} has {len(row)} cells; the header has {len(header)}")
        writer.writerow([cell(value, delimiter) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def cell(value: object, delimiter: str = ";") -> str:
    """One value as the text of a cell."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is an int to Python
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", ",") if delimiter == ";" else text
    if isinstance(value, dt.datetime):  # before date: a datetime is a date to Python
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return safe_text(str(value))


def safe_text(text: str) -> str:
    """Text that Excel shows as typed and never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def attendance_csv(rows: Sequence[AttendanceRow], delimiter: str = ";") -> bytes:
    return write_csv([_attendance_cells(r) for r in rows], _header(ATTENDANCE_HEADER), delimiter)


def recordings_csv(rows: Sequence[RecordingRow], delimiter: str = ";") -> bytes:
    return write_csv([_recording_cells(r) for r in rows], _header(RECORDING_HEADER), delimiter)


def _attendance_cells(r: AttendanceRow) -> list[object]:
    return [
        r.participant_id,
        r.name,
        r.date_of_birth,
        r.date,
        _kind(r.kind),
        r.number,
        r.present,
        r.absence_reason,
        r.catch_up,
    ]


def _recording_cells(r: RecordingRow) -> list[object]:
    return [
        r.group_name,
        r.date,
        _kind(r.kind),
        r.number,
        r.participant_id,
        r.name,
        r.exercise_key,
        r.exercise_name,
        r.level,
        r.pain,
        r.easy,
        r.next_level,
        r.note,
        r.recorded_by,
    ]


def _kind(kind: str) -> str:
    return _(_KINDS[kind]) if kind in _KINDS else kind


def _header(names: Sequence[str]) -> list[str]:
    return [_(name) for name in names]
