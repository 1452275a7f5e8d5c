"""Rendering a page: the Jinja2 environment (autoescaped), and what every page's layout needs
(the user, the navigation they may see, the CSRF token for forms, the current section)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from service.clock import SERVICE_ZONE
from service.web import session
from service.web.nav import bar
from service.workflow.auth import PLANNERS, Principal

PREFIX = "/web"
TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
TEMPLATES.env.globals["prefix"] = PREFIX


def page(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The page `template` with `context`, in the layout for the signed-in user (if any)."""
    user: Principal | None = getattr(request.state, "user", None)
    values = {
        "user": user,
        "nav": bar(user) if user else [],
        "can_plan": user is not None and user.role in PLANNERS,
        "csrf_token": session.csrf_token(request),
        "csrf_field": session.CSRF_FIELD,
        "current_path": request.url.path.removeprefix(PREFIX),
        "htmx": request.headers.get("hx-request") == "true",
    }
    response = TEMPLATES.TemplateResponse(
        request, template, values | (context or {}), status_code=status
    )
    session.remember_presession(request, response)
    return response


def _date(value: dt.date | None) -> str:
    """A date as the pages show it: 23 November 2026."""
    return "" if value is None else f"{value.day} {value:%B %Y}"


def _when(value: dt.datetime | None) -> str:
    """A time (stored as naive UTC) as the pages show it, in the service's zone."""
    if value is None:
        return ""
    local = value.replace(tzinfo=value.tzinfo or dt.UTC).astimezone(SERVICE_ZONE)
    return f"{local.day} {local:%B %Y, %H:%M}"


def _words(value: str | None) -> str:
    """An enum value in words: not_proceeding -> not proceeding."""
    return "" if value is None else str(value).replace("_", " ")


def _cell(value: object, kind: str = "text") -> str:
    """A report's cell as the pages show it: counts with thousands separators, percentages
    whole (half up, as the seeds print them), nothing as a dash."""
    if value is None:
        return "\N{EN DASH}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if kind == "percent":
        whole = Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return f"{whole} %"
    if kind == "count":
        return f"{value:,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


TEMPLATES.env.filters["date"] = _date
TEMPLATES.env.filters["when"] = _when
TEMPLATES.env.filters["words"] = _words
TEMPLATES.env.filters["cell"] = _cell
