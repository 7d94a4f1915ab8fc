"""Deelnemers → Privacy: access, erasure, retention review, research file, from the screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from rugschool.services.bundle import Services
from rugschool.services.participants import ParticipantInput
from rugschool.settings import RETENTION_YEARS
from rugschool.ui.events import Events
from rugschool.ui.participants_screen import ParticipantsScreen


def _screen(qtbot: QtBot, services: Services) -> ParticipantsScreen:
    screen = ParticipantsScreen(services.participants, Events(), services=services)
    qtbot.addWidget(screen)
    return screen


def test_access_export_writes_a_pdf_and_json_and_logs_it(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    services.load_demo()
    screen = _screen(qtbot, services)
    screen.table.selectRow(0)
    chosen = screen.selected()
    assert chosen is not None and screen.privacy is not None
    written = screen.privacy.export_access(chosen.id, tmp_path)
    assert written is not None
    data = json.loads(next(p for p in written if p.suffix == ".json").read_text("utf-8"))
    assert chosen.full_name.split()[0] in json.dumps(data, ensure_ascii=False)
    assert any(p.suffix == ".pdf" and p.stat().st_size > 1000 for p in written)
    assert services.audit.rows(participant_id=chosen.id)[0].action == "access_export"


def test_erasing_from_the_screen_and_from_the_retention_list(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.load_demo()
    old = services.participants.create(ParticipantInput("Oud", "Dossier")).id
    with services.db.transaction() as s:  # someone last seen in 1990, never in a group
        s.execute(
            text("UPDATE participants SET created_at = '1990-05-01' WHERE id = :i"), {"i": old}
        )
    services.settings.set(RETENTION_YEARS, 20)
    screen = _screen(qtbot, services)
    assert screen.privacy is not None
    dialog = screen.privacy.show_retention()
    qtbot.addWidget(dialog)
    assert [r.participant_id for r in dialog.rows] == [old]
    dialog.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a: QMessageBox.StandardButton.Yes)
    dialog.erase_chosen()
    assert dialog.rows == [] and dialog.empty.isVisibleTo(dialog)
    assert services.participants.count() == 10
    assert services.audit.rows(participant_id=old)[0].action == "erased"


def test_the_research_file_holds_only_those_who_consented(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    services.load_demo()
    screen = _screen(qtbot, services)
    assert screen.privacy is not None
    out = tmp_path / "onderzoek.csv"
    count = screen.privacy.research_export(out)
    assert count is not None and out.exists()
    body = out.read_text(encoding="utf-8-sig")
    for row in services.participants.rows():
        assert row.full_name not in body
