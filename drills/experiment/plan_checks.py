"""M7 regulatory checks and M8 plan completeness: findings that need no simulation, plus the simulated
entries underground during a red warning.

M7 (the project's proposed scoring model [P]): the no-entry rule for extreme weather and the entries the drill
let through (2023 Opinions; regional practice: 宜昌 2016, 山西 2025, 辽宁 2015,
《煤矿防治水细则》, 山西 2023/2024); two independent exits to surface and two walkable exits per
production level (AQ 2033-2011 5.1–5.2); a refuge or an exit within the self-rescuer's 30 min on foot
(AQ 2033-2011 4.2, 4.4, 4.6) and refuge seats for the level's headcount (5.4); the plan's age against the
3-year evaluation (预案管理办法 第三十五条); the drill interval, which the plan schema does not record
(条例 第八条: ≥ 1 drill every 6 months) — reported as "not recorded", never guessed; monitoring of the
states that are major hidden hazards of a pond (矿安〔2022〕88号: freeboard or dry beach below design).

M8: a lint of the plan against the GB/T 29639-2020 elements our schema holds — back-ups for the posts
that act (AQ/T 9009-2015 附录A 4.6), reporting to the county with a time limit (§3.1.1; 条例 第九条),
an evacuation order and channels for each audience, backup power for mains-powered channels (AQ/T
2052-2016 5.4.3), actions for every warning level (§3.2), automatic start where a 头顶库 leaves no time
(§3.1.2; Res. ANM 95/2022), monitoring of the pond (GB 39496-2020 5.5.2), teams (§5), routes (annexes).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from datetime import date

import networkx as nx

from drills.experiment.bottlenecks import Bottlenecks
from drills.experiment.findings import (
    DEFICIENCY,
    IMPROVEMENT,
    MUST_CORRECT,
    NEAR_FIELD_LEAD_S,
    Finding,
    found,
    life_safety_class,
    ref,
    role_title,
    tail_facts,
    tail_numbers,
)
from drills.experiment.readings import COUNTY_REPORT_LIMIT_S, Reading, nan_as_0
from drills.inputs.loaded import Loaded
from drills.inputs.plan import WITHOUT_BATTERY, MonitoredItemSpec
from drills.model import movement
from drills.model.dam_break import valley_routes
from drills.model.network import SURFACE_KINDS
from drills.model.routing import routing_of
from drills.model.spec import DrillSpec

SELF_RESCUER_S = 30 * 60.0  # AQ 2033-2011 4.4: rated ≥ 30 min
EXIT_SPACING_M = 30.0  # AQ 2033-2011 5.1: two exits ≥ 30 m apart
REFUGE_DEPTH_M = 300.0  # AQ 2033-2011 5.3: refuge where the lowest level is > 300 m below the lowest surface exit
REFUGE_DISTANCE_M = 2000.0  # AQ 2033-2011 5.3: refuge on a level > 2000 m (actual distance) from its exit
EVALUATION_YEARS = 3  # 预案管理办法 第三十五条
OVERHEAD_POND_M = 1000.0  # 应急〔2020〕15号: 头顶库, residents within 1 km downstream
LEVEL_ORDER = ("blue", "yellow", "orange", "red")


def regulatory_findings(loaded: Loaded, spec: DrillSpec, readings: list[Reading]) -> list[Finding]:
    """M7 findings."""
    out = _entry_findings(loaded, spec, readings)
    if loaded.site.shifts:
        out += _exit_findings(loaded, spec)
        out += _refuge_findings(loaded, spec)
    out += _records_findings(loaded, spec)
    out += _pond_findings(loaded)
    return out


def _entry_findings(loaded: Loaded, spec: DrillSpec, readings: list[Reading]) -> list[Finding]:
    out = []
    plan = loaded.plan
    n = len(readings)
    if loaded.site.shifts:
        rule = plan.warning.no_entry
        if rule is None:
            out.append(found(
                "no_entry", {}, key="M7:no_entry", metric="M7", cls=MUST_CORRECT, standards=("no_entry",),
                refs=[ref(loaded, ("warning",))], remedies=("stop_entry_earlier",),
                targets={"level": "orange"}, weight=1.0))
        elif rule.met_warning_at == "red" or (rule.met_warning_at is None and rule.monitoring_at is None):
            out.append(found(
                "no_entry_level", {"red": rule.met_warning_at == "red"}, key="M7:no_entry_level", metric="M7",
                cls=IMPROVEMENT, standards=("no_entry_level",), refs=[ref(loaded, ("warning", "no_entry"))],
                remedies=("stop_entry_earlier",),
                targets={"level": "orange"}, weight=0.5))
    red = [int(nan_as_0(r.entered_during_red)) for r in readings]
    if any(red):
        k = sum(1 for x in red if x)
        cls, tail = life_safety_class(k, n)
        out.append(found(
            "entry_red", {"k": k, "n": n, "avg": sum(red) / k, "most": max(red), "tail": tail_facts(tail)},
            key="M7:entry_red", metric="M7", cls=cls, standards=("entry_red",),
            refs=[ref(loaded, ("warning", "no_entry"))], remedies=("stop_entry_earlier",),
            targets={"level": "orange"}, numbers={"replications": k, "mean_persons": sum(red) / n,
                                                  **tail_numbers(tail)},
            weight=sum(red) / n))
    viol = [r.entry_violations for r in readings]
    if any(viol):
        k = sum(1 for x in viol if x)
        out.append(found(
            "entry_rule", {"k": k, "n": n, "avg": sum(viol) / k, "most": max(viol)}, key="M7:entry_rule",
            metric="M7", cls=MUST_CORRECT, standards=("entry_rule",),
            refs=[ref(loaded, ("warning", "actions_by_level"))], remedies=("stop_entry_earlier",),
            targets={"level": "orange"}, numbers={"replications": k}, weight=sum(viol) / n))
    return out


def _disjoint_paths(g: nx.DiGraph, sources: set, targets: set) -> int:
    """Node-disjoint paths from any of ``sources`` to any of ``targets`` (sources and targets merged)."""
    aux = nx.DiGraph()
    direct = 0  # passages straight from the level to the surface: one way out each
    for u, v in g.edges:
        if u in sources and v in sources:
            continue
        a = "S" if u in sources else ("T" if u in targets else (u, "out"))
        b = "S" if v in sources else ("T" if v in targets else (v, "in"))
        if a == b or a == "T" or b == "S":
            continue
        if (a, b) == ("S", "T"):
            direct += g[u][v].get("links", 1)
            continue
        aux.add_edge(a, b, capacity=math.inf)
    for node in list(aux.nodes):
        if isinstance(node, tuple) and node[1] == "in":
            aux.add_edge(node, (node[0], "out"), capacity=1.0)
    if "S" not in aux or "T" not in aux:
        return direct
    return direct + int(nx.maximum_flow_value(aux, "S", "T"))


def _exit_findings(loaded: Loaded, spec: DrillSpec) -> list[Finding]:
    out = []
    net = spec.network
    exits = [net.index[x] for x in loaded.plan.evacuation.exits]
    far = [(a, b) for a, b in itertools.combinations(exits, 2)
           if math.hypot(net.nodes[a].x_m - net.nodes[b].x_m, net.nodes[a].y_m - net.nodes[b].y_m) >= EXIT_SPACING_M]
    if len(exits) < 2 or not far:
        out.append(found(
            "exits", {"exits": list(loaded.plan.evacuation.exits)}, key="M7:exits", metric="M7", cls=MUST_CORRECT,
            standards=("exits",), refs=[ref(loaded, ("evacuation", "exits"))], remedies=(), weight=1.0))
    walk = nx.DiGraph()
    for u, adj in enumerate(net.walk_adjacency):
        for _, v in adj:
            links = walk[u][v]["links"] + 1 if walk.has_edge(u, v) else 1
            walk.add_edge(u, v, links=links)
    levels: dict[str, set[int]] = defaultdict(set)
    for p in spec.people:
        node = net.nodes[p.start]
        if p.group == "miner" and node.level:
            levels[node.level] |= {n.index for n in net.nodes if n.level == node.level}
    surface = {n.index for n in net.nodes if n.kind in SURFACE_KINDS}
    for level, nodes in sorted(levels.items()):
        k = _disjoint_paths(walk, nodes, surface)
        if k < 2:
            out.append(found(
                "level_exits", {"level": level, "k": k}, key=f"M7:level_exits:{level}", metric="M7",
                cls=MUST_CORRECT, standards=("level_exits",), refs=[ref(loaded, ("evacuation", "routes"))],
                remedies=("ladderway_route",),
                targets={"level": level}, numbers={"walkable_exits": k}, weight=1.0))
    return out


def walking_times(spec: DrillSpec, sources: list[int]) -> dict[int, dict[int, float]]:
    """Dry walking time from each source to every place, on foot (no cage), at the miners' speed."""
    routing = routing_of(spec)
    prof = spec.profiles.get("miner")
    speed = prof.speed_mps if prof else movement.FREE_SPEED_MPS
    climb = prof.climb_mps if prof else movement.CLIMB_MPS
    net = spec.network

    def weight(u: int, v: int, d: dict) -> float | None:
        if d["hoist"] is not None:
            return None
        hop = routing.hops[(u, v)]
        if net.links[d["link"]].kind == "ladderway":
            return abs(hop.rise_m) / climb
        return hop.length_m / (speed * hop.slope)

    return {s: nx.single_source_dijkstra_path_length(routing.walk, s, weight=weight) for s in sources}


def level_exit_distances(spec: DrillSpec, places: list[int]) -> dict[str, float]:
    """Per level, the farthest of its people's places from the level's nearest exit, in metres along the level.

    A level's exits are its nodes where a way off the level begins (a shaft, ramp or ladderway to another level or
    to the surface); AQ 2033-2011 5.3 measures the actual distance to them, not the straight line.
    """
    net = spec.network
    graph = nx.Graph()
    exits: dict[str, set[int]] = defaultdict(set)
    for link in net.links:
        a, b = net.nodes[link.a], net.nodes[link.b]
        if a.level is not None and a.level == b.level:
            graph.add_edge(a.index, b.index, length=link.length_m)
        else:
            for n in (a, b):
                if n.level is not None:
                    exits[n.level].add(n.index)
    out: dict[str, float] = {}
    for s in places:
        level = net.nodes[s].level
        if level is None or not exits[level]:
            continue
        if s in exits[level]:
            d = 0.0
        elif s not in graph:
            continue
        else:
            reach = nx.single_source_dijkstra_path_length(graph, s, weight="length")
            d = min((reach[x] for x in exits[level] if x in reach), default=0.0)
        out[level] = max(out.get(level, 0.0), d)
    return out


def _refuge_findings(loaded: Loaded, spec: DrillSpec) -> list[Finding]:
    out = []
    net = spec.network
    plan_refuges = set(spec.refuges)
    site_refuges = {n.index for n in net.nodes if n.kind == "refuge"}
    surface = {n.index for n in net.nodes if n.kind in SURFACE_KINDS}
    places = sorted({p.start for p in spec.people if p.group == "miner"})
    times = walking_times(spec, places)
    far = []
    for s in places:
        t = times[s]
        best = min((t[x] for x in plan_refuges | surface if x in t), default=math.inf)
        if best > SELF_RESCUER_S:
            reachable = [net.nodes[x].id for x in site_refuges - plan_refuges if t.get(x, math.inf) <= SELF_RESCUER_S]
            far.append((net.nodes[s].id, best, reachable))
    for place, best, reachable in far:
        out.append(found(
            "refuge_reach", {"place": place, "walk": best / 60, "refuges": reachable},
            key=f"M7:refuge_reach:{place}", metric="M7", cls=MUST_CORRECT, standards=("refuge_reach",),
            refs=[ref(loaded, ("evacuation", "refuges"))], remedies=("add_refuge",) if reachable else (),
            targets={"places": [place], "refuges": reachable}, numbers={"walk_s": best}, weight=0.5))
    headcount: dict[str, int] = defaultdict(int)
    for p in spec.people:
        node = net.nodes[p.start]
        if p.group == "miner" and node.level and p.party >= 0 and spec.parties[p.party].enters_s == 0:
            headcount[node.level] += 1
    lowest_exit = min((net.nodes[x].elevation_m for x in spec.exits), default=0.0)
    floor = {lv: min(n.elevation_m for n in net.nodes if n.level == lv) for lv in headcount}
    lowest = min(floor, key=floor.__getitem__, default=None)
    far_from_exit = level_exit_distances(spec, places)
    for level, count in sorted(headcount.items()):
        seats = sum(net.nodes[r].capacity_persons or 0 for r in plan_refuges if net.nodes[r].level == level)
        depth = lowest_exit - floor[level]
        reasons = [key for key, applies in (
            ("depth", level == lowest and depth > REFUGE_DEPTH_M),
            ("inrush", level == lowest and spec.inrush is not None),
            ("distance", far_from_exit.get(level, 0.0) > REFUGE_DISTANCE_M),
        ) if applies]
        if seats == 0 and not reasons:
            continue
        if seats < count:
            out.append(found(
                "refuge_seats", {"level": level, "seats": seats, "count": count, "depth": depth,
                                 "reasons": reasons, "distance": far_from_exit.get(level, 0.0)},
                key=f"M7:refuge_seats:{level}", metric="M7", cls=MUST_CORRECT, standards=("refuge_seats",),
                refs=[ref(loaded, ("evacuation", "refuges"))], remedies=("add_refuge",),
                targets={"level": level}, numbers={"seats": seats, "headcount": count}, weight=0.5))
    return out


def years_after(day: date, years: int) -> date:
    """The same calendar day ``years`` later; from 29 February, the last day of February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _records_findings(loaded: Loaded, spec: DrillSpec) -> list[Finding]:
    out = []
    plan = loaded.plan
    start = loaded.scenario.start_time.date()
    if plan.approved_on is None:
        out.append(found(
            "approved", {}, key="M7:approved", metric="M7", cls=IMPROVEMENT, standards=("approved",),
            refs=[ref(loaded, ("version",))], weight=0.1))
    elif start > years_after(plan.approved_on, EVALUATION_YEARS):
        out.append(found(
            "evaluation", {"date": str(plan.approved_on), "years": EVALUATION_YEARS, "drill": str(start)},
            key="M7:evaluation", metric="M7", cls=MUST_CORRECT, standards=("evaluation",),
            refs=[ref(loaded, ("approved_on",))], weight=0.5))
    out.append(found(
        "not_recorded", {"overhead": bool(overhead_residents(loaded, spec))}, key="M7:not_recorded", metric="M7",
        cls=IMPROVEMENT, standards=("not_recorded",), refs=[ref(loaded, ("version",))], weight=0.05))
    return out


def overhead_residents(loaded: Loaded, spec: DrillSpec) -> list[str]:
    """Resident places within 1 km of a dam along the way the tailings would flow (头顶库, 应急〔2020〕15号): the
    distance over the site's links from the dam (:func:`~drills.model.dam_break.valley_routes`); a place no link
    joins to the dam is measured in a straight line."""
    net = spec.network
    homes = sorted({p.start for p in spec.people if p.group == "resident"})
    out = []
    for d in sorted({net.index[dam.node] for dam in loaded.site.dams}):
        along, _ = valley_routes(net, d)
        dn = net.nodes[d]
        for k in homes:
            far = along[k] if math.isfinite(along[k]) else math.hypot(net.nodes[k].x_m - dn.x_m,
                                                                      net.nodes[k].y_m - dn.y_m)
            if far <= OVERHEAD_POND_M:
                out.append(net.nodes[k].id)
    return out


def _pond_findings(loaded: Loaded) -> list[Finding]:
    out = []
    plan = loaded.plan
    for d in loaded.site.dams:
        if d.pond is None:
            continue
        items: dict[str, MonitoredItemSpec] = {it.quantity: it for it in plan.warning.monitoring.items}
        for quantity, design in (("freeboard_m", d.pond.min_freeboard_m), ("beach_length_m",
                                                                           d.pond.min_beach_length_m)):
            item = items.get(quantity)
            reds = [p.thresholds.red for p in item.points] if item else []
            if item is None or any(r is None or r < design for r in reds):
                out.append(found(
                    "pond", {"quantity": quantity, "design": design, "reds": reds if item is not None else None},
                    key=f"M7:pond:{quantity}", metric="M7", cls=MUST_CORRECT, standards=("pond",),
                    refs=[ref(loaded, ("warning", "monitoring"))], weight=0.5))
    return out


# ------------------------------------------------------------------ M8
def completeness_findings(loaded: Loaded, spec: DrillSpec, *, bn: Bottlenecks | None = None,
                          replications: int = 0, posts: set[str] | frozenset[str] = frozenset()) -> list[Finding]:
    """M8: the plan against the GB/T 29639-2020 elements the schema holds.

    Args:
        bn: the drill's bottlenecks, to class the 头顶库 finding by what happened to the people there.
        replications: the number of replications behind ``bn``.
        posts: posts that already have a finding of their own (:func:`drills.experiment.findings.post_findings`),
            which carries their missing backup and the report's time limit: not listed again here.
    """
    plan = loaded.plan
    site = loaded.site
    out: list[Finding] = []
    acting = {t.owner for t in plan.warning.triggers if not t.automatic}
    acting |= {a.owner for acts in plan.warning.actions_by_level.values() for a in acts}
    lonely = [r.id for r in plan.roles if r.id in acting and not r.backups and r.id not in posts]
    if lonely:
        out.append(_m8("backups", MUST_CORRECT, {"posts": [role_title(loaded, r) for r in lonely]},
                       ref(loaded, ("roles",)), ("name_backup",), {"roles": lonely}))
    county = [(lv, k, a) for lv, acts in plan.warning.actions_by_level.items() for k, a in enumerate(acts)
              if a.action == "notify_county"]
    if not county:
        out.append(_m8("county", MUST_CORRECT, {}, ref(loaded, ("warning", "actions_by_level")),
                       ("add_report_deadline",), {}))
    else:
        for lv, k, a in county:
            if (a.deadline_s is None or a.deadline_s > COUNTY_REPORT_LIMIT_S) and a.owner not in posts:
                out.append(_m8("county_deadline", MUST_CORRECT,
                               {"level": lv, "hours": None if a.deadline_s is None else a.deadline_s / 3600},
                               ref(loaded, ("warning", "actions_by_level", lv, k)), ("add_report_deadline",),
                               {"level": lv, "index": k}, key=f"county_deadline:{lv}"))
    public = [c for c in plan.channels if c.public]
    underground = [c for c in plan.channels if not c.public]
    actions = {a.action for acts in plan.warning.actions_by_level.values() for a in acts}
    if site.residents and not public:
        out.append(_m8("public_channels", MUST_CORRECT, {}, ref(loaded, ("channels",)),
                       ("add_siren", "add_channel", "add_door_to_door"), {"group": "resident"}))
    if site.residents and "evacuate_downstream" not in actions and spec.order_at_s is None:
        out.append(_m8("downstream_order", MUST_CORRECT, {}, ref(loaded, ("warning", "actions_by_level")),
                       ("add_order", "pre_authorise"), {"group": "resident"}))
    if site.shifts and not underground:
        out.append(_m8("mine_channels", MUST_CORRECT, {}, ref(loaded, ("channels",)), ("add_channel",),
                       {"group": "miner"}))
    if site.shifts and "evacuate_underground" not in actions and spec.order_at_s is None:
        out.append(_m8("mine_order", MUST_CORRECT, {}, ref(loaded, ("warning", "actions_by_level")),
                       ("add_order", "pre_authorise"), {"group": "miner"}))
    bare = [c.id for c in plan.channels if c.needs_mains_power and c.backup_power_h == 0
            and c.type not in WITHOUT_BATTERY]
    if bare:  # the clause: the first such channel, where a backup would be written
        first = next(k for k, c in enumerate(plan.channels) if c.id == bare[0])
        out.append(_m8("backup_power", MUST_CORRECT, {"channels": bare}, ref(loaded, ("channels", first)),
                       ("add_battery",), {"channels": bare}))
    used = set(plan.warning.actions_by_level) | {t.level for t in plan.warning.triggers}
    idle = [lv for lv in plan.warning.levels if lv not in used]
    if idle:  # levels the plan lists, or all four when it lists none (then the clause is its warning section)
        written = "levels" in plan.warning.model_fields_set
        out.append(_m8("levels", IMPROVEMENT, {"levels": idle, "by_default": not written},
                       ref(loaded, ("warning", "levels") if written else ("warning",)),
                       # stopping entry earlier only where people go underground
                       ("pre_authorise", "stop_entry_earlier") if site.shifts else ("pre_authorise",),
                       {"levels": idle}))
    near = overhead_residents(loaded, spec)
    if near and not any(t.automatic for t in plan.warning.triggers):
        out.append(overhead_finding(loaded, sorted(set(near)), bn, replications))
    if site.dams and not plan.warning.monitoring.items:
        out.append(_m8("monitoring", IMPROVEMENT, {}, ref(loaded, ("warning",)), (), {}))
    if not plan.teams:
        out.append(_m8("teams", IMPROVEMENT, {}, ref(loaded, ("teams",)), (), {}))
    routed = set(spec.routes)
    unrouted = sorted({spec.network.nodes[p.start].id for p in spec.people if p.start not in routed})
    if unrouted:
        out.append(_m8("routes", IMPROVEMENT, {"places": unrouted[:8], "more": " …" if len(unrouted) > 8 else ""},
                       ref(loaded, ("evacuation", "routes")), ("change_route",), {"places": unrouted}))
    return out


def overhead_finding(loaded: Loaded, near: list[str], bn: Bottlenecks | None, n: int) -> Finding:
    """头顶库 with no automatic start. Its class follows what happened to the people there: a life-safety
    finding (不足项) when someone there was not safe when the water came in more than the tolerated 5 % of
    the replications (the project's M2/M3 gates [P]: warned after the water or not safe is a 不足项; 应急〔2020〕15号
    头顶库), an 改进项 otherwise or when the drill did not reach them. Its rationale follows the measured time from
    the first trigger to the water there: the flow outruns any decision chain only where that time is within
    :data:`~drills.experiment.findings.NEAR_FIELD_LEAD_S`; where it is longer, the order or the response failed."""
    cls, numbers = IMPROVEMENT, {}
    facts: dict = {"places": near, "drill": None}
    floods = [f for f in (bn.route_floods if bn else ()) if f.place in near]
    if floods and n:
        reps = {r for f in floods for r in f.replication_ids}
        cls, tail = life_safety_class(len(reps), n)
        unsafe = sum(f.unsafe for f in floods)
        deaths = sum(f.expected_fatalities for f in floods) / n
        leads = [w.lead_p50_s for w in (bn.warnings if bn else ()) if w.place in near and not math.isnan(w.lead_p50_s)]
        facts["drill"] = {"k": len(reps), "n": n, "avg": unsafe / len(reps), "deaths": deaths,
                          "leads": (min(leads), max(leads)) if leads else None, "near_field_s": NEAR_FIELD_LEAD_S,
                          "unsafe": unsafe, "late_warning": sum(f.reasons.get("late_warning", 0) for f in floods),
                          "tail": tail_facts(tail)}
        numbers = {"replications_unsafe": len(reps), "replications": n, "unsafe_person_replications": unsafe,
                   "expected_fatalities_per_replication": deaths, **tail_numbers(tail)}
    return found("automatic", facts, key="M8:automatic", metric="M8", cls=cls, standards=("automatic",),
                 refs=[ref(loaded, ("warning", "triggers"))], remedies=("make_automatic",),
                 targets={"places": near}, numbers=numbers,
                 weight=max(0.1, numbers.get("expected_fatalities_per_replication", 0.0)) if cls == DEFICIENCY
                 else 0.1)


def _m8(kind: str, cls: str, facts: dict, clause: tuple, remedies: tuple[str, ...], targets: dict, *,
        key: str = "") -> Finding:
    return found(kind, facts, key=f"M8:{key or kind}", metric="M8", cls=cls, standards=(kind,), refs=[clause],
                 remedies=remedies, targets=targets, weight=0.1)


def internal_report_p95_s(spec: DrillSpec) -> float:
    """The largest 95th percentile of the detection delays of the human-reported triggers (M4 internal)."""
    out = math.nan
    for t in spec.triggers:
        if t.automatic:
            continue
        p = t.detection_delay.quantile(0.95)
        out = p if math.isnan(out) else max(out, p)
    return out


