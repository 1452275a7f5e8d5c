"""Request bodies of the referrals routes (HTTP only; what the use cases take and give is
in service.workflow.schemas.referrals)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from service.workflow.schemas.base import Name, Schema


class ScreenIn(Schema):
    """Which policy to screen under; the policy in force when left out."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"policy": "essex-2018"}, {}]})

    policy: Name | None = None


class PoliciesOut(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"policies": ["essex-2015", "essex-2018"], "in_force": "essex-2018"}]
        }
    )

    policies: list[str]
    in_force: str


class PolicyIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"policy": "essex-2015"}]})

    policy: Name = Field(min_length=1)
