"""The pages' routers, one module per section (see service/web/README.md)."""

from fastapi import APIRouter

from service.web.routes import (
    admin,
    board,
    casefile,
    cases,
    facilitators,
    me,
    meetings,
    my_record,
    recruits,
    referrals,
    reports,
    scenarios,
    signin,
    survey,
    venues,
    worklist,
)

ROUTERS: tuple[APIRouter, ...] = (signin.router, cases.router, me.router)
ROUTERS += (worklist.router, board.router, referrals.router, facilitators.router)
ROUTERS += (meetings.router, scenarios.router, admin.router)
ROUTERS += (reports.router,)
ROUTERS += (casefile.router,)
ROUTERS += (venues.router,)
ROUTERS += (recruits.router,)
ROUTERS += (my_record.router, survey.router)
