"""History import: CSV and XLSX, all rows or none, every bad row listed with its column."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select

from models import InputError
from service.errors import ForbiddenError
from service.store import tables as t
from service.store.db import session_factory
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal, Role
from service.workflow.history import import_history
from service.workflow.schemas.reports import HistoryImportOut

MANAGER = Principal(user_id=1, username="manager", role=Role.MANAGER, facilitator_id=None)
HEADER = "id,received,referrer,district,decision,outcome,declined_by,method,closed_on,took_up"


def stored(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return int(session.scalar(select(func.count()).select_from(t.HistoryReferral)) or 0)


def load(engine: Engine, data: bytes, name: str = "history.csv") -> HistoryImportOut:
    with UnitOfWork(session_factory(engine)) as uow:
        return import_history(uow, MANAGER, data, name)


def test_every_bad_row_is_listed_and_nothing_is_stored(engine: Engine) -> None:
    text = "\n".join(
        [
            HEADER,
            "A-1,2015-04-01,police,Harlow,accept,direct,,conference,2015-06-01,0",
            "A-2,2015-13-01,police,Harlow,accept,,,,,",  # no such month
            "A-3,2015-04-02,bank,Harlow,accept,,,,,",  # unknown referrer
            "A-4,2015-04-02,police,Harlow,decline,direct,,conference,,",  # outcome of a decline
            "A-5,2015-04-02,police,Harlow,accept,indirect,,conference,,",  # wrong method
            "A-6,2015-04-02,police,Harlow,accept,,,,2015-03-01,",  # closed before received
            "A-1,2015-04-03,police,Harlow,accept,,,,,",  # repeated id
            "A-8,2015-04-02,police,Harlow,accept,no_outcome,,,,3",  # took up > contacted
            "A-9,2015-04-02,police,,accept,,,,,",  # no district
        ]
    )
    with pytest.raises(InputError) as caught:
        load(engine, text.encode())
    pointers = sorted(e.pointer for e in caught.value.errors)
    assert pointers == sorted(
        [
            "/rows/3/received",
            "/rows/4/referrer",
            "/rows/5/outcome",
            "/rows/6/method",
            "/rows/7/closed_on",
            "/rows/2/id",
            "/rows/8/id",
            "/rows/9/took_up",
            "/rows/10/district",
        ]
    )
    assert stored(engine) == 0


def test_a_good_file_loads_and_cannot_load_twice(engine: Engine) -> None:
    text = f"{HEADER}\nB-1,2016-01-04,housing,Basildon,accept,declined,harmed,,2016-02-01,0\n"
    out = load(engine, text.encode())
    assert out.rows == 1
    with pytest.raises(InputError, match="imported before"):
        load(engine, text.encode())
    assert stored(engine) == 1


def test_an_xlsx_file_loads_like_its_csv(engine: Engine) -> None:
    import datetime as dt

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "received", "referrer", "district", "decision", "harmed_contacted"])
    sheet.append(["X-1", dt.datetime(2016, 5, 2), "school", "Maldon", "accept", 2])
    sheet.append([None, None, None, None, None, None])  # an empty row is skipped
    sheet.append(["X-2", "2016-05-03", "council", "Maldon", "decline", 0])
    buffer = io.BytesIO()
    book.save(buffer)
    out = load(engine, buffer.getvalue(), "past.xlsx")
    assert out.rows == 2
    with session_factory(engine)() as session:
        row = session.get(t.HistoryReferral, "X-1")
        assert row is not None
        assert (row.received.isoformat(), row.harmed_contacted) == ("2016-05-02", 2)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"id,received\nA,2015-01-01\n", "h.csv", "missing column"),
        (b"not a zip", "h.xlsx", "not an Excel workbook"),
        (b"x", "h.txt", "give a .csv or .xlsx file"),
        (b"\xff\xfe\x00", "h.csv", "not UTF-8"),
        (f"{HEADER}\n".encode(), "h.csv", "no rows"),
        (
            f"{HEADER},colour\nC-1,2015-01-01,police,Harlow,accept,,,,,,red\n".encode(),
            "h.csv",
            "unknown column 'colour'",
        ),
    ],
)
def test_unreadable_files_are_refused_with_the_fix(
    engine: Engine, data: bytes, name: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        load(engine, data, name)


def test_a_facilitator_cannot_import(engine: Engine) -> None:
    who = Principal(user_id=2, username="f", role=Role.FACILITATOR, facilitator_id="F-1")
    with UnitOfWork(session_factory(engine)) as uow, pytest.raises(ForbiddenError):
        import_history(uow, who, f"{HEADER}\n".encode(), "h.csv")


def test_the_fixture_files_load_whole(engine: Engine) -> None:
    folder = Path(__file__).parents[1] / "fixtures" / "history"
    for name, count in (("essex-2015-16.csv", 77), ("essex-2017-18.csv", 426)):
        assert load(engine, (folder / name).read_bytes(), name).rows == count
    assert stored(engine) == 77 + 426
