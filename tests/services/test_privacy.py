"""Privacy: erasing a person leaves nothing of them in the database's files, a request for
access gets everything, the retention term, and the pseudonymised research file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from rugschool.errors import DatabaseError, ExportError, NotFound
from rugschool.models import (
    Attendance,
    AuditAction,
    Base,
    Database,
    Enrollment,
    GroupSession,
    Measurement,
    Participant,
)
from rugschool.models.migrate import sqlite_path
from rugschool.services.audit import Actor, AuditService
from rugschool.services.bundle import Services
from rugschool.services.groups import GroupInput
from rugschool.services.pacing_rules import PacingBlock
from rugschool.services.participants import ParticipantInput
from rugschool.services.privacy import CompactFailed, PrivacyService, RetentionRow
from rugschool.services.privacy_rules import (
    add_years,
    age_on,
    file_slug,
    name_patterns,
    participant_code,
    redact,
)
from rugschool.services.self_management import ExposureInput, PlanInput, SmartGoalText
from rugschool.services.settings import SettingsService
from rugschool.settings import REGION, RESEARCH_SECRET, RETENTION_YEARS
from tests.failures import WriteFailures, fails_cleanly_at_every_step
from tests.query_count import counted_queries

FIRST, LAST = "Zyxwvutsrq", "Qwertyuiopasdf"
NAME = f"{FIRST} {LAST}"
PHONE, EMAIL = "06-98765432", "zyx.qwerty@example.org"
TODAY = dt.date.today()


def _file_bytes(db: Database) -> bytes:
    path = sqlite_path(db.url)
    assert path is not None
    parts = [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")]
    return b"".join(p.read_bytes() for p in parts if p.exists())


def _traces(data: bytes) -> list[str]:
    """Which of the person's words are in the bytes: UTF-8 (any case) and UTF-16."""
    lower = data.lower()
    found = []
    for word in (FIRST, LAST, PHONE, EMAIL):
        forms = [word.lower().encode("utf-8")]
        forms += [word.encode(codec) for codec in ("utf-16-le", "utf-16-be")]
        if any(form in (lower if i == 0 else data) for i, form in enumerate(forms)):
            found.append(word)
    return found


def _unusual_person(services: Services) -> tuple[int, int]:
    """Someone with a name found nowhere else, with data of every kind; (id, enrollment)."""
    pid = services.participants.create(
        ParticipantInput(
            first_name=FIRST,
            last_name=LAST,
            date_of_birth=dt.date(1970, 2, 3),
            phone=PHONE,
            email=EMAIL,
            notes=f"{NAME} werkt in de zorg.",
            consent_research_on=TODAY,
        )
    ).id
    eid, _over = services.groups.enroll(1, pid)
    session = next(x for x in services.schedule.sessions(1) if x.kind == "exercise")
    recording = services.recording()
    recording.check_in(session.id, pid)
    recording.record(session.id, pid, "thighs", level=2, pain=3, note=f"{NAME} had kramp")
    services.measures.record(
        eid, "nprs", "intake", {"back": 6, "leg": 2}, TODAY, notes=f"{NAME}: slecht geslapen"
    )
    tools = services.self_management
    tools.save_smart_goal(eid, SmartGoalText(specific=f"{FIRST} wil weer fietsen"))
    plan = tools.create_plan(eid, PlanInput("Fietsen", (10, 12, 14), 30, 4, TODAY))
    tools.log(plan.id, TODAY, 9, note="ging goed")
    tools.set_exposure(eid, [ExposureInput(1, "Bukken", 4)])
    tools.set_pacing(eid, [PacingBlock(1, "morning", "Boodschappen")])
    other = services.groups.create(GroupInput(name="Woensdag", start_date=TODAY))
    services.schedule.create_sessions(other.id, now=dt.datetime.combine(TODAY, dt.time()))
    services.schedule.add_catch_up(services.schedule.sessions(other.id)[0].id, pid)
    with services.db.transaction() as s:  # a session note and someone else's note name them
        s.execute(update(GroupSession).where(GroupSession.id == session.id).values(notes=NAME))
        s.execute(
            update(Participant)
            .where(Participant.id == 1)
            .values(notes=f"Partner van {LAST}, {FIRST}; komt samen.")
        )
    return pid, eid


def _rows_about(db: Database, pid: int) -> dict[str, int]:
    """Per table, the rows with a participant_id of this person."""
    with db.transaction() as s:
        return {
            table.name: s.scalar(
                select(func.count()).select_from(table).where(table.c.participant_id == pid)
            )
            or 0
            for table in Base.metadata.sorted_tables
            if "participant_id" in table.c and table.name != "audit_log"
        }


# ---------------------------------------------------------------------- erasure


@pytest.mark.sqlite_only(
    reason="searches the bytes of the SQLite file and its -wal; a server's files are not the app's"
)
def test_erasing_leaves_no_trace_in_the_database_files(
    demo_db: Database, services: Services
) -> None:
    pid, _eid = _unusual_person(services)
    assert _traces(_file_bytes(demo_db)) == [FIRST, LAST, PHONE, EMAIL]  # the test can fail
    preview = PrivacyService(demo_db).erase(pid)
    assert preview.full_name == NAME
    assert _traces(_file_bytes(demo_db)) == []  # open: the file and an emptied log
    demo_db.close()
    assert _traces(_file_bytes(demo_db)) == []  # closed: as it stays on the disk


def test_erasing_removes_only_them_and_logs_their_number(
    demo_db: Database, services: Services
) -> None:
    pid, _eid = _unusual_person(services)
    others = {p: _rows_about(demo_db, p) for p in (1, 2)}
    privacy = PrivacyService(demo_db, Actor(therapist_id=1))
    preview = privacy.erasure_preview(pid)
    assert (preview.enrollments, preview.attendance, preview.exercise_results) == (1, 1, 1)
    assert (preview.measurements, preview.appointments, preview.catch_ups) == (1, 1, 1)
    assert preview.self_management == 5  # SMART goal, plan, its log, exposure, pacing
    assert preview.mentions == 2  # the session note and participant 1's note
    assert preview.lines() == [
        "1 groepsinschrijving",
        "1 registratie van aanwezigheid",
        "1 oefenresultaat",
        "1 meting",
        "5 onderdelen van zelfmanagement",
        "1 afspraak",
        "1 inhaalles",
        "2 notities van anderen waarin de naam staat (de naam wordt vervangen)",
    ]

    assert privacy.erase(pid) == preview
    assert set(_rows_about(demo_db, pid).values()) == {0}
    assert {p: _rows_about(demo_db, p) for p in (1, 2)} == others
    assert services.participants.count() == 10
    with demo_db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Enrollment)) == 10
        notes = s.scalar(select(Participant.notes).where(Participant.id == 1))
        assert notes == "Partner van [naam gewist]; komt samen."
    rows = AuditService(demo_db).rows(participant_id=pid)
    assert [(r.action, r.therapist_id, r.detail) for r in rows[:1]] == [("erased", 1, "")]
    with pytest.raises(NotFound):
        privacy.erasure_preview(pid)
    with pytest.raises(NotFound):
        privacy.erase(pid)


def test_a_file_that_cannot_be_cleaned_is_said_after_the_erasure(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_tables: object) -> bool:
        raise DatabaseError("database or disk is full")

    monkeypatch.setattr(demo_db, "compact", full)
    with pytest.raises(CompactFailed, match=r"Mehmet Çelik is gewist, maar .* disk is full"):
        PrivacyService(demo_db).erase(2)
    with pytest.raises(NotFound):  # erased all the same
        PrivacyService(demo_db).erasure_preview(2)


def test_erasing_is_all_or_nothing(demo_db: Database, services: Services) -> None:
    pid, _eid = _unusual_person(services)
    steps = fails_cleanly_at_every_step(demo_db, lambda: PrivacyService(demo_db).erase(pid))
    assert steps >= 4  # two notes changed, the delete, the audit row (and the commit)


def test_everything_about_a_person_goes_with_them_by_cascade() -> None:
    """Every table pointing at a participant, or at something of theirs, cascades: a new
    table that does not would leave their data behind after an erasure."""
    theirs = {"participants"}
    grew = True
    while grew:
        grew = False
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table.name in theirs and table.name not in theirs:
                    assert fk.ondelete == "CASCADE", f"{table.name}.{fk.parent.name}"
                    theirs.add(table.name)
                    grew = True
    assert {"enrollments", "attendance", "catch_ups", "measurements", "pacing_entries"} <= theirs
    assert "graded_activity_logs" in theirs


# ---------------------------------------------------------------------- access


def test_a_request_for_access_gets_everything(demo_db: Database, services: Services) -> None:
    pid, _eid = _unusual_person(services)
    services.audit.log(AuditAction.OPENED, pid)
    data = PrivacyService(demo_db).access_data(pid)
    assert json.loads(json.dumps(data)) == data  # JSON as it is
    assert data["format_version"] == 1 and data["generated_at"][:10] == TODAY.isoformat()
    person = data["participant"]
    assert (person["full_name"], person["phone"], person["date_of_birth"]) == (
        NAME,
        PHONE,
        "1970-02-03",
    )
    assert person["consent_research_on"] == TODAY.isoformat()
    (course,) = data["enrollments"]
    assert course["group"] == "Rugschool dinsdag en donderdag" and len(course["appointments"]) == 1
    assert [a["present"] for a in data["attendance"]] == [True]
    (result,) = data["exercise_results"]
    assert (result["exercise"], result["level"], result["pain"]) == ("Bovenbeenspieren", 2, 3)
    assert result["note"] == f"{NAME} had kramp"
    (measured,) = data["measurements"]
    assert measured["answers"] == {"back": 6, "leg": 2} and measured["score"] == 6
    assert data["smart_goals"][0]["specific"] == f"{FIRST} wil weer fietsen"
    assert data["graded_activity"][0]["logs"][0]["amount"] == 9
    assert [x["description"] for x in data["exposure"]] == ["Bukken"]
    assert [x["activity"] for x in data["pacing"]] == ["Boodschappen"]
    assert [c["group"] for c in data["catch_ups"]] == ["Woensdag"]
    assert [a["action"] for a in data["audit"]][-1] == "opened"
    with pytest.raises(NotFound):
        PrivacyService(demo_db).access_data(999)


def test_access_data_takes_a_fixed_number_of_queries(demo_db: Database, services: Services) -> None:
    privacy = PrivacyService(demo_db)
    with counted_queries(demo_db) as one:
        privacy.access_data(1)  # a course, a month recorded, measures and tools
    other = services.groups.create(GroupInput(name="Woensdag", start_date=TODAY))
    services.schedule.create_sessions(other.id, now=dt.datetime.combine(TODAY, dt.time()))
    services.groups.enroll(other.id, 1)
    with counted_queries(demo_db) as two:
        privacy.access_data(1)  # and a second course
    assert len(one) == len(two) <= 16


def test_access_files_are_written_with_an_audit_row(demo_db: Database, tmp_path: Path) -> None:
    privacy = PrivacyService(demo_db, Actor(therapist_id=2))
    json_path, pdf_path = privacy.export_access(1, tmp_path, lambda data: b"%PDF-1.4 test")
    assert json_path.name == "zoe-de-vries-1-inzage.json" and pdf_path.suffix == ".pdf"
    text = json_path.read_text(encoding="utf-8")
    assert '"Zoë de Vries"' in text and "\n  " in text  # as typed, indented
    assert pdf_path.read_bytes() == b"%PDF-1.4 test"
    rows = AuditService(demo_db).rows(participant_id=1, action=AuditAction.ACCESS_EXPORT)
    assert [(r.therapist_id, r.detail) for r in rows] == [(2, "JSON and PDF")]


def test_access_files_that_cannot_be_written_leave_no_audit_row(
    demo_db: Database, tmp_path: Path
) -> None:
    privacy = PrivacyService(demo_db)
    with pytest.raises(ExportError, match="bestaat niet"):
        privacy.export_access(1, tmp_path / "missing", lambda data: b"")
    out = tmp_path / "out"
    out.mkdir()

    def broken(_data: object) -> bytes:
        raise ExportError("kapot")

    with pytest.raises(ExportError, match="kapot"):
        privacy.export_access(1, out, broken)
    failures = WriteFailures(demo_db.engine)
    failures.arm(1)  # the audit row cannot be stored: the files go again
    try:
        with pytest.raises(DatabaseError, match="full"):
            privacy.export_access(1, out, lambda data: b"%PDF")
    finally:
        failures.remove()
    assert list(out.iterdir()) == []
    assert AuditService(demo_db).rows(participant_id=1, action=AuditAction.ACCESS_EXPORT) == []


# ---------------------------------------------------------------------- retention


def test_the_retention_term_follows_the_region_or_the_practice(db: Database) -> None:
    privacy, settings = PrivacyService(db), SettingsService(db)
    assert privacy.retention_term() == 20
    settings.set(REGION, "be")
    assert privacy.retention_term() == 30
    settings.set(RETENTION_YEARS, 7)
    assert privacy.retention_term() == 7


def test_records_past_their_term_are_listed_longest_ago_first(demo_db: Database) -> None:
    privacy = PrivacyService(demo_db)
    with demo_db.transaction() as s:  # participant 10: no course any more, made long ago
        s.execute(delete(Enrollment).where(Enrollment.participant_id == 10))
        s.execute(delete(Attendance).where(Attendance.participant_id == 10))
        made = dt.datetime(2004, 2, 29, 10, 0)
        s.execute(update(Participant).where(Participant.id == 10).values(created_at=made))
        last_session = s.scalar(
            select(func.max(GroupSession.starts_at))
            .join(Attendance, Attendance.session_id == GroupSession.id)
            .where(Attendance.participant_id == 1, Attendance.present.is_(True))
        )
        measured = s.scalar(
            select(func.max(Measurement.taken_on))
            .join(Enrollment, Enrollment.id == Measurement.enrollment_id)
            .where(Enrollment.participant_id == 1)
        )
    assert last_session is not None and measured is not None
    name = "Femke van 't Hof"
    assert privacy.retention_due(dt.date(2024, 2, 28)) == []
    due = [RetentionRow(10, name, dt.date(2004, 2, 29), dt.date(2024, 2, 29))]
    assert privacy.retention_due(dt.date(2024, 2, 29)) == due
    assert privacy.retention_due(TODAY) == due
    far = privacy.retention_due(dt.date(2100, 1, 1))
    assert len(far) == 10 and far[0].participant_id == 10
    assert [r.last_contact for r in far] == sorted(r.last_contact for r in far)
    first = next(r for r in far if r.participant_id == 1)
    assert first.last_contact == max(last_session.date(), measured)
    assert first.term_ended == add_years(first.last_contact, 20)
    with counted_queries(demo_db) as queries:
        privacy.retention_due(TODAY)
    assert len(queries) <= 6  # grouped, not one per person


# ---------------------------------------------------------------------- research


def test_the_research_file_holds_no_one_and_only_who_consented(
    demo_db: Database, services: Services, tmp_path: Path
) -> None:
    pid, _eid = _unusual_person(services)
    with demo_db.transaction() as s:
        s.execute(update(Participant).where(Participant.id == 2).values(consent_research_on=TODAY))
    target = tmp_path / "onderzoek.csv"
    assert PrivacyService(demo_db).research_csv(target) == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    for person in services.participants.rows():
        born = person.date_of_birth
        assert born is not None
        for private in (person.first_name, person.last_name, person.phone, person.email):
            assert not private or private.lower() not in text.lower(), private
        for form in (born.isoformat(), born.strftime("%d-%m-%Y"), born.strftime("%d-%m-%y")):
            assert form not in text
    assert "fietsen" not in text and "kramp" not in text  # no free text at all
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    secret = SettingsService(demo_db).get(RESEARCH_SECRET)
    assert len(secret) == 64
    codes = {participant_code(secret, p) for p in (2, pid)}
    assert {r["code"] for r in rows} == codes
    assert participant_code(secret, 1) not in text  # did not consent
    mine = next(r for r in rows if r["code"] == participant_code(secret, pid))
    assert mine["age_at_start"] == str(age_on(dt.date(1970, 2, 3), _first_session(services)))
    assert (mine["nprs_back_intake"], mine["nprs_leg_intake"], mine["sessions_attended"]) == (
        "6",
        "2",
        "1",
    )
    assert (mine["level_start_thighs"], mine["level_end_thighs"]) == ("2", "2")
    other = next(r for r in rows if r["code"] == participant_code(secret, 2))
    assert other["psk_intake"] == "6,5"  # a decimal comma, as Dutch Excel reads it
    assert PrivacyService(demo_db).research_csv(target) == 2
    assert target.read_bytes() == raw  # the same codes next time
    logged = AuditService(demo_db).rows(action=AuditAction.EXPORTED)
    assert sorted(r.participant_id or 0 for r in logged) == sorted([2, pid, 2, pid])


def _first_session(services: Services) -> dt.date:
    return next(x for x in services.schedule.sessions(1) if x.kind == "exercise").starts_at.date()


def test_the_research_file_refuses_a_folder(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="map"):
        PrivacyService(demo_db).research_csv(tmp_path)
    with pytest.raises(ExportError, match="bestaat niet"):
        PrivacyService(demo_db).research_csv(tmp_path / "nowhere" / "r.csv")


# ---------------------------------------------------------------------- rules


def test_retention_dates_and_ages() -> None:
    assert add_years(dt.date(2004, 2, 29), 20) == dt.date(2024, 2, 29)
    assert add_years(dt.date(2004, 2, 29), 21) == dt.date(2025, 2, 28)
    assert age_on(dt.date(1970, 6, 15), dt.date(2026, 6, 14)) == 55
    assert age_on(dt.date(1970, 6, 15), dt.date(2026, 6, 15)) == 56
    assert age_on(None, dt.date(2026, 1, 1)) is None


def test_a_whole_name_is_found_in_a_note_in_any_written_form() -> None:
    patterns = name_patterns("Jan", "van der", "Berg")
    text = "Jan van der Berg belde; berg, jan van der ook. Jan Bergman niet, Jan niet."
    assert redact(text, patterns, "[x]") == "[x] belde; [x] ook. Jan Bergman niet, Jan niet."
    assert name_patterns("Mehmet", "", "") == []  # a first name alone matches too much
    assert file_slug("Zoë de Vries", 1) == "zoe-de-vries-1"
    assert file_slug("Łukasz / Nowak", 8) == "lukasz-nowak-8"
    assert participant_code("geheim", 1) != participant_code("anders", 1)
