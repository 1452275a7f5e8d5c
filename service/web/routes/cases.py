"""Cases: the list with filters, one case with its pair, history and audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from models.values import EntityId
from service.web.deps import ReaderDep, User, section
from service.web.templating import page
from service.workflow import cases
from service.workflow.auth import STAFF, Principal

router = APIRouter(prefix="/cases")
Staff = Annotated[Principal, Depends(section("cases"))]
PAGE = 50
STATUSES = (("open", "Open"), ("closed", "Closed"), ("all", "All"))


@router.get("", response_class=HTMLResponse)
async def case_list(
    request: Request,
    _user: Staff,
    reader: ReaderDep,
    status: Annotated[str, Query(pattern="^(open|closed|all)$")] = "open",
    unallocated: bool = False,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """A page of cases, filtered by status and whether they wait for a pair."""
    wanted = cases.CaseStatusFilter(status)  # type: ignore[attr-defined]  # until the schemas move to workflow
    found = await cases.listing(reader, wanted, unallocated, PAGE + 1, offset)
    context = {
        "cases": found[:PAGE],
        "more": len(found) > PAGE,
        "filters": {"status": status, "unallocated": unallocated},
        "statuses": STATUSES,
        "offset": offset,
        "page_size": PAGE,
    }
    template = "pages/cases_table.html" if request.headers.get("hx-request") else "pages/cases.html"
    return page(request, template, context)


@router.get("/{case_id}", response_class=HTMLResponse)
async def case_page(request: Request, case_id: EntityId, user: User, reader: ReaderDep) -> Response:
    """One case: its pair now, the pairs it had and (for staff) its audit trail. A facilitator
    may open only a case they are on (403 otherwise, from the workflow's own check)."""
    case = await cases.get(reader, user, case_id)
    return page(request, "pages/case.html", {"case": case, "staff": user.role in STAFF})
