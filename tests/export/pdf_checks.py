"""Reading a PDF back the way a test needs it: text per page, fonts, page count."""

from __future__ import annotations

import io
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
