from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from rugschool.export.base import BaseDocument, Practice
from tests.export.pdf_checks import (
    assert_fonts_embedded,
    assert_no_overlaps,
    page_texts,
    reader,
    text,
)

NAMES = ["Zoë de Vries", "Ayşe Çelik", "Emre Şahin", "Łukasz Wróbel", "Jan & <Piet> Smit"]


class _Names(BaseDocument):
    title = "Namen"

    def __init__(self, practice: Practice, parts: dict[str, int], **kw: object) -> None:
        super().__init__(practice, printed_on=dt.date(2026, 11, 25))
        self.parts = parts

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for name, paragraphs in self.parts.items():
            story += self.part(name, name, odd_page=True)
            story.append(self.para(name, self.styles.title))
            story += [self.para(f"{name} " * 40) for _ in range(paragraphs)]
        return story


PRACTICE = Practice("Fysio & Co <Centrum>", "Dorpsstraat 1\n1234 AB Ergens")


def test_unicode_and_markup_characters_print_as_typed() -> None:
    data = _Names(PRACTICE, dict.fromkeys(NAMES, 1)).build()
    found = text(data)
    for name in NAMES:
        assert name in found
    assert "Fysio & Co <Centrum>" in found
    assert "1234 AB Ergens" in found
    assert_fonts_embedded(data)


def test_pages_count_per_part_and_parts_start_on_odd_pages() -> None:
    # One paragraph is three lines: Bram's forty fill four pages, the others one each.
    data = _Names(PRACTICE, {"Anna": 1, "Bram": 40, "Cees": 1}).build()
    pages = page_texts(data)
    firsts = [i + 1 for i, page in enumerate(pages) if re.search(r"pagina 1 van \d", page)]
    assert firsts == [1, 3, 7]
    assert pages[1].strip() == ""  # the back of Anna's single page stays blank
    assert "Bram" in pages[5] and "pagina 4 van 4" in pages[5]
    assert "Cees" in pages[6] and "pagina 1 van 1" in pages[6]
    assert len(pages) == 7


class _Overlapping(BaseDocument):
    title = "Overlap"

    def __init__(self, story: list[Flowable]) -> None:
        super().__init__(PRACTICE, printed_on=dt.date(2026, 11, 25))
        self._story = story

    def story(self) -> list[Flowable]:
        return self._story


def test_the_overlap_check_finds_text_drawn_over_text_and_off_the_page() -> None:
    styles = _Overlapping([]).styles
    clean = _Overlapping([Paragraph("Eerste regel", styles.body), Paragraph("Tweede", styles.body)])
    assert_no_overlaps(clean.build())
    on_top = _Overlapping(
        [Paragraph("Eerste regel", styles.body), Spacer(1, -14), Paragraph("Tweede", styles.body)]
    )
    with pytest.raises(AssertionError):
        assert_no_overlaps(on_top.build())
    too_wide = _Overlapping([Table([["x" * 40, "y" * 60]], colWidths=[300, 400])])
    with pytest.raises(AssertionError):
        assert_no_overlaps(too_wide.build())


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 40), "#1f4e5f").save(out, "PNG")
    return out.getvalue()


def test_the_practice_logo_is_in_the_header_and_a_broken_one_is_left_out() -> None:
    with_logo = Practice("Fysio", "", _png())
    pdf = _Names(with_logo, {"Anna": 1}).build()
    resources: Any = reader(pdf).pages[0]["/Resources"]
    assert resources.get_object().get("/XObject")  # the logo, drawn as an image
    broken = Practice("Fysio", "", b"not a picture")
    assert "Anna" in text(_Names(broken, {"Anna": 1}).build())


def test_the_logo_is_stored_once_and_shown_on_every_printed_page() -> None:
    pdf = _Names(Practice("Fysio", "", _png()), {"Anna": 1, "Bram": 40}).build()
    pages: list[Any] = list(reader(pdf).pages)
    shown = [
        tuple(x.idnum for x in (page["/Resources"].get_object().get("/XObject") or {}).values())
        for page in pages
    ]
    assert len(shown) == 6 and shown[1] == ()  # the blank back of Anna's page
    printed = {xobjects for number, xobjects in enumerate(shown) if number != 1}
    assert len(printed) == 1 and len(printed.pop()) == 1  # one logo, the same on every page
