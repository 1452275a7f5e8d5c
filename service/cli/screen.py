"""`rjplan screen` and `rjplan policy ...`: screening referrals against a policy file.

Bad referrals are reported with their JSON pointer (list index) or CSV row and column. Unless
`--skip-bad` is given, one bad referral means nothing is written at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from service.cli.output import console, errors, write_json

if TYPE_CHECKING:
    import rules
    from models import Decision, FieldError, Referral

PolicyOption = Annotated[
    str,
    typer.Option("--policy", "-p", help="a shipped policy id (essex-2015, essex-2018) or a path"),
]


def screen(
    file: Annotated[
        Path, typer.Argument(help="a referral JSON, a JSON list, or a CSV (one per row)")
    ],
    policy: PolicyOption,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="write here, not stdout")] = None,
    compare: Annotated[
        str | None, typer.Option("--compare", help="a second policy: show what would change")
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="screen the good referrals, report the bad")
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="add each rule's comparisons (fact, expected, actual)")
    ] = False,
) -> None:
    """Screen referrals: one decision (or a list, in input order) with every reason."""
    import rules
    from models import InputError

    first = rules.load_policy(policy)
    second = rules.load_policy(compare) if compare else None
    batch = _read(file).screenable_by(*([first, second] if second else [first]))
    if batch.errors:
        if not skip_bad or batch.one:
            raise InputError(str(file), batch.errors)
        _warn_skipped(file, batch.errors)
    referrals = [referral for _, referral in batch.referrals]
    if second is not None:
        comparison = rules.compare(referrals, first, second)
        _print_comparison(comparison)
        if out is not None:
            write_json(comparison.as_data(), out)
        return
    decisions = [_decision(r, first, explain) for r in referrals]
    write_json(decisions[0] if batch.one else decisions, out)


def _decision(referral: Referral, policy: rules.Policy, explain: bool) -> dict[str, Any]:
    """A decision as JSON; with `explain`, an extra `record` field (readers ignore extras)."""
    import rules
    from rules.evaluate import record

    decision = rules.screen(referral, policy).model_dump(mode="json")
    if explain:
        decision["record"] = record(rules.explain(referral, policy))
    return decision


def _read(file: Path) -> rules.ReferralBatch:
    import rules
    from models import DocumentError, FieldError
    from models.documents import read_json

    if file.suffix.lower() == ".csv":
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise DocumentError(
                str(file), [FieldError("", "file not found; check the path")]
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise DocumentError(str(file), [FieldError("", f"cannot read: {exc}")]) from None
        return rules.parse_referral_csv(text, str(file))
    return rules.parse_referral_json(read_json(file), str(file))


def _warn_skipped(file: Path, problems: list[FieldError]) -> None:
    errors.print(f"[yellow]skipped bad referrals in {file}:[/]", highlight=False)
    for problem in problems:
        errors.print(f"  {problem}", highlight=False, markup=False)


def _print_comparison(comparison: rules.Comparison) -> None:
    from rich.table import Table

    a, b = comparison.before, comparison.after
    console.print(f"{comparison.total} referrals screened under {a} and {b}", highlight=False)
    changed = Table(title=f"{len(comparison.changes)} referrals change decision")
    for column in ("referral", a, b, f"rules that fired under {b}"):
        changed.add_column(column)
    for change in comparison.changes:
        fired = ", ".join(r.rule for r in change.after.reasons) or "(none)"
        changed.add_row(change.referral, _label(change.before), _label(change.after), fired)
    console.print(changed)
    _print_counts("decisions", comparison.by_decision, a, b)
    _print_counts("accepted cases needing each skill", comparison.by_skill, a, b)
    hours_a, hours_b = comparison.hours
    console.print(f"facilitator hours for accepted cases: {a} {hours_a:g}, {b} {hours_b:g}")


def _label(decision: Decision) -> str:
    target = f" to {decision.redirect_to.value}" if decision.redirect_to else ""
    return f"{decision.decision.value}{target}"


def _print_counts(title: str, counts: dict[str, tuple[int, int]], a: str, b: str) -> None:
    from rich.table import Table

    table = Table(title=title)
    for column in ("", a, b, "change"):
        table.add_column(column, justify="right" if column not in ("",) else "left")
    for name, (before, after) in counts.items():
        table.add_row(name, str(before), str(after), f"{after - before:+d}")
    console.print(table)


policy_app = typer.Typer(
    help="Screening policies: check a file, list them, publish the vocabulary."
)


@policy_app.command("check")
def policy_check(
    file: Annotated[Path, typer.Argument(help="a policy YAML file (or a shipped policy id)")],
) -> None:
    """Validate a policy file: OK with its rules, or every problem with its line and fix."""
    from rich.table import Table

    import rules
    from rules.conditions import describe

    loaded = rules.load_policy(file)
    console.print(
        f"[green]OK[/] {loaded.file}: policy {loaded.id} ({loaded.title}), "
        f"{len(loaded.rules)} rules, {len(loaded.area) or 'any'} districts, "
        f"default {loaded.hours:g} hours, {loaded.risk.value} risk",
        highlight=False,
    )
    table = Table()
    for column in ("line", "rule", "then"):
        table.add_column(column, no_wrap=True)
    table.add_column("when")
    for rule in loaded.rules:
        target = rule.outcome.redirect_to
        then = rule.outcome.decision.value + (f" to {target.value}" if target else "")
        table.add_row(str(rule.line), rule.id, then, describe(rule.condition))
    console.print(table)


@policy_app.command("list")
def policy_list() -> None:
    """The ids of the policies shipped with rjplan."""
    import rules

    for name in rules.list_policies():
        console.print(name, highlight=False)


@policy_app.command("vocabulary")
def policy_vocabulary(
    out: Annotated[Path | None, typer.Option("-o", "--out", help="write here, not stdout")] = None,
) -> None:
    """The facts, operators and outcomes a policy may use, as JSON (e.g. for a rule editor)."""
    import rules

    write_json(rules.vocabulary(), out)


def register(app: typer.Typer) -> None:
    """Add `screen` and the `policy` group to the CLI."""
    app.command()(screen)
    app.add_typer(policy_app, name="policy")
