"""`rjplan db upgrade` and `rjplan db current`: migrate the store named by RJPLAN_DATABASE_URL."""

from __future__ import annotations

from typing import Annotated

import typer

from service.cli.output import console

Url = Annotated[
    str | None,
    typer.Option("--url", help="database URL (default: RJPLAN_DATABASE_URL, else a SQLite file)"),
]

db_app = typer.Typer(
    help="The service's database: migrate it, show its version.", no_args_is_help=True
)


def database_url(url: str | None) -> str:
    """The URL given, else the service's configured one."""
    from service.config import Settings

    return url or Settings().database_url


def shown(url: str) -> str:
    """A URL safe to print: any password is hidden."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@db_app.command("upgrade")
def upgrade_command(url: Url = None) -> None:
    """Create or migrate the database to the latest schema (SQLite or PostgreSQL)."""
    from service.store.db import current_revision, make_engine, upgrade

    target = database_url(url)
    engine = make_engine(target)
    before = current_revision(engine)
    upgrade(engine)
    console.print(
        f"{shown(target)}: {before or 'empty'} -> {current_revision(engine)}", highlight=False
    )
    engine.dispose()


@db_app.command("current")
def current_command(url: Url = None) -> None:
    """Print the migration the database is at."""
    from service.store.db import current_revision, make_engine

    engine = make_engine(database_url(url))
    console.print(
        current_revision(engine) or "not migrated (run `rjplan db upgrade`)", highlight=False
    )
    engine.dispose()


def register(app: typer.Typer) -> None:
    """Add the `db` command group to the CLI."""
    app.add_typer(db_app, name="db")
