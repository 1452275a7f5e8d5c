"""The `rjplan` command line. Each command group lives in its own module and registers here.

Start-up stays cheap: a command module imports only typer and what its signatures name, and
imports the allocator, the store, the service or the models inside the command that needs
them (tests/service/test_cli_startup.py checks it; `make bench` times it).
"""

from __future__ import annotations

import sys

import typer

from service.cli import (
    allocate,
    check,
    core,
    db,
    demo,
    demo_data,
    meetings,
    reports,
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
    reports,
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
    except Exception as exc:
        from models import InputError  # already loaded whenever one can have been raised

        if not isinstance(exc, InputError):
            raise
        report_input_error(exc)
        sys.exit(2)
