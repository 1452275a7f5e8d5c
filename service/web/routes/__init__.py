"""The pages' routers, one module per section (see service/web/README.md)."""

from service.web.routes import admin, cases, me, meetings, scenarios, signin

ROUTERS = (
    signin.router,
    cases.router,
    me.router,
    meetings.router,
    scenarios.router,
    admin.router,
)
