"""`pick` draws exactly what numpy's `choice` would draw from the same stream."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from scenarios.demo_places import pick

_weights = st.dictionaries(
    st.text(min_size=1, max_size=3), st.floats(1e-6, 100.0), min_size=1, max_size=6
)


@given(_weights, st.integers(0, 2**32 - 1))
def test_pick_equals_numpy_choice_on_the_same_stream(weights: dict[str, float], seed: int) -> None:
    ours, numpys = np.random.default_rng(seed), np.random.default_rng(seed)
    keys = list(weights)
    p = np.asarray([weights[k] for k in keys])
    for _ in range(20):
        assert pick(ours, weights) == keys[int(numpys.choice(len(keys), p=p / p.sum()))]
