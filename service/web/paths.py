"""The pages' path parameters, bounded as the API's are: an id is the edge's EntityId (letters,
digits, `.`, `_`, `-`, at most 64), a row number a positive 32-bit integer, a username the
accounts' grammar. A 10 kB or NUL-byte segment is a 422 page naming it, never a 500."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from models.values import EntityId
from service.workflow.schemas.auth import USERNAME_PATTERN

RowNumber = Annotated[int, Path(ge=1, le=2_147_483_647)]
"""A contact's or an action's number (the store's integer key)."""
Username = Annotated[str, Path(min_length=1, max_length=64, pattern=USERNAME_PATTERN)]
"""A login's username, as accounts are named."""

__all__ = ["EntityId", "RowNumber", "Username"]
