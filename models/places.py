"""Places the service meets people: prisons and venues (gazetteer records)."""

from __future__ import annotations

from pydantic import Field

from models.common import Model


class Prison(Model):
    """A prison the service visits."""

    name: str = Field(min_length=1)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    category: str = ""
    holds: str = ""
    postcode: str = ""


class Venue(Model):
    """A place to hold a conference or panel."""

    id: str = Field(min_length=1)
    name: str
    venue_type: str
    town: str = ""
    district: str = ""
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    notes: str = ""
    synthetic: bool = False
