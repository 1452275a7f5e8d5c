"""The JSON API door: its routers, its error answers and its description (service.server
builds the app they go in)."""

from __future__ import annotations

from fastapi import FastAPI

from service.api import errors
from service.api.docs import add_docs
from service.api.routes import (
    audit,
    auth,
    casefile,
    cases,
    expenses,
    facilitators,
    meetings,
    outcomes,
    policies,
    proposals,
    recruits,
    referrals,
    reports,
    scenarios,
    survey,
    venues,
    volunteers,
    worklist,
)

ROUTERS = (
    auth.router,
    referrals.router,
    policies.router,
    facilitators.router,
    volunteers.router,
    expenses.router,
    survey.router,
    recruits.router,
    proposals.router,
    meetings.router,
    cases.router,
    casefile.router,
    outcomes.router,
    worklist.router,
    scenarios.router,
    venues.router,
    audit.router,
    reports.router,
)

DESCRIPTION = """The rjplan service: referrals and their screening, facilitators, the morning
allocation (propose, review, pin or forbid, commit), re-planning, meetings for committed pairs
(plan, review, commit, calendar feeds), what-if scenario runs in the background (start, follow,
read the numbers and report) and the facilitator's own view.

Log in with `POST /auth/token` and send `Authorization: Bearer TOKEN`. Every error answer is a
JSON body with `errors[]`, each naming a field by JSON pointer. Data is PROTECT - PERSONAL
INFORMATION: roles limit who reads what, and every change is in the audit log."""


def add_api(app: FastAPI) -> None:
    """Add the JSON API's routes and its error answers to `app` (service.server makes it)."""
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    add_docs(app)
