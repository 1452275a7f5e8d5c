"""The pages' routers, one module per section (see service/web/README.md)."""

from fastapi import APIRouter

from service.web.routes import board, cases, facilitators, me, referrals, reports, signin, worklist

ROUTERS: tuple[APIRouter, ...] = (signin.router, cases.router, me.router)
ROUTERS += (worklist.router, board.router, referrals.router, facilitators.router)
ROUTERS += (reports.router,)
