"""Printing for the CLI: rich tables on stdout, plain error messages on stderr."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import Console

T = TypeVar("T")

if TYPE_CHECKING:
    from models import InputError

console = Console()
errors = Console(stderr=True)


def report_input_error(exc: InputError) -> None:
    """One plain message naming the source and every field at fault; no traceback.

    Each field's message stays on one line (no wrapping at the terminal's width), so it can be
    searched for and read by other programs.
    """
    errors.print(f"[bold red]error:[/] {exc.source}", highlight=False, soft_wrap=True)
    for err in exc.errors:
        line = f"  {err.pointer or '/'}: {err.message}"
        errors.print(line, highlight=False, markup=False, soft_wrap=True)


def bad_input(source: str, pointer: str, message: str) -> InputError:
    """The error for one bad field; `main` prints it and exits with status 2.

    The models are imported here, not at start-up: most runs never need this.
    """
    from models import InputError

    return InputError.single(source, pointer, message)


def checked(source: str, option: str, check: Callable[[T], T], value: T) -> T:
    """`value` passed through one of the edge vocabulary's checks (models.values: check_id,
    check_day, check_line...), or the InputError naming the option and the fix (exit 2)."""
    try:
        return check(value)
    except ValueError as exc:
        raise bad_input(source, option, str(exc)) from None


def write_json(data: Any, out: Path | None) -> None:
    """Write JSON to `out` atomically (never half-written), or to stdout when out is None/'-'."""
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    if out is None or str(out) == "-":
        print(text, end="")
        return
    atomic_write_text(out, text)


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` via a temporary file and a rename, so readers never see half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
