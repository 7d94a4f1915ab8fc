"""Start-up: `rugschool --quit-after-startup` against a bare PySide6 window, in one run.

    make bench            (or: python bench/startup.py [--runs N] [--data-dir DIR])

Both are timed as whole processes, from exec to exit after the first paint, several times
each, interleaved so that machine noise hits both alike. Prints the medians and the ratio
(goal: at most 4). A benchmark, not a test: nothing here runs in `make test`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_RATIO = 4.0

BARE_QT = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Quit(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 760)
watcher = Quit()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        env=env,
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def measure(
    runs: int, data_dir: Path, *, demo: bool = True, program: list[str] | None = None
) -> tuple[list[float], list[float]]:
    """(app times, bare times) in seconds. `demo`: load the demo into `data_dir` first (an
    empty scratch dir); `program`: the app to start (default: this Python's rugschool)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # An installed app runs from compiled bytecode; so does this benchmark (the warm-up
    # run writes it), whatever the shell says.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = program or [sys.executable, "-m", "rugschool"]
    app = [*start, "--data-dir", str(data_dir), "--quit-after-startup"]
    bare = [sys.executable, "-c", BARE_QT]
    if demo:
        subprocess.run(
            [*start, "--data-dir", str(data_dir), "demo"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    _time(app, env), _time(bare, env)  # warm the file cache for both
    app_times, bare_times = [], []
    for _ in range(runs):
        app_times.append(_time(app, env))
        bare_times.append(_time(bare, env))
    return app_times, bare_times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="an existing data dir (for example bench/large_data.py's); default: the demo",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        app_times, bare_times = measure(
            args.runs, args.data_dir or Path(scratch), demo=args.data_dir is None
        )
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    ratio = app_median / bare_median
    for label, times, median in (
        ("bare PySide6 window", bare_times, bare_median),
        ("rugschool", app_times, app_median),
    ):
        print(f"{label:<20}: median {median * 1000:7.0f} ms  worst {max(times) * 1000:7.0f} ms")
    verdict = "met" if ratio <= GOAL_RATIO else "MISSED"
    print(f"ratio               : {ratio:.2f} (goal at most {GOAL_RATIO:.0f}: {verdict})")


if __name__ == "__main__":
    main()
