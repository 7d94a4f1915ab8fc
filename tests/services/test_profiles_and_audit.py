"""Therapist profiles with a password or PIN (argon2id), and the audit log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy.exc
from sqlalchemy import text

from rugschool.errors import ValidationError
from rugschool.models import AuditAction, Database
from rugschool.services.audit import Actor, AuditService, audit_csv, write_audit_csv
from rugschool.services.bundle import Services
from rugschool.services.therapists import TherapistService


def test_a_profile_with_a_pin_opens_only_with_it(db: Database) -> None:
    service = TherapistService(db)
    anna = service.add("Anna Jansen").id
    assert service.verify(anna, "")  # no PIN yet: opens as it is
    service.set_secret(anna, "4711")
    assert service.rows()[0].has_secret
    with db.transaction() as s:
        stored = s.execute(text("SELECT secret_hash FROM therapists")).scalar_one()
    assert stored.startswith("$argon2id$") and "4711" not in stored
    assert service.verify(anna, "4711")
    assert not service.verify(anna, "")
    assert not service.verify(anna, "4712")
    assert not service.verify(999, "4711")
    with pytest.raises(ValidationError, match="minstens 4"):
        service.set_secret(anna, "12")
    service.set_secret(anna, None)
    assert service.verify(anna, "") and not service.rows()[0].has_secret
    service.set_active(anna, False)
    assert not service.verify(anna, "")  # a profile no longer in use opens nothing
    assert service.profiles() == []


def test_the_log_keeps_who_did_what_to_whom_and_filters(db: Database, tmp_path: Path) -> None:
    anna = TherapistService(db).add("Anna Jansen").id
    log = AuditService(db, Actor(anna))
    log.log(AuditAction.OPENED, 7, "voortgang")
    log.log(AuditAction.PRINTED, 8, "eindverslag")
    log.actor.therapist_id = None
    log.log_many(AuditAction.EXPORTED, [7, 8], "presentielijst")
    rows = log.rows()
    assert [(r.action, r.participant_id) for r in rows] == [
        ("exported", 8),
        ("exported", 7),
        ("printed", 8),
        ("opened", 7),
    ]
    assert rows[-1].therapist == "Anna Jansen" and rows[0].therapist == ""
    assert [r.action for r in log.rows(participant_id=7)] == ["exported", "opened"]
    assert [r.participant_id for r in log.rows(action=AuditAction.PRINTED)] == [8]
    assert len(log.rows(therapist_id=anna)) == 2
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert log.rows(since=tomorrow) == []
    assert len(log.rows(until=tomorrow, since=dt.date.today() - dt.timedelta(days=1))) == 4

    table = audit_csv(rows)
    assert table.splitlines()[0] == "Wanneer;Therapeut;Handeling;Deelnemernummer;Wat"
    assert "afgedrukt;8;eindverslag" in table
    out = tmp_path / "log.csv"
    write_audit_csv(rows, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_log_rows_cannot_be_changed_or_removed(db: Database) -> None:
    AuditService(db).log(AuditAction.OPENED, 3)
    for statement in ("UPDATE audit_log SET participant_id = 4", "DELETE FROM audit_log"):
        # SQLite: an IntegrityError (RAISE(ABORT)); PostgreSQL: a raised exception
        with pytest.raises(sqlalchemy.exc.DBAPIError, match="append-only"):  # noqa: SIM117
            with db.transaction() as s:
                s.execute(text(statement))
    assert [r.participant_id for r in AuditService(db).rows()] == [3]


def test_documents_and_opened_records_leave_a_row_per_person(
    demo_db: Database, services: Services, tmp_path: Path
) -> None:
    from rugschool.export.documents import Documents

    anna = services.therapists.rows()[0]
    services.actor.therapist_id = anna.id
    person = services.groups.enrollments(1)[0]
    before = len(services.audit.rows())
    Documents(services).report(person.participant_id, 1).write(tmp_path / "verslag.pdf")
    Documents(services).attendance_csv(1).write(tmp_path / "lijst.csv", AuditAction.PRINTED)
    services.participants.open_record(person.participant_id)
    rows = services.audit.rows()
    assert len(rows) == before + 1 + 10 + 1
    newest = rows[0]
    assert (newest.action, newest.participant_id, newest.therapist) == (
        "opened",
        person.participant_id,
        anna.name,
    )
    assert newest.detail_text == "persoonsgegevens"
    report = next(r for r in rows if r.action == "exported")
    assert report.detail_text == "eindverslag" and report.participant_id == person.participant_id
    printed = {r.participant_id for r in rows if r.action == "printed"}
    assert printed == {e.participant_id for e in services.groups.enrollments(1)}
    names = {e.name for e in services.groups.enrollments(1)}
    assert not any(name in r.detail for r in rows for name in names)  # numbers, never names
