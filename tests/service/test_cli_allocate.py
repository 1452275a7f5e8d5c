"""`rjplan allocate` and `rjplan replan` from the command line: options reach the solver."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from service.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "problem-tiny.json"


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["rjplan", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    capsys.readouterr()
    return int(exit_.value.code or 0)


def result_of(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_allocate_writes_an_optimal_canonical_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.json"
    args = ["allocate", str(FIXTURE), "-o", str(out), "--time-limit", "5", "--canonical-only"]
    assert run(monkeypatch, capsys, *args) == 0
    assert result_of(out)["status"] == "optimal"


def test_travel_slack_spent_makes_a_feasible_not_optimal_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    strict, relaxed = tmp_path / "strict.json", tmp_path / "relaxed.json"
    assert run(monkeypatch, capsys, "allocate", str(FIXTURE), "-o", str(strict)) == 0
    args = ["allocate", str(FIXTURE), "-o", str(relaxed), "--travel-slack", "10"]
    assert run(monkeypatch, capsys, *args) == 0
    km = [result_of(p)["metrics"]["travel_km"] for p in (strict, relaxed)]  # type: ignore[index]
    assert km[1] <= km[0] * 1.10 + 1e-6
    assert result_of(relaxed)["status"] == ("feasible" if km[1] > km[0] + 1e-6 else "optimal")


def test_a_travel_slack_with_canonical_only_is_refused_naming_both_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.json"
    args = ["rjplan", "allocate", str(FIXTURE), "-o", str(out), "--canonical-only"]
    monkeypatch.setattr(sys, "argv", [*args, "--travel-slack", "30"])
    with pytest.raises(SystemExit) as exit_:
        main()
    error = " ".join(capsys.readouterr().err.split())  # the panel wraps long lines
    assert exit_.value.code == 2
    assert "--travel-slack" in error
    assert "--canonical-only" in error
    assert not out.exists()


def test_the_result_says_which_levels_are_proven_and_what_level_5_could_spend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.json"
    args = ["allocate", str(FIXTURE), "-o", str(out), "--travel-slack", "30"]
    assert run(monkeypatch, capsys, *args) == 0
    objective = result_of(out)["objective"]
    assert objective == {
        "proven": ["allocated_weight", "changes", "travel_km", "max_utilisation"]
        if result_of(out)["status"] == "optimal"
        else ["allocated_weight", "changes"],
        "own_goals": True,
        "travel_slack": 0.3,
    }


def test_a_negative_travel_slack_is_refused_with_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(monkeypatch, capsys, "allocate", str(FIXTURE), "--travel-slack", "-1") == 2
