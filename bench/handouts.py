"""Handouts: the print run of a 12-person group (every home programme, each part on an odd
page) against a plain ReportLab document with as many pages, in the same process and run.

    python bench/handouts.py [--runs N] [--scale S]

Goal: the print run takes at most twice as long as the plain document. The first run of
each is a warm-up (fonts, pictures and ReportLab's own imports) and does not count.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path
from typing import Any

GOAL_RATIO = 2.0


def plain_document(pages: int) -> bytes:
    """As many A4 pages of running text, a heading and a table, in ReportLab's own fonts."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    story: list[Any] = []
    text = "Doe de oefening rustig en met controle; stop als de pijn toeneemt. " * 12
    for page in range(pages):
        story.append(Paragraph(f"Pagina {page + 1}", styles["Heading1"]))
        story += [Paragraph(text, styles["BodyText"]) for _ in range(4)]
        table = Table(
            [["Oefening", "Niveau", "Dosering"]]
            + [[f"Oefening {i}", "2", "3 x 10"] for i in range(8)]
        )
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
        story += [table, PageBreak()]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story[:-1])
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def measure(data_dir: Path, group_id: int, runs: int) -> tuple[list[float], list[float], int]:
    """(print run times, plain document times, pages), in ms; interleaved."""
    from rugschool.config import sqlite_url
    from rugschool.export.documents import Documents
    from rugschool.models.migrate import open_database
    from rugschool.paths import DATABASE_FILE
    from rugschool.services.bundle import Services

    db = open_database(sqlite_url(data_dir / DATABASE_FILE), data_dir).database
    documents = Documents(Services(db, data_dir))
    pages = page_count(documents.print_run(group_id).data)  # also the warm-up
    plain_document(pages)
    ours, plain = [], []
    for _ in range(runs):
        start = time.perf_counter()
        documents.print_run(group_id)
        ours.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        plain_document(pages)
        plain.append((time.perf_counter() - start) * 1000)
    db.close()
    return ours, plain, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.large_data import cached

    data = cached(args.scale)
    ours, plain, pages = measure(Path(data.data_dir), data.group_id, args.runs)
    print(f"{pages} pages: print run {min(ours):.0f} ms, plain ReportLab {min(plain):.0f} ms")


if __name__ == "__main__":
    main()
