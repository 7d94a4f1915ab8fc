"""A practice with ten years of data, built fast for the benchmarks.

    python bench/large_data.py [--scale 1.0]     (prints the data dir)

10,000 participants, 1,000 groups (seven in ten fixed courses of 12 people and 16 exercise
sessions, three in ten rolling groups of 40 sessions that people join in turn, about 12 at a
time), two education sessions each, attendance (about 92 % present), 8 exercise results per
person present (levels climbing, pain asked about half the time), two measures (NPRS at
intake and end) and two appointments per enrollment (done, but in the running group):
about 2,000,000 exercise results.

Rows go in with SQLAlchemy Core's executemany, in one transaction per table, never through
the services. The result is cached under bench/.cache/, keyed by the schema's head revision
and this builder's version: a new migration or a change here builds it again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Table, select

from rugschool.config import sqlite_url
from rugschool.models import (
    Appointment,
    Attendance,
    Enrollment,
    ExerciseLevel,
    ExerciseResult,
    Group,
    GroupSession,
    Measurement,
    Participant,
    ProgrammeExercise,
    Therapist,
)
from rugschool.models.base import fold
from rugschool.models.core import group_therapists
from rugschool.models.migrate import HEAD_REVISION, open_database
from rugschool.paths import DATABASE_FILE
from rugschool.services.programme_install import install_default_programmes
from rugschool.services.settings import SettingsService
from rugschool.settings import PRACTICE_ADDRESS, PRACTICE_NAME

BUILDER_VERSION = 2  # raise it when the shapes below change: the cache is then rebuilt
CACHE = Path(__file__).resolve().parent / ".cache"
CHUNK = 50_000

FIRST = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Emma",
    "Fatima",
    "Gert",
    "Hanneke",
    "Ibrahim",
    "Jeroen",
    "Karin",
    "Lars",
    "Mila",
    "Noah",
    "Olga",
    "Pieter",
    "Quinten",
    "Rosa",
    "Sem",
    "Tess",
    "Umut",
    "Vera",
    "Willem",
    "Yara",
    "Zoë",
    "Mehmet",
    "Łukasz",
    "Elif",
    "Inge",
    "Femke",
    "Joost",
    "Marloes",
    "Kees",
    "Wilma",
    "Ahmed",
    "Sanne",
    "Bas",
    "Lieke",
    "Ruud",
    "Nadia",
]
PREFIXES = ("", "", "", "", "de", "van", "van der", "van den", "ten", "van 't")
LAST = [
    "Jansen",
    "Visser",
    "Smit",
    "Meijer",
    "Bakker",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Dijkstra",
    "Kok",
    "Jacobs",
    "Vermeulen",
    "Maas",
    "Claes",
    "Peeters",
    "Maes",
    "Wouters",
    "Çelik",
    "Yılmaz",
    "Şahin",
    "Nowak",
    "Kowalski",
    "Berg",
    "Hof",
    "Vries",
    "Wit",
    "Graaf",
    "Boer",
    "Linden",
    "Heuvel",
    "Broek",
    "Leeuwen",
    "Dam",
    "Veen",
    "Beek",
    "Groot",
]


@dataclass(frozen=True)
class Shape:
    participants: int = 10_000
    groups: int = 1_000
    fixed_share: float = 0.7
    fixed_size: int = 12
    fixed_sessions: int = 16
    rolling_people: int = 30
    rolling_sessions: int = 40
    present: float = 0.92

    def scaled(self, scale: float) -> Shape:
        return Shape(
            participants=max(24, round(self.participants * scale)),
            groups=max(2, round(self.groups * scale)),
        )


@dataclass(frozen=True)
class LargeData:
    """Where the data is, and what the benchmarks open in it: a session halfway through
    the newest fixed group (12 people, earlier sessions recorded) and one of its people."""

    data_dir: str
    group_id: int
    session_id: int
    participant_id: int
    participants: int
    groups: int
    results: int
    seconds: float

    @property
    def database(self) -> Path:
        return Path(self.data_dir) / DATABASE_FILE


def cached(scale: float = 1.0, cache: Path = CACHE) -> LargeData:
    """The data at this scale, built once per schema revision and builder version."""
    folder = cache / f"practice-{HEAD_REVISION}-v{BUILDER_VERSION}-x{scale:g}"
    meta = folder / "bench.json"
    if meta.exists():
        return LargeData(**json.loads(meta.read_text()))
    for stale in cache.glob(f"practice-*-x{scale:g}"):
        shutil.rmtree(stale)
    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    data = build(building, Shape().scaled(scale))
    building.rename(folder)
    data = LargeData(**{**asdict(data), "data_dir": str(folder)})
    meta.write_text(json.dumps(asdict(data)))
    return data


def build(folder: Path, shape: Shape, seed: int = 12) -> LargeData:
    start = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(sqlite_url(folder / DATABASE_FILE), folder).database
    install_default_programmes(db)
    settings = SettingsService(db)
    settings.set(PRACTICE_NAME, "Fysiotherapie De Lange Adem")
    settings.set(PRACTICE_ADDRESS, "Stationsweg 1\n3511 AA Utrecht")
    rng = random.Random(seed)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA synchronous=OFF")
        builder = _Builder(conn, shape, rng)
        counts = builder.run()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    db.close()
    return LargeData(
        data_dir=str(folder),
        group_id=builder.bench_group,
        session_id=builder.bench_session,
        participant_id=builder.bench_participant,
        participants=shape.participants,
        groups=shape.groups,
        results=counts,
        seconds=round(time.perf_counter() - start, 1),
    )


def _table(entity: type) -> Table:
    return cast(Table, entity.__table__)  # type: ignore[attr-defined]


def _insert(conn: Connection, table: Table, rows: Iterator[dict[str, Any]]) -> int:
    """executemany in chunks (bounded memory), all inside the caller's transaction."""
    done, chunk = 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            conn.execute(table.insert(), chunk)
            done, chunk = done + len(chunk), []
    if chunk:
        conn.execute(table.insert(), chunk)
    return done + len(chunk)


class _Builder:
    def __init__(self, conn: Connection, shape: Shape, rng: random.Random) -> None:
        self.conn, self.shape, self.rng = conn, shape, rng
        self.today = dt.date.today()
        version_id, self.exercises = self._programme()
        self.version_id = version_id
        self.bench_group = self.bench_session = self.bench_participant = 0

    def _programme(self) -> tuple[int, list[tuple[int, list[int]]]]:
        """The Dutch programme's exercises (not the warm-up), each with its level ids."""
        rows = self.conn.execute(
            select(ProgrammeExercise.version_id, ProgrammeExercise.id, ExerciseLevel.id)
            .join(ExerciseLevel, ExerciseLevel.exercise_id == ProgrammeExercise.id)
            .where(ProgrammeExercise.kind == "exercise")
            .order_by(
                ProgrammeExercise.version_id, ProgrammeExercise.position, ExerciseLevel.number
            )
        ).all()
        version_id = rows[0][0]
        levels: dict[int, list[int]] = {}
        for version, exercise_id, level_id in rows:
            if version == version_id:
                levels.setdefault(exercise_id, []).append(level_id)
        return version_id, list(levels.items())

    def run(self) -> int:
        self._therapists()
        _insert(self.conn, _table(Participant), self._participants())
        plans = self._groups()
        enrollments = self._enrollments(plans)
        sessions = self._sessions(plans)
        self._attendance_and_results(plans, sessions, enrollments)
        return self.results

    def _therapists(self) -> None:
        names = ("Sanne Visser", "Koen Claes", "Iris de Boer", "Ruben Mertens")
        self.conn.execute(
            _table(Therapist).insert(),
            [{"name": n, "active": True} for n in names],
        )

    def _participants(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for n in range(1, self.shape.participants + 1):
            first, prefix, last = rng.choice(FIRST), rng.choice(PREFIXES), rng.choice(LAST)
            yield {
                "id": n,
                "first_name": first,
                "name_prefix": prefix,
                "last_name": last,
                "name_key": fold(" ".join(p for p in (first, prefix, last) if p)),
                "date_of_birth": dt.date(1940 + rng.randrange(60), 1 + n % 12, 1 + n % 28),
                "phone": f"06-{rng.randrange(10**8):08d}",
                "email": f"{fold(first)}.{n}@example.nl",
                "referrer": rng.choice(("", "Huisartsenpraktijk De Linde", "Bedrijfsarts")),
                "notes": "",
                "archived": n % 40 == 0,
                "language": "en" if n % 25 == 0 else "nl",
            }

    def _groups(self) -> list[dict[str, Any]]:
        """Groups spread over ten years; the newest fixed one is halfway through."""
        shape, plans = self.shape, list[dict[str, Any]]()
        first_day = self.today - dt.timedelta(days=3650)
        step = 3650 / shape.groups
        fixed_every = round(1 / (1 - shape.fixed_share)) if shape.fixed_share < 1 else 0
        for g in range(1, shape.groups + 1):
            rolling = fixed_every and g % fixed_every == 0 and g != shape.groups
            start = first_day + dt.timedelta(days=round((g - 1) * step))
            if g == shape.groups:
                start = self.today - dt.timedelta(days=28)  # sessions 1-8 done, 9-16 to come
            plans.append(
                {
                    "id": g,
                    "name": f"Rugschool {start:%Y-%m} {'doorlopend' if rolling else 'groep'} {g}",
                    "location": "Zaal 1",
                    "start_date": start,
                    "max_size": 14,
                    "archived": start < self.today - dt.timedelta(days=365),
                    "kind": "rolling" if rolling else "fixed",
                    "weekdays": [2, 4],
                    "start_time": dt.time(9 + g % 8),
                    "minutes": 60,
                    "exercise_sessions": 16,
                    "education_sessions": 2,
                    "programme_version_id": self.version_id,
                    "sessions": shape.rolling_sessions if rolling else shape.fixed_sessions,
                    "people": shape.rolling_people if rolling else shape.fixed_size,
                }
            )
        self.conn.execute(
            _table(Group).insert(),
            [{k: v for k, v in p.items() if k not in ("sessions", "people")} for p in plans],
        )
        self.conn.execute(
            group_therapists.insert(),
            [{"group_id": p["id"], "therapist_id": 1 + p["id"] % 4} for p in plans],
        )
        self.bench_group = plans[-1]["id"]
        return plans

    def _enrollments(self, plans: list[dict[str, Any]]) -> dict[int, list[tuple[int, int]]]:
        """Per group: (enrollment id, participant id); a third of the places go to people
        who came before (a second course)."""
        rng, people = self.rng, self.shape.participants
        next_new, eid = 1, 0
        rows, measures, appointments = [], [], []
        found: dict[int, list[tuple[int, int]]] = {}
        for plan in plans:
            taken: set[int] = set()
            for _ in range(plan["people"]):
                pid = next_new
                if next_new > people or (next_new > 50 and rng.random() < 0.33):
                    pid = rng.randrange(1, min(next_new, people + 1))
                    while pid in taken:
                        pid = rng.randrange(1, min(next_new, people + 1))
                else:
                    next_new += 1
                taken.add(pid)
                eid += 1
                found.setdefault(plan["id"], []).append((eid, pid))
                current = plan["id"] == self.bench_group
                status = "active" if current else ("stopped" if eid % 20 == 0 else "completed")
                rows.append(
                    {
                        "id": eid,
                        "participant_id": pid,
                        "group_id": plan["id"],
                        "start_date": plan["start_date"],
                        "status": status,
                        "personal_goal": "Weer dertig minuten wandelen.",
                        "starting_levels": {},
                        "conclusion": "",
                    }
                )
                measures += self._measures(eid, plan["start_date"], current)
                appointments += [
                    {
                        "enrollment_id": eid,
                        "kind": kind,
                        "due_on": plan["start_date"] + days,
                        # done when it was due, except in the running group
                        "done_on": None if current else plan["start_date"] + days,
                    }
                    for kind, days in (
                        ("intake", dt.timedelta(days=-7)),
                        ("final", dt.timedelta(days=63)),
                    )
                ]
        _insert(self.conn, _table(Enrollment), iter(rows))
        _insert(self.conn, _table(Measurement), iter(measures))
        _insert(self.conn, _table(Appointment), iter(appointments))
        self.bench_participant = found[self.bench_group][0][1]
        return found

    def _measures(self, eid: int, start: dt.date, current: bool) -> list[dict[str, Any]]:
        moments = (("intake", -7),) if current else (("intake", -7), ("end", 63))
        rows = []
        for moment, days in moments:
            back, leg = self.rng.randrange(11), self.rng.randrange(11)
            rows.append(
                {
                    "enrollment_id": eid,
                    "instrument": "nprs",
                    "moment": moment,
                    "taken_on": start + dt.timedelta(days=days),
                    "answers": {"back": back, "leg": leg},
                    "score": float(back),
                    "notes": "",
                }
            )
        return rows

    def _sessions(self, plans: list[dict[str, Any]]) -> dict[int, list[tuple[int, str, int]]]:
        """Per group: (session id, kind, number), twice a week from the start date."""
        rows: list[dict[str, Any]] = []
        found: dict[int, list[tuple[int, str, int]]] = {}
        sid = 0
        for plan in plans:
            start = dt.datetime.combine(plan["start_date"], plan["start_time"])
            kinds = [("education", n) for n in (1, 2)]
            kinds += [("exercise", n) for n in range(1, plan["sessions"] + 1)]
            for index, (kind, number) in enumerate(kinds):
                sid += 1
                when = start + dt.timedelta(days=index // 2 * 7 + index % 2 * 2)
                found.setdefault(plan["id"], []).append((sid, kind, number))
                rows.append(
                    {
                        "id": sid,
                        "group_id": plan["id"],
                        "kind": kind,
                        "number": number,
                        "starts_at": when,
                        "minutes": 60,
                        "lead_id": 1 + plan["id"] % 4,
                        "notes": "",
                    }
                )
                if plan["id"] == self.bench_group and kind == "exercise" and number == 9:
                    self.bench_session = sid
        _insert(self.conn, _table(GroupSession), iter(rows))
        return found

    def _attendance_and_results(
        self,
        plans: list[dict[str, Any]],
        sessions: dict[int, list[tuple[int, str, int]]],
        enrollments: dict[int, list[tuple[int, int]]],
    ) -> None:
        attendance: list[dict[str, Any]] = []
        self.results = 0

        def results() -> Iterator[dict[str, Any]]:
            for plan in plans:
                yield from self._group_results(plan, sessions, enrollments, attendance)

        self.results = _insert(self.conn, _table(ExerciseResult), results())
        _insert(self.conn, _table(Attendance), iter(attendance))

    def _group_results(
        self,
        plan: dict[str, Any],
        sessions: dict[int, list[tuple[int, str, int]]],
        enrollments: dict[int, list[tuple[int, int]]],
        attendance: list[dict[str, Any]],
    ) -> Iterator[dict[str, Any]]:
        rng, people = self.rng, [pid for _e, pid in enrollments[plan["id"]]]
        rolling = plan["kind"] == "rolling"
        done_until = 8 if plan["id"] == self.bench_group else plan["sessions"]
        levels: dict[tuple[int, int], int] = {}
        for sid, kind, number in sessions[plan["id"]]:
            if kind == "exercise" and number > done_until:
                break
            if rolling and kind == "exercise":
                # person j joins at session j * (sessions - 16) / people + 1, stays 16
                span = plan["sessions"] - 16
                expected = [
                    p
                    for j, p in enumerate(people)
                    if 0 <= number - 1 - j * span // len(people) < 16
                ]
            else:
                expected = people
            for pid in expected:
                present = rng.random() < self.shape.present
                attendance.append(
                    {
                        "session_id": sid,
                        "participant_id": pid,
                        "present": present,
                        "absence_reason": "" if present else "ziek",
                        "catch_up": False,
                        "warmup_done": present and kind == "exercise",
                    }
                )
                if not present or kind != "exercise":
                    continue
                for exercise_id, level_ids in self.exercises:
                    level = levels.get((pid, exercise_id), 1)
                    if rng.random() < 0.2 and level < len(level_ids):
                        level += 1
                    levels[(pid, exercise_id)] = level
                    pain = rng.randrange(8) if rng.random() < 0.5 else None
                    yield {
                        "session_id": sid,
                        "participant_id": pid,
                        "exercise_id": exercise_id,
                        "level_id": level_ids[level - 1],
                        "pain": pain,
                        "easy": pain == 0,
                        "note": "",
                        "next_level": None,
                    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    data = cached(args.scale)
    print(json.dumps(asdict(data), indent=2))


if __name__ == "__main__":
    main()
