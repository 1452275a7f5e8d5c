"""`rjplan check`: exit 0 for a valid result, 1 for violations, 2 for unreadable input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from models import Problem
from service.cli import main
from tests.allocator.check_builders import a_result

FIXTURE = Path(__file__).parents[1] / "fixtures" / "problem-tiny.json"


def run(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["rjplan", "check", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out + out.err


def write(path: Path, data: object) -> str:
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    return str(path)


def tiny() -> Problem:
    return Problem.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def pinned_only(problem: Problem) -> dict[str, tuple[str, str]]:
    """A plan that keeps the pinned pairs (all vetted in the fixture) and nothing else."""
    return {c.id: (c.current[0], c.current[1]) for c in problem.cases if c.pinned}


def test_keeping_only_the_pinned_pairs_is_valid(tmp_path, monkeypatch, capsys):
    problem = tiny()
    plan = a_result(problem, pinned_only(problem))
    result = write(tmp_path / "r.json", plan.model_dump(mode="json"))
    code, out = run(monkeypatch, capsys, str(FIXTURE), result)
    assert code == 0
    assert "VALID" in out


def test_a_pair_of_one_person_twice_exits_1_naming_h1(tmp_path, monkeypatch, capsys):
    problem = tiny()
    f = problem.facilitators[0].id
    pairs = {**pinned_only(problem), problem.cases[0].id: (f, f)}
    result = write(tmp_path / "r.json", a_result(problem, pairs).model_dump(mode="json"))
    code, out = run(monkeypatch, capsys, str(FIXTURE), result)
    assert code == 1
    assert "H1" in out
    assert "INVALID" in out


def test_outcode_only_locations_are_resolved_before_checking(tmp_path, monkeypatch, capsys):
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["cases"][0]["location"] = {"outcode": "CM1"}
    problem_file = write(tmp_path / "p.json", data)
    problem = tiny()
    plan = a_result(problem, pinned_only(problem))
    result = write(tmp_path / "r.json", plan.model_dump(mode="json"))
    code, _ = run(monkeypatch, capsys, problem_file, result)
    assert code == 0


@pytest.mark.parametrize("swap", [True, False])
def test_a_wrong_or_broken_file_exits_2_without_a_traceback(tmp_path, monkeypatch, capsys, swap):
    result = write(tmp_path / "r.json", a_result(tiny(), {}).model_dump(mode="json"))
    if swap:
        code, out = run(monkeypatch, capsys, result, str(FIXTURE))
    else:
        broken = tmp_path / "broken.json"
        broken.write_text("{not json", encoding="utf-8")
        code, out = run(monkeypatch, capsys, str(FIXTURE), str(broken))
    assert code == 2
    assert "Traceback" not in out
    assert "error" in out
