"""The pages' routers, one module per section (see service/web/README.md)."""

from service.web.routes import cases, me, reports, signin

ROUTERS = (signin.router, cases.router, me.router, reports.router)
