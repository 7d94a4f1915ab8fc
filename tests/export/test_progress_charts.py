"""The reports' progress charts as ReportLab drawings: their lines, bars and labels counted
from the demo's data (the PDFs that hold them are tested in test_reports.py)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

import pytest
from reportlab.graphics.shapes import Drawing, Group, PolyLine, Rect, String, UserNode

from rugschool.export.base import FONT, register_fonts
from rugschool.export.progress_charts import (
    BAND_FILLS,
    EXPECTED_FILL,
    PRESENT_FILL,
    activity_chart,
    attendance_chart,
    distribution_chart,
    level_chart,
    level_fills,
    pain_bands,
    pain_chart,
)
from rugschool.models import Database
from rugschool.services.bundle import Services
from rugschool.services.graded_activity_rules import WeekRow, WeekState
from rugschool.services.progress import (
    GroupProgress,
    LevelSeries,
    ParticipantProgress,
    group_progress,
    participant_progress,
)
from rugschool.services.progression import PainBands

START = dt.date(2026, 9, 7)


@pytest.fixture(autouse=True)
def fonts() -> None:
    register_fonts()


def _shapes(node: Any) -> list[Any]:
    """Every primitive shape of a drawing in drawing order, the charts' own included."""
    found: list[Any] = []
    for child in getattr(node, "contents", []):
        if isinstance(child, UserNode):
            child = child.provideNode()
        if isinstance(child, Group):
            found += _shapes(child)
        else:
            found.append(child)
    return found


def _of(drawing: Drawing, kind: type) -> list[Any]:
    return [shape for shape in _shapes(drawing) if isinstance(shape, kind)]


def _texts(drawing: Drawing) -> list[str]:
    return [s.text for s in _of(drawing, String)]


def _filled(drawing: Drawing, *fills: Any) -> list[Rect]:
    """The rectangles in one of `fills` that have a height (a bar for nobody draws as none)."""
    return [r for r in _of(drawing, Rect) if r.fillColor in fills and r.height > 0.01]


def _assert_dejavu(drawing: Drawing) -> None:
    strings = _of(drawing, String)
    assert strings
    assert {s.fontName for s in strings} == {FONT}


def _person(db: Database, services: Services) -> ParticipantProgress:
    group_id = services.groups.rows()[0].id
    first = services.groups.enrollments(group_id)[0]
    return participant_progress(db, first.participant_id, group_id)


def _group(db: Database, services: Services) -> GroupProgress:
    return group_progress(db, services.groups.rows()[0].id)


# ---------------------------------------------------------------------- pain


def test_the_pain_chart_shades_the_bands_under_its_lines(
    demo_db: Database, services: Services
) -> None:
    progress = _person(demo_db, services)
    drawing = pain_chart(progress.report.pain, PainBands())
    shapes = _shapes(drawing)
    bands = [r for r in shapes if isinstance(r, Rect) and r.fillColor in BAND_FILLS.values()]
    assert [r.fillColor for r in bands] == list(BAND_FILLS.values())
    # 0-2, 2-5 and 5-10 on the scale, bottom to top, the full width of the plot.
    heights = [r.height for r in bands]
    assert heights[1] / heights[0] == pytest.approx(1.5)
    assert heights[2] / heights[0] == pytest.approx(2.5)
    assert bands[0].y + heights[0] == pytest.approx(bands[1].y)
    assert len({r.width for r in bands}) == 1
    lines = [x for x in shapes if isinstance(x, PolyLine)]
    assert len(lines) == 2  # highest and mean, every session scored
    assert max(shapes.index(r) for r in bands) < min(shapes.index(x) for x in lines)
    texts = _texts(drawing)
    for label in ("veilig 0-2", "acceptabel 3-5", "te hoog 6-10"):
        assert label in texts
    _assert_dejavu(drawing)


def test_other_pain_bands_shade_other_stretches() -> None:
    bands = pain_bands(PainBands(safe_max=3, acceptable_max=10))
    assert [(b.low, b.high, b.label) for b in bands] == [
        (0, 3, "veilig 0-3"),
        (3, 10, "acceptabel 4-10"),
    ]


# ---------------------------------------------------------------------- levels


def test_the_level_chart_draws_one_line_per_exercise(demo_db: Database, services: Services) -> None:
    progress = _person(demo_db, services)
    drawing = level_chart(progress.levels)
    assert drawing is not None
    lines = _of(drawing, PolyLine)
    assert len(lines) == len(progress.levels) == 8
    for series, line in zip(progress.levels, lines, strict=True):
        assert len(line.points) == 2 * len(series.points)
    # The first five start at level 1: nudged apart, none hides another.
    firsts = [line.points[1] for line, s in zip(lines, progress.levels, strict=True)]
    at_one = [y for y, s in zip(firsts, progress.levels, strict=True) if s.points[0][1] == 1]
    assert len(at_one) == 5
    assert len(set(at_one)) == 5
    texts = _texts(drawing)
    for series in progress.levels:
        assert f"{series.position}. {series.name}" in texts
    assert {"1", "2", "3", "4"} <= set(texts)
    _assert_dejavu(drawing)


def test_exercises_without_levels_are_left_out() -> None:
    done = LevelSeries("thighs", 7, "Bovenbeenspieren", 4, ((1, 2), (3, 3)))
    empty = LevelSeries("abdominals", 3, "Buikspieren", 4, ())
    assert level_chart([empty]) is None
    drawing = level_chart([empty, done])
    assert drawing is not None
    assert len(_of(drawing, PolyLine)) == 1
    assert "3. Buikspieren" not in _texts(drawing)
    assert "7. Bovenbeenspieren" in _texts(drawing)


# ---------------------------------------------------------------------- graded activity


def _weeks(done: Sequence[float | None]) -> list[WeekRow]:
    return [
        WeekRow(
            week=n,
            starts_on=START + dt.timedelta(weeks=n - 1),
            ends_on=START + dt.timedelta(weeks=n, days=-1),
            planned=20 + 5 * (n - 1),
            done=amount,
            times=0 if amount is None else 3,
            times_planned=3,
            state=WeekState.PAST,
        )
        for n, amount in enumerate(done, start=1)
    ]


def test_the_activity_chart_sets_done_beside_planned() -> None:
    drawing = activity_chart("minutes", _weeks([20, 26, None, 33, None, None]))
    lines = _of(drawing, PolyLine)
    # Done breaks where nothing was logged (weeks 1-2, then 4); planned runs through.
    assert sorted(len(line.points) // 2 for line in lines) == [1, 2, 6]
    texts = _texts(drawing)
    assert "Gedaan" in texts
    assert "Hoeveel per keer (minuten)" in texts
    assert {str(n) for n in range(1, 7)} <= set(texts)  # every week of the plan
    assert "7" not in texts
    assert "50" in texts  # planned reaches 45: the axis goes on to a round 50
    _assert_dejavu(drawing)


# ---------------------------------------------------------------------- the group


def test_the_attendance_chart_has_two_bars_per_session_checked_in(
    demo_db: Database, services: Services
) -> None:
    sessions = _group(demo_db, services).report.sessions
    held = [s for s in sessions if s.recorded]
    assert len(held) < len(sessions)  # the demo's fifth exercise session: held, not recorded
    drawing = attendance_chart(sessions)
    assert drawing is not None
    expected = _filled(drawing, EXPECTED_FILL)
    present = _filled(drawing, PRESENT_FILL)
    # One bar of each per session, and a swatch of each in the legend.
    assert len(expected) == len(present) == len(held) + 1
    bars = list(zip(expected[:-1], present[:-1], strict=True))
    for row, (wanted, came) in zip(held, bars, strict=True):
        assert came.height / wanted.height == pytest.approx(row.present / row.expected)
        assert came.x > wanted.x  # side by side, present to the right
    texts = _texts(drawing)
    assert {"V1", "V2", "1", "2", "3", "4"} <= set(texts)
    assert "5" not in texts  # the session without a check-in has no bars
    assert "Verwacht" in texts and "Aanwezig" in texts
    _assert_dejavu(drawing)
    assert attendance_chart([s for s in sessions if not s.recorded]) is None


def test_the_level_distribution_stacks_one_bar_per_week(
    demo_db: Database, services: Services
) -> None:
    progress = _group(demo_db, services)
    row = progress.distribution[0]
    assert row.counts == ((4, 5, 1, 0), (2, 5, 3, 0))
    drawing = distribution_chart(row, 10, 240)
    fills = level_fills(row.levels)
    bars = _filled(drawing, *fills)
    assert len(bars) == sum(1 for week in row.counts for n in week if n)
    by_week: dict[float, list[Rect]] = {}
    for bar in bars:
        by_week.setdefault(round(bar.x, 1), []).append(bar)
    assert len(by_week) == len(progress.weeks)
    for week, stack in zip(row.counts, by_week.values(), strict=True):
        stack.sort(key=lambda r: r.y)
        # Level 1 at the bottom, the next on top of it, heights as the counts.
        assert [fills.index(r.fillColor) for r in stack] == [i for i, n in enumerate(week) if n]
        for lower, upper in itertools.pairwise(stack):
            assert lower.y + lower.height == pytest.approx(upper.y)
        unit = stack[0].height / week[fills.index(stack[0].fillColor)]
        assert sum(r.height for r in stack) == pytest.approx(unit * sum(week))
    assert "Week van de cursus" in _texts(drawing)
    _assert_dejavu(drawing)


def test_level_shades_go_from_white_to_near_black() -> None:
    fills = level_fills(4)
    greys = [f.red for f in fills]
    assert greys[0] == 1
    assert greys == sorted(greys, reverse=True)
    assert greys[-1] < 0.25
    assert all(f.red == f.green == f.blue for f in fills)
