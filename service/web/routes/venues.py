"""The places meetings are held: the venues register (rooms, access, opening, district) and
the prisons visited (sessions, notice, clearance), as staff read them. Changes go through the
API (PUT /venues/{id}, POST /venues/import, PUT /prisons/{name})."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from service.web.deps import UowDep, section
from service.web.templating import page
from service.workflow import venues
from service.workflow.auth import Principal

router = APIRouter(prefix="/venues")
Staff = Annotated[Principal, Depends(section("venues"))]


@router.get("", response_class=HTMLResponse)
def venue_register(request: Request, _user: Staff, uow: UowDep) -> Response:
    """Every registered venue and every prison, with what a booking needs to know."""
    places = venues.register(uow)
    return page(request, "pages/venues.html", {"places": places})
