"""Scenarios (managers and admins): start a what-if run from a form or a scenario file, follow
its progress (htmx polls a status fragment; without JavaScript a refresh link), read its
numbers and charts (each with its table), and put two runs side by side."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from models import InputError
from models.values import TYPED_AS_TEXT
from service.web.deps import JobsDep, SettingsDep, UowDep, section
from service.web.forms import field_errors, validation_errors
from service.web.paths import EntityId
from service.web.templating import PREFIX, page
from service.workflow import scenario_runs, scenario_views
from service.workflow.auth import Principal
from service.workflow.schemas.scenarios import MAX_YAML, ScenarioRunIn

router = APIRouter(prefix="/scenarios")
Manager = Annotated[Principal, Depends(section("scenarios"))]
RUNS_SHOWN = 30
POLL_SECONDS = 2
RunId = EntityId  # service.web.paths: bounded as the API's ids
Small = Annotated[str, Form(max_length=100)]
CHART = r"^(backlog|waits|districts|skills)$"


@router.get("", response_class=HTMLResponse)
def scenarios_page(request: Request, _user: Manager, uow: UowDep) -> Response:
    """The runs, newest first; the forms to start one and to compare two."""
    return _scenarios_page(request, uow, {})


def _scenarios_page(
    request: Request, uow: UowDep, context: dict[str, Any], status: int = 200
) -> Response:
    runs = scenario_runs.recent(uow, RUNS_SHOWN, 0)
    values = {
        "runs": runs,
        "done": [r for r in runs if r.status == "done"],
        "shipped": scenario_runs.shipped(),
        "form": {},
        "errors": {},
        "max_yaml": MAX_YAML,
    }
    return page(request, "pages/scenarios.html", values | context, status)


@router.post("/runs", response_class=HTMLResponse)
def start(
    request: Request,
    user: Manager,
    uow: UowDep,
    settings: SettingsDep,
    jobs: JobsDep,
    scenario: Small = "",
    replicates: Small = "",
    seed: Small = "",
    pool: Small = "scenario",
) -> Response:
    """Start a shipped scenario with the form's replicates, seed and pool."""
    form = {"scenario": scenario, "replicates": replicates, "seed": seed, "pool": pool}
    body = {"scenario": scenario or None, "replicates": replicates or 10, "seed": seed or None}
    return _started(request, user, uow, settings, jobs, form, body | {"pool": pool})


@router.post("/upload", response_class=HTMLResponse)
async def upload(
    request: Request,
    user: Manager,
    uow: UowDep,
    settings: SettingsDep,
    jobs: JobsDep,
    file: Annotated[UploadFile | None, File()] = None,
    replicates: Small = "",
) -> Response:
    """Start a run of an uploaded scenario file (YAML, at most MAX_YAML bytes)."""
    form = {"replicates": replicates}
    text, problem = await _yaml_text(file)
    if problem:
        errors = {"file": problem}
        return _scenarios_page(request, uow, {"errors": errors, "form": form}, 422)
    body = {"yaml": text, "replicates": replicates or 10}
    return _started(request, user, uow, settings, jobs, form, body, where="file")


async def _yaml_text(file: UploadFile | None) -> tuple[str, str]:
    """The upload's text, or what is wrong with it."""
    if file is None or not file.filename:
        return "", "Choose a scenario file (.yaml) to upload"
    data = await file.read(MAX_YAML + 1)
    if len(data) > MAX_YAML:
        return "", f"The file is larger than {MAX_YAML:,} bytes: a scenario file is a few lines"
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        return "", "The file is not text (UTF-8): upload a .yaml scenario file"


def _started(
    request: Request,
    user: Principal,
    uow: UowDep,
    settings: SettingsDep,
    jobs: JobsDep,
    form: dict[str, str],
    body: dict[str, Any],
    where: str = "",
) -> Response:
    try:
        wanted = ScenarioRunIn.model_validate(body, context=TYPED_AS_TEXT)
        run = scenario_runs.start(uow, user, settings, wanted, jobs)
    except ValidationError as exc:
        errors = _into(validation_errors(exc), where)
        return _scenarios_page(request, uow, {"errors": errors, "form": form}, 422)
    except InputError as exc:
        uow.session.rollback()
        errors = _into(field_errors(exc.errors), where)
        return _scenarios_page(request, uow, {"errors": errors, "form": form}, 422)
    return RedirectResponse(f"{PREFIX}/scenarios/runs/{run.id}", status_code=303)


def _into(errors: dict[str, str], where: str) -> dict[str, str]:
    """Errors inside an uploaded file belong to the file field, saying where in the file."""
    if not where:
        return errors
    out: dict[str, str] = {}
    for name, message in errors.items():
        if name.startswith("yaml"):
            inside = name.removeprefix("yaml").strip(".")
            out.setdefault(where, f"{inside}: {message}" if inside else message)
        else:
            out.setdefault(name, message)
    return out


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def run_page(request: Request, run_id: RunId, _user: Manager, uow: UowDep) -> Response:
    """A run: its progress while it runs; its numbers and charts once done."""
    run = scenario_runs.get(uow, run_id)
    shown = scenario_views.charts(uow, run_id) if run.status == "done" else None
    context = {"run": run, "shown": shown, "poll": POLL_SECONDS}
    return page(request, "pages/scenario_run.html", context)


@router.get("/runs/{run_id}/status", response_class=HTMLResponse)
def run_status(request: Request, run_id: RunId, _user: Manager, uow: UowDep) -> Response:
    """The progress fragment htmx polls; when the run ends, the whole page is loaded again."""
    run = scenario_runs.get(uow, run_id)
    response = page(request, "pages/scenario_status.html", {"run": run, "poll": POLL_SECONDS})
    if run.status not in scenario_runs.CANCELLABLE and request.headers.get("hx-request"):
        response.headers["HX-Refresh"] = "true"
    return response


@router.post("/runs/{run_id}/cancel")
def cancel(run_id: RunId, user: Manager, uow: UowDep, jobs: JobsDep) -> Response:
    """Cancel a queued or running run; it stops within seconds, keeping its progress."""
    scenario_runs.cancel(uow, user, run_id, jobs)
    return RedirectResponse(f"{PREFIX}/scenarios/runs/{run_id}", status_code=303)


@router.get("/runs/{run_id}/charts/{name}.svg")
def chart(
    run_id: RunId, name: Annotated[str, Path(pattern=CHART)], _user: Manager, uow: UowDep
) -> Response:
    """One chart of a finished run, drawn by matplotlib as SVG (shown as an image; the page
    gives its numbers in a table beneath it)."""
    svg = scenario_views.chart_svg(uow, run_id, name)
    return Response(svg, media_type="image/svg+xml")


@router.get("/compare", response_class=HTMLResponse)
def compare(
    request: Request,
    _user: Manager,
    uow: UowDep,
    first: Annotated[str, Query(max_length=36)] = "",
    second: Annotated[str, Query(max_length=36)] = "",
) -> Response:
    """Two finished runs side by side."""
    errors = {}
    if not first:
        errors["first"] = "Choose the first run"
    if not second:
        errors["second"] = "Choose the second run"
    if errors:
        return _scenarios_page(request, uow, {"errors": errors}, 422)
    compared = scenario_views.compare(uow, first, second)
    return page(request, "pages/scenario_compare.html", {"compared": compared})
