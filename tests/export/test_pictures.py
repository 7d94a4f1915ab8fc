"""Exercise pictures in a PDF: each drawn once per document, and drawn afresh when the
file changed on disk since the last document."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from PIL import Image
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from rugschool.export.base import BaseDocument, Practice
from rugschool.export.pictures import ExercisePicture
from tests.export.pdf_checks import reader

RED, BLUE = "#ff0000", "#0000ff"  # the same length: a changed file keeps its size
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
    '<rect x="0" y="0" width="40" height="20" fill="{colour}"/></svg>'
)


class _Pictures(BaseDocument):
    title = "Pictures"

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(Practice("Fysio"), printed_on=dt.date(2026, 11, 25))
        self.paths = paths

    def story(self) -> list[Flowable]:
        return [ExercisePicture(path, 50 * mm, 30 * mm) for path in self.paths]


def _draw(path: Path, colour: str) -> Path:
    path.write_text(SVG.format(colour=colour), encoding="utf-8")
    return path


def _forms(pdf: bytes) -> list[Any]:
    """The forms (drawn pictures) the first page shows, and how often it shows them."""
    page: Any = reader(pdf).pages[0]
    xobjects = page["/Resources"].get_object().get("/XObject") or {}
    return [x.get_object() for x in xobjects.values() if x.get_object()["/Subtype"] == "/Form"]


def _uses(pdf: bytes) -> int:
    page: Any = reader(pdf).pages[0]
    return int(page.get_contents().get_data().count(b" Do"))


def test_a_picture_shown_three_times_is_drawn_once(tmp_path: Path) -> None:
    red, blue = _draw(tmp_path / "red.svg", RED), _draw(tmp_path / "blue.svg", BLUE)
    pdf = _Pictures([red, blue, red, red]).build()
    forms = _forms(pdf)
    assert len(forms) == 2 and _uses(pdf) == 4
    drawn = [form.get_data() for form in forms]
    assert any(b"1 0 0 rg" in data for data in drawn)
    assert any(b"0 0 1 rg" in data for data in drawn)


def test_a_picture_changed_on_disk_is_drawn_afresh(tmp_path: Path) -> None:
    picture = _draw(tmp_path / "thighs-1.svg", RED)
    first = _Pictures([picture]).build()
    modified = picture.stat().st_mtime_ns

    _draw(picture, BLUE)  # the same size; the clock may not have moved on yet:
    os.utime(picture, ns=(modified + 1_000_000, modified + 1_000_000))
    second = _Pictures([picture]).build()

    assert b"1 0 0 rg" in _forms(first)[0].get_data()
    assert b"0 0 1 rg" in _forms(second)[0].get_data()
    assert b"1 0 0 rg" not in _forms(second)[0].get_data()


def test_a_photo_is_drawn_once_at_its_own_proportions(tmp_path: Path) -> None:
    photo = tmp_path / "thighs-1-0a1b2c3d.jpg"
    Image.new("RGB", (400, 200), "white").save(photo, "JPEG")
    picture = ExercisePicture(photo, 50 * mm, 50 * mm)
    assert (round(picture.width / mm), round(picture.height / mm)) == (50, 25)
    pdf = _Pictures([photo, photo]).build()
    forms = _forms(pdf)
    assert len(forms) == 1 and _uses(pdf) == 2
    images = forms[0]["/Resources"]["/XObject"]
    assert [x.get_object()["/Subtype"] for x in images.values()] == ["/Image"]
