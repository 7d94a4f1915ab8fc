"""The exercise pictures: every picture in the pose file draws a whole figure as SVG that
svglib can read, the committed SVG files are what the pose file draws now, and a broken
pose file is refused with the picture and the field named."""

from __future__ import annotations

import copy
import itertools
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from rugschool.export.figures import load_pictures, parse_pictures, picture_svg

ROOT = Path(__file__).resolve().parents[2]
POSE_FILE = ROOT / "resources" / "poses" / "default.toml"
PICTURE_DIR = ROOT / "resources" / "pictures"
NS = "{http://www.w3.org/2000/svg}"
EXERCISES = (
    "back-mobility",
    "trunk-rotation",
    "abdominals",
    "back-muscles",
    "side-trunk",
    "buttocks",
    "thighs",
    "lunge-balance",
)
EXPECTED = sorted({"warmup", *(f"{key}-{level}" for key in EXERCISES for level in range(1, 5))})
PICTURES = load_pictures(POSE_FILE)
# What svglib reads; no CSS, text, markers, gradients, filters or masks.
ALLOWED_TAGS = {"svg", "g", "line", "polyline", "polygon", "path", "circle", "ellipse", "rect"}
DELETE = object()


def _svg(name: str) -> ET.Element:
    return ET.fromstring(picture_svg(PICTURES[name]))


def test_the_pose_file_has_the_33_pictures_of_the_programme() -> None:
    assert len(EXPECTED) == 33
    assert sorted(PICTURES) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_each_picture_is_svg_with_whole_figures(name: str) -> None:
    root = _svg(name)
    assert root.tag == f"{NS}svg"
    assert root.get("viewBox") == "0 0 400 260"
    figures = {group.get("id"): group for group in root.iter(f"{NS}g")}
    assert "end" in figures
    assert "start" in figures or PICTURES[name].hold is not None
    for figure in figures.values():
        heads = [c for c in figure.findall(f"{NS}circle") if c.get("fill") != "#ffffff"]
        assert len(heads) == 1  # a held ball is a circle too, but white
        assert len(figure.findall(f"{NS}path")) >= 1  # the trunk
        limbs = [
            p for p in figure.findall(f"{NS}polyline") if len(p.get("points", "").split()) >= 3
        ]
        assert len(limbs) == 4


@pytest.mark.parametrize("name", EXPECTED)
def test_each_picture_keeps_to_what_svglib_reads(name: str) -> None:
    text = picture_svg(PICTURES[name])
    tags = {element.tag.removeprefix(NS) for element in ET.fromstring(text).iter()}
    assert tags <= ALLOWED_TAGS
    assert not re.search(r"\b(class|style|marker-end|marker-start|filter|mask)=", text)
    assert re.findall(r' d="([^"]*)"', text)
    for path in re.findall(r' d="([^"]*)"', text):
        assert set(re.sub(r"[-\d., ]", "", path)) <= set("MLQCAZ")


@pytest.mark.parametrize("name", EXPECTED)
def test_limbs_keep_their_length(name: str) -> None:
    """The same figure in every picture: upper arm 34, forearm 32, thigh and shin 44, foot 14
    (a limb pointing at the viewer may look shorter)."""
    picture = PICTURES[name]
    foreshortened = any(
        limb.foreshortened
        for pose in (picture.start, picture.middle, picture.end)
        if pose is not None
        for limb in pose.limbs.values()
    )
    for figure in _svg(name).iter(f"{NS}g"):
        for polyline in figure.findall(f"{NS}polyline"):
            points = [tuple(map(float, p.split(","))) for p in polyline.get("points", "").split()]
            lengths = [math.dist(a, b) for a, b in itertools.pairwise(points)]
            if len(points) == 4:
                assert lengths == pytest.approx([44, 44, 14], abs=0.5)
            elif len(points) == 3 and not foreshortened:
                assert lengths == pytest.approx([34, 32], abs=0.5)


@pytest.mark.parametrize("name", EXPECTED)
def test_no_body_part_sinks_into_the_floor_or_the_mat(name: str) -> None:
    """Strokes are 10 wide, so a limb resting on the floor (y = 240) has its centre at 235,
    on a mat (6 high) at 229."""
    mats = [p.values for p in PICTURES[name].props if p.kind == "mat" and p.values["height"] < 10]
    for figure in _svg(name).iter(f"{NS}g"):
        for polyline in figure.findall(f"{NS}polyline"):
            for point in polyline.get("points", "").split():
                x, y = map(float, point.split(","))
                on_mat = any(m["x"] <= x <= m["x"] + m["width"] for m in mats)
                assert y <= (229.5 if on_mat else 235.5), (figure.get("id"), x, y)


@pytest.mark.parametrize("name", EXPECTED)
def test_the_committed_svg_is_what_the_poses_draw(name: str) -> None:
    committed = (PICTURE_DIR / f"{name}.svg").read_text(encoding="utf-8")
    assert committed == picture_svg(PICTURES[name]), "run tools/make_pictures.py"


def test_there_are_no_stray_svg_files() -> None:
    assert sorted(path.stem for path in PICTURE_DIR.glob("*.svg")) == EXPECTED


# ------------------------------------------------------------------ a broken pose file

VALID: dict[str, Any] = {
    "warmup": {
        "props": [{"kind": "mat", "x": 80, "width": 240}],
        "arrows": [{"from": [260, 210], "via": [290, 180], "to": [270, 150]}],
        "start": {"hip": [200, 147], "trunk": 90, "hands": [-88, -92], "feet": [-90, -90]},
        "end": {"like": "start", "feet": [[244, 191], -90]},
    }
}


def _changed(path: str, value: object) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    table = data["warmup"]
    for key in parents:
        table = table[key]
    if value is DELETE:
        del table[last]
    else:
        table[last] = value
    return data


def test_a_valid_pose_file_parses_and_like_fills_in_the_rest() -> None:
    picture = parse_pictures(VALID)["warmup"]
    assert picture.start is not None
    assert picture.end.hip == picture.start.hip == (200.0, 147.0)
    assert picture.end.limbs["near_foot"].target == (244.0, 191.0)
    assert picture.end.limbs["far_foot"].angle == -90.0
    assert not picture.arrows[0].both  # one arrowhead unless asked for two


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("start.hip", DELETE, "start.hip"),
        ("start.hip", [200], "start.hip"),
        ("start.trunk", "upright", "start.trunk"),
        ("start.hands", [-88], "start.hands"),
        ("start.feet", [[200, 400], -90], "start.feet"),
        ("start.colour", "red", "start.colour"),
        ("start.holding", "kettle", "start.holding"),
        ("start.flip", ["left_knee"], "start.flip"),
        ("start", DELETE, "start"),
        ("end", DELETE, "end"),
        ("end.like", "lunge.start", "end.like"),
        ("props", [{"kind": "sofa"}], "props[0].kind"),
        ("props", [{"kind": "mat", "x": 80}], "props[0].width"),
        ("arrows", [{"from": [0, 0], "to": [9, 9]}], "arrows[0].via"),
        ("hold", "soon", "hold"),
    ],
)
def test_a_broken_pose_names_the_picture_and_the_field(
    path: str, value: object, field: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(f"warmup: {field}: ")):
        parse_pictures(_changed(path, value))


def test_a_broken_pose_file_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[warmup\nstart = 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^broken\.toml: "):
        load_pictures(broken)
