"""A demo year of the case file: the 2017-18 dashboard's year (shared/seeds 003) replayed over
the 365 days before a given day, as a plan of dated acts the service carries out through its
own workflow (service.workflow.demo_year).

The year's totals are the dashboard's, by construction: 426 referrals; 594 people harmed and
366 people responsible contacted; 278 people took up the offer; 100 positive outcomes (direct
6 : indirect 4, the 2016 review's ratio). What the seeds do not say is drawn from the scenario
essex-2017-18's funnel (how cases that do not work out close) or marked "assumption" below.

Cases accepted in the last OPEN_DAYS days are still open, at the stage their story has reached,
so the worklist has current items; every other case is played to its end (its days squeezed
to end before today when its story would run on: the demo's ongoing cases stand for the
service's current load). Acts due after yesterday are left out: they are what is due now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, TypeVar

import numpy as np

from geo import Gazetteer
from models import CaseType, CourtStatus, DecisionKind, Referral
from models import PartyRole as ReferralRole
from models.casefile import (
    AgeBand,
    Agency,
    Channel,
    ContactKind,
    ContactOutcome,
    ContactPurpose,
    Counterpart,
    DeclinedBy,
    EmpathyStage,
    Impact,
    Method,
    OutcomeKind,
    PartyRole,
)
from rules import Policy, load_policy, screen
from rules.working_days import add_working_days
from scenarios.demo_figures import SeedFigures, default_figures

# the per-referral drawer of the demo generator (as scenarios.sim_streams uses it)
from scenarios.demo_referrals import _referral
from scenarios.sim_spec import Funnel, load_scenario

T = TypeVar("T")
SCENARIO: Final = "essex-2017-18"
OPEN_DAYS: Final = 21
"""Cases accepted this many days before today or later are still open."""
DAYS: Final = 365
ID_PREFIX: Final = "Y-"
DECLINED_BY: Final = {
    DeclinedBy.HARMED: 0.55,
    DeclinedBy.RESPONSIBLE: 0.35,
    DeclinedBy.SERVICE: 0.1,
}
"""Who declined, of the declined cases (assumption: the person harmed is asked first)."""
EXTRA_HARMED_WEIGHT: Final = {
    CaseType.COMMUNITY_ISSUE: 8.0,
    CaseType.ANTI_SOCIAL_BEHAVIOUR: 2.0,
    CaseType.NEIGHBOUR_DISPUTE: 1.0,
}
"""Where the people harmed beyond one per case are (assumption: community justice panels bring
many residents, 003's Southchurch panel 19; ASB several neighbours); other types weigh 0.3."""
EXTRA_RESPONSIBLE_WEIGHT: Final = {
    CaseType.COMMUNITY_ISSUE: 4.0,
    CaseType.ANTI_SOCIAL_BEHAVIOUR: 3.0,
    CaseType.LOW_LEVEL_CRIME: 1.0,
}
"""Where the people responsible beyond one per case are (assumption: groups of young people in
ASB, street drinkers at a panel); other types weigh 0.3."""
REFERRER_LATE: Final = 0.12
"""Share of referrer updates and acknowledgements made late (assumption; the 2016 review's
referrer "felt the facilitator had not updated them as often as they would have liked")."""
AGE_BANDS: Final = {AgeBand.AGE_18_24: 0.2, AgeBand.AGE_25_64: 0.6, AgeBand.AGE_65_PLUS: 0.15}
CHANNELS: Final = {
    Channel.PHONE: 0.6,
    Channel.LETTER: 0.15,
    Channel.EMAIL: 0.2,
    Channel.VISIT: 0.05,
}
FIRST_NAMES: Final = (
    "Alex", "Sam", "Jo", "Chris", "Pat", "Lee", "Kim", "Robin", "Jamie", "Dana",
    "Morgan", "Taylor", "Jordan", "Casey", "Charlie", "Frankie", "Ashley", "Billie",
)  # fmt: skip
SURNAMES: Final = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
    "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
)  # fmt: skip
COMMENTS: Final = (
    "They made me open up to a lot that I had been bottling up.",
    "It was well managed throughout, and there was no blame.",
    "I would say to other people give it a go. You have nothing to lose.",
    "I really didn't want to do it but it worked out for me.",
    "Felt listened to from the first phone call.",
)
ACTIONS: Final = (
    ("responsible", "Write a letter of apology"),
    ("responsible", "Pay towards the repair"),
    ("responsible", "Attend a structured activity session"),
    ("harmed", "Tell the facilitator whether the letter answered the questions"),
    ("facilitator", "Pass on the reply letter"),
    ("coordinator", "Check with the housing officer that the noise has stopped"),
)


@dataclass(frozen=True)
class Act:
    """One thing the service does on a day, on one case (or referral)."""

    on: dt.date
    case: str


@dataclass(frozen=True)
class Receive(Act):
    referral: Referral


@dataclass(frozen=True)
class Screen(Act):
    pass


@dataclass(frozen=True)
class SetReview(Act):
    review_on: dt.date
    reason: str


@dataclass(frozen=True)
class Resubmit(Act):
    referral: Referral


@dataclass(frozen=True)
class AddParty(Act):
    key: int
    role: PartyRole
    age_band: AgeBand
    channel: Channel
    name: str
    phone: str
    email: str
    supports: int | None = None


@dataclass(frozen=True)
class Contact(Act):
    party: int | None
    kind: ContactKind
    outcome: ContactOutcome
    purpose: ContactPurpose = ContactPurpose.GENERAL
    counterpart: Counterpart = Counterpart.PARTY
    notes: str = ""


@dataclass(frozen=True)
class Allocate(Act):
    pair: tuple[str, str]


@dataclass(frozen=True)
class Close(Act):
    outcome: OutcomeKind
    declined_by: DeclinedBy | None
    method: Method | None


@dataclass(frozen=True)
class Agree(Act):
    key: int
    owner: str
    description: str
    due: dt.date


@dataclass(frozen=True)
class Done(Act):
    key: int


@dataclass(frozen=True)
class ReferOn(Act):
    party: int
    agency: Agency


@dataclass(frozen=True)
class Empathy(Act):
    party: int
    stage: EmpathyStage
    score: int


@dataclass(frozen=True)
class Evaluation(Act):
    party: int
    satisfaction: int
    facilitator_rating: int
    positive_outcome: bool
    felt_better: bool
    would_recommend: bool
    impact: Impact
    comments: str


@dataclass(frozen=True)
class ReferrerFeedback(Act):
    kept_updated: int
    effectiveness: int
    would_refer_again: bool


@dataclass(frozen=True)
class Complaint(Act):
    party: int | None
    summary: str


@dataclass(frozen=True)
class Resolve(Act):
    resolution: str
    upheld: bool


@dataclass
class _Party:
    key: int
    role: PartyRole
    contacted: bool = False
    took_up: bool = False


@dataclass
class _Case:
    """What the planner decides for one accepted case before writing its acts."""

    referral: Referral
    accepted: dt.date
    open: bool
    harmed: int = 1
    responsible: int = 1
    agreed_so_far: bool = False
    fate: OutcomeKind | None = None
    declined_by: DeclinedBy | None = None
    harmed_unreachable: bool = False
    parties: list[_Party] = field(default_factory=list)


@dataclass(frozen=True)
class YearPlan:
    """The year's referrals and every act on them, in the order they happen."""

    start: dt.date
    today: dt.date
    policy: str
    referrals: list[Referral]
    acts: list[Act]


class _Planner:
    def __init__(
        self,
        rng: np.random.Generator,
        today: dt.date,
        facilitators: Sequence[tuple[str, bool]],
        seed: SeedFigures,
        funnel: Funnel,
    ) -> None:
        self.rng = rng
        self.today = today
        self.yesterday = today - dt.timedelta(days=1)
        self.people = [f for f, _ in facilitators]
        self.leads = [f for f, experienced in facilitators if experienced] or self.people
        self.seed = seed
        self.funnel = funnel
        self.acts: list[Act] = []
        self.keys = 0

    # -- small draws ------------------------------------------------------------------------

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def between(self, low: int, high: int) -> int:
        return int(self.rng.integers(low, high + 1))

    def pick(self, weights: dict[T, float]) -> T:
        keys = list(weights)
        p = np.array([weights[k] for k in keys], dtype=float)
        return keys[int(self.rng.choice(len(keys), p=p / p.sum()))]

    def key(self) -> int:
        self.keys += 1
        return self.keys

    def referrer_day(self, start: dt.date) -> dt.date:
        """A referrer acknowledgement or update after `start`: most within 2 working days."""
        late = self.chance(REFERRER_LATE)
        return add_working_days(start, self.between(3, 7) if late else self.between(0, 2))

    def add(self, act: Act) -> None:
        self.acts.append(act)

    # -- the plan -----------------------------------------------------------------------------

    def cases(self, accepted: list[tuple[Referral, dt.date]]) -> list[_Case]:
        """Decide every accepted case's fate and parties so the totals are the dashboard's."""
        open_since = self.today - dt.timedelta(days=OPEN_DAYS)
        cases = [_Case(r, day, open=day >= open_since) for r, day in accepted]
        closed = [c for c in cases if not c.open]
        self._fates(closed)
        opened = [c for c in cases if c.open]
        for case in opened:  # assumption: a third of the open cases have both leads agreed
            case.agreed_so_far = self.chance(1 / 3)
        self._sizes(closed, opened)
        return cases

    def _fates(self, closed: list[_Case]) -> None:
        order = self.rng.permutation(len(closed))
        positive = set(order[: self.seed.positive_outcomes_2017_18].tolist())
        direct_share = self.funnel.worked["conference"] / (
            self.funnel.worked["conference"] + self.funnel.worked["indirect"]
        )
        for i, case in enumerate(closed):
            if i in positive:
                direct = self.chance(direct_share)
                case.fate = OutcomeKind.DIRECT if direct else OutcomeKind.INDIRECT
                continue
            kind = self.pick(self.funnel.not_taken_up)
            case.fate = OutcomeKind(kind)
            if case.fate is OutcomeKind.DECLINED:
                case.declined_by = self.pick(DECLINED_BY)
            else:
                case.harmed_unreachable = self.chance(0.5)

    def _sizes(self, closed: list[_Case], opened: list[_Case]) -> None:
        """People per case: the harmed all contacted; the responsible contacted unless the
        person harmed ended the case first (their totals the dashboard's, less the open
        cases' people contacted so far)."""
        harmed_extra = self.seed.harmed_contacted_2017_18 - len(closed) - len(opened)
        reaches_responsible = [c for c in closed if not self._harmed_ends(c)]
        open_responsible = sum(c.agreed_so_far for c in opened)
        responsible_extra = (
            self.seed.responsible_contacted_2017_18 - len(reaches_responsible) - open_responsible
        )
        self._spread(closed, harmed_extra, EXTRA_HARMED_WEIGHT, harmed=True)
        self._spread(reaches_responsible, responsible_extra, EXTRA_RESPONSIBLE_WEIGHT, harmed=False)

    def _spread(
        self, cases: list[_Case], extra: int, weights: dict[CaseType, float], harmed: bool
    ) -> None:
        if extra <= 0 or not cases:
            return
        w = np.array([weights.get(c.referral.case_type, 0.3) for c in cases])
        for case, n in zip(cases, self.rng.multinomial(extra, w / w.sum()), strict=True):
            if harmed:
                case.harmed += int(n)
            else:
                case.responsible += int(n)

    @staticmethod
    def _harmed_ends(case: _Case) -> bool:
        return case.declined_by is DeclinedBy.HARMED or case.harmed_unreachable

    def open_answers(self, cases: list[_Case]) -> int:
        """Open cases whose leads agreed so far: mark them; how many people."""
        agreed = 0
        for case in cases:
            if case.agreed_so_far:
                _lead(case, PartyRole.HARMED).took_up = True
                _lead(case, PartyRole.RESPONSIBLE).took_up = True
                agreed += 2
        return agreed

    def take_up(self, cases: list[_Case]) -> None:
        """Mark who took up the offer in the closed cases: both leads of every positive case,
        then others drawn until the dashboard's 278 (the open cases' agreements so far, a few,
        come on top)."""
        pool: list[_Party] = []
        wanted = self.seed.people_took_up_2017_18
        for case in cases:
            if case.open:
                continue
            lead_h, lead_r = _lead(case, PartyRole.HARMED), _lead(case, PartyRole.RESPONSIBLE)
            others = [p for p in case.parties if p not in (lead_h, lead_r)]
            if case.fate in (OutcomeKind.DIRECT, OutcomeKind.INDIRECT):
                lead_h.took_up = lead_r.took_up = True
                wanted -= 2
                pool.extend(p for p in others if p.role is not PartyRole.SUPPORTER)
            elif case.declined_by is DeclinedBy.RESPONSIBLE:
                pool.append(lead_h)
            elif case.declined_by is DeclinedBy.SERVICE:
                pool.extend((lead_h, lead_r))
        for i in self.rng.permutation(len(pool))[: max(0, wanted)]:
            pool[int(i)].took_up = True

    # -- one referral ---------------------------------------------------------------------------

    def referral(self, referral: Referral, policy: Policy) -> tuple[Referral, dt.date] | None:
        """Receive and screen a referral (and review and resubmit a waiting one); the accepted
        referral and its day, or None."""
        rid = referral.id
        self.add(Receive(referral.received, rid, referral))
        day = add_working_days(referral.received, self.between(0, 2))
        if day > self.yesterday:
            return None
        self.add(Screen(day, rid))
        decision = screen(referral, policy).decision
        if decision is DecisionKind.ACCEPT:
            return referral, day
        if decision not in (DecisionKind.HOLD, DecisionKind.NEEDS_INFO):
            return None
        review_on = day + dt.timedelta(days=self.between(14, 45))
        reason = "after sentencing" if decision is DecisionKind.HOLD else "consent to be asked"
        self.add(SetReview(day, rid, review_on, reason))
        if review_on > self.yesterday:
            return None
        updated = referral.model_copy(
            update={
                "court": CourtStatus.SENTENCED
                if referral.court is CourtStatus.PENDING
                else referral.court,
                "consent": referral.consent.model_copy(
                    update={"victim": True, "perpetrator": True}
                ),
                "responsibility_accepted": True,
            }
        )
        self.add(Resubmit(review_on, rid, updated))
        if screen(updated, policy).decision is DecisionKind.ACCEPT:
            return updated, review_on
        return None

    def parties(self, case: _Case) -> None:
        """The parties' acts on the day the case is accepted (keys numbered per case)."""
        rid, day = case.referral.id, case.accepted
        young = case.referral.youth.under_18
        roles = [PartyRole.HARMED] * case.harmed + [PartyRole.RESPONSIBLE] * case.responsible
        if any(p.role is ReferralRole.SUPPORTER for p in case.referral.parties):
            roles.append(PartyRole.SUPPORTER)
        for n, role in enumerate(roles):
            party = _Party(n + 1, role)
            case.parties.append(party)
            first, last = (
                self.pick(dict.fromkeys(FIRST_NAMES, 1.0)),
                self.pick(dict.fromkeys(SURNAMES, 1.0)),
            )
            band = AgeBand.UNDER_18 if young and role is PartyRole.RESPONSIBLE else None
            self.add(
                AddParty(
                    day,
                    rid,
                    party.key,
                    role,
                    band or self.pick(AGE_BANDS),
                    self.pick(CHANNELS),
                    f"{first} {last}",
                    f"01632 960{self.between(0, 999):03d}",
                    f"{first}.{last}@example.org".lower(),
                    1 if role is PartyRole.SUPPORTER else None,
                )
            )

    def story(self, case: _Case) -> None:
        """Every act of an accepted case after its parties, dated; later acts dropped."""
        rid, start = case.referral.id, case.accepted
        acts: list[Act] = []
        ack = max(start, self.referrer_day(case.referral.received))
        acts.append(self._referrer(ack, rid, ContactPurpose.ACKNOWLEDGEMENT))
        acts.append(self._referrer(self.referrer_day(start), rid, ContactPurpose.UPDATE))
        harmed = [p for p in case.parties if p.role is PartyRole.HARMED]
        responsible = [p for p in case.parties if p.role is PartyRole.RESPONSIBLE]
        first_call = add_working_days(start, self.pick({1: 3, 2: 3, 3: 2, 4: 1, 5: 1, 7: 1, 9: 1}))
        if case.open:
            acts += self._open_story(rid, first_call, harmed, responsible)
        else:
            acts += self._closed_story(case, first_call, harmed, responsible)
        self._keep(acts, case)

    def _keep(self, acts: list[Act], case: _Case) -> None:
        """Add the acts in order; for a closed case, squeeze its days to end by yesterday."""
        acts.sort(key=lambda a: a.on)
        start = case.accepted
        if not case.open:
            closing = next(a for a in acts if isinstance(a, Close))
            room = (self.yesterday - start).days
            span = (closing.on - start).days
            if span > room:
                acts = [_squeezed(a, start, room / span) for a in acts]
                acts.sort(key=lambda a: a.on)
        for act in acts:
            if act.on <= self.yesterday:
                self.add(act)

    def _referrer(self, day: dt.date, rid: str, purpose: ContactPurpose) -> Contact:
        kind = ContactKind.EMAIL if self.chance(0.7) else ContactKind.CALL
        outcome = ContactOutcome.SENT if kind is ContactKind.EMAIL else ContactOutcome.SPOKE
        return Contact(day, rid, None, kind, outcome, purpose, Counterpart.REFERRER)

    def _answer(
        self, day: dt.date, rid: str, party: _Party, answer: ContactOutcome
    ) -> list[Contact]:
        """Contacts that reach `party` and end with `answer` (a first call, or a call and a
        visit): declines mostly at the first call, as the dashboard says."""
        party.contacted = True
        out: list[Contact] = []
        if self.chance(0.3):
            out.append(Contact(day, rid, party.key, ContactKind.CALL, ContactOutcome.NO_ANSWER))
            day = add_working_days(day, 1)
        first_call_decline = self.seed.declined_at_first_call_2017_18
        if answer is ContactOutcome.DECLINED and self.chance(first_call_decline):
            out.append(Contact(day, rid, party.key, ContactKind.CALL, answer, notes=_note(answer)))
            return out
        out.append(
            Contact(day, rid, party.key, ContactKind.CALL, ContactOutcome.CONSIDERING, notes="")
        )
        later = day + dt.timedelta(days=self.between(3, 12))
        kind = ContactKind.VISIT if answer is ContactOutcome.AGREED else ContactKind.CALL
        out.append(Contact(later, rid, party.key, kind, answer, notes=_note(answer)))
        return out

    def _unreached(self, day: dt.date, rid: str, party: _Party) -> list[Contact]:
        party.contacted = True
        out = []
        for outcome in (
            ContactOutcome.NO_ANSWER,
            ContactOutcome.LEFT_MESSAGE,
            ContactOutcome.UNREACHABLE,
        ):
            out.append(Contact(day, rid, party.key, ContactKind.CALL, outcome))
            day = add_working_days(day, self.between(2, 5))
        return out

    def _updates(self, answers: Sequence[Act], rid: str) -> list[Act]:
        """A referrer update after each party's answer (most on time, some late, some never)."""
        days = sorted({a.on for a in answers if isinstance(a, Contact) and _is_answer(a)})
        return [
            self._referrer(self.referrer_day(d), rid, ContactPurpose.UPDATE)
            for d in days
            if self.chance(0.9)
        ]

    def _open_story(
        self, rid: str, first_call: dt.date, harmed: list[_Party], responsible: list[_Party]
    ) -> list[Act]:
        lead_h, lead_r = harmed[0], responsible[0]
        answer = ContactOutcome.AGREED if lead_h.took_up else ContactOutcome.CONSIDERING
        acts: list[Act] = list(self._answer(first_call, rid, lead_h, answer))
        if answer is ContactOutcome.AGREED:
            acts += self._answer(add_working_days(acts[-1].on, 2), rid, lead_r, answer)
        acts += self._updates(acts, rid)
        return acts

    def _closed_story(
        self, case: _Case, first_call: dt.date, harmed: list[_Party], responsible: list[_Party]
    ) -> list[Act]:
        rid = case.referral.id
        lead_h, lead_r = harmed[0], responsible[0]
        positive = case.fate in (OutcomeKind.DIRECT, OutcomeKind.INDIRECT)
        acts: list[Act] = []
        if case.harmed_unreachable:
            acts += self._unreached(first_call, rid, lead_h)
        else:
            ends = case.declined_by is DeclinedBy.HARMED
            acts += self._answer(first_call, rid, lead_h, _answer(lead_h, ends))
        for other in harmed[1:]:
            day = add_working_days(first_call, self.between(0, 5))
            acts += self._answer(day, rid, other, _answer(other, False))
        last = max(a.on for a in acts)
        pair_day: dt.date | None = None
        if not self._harmed_ends(case):
            pair_day = last + dt.timedelta(days=self.between(2, 12))
            lead = self.leads[int(self.rng.integers(len(self.leads)))]
            mates = [f for f in self.people if f != lead]
            acts.append(Allocate(pair_day, rid, (lead, mates[int(self.rng.integers(len(mates)))])))
            acts.append(self._referrer(self.referrer_day(pair_day), rid, ContactPurpose.UPDATE))
            day = pair_day + dt.timedelta(days=self.between(2, 10))
            if not positive and case.fate is OutcomeKind.NO_OUTCOME:
                acts += self._unreached(day, rid, lead_r)
            else:
                ends = case.declined_by is DeclinedBy.RESPONSIBLE
                acts += self._answer(day, rid, lead_r, _answer(lead_r, ends))
                if positive and self.chance(0.9):
                    acts.append(Empathy(acts[-1].on, rid, lead_r.key, EmpathyStage.BEFORE, 0))
            for other in responsible[1:]:
                later = day + dt.timedelta(days=self.between(0, 7))
                acts += self._answer(later, rid, other, _answer(other, False))
        acts += self._updates(acts, rid)
        last = max(a.on for a in acts)
        if positive:
            acts += self._agreement(case, last, responsible)
            last = max(a.on for a in acts if not isinstance(a, Done))
        else:
            last += dt.timedelta(days=self.between(1, 10))
        closing = Close(
            last + dt.timedelta(days=self.between(0, 7)),
            rid,
            case.fate or OutcomeKind.NO_OUTCOME,
            case.declined_by,
            _method(self, case),
        )
        acts.append(closing)
        acts += self._after(case, closing.on, lead_r, positive)
        return acts

    def _agreement(self, case: _Case, last: dt.date, responsible: list[_Party]) -> list[Act]:
        """The meeting (or letters), the agreed actions and onward referrals."""
        rid = case.referral.id
        met = last + dt.timedelta(days=self.between(14, 42))
        acts: list[Act] = []
        takers = [p for p in case.parties if p.took_up]
        direct = case.fate is OutcomeKind.DIRECT
        for p in takers:
            kind = ContactKind.MEETING if direct else ContactKind.LETTER
            outcome = ContactOutcome.SPOKE if direct else ContactOutcome.SENT
            acts.append(Contact(met, rid, p.key, kind, outcome, notes="Outcome agreed"))
        for _ in range(self.between(1, 3)):
            owner, text = ACTIONS[int(self.rng.integers(len(ACTIONS)))]
            due = met + dt.timedelta(days=self.between(14, 60))
            key = self.key()
            acts.append(Agree(met, rid, key, owner, text, due))
            draw = self.rng.random()
            if draw < 0.85:
                acts.append(Done(due - dt.timedelta(days=self.between(0, 10)), rid, key))
            elif draw < 0.95:
                acts.append(Done(due + dt.timedelta(days=self.between(1, 14)), rid, key))
        if self.chance(0.15):
            agency = self.pick({Agency.PROBATION: 1.0, Agency.STRUCTURED_ACTIVITY: 1.0})
            acts.append(ReferOn(met, rid, responsible[0].key, agency))
        return acts

    def _after(self, case: _Case, closed: dt.date, lead_r: _Party, positive: bool) -> list[Act]:
        """After closure: the referrer told, the evaluation sent and (some) returned, the
        empathy score after, the referrer's feedback, a rare complaint."""
        rid, seed = case.referral.id, self.seed
        told = self.referrer_day(closed)
        acts: list[Act] = [self._referrer(told, rid, ContactPurpose.OUTCOME_NOTICE)]
        if positive and self.chance(0.8):
            acts.append(Empathy(closed, rid, lead_r.key, EmpathyStage.AFTER, 0))
        asked = [p for p in case.parties if p.took_up] or [
            p for p in case.parties if p.contacted and p.role is PartyRole.HARMED
        ][:1]
        sent = closed + dt.timedelta(days=self.between(1, 9) if self.chance(0.88) else 12)
        for p in asked:
            acts.append(
                Contact(sent, rid, p.key, ContactKind.LETTER, ContactOutcome.SENT,
                        ContactPurpose.EVALUATION_REQUEST)
            )  # fmt: skip
            if p.took_up and self.chance(seed.evaluations_returned_2017_18):
                acts.append(self._evaluation(sent + dt.timedelta(days=self.between(5, 30)), rid, p))
        if self.chance(0.1):
            back = told + dt.timedelta(days=self.between(5, 30))
            would = self.chance(seed.referrers_would_refer_again_2017_18)
            acts.append(ReferrerFeedback(back, rid, self.between(3, 5), self.between(4, 5), would))
        if self.chance(0.012):
            got = closed + dt.timedelta(days=self.between(1, 20))
            acts.append(Complaint(got, rid, None, "Felt not kept informed of progress"))
            resolved = got + dt.timedelta(days=self.between(5, 20))
            acts.append(Resolve(resolved, rid, "Apologised; the timeline explained", False))
        return acts

    def _evaluation(self, day: dt.date, rid: str, party: _Party) -> Evaluation:
        seed = self.seed
        top = seed.participants_extremely_satisfied_2015_16
        high = seed.participants_rating_4_or_5_2017_18
        draw = self.rng.random()
        satisfaction = 5 if draw < top else 4 if draw < high else self.between(2, 3)
        good = self.chance(seed.participants_positive_outcome_2015_16)
        return Evaluation(
            day,
            rid,
            party.key,
            satisfaction,
            5 if self.chance(seed.participants_rating_facilitators_5_2017_18) else 4,
            good,
            self.chance(seed.participants_felt_better_2017_18),
            self.chance(seed.participants_would_recommend_2017_18),
            Impact.POSITIVE if good else Impact.NO_IMPACT,
            COMMENTS[int(self.rng.integers(len(COMMENTS)))] if self.chance(0.4) else "",
        )


def _lead(case: _Case, role: PartyRole) -> _Party:
    return next(p for p in case.parties if p.role is role)


def _answer(party: _Party, ends_case: bool) -> ContactOutcome:
    if party.took_up:
        return ContactOutcome.AGREED
    return ContactOutcome.DECLINED if ends_case else ContactOutcome.CONSIDERING


def _is_answer(contact: Contact) -> bool:
    return contact.counterpart is Counterpart.PARTY and contact.outcome in (
        ContactOutcome.CONSIDERING,
        ContactOutcome.AGREED,
        ContactOutcome.DECLINED,
    )


def _note(answer: ContactOutcome) -> str:
    return {
        ContactOutcome.AGREED: "Happy to take part; preferences noted",
        ContactOutcome.DECLINED: "Does not want to take part; thanked and closed",
    }.get(answer, "")


def _method(planner: _Planner, case: _Case) -> Method | None:
    if case.fate is OutcomeKind.DIRECT:
        cjp = case.referral.case_type is CaseType.COMMUNITY_ISSUE
        return Method.PANEL if cjp else Method.CONFERENCE
    if case.fate is OutcomeKind.INDIRECT:
        return Method.SHUTTLE if planner.chance(0.5) else Method.LETTER
    return None


def _squeezed(act: Act, start: dt.date, ratio: float) -> Act:
    from dataclasses import replace

    days = int((act.on - start).days * ratio)
    return replace(act, on=start + dt.timedelta(days=days))


def only(plan: YearPlan, ids: set[str]) -> YearPlan:
    """The part of a plan about these referrals (a smaller demo, for tests)."""
    return YearPlan(
        plan.start,
        plan.today,
        plan.policy,
        [r for r in plan.referrals if r.id in ids],
        [a for a in plan.acts if a.case in ids],
    )


def default_seed() -> int:
    """The seed of the shipped demo year: the scenario essex-2017-18's."""
    return load_scenario(SCENARIO).seed


def plan_year(
    today: dt.date,
    facilitators: Sequence[tuple[str, bool]],
    gazetteer: Gazetteer,
    seed: int,
) -> YearPlan:
    """The demo year before `today`: (facilitator id, experienced) name the pairs' people."""
    scenario = load_scenario(SCENARIO)
    figures = default_figures()
    policy = load_policy(scenario.policy)
    rng = np.random.default_rng(seed)
    planner = _Planner(rng, today, facilitators, figures.seed, scenario.funnel)
    start = today - dt.timedelta(days=DAYS)
    total = figures.seed.referrals_2017_18_total
    days = sorted(start + dt.timedelta(days=int(d)) for d in rng.integers(0, DAYS, total))
    referrals = []
    for i, day in enumerate(days):
        drawn = _referral(rng, figures.modelled, gazetteer, f"{ID_PREFIX}{i + 1:04d}", day)
        referrals.append(drawn.model_copy(update={"received": day}))
    accepted = [a for r in referrals if (a := planner.referral(r, policy)) is not None]
    cases = planner.cases(accepted)
    for case in cases:
        planner.parties(case)
    planner.open_answers(cases)
    planner.take_up(cases)
    for case in cases:
        planner.story(case)
    acts = sorted(planner.acts, key=lambda a: a.on)
    return YearPlan(start, today, policy.id, referrals, _scored(acts, rng))


def _scored(acts: list[Act], rng: np.random.Generator) -> list[Act]:
    """Give the empathy scores: before around 45, after about 12 higher (assumption)."""
    from dataclasses import replace

    out: list[Act] = []
    for act in acts:
        if isinstance(act, Empathy):
            base = 45 + (12 if act.stage is EmpathyStage.AFTER else 0)
            score = int(np.clip(rng.normal(base, 10), 0, 100))
            out.append(replace(act, score=score))
        else:
            out.append(act)
    return out


@dataclass(frozen=True)
class YearCounts:
    """The dashboard's figures, counted from a plan's acts (or, in the tests, from the store)."""

    referrals: int
    accepted: int
    harmed_contacted: int
    responsible_contacted: int
    took_up: int
    positive: int
    outcomes: dict[str, int]
    evaluations: int
    open_cases: int


def count(plan: YearPlan) -> YearCounts:
    """What the plan puts in the store, in the dashboard's terms."""
    roles: dict[tuple[str, int], PartyRole] = {}
    contacted: set[tuple[str, int]] = set()
    agreed: set[tuple[str, int]] = set()
    outcomes: dict[str, int] = {}
    evaluations = 0
    for act in plan.acts:
        if isinstance(act, AddParty):
            roles[(act.case, act.key)] = act.role
        elif isinstance(act, Contact) and act.party is not None:
            contacted.add((act.case, act.party))
            if act.outcome is ContactOutcome.AGREED:
                agreed.add((act.case, act.party))
        elif isinstance(act, Close):
            outcomes[act.outcome.value] = outcomes.get(act.outcome.value, 0) + 1
        elif isinstance(act, Evaluation):
            evaluations += 1
    cases = {case for case, key in roles if key == 1}
    closed = sum(outcomes.values())
    return YearCounts(
        referrals=sum(1 for a in plan.acts if isinstance(a, Receive)),
        accepted=len(cases),
        harmed_contacted=sum(1 for p in contacted if roles[p] is PartyRole.HARMED),
        responsible_contacted=sum(1 for p in contacted if roles[p] is PartyRole.RESPONSIBLE),
        took_up=len(agreed),
        positive=outcomes.get("direct", 0) + outcomes.get("indirect", 0),
        outcomes=dict(sorted(outcomes.items())),
        evaluations=evaluations,
        open_cases=len(cases) - closed,
    )
