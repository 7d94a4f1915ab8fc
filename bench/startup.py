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
from typing import NamedTuple

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


# The floor under any start of Rugschool: the bare window, plus importing SQLAlchemy's ORM and
# our mapped models and configuring them, which the app cannot start without. What the app
# takes beyond this is its own (screens, queries, the first page).
STACK_QT = (
    "import rugschool.models\n"
    "from sqlalchemy.orm import configure_mappers\n"
    "configure_mappers()\n" + BARE_QT
)


class Times(NamedTuple):
    """Whole-process times in seconds: the app, the bare window, and the stack's floor."""

    app: list[float]
    bare: list[float]
    stack: list[float]


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
) -> Times:
    """Every run of the app, the bare window and the floor, interleaved. `demo`: load the
    demo into `data_dir` first (an empty scratch dir); `program`: the app to start (default:
    this Python's rugschool; the floor always runs in this Python)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # An installed app runs from compiled bytecode; so does this benchmark (the warm-up
    # run writes it), whatever the shell says.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = program or [sys.executable, "-m", "rugschool"]
    app = [*start, "--data-dir", str(data_dir), "--quit-after-startup"]
    bare = [sys.executable, "-c", BARE_QT]
    stack = [sys.executable, "-c", STACK_QT]
    if demo:
        subprocess.run(
            [*start, "--data-dir", str(data_dir), "demo"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    _time(app, env), _time(bare, env), _time(stack, env)  # warm the file cache for all
    found = Times([], [], [])
    for _ in range(runs):
        found.app.append(_time(app, env))
        found.bare.append(_time(bare, env))
        found.stack.append(_time(stack, env))
    return found


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
        times = measure(args.runs, args.data_dir or Path(scratch), demo=args.data_dir is None)
    ratio = statistics.median(times.app) / statistics.median(times.bare)
    for label, runs in (
        ("bare PySide6 window", times.bare),
        ("floor (ORM + models)", times.stack),
        ("rugschool", times.app),
    ):
        median, worst = statistics.median(runs) * 1000, max(runs) * 1000
        print(f"{label:<20}: median {median:7.0f} ms  worst {worst:7.0f} ms")
    verdict = "met" if ratio <= GOAL_RATIO else "MISSED"
    print(f"ratio               : {ratio:.2f} (goal at most {GOAL_RATIO:.0f}: {verdict})")


if __name__ == "__main__":
    main()
