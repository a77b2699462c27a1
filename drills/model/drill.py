"""One drill: a SimPy simulation of a scenario against a plan.

Processes: the decision chain (triggers → roles → level → actions), one process per broadcast
channel, the natural cue of water, one process per person, and one per cage. Water is precomputed
for the replication (:mod:`drills.model.inrush`), so the processes only look it up.

Randomness: every stream is a :class:`numpy.random.SeedSequence` keyed by (seed, replication,
stream, name), so a replication gives the same numbers whatever worker runs it, and a revised plan
sees the same people, water and channel luck (common random numbers).
"""

from __future__ import annotations

import heapq
import itertools
import math
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx
import numpy as np
import simpy

from drills.model import movement
from drills.model.hoist import Cage
from drills.model.inrush import WaterTimeline, no_water, water_timeline
from drills.model.records import DrillResult, Event, HoistRecord, PersonRecord
from drills.model.spec import Action, Channel, DrillSpec, Person, Trigger

INF = math.inf
NAN = math.nan

STREAM_HAZARD = 1
STREAM_PEOPLE = 2
STREAM_CHANNEL = 3
STREAM_ROLE = 4
STREAM_CREW = 5


def stream(seed: int, replication: int, kind: int, name: str = "") -> np.random.Generator:
    """The random generator for one named stream of one replication."""
    key = (replication, kind, zlib.crc32(name.encode("utf-8")))
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


def scheduled_events(env: simpy.Environment) -> int:
    """Number of events SimPy has scheduled so far (its event-id counter)."""
    return next(env._eid)


def run_drill(spec: DrillSpec, replication: int, seed: int) -> DrillResult:
    """Run one replication of the drill and return its records."""
    return _Drill(spec, replication, seed).run()


class _Drill:
    def __init__(self, spec: DrillSpec, replication: int, seed: int):
        self.spec = spec
        self.rep = replication
        self.seed = seed
        self.env = simpy.Environment()
        self.net = spec.network
        self.timeline: list[Event] = []
        self.power_on: Callable[[float], bool] = lambda t: True
        self._water(stream(seed, replication, STREAM_HAZARD))
        self._people(stream(seed, replication, STREAM_PEOPLE))
        self._routing_graph()
        self.order_s = NAN
        self._levels_declared: set[str] = set()
        self._crews_relaying: set[tuple[str, int]] = set()
        nn = len(self.net.nodes)
        self.seats = [nd.capacity_persons or 0 for nd in self.net.nodes]
        self.gate_free = [0.0] * (2 * len(self.net.links))
        self.on_link: list[list[float]] = [[] for _ in self.net.links]
        self.link_peak_queue = [0] * len(self.net.links)
        self.node_of_hoist: dict[int, Cage] = {}
        self.cages: list[Cage] = []
        for h in spec.hoists:
            cage = Cage(self.env, h, station_usable=self._station_usable, powered=self.power_on)
            self.cages.append(cage)
            for s in h.stations[1:]:
                self.node_of_hoist[s] = cage
        self.in_refuge: dict[int, list[int]] = defaultdict(list)
        self.present = [0] * nn
        for p in spec.people:
            self.present[p.start] += 1

    # ------------------------------------------------------------------ set-up
    def _water(self, rng: np.random.Generator) -> None:
        spec = self.spec
        inr = spec.inrush
        if inr is None:
            self.water: WaterTimeline = no_water(self.net, spec.duration_s)
            self.inflow_factor = 1.0
        else:
            self.inflow_factor = inr.factor.sample(rng)
            self.water = water_timeline(
                inr.geometry,
                hydro_t_s=inr.hydro_t_s,
                hydro_m3ps=inr.hydro_m3ps,
                start_s=inr.start_s,
                factor=self.inflow_factor,
                pumping_m3ps=inr.pumping_m3ps,
                duration_s=spec.duration_s,
            )
        self._node_limit_cache: dict[float, list[float]] = {}
        self._link_limit_cache: dict[float, list[float]] = {}

    def node_impassable_s(self, node: int, limit: float) -> float:
        arr = self._node_limit_cache.get(limit)
        if arr is None:
            arr = [self.water.node_time_depth(i, limit) for i in range(len(self.net.nodes))]
            self._node_limit_cache[limit] = arr
        return arr[node]

    def link_impassable_s(self, link: int, limit: float) -> float:
        arr = self._link_limit_cache.get(limit)
        if arr is None:
            arr = [self.water.link_time_depth(k, limit) for k in range(len(self.net.links))]
            self._link_limit_cache[limit] = arr
        return arr[link]

    def _people(self, rng: np.random.Generator) -> None:
        spec = self.spec
        n = len(spec.people)
        self.speed = [0.0] * n
        self.response = [0.0] * n
        for p in spec.people:
            prof = spec.profiles[p.profile]
            z = rng.standard_normal()
            self.speed[p.index] = prof.speed_mps * max(1.0 + prof.speed_cv * z, 0.3)
            self.response[p.index] = spec.behaviour.response_delay[p.profile].sample(rng)
        self.warned_s = [NAN] * n
        self.warned_by = [""] * n
        self.departed_s = [NAN] * n
        self.outcome = ["underground"] * n
        self.outcome_s = [NAN] * n
        self.end = [p.start for p in spec.people]
        self.margin = [NAN] * n
        self.warn_ev = [self.env.event() for _ in range(n)]
        self.unwarned_at: dict[int, set[int]] = defaultdict(set)
        self.crew_members: dict[str, list[int]] = defaultdict(list)
        for p in spec.people:
            self.unwarned_at[p.start].add(p.index)
            self.crew_members[p.crew].append(p.index)
        self.n_unwarned = n

    def _routing_graph(self) -> None:
        g = nx.DiGraph()
        g.add_nodes_from(range(len(self.net.nodes)))
        for u, adj in enumerate(self.net.walk_adjacency):
            for k, v in adj:
                lk = self.net.links[k]
                if g.has_edge(u, v) and g[u][v]["length"] <= lk.length_m:
                    continue
                g.add_edge(u, v, link=k, length=lk.length_m, hoist=None)
        for h in self.spec.hoists:
            for s in h.stations[1:]:
                g.add_edge(s, h.collar, link=None, length=0.0, hoist=h, station=s)
        self.graph = g

    # ------------------------------------------------------------------ run
    def run(self) -> DrillResult:
        env = self.env
        env.process(self._decisions())
        env.process(self._water_cues())
        for p in self.spec.people:
            env.process(self._person(p))
        env.run(until=self.spec.duration_s)
        return self._result()

    def log(self, kind: str, what: str, t: float | None = None) -> None:
        self.timeline.append(Event(float(self.env.now if t is None else t), kind, what))

    # ------------------------------------------------------------------ warning
    def warn(self, i: int, channel: str) -> None:
        if self.warned_by[i]:
            return
        now = self.env.now
        self.warned_s[i] = now
        self.warned_by[i] = channel
        self.n_unwarned -= 1
        p = self.spec.people[i]
        self.unwarned_at[p.start].discard(i)
        self.warn_ev[i].succeed(now)
        key = (p.crew, p.start)
        if key not in self._crews_relaying:
            self._crews_relaying.add(key)
            self.env.process(self._crew_relay(p.crew, p.start))

    def _crew_relay(self, crew: str, node: int) -> Iterator[Any]:
        rng = stream(self.seed, self.rep, STREAM_CREW, f"{crew}@{node}")
        yield self.env.timeout(self.spec.behaviour.crew_relay.sample(rng))
        for j in self.crew_members[crew]:
            if not self.warned_by[j] and self.spec.people[j].start == node:
                self.warn(j, "crew")

    def _water_cues(self) -> Iterator[Any]:
        inr = self.spec.inrush
        if inr is None:
            return
        cue = self.spec.behaviour.water_cue_depth_m
        times = []
        for node, people in self.unwarned_at.items():
            if not people:
                continue
            t = inr.start_s if node == inr.source else self.water.node_time_depth(node, cue)
            if t < self.spec.duration_s:
                times.append((t, node))
        times.sort()
        for t, node in times:
            if t > self.env.now:
                yield self.env.timeout(t - self.env.now)
            if node == inr.source:
                self.log("hazard", f"inrush at {self.net.nodes[node].id}")
            for i in sorted(self.unwarned_at[node]):
                self.warn(i, "water")

    def give_order(self, channels: tuple[str, ...] | None, by: str) -> None:
        if not math.isnan(self.order_s):
            return
        self.order_s = self.env.now
        self.log("order", f"evacuation order given by {by}")
        for ch in self.spec.channels:
            if channels is None or ch.id in channels:
                self.env.process(self._channel(ch))

    def _channel(self, ch: Channel) -> Iterator[Any]:
        env = self.env
        rng = stream(self.seed, self.rep, STREAM_CHANNEL, ch.id)
        works = rng.random() < ch.reliability
        yield env.timeout(ch.activation_delay.sample(rng))
        if not works:
            self.log("channel", f"{ch.id} failed")
            return
        if ch.needs_mains_power and not self.power_on(env.now) and ch.backup_power_h <= 0:
            self.log("channel", f"{ch.id} has no power")
            return
        self.log("channel", f"{ch.id} on")
        if ch.type == "station_phones":
            yield from self._phones(ch, rng)
        elif ch.type == "runner":
            yield from self._runner(ch)
        else:
            yield from self._announce(ch, rng)

    def _announce(self, ch: Channel, rng: np.random.Generator) -> Iterator[Any]:
        people = self.spec.people
        cover = set(ch.coverage) if ch.coverage else None
        if ch.type == "cap_lamp_paging":
            def eligible(i: int) -> bool:
                return people[i].paging
        elif ch.type == "leaky_feeder":
            def eligible(i: int) -> bool:
                return people[i].radio
        else:
            def eligible(i: int) -> bool:
                return True
        nodes = sorted(cover) if cover is not None else sorted(self.unwarned_at)
        while True:
            targets = [i for nd in nodes for i in sorted(self.unwarned_at.get(nd, ())) if eligible(i)]
            if not targets:
                return
            for i in targets:
                if rng.random() < ch.hear_probability:
                    self.warn(i, ch.id)
            yield self.env.timeout(ch.repeat_interval_s)

    def _phones(self, ch: Channel, rng: np.random.Generator) -> Iterator[Any]:
        answered: set[int] = set()
        while self.n_unwarned > 0 and len(answered) < len(ch.coverage):
            for node in ch.coverage:
                if node in answered:
                    continue
                if self.present[node] > 0:
                    yield self.env.timeout(ch.call_duration.sample(rng))
                    answered.add(node)
                    for i in sorted(self.unwarned_at.get(node, ())):
                        self.warn(i, ch.id)
                else:
                    yield self.env.timeout(ch.ring_s)

    def _runner(self, ch: Channel) -> Iterator[Any]:
        assert ch.start is not None
        node = ch.start
        for i in sorted(self.unwarned_at.get(node, ())):
            self.warn(i, ch.id)
        for target in ch.coverage:
            try:
                path = nx.shortest_path(self.graph, node, target, weight=self._dry_weight)
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                continue
            for u, v in itertools.pairwise(path):
                lk = self.graph[u][v]["link"]
                if lk is None:
                    continue
                link = self.net.links[lk]
                yield self.env.timeout(self._walk_time(link, u, movement.FREE_SPEED_MPS, 0.0, 0.0,
                                                       movement.CLIMB_MPS))
                for i in sorted(self.unwarned_at.get(v, ())):
                    self.warn(i, ch.id)
            node = target

    # ------------------------------------------------------------------ decisions
    def _decisions(self) -> Iterator[Any]:
        spec = self.spec
        env = self.env
        if spec.order_at_s is not None:
            yield env.timeout(spec.order_at_s)
            self.give_order(spec.order_channels, "the scenario")
            return
        due = []
        for tr in spec.triggers:
            rng = stream(self.seed, self.rep, STREAM_ROLE, "trigger:" + tr.id)
            t = self._trigger_time(tr)
            if t < INF:
                due.append((t + tr.detection_delay.sample(rng), t, tr.id, tr))
        due.sort(key=lambda x: (x[0], x[2]))
        for t_known, t_met, _, tr in due:
            if t_known > spec.duration_s:
                break
            if t_known > env.now:
                yield env.timeout(t_known - env.now)
            self.log("trigger", f"{tr.id} met ({tr.level})", t=t_met)
            if tr.level in self._levels_declared:
                continue
            self._levels_declared.add(tr.level)
            env.process(self._decide(tr))

    def _trigger_time(self, tr: Trigger) -> float:
        if tr.quantity == "elapsed_s":
            return tr.threshold
        inr = self.spec.inrush
        if inr is None:
            return INF
        if tr.quantity == "water_depth_m":
            assert tr.node is not None
            return self.water.node_time_depth(tr.node, max(tr.threshold, 1e-6))
        # inrush_inflow_m3ph: first time the scaled hydrograph reaches the threshold
        q = np.asarray(inr.hydro_m3ps) * self.inflow_factor * 3600.0
        ts = np.asarray(inr.hydro_t_s)
        if q[0] >= tr.threshold:
            return inr.start_s + ts[0]
        for k in range(1, len(q)):
            if q[k] >= tr.threshold:
                f = (tr.threshold - q[k - 1]) / (q[k] - q[k - 1])
                return inr.start_s + ts[k - 1] + f * (ts[k] - ts[k - 1])
        return INF

    def _who_acts(self, role_id: str) -> Iterator[Any]:
        """Find the first present holder of ``role_id`` or its backups; yields the handover waits."""
        roles = self.spec.roles
        chain = [role_id, *roles[role_id].backups]
        for k, rid in enumerate(chain):
            role = roles[rid]
            rng = stream(self.seed, self.rep, STREAM_ROLE, rid)
            present = rng.random() < role.present_probability
            if present:
                return rid, role.decision_delay.sample(rng)
            self.log("decision", f"{role.title} absent")
            if k + 1 < len(chain):
                yield self.env.timeout(role.handover.sample(rng))
        return None, 0.0

    def _decide(self, tr: Trigger) -> Iterator[Any]:
        who, delay = yield from self._who_acts(tr.owner)
        if who is None:
            self.log("decision", f"nobody to decide on {tr.id}")
            return
        yield self.env.timeout(delay)
        self.log("decision", f"{self.spec.roles[who].title} declares {tr.level}")
        for action in self.spec.actions_by_level.get(tr.level, ()):
            self.env.process(self._act(action, who))

    def _act(self, action: Action, decided_by: str) -> Iterator[Any]:
        actor = decided_by
        chain = (action.owner, *self.spec.roles[action.owner].backups)
        if decided_by not in chain:  # another post carries it out, after its own decision
            who, delay = yield from self._who_acts(action.owner)
            if who is None:
                self.log("decision", f"nobody to carry out {action.action}")
                return
            yield self.env.timeout(delay)
            actor = who
        title = self.spec.roles[actor].title
        if action.action == "evacuate_underground":
            self.give_order(action.channels, title)
        else:
            self.log("action", f"{action.action} by {title}")

    # ------------------------------------------------------------------ people
    def _station_usable(self, station: int, t: float) -> bool:
        return self.water.node_depth(station, t) < movement.WADING_LIMIT_M

    def _person(self, p: Person) -> Iterator[Any]:
        env = self.env
        i = p.index
        prof = self.spec.profiles[p.profile]
        limit = prof.wading_limit_m
        node = p.start
        t_catch = self.node_impassable_s(node, limit)
        ev = self.warn_ev[i]
        if t_catch < INF:
            yield ev | env.timeout(max(t_catch - env.now, 0.0))
            if not ev.triggered:
                self._caught(i, node)
                return
        else:
            yield ev
        if env.now + self.response[i] >= t_catch:
            yield env.timeout(max(t_catch - env.now, 0.0))
            self._caught(i, node)
            return
        yield env.timeout(self.response[i])
        self.departed_s[i] = env.now
        self.present[node] -= 1
        yield from self._walk(p, prof, node)

    def _caught(self, i: int, node: int) -> None:
        self.outcome[i] = "caught"
        self.outcome_s[i] = self.env.now
        self.end[i] = node

    def _walk(self, p: Person, prof, node: int) -> Iterator[Any]:
        env = self.env
        net = self.net
        i = p.index
        limit = prof.wading_limit_m
        route = self.spec.routes.get(p.start)
        path = list(self._planned_path(node, route)) if route else None
        if path is None:
            path = self._reroute(node, i, prof)
        refuges_full: set[int] = set()
        margin = INF
        pos = 0
        while True:
            if net.is_surface(node):
                self._safe(i, "surface", node, margin)
                return
            if path is None:
                # trapped: nowhere to go; wait for the water or the end of the drill
                t_catch = self.node_impassable_s(node, limit)
                if t_catch < self.spec.duration_s:
                    yield env.timeout(max(t_catch - env.now, 0.0))
                    self._caught(i, node)
                else:
                    self.end[i] = node
                return
            if pos >= len(path) - 1:
                if node in self.spec.refuges and node not in refuges_full:
                    if self.seats[node] > 0:
                        self.seats[node] -= 1
                        self.in_refuge[node].append(i)
                        self._safe(i, "refuge", node, margin)
                        return
                    refuges_full.add(node)
                path, pos = self._reroute(node, i, prof, avoid_refuges=refuges_full), 0
                continue
            nxt = path[pos + 1]
            edge = self.graph.get_edge_data(node, nxt)
            if edge is None:
                path, pos = self._reroute(node, i, prof, avoid_refuges=refuges_full), 0
                continue
            if edge["hoist"] is not None:
                cage = self.node_of_hoist[node]
                if not cage.available(env.now) or not self._station_usable(node, env.now):
                    path, pos = self._reroute(node, i, prof, avoid_refuges=refuges_full, no_hoist=True), 0
                    continue
                self.present[node] += 1
                rider = cage.request(node, i)
                t_catch = self.node_impassable_s(node, limit)
                if t_catch < INF:
                    yield rider.boarded | env.timeout(max(t_catch - env.now, 0.0))
                    if not rider.boarded.triggered:
                        cage.withdraw(node, i)
                        self.present[node] -= 1
                        self._caught(i, node)
                        return
                else:
                    yield rider.boarded
                self.present[node] -= 1
                margin = min(margin, t_catch - rider.boarded.value)
                yield rider.landed
                node, pos = nxt, pos + 1
                continue
            link = net.links[edge["link"]]
            now = env.now
            depth = self.water.link_depth(link.index, now)
            if depth >= limit:
                path, pos = self._reroute(node, i, prof, avoid_refuges=refuges_full), 0
                continue
            key = 2 * link.index + (0 if link.a == node else 1)
            cap = link.capacity_pps(depth, prof.climb_mps)
            t_enter = max(now, self.gate_free[key])
            self.gate_free[key] = t_enter + 1.0 / cap
            queued = int((t_enter - now) * cap)
            if queued > self.link_peak_queue[link.index]:
                self.link_peak_queue[link.index] = queued
            occ = self.on_link[link.index]
            while occ and occ[0] <= t_enter:
                heapq.heappop(occ)
            density = len(occ) / (link.length_m * link.width_m)
            travel = self._walk_time(link, node, self.speed[i], depth, density, prof.climb_mps)
            t_exit = t_enter + travel
            heapq.heappush(occ, t_exit)
            t_here = self.node_impassable_s(node, limit)
            t_there = self.node_impassable_s(nxt, limit)
            if t_here < t_enter or t_there < t_exit:
                t_c = t_here if t_here < t_enter else max(t_there, t_enter)
                yield env.timeout(max(t_c - now, 0.0))
                self._caught(i, node if t_here < t_enter else nxt)
                return
            yield env.timeout(t_exit - now)
            margin = min(margin, t_here - t_enter)
            node, pos = nxt, pos + 1

    def _walk_time(self, link, from_node: int, speed: float, depth: float, density: float,
                   climb_mps: float) -> float:
        net = self.net
        to_node = link.b if link.a == from_node else link.a
        rise = net.nodes[to_node].elevation_m - net.nodes[from_node].elevation_m
        if link.kind == "ladderway":
            return movement.passage_time_s(abs(rise), abs(rise), climb_mps, depth)
        run = math.sqrt(max(link.length_m**2 - rise**2, 0.0))
        v = speed * movement.slope_factor(rise, run) * movement.crowd_factor(density)
        return movement.passage_time_s(link.length_m, rise, v, depth)

    def _safe(self, i: int, outcome: str, node: int, margin: float) -> None:
        limit = self.spec.profiles[self.spec.people[i].profile].wading_limit_m
        margin = min(margin, self.node_impassable_s(node, limit) - self.env.now)
        self.outcome[i] = outcome
        self.outcome_s[i] = self.env.now
        self.end[i] = node
        self.margin[i] = margin

    def _planned_path(self, node: int, route) -> list[int] | None:
        path = list(route.path)
        if path[0] == node:
            return path
        try:
            lead = nx.shortest_path(self.graph, node, path[0], weight="length")
        except nx.NetworkXNoPath:
            return None
        return lead[:-1] + path

    def _dry_weight(self, u: int, v: int, d: dict) -> float | None:
        return d["length"] if d["hoist"] is None else 60.0

    def _reroute(self, node: int, i: int, prof, *, avoid_refuges: set[int] = frozenset(),
                 no_hoist: bool = False) -> list[int] | None:
        """Nearest exit by the passable network now; else the nearest refuge with seats."""
        now = self.env.now
        limit = prof.wading_limit_m
        water = self.water
        net = self.net

        def weight(u: int, v: int, d: dict) -> float | None:
            if d["hoist"] is not None:
                if no_hoist:
                    return None
                cage = self.node_of_hoist[u]
                if not cage.available(now) or not self._station_usable(u, now):
                    return None
                h = cage.h
                return 2 * h.wind_s(u, h.collar) + (cage.queue_length() // h.capacity + 1) * 60.0
            k = d["link"]
            if water.link_depth(k, now) >= limit:
                return None
            return self._walk_time(net.links[k], u, prof.speed_mps, 0.0, 0.0, prof.climb_mps)

        dist, paths = nx.single_source_dijkstra(self.graph, node, weight=weight)
        exits = [x for x in dist if net.is_surface(x)]
        if exits:
            best = min(exits, key=lambda x: (dist[x], x))
            return paths[best]
        refuges = [x for x in dist if x in self.spec.refuges and x not in avoid_refuges and self.seats[x] > 0]
        if refuges:
            best = min(refuges, key=lambda x: (dist[x], x))
            return paths[best]
        return None

    # ------------------------------------------------------------------ results
    def _result(self) -> DrillResult:
        spec = self.spec
        net = self.net
        end_t = spec.duration_s
        # a refuge whose chamber floods loses its occupants
        for node, occupants in self.in_refuge.items():
            t_fail = self.water.node_time_depth(node, movement.WADING_LIMIT_M)
            if t_fail < end_t:
                for i in occupants:
                    if self.outcome_s[i] < t_fail:
                        self.outcome[i] = "caught"
                        self.outcome_s[i] = t_fail
                        self.margin[i] = NAN
                self.log("hazard", f"refuge {net.nodes[node].id} flooded", t=t_fail)
        node_water = tuple(float(self.water.node_time_depth(k, movement.WET_DEPTH_M)) for k in range(len(net.nodes)))
        for k, t in enumerate(node_water):
            if t < end_t and net.nodes[k].kind in ("shaft_station", "refuge", "workplace"):
                self.log("water", f"water at {net.nodes[k].id}", t=t)
        people = []
        clear: dict[int, float] = {}
        for p in spec.people:
            i = p.index
            t_out = self.outcome_s[i]
            safe = self.outcome[i] in ("surface", "refuge")
            prev = clear.get(p.start, 0.0)
            clear[p.start] = max(prev, t_out) if safe else INF
            people.append(
                PersonRecord(
                    replication=self.rep,
                    person=p.id,
                    profile=p.profile,
                    crew=p.crew,
                    start=net.nodes[p.start].id,
                    warned_s=float(self.warned_s[i]),
                    warned_by=self.warned_by[i],
                    departed_s=float(self.departed_s[i]),
                    outcome=self.outcome[i],
                    outcome_s=float(t_out),
                    end=net.nodes[self.end[i]].id,
                    margin_s=float(self.margin[i]) if safe else NAN,
                    water_s=node_water[p.start],
                )
            )
        hoists = []
        for cage in self.cages:
            st = cage.stats
            hoists.append(
                HoistRecord(
                    replication=self.rep,
                    hoist=cage.h.id,
                    trips=st.trips,
                    persons=st.persons,
                    busy_s=float(st.busy_s),
                    utilisation=float(st.busy_s / end_t),
                    max_queue=st.max_queue,
                    mean_wait_s=float(np.mean(st.waits)) if st.waits else NAN,
                )
            )
        node_clear = tuple(float(clear.get(k, NAN)) for k in range(len(net.nodes)))
        self.timeline.sort(key=lambda e: (e.t_s, e.kind, e.what))
        return DrillResult(
            replication=self.rep,
            people=tuple(people),
            hoists=tuple(hoists),
            timeline=tuple(self.timeline),
            order_s=float(self.order_s),
            node_water_s=node_water,
            node_clear_s=node_clear,
            link_peak_queue=tuple(self.link_peak_queue),
            events=scheduled_events(self.env),
        )
