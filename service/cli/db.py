"""`rjplan db upgrade`, `rjplan db current`, `rjplan db new-key` and `rjplan db rotate-key`:
the store named by RJPLAN_DATABASE_URL and the key of its personal details."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.output import console

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from service.config import Settings
    from service.store.keys import KeySource

Url = Annotated[
    str | None,
    typer.Option("--url", help="database URL (default: RJPLAN_DATABASE_URL, else a SQLite file)"),
]

db_app = typer.Typer(
    help="The service's database: migrate it, show its version, manage its data key.",
    no_args_is_help=True,
)


def database_url(url: str | None) -> str:
    """The URL given, else the service's configured one."""
    from service.config import Settings

    return url or Settings().database_url


def shown(url: str) -> str:
    """A URL safe to print: any password is hidden."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def data_key(url: str, settings: Settings | None = None) -> KeySource:
    """The data key of the store at `url` (RJPLAN_DATA_KEY, else the key file beside a SQLite
    database, made now if missing, with a notice); exit 2 with the fix when there is none."""
    from service.config import Settings, data_key_text
    from service.store.crypto import DataKeyError
    from service.store.keys import ENV, load_cipher

    try:
        source = load_cipher(url, data_key_text(settings or Settings()))
    except DataKeyError as exc:
        console.print(f"[red]data key:[/] {exc}", highlight=False)
        raise typer.Exit(code=2) from None
    if source.created:
        console.print(
            f"[yellow]made a new data key[/] at {source.origin} (mode 0600): it encrypts the "
            "personal details in this database; back it up with the database, or set "
            f"{ENV} instead",
            highlight=False,
        )
    return source


def migrated(url: str, settings: Settings | None = None) -> tuple[Engine, KeySource]:
    """An engine on the store at `url`, migrated to the latest schema, and its data key."""
    from service.store.db import make_engine, upgrade

    source = data_key(url, settings)
    engine = make_engine(url)
    upgrade(engine, cipher=source.cipher)
    return engine, source


@db_app.command("upgrade")
def upgrade_command(url: Url = None) -> None:
    """Create or migrate the database to the latest schema (SQLite or PostgreSQL)."""
    from service.store.db import current_revision, make_engine, upgrade

    target = database_url(url)
    source = data_key(target)
    engine = make_engine(target)
    before = current_revision(engine)
    upgrade(engine, cipher=source.cipher)
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


@db_app.command("new-key")
def new_key_command() -> None:
    """Print a new random data key (for RJPLAN_DATA_KEY; put it first to rotate to it)."""
    from service.store.crypto import Cipher

    console.print(Cipher.generate_key(), highlight=False)


@db_app.command("rotate-key")
def rotate_key_command(
    url: Url = None,
    new: Annotated[
        bool,
        typer.Option(
            "--new",
            help="a SQLite key file only: make a new key, rotate to it and keep only it",
        ),
    ] = False,
) -> None:
    """Re-encrypt every personal value under the first data key, in one transaction.

    With RJPLAN_DATA_KEY: set it to NEW,OLD, run this, then drop OLD. With the key file beside
    a SQLite database: `--new` makes the new key and retires the old one itself."""
    from service.store.db import make_engine, session_factory, upgrade
    from service.store.keys import read_key_file, write_key_file
    from service.store.rotation import rotate_all

    target = database_url(url)
    source = data_key(target)
    if new:
        source = _with_new_key(source)
    engine = make_engine(target)
    upgrade(engine, cipher=source.cipher)
    with session_factory(engine, source.cipher)() as session:
        counts = rotate_all(session, source.cipher)
        session.commit()
    engine.dispose()
    if new and source.key_file is not None:
        write_key_file(source.key_file, [read_key_file(source.key_file)[0].decode()])
    for column, count in counts.items():
        console.print(f"{column}: {count} value(s) re-encrypted", highlight=False)
    console.print(f"[green]done[/]: every sealed value is under the first key of {source.origin}")


def _with_new_key(source: KeySource) -> KeySource:
    from service.store.crypto import Cipher
    from service.store.keys import ENV, KeySource, read_key_file, write_key_file

    if source.key_file is None:
        console.print(
            f"[red]--new[/] works on a SQLite key file; with {ENV}, put a new key "
            "(`rjplan db new-key`) first in it and run rotate-key without --new",
            highlight=False,
        )
        raise typer.Exit(code=2)
    keys = [k.decode() for k in read_key_file(source.key_file)]
    write_key_file(source.key_file, [Cipher.generate_key(), *keys])
    return KeySource(Cipher(read_key_file(source.key_file)), source.origin, False, source.key_file)


@db_app.command("erase")
def erase_command(
    before: Annotated[
        str | None,
        typer.Option(
            "--before",
            help="erase cases closed before this day, YYYY-MM-DD (default: the retention "
            "policy's period before today)",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="count what would be erased; change nothing")
    ] = False,
    url: Url = None,
) -> None:
    """Erase the personal details of closed cases kept long enough (rules/retention/): names,
    contact details and free text are blanked; every row and count stays. Audited per case."""
    import datetime as dt

    from service.cli.output import bad_input
    from service.clock import SYSTEM_CLOCK
    from service.errors import InputError
    from service.store.db import session_factory
    from service.store.uow import UnitOfWork
    from service.workflow import retention

    day = None
    if before is not None:
        try:
            day = dt.date.fromisoformat(before)
        except ValueError:
            raise bad_input(
                "command line", "--before", f"{before!r} is not a day; write it as YYYY-MM-DD"
            ) from None
    engine, key = migrated(database_url(url))
    try:
        with UnitOfWork(session_factory(engine, key.cipher), SYSTEM_CLOCK) as uow:
            done = retention.erase(uow, "cli", day, dry_run)
    except InputError as exc:
        raise bad_input("command line", "--before", exc.errors[0].message) from None
    finally:
        engine.dispose()
    verb = "would erase" if done.dry_run else "erased"
    tables = ", ".join(f"{n} {name}" for name, n in done.by_table.items()) or "nothing"
    console.print(
        f"{verb} {done.values} personal values of {done.cases} cases closed before "
        f"{done.before} (policy {done.policy}): {tables}",
        highlight=False,
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    """Add the `db` command group to the CLI."""
    app.add_typer(db_app, name="db")
