"""Regenerate the exercise pictures in resources/pictures/ from resources/poses/default.toml.

Run after changing a pose (`python tools/make_pictures.py`) and commit the SVG files with
it: the app and the handouts read the SVG files, and a test checks they match the poses.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rugschool.export.figures import load_pictures, picture_svg

ROOT = Path(__file__).resolve().parent.parent
POSES = ROOT / "resources" / "poses" / "default.toml"
PICTURES = ROOT / "resources" / "pictures"


def main() -> int:
    try:
        pictures = load_pictures(POSES)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    PICTURES.mkdir(parents=True, exist_ok=True)
    for name, picture in pictures.items():
        # newline="\n": the files are compared byte for byte, on every platform.
        with (PICTURES / f"{name}.svg").open("w", encoding="utf-8", newline="\n") as out:
            out.write(picture_svg(picture))
    # Stale files are reported, not deleted: one may be a picture someone is still adding.
    for path in sorted(PICTURES.glob("*.svg")):
        if path.stem not in pictures:
            print(f"note: {path.name} has no pose in {POSES.name}", file=sys.stderr)
    print(f"wrote {len(pictures)} pictures to {PICTURES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
