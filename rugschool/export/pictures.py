"""Exercise pictures in a PDF: our SVG drawings (through svglib, so no Qt) or a
therapist's photo, scaled to fit a box with their proportions kept."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable


@functools.lru_cache(maxsize=128)
def _svg_drawing(path: str, _mtime: float) -> Any:
    from svglib.svglib import svg2rlg

    return svg2rlg(path)


class ExercisePicture(Flowable):
    """An exercise picture (our SVG drawing or a therapist's photo), scaled to fit a box
    and keeping its proportions. Drawings are read once and shared."""

    def __init__(self, path: Path, max_width: float, max_height: float) -> None:
        super().__init__()
        self._path = path
        if path.suffix.lower() == ".svg":
            self._drawing = _svg_drawing(str(path), path.stat().st_mtime)
            self._image = None
            width, height = self._drawing.width, self._drawing.height
        else:
            self._drawing = None
            self._image = ImageReader(str(path))
            width, height = self._image.getSize()
        self._scale = min(max_width / width, max_height / height)
        self.width, self.height = width * self._scale, height * self._scale

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if self._drawing is not None:
            from reportlab.graphics import renderPDF

            self.canv.saveState()
            self.canv.scale(self._scale, self._scale)
            renderPDF.draw(self._drawing, self.canv, 0, 0)
            self.canv.restoreState()
        else:
            self.canv.drawImage(self._image, 0, 0, self.width, self.height)
