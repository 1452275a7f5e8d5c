"""`rjplan schema` and `rjplan validate`: the interchange formats from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel

from models import FORMATS, InputError, Problem, load_document
from models.documents import SHORT_NAMES
from service.cli.output import console, write_json


def schema(
    name: Annotated[str, typer.Argument(help="referral, decision, problem or allocation")],
) -> None:
    """Print the JSON Schema of one interchange format."""
    full = SHORT_NAMES.get(name, name)
    if full not in FORMATS:
        known = ", ".join(SHORT_NAMES)
        raise InputError.single("schema", "NAME", f"unknown format {name!r}; use one of {known}")
    write_json(FORMATS[full].model_json_schema(), None)


def validate(
    file: Annotated[Path, typer.Argument(help="a JSON document in any rjplan format")],
) -> None:
    """Check a document against its format; print OK with counts, or every error."""
    doc = load_document(file)
    console.print(f"[green]OK[/] {file}: {_describe(doc)}", highlight=False)


def _describe(doc: BaseModel | list[BaseModel]) -> str:
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
