"""Instellingen → Privacy: the idle lock, the retention term, PINs, and the audit log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from rugschool.models import AuditAction
from rugschool.services.bundle import Services
from rugschool.settings import IDLE_LOCK_MINUTES, RETENTION_YEARS
from rugschool.ui.events import Events
from rugschool.ui.privacy_settings import SecretDialog
from rugschool.ui.settings_screen import SettingsScreen


def _screen(qtbot: QtBot, services: Services) -> SettingsScreen:
    screen = SettingsScreen(services.settings, Events(), services.therapists, services.audit)
    qtbot.addWidget(screen)
    return screen


def test_idle_lock_and_retention_are_stored_as_they_change(
    qtbot: QtBot, services: Services
) -> None:
    screen = _screen(qtbot, services)
    assert screen.privacy is not None
    assert screen.privacy.idle.value() == 10  # the default
    screen.privacy.idle.setValue(0)
    assert services.settings.get(IDLE_LOCK_MINUTES) == 0
    assert screen.privacy.idle.text() == "nooit"
    assert screen.privacy.retention.text() == "wettelijke termijn (20 jaar)"
    screen.region_combo.setCurrentIndex(screen.region_combo.findData("be"))
    assert screen.privacy.retention.text() == "wettelijke termijn (30 jaar)"
    screen.privacy.retention.setValue(25)
    assert services.settings.get(RETENTION_YEARS) == 25


def test_a_pin_is_set_typed_twice_and_removed(qtbot: QtBot, services: Services) -> None:
    row = services.therapists.add("Bram Peeters")
    dialog = SecretDialog(services.therapists, row)
    qtbot.addWidget(dialog)
    fields = dialog.findChildren(QLineEdit)
    dialog.first.setText("1357")
    dialog.second.setText("1358")
    dialog.save()
    assert "komen niet overeen" in dialog.message.text() and len(fields) == 2
    dialog.second.setText("1357")
    dialog.save()
    assert services.therapists.verify(row.id, "1357")
    again = SecretDialog(services.therapists, services.therapists.rows()[0])
    qtbot.addWidget(again)
    assert again.remove.isEnabled()
    again.clear()
    assert services.therapists.verify(row.id, "")


def test_the_audit_log_filters_and_exports(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    services.audit.log(AuditAction.OPENED, 4, "progress")
    services.audit.log(AuditAction.PRINTED, 5, "end report")
    screen = _screen(qtbot, services)
    assert screen.privacy is not None
    dialog = screen.privacy.show_log()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    dialog.participant.setText("5")
    assert dialog.table.rowCount() == 1
    item = dialog.table.item(0, 2)
    assert item is not None and item.text() == "afgedrukt"
    dialog.participant.clear()
    dialog.action.setCurrentIndex(dialog.action.findData("opened"))
    assert dialog.table.rowCount() == 1
    out = tmp_path / "log.csv"
    dialog.export_to(out)
    text = out.read_text(encoding="utf-8-sig")
    assert text.count("\n") == 2 and "geopend;4" in text
    assert "1 regels geëxporteerd" in dialog.count.text()
