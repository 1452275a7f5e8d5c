"""`rjplan serve`: migrate the store, load the demo into an empty one, and start the service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.db import migrated, shown
from service.cli.output import console

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from scenarios.demo_data import DemoData
    from service.config import Settings


def prepare(settings: Settings) -> bool:
    """Migrate the database; load the demo data when it is empty. True when the demo is in."""
    from scenarios.demo_data import load_demo
    from scenarios.demo_scales import Scale
    from service.store.db import is_empty, session_factory
    from service.store.uow import UnitOfWork
    from service.workflow import demo

    engine, key = migrated(settings.database_url, settings)
    sessions = session_factory(engine, key.cipher)
    if settings.load_demo_when_empty and is_empty(engine):
        data = load_demo(Scale(settings.demo_scale))
        with UnitOfWork(sessions) as uow:
            demo.load(uow, data)
        console.print(f"loaded the {settings.demo_scale} demo data", highlight=False)
        if settings.demo_year:
            _load_year(sessions, data)
    with UnitOfWork(sessions) as uow:
        loaded = demo.is_loaded(uow)
    engine.dispose()
    return loaded


def _load_year(sessions: sessionmaker[Session], data: DemoData) -> None:
    """The demo year of the case file before today (scenarios.demo_year), through the use
    cases; a minute or so on a busy laptop, once, when the database is new."""
    import time

    from geo import default_gazetteer
    from scenarios.demo_year import default_seed
    from service.store.uow import UnitOfWork
    from service.workflow.demo_year import load_year

    started = time.perf_counter()
    people = [(f.id, f.experienced) for f in data.problem.facilitators]
    with UnitOfWork(sessions) as uow:
        loaded = load_year(uow, people, default_gazetteer(), default_seed())
    console.print(
        f"loaded the demo year: {loaded.referrals} referrals, {loaded.cases} cases, "
        f"{loaded.acts} acts ({time.perf_counter() - started:.0f} s)",
        highlight=False,
    )


def serve(
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on")] = None,
    demo_data: Annotated[
        bool, typer.Option("--demo/--no-demo", help="load the demo data into an empty database")
    ] = True,
    workers: Annotated[
        int,
        typer.Option(min=1, max=64, help="server processes (one per core serves the most reads)"),
    ] = 1,
) -> None:
    """Start the service (migrating the database first); prints the address and demo logins."""
    import uvicorn

    from service.config import Settings

    settings = Settings()
    settings = settings.model_copy(
        update={
            "host": host or settings.host,
            "port": port or settings.port,
            "load_demo_when_empty": demo_data and settings.load_demo_when_empty,
        }
    )
    with_demo = prepare(settings)
    address = f"http://{settings.host}:{settings.port}"
    console.print(
        f"rjplan service at [bold]{address}[/] (API docs {address}/docs)", highlight=False
    )
    console.print(f"database: {shown(settings.database_url)}", highlight=False)
    if with_demo:
        _print_demo_logins(settings)
    # the app is built from the environment by name, in each worker process when there are
    # several (the CLI, a door, does not import the composition of the others)
    uvicorn.run(
        "service.server:from_environment",
        factory=True,
        workers=workers,
        host=settings.host,
        port=settings.port,
        log_level="info",
    )


def _print_demo_logins(settings: Settings) -> None:
    from scenarios.demo_data import load_demo
    from scenarios.demo_scales import Scale
    from service.workflow import demo

    data = load_demo(Scale(settings.demo_scale))
    for username, password, role, _ in demo.demo_logins(data):
        console.print(f"  demo login {role.value:12} {username} / {password}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add `rjplan serve` to the CLI."""
    app.command()(serve)
