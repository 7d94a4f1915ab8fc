"""Paragraphs for documents that say the same things many times.

A group's print run repeats most of its texts for every person in it: the advice, the
headings, an exercise's instruction at a level, the labels and numbers of the forms. Its
`Texts` parse each piece of markup once per style, and break it into lines once per
width; the blank boxes of a form get no paragraph at all (`EmptyCell`). What is drawn is
exactly what a fresh paragraph draws.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.rl_config import _FUZZ

# What ReportLab's Paragraph.wrap() sets: the size, the lines (and the fragments they
# were broken from), and its counters. Nothing else is shared: a frame and the page
# template keep their own notes on each paragraph (_frame, _postponed).
_MADE_BY_WRAP = (
    "width",
    "height",
    "blPara",
    "_wrapWidths",
    "frags",
    "_width_max",
    "_hyphenations",
    "_splitLongWordCount",
)

Key = tuple[str, int]  # the markup and the id of its style
Made = dict[str, Any]  # what wrap() set on the paragraph: width, height, lines, ...


class Text(Paragraph):
    """A paragraph that breaks its lines once per width. ReportLab wraps a paragraph
    again at the same width to keep a block together, to place a table and to draw its
    cells; and the same text in the same style breaks into the same lines everywhere."""

    _wrapped: tuple[float, Made] | None = None  # the last width and what it made
    _shared: dict[tuple[Key, float], Made] | None = None  # the document's line breaks
    _key: Key = ("", 0)
    _parsed: Any = None  # the fragments as parsed, before any line breaking

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width < _FUZZ:  # no room at all: ReportLab's own answer
            width, height = super().wrap(avail_width, avail_height)
            return width, height
        if self._wrapped is None or self._wrapped[0] != avail_width:
            self._wrapped = (avail_width, self._lines(avail_width, avail_height))
        self.__dict__.update(self._wrapped[1])
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self._shared is not None:
            # Splitting changes the lines it splits: make them this paragraph's own first.
            width = self._wrapped[0] if self._wrapped else avail_width
            self._shared = None
            self._wrapped = (width, self._break(width, avail_height))
        return list(super().split(avail_width, avail_height))

    def _lines(self, width: float, height: float) -> Made:
        if self._shared is None:
            return self._break(width, height)
        key = (self._key, width)
        made = self._shared.get(key)
        if made is None:
            made = self._shared[key] = self._break(width, height)
        return made

    def _break(self, width: float, height: float) -> Made:
        if self._parsed is not None:  # as a fresh paragraph would, whatever came before
            self.frags = self._parsed
        Paragraph.wrap(self, width, height)
        return {k: self.__dict__[k] for k in _MADE_BY_WRAP if k in self.__dict__}


class Texts:
    """The paragraphs of one document."""

    def __init__(self) -> None:
        # (markup, id of style): the style given (so that its id stays its own), the
        # style and fragments the parser made
        self._parsed: dict[Key, tuple[ParagraphStyle, ParagraphStyle, Any]] = {}
        self._lines: dict[tuple[Key, float], Made] = {}

    def paragraph(self, markup: str, style: ParagraphStyle) -> Text:
        key = (markup, id(style))
        parsed = self._parsed.get(key)
        if parsed is None:
            text = Text(markup, style)
            self._parsed[key] = (style, text.style, text.frags)
        else:
            text = Text(markup, parsed[1], frags=parsed[2])
        text._shared, text._key, text._parsed = self._lines, key, text.frags
        return text


class EmptyCell(Flowable):
    """A table cell with nothing in it. It takes no room and draws nothing, as an empty
    paragraph does, without a paragraph's parsing and line breaking."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 0

    def draw(self) -> None:
        pass

    def minWidth(self) -> float:  # ReportLab's name
        return 0
