"""Reading documents for CLI commands: the right format, with places resolved."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from geo import default_gazetteer, resolve_problem
from models import InputError, Problem, load_document

D = TypeVar("D", bound=BaseModel)


def load_as(path: Path, model: type[D]) -> D:
    """Read `path` and insist it is a document of `model`'s format."""
    doc = load_document(path)
    if not isinstance(doc, model):
        wanted = model.model_fields["format"].default
        raise InputError.single(str(path), "/format", f"expected a {wanted} document here")
    return doc


def load_problem(path: Path) -> Problem:
    """Read a rjplan.problem/1 file and give every outcode-only place coordinates."""
    return resolve_problem(load_as(path, Problem), default_gazetteer(), source=str(path))
