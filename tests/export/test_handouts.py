"""The papers participants take home: read back from the PDF itself."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from rugschool.errors import NotFound
from rugschool.export.base import Practice
from rugschool.export.handouts import EducationHandout, PersonalHandout, PrintRun
from rugschool.i18n import current_language
from rugschool.services.bundle import Services
from rugschool.services.demo import load_demo
from rugschool.services.pacing_rules import PacingBlock
from rugschool.services.participants import ParticipantInput
from rugschool.services.programme import ProgrammeService
from rugschool.services.self_management import ExposureInput, PlanInput, SmartGoalText
from tests.conftest import clear_measures_and_tools
from tests.export.pdf_checks import (
    assert_fonts_embedded,
    assert_no_overlaps,
    page_texts,
    reader,
    text,
)

TODAY = dt.date(2026, 11, 25)
PRACTICE = Practice("Fysio & Zo", "Markt 1\n1234 AB Dorp")


@pytest.fixture
def demo(services: Services) -> Services:
    load_demo(services.db)
    return services


def _group(services: Services) -> int:
    return services.groups.rows()[0].id


def _rename(services: Services, pid: int, first: str, last: str, **extra: object) -> None:
    data = services.participants.get(pid).data
    fields = {**data.__dict__, "first_name": first, "name_prefix": "", "last_name": last, **extra}
    services.participants.update(pid, ParticipantInput(**fields))


def test_a_handout_holds_the_person_their_levels_and_the_next_level(demo: Services) -> None:
    group = _group(demo)
    person = demo.groups.enrollments(group)[0]
    _rename(demo, person.participant_id, "Jan & <Piet>", "Çelik-Şahin")
    demo.groups.update_enrollment(person.id, personal_goal="Weer 30 minuten wandelen")
    data = demo.handouts.handout(person.participant_id, group, TODAY)
    pdf = PersonalHandout(PRACTICE, data, printed_on=TODAY).build()
    found = text(pdf)
    assert "Jan & <Piet> Çelik-Şahin" in found
    assert "Weer 30 minuten wandelen" in found
    assert "Fysio & Zo" in found and "25-11-2026" in found
    programme = ProgrammeService(demo.db).current("nl")
    for exercise, shown in zip(programme.exercises, data.exercises, strict=True):
        assert exercise.name in found
        level = exercise.levels[shown.now.number - 1]
        assert f"niveau {shown.now.number} van 4" in found
        assert " ".join(level.instruction.split())[:60] in found
    # Someone below the top level sees the next level "when this goes well".
    assert "Als dit goed gaat" in found
    # The practice log covers eight weeks from this week's Monday.
    assert "23-11-2026" in found and "11-01-2027" in found
    for heading in (
        "Opbouwschema (graded activity)",
        "Angstladder (exposure)",
        "Weekplanning (pacing)",
        "Mijn doel",
    ):
        assert heading in found
    assert_fonts_embedded(pdf)


def test_the_levels_are_the_ones_recorded_last(demo: Services) -> None:
    group = _group(demo)
    person = demo.groups.enrollments(group)[0]
    sessions = [s for s in demo.schedule.sessions(group) if s.kind == "exercise"]
    recorder = demo.recording()
    recorder.check_in(sessions[4].id, person.participant_id, present=True)
    recorder.record(sessions[4].id, person.participant_id, "thighs", level=4, pain=1)
    data = demo.handouts.handout(person.participant_id, group, TODAY)
    thighs = next(e for e in data.exercises if e.position == 7)
    assert thighs.now.number == 4 and thighs.next is None


def test_a_handout_is_in_the_participants_own_language(demo: Services) -> None:
    group = _group(demo)
    person = demo.groups.enrollments(group)[1]
    _rename(demo, person.participant_id, "Łukasz", "Wróbel", language="en")
    data = demo.handouts.handout(person.participant_id, group, TODAY)
    pdf = PersonalHandout(PRACTICE, data, printed_on=TODAY).build()
    found = text(pdf)
    assert "My exercises at home" in found and "When this goes well" in found
    assert "page 1 of" in found
    english = ProgrammeService(demo.db).current("en")
    assert english.exercises[0].name in found
    assert current_language() == "nl"  # the app itself still speaks Dutch


def test_large_print_is_at_least_14_points(demo: Services) -> None:
    group = _group(demo)
    person = demo.groups.enrollments(group)[0]
    data = demo.handouts.handout(person.participant_id, group, TODAY)
    normal = PersonalHandout(PRACTICE, data, printed_on=TODAY)
    large = PersonalHandout(PRACTICE, data, large_print=True, printed_on=TODAY)
    assert large.styles.body.fontSize >= 14 > normal.styles.body.fontSize
    assert large.styles.small.fontSize >= 14 and large.styles.cell.fontSize >= 12
    assert len(page_texts(large.build())) > len(page_texts(normal.build()))


def test_the_print_run_starts_everyone_on_an_odd_page(demo: Services) -> None:
    group = _group(demo)
    handouts = demo.handouts.group_handouts(group, TODAY)
    pdf = PrintRun(PRACTICE, handouts, "groep", printed_on=TODAY).build()
    pages = page_texts(pdf)
    firsts = [i + 1 for i, page in enumerate(pages) if re.search(r"(pagina|page) 1 (van|of)", page)]
    assert len(firsts) == len(handouts) == 10
    assert all(page % 2 == 1 for page in firsts)
    for data, first in zip(handouts, firsts, strict=True):
        assert data.name in " ".join(pages[first - 1].split())
    assert_fonts_embedded(pdf)
    assert_no_overlaps(pdf)


def test_the_education_handout_holds_each_message_and_room_for_questions(
    demo: Services,
) -> None:
    group = _group(demo)
    session = next(s for s in demo.schedule.sessions(group) if s.kind == "education")
    data = demo.handouts.education(session.id)
    pdf = EducationHandout(PRACTICE, data, printed_on=TODAY).build()
    found = text(pdf)
    for theme in data.content.themes:
        for message in theme.messages:
            assert " ".join(message.title.split()) in found
            assert " ".join(message.explanation.split())[:50] in found
    assert "Mijn vragen" in found


def test_unknown_people_groups_and_sessions_are_refused(demo: Services) -> None:
    group = _group(demo)
    with pytest.raises(NotFound, match="deelnemer"):
        demo.handouts.handout(999, group)
    with pytest.raises(NotFound, match="groep"):
        demo.handouts.handout(1, 999)
    exercise = next(s for s in demo.schedule.sessions(group) if s.kind == "exercise")
    with pytest.raises(NotFound):
        demo.handouts.education(exercise.id)


def test_what_was_agreed_prints_filled_in(demo: Services) -> None:
    group = _group(demo)
    person = demo.groups.enrollments(group)[0]
    clear_measures_and_tools(demo.db)  # the demo's own plan for this person would come first
    tools = demo.self_management
    tools.save_smart_goal(
        person.id, SmartGoalText(specific="Elke dag wandelen", value="Buiten zijn")
    )
    plan = tools.create_plan(
        person.id,
        PlanInput("Wandelen", (25.0, 30.0, 35.0), 40.0, 5, TODAY - dt.timedelta(days=8)),
    )
    tools.log(plan.id, TODAY - dt.timedelta(days=7), 23)
    tools.set_exposure(person.id, [ExposureInput(1, "Bukken naar de vaatwasser", 6)])
    tools.set_pacing(
        person.id,
        [
            PacingBlock(1, "morning", "Boodschappen"),
            PacingBlock(1, "afternoon", "Liggen", kind="rest"),
        ],
    )
    data = demo.handouts.handout(person.participant_id, group, TODAY)
    found = text(PersonalHandout(PRACTICE, data, printed_on=TODAY).build())
    assert "Elke dag wandelen" in found and "Buiten zijn" in found
    assert "Wandelen (minuten)" in found
    assert "22,5 minuten" in found and "26 minuten" in found  # start, then +3.5 a week
    assert "23 × 1" in found  # logged in week 1
    assert "Bukken naar de vaatwasser" in found
    assert "Boodschappen" in found and "Liggen (rust)" in found


def test_the_print_run_holds_what_each_handout_holds(demo: Services) -> None:
    group = _group(demo)
    handouts = demo.handouts.group_handouts(group, TODAY)  # the programme read once for all
    alone = [demo.handouts.handout(h.participant_id, group, TODAY) for h in handouts]
    assert len(handouts) == 10 and handouts == alone


def test_a_photo_chosen_between_two_print_runs_is_in_the_second(
    demo: Services, tmp_path: Path
) -> None:
    group = _group(demo)
    drawing = demo.handouts.group_handouts(group, TODAY)[0].exercises[0].picture
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (300, 200), "white").save(photo, "JPEG")

    demo.pictures.replace(drawing.stem, photo)
    again = demo.handouts.group_handouts(group, TODAY)

    shown = again[0].exercises[0].picture
    assert shown.suffix == ".jpg" and shown.name.startswith(drawing.stem)
    pdf = PrintRun(PRACTICE, again, "groep", printed_on=TODAY).build()
    resources: Any = reader(pdf).pages[0]["/Resources"]
    pictures = resources["/XObject"].values()
    drawn = [x.get_object()["/Resources"].get("/XObject", {}) for x in pictures]
    assert any(x.get_object()["/Subtype"] == "/Image" for inner in drawn for x in inner.values())
