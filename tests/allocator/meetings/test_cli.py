"""`rjplan meetings example|plan|check` and `rjplan schema meetings` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from models import InputError
from service.cli import app

runner = CliRunner()


def test_example_plan_and_check_round_trip(tmp_path: Path) -> None:
    problem, out, ics = tmp_path / "in.json", tmp_path / "out.json", tmp_path / "ics"
    assert (
        runner.invoke(app, ["meetings", "example", "-o", str(problem), "--cases", "6"]).exit_code
        == 0
    )
    result = runner.invoke(
        app,
        [
            "meetings",
            "plan",
            str(problem),
            "-o",
            str(out),
            "--ics-dir",
            str(ics),
            "--bookings-dir",
            str(tmp_path / "book"),
            "--time-limit",
            "3",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["format"] == "rjplan.meetings/1"
    assert any(ics.glob("facilitator-*.ics"))
    assert any((tmp_path / "book").glob("bookings-*.csv"))
    checked = runner.invoke(app, ["meetings", "check", str(problem), str(out)])
    assert checked.exit_code == 0
    assert "OK" in checked.output
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0


def test_check_fails_with_the_rule_when_a_schedule_is_tampered_with(tmp_path: Path) -> None:
    problem, out = tmp_path / "in.json", tmp_path / "out.json"
    runner.invoke(app, ["meetings", "example", "-o", str(problem), "--cases", "4"])
    runner.invoke(app, ["meetings", "plan", str(problem), "-o", str(out), "--time-limit", "2"])
    doc = json.loads(out.read_text())
    doc["meetings"][0]["facilitators"] = ["F001", "F999"]
    out.write_text(json.dumps(doc))
    result = runner.invoke(app, ["meetings", "check", str(problem), str(out)])
    assert result.exit_code == 1
    assert "M4" in result.output


def test_the_schedule_format_has_a_json_schema() -> None:
    result = runner.invoke(app, ["schema", "meetings"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert {"status", "meetings", "unplaced", "metrics"} <= set(schema["properties"])
    problem = json.loads(runner.invoke(app, ["schema", "meetings-problem"]).output)
    assert {"facilitators", "cases", "venues", "prisons"} <= set(problem["properties"])


def test_bad_input_names_the_field_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "rjplan.meetings-problem/1", "cases": []}))
    result = runner.invoke(app, ["meetings", "plan", str(bad)])
    assert isinstance(result.exception, InputError)  # main() turns it into exit status 2
    assert [e.pointer for e in result.exception.errors] == ["/as_of"]
