from __future__ import annotations

import datetime as dt
import re

from reportlab.platypus import Flowable

from rugschool.export.base import BaseDocument, Practice
from tests.export.pdf_checks import assert_fonts_embedded, page_texts, text

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
