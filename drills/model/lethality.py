"""Who dies when the flow catches them: a rate from depth × velocity and shelter, then a draw per person.

Provenance tags: [V] read in a copy of the source named, [K] from the literature named, as known to the
project's authors, the number not re-read in the source, [E] the project's own choice.

Published relations used:

* Jonkman mortality functions (Jonkman 2007, PhD thesis, TU Delft; Jonkman et al. 2008) [K]:
  breach zone F = 1 where h·v ≥ 7 m²/s and v ≥ 2 m/s (the same 7 m²/s and 2 m/s as the RESCDAM masonry
  collapse rule in USACE go-consequences [V]); rapidly rising zone F = Φ((ln h − 1.46)/0.28); elsewhere
  F = Φ((ln h − 7.60)/2.75), h in m, Φ the standard normal distribution function.
* People swept off their feet from h·v ≈ 0.6 m²/s (Jonkman & Penning-Rowsell 2008, *JAWRA* 44(5);
  RESCDAM tests, Karvonen et al. 2000, 0.6–1.2 m²/s) [K].
* ARR/AIDR hazard classes (Smith, Davey & Cox 2014, UNSW Water Research Laboratory technical report
  2014/07; AIDR Guideline 7-3, 2017) [K], limits:
  H1 DV ≤ 0.3, D ≤ 0.3, V ≤ 2.0 (generally safe); H2 DV ≤ 0.6, D ≤ 0.5 (unsafe for small vehicles);
  H3 DV ≤ 0.6, D ≤ 1.2 (unsafe for vehicles, children, the elderly); H4 DV ≤ 1.0, D ≤ 2.0 (unsafe for
  people); H5 DV ≤ 4.0, D ≤ 4.0, V ≤ 4.0; H6 beyond.
* LIFESim zone fatality rates, means (McClelland & Bowles 2002, IWR 02-R-3; Aboelata & Bowles
  2005/2008) [K]: chance zone 0.9123, compromised zone 0.1236, safe zone 0.0002.
* Building collapse, RESCDAM as coded in USACE go-consequences ``lifeloss/stability.go`` [V]:
  unanchored wood DV ≥ 3.0 m²/s; anchored wood DV ≥ 7.0 m²/s; masonry/concrete DV ≥ 7.0 m²/s and
  V ≥ 2.0 m/s.
* Vehicle stability, low clearance, HEC-LifeSim 2 Technical Reference Manual v1.0 (USACE Risk
  Management Center; "LifeSim TRM") ch. 7 table 17 best estimates [V]: D 1.2 m, V 4.5 m/s,
  DV 0.8 m²/s; small cars float from about 0.45 m (TRM ch. 7) [V].
* Sampling: one rate per group, then a Bernoulli draw per person (LifeSim TRM ch. 12) [V].

How they combine [E] — the rate is the larger of a drowning term and a mechanism term, so it never
falls as depth or velocity grows:

* drowning: Jonkman's rapidly rising function of the depth (a tailings flow always rises rapidly; the
  "elsewhere" function is for slow river floods, which the drill does not model), and F = 1 in the
  breach zone for everyone;
* mechanism, by situation:

  - ``"in_open"`` (on foot, outdoors): H1–H2 safe zone; H3 compromised zone; H4 and worse, or swept
    off the feet (h·v ≥ 0.6), chance zone;
  - ``"in_vehicle"``: unstable (D ≥ 1.2 or V ≥ 4.5 or DV ≥ 0.8) chance zone; floating (D ≥ 0.45)
    compromised zone; else safe zone;
  - ``"in_building"`` (ground floor): building collapses chance zone, else safe zone;
  - ``"upper_floor"`` (alias ``"sheltered"``): as ``"in_building"``, but the depth for drowning is
    counted from the upper floor, one storey up (**3.0 m** [E], a typical storey of a village house).

So ``upper_floor ≤ in_building ≤ in_open`` at every depth and velocity. Zone rates are LIFESim means;
their spread was not retrieved, so the group's rate is the mean (no per-group draw of the rate yet).
Not applied, because the project did not have them: AIDR's velocity limits for H2–H4.
"""

from __future__ import annotations

import math

import numpy as np

# Jonkman 2007 / Jonkman et al. 2008 [K]
BREACH_DV_M2PS = 7.0
BREACH_V_MPS = 2.0
RAPID_MU, RAPID_SIGMA = 1.46, 0.28
REMAINING_MU, REMAINING_SIGMA = 7.60, 2.75

SWEPT_OFF_DV_M2PS = 0.6  # [K] Jonkman & Penning-Rowsell 2008

# ARR/AIDR hazard classes [K]: (class, DV max, D max, V max); beyond H5 is H6.
HAZARD_CLASSES = (
    (1, 0.3, 0.3, 2.0),
    (2, 0.6, 0.5, math.inf),
    (3, 0.6, 1.2, math.inf),
    (4, 1.0, 2.0, math.inf),
    (5, 4.0, 4.0, 4.0),
)

# LIFESim zone means [K] McClelland & Bowles 2002
CHANCE_RATE = 0.9123
COMPROMISED_RATE = 0.1236
SAFE_RATE = 0.0002

# RESCDAM collapse thresholds [V] go-consequences: building → (DV m²/s, V m/s)
COLLAPSE = {
    "masonry": (7.0, 2.0),
    "wood_anchored": (7.0, 0.0),
    "wood_unanchored": (3.0, 0.0),
}

# LifeSim TRM ch. 7 [V], low-clearance vehicle
VEHICLE_UNSTABLE_D_M = 1.2
VEHICLE_UNSTABLE_V_MPS = 4.5
VEHICLE_UNSTABLE_DV_M2PS = 0.8
VEHICLE_FLOATS_D_M = 0.45

STOREY_HEIGHT_M = 3.0  # [E]

SITUATIONS = ("in_open", "in_vehicle", "in_building", "upper_floor", "sheltered")


def normal_cdf(z: float) -> float:
    """Standard normal distribution function Φ."""
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def in_breach_zone(depth_m: float, velocity_mps: float) -> bool:
    """Jonkman's breach zone: h·v ≥ 7 m²/s and v ≥ 2 m/s [K]."""
    return depth_m * velocity_mps >= BREACH_DV_M2PS and velocity_mps >= BREACH_V_MPS


def jonkman_mortality(depth_m: float, velocity_mps: float, *, rapidly_rising: bool = True) -> float:
    """Jonkman's mortality: 1 in the breach zone, else the rapidly rising (or remaining) zone function [K]."""
    if in_breach_zone(depth_m, velocity_mps):
        return 1.0
    if depth_m <= 0:
        return 0.0
    mu, sigma = (RAPID_MU, RAPID_SIGMA) if rapidly_rising else (REMAINING_MU, REMAINING_SIGMA)
    return normal_cdf((math.log(depth_m) - mu) / sigma)


def hazard_class(depth_m: float, velocity_mps: float) -> int:
    """ARR/AIDR hazard class H1–H6 (returned as 1–6) [K]."""
    dv = depth_m * velocity_mps
    for k, dv_max, d_max, v_max in HAZARD_CLASSES:
        if dv <= dv_max and depth_m <= d_max and velocity_mps <= v_max:
            return k
    return 6


def building_collapses(depth_m: float, velocity_mps: float, building: str = "masonry") -> bool:
    """RESCDAM collapse rule for a ``"masonry"``, ``"wood_anchored"`` or ``"wood_unanchored"`` building [V]."""
    try:
        dv_min, v_min = COLLAPSE[building]
    except KeyError:
        raise ValueError(f"unknown building {building!r}; use one of {tuple(COLLAPSE)}") from None
    return depth_m * velocity_mps >= dv_min and velocity_mps >= v_min


def vehicle_state(depth_m: float, velocity_mps: float) -> str:
    """``"unstable"``, ``"floating"`` or ``"stable"`` for a low-clearance vehicle (LifeSim TRM) [V]."""
    if (
        depth_m >= VEHICLE_UNSTABLE_D_M
        or velocity_mps >= VEHICLE_UNSTABLE_V_MPS
        or depth_m * velocity_mps >= VEHICLE_UNSTABLE_DV_M2PS
    ):
        return "unstable"
    return "floating" if depth_m >= VEHICLE_FLOATS_D_M else "stable"


def _mechanism_rate(depth_m: float, velocity_mps: float, situation: str, building: str) -> float:
    if situation == "in_open":
        if depth_m * velocity_mps >= SWEPT_OFF_DV_M2PS or hazard_class(depth_m, velocity_mps) >= 4:
            return CHANCE_RATE
        return COMPROMISED_RATE if hazard_class(depth_m, velocity_mps) == 3 else SAFE_RATE
    if situation == "in_vehicle":
        state = vehicle_state(depth_m, velocity_mps)
        return {"unstable": CHANCE_RATE, "floating": COMPROMISED_RATE, "stable": SAFE_RATE}[state]
    return CHANCE_RATE if building_collapses(depth_m, velocity_mps, building) else SAFE_RATE


def fatality_probability(
    depth_m: float,
    velocity_mps: float,
    *,
    situation: str,
    building: str = "masonry",
    rapidly_rising: bool = True,
    storey_height_m: float = STOREY_HEIGHT_M,
) -> float:
    """Chance that a person caught by the flow at this depth and velocity dies.

    Args:
        depth_m: flow depth where the person is (the peak, for a person who stays).
        velocity_mps: flow velocity there.
        situation: ``"in_open"``, ``"in_vehicle"``, ``"in_building"``, ``"upper_floor"`` or
            ``"sheltered"`` (same as ``"upper_floor"``).
        building: for the building situations, ``"masonry"`` (default [E]: brick and concrete village
            houses), ``"wood_anchored"`` or ``"wood_unanchored"``.
        rapidly_rising: use Jonkman's rapidly rising function (tailings flows) or the slow one.
        storey_height_m: height of the upper floor above the ground [E].

    Raises:
        ValueError: an unknown situation or building, or a negative or NaN depth or velocity.
    """
    if situation not in SITUATIONS:
        raise ValueError(f"unknown situation {situation!r}; use one of {SITUATIONS}")
    if not (depth_m >= 0 and velocity_mps >= 0):
        raise ValueError("depth and velocity must be non-negative numbers")
    if depth_m == 0:
        return 0.0
    drown_depth = depth_m
    if situation in ("upper_floor", "sheltered"):
        drown_depth = max(depth_m - storey_height_m, 0.0)
    drowning = jonkman_mortality(drown_depth, velocity_mps, rapidly_rising=rapidly_rising)
    if in_breach_zone(depth_m, velocity_mps):
        drowning = 1.0
    return max(drowning, _mechanism_rate(depth_m, velocity_mps, situation, building))


def sample_deaths(rng: np.random.Generator, rate: float, n_people: int) -> np.ndarray:
    """One Bernoulli draw per person of a group sharing ``rate`` (LifeSim's rule) [V].

    Returns:
        A boolean array, True for each person who dies.
    """
    if not 0.0 <= rate <= 1.0:
        raise ValueError("rate must be within [0, 1]")
    return rng.random(n_people) < rate


def group_deaths(
    rng: np.random.Generator,
    depth_m: float,
    velocity_mps: float,
    n_people: int,
    *,
    situation: str,
    **options: object,
) -> np.ndarray:
    """The group's rate from :func:`fatality_probability`, then one draw per person."""
    rate = fatality_probability(depth_m, velocity_mps, situation=situation, **options)  # type: ignore[arg-type]
    return sample_deaths(rng, rate, n_people)
