from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from rugschool.export.base import Practice, date_text
from rugschool.export.measures_pages import ARROW, MINUS, PILOT_SOURCE
from rugschool.export.progress_charts import ActivityPlan
from rugschool.export.reports import DASH, EndReport, GroupReport
from rugschool.i18n import set_language
from rugschool.models import Database, Instrument, Moment
from rugschool.services.bundle import Services
from rugschool.services.course_report import end_report_data, group_report_data
from rugschool.services.measures import MeasureService
from rugschool.services.participants import ParticipantInput
from rugschool.services.progress import GroupProgress, group_progress, participant_progress
from rugschool.services.schedule import SessionRow
from tests.export.pdf_checks import assert_fonts_embedded, assert_no_overlaps, page_texts, text

PRACTICE = Practice("Fysio & Co <Centrum>", "Dorpsstraat 1\n1234 AB Ergens")
PRINTED = dt.date(2026, 11, 25)
NAMES = (("Zoë", "", "Çelik-Şahin"), ("Łukasz", "", "Wróbel"), ("Jan & <Piet>", "van", "Dam"))
KEYS = ("abdominals", "back-muscles", "thighs")
DAY = dt.date(2026, 9, 1)


def _group_id(services: Services) -> int:
    return services.groups.rows()[0].id


def _people(services: Services, group_id: int) -> list[int]:
    return [e.participant_id for e in services.groups.enrollments(group_id)]


def _exercise_sessions(services: Services, group_id: int) -> list[SessionRow]:
    return [x for x in services.schedule.sessions(group_id) if x.kind == "exercise"]


def _rename(services: Services, participant_id: int, first: str, prefix: str, last: str) -> str:
    data = services.participants.get(participant_id).data
    new = dataclasses.replace(data, first_name=first, name_prefix=prefix, last_name=last)
    services.participants.update(participant_id, new)
    return " ".join(x for x in (first, prefix, last) if x)


def _rename_three(services: Services, group_id: int) -> list[str]:
    people = _people(services, group_id)
    return [_rename(services, pid, *name) for pid, name in zip(people, NAMES, strict=False)]


def _body(data: bytes, *decoration: str) -> str:
    """The text of every page without its header and footer, pages joined: a paragraph
    that runs on over a page break reads as one."""
    pages = []
    for number, page in enumerate(page_texts(data), start=1):
        for line in [*PRACTICE.address.splitlines(), PRACTICE.name, *decoration]:
            page = page.replace(line, " ")
        page = page.replace(f"page {number} of {len(page_texts(data))}", " ")
        pages.append(page)
    return " ".join(" ".join(pages).split())


def _clear_measures(services: Services, group_id: int) -> None:
    """The demo's own measures away: these tests record their own."""
    measures = MeasureService(services.db)
    for e in services.groups.enrollments(group_id):
        for row in measures.for_enrollment(e.id):
            measures.remove(e.id, row.instrument, row.moment)


def _measure(services: Services, enrollment_id: int, moment: Moment, level: int) -> None:
    """NPRS, PSK, QBPDS and ODI at one moment; `level` 0 (well) to 2 (as at the intake)."""
    measures = MeasureService(services.db)
    measures.record(enrollment_id, "nprs", moment, {"back": 3 + 2 * level, "leg": 1 + level}, DAY)
    activities = [["Tuinieren & <bukken>", 4 + 2 * level], ["Fietsen", 4 + level]]
    measures.record(enrollment_id, "psk", moment, {"activities": activities}, DAY)
    measures.record(enrollment_id, "qbpds", moment, {"items": [1 + level] * 20}, DAY)
    measures.record(enrollment_id, "odi", moment, {"total": 20 + 6 * level}, DAY)


def _end_report(db: Database, participant_id: int, group_id: int) -> bytes:
    data = end_report_data(db, participant_id, group_id)
    return EndReport(PRACTICE, data, printed_on=PRINTED).build()


def test_end_report_says_who_what_and_how_it_went(demo_db: Database, services: Services) -> None:
    set_language("en")
    group_id = _group_id(services)
    _clear_measures(services, group_id)
    pid = _people(services, group_id)[0]
    name = _rename(services, pid, *NAMES[0])
    enrollment = services.groups.enrollments(group_id)[0]
    conclusion = "Zoë exercises on her own now & lifts <heavy> boxes without fear."
    services.groups.update_enrollment(enrollment.id, conclusion=conclusion, goal_outcome="partly")
    report = end_report_data(demo_db, pid, group_id)
    data = EndReport(PRACTICE, report, printed_on=PRINTED).build()
    found = text(data)
    for expected in (
        name,
        "14-03-1978",
        "Huisartsenpraktijk De Linde",
        "Rugschool dinsdag en donderdag",
        "Weer een uur in de tuin werken zonder te stoppen.",
        "partly reached",
        "Exercise sessions attended: 4 of 16",
        "Education sessions attended: 2 of 2",
        conclusion,
        "Pain during the course",
        "Highest pain",
        "Mean pain",
        "Fysio & Co <Centrum>",
    ):
        assert expected in found, expected
    for e in report.exercises:
        assert f"{e.position}. {e.name} {e.start} {e.now} {DASH}" in found, e
    assert "Outcome measures" not in found
    assert "issue 7" not in found
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_names_print_as_typed_in_either_language(
    demo_db: Database, services: Services, language: str
) -> None:
    set_language(language)
    group_id = _group_id(services)
    names = _rename_three(services, group_id)
    for pid, name in zip(_people(services, group_id), names, strict=False):
        data = _end_report(demo_db, pid, group_id)
        assert name in text(data)
        assert_fonts_embedded(data)
        assert_no_overlaps(data)


def test_someone_with_nothing_recorded_gets_a_report(demo_db: Database, services: Services) -> None:
    set_language("en")
    group_id = _group_id(services)
    person = services.participants.create(ParticipantInput("Łukasz", "Wróbel"))
    services.groups.enroll(group_id, person.id)
    data = _end_report(demo_db, person.id, group_id)
    found = text(data)
    assert "Łukasz Wróbel" in found
    assert "Exercise sessions attended: 0 of 16" in found
    assert "Nothing has been recorded for this participant in this course yet." in found
    assert "No pain was scored during this course." in found
    assert "No conclusion has been written yet." in found
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def _record_whole_course(services: Services, group_id: int, people: list[int]) -> None:
    """Exercise sessions 5 to 16 for everyone in `people` (the demo has 1 to 4)."""
    recording = services.recording()
    for x in _exercise_sessions(services, group_id)[4:]:
        for index, pid in enumerate(people):
            away = (index + x.number) % 7 == 0
            reason = "op vakantie in het buitenland, komt volgende week terug"
            recording.check_in(x.id, pid, present=not away, reason=reason if away else "")
            if away or index > 2:
                continue
            for n, key in enumerate(KEYS):
                level = min(4, 1 + (x.number + n) // 5)
                recording.record(x.id, pid, key, level=level, pain=(x.number + n) % 8)


def test_a_long_course_flows_over_pages_without_losing_text(
    demo_db: Database, services: Services
) -> None:
    set_language("en")
    group_id = _group_id(services)
    pid = _people(services, group_id)[0]
    name = _rename(services, pid, *NAMES[0])
    _record_whole_course(services, group_id, [pid])
    paragraphs = [
        f"Paragraph {n}: {name} did the exercises at home & in the group <every week>. " * 6
        for n in range(1, 31)
    ]
    enrollment = services.groups.enrollments(group_id)[0]
    services.groups.update_enrollment(enrollment.id, conclusion="\n\n".join(paragraphs))
    data = _end_report(demo_db, pid, group_id)
    pages = page_texts(data)
    assert len(pages) > 2
    body = _body(data, date_text(PRINTED), f"End report {name}")
    for paragraph in paragraphs:
        assert " ".join(paragraph.split()) in body
    assert "Exercise sessions attended: 14 of 16" in body  # away at sessions 7 and 14
    # The chart and its heading stay on one page.
    chart_page = next(page for page in pages if "Pain during the course" in page)
    assert "Highest pain" in chart_page
    assert "Exercise session" in chart_page
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def test_group_report_shows_attendance_and_levels(demo_db: Database, services: Services) -> None:
    set_language("en")
    group_id = _group_id(services)
    # The report names only those who were away: give them the hard names.
    pids = {e.name: e.participant_id for e in services.groups.enrollments(group_id)}
    away = [a.name for row in group_report_data(demo_db, group_id).sessions for a in row.absent]
    names = [_rename(services, pids[old], *new) for old, new in zip(away, NAMES, strict=False)]
    report = group_report_data(demo_db, group_id)
    data = GroupReport(PRACTICE, report, printed_on=PRINTED).build()
    found = text(data)
    for expected in (
        "Group report",
        "Rugschool dinsdag en donderdag",
        "Sanne Visser, Koen Claes",
        "Education session 1 ",
        "Exercise session 4 ",
        "9 of 10",
        "Level progression",
        "Mean level over the course",
        "8. Lunge and balance",
    ):
        assert expected in found, expected
    for row in report.sessions:
        for absentee in row.absent:
            assert absentee.name in found
    for p in report.progression:
        assert f"{p.position}. {p.name} {p.levels} {p.moved_up} of {p.tracked}" in found
    assert len(names) == 3
    for name in names:
        assert name in found
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def test_a_long_group_report_repeats_table_headers(demo_db: Database, services: Services) -> None:
    set_language("en")
    group_id = _group_id(services)
    _rename_three(services, group_id)
    _record_whole_course(services, group_id, _people(services, group_id))
    report = group_report_data(demo_db, group_id)
    assert report.level_sessions == tuple(range(1, 17))
    data = GroupReport(PRACTICE, report, printed_on=PRINTED).build()
    pages = [" ".join(page.split()) for page in page_texts(data)]
    assert len(pages) > 1
    found = text(data)
    for row in report.sessions:
        for absentee in row.absent:
            assert absentee.name in found
    first = next(i for i, page in enumerate(pages) if "Education session 1" in page)
    last = next(i for i, page in enumerate(pages) if "Exercise session 16 " in page)
    for page in pages[first : last + 1]:
        assert "Session Date Present Absent" in page
    chart_page = next(page for page in pages if "Mean level over the course" in page)
    assert "8. Lunge and balance" in chart_page
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def test_dutch_reports_build(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    _record_whole_course(services, group_id, _people(services, group_id)[:2])
    group = GroupReport(PRACTICE, group_report_data(demo_db, group_id), printed_on=PRINTED)
    data = group.build()
    assert "Groepsverslag" in text(data)
    assert f"{MINUS}1,2" in text(data)  # the Danish pilot's back pain, a decimal comma
    assert "1.730" in text(data)
    assert_fonts_embedded(data)
    assert_no_overlaps(data)
    end = _end_report(demo_db, _people(services, group_id)[0], group_id)
    assert "Zoë de Vries" in text(end)
    assert "14 van 16" in text(end)  # away at sessions 7 and 14
    assert_fonts_embedded(end)
    assert_no_overlaps(end)


def test_end_report_shows_the_outcome_measures(demo_db: Database, services: Services) -> None:
    set_language("en")
    group_id = _group_id(services)
    _clear_measures(services, group_id)
    enrollment = services.groups.enrollments(group_id)[0]
    for moment, level in ((Moment.INTAKE, 2), (Moment.MID, 1), (Moment.END, 0)):
        _measure(services, enrollment.id, moment, level)
    MeasureService(demo_db).record(
        enrollment.id, Instrument.EXTENSOR_ENDURANCE, Moment.INTAKE, {"value": 45}, DAY
    )
    MeasureService(demo_db).record(
        enrollment.id, Instrument.EXTENSOR_ENDURANCE, Moment.END, {"value": 80}, DAY
    )
    data = _end_report(demo_db, enrollment.participant_id, group_id)
    found = text(data)
    for expected in (
        "Outcome measures Measure At intake At the end Change",
        f"PSK own activities, mean 0-10 Tuinieren & <bukken>; Fietsen 7 4 {MINUS}3 (better)",
        f"QBPDS daily activities, 0-100 60 20 {MINUS}40 (better)",
        f"NPRS back pain, 0-10 7 3 {MINUS}4 (better)",
        f"NPRS leg pain, 0-10 3 1 {MINUS}2 (better)",
        f"ODI disability, 0-100 % 32 20 {MINUS}12 (better)",
        "Back-extensor endurance seconds held 45 80 +35 (better)",
        # The chart over the three moments.
        "Intake Halfway End of course",
        "Measuring moment",
        "PSK: own activities, mean 0-10",
        "QBPDS: daily activities, 0-100",
        "NPRS: back pain, 0-10",
    ):
        assert expected in found, expected
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def test_one_moment_gives_a_table_without_a_chart(demo_db: Database, services: Services) -> None:
    set_language("en")
    group_id = _group_id(services)
    _clear_measures(services, group_id)
    enrollment = services.groups.enrollments(group_id)[0]
    _measure(services, enrollment.id, Moment.INTAKE, 2)
    data = _end_report(demo_db, enrollment.participant_id, group_id)
    found = text(data)
    assert f"NPRS back pain, 0-10 7 {DASH} {DASH}" in found
    assert "Measuring moment" not in found
    assert_no_overlaps(data)


def test_group_report_beside_the_danish_figures(demo_db: Database, services: Services) -> None:
    set_language("en")
    group_id = _group_id(services)
    _clear_measures(services, group_id)
    people = services.groups.enrollments(group_id)
    for e in people[:4]:
        _measure(services, e.id, Moment.INTAKE, 2)
        _measure(services, e.id, Moment.END, 1)
    report = group_report_data(demo_db, group_id)
    data = GroupReport(PRACTICE, report, printed_on=PRINTED).build()
    found = text(data)
    for expected in (
        "Results beside the Danish GLA:D Back figures",
        "Danish pilot (n = 78, after 4 months) Danish national data",
        # The group's mean change with its n, beside the pilot's and the national figure.
        f"NPRS back pain, 0-10 {MINUS}2 (better) 7 {ARROW} 5, n = 4 {MINUS}1.2 {MINUS}1.7",
        f"ODI disability, 0-100 % {MINUS}6 (better) 32 {ARROW} 26, n = 4 {MINUS}6.5 {DASH}",
        f"PSK own activities, mean 0-10 {MINUS}1.5 (better)",
        f"QBPDS daily activities, 0-100 {MINUS}20 (better)",
        f"Attendance came to most exercise sessions 0% (0 of 10) {DASH} 52% of 1,730",
        PILOT_SOURCE,
        "national Danish GLA:D Back data",
        "Small numbers: some of these means rest on only 4 people.",
        "The course is still running",
    ):
        assert expected in found, expected
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def test_group_report_without_measures_still_names_the_figures(
    demo_db: Database, services: Services
) -> None:
    set_language("en")
    group_id = _group_id(services)
    _clear_measures(services, group_id)
    data = GroupReport(PRACTICE, group_report_data(demo_db, group_id), printed_on=PRINTED).build()
    found = text(data)
    assert "NPRS back pain, 0-10 not measured at both the intake and the end yet" in found
    assert "Nobody in this group has been measured at both the intake and the end yet." in found
    assert "ODI" not in found and "QBPDS" not in found
    assert PILOT_SOURCE in found
    assert_no_overlaps(data)


# ---------------------------------------------------------------------- the progress charts


def _activity(services: Services, enrollment_id: int) -> ActivityPlan:
    tools = services.self_management
    plan = tools.plans(enrollment_id)[0]
    return plan.data.activity, plan.data.unit, tools.schedule(plan.id, PRINTED)


def _with_charts(db: Database, services: Services, group_id: int) -> tuple[bytes, bytes]:
    """The first person's end report with and without the progress charts."""
    enrollment = services.groups.enrollments(group_id)[0]
    progress = participant_progress(db, enrollment.participant_id, group_id)
    activity = _activity(services, enrollment.id)
    charted = EndReport(
        PRACTICE, progress.report, levels=progress.levels, activity=activity, printed_on=PRINTED
    ).build()
    return charted, EndReport(PRACTICE, progress.report, printed_on=PRINTED).build()


def test_end_report_charts_levels_pain_bands_and_activity(
    demo_db: Database, services: Services
) -> None:
    set_language("en")
    group_id = _group_id(services)
    progress = participant_progress(demo_db, _people(services, group_id)[0], group_id)
    data, plain = _with_charts(demo_db, services, group_id)
    found, without = text(data), text(plain)
    for expected in (
        "Level per exercise over the course",
        "Graded activity plan",
        "Activity: Wandelen (minutes)",
        "How much each time (minutes)",
        "Planned",
    ):
        assert expected in found, expected
        assert expected not in without, expected
    for band in ("safe 0-2", "acceptable 3-5", "too high 6-10"):
        assert band in found and band in without
    # Each exercise in the table, and now in the level chart's legend too.
    for series in progress.levels:
        name = f"{series.position}. {series.name}"
        assert (without.count(name), found.count(name)) == (1, 2), name
    chart_page = next(p for p in page_texts(data) if "Level per exercise over the course" in p)
    assert all(s.name in chart_page for s in progress.levels)
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def test_dutch_end_report_charts_a_whole_course(demo_db: Database, services: Services) -> None:
    group_id = _group_id(services)
    pid = _people(services, group_id)[0]
    _record_whole_course(services, group_id, [pid])
    data, _plain = _with_charts(demo_db, services, group_id)
    found = text(data)
    assert "Eindverslag" in found
    for band in ("veilig 0-2", "acceptabel 3-5", "te hoog 6-10"):
        assert band in found
    assert "Wandelen (minuten)" in found
    for series in participant_progress(demo_db, pid, group_id).levels:
        assert found.count(f"{series.position}. {series.name}") == 2
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def _group_reports(db: Database, group_id: int) -> tuple[GroupProgress, bytes, bytes]:
    progress = group_progress(db, group_id)
    charted = GroupReport(PRACTICE, progress.report, progress=progress, printed_on=PRINTED)
    plain = GroupReport(PRACTICE, progress.report, printed_on=PRINTED)
    return progress, charted.build(), plain.build()


def test_group_report_charts_attendance_and_levels_per_week(
    demo_db: Database, services: Services
) -> None:
    set_language("en")
    progress, data, plain = _group_reports(demo_db, _group_id(services))
    found, without = text(data), text(plain)
    for expected in (
        "Attendance per session",
        "Expected Present",
        "Levels per week of the course",
        "Level 1 Level 2 Level 3 Level 4",
        "Week of the course",
    ):
        assert expected in found, expected
        assert expected not in without, expected
    assert len(progress.distribution) == 8
    for row in progress.distribution:
        name = f"{row.position}. {row.name}"
        assert found.count(name) == without.count(name) + 1, name  # a small chart's title
    assert_fonts_embedded(data)
    assert_no_overlaps(data)


def test_a_whole_course_keeps_the_level_charts_together(
    demo_db: Database, services: Services
) -> None:
    set_language("en")
    group_id = _group_id(services)
    _record_whole_course(services, group_id, _people(services, group_id))
    progress, data, _plain = _group_reports(demo_db, group_id)
    assert len(progress.weeks) == 8
    pages = page_texts(data)
    # The heading, the legend and the first row of small charts share a page.
    first = next(p for p in pages if "Levels per week of the course" in p)
    for row in progress.distribution[:2]:
        assert f"{row.position}. {row.name}" in first
    assert "Level 1" in first
    assert_fonts_embedded(data)
    assert_no_overlaps(data)
