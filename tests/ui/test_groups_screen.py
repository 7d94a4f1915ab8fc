"""Creating a group through the real dialog, its schedule, and its people."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTime
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from rugschool.errors import ValidationError
from rugschool.services.bundle import Services
from rugschool.services.groups import GroupInput
from rugschool.services.participants import ParticipantInput
from rugschool.ui.closed_days_dialog import ClosedDaysDialog
from rugschool.ui.enrollment_dialog import EnrollmentDialog
from rugschool.ui.events import Events
from rugschool.ui.group_detail import GroupDetail
from rugschool.ui.group_dialog import GroupDialog
from rugschool.ui.groups_screen import GroupsScreen


def test_creating_a_group_through_the_dialog_plans_its_course(
    qtbot: QtBot, services: Services, events: Events, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.install_programmes()
    koen = services.therapists.add("Koen Claes")
    services.therapists.add("Sanne Visser")
    screen = GroupsScreen(services, events)
    qtbot.addWidget(screen)
    screen.show()

    def fill_in(dialog: GroupDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.name, "Dinsdag en donderdag")
        dialog.start_date.setDate(QDate(2026, 1, 6))  # a Tuesday
        dialog.time.setTime(QTime(18, 30))
        for box in dialog.day_boxes:
            box.setChecked(False)
        for index in (1, 3):  # Tue, Thu
            box = dialog.day_boxes[index]
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
        qtbot.keyClicks(dialog.location, "Zaal 2")
        item = next(
            dialog.therapist_list.item(i)
            for i in range(dialog.therapist_list.count())
            if dialog.therapist_list.item(i).text() == "Koen Claes"
        )
        item.setCheckState(Qt.CheckState.Checked)
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
        return int(dialog.result())

    monkeypatch.setattr(GroupDialog, "exec", fill_in)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)

    [group] = services.groups.rows()
    assert (group.name, group.location, group.max_size) == ("Dinsdag en donderdag", "Zaal 2", 12)
    assert group.weekdays == (2, 4) and group.start_time == dt.time(18, 30)
    assert group.therapist_ids == (koen.id,)
    sessions = services.schedule.sessions(group.id)
    assert [s.kind for s in sessions].count("exercise") == 16
    assert sessions[0].starts_at == dt.datetime(2026, 1, 6, 18, 30)
    assert screen.detail.sessions.rowCount() == 18  # the schedule is on screen
    assert screen.detail.title.text() == "Dinsdag en donderdag"


def test_a_group_without_a_name_is_refused_in_the_dialog(qtbot: QtBot, services: Services) -> None:
    dialog = GroupDialog(services.groups, [])
    qtbot.addWidget(dialog)
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "naam" in dialog.message.text()
    assert services.groups.rows() == []


def test_people_join_a_group_and_count_their_sessions(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    services.load_demo()
    new = services.participants.create(ParticipantInput(first_name="Nina", last_name="Aerts"))
    detail = GroupDetail(services, events)
    qtbot.addWidget(detail)
    detail.show_group(services.groups.get(1))
    assert detail.people.rowCount() == 10
    detail.add_people([new.id], waiting=True)
    assert detail.people.rowCount() == 11
    line = next(
        detail.people.row_at(r)
        for r in range(11)
        if detail.people.row_at(r).enrollment.name == "Nina Aerts"
    )
    assert line.enrollment.status == "waiting"
    assert "van 16" in line.progress
    assert services.schedule.appointments(line.enrollment.id)  # an intake is planned


def test_goal_levels_and_appointments_of_one_person(qtbot: QtBot, services: Services) -> None:
    services.load_demo()
    enrollment = services.groups.enrollments(1)[0]
    dialog = EnrollmentDialog(services, enrollment)
    qtbot.addWidget(dialog)
    dialog.goal.setPlainText("Elke dag 30 minuten wandelen.")
    dialog.levels["buttocks"].setValue(3)
    final = next(a for a in services.schedule.appointments(enrollment.id) if a.kind == "final")
    dialog.done_boxes[final.id].setChecked(True)
    dialog.save()
    stored = services.groups.enrollments(1)[0]
    assert stored.personal_goal == "Elke dag 30 minuten wandelen."
    assert stored.starting_levels["buttocks"] == 3 and stored.starting_levels["thighs"] == 1
    done = {a.kind: a.done_on for a in services.schedule.appointments(enrollment.id)}
    assert done["final"] == dt.date.today() and done["intake"] is not None


def test_a_closed_day_moves_the_course_on(qtbot: QtBot, services: Services) -> None:
    services.load_demo()
    sessions = services.schedule.sessions(1)
    upcoming = next(s for s in sessions if s.starts_at > dt.datetime.now())
    last_before = sessions[-1].starts_at
    dialog = ClosedDaysDialog(services.schedule)
    qtbot.addWidget(dialog)
    dialog.add_day(upcoming.starts_at.date(), "Studiedag")
    assert dialog.list.count() == 1 and "Studiedag" in dialog.list.item(0).text()
    after = services.schedule.sessions(1)
    assert all(s.starts_at.date() != upcoming.starts_at.date() for s in after)
    assert after[-1].starts_at > last_before


def test_someone_from_another_group_catches_up_one_session(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    services.load_demo()
    other = services.participants.create(ParticipantInput(first_name="Nina", last_name="Aerts"))
    detail = GroupDetail(services, events)
    qtbot.addWidget(detail)
    detail.show_group(services.groups.get(1))
    session = services.schedule.sessions(1)[5]
    detail.add_catch_ups(session.id, [other.id])
    assert services.schedule.catch_ups(session.id) == [(other.id, "Nina Aerts")]
    row = next(
        detail.sessions.row_at(r)
        for r in range(detail.sessions.rowCount())
        if detail.sessions.row_at(r).id == session.id
    )
    assert row.catch_ups == 1
    member = services.groups.enrollments(1)[0].participant_id
    with pytest.raises(ValidationError):
        services.schedule.add_catch_up(session.id, member)  # already in this group


def test_the_conclusion_and_goal_outcome_for_the_end_report(
    qtbot: QtBot, services: Services
) -> None:
    services.load_demo()
    enrollment = services.groups.enrollments(1)[0]
    assert enrollment.goal_outcome is None
    dialog = EnrollmentDialog(services, enrollment)
    qtbot.addWidget(dialog)
    assert dialog.outcome.currentText() == "nog niet beoordeeld"
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("partly"))
    qtbot.keyClicks(dialog.conclusion, "Loopt weer 20 minuten; advies: blijven oefenen.")
    dialog.save()
    stored = services.groups.enrollments(1)[0]
    assert stored.goal_outcome == "partly"
    assert stored.conclusion == "Loopt weer 20 minuten; advies: blijven oefenen."
    # Back to "not judged yet" is possible too.
    dialog = EnrollmentDialog(services, stored)
    qtbot.addWidget(dialog)
    dialog.outcome.setCurrentIndex(0)
    dialog.save()
    assert services.groups.enrollments(1)[0].goal_outcome is None


def test_editing_a_group_keeps_its_session_length(qtbot: QtBot, services: Services) -> None:
    made = services.groups.create(GroupInput("Maandag", dt.date(2026, 1, 5), minutes=90))
    dialog = GroupDialog(services.groups, [], services.groups.get(made.id))
    qtbot.addWidget(dialog)
    dialog.location.setText("Zaal 4")
    dialog.save()
    stored = services.groups.get(made.id)
    assert (stored.location, stored.minutes) == ("Zaal 4", 90)


def test_a_past_session_opens_from_the_schedule(
    qtbot: QtBot, services: Services, events: Events
) -> None:
    from rugschool.services.schedule import SessionRow
    from rugschool.ui.row_table_model import ROW_ROLE
    from rugschool.ui.session_window import SessionWindow

    services.install_programmes()
    services.load_demo()
    screen = GroupsScreen(services, events)
    qtbot.addWidget(screen)
    screen.show()
    screen.select(services.groups.rows()[0].id)
    model = screen.detail.sessions
    rows = [model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount())]
    past = next(
        n
        for n, row in enumerate(rows)
        if isinstance(row, SessionRow)
        and row.kind == "exercise"
        and row.starts_at.date() < dt.date.today()
    )
    screen.detail.session_table.selectRow(past)
    window = screen.detail.open_selected()
    assert isinstance(window, SessionWindow) and window.isVisible()
    assert window.session == rows[past]  # a session that has passed, to enter or correct
    window.close()
