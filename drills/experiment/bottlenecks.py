"""Where the plan breaks, read from the drill records: who is warned late and why, where people queue,
whose route floods first, and whose delay dominates the order.

Causes of a late warning (AQ/T 9009-2015 附录A 预警与信息报告 and 应急通讯), tried in this order for each
person at risk who was not warned by the order before the water reached their place:

* ``trigger`` — no trigger of the order's level was met before the water came (threshold too high,
  trigger missing, sensor failed);
* ``decision`` — a trigger was met in time but the order came after the water (the decision chain:
  detection, decision, handover to an absent role's backup, a second post's decision);
* ``coverage`` — no channel the order uses reaches the person's place (outside every siren's radius, no
  PA at that workplace, no paging lamp, no phone);
* ``channel_out`` — every channel that reaches the place failed or could not send (power, network,
  a fault, its reliability);
* ``activation`` — the channels that reach the place came on only after the water;
* ``receipt`` — a channel was sounding before the water but the message was not heard or noticed
  (audibility, night, phones unanswered).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from drills.experiment.exercise import ExerciseResult
from drills.experiment.readings import MINE_ORDER, PUBLIC_ORDER, PersonState, person_states
from drills.experiment.scorecard import zone_of
from drills.model.records import DrillResult
from drills.model.routing import routing_of
from drills.model.spec import DrillSpec

CAUSES = ("trigger", "decision", "coverage", "channel_out", "activation", "receipt")
CAUSE_TEXT = {
    "trigger": "no trigger of the order's level was met before the water",
    "decision": "a trigger was met in time but the order came after the water (decision chain)",
    "coverage": "no channel of the order reaches this place",
    "channel_out": "every channel reaching this place failed or could not send",
    "activation": "the channels reaching this place came on after the water",
    "receipt": "a channel was sounding before the water but the message was not received",
}
RESIDENT_PLACES = ("household", "school", "field", "workplace")
_CHANNEL_EVENT = re.compile(r"^(?P<id>[A-Za-z0-9_.\-]+)(?::)? (?P<what>on|failed|cannot send.*|stopped.*)$")
_DECLARES = re.compile(r"^(?P<title>.+) declares (?P<level>blue|yellow|orange|red)$")
_AUTOMATIC = re.compile(r"^(?P<level>blue|yellow|orange|red) declared automatically by (?P<id>.+)$")
_ABSENT = re.compile(r"^(?P<title>.+) absent$")
_TRIGGER = re.compile(r"^(?P<id>.+) met \((?P<level>blue|yellow|orange|red)\)$")


@dataclass(frozen=True)
class PlaceWarning:
    """Late warnings at one starting place, over replications (counts are person-replications)."""

    place: str
    zone: str
    group: str
    people: int
    at_risk: int
    late: int
    late_replications: int
    never: int
    causes: dict[str, int]
    channels: tuple[str, ...]
    water_p50_s: float
    order_p50_s: float
    warned_p50_s: float
    first_warned_by: dict[str, int] = field(default_factory=dict)
    lead_p50_s: float = math.nan  # median time from the first trigger met to the water at the place

    @property
    def main_cause(self) -> str:
        return max(self.causes, key=lambda c: (self.causes[c], -CAUSES.index(c))) if self.causes else ""


@dataclass(frozen=True)
class LinkQueue:
    link: str
    kind: str
    p95_queue: float
    replications: int


@dataclass(frozen=True)
class HoistQueue:
    hoist: str
    p95_queue: float
    p50_wait_s: float
    p95_utilisation: float


@dataclass(frozen=True)
class DestinationLoad:
    """People ending at an assembly point or a refuge against its capacity."""

    node: str
    kind: str
    capacity: int | None
    p95_people: float


UNSAFE_REASONS = {
    "late_warning": "not warned by the order before the water",
    "did_not_leave": "warned in time but did not leave before the water (response delay or non-compliance)",
    "caught_on_route": "left in time but was caught on the way",
    "sheltered_in_flood": "sheltered upstairs in a house the flood reached",
    "not_out": "still underground when the drill ended",
}


def unsafe_reason(s: PersonState) -> str:
    """Why one unsafe person was not safe (keys of :data:`UNSAFE_REASONS`)."""
    p = s.record
    if s.late:
        return "late_warning"
    if p.outcome == "sheltered":
        return "sheltered_in_flood"
    if p.outcome != "caught":
        return "not_out"
    if math.isnan(p.departed_s) or (p.departed_s >= p.water_s and not s.source):
        return "did_not_leave"
    return "caught_on_route"


@dataclass(frozen=True)
class RouteFlood:
    """People not safe before the water, by starting place, with where the water found them."""

    place: str
    zone: str
    route: str
    unsafe: int
    replications: int
    caught_at: dict[str, int]
    on_planned_route: float
    departed_p50_s: float
    water_p50_s: float
    reasons: dict[str, int]

    @property
    def main_reason(self) -> str:
        return max(self.reasons, key=lambda r: (self.reasons[r], r)) if self.reasons else ""


@dataclass(frozen=True)
class RoleDelay:
    """One post's share of the time from the first trigger to an order."""

    role: str
    step: str  # "detect and declare" or "give the order"
    order: str
    p50_s: float
    p95_s: float
    replications: int
    absent_replications: int


@dataclass(frozen=True)
class Bottlenecks:
    warnings: tuple[PlaceWarning, ...]
    queues: tuple[LinkQueue, ...]
    hoists: tuple[HoistQueue, ...]
    destinations: tuple[DestinationLoad, ...]
    route_floods: tuple[RouteFlood, ...]
    role_delays: tuple[RoleDelay, ...]
    reach: dict[str, tuple[str, ...]]

    @property
    def dominant_role(self) -> RoleDelay | None:
        return max(self.role_delays, key=lambda d: d.p50_s, default=None)


def channel_reach(spec: DrillSpec) -> dict[str, set[int]]:
    """Channel id → starting places it can reach at all (static: before any luck or fault)."""
    net = spec.network
    routing = routing_of(spec)
    people_at: dict[int, list] = defaultdict(list)
    for p in spec.people:
        people_at[p.start].append(p)
    places = set(people_at)
    out: dict[str, set[int]] = {}
    for ch in spec.channels:
        cover = set(ch.coverage)
        if ch.type in ("mine_pa", "station_phones", "phone_tree"):
            reach = cover
        elif ch.type == "cap_lamp_paging":
            reach = {n for n in (cover or places) if any(p.paging for p in people_at[n])}
        elif ch.type == "leaky_feeder":
            reach = {n for n in (cover or places) if any(p.radio for p in people_at[n])}
        elif ch.type == "sms":
            reach = {n for n in (cover or places) if any(p.phone and p.group == "resident" for p in people_at[n])}
        elif ch.type in ("runner", "door_to_door"):
            reach = cover | ({ch.start} if ch.start is not None else set())
            if ch.type == "runner" and ch.start is not None:
                node = ch.start
                for target in ch.coverage:
                    reach |= {v for _, v, _ in routing.walk_legs(node, target, 1.0)}
                    node = target
        elif ch.type in ("siren", "village_loudspeaker", "loudspeaker_vehicle"):
            poles = set(cover)
            if ch.type == "loudspeaker_vehicle" and ch.start is not None:
                node = ch.start
                poles.add(node)
                for target in ch.coverage:
                    poles |= {v for _, v, _ in routing.drive_legs(node, target, 1.0)}
                    node = target
            reach = {n for n in places if net.nodes[n].kind in RESIDENT_PLACES and any(
                math.hypot(net.nodes[n].x_m - net.nodes[s].x_m, net.nodes[n].y_m - net.nodes[s].y_m)
                <= ch.audible_radius_m for s in poles)}
        else:  # pragma: no cover - the schema allows no other type
            reach = set()
        audience = "resident" if ch.public else "miner"
        out[ch.id] = {n for n in reach & places if any(p.group == audience for p in people_at[n])}
    return out


def order_channels(spec: DrillSpec, order: str) -> set[str]:
    """Channels the plan's order of this kind uses (all of its audience where an action names none)."""
    public = order == PUBLIC_ORDER
    names: set[str] = set()
    for acts in spec.actions_by_level.values():
        for a in acts:
            if a.action == order:
                names |= set(a.channels) if a.channels is not None else {c.id for c in spec.channels}
    return {c.id for c in spec.channels if c.id in names and c.public == public}


def _channel_status(res: DrillResult) -> tuple[dict[str, float], dict[str, float]]:
    """When each channel came on, and when each stopped or could not start (inf if it did not)."""
    on: dict[str, float] = {}
    out: dict[str, float] = {}
    for e in res.timeline:
        if e.kind != "channel":
            continue
        m = _CHANNEL_EVENT.match(e.what)
        if m is None:
            continue
        if m["what"] == "on":
            on.setdefault(m["id"], e.t_s)
        else:
            out.setdefault(m["id"], e.t_s)
    return on, out


def _first_met(res: DrillResult, spec: DrillSpec) -> dict[str, float]:
    levels = {o: {lv for lv, acts in spec.actions_by_level.items() if any(a.action == o for a in acts)}
              for o in (MINE_ORDER, PUBLIC_ORDER)}
    out = {MINE_ORDER: math.inf, PUBLIC_ORDER: math.inf}
    for e in res.timeline:
        m = _TRIGGER.match(e.what) if e.kind == "trigger" else None
        if m is None:
            continue
        for order, lv in levels.items():
            if m["level"] in lv:
                out[order] = min(out[order], e.t_s)
    return out


def late_cause(s: PersonState, spec: DrillSpec, res: DrillResult, reach: dict[str, set[int]],
               uses: dict[str, set[str]], first_met: dict[str, float],
               status: tuple[dict[str, float], dict[str, float]]) -> str:
    """Why one person at risk was warned late (see the module docstring)."""
    p = s.record
    order = MINE_ORDER if p.group == "miner" else PUBLIC_ORDER
    water = p.water_s
    if math.isnan(s.order_s) or s.order_s >= water:
        return "decision" if first_met[order] < water else "trigger"
    start = spec.network.index[p.start]
    covering = [c for c in uses[order] if start in reach.get(c, ())]
    if not covering:
        return "coverage"
    on, out = status
    working = [c for c in covering if c in on and out.get(c, math.inf) > on[c]]
    if not working:
        return "channel_out"
    if min(on[c] for c in working) >= water:
        return "activation"
    return "receipt"


def _median(values: Sequence[float]) -> float:
    v = [x for x in values if not math.isnan(x) and math.isfinite(x)]
    return float(np.median(v)) if v else math.nan


def _p95(values: Sequence[float]) -> float:
    v = [x for x in values if not math.isnan(x)]
    return float(np.percentile(v, 95, method="inverted_cdf")) if v else math.nan


def _warnings(ex: ExerciseResult, states_all: list[list[PersonState]],
              reach: dict[str, set[int]]) -> list[PlaceWarning]:
    spec = ex.spec
    uses = {o: order_channels(spec, o) for o in (MINE_ORDER, PUBLIC_ORDER)}
    people_at = Counter(spec.network.nodes[p.start].id for p in spec.people)
    group_at = {spec.network.nodes[p.start].id: p.group for p in spec.people}
    zone_at = {spec.network.nodes[p.start].id: zone_of(spec, p) for p in spec.people}
    acc: dict[str, dict] = defaultdict(lambda: {"at_risk": 0, "late": 0, "reps": set(), "never": 0,
                                                "causes": Counter(), "water": [], "order": [], "warned": [],
                                                "by": Counter(), "lead": []})
    for res, states in zip(ex.results, states_all, strict=True):
        status = _channel_status(res)
        first = _first_met(res, spec)
        for s in states:
            if not s.audience:
                continue
            a = acc[s.record.start]
            a["at_risk"] += s.at_risk
            if s.record.warned_by in ("", "water") and not s.source:
                a["never"] += 1
            if not s.late:
                continue
            a["late"] += 1
            a["reps"].add(res.replication)
            a["causes"][late_cause(s, spec, res, reach, uses, first, status)] += 1
            a["water"].append(s.record.water_s)
            a["order"].append(s.order_s)
            a["warned"].append(s.record.warned_s)
            order = MINE_ORDER if s.record.group == "miner" else PUBLIC_ORDER
            a["lead"].append(s.record.water_s - first[order])
            a["by"][s.record.warned_by or "never"] += 1
    out = []
    index = spec.network.index
    for place, a in acc.items():
        if not a["late"] and not a["never"]:
            continue
        channels = tuple(sorted(c for c, nodes in reach.items() if index[place] in nodes))
        out.append(PlaceWarning(place, zone_at[place], group_at[place], people_at[place], a["at_risk"], a["late"],
                                len(a["reps"]), a["never"], dict(a["causes"]), channels, _median(a["water"]),
                                _median(a["order"]), _median(a["warned"]), dict(a["by"]), _median(a["lead"])))
    return sorted(out, key=lambda w: (-w.late, -w.never, w.place))


def _queues(ex: ExerciseResult) -> tuple[list[LinkQueue], list[HoistQueue], list[DestinationLoad]]:
    spec = ex.spec
    net = spec.network
    peaks = np.array([r.link_peak_queue for r in ex.results]) if ex.results else np.zeros((0, len(net.links)))
    links = []
    for k, lk in enumerate(net.links):
        col = peaks[:, k] if len(peaks) else np.array([])
        if len(col) and col.max() > 0:
            links.append(LinkQueue(lk.id, lk.kind, _p95(list(col)), int((col > 0).sum())))
    links.sort(key=lambda q: (-q.p95_queue, q.link))
    hoists = []
    for h in spec.hoists:
        recs = [x for r in ex.results for x in r.hoists if x.hoist == h.id]
        hoists.append(HoistQueue(h.id, _p95([x.max_queue for x in recs]), _median([x.mean_wait_s for x in recs]),
                                 _p95([x.utilisation for x in recs])))
    dests = []
    for idx in (*spec.assembly_points, *spec.refuges):
        node = net.nodes[idx]
        outcome = "assembly" if node.kind == "assembly_point" else "refuge"
        counts = [sum(1 for p in r.people if p.end == node.id and p.outcome == outcome) for r in ex.results]
        dests.append(DestinationLoad(node.id, node.kind, node.capacity_persons, _p95(counts)))
    return links[:10], hoists, dests


def _route_floods(ex: ExerciseResult, states_all: list[list[PersonState]]) -> list[RouteFlood]:
    spec = ex.spec
    routing = routing_of(spec)
    index = spec.network.index
    acc: dict[str, dict] = defaultdict(lambda: {"n": 0, "reps": set(), "at": Counter(), "on": 0, "dep": [],
                                                "water": [], "why": Counter()})
    zone_at = {spec.network.nodes[p.start].id: zone_of(spec, p) for p in spec.people}
    for res, states in zip(ex.results, states_all, strict=True):
        for s in states:
            if not s.unsafe:
                continue
            p = s.record
            a = acc[p.start]
            a["n"] += 1
            a["reps"].add(res.replication)
            a["at"][p.end] += 1
            planned = routing.planned.get(index[p.start]) or []
            a["on"] += index[p.end] in planned[1:]
            a["dep"].append(p.departed_s)
            a["water"].append(res.node_water_s[index[p.end]])
            a["why"][unsafe_reason(s)] += 1
    out = []
    for place, a in acc.items():
        route = spec.routes.get(index[place])
        out.append(RouteFlood(place, zone_at[place], route.id if route else "", a["n"], len(a["reps"]),
                              dict(a["at"]), a["on"] / a["n"], _median(a["dep"]), _median(a["water"]),
                              dict(a["why"])))
    return sorted(out, key=lambda f: (-f.unsafe, f.place))


def _role_delays(ex: ExerciseResult) -> list[RoleDelay]:
    spec = ex.spec
    by_title = {r.title: r.id for r in spec.roles.values()}
    order_level: dict[str, set[str]] = {o: {lv for lv, acts in spec.actions_by_level.items()
                                            if any(a.action == o for a in acts)} for o in (MINE_ORDER, PUBLIC_ORDER)}
    owners = {o: [a.owner for acts in spec.actions_by_level.values() for a in acts if a.action == o]
              for o in (MINE_ORDER, PUBLIC_ORDER)}
    segs: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    absent: Counter[str] = Counter()
    for res in ex.results:
        first = _first_met(res, spec)
        declared: dict[str, tuple[float, str]] = {}
        seen_absent: set[str] = set()
        for e in res.timeline:
            if e.kind != "decision":
                continue
            m = _DECLARES.match(e.what)
            if m is not None and m["level"] not in declared:
                declared[m["level"]] = (e.t_s, by_title.get(m["title"], m["title"]))
            m = _AUTOMATIC.match(e.what)
            if m is not None and m["level"] not in declared:
                declared[m["level"]] = (e.t_s, "automatic")
            m = _ABSENT.match(e.what)
            if m is not None:
                seen_absent.add(by_title.get(m["title"], m["title"]))
        absent.update(seen_absent)
        for order, t_order in ((MINE_ORDER, res.order_s), (PUBLIC_ORDER, res.downstream_order_s)):
            if not math.isfinite(first[order]):
                continue
            decl = [declared[lv] for lv in order_level[order] if lv in declared]
            if not decl:
                continue
            t_decl, who = min(decl)
            segs[(who, "detect and declare", order)].append(t_decl - first[order])
            if owners[order] and not math.isnan(t_order):
                segs[(owners[order][0], "give the order", order)].append(t_order - t_decl)
    where = {MINE_ORDER: "underground", PUBLIC_ORDER: "downstream"}
    out = [RoleDelay(role, step, where[order], _median(v), _p95(v), len(v), absent.get(role, 0))
           for (role, step, order), v in segs.items()]
    return sorted(out, key=lambda d: (-d.p50_s if not math.isnan(d.p50_s) else 0.0, d.role))


def analyse(ex: ExerciseResult) -> Bottlenecks:
    """Every bottleneck of an exercise."""
    spec = ex.spec
    states_all = [person_states(r, spec) for r in ex.results]
    reach = channel_reach(spec)
    links, hoists, dests = _queues(ex)
    names = {c: tuple(sorted(spec.network.nodes[n].id for n in nodes)) for c, nodes in reach.items()}
    return Bottlenecks(tuple(_warnings(ex, states_all, reach)), tuple(links), tuple(hoists), tuple(dests),
                       tuple(_route_floods(ex, states_all)), tuple(_role_delays(ex)), names)
