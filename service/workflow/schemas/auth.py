"""Login, tokens and users."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from service.workflow.auth import Role
from service.workflow.schemas.base import EntityId, Schema, Secret

USERNAME_PATTERN = r"^[A-Za-z0-9_.@-]+$"
"""What a username may be: letters, digits, `_`, `.`, `@`, `-`."""


class UserIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"username": "sam", "password": "a long passphrase", "role": "coordinator"},
                {
                    "username": "f-101",
                    "password": "another passphrase",
                    "role": "facilitator",
                    "facilitator_id": "F-101",
                },
            ]
        }
    )

    username: str = Field(min_length=1, max_length=64, pattern=USERNAME_PATTERN)
    password: Secret = Field(min_length=8, max_length=200)
    role: Role
    facilitator_id: EntityId | None = None


class UserOut(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"username": "sam", "role": "coordinator", "facilitator_id": None, "active": True}
            ]
        }
    )

    username: str
    role: Role
    facilitator_id: str | None
    active: bool
