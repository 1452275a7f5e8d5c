"""`rjplan schema` and `rjplan validate`: the interchange formats from the command line.

Like every command module, this one imports only what its signatures need; the rest is imported
inside each command, so `rjplan --help` does not load what the other commands use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.output import bad_input, console, write_json

if TYPE_CHECKING:
    from pydantic import BaseModel


def schema(
    name: Annotated[str, typer.Argument(help="referral, decision, problem or allocation")],
) -> None:
    """Print the JSON Schema of one interchange format."""
    from models import FORMATS
    from models.documents import SHORT_NAMES

    full = SHORT_NAMES.get(name, name)
    if full not in FORMATS:
        known = ", ".join(SHORT_NAMES)
        raise bad_input("schema", "NAME", f"unknown format {name!r}; use one of {known}")
    write_json(FORMATS[full].model_json_schema(), None)


def validate(
    file: Annotated[Path, typer.Argument(help="a JSON document in any rjplan format")],
) -> None:
    """Check a document against its format; print OK with counts, or every error."""
    from models import load_document

    doc = load_document(file)
    console.print(f"[green]OK[/] {file}: {_describe(doc)}", highlight=False)


def _describe(doc: BaseModel | list[BaseModel]) -> str:
    from models import Problem

    if isinstance(doc, list):
        kinds = {type(d).__name__.lower() for d in doc}
        return f"{len(doc)} document(s) of type {', '.join(sorted(kinds)) or 'none'}"
    if isinstance(doc, Problem):
        ongoing = sum(1 for c in doc.cases if c.current)
        return (
            f"problem as of {doc.as_of}: {len(doc.facilitators)} facilitators, "
            f"{len(doc.cases)} cases ({ongoing} ongoing)"
        )
    return f"one {type(doc).__name__.lower()} document"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command()(schema)
    app.command()(validate)
