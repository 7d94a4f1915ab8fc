"""The base of every printed document: fonts, styles and the page template.

Every document is a small subclass of `BaseDocument` that returns its story (a list of
ReportLab flowables). The base gives it:

- one unicode TTF font (DejaVu Sans, shipped in resources/fonts with its licence) for every
  piece of text, so every font in the PDF is embedded and names such as Zoë, Çelik, Şahin
  and Łukasz print as typed;
- A4, margins, and styles in two sizes: normal and large print (body text 14 pt);
- the clinic's name, address and logo in the header of every page, and the date and
  "page x of y" in the footer. Header and footer are drawn when the document is finished,
  because only then is y known. A document made of several parts (the group print run)
  counts pages per part, and a part can start on an odd page so that double-sided printing
  never mixes two people; the blank page that takes is left truly blank.

User text goes through `esc()` before it reaches a Paragraph: a name with `&` or `<` prints
as typed. Only black, white and dark colours, so a black-and-white printer loses nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Frame,
    PageTemplate,
    Table,
    TableStyle,
)

from rugschool.export.pages import DeferredCanvas, PagedTemplate, PageMarker
from rugschool.export.text import EmptyCell, Text, Texts
from rugschool.i18n import _, current_language, language
from rugschool.paths import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

INK = colors.black
ACCENT = colors.HexColor("#1f4e5f")  # dark teal: prints as near-black grey
MUTED = colors.HexColor("#4a4a4a")
RULE = colors.HexColor("#8a8a8a")
SHADE = colors.HexColor("#e8eef0")  # table header background, light enough for toner

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
HEADER_HEIGHT = 20 * mm
FOOTER_HEIGHT = 12 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
LOGO_FORM = "practice-logo"


@functools.cache
def register_fonts() -> None:
    """Registers DejaVu Sans in its four faces, once; `<b>` and `<i>` in a Paragraph pick
    the matching face."""
    faces = {
        FONT: "DejaVuSans.ttf",
        FONT_BOLD: "DejaVuSans-Bold.ttf",
        FONT_ITALIC: "DejaVuSans-Oblique.ttf",
        FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    }
    for name, file_name in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )
    # Drawings (exercise pictures, charts) start from these defaults: Helvetica would be
    # named in the PDF, unembedded, even when no letter is drawn with it.
    from reportlab.graphics.shapes import STATE_DEFAULTS

    STATE_DEFAULTS["fontName"] = FONT


def esc(text: object) -> str:
    """User text made safe for a Paragraph: markup characters as typed, line ends kept."""
    return escape(str(text)).replace("\n", "<br/>")


def labelled(label: str, value: str) -> str:
    """Markup for "<b>Label:</b> value", both escaped."""
    return f"<b>{esc(label)}:</b> {esc(value)}"


def date_text(day: dt.date | dt.datetime | None) -> str:
    """Dates as Dutch and Flemish readers write them: 25-11-2026."""
    return day.strftime("%d-%m-%Y") if day else ""


@dataclass(frozen=True)
class Practice:
    """What the header shows: from the settings (Instellingen)."""

    name: str = ""
    address: str = ""
    logo_png: bytes = b""
    region: str = "nl"  # the words on paper: fysiotherapeut or kinesitherapeut


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document, normal or large print."""

    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    footer_size: float

    @property
    def size(self) -> float:
        return float(self.body.fontSize)


def make_styles(large_print: bool = False) -> Styles:
    register_fonts()
    body_size = 14.0 if large_print else 10.5
    grow = body_size / 10.5

    def style(name: str, size: float, font: str = FONT, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=round(size * 1.35, 1),
            textColor=extra.pop("textColor", INK),
            alignment=TA_LEFT,
            **extra,
        )

    return Styles(
        body=style("body", body_size, spaceAfter=body_size * 0.5),
        # Large print: nothing a participant reads is below 14 pt, notes included.
        small=style("small", body_size if large_print else body_size - 2, textColor=MUTED),
        title=style("title", 19 * grow, FONT_BOLD, textColor=ACCENT, spaceAfter=6),
        # A heading never stands alone at the foot of a page.
        heading=style(
            "heading",
            14 * grow,
            FONT_BOLD,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        subheading=style(
            "subheading", 11.5 * grow, FONT_BOLD, spaceBefore=6, spaceAfter=3, keepWithNext=1
        ),
        cell=style("cell", max(8.5, body_size - 1.5)),
        cell_bold=style("cell_bold", max(8.5, body_size - 1.5), FONT_BOLD),
        footer_size=10.0 if large_print else 8.0,
    )


def table_style(*extra: tuple[Any, ...], header_rows: int = 1, grid: bool = True) -> TableStyle:
    """The house table: DejaVu throughout, thin grey grid, a shaded header row."""
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *([("GRID", (0, 0), (-1, -1), 0.4, RULE)] if grid else []),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
            ("FONTNAME", (0, 0), (-1, header_rows - 1), FONT_BOLD),
        ]
    return TableStyle([*commands, *extra])


class BaseDocument:
    """One printed document. Subclasses set `title` and write `story()`."""

    title = ""

    def __init__(
        self,
        practice: Practice,
        *,
        large_print: bool = False,
        printed_on: dt.date | None = None,
    ) -> None:
        self.practice = practice
        self.large_print = large_print
        self.printed_on = printed_on or dt.date.today()
        self.styles = make_styles(large_print)
        self.language: str | None = None  # of header and footer; None: the app's
        self._doc: PagedTemplate | None = None
        self._part_labels: dict[str, str] = {}
        self._part_languages: dict[str, str] = {}
        self._texts = Texts()  # parsed and broken into lines once per document

    # ------------------------------------------------------------------ for subclasses

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def para(self, text: object, style: ParagraphStyle | None = None) -> Text:
        """A paragraph of user text (escaped)."""
        return self.markup(esc(text), style)

    def markup(self, markup: str, style: ParagraphStyle | None = None) -> Text:
        """A paragraph of our own markup; every piece of user text in it must be esc()'d."""
        return self._texts.paragraph(markup, style or self.styles.body)

    def facts(self, rows: Sequence[tuple[str, object]]) -> Flowable:
        """Label and value, two columns without a grid: an identification block."""
        cells = [[self.markup(f"<b>{esc(label)}</b>", self.styles.cell), v] for label, v in rows]
        return self.table(
            cells,
            [45 * mm, FRAME_WIDTH - 45 * mm],
            header_rows=0,
            style=[
                ("GRID", (0, 0), (-1, -1), 0, colors.white),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ],
        )

    def table(
        self,
        rows: Sequence[Sequence[object]],
        widths: Sequence[float] | None = None,
        *,
        header_rows: int = 1,
        style: Sequence[tuple[Any, ...]] = (),
        repeat_header: bool = True,
        row_height: float | None = None,
    ) -> Table:
        """A table whose text cells wrap (each becomes an escaped paragraph)."""
        cells = [
            [
                self._cell(cell, self.styles.cell_bold if r < header_rows else self.styles.cell)
                for cell in row
            ]
            for r, row in enumerate(rows)
        ]
        heights = (
            [None] * header_rows + [row_height] * (len(cells) - header_rows) if row_height else None
        )
        return Table(
            cells,
            colWidths=list(widths) if widths else None,
            rowHeights=heights,
            style=table_style(*style, header_rows=header_rows),
            repeatRows=header_rows if repeat_header else 0,
            hAlign="LEFT",
        )

    def _cell(self, value: object, style: ParagraphStyle) -> Flowable:
        if isinstance(value, Flowable):
            return value
        # The boxes of a form to fill in by hand: a handout has hundreds of them.
        return EmptyCell() if value == "" else self.para(value, style)

    def part(
        self, key: str, label: str, *, odd_page: bool = False, language: str | None = None
    ) -> list[Flowable]:
        """Starts a part with its own page count (one person in a print run), its footer
        in `language`; with `odd_page` it begins on a new, odd page."""
        assert self._doc is not None, "parts exist only while building"
        first = not self._part_labels
        self._part_labels[key] = label
        if language:
            self._part_languages[key] = language
        markers: list[Flowable] = []
        if odd_page and not first:
            from reportlab.platypus import PageBreak

            markers += [PageBreak(), PageMarker(self._doc, odd_start=True)]
        return [*markers, PageMarker(self._doc, part=key)]

    # ------------------------------------------------------------------ building

    def build(self) -> bytes:
        """The finished PDF."""
        target = io.BytesIO()
        doc = PagedTemplate(
            target,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_HEIGHT,
            bottomMargin=MARGIN + FOOTER_HEIGHT,
            title=self.title,
            author=self.practice.name or "Rugschool",
            creator="Rugschool",
            lang="nl",
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,  # so that a table of FRAME_WIDTH fills the frame exactly
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._doc = doc
        try:
            story = self.story()
            doc.build(
                story,
                canvasmaker=functools.partial(DeferredCanvas, decorate=self._decorate, font=FONT),
            )
        finally:
            self._doc = None
        return target.getvalue()

    def _page_counts(self, page: int) -> tuple[int, int, str]:
        """Page x of y within the part this page belongs to, and the part's label."""
        assert self._doc is not None
        parts, blank = self._doc.page_parts, self._doc.blank_pages
        part = parts.get(page, "")
        same = [p for p in sorted(parts) if parts[p] == part and p not in blank]
        return same.index(page) + 1, len(same), self._part_labels.get(part, "")

    def _decorate(self, canvas: Canvas, page: int, _total: int) -> None:
        if self._doc is None or page in self._doc.blank_pages:
            return
        part = self._doc.page_parts.get(page, "")
        code = self._part_languages.get(part) or self.language or current_language()
        with language(code) if code != current_language() else contextlib.nullcontext():
            canvas.saveState()
            self._draw_header(canvas)
            self._draw_footer(canvas, *self._page_counts(page))
            canvas.restoreState()

    def _draw_header(self, canvas: Canvas) -> None:
        top = PAGE_HEIGHT - MARGIN
        logo_width = self._draw_logo(canvas, top)
        text_width = FRAME_WIDTH - logo_width - 4 * mm
        y = top - 10
        if self.practice.name:
            canvas.setFont(FONT_BOLD, 11)
            canvas.setFillColor(ACCENT)
            canvas.drawString(MARGIN, y, _fit(self.practice.name, FONT_BOLD, 11, text_width))
            y -= 12
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        for line in [x.strip() for x in self.practice.address.splitlines() if x.strip()][:3]:
            canvas.drawString(MARGIN, y, _fit(line, FONT, 8, text_width))
            y -= 10
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        rule_y = PAGE_HEIGHT - MARGIN - HEADER_HEIGHT + 4 * mm
        canvas.line(MARGIN, rule_y, PAGE_WIDTH - MARGIN, rule_y)

    @functools.cached_property
    def _logo(self) -> ImageReader | None:
        if not self.practice.logo_png:
            return None
        try:
            image = ImageReader(io.BytesIO(self.practice.logo_png))
            image.getSize()
        except Exception:  # a logo that cannot be read must not stop a handout
            return None
        return image

    def _draw_logo(self, canvas: Canvas, top: float) -> float:
        """The practice logo at the top right, at most 16 mm high; returns its width."""
        image = self._logo
        if image is None:
            return 0.0
        width, height = image.getSize()
        scale = min(16 * mm / height, 50 * mm / width)
        w, h = float(width * scale), float(height * scale)
        if not canvas.hasForm(LOGO_FORM):
            # Drawn once and shown on every page: unpacked and stored once, not per page.
            canvas.beginForm(LOGO_FORM, -w, -h, 2 * w, 2 * h)  # a box to spare: it clips
            canvas.drawImage(image, 0, 0, w, h, mask="auto")
            canvas.endForm()
        canvas.saveState()
        canvas.translate(PAGE_WIDTH - MARGIN - w, top - h)
        canvas.doForm(LOGO_FORM)
        canvas.restoreState()
        return w

    def _draw_footer(self, canvas: Canvas, page: int, pages: int, label: str) -> None:
        size = self.styles.footer_size
        y = MARGIN
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, y + size + 4, PAGE_WIDTH - MARGIN, y + size + 4)
        canvas.setFont(FONT, size)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, y, date_text(self.printed_on))
        middle = label or self.title
        canvas.drawCentredString(PAGE_WIDTH / 2, y, _fit(middle, FONT, size, FRAME_WIDTH * 0.55))
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN,
            y,
            _("page {page} of {pages}").format(page=page, pages=pages),
        )


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text, shortened with an ellipsis when it would not fit on one line."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class ParticipantDocument(BaseDocument):
    """A paper for one participant, all of it in their language (labels, header, footer):
    subclasses give `make_title()` and `participant_story()`."""

    def __init__(
        self,
        practice: Practice,
        language_code: str,
        *,
        large_print: bool = False,
        printed_on: dt.date | None = None,
    ) -> None:
        super().__init__(practice, large_print=large_print, printed_on=printed_on)
        self.language = language_code
        with language(language_code):
            self.title = self.make_title()

    def make_title(self) -> str:
        raise NotImplementedError

    def participant_story(self) -> list[Flowable]:
        raise NotImplementedError

    def story(self) -> list[Flowable]:
        with language(self.language or "nl"):
            return self.participant_story()
