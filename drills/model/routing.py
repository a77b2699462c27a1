"""Routing data that depend only on the site and plan, built once per drill spec and reused by every
replication: the walking and driving graphs, per-passage constants, and planned paths.

A plan's route serves the places in its ``from`` and leads along its ``path`` to a way out. People join their
route where they are (:func:`join_at`): whoever starts at a place of the path sets out from there and follows
the path on to its end, never back towards ``path[0]`` (a level's route may well be written from its far end,
the heading, through the workplaces on the way out). Whoever starts off the path walks the shortest way to the
place of the path nearest them on foot (passages only; a cage ride is no walk) and follows the path on from
there; of two places equally near, the one further along the path. Only someone who can reach no place of the
path on foot counts the cage rides too."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from drills.model import movement
from drills.model.network import Network

DRIVABLE = frozenset({"road"})


@dataclass
class Hop:
    """One directed hop of a graph: a passage (link) or a hoist ride."""

    link: int | None
    hoist: Any | None
    rise_m: float = 0.0
    slope: float = 1.0
    length_m: float = 0.0
    key: int = -1  # the passage's gate in this direction: 2 * link (from its end a) or 2 * link + 1


@dataclass
class Routing:
    """Graphs and constants for one spec (built by :func:`routing_of`)."""

    net: Network
    walk: nx.DiGraph
    drive: nx.DiGraph
    hops: dict[tuple[int, int], Hop]
    planned: dict[int, list[int] | None] = field(default_factory=dict)
    planned_legs: dict[int, list[tuple[int, Hop | None]] | None] = field(default_factory=dict)
    surface: list[bool] = field(default_factory=list)
    assembly: list[bool] = field(default_factory=list)
    dry_capacity: list[float] = field(default_factory=list)
    node_ids: list[str] = field(default_factory=list)
    ladder: list[bool] = field(default_factory=list)
    area: list[float] = field(default_factory=list)
    listeners: dict[str, frozenset[int]] = field(default_factory=dict)  # parties a paging/radio channel reaches
    audible: dict[tuple[tuple[int, ...], float], list[int]] = field(default_factory=dict)  # households in earshot
    air: dict[int, dict[int, float]] = field(default_factory=dict)  # air-path lengths from a release point
    hoists: tuple = ()  # the site's hoists (HoistDef), for a runner's cage rides
    _party_static: Any = None
    _rides: nx.DiGraph | None = None

    def party_static(self, spec: Any) -> PartyStatic:
        """Per-party constants of the spec (profiles, places, groups), built once."""
        if self._party_static is None:
            self._party_static = PartyStatic.of(spec)
        return self._party_static

    def legs_of(self, path: list[int] | None) -> list[tuple[int, Hop | None]] | None:
        """A path as its hops: ``(next node, hop)`` for each step; the hop is None where the graph has none."""
        if path is None:
            return None
        hops = self.hops
        return [(v, hops.get((u, v))) for u, v in itertools.pairwise(path)]

    def legs(self, graph: nx.DiGraph, source: int, target: int, time_of,
             shut: Callable[[int], bool] | None = None) -> list[tuple[int, int, float]]:
        """The hops of the shortest way from ``source`` to ``target`` by ``graph``, leaving out the passages ``shut``
        says are closed: ``(from, to, seconds)``, the seconds ``time_of`` the hop; [] if no way joins them."""
        try:
            path = nx.shortest_path(graph, source, target, weight=_open("length", shut))
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []
        out = []
        for u, v in itertools.pairwise(path):
            hop = self.hops[(u, v)]
            if hop.link is None:
                continue
            out.append((u, v, time_of(hop)))
        return out

    def walk_legs(self, source: int, target: int, speed: float,
                  shut: Callable[[int], bool] | None = None) -> list[tuple[int, int, float]]:
        """Dry walking legs from ``source`` to ``target`` at ``speed`` (for door-to-door teams), leaving out the
        passages ``shut``."""
        return self.legs(self.walk, source, target, lambda h: self._walk_s(h, speed), shut)

    def _walk_s(self, h: Hop, speed: float) -> float:
        """Seconds to walk (or climb) one dry hop at ``speed``."""
        if h.link is not None and self.net.links[h.link].kind == "ladderway":
            return abs(h.rise_m) / movement.CLIMB_MPS
        return h.length_m / (speed * h.slope)

    def runner_legs(self, source: int, target: int, speed: float, shut: Callable[[int], bool] | None = None,
                    flooded: Callable[[int], bool] | None = None) -> list[tuple[int, int, float, Any]]:
        """A runner's legs from ``source`` to ``target``: ``(from, to, seconds, hoist)``, the hoist None on foot.

        On foot, the shortest way through the passages, where one joins them (as everyone's route is joined,
        :func:`join_at`); else the quickest way by the passages and the cages, which carry a runner down as well
        as up (a ride's seconds here are its wind, signal and travel, without the wait for the cage: the drill adds
        that); [] if neither joins them. The passages ``shut`` are left out, and so are the rides from or to a
        station ``flooded`` says the cage no longer calls at."""
        def seconds(u: Any, v: Any, d: dict) -> float | None:
            if d["hoist"] is None:
                return d["length"] / speed
            return None if flooded is not None and (flooded(u) or flooded(v)) else d["wind_s"]

        graph = self.walk
        try:
            path = nx.shortest_path(graph, source, target, weight=_open(on_foot, shut))
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            graph = self.ride_graph()
            try:
                path = nx.shortest_path(graph, source, target, weight=_open(seconds, shut))
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                return []
        out: list[tuple[int, int, float, Any]] = []
        for u, v in itertools.pairwise(path):
            hoist = graph[u][v]["hoist"]
            t = graph[u][v]["wind_s"] if hoist is not None else self._walk_s(self.hops[(u, v)], speed)
            out.append((u, v, t, hoist))
        return out

    def ride_graph(self) -> nx.DiGraph:
        """The passages on foot and every cage ride between two stations of a hoist, either way (built once)."""
        if self._rides is None:
            rides = nx.DiGraph()
            rides.add_nodes_from(self.walk.nodes)
            rides.add_edges_from((u, v, d) for u, v, d in self.walk.edges(data=True) if d["hoist"] is None)
            for h in self.hoists:
                for a, b in itertools.permutations(h.stations, 2):
                    if not rides.has_edge(a, b):  # a passage between two stations is walked
                        rides.add_edge(a, b, hoist=h, wind_s=h.wind_table[(a, b)])
            self._rides = rides
        return self._rides

    def drive_legs(self, source: int, target: int, speed: float,
                   shut: Callable[[int], bool] | None = None) -> list[tuple[int, int, float]]:
        return self.legs(self.drive, source, target, lambda h: h.length_m / speed, shut)

    def air_path_m(self, source: int) -> dict[int, float]:
        """The length of the shortest path from ``source`` to each node it joins, through every passage
        (shafts included, either way): the way the ventilation air carries stench gas (built once per source)."""
        got = self.air.get(source)
        if got is None:
            graph = nx.Graph()
            graph.add_nodes_from(range(len(self.net.nodes)))
            for u, adj in enumerate(self.net.water_adjacency):
                for k, v in adj:
                    graph.add_edge(u, v, length=self.net.links[k].length_m)
            got = self.air[source] = nx.single_source_dijkstra_path_length(graph, source, weight="length")
        return got


@dataclass
class PartyStatic:
    """Everything about the parties that does not change between replications."""

    base_speed: np.ndarray
    speed_cv: np.ndarray
    compliance: np.ndarray
    by_profile: list[tuple[str, list[int]]]
    initial_outcome: list[str]
    starts: list[int]
    present: list[int]
    present_at: dict[int, list[int]]
    crew_parties: dict[str, list[int]]
    underground: int
    needs_help: list[int]
    foot_limit: list[float]  # the deepest water each party walks through (m)
    cue_first: list[bool]  # the water cue is shallower than they wade (and they are there from the start)
    present_count: list[int]  # people at each node at the start
    who: list[tuple[str, str, str, str, str]]  # per person: id, group, profile, crew, starting place id
    who_columns: tuple[tuple[str, ...], ...]  # the same as five columns (shared by every replication's records)
    party_of: list[int]  # per person, the party it belongs to
    one_each: bool  # every party is one person, the person with the party's index
    word_of_mouth: bool  # warned households tell their neighbours

    @classmethod
    def of(cls, spec: Any) -> PartyStatic:
        parties = spec.parties
        prof = [spec.profiles[p.profile] for p in parties]
        groups: dict[str, list[int]] = {}
        crews: dict[str, list[int]] = {}
        present_at: dict[int, list[int]] = {}
        who = [(q.id, q.group, q.profile, q.crew, spec.network.nodes[q.start].id) for q in spec.people]
        party_of = [0] * len(spec.people)
        for p in parties:
            for i in p.members:
                party_of[i] = p.index
            groups.setdefault(p.profile, []).append(p.index)
            crews.setdefault(p.crew, []).append(p.index)
            if p.enters_s == 0:
                present_at.setdefault(p.start, []).append(p.index)
        return cls(
            base_speed=np.array([f.speed_mps for f in prof], dtype=float),
            speed_cv=np.array([f.speed_cv for f in prof], dtype=float),
            compliance=np.array([spec.behaviour.compliance.get(p.profile, 1.0) for p in parties], dtype=float),
            by_profile=sorted(groups.items()),
            initial_outcome=["underground" if p.relay == "crew" else "in_place" for p in parties],
            starts=[p.start for p in parties],
            present=[p.index for p in parties if p.enters_s == 0],
            present_at=present_at,
            crew_parties=crews,
            underground=sum(len(p.members) for p in parties if p.relay == "crew" and p.enters_s == 0),
            needs_help=[p.index for p in parties if p.needs_help],
            foot_limit=[f.wading_limit_m for f in prof],
            cue_first=[spec.behaviour.water_cue_depth_m < f.wading_limit_m and p.enters_s == 0
                       for p, f in zip(parties, prof, strict=True)],
            present_count=[sum(len(p.members) for p in parties if p.start == i and p.enters_s == 0)
                           for i in range(len(spec.network.nodes))],
            who=who,
            who_columns=tuple(zip(*who, strict=True)) if who else ((),) * 5,
            party_of=party_of,
            one_each=all(p.members == (p.index,) for p in parties) and len(spec.people) == len(parties),
            word_of_mouth=(spec.behaviour.neighbour_relay is not None and spec.behaviour.neighbours_told > 0
                           and any(p.relay == "neighbours" for p in parties)),
        )


def build_routing(net: Network, hoists: tuple) -> Routing:
    walk = nx.DiGraph()
    drive = nx.DiGraph()
    walk.add_nodes_from(range(len(net.nodes)))
    drive.add_nodes_from(range(len(net.nodes)))
    hops: dict[tuple[int, int], Hop] = {}
    for u, adj in enumerate(net.walk_adjacency):
        for k, v in adj:
            lk = net.links[k]
            if walk.has_edge(u, v) and walk[u][v]["length"] <= lk.length_m:
                continue
            rise = net.nodes[v].elevation_m - net.nodes[u].elevation_m
            run = math.sqrt(max(lk.length_m**2 - rise**2, 0.0))
            hops[(u, v)] = Hop(k, None, rise, movement.slope_factor(rise, run), lk.length_m,
                               2 * k + (0 if lk.a == u else 1))
            walk.add_edge(u, v, link=k, length=lk.length_m, hoist=None)
            if lk.kind in DRIVABLE:
                drive.add_edge(u, v, link=k, length=lk.length_m, hoist=None)
    for h in hoists:
        for s in h.stations[1:]:
            hops[(s, h.collar)] = Hop(None, h)
            walk.add_edge(s, h.collar, link=None, length=0.0, hoist=h, station=s)
    surface = [net.is_surface(i) for i in range(len(net.nodes))]
    assembly = [nd.kind == "assembly_point" for nd in net.nodes]
    dry = [lk.capacity_pps(0.0) for lk in net.links]
    return Routing(net, walk, drive, hops, surface=surface, assembly=assembly, dry_capacity=dry,
                   node_ids=[nd.id for nd in net.nodes], ladder=[lk.kind == "ladderway" for lk in net.links],
                   area=[lk.length_m * lk.width_m for lk in net.links], hoists=tuple(hoists))


def routing_of(spec: Any) -> Routing:
    """The spec's routing data, built on first use and kept on the (frozen) spec."""
    r = spec.__dict__.get("_routing")
    if r is None:
        r = build_routing(spec.network, spec.hoists)
        for start, route in spec.routes.items():
            r.planned[start] = _planned_path(r.walk, start, route.path)
            r.planned_legs[start] = r.legs_of(r.planned[start])
        object.__setattr__(spec, "_routing", r)  # a cache on a frozen dataclass: same content, built once
    return r


def on_foot(u: Any, v: Any, d: dict) -> float | None:
    """A walking graph's edge weight on foot: its length, and no way by a cage ride (the edge is left out)."""
    return None if d.get("hoist") is not None else d["length"]


def _open(weight: Any, shut: Callable[[int], bool] | None) -> Any:
    """``weight`` (an edge attribute's name or a function), leaving out the passages ``shut`` says are closed (a cage
    ride is no passage); ``weight`` itself if none is."""
    if shut is None:
        return weight

    def open_weight(u: Any, v: Any, d: dict) -> float | None:
        if d.get("link") is not None and shut(d["link"]):
            return None
        return d[weight] if isinstance(weight, str) else weight(u, v, d)
    return open_weight


def join_at(graph: nx.DiGraph, start: Any, path: tuple | list) -> tuple[int, list] | None:
    """Where the people starting at ``start`` join the route ``path``: the index of the place of the path where
    they join it and the way there (``start`` first, that place last); None if no place of the path is reached.

    ``graph`` is a walking graph whose edges carry ``length`` (m) and, for a cage ride, ``hoist`` (anything but
    None). A place of the path is joined where it is; otherwise the place of the path nearest on foot, the
    one further along the path of two equally near; only if the path is out of reach on foot, the rides count
    (as their length, 0 in :func:`build_routing`)."""
    if start in path:
        i = list(path).index(start)
        return i, [start]
    for weight in (on_foot, "length"):
        dist, ways = nx.single_source_dijkstra(graph, start, weight=weight)
        reached = [i for i, n in enumerate(path) if n in dist]
        if reached:
            i = min(reached, key=lambda j: (dist[path[j]], -j))
            return i, ways[path[i]]
    return None


def _planned_path(graph: nx.DiGraph, start: int, path: tuple[int, ...]) -> list[int] | None:
    """The way of the people at ``start`` on their route: to where they join ``path``, then on along it."""
    joined = join_at(graph, start, path)
    if joined is None:
        return None
    i, lead = joined
    return lead[:-1] + list(path[i:])
