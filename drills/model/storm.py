"""Rain over a drill: the hyetograph, a design storm, and the rainstorm warnings it sets off.

Provenance tags: [V] seen in a copy of the source (third-party copies, named), [K] from knowledge, not
re-read — check before relying on it, [E] the project's own choice.

Hyetograph: rain intensity constant within each interval, zero outside the record; times are seconds from
the scenario start (negative = rain before the drill starts, which still counts in rolling totals).

Design storm, Chicago method (Keifer & Chu 1957, "Synthetic storm pattern for drainage design",
*J. Hydraulics Div. ASCE* 83(HY4) [K: the origin is [V] in Bentley SewerCAD help and the VisualOTTHYMO
manual; the journal details are from knowledge]). The storm-intensity formula has the form of GB 50014
(《室外排水设计标准》, GB 50014-2021; the form predates it) [K]:

    i = A1·(1 + C·lg P) / (t + b)^n      i in mm/min, t in min, P in years
    (q = 167·i in L/(s·hm²) is the same formula in the standard's units) [K]

With a = A1·(1 + C·lg P) and the peak at r·T of a storm of duration T, the depth in the part of the storm
of length t_b before the peak is D_b = a·t_b / (t_b/r + b)^n and after it D_a = a·t_a / (t_a/(1−r) + b)^n,
so any window of length w around the peak (r·w before, (1−r)·w after) holds exactly i(w)·w — the method's
defining property. We cut the hyetograph from this mass curve (cumulative equations as in the technical
note "Cumulative equations for continuous time Chicago hyetograph method", *RBRH* 2016, SciELO
S2318-03312016000300646 [V abstract]), so its total is exactly i(T)·T, whatever the step.
``peak_fraction`` default **0.4** [E] (the brief's value; the local rain-pattern study should replace it).
Fitted formulas usually cover durations up to about 2–3 h [K]; a longer design storm extrapolates.

No storm-intensity parameters are sourced here. :data:`EXAMPLE_FORMULA` (A1 = 12 mm/min, C = 0.8,
b = 10 min, n = 0.7) is **[E] example parameters, not any city's formula: replace with the local
暴雨强度公式**. They give 66 mm in 1 h at P = 10 yr and 129 mm in 3 h at P = 50 yr.

Rainstorm warning signals of the China Meteorological Administration, 《气象灾害预警信号发布与传播办法》
(CMA decree No. 16, 2007) annex [K: the decree and annex attribution]; the criteria themselves are [V] in
third-party copies (e.g. juke.outofmemory.cn/read/598028.html, kpzsg.com/jingyan/kvgj98.html): rain
*will reach*, or has reached and may continue, **blue ≥ 50 mm in 12 h; yellow ≥ 50 mm in 6 h;
orange ≥ 50 mm in 3 h; red ≥ 100 mm in 3 h** (「以上」 read as inclusive [E]). Provincial services may
use their own criteria (one copy notes the north may differ) — a plan can override :data:`MET_CRITERIA`.
The NMSA 2023 notice asks non-coal mines for a report at a rainstorm yellow warning:
国家矿山安全监察局《关于做好非煤矿山灾害情况发生重大变化及时报告和出现事故征兆等紧急情况及时撤人工作的通知》
(2023) [V, third-party copy ylqx.1s.cn/zixun/2023/0704/13301.html].

Warning issue [E]: the forecaster issues a level ``lead_s`` before its criterion is first met on the
hyetograph (the "will reach" case), never before time 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from drills.model.monitoring import Level

S_PER_H = 3600.0
S_PER_MIN = 60.0

# (level, window s, depth mm) — CMA rainstorm signals [V criteria in third-party copies; K decree 16 annex]
MET_CRITERIA: tuple[tuple[Level, float, float], ...] = (
    (Level.BLUE, 12 * S_PER_H, 50.0),
    (Level.YELLOW, 6 * S_PER_H, 50.0),
    (Level.ORANGE, 3 * S_PER_H, 50.0),
    (Level.RED, 3 * S_PER_H, 100.0),
)
_DEPTH_TOL_MM = 1e-9  # round-off allowance when a total meets a criterion exactly


def _scalar_or_array(out: np.ndarray) -> float | np.ndarray:
    out = np.asarray(out)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True, eq=False)
class Hyetograph:
    """Rain intensity, constant within each interval.

    Attributes:
        t_s: interval starts (s from the scenario start), strictly increasing.
        intensity_mm_per_h: intensity in each interval (≥ 0).
        end_s: end of the last interval; no rain before ``t_s[0]`` or after ``end_s``.
    """

    t_s: np.ndarray
    intensity_mm_per_h: np.ndarray
    end_s: float
    _edges: np.ndarray = field(init=False, repr=False)
    _cum: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        t = np.array(self.t_s, dtype=float)
        i = np.array(self.intensity_mm_per_h, dtype=float)
        if t.ndim != 1 or t.shape != i.shape or t.size == 0:
            raise ValueError("t_s and intensity_mm_per_h must be 1-D of the same non-zero length")
        edges = np.append(t, float(self.end_s))
        if not (np.all(np.isfinite(edges)) and np.all(np.diff(edges) > 0)):
            raise ValueError("t_s must be finite, strictly increasing and end before end_s")
        if not (np.all(np.isfinite(i)) and np.all(i >= 0)):
            raise ValueError("intensity_mm_per_h must be finite and >= 0")
        cum = np.concatenate(([0.0], np.cumsum(i * np.diff(edges) / S_PER_H)))
        for name, arr in (("t_s", t), ("intensity_mm_per_h", i), ("_edges", edges), ("_cum", cum)):
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        object.__setattr__(self, "end_s", float(self.end_s))

    @property
    def edges_s(self) -> np.ndarray:
        """Interval edges: the starts, then ``end_s``."""
        return self._edges

    @property
    def total_mm(self) -> float:
        """All the rain in the record."""
        return float(self._cum[-1])

    def cumulative_mm(self, t: float | np.ndarray) -> float | np.ndarray:
        """Rain fallen up to time ``t`` (s); exact, since depth is linear within an interval."""
        return _scalar_or_array(np.interp(np.asarray(t, dtype=float), self._edges, self._cum))

    def depth_mm(self, t0: float | np.ndarray, t1: float | np.ndarray) -> float | np.ndarray:
        """Rain fallen between ``t0`` and ``t1`` (s)."""
        return _scalar_or_array(np.asarray(self.cumulative_mm(t1)) - np.asarray(self.cumulative_mm(t0)))

    def rolling_mm(self, window_s: float, t: float | np.ndarray) -> float | np.ndarray:
        """Rain in the window of length ``window_s`` ending at ``t``."""
        return self.depth_mm(np.asarray(t, dtype=float) - window_s, t)

    def intensity_at(self, t: float | np.ndarray) -> float | np.ndarray:
        """Intensity (mm/h) at time ``t``; 0 outside the record."""
        tt = np.asarray(t, dtype=float)
        k = np.searchsorted(self._edges, tt, side="right") - 1
        inside = (k >= 0) & (k < self.t_s.size)
        return _scalar_or_array(np.where(inside, self.intensity_mm_per_h[np.clip(k, 0, self.t_s.size - 1)], 0.0))

    def shifted(self, offset_s: float) -> Hyetograph:
        """The same storm ``offset_s`` later (earlier if negative)."""
        return Hyetograph(self.t_s + offset_s, self.intensity_mm_per_h, self.end_s + offset_s)

    def scaled(self, factor: float) -> Hyetograph:
        """The same pattern with every intensity times ``factor`` (≥ 0)."""
        return Hyetograph(self.t_s, self.intensity_mm_per_h * factor, self.end_s)


def observed(points: Iterable[tuple[float, float]], *, end_s: float | None = None) -> Hyetograph:
    """A hyetograph from (t_s, mm/h) pairs, each intensity holding until the next time.

    Args:
        points: (start s, intensity mm/h), in time order.
        end_s: end of the last interval; by default the last interval is as long as the one before.
    """
    pts = [(float(t), float(i)) for t, i in points]
    if not pts:
        raise ValueError("observed() needs at least one point")
    if end_s is None:
        if len(pts) < 2:
            raise ValueError("one point needs end_s")
        end_s = 2 * pts[-1][0] - pts[-2][0]
    return Hyetograph(np.array([p[0] for p in pts]), np.array([p[1] for p in pts]), end_s)


def time_grid(duration_s: float, dt_s: float, start_s: float = 0.0) -> np.ndarray:
    """``start_s, start_s + dt_s, …`` up to and including ``start_s + duration_s`` (last step may be short)."""
    if duration_s <= 0 or dt_s <= 0:
        raise ValueError("duration_s and dt_s must be > 0")
    steps = np.arange(0.0, duration_s, dt_s)
    if len(steps) > 1 and duration_s - steps[-1] < 1e-9 * dt_s:  # the first step stays, however short
        steps = steps[:-1]
    return start_s + np.append(steps, duration_s)


@dataclass(frozen=True)
class IntensityFormula:
    """A storm-intensity formula of the GB 50014 form, i = A1·(1 + C·lg P)/(t + b)^n in mm/min.

    Attributes:
        a1_mm_per_min: A1.
        c: C (dimensionless).
        b_min: b (min).
        n: n (dimensionless).
        name: where it applies.
        source: where the parameters come from, with its provenance tag.
    """

    a1_mm_per_min: float
    c: float
    b_min: float
    n: float
    name: str
    source: str

    def rain_force_mm_per_min(self, return_period_yr: float) -> float:
        """a = A1·(1 + C·lg P)."""
        if return_period_yr <= 0:
            raise ValueError("return_period_yr must be > 0")
        a = self.a1_mm_per_min * (1.0 + self.c * math.log10(return_period_yr))
        if a <= 0:
            raise ValueError(f"formula {self.name!r} gives no rain at P = {return_period_yr} yr")
        return a

    def mean_intensity_mm_per_min(self, return_period_yr: float, duration_s: float) -> float:
        """Mean intensity over a storm of ``duration_s``."""
        return self.rain_force_mm_per_min(return_period_yr) / (duration_s / S_PER_MIN + self.b_min) ** self.n

    def depth_mm(self, return_period_yr: float, duration_s: float) -> float:
        """Depth of the design storm of ``duration_s``: i(T)·T."""
        return self.mean_intensity_mm_per_min(return_period_yr, duration_s) * duration_s / S_PER_MIN


EXAMPLE_FORMULA = IntensityFormula(
    a1_mm_per_min=12.0,
    c=0.8,
    b_min=10.0,
    n=0.7,
    name="example",
    source="[E] example parameters, replace with the local 暴雨强度公式",
)


def design_storm(
    return_period_yr: float,
    duration_s: float,
    *,
    idf: IntensityFormula,
    peak_fraction: float = 0.4,
    step_s: float = 300.0,
    start_s: float = 0.0,
) -> Hyetograph:
    """A Chicago design storm (Keifer & Chu 1957) from a GB 50014-form intensity formula.

    Args:
        return_period_yr: P.
        duration_s: storm duration T.
        idf: the local intensity formula.
        peak_fraction: r, the peak's position as a share of T (0–1).
        step_s: hyetograph interval; the last may be shorter.
        start_s: when the rain starts.

    Returns:
        The hyetograph; each interval holds the mass curve's exact increment, so the total is i(T)·T.
    """
    if not 0.0 <= peak_fraction <= 1.0:
        raise ValueError("peak_fraction must be within [0, 1]")
    a = idf.rain_force_mm_per_min(return_period_yr)
    r, b, n = peak_fraction, idf.b_min, idf.n
    total_min = duration_s / S_PER_MIN
    tp = r * total_min

    def side(x: np.ndarray, share: float) -> np.ndarray:  # depth in the x minutes on a side holding that share
        x = np.asarray(x, dtype=float)
        if share <= 0:
            return np.zeros_like(x)
        # none in no time, also when b = 0 (where the formula reads 0/0 at the peak)
        return np.divide(a * x, (x / share + b) ** n, out=np.zeros_like(x), where=x > 0)

    def before(x: np.ndarray) -> np.ndarray:  # depth in the x minutes before the peak
        return side(x, r)

    def after(x: np.ndarray) -> np.ndarray:  # depth in the x minutes after the peak
        return side(x, 1 - r)

    edges = time_grid(duration_s, step_s)
    tm = edges / S_PER_MIN
    head = before(np.array([tp]))[0]
    mass = np.where(tm <= tp, head - before(np.clip(tp - tm, 0, None)), head + after(np.clip(tm - tp, 0, None)))
    intensity = np.diff(mass) / (np.diff(edges) / S_PER_H)
    return Hyetograph(start_s + edges[:-1], np.clip(intensity, 0.0, None), start_s + duration_s)


@dataclass(frozen=True)
class MetWarning:
    """A rainstorm warning issued during the drill.

    Attributes:
        level: blue, yellow, orange or red.
        issued_s: when it is issued (s).
        criterion_met_s: when the rain on the hyetograph first meets the level's criterion (s).
    """

    level: Level
    issued_s: float
    criterion_met_s: float


def first_time_rolling_reaches(
    hyetograph: Hyetograph, window_s: float, depth_mm: float, *, horizon_s: float, from_s: float = 0.0
) -> float:
    """First time in ``[from_s, horizon_s]`` at which the rain in the past ``window_s`` reaches ``depth_mm``.

    The rolling total is piecewise linear with breaks at the interval edges and the edges + window. The time
    returned is exact: the first floating-point time at which the total, as the hyetograph holds it (linear
    between its edges and their cumulative depths), has reached ``depth_mm`` — the crossing is found in rational
    arithmetic and rounded up, so it is never before the real crossing and less than one unit in the last place
    after it. A total that tops out less than :data:`_DEPTH_TOL_MM` short of ``depth_mm`` (a design storm's round
    total, summed in floating point) reaches it where it tops out. Returns ``inf`` if never.
    """
    e = hyetograph.edges_s
    cand = np.unique(np.concatenate((e, e + window_s, [from_s, horizon_s])))
    cand = cand[(cand >= from_s) & (cand <= horizon_s)]
    if cand.size == 0:
        return math.inf
    roll = np.asarray(hyetograph.rolling_mm(window_s, cand))
    hit = np.flatnonzero(roll >= depth_mm - _DEPTH_TOL_MM)
    if hit.size == 0:
        return math.inf
    k = int(hit[0])
    if k == 0 or roll[k] <= depth_mm:
        return float(cand[k])
    return _exact_crossing_s(hyetograph, window_s, depth_mm, float(cand[k - 1]), float(cand[k]))


def _exact_crossing_s(hyetograph: Hyetograph, window_s: float, depth_mm: float, lo: float, hi: float) -> float:
    """The first float time in ``[lo, hi]`` at which the rolling total has reached ``depth_mm``, found in exact
    rational arithmetic (the total is below it at ``lo``; ``hi`` if round-off put the crossing past it)."""
    e, cum = hyetograph.edges_s, hyetograph._cum
    w, depth, a, b = Fraction(window_s), Fraction(depth_mm), Fraction(lo), Fraction(hi)

    def fallen(t: Fraction) -> Fraction:  # the rain fallen by t, linear between the edges
        j = int(np.searchsorted(e, float(t), side="right")) - 1
        j = min(max(j, 0), e.size - 2)
        while j > 0 and t < Fraction(e[j]):  # the float t may have rounded past an edge
            j -= 1
        while j < e.size - 2 and t >= Fraction(e[j + 1]):
            j += 1
        t0, t1 = Fraction(e[j]), Fraction(e[j + 1])
        t = min(max(t, t0), t1)
        c0, c1 = Fraction(cum[j]), Fraction(cum[j + 1])
        return c0 + (c1 - c0) * (t - t0) / (t1 - t0)

    def total(t: Fraction) -> Fraction:
        return fallen(t) - fallen(t - w)

    # the breaks of the total between lo and hi, exactly (an edge + the window may not be a float)
    near = e[((e >= lo - 1.0) & (e <= hi + 1.0)) | ((e >= lo - window_s - 1.0) & (e <= hi - window_s + 1.0))]
    breaks = sorted({a, b, *(x for t in near for x in (Fraction(t), Fraction(t) + w) if a < x < b)})
    prev, v_prev = breaks[0], total(breaks[0])
    for t in breaks[1:]:
        v = total(t)
        if v >= depth:
            at = prev + (depth - v_prev) / (v - v_prev) * (t - prev) if v_prev < depth else prev
            out = float(at)
            return math.nextafter(out, math.inf) if Fraction(out) < at else out
        prev, v_prev = t, v
    return hi


def met_warnings(hyetograph: Hyetograph, *, lead_s: float, horizon_s: float) -> tuple[MetWarning, ...]:
    """The rainstorm warnings a forecaster would issue for this rain (CMA criteria, :data:`MET_CRITERIA`).

    Args:
        hyetograph: the rain (forecast or as it falls).
        lead_s: how long before a criterion is met its warning is issued (≥ 0).
        horizon_s: criteria met after this time are not considered.

    Returns:
        One record per level whose criterion is met in ``[0, horizon_s]``, lowest level first.
    """
    if lead_s < 0:
        raise ValueError("lead_s must be >= 0")
    out = []
    for level, window_s, depth in MET_CRITERIA:
        met = first_time_rolling_reaches(hyetograph, window_s, depth, horizon_s=horizon_s)
        if math.isfinite(met):
            out.append(MetWarning(level=level, issued_s=max(0.0, met - lead_s), criterion_met_s=met))
    return tuple(out)
