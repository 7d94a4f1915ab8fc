"""Reading a PDF back the way a test needs it: text per page, fonts, page count."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(data).pages]


def text(data: bytes) -> str:
    """All text, with line breaks turned into spaces (a wrapped name reads as one)."""
    return " ".join(" ".join(page_texts(data)).split())


def _fonts(resources: Any, found: dict[str, bool]) -> None:
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        descendants = font.get("/DescendantFonts")
        target = descendants[0].get_object() if descendants else font
        descriptor = target.get("/FontDescriptor")
        embedded = descriptor is not None and any(
            key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        found[str(font.get("/BaseFont"))] = embedded
    for xobject in (resources.get("/XObject") or {}).values():
        _fonts(xobject.get_object().get("/Resources"), found)


def fonts(data: bytes) -> dict[str, bool]:
    """Every font used on any page (forms included), and whether it is embedded."""
    found: dict[str, bool] = {}
    for page in reader(data).pages:
        _fonts(page.get("/Resources"), found)
    return found


def assert_fonts_embedded(data: bytes) -> None:
    used = fonts(data)
    assert used, "no fonts at all"
    assert all(used.values()), f"not embedded: {[n for n, e in used.items() if not e]}"
    assert all("DejaVu" in name for name in used), used


@dataclass(frozen=True)
class Run:
    """One piece of text as drawn: where its baseline starts, how wide and tall it is."""

    page: int
    x: float
    y: float
    width: float
    size: float
    text: str


def text_runs(data: bytes) -> list[Run]:
    """Every piece of text with its position (points from the bottom left of the page)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from rugschool.export.base import FONT, register_fonts

    register_fonts()
    runs: list[Run] = []
    for number, page in enumerate(reader(data).pages, start=1):

        def visit(text: str, cm: Any, tm: Any, _font: Any, size: float, n: int = number) -> None:
            if not text.strip():
                return
            scale = abs(tm[0] * cm[0]) or 1.0
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            height = size * scale
            line = text.strip("\n")
            last = runs[-1] if runs else None
            if last and (last.page, round(last.x, 1), round(last.y, 1)) == (
                n,
                round(x, 1),
                round(y, 1),
            ):
                # pypdf reports the pieces of one line (bold, then plain) at the line's start.
                line = last.text + line
                runs.pop()
            width = stringWidth(line, FONT, height)
            runs.append(Run(n, x, y, width, height, line))

        page.extract_text(visitor_text=visit)
    return runs


def _collide(a: Run, b: Run) -> bool:
    across = a.x < b.x + b.width - 1 and b.x < a.x + a.width - 1
    # Two lines of text overlap when their baselines are closer than most of a line.
    return across and abs(a.y - b.y) < 0.6 * min(a.size, b.size)


def assert_no_overlaps(data: bytes) -> None:
    """No two pieces of text drawn over each other, and nothing outside the paper's
    margins (a table that runs off the page, a line through the footer)."""
    from rugschool.export.base import MARGIN, PAGE_WIDTH

    runs = text_runs(data)
    assert runs, "no text at all"
    outside = [r for r in runs if r.x < MARGIN - 2 or r.x + r.width > PAGE_WIDTH - MARGIN + 6]
    assert not outside, outside[:3]
    pages: dict[int, list[Run]] = {}
    for run in runs:
        pages.setdefault(run.page, []).append(run)
    for page_runs in pages.values():
        for i, a in enumerate(page_runs):
            clash = [b for b in page_runs[i + 1 :] if _collide(a, b)]
            assert not clash, (a, clash[:2])
