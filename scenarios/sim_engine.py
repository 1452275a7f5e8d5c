"""One replicate of a scenario: a SimPy discrete-event run over working days.

Each working morning the coordinator allocates the waiting cases with the real allocator
(`allocator.solve`, the production constraints and objective); ongoing cases are pinned to their
pair, with the hours they still need, so the model only has variables for the waiting cases.
Then the day's referrals arrive and are screened by the real rules (`rules.screen`); accepted
ones pass the take-up funnel and wait. Cases run for their length, volunteers leave (their cases
wait again, keeping the partner who stays), trainees join after vetting, and take holidays.
The morning solve is skipped when nothing has changed since the last one (no new case, nobody
joined, left, came back or finished a case), except on Mondays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Generator
from typing import Any

import simpy

from allocator import SolveOptions, solve
from allocator.case_from_referral import case_from_decision, case_priority
from allocator.solve import solve_greedy
from geo import default_gazetteer
from models import AllocationResult, DecisionKind, PartyRole, Problem, Referral
from rules import load_policy, screen
from scenarios.sim_case import SimCase
from scenarios.sim_spec import Scenario, add_months
from scenarios.sim_streams import FunnelDraw, ReferralSource
from scenarios.sim_tally import Tally, Work
from scenarios.sim_world import (
    Volunteer,
    cohort_volunteers,
    pool_facilitators,
    replicate_streams,
    starting_volunteers,
)

HORIZON_WEEKS = 6
ShouldStop = Callable[[], bool]
"""Asked once a simulated day: True stops the replicate (ReplicateStoppedError)."""


class ReplicateStoppedError(Exception):
    """The caller asked the replicate to stop (a cancelled run, a service shutting down)."""


SIDES = frozenset({PartyRole.VICTIM, PartyRole.PERPETRATOR, PartyRole.BOTH})


class Simulation:
    """One replicate; `run()` returns its numbers (see sim_tally.Tally.result)."""

    def __init__(
        self, scenario: Scenario, replicate: int, should_stop: ShouldStop | None = None
    ) -> None:
        self.sc = scenario
        self.should_stop = should_stop
        self.streams = replicate_streams(scenario.seed, replicate)
        self.gazetteer = default_gazetteer()
        self.policy = load_policy(scenario.policy)
        self.source = ReferralSource(scenario, self.streams.referrals, self.gazetteer)
        self.funnel = FunnelDraw(scenario.funnel, self.streams.funnel)
        pool = pool_facilitators(scenario)
        self.people = {
            v.record.id: v for v in starting_volunteers(scenario, pool, self.streams.volunteers)
        }
        self.tally = Tally(first=scenario.counted_from, end=scenario.end)
        self.waiting: dict[str, SimCase] = {}
        self.running: dict[str, SimCase] = {}
        self.dirty = True
        self.env = simpy.Environment()

    def day(self) -> dt.date:
        """The simulated date now."""
        return self.sc.start + dt.timedelta(days=int(self.env.now))

    def run(self) -> dict[str, Any]:
        """Simulate the whole run and return the counted numbers."""
        for v in self.people.values():
            self._watch(v)
        for number, cohort in enumerate(self.sc.cohorts):
            self.env.process(self._train(number, cohort.month))
        self.env.process(self._mornings())
        self.env.run(until=(self.sc.end - self.sc.start).days)
        since = [c.accepted for c in self.waiting.values()]
        return self.tally.result(list(self.people.values()), since)

    def _at(self, day: dt.date) -> float:
        return float(max(0, (day - self.day()).days))

    def _watch(self, v: Volunteer) -> None:
        """Events of one volunteer: cleared by vetting, back from each holiday, leaving."""
        if v.vetted_from > self.day():
            self.env.process(self._wake(self._at(v.vetted_from)))
        for w in v.absences:
            self.env.process(self._wake(self._at(w.end + dt.timedelta(1))))
        if v.leaves < self.sc.end:
            self.env.process(self._leave(v))

    def _wake(self, delay: float) -> Generator[simpy.Event, Any, None]:
        yield self.env.timeout(delay)
        self.dirty = True

    def _train(self, number: int, month: int) -> Generator[simpy.Event, Any, None]:
        """A course ends: its trainees wait for vetting, then join the pool."""
        trained = add_months(self.sc.counted_from, month)
        yield self.env.timeout(self._at(trained))
        cohort = self.sc.cohorts[number]
        rng = self.streams.recruits
        for v in cohort_volunteers(self.sc, cohort, number, trained, rng, self.gazetteer):
            self.people[v.record.id] = v
            self._watch(v)

    def _mornings(self) -> Generator[simpy.Event, Any, None]:
        """Each working day: the morning allocation, then the day's referrals."""
        while True:
            if self.should_stop is not None and self.should_stop():
                raise ReplicateStoppedError(f"stopped on {self.day().isoformat()}")
            today = self.day()
            if today.weekday() == 0 and self.tally.counts(today):
                self.tally.backlog.append(len(self.waiting))
            if today.weekday() < 5:
                self._allocate(today)
                for referral in self.source.today(today):
                    self._receive(referral, today)
            yield self.env.timeout(1)

    def _receive(self, referral: Referral, today: dt.date) -> None:
        """Screen one referral by the policy; accepted ones go through the funnel."""
        decision = screen(referral, self.policy)
        counted = self.tally.counts(today)
        draw = self.funnel.next()
        if counted:
            self.tally.referrals += 1
            self.tally.decisions[decision.decision.value] += 1
        if decision.decision is not DecisionKind.ACCEPT:
            return
        self.tally.accepted += counted
        if not draw.taken_up:
            self.tally.outcomes[draw.closed] += counted
            return
        self.tally.taken_up += counted
        self.tally.people_taking_up += counted * sum(p.role in SIDES for p in referral.parties)
        case = case_from_decision(referral, decision, self.gazetteer, today)
        hours = self.sc.cases.hours.get(referral.case_type)
        if hours is not None:
            case = case.model_copy(update={"hours": hours})
        weeks = self.sc.cases.length_weeks[referral.case_type]
        self.waiting[case.id] = SimCase(
            referral, decision, case, today, round(7 * weeks), draw.worked
        )
        self.dirty = True

    def _allocate(self, today: dt.date) -> None:
        """The coordinator's morning: solve for the waiting cases, start the allocated ones."""
        skip = self.sc.skip_unchanged_mornings and not self.dirty and today.weekday() != 0
        if not self.waiting or skip:
            return
        self.dirty = False
        problem = self._problem(today)
        result = solve_greedy(problem) if self.sc.greedy_mornings else self._solve(problem)
        self.tally.solves += 1
        self.tally.solve_seconds += result.metrics.solve_seconds
        for a in result.assignments:
            sim_case = self.waiting.pop(a.case, None)
            if sim_case is not None:
                self._start(sim_case, (a.facilitators[0], a.facilitators[1]), today)
        if self.tally.counts(today):
            for u in result.unallocated:
                self.tally.unallocated[u.reasons[0].constraint if u.reasons else "?"] += 1

    def _solve(self, problem: Problem) -> AllocationResult:
        options = SolveOptions(
            time_limit_s=self.sc.solve_seconds,
            workers=1,
            own_goals=self.sc.own_goals,
            explain_assignments=False,  # nobody reads them; unallocated reasons are kept
            second_core=False,  # replicates already fill the cores; a thread would only queue
        )
        return solve(problem, options)

    def _problem(self, today: dt.date) -> Problem:
        here = [v for v in self.people.values() if v.present(today)]
        ids = {v.record.id for v in here}
        after = self.sc.experienced_after_cases
        pinned = [
            c.case.model_copy(
                update={"current": list(c.pair), "pinned": True, "hours": c.hours_left(today)}
            )
            for c in self.running.values()
            if c.pair is not None
        ]
        waiting = [
            c.case.model_copy(
                update={
                    "keep": [f for f in c.keep if f in ids],
                    "priority": case_priority(c.referral, c.decision, today),
                }
            )
            for c in self.waiting.values()
        ]
        return Problem(
            as_of=today,
            horizon_weeks=HORIZON_WEEKS,
            facilitators=[v.as_facilitator(today, after) for v in here],
            cases=[*pinned, *waiting],
        )

    def _start(self, c: SimCase, pair: tuple[str, str], today: dt.date) -> None:
        if not c.allocated_once and self.tally.counts(c.accepted):
            self.tally.allocated += 1
            self.tally.waits.append((today - c.accepted).days)
        c.allocated_once, c.pair, c.started, c.keep = True, pair, today, []
        c.generation += 1
        for fid in pair:
            self.people[fid].cases.add(c.case.id)
        self.running[c.case.id] = c
        self.env.process(self._finish(c, c.generation))

    def _finish(self, c: SimCase, generation: int) -> Generator[simpy.Event, Any, None]:
        yield self.env.timeout(c.days_left)
        if c.generation != generation or c.pair is None:
            return  # a facilitator left and the case was handed on
        self._log_work(c, self.day())
        for fid in c.pair:
            self.people[fid].cases.discard(c.case.id)
            self.people[fid].cases_done += 1
        del self.running[c.case.id]
        self.tally.outcomes[c.outcome] += self.tally.counts(self.day())
        self.dirty = True

    def _log_work(self, c: SimCase, until: dt.date) -> None:
        if c.pair is None or c.started is None:
            return
        done = c.case.hours - c.hours_left(until)
        for fid in c.pair:
            self.tally.work.append(Work(fid, c.started, until, done))

    def _leave(self, v: Volunteer) -> Generator[simpy.Event, Any, None]:
        """A volunteer leaves: each of their cases waits again, keeping the partner."""
        yield self.env.timeout(self._at(v.leaves))
        today = self.day()
        for cid in sorted(v.cases):
            c = self.running.pop(cid)
            self._log_work(c, today)
            others = [f for f in (c.pair or ()) if f != v.record.id]
            for fid in others:
                self.people[fid].cases.discard(cid)
            elapsed = (today - (c.started or today)).days
            c.case = c.case.model_copy(update={"hours": c.hours_left(today)})
            c.days_left = max(1, c.days_left - elapsed)
            c.pair, c.started, c.keep = None, None, others
            c.generation += 1
            self.waiting[cid] = c
            self.tally.reallocated += self.tally.counts(today)
        v.cases.clear()
        self.dirty = True


def run_replicate(
    scenario: Scenario, replicate: int, should_stop: ShouldStop | None = None
) -> dict[str, Any]:
    """The numbers of replicate `replicate` of `scenario` (pure: same inputs, same numbers);
    `should_stop`, asked each simulated day, can end it early (ReplicateStoppedError)."""
    return Simulation(scenario, replicate, should_stop).run()
