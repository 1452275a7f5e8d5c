"""The coordinator's home: everything due or overdue today, most urgent first, each with the
one action that clears it (service.workflow.worklist, the API's GET /worklist)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from service.web.deps import Today, UowDep, section
from service.web.templating import page
from service.workflow import worklist
from service.workflow.auth import Principal
from service.workflow.schemas.worklist import Urgency

router = APIRouter(prefix="/worklist")
Staff = Annotated[Principal, Depends(section("worklist"))]
GROUPS = (
    (Urgency.OVERDUE, "Overdue", "red"),
    (Urgency.DUE_TODAY, "Due today", "orange"),
    (Urgency.DUE_SOON, "Due soon", "blue"),
)


COLOURS = {u: colour for u, _, colour in GROUPS}
GroupBy = Annotated[Literal["urgency", "subject"], Query(description="how the items are grouped")]


@router.get("", response_class=HTMLResponse)
def my_worklist(
    request: Request, user: Staff, uow: UowDep, today: Today, by: GroupBy = "urgency"
) -> Response:
    """Today's worklist, grouped by urgency, or by the case, referral or facilitator each item
    is about (`?by=subject`), the most urgent first either way."""
    items = worklist.for_user(uow, user, today)
    groups = [(label, colour, [i for i in items if i.urgency is u]) for u, label, colour in GROUPS]
    context = {
        "groups": groups,
        "subjects": worklist.by_subject(items) if by == "subject" else [],
        "colours": COLOURS,
        "by": by,
        "count": len(items),
        "today": today,
    }
    return page(request, "pages/worklist.html", context)
