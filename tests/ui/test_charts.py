"""Each chart built from the demo's real recordings, and what it draws checked."""

from __future__ import annotations

import pyqtgraph as pg
from pytestqt.qtbot import QtBot

from rugschool.models import Database
from rugschool.services.progress import group_progress, participant_progress
from rugschool.services.progression import PainBands
from rugschool.ui import charts


def _curves(plot: pg.PlotWidget) -> list[pg.PlotDataItem]:
    return [i for i in plot.getPlotItem().items if isinstance(i, pg.PlotDataItem)]


def test_the_level_chart_has_a_line_per_exercise_done(qtbot: QtBot, demo_db: Database) -> None:
    progress = participant_progress(demo_db, 1, 1)
    plot = charts.level_chart(progress.levels)
    qtbot.addWidget(plot)
    curves = _curves(plot)
    assert len(curves) == 8
    for curve, series in zip(curves, progress.levels, strict=True):
        xs, ys = curve.getData()
        assert list(xs) == [n for n, _level in series.points]
        assert [round(y) for y in ys] == [level for _n, level in series.points]
    assert len(plot.getPlotItem().legend.items) == 8


def test_the_pain_chart_shades_the_three_bands(qtbot: QtBot, demo_db: Database) -> None:
    progress = participant_progress(demo_db, 1, 1)
    plot = charts.pain_chart(progress.report.pain, PainBands())
    qtbot.addWidget(plot)
    regions = [i for i in plot.getPlotItem().items if isinstance(i, pg.LinearRegionItem)]
    assert sorted(r.getRegion() for r in regions) == [(0, 2), (2, 5), (5, 10)]
    highest, _mean = _curves(plot)
    scored = [p for p in progress.report.pain if p.highest is not None]
    assert list(highest.getData()[1]) == [p.highest for p in scored]


def test_the_group_charts_count_people(qtbot: QtBot, demo_db: Database) -> None:
    progress = group_progress(demo_db, 1)
    attendance = charts.attendance_chart(progress.report.sessions)
    qtbot.addWidget(attendance)
    bars = [i for i in attendance.getPlotItem().items if isinstance(i, pg.BarGraphItem)]
    held = [s for s in progress.report.sessions if s.recorded]
    assert list(bars[1].opts["height"]) == [s.present for s in held]
    row = progress.distribution[0]
    stacked = charts.distribution_chart(row, progress.weeks)
    qtbot.addWidget(stacked)
    layers = [i for i in stacked.getPlotItem().items if isinstance(i, pg.BarGraphItem)]
    assert len(layers) == row.levels
    per_week = [
        sum(layer.opts["height"][w] for layer in layers) for w in range(len(progress.weeks))
    ]
    assert per_week == [sum(week) for week in row.counts]


def test_every_chart_shows_all_its_points_without_menus(qtbot: QtBot, demo_db: Database) -> None:
    """The x range is fitted once, not at every item added: it must still hold them all."""
    progress = participant_progress(demo_db, 1, 1)
    group = group_progress(demo_db, 1)
    plots = [
        charts.level_chart(progress.levels),
        charts.pain_chart(progress.report.pain, PainBands()),
        charts.attendance_chart(group.report.sessions),
        charts.distribution_chart(group.distribution[0], group.weeks),
    ]
    for plot in plots:
        qtbot.addWidget(plot)
        plot.resize(640, 300)
        plot.grab()  # the range is fitted as the chart is painted
        assert plot.getPlotItem().getViewBox().menu is None  # no menu is built
        (left, right), (bottom, top) = plot.viewRange()
        for item in plot.getPlotItem().items:
            if isinstance(item, pg.PlotDataItem):
                xs, ys = item.getData()
                assert left <= min(xs) and max(xs) <= right
                assert bottom <= min(ys) and max(ys) <= top
            elif isinstance(item, pg.BarGraphItem):
                xs = item.opts["x"]
                assert left <= min(xs) - 0.3 and max(xs) + 0.3 <= right  # whole bars


def test_a_line_is_not_redrawn_when_the_range_changes(qtbot: QtBot, demo_db: Database) -> None:
    plot = charts.level_chart(participant_progress(demo_db, 1, 1).levels)
    qtbot.addWidget(plot)
    redrawn: list[object] = []
    for curve in _curves(plot):
        curve.sigPlotChanged.connect(redrawn.append)
    plot.setYRange(0, 8)
    plot.setXRange(0, 20)
    assert redrawn == []
