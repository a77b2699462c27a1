"""Default movement profiles (sources in :mod:`drills.model.movement`)."""

from __future__ import annotations

from drills.model import movement
from drills.model.spec import Profile

MINER = Profile(
    id="miner",
    speed_mps=movement.FREE_SPEED_MPS,
    speed_cv=movement.SPEED_CV,
    climb_mps=movement.CLIMB_MPS,
    wading_limit_m=movement.WADING_LIMIT_M,
)

DEFAULT_PROFILES = {MINER.id: MINER}
