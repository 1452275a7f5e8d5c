"""The `rjplan` command line. Each command group lives in its own module and registers here."""

from __future__ import annotations

import sys

import typer

from models import InputError
from service.cli import (
    allocate,
    check,
    core,
    db,
    demo,
    demo_data,
    meetings,
    scenario,
    screen,
    serve,
    user,
)
from service.cli.output import report_input_error

# Each command module has `register(app)`; add a module here to add its commands.
COMMAND_MODULES = (
    core,
    check,
    screen,
    allocate,
    demo,
    serve,
    db,
    user,
    demo_data,
    meetings,
    scenario,
)

app = typer.Typer(
    name="rjplan",
    help="Plan a restorative justice service: screen referrals, pair facilitators, plan meetings.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
for module in COMMAND_MODULES:
    module.register(app)


def main() -> None:
    """Entry point: run the CLI; bad input prints one plain message and exits with status 2."""
    try:
        app()
    except InputError as exc:
        report_input_error(exc)
        sys.exit(2)
