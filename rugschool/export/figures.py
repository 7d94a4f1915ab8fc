"""Exercise pictures: stick figures drawn from a small pose file, written out as plain SVG.

A picture shows the poses of one figure in one frame (the start light, the end dark), the
props around it, arrows for the movement and, for a static hold, a stopwatch. The SVG keeps
to what ReportLab's svglib reads: inline attributes only, no CSS, markers or gradients.
resources/poses/default.toml describes the format.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

Point = tuple[float, float]

WIDTH, HEIGHT, FLOOR = 400, 260, 240.0
# One set of body proportions for every picture, so a figure keeps its size from level to
# level: trunk about 1.5x thigh, thigh = shin, upper arm about = forearm.
TRUNK, NECK, HEAD_R = 64.0, 6.0, 12.0
UPPER_ARM, FOREARM, THIGH, SHIN, FOOT = 34.0, 32.0, 44.0, 44.0, 14.0
SHOULDER_HALF, HIP_HALF = 15.0, 9.0
LIMB_WIDTH, TRUNK_WIDTH = 10, 11
# A target a little out of reach just straightens the limb, so authors can round numbers;
# further than this is a mistake in the pose file.
REACH_SLACK = 1.08

PROP_GREY, ARROW_GREY = "#5b6b73", "#3f4f57"
# A pose's colours: trunk and near limbs, far limbs, what it holds. The start is light
# behind the dark end; far limbs are a shade lighter so that depth reads.
START_TONE = ("#b8c4c9", "#d5dde0", "#b8c4c9")
END_TONE = ("#1e2a30", "#5d6d75", PROP_GREY)

LIMBS = ("near_hand", "far_hand", "near_foot", "far_foot")
HOLDABLE = ("ball", "weight")
# Per prop kind, its number fields and their defaults (None: required).
PROP_FIELDS: dict[str, dict[str, float | None]] = {
    "mat": {"x": None, "width": None, "y": FLOOR, "height": 6.0},
    "chair": {"x": None, "height": 44.0},
    "step": {"x": None, "width": None, "height": 22.0},
    "ball": {"x": None, "y": None, "r": 28.0},
    "band": {"x": None, "y": None, "x2": None, "y2": None},
    "weight": {"x": None, "y": None, "angle": 0.0},
    "wall": {"x": None, "height": 220.0},
}


@dataclass(frozen=True, slots=True)
class Limb:
    """A hand or foot: reach for `target` (the elbow or knee bends to fit) or lie straight
    along `angle` (degrees counter-clockwise from pointing right)."""

    target: Point | None = None
    angle: float = 0.0
    toe: float | None = None
    flip: bool = False
    foreshortened: bool = False  # points at the viewer: straight to the target, however short


@dataclass(frozen=True, slots=True)
class Pose:
    hip: Point
    trunk: float
    limbs: Mapping[str, Limb]
    back: float = 0.0
    head: float = 0.0
    turn: float = 0.0
    hip_turn: float = 0.0
    holding: str | None = None


@dataclass(frozen=True, slots=True)
class Prop:
    kind: str
    values: Mapping[str, float]
    facing: int = 1


@dataclass(frozen=True, slots=True)
class Arrow:
    start: Point
    via: Point
    end: Point
    both: bool = False


@dataclass(frozen=True, slots=True)
class Picture:
    name: str
    end: Pose
    start: Pose | None = None
    middle: Pose | None = None
    props: tuple[Prop, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    hold: Point | None = None
    floor: bool = True


# ------------------------------------------------------------------ reading the pose file

_REQUIRED = object()


class _Spec(NamedTuple):
    check: Callable[[object], bool]
    hint: str  # what the field must be, for the error message
    default: object = _REQUIRED


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numbers(*sizes: int) -> Callable[[object], bool]:
    return lambda v: isinstance(v, list) and len(v) in sizes and all(map(_number, v))


def _pair(check: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda v: isinstance(v, list) and len(v) == 2 and all(map(check, v))


def _among(*choices: object) -> Callable[[object], bool]:
    return lambda v: isinstance(v, list) and all(item in choices for item in v)


def _angle_or(points: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda v: _number(v) or points(v)


def _is(kind: type) -> Callable[[object], bool]:
    return lambda v: isinstance(v, kind)


_POINT = _Spec(_numbers(2), "[x, y]")
_LIMB_NAMES = _Spec(_among(*LIMBS), f"a list of {', '.join(LIMBS)}", [])
POSE_SPECS = {
    "like": _Spec(_is(str), '"start" or "<picture>.<pose>"', None),
    "hip": _POINT,
    "trunk": _Spec(_number, "an angle in degrees"),
    "hands": _Spec(_pair(_angle_or(_numbers(2))), "[near, far], each an angle or [x, y]"),
    "feet": _Spec(_pair(_angle_or(_numbers(2, 3))), "[near, far], each an angle, [x, y(, toe)]"),
    **{key: _Spec(_number, "a number", 0.0) for key in ("back", "head", "turn", "hip_turn")},
    "holding": _Spec(lambda v: v in HOLDABLE, " or ".join(HOLDABLE), None),
    "flip": _LIMB_NAMES,
    "foreshortened": _LIMB_NAMES,
}
_POSE = _Spec(_is(dict), "a pose table", None)
PICTURE_SPECS = {
    "start": _POSE,
    "middle": _POSE,
    "end": _POSE._replace(default=_REQUIRED),
    "props": _Spec(_is(list), "a list of tables", []),
    "arrows": _Spec(_is(list), "a list of tables", []),
    "hold": _POINT._replace(default=None),
    "floor": _Spec(_is(bool), "true or false", True),
}
_PROP_SPECS = {
    "kind": _Spec(_is(str), "a prop kind"),
    "facing": _Spec(lambda v: v in ("left", "right"), "left or right", "right"),
}
_FLAG = _Spec(_is(bool), "true or false", False)
ARROW_SPECS = {"from": _POINT, "via": _POINT, "to": _POINT, "both": _FLAG}


def _fail(where: str, key: str, problem: str) -> ValueError:
    return ValueError(f"{(where + key).rstrip('. :')}: {problem}")


def _read(raw: object, specs: Mapping[str, _Spec], where: str) -> dict[str, Any]:
    """The table's fields, checked and with defaults; `where` is "<picture>: <path>."."""
    if not isinstance(raw, dict):
        raise _fail(where, "", "must be a table")
    unknown = sorted(raw.keys() - specs.keys())
    if unknown:
        raise _fail(where, unknown[0], f"unknown field (known: {', '.join(specs)})")
    fields = {key: raw.get(key, spec.default) for key, spec in specs.items()}
    for key, spec in specs.items():
        if fields[key] is _REQUIRED:
            raise _fail(where, key, f"missing ({spec.hint})")
        if key in raw and not spec.check(fields[key]):
            raise _fail(where, key, f"must be {spec.hint}, not {fields[key]!r}")
    return fields


def _limb(value: Any, flip: bool, foreshortened: bool) -> Limb:
    if _number(value):
        return Limb(angle=float(value), flip=flip)
    toe = float(value[2]) if len(value) == 3 else None
    return Limb((float(value[0]), float(value[1])), toe=toe, flip=flip, foreshortened=foreshortened)


def _pose(raw: object, where: str) -> Pose:
    fields = _read(raw, POSE_SPECS, where)
    keys = [f"{side}_{part}" for part in ("hand", "foot") for side in ("near", "far")]
    values = [*fields["hands"], *fields["feet"]]
    limbs = {
        key: _limb(value, key in fields["flip"], key in fields["foreshortened"])
        for key, value in zip(keys, values, strict=True)
    }
    pose = Pose(
        hip=(float(fields["hip"][0]), float(fields["hip"][1])),
        trunk=float(fields["trunk"]),
        limbs=limbs,
        back=float(fields["back"]),
        head=float(fields["head"]),
        turn=float(fields["turn"]),
        hip_turn=float(fields["hip_turn"]),
        holding=fields["holding"],
    )
    _check_reach(pose, where)
    return pose


def _prop(raw: object, where: str) -> Prop:
    kind = raw.get("kind") if isinstance(raw, dict) else None
    if kind not in PROP_FIELDS:
        raise _fail(where, "kind", f"must be one of {', '.join(PROP_FIELDS)}, not {kind!r}")
    numbers = {
        key: _Spec(_number, "a number", _REQUIRED if default is None else default)
        for key, default in PROP_FIELDS[kind].items()
    }
    fields = _read(raw, {**_PROP_SPECS, **numbers}, where)
    values = {key: float(fields[key]) for key in numbers}
    return Prop(kind, values, -1 if fields["facing"] == "left" else 1)


def _arrow(raw: object, where: str) -> Arrow:
    fields = _read(raw, ARROW_SPECS, where)
    start, via, end = ((float(x), float(y)) for x, y in (fields[k] for k in ("from", "via", "to")))
    return Arrow(start, via, end, fields["both"])


def _unfold(data: Mapping[str, Any], picture: str, key: str, depth: int = 0) -> object:
    """A pose with `like = "start"` or `like = "<picture>.<pose>"` filled in: most poses
    differ from another one in a field or two."""
    raw = data[picture].get(key) if isinstance(data.get(picture), dict) else None
    if not isinstance(raw, dict) or "like" not in raw:
        return raw
    other, _, other_key = str(raw["like"]).rpartition(".")
    base = _unfold(data, other or picture, other_key, depth + 1) if depth < 8 else None
    if not isinstance(base, dict):
        raise _fail(f"{picture}: {key}.", "like", f"no pose {raw['like']!r} to start from")
    return base | {field: value for field, value in raw.items() if field != "like"}


def parse_picture(data: Mapping[str, Any], name: str) -> Picture:
    """One picture of the parsed pose file; ValueError names the picture and the field."""
    fields = _read(data[name], PICTURE_SPECS, f"{name}: ")
    if fields["start"] is None and fields["hold"] is None:
        raise _fail(f"{name}: ", "start", "missing (only a static hold, with `hold`, may omit it)")
    poses = {key: _unfold(data, name, key) for key in ("start", "middle", "end")}
    start, middle = (
        None if poses[key] is None else _pose(poses[key], f"{name}: {key}.")
        for key in ("start", "middle")
    )
    hold = fields["hold"]
    return Picture(
        name=name,
        end=_pose(poses["end"], f"{name}: end."),
        start=start,
        middle=middle,
        props=tuple(_prop(raw, f"{name}: props[{i}].") for i, raw in enumerate(fields["props"])),
        arrows=tuple(
            _arrow(item, f"{name}: arrows[{i}].") for i, item in enumerate(fields["arrows"])
        ),
        hold=None if hold is None else (float(hold[0]), float(hold[1])),
        floor=fields["floor"],
    )


def parse_pictures(data: Mapping[str, Any]) -> dict[str, Picture]:
    return {name: parse_picture(data, name) for name in data}


def load_pictures(path: Path) -> dict[str, Picture]:
    try:
        return parse_pictures(tomllib.loads(path.read_text(encoding="utf-8")))
    except ValueError as error:  # TOMLDecodeError is one too
        raise ValueError(f"{path.name}: {error}") from error


# ------------------------------------------------------------------ geometry
# SVG coordinates: x to the right, y down. Every figure faces right: lying on its back the
# head is on the left, lying on its front on the right.


def _dir(angle: float) -> Point:
    return (math.cos(math.radians(angle)), -math.sin(math.radians(angle)))


def _add(p: Point, v: Point, k: float = 1.0) -> Point:
    return (p[0] + k * v[0], p[1] + k * v[1])


def _sub(p: Point, q: Point) -> Point:
    return (p[0] - q[0], p[1] - q[1])


def _unit(v: Point) -> Point:
    length = math.hypot(*v) or 1.0
    return (v[0] / length, v[1] / length)


def _side(u: Point) -> Point:
    """A quarter turn clockwise on screen: the front of a limb pointing away from the trunk
    (a shin pointing down has its front on the right, where the figure faces)."""
    return (u[1], -u[0])


@dataclass(frozen=True, slots=True)
class _Body:
    hip: Point
    shoulder: Point
    bend: Point  # the control point of the trunk's curve
    neck: Point
    head: Point
    hips: tuple[Point, Point]  # near, far
    shoulders: tuple[Point, Point]


def _body(pose: Pose) -> _Body:
    up = _dir(pose.trunk)
    shoulder, forward = _add(pose.hip, up, TRUNK), _side((-up[0], -up[1]))
    # A quadratic curve peaks halfway to its control point, hence twice the bulge.
    bend = _add(_add(pose.hip, up, TRUNK / 2), forward, -2 * pose.back)
    tangent = _sub(shoulder, bend)
    head = _dir(math.degrees(math.atan2(-tangent[1], tangent[0])) + pose.head)
    # Turned towards the viewer, the near and far shoulders (or hips) come apart.
    spread_s = SHOULDER_HALF * math.sin(math.radians(pose.turn))
    spread_h = HIP_HALF * math.sin(math.radians(pose.hip_turn))
    return _Body(
        hip=pose.hip,
        shoulder=shoulder,
        bend=bend,
        neck=_add(shoulder, head, NECK),
        head=_add(shoulder, head, NECK + HEAD_R),
        hips=(_add(pose.hip, forward, spread_h), _add(pose.hip, forward, -spread_h)),
        shoulders=(_add(shoulder, forward, spread_s), _add(shoulder, forward, -spread_s)),
    )


def _limb_base(body: _Body, key: str) -> tuple[Point, float, float]:
    """Where the limb starts, and its upper and lower length."""
    pair, upper, lower = (
        (body.shoulders, UPPER_ARM, FOREARM) if key.endswith("hand") else (body.hips, THIGH, SHIN)
    )
    return pair[0] if key.startswith("near") else pair[1], upper, lower


def _joint(root: Point, limb: Limb, upper: float, lower: float, knee: bool) -> tuple[Point, Point]:
    """The middle joint (elbow or knee) and the end (hand or ankle)."""
    if limb.target is None:
        way = _dir(limb.angle)
        return _add(root, way, upper), _add(root, way, upper + lower)
    if limb.foreshortened:
        return _add(root, _sub(limb.target, root), upper / (upper + lower)), limb.target
    way, dist = _unit(_sub(limb.target, root)), min(math.dist(limb.target, root), upper + lower)
    along = (upper**2 - lower**2 + dist**2) / (2 * dist)
    across = math.sqrt(max(upper**2 - along**2, 0.0))
    # Knees bend to the front and elbows to the back, unless the pose flips them.
    sign = (1 if knee else -1) * (-1 if limb.flip else 1)
    return _add(_add(root, way, along), _side(way), sign * across), _add(root, way, dist)


def _limb_points(body: _Body, limb: Limb, key: str) -> list[Point]:
    root, upper, lower = _limb_base(body, key)
    middle, end = _joint(root, limb, upper, lower, key.endswith("foot"))
    if key.endswith("hand"):
        return [root, middle, end]
    toe = _dir(limb.toe) if limb.toe is not None else _side(_unit(_sub(end, middle)))
    return [root, middle, end, _add(end, toe, FOOT)]


def _check_reach(pose: Pose, where: str) -> None:
    body = _body(pose)
    for key, limb in pose.limbs.items():
        root, upper, lower = _limb_base(body, key)
        dist = 0.0 if limb.target is None else math.dist(limb.target, root)
        field, what = ("hands" if key.endswith("hand") else "feet"), key.replace("_", " ")
        if dist > (upper + lower) * REACH_SLACK:
            reach = f"{dist:.0f} away, the limb is {upper + lower:.0f}"
            raise _fail(where, field, f"{what} out of reach ({reach})")
        if limb.target is not None and dist < 3 and not limb.foreshortened:
            raise _fail(where, field, f"{what} too close to its shoulder or hip")


# ------------------------------------------------------------------ SVG


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _pts(points: list[Point]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _stroke(colour: str, width: float, fill: str = "none") -> str:
    return f'fill="{fill}" stroke="{colour}" stroke-width="{_n(width)}"'


def _polyline(points: list[Point], colour: str, width: float = LIMB_WIDTH) -> str:
    return f'<polyline points="{_pts(points)}" {_stroke(colour, width)}/>'


def _curve(start: Point, via: Point, end: Point, attrs: str) -> str:
    return f'<path d="M{_pts([start])} Q{_pts([via, end])}" {attrs}/>'


def _circle(centre: Point, r: float, attrs: str) -> str:
    return f'<circle cx="{_n(centre[0])}" cy="{_n(centre[1])}" r="{_n(r)}" {attrs}/>'


def _ball(centre: Point, r: float, colour: str) -> str:
    (x, y), seam = centre, _stroke(colour, 2)
    # The seam tells a ball from a head, which is a filled circle.
    return "\n".join(
        [
            _circle(centre, r, _stroke(colour, 3, "#ffffff")),
            _curve((x - r * 0.87, y - r / 2), (x, y + r / 5), (x + r * 0.87, y - r / 2), seam),
        ]
    )


def _dumbbell(centre: Point, axis: Point, colour: str) -> str:
    across, ends = _side(axis), [_add(centre, axis, k) for k in (-10.0, 10.0)]
    plates = [_polyline([_add(e, across, -7), _add(e, across, 7)], colour, 7) for e in ends]
    return "\n".join([_polyline(ends, colour, 3), *plates])


def _held(pose: Pose, near: list[Point], far: list[Point], colour: str) -> list[str]:
    grip = ((near[-1][0] + far[-1][0]) / 2, (near[-1][1] + far[-1][1]) / 2)
    if pose.holding == "ball":
        return [_ball(grip, 15, colour)]
    if pose.holding == "weight":
        return [_dumbbell(grip, _side(_unit(_sub(near[-1], near[-2]))), colour)]
    return []


def _trunk(body: _Body, colour: str) -> list[str]:
    girdles = [list(pair) for pair in (body.hips, body.shoulders) if math.dist(*pair) > 2]
    return [
        _curve(body.hip, body.bend, body.shoulder, _stroke(colour, TRUNK_WIDTH)),
        *(_polyline(girdle, colour, TRUNK_WIDTH) for girdle in girdles),
        _polyline([body.shoulder, body.neck], colour, TRUNK_WIDTH),
        _circle(body.head, HEAD_R, f'fill="{colour}" stroke="none"'),
    ]


def _figure_svg(pose: Pose, tone: tuple[str, str, str], ident: str) -> str:
    body, (near, far, held) = _body(pose), tone
    limb = {key: _limb_points(body, pose.limbs[key], key) for key in LIMBS}
    parts = [
        _polyline(limb["far_foot"], far),
        _polyline(limb["far_hand"], far),
        *_trunk(body, near),
        _polyline(limb["near_foot"], near),
        *_held(pose, limb["near_hand"], limb["far_hand"], held),
        _polyline(limb["near_hand"], near),
    ]
    group = f'<g id="{ident}" stroke-linecap="round" stroke-linejoin="round">'
    return "\n".join([group, *parts, "</g>"])


def _prop_svg(prop: Prop) -> str:
    v, kind, grey = prop.values, prop.kind, PROP_GREY
    if kind in ("mat", "step"):
        fill, top = ("#edf1f2" if kind == "mat" else "#ffffff"), v.get("y", FLOOR) - v["height"]
        box = f'x="{_n(v["x"])}" y="{_n(top)}" width="{_n(v["width"])}" height="{_n(v["height"])}"'
        return f'<rect {box} rx="3" {_stroke(grey, 2.5, fill)}/>'
    if kind == "chair":
        x, seat, front = v["x"], FLOOR - v["height"], v["x"] + prop.facing * 40
        back = [(x - prop.facing * 5, seat - 52), (x, seat), (x, FLOOR)]
        seat_and_leg = [(x, seat), (front, seat), (front, FLOOR)]
        return "\n".join(_polyline(line, grey, 4) for line in (back, seat_and_leg))
    if kind == "ball":
        return _ball((v["x"], v["y"]), v["r"], grey)
    if kind == "weight":
        return _dumbbell((v["x"], v["y"]), _dir(v["angle"]), grey)
    if kind == "band":
        sag = ((v["x"] + v["x2"]) / 2, (v["y"] + v["y2"]) / 2 + 12)
        return _curve((v["x"], v["y"]), sag, (v["x2"], v["y2"]), _stroke(grey, 4))
    return _polyline([(v["x"], FLOOR), (v["x"], FLOOR - v["height"])], grey, 5)


def _arrowhead(tip: Point, towards: Point) -> str:
    way = _unit(_sub(tip, towards))
    base = _add(tip, way, -11)
    points = [_add(tip, way, 3), _add(base, _side(way), -6.5), _add(base, _side(way), 6.5)]
    return f'<polygon points="{_pts(points)}" fill="{ARROW_GREY}" stroke="none"/>'


def _arrow_svg(arrow: Arrow) -> str:
    line = _curve(arrow.start, arrow.via, arrow.end, _stroke(ARROW_GREY, 3.5))
    heads = [(arrow.end, arrow.via), *([(arrow.start, arrow.via)] if arrow.both else [])]
    return "\n".join([line, *(_arrowhead(tip, towards) for tip, towards in heads)])


def _stopwatch(centre: Point) -> str:
    """No text in the pictures, so a static hold is shown by a stopwatch."""
    x, y = centre
    marks = [
        [(x, y - 11), (x, y - 16)],
        [(x - 4, y - 17), (x + 4, y - 17)],
        [centre, (x + 4, y - 6)],
    ]
    face = _circle(centre, 11, _stroke(ARROW_GREY, 3, "#ffffff"))
    return "\n".join([face, *(_polyline(mark, ARROW_GREY, 3) for mark in marks)])


def picture_svg(picture: Picture) -> str:
    """The picture as standalone SVG text (same input, same bytes: the files are committed)."""
    size = f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}"'
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" {size}>']
    if picture.floor:
        parts.append(_polyline([(8, FLOOR), (WIDTH - 8, FLOOR)], PROP_GREY, 2.5))
    parts.extend(_prop_svg(prop) for prop in picture.props)
    poses = [("start", picture.start, START_TONE), ("middle", picture.middle, START_TONE)]
    for ident, pose, tone in [*poses, ("end", picture.end, END_TONE)]:
        if pose is not None:
            parts.append(_figure_svg(pose, tone, ident))
    parts.extend(_arrow_svg(arrow) for arrow in picture.arrows)
    if picture.hold is not None:
        parts.append(_stopwatch(picture.hold))
    return "\n".join([*parts, "</svg>"]) + "\n"
