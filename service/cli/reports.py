"""`rjplan report NAME` (a report as JSON, CSV or XLSX) and `rjplan import history FILE` (past
referrals from a spreadsheet): straight on the store named by RJPLAN_DATABASE_URL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.db import Url, database_url, migrated
from service.cli.output import bad_input, console

if TYPE_CHECKING:
    from service.workflow.auth import Principal

SOURCE = "report"

import_app = typer.Typer(help="Load records from files into the service.", no_args_is_help=True)


def operator() -> Principal:
    """Whoever runs the command line holds the database and its key: an admin, audited as
    "cli" (as `rjplan user add` is)."""
    from service.workflow.auth import Principal, Role

    return Principal(user_id=0, username="cli", role=Role.ADMIN, facilitator_id=None)


def _day(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise bad_input(SOURCE, option, f"{text!r} is not a date; write YYYY-MM-DD") from None


def report(
    name: Annotated[
        str,
        typer.Argument(
            help="referrals, funnel, outcomes, timeliness, feedback, allocation, volunteers, "
            "or my_hours (a facilitator's own hours: with --facilitator)"
        ),
    ],
    start: Annotated[
        str | None, typer.Option("--from", help="first day received, YYYY-MM-DD")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="last day received, YYYY-MM-DD")] = None,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            help="count by (twice to cross): referrer, district, decision, offence, month, period",
        ),
    ] = None,
    split: Annotated[
        list[str] | None,
        typer.Option("--split", help="a named period, e.g. pilot:2015-04-01:2015-09-30"),
    ] = None,
    district: Annotated[str | None, typer.Option(help="one district only")] = None,
    facilitator: Annotated[
        str | None,
        typer.Option(help="my_hours only: the facilitator whose own hours (run as them)"),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="json, csv or xlsx")] = "json",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="file to write (json: - for stdout)")
    ] = None,
    url: Url = None,
) -> None:
    """Write a report over the referrals received from --from to --to. Counts under 5 are
    hidden ([c]): a report file leaves the service."""
    from service.store.db import session_factory
    from service.store.uow import UnitOfWork
    from service.workflow import report_files, reports

    chosen = report_files.FORMATS.get(fmt)
    if chosen is None:
        raise bad_input(SOURCE, "--format", f"unknown format {fmt!r}; use json, csv or xlsx")
    if fmt != "json" and (out is None or str(out) == "-"):
        raise bad_input(SOURCE, "-o", f"a {fmt} report is a file; name it with -o FILE")
    params = reports.Params(
        start=_day(start, "--from"),
        end=_day(end, "--to"),
        district=district,
        by=tuple(by or ()),
        splits=tuple(reports.split_of(s) for s in split or ()),
    )
    reports.check(name, params)
    who = _runner(reports.spec_of(name).own, facilitator)
    engine, key = migrated(database_url(url))
    try:
        with UnitOfWork(session_factory(engine, key.cipher)) as uow:
            made = reports.run(uow, who, name, params)
    finally:
        engine.dispose()
    body = report_files.render(made, chosen)
    if out is None or str(out) == "-":
        print(body.decode())
        return
    _write(out, body)
    console.print(f"[green]wrote[/] {out} ({made.title}, {len(body)} bytes)", highlight=False)


def _runner(own: bool, facilitator: str | None) -> Principal:
    """Who runs the report: the operator, or for a facilitator's own report that facilitator
    (the operator holds the database: it may act as them, and only as them)."""
    from service.workflow.auth import Principal, Role

    if own and not facilitator:
        raise bad_input(SOURCE, "--facilitator", "a facilitator's own report; name them")
    if not own and facilitator:
        raise bad_input(SOURCE, "--facilitator", "only for a facilitator's own report, my_hours")
    if facilitator is None:
        return operator()
    return Principal(user_id=0, username="cli", role=Role.FACILITATOR, facilitator_id=facilitator)


def _write(path: Path, body: bytes) -> None:
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
        os.replace(tmp, path)
    except OSError as exc:
        raise bad_input(str(path), "-o", f"cannot write: {exc.strerror}; choose another") from None


@import_app.command("history")
def import_history(
    file: Annotated[Path, typer.Argument(help="a .csv or .xlsx of past referrals")],
    url: Url = None,
) -> None:
    """Load past referrals as closed cases (README: History import): all rows or none, every
    bad row listed."""
    from service.store.db import session_factory
    from service.store.uow import UnitOfWork
    from service.workflow.csv_import import MAX_BYTES
    from service.workflow.history import import_history as load

    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise bad_input(str(file), "/file", f"over {MAX_BYTES} bytes; split the file")
        data = file.read_bytes()
    except OSError as exc:
        raise bad_input(str(file), "/file", f"cannot read: {exc.strerror}") from None
    engine, key = migrated(database_url(url))
    try:
        with UnitOfWork(session_factory(engine, key.cipher)) as uow:
            done = load(uow, operator(), data, file.name)
    finally:
        engine.dispose()
    console.print(
        f"[green]imported[/] {done.rows} past referrals from {done.filename} "
        f"({done.first_received} to {done.last_received})",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add `report` and the `import` group to the CLI."""
    app.command("report")(report)
    app.add_typer(import_app, name="import")
