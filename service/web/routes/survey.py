"""The manager's page of the anonymous volunteer survey: open a round, close it, read each
closed round's results in aggregate (a question fewer than 5 answered is not shown)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from service.web.deps import UowDep, section
from service.web.templating import PREFIX, page
from service.workflow import survey
from service.workflow.auth import Principal

router = APIRouter(prefix="/survey")
Manager = Annotated[Principal, Depends(section("survey"))]
RoundId = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.get("", response_class=HTMLResponse)
def rounds_page(request: Request, user: Manager, uow: UowDep) -> Response:
    """The rounds, newest first, with the results of those closed."""
    found = survey.rounds(uow, user)
    opened = request.query_params.get("done")
    return page(
        request,
        "pages/survey_rounds.html",
        {
            "rounds": found,
            "open": next((r for r in found if r.closed_on is None), None),
            "done": opened if opened in ("opened", "closed") else None,
            "minimum": survey.MIN_ANSWERED,
        },
    )


@router.post("/rounds")
def open_round(user: Manager, uow: UowDep) -> Response:
    """Open a round: facilitators may answer it from their page."""
    survey.open_round(uow, user)
    return RedirectResponse(f"{PREFIX}/survey?done=opened", status_code=303)


@router.post("/rounds/{round_id}/close")
def close_round(round_id: RoundId, user: Manager, uow: UowDep) -> Response:
    """Close a round: no more answers, its results shown."""
    survey.close_round(uow, user, round_id)
    return RedirectResponse(f"{PREFIX}/survey?done=closed", status_code=303)
