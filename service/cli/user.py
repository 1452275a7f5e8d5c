"""`rjplan user add` creates a user with a role; `rjplan user password` gives one a new password.
The password is asked for (never echoed) and must meet the policy (service.workflow.passwords):
exit status 2 naming what to change otherwise."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from service.cli.db import Url, database_url, migrated
from service.cli.output import bad_input, console

if TYPE_CHECKING:
    from service.workflow.auth import Role

user_app = typer.Typer(help="Users of the service and their roles.", no_args_is_help=True)


def _password_option() -> Any:
    return typer.Option(
        prompt=True,
        hide_input=True,
        confirmation_prompt=True,
        envvar="RJPLAN_USER_PASSWORD",
        help="asked for when not given (or set RJPLAN_USER_PASSWORD); at least 12 characters "
        "and not a common password",
    )


@user_app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="the login name")],
    role: Annotated[str, typer.Option("--role", help="admin, coordinator, manager or facilitator")],
    facilitator: Annotated[
        str | None, typer.Option("--facilitator", help="the facilitator id of a facilitator login")
    ] = None,
    password: Annotated[str, _password_option()] = "",
    url: Url = None,
) -> None:
    """Create a user; the password is stored as an argon2 hash."""
    from service.store.db import session_factory
    from service.store.uow import UnitOfWork
    from service.workflow.auth import create_user

    chosen = _role(role)
    engine, key = migrated(database_url(url))
    with UnitOfWork(session_factory(engine, key.cipher)) as uow:
        create_user(uow, "cli", username, password, chosen, facilitator)
        uow.commit()
    engine.dispose()
    console.print(f"[green]created[/] {username} ({chosen.value})", highlight=False)


@user_app.command("password")
def password(
    username: Annotated[str, typer.Argument(help="the login name (any case)")],
    password: Annotated[str, _password_option()] = "",
    url: Url = None,
) -> None:
    """Give a user a new password (audited); their signed-in sessions end."""
    from service.errors import NotFoundError
    from service.store.db import session_factory
    from service.store.uow import UnitOfWork
    from service.workflow.auth import set_password

    engine, key = migrated(database_url(url))
    with UnitOfWork(session_factory(engine, key.cipher)) as uow:
        try:
            user = set_password(uow, "cli", username, password)
        except NotFoundError as missing:
            raise bad_input("command line", "USERNAME", missing.message) from None
        uow.commit()
        name = user.username
    engine.dispose()
    console.print(f"[green]new password[/] for {name}", highlight=False)


def _role(name: str) -> Role:
    """The role named (the service's own list, so a new role needs no change here)."""
    from service.workflow.auth import Role

    try:
        return Role(name.strip().lower())
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise bad_input(
            "command line", "--role", f"unknown role {name!r}; use one of {known}"
        ) from None


def register(app: typer.Typer) -> None:
    """Add the `user` command group to the CLI."""
    app.add_typer(user_app, name="user")
