"""Timeliness standards as data: a YAML file of clocks, each started by an event of the case (or
by another clock being met) and stopped by another, within so many working days.

    timeliness: essex-2018
    title: Essex Restorative and Mediation Service, 2018
    clocks:
      - id: harmed-first-contact
        title: First contact with the person harmed
        starts: case_accepted                   # an event, or {clock: another-clock-id}
        stops: harmed_reached                   # an event, or a list: any of them
        within: {working_days: 5}               # or {days: 10}
        void_if: [case_closed]                  # optional: no longer owed once one happens
        each: false                             # optional: a clock for every start, not the first
        action: Contact the person harmed and offer restorative justice

A file is checked when it loads: unknown keys and events, a clock started by a clock that does
not exist, and clocks that start each other in a cycle are refused with the file and line.
The shipped files are in rules/timeliness/ (the 2015 hub's and the 2018 service's).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
import yaml

from models.casefile import CaseEvent, CaseEventKind
from rules.source import At, Problems, compose, did_you_mean, mapping, scalar, sequence
from rules.working_days import add_working_days, working_days_between

TOP_KEYS = ("timeliness", "title", "source", "clocks")
CLOCK_KEYS = ("id", "title", "starts", "stops", "within", "void_if", "each", "action")
UNITS = ("working_days", "days")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
EVENTS = tuple(e.value for e in CaseEventKind)


class ClockState(StrEnum):
    DUE = "due"
    OVERDUE = "overdue"
    MET_LATE = "met_late"
    MET = "met"


@dataclass(frozen=True)
class ClockRule:
    """One standard: from `starts` (an event, or the day clock `after` was met) to any of
    `stops`, within `within` working days (or calendar days when not `working`)."""

    id: str
    title: str
    action: str
    starts: CaseEventKind | None
    after: str | None
    stops: tuple[CaseEventKind, ...]
    within: int
    working: bool
    void_if: tuple[CaseEventKind, ...]
    each: bool
    line: int

    def due(self, start: dt.date) -> dt.date:
        """The last day the clock may be met on."""
        if self.working:
            return add_working_days(start, self.within)
        return start + dt.timedelta(days=self.within)

    def taken(self, start: dt.date, met_on: dt.date) -> int:
        """Days from the start to the day the clock was met, in the clock's own unit (working
        days after the start for a working-day clock, calendar days otherwise)."""
        if self.working:
            return working_days_between(start, met_on)
        return (met_on - start).days

    @property
    def unit(self) -> str:
        return "working days" if self.working else "calendar days"

    def describe(self) -> str:
        """The rule in words, as the standard's file states it."""
        starts = self.starts.value if self.starts else f"clock {self.after} met"
        stops = " or ".join(s.value for s in self.stops)
        text = f"From {starts} to {stops}, within {self.within} {self.unit}"
        if self.void_if:
            text += f"; not owed once {' or '.join(v.value for v in self.void_if)}"
        if self.each:
            text += "; a clock for every start"
        return text + "."


@dataclass(frozen=True)
class TimelinessPolicy:
    id: str
    title: str
    file: str
    clocks: tuple[ClockRule, ...]


@dataclass(frozen=True)
class Clock:
    """One running or finished clock of a case on the day asked."""

    rule: ClockRule
    started: dt.date
    due: dt.date
    met_on: dt.date | None
    state: ClockState


def shipped_dir() -> Path:
    """The folder of the timeliness standards shipped with rjplan."""
    return Path(str(resources.files("rules") / "timeliness"))


def list_timeliness() -> list[str]:
    """The ids of the shipped timeliness standards, sorted."""
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))


@lru_cache(maxsize=16)
def load_timeliness(name_or_path: str) -> TimelinessPolicy:
    """A shipped standard by id (e.g. "essex-2018"), or any file by path; checked as it loads."""
    path = Path(name_or_path)
    if not path.suffix:
        path = shipped_dir() / f"{name_or_path}.yaml"
    return parse_timeliness(path.read_text(encoding="utf-8"), str(path))


def parse_timeliness(text: str, source: str) -> TimelinessPolicy:
    """A standard from YAML text; every problem is raised at once with its line (PolicyError)."""
    root, loader = compose(text, source)
    problems = Problems(source)
    top = mapping(root, At(root.start_mark.line + 1, ""), problems, TOP_KEYS) or {}
    for key in ("timeliness", "title", "clocks"):
        if key not in top:
            problems.add(At(1, ""), f"add `{key}:`")
    ident = _text(top.get("timeliness"), loader, problems)
    title = _text(top.get("title"), loader, problems)
    clocks: list[ClockRule] = []
    if "clocks" in top:
        for node, at in sequence(*top["clocks"], problems) or []:
            clock = _clock(node, at, loader, problems)
            if clock is not None:
                clocks.append(clock)
    _check_links(clocks, problems)
    problems.raise_if_any()
    return TimelinessPolicy(ident, title, source, tuple(clocks))


def _text(entry: tuple[yaml.Node, At] | None, loader: yaml.SafeLoader, problems: Problems) -> str:
    if entry is None:
        return ""
    value = scalar(entry[0], loader) if isinstance(entry[0], yaml.ScalarNode) else None
    if not isinstance(value, str) or not value.strip():
        problems.add(entry[1], "give a line of text here")
        return ""
    return value


def _event(
    node: yaml.Node, at: At, loader: yaml.SafeLoader, problems: Problems
) -> CaseEventKind | None:
    value = scalar(node, loader) if isinstance(node, yaml.ScalarNode) else None
    if value not in EVENTS:
        problems.add(at, f"unknown event {value!r}; {did_you_mean(str(value), EVENTS)}")
        return None
    return CaseEventKind(value)


def _events(
    entry: tuple[yaml.Node, At] | None, loader: yaml.SafeLoader, problems: Problems
) -> tuple[CaseEventKind, ...]:
    if entry is None:
        return ()
    node, at = entry
    items = sequence(node, at, problems) if isinstance(node, yaml.SequenceNode) else [(node, at)]
    found = [_event(n, a, loader, problems) for n, a in items or []]
    return tuple(e for e in found if e is not None)


def _starts(
    entry: tuple[yaml.Node, At], loader: yaml.SafeLoader, problems: Problems
) -> tuple[CaseEventKind | None, str | None]:
    node, at = entry
    if isinstance(node, yaml.MappingNode):
        after = mapping(node, at, problems, ("clock",)) or {}
        if "clock" not in after:
            problems.add(at, "write `starts: {clock: ID}` to start when another clock is met")
            return None, None
        return None, _text(after["clock"], loader, problems)
    return _event(node, at, loader, problems), None


def _within(
    entry: tuple[yaml.Node, At], loader: yaml.SafeLoader, problems: Problems
) -> tuple[int, bool]:
    node, at = entry
    given = mapping(node, at, problems, UNITS) or {}
    if len(given) != 1:
        problems.add(at, "give one of `{working_days: N}` or `{days: N}`")
        return 0, True
    unit, (value_node, where) = next(iter(given.items()))
    value = scalar(value_node, loader) if isinstance(value_node, yaml.ScalarNode) else None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 365:
        problems.add(where, "give a whole number of days from 0 to 365")
        return 0, True
    return value, unit == "working_days"


def _clock(
    node: yaml.Node, at: At, loader: yaml.SafeLoader, problems: Problems
) -> ClockRule | None:
    fields = mapping(node, at, problems, CLOCK_KEYS)
    if fields is None:
        return None
    missing = [k for k in ("id", "title", "starts", "stops", "within", "action") if k not in fields]
    for key in missing:
        problems.add(at, f"a clock needs `{key}:`")
    if missing:
        return None
    ident = _text(fields["id"], loader, problems)
    if ident and not _NAME.match(ident):
        problems.add(fields["id"][1], "ids are lower-case words joined by hyphens")
    starts, after = _starts(fields["starts"], loader, problems)
    within, working = _within(fields["within"], loader, problems)
    each = scalar(fields["each"][0], loader) if "each" in fields else False
    if not isinstance(each, bool):
        problems.add(fields["each"][1], "write true or false")
    return ClockRule(
        id=ident,
        title=_text(fields["title"], loader, problems),
        action=_text(fields["action"], loader, problems),
        starts=starts,
        after=after,
        stops=_events(fields["stops"], loader, problems),
        within=within,
        working=working,
        void_if=_events(fields.get("void_if"), loader, problems),
        each=each is True,
        line=at.line,
    )


def _check_links(clocks: list[ClockRule], problems: Problems) -> None:
    """Refuse repeated ids, starts on unknown clocks, and clocks starting each other in a cycle."""
    by_id: dict[str, ClockRule] = {}
    for clock in clocks:
        if clock.id in by_id:
            problems.add(At(clock.line, f"clocks.{clock.id}"), "this id is used twice; rename one")
        by_id[clock.id] = clock
    graph: nx.DiGraph[str] = nx.DiGraph()
    for clock in clocks:
        if clock.after is None:
            continue
        if clock.after not in by_id:
            problems.add(
                At(clock.line, f"clocks.{clock.id}.starts"),
                f"no clock {clock.after!r}; {did_you_mean(clock.after, list(by_id))}",
            )
        graph.add_edge(clock.after, clock.id)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    path = " -> ".join([a for a, _ in cycle] + [cycle[0][0]])
    first = by_id.get(cycle[0][1])
    line = first.line if first else 1
    problems.add(At(line, "clocks"), f"clocks start each other in a cycle ({path}); break it")


def evaluate(policy: TimelinessPolicy, events: list[CaseEvent], today: dt.date) -> list[Clock]:
    """Every clock the case's events start, in the file's order (dependent clocks after those
    they follow), each with its due day and state on `today`; void clocks left out."""
    met: dict[str, dt.date] = {}
    found: list[Clock] = []
    for rule in _in_dependency_order(policy.clocks):
        starts = _start_days(rule, events, met)
        for start in starts:
            clock = _run(rule, start, events, today)
            if clock is None:
                continue
            found.append(clock)
            if clock.met_on is not None and rule.id not in met:
                met[rule.id] = clock.met_on
    order = {rule.id: i for i, rule in enumerate(policy.clocks)}
    return sorted(found, key=lambda c: (order[c.rule.id], c.started))


@lru_cache(maxsize=32)
def _in_dependency_order(clocks: tuple[ClockRule, ...]) -> tuple[ClockRule, ...]:
    """The policy's clocks, each after the one it follows: sorted once per policy (the worklist
    evaluates every case's clocks on each read; sorting per case was two thirds of it)."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(c.id for c in clocks)
    graph.add_edges_from((c.after, c.id) for c in clocks if c.after)
    by_id = {c.id: c for c in clocks}
    return tuple(by_id[i] for i in nx.lexicographical_topological_sort(graph) if i in by_id)


def _start_days(rule: ClockRule, events: list[CaseEvent], met: dict[str, dt.date]) -> list[dt.date]:
    if rule.after is not None:
        return [met[rule.after]] if rule.after in met else []
    days = sorted(e.on for e in events if e.kind is rule.starts)
    return days if rule.each else days[:1]


def _run(rule: ClockRule, start: dt.date, events: list[CaseEvent], today: dt.date) -> Clock | None:
    due = rule.due(start)
    met_on = min((e.on for e in events if e.kind in rule.stops and e.on >= start), default=None)
    voided = min((e.on for e in events if e.kind in rule.void_if and e.on >= start), default=None)
    if voided is not None and (met_on is None or voided < met_on):
        return None
    if met_on is not None:
        state = ClockState.MET if met_on <= due else ClockState.MET_LATE
    else:
        state = ClockState.OVERDUE if today > due else ClockState.DUE
    return Clock(rule, start, due, met_on, state)
