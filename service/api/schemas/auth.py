"""Request bodies of the auth routes (HTTP only; what the use cases take and give is
in service.workflow.schemas.auth)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from service.workflow.auth import Role
from service.workflow.schemas.base import Line64, Schema, Secret, UtcDateTime


class LoginIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"username": "coordinator", "password": "willow-harbour-demo"}]
        }
    )

    username: Line64 = Field(min_length=1)
    password: Secret = Field(max_length=200)


class TokenOut(Schema):
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
