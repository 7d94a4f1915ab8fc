"""CSV for Excel: BOM, CRLF, the separator, safe text cells, and the clinic's two exports."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import select

from rugschool.export.csv_export import (
    attendance_csv,
    cell,
    recordings_csv,
    safe_text,
    write_csv,
)
from rugschool.i18n import set_language
from rugschool.models import Database, Group
from rugschool.services.clinic_exports import attendance_rows, recording_rows
from rugschool.services.demo import DEMO_GROUP


def _read(data: bytes, delimiter: str = ";") -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.fixture
def group_id(demo_db: Database) -> int:
    with demo_db.transaction() as s:
        found = s.scalar(select(Group.id).where(Group.name == DEMO_GROUP))
    assert found is not None
    return found


# ------------------------------------------------------------------ the writer


def test_excel_gets_a_bom_crlf_and_semicolons() -> None:
    data = write_csv([["Zoë", 1], ["Jan", 2]], ["name", "n"])

    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:] == "name;n\r\nZoë;1\r\nJan;2\r\n".encode()


def test_a_comma_on_request_and_nothing_else() -> None:
    data = write_csv([["a,b", 2.5, 3]], ["x", "y", "z"], delimiter=",")

    assert data[3:] == b'x,y,z\r\n"a,b",2.5,3\r\n'
    assert _read(write_csv([[2.5]], ["y"]))[1] == ["2,5"]  # ; goes with a decimal comma
    for wrong in ("\t", "|", ";;", ""):
        with pytest.raises(ValueError, match="delimiter"):
            write_csv([], ["x"], delimiter=wrong)


def test_a_row_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="row 2"):
        write_csv([["a", "b"], ["c"]], ["x", "y"])


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Zoë", "Zoë"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_text_that_excel_would_run_gets_an_apostrophe(typed: str, written: str) -> None:
    assert safe_text(typed) == written
    assert _read(write_csv([[typed]], ["x"]))[1] == [written]


def test_numbers_dates_bools_and_none() -> None:
    row = [-3, 0, 1.5, None, True, False, dt.date(2026, 11, 3), dt.datetime(2026, 11, 3, 19, 5)]

    cells = _read(write_csv([row], [str(n) for n in range(len(row))]))[1]

    assert cells == ["-3", "0", "1,5", "", "ja", "nee", "03-11-2026", "03-11-2026 19:05"]
    set_language("en")
    assert (cell(True), cell(False)) == ("yes", "no")


@pytest.mark.parametrize("delimiter", [";", ","])
def test_names_round_trip_as_typed(delimiter: str) -> None:
    names = ["Zoë Çelik-Şahin", "Jan & <Piet>", 'Say "hi"; ok, then', "line one\nline two"]

    rows = _read(write_csv([[n] for n in names], ["name"], delimiter), delimiter)

    assert rows == [["name"], *[[n] for n in names]]


# ------------------------------------------------------------------ the clinic's exports


def test_attendance_csv_holds_the_demo_check_ins(demo_db: Database, group_id: int) -> None:
    set_language("en")
    rows = attendance_rows(demo_db, group_id)

    table = _read(attendance_csv(rows))

    assert table[0] == [
        "Participant number",
        "Name",
        "Date of birth",
        "Date",
        "Kind",
        "Session number",
        "Present",
        "Reason if absent",
        "Catch-up session",
    ]
    assert len(table) == 1 + len(rows) == 61
    zoe = next(r for r in table[1:] if r[1] == "Zoë de Vries")
    assert zoe[2] == "14-03-1978"
    absent = [r for r in table[1:] if r[6] == "no"]
    assert len(absent) == 4
    assert all(r[7] == "ziek" and r[4] == "exercise" and r[8] == "no" for r in absent)
    first = rows[0]
    assert table[1][3] == first.date.strftime("%d-%m-%Y")
    assert table[1][:2] == [str(first.participant_id), first.name]


def test_recordings_csv_holds_levels_and_pain(demo_db: Database, group_id: int) -> None:
    rows = recording_rows(demo_db, group_id)

    table = _read(recordings_csv(rows, delimiter=","), delimiter=",")

    assert len(table) == 1 + len(rows) and all(len(r) == 14 for r in table)
    for row, cells in zip(rows, table[1:], strict=True):
        assert cells[0] == DEMO_GROUP
        assert cells[4:8] == [
            str(row.participant_id),
            row.name,
            row.exercise_key,
            row.exercise_name,
        ]
        assert cells[8] == str(row.level)
        assert cells[9] == ("" if row.pain is None else str(row.pain))
        assert cells[10] == ("ja" if row.easy else "nee")
    assert {c[9] for c in table[1:]} >= {"", "0", "7"}  # not scored, none, and the flagged 7


def test_the_exports_keep_a_typed_formula_harmless(demo_db: Database, group_id: int) -> None:
    with demo_db.transaction() as s:
        group = s.get(Group, group_id)
        assert group is not None
        group.name = '=HYPERLINK("http://x")'

    table = _read(recordings_csv(recording_rows(demo_db, group_id)))

    assert {r[0] for r in table[1:]} == {'\'=HYPERLINK("http://x")'}
