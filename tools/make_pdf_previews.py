"""Render the first page of every printed document, from the demo, into docs/screenshots/.

    python tools/make_pdf_previews.py      (needs pdftoppm, from poppler-utils)

The README shows these pages; run it again after changing a document's layout.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from rugschool.config import sqlite_url
from rugschool.export.documents import Documents, Made
from rugschool.models.migrate import open_database
from rugschool.services.bundle import Services
from rugschool.services.demo import load_demo

TARGET = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
RESOLUTION = 60  # dots per inch: a readable thumbnail of an A4 page


def _documents(services: Services) -> dict[str, Made]:
    documents = Documents(services)
    group = services.groups.rows()[0].id
    sessions = services.schedule.sessions(group)
    education = next(s for s in sessions if s.kind == "education")
    exercise = [s for s in sessions if s.kind == "exercise"]
    first = services.groups.enrollments(group)[0]
    return {
        "pdf-thuisprogramma": documents.handout(first.participant_id, group),
        "pdf-voorlichting": documents.education(education.id),
        "pdf-registratieformulier": documents.sheet(exercise[4].id),
        "pdf-verslag-bijeenkomst": documents.summary(exercise[3].id),
        "pdf-eindverslag": documents.report(first.participant_id, group),
        "pdf-groepsverslag": documents.group_report(group),
    }


def _render(pdf: Path, page: int, name: str) -> None:
    at = str(page)
    command = ["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", at, "-l", at, "-singlefile"]
    subprocess.run([*command, str(pdf), str(TARGET / name)], check=True)
    print(TARGET / f"{name}.png")


def _page_with(pdf: Path, words: str) -> int:
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    return next(n for n, page in enumerate(pages, 1) if words in (page.extract_text() or ""))


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        database = open_database(sqlite_url(folder / "demo.sqlite3"), folder).database
        load_demo(database)
        services = Services(database, folder)
        for name, made in _documents(services).items():
            pdf = made.write(folder / f"{name}.pdf")
            _render(pdf, 1, name)
            if name == "pdf-eindverslag":  # and the page with the outcome measures
                _render(pdf, _page_with(pdf, "Uitkomstmaten"), "pdf-eindverslag-uitkomstmaten")
        services.close()


if __name__ == "__main__":
    main()
