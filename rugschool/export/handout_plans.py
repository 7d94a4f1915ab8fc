"""The handout's own pages: the participant's goal, their graded-activity schedule, their
exposure ladder and their pacing week plan. What was agreed prints filled in; what was
not yet agreed prints as a form to fill in by hand with the therapist."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from rugschool.export.base import FRAME_WIDTH, BaseDocument, date_text, labelled
from rugschool.i18n import _
from rugschool.services.graded_activity_rules import amount_text
from rugschool.services.handouts import OwnPlans
from rugschool.services.pacing_rules import day_name, day_part_name
from rugschool.services.self_management import SmartGoalText

EXPOSURE_STEPS = 10
PARTS = ("morning", "afternoon", "evening")


def unit_text(unit: str) -> str:
    return {"minutes": _("minutes"), "metres": _("metres"), "repetitions": _("times")}.get(
        unit, unit
    )


def goal_lines(goal: SmartGoalText) -> list[str]:
    """The SMART parts that were filled in, each with its plain name, as markup."""
    parts = (
        (_("What exactly"), goal.specific),
        (_("How I can tell"), goal.measurable),
        (_("Why it suits me"), goal.acceptable),
        (_("Why it can be done"), goal.realistic),
        (_("When"), goal.time_bound),
        (_("What matters to me"), goal.value),
    )
    return [labelled(label, text) for label, text in parts if text.strip()]


def own_plan_pages(doc: BaseDocument, own: OwnPlans) -> list[Flowable]:
    story: list[Flowable] = [PageBreak()]
    story += _graded(doc, own)
    story += _ladder(doc, own)
    story += _pacing(doc, own)
    return story


def _section(doc: BaseDocument, title: str, hint: str, filled: bool) -> list[Flowable]:
    parts: list[Flowable] = [CondPageBreak(70 * mm), doc.para(title, doc.styles.heading)]
    parts.append(doc.para(hint))
    if not filled:
        parts.append(doc.para(_("Fill this in together with your therapist."), doc.styles.small))
    return parts


def _row_height(doc: BaseDocument) -> float:
    return float((10 if doc.large_print else 8) * mm)


def _graded(doc: BaseDocument, own: OwnPlans) -> list[Flowable]:
    hint = _(
        "Build up one activity step by step, a little more each week, on good days and on bad days."
    )
    story = _section(doc, _("Graded activity plan"), hint, bool(own.weeks))
    header: list[object] = [_("Week"), _("From"), _("How much each time"), _("Times"), _("Done")]
    widths = [16 * mm, 30 * mm, 60 * mm, 24 * mm, FRAME_WIDTH - 130 * mm]
    if not own.weeks:
        rows = [header] + [[str(n), "", "", "", ""] for n in range(1, 9)]
        return [*story, doc.table(rows, widths, row_height=_row_height(doc)), Spacer(1, 6 * mm)]
    unit = unit_text(own.unit)
    story.append(doc.markup(labelled(_("Activity"), f"{own.activity} ({unit})")))
    rows = [header] + [
        [
            str(week.week),
            date_text(week.starts_on),
            f"{amount_text(week.planned)} {unit}",
            str(week.times_planned),
            "" if week.done is None else f"{amount_text(week.done)} × {week.times}",
        ]
        for week in own.weeks
    ]
    return [*story, doc.table(rows, widths), Spacer(1, 6 * mm)]


def _ladder(doc: BaseDocument, own: OwnPlans) -> list[Flowable]:
    hint = _(
        "Write down movements you avoid, from least (1) to most (10) feared. "
        "Take them on one step at a time."
    )
    story = _section(doc, _("Fear ladder (exposure)"), hint, bool(own.ladder))
    header: list[object] = [_("Step"), _("Movement or activity I avoid"), _("Fear (0-10)"),
                            _("Done on")]  # fmt: skip
    by_rank = {item.rank: item for item in own.ladder}
    rows = [header] + [
        [
            str(rank),
            by_rank[rank].description if rank in by_rank else "",
            str(by_rank[rank].fear) if rank in by_rank else "",
            date_text(by_rank[rank].done_on) if rank in by_rank else "",
        ]
        for rank in range(1, EXPOSURE_STEPS + 1)
    ]
    widths = [16 * mm, FRAME_WIDTH - 76 * mm, 30 * mm, 30 * mm]
    return [*story, doc.table(rows, widths, row_height=_row_height(doc)), Spacer(1, 6 * mm)]


def _pacing(doc: BaseDocument, own: OwnPlans) -> list[Flowable]:
    hint = _(
        "Spread your activities over the day and the week. Take a rest after effort, and "
        "plan something you want to do beside what you must do."
    )
    story = _section(doc, _("Week plan (pacing)"), hint, bool(own.pacing))
    cells: dict[tuple[int, str], list[str]] = {}
    for block in own.pacing:
        mark = _("rest") if block.kind == "rest" else ""
        text = block.activity + (f" ({mark})" if mark else "")
        cells.setdefault((block.weekday, block.day_part), []).append(text)
    header: list[object] = ["", *[day_part_name(part) for part in PARTS]]
    rows = [header] + [
        [day_name(day), *["\n".join(cells.get((day, part), [])) for part in PARTS]]
        for day in range(1, 8)
    ]
    first = 30 * mm
    widths = [first, *[(FRAME_WIDTH - first) / 3] * 3]
    height = None if own.pacing else _row_height(doc) * 1.5
    return [*story, doc.table(rows, widths, row_height=height)]
