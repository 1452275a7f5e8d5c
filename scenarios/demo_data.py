"""Seeded demo data: a whole service (volunteers, cases, referrals, venues, prisons) at four scales.

`generate(scale, seed, as_of)` is pure and deterministic: one `numpy.random.default_rng(seed)`,
split into independent streams for people, cases and referrals, so the same seed always gives
byte-identical files (`demo_files`). The tiny and essex datasets for seed 1 are shipped in
scenarios/data/demo/<scale>/ and read back by `load_demo`; region and national are generated on
demand (too big to ship). Figures and their sources: scenarios/data/seed_figures.yaml.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

import numpy as np

from geo import Gazetteer, default_gazetteer
from models import Prison, Problem, Referral, Skill, Venue, parse_document, parse_list
from scenarios.demo_cases import Pool, make_cases
from scenarios.demo_figures import Figures, default_figures
from scenarios.demo_people import make_facilitators
from scenarios.demo_places import areas, prison_in, venues_in
from scenarios.demo_referrals import make_referrals
from scenarios.demo_scales import DEMO_AS_OF, DEMO_SEED, SIZES, Scale

HORIZON_WEEKS: Final = 6
PROBLEM_FILE, REFERRALS_FILE, VENUES_FILE, PRISONS_FILE = (
    "problem.json",
    "referrals.json",
    "venues.csv",
    "prisons.json",
)
VENUE_COLUMNS: Final = tuple(Venue.model_fields)
SHIPPED: Final = (Scale.TINY, Scale.ESSEX)


@dataclass(frozen=True)
class DemoData:
    """A demo service: the allocation problem and the referrals, venues and prisons behind it."""

    problem: Problem
    referrals: list[Referral]
    venues: list[Venue]
    prisons: list[Prison]


def generate(
    scale: Scale,
    seed: int = DEMO_SEED,
    as_of: dt.date = DEMO_AS_OF,
    figures: Figures | None = None,
    gazetteer: Gazetteer | None = None,
) -> DemoData:
    """A demo service of `scale`, the same for the same seed, as_of and figures."""
    size, fig = SIZES[scale], (figures or default_figures()).modelled
    gaz = gazetteer or default_gazetteer()
    people_rng, cases_rng, referrals_rng = np.random.default_rng(seed).spawn(3)
    grid = areas(size.areas)
    people = make_facilitators(people_rng, fig, gaz, grid, size.facilitators, as_of, HORIZON_WEEKS)
    pool = Pool(people, as_of, HORIZON_WEEKS)
    cases = make_cases(cases_rng, fig, gaz, grid, pool, size.cases, size.ongoing)
    problem = Problem(as_of=as_of, horizon_weeks=HORIZON_WEEKS, facilitators=people, cases=cases)
    return DemoData(
        problem=problem,
        referrals=make_referrals(referrals_rng, fig, gaz, size.referrals, as_of),
        venues=[v for area in grid for v in venues_in(gaz, area)],
        prisons=[prison_in(gaz, name, area) for area in grid for name in fig.prison_weights],
    )


def demo_files(data: DemoData) -> dict[str, str]:
    """The text of each file of a demo dataset, by file name (what `rjplan demo-data` writes)."""
    return {
        PROBLEM_FILE: _json(data.problem.model_dump(mode="json")),
        REFERRALS_FILE: _json([r.model_dump(mode="json") for r in data.referrals]),
        VENUES_FILE: _venues_csv(data.venues),
        PRISONS_FILE: _json([p.model_dump(mode="json") for p in data.prisons]),
    }


def parse_demo(files: dict[str, str], source: str = "demo") -> DemoData:
    """Read a demo dataset back from the text of its files; raises InputError when bad."""
    return DemoData(
        problem=parse_document(
            json.loads(files[PROBLEM_FILE]), Problem, f"{source}/{PROBLEM_FILE}"
        ),
        referrals=parse_list(
            json.loads(files[REFERRALS_FILE]), Referral, f"{source}/{REFERRALS_FILE}"
        ),
        venues=parse_list(
            list(csv.DictReader(io.StringIO(files[VENUES_FILE]))), Venue, f"{source}/{VENUES_FILE}"
        ),
        prisons=parse_list(json.loads(files[PRISONS_FILE]), Prison, f"{source}/{PRISONS_FILE}"),
    )


def shipped_files(scale: Scale) -> dict[str, str]:
    """The text of the dataset shipped for `scale` (tiny and essex only)."""
    folder = resources.files("scenarios") / "data" / "demo" / scale.value
    names = (PROBLEM_FILE, REFERRALS_FILE, VENUES_FILE, PRISONS_FILE)
    return {name: (folder / name).read_text(encoding="utf-8") for name in names}


def load_demo(scale: Scale) -> DemoData:
    """The demo service of `scale`: shipped files for tiny and essex, generated for the rest."""
    if scale in SHIPPED:
        return parse_demo(shipped_files(scale), f"scenarios/data/demo/{scale.value}")
    return generate(scale, DEMO_SEED, DEMO_AS_OF)


def _json(doc: Any) -> str:
    return json.dumps(_canonical(doc), indent=1, ensure_ascii=False) + "\n"


def _canonical(doc: Any) -> Any:
    """Skill sets in a fixed order (sets iterate in hash order, which varies between runs)."""
    if isinstance(doc, dict):
        return {k: _sorted_skills(v) if k in _SKILL_SETS else _canonical(v) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_canonical(v) for v in doc]
    return doc


_SKILL_SETS = frozenset({"skills", "both", "either"})
_SKILL_ORDER = {s.value: i for i, s in enumerate(Skill)}


def _sorted_skills(values: list[str]) -> list[str]:
    return sorted(values, key=_SKILL_ORDER.__getitem__)


def _venues_csv(venues: list[Venue]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=VENUE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for venue in venues:
        writer.writerow(venue.model_dump(mode="json"))
    return out.getvalue()
