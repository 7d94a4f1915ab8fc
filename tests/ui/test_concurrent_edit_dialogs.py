"""Clinic mode in the real dialogs: another therapist saves the record on another connection
while the form is open. This save is refused with a message naming them, the form shows what
is stored now, and the next save goes through."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from rugschool.models import Database
from rugschool.services.audit import Actor
from rugschool.services.bundle import Services
from rugschool.services.groups import GroupService
from rugschool.services.participants import ParticipantService
from rugschool.ui.enrollment_dialog import EnrollmentDialog
from rugschool.ui.group_dialog import GroupDialog
from rugschool.ui.participant_dialog import ParticipantDialog


@pytest.fixture
def anna(services: Services) -> Actor:
    """The other therapist, on her own connection; this app works as Bram."""
    services.load_demo()
    services.actor.therapist_id = services.therapists.add("Bram Peeters").id
    return Actor(services.therapists.add("Anna de Wit").id)


@pytest.fixture
def second(anna: Actor, db_url: str) -> Iterator[Database]:
    other = Database(db_url)
    yield other
    other.close()


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The dialogs say it in their own message line; a box would stop the test."""
    shown: list[str] = []
    for kind in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *args: shown.append(str(args[2])))
    yield shown
    assert shown == []


def _save(qtbot: QtBot, buttons: QDialogButtonBox) -> None:
    qtbot.mouseClick(buttons.button(buttons.StandardButton.Save), Qt.MouseButton.LeftButton)


def _retype(qtbot: QtBot, edit: object, text: str) -> None:
    edit.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(edit, text)


def test_the_participant_form_reloads_what_anna_stored(
    qtbot: QtBot, services: Services, second: Database, anna: Actor
) -> None:
    pid = services.participants.rows()[0].id
    dialog = ParticipantDialog(services.participants, services.participants.open_record(pid))
    qtbot.addWidget(dialog)
    other = ParticipantService(second, anna)
    seen = other.get(pid)
    other.update(pid, replace(seen.data, phone="06-99999999"), version=seen.version)

    _retype(qtbot, dialog.referrer, "Dr. Bakker")
    _save(qtbot, dialog.buttons)

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Anna de Wit" in dialog.message.text()
    assert (dialog.phone.text(), dialog.referrer.text()) == ("06-99999999", seen.data.referrer)
    stored = services.participants.get(pid).data
    assert (stored.phone, stored.referrer) == ("06-99999999", seen.data.referrer)

    _retype(qtbot, dialog.referrer, "Dr. Bakker")
    _save(qtbot, dialog.buttons)

    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = services.participants.get(pid).data
    assert (stored.phone, stored.referrer) == ("06-99999999", "Dr. Bakker")


def test_the_group_form_reloads_what_anna_stored(
    qtbot: QtBot, services: Services, second: Database, anna: Actor
) -> None:
    group = services.groups.get(1)
    dialog = GroupDialog(services.groups, services.therapists.rows(), group)
    qtbot.addWidget(dialog)
    GroupService(second, anna).update(
        1, replace(group.as_input(), location="Zaal 3"), version=group.version
    )

    dialog.max_size.setValue(8)
    _save(qtbot, dialog.buttons)

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Anna de Wit" in dialog.message.text()
    assert (dialog.location.text(), dialog.max_size.value()) == ("Zaal 3", group.max_size)
    assert services.groups.get(1).max_size == group.max_size

    dialog.max_size.setValue(8)
    _save(qtbot, dialog.buttons)

    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = services.groups.get(1)
    assert (stored.location, stored.max_size) == ("Zaal 3", 8)


def test_the_enrollment_form_reloads_what_anna_stored(
    qtbot: QtBot, services: Services, second: Database, anna: Actor
) -> None:
    enrollment = services.groups.enrollments(1)[0]
    dialog = EnrollmentDialog(services, enrollment)
    qtbot.addWidget(dialog)
    final = next(a for a in services.schedule.appointments(enrollment.id) if a.kind == "final")
    assert not dialog.done_boxes[final.id].isChecked()
    GroupService(second, anna).update_enrollment(
        enrollment.id,
        personal_goal="Weer fietsen",
        appointments_done={final.id: dt.date.today()},
        version=enrollment.version,
    )

    _retype(qtbot, dialog.conclusion, "Gaat goed.")
    dialog.levels["buttocks"].setValue(3)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(
        buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Anna de Wit" in dialog.message.text()
    assert dialog.goal.toPlainText() == "Weer fietsen"
    assert dialog.conclusion.toPlainText() == enrollment.conclusion
    assert dialog.levels["buttocks"].value() == enrollment.starting_levels.get("buttocks", 1)
    assert dialog.done_boxes[final.id].isChecked()
    assert services.groups.enrollment(enrollment.id).conclusion == enrollment.conclusion

    _retype(qtbot, dialog.conclusion, "Gaat goed.")
    dialog.save()

    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = services.groups.enrollment(enrollment.id)
    assert (stored.personal_goal, stored.conclusion) == ("Weer fietsen", "Gaat goed.")
    done = {a.kind: a.done_on for a in services.schedule.appointments(enrollment.id)}
    assert done["final"] == dt.date.today()  # Anna's tick survived Bram's save
