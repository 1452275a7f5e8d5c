"""Settings for the whole suite."""

from hypothesis import settings

# Property tests check behaviour, not speed: on a shared 2-core CI machine a slow example is
# load, not a bug, so hypothesis's per-example deadline is off (speed lives in benchmarks/).
settings.register_profile("rjplan", deadline=None)
settings.load_profile("rjplan")
