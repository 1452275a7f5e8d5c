"""Generated demo data shared by the scenario tests (generation is deterministic, so caching is
safe and keeps the suite fast)."""

from __future__ import annotations

from functools import cache

from scenarios.demo_data import DemoData, generate
from scenarios.demo_scales import Scale


@cache
def demo(scale: Scale, seed: int = 1) -> DemoData:
    """The demo service of `scale` for `seed` (as_of 2026-11-23)."""
    return generate(scale, seed)
