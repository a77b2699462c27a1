"""Revision candidates generated from the findings, each a few plan edits with a cost.

Kinds (and what they change in the plan file):

====================  =========================================================================  =====
kind                  edit                                                                       cost
====================  =========================================================================  =====
add_battery           a channel's ``backup_power_h`` to :data:`BATTERY_H`                          1
extend_coverage       a PA, phone, siren, loudspeaker, team or phone-tree channel to more places   2 (*)
move_siren            a one-pole siren to the place that puts the most people in earshot          2
add_siren             a new siren with a battery at a place no working siren covers                5
add_channel           cell broadcast or a loudspeaker vehicle (valley); paging or a runner (mine)  3
add_door_to_door      a village team starting beside the place, knocking at its households         2
lower_threshold       a trigger's threshold halved, or its warning level one step lower            1
pre_authorise         the order added to a lower level that has triggers of its own                1
add_order             a missing evacuation order, at the highest level that has triggers           1
make_automatic        a trigger starts its level's warning and orders with no human decision       4
delegate_order        the post that declares the level also gives the order, without waiting       1
name_backup           a named deputy for a post that has none                                      1
change_route          a place's route around the places that flood first                           1
ladderway_route       a level sent to the surface on foot (ladderway or ramp), not by cage         1
add_refuge            a refuge of the site added to the plan, or named as a route's fallback       1
hoist_priority        a level's station served first by the cage                                   0.5
change_assembly_point a place routed to another (higher or nearer) assembly point                  1
stop_entry_earlier    a stop_entry step at a lower warning level (with its trigger if needed)      1
add_report_deadline   a 1 h deadline on the report to the county (条例 第九条)                     0.5
====================  =========================================================================  =====

The costs are the project's own [P], in "cost units" (relative effort, not money); a planner overrides
them with a costs file (:func:`load_costs`). (*) per place added for a PA, phone, siren or loudspeaker
channel (each place is a loudspeaker, phone or pole to install); once for a team, phone tree or runner.
The new channels' parameters copy the plan's own channel of the same type where there is one, else the
defaults below [P].
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from pydantic import Field

from drills.experiment.findings import Finding
from drills.experiment.grading import M3_BANDS_S
from drills.experiment.plan_edit import Edit
from drills.experiment.revision_text import title as told
from drills.inputs.base import Strict
from drills.inputs.loaded import Loaded
from drills.inputs.plan import PUBLIC_CHANNELS, WITHOUT_BATTERY, ChannelSpec
from drills.inputs.problems import InputError
from drills.inputs.validate import validate
from drills.inputs.yamlfile import load_yaml
from drills.model.decision import REPORTS
from drills.model.network import SURFACE_KINDS
from drills.model.records import DrillResult
from drills.model.routing import routing_of
from drills.model.spec import DrillSpec

DEFAULT_COSTS: dict[str, float] = {
    "add_battery": 1.0, "extend_coverage": 2.0, "move_siren": 2.0, "add_siren": 5.0, "add_channel": 3.0,
    "add_door_to_door": 2.0, "lower_threshold": 1.0, "pre_authorise": 1.0, "add_order": 1.0,
    "make_automatic": 4.0,
    "delegate_order": 1.0, "name_backup": 1.0, "change_route": 1.0, "ladderway_route": 1.0, "add_refuge": 1.0,
    "hoist_priority": 0.5, "change_assembly_point": 1.0, "stop_entry_earlier": 1.0, "add_report_deadline": 0.5,
}
KINDS = tuple(DEFAULT_COSTS)
#: kinds whose effect is on paper only (the drill does not simulate them): corrections the rules require, made
#: whatever the budget
STATIC_KINDS = ("add_report_deadline",)
BATTERY_H = 12.0  # [P] a storm night without mains power
SIREN_RADIUS_M = 1000.0  # [P] when the plan has no siren to copy
TEAM_ACTIVATION = {"dist": "lognormal", "median": 600, "p95": 1500}  # [P] as the bundled village teams
# A channel the plan lacks is proposed with the delays of the bundled plans' own channel of its type [P], so that
# its proven gain is not that of a channel quicker than the plans have: cell broadcast issued through the county
# emergency bureau's platform (median 10 min, P95 30 min; issuing took 25 min to 2 h 19 min at Oroville 2017,
# LifeSim TRM table 13), personal paging to cap lamps, a siren switched on from the dam's duty room.
CELL_BROADCAST_ACTIVATION = {"dist": "lognormal", "median": 600, "p95": 1800}
PAGING_ACTIVATION = {"dist": "lognormal", "median": 120, "p95": 300}
PAGING_HEARD = 0.9  # [P] as the bundled mine plan's paging: a message on the lamp is missed now and then
SIREN_ACTIVATION_S = 30.0  # [P] as the bundled sirens
VEHICLE_ACTIVATION_S = 300.0  # [P] a crew reaching and starting the vehicle
THRESHOLD_FACTOR = 0.5  # [P] lower_threshold halves a numeric threshold
#: a new route avoids places wet less than this after the people would pass: the smallest margin over the water that
#: grade B of M3 asks for (:data:`~drills.experiment.grading.M3_BANDS_S`, 5 min [P]), so a route proposed is one on
#: which the margin grades at least B, not a second, separate choice of margin
ROUTE_SAFETY_S = M3_BANDS_S[1]
#: revisions that act through the plan's triggers, levels and who gives the order: a scenario that gives the order
#: itself bypasses them (:func:`drills.model.decision.decisions`), so none of them can change its drill
DECISION_CHAIN_KINDS = ("lower_threshold", "pre_authorise", "add_order", "make_automatic", "delegate_order")
#: findings of people warned late at a place (M2), or not safe there for that (M3), whose causes name the remedies
LATE_WARNING_KINDS = ("m2_late", "m3_place")
DEPUTY_PRESENCE = 0.95  # [P] a named deputy's chance of being reachable
LEVELS = ("blue", "yellow", "orange", "red")
NUMERIC_TRIGGERS = ("water_depth_m", "inrush_inflow_m3ph", "rainfall_24h_mm", "mine_inflow_change", "elapsed_s")


@dataclass(frozen=True)
class Candidate:
    """One revision: plan edits with a cost.

    Attributes:
        key: unique, e.g. ``add_siren:xc_river``.
        group: candidates of one group are alternatives (only one is chosen).
        condition: the single fault (M6) under which the revision is proved; None for the scenario as is.
        addresses: keys of the findings it answers.
        phrase: what its title says (a key of :data:`drills.experiment.revision_text.TITLES`); empty for a
            candidate with its English title only.
        facts: what the title is told from (the plan's ids and words, numbers).
    """

    key: str
    kind: str
    title: str
    cost: float
    edits: tuple[Edit, ...]
    group: str
    condition: str | None = None
    addresses: tuple[str, ...] = ()
    phrase: str = ""
    facts: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def change(self) -> str:
        """What it changes, under which fault: two candidates with the same change are one revision."""
        return f"{self.condition}|{self.edits!r}"

    @property
    def static(self) -> bool:
        return self.kind in STATIC_KINDS

    def words(self, lang: str = "en") -> str:
        """Its title in ``lang`` (the English title, as stored, in English)."""
        return told(self.phrase, self.facts, lang) if lang != "en" and self.phrase else self.title

    def to_json(self) -> dict:
        return {"key": self.key, "kind": self.kind, "title": self.title, "cost": self.cost,
                "condition": self.condition, "addresses": list(self.addresses),
                "edits": [[e[0], [x if not isinstance(x, dict) else dict(x) for x in e[1]], *e[2:]]
                          for e in self.edits]}


class CostsFile(Strict):
    costs: dict[str, float] = Field(default={}, description="revision kind -> cost units")


def load_costs(path: str | Path | None) -> dict[str, float]:
    """The default costs, overridden by a YAML file ``costs: {kind: units, ...}``.

    Raises:
        InputError: an unknown kind or a negative cost, at its file and line.
    """
    costs = dict(DEFAULT_COSTS)
    if path is None:
        return costs
    doc = load_yaml(path)
    given = validate(doc, CostsFile).costs
    bad = [doc.problem(("costs", k), f"unknown revision kind; known: {', '.join(KINDS)}") for k in given
           if k not in DEFAULT_COSTS]
    bad += [doc.problem(("costs", k), "a cost cannot be negative") for k, v in given.items() if v < 0]
    if bad:
        raise InputError(bad)
    costs.update(given)
    return costs


@dataclass
class Context:
    """What the generators need: the plan, the drill and the baseline's water."""

    loaded: Loaded
    spec: DrillSpec
    water_s: list[float]  # median first wet time per node over the baseline's replications
    costs: dict[str, float]
    departed_s: dict[str, float] = field(default_factory=dict)  # median departure per starting place
    faults: frozenset[str] = frozenset()  # single faults assessed (M6), to prove a revision under its own fault

    @classmethod
    def of(cls, loaded: Loaded, spec: DrillSpec, results: Sequence[DrillResult], costs: dict[str, float] | None = None,
           faults: frozenset[str] = frozenset()) -> Context:
        """The context of a drill already run: its replications' median water and departures."""
        return cls(loaded, spec, median_water(results, len(spec.network.nodes)), dict(costs or DEFAULT_COSTS),
                   departures(results), faults)

    @property
    def plan(self):
        return self.loaded.plan

    def node(self, ident: str):
        return self.spec.network.nodes[self.spec.network.index[ident]]

    def taken(self, prefix: str) -> str:
        used = {c.id for c in self.plan.channels} | {r.id for r in self.plan.roles} | {
            r.id for r in self.plan.evacuation.routes} | {t.id for t in self.plan.warning.triggers} | {
            a.id for acts in self.plan.warning.actions_by_level.values() for a in acts if a.id}
        k = 1
        name = prefix
        while name in used:
            k += 1
            name = f"{prefix}-{k}"
        return name


def median_water(results, n_nodes: int) -> list[float]:
    """Median over replications of when each node first gets wet (inf if in more than half it never does)."""
    if not results:
        return [math.inf] * n_nodes
    arr = np.array([r.node_water_s for r in results], dtype=float)
    return [float(x) for x in np.median(arr, axis=0)]


def departures(results: Sequence[DrillResult]) -> dict[str, float]:
    """Median departure time per starting place over the replications."""
    acc: dict[str, list[float]] = {}
    for r in results:
        for p in r.people:
            if math.isfinite(p.departed_s):
                acc.setdefault(p.start, []).append(p.departed_s)
    return {k: float(np.median(v)) for k, v in acc.items()}


# ------------------------------------------------------------------ generation
def generate(findings: list[Finding], ctx: Context) -> list[Candidate]:
    """Every candidate the findings call for, each once (first finding that asks for it wins its key), and each set
    of edits once."""
    out: dict[str, Candidate] = {}
    addressed: dict[str, list[str]] = {}
    for f in findings:
        for kind in f.remedies:
            maker = _MAKERS.get(kind)
            if maker is None or (kind in DECISION_CHAIN_KINDS and ctx.spec.order_at_s is not None):
                continue
            for c in maker(f, ctx):
                cond = f.targets.get("fault") or c.condition
                key = c.key + (f"@{cond}" if cond else "")
                addressed.setdefault(key, []).append(f.key)
                if key not in out:
                    unit = ctx.costs.get(c.kind, DEFAULT_COSTS[c.kind])
                    out[key] = replace(c, key=key, cost=unit * c.cost, condition=cond)
    # two remedies can come to the same edits (a new route and the way out on foot, when the new route is that
    # way): one plan to prove, kept once, the cheaper (the first of equals), answering what both answered
    same: dict[str, str] = {}
    for k, c in list(out.items()):
        twin = same.setdefault(c.change, k)
        if twin != k:
            keep, drop = (twin, k) if out[twin].cost <= c.cost else (k, twin)
            addressed[keep] = list(dict.fromkeys(addressed[keep] + addressed[drop]))
            same[c.change] = keep
            del out[drop]
    return [replace(c, addresses=tuple(addressed[k])) for k, c in out.items()]


def _c(kind: str, key: str, phrase: str, facts: dict[str, Any], edits: list[Edit], group: str | None = None,
       units: int = 1) -> Candidate:
    """A candidate titled by ``phrase`` told from ``facts``; its ``cost`` holds its number of units until
    :func:`generate` prices it."""
    return Candidate(f"{kind}:{key}", kind, told(phrase, facts), float(units), tuple(edits), group or f"{kind}:{key}",
                     phrase=phrase, facts=facts)


def _under(ctx: Context, fault: str, c: Candidate) -> Candidate:
    """Prove ``c`` under the single fault it guards against, when that fault was assessed."""
    if fault not in ctx.faults:
        return c
    return replace(c, condition=fault)


def _places(f: Finding, ctx: Context) -> list[str]:
    """The finding's places in the site, each once: a channel's coverage may not name a place twice."""
    return list(dict.fromkeys(p for p in f.targets.get("places", []) if p in ctx.spec.network.index))


def group_of(ctx: Context, place: str) -> str:
    """The group of the people who start at ``place`` (miner or resident)."""
    return next((p.group for p in ctx.spec.people if ctx.spec.network.nodes[p.start].id == place), "miner")


def _same_type(ctx: Context, ctype: str) -> ChannelSpec | None:
    return next((c for c in ctx.plan.channels if c.type == ctype), None)


def _dumped(value: Any) -> Any:
    """A plan value as written in YAML (a distribution as its mapping)."""
    if hasattr(value, "model_dump"):
        return value.model_dump(exclude_defaults=False)
    return value


# channels ----------------------------------------------------------
def _add_battery(f: Finding, ctx: Context) -> list[Candidate]:
    """A longer battery for the finding's channels that need the mains. For people warned late because their
    channels failed, only where the mains can fail in the drill (its scenario cuts them, or the single fault that
    does is assessed, and the battery is proved under it): otherwise the channels failed by their own reliability,
    which no battery mends. A plan check or a power fault asks for the battery itself."""
    mains_can_fail = "mains_power" in ctx.faults or any(x.kind == "mains_power" for x in ctx.spec.faults)
    if f.kind in LATE_WARNING_KINDS and not mains_can_fail:
        return []
    wanted = set(f.targets.get("channels", []))
    out = []
    for c in ctx.plan.channels:
        if c.id in wanted and c.needs_mains_power and c.backup_power_h < BATTERY_H and c.type not in WITHOUT_BATTERY:
            out.append(_under(ctx, "mains_power", _c(
                "add_battery", c.id, "battery", {"channel": c.id, "hours": BATTERY_H, "now": c.backup_power_h},
                [("set", ("plan", "channels", {"id": c.id}, "backup_power_h"), BATTERY_H)])))
    return out


def _extend_coverage(f: Finding, ctx: Context) -> list[Candidate]:
    places = _places(f, ctx)
    if not places:
        return []
    public = group_of(ctx, places[0]) == "resident"
    types = (("siren", "village_loudspeaker", "door_to_door", "phone_tree") if public
             else ("mine_pa", "station_phones", "runner"))
    # of each kind in the valley, and of runners, the one nearest the place (a runner by the ways underground, not
    # across levels) is extended; found once per kind
    kinds = {c.type for c in ctx.plan.channels if c.type in types and (public or c.type == "runner")}
    nearest = {kind: _nearest_runner(ctx, places[0]) if kind == "runner" else _nearest_channel(ctx, kind, places[0])
               for kind in kinds}
    out = []
    for c in ctx.plan.channels:
        if c.type not in types or nearest.get(c.type, c.id) != c.id:
            continue
        new = [p for p in places if p not in c.coverage]
        if not new:
            continue
        phrase = "poles" if c.type in ("siren", "village_loudspeaker") else "coverage"
        hardware = c.type in ("siren", "village_loudspeaker", "mine_pa", "station_phones")
        out.append(_c("extend_coverage", f"{c.id}:{'+'.join(new)}", phrase,
                      {"channel": c.id, "type": c.type, "places": new},
                      [("add_unique", ("plan", "channels", {"id": c.id}, "coverage"), new)],
                      group=f"reach:{'+'.join(sorted(places))}:{c.id}", units=len(new) if hardware else 1))
    return out


def _nearest_channel(ctx: Context, ctype: str, place: str) -> str | None:
    """The channel of a type whose poles or start lie nearest the place (extend that one, not one far away)."""
    a = ctx.node(place)

    def dist(c: ChannelSpec) -> float:
        nodes = [*c.coverage, *([c.start] if c.start else [])]
        return min((math.hypot(ctx.node(n).x_m - a.x_m, ctx.node(n).y_m - a.y_m) for n in nodes), default=math.inf)

    same = [c for c in ctx.plan.channels if c.type == ctype]
    return min(same, key=lambda c: (dist(c), c.id)).id if same else None


def _nearest_runner(ctx: Context, place: str) -> str | None:
    """The runner of the plan who sets out nearest the place by the ways underground (a cage ride counted by its
    height): levels lie stacked, so the nearest on the map can be a level away."""
    runners = [c for c in ctx.plan.channels if c.type == "runner" and c.start]
    if not runners:
        return None
    net = ctx.spec.network

    def length(u: int, v: int, d: dict) -> float:
        return d["length"] if d.get("hoist") is None else abs(net.nodes[u].elevation_m - net.nodes[v].elevation_m)

    ways = routing_of(ctx.spec).walk.to_undirected(as_view=True)
    far = nx.single_source_dijkstra_path_length(ways, net.index[place], weight=length)
    return min(runners, key=lambda c: (far.get(net.index[c.start], math.inf), c.id)).id


def _audible_people(ctx: Context, pole: int, radius: float) -> set[int]:
    net = ctx.spec.network
    a = net.nodes[pole]
    return {p.index for p in ctx.spec.people if p.group == "resident" and math.hypot(
        net.nodes[p.start].x_m - a.x_m, net.nodes[p.start].y_m - a.y_m) <= radius}


def _move_siren(f: Finding, ctx: Context) -> list[Candidate]:
    places = _places(f, ctx)
    out = []
    net = ctx.spec.network
    for c in ctx.plan.channels:
        if c.type != "siren" or len(c.coverage) != 1 or not c.audible_radius_m:
            continue
        now = _audible_people(ctx, net.index[c.coverage[0]], c.audible_radius_m)
        best, best_n = None, len(now)
        for node in net.nodes:
            if node.kind not in ("road_junction", "household", "school", "field", "dam", "assembly_point"):
                continue
            got = _audible_people(ctx, node.index, c.audible_radius_m)
            reaches = any(net.index[p] in {ctx.spec.people[i].start for i in got} for p in places)
            if reaches and len(got) > best_n:
                best, best_n = node.id, len(got)
        if best is not None:
            out.append(_c("move_siren", f"{c.id}:{best}", "move_siren",
                          {"channel": c.id, "here": c.coverage[0], "there": best, "heard_now": len(now),
                           "heard_there": best_n},
                          [("set", ("plan", "channels", {"id": c.id}, "coverage"), [best])],
                          group=f"move:{c.id}"))
    return out


def _silenced(f: Finding, ctx: Context, c: ChannelSpec) -> bool:
    """Whether channel ``c`` fails under the scenario's own faults or the single fault the finding is about: it is
    down, or the mains are lost for longer than its battery lasts, or the mobile network it needs is down."""
    faults = [(x.kind, x.target, x.duration_s if x.duration_s is not None else ctx.spec.duration_s - x.at_s)
              for x in ctx.spec.faults]
    if f.targets.get("fault"):
        kind, _, target = str(f.targets["fault"]).partition(":")
        faults.append((kind, target or None, ctx.spec.duration_s))  # a single fault lasts to the end of the drill
    return any((kind == "channel_down" and target == c.id)
               or (kind == "mains_power" and c.needs_mains_power and c.backup_power_h * 3600.0 < lasts)
               or (kind == "mobile_network" and c.needs_mobile_network)
               for kind, target, lasts in faults)


def _in_earshot(f: Finding, ctx: Context, place: str) -> bool:
    """Whether a siren of the plan that works under the finding's conditions already has ``place`` inside its
    audible radius: another pole there adds nothing the first one lacks but loudness, and the people warned late
    there are late for another reason (the order, the way out), which another siren does not change."""
    a = ctx.node(place)
    return any(c.type == "siren" and c.audible_radius_m and not _silenced(f, ctx, c) and any(
        math.hypot(ctx.node(pole).x_m - a.x_m, ctx.node(pole).y_m - a.y_m) <= c.audible_radius_m
        for pole in c.coverage) for c in ctx.plan.channels)


def _new_channel(ctx: Context, chan: dict[str, Any]) -> list[Edit]:
    """Edits that add the channel ``chan`` to the plan and have it sent: a step giving its audience's evacuation
    order that names its channels starts those alone, so the new channel joins the list of each such step (it
    starts with the first of them to be carried out)."""
    order = "evacuate_downstream" if chan["type"] in PUBLIC_CHANNELS else "evacuate_underground"
    edits: list[Edit] = [("append", ("plan", "channels"), chan)]
    for level, steps in ctx.plan.warning.actions_by_level.items():
        for k, a in enumerate(steps):
            if a.action == order and a.channels is not None and chan["id"] not in a.channels:
                edits.append(("add_unique", ("plan", "warning", "actions_by_level", level, k, "channels"),
                              [chan["id"]]))
    return edits


def _add_siren(f: Finding, ctx: Context) -> list[Candidate]:
    """A siren at each of the finding's places that no working siren of the plan covers."""
    places = [p for p in _places(f, ctx) if group_of(ctx, p) == "resident" and not _in_earshot(f, ctx, p)]
    if not places:
        return []
    like = _same_type(ctx, "siren")
    radius = like.audible_radius_m if like and like.audible_radius_m else SIREN_RADIUS_M
    out = []
    for place in places:
        ident = ctx.taken(f"siren-{place}")
        chan = {"id": ident, "type": "siren", "coverage": [place], "audible_radius_m": radius,
                "activation_delay_s": _dumped(like.activation_delay_s) if like else SIREN_ACTIVATION_S,
                "repeat_interval_s": like.repeat_interval_s if like else 60,
                "needs_mains_power": True, "backup_power_h": BATTERY_H}
        out.append(_c("add_siren", place, "add_siren", {"place": place, "radius": radius, "hours": BATTERY_H},
                      _new_channel(ctx, chan), group=f"reach:{place}:siren"))
    return out


def _nearest(ctx: Context, place: str, kinds: tuple[str, ...]) -> str:
    net = ctx.spec.network
    a = ctx.node(place)
    options = [n for n in net.nodes if n.kind in kinds]
    if not options:
        return place
    return min(options, key=lambda n: (math.dist((n.x_m, n.y_m, n.elevation_m), (a.x_m, a.y_m, a.elevation_m)),
                                       n.id)).id


def _add_door_to_door(f: Finding, ctx: Context) -> list[Candidate]:
    places = [p for p in _places(f, ctx) if group_of(ctx, p) == "resident"]
    if not places:
        return []
    like = _same_type(ctx, "door_to_door")
    start = _nearest(ctx, places[0], ("road_junction",))
    ident = ctx.taken(f"team-{places[0]}")
    chan = {"id": ident, "type": "door_to_door", "start": start, "coverage": places,
            "activation_delay_s": _dumped(like.activation_delay_s) if like else TEAM_ACTIVATION,
            "needs_mains_power": False}
    return [_c("add_door_to_door", "+".join(places), "door_to_door", {"start": start, "places": places},
               _new_channel(ctx, chan), group=f"reach:{'+'.join(places)}:team")]


def _add_channel(f: Finding, ctx: Context) -> list[Candidate]:
    places = _places(f, ctx)
    types = {c.type for c in ctx.plan.channels}
    out = []
    group = f.targets.get("group") or (group_of(ctx, places[0]) if places else None)
    public = group == "resident" if group else bool(ctx.loaded.site.residents)
    if public:
        if "sms" not in types:
            ident = ctx.taken("cell-broadcast")
            out.append(_c("add_channel", ident, "cell_broadcast", {},
                          _new_channel(ctx, {"id": ident, "type": "sms",
                                             "activation_delay_s": CELL_BROADCAST_ACTIVATION,
                                             "needs_mains_power": False})))
        elif places:
            start = _nearest(ctx, places[0], ("road_junction",))
            ident = ctx.taken(f"vehicle-{places[0]}")
            out.append(_c("add_channel", ident, "vehicle", {"start": start, "places": places},
                          _new_channel(ctx, {"id": ident, "type": "loudspeaker_vehicle", "start": start,
                                             "coverage": places, "activation_delay_s": VEHICLE_ACTIVATION_S,
                                             "needs_mains_power": False}),
                          group=f"reach:{'+'.join(places)}:vehicle"))
    else:
        if "cap_lamp_paging" not in types and _lamps_paged(ctx, places):
            out.append(_c("add_channel", "cap-lamp-paging", "paging", {},
                          _new_channel(ctx, {"id": ctx.taken("cap-lamp-paging"), "type": "cap_lamp_paging",
                                             "activation_delay_s": PAGING_ACTIVATION,
                                             "hear_probability": PAGING_HEARD, "repeat_interval_s": 120,
                                             "backup_power_h": 4})))
        if places:
            # a runner sets out from where the order arrives underground: a shaft station, or an adit's portal
            start = _nearest(ctx, places[0], ("shaft_station", "portal"))
            ident = ctx.taken(f"runner-{places[0]}")
            out.append(_c("add_channel", ident, "runner", {"start": start, "places": places},
                          _new_channel(ctx, {"id": ident, "type": "runner", "start": start, "coverage": places,
                                             "needs_mains_power": False}),
                          group=f"reach:{'+'.join(places)}:runner"))
    return out


def _lamps_paged(ctx: Context, places: list[str]) -> bool:
    """Whether paging would reach a cap lamp of the people at ``places`` (of anyone underground, if no crew starts
    there): a site whose crews' lamps take no paging (paging_lamp_share 0) is not helped by a paging channel in
    the plan, which warns only lamps that receive it."""
    crews = [c for cs in ctx.loaded.site.shifts.values() for c in cs]
    there = [c for c in crews if c.at in places]
    return any(c.paging_lamp_share > 0 for c in there or crews)


# decisions ----------------------------------------------------------
def _order_levels(ctx: Context, f: Finding) -> list[tuple[str, str]]:
    """(level, order) pairs of the evacuation orders the finding concerns: its group's (miners or residents), or,
    for a finding that names its places only (people not safe at a place), the group of the people there."""
    groups = {group_of(ctx, p) for p in _places(f, ctx)}
    group = f.targets.get("group") or (groups.pop() if len(groups) == 1 else None)
    orders = ("evacuate_underground",) if group == "miner" else ("evacuate_downstream",) if group == "resident" \
        else ("evacuate_underground", "evacuate_downstream")
    return [(lv, a.action) for lv, acts in ctx.plan.warning.actions_by_level.items() for a in acts
            if a.action in orders]


def _make_automatic(f: Finding, ctx: Context) -> list[Candidate]:
    levels = {lv for lv, _ in _order_levels(ctx, f)}
    wanted = set(f.targets.get("triggers", []))
    out = []
    for t in ctx.plan.warning.triggers:
        if t.automatic or (t.level not in levels and t.id not in wanted) or t.quantity == "elapsed_s":
            continue
        # the reports its level takes (its own and the lower levels') keep their posts: a person makes them; an
        # order the plan gives after a report would wait for that post too, so it no longer waits for the report
        taken = LEVELS[: LEVELS.index(t.level) + 1]
        reports = list(dict.fromkeys(a.action for lv in taken
                                     for a in ctx.plan.warning.actions_by_level.get(lv, []) if a.action in REPORTS))
        edits: list[Edit] = [("set", ("plan", "warning", "triggers", {"id": t.id}, "automatic"), True)]
        for lv in taken:
            acts = ctx.plan.warning.actions_by_level.get(lv, [])
            filed = {a.id for a in acts if a.id and a.action in REPORTS}
            for k, a in enumerate(acts):
                keep = [x for x in a.after if x not in filed]
                if not a.action.startswith("evacuate_") or keep == a.after:
                    continue
                path = ("plan", "warning", "actions_by_level", lv, {"id": a.id} if a.id else k, "after")
                edits.append(("set", path, keep))  # set, not deleted: another revision may delete it first
        facts: dict[str, Any] = {"trigger": t.id, "quantity": t.quantity, "level": t.level, "owner": t.owner}
        phrase = "automatic" if not reports else "automatic_reports" if len(edits) == 1 else "automatic_unchained"
        out.append(_c("make_automatic", t.id, phrase, {**facts, "reports": reports} if reports else facts, edits))
    return out


def _lower_threshold(f: Finding, ctx: Context) -> list[Candidate]:
    levels = {lv for lv, _ in _order_levels(ctx, f)}
    wanted = set(f.targets.get("triggers", []))
    out = []
    for t in ctx.plan.warning.triggers:
        if t.level not in levels and t.id not in wanted:
            continue
        path = ("plan", "warning", "triggers", {"id": t.id})
        if t.quantity in NUMERIC_TRIGGERS and t.threshold > 0:
            new = round(t.threshold * THRESHOLD_FACTOR, 6)
            out.append(_c("lower_threshold", t.id, "earlier" if t.quantity == "elapsed_s" else "threshold",
                          {"trigger": t.id, "threshold": t.threshold, "lower": new},
                          [("set", (*path, "threshold"), new)], group=f"trigger:{t.id}"))
        elif t.at_level is not None and LEVELS.index(t.at_level) > 0:
            new = LEVELS[LEVELS.index(t.at_level) - 1]
            out.append(_c("lower_threshold", t.id, "trigger_level",
                          {"trigger": t.id, "level": new, "quantity": t.quantity, "level_now": t.at_level},
                          [("set", (*path, "at_level"), new)], group=f"trigger:{t.id}"))
    return out


def _pre_authorise(f: Finding, ctx: Context) -> list[Candidate]:
    plan = ctx.plan
    out = []
    seen = set()
    for level, order in _order_levels(ctx, f):
        lower = [lv for lv in LEVELS[: LEVELS.index(level)] if any(t.level == lv for t in plan.warning.triggers)]
        if not lower:
            continue
        target = lower[-1]
        if any(a.action == order for a in plan.warning.actions_by_level.get(target, [])) or (order, target) in seen:
            continue
        seen.add((order, target))
        owner = next(t.owner for t in plan.warning.triggers if t.level == target)
        act = {"id": f"{order.replace('_', '-')}-{target}", "action": order, "owner": owner}
        out.append(_c("pre_authorise", f"{order}:{target}", "pre_authorise",
                      {"order": order, "level": target, "level_now": level, "owner": owner},
                      [("append", ("plan", "warning", "actions_by_level", target), act)]))
    return out


def _add_order(f: Finding, ctx: Context) -> list[Candidate]:
    """A plan that never orders an evacuation gets the order at its highest level that has triggers, given by the
    post that declares that level (if it may order an evacuation; else the first post that may). The order is the
    finding's people's (miners or residents), or each the site's people need."""
    plan = ctx.plan
    site = ctx.loaded.site
    group = f.targets.get("group")
    wanted = [order for order, whose, here in (("evacuate_underground", "miner", site.shifts),
                                                ("evacuate_downstream", "resident", site.residents))
              if (group == whose if group else here)]
    given = {a.action for acts in plan.warning.actions_by_level.values() for a in acts}
    level = next((lv for lv in reversed(LEVELS) if any(t.level == lv for t in plan.warning.triggers)), None)
    may = [r.id for r in plan.roles if r.may_order_evacuation]
    if level is None or not may:
        return []
    declarer = next(t.owner for t in plan.warning.triggers if t.level == level)
    owner = declarer if declarer in may else may[0]
    out = []
    for order in wanted:
        if order in given:
            continue
        act = {"id": ctx.taken(order.replace("_", "-")), "action": order, "owner": owner}
        out.append(_c("add_order", f"{order}:{level}", "add_order", {"order": order, "level": level, "owner": owner},
                      [("append", ("plan", "warning", "actions_by_level", level), act)]))
    return out


def _delegate_order(f: Finding, ctx: Context) -> list[Candidate]:
    plan = ctx.plan
    # a post's finding is answered by handing on the post's own orders; any other, by any order of the plan
    posts = set(f.targets.get("roles", ())) if f.kind == "m5_post" else None
    out = []
    for level, acts in plan.warning.actions_by_level.items():
        owners = [t.owner for t in plan.warning.triggers if t.level == level and not t.automatic]
        if not owners:
            continue
        declarer = owners[0]
        for k, a in enumerate(acts):
            if not a.action.startswith("evacuate_") or a.owner == declarer:
                continue
            if posts is not None and a.owner not in posts:
                continue
            sel = {"id": a.id} if a.id else k
            path = ("plan", "warning", "actions_by_level", level, sel)
            edits: list[Edit] = [("set", (*path, "owner"), declarer)]
            if a.after:
                edits.append(("delete", (*path, "after")))
            facts = {"declarer": declarer, "level": level, "order": a.action, "owner": a.owner}
            out.append(_c("delegate_order", f"{level}:{a.action}", "delegate_after" if a.after else "delegate",
                          {**facts, "after": list(a.after)} if a.after else facts, edits))
    return out


def _name_backup(f: Finding, ctx: Context) -> list[Candidate]:
    out = []
    roles = {r.id: r for r in ctx.plan.roles}
    wanted = [r for r in f.targets.get("roles", []) if r in roles and r != "automatic"]
    for rid in wanted:
        role = roles[rid]
        if role.backups and not f.targets.get("fault"):
            continue
        ident = ctx.taken(f"{rid}_deputy")
        deputy = {"id": ident, "title": f"{role.title} — deputy", "decision_delay_s": _dumped(role.decision_delay_s),
                  "present_probability": DEPUTY_PRESENCE, "may_order_evacuation": role.may_order_evacuation}
        out.append(_under(ctx, f"role_absent:{rid}", _c(
            "name_backup", rid, "deputy", {"role": rid, "title": role.title},
            [("append", ("plan", "roles"), deputy), ("append", ("plan", "roles", {"id": rid}, "backups"), ident)])))
    return out


# routes ----------------------------------------------------------
def escape_path(ctx: Context, start: str, t0: float, *, to: str, avoid: frozenset[str] = frozenset(),
                blocked: frozenset[str] = frozenset()) -> list[str] | None:
    """Fastest walking path from ``start`` leaving at ``t0`` that reaches each place at least
    :data:`ROUTE_SAFETY_S` before the baseline's median water there (no cage).

    Args:
        to: "surface", "refuge_or_surface" or "assembly".
        avoid: destinations not to use (e.g. the current one, for a new assembly point).
        blocked: link ids not to use (a cut bridge or drift).
    """
    spec = ctx.spec
    net = spec.network
    routing = routing_of(spec)
    prof = spec.profiles.get("miner" if to != "assembly" else "adult") or next(iter(spec.profiles.values()))
    s = net.index[start]
    refuges = {net.index[r] for r in ctx.plan.evacuation.refuges} | {n.index for n in net.nodes if n.kind == "refuge"}

    def goal(v: int) -> bool:
        node = net.nodes[v]
        if node.id in avoid:
            return False
        if to == "assembly":
            return node.kind == "assembly_point"
        return node.kind in SURFACE_KINDS or (to == "refuge_or_surface" and v in refuges)

    best = {s: t0}
    prev: dict[int, int] = {}
    heap = [(t0, s)]
    while heap:
        t, u = heapq.heappop(heap)
        if t > best.get(u, math.inf):
            continue
        if goal(u) and u != s:
            path = [u]
            while path[-1] != s:
                path.append(prev[path[-1]])
            return [net.nodes[k].id for k in reversed(path)]
        for v in routing.walk.successors(u):
            d = routing.walk[u][v]
            if d.get("hoist") is not None:
                continue
            hop = routing.hops[(u, v)]
            assert hop.link is not None  # walking hops are passages; the cage was skipped above
            if net.links[hop.link].id in blocked:
                continue
            if net.links[hop.link].kind == "ladderway":
                dt = abs(hop.rise_m) / prof.climb_mps
            else:
                dt = hop.length_m / (prof.speed_mps * hop.slope)
            tv = t + dt
            if ctx.water_s[v] < tv + ROUTE_SAFETY_S or ctx.water_s[u] < tv + ROUTE_SAFETY_S:
                continue
            if tv < best.get(v, math.inf):
                best[v] = tv
                prev[v] = u
                heapq.heappush(heap, (tv, v))
    return None


def _reroute_edits(ctx: Context, place: str, path: list[str], refuge: str | None = None) -> list[Edit]:
    """Move ``place`` out of its route (removing the route if it was its only place) into a new one."""
    plan = ctx.plan
    edits: list[Edit] = []
    old = next((r for r in plan.evacuation.routes if place in r.from_), None)
    if old is not None:
        if old.from_ == [place]:
            edits.append(("remove", ("plan", "evacuation", "routes"), {"id": old.id}))
        else:
            edits.append(("remove", ("plan", "evacuation", "routes", {"id": old.id}, "from"), place))
    route: dict[str, Any] = {"id": ctx.taken(f"{place}-revised"), "from": [place], "path": path}
    if refuge is not None:
        route["refuge"] = refuge
    elif old is not None and old.refuge:
        route["refuge"] = old.refuge
    edits.append(("append", ("plan", "evacuation", "routes"), route))
    return edits


def current_path(ctx: Context, place: str) -> list[str] | None:
    """The path of the plan's evacuation route from ``place`` (None if no route starts there)."""
    r = next((r for r in ctx.plan.evacuation.routes if place in r.from_), None)
    return list(r.path) if r else None


def _start_time(ctx: Context, place: str) -> float:
    t = ctx.departed_s.get(place, math.nan)
    return t if math.isfinite(t) else 0.0


def _blocked(f: Finding) -> frozenset[str]:
    return frozenset([f.targets["link"]]) if f.targets.get("link") else frozenset()


def safe_way(ctx: Context, place: str, blocked: frozenset[str] = frozenset()) -> list[str] | None:
    """The way on foot a new route of ``place`` would take (:func:`escape_path`, leaving when its people set out):
    out to the surface, or to a refuge only when no way out is safe (撤离优先，避险就近), for miners; to an
    assembly point for residents. None if no way stays :data:`ROUTE_SAFETY_S` ahead of the water."""
    miner = group_of(ctx, place) == "miner"
    t0 = _start_time(ctx, place)
    path = escape_path(ctx, place, t0, to="surface" if miner else "assembly", blocked=blocked)
    if path is None and miner:
        path = escape_path(ctx, place, t0, to="refuge_or_surface", blocked=blocked)
    return path


def _change_route(f: Finding, ctx: Context) -> list[Candidate]:
    out = []
    for place in _places(f, ctx):
        path = safe_way(ctx, place, _blocked(f))
        if path is None or len(path) < 2 or path == current_path(ctx, place):
            continue
        out.append(_c("change_route", place, "route", {"place": place, "path": path},
                      _reroute_edits(ctx, place, path), group=f"route:{place}"))
    return out


def _ladderway_route(f: Finding, ctx: Context) -> list[Candidate]:
    places = _places(f, ctx)
    if not places and f.targets.get("hoist"):
        hoist_stations = {s for h in ctx.loaded.site.hoists if h.id == f.targets["hoist"] for s in h.stations[1:]}
        places = sorted({r for route in ctx.plan.evacuation.routes if any(s in hoist_stations for s in route.path)
                         for r in route.from_})
    if not places and f.targets.get("level"):
        places = sorted({ctx.spec.network.nodes[p.start].id for p in ctx.spec.people
                         if ctx.spec.network.nodes[p.start].level == f.targets["level"]})
    stations = {s for h in ctx.loaded.site.hoists for s in h.stations[1:]}
    out = []
    for place in places:
        current = current_path(ctx, place) or []
        if group_of(ctx, place) != "miner" or not stations & set(current):
            continue  # only a level that relies on the cage is sent to the ladderway
        path = escape_path(ctx, place, _start_time(ctx, place), to="surface", blocked=_blocked(f))
        if path is None or path == current_path(ctx, place):
            continue
        out.append(_c("ladderway_route", place, "ladderway", {"place": place, "path": path},
                      _reroute_edits(ctx, place, path), group=f"route:{place}"))
    return out


def _change_assembly_point(f: Finding, ctx: Context) -> list[Candidate]:
    out = []
    plan_aps = set(ctx.plan.evacuation.assembly_points)
    for place in _places(f, ctx):
        if group_of(ctx, place) != "resident":
            continue
        now = current_path(ctx, place)
        avoid = frozenset({now[-1]}) if now else frozenset()
        path = escape_path(ctx, place, _start_time(ctx, place), to="assembly", avoid=avoid, blocked=_blocked(f))
        if path is None:
            continue
        edits = _reroute_edits(ctx, place, path)
        if path[-1] not in plan_aps:
            edits.insert(0, ("add_unique", ("plan", "evacuation", "assembly_points"), [path[-1]]))
        out.append(_c("change_assembly_point", place, "assembly", {"place": place, "point": path[-1], "path": path},
                      edits, group=f"route:{place}"))
    return out


def _add_refuge(f: Finding, ctx: Context) -> list[Candidate]:
    out = []
    net = ctx.spec.network
    plan_refuges = set(ctx.plan.evacuation.refuges)
    site_refuges = [n.id for n in net.nodes if n.kind == "refuge"]
    for r in f.targets.get("refuges", []) or [x for x in site_refuges if x not in plan_refuges]:
        out.append(_c("add_refuge", r, "refuge", {"refuge": r},
                      [("add_unique", ("plan", "evacuation", "refuges"), [r])]))
    for place in _places(f, ctx):
        route = next((r for r in ctx.plan.evacuation.routes if place in r.from_), None)
        if route is None or route.refuge is not None or not site_refuges:
            continue
        nearest = _nearest(ctx, place, ("refuge",))
        edits: list[Edit] = [("set", ("plan", "evacuation", "routes", {"id": route.id}, "refuge"), nearest)]
        if nearest not in plan_refuges:
            edits.insert(0, ("add_unique", ("plan", "evacuation", "refuges"), [nearest]))
        out.append(_c("add_refuge", f"{route.id}:{nearest}", "fallback_refuge", {"refuge": nearest, "route": route.id},
                      edits))
    return out


def _hoist_priority(f: Finding, ctx: Context) -> list[Candidate]:
    out = []
    net = ctx.spec.network
    levels = {net.nodes[net.index[p]].level for p in _places(f, ctx)} - {None}
    current = list(ctx.plan.evacuation.hoist_priority)
    for h in ctx.loaded.site.hoists:
        own = [s for s in current if s in h.stations]  # each cage serves its own stations in the plan's order
        for s in h.stations[1:]:
            lv = ctx.node(s).level
            if (levels and lv not in levels) or (own[:1] == [s]):
                continue
            if not levels and not f.targets.get("hoist"):
                continue
            out.append(_c("hoist_priority", s, "hoist_priority", {"station": s, "mine_level": lv, "hoist": h.id},
                          [("move_first", ("plan", "evacuation", "hoist_priority"), s)], group="hoist_priority"))
    return out


def _stop_entry_earlier(f: Finding, ctx: Context) -> list[Candidate]:
    plan = ctx.plan
    if not ctx.loaded.site.shifts:
        return []
    with_stop = [lv for lv, acts in plan.warning.actions_by_level.items()
                 if any(a.action == "stop_entry" for a in acts)]
    lowest = min((LEVELS.index(lv) for lv in with_stop), default=len(LEVELS))
    owner = next((a.owner for acts in plan.warning.actions_by_level.values() for a in acts
                  if a.action in ("stop_entry", "evacuate_underground")), plan.roles[0].id)
    out = []
    edits: list[Edit] = []
    if plan.warning.no_entry is None:
        edits.append(("set", ("plan", "warning", "no_entry"), {"met_warning_at": "orange"}))
    for lv in LEVELS[:lowest]:
        triggers = [t for t in plan.warning.triggers if t.level == lv]
        act = {"id": f"stop-entry-{lv}", "action": "stop_entry", "owner": triggers[0].owner if triggers else owner}
        more: list[Edit] = [("append", ("plan", "warning", "actions_by_level", lv), act)]
        if not triggers:
            if ctx.spec.season is None or not math.isfinite(ctx.spec.season.met_warning_s(lv)):
                continue
            more.insert(0, ("append", ("plan", "warning", "triggers"),
                            {"id": ctx.taken(f"met-{lv}"), "quantity": "met_warning", "at_level": lv, "level": lv,
                             "owner": owner, "detection_delay_s": 600}))
        out.append(_c("stop_entry_earlier", lv, "stop_entry", {"level": lv}, edits + more,
                      group="stop_entry"))
    if not out and edits:
        out.append(_c("stop_entry_earlier", "rule", "no_entry_rule", {}, edits,
                      group="stop_entry"))
    return out


def _add_report_deadline(f: Finding, ctx: Context) -> list[Candidate]:
    plan = ctx.plan
    edits: list[Edit] = []
    for lv, acts in plan.warning.actions_by_level.items():
        for k, a in enumerate(acts):
            if a.action == "notify_county" and (a.deadline_s is None or a.deadline_s > 3600):
                sel = {"id": a.id} if a.id else k
                edits.append(("set", ("plan", "warning", "actions_by_level", lv, sel, "deadline_s"), 3600))
    if not edits:
        top = next((lv for lv in reversed(LEVELS) if lv in plan.warning.actions_by_level), None)
        if top is None:
            return []
        owner = plan.warning.actions_by_level[top][0].owner
        edits.append(("append", ("plan", "warning", "actions_by_level", top),
                      {"id": "report-county", "action": "notify_county", "owner": owner, "deadline_s": 3600}))
    return [_c("add_report_deadline", "county", "report_deadline", {}, edits)]


_MAKERS = {
    "add_battery": _add_battery, "extend_coverage": _extend_coverage, "move_siren": _move_siren,
    "add_siren": _add_siren, "add_channel": _add_channel, "add_door_to_door": _add_door_to_door,
    "lower_threshold": _lower_threshold, "pre_authorise": _pre_authorise, "add_order": _add_order,
    "make_automatic": _make_automatic,
    "delegate_order": _delegate_order, "name_backup": _name_backup, "change_route": _change_route,
    "ladderway_route": _ladderway_route, "add_refuge": _add_refuge, "hoist_priority": _hoist_priority,
    "change_assembly_point": _change_assembly_point, "stop_entry_earlier": _stop_entry_earlier,
    "add_report_deadline": _add_report_deadline,
}
