"""The page machinery under every document: which part (person) a page belongs to, blank
left-hand pages so a part starts on an odd page, and a canvas that holds the pages back
until the end so that header and footer can say "page x of y"."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable


class PageMarker(Flowable):
    """Takes no room; tells the document which part the page belongs to, or makes the
    current page a blank left-hand page so that the next part starts on an odd page."""

    def __init__(
        self, doc: PagedTemplate, part: str | None = None, odd_start: bool = False
    ) -> None:
        super().__init__()
        self._doc, self._part, self._odd_start = doc, part, odd_start
        self._fills = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # On an even page at the start of a part: use up the page, leaving it blank.
        self._fills = self._odd_start and self._doc.page % 2 == 0
        return (avail_width, avail_height) if self._fills else (0, 0)

    def draw(self) -> None:
        if self._fills:
            self._doc.blank_pages.add(self._doc.page)
        elif self._part is not None:
            self._doc.current_part = self._part


class PagedTemplate(BaseDocTemplate):
    """Remembers per page the part it belongs to and which pages were left blank."""

    def __init__(self, target: io.BytesIO, **kwargs: Any) -> None:
        super().__init__(target, **kwargs)
        self.current_part = ""
        self.page_parts: dict[int, str] = {}
        self.blank_pages: set[int] = set()

    def afterPage(self) -> None:
        self.page_parts[self.page] = self.current_part


class DeferredCanvas(Canvas):
    """Holds every page back until the end, then draws header and footer on each: only
    then are the page counts known."""

    def __init__(
        self, *args: Any, decorate: Callable[[Canvas, int, int], None], font: str, **kwargs: Any
    ) -> None:
        kwargs["initialFontName"] = kwargs.get("initialFontName") or font  # never Helvetica
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            Canvas.showPage(self)
        Canvas.save(self)
