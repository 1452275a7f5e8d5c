"""`rjplan scenario run|compare|recruit|list` on small scenario files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from service.cli import main

SMALL = """extends: essex-2017-18
scenario: {name}
horizon_months: 1
warmup_weeks: 1
solve_seconds: 1.0
cohorts: []
"""


def run(monkeypatch: Any, capsys: Any, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["rjplan", "scenario", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


def small(tmp_path: Path, name: str = "small", extra: str = "") -> str:
    path = tmp_path / f"{name}.yaml"
    path.write_text(SMALL.format(name=name) + extra)
    return str(path)


def test_run_writes_the_numbers_and_a_report_with_charts(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    out, report = tmp_path / "run.json", tmp_path / "run.html"
    args = (small(tmp_path), "-n", "1", "-o", str(out), "--report", str(report))
    code, said, _ = run(monkeypatch, capsys, "run", *args)
    assert code == 0
    assert "referrals" in said
    doc = json.loads(out.read_text())
    assert (doc["format"], doc["scenario"]) == ("rjplan.scenario-run/1", "small")
    html = report.read_text()
    assert html.count("<svg") == 4
    assert "<script" not in html


def test_compare_puts_a_stored_run_beside_a_fresh_one(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    out = tmp_path / "a.json"
    run(monkeypatch, capsys, "run", small(tmp_path, "first"), "-n", "1", "-o", str(out))
    second = small(tmp_path, "second", "policy: essex-2018\n")
    code, said, _ = run(monkeypatch, capsys, "compare", str(out), second, "-n", "1")
    assert code == 0
    assert "first" in said
    assert "second" in said


def test_workers_and_a_cluster_together_are_refused(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    code, _, err = run(
        monkeypatch, capsys, "run", small(tmp_path), "--workers", "2", "--cluster", "tcp://x:1"
    )
    assert code == 2
    assert "not both" in err


def test_a_bad_scenario_file_exits_2_naming_the_field(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    code, _, err = run(monkeypatch, capsys, "run", small(tmp_path, extra="horizon_months: 0\n"))
    assert code == 2
    assert "/horizon_months" in err


def test_compare_refuses_a_json_file_that_is_not_a_run(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"format": "rjplan.problem/1"}')
    code, _, err = run(monkeypatch, capsys, "compare", str(other))
    assert code == 2
    assert "scenario run" in err


def test_list_names_the_shipped_scenarios(monkeypatch: Any, capsys: Any) -> None:
    code, said, _ = run(monkeypatch, capsys, "list")
    assert code == 0
    assert "essex-growth-40" in said


def test_recruit_reports_a_plan_and_its_confidence(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    scenario = small(tmp_path, extra="pool: {source: demo, scale: tiny}\n")
    out = tmp_path / "plan.json"
    args = ("--target-p90-wait", "30", "-n", "1", "--vetting-days", "1", "-o", str(out))
    code, said, _ = run(monkeypatch, capsys, "recruit", scenario, *args)
    assert code == 0
    assert "meets the target" in said
    plan = json.loads(out.read_text())["plan"]
    assert plan["meets_target"] is True
    assert plan["p90_wait_days"]["mean"] <= 30


def test_a_cluster_run_without_dask_exits_2_naming_the_option_and_the_extra(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    code, said, err = run(
        monkeypatch, capsys, "run", small(tmp_path), "-n", "1", "--cluster", "tcp://nowhere:8786"
    )
    assert code == 2
    assert "--cluster: running on a Dask cluster needs Dask" in err
    assert "pip install 'rjplan[dask]'" in err
    assert "referrals" not in said  # refused before any replicate ran
