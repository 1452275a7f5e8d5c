"""Errors a user can act on. The CLI maps them to exit status 2, the service to HTTP 4xx."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: where (a JSON pointer, or a row/column) and what to do."""

    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


class InputError(ValueError):
    """Bad input from a user: names the source (file or record) and every field at fault."""

    def __init__(self, source: str, errors: list[FieldError]) -> None:
        self.source = source
        self.errors = errors
        lines = "\n".join(f"  {e}" for e in errors)
        super().__init__(f"{source}: {len(errors)} error(s)\n{lines}")

    @classmethod
    def single(cls, source: str, pointer: str, message: str) -> InputError:
        """An error with one field at fault."""
        return cls(source, [FieldError(pointer, message)])
