"""The reports over HTTP: JSON, CSV and XLSX, small counts hidden in files, staff only; the
history upload."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from service.workflow.auth import Role
from tests.service.builders import a_facilitator, logged_in

HISTORY = Path(__file__).parents[1] / "fixtures" / "history"
YEAR_2015 = {"from": "2015-04-01", "to": "2016-03-31"}
SPLIT = ["Pilot:2015-04-01:2015-09-30", "Rollout:2015-10-01:2016-03-31"]


def uploaded(client: TestClient, headers: dict[str, str], name: str) -> dict[str, Any]:
    files = {"file": (name, (HISTORY / name).read_bytes(), "text/csv")}
    answer = client.post("/history/import", files=files, headers=headers)
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_upload_then_the_referrer_table_as_json(client: TestClient) -> None:
    manager = logged_in(client, Role.MANAGER)
    body = uploaded(client, manager, "essex-2015-16.csv")
    assert (body["rows"], body["first_received"]) == (77, "2015-04-01")
    params = {**YEAR_2015, "by": ["referrer", "period"], "split": SPLIT, "suppress": "false"}
    answer = client.get("/reports/referrals", params=params, headers=manager)
    assert answer.status_code == 200, answer.text
    table = answer.json()["tables"][0]
    assert table["rows"][0] == ["Police", 12, 15, 27]
    assert table["totals"] == ["Total", 29, 48, 77]


def test_json_hides_small_counts_unless_asked(client: TestClient) -> None:
    manager = logged_in(client, Role.MANAGER)
    uploaded(client, manager, "essex-2015-16.csv")
    params = {**YEAR_2015, "by": ["referrer", "period"], "split": SPLIT}
    table = client.get("/reports/referrals", params=params, headers=manager).json()["tables"][0]
    rows = {row[0]: row[1:] for row in table["rows"]}
    assert rows["Police"] == [12, 15, 27]
    assert rows["Self-referral"] == [5, "[c]", 7]
    assert rows["School"] == [0, "[c]", "[c]"]


def test_csv_is_a_file_with_small_counts_hidden(client: TestClient) -> None:
    coordinator = logged_in(client, Role.COORDINATOR)
    uploaded(client, coordinator, "essex-2015-16.csv")
    params = {**YEAR_2015, "format": "csv"}
    answer = client.get("/reports/outcomes", params=params, headers=coordinator)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    lines = answer.text.splitlines()
    assert lines[:3] == [
        "Case outcomes of accepted referrals",
        "Case outcome,Number,Percentage",
        "Declined,33,62.26",
    ]
    assert "Indirect,[c],[c]" in lines


def test_xlsx_has_a_header_frozen_panes_and_number_formats(client: TestClient) -> None:
    admin = logged_in(client, Role.ADMIN)
    uploaded(client, admin, "essex-2015-16.csv")
    params = {**YEAR_2015, "format": "xlsx", "by": "district"}
    answer = client.get("/reports/referrals", params=params, headers=admin)
    assert answer.status_code == 200, answer.text
    book = load_workbook(io.BytesIO(answer.content))
    sheet = book["Referrals by district"]
    assert [c.value for c in sheet[1]] == ["District", "Referrals", "% of referrals"]
    assert sheet.freeze_panes == "B2"
    assert [c.value for c in sheet[2]] == ["Chelmsford", 19, 0.2468]  # 24.68 % of 77
    assert sheet["B2"].number_format == "#,##0"
    assert sheet["C2"].number_format == "0.0%"
    assert (sheet["A6"].value, sheet["B6"].value) == ("Brentwood", 5)
    assert (sheet["A7"].value, sheet["B7"].value, sheet["C7"].value) == ("Basildon", "[c]", "[c]")
    assert "About" in book.sheetnames


def test_a_facilitator_gets_no_report_and_cannot_upload(client: TestClient) -> None:
    admin = logged_in(client, Role.ADMIN)
    assert client.post("/facilitators", json=a_facilitator("F-1"), headers=admin).status_code == 201
    facilitator = logged_in(client, Role.FACILITATOR, "F-1")
    assert client.get("/reports/funnel", headers=facilitator).status_code == 403
    files = {"file": ("h.csv", b"id\n", "text/csv")}
    assert client.post("/history/import", files=files, headers=facilitator).status_code == 403


def test_bad_queries_are_named(client: TestClient) -> None:
    manager = logged_in(client, Role.MANAGER)
    answer = client.get(
        "/reports/referrals", params={"from": "2016-01-01", "to": "2015-01-01"}, headers=manager
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/query/to"
    answer = client.get("/reports/referrals", params={"by": "colour"}, headers=manager)
    assert answer.status_code == 422
    assert "cannot count by 'colour'" in answer.text
    assert client.get("/reports/nothing", headers=manager).status_code == 422
    answer = client.get("/reports/referrals", params={"split": "pilot"}, headers=manager)
    assert answer.status_code == 422
    assert (
        client.get("/reports/referrals", params={"from": "1066-10-14"}, headers=manager).status_code
        == 422
    )


def test_a_bad_history_file_lists_its_rows(client: TestClient) -> None:
    manager = logged_in(client, Role.MANAGER)
    data = b"id,received,referrer,district,decision\nA,2015-01-01,bank,Harlow,accept\n"
    answer = client.post("/history/import", files={"file": ("h.csv", data)}, headers=manager)
    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {"pointer": "/rows/2/referrer", "message": answer.json()["errors"][0]["message"]}
    ]
    assert "police" in answer.json()["errors"][0]["message"]


def test_the_catalogue(client: TestClient) -> None:
    manager = logged_in(client, Role.MANAGER)
    names = [r["name"] for r in client.get("/reports", headers=manager).json()]
    assert names[:3] == ["referrals", "funnel", "outcomes"]


@pytest.mark.today("2026-11-25")
def test_a_facilitator_runs_their_own_hours_and_no_other_report(client: TestClient) -> None:
    admin = logged_in(client, Role.ADMIN)
    manager = logged_in(client, Role.MANAGER)
    for fid in ("F-1", "F-2"):
        assert (
            client.post("/facilitators", json=a_facilitator(fid), headers=admin).status_code == 201
        )
    mine = logged_in(client, Role.FACILITATOR, "F-1")
    body = {"worked_on": "2026-11-20", "hours": 2.5, "activity": "admin"}
    assert client.post("/me/hours", json=body, headers=mine).status_code == 201
    assert [r["name"] for r in client.get("/reports", headers=mine).json()] == ["my_hours"]
    answer = client.get("/reports/my_hours", params={"from": "2026-11-01"}, headers=mine)
    assert answer.status_code == 200, answer.text
    assert answer.json()["tables"][0]["rows"] == [["2026-11", 2.5]]
    for name in [r["name"] for r in client.get("/reports", headers=manager).json()]:
        assert client.get(f"/reports/{name}", headers=mine).status_code == 403, name
    assert client.get("/reports/my_hours", headers=manager).status_code == 403
    other = logged_in(client, Role.FACILITATOR, "F-2")
    assert client.get("/reports/my_hours", headers=other).json()["tables"][0]["rows"] == []
    csv = client.get("/reports/my_hours", params={"format": "csv"}, headers=mine)
    assert csv.status_code == 200
    assert "2026-11,2.5" in csv.text
