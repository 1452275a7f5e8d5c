"""`rjplan screen` and `rjplan policy`: the coordinator's and the manager's commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from rules.policy import shipped_dir
from service.cli import main
from tests.rules.builders import a_referral_doc
from tests.rules.test_referral_reader import GOOD, a_csv


def run(monkeypatch: Any, capsys: Any, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["rjplan", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


def write(path: Path, data: object) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_one_referral_gives_one_decision(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    file = write(tmp_path / "r.json", a_referral_doc(flags={"domestic_abuse": True}))
    code, out, _ = run(monkeypatch, capsys, "screen", file, "--policy", "essex-2015")
    decision = json.loads(out)
    assert (code, decision["decision"], decision["policy"]) == (0, "decline", "essex-2015")
    assert decision["reasons"][0]["rule"] == "domestic-abuse-declined"


def test_a_list_gives_decisions_in_input_order_to_a_file(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    docs = [a_referral_doc(id=f"R-{i}") for i in (3, 1, 2)]
    out = tmp_path / "decisions.json"
    code, _, _ = run(
        monkeypatch, capsys, "screen", write(tmp_path / "r.json", docs), "-p", "essex-2018",
        "-o", str(out),
    )  # fmt: skip
    assert code == 0
    assert [d["referral"] for d in json.loads(out.read_text())] == ["R-3", "R-1", "R-2"]


def test_a_bad_csv_row_writes_nothing_and_exits_2(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    csv = tmp_path / "r.csv"
    csv.write_text(a_csv(GOOD, GOOD.replace("A1", "A2").replace("police", "polis")))
    out = tmp_path / "decisions.json"
    code, _, err = run(monkeypatch, capsys, "screen", str(csv), "-p", "essex-2015", "-o", str(out))
    assert code == 2
    assert "row 3, column referrer.organisation" in err
    assert not out.exists()


def test_skip_bad_screens_the_good_rows_and_reports_the_bad(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    csv = tmp_path / "r.csv"
    csv.write_text(a_csv(GOOD, GOOD.replace("A1", "A2").replace("police", "polis")))
    code, out, err = run(monkeypatch, capsys, "screen", str(csv), "-p", "essex-2015", "--skip-bad")
    assert code == 0
    assert [d["referral"] for d in json.loads(out)] == ["A1"]
    assert "row 3" in err


def test_compare_shows_what_taking_complex_cases_would_change(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    docs = [
        a_referral_doc(id="R-plain"),
        a_referral_doc(id="R-dv", flags={"domestic_abuse": True}),
        a_referral_doc(id="R-murder", flags={"serious_complex": True}),
    ]
    out = tmp_path / "compare.json"
    args = ["screen", write(tmp_path / "r.json", docs), "-p", "essex-2015"]
    code, shown, _ = run(monkeypatch, capsys, *args, "--compare", "essex-2018", "-o", str(out))
    summary = json.loads(out.read_text())
    assert code == 0
    assert [c["referral"] for c in summary["changed"]] == ["R-dv", "R-murder"]
    assert summary["by_decision"]["decline"] == [2, 0]
    assert summary["by_required_skill"]["complex (both)"] == [0, 2]
    assert "2 referrals change decision" in shown


def test_policy_check_lists_the_rules_of_a_good_file(monkeypatch: Any, capsys: Any) -> None:
    code, out, _ = run(monkeypatch, capsys, "policy", "check", "essex-2015")
    assert code == 0
    assert "OK" in out
    assert "court-pending-held" in out


def test_policy_check_names_the_line_of_a_mistake(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    policy = tmp_path / "mine.yaml"
    text = (shipped_dir() / "essex-2015.yaml").read_text(encoding="utf-8")
    policy.write_text(text.replace("{court: pending}", "{court: pendng}"))
    code, _, err = run(monkeypatch, capsys, "policy", "check", str(policy))
    assert code == 2
    line = text.splitlines().index("    when: {court: pending}") + 1
    assert f"line {line}: rules[9].when.court: 'pendng' is not a value of court" in err
    assert "'pending'?" in err


def test_the_vocabulary_is_published_as_json(monkeypatch: Any, capsys: Any) -> None:
    code, out, _ = run(monkeypatch, capsys, "policy", "vocabulary")
    assert code == 0
    assert "consent.victim" in [f["path"] for f in json.loads(out)["facts"]]


def test_explain_records_the_fact_expected_and_actual_behind_each_reason(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    refused = a_referral_doc(consent={"victim": True, "perpetrator": False})
    file = write(tmp_path / "r.json", refused)
    code, out, _ = run(monkeypatch, capsys, "screen", file, "-p", "essex-2015", "--explain")
    (fired,) = json.loads(out)["record"]
    assert (code, fired["rule"]) == (0, "consent-refused-declined")
    assert fired["checks"] == [
        {"fact": "consent.victim", "operator": "is", "expected": False, "actual": True,
         "held": False},
        {"fact": "consent.perpetrator", "operator": "is", "expected": False, "actual": False,
         "held": True},
    ]  # fmt: skip


def test_one_bad_referral_is_an_error_even_with_skip_bad(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    file = write(tmp_path / "r.json", a_referral_doc(court="maybe"))
    code, out, err = run(monkeypatch, capsys, "screen", file, "-p", "essex-2015", "--skip-bad")
    assert (code, out) == (2, "")
    assert "/court" in err
