"""CSV import: files as Dutch and Belgian Excel writes them, all or nothing, duplicates
skipped, optionally enrolled in a group."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rugschool.cli import main
from rugschool.errors import NotFound
from rugschool.i18n import set_language
from rugschool.models import Database, Enrollment, Participant
from rugschool.services import csv_import
from rugschool.services.csv_import import (
    CsvFileError,
    ImportRefused,
    ImportService,
    read_participants_csv,
)
from rugschool.services.groups import GroupInput, GroupService
from rugschool.services.names import split_full_name, split_last_name
from rugschool.services.participants import ParticipantInput, ParticipantService

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "csv"


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "import.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def names(db: Database) -> list[tuple[str, str, str]]:
    return [(p.first_name, p.name_prefix, p.last_name) for p in ParticipantService(db).rows()]


def count(db: Database, entity: type[Participant] | type[Enrollment]) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(entity)) or 0


# ------------------------------------------------------------------ reading


def test_semicolons_in_windows_1252(db: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Voornaam;Achternaam;Geboortedatum;Opmerkingen\n"
        "Noël;Çelik;14-03-1978;Rug én nek\n"
        "François;Dupré;01-02-1960;\n",
        encoding="cp1252",
    )
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # the sample really is not UTF-8
    preview = read_participants_csv(path)
    assert (preview.encoding, preview.separator) == ("cp1252", ";")
    assert preview.encoding_label == "Windows-1252"
    result = ImportService(db).run(path)
    assert result.imported == 2
    assert names(db) == [("Noël", "", "Çelik"), ("François", "", "Dupré")]
    assert ParticipantService(db).get(result.participant_ids[0]).data.notes == "Rug én nek"


def test_commas_in_utf8_with_a_byte_order_mark() -> None:
    path = SAMPLES / "en_comma_bom.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    preview = read_participants_csv(path)
    assert (preview.encoding, preview.separator) == ("utf-8-sig", ",")
    lotte, mehmet = (row.data for row in preview.rows)
    # The BOM does not stick to the first header: the first names are read.
    assert (lotte.first_name, lotte.name_prefix, lotte.last_name) == ("Lotte", "", "Van den Broeck")
    assert lotte.date_of_birth == dt.date(1990, 5, 1) and lotte.phone == "+32 475 12 34 56"
    assert (mehmet.first_name, mehmet.last_name) == ("Mehmet", "Çelik")
    assert mehmet.date_of_birth == dt.date(1970, 2, 1)
    assert preview.ignored_columns == () and not preview.errors and not preview.warnings


def test_quoted_fields_keep_their_separators_and_quotes() -> None:
    dutch = read_participants_csv(SAMPLES / "nl_semicolon.csv")
    jan, zoe, _femke = (row.data for row in dutch.rows)
    assert jan.notes == "Knie; let op" and jan.referrer == "Dr. De Smet"
    assert zoe.notes == 'Zegt: "liever \'s ochtends"'
    english = read_participants_csv(SAMPLES / "en_comma_bom.csv")
    lotte = english.rows[0].data
    assert lotte.referrer == "Peeters, An" and lotte.notes == "Back pain, since 2019"


def test_a_dutch_file_with_a_prefix_column_and_an_unknown_column() -> None:
    preview = read_participants_csv(SAMPLES / "nl_semicolon.csv")
    assert (preview.encoding, preview.separator) == ("utf-8", ";")
    assert preview.ignored_columns == ("Leeftijd",)
    assert [
        (r.line, r.data.first_name, r.data.name_prefix, r.data.last_name) for r in preview.rows
    ] == [
        (2, "Jan", "van der", "Berg"),
        (3, "Zoë", "de", "Vries"),
        (4, "Femke", "van 't", "Hof"),
    ]
    jan = preview.rows[0].data
    assert (jan.date_of_birth, jan.phone, jan.email) == (
        dt.date(1978, 3, 14),
        "06-12345678",
        "jan@example.nl",
    )


@pytest.mark.parametrize(
    "header",
    [
        "Roepnaam;Voorvoegsel;Familienaam;Geboortedatum;Mobiel;Emailadres;Verwijzer;Notities",
        "voornaam;tussenvoegsel;achternaam;geb. datum;gsm;e-mail;huisarts;opmerkingen",
        "VOORNAAM;TUSSENVOEGSEL;ACHTERNAAM;GEBOORTEDATUM;TELEFOONNUMMER;E-MAIL;VERWIJZER;NOTITIES",
        "First name;Prefix;Surname;Date of birth;Phone;Email;GP;Notes",
        "firstname;prefix;last name;DOB;mobile;e-mail address;referrer;notes",
        "Given name;Prefix;Last Name;Birth date;Telephone;E-Mail;Referrer;Remarks",
    ],
)
def test_header_synonyms_in_dutch_and_english(tmp_path: Path, header: str) -> None:
    path = write(
        tmp_path, f"{header}\nJan;van der;Berg;14-03-1978;06-12345678;j@b.nl;Dr. Ali;Knie\n"
    )
    preview = read_participants_csv(path)
    assert preview.ignored_columns == ()
    assert preview.rows[0].data == ParticipantInput(
        first_name="Jan",
        name_prefix="van der",
        last_name="Berg",
        date_of_birth=dt.date(1978, 3, 14),
        phone="06-12345678",
        email="j@b.nl",
        referrer="Dr. Ali",
        notes="Knie",
    )


def test_a_single_name_column_is_split() -> None:
    preview = read_participants_csv(SAMPLES / "single_name.csv")
    assert [(r.data.first_name, r.data.name_prefix, r.data.last_name) for r in preview.rows] == [
        ("Jan", "van der", "Berg"),
        ("Lotte", "", "Van den Broeck"),
        ("Anna", "van den", "Berg"),
        ("Mehmet", "", "Çelik"),
    ]
    assert preview.rows[0].data.phone == "0475 12 34 56"  # "GSM"
    assert preview.rows[0].data.date_of_birth == dt.date(1978, 3, 14)  # "Geb. datum"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan van der Berg", ("Jan", "van der", "Berg")),
        ("Van den Broeck, Lotte", ("Lotte", "", "Van den Broeck")),
        ("Lotte Van den Broeck", ("Lotte", "", "Van den Broeck")),
        ("Berg, Jan van der", ("Jan", "van der", "Berg")),
        ("van der Berg, Jan", ("Jan", "van der", "Berg")),
        ("Femke van 't Hof", ("Femke", "van 't", "Hof")),
        ("Kees in \u2019t Veld", ("Kees", "in \u2019t", "Veld")),
        ("Ans op de Beek", ("Ans", "op de", "Beek")),
        ("Wim ter Horst", ("Wim", "ter", "Horst")),
        ("Anna Maria Jansen", ("Anna Maria", "", "Jansen")),
        ("Jan Jansen-de Vries", ("Jan", "", "Jansen-de Vries")),
        ("Mehmet Çelik", ("Mehmet", "", "Çelik")),
        ("Peeters", ("", "", "Peeters")),
        ("  Jan   de  Vries ", ("Jan", "de", "Vries")),
    ],
)
def test_splitting_a_full_name(text: str, expected: tuple[str, str, str]) -> None:
    assert split_full_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("van der Berg", ("van der", "Berg")),
        ("Berg, van der", ("van der", "Berg")),
        ("Van den Broeck", ("", "Van den Broeck")),
        ("de", ("", "de")),
        ("Jansen", ("", "Jansen")),
    ],
)
def test_a_last_name_column_without_a_prefix_column(text: str, expected: tuple[str, str]) -> None:
    assert split_last_name(text) == expected


def test_two_columns_for_one_field_take_the_best_filled_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Voornamen;Roepnaam;Achternaam;Telefoon;Mobiel\n"
        "Johannes Petrus;Jan;Berg;020-1234567;06-12345678\n"
        "Maria;;Maes;020-7654321;\n",
    )
    jan, maria = (row.data for row in read_participants_csv(path).rows)
    assert (jan.first_name, jan.phone) == ("Jan", "06-12345678")  # the name they go by
    assert (maria.first_name, maria.phone) == ("Maria", "020-7654321")  # the next filled one


def test_naam_beside_voornaam_is_the_last_name(tmp_path: Path) -> None:
    path = write(tmp_path, "Naam;Voornaam;Leeftijd\nVan den Broeck;Lotte;33\n")
    preview = read_participants_csv(path)
    data = preview.rows[0].data
    assert (data.first_name, data.last_name) == ("Lotte", "Van den Broeck")
    assert preview.ignored_columns == ("Leeftijd",)


def test_a_file_without_a_name_column_is_refused(tmp_path: Path) -> None:
    set_language("en")
    path = write(tmp_path, "Geboortedatum;Telefoon\n14-03-1978;06-12345678\n")
    with pytest.raises(CsvFileError, match="no name column") as refused:
        read_participants_csv(path)
    assert "Geboortedatum, Telefoon" in str(refused.value)
    assert refused.value.exit_code not in (0, ImportRefused.exit_code)


@pytest.mark.parametrize("text", ["", "\n\n", "Voornaam;Achternaam\n", "Voornaam;Achternaam\n;\n"])
def test_an_empty_file_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(CsvFileError):
        read_participants_csv(write(tmp_path, text))


def test_a_missing_file_and_a_utf16_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CsvFileError):
        read_participants_csv(tmp_path / "nowhere.csv")
    with pytest.raises(CsvFileError):
        read_participants_csv(write(tmp_path, "Voornaam\tAchternaam\nJan\tBerg\n", "utf-16"))


def test_tabs_and_an_excel_separator_line(tmp_path: Path) -> None:
    tabbed = read_participants_csv(write(tmp_path, "Voornaam\tAchternaam\nJan\tBerg\n"))
    assert tabbed.separator == "\t" and tabbed.rows[0].data.last_name == "Berg"
    # Excel writes "sep=;" and does not show it: the header is still line 1.
    path = write(tmp_path, 'sep=,\nNaam,Geboortedatum\n"Berg, Jan van der",31-02-1978\n')
    marked = read_participants_csv(path)
    assert marked.separator == ","
    assert [issue.line for issue in marked.errors] == [2]


def test_line_numbers_are_spreadsheet_rows(tmp_path: Path) -> None:
    # A note over two lines is one row; a blank row still counts.
    path = write(
        tmp_path,
        'Voornaam;Achternaam;Geboortedatum;Notities\nJan;Berg;;"eerste\nregel twee"\n'
        "\n"
        ";;1-1-1980;\n",
    )
    preview = read_participants_csv(path)
    assert preview.rows[0].data.notes == "eerste\nregel twee"
    assert [issue.line for issue in preview.errors] == [4]


def test_a_date_with_a_midnight_time_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "Voornaam;Achternaam;Geboortedatum\nJan;Berg;1978-03-14 00:00:00\n")
    assert read_participants_csv(path).rows[0].data.date_of_birth == dt.date(1978, 3, 14)


# ------------------------------------------------------------------ all or nothing


def test_a_file_with_bad_rows_imports_nothing_and_names_every_bad_line(db: Database) -> None:
    path = SAMPLES / "bad_rows.csv"
    preview = ImportService(db).preview(path)
    assert [issue.line for issue in preview.errors] == [3, 4, 6, 7]
    assert [row.line for row in preview.importable] == [2, 8]
    with pytest.raises(ImportRefused) as refused:
        ImportService(db).run(path)
    assert [issue.line for issue in refused.value.errors] == [3, 4, 6, 7]
    message = str(refused.value)
    assert all(f" {line}: " in message for line in (3, 4, 6, 7))
    assert " 2: " not in message and " 8: " not in message
    assert count(db, Participant) == 0


def test_the_refusal_reads_well_in_english(db: Database) -> None:
    set_language("en")
    with pytest.raises(ImportRefused) as refused:
        ImportService(db).run(SAMPLES / "bad_rows.csv")
    lines = str(refused.value).splitlines()
    assert lines[0] == "Nothing was imported: 4 lines have an error."
    assert lines[1] == "  line 3: No name."
    assert lines[2] == "  line 4: Date of birth: 31-02-1975 is not a date that exists."
    assert lines[3] == "  line 6: Date of birth “01-01-2090”: The date of birth is in the future."
    assert lines[4].startswith("  line 7: Date of birth “gisteren”: Write the date as")


def test_odd_phone_and_email_are_warnings_not_errors(db: Database) -> None:
    result = ImportService(db).run(SAMPLES / "bad_rows.csv", only_valid=True)
    assert [issue.line for issue in result.line_warnings] == [2, 2]
    assert [issue.line for issue in result.skipped_errors] == [3, 4, 6, 7]


def test_only_valid_imports_the_valid_rows(db: Database) -> None:
    result = ImportService(db).run(SAMPLES / "bad_rows.csv", only_valid=True)
    assert result.imported == 2
    assert names(db) == [("Anouk", "", "Jansen"), ("Femke", "", "Hof")]
    stored = ParticipantService(db).get(result.participant_ids[0]).data
    assert (stored.phone, stored.email) == ("06-1234", "anouk@example")  # kept as written


def test_an_error_while_storing_leaves_nothing_half_imported(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = GroupService(db).create(GroupInput(name="Dinsdag", start_date=dt.date(2025, 3, 4)))

    def broken_enroll(*_args: object) -> tuple[str, ...]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(csv_import, "_enroll", broken_enroll)
    with pytest.raises(RuntimeError):
        ImportService(db).run(SAMPLES / "nl_semicolon.csv", group_id=group.id)
    assert count(db, Participant) == 0


# ------------------------------------------------------------------ duplicates


def test_duplicates_in_the_database_and_in_the_file_are_skipped(db: Database) -> None:
    people = ParticipantService(db)
    people.create(ParticipantInput("Anouk", "Jansen", date_of_birth=dt.date(1980, 11, 12)))
    people.create(ParticipantInput("Zoë", "Vries", "de", date_of_birth=dt.date(1985, 7, 2)))
    path = SAMPLES / "duplicates.csv"
    preview = ImportService(db).preview(path)
    assert [issue.line for issue in preview.duplicates] == [2, 4, 5]
    result = ImportService(db).run(path)
    assert result.imported == 2  # Noor Bakker born 3 March, and born 4 March
    assert [issue.line for issue in result.duplicates] == [2, 4, 5]
    assert count(db, Participant) == 4
    again = ImportService(db).run(path)
    assert again.imported == 0 and [i.line for i in again.duplicates] == [2, 3, 4, 5, 6]


def test_duplicate_reasons_name_the_stored_person_and_the_earlier_line(db: Database) -> None:
    set_language("en")
    ParticipantService(db).create(
        ParticipantInput("Anouk", "Jansen", date_of_birth=dt.date(1980, 11, 12))
    )
    preview = ImportService(db).preview(SAMPLES / "duplicates.csv")
    reasons = dict(preview.duplicates)
    assert reasons[2] == "Already stored with the same name and date of birth: Anouk Jansen (1)."
    assert reasons[5] == "Same name and date of birth as line 3."


def test_a_stored_person_without_a_date_of_birth_matches_only_a_line_without_one(
    db: Database, tmp_path: Path
) -> None:
    ParticipantService(db).create(ParticipantInput("Jan", "Berg", "van der"))
    path = write(tmp_path, "Naam;Geboortedatum\nJan van der Berg;\nJan van der Berg;14-03-1978\n")
    preview = ImportService(db).preview(path)
    assert [issue.line for issue in preview.duplicates] == [2]


def test_a_preview_is_checked_again_when_it_is_imported(db: Database) -> None:
    service = ImportService(db)
    preview = service.preview(SAMPLES / "nl_semicolon.csv")
    assert service.run(preview).imported == 3
    assert service.run(preview).imported == 0  # the same preview again: all duplicates now
    assert count(db, Participant) == 3


# ------------------------------------------------------------------ groups


def test_imported_people_are_enrolled_active_from_the_groups_start(db: Database) -> None:
    groups = GroupService(db)
    start = dt.date.today() + dt.timedelta(days=14)  # a group that has not begun yet
    group = groups.create(GroupInput(name="Dinsdag", start_date=start))
    result = ImportService(db).run(SAMPLES / "nl_semicolon.csv", group_id=group.id)
    assert result.group_name == "Dinsdag" and result.warnings == ()
    enrolled = groups.enrollments(group.id)
    assert [e.participant_id for e in enrolled] == list(result.participant_ids)
    assert {(e.status, e.start_date) for e in enrolled} == {("active", start)}
    started = groups.create(GroupInput(name="Al bezig", start_date=dt.date(2025, 3, 4)))
    ImportService(db).run(SAMPLES / "en_comma_bom.csv", group_id=started.id)
    assert {e.start_date for e in groups.enrollments(started.id)} == {dt.date.today()}


def test_a_group_without_a_start_date_starts_them_today(db: Database) -> None:
    group = GroupService(db).create(GroupInput(name="Doorlopend", start_date=None))
    ImportService(db).run(SAMPLES / "en_comma_bom.csv", group_id=group.id)
    assert {e.start_date for e in GroupService(db).enrollments(group.id)} == {dt.date.today()}


def test_over_the_maximum_they_are_enrolled_anyway_with_a_warning(db: Database) -> None:
    groups = GroupService(db)
    group = groups.create(GroupInput(name="Klein", start_date=dt.date(2025, 3, 4), max_size=2))
    result = ImportService(db).run(SAMPLES / "nl_semicolon.csv", group_id=group.id)
    assert result.imported == 3 and len(groups.enrollments(group.id)) == 3
    assert len(result.warnings) == 1
    assert "Klein" in result.warnings[0] and "3" in result.warnings[0] and "2" in result.warnings[0]


def test_an_unknown_group_imports_nothing(db: Database) -> None:
    with pytest.raises(NotFound):
        ImportService(db).run(SAMPLES / "nl_semicolon.csv", group_id=99)
    assert count(db, Participant) == 0 and count(db, Enrollment) == 0


# ------------------------------------------------------------------ the command


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def listed_lines(text: str) -> list[int]:
    """The line numbers a summary lists, one per indented line ("  regel 3: ...")."""
    return [int(n) for n in re.findall(r"^  \S+ (\d+): ", text, re.MULTILINE)]


def stored_people(capsys: pytest.CaptureFixture[str], data_dir: str) -> list[dict[str, object]]:
    code, out, _err = run_cli(capsys, "--data-dir", data_dir, "list", "participants", "--json")
    assert code == 0
    people: list[dict[str, object]] = json.loads(out)
    return people


def test_the_command_imports_and_enrolls_over_the_maximum(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = str(tmp_path / "data")
    run_cli(capsys, "--data-dir", data_dir, "demo")  # group 1: 10 of at most 12
    sample = str(SAMPLES / "nl_semicolon.csv")
    code, out, err = run_cli(
        capsys, "--data-dir", data_dir, "import", "participants", sample, "--group", "1"
    )
    assert code == 0 and err == ""
    first, *rest = out.splitlines()
    assert re.search(r"\b3\b", first)  # imported 3
    assert any("13" in line and "12" in line for line in rest)  # the over-maximum warning
    assert len(stored_people(capsys, data_dir)) == 13
    code, out, _err = run_cli(capsys, "--data-dir", data_dir, "list", "groups", "--json")
    assert json.loads(out)[0]["active_participants"] == 13


def test_the_command_reports_duplicates_and_warnings_and_still_imports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = str(tmp_path / "data")
    run_cli(capsys, "--data-dir", data_dir, "demo")
    path = write(
        tmp_path,
        "Voornaam;Tussenvoegsel;Achternaam;Geboortedatum;Telefoon\n"
        "Zoë;de;Vries;14-03-1978;\n"  # the demo's Zoë
        "Noor;;Bakker;03-03-1993;12\n"
        "Noor;;Bakker;03-03-1993;\n",
    )
    code, out, _err = run_cli(capsys, "--data-dir", data_dir, "import", "participants", str(path))
    assert code == 0
    assert re.search(r"\b1\b", out.splitlines()[0])  # imported 1
    assert listed_lines(out) == [2, 4, 3]  # duplicates (2, 4), then the warning (3)
    assert len(stored_people(capsys, data_dir)) == 11


def test_the_command_refuses_a_file_with_bad_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = str(tmp_path / "data")
    sample = str(SAMPLES / "bad_rows.csv")
    code, out, err = run_cli(capsys, "--data-dir", data_dir, "import", "participants", sample)
    assert code == ImportRefused.exit_code != 0
    assert out == "" and err.startswith("rugschool: ")
    assert listed_lines(err) == [3, 4, 6, 7]
    assert stored_people(capsys, data_dir) == []


def test_the_command_refuses_an_unknown_group_and_an_unusable_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = str(tmp_path / "data")
    sample = str(SAMPLES / "nl_semicolon.csv")
    code, _out, err = run_cli(
        capsys, "--data-dir", data_dir, "import", "participants", sample, "--group", "7"
    )
    assert code == NotFound.exit_code and "7" in err and len(err.splitlines()) == 1
    no_names = write(tmp_path, "Geboortedatum\n14-03-1978\n")
    code, _out, err = run_cli(
        capsys, "--data-dir", data_dir, "import", "participants", str(no_names)
    )
    assert code == CsvFileError.exit_code and len(err.splitlines()) == 1
    missing = str(tmp_path / "missing.csv")
    code, _out, _err = run_cli(capsys, "--data-dir", data_dir, "import", "participants", missing)
    assert code == CsvFileError.exit_code
    assert len({NotFound.exit_code, CsvFileError.exit_code, ImportRefused.exit_code, 1}) == 4
    assert stored_people(capsys, data_dir) == []


def test_a_name_of_control_characters_is_no_name(tmp_path: Path) -> None:
    """Found by the property tests: an escape character passed as a last name, and the
    database refused the row (a crash) instead of the import naming the line."""
    csv_file = tmp_path / "stuurtekens.csv"
    csv_file.write_bytes(b'Voornaam;Achternaam\r\n"\r\n";\x1b\r\n')
    (row,) = read_participants_csv(csv_file).rows
    assert row.errors == ("Geen naam.",)
