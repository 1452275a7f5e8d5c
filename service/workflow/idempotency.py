"""Idempotent commits: a repeated Idempotency-Key gets the first answer, for its own target."""

from __future__ import annotations

from typing import Any

from service.errors import ConflictError

KEY_POINTER = "/headers/idempotency-key"


def first_answer(earlier: Any, target_field: str, target: str, what: str) -> dict[str, Any] | None:
    """The stored answer when this key was used before for `target`; 409 for another target.

    `earlier` is the stored key row (None when the key is new); `target_field` names its column
    holding what was committed with it, e.g. "proposal_id".
    """
    if earlier is None:
        return None
    if getattr(earlier, target_field) != target:
        raise ConflictError(KEY_POINTER, f"this Idempotency-Key was used for another {what}")
    answer: dict[str, Any] = earlier.response
    return answer
