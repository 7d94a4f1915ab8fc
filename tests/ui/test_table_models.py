"""The table models pass Qt's model checks and refresh from change notices."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from rugschool.services.bundle import Services
from rugschool.services.participants import ParticipantInput
from rugschool.ui.events import Events
from rugschool.ui.group_table_model import GroupTableModel
from rugschool.ui.participant_table_model import ParticipantTableModel
from rugschool.ui.row_table_model import ROW_ROLE


def test_the_participant_model(
    qtmodeltester: ModelTester, services: Services, events: Events
) -> None:
    services.load_demo()
    model = ParticipantTableModel(services.participants, events)
    qtmodeltester.check(model)
    assert model.rowCount() == 10
    assert model.index(0, 0).data() == "Berg, Jan van der"  # sorted under B in the Netherlands
    assert model.index(0, 1).data() == "30-06-1957"
    assert model.index(0, 0).data(ROW_ROLE).id == 3

    services.participants.create(ParticipantInput(first_name="Nieuw", last_name="Lid"))
    assert model.rowCount() == 10  # nothing announced yet
    events.participants_changed.emit()
    assert model.rowCount() == 11


def test_the_group_model(qtmodeltester: ModelTester, services: Services, events: Events) -> None:
    model = GroupTableModel(services.groups, events)
    assert model.rowCount() == 0
    services.load_demo()
    events.groups_changed.emit()
    qtmodeltester.check(model)
    assert model.index(0, 3).data() == "10 van 12"
    assert model.index(0, 4).data() == "Sanne Visser, Koen Claes"
