"""`rugschool export ...`: a file whole, or a clear line, a non-zero exit and no file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rugschool.cli import main
from tests.export.pdf_checks import assert_fonts_embedded, assert_no_overlaps, page_texts, text


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = str(tmp_path / "data")
    assert run(capsys, "--data-dir", folder, "demo")[0] == 0
    return folder


def test_handouts_for_a_group_one_pdf_per_active_person(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    out_dir = tmp_path / "handouts"
    code, out, _ = run(
        capsys, "--data-dir", data_dir, "export", "handouts", "--group", "1", "--out", str(out_dir)
    )
    assert code == 0 and "10 hand-outs" in out
    files = sorted(out_dir.glob("*.pdf"))
    assert len(files) == 10
    zoe = next(f for f in files if "Zoë" in f.name)
    assert "Zoë de Vries" in text(zoe.read_bytes())


def test_every_document_kind_is_written(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    commands = {
        "handout.pdf": ["handout", "--participant", "1", "--group", "1", "--large-print"],
        "run.pdf": ["print-run", "--group", "1"],
        "education.pdf": ["education", "--session", "1"],
        "summary.pdf": ["summary", "--session", "3"],
        "sheet.pdf": ["sheet", "--session", "3"],
        "report.pdf": ["report", "--participant", "1", "--group", "1"],
        "group.pdf": ["group-report", "--group", "1"],
        "recordings.csv": ["csv", "--group", "1"],
        "attendance.csv": ["attendance", "--group", "1", "--delimiter", ","],
    }
    for name, args in commands.items():
        target = tmp_path / name
        code, out, err = run(capsys, "--data-dir", data_dir, "export", *args, "--out", str(target))
        assert code == 0, (name, err)
        assert str(target) in out
        data = target.read_bytes()
        assert data.startswith(b"%PDF" if name.endswith(".pdf") else b"\xef\xbb\xbf"), name
        if name.endswith(".pdf"):
            assert_fonts_embedded(data)
            assert_no_overlaps(data)
    run_pages = page_texts((tmp_path / "run.pdf").read_bytes())
    starts = [i + 1 for i, p in enumerate(run_pages) if re.search(r"pagina 1 van|page 1 of", p)]
    assert len(starts) == 10 and all(n % 2 for n in starts)
    assert "Zoë de Vries" in text((tmp_path / "report.pdf").read_bytes())


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["handout", "--participant", "999", "--group", "1"], "deelnemer"),
        (["report", "--participant", "1", "--group", "999"], "groep"),
        (["summary", "--session", "999"], "999"),
        (["csv", "--group", "999"], "groep"),
    ],
)
def test_unknown_ids_give_one_line_and_no_file(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path, args: list[str], says: str
) -> None:
    target = tmp_path / "out.pdf"
    code, _, err = run(capsys, "--data-dir", data_dir, "export", *args, "--out", str(target))
    assert code != 0
    assert err.startswith("rugschool: ") and err.count("\n") == 1 and says in err
    assert not target.exists()


def test_an_unwritable_place_gives_one_line_and_no_file(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "run.pdf"
    code, _, err = run(
        capsys, "--data-dir", data_dir, "export", "print-run", "--group", "1", "--out", str(target)
    )
    assert code == 9 and "bestaat niet" in err
    assert not target.parent.exists()
