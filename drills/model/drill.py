"""One drill: a SimPy simulation of a scenario against a plan.

Processes: the decision chain (:mod:`drills.model.decision`), one process per warning channel
(:mod:`drills.model.warning`), the natural cue of water, one process per party (a miner, a
household) and one per cage. The water is precomputed for the replication (:mod:`drills.model.inrush`,
:mod:`drills.model.dam_break`), so the processes only look it up.

Movement: a party walks its route passage by passage. A passage already too deep (the party's wading
limit) or cut is not entered: the party takes another way from where it is (:meth:`Drill._reroute`); if the
water has closed every way, it turned back short of the place that passage leads to, and stays where it is. If
the water closes the far end of a passage before the party is through, the party meets it on the way and
walks back as fast as it came, then takes another way; it is caught if its own end closes first
(:mod:`drills.model.movement` gives the source). An assembly point the water reaches within the drill is no
place of safety: those who reach it wait there, and the water catches them in the open.

Randomness: every stream is a :class:`numpy.random.SeedSequence` keyed by (seed, replication,
stream, name), so a replication gives the same numbers whatever worker runs it, and a revised plan
sees the same people, water and channel luck (common random numbers).
"""

from __future__ import annotations

import gc
import math
import threading
import zlib
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from heapq import heapify, heappop, heappush
from typing import Any

import networkx as nx
import numpy as np
import simpy
from simpy.core import BoundClass

from drills.model import decision, hoist, lethality, movement, traffic, warning
from drills.model.hoist import Cage
from drills.model.inrush import TIME_STEP_S, no_water, water_timeline
from drills.model.movement import SFPE_FREE_DENSITY
from drills.model.records import SAFE_OUTCOMES, ActionRecord, DrillResult, Event, HoistRecord, People
from drills.model.routing import on_foot, routing_of
from drills.model.running import RunningFlow
from drills.model.spec import Action, Channel, DrillSpec, Party, Profile

#: the kinds of logged events in the order cause and effect run, for events logged at one time: the world (faults,
#: the hazard, forecasts, monitoring, the water), then triggers, absences of posts (the chain handing over to a
#: backup), decisions, orders, actions, channels, rules, and last the people's own movements (turned back, sent
#: elsewhere: :data:`COUNTED_EVENTS`), which follow from the water and the orders before them and decide nothing
KIND_ORDER = {k: i for i, k in enumerate(("fault", "hazard", "forecast", "monitoring", "water", "trigger", "absence",
                                          "decision", "order", "action", "channel", "rule", "movement"))}
INF = math.inf
NAN = math.nan
#: faults that close a way out while they last: who finds no way out waits for the soonest to end, then looks again
WAY_FAULTS = frozenset({"link_cut", "hoist_out", "mains_power"})
NO_REFUGES: frozenset[int] = frozenset()

STREAM_HAZARD = 1
STREAM_PEOPLE = 2
STREAM_CHANNEL = 3
STREAM_ROLE = 4
STREAM_FATE = 6
STREAM_FAULT = 7

PUBLIC_ORDER = "evacuate_downstream"
#: timeline entries (of kind "movement") that count the people who changed their way (Drill._count), by kind
COUNTED_EVENTS = {
    "sent_away": "{n} sent from {a} to {b}: the cage could not lift them before the water",
    "turned_back": "{n} turned back on the way from {a} to {b}: the water closed the way",
}
MINE_ORDER = "evacuate_underground"
#: the timeline entry (of kind "hazard") of the dam's breach: where and when a dam-break flood starts, even where
#: a hydraulic study lists no row for the dam itself
DAM_BREACH = "dam breach"


def stream(seed: int, replication: int, kind: int, name: str = "") -> np.random.Generator:
    """The random generator for one named stream of one replication."""
    key = (replication, kind, zlib.crc32(name.encode("utf-8")))
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


def scheduled_events(env: simpy.Environment) -> int:
    """Number of events SimPy has scheduled so far (its event-id counter)."""
    return next(env._eid)


def _left_at(occupied: list[float], t_exit: float, t_left: float | None) -> None:
    """The party that was to leave a passage at ``t_exit`` (its entry in the passage's heap of leaving times)
    leaves it at ``t_left`` instead, or never got onto it (None)."""
    i = occupied.index(t_exit)
    if t_left is None:
        occupied[i] = occupied[-1]
        occupied.pop()
    else:
        occupied[i] = t_left
    heapify(occupied)


def _shallowest(depths: list[list[float]]) -> list[float] | None:
    """Per place, the shallowest of the sources' depths (None without any)."""
    return np.minimum.reduce(depths).tolist() if depths else None


def run_drill(spec: DrillSpec, replication: int, seed: int) -> DrillResult:
    """Run one replication of the drill and return its records."""
    with collector_paused():
        return Drill(spec, replication, seed).run()


_pause_lock = threading.Lock()
_pauses = 0  # replications running now in this process (threads of a Dask worker run several)
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a replication runs.

    A replication leaves no reference cycles (:meth:`DrillEnvironment.release`; a test holds it to
    that), so everything it makes is freed by reference counting and the collector has nothing to
    find. Left on, it still walks the replication's live events and processes whenever enough of them
    exist, and promotes them to older generations, which makes its full passes over the whole heap
    more frequent; that was about 6 % of a replication's time in the bundled drill. The pause nests
    and is shared by threads: the collector is switched back on (if it was on) when the last running
    replication ends.
    """
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


class CombinedWater:
    """Several water sources in one network (an inrush underground and a dam-break flood above)."""

    def __init__(self, parts: list[Any]):
        self.parts = parts

    def link_depth(self, link: int, t: float) -> float:
        return max(p.link_depth(link, t) for p in self.parts)

    def node_depth(self, node: int, t: float) -> float:
        return max(p.node_depth(node, t) for p in self.parts)

    def link_time_depth(self, link: int, depth_m: float) -> float:
        return min(p.link_time_depth(link, depth_m) for p in self.parts)

    def node_time_depth(self, node: int, depth_m: float) -> float:
        return min(p.node_time_depth(node, depth_m) for p in self.parts)

    def nodes_time_depth(self, depth_m: float) -> list[float]:
        return np.minimum.reduce([np.asarray(p.nodes_time_depth(depth_m)) for p in self.parts]).tolist()

    def links_time_depth(self, depth_m: float) -> list[float]:
        return np.minimum.reduce([np.asarray(p.links_time_depth(depth_m)) for p in self.parts]).tolist()


class DrillEnvironment(simpy.Environment):
    """SimPy's environment that keeps the processes it starts, so that a finished drill can close the
    ones still waiting and its objects are freed at once by reference counting instead of lingering as
    cycles for the garbage collector."""

    def __init__(self) -> None:
        super().__init__()
        self.started: list[tuple[Generator[Any, Any, Any], simpy.Process]] = []
        # SimPy binds its event classes (timeout, event, ...) to the instance for speed, but only those
        # of the instance's own class; bind the base class's too (process is overridden here)
        self._bound = [name for name, obj in simpy.Environment.__dict__.items()
                       if type(obj) is BoundClass and name != "process"]
        for name in self._bound:
            setattr(self, name, getattr(self, name))

    def process(self, generator: Generator[Any, Any, Any]) -> simpy.Process:  # type: ignore[override]
        proc = simpy.Process(self, generator)
        self.started.append((generator, proc))
        return proc

    def release(self) -> None:
        """Close every process still waiting (the drill is over); the environment is not run again.

        A waiting process and the event it waits for refer to each other (the event's call-back is
        the process), and the environment refers to itself through the event classes bound to it;
        both cycles are cut here, with the events still queued, so nothing of a finished drill is left
        for the garbage collector."""
        for generator, proc in self.started:
            generator.close()
            if proc.is_alive and proc.target.callbacks:
                proc.target.callbacks.clear()
        self.started.clear()
        self._queue.clear()
        for name in self._bound:
            del self.__dict__[name]


class Drill:
    """The state of one replication. Channel and decision processes use its public methods."""

    def __init__(self, spec: DrillSpec, replication: int, seed: int):
        self.spec = spec
        self.rep = replication
        self.seed = seed
        self.env = DrillEnvironment()
        self.net = spec.network
        self.routing = routing_of(spec)
        self.timeline: list[Event] = []
        self.levels_claimed: set[str] = set()  # levels a met trigger has handed to its post for a decision
        self.levels_decided: set[str] = set()  # levels declared, by their own post or with a higher level
        self.orders: dict[str, float] = {}
        self.channels_started: dict[str, float] = {}  # channels an order has started, when (each starts once)
        self.action_records: list[ActionRecord] = []
        self._faults(stream(seed, replication, STREAM_FAULT) if spec.faults else None)
        self._water(stream(seed, replication, STREAM_HAZARD))
        self._parties(stream(seed, replication, STREAM_PEOPLE))
        self._relaying: set[tuple[str, int]] = set()
        self._watched: set[int] = set()  # shaft stations whose flooding is being watched
        # people who changed their way, for the timeline (:meth:`_count`): (what, from, to) -> (first time,
        # {party: people}); what is a key of COUNTED_EVENTS
        self._counted: dict[tuple[str, int, int], tuple[float, dict[int, int]]] = {}
        self.party_procs: list[simpy.Process] = []  # one per party, in party order, once started (:meth:`start`)
        self.seats = [nd.capacity_persons or 0 for nd in self.net.nodes]
        self.gate_free = [0.0] * (2 * len(self.net.links))
        self.on_link: list[list[float]] = [[] for _ in self.net.links]
        self.link_peak_queue = [0] * len(self.net.links)
        self.cut_s = ([min((a for a, _ in self.down.get(("link_cut", lk.id), ())), default=INF)
                       for lk in self.net.links] if self.down else [INF] * len(self.net.links))
        self.node_of_hoist: dict[int, Cage] = {}
        self.cages: list[Cage] = []
        for h in spec.hoists:
            cage = Cage(self.env, h, flooded_s=self.impassable(movement.WADING_LIMIT_M),
                        powered=self._hoist_in_service if self.down else None)
            if spec.inrush is not None or spec.dam_break is not None:  # water may rise at a station
                cage.on_departure = self._cage_departed
                cage.watch_from_s = min(self._water_seen_s()[s] for s in h.stations[1:])
            self.cages.append(cage)
            for s in h.stations[1:]:
                self.node_of_hoist[s] = cage
        self.in_refuge: dict[int, list[int]] = defaultdict(list)
        self.present = list(self.static.present_count)  # people at each place now
        season = spec.season
        self.monitoring_first: dict[str, float] = {}
        if season is not None:
            down: dict[str, list[tuple[float, float]]] = defaultdict(list)  # each point's spans without a reading
            for (kind, target), spans in self.down.items():
                if kind == "sensor_failed":
                    down[target] += spans
                elif kind == "monitoring_down":  # the online system itself: every point goes quiet
                    for p in season.points:
                        down[p.point] += spans
            self.monitoring_first = season.monitoring_level_s(down)

    # ------------------------------------------------------------------ set-up
    def _faults(self, rng: np.random.Generator | None) -> None:
        """Which injected faults happen in this replication, and when (one draw per fault, in order)."""
        self.down: dict[tuple[str, Any], list[tuple[float, float]]] = defaultdict(list)
        self.faults_happened: list[str] = []
        for f in self.spec.faults:
            assert rng is not None  # a stream is made whenever the scenario has faults
            if rng.random() >= f.probability:
                continue
            end = f.at_s + f.duration_s if f.duration_s is not None else INF
            self.down[(f.kind, f.target)].append((f.at_s, end))
            self.faults_happened.append(f.name)

    def _is_down(self, kind: str, target: Any, t: float) -> bool:
        spans = self.down.get((kind, target)) if self.down else None
        return spans is not None and any(a <= t < b for a, b in spans)

    def _down_since(self, kind: str, target: Any, t: float) -> float | None:
        if not self.down:
            return None
        for a, b in self.down.get((kind, target), ()):
            if a <= t < b:
                return a
        return None

    def _next_repair(self, t: float) -> float:
        """When the soonest fault in force at ``t`` that closes a way out ends (a passage cut, a cage out, the power
        off); inf if none will."""
        if not self.down:
            return INF
        return min((b for (kind, _), spans in self.down.items() if kind in WAY_FAULTS for a, b in spans if a <= t < b),
                   default=INF)

    def power_on(self, t: float) -> bool:
        return not self._is_down("mains_power", None, t)

    def mobile_on(self, t: float) -> bool:
        return not self._is_down("mobile_network", None, t)

    def channel_works(self, ch: Channel, t: float) -> bool:
        """The channel can send at ``t``: not down, with mains power or a battery not yet flat, a network."""
        if self._is_down("channel_down", ch.id, t):
            return False
        if ch.needs_mobile_network and not self.mobile_on(t):
            return False
        if ch.needs_mains_power:
            since = self._down_since("mains_power", None, t)
            if since is not None and t - since >= ch.backup_power_h * 3600.0:
                return False
        return True

    def _hoist_in_service(self, t: float, hoist: Any) -> bool:
        if not self.down:
            return True
        if self._is_down("hoist_out", hoist.id, t):
            return False
        return self.power_on(t) or not hoist.needs_mains_power

    def _fault_processes(self) -> Generator[Any, Any, Any]:
        """Log each fault as it starts and stop the cages it stops."""
        starts = sorted((a, kind, str(target)) for (kind, target), spans in self.down.items() for a, _ in spans)
        for a, kind, target in starts:
            if a > self.env.now:
                yield self.env.timeout(a - self.env.now)
            self.log("fault", kind if target == "None" else f"{kind}: {target}")
            for cage in self.cages:
                if not cage.available(self.env.now):
                    cage.stop()

    def _water(self, rng: np.random.Generator) -> None:
        spec = self.spec
        parts: list[Any] = []
        self.inflow_factor = 1.0
        inr = spec.inrush
        if inr is not None:
            self.inflow_factor = inr.factor.sample(rng)
            pumps_on = None
            if ("mains_power", None) in self.down:  # the pumps stop with the power
                grid = np.arange(0.0, spec.duration_s + 2 * TIME_STEP_S, TIME_STEP_S)
                pumps_on = np.array([self.power_on(float(x)) for x in grid], dtype=float)
            pool = water_timeline(
                inr.geometry, hydro_t_s=inr.hydro_t_s, hydro_m3ps=inr.hydro_m3ps, start_s=0.0,
                factor=self.inflow_factor, pumping_m3ps=inr.pumping_m3ps, duration_s=spec.duration_s,
                pumps_on=pumps_on, held_m3ps=inr.held_m3ps, unscaled_m3ps=inr.unscaled_m3ps)
            parts.append(pool)
            if inr.way is not None:  # and the water running down to it (drills.model.running)
                parts.append(RunningFlow(inr.way, factor=self.inflow_factor, duration_s=spec.duration_s, pool=pool))
        db = spec.dam_break
        self.breach_s = math.inf
        if db is not None:
            breach = db.breach.sample(rng) if db.breach is not None else db.breach_s
            factor = db.volume_factor.sample(rng) if db.volume_factor is not None else 1.0
            self.breach_s = float(breach)
            same = breach == db.breach_s and factor == 1.0
            if factor > 0:  # a factor drawn as 0 releases nothing: the dam fails, and no flood follows
                parts.append(db.flood if same or db.recipe is None else db.recipe.build(self.net, breach, factor))
        if not parts:
            self.water: Any = no_water(self.net, spec.duration_s)
        elif len(parts) == 1:
            self.water = parts[0]
        else:
            self.water = CombinedWater(parts)
        self._node_limit_cache: dict[float, list[float]] = {}
        self._moving_limit_cache: dict[tuple[float, str], list[float]] = {}
        self._walk_context: tuple[Any, ...] | None = None
        self._car_links: list[float] | None = None
        # where a flow moves (a dam-break flood, the water running down from an inrush), the depth at which it
        # sweeps someone off their feet, and (once someone drives, :meth:`too_deep_by_car`) the depth at which it
        # makes a car unstable (LifeSim's low-clearance vehicle: DV 0.8 m²/s or V 4.5 m/s)
        self._flows = [p for p in parts if hasattr(p, "swept_depths")]
        self._wet = bool(parts)
        self.swept_m = _shallowest([p.swept_depths(lethality.SWEPT_OFF_DV_M2PS) for p in self._flows])
        self._car_unstable_m: tuple[list[float] | None] | None = None

    def impassable(self, limit: float) -> list[float]:
        """When each place becomes too deep for someone who will not wade deeper than ``limit``."""
        arr = self._node_limit_cache.get(limit)
        if arr is None:
            arr = self._nodes_time_depth(limit)
            self._node_limit_cache[limit] = arr
        return arr

    def too_deep_on_foot(self, limit: float) -> list[float]:
        """When each place becomes impassable on foot for someone who will not wade deeper than ``limit``: the
        water that deep, or flowing fast enough to sweep them off their feet (depth × velocity of
        :data:`~drills.model.lethality.SWEPT_OFF_DV_M2PS`, Jonkman & Penning-Rowsell 2008), whichever comes first."""
        return self._too_deep_moving(limit, self.swept_m, "foot")

    def too_deep_by_car(self) -> list[float]:
        """When each place becomes impassable by car: the water deeper than a driver will enter
        (:data:`~drills.model.traffic.CAR_WADING_LIMIT_M`), or flowing fast enough to make the car unstable
        (:func:`~drills.model.lethality.vehicle_state`, LifeSim TRM ch. 7 table 17), whichever comes first."""
        if self._car_unstable_m is None:  # found once, where someone drives
            self._car_unstable_m = (_shallowest([p.swept_depths(lethality.VEHICLE_UNSTABLE_DV_M2PS,
                                                                lethality.VEHICLE_UNSTABLE_V_MPS)
                                                 for p in self._flows]),)
        return self._too_deep_moving(traffic.CAR_WADING_LIMIT_M, self._car_unstable_m[0], "car")

    def _too_deep_moving(self, limit: float, moved_at: list[float] | None, mode: str) -> list[float]:
        """Per place, the first time its water reaches ``limit`` or the depth ``moved_at`` at which its flow
        carries someone (``mode``) away."""
        if moved_at is None:
            return self.impassable(limit)
        arr = self._moving_limit_cache.get((limit, mode))
        if arr is None:
            arr = list(self.impassable(limit))
            for n, d in enumerate(moved_at):
                if d < limit:
                    arr[n] = min(arr[n], self.water.node_time_depth(n, d))
            self._moving_limit_cache[(limit, mode)] = arr
        return arr

    def _nodes_time_depth(self, depth_m: float) -> list[float]:
        """When the water at each node first reaches ``depth_m`` (inf if never)."""
        return self.water.nodes_time_depth(depth_m)

    def _log_season(self, end_t: float) -> None:
        """Put the forecast and the hazard's milestones on the timeline (from the rain to the breach)."""
        season = self.spec.season
        if season is not None:
            for w in season.warnings:
                if w.issued_s < end_t:
                    self.log("forecast", f"rainstorm {w.level} warning issued", t=w.issued_s)
            for level, t in self.monitoring_first.items():
                if t < end_t:
                    self.log("monitoring", f"online monitoring at {level}", t=t)
            if season.collar_flooded_s < end_t:
                self.log("hazard", "river over the mine entrance", t=season.collar_flooded_s)
            if season.overtopping_s < end_t:
                self.log("hazard", "pond reaches the dam crest", t=season.overtopping_s)
        if self.breach_s < end_t:
            self.log("hazard", DAM_BREACH, t=self.breach_s)

    def _movement(self) -> tuple[Any, ...]:
        """What the movement loop reads, gathered once per replication at the first departure: when each
        passage first has water in it (before then its depth is zero), the passages, their cut times, the
        water, per-passage constants and gates, when each place is too deep to wade, places of safety, when
        water first shows at each place."""
        if self._walk_context is None:
            r = self.routing
            wet = self.water.links_time_depth(1e-3)
            self._walk_context = (wet, self.net.links, self.cut_s, self.water, r.ladder, r.area, r.dry_capacity,
                                  self.gate_free, self.link_peak_queue, self.on_link,
                                  self.impassable(movement.WADING_LIMIT_M), r.surface, r.assembly,
                                  self._water_seen_s(), self._moving_links(lethality.SWEPT_OFF_DV_M2PS))
        return self._walk_context

    def _closed(self, limit: float, drive: bool) -> Callable[[int, float], bool]:
        """Whether a passage is closed at a time to someone who will not wade deeper than ``limit``, on foot or by
        car (``drive``): cut by a ``link_cut`` fault, or its water that deep or deep enough for its flow to carry them
        away (:meth:`_movement`, :meth:`_car_unstable_links`)."""
        context = self._movement()
        wet, water, is_cut = context[0], self.water, self.is_cut
        swept = self._car_unstable_links() if drive else context[-1]

        def closed(k: int, now: float) -> bool:
            return is_cut(k, now) or (now >= wet[k] and water.link_depth(k, now) >= min(limit, swept[k]))
        return closed

    def is_cut(self, link: int, t: float) -> bool:
        """Passage ``link`` is cut by a ``link_cut`` fault at ``t``."""
        return t >= self.cut_s[link] and self._is_down("link_cut", self.net.links[link].id, t)

    def way_closed(self, drive: bool) -> Callable[[int, float], bool] | None:
        """For a warning channel that travels on foot or by car (``drive``), whether a passage is closed to it at a
        time (:meth:`_closed`, at the wading limit on foot or by car); None in a drill without water or a passage
        cut, where every way stays open."""
        if not self._wet and all(c == INF for c in self.cut_s):
            return None
        return self._closed(traffic.CAR_WADING_LIMIT_M if drive else movement.WADING_LIMIT_M, drive)

    def too_deep_to_set_out(self, node: int, t: float, drive: bool) -> bool:
        """The water at ``node`` is too deep at ``t`` (or flows fast enough to carry one away) for a warning channel
        that travels on foot or by car (``drive``) to set out from there: the test people meet at their own place,
        on foot at the wading limit (:meth:`too_deep_on_foot`) or by car (:meth:`too_deep_by_car`)."""
        return self.too_deep_from_s(node, drive) <= t

    def too_deep_from_s(self, node: int, drive: bool) -> float:
        """When the water at ``node`` becomes too deep for a warning channel that travels on foot or by car
        (``drive``), as :meth:`too_deep_to_set_out` tests it (inf: never, as in a drill without water)."""
        if not self._wet:
            return INF
        return (self.too_deep_by_car() if drive else self.too_deep_on_foot(movement.WADING_LIMIT_M))[node]

    def _car_unstable_links(self) -> list[float]:
        """Per passage, the depth at which the flow makes a car unstable (inf: still water)."""
        if self._car_links is None:
            self._car_links = self._moving_links(lethality.VEHICLE_UNSTABLE_DV_M2PS, lethality.VEHICLE_UNSTABLE_V_MPS)
        return self._car_links

    def _moving_links(self, hv_m2ps: float, v_mps: float = INF) -> list[float]:
        """Per passage, the depth at which a flow carries someone away on it (depth × velocity ``hv_m2ps``, or the
        velocity ``v_mps``; inf: still water), the shallowest of the water parts': a part that says so per passage
        (the water running down from an inrush, along its own way), else the shallower of the passage's two ends'
        (a dam-break flood, which enters a passage from the end it reaches first)."""
        links = self.net.links

        def on_links(part: Any) -> list[float]:
            if hasattr(part, "link_swept_depths"):
                return part.link_swept_depths(hv_m2ps, v_mps)
            at = part.swept_depths(hv_m2ps, v_mps)
            return [min(at[lk.a], at[lk.b]) for lk in links]
        return _shallowest([on_links(p) for p in self._flows]) or [INF] * len(links)

    def _parties(self, rng: np.random.Generator) -> None:
        spec = self.spec
        st = self.static = self.routing.party_static(spec)
        m = len(spec.parties)
        beh = spec.behaviour
        # Every party's draws come from the people stream in party order, so a revised plan meets the
        # same people (common random numbers); each kind of draw is one vector.
        z = rng.standard_normal(m)
        u_comply = rng.random(m)
        response = np.zeros(m)
        for prof_id, ks in st.by_profile:
            response[ks] = beh.response_delay[prof_id].sample_n(rng, len(ks))
        crew_relay = beh.crew_relay.sample_n(rng, m)
        neighbour_relay = (beh.neighbour_relay.sample_n(rng, m) if beh.neighbour_relay is not None
                           else np.zeros(m))
        # which neighbours a household tells: a pre-drawn offset (the stream's last draw, so drawn only if used)
        self.relay_offset = rng.integers(0, 1 << 30, size=m).tolist() if st.word_of_mouth else []
        self.crew_relay_s = crew_relay.tolist()
        self.neighbour_relay_s = neighbour_relay.tolist()
        self.response = response.tolist()
        self.speed = (st.base_speed * np.maximum(1.0 + st.speed_cv * z, movement.SPEED_FLOOR_SHARE)).tolist()
        self.complies = (u_comply < st.compliance).tolist()
        self.warned_s = [NAN] * m
        self.warned_by = [""] * m
        self.departed_s = [NAN] * m
        self.outcome = list(st.initial_outcome)
        self.outcome_s = [NAN] * m
        self.end = list(st.starts)
        self.margin = [NAN] * m
        self.situation = [""] * m
        self.caught_depth = [0.0] * m
        self.caught_velocity = [0.0] * m
        self.turned_back = [-1] * m  # where each party first turned back (a node index; -1: never)
        event = self.env.event
        self.warn_ev = [event() for _ in range(m)]
        self.helped = {k: event() for k in st.needs_help}
        self.unwarned_at: dict[int, set[int]] = defaultdict(set)
        for node, ks in st.present_at.items():
            self.unwarned_at[node] = set(ks)
        self.unwarned_set: set[int] = set(st.present)
        self.home: dict[int, list[int]] = defaultdict(list, {node: list(ks) for node, ks in st.present_at.items()})
        self.crew_parties = st.crew_parties
        self.n_people = len(spec.people)
        self.entered = 0
        self.entry_violations = 0
        self.underground = st.underground
        self.peak_underground = self.underground
        self.entry_stopped_s = INF

    def role_absent(self, role_id: str, t: float) -> bool:
        """An injected fault keeps the role's holder away at ``t`` (from the fault's start, for its duration)."""
        return self._is_down("role_absent", role_id, t)

    def rng_for(self, name: str, kind: int = STREAM_ROLE) -> np.random.Generator:
        return stream(self.seed, self.rep, kind, name)

    def role_draws(self, role_id: str) -> tuple[bool, float, float]:
        """Presence, decision delay and handover delay of a role in this replication (fixed per role; an
        injected absence is checked when the role is asked, :meth:`role_absent`)."""
        cache = self.__dict__.setdefault("_role_draws", {})
        if role_id not in cache:
            role = self.spec.roles[role_id]
            rng = self.rng_for(role_id)
            present = bool(rng.random() < role.present_probability)
            delay, handover = role.decision_delay.sample(rng), role.handover.sample(rng)
            cache[role_id] = (present, delay, handover)
        return cache[role_id]

    def parties_home(self, node: int) -> list[int]:
        """Parties still at their starting place (not yet left), in a fixed order."""
        return [k for k in self.home.get(node, ()) if math.isnan(self.departed_s[k]) and not self._done(k)]

    def party_home(self, k: int) -> bool:
        return math.isnan(self.departed_s[k]) and not self._done(k)

    def _done(self, k: int) -> bool:
        return self.outcome[k] in ("caught", "sheltered") or self.outcome[k] in SAFE_OUTCOMES

    # ------------------------------------------------------------------ run
    def run(self) -> DrillResult:
        self.start()
        try:
            self.env.run(until=self.spec.duration_s)
            return self._result()
        finally:
            self.release()

    def start(self) -> None:
        """Start the processes: the decision chain, the water cue, the faults, one per party."""
        env = self.env
        env.process(decision.decisions(self))
        env.process(self._water_cues())
        if self.down:
            env.process(self._fault_processes())
        self.party_procs = [env.process(self._party(party)) for party in self.spec.parties]

    def release(self) -> None:
        """Break the drill's reference cycles (waiting processes, cages calling back) once it is over."""
        self.env.release()
        for cage in self.cages:
            cage.detach()

    def log(self, kind: str, what: str, t: float | None = None) -> None:
        self.timeline.append(Event(float(self.env.now if t is None else t), kind, what))

    def record_action(self, action: Action, done_s: float | None, trigger_s: float, level: str) -> None:
        self.action_records.append(ActionRecord(
            action.action, action.owner, float(trigger_s), NAN if done_s is None else float(done_s),
            NAN if action.deadline_s is None else float(action.deadline_s), level))

    # ------------------------------------------------------------------ warning
    def warn_party(self, k: int, channel: str) -> None:
        """Party ``k`` receives the warning now through ``channel`` (ignored if already warned)."""
        if self.warned_by[k]:
            return
        now = self.env.now
        self.warned_s[k] = now
        self.warned_by[k] = channel
        self.unwarned_set.discard(k)
        party = self.spec.parties[k]
        self.unwarned_at[party.start].discard(k)
        self.warn_ev[k].succeed(now)
        if party.relay == "crew":
            key = (party.crew, party.start)
            if key not in self._relaying:
                self._relaying.add(key)
                self.env.process(self._crew_relay(party.crew, party.start, self.crew_relay_s[k]))
        elif self.spec.behaviour.neighbours_told > 0 and self.spec.behaviour.neighbour_relay is not None:
            self.env.process(self._neighbour_relay(k))

    def help_party(self, k: int) -> None:
        """A team has reached the household: those who cannot leave alone now can."""
        ev = self.helped.get(k)
        if ev is not None and not ev.triggered:
            ev.succeed(self.env.now)

    def _crew_relay(self, crew: str, node: int, delay: float) -> Generator[Any, Any, Any]:
        """The first of a crew to be warned tells the others at the same place."""
        yield self.env.timeout(delay)
        here = self.unwarned_at[node]  # not yet warned and there: a later shift still on the surface is not
        for j in self.crew_parties[crew]:
            if j in here:
                self.warn_party(j, "crew")

    def _neighbour_relay(self, k: int) -> Generator[Any, Any, Any]:
        """A warned household tells a few other households at its place (word of mouth)."""
        beh = self.spec.behaviour
        party = self.spec.parties[k]
        yield self.env.timeout(self.neighbour_relay_s[k])
        others = sorted(self.unwarned_at.get(party.start, ()))
        if not others:
            return
        start = self.relay_offset[k] % len(others)  # which neighbours: a pre-drawn offset into the list
        for j in range(min(beh.neighbours_told, len(others))):
            self.warn_party(others[(start + j) % len(others)], "word_of_mouth")

    def _cue_s(self, node: int) -> float:
        """When people at ``node`` see the water: deep enough to notice (the water cue), or the inrush bursting in."""
        inr = self.spec.inrush
        burst = inr.burst_at(node) if inr is not None else None
        return self.impassable(self.spec.behaviour.water_cue_depth_m)[node] if burst is None else burst

    def _water_cues(self) -> Generator[Any, Any, Any]:
        """People who see the water where they are take it as the warning (a later shift that comes down after
        the water is there sees it as it arrives: :meth:`_enter`)."""
        inr = self.spec.inrush
        places = {node for node, parties in self.unwarned_at.items() if parties}
        places.update(self.spec.parties[k].start for _, ks in self.spec.entries for k in ks)  # later shifts
        times = sorted((t, node) for node in places if (t := float(self._cue_s(node))) < self.spec.duration_s)
        for t, node in times:
            if t > self.env.now:
                yield self.env.timeout(t - self.env.now)
            if inr is not None and node == inr.source:
                self.log("hazard", f"inrush at {self.net.nodes[node].id}")
            for k in sorted(self.unwarned_at[node]):
                self.warn_party(k, "water")

    def give_order(self, order: str, channels: tuple[str, ...] | None, by: str) -> None:
        """An evacuation order: underground or downstream; its channels start.

        The order's time is when it is first given. A later step giving the same order (another post's, as a
        township's order to the village loudspeakers after the pond's siren, or another level's) starts the
        channels it names that have not started yet.
        """
        public = order == PUBLIC_ORDER
        wanted = [ch for ch in self.spec.channels
                  if ch.public == public and (channels is None or ch.id in channels)
                  and ch.id not in self.channels_started]
        where = "downstream" if public else "underground"
        if order in self.orders:
            if wanted:
                self.log("order", f"evacuation order ({where}) passed on by {by}: "
                                  f"{', '.join(ch.id for ch in wanted)}")
        else:
            audience = [p for p in self.spec.parties if (p.relay == "neighbours") == public]
            if not audience and not wanted:
                return
            self.orders[order] = self.env.now
            self.log("order", f"evacuation order ({where}) given by {by}")
        for ch in wanted:
            self.channels_started[ch.id] = float(self.env.now)
            self.env.process(self._channel(ch))

    def _channel(self, ch: Channel) -> Generator[Any, Any, Any]:
        env = self.env
        rng = stream(self.seed, self.rep, STREAM_CHANNEL, ch.id)
        works = rng.random() < ch.reliability
        yield env.timeout(ch.activation_delay.sample(rng))
        if not works:
            self.log("channel", f"{ch.id} failed")
            return
        if not self.channel_works(ch, env.now):
            self.log("channel", f"{ch.id} cannot send (down, no power or no network)")
            return
        self.log("channel", f"{ch.id} on")
        yield from warning.run_channel(self, ch, rng)

    # ------------------------------------------------------------------ people
    def station_closes_s(self, station: int) -> float:
        """When the water at ``station`` reaches the wading limit, at which the cage stops calling there
        (:class:`~drills.model.hoist.Cage`, the same times; inf: never)."""
        return self.impassable(movement.WADING_LIMIT_M)[station]

    def station_usable(self, station: int, t: float) -> bool:
        """A cage still loads and lands people at ``station`` at ``t`` (:meth:`station_closes_s`)."""
        return t < self.station_closes_s(station)

    def _limit(self, party: Party) -> float:
        if party.mode == "drive":
            return traffic.CAR_WADING_LIMIT_M
        return self.spec.profiles[party.profile].wading_limit_m

    def no_entry_holds(self, t: float) -> bool:
        """The plan's extreme-weather rule forbids going underground at ``t``."""
        rule = self.spec.no_entry
        season = self.spec.season
        if rule is None or season is None:
            return False
        met, monitored = rule
        if met is not None and season.met_warning_s(met) <= t:
            return True
        return monitored is not None and self.monitoring_first.get(monitored, INF) <= t

    def _enter(self, party: Party) -> Generator[Any, Any, Any]:
        """The next shift arrives at the shaft: it goes down unless entry has been stopped."""
        yield self.env.timeout(party.enters_s)
        k = party.index
        now = self.env.now
        if now >= self.entry_stopped_s or MINE_ORDER in self.orders:
            self.outcome[k] = "kept_out"
            self.outcome_s[k] = now
            self.margin[k] = INF
            return False
        size = len(party.members)
        self.entered += size
        if self.no_entry_holds(now):
            self.entry_violations += size
            self.log("rule", f"{party.id} went underground while the no-entry rule held")
        self.underground += size
        self.peak_underground = max(self.peak_underground, self.underground)
        self.unwarned_set.add(k)
        self.unwarned_at[party.start].add(k)
        self.home[party.start].append(k)
        self.present[party.start] += size
        if self._cue_s(party.start) <= now:  # the water is already there: they see it as they arrive
            self.warn_party(k, "water")
        return True

    def _party(self, party: Party) -> Generator[Any, Any, Any]:
        env = self.env
        k = party.index
        node = party.start
        if party.enters_s > 0:
            went_down = yield from self._enter(party)
            if not went_down:
                return
        st = self.static
        limit = st.foot_limit[k]  # at home or at work, on foot
        imp = self.too_deep_on_foot(limit)
        t_catch = imp[node]
        ev = self.warn_ev[k]
        if t_catch < INF and not (st.cue_first[k] and self._cue_s(node) <= t_catch):
            # the water cue may not warn them in time (a flow that sweeps them off their feet before it is deep
            # enough to notice, as well as a cue deeper than they wade): race the water
            yield ev | env.timeout(max(t_catch - env.now, 0.0))
            if not ev.triggered:
                self._caught(k, node, self._home_situation(party))
                return
        else:
            # the water cue warns everyone at their place before the water is too deep to leave it
            yield ev
        if not self.complies[k] and self.warned_by[k] != "water":
            # does not act on the official warning; only the water itself moves them
            cue = self.water.node_time_depth(node, self.spec.behaviour.water_cue_depth_m)
            if cue >= t_catch or cue >= self.spec.duration_s:
                if t_catch < self.spec.duration_s:
                    yield env.timeout(max(t_catch - env.now, 0.0))
                    self._caught(k, node, self._home_situation(party))
                return
            yield env.timeout(max(cue - env.now, 0.0))
        if party.upper_floor and self._shelter_upstairs(party):
            return
        # a household the water would catch at home before it sets out goes upstairs when it sees the water there, as
        # one the water itself warned does (where it can): being warned first never leaves it downstairs
        t_up = self._upstairs_s(party)
        upstairs = t_up <= t_catch
        if party.needs_help and not self.helped[k].triggered:
            # nobody in the household can leave unaided: it waits for a team, or the water (upstairs when it sees it,
            # where it can: unaided, it cannot leave before the water closes its home)
            t_water = t_up if upstairs else t_catch
            if t_water < INF:
                yield self.helped[k] | env.timeout(max(t_water - env.now, 0.0))
                if not self.helped[k].triggered:
                    self._water_at_home(party, upstairs)
                    return
            else:
                yield self.helped[k]
        response = self.response[k]
        if env.now + response >= t_catch:
            yield env.timeout(max((t_up if upstairs else t_catch) - env.now, 0.0))
            self._water_at_home(party, upstairs)
            return
        yield env.timeout(response)
        size = len(party.members)
        self.departed_s[k] = env.now
        self.present[node] -= size
        # on the way: the movement loop runs in this same process (one process per party, no delegation)
        legs = self.routing.planned_legs.get(node) or self._reroute(party, node)  # (next node, hop) per step
        refuges_full: set[int] | frozenset[int] = NO_REFUGES  # refuges found full (a set once there is one)
        margin = INF
        pos = 0
        crew = party.relay == "crew"
        driving = party.mode == "drive"
        (wet, links, cut, water, ladder, area, dry_cap, gate_free, peak, on_link, wade, surface,
         assembly, seen, swept) = self._movement()  # swept: per passage, the depth whose flow carries them away
        if driving:
            limit = traffic.CAR_WADING_LIMIT_M
            imp = self.too_deep_by_car()
            swept = self._car_unstable_links()
        places, arrived_as = (surface, "surface") if crew else (assembly, "assembly")
        timeout = env.timeout
        speed = self.speed[k]
        blocked = -1  # the place the passage they last found under water leads to (-1: none yet)
        while True:
            now = env.now
            if places[node]:
                if not crew:
                    # an assembly point the water reaches within the drill is no place of safety: they wait there
                    # (the plan sends them nowhere further) and the water finds them in the open
                    t_flood = self.too_deep_on_foot(st.foot_limit[k])[node]
                    if t_flood < self.spec.duration_s:
                        self.end[k] = node
                        yield timeout(max(t_flood - now, 0.0))
                        self._caught(k, node, "in_open")
                        return
                self._safe(k, arrived_as, node, min(margin, imp[node] - now), size if crew else 0)
                return
            if legs is None:
                if driving:  # leave the car and walk
                    party = _on_foot(party)
                    driving = False
                    limit = self._limit(party)
                    imp = self.too_deep_on_foot(limit)
                    swept = self._movement()[-1]
                    legs, pos = self._reroute(party, node), 0
                    continue
                if self.turned_back[k] < 0:
                    # no way out left: if the water closed the way they were taking, they went no further than
                    # its start and came back (or stayed), which the record says, and where
                    if blocked < 0:
                        blocked = self._closed_by_water(party, node)
                    if blocked >= 0:
                        self._count("turned_back", node, blocked, now, k)
                        self.turned_back[k] = blocked
                t_catch = imp[node]
                t_retry = self._next_repair(now)  # a passage, a cage or the power back: a way out may reopen
                if t_retry < t_catch and t_retry < self.spec.duration_s:
                    yield timeout(t_retry - now)
                    legs, pos = self._reroute(party, node, avoid_refuges=refuges_full), 0
                    continue
                if t_catch < self.spec.duration_s:
                    yield timeout(max(t_catch - now, 0.0))
                    # at home (no way out from there, or back there after turning back) the water finds them
                    # in their house, as those who never left (and :meth:`_found_at_home`)
                    self._caught(k, node, self._home_situation(party) if node == party.start
                                 else "underground" if crew else "in_open")
                else:
                    self.end[k] = node
                return
            if pos >= len(legs):
                if node in self.spec.refuges and node not in refuges_full:
                    # a chamber already flooded (it is lost at the wading limit, :meth:`_result`) takes nobody in,
                    # whatever water those arriving would wade
                    if self.seats[node] >= size and now < wade[node]:
                        self.seats[node] -= size
                        self.in_refuge[node].append(k)
                        self._safe(k, "refuge", node, min(margin, imp[node] - now, wade[node] - now), 0)
                        return
                    refuges_full = {*refuges_full, node}
                legs, pos = self._reroute(party, node, avoid_refuges=refuges_full), 0
                continue
            nxt, hop = legs[pos]
            if hop is None or (driving and hop.link is not None and links[hop.link].kind != "road"):
                legs, pos = self._reroute(party, node, avoid_refuges=refuges_full), 0
                continue
            li = hop.link
            if li is None:  # a ride in the cage
                cage = self.node_of_hoist[node]
                if now >= wade[node] or not cage.available(now):  # station flooded or cage stopped
                    legs, pos = self._reroute(party, node, avoid_refuges=refuges_full, no_hoist=True), 0
                    continue
                self.present[node] += 1
                rider = cage.request(node, k)
                if node not in self._watched:
                    self._watch_station(node, cage)
                if now >= seen[node]:  # water on the station floor: can the cage still come for them?
                    self._check_queue(cage, node)
                got = yield rider.signal
                self.present[node] -= 1
                if got == "cancelled":  # the cage stopped or cannot come in time: take another way out
                    legs, pos = self._reroute(party, node, avoid_refuges=refuges_full, no_hoist=True), 0
                    continue
                if got == "flooded":
                    self._caught(k, node, "underground")
                    return
                # the station's margin is its own: the cage loads until the station is flooded at the wading
                # limit, whatever water its riders would walk through
                margin = min(margin, wade[node] - rider.board_s)
                yield rider.landed
                node, pos = nxt, pos + 1
                continue
            depth = water.link_depth(li, now) if now >= wet[li] else 0.0
            if depth >= limit or (depth > 0.0 and depth >= swept[li]) or (
                    now >= cut[li] and self._is_down("link_cut", links[li].id, now)):
                if depth >= limit or (depth > 0.0 and depth >= swept[li]):
                    blocked = nxt
                legs, pos = self._reroute(party, node, avoid_refuges=refuges_full), 0
                continue
            if depth == 0.0 and not driving and not ladder[li]:  # the common case, inlined
                key = hop.key
                cap = dry_cap[li] / size
                free = gate_free[key]
                t_enter = now if now > free else free
                gate_free[key] = t_enter + 1.0 / cap
                queued = int((t_enter - now) * cap)
                if queued > peak[li]:
                    peak[li] = queued
                occ = on_link[li]
                while occ and occ[0] <= t_enter:
                    heappop(occ)
                v = speed * hop.slope
                density = len(occ) * size / area[li]
                if density > SFPE_FREE_DENSITY:
                    v *= movement.crowd_factor(density)
                travel = hop.length_m / v
                heappush(occ, t_enter + travel)
            else:
                t_enter, travel = self._passage(party, links[li], hop, hop.key, now, depth)
            t_exit = t_enter + travel
            t_here = imp[node]
            t_there = imp[nxt]
            if t_here < t_enter or t_there < t_exit:
                if t_here >= t_enter:  # the water closes the far end before they are through: they meet it
                    # there and turn back (Zhijian 2007, see drills.model.movement)
                    t_meet = t_there if t_there > t_enter else t_enter
                    t_back = 2 * t_meet - t_enter  # and go back the way they came, as fast as they came
                    if t_here >= t_back:  # back in time: another way from here (the reroute avoids this one)
                        # on the passage until they are back, not until they would have been through
                        _left_at(on_link[li], t_exit, t_back)
                        if t_meet < self.spec.duration_s:  # not if the drill ends while they are still going on
                            self._count("turned_back", node, nxt, t_meet, k)
                            if self.turned_back[k] < 0:
                                self.turned_back[k] = nxt
                        yield timeout(t_back - now)
                        legs, pos = self._reroute(party, node, avoid_refuges=refuges_full), 0
                        continue
                    # the water closes the way back too: caught where it closed last
                    t_c, where = (t_here, node) if t_here > t_meet else (t_meet, nxt)
                    _left_at(on_link[li], t_exit, t_c)
                else:  # their own end closes before their turn to enter: they never get onto the passage
                    t_c, where = t_here, node
                    _left_at(on_link[li], t_exit, None)
                yield timeout(max(t_c - now, 0.0))
                self._caught(k, where, "underground" if crew else ("in_vehicle" if driving else "in_open"))
                return
            yield timeout(t_exit - now)
            if t_here - t_enter < margin:
                margin = t_here - t_enter
            node, pos, blocked = nxt, pos + 1, -1

    def _closed_by_water(self, party: Party, node: int) -> int:
        """Where the water closes the way on foot from ``node`` now: the far end of the first passage too deep
        to enter on the plan's way from there (from elsewhere, or with none, the shortest dry way to a place
        of safety); -1 if no passage on it is."""
        legs = self.routing.planned_legs.get(node) if node == party.start else None
        if legs is None:
            dist, paths = nx.single_source_dijkstra(self.routing.walk, node, weight=on_foot)
            safe = [x for x in dist if self._is_destination(party, x) is not None]
            if not safe:
                return -1
            legs = self.routing.legs_of(paths[min(safe, key=lambda x: (dist[x], x))]) or []
        now = self.env.now
        context = self._movement()
        wet, swept = context[0], context[-1]
        limit = self._limit(party)
        for nxt, hop in legs:
            if hop is None or hop.link is None:
                continue
            depth = self.water.link_depth(hop.link, now) if now >= wet[hop.link] else 0.0
            if depth >= limit or (depth > 0.0 and depth >= swept[hop.link]):
                return nxt
        return -1

    def _count(self, what: str, a: int, b: int, t: float, k: int) -> None:
        """Party ``k`` changed its way at ``t`` (``what``: sent from station ``a`` towards ``b``, or turned back
        on the way from ``a`` to ``b``): counted for the timeline, one entry per kind, place and way, each
        party once (a household that left its car after turning back may meet the water on foot on the same
        road again)."""
        first, who = self._counted.setdefault((what, a, b), (t, {}))
        who[k] = len(self.spec.parties[k].members)
        if t < first:
            self._counted[(what, a, b)] = (t, who)

    def _home_situation(self, party: Party) -> str:
        if party.relay == "crew":
            return "underground"
        kind = self.net.nodes[party.start].kind
        return "in_building" if kind in ("household", "school") else "in_open"

    def _shelter_upstairs(self, party: Party) -> bool:
        """Vertical evacuation: allowed by the plan, possible at home, chosen when the water is seen."""
        if not (self.spec.vertical_shelter and party.upper_floor and self.warned_by[party.index] == "water"):
            return False
        self._go_upstairs(party)
        return True

    def _upstairs_s(self, party: Party) -> float:
        """When a household still at home goes upstairs: when it sees the water there, if the plan allows vertical
        shelter and the home has an upper floor; inf if it cannot."""
        return self._cue_s(party.start) if self.spec.vertical_shelter and party.upper_floor else INF

    def _water_at_home(self, party: Party, upstairs: bool) -> None:
        """The water came before they set out: upstairs (they saw it in time), or caught in their home."""
        if upstairs:
            self._go_upstairs(party)
        else:
            self._caught(party.index, party.start, self._home_situation(party))

    def _go_upstairs(self, party: Party) -> None:
        k = party.index
        self.outcome[k] = "sheltered"
        self.outcome_s[k] = self.env.now
        self.situation[k] = "upper_floor"
        self._note_water(k, party.start)

    def _caught(self, k: int, node: int, situation: str) -> None:
        self.unwarned_set.discard(k)  # no channel reaches them any more
        self.unwarned_at[self.spec.parties[k].start].discard(k)
        self.outcome[k] = "caught"
        self.outcome_s[k] = self.env.now
        self.end[k] = node
        self.situation[k] = situation
        self._note_water(k, node)

    def _note_water(self, k: int, node: int) -> None:
        peak = getattr(self.water, "node_peak", None)
        if peak is None and isinstance(self.water, CombinedWater):
            peaks = [p.node_peak(node) for p in self.water.parts if hasattr(p, "node_peak")]
            if peaks:
                self.caught_depth[k], self.caught_velocity[k] = max(peaks)
            return
        if peak is not None:
            self.caught_depth[k], self.caught_velocity[k] = peak(node)

    def _watch_station(self, station: int, cage: Cage) -> None:
        """Once per station: when water first shows there, the queue is checked against it
        (:meth:`_check_queue`); when it floods, the people still queuing there are caught."""
        if station in self._watched:
            return
        self._watched.add(station)
        t = self.station_closes_s(station)
        seen = self._water_seen_s()[station]
        if not self.env.now < seen < min(t, self.spec.duration_s):
            seen = INF  # already there (checked as people join) or never in time to matter
        if t < INF or seen < INF:
            self.env.process(self._flood_station_at(station, cage, seen, t))

    def _flood_station_at(self, station: int, cage: Cage, seen: float, t: float) -> Generator[Any, Any, Any]:
        if seen < INF:
            yield self.env.timeout(seen - self.env.now)
            self._check_queue(cage, station)
        if t < INF:
            yield self.env.timeout(max(t - self.env.now, 0.0))
            cage.flood_station(station)

    def _water_seen_s(self) -> list[float]:
        """When water first shows at each place: the depth at which people notice it (the water cue)."""
        return self.impassable(self.spec.behaviour.water_cue_depth_m)

    def _time_left_s(self, station: int) -> float:
        """How long until ``station`` is too deep to load, judged from the water as seen there now: its
        depth and its rise over the last :data:`~drills.model.hoist.RISE_WINDOW_S` (or since it came),
        extrapolated in a straight line (:func:`~drills.model.hoist.time_left_s`)."""
        now = self.env.now
        water = self.water
        since = now - hoist.RISE_WINDOW_S
        before = water.node_depth(station, since)
        if before == 0.0:  # the water came within the window: its rise since it came
            since, before = max(since, water.node_time_depth(station, 0.0)), 0.0
        depth = water.node_depth(station, now)
        rise = (depth - before) / (now - since) if now > since else 0.0
        return hoist.time_left_s(depth, rise, movement.WADING_LIMIT_M)

    def _check_queue(self, cage: Cage, station: int) -> None:
        """The people at a station with water weigh the wait for the cage against the rise of the water
        (:mod:`drills.model.hoist`): those it cannot lift in time are sent another way, if there is one."""
        q = cage.queues[station]
        now = self.env.now
        if not q or not cage.available(now):
            return
        deadline = now + self._time_left_s(station) - hoist.SEND_AWAY_MARGIN_S
        keep = hoist.riders_in_time(len(q), first_s=cage.next_at_s(station), round_trip_s=cage.round_trip_s(station),
                                    capacity=cage.h.capacity, deadline_s=deadline)
        if keep == len(q):
            return
        legs = self._reroute(self.spec.parties[q[keep].person], station, no_hoist=True)
        if not legs:  # nowhere else to go: the cage is their only chance
            return
        for r in cage.send_away(station, keep):
            self._count("sent_away", station, legs[-1][0], now, r.person)

    def _cage_departed(self, cage: Cage) -> None:
        """After each departure: the queues at stations with water are checked again."""
        now = self.env.now
        seen = self._water_seen_s()
        for station, q in cage.queues.items():
            if q and seen[station] <= now:
                self._check_queue(cage, station)

    def _is_destination(self, party: Party, node: int) -> str | None:
        if party.relay == "crew":
            return "surface" if self.routing.surface[node] else None
        return "assembly" if self.routing.assembly[node] else None

    def _passage(self, party: Party, link, hop, key: int, now: float, depth: float) -> tuple[float, float]:
        """Entry time through the passage's gate and the time to cross it."""
        occ = self.on_link[link.index]
        if party.mode == "drive":
            road = traffic.road_classes(self.spec.rain)[link.road_class or traffic.DEFAULT_ROAD_CLASS]
            cap = traffic.capacity_vps(road, link.lanes)
        elif depth == 0.0 and link.kind != "ladderway":
            cap = self.routing.dry_capacity[link.index] / len(party.members)
        else:
            cap = link.capacity_pps(depth, self.spec.profiles[party.profile].climb_mps) / len(party.members)
        t_enter = max(now, self.gate_free[key])
        self.gate_free[key] = t_enter + 1.0 / cap
        queued = int((t_enter - now) * cap)
        if queued > self.link_peak_queue[link.index]:
            self.link_peak_queue[link.index] = queued
        while occ and occ[0] <= t_enter:
            heappop(occ)
        if party.mode == "drive":
            v = traffic.speed_mps(road, len(occ), link.length_m, link.lanes)
            travel = movement.passage_time_s(link.length_m, hop.rise_m, v, depth)
        elif link.kind == "ladderway":
            travel = movement.passage_time_s(abs(hop.rise_m), abs(hop.rise_m),
                                             self.spec.profiles[party.profile].climb_mps, depth)
        else:
            density = len(occ) * len(party.members) / (link.length_m * link.width_m)
            v = self.speed[party.index] * hop.slope
            if density > movement.SFPE_FREE_DENSITY:
                v *= movement.crowd_factor(density)
            travel = link.length_m / v if depth == 0.0 else movement.passage_time_s(link.length_m, hop.rise_m, v, depth)
        heappush(occ, t_enter + travel)
        return t_enter, travel

    def _safe(self, k: int, outcome: str, node: int, margin: float, leaves_underground: int) -> None:
        """Party ``k`` is safe at ``node`` now; ``margin`` already counts the place of safety itself."""
        self.underground -= leaves_underground
        self.outcome[k] = outcome
        self.outcome_s[k] = self.env.now
        self.end[k] = node
        self.margin[k] = margin

    def _reroute(self, party: Party, node: int, *, avoid_refuges: set[int] | frozenset[int] = frozenset(),
                 no_hoist: bool = False) -> list[tuple[int, Any]] | None:
        """Nearest place of safety by the passable network now, else the nearest refuge with seats, as legs
        (:meth:`Routing.legs_of`); None if there is neither."""
        now = self.env.now
        limit = self._limit(party)
        net = self.net
        prof: Profile = self.spec.profiles[party.profile]
        hops = self.routing.hops
        graph = self.routing.drive if party.mode == "drive" else self.routing.walk
        closed = self._closed(limit, party.mode == "drive")

        def weight(u: int, v: int, d: dict) -> float | None:
            if d["hoist"] is not None:
                if no_hoist:
                    return None
                cage = self.node_of_hoist[u]
                if not cage.available(now) or not self.station_usable(u, now):
                    return None
                # the loads ahead and one's own, each a GB 50215 round trip (rest, wind up, rest, wind down)
                return (cage.queue_length() // cage.h.capacity + 1) * cage.round_trip_s(u)
            k = d["link"]
            if closed(k, now):
                return None
            hop = hops[(u, v)]
            if net.links[k].kind == "ladderway":
                return abs(hop.rise_m) / prof.climb_mps
            return hop.length_m / (prof.speed_mps * hop.slope)

        dist, paths = nx.single_source_dijkstra(graph, node, weight=weight)
        safe = [x for x in dist if self._is_destination(party, x) is not None]
        if safe:
            return self.routing.legs_of(paths[min(safe, key=lambda x: (dist[x], x))])
        refuges = [x for x in dist if x in self.spec.refuges and x not in avoid_refuges
                   and self.seats[x] >= len(party.members)]
        if refuges:
            return self.routing.legs_of(paths[min(refuges, key=lambda x: (dist[x], x))])
        return None

    # ------------------------------------------------------------------ results
    def _result(self) -> DrillResult:
        """The drill's records, once the drill has run to its end (before :meth:`release`)."""
        running = [proc.is_alive for proc in self.party_procs]  # per party: its process had not ended
        spec = self.spec
        net = self.net
        end_t = spec.duration_s
        for node, occupants in self.in_refuge.items():  # a refuge whose chamber floods loses its occupants
            t_fail = self.water.node_time_depth(node, movement.WADING_LIMIT_M)
            if t_fail < end_t:
                for k in occupants:
                    self.outcome[k] = "caught"
                    self.outcome_s[k] = t_fail
                    self.situation[k] = "underground"
                    self.margin[k] = NAN
                self.log("hazard", f"refuge {net.nodes[node].id} flooded", t=t_fail)
        wet = self.impassable(movement.WET_DEPTH_M)  # when the water reaches each place
        self._found_at_home(wet, end_t, running)
        self._log_season(end_t)
        for (what, a, b), (first, who) in self._counted.items():
            self.log("movement", COUNTED_EVENTS[what].format(n=sum(who.values()), a=net.nodes[a].id,
                                                             b=net.nodes[b].id), t=first)
        node_water_l = list(wet)
        if spec.inrush is not None and spec.inrush.burst_s is not None:  # an inrush is at its source as it bursts in
            node_water_l[spec.inrush.source] = min(node_water_l[spec.inrush.source], spec.inrush.burst_s)
        node_water = tuple(node_water_l)
        for i, t in enumerate(node_water):
            if t < end_t and net.nodes[i].kind in ("shaft_station", "refuge", "workplace", "household", "school",
                                                   "assembly_point"):
                self.log("water", f"water at {net.nodes[i].id}", t=t)
        people = self._person_records(node_water)
        clear = [0.0] * len(net.nodes)  # when the last person left each place safely (inf: someone did not)
        there = [False] * len(net.nodes)  # someone was there: a later shift kept on the surface never was
        for start, outcome, t_out in zip(self.static.starts, self.outcome, self.outcome_s, strict=True):
            if outcome == "kept_out":
                continue
            there[start] = True
            if outcome not in SAFE_OUTCOMES:
                clear[start] = INF
            elif t_out > clear[start]:
                clear[start] = float(t_out)
        hoists = []
        for cage in self.cages:
            st = cage.stats
            hoists.append(HoistRecord(
                replication=self.rep, hoist=cage.h.id, trips=st.trips, persons=st.persons, busy_s=float(st.busy_s),
                utilisation=_window_share(st.busy_s, st.first_call_s, st.last_landing_s), max_queue=st.max_queue,
                mean_wait_s=float(np.mean(st.waits)) if st.waits else NAN))
        node_clear = tuple(clear[i] if there[i] else NAN for i in range(len(net.nodes)))
        # at one time, causes before effects (the order the kinds follow), then the order they were logged in
        self.timeline.sort(key=lambda e: (e.t_s, KIND_ORDER.get(e.kind, len(KIND_ORDER))))
        return DrillResult(
            replication=self.rep, people=people, hoists=tuple(hoists), timeline=tuple(self.timeline),
            order_s=float(self.orders.get(MINE_ORDER, NAN)), node_water_s=node_water, node_clear_s=node_clear,
            link_peak_queue=tuple(self.link_peak_queue), events=scheduled_events(self.env),
            actions=tuple(self.action_records), downstream_order_s=float(self.orders.get(PUBLIC_ORDER, NAN)),
            entered=self.entered, entry_violations=self.entry_violations, peak_underground=self.peak_underground,
            faults=tuple(self.faults_happened), channel_starts=tuple(self.channels_started.items()))

    def _found_at_home(self, wet: list[float], end_t: float, running: list[bool]) -> None:
        """Households the water reached at home, however shallow, meet the lethality rule like those it caught there.

        A household still at home when the drill ends (never left, or set out and found no way out: its process
        ended where it started; not one still on its way, whose process runs on) whose home the water reached
        within the drill gets its home's situation (:meth:`_home_situation`) and the depth and velocity there
        (:meth:`_note_water`): water shallower than they can wade did not catch them, but it found them at home
        (a safe-zone rate in shallow water, more where a building can collapse). Sheltering upstairs keeps its
        situation only where the water came.
        """
        if "in_place" not in self.outcome and "sheltered" not in self.outcome:
            return
        for k, party in enumerate(self.spec.parties):
            home = party.start
            outcome = self.outcome[k]
            if outcome == "sheltered" and wet[home] >= end_t:
                self.situation[k] = ""
            elif (outcome == "in_place" and wet[home] < end_t and self.end[k] == home
                  and (math.isnan(self.departed_s[k]) or not running[k])):
                self.situation[k] = self._home_situation(party)
                self._note_water(k, home)

    def _person_records(self, node_water: tuple[float, ...]) -> People:
        """One record per person, built column by column (each column one pass in C where it can be)."""
        st = self.static
        m = len(self.spec.parties)
        safe = [o in SAFE_OUTCOMES for o in self.outcome]
        p_die = [0.0 if not sit else NAN if sit == "underground" else self._fatality(k, sit)
                 for k, sit in enumerate(self.situation)]
        floats: list[Sequence[float]] = [
            self.warned_s, self.departed_s, self.outcome_s,
            [float(x) if ok else NAN for x, ok in zip(self.margin, safe, strict=True)],
            list(map(node_water.__getitem__, st.starts)), p_die]
        names: list[Sequence[str]] = [
            self.warned_by, self.outcome, list(map(self.routing.node_ids.__getitem__, self.end)), self.situation,
            [self.routing.node_ids[x] if x >= 0 else "" for x in self.turned_back]]
        if not st.one_each:  # households: every member shares the household's record
            floats = [list(map(col.__getitem__, st.party_of)) for col in floats]
            names = [list(map(col.__getitem__, st.party_of)) for col in names]
        died = [False] * len(st.who)
        # one draw from the stream for deaths per person at risk, in party and member order (one vector)
        at_risk = [(i, p_die[k]) for k in range(m) if p_die[k] > 0 for i in self.spec.parties[k].members]
        if at_risk:
            draws = stream(self.seed, self.rep, STREAM_FATE).random(len(at_risk)).tolist()
            for (i, p), u in zip(at_risk, draws, strict=True):
                died[i] = u < p
        return People(self.rep, st.who_columns, floats, names, died)

    def _fatality(self, k: int, situation: str) -> float:
        return float(lethality.fatality_probability(self.caught_depth[k], self.caught_velocity[k],
                                                    situation=situation))


def _window_share(busy: float, first: float, last: float) -> float:
    """A cage's busy time over its evacuation window, from the first call to the last landing; NaN if nobody ever
    called it (no window: a drill with no one underground, or no evacuation), which the scorecard reads as "–"."""
    if math.isnan(first):
        return NAN
    span = last - first
    return float(min(busy / span, 1.0)) if span > 0 else 0.0


def _on_foot(party: Party) -> Party:
    from dataclasses import replace

    return replace(party, mode="walk")
