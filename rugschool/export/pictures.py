"""Exercise pictures in a PDF: our SVG drawings (through svglib, so no Qt) or a
therapist's photo, scaled to fit a box with their proportions kept.

A group's print run shows the same few pictures on every person's pages. Each picture is
therefore drawn once per PDF, as a form (a PDF XObject), and every page that shows it
refers to that form; an SVG is parsed once per process. Both are known by the file's path,
modification time and size, so a picture changed on disk is read and drawn afresh.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

Stamp = tuple[int, int]  # modification time (ns) and size of a picture's file


def _stamp(path: Path) -> Stamp:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


@functools.lru_cache(maxsize=128)
def _svg_drawing(path: str, _stamp: Stamp) -> Any:
    from svglib.svglib import svg2rlg

    return svg2rlg(path)


@functools.lru_cache(maxsize=128)
def _photo_size(path: str, _stamp: Stamp) -> tuple[int, int]:
    width, height = ImageReader(path).getSize()
    return int(width), int(height)


class ExercisePicture(Flowable):
    """An exercise picture (our SVG drawing or a therapist's photo), scaled to fit a box
    and keeping its proportions."""

    def __init__(self, path: Path, max_width: float, max_height: float) -> None:
        super().__init__()
        self._path = path
        stamp = _stamp(path)
        self._drawing = _svg_drawing(str(path), stamp) if path.suffix.lower() == ".svg" else None
        if self._drawing is not None:
            width, height = self._drawing.width, self._drawing.height
        else:  # a photo: its file is never changed in place (a new one gets a new name)
            width, height = _photo_size(str(path), stamp)
        self._natural = (width, height)
        self._form = "picture" + hashlib.sha1(f"{path}\0{stamp}".encode()).hexdigest()[:20]
        self._scale = min(max_width / width, max_height / height)
        self.width, self.height = width * self._scale, height * self._scale

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if not canvas.hasForm(self._form):
            self._make_form(canvas)
        canvas.saveState()
        canvas.scale(self._scale, self._scale)
        canvas.doForm(self._form)
        canvas.restoreState()

    def _make_form(self, canvas: Canvas) -> None:
        """The picture at its own size, as a form this PDF can show on any page."""
        width, height = self._natural
        # The box clips; a stroke may reach a little past the drawing's edge, so leave room.
        canvas.beginForm(self._form, -width, -height, 2 * width, 2 * height)
        if self._drawing is not None:
            from reportlab.graphics import renderPDF

            renderPDF.draw(self._drawing, canvas, 0, 0)
        else:
            canvas.drawImage(ImageReader(str(self._path)), 0, 0, width, height)
        canvas.endForm()
