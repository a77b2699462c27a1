"""The compiled site network: nodes, passages and who can go where.

Walking passages (drifts, ramps, inclines, ladderways, footpaths) carry people; shaft segments
carry only water (people ride the hoist instead, see :mod:`drills.model.hoist`).
"""

from __future__ import annotations

from dataclasses import dataclass

from drills.model import movement

WALKABLE = frozenset({"drift", "ramp", "incline", "ladderway", "footpath", "road"})
SURFACE_KINDS = frozenset({"collar", "portal", "surface"})


@dataclass(frozen=True)
class Node:
    id: str
    index: int
    kind: str
    elevation_m: float
    x_m: float
    y_m: float
    level: str | None
    capacity_persons: int | None
    supplies_h: float | None
    void_volume_m3: float
    void_height_m: float
    above_valley_floor_m: float = 0.0


@dataclass(frozen=True)
class Link:
    """A passage; ``a`` and ``b`` are node indices; travel is allowed a→b, and b→a unless one-way."""

    id: str
    index: int
    kind: str
    a: int
    b: int
    length_m: float
    width_m: float
    height_m: float
    capacity_override_pps: float | None
    one_way: bool
    road_class: str | None = None
    lanes: int | None = None
    bridge: bool = False

    @property
    def walkable(self) -> bool:
        return self.kind in WALKABLE

    def capacity_pps(self, depth_m: float = 0.0, climb_mps: float = movement.CLIMB_MPS) -> float:
        if self.capacity_override_pps is not None:
            return self.capacity_override_pps
        if self.kind == "ladderway":
            return movement.ladder_capacity_pps(climb_mps)
        return movement.flow_capacity_pps(self.width_m, depth_m)


@dataclass(frozen=True)
class Network:
    """Nodes and links with adjacency lists.

    Attributes:
        walk_adjacency: node → ((link index, neighbour), ...) for walking, respecting one-way links.
        water_adjacency: node → ((link index, neighbour), ...) over every passage incl. shafts.
    """

    nodes: tuple[Node, ...]
    links: tuple[Link, ...]
    index: dict[str, int]
    link_index: dict[str, int]
    walk_adjacency: tuple[tuple[tuple[int, int], ...], ...]
    water_adjacency: tuple[tuple[tuple[int, int], ...], ...]

    @classmethod
    def build(cls, nodes: list[Node], links: list[Link]) -> Network:
        walk: list[list[tuple[int, int]]] = [[] for _ in nodes]
        water: list[list[tuple[int, int]]] = [[] for _ in nodes]
        for lk in links:
            water[lk.a].append((lk.index, lk.b))
            water[lk.b].append((lk.index, lk.a))
            if lk.walkable:
                walk[lk.a].append((lk.index, lk.b))
                if not lk.one_way:
                    walk[lk.b].append((lk.index, lk.a))
        return cls(
            nodes=tuple(nodes),
            links=tuple(links),
            index={n.id: n.index for n in nodes},
            link_index={lk.id: lk.index for lk in links},
            walk_adjacency=tuple(tuple(x) for x in walk),
            water_adjacency=tuple(tuple(x) for x in water),
        )

    def is_surface(self, node: int) -> bool:
        return self.nodes[node].kind in SURFACE_KINDS
