"""The benchmarks are not tests, but their code must keep running: once, on tiny data."""

from __future__ import annotations

from pathlib import Path

from bench.recording import measure


def test_the_recording_benchmark_runs(tmp_path: Path) -> None:
    times = measure(5, tmp_path)
    assert len(times) == 5 and all(t > 0 for t in times)
