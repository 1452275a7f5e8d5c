"""Request bodies of the case-file routes that only HTTP has."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from models import Referral
from service.workflow.schemas.base import Name, Schema


class ReferralUpdateIn(Schema):
    """A held or needs-information referral's new document, screened again at once."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"referral": {}, "policy": None}]})

    referral: Referral
    policy: Name | None = None


class StandardIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"standard": "essex-2018"}]})

    standard: Name = Field(min_length=1)


class StandardsOut(Schema):
    standards: list[str]
    in_force: str
