"""The benchmarks are not tests, but their code must keep running: once, on tiny data."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import clinic, handouts, run
from bench.large_data import Shape, cached
from bench.recording import measure


def test_the_recording_benchmark_runs(tmp_path: Path) -> None:
    times = measure(5, tmp_path)
    assert len(times) == 5 and all(t > 0 for t in times)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The ten-year practice at a scale of two groups, built once for this module."""
    return cached(0.002, tmp_path_factory.mktemp("bench-cache"))


def test_the_large_data_has_its_shapes(tiny: object) -> None:
    assert Shape().scaled(0.002).groups == 2
    assert tiny.results > 0 and tiny.session_id and tiny.participant_id  # type: ignore[attr-defined]


def test_the_clinic_benchmarks_run(tiny: object) -> None:
    found = {t.name: t.times_ms for t in clinic.measure(tiny, 1)}
    assert set(found) == set(clinic.GOALS_MS)
    assert all(times and min(times) > 0 for times in found.values())


def test_the_handout_benchmark_runs(tiny: object) -> None:
    ours, plain, pages = handouts.measure(
        Path(tiny.data_dir),  # type: ignore[attr-defined]
        tiny.group_id,  # type: ignore[attr-defined]
        1,
    )
    assert pages > 1 and ours[0] > 0 and plain[0] > 0


def test_the_table_replaces_only_its_section(tmp_path: Path, tiny: object) -> None:
    page = tmp_path / "BENCHMARKS.md"
    page.write_text(f"# Intro by hand\n\n{run.BEGIN}\nold\n{run.END}\n\nNotes by hand.\n")
    figure = run.timed("search", [1.0, 3.0, 2.0], 50.0)
    run.write(page, run.section(tiny, [figure], 3))  # type: ignore[arg-type]
    text = page.read_text()
    assert "old" not in text and "Intro by hand" in text and "Notes by hand." in text
    assert "| search | 2.00 ms | 3.00 ms | median 2.00 ms | < 50 ms | met |" in text


def test_the_startup_benchmark_runs(tiny: object) -> None:
    figures = run.run_startup(tiny, 1)  # type: ignore[arg-type]
    assert [f.benchmark.split(" (")[0] for f in figures] == ["start-up", "the floor"]
    assert figures[0].met is not None and figures[1].met is None
    assert all(f.measured.startswith("ratio ") for f in figures)
