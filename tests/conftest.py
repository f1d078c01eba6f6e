"""Test configuration: hypothesis profiles (``HYPOTHESIS_PROFILE=ci|dev|thorough``)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# ci: derandomized (a fixed seed) and no deadline, so a slow CI machine never flakes.
settings.register_profile(
    "ci",
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=100, deadline=None)
# thorough: ten times the examples of ci, randomized; run before closing a change to the rules.
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
