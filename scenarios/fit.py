"""Fitting a scenario's rates to a service's own history (pure: the service reads the store and
passes plain counts and durations in). Every estimate comes with its sample size and a 95%
confidence interval, so a manager sees how much their history says:

- monthly referral rates by referrer and district: Poisson counts over the months observed,
  interval by Byar's approximation (good to a few percent from a count of 1);
- proportions (take-up, each outcome, referrals accepted): Wilson score interval;
- case hours: mean with a normal interval;
- the vetting delay: lognormal (log-days mean and spread), its median with the interval of
  exp(mean log) and its 90th percentile.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from statistics import NormalDist, fmean, stdev
from typing import Final

from pydantic import Field

from models.common import Model

CONFIDENCE: Final = 0.95
Z: Final = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)
Z90: Final = NormalDist().inv_cdf(0.9)


class Interval(Model):
    """An estimate, its 95% interval and the sample behind it."""

    value: float
    low: float
    high: float
    n: int = Field(description="the sample: events counted, cases or recruits observed")


class ReferralRate(Model):
    referrer: str
    district: str
    months: int
    per_month: Interval


class DelayFit(Model):
    """A duration in days fitted as lognormal: median (with interval), 90th percentile."""

    n: int
    median_days: Interval
    p90_days: float
    log_mean: float
    log_sd: float


class HistoryFit(Model):
    """Everything `rjplan scenario fit` estimates from a service's history."""

    months: int = Field(description="months of referrals observed")
    referral_rates: list[ReferralRate]
    accepted: Interval | None = Field(description="share of screened referrals accepted")
    take_up: Interval | None = Field(description="share of closed cases not declined")
    outcomes: dict[str, Interval] = Field(description="share of closed cases ending so")
    case_hours: Interval | None
    vetting_delay: DelayFit | None


def poisson_rate(count: int, exposure: float) -> Interval:
    """A rate of `count` events over `exposure` (months), with Byar's 95% interval."""
    if exposure <= 0:
        raise ValueError("the exposure must be positive")
    low = 0.0
    if count > 0:
        low = count * (1 - 1 / (9 * count) - Z / (3 * math.sqrt(count))) ** 3
    up = count + 1
    high = up * (1 - 1 / (9 * up) + Z / (3 * math.sqrt(up))) ** 3
    return Interval(value=count / exposure, low=low / exposure, high=high / exposure, n=count)


def proportion(successes: int, n: int) -> Interval:
    """A share with its Wilson score interval."""
    if n <= 0 or not 0 <= successes <= n:
        raise ValueError("give 0 <= successes <= n and n > 0")
    p = successes / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return Interval(value=p, low=max(0.0, centre - half), high=min(1.0, centre + half), n=n)


def mean(values: Sequence[float]) -> Interval:
    """A mean with its normal interval (n >= 2)."""
    if len(values) < 2:
        raise ValueError("a mean's interval needs at least two values")
    m, half = fmean(values), Z * stdev(values) / math.sqrt(len(values))
    return Interval(value=m, low=m - half, high=m + half, n=len(values))


def lognormal(days: Sequence[float]) -> DelayFit:
    """Durations (days > 0) fitted as lognormal."""
    if len(days) < 2 or min(days) <= 0:
        raise ValueError("a delay fit needs at least two positive durations")
    logs = [math.log(d) for d in days]
    mu, sd = fmean(logs), stdev(logs)
    half = Z * sd / math.sqrt(len(logs))
    median = Interval(
        value=math.exp(mu), low=math.exp(mu - half), high=math.exp(mu + half), n=len(days)
    )
    return DelayFit(
        n=len(days), median_days=median, p90_days=math.exp(mu + Z90 * sd), log_mean=mu, log_sd=sd
    )


def referral_rates(cells: Iterable[tuple[str, str]], months: int) -> list[ReferralRate]:
    """Per (referrer, district) of each referral, its monthly rate over `months`."""
    counts = Counter(cells)
    return [
        ReferralRate(referrer=r, district=d, months=months, per_month=poisson_rate(n, months))
        for (r, d), n in sorted(counts.items())
    ]


def fit_history(
    referrals: Sequence[tuple[str, str]],
    months: int,
    screened: tuple[int, int],
    closed_outcomes: Sequence[str],
    case_hours: Sequence[float],
    vetting_days: Sequence[float],
    declined: str = "declined",
) -> HistoryFit:
    """The fit of a history: referrals (referrer, district) over `months`, (accepted,
    screened), each closed case's outcome, each closed case's hours and each vetting delay.
    An estimate with too little history behind it is None (or absent)."""
    accepted, screened_n = screened
    closed = len(closed_outcomes)
    kinds = Counter(closed_outcomes)
    return HistoryFit(
        months=months,
        referral_rates=referral_rates(referrals, months) if months > 0 else [],
        accepted=proportion(accepted, screened_n) if screened_n else None,
        take_up=proportion(closed - kinds[declined], closed) if closed else None,
        outcomes={k: proportion(n, closed) for k, n in sorted(kinds.items())},
        case_hours=mean(case_hours) if len(case_hours) >= 2 else None,
        vetting_delay=lognormal(vetting_days) if len(vetting_days) >= 2 else None,
    )
