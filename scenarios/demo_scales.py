"""The demo services by size, and the seed and planning day of the shipped ones.

Kept apart from the generator (scenarios.demo_data) so that the command line can name them in
its help without loading numpy, the gazetteer and the models.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

DEMO_AS_OF: Final = dt.date(2026, 11, 23)
DEMO_SEED: Final = 1


class Scale(StrEnum):
    """The sizes of demo service the generator makes."""

    TINY = "tiny"
    ESSEX = "essex"
    REGION = "region"
    NATIONAL = "national"


@dataclass(frozen=True)
class Size:
    """How big one scale is; `areas` copies of the county share the people and cases."""

    facilitators: int
    cases: int
    ongoing: int
    referrals: int
    areas: int


SIZES: Final[dict[Scale, Size]] = {
    Scale.TINY: Size(facilitators=12, cases=10, ongoing=4, referrals=10, areas=1),
    Scale.ESSEX: Size(facilitators=60, cases=65, ongoing=40, referrals=30, areas=1),
    Scale.REGION: Size(facilitators=300, cases=350, ongoing=215, referrals=150, areas=5),
    Scale.NATIONAL: Size(facilitators=2000, cases=1900, ongoing=1170, referrals=1000, areas=34),
}
