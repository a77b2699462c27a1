"""Walking, wading, climbing and crowd flow: the speed and capacity of each passage.

Sources:

* Free walking speed of a miner on a level, dry drift: **1.2 m/s**, the free walking speed of the SFPE
  hydraulic model in corridors, i.e. its crowd speed below (k = 1.40 m/s, a = 0.266) at the density
  below which people walk freely, 0.54 person/m²: 1.40·(1 − 0.266·0.54) = 1.20 m/s (SFPE Handbook of
  Fire Protection Engineering, 5th ed., ch. 64, Gwynne & Rosenbaum). It applies to fit adults walking
  unhindered on a level, dry, lit passage, which is what a miner on a dry drift with a cap lamp is; it
  is not a measurement underground. In-mine escape speeds were measured by NIOSH (Kovac, Kravitz &
  Rehak, "The Oxygen Cost of a Mine Escape", ISRP 1999), but their numbers were not available to the
  project; a mine should replace this value with timings from its own drills. Smoke, low seams and
  water are slower (wading below; smoke and crawling are not modelled).
* Spread of individual free speeds: coefficient of variation **0.19** (Weidmann 1993,
  *Transporttechnik der Fussgänger*, ETH IVT Schriftenreihe 90: mean 1.34 m/s, s.d. 0.26 m/s). A
  normal draw is cut at 0.3 of the mean (3.7 s.d. below it, about one draw in 9 000), so no one walks
  at nothing or backwards (project choice, stated).
* Crowd speed: SFPE hydraulic model, S = k·(1 − a·D), k = 1.40 m/s for corridors, a = 0.266 m²/person,
  free walking below D = 0.54 person/m² (SFPE Handbook ch. 64). Floor 0.1 of free speed so a
  jammed link still drains (project choice, stated).
* Flow capacity: SFPE maximum specific flow **1.3 persons/(s·m)** of effective width; effective
  width = width − 2 × 0.2 m boundary layer (SFPE Handbook ch. 64, corridor boundary layer 200 mm), and
  never under 0.5 m, one person's width, so a narrow raise still passes people one at a time (project
  choice, stated).
* Slope: Tobler's hiking function, speed ∝ exp(−3.5·|s + 0.05|), normalised to 1 on the level
  (Tobler 1993, *Three presentations on geographical analysis and modeling*, NCGIA TR 93-1). The height it gains
  per second is greatest at 14.9° (where cos³θ = 3.5 sin θ); steeper than that, the steeper the slower it climbs,
  towards nothing. There we take no slower than climbing the rise at the ladder rate below (at the free speed):
  the two meet at about 23° uphill and 31° downhill (at 25° uphill Tobler gives 0.099 m/s of rise; the escapees
  of the Wangjialing flood, 2010, ran up a 25° incline; project choice, stated).
* Wading in still water: speed −38.6 % at 0.35 m depth for men (Li, Song, Zhang & Bode,
  *Acta Polytechnica CTU Proc.* 57 (2026) 226) and about 50 % of normal at 0.9 m (Dias et al. 2021,
  Qatar University wading experiment); in turbid water, darkness or with work boots, a further
  30–50 % lower (Mizuno & Nihei, IAHR-APD 2016): we take the smaller 30 %, phased in linearly over
  the first 0.35 m so that a wet floor does not halve the speed at once (project choice, stated).
  On a sloping passage only the length below the water is waded, at half the depth of its low end; a
  passage rising less than 0.5 m end to end is taken as level and waded along its whole length (project
  choice, stated: a drift's 3 per mille drainage gradient is level to a wading miner).
* Crowd flow through a bottleneck in 0.6 m of water falls by ΔJ = 0.60·b − 0.04 persons/s
  (bottleneck experiments with 97 subjects: Li, Yu, Xu, Ren, Song & Zhang, "A comparative study on
  pedestrian flow through bottlenecks between flood evacuation and land evacuation",
  *Int. J. Disaster Risk Reduction* (2023) 103822, doi:10.1016/j.ijdrr.2023.103822; value read in
  the abstract); we scale it linearly with depth up to 0.6 m, and keep at least a tenth of the dry
  capacity, as the crowd-speed floor above, so a flooded passage still drains (project choice, stated).
* Ladder climbing: **0.105 m/s** vertical, the middle of 162–204 m gained in about 29 min while
  wearing a self-rescuer (彭然 2022, 中国煤炭). Climbers keep **2 m** apart on the ladder (project
  choice: one climber per two metres of ladder), so a ladderway passes 0.105/2 persons/s.
* A passage is impassable on foot when the water is deeper than **1.2 m**: above that depth the
  ARR/AIDR hazard class H4 "unsafe for people" begins (Smith et al. 2014; AIDR Guideline 7-3, 2017).
* Someone whose way the water closes before they are through it (the far end of the passage becomes
  deeper than they will wade) meets the water there, walks back as fast as they came and takes another
  way; they are caught only if the way back closes first. So did the miners of the Zhijian rain flood
  (2007), who walked about 200 m up-dip toward the shaft until the water reached their necks, then
  turned back to high ground (account of the escape: https://mybook.cyou/MagazineArticle/465075).
"""

from __future__ import annotations

import itertools
import math

FREE_SPEED_MPS = 1.2
SPEED_CV = 0.19
SPEED_FLOOR_SHARE = 0.3
SFPE_K_MPS = 1.40
SFPE_A = 0.266
SFPE_FREE_DENSITY = 0.54
CROWD_FLOOR = 0.1
SPECIFIC_FLOW_PPSM = 1.3
BOUNDARY_LAYER_M = 0.2
MIN_EFFECTIVE_WIDTH_M = 0.5
TOBLER_B = 3.5
CLIMB_MPS = 0.105
LADDER_SPACING_M = 2.0
WADING_LIMIT_M = 1.2
TURBID_WADING_FACTOR = 0.7
WET_DEPTH_M = 0.05

# (depth m, speed factor) for wading, piecewise linear; beyond the last point the factor stays.
_WADING = ((0.0, 1.0), (0.35, 1.0 - 0.386), (0.90, 0.5))


def crowd_factor(density_ppm2: float) -> float:
    """Speed as a share of free speed at a crowd density (persons per m²), SFPE."""
    if density_ppm2 <= SFPE_FREE_DENSITY:
        return 1.0
    f = (1.0 - SFPE_A * density_ppm2) / (1.0 - SFPE_A * SFPE_FREE_DENSITY)
    return max(f, CROWD_FLOOR)


def _steepest_climb_tan() -> float:
    """tan θ of the slope at which Tobler's function gains height fastest uphill: d/dθ [exp(−3.5 tan θ) sin θ] = 0,
    i.e. cos³θ = 3.5 sin θ (bisection; θ = 14.9°)."""
    lo, hi = 0.0, math.pi / 2
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if math.cos(mid) ** 3 > TOBLER_B * math.sin(mid) else (lo, mid)
    return math.tan(lo)


#: steeper than this (rise over run, either way) a passage is climbed: see :func:`slope_factor`
CLIMBED_TAN = _steepest_climb_tan()


def slope_factor(rise_m: float, run_m: float) -> float:
    """Tobler's hiking function relative to the level (uphill and downhill both slow); on a passage steeper than
    :data:`CLIMBED_TAN`, no slower than climbing its rise at the ladder rate (at the free speed)."""
    if rise_m == 0:
        return 1.0
    climbed = CLIMB_MPS / FREE_SPEED_MPS * math.hypot(rise_m, run_m) / abs(rise_m)  # the rise at the ladder rate
    if run_m <= 0:
        return climbed
    s = rise_m / run_m
    walked = math.exp(-TOBLER_B * (abs(s + 0.05) - 0.05))
    return max(walked, climbed) if abs(s) > CLIMBED_TAN else walked


def wading_factor(depth_m: float) -> float:
    """Speed as a share of dry speed when wading at ``depth_m`` in dark, turbid mine water."""
    if depth_m < WET_DEPTH_M:
        return 1.0
    pts = _WADING
    f = pts[-1][1]
    for (d0, f0), (d1, f1) in itertools.pairwise(pts):
        if depth_m <= d1:
            f = f0 + (f1 - f0) * (depth_m - d0) / (d1 - d0)
            break
    turbid = 1.0 - (1.0 - TURBID_WADING_FACTOR) * min(depth_m / _WADING[1][0], 1.0)
    return f * turbid


def passage_time_s(length_m: float, rise_m: float, speed_mps: float, low_end_depth_m: float) -> float:
    """Time to walk a passage whose low end is under ``low_end_depth_m`` of water.

    On a level passage (rise under 0.5 m) the whole length is waded at that depth; on a slope only
    the submerged length is, at half the low-end depth (the mean depth of a wedge of water).
    """
    if low_end_depth_m < WET_DEPTH_M:
        return length_m / speed_mps
    rise = abs(rise_m)
    if rise < 0.5:
        return length_m / (speed_mps * wading_factor(low_end_depth_m))
    wet = min(low_end_depth_m / rise, 1.0)
    return length_m * (1.0 - wet) / speed_mps + length_m * wet / (speed_mps * wading_factor(low_end_depth_m / 2))


def flow_capacity_pps(width_m: float, depth_m: float = 0.0) -> float:
    """Persons per second through a passage of ``width_m``, reduced when wading."""
    eff = max(width_m - 2 * BOUNDARY_LAYER_M, MIN_EFFECTIVE_WIDTH_M)
    dry = SPECIFIC_FLOW_PPSM * eff
    if depth_m < WET_DEPTH_M:
        return dry
    loss = min(depth_m, 0.6) / 0.6 * max(0.60 * width_m - 0.04, 0.0)
    return max(dry - loss, 0.1 * dry)


def ladder_capacity_pps(climb_mps: float = CLIMB_MPS) -> float:
    """Persons per second up a single ladderway."""
    return climb_mps / LADDER_SPACING_M
