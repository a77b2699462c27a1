"""Cars on valley roads: free-flow speeds, jam density and capacity by road class.

Sources: HEC-LifeSim 2 Technical Reference Manual v1.0 (USACE Risk Management Center; "TRM"), ch. 7,
table 15 road defaults — lanes / free-flow speed / jam density: state highway 2 / 55 mph / 160 veh/mi/lane;
secondary 2 / 45 mph; local 1 / 35 mph; 4WD trail ("track") 1 / 25 mph; stop-and-go speed 4 mph
everywhere [V]. Speed falls linearly with density (Greenshields), so capacity is
free speed × jam density / 4 per lane (a derived value; LifeSim's break-point form is close to it
below the break point). Households leaving by car travel as one vehicle.
A car will not drive into water deeper than **0.35 m**, the mean of LifeSim's "willingness to
enter a flooded road" for low-clearance vehicles (TRM ch. 7 table 20 [V]). Where the flood flows, a road
closes to cars sooner, as soon as the flow would make a low-clearance car unstable: depth × velocity
**0.8 m²/s** or velocity **4.5 m/s** (LifeSim's best estimates, TRM ch. 7 table 17 [V]; the same values decide the
lethality for people caught in a car, :mod:`drills.model.lethality`).

Rain slows cars. The Highway Capacity Manual 2010, Exhibit 10-15, gives the average reduction of
freeway capacity in rain: **2.01 %** up to 0.10 in/h (2.5 mm/h), **7.24 %** from 0.10 to 0.25 in/h
(2.5–6.4 mm/h) and **14.13 %** above 0.25 in/h (as reproduced in FHWA-HOP-13-042, 2013, appendix A,
table 33 [S]). Jam density does not change with the weather (Hranac et al. 2006, *Empirical Studies on
Traffic Flow in Inclement Weather*, FHWA-HOP-07-073 [S]), so in Greenshields' relation, where capacity
is free speed × jam density / 4, the free speed falls by the same share as the capacity. The scenario's
moderate rain is taken as the middle class and its heavy rain as the top one: free speed × 0.928 and
× 0.859. The direct speed measurements agree: FHWA's 10 % in light and 16 % in heavy rain, in the
synthesis of 26 studies by Prevedouros & Kongsil (2003, University of Hawaii [S]).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

MPH = 0.44704
VEH_PER_MILE = 1 / 1609.344


@dataclass(frozen=True)
class RoadClass:
    lanes: int
    free_speed_mps: float
    jam_veh_per_m_lane: float


ROAD_CLASSES = {
    "state_highway": RoadClass(2, 55 * MPH, 160 * VEH_PER_MILE),
    "secondary": RoadClass(2, 45 * MPH, 160 * VEH_PER_MILE),
    "local": RoadClass(1, 35 * MPH, 160 * VEH_PER_MILE),
    "track": RoadClass(1, 25 * MPH, 160 * VEH_PER_MILE),
}
DEFAULT_ROAD_CLASS = "local"
STOP_AND_GO_MPS = 4 * MPH
CAR_WADING_LIMIT_M = 0.35
#: Share of the dry free speed (and capacity) kept in the scenario's rain (HCM 2010 Exhibit 10-15; see above).
RAIN_SPEED_FACTOR = {"none": 1.0, "moderate": 1.0 - 0.0724, "heavy": 1.0 - 0.1413}


@functools.cache
def road_classes(rain: str) -> dict[str, RoadClass]:
    """The road classes in ``rain`` (a :class:`~drills.inputs.scenario.WeatherSpec` rain): free speed, and so
    capacity, scaled by :data:`RAIN_SPEED_FACTOR`; lanes and jam density as when dry."""
    f = RAIN_SPEED_FACTOR[rain]
    return {k: replace(r, free_speed_mps=r.free_speed_mps * f) for k, r in ROAD_CLASSES.items()}


def capacity_vps(road: RoadClass, lanes: int | None = None) -> float:
    """Vehicles per second one way: lanes × v_free × k_jam / 4."""
    n = lanes or road.lanes
    return n * road.free_speed_mps * road.jam_veh_per_m_lane / 4.0


def speed_mps(road: RoadClass, vehicles_on_link: int, length_m: float, lanes: int | None = None) -> float:
    """Greenshields speed for the density on the link, never below stop-and-go."""
    n = lanes or road.lanes
    k = vehicles_on_link / (length_m * n)
    v = road.free_speed_mps * (1.0 - k / road.jam_veh_per_m_lane)
    return max(v, STOP_AND_GO_MPS)
