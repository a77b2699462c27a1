"""The water running down from an inrush's source to where it pools, or out of the mine.

The level pool of drills.model.inrush holds the water that has come to rest, from the lowest points up; this part
of the model holds the water on its way there. It runs along the way down: the shortest way, by the passages no
higher than the source, from the source to the lowest opening to the surface below it (an adit mine's portal), or
else to the lowest place it reaches. Along it, in each replication:

* the flow is the inrush's inflow, the pool's own with the replication's factor, and never falls: water marks
  never recede, as the pool's do not; the pumps draw from the sump and leave it;
* on a drift or ramp the water runs at the normal depth of open-channel flow in a passage of rectangular section,
  by Manning's formula, Q = A·R^(2/3)·S^(1/2)/n, with a roughness n of **0.040**, "rock cuts, jagged and
  irregular", normal value (range 0.035–0.050; Chow 1959, *Open-Channel Hydraulics*, table 5-6) [K], and the
  passage's own gradient, but no less than **3 per mille**, the drainage gradient a level drift is driven to
  (3–5 per mille in mine design practice) [K]; the smaller gives the deeper, slower water. At 12 000 m³/h in a
  drift 3 m wide that is 1.1 m deep at 1.0 m/s;
* its front travels down the way at the water's own velocity, v = Q / (b·h), so a slow front behind a small early
  flow arrives late; once the front has entered a drift or ramp, the water there is that depth all along it, and a
  place on the way is as deep as the deepest of its way passages. Shafts and ladderways carry no running water:
  the water falls through them, and the front passes them at once.

Sweeping: depth × velocity is the flow per metre of width, Q / b, whatever the gradient and roughness. The water
sweeps people off their feet where that reaches **0.6 m²/s** (Jonkman & Penning-Rowsell 2008 [K], as for a
dam-break flood): at a place of the way, once the flow does so on the narrowest of its way passages. Where the
pool stands that deep there first, the running water runs into still water and sweeps nobody there.

Simplifications, stated: the flow behind the front is the flow at the source at that time (no delay along the
way, which brings the deeper water a little early downstream); the depth is the normal depth (no drawdown where
the water falls into a shaft or the sump, nor backwater above the pool); only the shortest way down carries water
(a flow that could split at a junction is not shared out).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from drills.model.inrush import TIME_STEP_S, first_inflow_s, first_time_reaching
from drills.model.network import SURFACE_KINDS, Network

#: Manning's roughness of a drift driven by blasting, for the water running along it: "rock cuts, jagged and
#: irregular", normal value 0.040 (range 0.035-0.050; Chow 1959, *Open-Channel Hydraulics*, table 5-6) [K]
DRIFT_MANNING_N = 0.040
#: the least gradient taken for a drift, 3 per mille: the drainage gradient a level drift is driven to (3-5 per mille
#: in mine design practice [K]); the smaller gives the deeper, slower water. Depth × velocity, which sweeps people
#: off their feet, is the flow per metre of width whatever the gradient and roughness.
DRIFT_GRADIENT_MIN = 0.003


def running_depth_m(flow_m3ps: float, width_m: float, gradient: float, n: float = DRIFT_MANNING_N) -> float:
    """Normal depth of water running along a passage of rectangular section (Manning's formula,
    Q = A·R^(2/3)·S^(1/2)/n), by bisection: what the inrush's water is on its way down to the pool, which the
    level pool of :mod:`drills.model.inrush` does not hold."""
    if flow_m3ps <= 0.0:
        return 0.0
    lo, hi = 0.0, 1.0
    while running_flow_m3ps(hi, width_m, gradient, n) < flow_m3ps:
        hi *= 2
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if running_flow_m3ps(mid, width_m, gradient, n) < flow_m3ps else (lo, mid)
    return (lo + hi) / 2


def running_flow_m3ps(depth_m: float, width_m: float, gradient: float, n: float = DRIFT_MANNING_N) -> float:
    """The flow that runs ``depth_m`` deep along a passage of rectangular section (Manning's formula; the gradient
    no less than :data:`DRIFT_GRADIENT_MIN`)."""
    area = width_m * depth_m
    return area * (area / (width_m + 2 * depth_m)) ** (2 / 3) * math.sqrt(max(gradient, DRIFT_GRADIENT_MIN)) / n


#: passages whose floor people walk, where the water running down from an inrush runs deep (others it falls through)
RUNNING_KINDS = ("drift", "ramp")
#: the depths (m) at which each passage's flow is tabled once, log-spaced: 1 µm to 100 m
_DEPTH_GRID = np.logspace(-6.0, 2.0, 801)
_LOG_DEPTH = np.log(_DEPTH_GRID)
_LOG_DEPTH_ROW = _LOG_DEPTH.tolist()


def interp_one(x: float, xp: list[float], fp: list[float]) -> float:
    """``numpy.interp(x, xp, fp)`` for one value, in plain Python (the same arithmetic, so the same result to the
    last bit, at a fraction of the cost of a NumPy call): linear between the points of ``xp`` (increasing), held at
    the end values beyond them."""
    if math.isnan(x):
        return x
    j = bisect.bisect_right(xp, x) - 1
    if j < 0:
        return fp[0]
    if j >= len(xp) - 1 or xp[j] == x:
        return fp[j]
    slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
    y = slope * (x - xp[j]) + fp[j]
    if math.isnan(y):  # as NumPy: from the other end, else the value where both ends agree
        y = slope * (x - xp[j + 1]) + fp[j + 1]
        if math.isnan(y) and fp[j] == fp[j + 1]:
            y = fp[j]
    return y


def low_graph(source: Hashable, elevation: Mapping[Any, float],
              links: Iterable[tuple[Hashable, Hashable, float, Any]]) -> nx.Graph:
    """The places an inrush's water reaches without rising above ``source``, joined by the passages between them
    (each pair by its shortest passage, kept as the edge's ``link``; ``links``: (end, end, length m, link))."""
    top = elevation[source]
    low = nx.Graph()
    low.add_node(source)
    for a, b, length, link in sorted(links, key=lambda x: -x[2]):  # the shortest passage between two places last
        if elevation.get(a, math.inf) <= top and elevation.get(b, math.inf) <= top:
            low.add_edge(a, b, length_m=length, link=link)
    return low.subgraph(nx.node_connected_component(low, source))


def way_out(low: nx.Graph, top: float, elevation: Mapping[Any, float], kind: Mapping[Any, str]) -> Any:
    """The lowest opening to the surface below the source that its water runs down to (None: none)."""
    below = sorted((elevation[n], n) for n in low if kind[n] in SURFACE_KINDS and elevation[n] < top)
    return below[0][1] if below else None


def way_down(source: Hashable, elevation: Mapping[Any, float], kind: Mapping[Any, str],
             links: Iterable[tuple[Hashable, Hashable, float, Any]]) -> tuple[list[Any], list[Any]]:
    """The way an inrush's water runs down from ``source``: the shortest way, by the places no higher than it, to
    the lowest opening to the surface below it, or else to the lowest place it reaches; its places from the source
    down and the passages between them (``links[i]`` joins places ``i`` and ``i + 1``); ([source], []) where the
    source is the lowest place."""
    low = low_graph(source, elevation, links)
    end = way_out(low, elevation[source], elevation, kind) or min(low, key=lambda n: (elevation[n], n))
    if end == source:
        return [source], []
    path = nx.shortest_path(low, source, end, weight="length_m")
    return path, [low.edges[a, b]["link"] for a, b in itertools.pairwise(path)]


@dataclass(frozen=True)
class RunningWay:
    """The way down from one source in one network, compiled once: its places and passages from the source down,
    and for each passage its flow at each depth of a fixed table (Manning's formula)."""

    nodes: tuple[int, ...]
    links: tuple[int, ...]
    runs: tuple[bool, ...]  # per way passage: a drift or ramp, where the water runs deep
    length_m: tuple[float, ...]
    width_m: tuple[float, ...]
    log_flow: np.ndarray  # per way passage, log of the flow (m³/s) at each depth of the table
    hydro_t_s: tuple[float, ...]  # the inrush's own hydrograph (times from the scenario start, m³/s)
    hydro_m3ps: tuple[float, ...]
    n_nodes: int
    n_links: int
    #: every passage with an end on the way: (passage, its place on the way or -1, its ends' places on the way or -1)
    touching: tuple[tuple[int, int, int, int], ...] = ()

    @functools.cached_property
    def node_pos(self) -> dict[int, int]:
        """Each place of the way: its position on it, from the source down (0)."""
        return {n: k for k, n in enumerate(self.nodes)}

    @functools.cached_property
    def touch(self) -> dict[int, tuple[int, int, int]]:
        """Each passage with an end on the way: (its position on the way or -1, its ends' positions or -1)."""
        return {lk: (i, a, b) for lk, i, a, b in self.touching}

    @functools.cached_property
    def at_node(self) -> tuple[tuple[int, ...], ...]:
        """Per place of the way, the way passages at it where the water runs deep."""
        return tuple(tuple(i for i in (k - 1, k) if 0 <= i < len(self.links) and self.runs[i])
                     for k in range(len(self.nodes)))

    @functools.cached_property
    def _log_flow_rows(self) -> tuple[list[float], ...]:
        """:attr:`log_flow` as Python lists, for single look-ups."""
        return tuple(row.tolist() for row in self.log_flow)

    def depth_at(self, i: int, flow: float | np.ndarray) -> Any:
        """Normal depth on way passage ``i`` at ``flow`` (m³/s; zero at no flow)."""
        if isinstance(flow, float):  # one look-up, as the drill makes them while people walk
            return math.exp(interp_one(math.log(flow), self._log_flow_rows[i], _LOG_DEPTH_ROW)) if flow > 0 else 0.0
        q = np.asarray(flow, dtype=float)
        h = np.exp(np.interp(np.log(np.maximum(q, 1e-300)), self.log_flow[i], _LOG_DEPTH))
        return np.where(q > 0, h, 0.0)

    def velocities(self, i: int, flow: np.ndarray, log_flow: np.ndarray) -> np.ndarray:
        """The water's velocity (m/s) on way passage ``i`` at each ``flow`` (m³/s, none negative), whose logarithm
        is ``log_flow`` (any value where the flow is zero): Q / (b·h), zero at no flow."""
        return flow / (self.width_m[i] * np.exp(np.interp(log_flow, self.log_flow[i], _LOG_DEPTH)))

    def flow_for(self, i: int, depth_m: float) -> float:
        """The flow that runs ``depth_m`` deep on way passage ``i`` (the inverse of :meth:`depth_at`)."""
        cache = self.__dict__.setdefault("_flows", {})  # on a frozen dataclass: the same every replication
        flow = cache.get((i, depth_m))
        if flow is None:
            flow = cache[(i, depth_m)] = float(np.exp(np.interp(math.log(depth_m), _LOG_DEPTH, self.log_flow[i])))
        return flow

    def flow_at_velocity(self, i: int, v_mps: float) -> float:
        """The least flow that runs at ``v_mps`` on way passage ``i`` (velocity rises with the flow); inf if none."""
        if not math.isfinite(v_mps):
            return math.inf
        v = np.exp(self.log_flow[i] - _LOG_DEPTH) / self.width_m[i]
        k = int(np.searchsorted(v, v_mps))
        return math.inf if k >= len(v) else float(np.exp(self.log_flow[i][k]))


def build_way(network: Network, source: int, hydro_t_s: tuple[float, ...],
              hydro_m3ps: tuple[float, ...]) -> RunningWay | None:
    """The way down from ``source`` (:func:`way_down`), compiled; None where no drift or ramp lies on it."""
    nodes = network.nodes
    path, links = way_down(source, {nd.index: nd.elevation_m for nd in nodes}, {nd.index: nd.kind for nd in nodes},
                           ((lk.a, lk.b, lk.length_m, lk) for lk in network.links))
    runs = tuple(lk.kind in RUNNING_KINDS for lk in links)
    if not any(runs):
        return None
    log_flow = np.zeros((len(links), len(_DEPTH_GRID)))
    for i, lk in enumerate(links):
        gradient = abs(nodes[lk.a].elevation_m - nodes[lk.b].elevation_m) / lk.length_m
        log_flow[i] = np.log(running_flow_m3ps(_DEPTH_GRID, lk.width_m, gradient))  # type: ignore[arg-type]
    log_flow.flags.writeable = False
    on_way = {lk.index: i for i, lk in enumerate(links)}
    at = {n: k for k, n in enumerate(path)}
    touching = tuple((lk.index, on_way.get(lk.index, -1), at.get(lk.a, -1), at.get(lk.b, -1))
                     for lk in network.links if lk.a in at or lk.b in at)
    return RunningWay(tuple(path), tuple(lk.index for lk in links), runs, tuple(lk.length_m for lk in links),
                      tuple(lk.width_m for lk in links), log_flow, tuple(hydro_t_s), tuple(hydro_m3ps),
                      len(nodes), len(network.links), touching)


@functools.lru_cache(maxsize=32)
def _unscaled_flow(hydro_t_s: tuple[float, ...], hydro_m3ps: tuple[float, ...], duration_s: float,
                   dt_s: float) -> tuple[np.ndarray, int, list[float]]:
    """The hydrograph's flow at each step of the drill, as a running maximum (read-only; the same for every
    replication, which scales it by its factor), the first step at which it is above zero (-1: never), and the
    flow as a list, for single look-ups."""
    t = np.arange(0.0, duration_s + dt_s, dt_s)
    q = np.maximum.accumulate(np.interp(t, hydro_t_s, hydro_m3ps, left=0.0, right=hydro_m3ps[-1]))
    q.flags.writeable = False
    flowing = np.flatnonzero(q > 0)
    return q, int(flowing[0]) if len(flowing) else -1, q.tolist()


class RunningFlow:
    """The water running down the way in one replication: a water part of the drill, as the pool
    (:class:`drills.model.inrush.WaterTimeline`) and a dam-break flood are (:class:`drills.model.drill.CombinedWater`).

    ``pool``: the level pool of the same inrush, where the running water runs into still water
    (:meth:`swept_depths`)."""

    def __init__(self, way: RunningWay, *, factor: float, duration_s: float, dt_s: float = TIME_STEP_S,
                 pool: Any = None):
        self.way = way
        self.dt_s = dt_s
        self.pool = pool
        self.factor = max(factor, 0.0)
        self.qu, self._first, self._qu_list = _unscaled_flow(way.hydro_t_s, way.hydro_m3ps, duration_s, dt_s)
        self.node_pos, self.touch, self.at_node = way.node_pos, way.touch, way.at_node  # the way's, built once
        self.arrival_s = self._front()
        # per passage near the way, the way passages whose running depth it takes and from when (its own, once the
        # front is in it; its ends', once the front is there), soonest first
        self.link_parts: dict[int, tuple[tuple[float, int], ...]] = {}
        for lk, (i, a, b) in self.touch.items():
            since: dict[int, float] = {}
            for j, t in ([(i, self.arrival_s[i])] if i >= 0 and way.runs[i] else []) + [
                    (j, self.arrival_s[k]) for k in (a, b) if k >= 0 for j in self.at_node[k]]:
                since[j] = min(t, since.get(j, math.inf))
            self.link_parts[lk] = tuple(sorted((t, j) for j, t in since.items()))
        self._times: dict[float, float] = {}
        self._swept: dict[tuple[str, float, float], list[float]] = {}

    # ------------------------------------------------------------------ the front
    def _front(self) -> list[float]:
        """When the front reaches each place of the way: it sets off from the source as the flow starts, and runs
        along each drift or ramp at the flow's velocity there (the integral of the velocity over time reaches the
        passage's length); it passes the other passages at once."""
        qu, dt, first = self.qu, self.dt_s, self._first
        if self.factor <= 0 or first < 0:
            return [math.inf] * len(self.way.nodes)
        # the front sets off as the water first comes in (not at the step before, where it would run ahead of it)
        arrival = [first_inflow_s(self.way.hydro_t_s, self.way.hydro_m3ps) or 0.0]
        q = self.factor * qu
        log_q = np.log(np.maximum(q, 1e-300))
        for i, runs in enumerate(self.way.runs):
            t0 = arrival[-1]
            if not runs or not math.isfinite(t0):
                arrival.append(t0)
                continue
            v = self.way.velocities(i, q, log_q)
            gone = np.concatenate(([0.0], np.cumsum(0.5 * (v[1:] + v[:-1]) * dt)))  # distance run since 0
            k = t0 / dt
            j = min(int(k), len(gone) - 2)
            start = gone[j] + (gone[j + 1] - gone[j]) * (k - j)
            arrival.append(first_time_reaching(gone, start + self.way.length_m[i], dt))
        return arrival

    # ------------------------------------------------------------------ depths
    def _flow_at(self, t: float) -> float:
        k = t / self.dt_s
        qu = self._qu_list
        i = int(k)
        if i >= len(qu) - 1:
            return self.factor * qu[-1]
        return self.factor * (qu[i] + (qu[i + 1] - qu[i]) * (k - i))

    def _time_flow(self, flow: float) -> float:
        """First time the flow reaches ``flow`` (inf if never within the drill)."""
        t = self._times.get(flow)
        if t is None:
            t = self._times[flow] = (first_time_reaching(self._qu_list, flow / self.factor, self.dt_s)
                                     if self.factor > 0 else math.inf)
        return t

    def link_depth(self, link: int, t: float) -> float:
        """The running water on ``link``: its own (on the way, once the front is in it), and at least as deep as
        either of its ends (the water enters a passage from an end it stands at)."""
        parts = self.link_parts.get(link)
        if not parts or t < parts[0][0]:
            return 0.0
        q = self._flow_at(t)
        return max(self.way.depth_at(j, q) for since, j in parts if t >= since)

    def node_depth(self, node: int, t: float) -> float:
        k = self.node_pos.get(node)
        if k is None or not self.at_node[k] or t < self.arrival_s[k]:
            return 0.0
        q = self._flow_at(t)
        return max(float(self.way.depth_at(i, q)) for i in self.at_node[k])

    def _link_time(self, link: int, depth_m: float) -> float:
        """First time the running water on ``link`` is ``depth_m`` deep: on itself, or at either end."""
        i, a, b = self.touch[link]
        t = math.inf
        if i >= 0 and self.way.runs[i]:
            own = self._time_flow(self.way.flow_for(i, depth_m)) if depth_m > 0 else self._time_flow(1e-300)
            t = max(own, self.arrival_s[i])
        return min(t, *(self._node_time(k, depth_m) for k in (a, b) if k >= 0))

    def _node_time(self, k: int, depth_m: float) -> float:
        if not self.at_node[k]:
            return math.inf
        flow = min(self.way.flow_for(i, depth_m) for i in self.at_node[k]) if depth_m > 0 else 1e-300
        return max(self._time_flow(flow), self.arrival_s[k])

    def link_time_depth(self, link: int, depth_m: float) -> float:
        """First time the running water on ``link`` is ``depth_m`` deep (inf: never, or nowhere near the way)."""
        return self._link_time(link, depth_m) if link in self.touch else math.inf

    def node_time_depth(self, node: int, depth_m: float) -> float:
        """First time the running water at ``node`` is ``depth_m`` deep (inf: never, or not on the way)."""
        k = self.node_pos.get(node)
        return math.inf if k is None else self._node_time(k, depth_m)

    def nodes_time_depth(self, depth_m: float) -> list[float]:
        out = [math.inf] * self.way.n_nodes
        for k, n in enumerate(self.way.nodes):
            out[n] = self._node_time(k, depth_m)
        return out

    def links_time_depth(self, depth_m: float) -> list[float]:
        out = [math.inf] * self.way.n_links
        for lk in self.touch:
            out[lk] = self._link_time(lk, depth_m)
        return out

    # ------------------------------------------------------------------ sweeping
    def _sweeping_flow(self, passages: tuple[int, ...], hv_m2ps: float, v_mps: float) -> float:
        """The least flow at which the water sweeps someone (or something) away on the narrowest of ``passages``:
        depth × velocity, the flow per metre of width, at ``hv_m2ps``, or the velocity at ``v_mps``."""
        cache = self.way.__dict__.setdefault("_sweeping", {})  # on a frozen dataclass: the same every replication
        flow = cache.get((passages, hv_m2ps, v_mps))
        if flow is None:
            way = self.way
            flow = min(hv_m2ps * min(way.width_m[i] for i in passages),
                       min(way.flow_at_velocity(i, v_mps) for i in passages))
            cache[(passages, hv_m2ps, v_mps)] = flow
        return flow

    def _sweeping_depth(self, passages: tuple[int, ...], hv_m2ps: float, v_mps: float) -> float:
        """The depth of the water where it starts to sweep on ``passages`` (:meth:`_sweeping_flow`): the deepest of
        theirs at that flow (inf: it never does)."""
        cache = self.way.__dict__.setdefault("_sweeping_depth", {})  # the same every replication
        depth = cache.get((passages, hv_m2ps, v_mps))
        if depth is None:
            flow = self._sweeping_flow(passages, hv_m2ps, v_mps)
            depth = (max(float(self.way.depth_at(i, flow)) for i in passages) if math.isfinite(flow)
                     else math.inf)
            cache[(passages, hv_m2ps, v_mps)] = depth
        return depth

    def _swept_depth(self, depth_m: float, t_swept: float, pool_time: Any, place: int) -> float:
        """``depth_m``, where the flow sweeps from ``t_swept`` on; inf where it never does within the drill, or where
        the pool is that deep there first (the running water runs into still water, which slows it)."""
        if not math.isfinite(t_swept):
            return math.inf
        if pool_time is not None and pool_time(place, depth_m) <= t_swept:
            return math.inf
        return depth_m

    def swept_depths(self, hv_m2ps: float, v_mps: float = math.inf) -> list[float]:
        """Per node, the depth of the running water at which it sweeps someone off their feet (depth × velocity at
        ``hv_m2ps``, or velocity at ``v_mps``); inf off the way, where it never does, or where the pool stands that
        deep first."""
        key = ("nodes", hv_m2ps, v_mps)
        if key not in self._swept:
            self._swept[key] = self._swept_nodes(hv_m2ps, v_mps,
                                                 self.pool.node_time_depth if self.pool is not None else None)
        return list(self._swept[key])

    def _swept_nodes(self, hv_m2ps: float, v_mps: float, pool_time: Any) -> list[float]:
        """:meth:`swept_depths`, the pool weighed by ``pool_time`` (its node_time_depth; None: not weighed)."""
        out = [math.inf] * self.way.n_nodes
        for k, n in enumerate(self.way.nodes):
            if not self.at_node[k]:
                continue
            flow = self._sweeping_flow(self.at_node[k], hv_m2ps, v_mps)
            if not math.isfinite(flow):
                continue
            depth = self._sweeping_depth(self.at_node[k], hv_m2ps, v_mps)
            out[n] = self._swept_depth(depth, max(self._time_flow(flow), self.arrival_s[k]), pool_time, n)
        return out

    def link_swept_depths(self, hv_m2ps: float, v_mps: float = math.inf) -> list[float]:
        """Per link, the depth of the running water on it at which it sweeps someone away: the shallowest of its own
        (on the way, by its own width) and its ends' (:meth:`swept_depths`, as a passage is as deep as its ends);
        each only where the pool is not that deep on the passage first. Inf away from the way."""
        out = [math.inf] * self.way.n_links
        key = ("links", hv_m2ps, v_mps)
        if key in self._swept:
            return list(self._swept[key])
        at_node = self._swept_nodes(hv_m2ps, v_mps, None)  # the pool is weighed on the passage itself
        for lk, (i, a, b) in self.touch.items():
            depths = [at_node[self.way.nodes[k]] for k in (a, b) if k >= 0]
            if i >= 0 and self.way.runs[i]:
                flow = self._sweeping_flow((i,), hv_m2ps, v_mps)
                if math.isfinite(flow) and math.isfinite(self._time_flow(flow)):
                    depths.append(self._sweeping_depth((i,), hv_m2ps, v_mps))
            for d in sorted(x for x in depths if math.isfinite(x)):  # the shallowest the pool does not forestall
                t = self._link_time(lk, d)
                if math.isfinite(t) and (self.pool is None or self.pool.link_time_depth(lk, d) > t):
                    out[lk] = d
                    break
        self._swept[key] = out
        return out
