"""`rjplan import history FILE` then `rjplan report NAME`: the seeds' tables as files; bad input
exits 2 naming the option or row."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from service.cli import app, main
from service.store.db import make_engine, session_factory
from tests.service.record_builders import Record

HISTORY = Path(__file__).parents[1] / "fixtures" / "history"


def run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["rjplan", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    return int(exit_.value.code or 0), capsys.readouterr().err


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'history.sqlite'}"
    for name in ("essex-2015-16.csv", "essex-2017-18.csv"):
        result = CliRunner().invoke(app, ["import", "history", str(HISTORY / name), "--url", url])
        assert result.exit_code == 0, result.output
        assert "imported" in result.output
    return url


def test_the_funnel_as_json_on_stdout(url: str) -> None:
    args = ["report", "funnel", "--from", "2017-04-01", "--to", "2018-03-31", "--url", url]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["tables"][0]["rows"][0][:2] == ["Referrals", 426]
    assert body["suppressed"] is True


def test_the_referrer_table_as_xlsx(url: str, tmp_path: Path) -> None:
    out = tmp_path / "referrers.xlsx"
    args = [
        "report", "referrals", "--from", "2015-04-01", "--to", "2016-03-31",
        "--by", "referrer", "--by", "period",
        "--split", "Pilot:2015-04-01:2015-09-30", "--split", "Rollout:2015-10-01:2016-03-31",
        "--format", "xlsx", "-o", str(out), "--url", url,
    ]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).worksheets[0]
    assert [c.value for c in sheet[1]] == ["Referrer", "Pilot", "Rollout", "Total"]
    assert [c.value for c in sheet[2]] == ["Police", 12, 15, 27]
    assert [c.value for c in sheet[sheet.max_row]] == ["Total", 29, 48, 77]


def test_outcomes_as_csv(url: str, tmp_path: Path) -> None:
    out = tmp_path / "outcomes.csv"
    args = ["report", "outcomes", "--from", "2015-04-01", "--to", "2016-03-31",
            "--format", "csv", "-o", str(out), "--url", url]  # fmt: skip
    assert CliRunner().invoke(app, args).exit_code == 0
    assert "Declined,33,62.26" in out.read_text().splitlines()


@pytest.mark.parametrize(
    ("args", "pointer"),
    [
        (["report", "funnel", "--from", "2017-02-30"], "--from"),
        (["report", "funnel", "--format", "pdf"], "--format"),
        (["report", "funnel", "--format", "csv"], "-o"),
        (["report", "referrals", "--by", "colour"], "/query/by"),
        (["report", "sales"], "/path/name"),
        (["report", "my_hours"], "--facilitator"),
        (["report", "funnel", "--facilitator", "F1"], "--facilitator"),
    ],
)
def test_bad_options_exit_2_naming_them(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    pointer: str,
) -> None:
    code, err = run_main(monkeypatch, capsys, *args, "--url", f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert code == 2
    assert pointer in err


def test_a_bad_history_file_exits_2_listing_its_rows(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,received,referrer,district,decision\nA,2015-01-01,bank,X,accept\n"
                   "B,2015-01-01,police,X,maybe\n")  # fmt: skip
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    code, err = run_main(monkeypatch, capsys, "import", "history", str(bad), "--url", url)
    assert code == 2
    assert "/rows/2/referrer" in err
    assert "/rows/3/decision" in err


def test_a_facilitators_own_hours(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hours.sqlite'}"
    assert CliRunner().invoke(app, ["db", "upgrade", "--url", url]).exit_code == 0
    engine = make_engine(url)
    with session_factory(engine)() as session:
        r = Record(session)
        r.facilitator("F1")
        r.facilitator("F2")
        r.hours("F1", dt.date(2026, 1, 5), 2.5)
        r.hours("F1", dt.date(2026, 2, 5), 1.0)
        r.hours("F2", dt.date(2026, 1, 5), 9.0)
        r.commit()
    engine.dispose()
    args = ["report", "my_hours", "--facilitator", "F1", "--from", "2026-01-01", "--url", url]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["tables"][0]["rows"] == [["2026-01", 2.5], ["2026-02", 1.0]]
    assert body["tables"][1]["rows"] == [["Not on a case", 3.5]]
