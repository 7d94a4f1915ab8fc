"""The registration form and the session summary, read back from the PDF."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from rugschool.export.base import Practice
from rugschool.export.session_documents import SessionSheet, SessionSummary
from rugschool.i18n import set_language
from rugschool.models import Database
from rugschool.services.recording import RecordingService
from rugschool.services.session_report import sheet_data, summary_data
from tests.export.pdf_checks import assert_fonts_embedded, assert_no_overlaps, page_texts, text
from tests.services.test_session_report import add_people, rename, sessions

PRACTICE = Practice("Fysio & Co <Centrum>", "Dorpsstraat 1\n1234 AB Ergens")
DAY = dt.date(2026, 11, 25)
DASH = "\u2013"
NAMES = {1: ("Zoë", "", "Çelik-Şahin"), 8: ("Łukasz", "", "Wróbel"), 3: ("Jan", "", "& <Piet>")}


@pytest.fixture
def demo(demo_db: Database) -> Database:
    """The demo, in English, with names that test the fonts and the escaping."""
    set_language("en")  # the Dutch of these documents is not compiled yet
    for pid, (first, prefix, last) in NAMES.items():
        rename(demo_db, pid, first, prefix, last)
    return demo_db


def full(pid: int) -> str:
    return " ".join(part for part in NAMES[pid] if part)


# ---------------------------------------------------------------------- the form


def test_the_sheet_prints_names_and_planned_levels(demo: Database) -> None:
    _education, exercise = sessions(demo)
    data = sheet_data(demo, exercise[4].id)
    pdf = SessionSheet(PRACTICE, data, printed_on=DAY).build()
    assert_fonts_embedded(pdf)
    assert_no_overlaps(pdf)
    found = text(pdf)
    assert "Registration form" in found and "Exercise session 5" in found
    assert "Sanne Visser (lead), Koen Claes (assistant)" in found
    assert "Fysio & Co <Centrum>" in found
    first_half, second_half = (
        [e.key for e in data.exercises[:4]],
        [e.key for e in data.exercises[4:]],
    )
    for row in data.participants:
        name = re.escape(row.name)
        levels = [str(row.planned[k]) for k in first_half]
        assert re.search(rf"{name} yes / no {' '.join(levels)}\b", found), row.name
        levels = [str(row.planned[k]) for k in second_half]
        assert re.search(rf"{name} {' '.join(levels)}\b", found), row.name
    for pid in NAMES:
        assert full(pid) in found
    assert "Pain: 0 = no pain, 10 = the worst pain imaginable." in found


def test_the_sheet_puts_each_half_of_the_exercises_on_its_own_page(demo: Database) -> None:
    _education, exercise = sessions(demo)
    data = sheet_data(demo, exercise[4].id)
    pages = [" ".join(page.split()) for page in page_texts(SessionSheet(PRACTICE, data).build())]
    assert len(pages) == 2
    assert "Exercises 1 to 4" in pages[0] and data.exercises[3].name in pages[0]
    assert "Exercises 5 to 8" in pages[1] and data.exercises[7].name in pages[1]
    assert "Exercise session 5" in pages[1]  # a loose page still says what it is
    assert all(full(3) in page for page in pages)


def test_a_long_sheet_flows_over_pages_with_its_header_repeated(demo: Database) -> None:
    _education, exercise = sessions(demo)
    add_people(demo, 20)
    data = sheet_data(demo, exercise[4].id)
    assert len(data.participants) == 30
    pdf = SessionSheet(PRACTICE, data, printed_on=DAY).build()
    assert_no_overlaps(pdf)
    pages = page_texts(pdf)
    assert len(pages) >= 4
    for page in pages:
        assert "Participant" in page and re.search(r"Plan\s+Lvl\s+Pain", page)
    assert sum("Extra 19 Test" in page for page in pages) == 2  # once per half
    assert re.search(r"page 1 of \d", pages[0])


def test_an_education_sheet_is_an_attendance_list(demo: Database) -> None:
    education, _exercise = sessions(demo)
    pdf = SessionSheet(PRACTICE, sheet_data(demo, education[0].id), printed_on=DAY).build()
    found = text(pdf)
    assert "Education session 1" in found and full(1) in found
    assert "Plan" not in found and "Settled?" not in found


# ---------------------------------------------------------------------- the summary


def test_the_summary_shows_cells_changes_and_attention_points(demo: Database) -> None:
    _education, exercise = sessions(demo)
    third, fourth = exercise[2].id, exercise[3].id
    recording = RecordingService(demo)
    recording.record(fourth, 3, "thighs", level=4, pain=7)
    recording.set_pain_settled(fourth, 8, False)
    recording.check_in(third, 1, present=False, reason="on holiday")
    recording.check_in(fourth, 1, present=False, reason="on holiday")
    data = summary_data(demo, fourth)
    before = recording.results(third)[(3, "thighs")].level
    assert before < 4

    pdf = SessionSummary(PRACTICE, data, printed_on=DAY).build()
    assert_fonts_embedded(pdf)
    assert_no_overlaps(pdf)
    found = text(pdf)
    assert "Session summary" in found and "Exercise session 4" in found
    assert "Jan & <Piet>: pain 7 during Bovenbeenspieren, above 5" in found
    assert re.search(r"Łukasz Wróbel: [^•]*pain after the previous session had not settled", found)
    assert "Zoë Çelik-Şahin: absent twice in a row" in found
    assert re.search(r"Zoë Çelik-Şahin no on holiday", found)
    # Jan's row: "level / pain" per exercise, thighs (the seventh) now 4 / 7, one up.
    row = next(p for p in data.participants if p.participant_id == 3)
    cells = [f"{c.level} / {DASH if c.pain is None else c.pain}" for c in row.cells.values()]
    assert re.search(re.escape("Jan & <Piet> ") + r"(\S+ / \S+ ?[↑↓]? ){6}4 / 7 ↑", found), cells
    assert found.index("Attention points") < found.index("Level and pain per exercise")


def test_the_summary_of_an_education_session(demo: Database) -> None:
    education, _exercise = sessions(demo)
    RecordingService(demo).set_covered(
        education[1].id, "strong-back", True, "with <examples> & more"
    )
    pdf = SessionSummary(PRACTICE, summary_data(demo, education[1].id), printed_on=DAY).build()
    found = text(pdf)
    assert "Education session 2" in found and "Core messages covered" in found
    assert "5. Je rug is sterk en gemaakt om te bewegen." in found
    assert "with <examples> & more" in found
    assert "Level and pain per exercise" not in found
    assert "No attention points." in found


def test_the_summary_of_a_session_not_recorded_yet(demo: Database) -> None:
    _education, exercise = sessions(demo)
    pdf = SessionSummary(PRACTICE, summary_data(demo, exercise[4].id), printed_on=DAY).build()
    found = text(pdf)
    assert "Nothing has been recorded for this session yet." in found
    assert full(3) in found and "Attention points" not in found


def test_the_summary_prints_theme_and_notes(demo: Database) -> None:
    _education, exercise = sessions(demo)
    RecordingService(demo).record(exercise[2].id, 3, "buttocks", level=2, note="knee & <hip>")
    pdf = SessionSummary(PRACTICE, summary_data(demo, exercise[2].id), printed_on=DAY).build()
    found = text(pdf)
    assert "Theme of the day Wat is pijn?" in found
    assert "Jan & <Piet>, Bilspieren: knee & <hip>" in found
    found = text(SessionSummary(PRACTICE, summary_data(demo, exercise[3].id)).build())
    assert "The participants' own experiences Ervaringen met bewegen thuis" in found


def test_a_long_summary_flows_over_pages_with_its_header_repeated(demo: Database) -> None:
    _education, exercise = sessions(demo)
    add_people(demo, 20, exercise[3].id)
    data = summary_data(demo, exercise[3].id)
    pdf = SessionSummary(PRACTICE, data, printed_on=DAY).build()
    assert_no_overlaps(pdf)
    pages = page_texts(pdf)
    assert len(pages) >= 3
    with_rows = [page for page in pages if "2 / 1" in page]  # the newcomers' cells
    assert len(with_rows) >= 2
    for page in with_rows:
        assert re.search(r"Participant\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8", page)
    found = text(SessionSummary(PRACTICE, data).build())
    assert all(f"Extra {n:02d} Test" in found for n in range(20))


def test_the_summary_lists_the_course_flags_of_that_day(demo: Database) -> None:
    _education, exercise = sessions(demo)
    # The demo's second person had pain 7 in the third and the fourth exercise session.
    before = summary_data(demo, exercise[2].id)
    assert not before.flags  # one session of high pain is not yet a flag
    data = summary_data(demo, exercise[3].id)
    [(pid, flags)] = data.flags.items()
    assert [f.kind for f in flags] == ["pain_above_band"]
    found = text(SessionSummary(PRACTICE, data, printed_on=DAY).build())
    name = next(p.name for p in data.participants if p.participant_id == pid)
    assert "Course flags" in found and name in found and flags[0].title in found
