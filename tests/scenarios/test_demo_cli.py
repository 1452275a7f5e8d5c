"""`rjplan demo-data`: writes the four files, or says plainly why not (exit 2)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from scenarios.demo_data import demo_files, generate
from scenarios.demo_scales import Scale
from service.cli import main


def run(monkeypatch: Any, capsys: Any, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["rjplan", "demo-data", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


def test_it_writes_the_problem_referrals_venues_and_prisons(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    out = tmp_path / "demo"
    code, said, _ = run(monkeypatch, capsys, "--scale", "tiny", "--seed", "4", "-o", str(out))
    assert code == 0
    assert "12 facilitators" in said
    expected = demo_files(generate(Scale.TINY, 4))
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == expected


def test_the_planning_day_can_be_chosen(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    code, _, _ = run(monkeypatch, capsys, "-o", str(tmp_path), "--as-of", "2027-01-04")
    assert code == 0
    assert '"as_of": "2027-01-04"' in (tmp_path / "problem.json").read_text(encoding="utf-8")


def test_an_unknown_scale_exits_2_naming_the_scales(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    code, _, err = run(monkeypatch, capsys, "--scale", "county", "-o", str(tmp_path / "x"))
    assert code == 2
    assert "unknown scale 'county'" in err
    assert "essex" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x").exists()


def test_an_output_that_is_a_file_exits_2(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "-o", str(blocker))
    assert code == 2
    assert "not a folder" in err
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_an_output_folder_that_cannot_be_made_exits_2(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "-o", str(blocker / "inside"))
    assert code == 2
    assert "cannot create the folder" in err


def test_a_bad_date_or_negative_seed_exits_2(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    code, _, err = run(monkeypatch, capsys, "-o", str(tmp_path), "--as-of", "23/11/2026")
    assert (code, "YYYY-MM-DD" in err) == (2, True)
    code, _, err = run(monkeypatch, capsys, "-o", str(tmp_path), "--seed", "-3")
    assert (code, "negative" in err) == (2, True)
