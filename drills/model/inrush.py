"""Water inrush: fill-and-spill of the workings from the lowest points up.

A cheap network model suited to many replications, after the breadth-first, time-stepping filling
of a roadway network from the inrush point ("Mine Water Inrush Propagation Modeling and Evacuation
Route Optimization", Beijing Polytechnic University, *Eng. Proc.* 120(1):40, 2025, published 2026,
doi:10.3390/engproc2025120040 [V abstract]); choosing it over a full 1-D pipe-flow model is the
project's choice [E]. It treats the flooded workings as one level pool: water poured in at
the source runs down to the lowest places it can reach and the pool rises; it spills over a sill
into a neighbouring part of the mine once its level reaches the sill.

We compute it in two steps:

1. Once per site and source: the *spill elevation* of every node — the
   lowest water level at which the pool reaches it (a minimax "priority-flood" over the network) —
   and the stored volume below each elevation, ``V(z)``, from each passage's length, width and
   height and each node's open void (stopes, sumps).
2. Once per replication: the inflow hydrograph, scaled by that
   replication's factor and less the pumping, integrated into a cumulative volume; inverting
   ``V(z)`` gives the pool level over time.

Simplifications, stated: the pool is level (no front travel time along a drift, which is seconds
to minutes against inrushes filling a level over tens of minutes); separate dips below the source
fill together; the pool rises no higher than the lowest opening to the surface it reaches (a portal or
a shaft collar), where it runs out — an opening below the source (an adit mine's portal under an old working)
is reached as the water runs down, so nothing pools above it; the water running along the drifts on its way
down to the pool or out of an opening is not this module's: :mod:`drills.model.running` holds it (Manning's
formula for open channels gives a few decimetres for thousands of m³/h in a drift a few metres wide, and 1.1 m
at 12 000 m³/h in one 3 m wide), and the drill takes the deeper of the two; water marks never recede within a
drill (pumps are small against an inrush: at Huayuan 2007, 4 pumps gave 660 m³/h during the recovery, press
reports [V], against an inflow of 24,000 m³/h, the State Administration of Work Safety's figure reported by
Zhejiang Online, 2007-08-18 [V]). Depth in a passage is measured at its low end.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from drills.model.network import SURFACE_KINDS, Network

Z_STEP_M = 0.02
TIME_STEP_S = 10.0

@dataclass(frozen=True)
class FloodGeometry:
    """Stored volume against pool level for one source, and where the pool reaches."""

    source: int
    source_elevation_m: float
    z_grid: np.ndarray
    volume_m3: np.ndarray
    node_spill_m: np.ndarray
    link_spill_m: np.ndarray
    link_low_m: np.ndarray
    node_elev_m: np.ndarray
    #: the basins behind sills: for each sill level S, (S, the pool's volume just before the level reaches S, the
    #: basin's own volume against its own level on z_grid up to S); empty for a mine with none
    basins: tuple[tuple[float, float, np.ndarray], ...] = ()
    #: per node and per link, the index of its basin in :attr:`basins` (-1: not behind a sill)
    node_basin: np.ndarray | None = None
    link_basin: np.ndarray | None = None

    def basin_volume_for(self, basin: int, z: float) -> float:
        """The water in basin ``basin`` when its own level is ``z`` (at most its sill)."""
        sill, _, w = self.basins[basin]
        return float(np.interp(min(z, sill), self.z_grid[: len(w)], w))

    def levels_for_depth(self, places: str, depth_m: float) -> np.ndarray:
        """The pool level at which each node (``places="nodes"``) or link's low end ("links") is ``depth_m``
        deep: its floor plus the depth, but not below its spill level; inf where the pool never reaches.

        The same for every replication, so kept once per geometry and depth (read-only)."""
        cache = self.__dict__.setdefault("_levels", {})  # a cache on a frozen dataclass
        z = cache.get((places, depth_m))
        if z is None:
            spill, floor = ((self.node_spill_m, self.node_elev_m) if places == "nodes"
                            else (self.link_spill_m, self.link_low_m))
            z = floor + depth_m
            z = np.where(spill > self.source_elevation_m, np.maximum(z, spill), z)
            z[~np.isfinite(spill)] = math.inf
            z.flags.writeable = False
            cache[(places, depth_m)] = z
        return z


def spill_elevations(network: Network, source: int) -> np.ndarray:
    """Lowest pool level at which water from ``source`` reaches each node (inf if never)."""
    n = len(network.nodes)
    spill = np.full(n, math.inf)
    spill[source] = network.nodes[source].elevation_m
    heap = [(spill[source], source)]
    done = np.zeros(n, dtype=bool)
    while heap:
        e, i = heapq.heappop(heap)
        if done[i]:
            continue
        done[i] = True
        for _, j in network.water_adjacency[i]:
            cand = max(e, network.nodes[j].elevation_m)
            if cand < spill[j]:
                spill[j] = cand
                heapq.heappush(heap, (cand, j))
    return spill


def build_geometry(network: Network, source: int) -> FloodGeometry:
    """Precompute the volume–level relation of the pool fed at ``source``."""
    spill = spill_elevations(network, source)
    zs = network.nodes[source].elevation_m
    elev = np.array([nd.elevation_m for nd in network.nodes])
    reach = np.isfinite(spill)
    lo_all = float(elev[reach].min())
    hi_all = float(elev[reach].max() + max((lk.height_m for lk in network.links), default=3.0))
    # water that reaches an opening to the surface (a portal, a shaft collar) runs out of it: the pool rises no
    # higher than the lowest such opening it reaches. An opening below the source (an adit mine's portal under an
    # old working) is reached as the water runs down: the pool stands no higher than the opening itself. One
    # above it is reached when the pool rises to its spill level (it, or a sill on the way to it).
    outlets = [spill[i] if spill[i] > zs else elev[i]
               for i, nd in enumerate(network.nodes) if nd.kind in SURFACE_KINDS and reach[i]]
    if outlets and min(outlets) <= lo_all:  # an opening at the lowest place the water reaches: it all runs out
        lo_all, hi_all = lo_all - Z_STEP_M, lo_all
    elif outlets:
        hi_all = max(min(hi_all, *outlets), lo_all + Z_STEP_M)
    link_low = np.array([min(elev[lk.a], elev[lk.b]) for lk in network.links])
    link_spill = np.array([min(spill[lk.a], spill[lk.b]) for lk in network.links])
    z = np.minimum(np.arange(lo_all, hi_all + Z_STEP_M / 2, Z_STEP_M), hi_all)  # not a rounding error above the top
    # every sill a level of the grid: the water behind one counts from the sill's own level, so the pool's level
    # stays below the sill until what lies behind it is full (between two levels of the grid, it rose over the
    # sill while the basin behind was still filling, and the places there were as deep as the pool at once)
    sills = np.concatenate((spill[reach & (spill > zs) & (spill > elev + 1e-9)],
                            link_spill[np.isfinite(link_spill) & (link_spill > zs) & (link_spill > link_low + 1e-9)]))
    z = np.union1d(z, sills[(sills > z[0]) & (sills < z[-1])])
    vol = np.zeros_like(z)
    for k, lk in enumerate(network.links):
        zlo, zhi = link_low[k], max(elev[lk.a], elev[lk.b])
        if not math.isfinite(link_spill[k]):
            continue
        active = z >= link_spill[k] - 1e-9 if link_spill[k] > zs else np.ones_like(z, dtype=bool)
        vol += np.where(active, _element_volume(lk, zlo, zhi, z), 0.0)
    for i, nd in enumerate(network.nodes):
        if nd.void_volume_m3 > 0 and math.isfinite(spill[i]):
            active = z >= spill[i] - 1e-9 if spill[i] > zs else np.ones_like(z, dtype=bool)
            vol += np.where(active, _void_volume(nd, z), 0.0)
    vol = np.maximum.accumulate(vol) + (z - z[0]) * 1e-6  # strictly increasing for inversion
    basins, node_basin, link_basin = _basins(network, z, vol, zs, spill, link_spill, link_low, elev)
    return FloodGeometry(source, zs, z, vol, spill, link_spill, link_low, elev, basins, node_basin, link_basin)


def _element_volume(lk, zlo: float, zhi: float, z: np.ndarray) -> np.ndarray:
    """The water in a passage from ``zlo`` to ``zhi`` at each level of ``z``: over the submerged length of an
    inclined or vertical one (rise above its height), over its floor area up to its height otherwise."""
    rise = zhi - zlo
    if rise > lk.height_m:
        return lk.width_m * lk.height_m * lk.length_m * np.clip((z - zlo) / rise, 0.0, 1.0)
    return lk.width_m * lk.length_m * np.clip(z - zlo, 0.0, lk.height_m)


def _void_volume(nd, z: np.ndarray) -> np.ndarray:
    """The water in a node's open void (a stope, a sump) at each level of ``z``."""
    return nd.void_volume_m3 * np.clip((z - nd.elevation_m) / nd.void_height_m, 0.0, 1.0)


def _basins(network: Network, z: np.ndarray, vol: np.ndarray, zs: float, spill: np.ndarray, link_spill: np.ndarray,
            link_low: np.ndarray, elev: np.ndarray) -> tuple[tuple[tuple[float, float, np.ndarray], ...], np.ndarray,
                                                              np.ndarray]:
    """The basins behind sills: the places the pool reaches only over a sill higher than their floor. While the
    pool's level stands at a sill, the water poured in runs over it and fills what lies behind, from its lowest
    point up: the places behind one sill fill together as one level pool, as the dips below the source do
    (:func:`build_geometry` charges their volume to the pool at the sill's level, so the pool's level waits
    there while they fill)."""
    node_basin = np.full(len(elev), -1)
    link_basin = np.full(len(link_low), -1)
    behind_n = np.isfinite(spill) & (spill > zs) & (spill > elev + 1e-9)
    behind_l = np.isfinite(link_spill) & (link_spill > zs) & (link_spill > link_low + 1e-9)
    sills = sorted({float(x) for x in spill[behind_n]} | {float(x) for x in link_spill[behind_l]})
    basins: list[tuple[float, float, np.ndarray]] = []
    for sill in sills:
        top = int(np.searchsorted(z, sill - 1e-9, side="left"))  # grid points below the sill
        if top == 0 or top == len(z):  # none, or all: the pool runs out of an opening before it reaches the sill
            continue
        zz = z[: top + 1]
        w = np.zeros_like(zz)
        for k, lk in enumerate(network.links):
            if behind_l[k] and link_spill[k] == sill:
                za, zb = elev[lk.a], elev[lk.b]
                w += _element_volume(lk, min(za, zb), max(za, zb), np.minimum(zz, sill))
                link_basin[k] = len(basins)
        for i, nd in enumerate(network.nodes):
            if behind_n[i] and spill[i] == sill:
                node_basin[i] = len(basins)
                if nd.void_volume_m3 > 0:
                    w += _void_volume(nd, np.minimum(zz, sill))
        w = np.maximum.accumulate(w) + (zz - zz[0]) * 1e-9  # strictly increasing for inversion
        basins.append((sill, float(vol[top - 1]), w))
    for a in (node_basin, link_basin):
        a.flags.writeable = False
    return tuple(basins), node_basin, link_basin


def first_inflow_s(t: tuple[float, ...], q: tuple[float, ...]) -> float | None:
    """When a piecewise-linear hydrograph first lets water in: its first time if it starts flowing, else the
    time it starts rising from nothing; None if it never flows."""
    for k, flow in enumerate(q):
        if flow > 0:
            return t[k - 1] if k else t[0]
    return None


def first_time_reaching(series: np.ndarray | list[float], x: float, dt_s: float) -> float:
    """First time the non-decreasing ``series`` (one value every ``dt_s``) is at least ``x`` (inf if never within
    the drill), linear between steps. A list is searched without a NumPy call, for the same result."""
    if series[-1] < x:
        return math.inf
    i = bisect.bisect_left(series, x) if isinstance(series, list) else int(series.searchsorted(x, side="left"))
    if i == 0:
        return 0.0
    x0, x1 = float(series[i - 1]), float(series[i])
    return (i - 1 + ((x - x0) / (x1 - x0) if x1 > x0 else 1.0)) * dt_s


@dataclass(frozen=True)
class WaterTimeline:
    """Pool level over time in one replication, with fast depth look-ups.

    ``level_m[k]`` is the pool level at ``k * dt_s`` seconds.
    """

    geometry: FloodGeometry
    dt_s: float
    level_m: np.ndarray
    stored_m3: np.ndarray | None = None  # the water in the workings at each step (for the basins behind sills)
    #: when the water first comes in: within its step, the water rises from then, not from the step's start
    #: (linear between the steps, the water would stand somewhere before it came in)
    wet_from_s: float = 0.0

    def __post_init__(self) -> None:
        # the step in which the water comes in, if it does between two steps (0: at one of them)
        first = math.ceil(self.wet_from_s / self.dt_s)
        object.__setattr__(self, "_first", first if first * self.dt_s > self.wet_from_s else 0)

    def _step(self, t: float) -> float:
        """The step (fractional) whose values hold at ``t``."""
        k = t / self.dt_s
        first = self._first  # type: ignore[attr-defined]
        if first and first - 1 < k < first:
            b = self.wet_from_s
            return first - 1 + max(t - b, 0.0) / (first * self.dt_s - b)
        return k

    def _time(self, t_steps: Any) -> Any:
        """Times found as ``k * dt_s`` on the steps (one or a list), moved within the step in which the water
        comes in so that it rises from then (:meth:`_step`'s inverse)."""
        first = self._first  # type: ignore[attr-defined]
        if not first:
            return t_steps
        b, dt = self.wet_from_s, self.dt_s
        t = np.asarray(t_steps, dtype=float)
        k = t / dt
        moved = np.where((k > first - 1) & (k < first), b + (k - (first - 1)) * (first * dt - b), t)
        return moved.tolist() if isinstance(t_steps, list) else float(moved)

    def level_at(self, t: float) -> float:
        return self._at(self.level_m, self._step(t))

    def _reached(self, spill: float, level: float) -> bool:
        return spill <= self.geometry.source_elevation_m or level >= spill - 1e-9

    @staticmethod
    def _at(series: np.ndarray, k: float) -> float:
        """``series`` at step ``k`` (fractional), linear between steps, held beyond the ends."""
        i = int(k)
        if i >= len(series) - 1:
            return float(series[-1])
        if i < 0:
            return float(series[0])
        return float(series[i] + (series[i + 1] - series[i]) * (k - i))

    def _basin_level(self, basin: int, t: float) -> float:
        """The level of the water behind the sill of ``basin`` at ``t`` (-inf before any has run over it)."""
        _, before, w = self.geometry.basins[basin]
        assert self.stored_m3 is not None  # a geometry with basins comes with a water balance
        filled = self._at(self.stored_m3, self._step(t)) - before
        if filled <= 0.0:
            return -math.inf
        return float(np.interp(filled, w, self.geometry.z_grid[: len(w)]))

    @staticmethod
    def _basin_of(basins: np.ndarray | None, k: int) -> int:
        """The basin behind a sill that node or link ``k`` lies in (-1: none)."""
        return int(basins[k]) if basins is not None else -1

    def _behind(self, basins: np.ndarray | None, k: int, floor: float, t: float) -> float:
        """The depth at a place the pool has not reached: in a basin behind a sill, as it fills; else none."""
        b = self._basin_of(basins, k)
        return max(self._basin_level(b, t) - floor, 0.0) if b >= 0 else 0.0

    def link_depth(self, link: int, t: float) -> float:
        g = self.geometry
        lv = self.level_at(t)
        if not self._reached(g.link_spill_m[link], lv):
            return self._behind(g.link_basin, link, g.link_low_m[link], t)
        return max(lv - g.link_low_m[link], 0.0)

    def node_depth(self, node: int, t: float) -> float:
        g = self.geometry
        lv = self.level_at(t)
        if not self._reached(g.node_spill_m[node], lv):
            return self._behind(g.node_basin, node, g.node_elev_m[node], t)
        return max(lv - g.node_elev_m[node], 0.0)

    def _first_time(self, series: np.ndarray, x: float) -> float:
        return self._time(first_time_reaching(series, x, self.dt_s))

    def time_level_reaches(self, z: float) -> float:
        """First time the pool level is at least ``z`` (inf if never within the drill)."""
        return self._first_time(self.level_m, z)

    def _time_stored(self, volume: float) -> float:
        """First time the water in the workings is at least ``volume`` (inf if never within the drill)."""
        assert self.stored_m3 is not None
        return self._first_time(self.stored_m3, volume)

    def _time_depth(self, spill: float, floor_m: float, depth_m: float, basin: int = -1) -> float:
        """First time the water is ``depth_m`` deep over ``floor_m`` in a place the pool reaches at ``spill``
        (``basin``: the basin behind a sill it lies in, where that depth comes as the basin fills)."""
        if not math.isfinite(spill):
            return math.inf
        z = floor_m + depth_m
        if basin >= 0 and z < spill - 1e-9:
            _, before, _ = self.geometry.basins[basin]
            return self._time_stored(before + self.geometry.basin_volume_for(basin, z))
        if spill > self.geometry.source_elevation_m:
            z = max(z, spill)
        return self.time_level_reaches(z)

    def link_time_depth(self, link: int, depth_m: float) -> float:
        """First time the depth at the low end of ``link`` reaches ``depth_m``."""
        g = self.geometry
        return self._time_depth(g.link_spill_m[link], g.link_low_m[link], depth_m, self._basin_of(g.link_basin, link))

    def _times_depth(self, places: str, depth_m: float) -> list[float]:
        """:meth:`_time_depth` for every node or link at once (the same arithmetic, element by element)."""
        z = self.geometry.levels_for_depth(places, depth_m)
        lv = self.level_m
        n = len(lv)
        first = lv.searchsorted(z, side="left")  # n where the pool never gets that high (or z is inf)
        i = np.minimum(np.maximum(first, 1), n - 1)
        z0, z1 = lv[i - 1], lv[i]
        rising = z1 > z0
        t = (i - 1 + np.where(rising, (z - z0) / np.where(rising, z1 - z0, 1.0), 1.0)) * self.dt_s
        t[first == 0] = 0.0
        t[first >= n] = math.inf
        out = self._time(t.tolist())
        g = self.geometry
        basins, spill, floor = ((g.node_basin, g.node_spill_m, g.node_elev_m) if places == "nodes"
                                else (g.link_basin, g.link_spill_m, g.link_low_m))
        if basins is not None and g.basins:  # behind a sill, a depth below it comes as the basin fills
            for k in np.flatnonzero((basins >= 0) & (floor + depth_m < spill - 1e-9)).tolist():
                out[k] = self._time_depth(spill[k], floor[k], depth_m, int(basins[k]))
        return out

    def nodes_time_depth(self, depth_m: float) -> list[float]:
        """:meth:`node_time_depth` of every node, in node order."""
        return self._times_depth("nodes", depth_m)

    def links_time_depth(self, depth_m: float) -> list[float]:
        """:meth:`link_time_depth` of every link, in link order."""
        return self._times_depth("links", depth_m)

    def node_time_depth(self, node: int, depth_m: float) -> float:
        """First time the depth at ``node`` reaches ``depth_m``."""
        g = self.geometry
        return self._time_depth(g.node_spill_m[node], g.node_elev_m[node], depth_m, self._basin_of(g.node_basin, node))


def cumulative_inflow_m3(
    t: np.ndarray, hydro_t_s: tuple[float, ...], hydro_m3ps: tuple[float, ...], start_s: float
) -> np.ndarray:
    """Volume that has entered by each time, integrating the piecewise-linear hydrograph."""
    rel = t - start_s
    q = np.interp(rel, hydro_t_s, hydro_m3ps, left=0.0, right=hydro_m3ps[-1])
    q = np.where(rel < 0, 0.0, q)
    dt = np.diff(t, prepend=t[0])
    # a step ends with the flow just before its end: none yet where the hydrograph starts (it may start flowing
    # at once), so that no water comes in during the step before the inrush
    t0 = max(hydro_t_s[0], 0.0)
    q_end = np.where(rel <= t0, 0.0, q)
    step = 0.5 * (q_end + np.concatenate(([q[0]], q[:-1]))) * dt
    # the step in which it starts: from then on, not over the whole step
    within = (rel > t0) & (rel - dt < t0)
    step = np.where(within, 0.5 * (hydro_m3ps[0] + q) * (rel - t0), step)
    return np.cumsum(step)


@functools.lru_cache(maxsize=32)
def _inflow_and_pumping(
    hydro_t_s: tuple[float, ...], hydro_m3ps: tuple[float, ...], start_s: float, pumping_m3ps: float,
    duration_s: float, dt_s: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Time grid, cumulative inflow of the unscaled hydrograph and volume pumped with the pumps running.

    The same for every replication of a scenario (only the inflow factor varies), so computed once;
    the arrays are read-only.
    """
    t = np.arange(0.0, duration_s + dt_s, dt_s)
    inflow = cumulative_inflow_m3(t, hydro_t_s, hydro_m3ps, start_s)
    rate = np.where(t >= start_s, pumping_m3ps, 0.0)
    pumped = np.concatenate(([0.0], np.cumsum(rate[:-1] * np.diff(t))))
    for a in (t, inflow, pumped):
        a.flags.writeable = False
    return t, inflow, pumped


def water_timeline(
    geometry: FloodGeometry,
    *,
    hydro_t_s: tuple[float, ...],
    hydro_m3ps: tuple[float, ...],
    start_s: float,
    factor: float,
    pumping_m3ps: float,
    duration_s: float,
    dt_s: float = TIME_STEP_S,
    pumps_on: np.ndarray | None = None,
    held_m3ps: float = 0.0,
    unscaled_m3ps: tuple[float, ...] = (),
) -> WaterTimeline:
    """Pool level over the drill for one replication.

    ``factor`` scales the hydrograph ``hydro_m3ps`` only; ``unscaled_m3ps`` (on the same times: a storm's extra
    inflow and the usual inflow the pumps cannot take out) comes in as it is.
    ``pumps_on`` (one flag per time step) stops the pumps while there is no power; then the inflow they held
    out, ``held_m3ps`` (the mine's usual inflow, left out of the hydrograph with their capacity), comes in too.
    """
    t, inflow, pumped = _inflow_and_pumping(hydro_t_s, hydro_m3ps, start_s, pumping_m3ps, duration_s, dt_s)
    vin = factor * inflow
    wet_from = first_inflow_s(hydro_t_s, hydro_m3ps)
    if unscaled_m3ps:
        vin = vin + _inflow_and_pumping(hydro_t_s, unscaled_m3ps, start_s, 0.0, duration_s, dt_s)[1]
        also = first_inflow_s(hydro_t_s, unscaled_m3ps)
        wet_from = also if wet_from is None else wet_from if also is None else min(wet_from, also)
    if pumps_on is not None:
        on = pumps_on[: len(t)]
        rate = np.where(t >= start_s, pumping_m3ps, 0.0) * on
        pumped = np.concatenate(([0.0], np.cumsum(rate[:-1] * np.diff(t))))
        if held_m3ps > 0.0:
            vin = vin + np.concatenate(([0.0], np.cumsum(held_m3ps * (1.0 - on[:-1]) * np.diff(t))))
    # the pool holds what came in less what the pumps took out, and never less than nothing: pumps that run while
    # the workings are dry cannot store up their capacity against later water (the stored volume is the balance
    # less its lowest point so far, when that is below zero: Lindley's recursion S = max(S + in - out, 0))
    balance = vin - pumped
    stored = balance - np.minimum(np.minimum.accumulate(balance), 0.0)
    v = np.maximum.accumulate(stored)
    level = np.interp(v, geometry.volume_m3, geometry.z_grid)
    return WaterTimeline(geometry, dt_s, level, v, start_s + (wet_from or 0.0))


def no_water(network: Network, duration_s: float) -> WaterTimeline:
    """A timeline for drills without an inrush: every depth is zero."""
    n = len(network.nodes)
    g = FloodGeometry(
        source=0,
        source_elevation_m=-math.inf,
        z_grid=np.array([0.0, 1.0]),
        volume_m3=np.array([0.0, 1.0]),
        node_spill_m=np.full(n, math.inf),
        link_spill_m=np.full(len(network.links), math.inf),
        link_low_m=np.zeros(len(network.links)),
        node_elev_m=np.array([nd.elevation_m for nd in network.nodes]),
    )
    return WaterTimeline(g, duration_s, np.array([-1e12, -1e12]))  # far below any working
