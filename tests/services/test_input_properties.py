"""Property-based tests over everything a therapist can type or import: the CSV importer and
every form validator. Whatever goes in, each either accepts it or refuses it with a
RugschoolError whose message is plain language (no crash, no Python noise), and a refused
store leaves the database as it was.

Strategies send what a form could: text with control characters and any unicode, NaN,
infinity, huge and negative numbers, text where a number belongs (a line edit), and for the
importer arbitrary bytes as well as text built from CSV-ish pieces.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import astuple, replace
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from rugschool.errors import RugschoolError, ValidationError
from rugschool.models import (
    Database,
    Enrollment,
    ExposureItem,
    GradedActivityLog,
    GradedActivityPlan,
    Group,
    Instrument,
    Measurement,
    Moment,
    PacingEntry,
    Participant,
    SmartGoal,
)
from rugschool.services import graded_activity_rules as rules
from rugschool.services import scoring
from rugschool.services.csv_import import (
    ImportPreview,
    ImportRefused,
    ImportService,
    read_participants_csv,
)
from rugschool.services.groups import GroupInput, GroupService
from rugschool.services.measures import MeasureService
from rugschool.services.pacing_rules import PacingBlock, check_week_plan
from rugschool.services.participants import ParticipantInput, ParticipantService, validate
from rugschool.services.schedule import ScheduleService
from rugschool.services.self_management import (
    ExposureInput,
    PlanInput,
    SelfManagementService,
    SmartGoalText,
    check_ladder,
)
from rugschool.services.settings import SettingsService
from rugschool.services.therapists import TherapistService
from rugschool.services.validation import (
    check_date_of_birth,
    email_warning,
    parse_date,
    parse_date_of_birth,
    phone_warning,
)
from rugschool.settings import (
    ALL_SETTINGS,
    BACKUP_EVERY_DAYS,
    LANGUAGE,
    MAX_LOGO_BYTES,
    PAIN_ACCEPTABLE_MAX,
    PAIN_SAFE_MAX,
    PRACTICE_LOGO,
    REGION,
    SESSIONS_IN_A_ROW,
)
from tests.failures import snapshot

# Function-scoped fixtures (a database per test) are shared by a test's examples on purpose:
# each example checks its own before and after.
DB = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    max_examples=30,
    deadline=None,
)
PURE = settings(max_examples=100, deadline=None)

# What a message shown to a therapist must never contain (unless they typed it themselves).
NOISE = (
    "Traceback",
    "NoneType",
    "object at 0x",
    "Error(",
    "<class",
    "{",
    "}",
    "None",
    "\\x",
    "\\u",
)
NOISE_WORDS = re.compile(r"\b(nan|inf|True|False)\b", re.IGNORECASE)


def assert_clear(error: BaseException, *typed: object) -> None:
    """A message a person can read: not empty, with letters, no Python noise. Noise that is
    part of what was typed (`typed`) may come back in the message."""
    assert isinstance(error, RugschoolError), f"{type(error).__name__}: {error}"
    message = str(error)
    assert message.strip(), f"{type(error).__name__} without a message"
    assert any(c.isalpha() for c in message), message
    echoed = " ".join(repr(t) + str(t) for t in typed)
    for noise in NOISE:
        assert noise not in message or noise in echoed, f"{noise!r} in {message!r}"
    for word in NOISE_WORDS.findall(message):
        assert word in echoed, f"{word!r} in {message!r}"


def count(db: Database, model: type[Any]) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


# ------------------------------------------------------------------ strategies

# Any text a line edit can hold: control characters, any script, combining marks.
any_text = st.text(max_size=40)
spaces = st.sampled_from(["", " ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\x00", "\x0b"])
names = st.one_of(
    any_text,
    st.sampled_from(["Jan", "van der Berg", "Zoë", "Çelik", "O'Neill", "Łukasz", "\u0065\u0308"]),
    st.builds(lambda a, b, c: a + b + c, spaces, any_text, spaces),
)
big_ints = st.one_of(
    st.integers(min_value=-20, max_value=120),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 2**63, 2**63 - 1, -(2**63), 10**400]),
)
any_floats = st.one_of(
    st.floats(),  # NaN, infinity, subnormals, -0.0
    st.floats(min_value=-100, max_value=1000),
    st.sampled_from([1e308, -1e308, 5e-324, float("nan"), float("inf"), float("-inf")]),
)
# What a form field may hand over: a number of any kind, text typed where a number goes,
# nothing, or a nested list.
form_values: st.SearchStrategy[object] = st.one_of(
    st.none(),
    st.booleans(),
    big_ints,
    any_floats,
    any_text,
    st.sampled_from(["7", "7,5", "", " ", "zeven", "1e400"]),
    st.lists(st.one_of(st.none(), st.integers(-5, 15), any_text), max_size=4),
)
NOW = dt.datetime(2026, 11, 25, 12, 0)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
calendar_ends = st.sampled_from([dt.date.min, dt.date(9999, 12, 20), dt.date.max])
any_dates = st.one_of(dates, st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)), calendar_ends)
T = TypeVar("T")


def mostly(
    valid: st.SearchStrategy[T], wild: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[T]:
    """What a form sends: a valid value with none, one or two of its fields replaced by
    anything (`wild`). Wholly random input is refused at the first field; this reaches
    every check, and the store behind them."""

    @st.composite
    def build(draw: st.DrawFn) -> T:
        value = draw(valid)
        for name in draw(st.lists(st.sampled_from(sorted(wild)), max_size=2, unique=True)):
            value = replace(value, **{name: draw(wild[name])})  # type: ignore[type-var]
        return value

    return build()


# ------------------------------------------------------------------ CSV import

HEADERS = (
    "Voornaam",
    "Achternaam",
    "Tussenvoegsel",
    "Naam",
    "Roepnaam",
    "Geboortedatum",
    "Telefoon",
    "Mobiel",
    "E-mail",
    "E-mail adres",
    "Verwijzer",
    "Opmerkingen",
    "first name",
    "Last Name",
    "Date of birth",
    "Postcode",
    "",
    " voornaam ",
)
CSV_CELLS = (
    "Jan",
    "Anna",
    "de Vries",
    "van der Berg",
    "Berg, van der",
    "Van den Broeck, Lotte",
    ", van",
    "Zoë",
    "Çelik",
    "14-03-1978",
    "14/03/1978",
    "1978-03-14",
    "1978-03-14 00:00:00",
    "31-02-2000",
    "00-00-0000",
    "01-01-1800",
    "01-01-2999",
    "99-99-9999",
    "06-12345678",
    "+32 475 12 34 56",
    "0031 6 1234 5678",
    "bel me",
    "jan@example.nl",
    "jan@",
    "",
    " ",
    '"',
    '""',
    '"a;b"',
    "a;b",
    "a,b",
    "a\tb",
    "a\nb",
    "\r\n",
    "\ufeff",
    "sep=;",
)
csv_cells = st.one_of(
    st.sampled_from(CSV_CELLS),
    st.text(max_size=15),
    st.text(alphabet=st.sampled_from('";,\t\r\n \ufeffaé'), max_size=6),
)


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """A file as a spreadsheet might write it, or as a person might mangle one."""
    separator = draw(st.sampled_from([";", ",", "\t"]))
    width = draw(st.integers(1, 6))
    header = draw(st.lists(st.one_of(st.sampled_from(HEADERS), csv_cells), min_size=width))
    rows = draw(st.lists(st.lists(csv_cells, max_size=width + 2), max_size=6))
    quoted = draw(st.booleans())
    out = io.StringIO()
    if quoted:  # written properly, as Excel does
        writer = csv.writer(out, delimiter=separator, lineterminator="\n")
        writer.writerows([header, *rows])
        text = out.getvalue()
    else:  # glued together by hand: quotes and separators inside cells break lines up
        text = "\n".join(separator.join(row) for row in [header, *rows])
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    prefix = draw(st.sampled_from(["", "", "\ufeff", "sep=;\n", "sep=,\r\n", "sep=\n", "\n\n"]))
    suffix = draw(st.sampled_from(["", "\n", "\n\n;;;\n", "\r\n , \r\n"]))
    return prefix + text + suffix


# A plausible file: known columns, each line's cells mostly what the column asks for, drawn
# from small pools so that files repeat people (duplicates) and mix good and bad lines.
FIELD_CELLS = {
    "Voornaam": ["Jan", "Anna", "Zoë", "Noël", "", "  Jan  "],
    "Roepnaam": ["Jan", "Bram", ""],
    "Tussenvoegsel": ["", "van", "van der", "de"],
    "Achternaam": ["de Vries", "Çelik", "van der Berg", "Peeters", "", ", van", "Berg, van der"],
    "Naam": ["Jan de Vries", "Van den Broeck, Lotte", "Anna", "van", ""],
    "Geboortedatum": [
        *("14-03-1978", "1978-03-14", "1978-03-14 00:00:00", "", "01-01-1960"),
        *("31-02-2000", "14-03-2999", "01-01-1800", "morgen", "14.03.78"),
    ],
    "Telefoon": ["06-12345678", "+32 475 12 34 56", "", "bel me", "12"],
    "E-mail": ["jan@example.nl", "", "jan@", "a@b.c"],
    "Opmerkingen": ["", "rug;nek", 'zegt "au"', "regel 1\nregel 2"],
    "Postcode": ["1234 AB", ""],
}


@st.composite
def plausible_csv_texts(draw: st.DrawFn) -> str:
    names = draw(
        st.sampled_from(
            [
                ("Voornaam", "Achternaam"),
                ("Naam",),
                ("Roepnaam", "Tussenvoegsel", "Achternaam"),
                ("Voornaam",),
                ("Naam", "Voornaam"),
                (),
            ]
        )
    )
    others = draw(st.lists(st.sampled_from(sorted(FIELD_CELLS)), max_size=4))
    columns = draw(st.permutations(list(dict.fromkeys([*names, *others]))))
    assume(columns)
    separator = draw(st.sampled_from([";", ",", "\t"]))
    cell = {c: st.one_of(st.sampled_from(FIELD_CELLS[c]), csv_cells) for c in columns}
    rows = draw(
        st.lists(
            st.tuples(*(st.sampled_from(FIELD_CELLS[c]) for c in columns)).map(list)
            | st.tuples(*(cell[c] for c in columns)).map(list),
            min_size=1,
            max_size=6,
        )
    )
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows([columns, *rows])
    return draw(st.sampled_from(["", "\ufeff", f"sep={separator}\r\n"])) + out.getvalue()


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


plausible_files = st.builds(
    encoded, plausible_csv_texts(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])
)
csv_files = st.one_of(
    plausible_files,
    plausible_files,
    plausible_files,
    st.builds(encoded, csv_texts(), st.sampled_from(["utf-8", "utf-8", "cp1252", "utf-16"])),
    st.binary(max_size=300),
    st.builds(lambda b, t: b + t.encode(), st.binary(max_size=8), csv_texts()),
)


def write_csv(folder: Path, raw: bytes) -> Path:
    path = folder / "deelnemers.csv"
    path.write_bytes(raw)
    return path


def check_preview_messages(preview: ImportPreview) -> None:
    """Every line with an error says why, in words; so do duplicates and warnings."""
    for row in preview.rows:
        for reason in (*row.errors, *row.warnings):
            assert reason.strip() and any(c.isalpha() for c in reason), row
    for issue in (*preview.errors, *preview.duplicates, *preview.warnings):
        assert issue.reason.strip(), issue
        assert str(issue).strip()
    assert {issue.line for issue in preview.errors} == {r.line for r in preview.rows if r.errors}


@pytest.fixture
def csv_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "csv"
    folder.mkdir()
    return folder


@DB
@given(raw=csv_files)
def test_reading_any_file_gives_a_preview_or_a_clear_refusal(csv_folder: Path, raw: bytes) -> None:
    path = write_csv(csv_folder, raw)
    try:
        preview = read_participants_csv(path)
    except RugschoolError as error:
        assert_clear(error, raw.decode("utf-8", "replace"), raw.decode("cp1252", "replace"))
        return
    assert preview.rows
    check_preview_messages(preview)


@pytest.fixture
def group_id(db: Database) -> int:
    return GroupService(db).create(GroupInput("Dinsdag", dt.date(2026, 3, 3), max_size=3)).id


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    max_examples=45,
    deadline=None,
)
@given(raw=csv_files, only_valid=st.booleans(), into_group=st.booleans())
def test_an_import_stores_exactly_the_importable_lines_or_nothing(
    db: Database, csv_folder: Path, group_id: int, raw: bytes, only_valid: bool, into_group: bool
) -> None:
    path = write_csv(csv_folder, raw)
    service = ImportService(db)
    before = snapshot(db)
    people = count(db, Participant)
    try:
        preview = service.preview(path)
    except RugschoolError as error:
        assert_clear(error, raw.decode("utf-8", "replace"), raw.decode("cp1252", "replace"))
        assert snapshot(db) == before
        return
    check_preview_messages(preview)
    refused: RugschoolError | None = None
    try:
        result = service.run(path, group_id if into_group else None, only_valid=only_valid)
    except RugschoolError as error:
        refused = error
    if refused is not None:
        assert_clear(refused, raw.decode("utf-8", "replace"), raw.decode("cp1252", "replace"))
        assert snapshot(db) == before, "a refused import stored something"
        assert isinstance(refused, ImportRefused)
        assert preview.errors and not only_valid
        for issue in preview.errors:  # the refusal names every bad line
            assert str(issue) in str(refused)
        return
    assert not preview.errors or only_valid, "a file with errors was imported whole"
    assert result.imported == len(preview.importable)
    assert count(db, Participant) == people + result.imported
    assert result.skipped_errors == preview.errors
    stored = [ParticipantService(db).get(pid).data for pid in result.participant_ids]
    assert stored == [row.data for row in preview.importable]
    if into_group and result.imported:
        with db.transaction() as s:
            enrolled = set(
                s.scalars(select(Enrollment.participant_id).where(Enrollment.group_id == group_id))
            )
        assert set(result.participant_ids) <= enrolled


def test_a_field_too_large_for_the_csv_reader_is_a_clear_refusal(csv_folder: Path) -> None:
    path = write_csv(csv_folder, ("Voornaam;Opmerkingen\nJan;" + "x" * 200_000).encode())
    with pytest.raises(RugschoolError) as refused:
        read_participants_csv(path)
    assert_clear(refused.value)


def test_huge_but_readable_fields_are_kept_whole(db: Database, csv_folder: Path) -> None:
    note = "rug " * 25_000
    path = write_csv(csv_folder, f'Voornaam;Opmerkingen\nJan;"{note}"\n'.encode())
    result = ImportService(db).run(path)
    assert ParticipantService(db).get(result.participant_ids[0]).data.notes == note.strip()


# ------------------------------------------------------------------ dates, phone, e-mail

date_texts = st.one_of(
    any_text,
    st.from_regex(r"\A\s*\d{1,2}[-/. ]\d{1,2}[-/. ]\d{4}\s*\Z"),
    st.from_regex(r"\A\s*\d{4}-\d{2}-\d{2}\s*\Z"),
    st.builds(lambda d: d.strftime("%d-%m-%Y"), st.dates(dt.date(1000, 1, 1))),
    st.sampled_from(["29-02-2023", "29-02-2024", "31-04-2020", "00-01-2000", "1-1-0000"]),
)


@PURE
@given(text=date_texts, today=any_dates)
def test_a_typed_date_is_read_or_refused_clearly(text: str, today: dt.date) -> None:
    try:
        day = parse_date(text)
    except ValidationError as error:
        assert_clear(error, text)
    else:
        assert isinstance(day, dt.date)
    try:
        born = parse_date_of_birth(text, today)
    except ValidationError as error:
        assert_clear(error, text)
    else:
        assert born is None or born <= today
        assert (born is None) == (not text.strip())


@PURE
@given(born=dates, today=dates)
def test_a_date_of_birth_is_plausible_or_refused_clearly(born: dt.date, today: dt.date) -> None:
    try:
        check_date_of_birth(born, today)
    except ValidationError as error:
        assert_clear(error)
        assert born > today or today.year - born.year > 120
    else:
        assert born <= today


@PURE
@given(text=st.one_of(any_text, st.from_regex(r"\A[+0-9 ()./-]{0,20}\Z"), st.text("@. a")))
def test_phone_and_email_only_ever_warn_in_words(text: str) -> None:
    for warning in (phone_warning(text), email_warning(text)):
        assert warning is None or (warning.strip() and "{" not in warning)


# ------------------------------------------------------------------ participants

FIRST_NAMES = ["Jan", "Anna", "Zoë", " Noël ", "Ömer"]
LAST_NAMES = ["de Vries", "Çelik", "Peeters", "O'Neill", ""]
participant_inputs = mostly(
    st.builds(
        ParticipantInput,
        first_name=st.sampled_from(FIRST_NAMES),
        last_name=st.sampled_from(LAST_NAMES),
        name_prefix=st.sampled_from(["", "van", "van der"]),
        date_of_birth=st.one_of(st.none(), st.dates(dt.date(1910, 1, 1), dt.date(2020, 1, 1))),
        phone=st.sampled_from(["", "06-12345678", "bel me"]),
        email=st.sampled_from(["", "jan@example.nl", "jan@"]),
        language=st.sampled_from(["nl", "en"]),
    ),
    {
        "first_name": names,
        "last_name": names,
        "name_prefix": names,
        "date_of_birth": st.one_of(st.none(), dates),
        "phone": names,
        "email": names,
        "referrer": names,
        "notes": st.one_of(any_text, st.text(max_size=2000)),
        "consent_report_on": st.one_of(st.none(), dates),
        "language": st.one_of(st.sampled_from(["nl", "en", "NL", "de"]), any_text),
    },
)


@PURE
@given(data=participant_inputs)
def test_validate_accepts_or_refuses_a_participant_clearly(data: ParticipantInput) -> None:
    tidy = data.tidied()
    try:
        warnings = validate(tidy)
    except ValidationError as error:
        assert_clear(error, data)
        return
    assert all(w.strip() for w in warnings)
    assert tidy.first_name or tidy.last_name


@DB
@given(data=participant_inputs, allow_duplicate=st.booleans())
@example(data=ParticipantInput("\x00", ""), allow_duplicate=False)
@example(data=ParticipantInput("\x00Jan\x07", "de\x00Vries"), allow_duplicate=True)
def test_creating_a_participant_stores_one_or_nothing(
    db: Database, data: ParticipantInput, allow_duplicate: bool
) -> None:
    service = ParticipantService(db)
    before = snapshot(db)
    try:
        row = service.create(data, allow_duplicate=allow_duplicate)
    except RugschoolError as error:
        assert_clear(error, data)
        assert snapshot(db) == before
        return
    stored = service.get(row.id).data
    assert stored == data.tidied()
    assert count(db, Participant) == len(before["participants"]) + 1


@pytest.fixture
def participant_id(db: Database) -> int:
    return ParticipantService(db).create(ParticipantInput("An", "Peeters")).id


@DB
@given(data=participant_inputs)
@example(data=ParticipantInput("", "\x00 \x1f"))
def test_updating_a_participant_changes_it_whole_or_not_at_all(
    db: Database, participant_id: int, data: ParticipantInput
) -> None:
    service = ParticipantService(db)
    before = snapshot(db)
    try:
        service.update(participant_id, data)
    except RugschoolError as error:
        assert_clear(error, data)
        assert snapshot(db) == before
        return
    assert service.get(participant_id).data == data.tidied()


# ------------------------------------------------------------------ therapists and groups


@DB
@given(name=names)
@example(name="\x00")
@example(name="\x00\x85\x7f")
def test_a_therapist_is_added_or_refused_clearly(db: Database, name: str) -> None:
    before = snapshot(db)
    try:
        row = TherapistService(db).add(name)
    except RugschoolError as error:
        assert_clear(error, name)
        assert snapshot(db) == before
    else:
        assert row.name.strip()


group_inputs = mostly(
    st.builds(
        GroupInput,
        name=st.sampled_from(["Dinsdag", "Rugschool ma/do", " Groep  2 "]),
        start_date=st.one_of(st.none(), st.dates(dt.date(2025, 1, 1), dt.date(2027, 1, 1))),
        weekdays=st.lists(st.integers(1, 7), min_size=1, max_size=3).map(tuple),
        start_time=st.one_of(st.none(), st.times()),
        max_size=st.integers(1, 100),
        kind=st.sampled_from(["fixed", "rolling"]),
        therapist_ids=st.lists(st.integers(1, 2), max_size=2).map(tuple),
        exercise_sessions=st.integers(1, 100),
        education_sessions=st.integers(0, 20),
        minutes=st.integers(10, 240),
    ),
    {
        "name": names,
        "start_date": st.one_of(st.none(), dates),
        "weekdays": st.one_of(st.tuples(), st.lists(big_ints, max_size=3).map(tuple)),
        "location": names,
        "max_size": big_ints,
        "kind": st.one_of(st.sampled_from(["fixed", "rolling", "Fixed"]), any_text),
        "therapist_ids": st.lists(st.integers(-3, 5), max_size=3).map(tuple),
        "exercise_sessions": big_ints,
        "education_sessions": big_ints,
        "minutes": big_ints,
    },
)


@pytest.fixture
def therapists(db: Database) -> list[int]:
    return [TherapistService(db).add(name).id for name in ("Sanne", "Pieter")]


@DB
@given(data=group_inputs)
@example(data=GroupInput("\x00", None))
@example(data=GroupInput("Dinsdag", None, therapist_ids=(1, 2, 1)))
@example(data=GroupInput("Dinsdag", None, exercise_sessions=0))
@example(data=GroupInput("Dinsdag", None, education_sessions=21))
@example(data=GroupInput("Dinsdag", None, minutes=2**63))
def test_a_group_is_created_whole_or_refused_clearly(
    db: Database, therapists: list[int], participant_id: int, data: GroupInput
) -> None:
    before = snapshot(db)
    try:
        row = GroupService(db).create(data)
    except RugschoolError as error:
        assert_clear(error, data)
        assert snapshot(db) == before
        return
    assert count(db, Group) == len(before["groups"]) + 1
    assert row.name.strip()
    assert set(row.therapist_ids) <= set(therapists)
    # What was accepted can be planned and enrolled in (or says in words why not).
    for then in (
        lambda: ScheduleService(db).create_sessions(row.id, NOW),
        lambda: GroupService(db).enroll(row.id, participant_id),
    ):
        try:
            then()
        except RugschoolError as error:
            assert_clear(error, data)


@DB
@given(data=group_inputs)
def test_a_group_is_updated_whole_or_not_at_all(
    db: Database, group_id: int, data: GroupInput
) -> None:
    before = snapshot(db)
    try:
        GroupService(db).update(group_id, data)
    except RugschoolError as error:
        assert_clear(error, data)
        assert snapshot(db) == before


# ------------------------------------------------------------------ settings

# Set together only (SettingsService.set_progression): one alone is refused.
PROGRESSION = (PAIN_SAFE_MAX, PAIN_ACCEPTABLE_MAX, SESSIONS_IN_A_ROW)


@DB
@given(
    values=st.lists(
        st.tuples(
            st.sampled_from(ALL_SETTINGS),
            st.one_of(
                any_text,
                st.sampled_from(["nl", "en", "be", "NL", " nl", ""]),
                st.binary(max_size=64),
                st.booleans(),
            ),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_a_setting_is_stored_or_refused_clearly(db: Database, values: list[Any]) -> None:
    service = SettingsService(db)
    for key, value in values:
        if not isinstance(value, key.kind):
            # A screen hands over its own type (a line edit's text, a check box's bool):
            # another type is a programming error, not something a user can type.
            with pytest.raises(TypeError):
                service.set(key, value)
            continue
        old = service.get(key)
        try:
            service.set(key, value)
        except ValidationError as error:
            assert_clear(error, value)
            assert service.get(key) == old
            checked = (LANGUAGE, REGION, PRACTICE_LOGO, BACKUP_EVERY_DAYS, *PROGRESSION)
            assert key in checked
        else:
            assert service.get(key) == value


def test_a_logo_over_the_limit_is_refused_and_one_at_it_kept(db: Database) -> None:
    service = SettingsService(db)
    service.set(PRACTICE_LOGO, b"\x89PNG" + bytes(MAX_LOGO_BYTES - 4))
    with pytest.raises(ValidationError) as refused:
        service.set(PRACTICE_LOGO, bytes(MAX_LOGO_BYTES + 1))
    assert_clear(refused.value)
    assert len(service.get(PRACTICE_LOGO)) == MAX_LOGO_BYTES


# ------------------------------------------------------------------ measures

ANSWER_KEYS = ("back", "leg", "activities", "items", "total", "value", "unit")
answer_values = st.one_of(
    form_values,
    st.sampled_from(["reps", "seconds"]),
    st.lists(form_values, min_size=20, max_size=20),  # the Quebec scale's 20 items
    st.lists(st.one_of(st.tuples(any_text, form_values), form_values), max_size=4),  # PSK
)
score_0_10 = st.integers(0, 10)
activity_names = st.sampled_from(["fietsen", "Fietsen", "tillen", " wandelen ", "sokken aan"])
# Answers each instrument takes, from its form.
VALID_ANSWERS: dict[Instrument, st.SearchStrategy[dict[str, Any]]] = {
    Instrument.NPRS: st.fixed_dictionaries(
        {"back": score_0_10}, optional={"leg": st.none() | score_0_10}
    ),
    Instrument.PSK: st.fixed_dictionaries(
        {
            "activities": st.lists(
                st.tuples(activity_names, st.none() | score_0_10).map(list),
                min_size=1,
                max_size=3,
                unique_by=lambda a: a[0],
            )
        }
    ),
    Instrument.QBPDS: st.fixed_dictionaries(
        {"items": st.lists(st.none() | st.integers(0, 5), min_size=20, max_size=20)}
    ),
    Instrument.ODI: st.fixed_dictionaries({"total": st.integers(0, 100) | st.floats(0, 100)}),
    Instrument.FABQ_PA: st.fixed_dictionaries({"total": st.integers(0, 24)}),
    Instrument.FORWARD_BEND: st.fixed_dictionaries({"value": st.floats(0, 100)}),
    Instrument.EXTENSOR_ENDURANCE: st.fixed_dictionaries({"value": st.integers(0, 600)}),
    Instrument.FLEXOR_ENDURANCE: st.fixed_dictionaries({"value": st.floats(0, 600)}),
    Instrument.SIT_TO_STAND: st.one_of(
        st.fixed_dictionaries({"unit": st.just("reps"), "value": st.integers(0, 60)}),
        st.fixed_dictionaries({"unit": st.just("seconds"), "value": st.floats(0.1, 600)}),
    ),
}


@st.composite
def instrument_answers(draw: st.DrawFn) -> tuple[Any, dict[str, object]]:
    """An instrument (as the enum, its value or any text) and its form's answers: valid,
    or with a field changed, dropped or added."""
    instrument = draw(st.sampled_from(list(Instrument)))
    given = dict(draw(VALID_ANSWERS[instrument]))
    for _change in range(draw(st.integers(0, 2))):
        key = draw(st.sampled_from(ANSWER_KEYS))
        if draw(st.booleans()):
            given[key] = draw(answer_values)
        else:
            given.pop(key, None)
    named = draw(st.sampled_from([instrument, instrument.value]) | any_text)
    return named, given


moments = st.one_of(
    st.sampled_from(list(Moment)), st.sampled_from([m.value for m in Moment]), any_text
)


@settings(max_examples=200, deadline=None)
@given(form=instrument_answers())
@example(form=(Instrument.NPRS, {"back": 10**400}))
@example(form=(Instrument.ODI, {"total": -(10**400)}))
@example(form=(Instrument.SIT_TO_STAND, {"unit": "seconds", "value": 2**1100}))
def test_any_answers_are_scored_or_refused_clearly(form: tuple[Any, dict[str, object]]) -> None:
    instrument, given_answers = form
    try:
        assessed = scoring.assess(instrument, given_answers)
    except ValidationError as error:
        assert_clear(error, instrument, given_answers)
        return
    assert assessed.score is None or 0 <= assessed.score <= 600
    assert scoring.assess(instrument, assessed.answers) == assessed  # tidied stays tidy


@pytest.fixture
def enrollment_id(db: Database, participant_id: int, group_id: int) -> int:
    return GroupService(db).enroll(group_id, participant_id)[0]


@DB
@given(
    moment=moments,
    forms=st.lists(instrument_answers(), min_size=1, max_size=3).map(dict),
    taken_on=any_dates,
    notes=any_text,
)
def test_recording_a_moment_stores_every_instrument_or_none(
    db: Database,
    enrollment_id: int,
    moment: Any,
    forms: dict[Any, dict[str, object]],
    taken_on: dt.date,
    notes: str,
) -> None:
    service = MeasureService(db)
    before = snapshot(db)
    try:
        rows = service.record_all(enrollment_id, moment, forms, taken_on, notes)
    except RugschoolError as error:
        assert_clear(error, moment, forms)
        assert snapshot(db) == before, "a refused form stored part of itself"
        return
    assert {r.instrument for r in rows} == {scoring.instrument_of(i) for i in forms}
    assert count(db, Measurement) >= len(before["measurements"])


# ------------------------------------------------------------------ graded activity

# What parse_amount hands over is a float; small whole numbers come from code and tests.
amounts = st.one_of(any_floats, st.integers(-(10**6), 10**6))


@PURE
@given(
    measurements=st.lists(amounts, max_size=4),
    goal=amounts,
    weeks=big_ints,
    reduction=st.one_of(any_floats, st.floats(0, 90)),
    times=big_ints,
)
@example(measurements=[1e308] * 3, goal=1e308, weeks=4, reduction=25.0, times=3)
@example(measurements=[30, 30, float("inf")], goal=float("inf"), weeks=4, reduction=0.0, times=3)
def test_the_graded_activity_checks_accept_or_refuse_clearly(
    measurements: list[float], goal: float, weeks: int, reduction: float, times: int
) -> None:
    checks = (
        lambda: rules.baseline(measurements),
        lambda: rules.check_reduction(reduction),
        lambda: rules.check_weeks(weeks),
        lambda: rules.check_amount(goal),
        lambda: rules.check_times_per_week(times),
        lambda: rules.plan_figures(measurements, goal, weeks, reduction),
    )
    for check in checks:
        try:
            check()
        except ValidationError as error:
            assert_clear(error)
    try:
        figures = rules.plan_figures(measurements, goal, weeks, reduction)
    except ValidationError:
        return
    assert all(0 <= target <= figures.goal for target in figures.targets)
    assert figures.targets[-1] == figures.goal


@PURE
@given(text=st.one_of(any_text, st.sampled_from(["22,5", "1e308", "1e400", "-3", "nan", "inf"])))
def test_an_amount_typed_in_a_line_edit_is_read_or_refused_clearly(text: str) -> None:
    from rugschool.ui.tab_helpers import parse_amount

    try:
        value = parse_amount(text, "de beginmeting")
    except ValidationError as error:
        assert_clear(error, text)
    else:
        assert value == value and abs(value) != float("inf")


plausible = st.floats(1, 100)
plan_inputs = mostly(
    st.builds(
        PlanInput,
        activity=st.sampled_from(["fietsen", " wandelen  ", "zwemmen"]),
        baselines=st.tuples(plausible, plausible, plausible),
        goal=st.floats(100, 1000),
        weeks=st.integers(1, 52),
        starts_on=st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        unit=st.sampled_from(["minutes", "metres", "repetitions"]),
        reduction_percent=st.floats(0, 90),
        times_per_week=st.integers(1, 14),
    ),
    {
        "activity": names,
        "baselines": st.tuples(amounts, amounts, amounts),
        "goal": amounts,
        "weeks": big_ints,
        "starts_on": any_dates,
        "unit": st.one_of(st.sampled_from(["minutes", "Minuten", "km"]), any_text),
        "reduction_percent": any_floats,
        "times_per_week": big_ints,
    },
)


def days_after(start: dt.date, days: int) -> dt.date:
    """`start` moved by `days`, stopping at the calendar's ends."""
    try:
        return start + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def tools(db: Database) -> dict[str, Any]:
    """The self-management tables only: the rest does not change here."""
    full = snapshot(db)
    tables = (GradedActivityPlan, GradedActivityLog, ExposureItem, PacingEntry, SmartGoal)
    return {m.__tablename__: full[m.__tablename__] for m in tables}


@DB
@given(
    data=plan_inputs,
    done=st.lists(
        st.tuples(st.integers(-10, 120) | st.dates(max_value=dt.date(2100, 1, 1)), amounts),
        max_size=3,
    ),
)
@example(
    data=PlanInput("fietsen", (30, 30, 30), 60, 4, dt.date(9999, 12, 20)),
    done=[(11, 25.0)],
)
def test_a_plan_and_its_log_are_stored_or_refused_clearly(
    db: Database, enrollment_id: int, data: PlanInput, done: list[tuple[int | dt.date, float]]
) -> None:
    """Log days are days after the plan's start (or any day up to 2100: a log centuries
    ahead makes a schedule of as many weeks)."""
    service = SelfManagementService(db)
    before = tools(db)
    try:
        plan = service.create_plan(enrollment_id, data)
    except RugschoolError as error:
        assert_clear(error, data)
        assert tools(db) == before
        return
    assert plan.figures.targets[-1] == plan.data.goal
    for when, amount in done:
        day = when if isinstance(when, dt.date) else days_after(data.starts_on, when)
        logged = tools(db)
        try:
            service.log(plan.id, day, amount, "")
        except RugschoolError as error:
            assert_clear(error, day, amount)
            assert tools(db) == logged
    service.schedule(plan.id, dt.date(2026, 6, 1))  # what was stored can be shown


# ------------------------------------------------------------------ exposure ladder

ladder_steps = mostly(
    st.builds(
        ExposureInput,
        rank=st.integers(1, 10),
        description=st.sampled_from(["bukken", "tillen van een krat", " fietsen "]),
        fear=st.integers(0, 10),
        done_on=st.one_of(st.none(), any_dates),
    ),
    {"rank": big_ints, "description": names, "fear": big_ints},
)
ladders = st.one_of(
    st.lists(ladder_steps, max_size=12, unique_by=lambda step: step.rank),
    st.lists(ladder_steps, max_size=12),
)


@PURE
@given(items=ladders)
def test_check_ladder_accepts_or_refuses_clearly(items: list[ExposureInput]) -> None:
    try:
        checked = check_ladder(items)
    except ValidationError as error:
        assert_clear(error, items)
        return
    assert [s.rank for s in checked] == sorted(s.rank for s in items)


@DB
@given(items=ladders)
def test_a_ladder_is_replaced_whole_or_not_at_all(
    db: Database, enrollment_id: int, items: list[ExposureInput]
) -> None:
    service = SelfManagementService(db)
    before = tools(db)
    try:
        stored = service.set_exposure(enrollment_id, items)
    except RugschoolError as error:
        assert_clear(error, items)
        assert tools(db) == before
        return
    assert [(r.rank, r.description) for r in service.exposure(enrollment_id)] == [
        (r.rank, r.description) for r in stored
    ]


# ------------------------------------------------------------------ pacing

pacing_blocks = mostly(
    st.builds(
        PacingBlock,
        weekday=st.integers(1, 7),
        day_part=st.sampled_from(["morning", "afternoon", "evening"]),
        activity=st.sampled_from(["boodschappen", "rusten", " koken "]),
        kind=st.sampled_from(["effort", "rest"]),
        need=st.sampled_from(["must", "want"]),
        position=st.integers(0, 5),
    ),
    {
        "weekday": big_ints,
        "day_part": st.one_of(st.sampled_from(["Morning", "night"]), any_text),
        "activity": names,
        "kind": any_text,
        "need": any_text,
        "position": big_ints,
    },
)
week_plans = st.lists(pacing_blocks, max_size=8)


@PURE
@given(blocks=week_plans)
def test_check_week_plan_accepts_or_refuses_clearly(blocks: list[PacingBlock]) -> None:
    try:
        plan = check_week_plan(blocks)
    except ValidationError as error:
        assert_clear(error, blocks)
        return
    assert len(plan) == len(blocks)


@DB
@given(blocks=week_plans)
def test_a_week_plan_is_replaced_whole_or_not_at_all(
    db: Database, enrollment_id: int, blocks: list[PacingBlock]
) -> None:
    service = SelfManagementService(db)
    before = tools(db)
    try:
        plan = service.set_pacing(enrollment_id, blocks)
    except RugschoolError as error:
        assert_clear(error, blocks)
        assert tools(db) == before
        return
    assert service.pacing(enrollment_id) == plan
    service.pacing_hints(enrollment_id)


# ------------------------------------------------------------------ SMART goal


@DB
@given(goal=st.builds(SmartGoalText, names, names, names, names, names, names))
def test_any_smart_goal_text_is_stored_as_typed(
    db: Database, enrollment_id: int, goal: SmartGoalText
) -> None:
    service = SelfManagementService(db)
    saved = service.save_smart_goal(enrollment_id, goal)
    # As typed, less any NUL character (PostgreSQL cannot store one; the database layer
    # drops it on both databases).
    typed = SmartGoalText(*(part.replace("\x00", "") for part in astuple(saved)))
    assert service.smart_goal(enrollment_id) == typed


# ------------------------------------------------------------------ what the properties found


def test_a_name_of_control_characters_is_no_name(db: Database) -> None:
    """SQLite's length() stops at a NUL: "\\x00" passed the check as a name, then the
    database's own check refused it with an IntegrityError (a crash). Control characters
    now count as spaces."""
    before = snapshot(db)
    for refused in (
        lambda: ParticipantService(db).create(ParticipantInput("\x00", "")),
        lambda: TherapistService(db).add("\x00\x07"),
        lambda: GroupService(db).create(GroupInput("\x00", None)),
    ):
        with pytest.raises(ValidationError) as error:
            refused()
        assert_clear(error.value)
    assert snapshot(db) == before
    row = ParticipantService(db).create(ParticipantInput("Jan\x00", "de\x1fVries"))
    assert (row.first_name, row.last_name) == ("Jan", "de Vries")


@pytest.mark.parametrize(
    "wrong",
    [
        {"exercise_sessions": 0},
        {"exercise_sessions": 101},
        {"education_sessions": -1},
        {"education_sessions": 21},
        {"minutes": 0},
        {"minutes": 2**63},  # too large for SQLite: an OverflowError
    ],
)
def test_a_group_s_sessions_and_minutes_are_checked_before_storing(
    db: Database, wrong: dict[str, Any]
) -> None:
    """They went to the database unchecked: its check constraints (sessions) or SQLite
    itself (a huge number) refused them with a crash instead of a message."""
    before = snapshot(db)
    with pytest.raises(ValidationError) as error:
        GroupService(db).create(replace(GroupInput("Dinsdag", None), **wrong))
    assert_clear(error.value)
    assert snapshot(db) == before


def test_a_therapist_chosen_twice_leads_the_group_once(db: Database, therapists: list[int]) -> None:
    """(1, 1) stored the pair twice: a UNIQUE constraint crash."""
    first = therapists[0]
    row = GroupService(db).create(GroupInput("Dinsdag", None, therapist_ids=(first, first)))
    assert row.therapist_ids == (first,)


@pytest.mark.parametrize("huge", [10**400, -(10**400), 2**1100])
def test_a_whole_number_too_large_for_a_float_is_a_wrong_score(huge: int) -> None:
    """math.isfinite raised OverflowError on an int beyond a float."""
    for instrument, answers in (
        (Instrument.NPRS, {"back": huge}),
        (Instrument.ODI, {"total": huge}),
        (Instrument.SIT_TO_STAND, {"unit": "seconds", "value": huge}),
    ):
        with pytest.raises(ValidationError) as error:
            scoring.assess(instrument, answers)
        assert_clear(error.value)


def test_three_huge_baselines_do_not_overflow_into_infinity() -> None:
    """1e308 three times summed to infinity: the plan was refused with "(inf)" in the
    message. The mean of finite numbers is finite."""
    figures = rules.plan_figures([1e308, 1e308, 1e308], 1.7e308, 5)
    assert figures.baseline == 1e308
    assert all(0 < target < float("inf") for target in figures.targets)


def test_an_infinite_amount_is_refused_in_words() -> None:
    infinite = float("inf")
    """An infinite goal or log entry was accepted and stored; an infinite baseline was
    refused as "(inf)"."""
    for refused in (
        lambda: rules.check_amount(infinite),
        lambda: rules.baseline([30, 30, infinite]),
        lambda: rules.plan_figures([30, 30, 30], infinite, 4),
    ):
        with pytest.raises(ValidationError) as error:
            refused()
        assert_clear(error.value)


def test_a_plan_near_the_calendar_s_end_can_be_shown(db: Database, enrollment_id: int) -> None:
    """A plan starting on 20-12-9999 (a date edit allows it) was stored, and then its
    schedule crashed: its weeks ran past 31-12-9999. Weeks stop where the calendar does."""
    service = SelfManagementService(db)
    plan = service.create_plan(
        enrollment_id, PlanInput("fietsen", (30, 30, 30), 60, 4, dt.date(9999, 12, 20))
    )
    service.log(plan.id, dt.date.max, 25)
    weeks = service.schedule(plan.id, dt.date(2026, 11, 25))
    assert [(w.starts_on, w.ends_on) for w in weeks] == [
        (dt.date(9999, 12, 20), dt.date(9999, 12, 26)),
        (dt.date(9999, 12, 27), dt.date.max),
    ]
    assert weeks[-1].done == 25


def test_a_group_starting_centuries_ahead_is_refused(db: Database, participant_id: int) -> None:
    """A start in 9999 was accepted; planning its sessions or enrolling someone then
    crashed on dates past the calendar's end."""
    before = snapshot(db)
    with pytest.raises(ValidationError) as error:
        GroupService(db).create(GroupInput("Dinsdag", dt.date(9999, 12, 1)))
    assert_clear(error.value)
    assert snapshot(db) == before
    row = GroupService(db).create(GroupInput("Dinsdag", dt.date.today().replace(day=1)))
    ScheduleService(db).create_sessions(row.id)
    GroupService(db).enroll(row.id, participant_id)
