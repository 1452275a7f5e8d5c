"""`rjplan scenario run|compare|recruit|list`: what-if simulations of the service's months."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from service.cli.db import Url
from service.cli.output import atomic_write_text, bad_input, console, write_json

if TYPE_CHECKING:
    from scenarios.sim_run import Backend

scenario_app = typer.Typer(help="What-if scenarios: simulate months of referrals and allocation.")

Replicates = Annotated[int, typer.Option("--replicates", "-n", min=1, help="replicates to run")]
Workers = Annotated[int, typer.Option(min=1, help="local worker processes")]
Cluster = Annotated[str | None, typer.Option(help="run on a Dask cluster, e.g. tcp://HOST:8786")]
Out = Annotated[Path | None, typer.Option("-o", "--out", help="write the numbers as JSON")]


def _backend(workers: int, cluster: str | None) -> Backend:
    from scenarios.sim_run import Backend, require_dask

    if cluster and workers > 1:
        msg = "give either --workers (a local pool) or --cluster (Dask), not both"
        raise bad_input("command line", "--cluster", msg)
    if cluster:
        require_dask("command line", "--cluster")
    return Backend(workers=workers, cluster=cluster)


def _run(name: str, replicates: int, backend: Backend, url: str | None = None) -> dict[str, Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from scenarios.sim_run import run_scenario
    from service.cli.scenario_store import load_for_run, print_fitted

    scenario, fitted = load_for_run(name, url)
    if fitted is not None:
        print_fitted(fitted)
    columns = (*Progress.get_default_columns()[:2], BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task(f"{scenario.scenario}", total=replicates)
        result = run_scenario(
            scenario, replicates, backend, lambda done, _: bar.update(task, completed=done)
        )
    if fitted is not None:  # the document says what the fitted parts rest on
        result["fitted_inputs"] = fitted.model_dump(mode="json")
    return result


def _cell(v: dict[str, float]) -> str:
    return f"{v['mean']:,.1f} ({v['low']:,.1f}-{v['high']:,.1f})"


def _print_side_by_side(runs: list[dict[str, Any]]) -> None:
    from rich.table import Table

    from scenarios.sim_summary import headline

    table = Table("mean (90% interval)", *(r["scenario"] for r in runs))
    rows = [headline(r["summary"]) for r in runs]
    for key in rows[0]:
        table.add_row(key.replace("_", " "), *(_cell(row[key]) for row in rows))
    console.print(table)


@scenario_app.command()
def run(
    scenario: Annotated[str, typer.Argument(help="a shipped scenario name or a .yaml file")],
    replicates: Replicates = 10,
    workers: Workers = 1,
    cluster: Cluster = None,
    out: Out = None,
    report: Annotated[Path | None, typer.Option(help="write an HTML report")] = None,
    url: Url = None,
) -> None:
    """Simulate a scenario: referrals screened, cases allocated each morning, over the months.
    A `funnel` or `vetting_delay` of `{source: store}` is fitted from the store at --url."""
    from scenarios.sim_report import report_html

    result = _run(scenario, replicates, _backend(workers, cluster), url)
    _print_side_by_side([result])
    console.print(f"{replicates} replicates in {result['seconds']:.1f} s.")
    if out is not None:
        write_json(result, out)
    if report is not None:
        atomic_write_text(report, report_html(result))
        console.print(f"Report written to {report}.")


def _load_or_run(item: str, replicates: int, backend: Backend) -> dict[str, Any]:
    from scenarios.sim_run import RUN_FORMAT

    path = Path(item)
    if path.suffix == ".json" and path.is_file():
        doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("format") != RUN_FORMAT:
            msg = f"not a {RUN_FORMAT} document; give a file from `rjplan scenario run -o`"
            raise bad_input(item, "/format", msg)
        return doc
    return _run(item, replicates, backend)


@scenario_app.command()
def compare(
    items: Annotated[list[str], typer.Argument(help="run .json files, or scenarios to run")],
    replicates: Replicates = 10,
    workers: Workers = 1,
    cluster: Cluster = None,
    out: Out = None,
) -> None:
    """Put runs side by side; scenarios given by name or .yaml share one seed's random numbers."""
    from scenarios.sim_summary import headline

    backend = _backend(workers, cluster)
    runs = [_load_or_run(item, replicates, backend) for item in items]
    _print_side_by_side(runs)
    if out is not None:
        write_json({r["scenario"]: headline(r["summary"]) for r in runs}, out)


@scenario_app.command(name="recruit")
def recruit_command(
    scenario: Annotated[str, typer.Argument(help="a shipped scenario name or a .yaml file")],
    target_p90_wait: Annotated[
        float, typer.Option("--target-p90-wait", min=0, help="days, acceptance to allocation")
    ],
    replicates: Replicates = 5,
    step: Annotated[int, typer.Option(min=1, help="volunteers added at a time")] = 2,
    max_volunteers: Annotated[int, typer.Option(min=1, help="largest plan to try")] = 30,
    districts: Annotated[
        list[str] | None, typer.Option("--district", help="districts to try recruiting in")
    ] = None,
    vetting_days: Annotated[
        float | None, typer.Option(help="median vetting days of the recruits (default: usual)")
    ] = None,
    workers: Workers = 1,
    cluster: Cluster = None,
    out: Out = None,
) -> None:
    """Search for a small recruitment plan whose 90th-percentile wait meets the target."""
    from scenarios.sim_recruit import Search, default_kinds, recruit
    from scenarios.sim_spec import VettingDelay, load_scenario

    sc = load_scenario(scenario)
    vetting = None if vetting_days is None else VettingDelay(median_days=max(vetting_days, 0.01))
    search = Search(
        target_p90_days=target_p90_wait,
        kinds=default_kinds(districts or []),
        step=step,
        max_volunteers=max_volunteers,
        replicates=replicates,
        backend=_backend(workers, cluster),
        vetting=vetting,
    )
    best, tried = recruit(sc, search, console.print)
    plan = best.as_dict(step)
    verdict = "meets" if best.meets else "does NOT meet"
    console.print(
        f"Plan of {plan['volunteers']} volunteers {verdict} the target: p90 wait "
        f"{_cell(plan['p90_wait_days'])} days; target met in {plan['confidence']:.0%} of "
        f"replicates ({len(tried)} plans tried)."
    )
    for group in plan["groups"]:
        where = group["district"] or "anywhere"
        console.print(f"  {group['count']} in {where}, trained in {', '.join(group['skills'])}")
    if out is not None:
        write_json({"scenario": sc.scenario, "plan": plan, "plans_tried": len(tried)}, out)


@scenario_app.command(name="list")
def list_command() -> None:
    """The scenarios shipped with rjplan."""
    from scenarios.sim_spec import shipped_scenarios

    for name in shipped_scenarios():
        console.print(name)


def register(app: typer.Typer) -> None:
    """Add the `scenario` command group to the CLI."""
    app.add_typer(scenario_app, name="scenario")


from service.cli.scenario_fit import fit_command  # noqa: E402  (its own module: the store side)

scenario_app.command(name="fit")(fit_command)
