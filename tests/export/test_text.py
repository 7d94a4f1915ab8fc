"""Paragraphs parsed and broken into lines once per document draw exactly what fresh
ReportLab paragraphs draw: on a page, in a table, kept together, and split over pages."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from rugschool.export.base import FRAME_WIDTH, make_styles, table_style
from rugschool.export.text import EmptyCell, Text, Texts
from tests.export.pdf_checks import page_texts

Make = Callable[[str, ParagraphStyle], Flowable]

ADVICE = "Doe de oefening rustig en met <b>controle</b>; stop als de pijn toeneemt. "


def _story(make: Make) -> list[Flowable]:
    styles = make_styles()
    story: list[Flowable] = []
    for week in range(1, 4):
        story.append(make("Mijn oefeningen", styles.heading))
        story.append(Spacer(1, 190 * mm))
        story.append(make(ADVICE * 15, styles.body))  # low on the page: split over two
        story.append(PageBreak())
        story.append(make(ADVICE * 15, styles.body))  # at the top: the same text, whole
        story.append(make(f"Week {week}", styles.small))
        cells = [make(ADVICE * 3, styles.cell), make(ADVICE * 3, styles.cell)]  # two widths
        story.append(Table([cells], colWidths=[60 * mm, 100 * mm]))
        story.append(
            KeepTogether([make("Hoeveel: 2 × 10", styles.body), make(ADVICE, styles.body)])
        )
        story.append(PageBreak())
    return story


def _pdf(story: list[Flowable]) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def test_shared_paragraphs_make_the_same_pdf_as_fresh_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    splits: list[Text] = []
    split = Text.split

    def counted(self: Text, avail_width: float, avail_height: float) -> list[Flowable]:
        splits.append(self)
        return split(self, avail_width, avail_height)

    monkeypatch.setattr(Text, "split", counted)
    shared = _pdf(_story(Texts().paragraph))
    fresh = _pdf(_story(Paragraph))

    assert splits  # a paragraph was split, and its copy drawn whole after that
    assert len(page_texts(fresh)) == 9
    assert shared == fresh  # invariant mode: the same bytes


def test_an_empty_cell_takes_the_room_of_an_empty_paragraph() -> None:
    styles = make_styles()
    for row in (["", "", ""], ["1", "", "12-01-2026"]):
        paragraphs = [Paragraph(cell, styles.cell) for cell in row]
        empties = [EmptyCell() if cell == "" else Paragraph(cell, styles.cell) for cell in row]
        sizes = [
            Table([cells], colWidths=[30 * mm] * 3, style=table_style(header_rows=0)).wrap(
                FRAME_WIDTH, 500
            )
            for cells in (paragraphs, empties)
        ]
        assert sizes[0] == sizes[1]


def _lines(paragraph: Paragraph) -> list[str]:
    return ["".join(getattr(w, "text", "") for w in line.words) for line in paragraph.blPara.lines]


def test_a_paragraph_splits_its_own_lines_never_those_it_shares() -> None:
    # ReportLab's split may change the lines it splits (it adds spaces, it turns hyphens
    # into line ends): the copies of the text keep the lines as they were made.
    body = make_styles().body
    texts = Texts()
    first, second = (texts.paragraph(ADVICE * 15, body) for _ in range(2))
    first.wrap(FRAME_WIDTH, 1000)
    second.wrap(FRAME_WIDTH, 1000)
    assert first.blPara is second.blPara  # broken into lines once
    before = _lines(second)

    top, rest = first.split(FRAME_WIDTH, 100)

    assert first.blPara is not second.blPara
    assert _lines(second) == before
    rest.wrap(FRAME_WIDTH, 1000)
    assert [*_lines(top), *_lines(rest)] == before  # nothing lost or moved in the split
