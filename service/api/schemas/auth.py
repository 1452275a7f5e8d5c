"""Login, tokens and users."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from service.api.schemas.common import ApiModel, UtcDateTime
from service.workflow.auth import Role


class LoginIn(ApiModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"username": "coordinator", "password": "demo-coordinator"}]
        }
    )

    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


class TokenOut(ApiModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "access_token": "b1c2...",
                    "token_type": "bearer",
                    "expires_at": "2026-11-23T18:00:00",
                    "role": "coordinator",
                }
            ]
        }
    )

    access_token: str
    token_type: str = "bearer"
    expires_at: UtcDateTime
    role: Role


class UserIn(ApiModel):
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

    username: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")
    password: str = Field(min_length=8, max_length=200)
    role: Role
    facilitator_id: str | None = Field(default=None, min_length=1, max_length=64)


class UserOut(ApiModel):
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
