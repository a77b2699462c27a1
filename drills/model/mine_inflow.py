"""Rain reaching a mine: inflow rising through the ground, and surface water pouring in over the collar.

Provenance tags: [V] seen in a copy of the source, [K] from knowledge, not re-read — check, [E] the
project's own choice. Every parameter of both models below is the scenario's own [E]: no default is
offered, because none is sourced; calibrate on the mine's inflow records and the river's gauge.

Inflow through the ground [E]: a linear reservoir (exponential unit hydrograph) of the rain on a recharge
area,

    q(t) = q_base + k·A·∫ r(τ)·(1/T)·exp(−(t − τ)/T) dτ,

k the share of rain that infiltrates to the workings, A the recharge area, T the lag constant, r the rain
rate. A storm's whole recharge, k·A·depth, eventually reaches the mine. Computed exactly for rain that is
constant within each hyetograph interval (recursion over the union of the time grid and the interval
edges); rain before the grid's start counts.

Reporting: NMSA (2023) asks non-coal mines to report when the mine inflow changes by **≥ 20 %**
(the notice
国家矿山安全监察局《关于做好非煤矿山灾害情况发生重大变化及时报告和出现事故征兆等紧急情况及时撤人工作的通知》,
2023; [V]: the value was read in a third-party copy of the notice,
ylqx.1s.cn/zixun/2023/0704/13301.html, not in the official text). What the change is measured against
was not found in that copy; we take the pre-storm baseline [E].

Surface water [E]: river (or ponding) discharge from a linear reservoir on the river's catchment plus
baseflow, stage from a rating h = bed + a·Q^b, and water entering the mine as free flow over a
broad-crested sill (the collar or portal sill) when the stage exceeds it,
Q_in = C·W·(stage − collar)^1.5 with C from :data:`drills.model.pond.BROAD_CRESTED_WEIR_C` [K]. The
ingress does not lower the river, and the sill is never drowned from the mine side.

Check only: GB 16423 《金属非金属矿山安全规程》, its mine-water section, asks mine entrances to stand
**≥ 1 m** above the highest historical flood level [K?: from knowledge, low confidence — the clause
number and wording were not checked]; :func:`collar_margin_ok` tests it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from drills.model.pond import BROAD_CRESTED_WEIR_C, weir_m3ps
from drills.model.storm import Hyetograph, time_grid

S_PER_H = 3600.0
REPORTABLE_INFLOW_CHANGE = 0.20  # NMSA 2023 notice on reporting and evacuating non-coal mines [V] (a copy, above)
COLLAR_MARGIN_M = 1.0  # GB 16423 (mine water) [K?] — a check, not a model input


def linear_reservoir_m3ps(hyetograph: Hyetograph, t_s: np.ndarray, *, gain_m2: float, lag_s: float) -> np.ndarray:
    """Outflow (m³/s) at times ``t_s`` of a linear reservoir fed ``gain_m2`` × rain rate, empty before the rain.

    Args:
        hyetograph: the rain.
        t_s: increasing times.
        gain_m2: effective area (share × area), m².
        lag_s: reservoir constant T (0: outflow = inflow).
    """
    t_s = np.asarray(t_s, dtype=float)
    if lag_s < 0 or gain_m2 < 0:
        raise ValueError("lag_s and gain_m2 must be >= 0")
    edges = hyetograph.edges_s
    pts = np.union1d(t_s, edges[edges <= t_s[-1]])
    pts = pts[pts >= min(t_s[0], edges[0])]
    dts = np.diff(pts)
    inflow = gain_m2 * np.diff(np.asarray(hyetograph.cumulative_mm(pts))) / 1000.0 / dts  # m³/s, exact per piece
    decay = np.exp(-dts / lag_s) if lag_s > 0 else np.zeros_like(dts)
    q = np.empty(pts.size)
    q[0] = 0.0
    for k in range(dts.size):
        q[k + 1] = q[k] * decay[k] + inflow[k] * (1.0 - decay[k])
    return q[np.searchsorted(pts, t_s)]


@dataclass(frozen=True, eq=False)
class InflowSeries:
    """Mine inflow over time; unpacks as ``t_s, inflow_m3ph = series``.

    Attributes:
        t_s: grid times (s).
        inflow_m3ph: inflow at those times (m³/h).
        baseline_m3ph: the pre-storm inflow.
    """

    t_s: np.ndarray
    inflow_m3ph: np.ndarray
    baseline_m3ph: float

    def __iter__(self) -> Iterator[np.ndarray]:
        return iter((self.t_s, self.inflow_m3ph))


def inflow_series(
    hyetograph: Hyetograph,
    *,
    baseline_m3ph: float,
    recharge_area_m2: float,
    infiltration_share: float,
    lag_s: float,
    duration_s: float,
    dt_s: float,
) -> InflowSeries:
    """Mine inflow: baseline plus the linear-reservoir response to rain on the recharge area.

    Args:
        hyetograph: the rain.
        baseline_m3ph: inflow before the storm (m³/h) [E].
        recharge_area_m2: area whose infiltration reaches the workings [E].
        infiltration_share: share of rain on it that does (0–1) [E].
        lag_s: lag constant T [E].
        duration_s: grid length from time 0.
        dt_s: grid step.
    """
    if not 0.0 <= infiltration_share <= 1.0 or baseline_m3ph < 0:
        raise ValueError("infiltration_share must be within [0, 1] and baseline_m3ph >= 0")
    t = time_grid(duration_s, dt_s)
    q = linear_reservoir_m3ps(hyetograph, t, gain_m2=infiltration_share * recharge_area_m2, lag_s=lag_s)
    return InflowSeries(t_s=t, inflow_m3ph=baseline_m3ph + q * S_PER_H, baseline_m3ph=float(baseline_m3ph))


def inflow_change_share(series: InflowSeries) -> np.ndarray:
    """(inflow − baseline) / baseline at each grid time."""
    if series.baseline_m3ph <= 0:
        raise ValueError("a change share needs a baseline inflow > 0")
    return (series.inflow_m3ph - series.baseline_m3ph) / series.baseline_m3ph


def first_reportable_change_s(series: InflowSeries, share: float = REPORTABLE_INFLOW_CHANGE) -> float:
    """First time the inflow has changed by ``share`` or more (s), interpolated between grid times; inf if never."""
    return _first_reaching(series.t_s, np.abs(inflow_change_share(series)), share)


def _first_reaching(t: np.ndarray, y: np.ndarray, x: float, *, strict: bool = False) -> float:
    idx = np.flatnonzero(y > x if strict else y >= x)
    if idx.size == 0:
        return math.inf
    k = int(idx[0])
    if k == 0 or y[k] == x:
        return float(t[k])
    return float(t[k - 1] + (x - y[k - 1]) / (y[k] - y[k - 1]) * (t[k] - t[k - 1]))


@dataclass(frozen=True)
class RiverSpec:
    """A river or ponding area next to the mine; every value is the scenario's [E].

    Attributes:
        catchment_area_m2: the river's catchment above the mine.
        runoff_coefficient: share of rain that runs off (0–1).
        lag_s: linear-reservoir constant of the catchment.
        baseflow_m3ps: discharge before the storm.
        rating_a: a in stage = bed + a·Q^b (m per (m³/s)^b).
        rating_b: b.
        bed_elevation_m: elevation of the rating's zero stage.
    """

    catchment_area_m2: float
    runoff_coefficient: float
    lag_s: float
    baseflow_m3ps: float
    rating_a: float
    rating_b: float
    bed_elevation_m: float

    def stage_m(self, discharge_m3ps: float | np.ndarray) -> float | np.ndarray:
        """Water-surface elevation at a discharge."""
        out = (
            self.bed_elevation_m
            + self.rating_a * np.maximum(np.asarray(discharge_m3ps, dtype=float), 0.0) ** self.rating_b
        )
        return float(out) if out.ndim == 0 else out


def ingress_m3ps(
    stage_m: float | np.ndarray,
    collar_elevation_m: float,
    opening_width_m: float,
    *,
    weir_coefficient: float = BROAD_CRESTED_WEIR_C,
) -> float | np.ndarray:
    """Surface water entering over a collar or portal sill: C·W·(stage − collar)^1.5, 0 below the sill."""
    return weir_m3ps(np.asarray(stage_m, dtype=float) - collar_elevation_m, opening_width_m, weir_coefficient)


@dataclass(frozen=True, eq=False)
class IngressSeries:
    """River and surface ingress over time.

    Attributes:
        t_s: grid times (s).
        discharge_m3ps: river discharge.
        stage_m: river stage (elevation).
        ingress_m3ps: water entering the mine.
        cumulative_ingress_m3: water entered since time 0 (trapezoidal).
        first_over_collar_s: first time the stage exceeds the collar, interpolated; inf if never.
    """

    t_s: np.ndarray
    discharge_m3ps: np.ndarray
    stage_m: np.ndarray
    ingress_m3ps: np.ndarray
    cumulative_ingress_m3: np.ndarray
    first_over_collar_s: float


def surface_ingress(
    hyetograph: Hyetograph,
    *,
    river: RiverSpec,
    collar_elevation_m: float,
    opening_width_m: float,
    duration_s: float,
    dt_s: float,
    weir_coefficient: float = BROAD_CRESTED_WEIR_C,
) -> IngressSeries:
    """River stage from rain and the surface water it sends into the mine.

    Args:
        hyetograph: the rain.
        river: the river and its rating.
        collar_elevation_m: shaft collar or portal sill elevation.
        opening_width_m: width of the opening water pours over.
        duration_s: grid length from time 0.
        dt_s: grid step.
        weir_coefficient: C of the sill (m^0.5/s).
    """
    t = time_grid(duration_s, dt_s)
    gain = river.runoff_coefficient * river.catchment_area_m2
    q = river.baseflow_m3ps + linear_reservoir_m3ps(hyetograph, t, gain_m2=gain, lag_s=river.lag_s)
    stage = np.asarray(river.stage_m(q))
    inflow = np.asarray(ingress_m3ps(stage, collar_elevation_m, opening_width_m, weir_coefficient=weir_coefficient))
    cum = np.concatenate(([0.0], np.cumsum(0.5 * (inflow[1:] + inflow[:-1]) * np.diff(t))))
    return IngressSeries(
        t_s=t,
        discharge_m3ps=q,
        stage_m=stage,
        ingress_m3ps=inflow,
        cumulative_ingress_m3=cum,
        first_over_collar_s=_first_reaching(t, stage, collar_elevation_m, strict=True),
    )


def collar_margin_ok(collar_elevation_m: float, highest_flood_level_m: float) -> bool:
    """Whether the entrance stands at least :data:`COLLAR_MARGIN_M` above the highest historical flood (check only)."""
    return collar_elevation_m >= highest_flood_level_m + COLLAR_MARGIN_M
