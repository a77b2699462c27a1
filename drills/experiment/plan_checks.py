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

import networkx as nx

from drills.experiment.bottlenecks import Bottlenecks
from drills.experiment.findings import (
    DEFICIENCY,
    IMPROVEMENT,
    MUST_CORRECT,
    Finding,
    life_safety_class,
    plan_ref,
    role_title,
    tail_numbers,
)
from drills.experiment.readings import COUNTY_REPORT_LIMIT_S, Reading
from drills.experiment.units import fmt_value
from drills.inputs.loaded import Loaded
from drills.inputs.plan import MonitoredItemSpec
from drills.model.network import SURFACE_KINDS
from drills.model.routing import routing_of
from drills.model.spec import DrillSpec

SELF_RESCUER_S = 30 * 60.0  # AQ 2033-2011 4.4: rated ≥ 30 min
EXIT_SPACING_M = 30.0  # AQ 2033-2011 5.1: two exits ≥ 30 m apart
REFUGE_DEPTH_M = 300.0  # AQ 2033-2011 5.3: refuge where a level is > 300 m below the lowest surface exit
EVALUATION_YEARS = 3  # 预案管理办法 第三十五条
OVERHEAD_POND_M = 1000.0  # 应急〔2020〕15号: 头顶库, residents within 1 km downstream
UNDERGROUND = ("workplace", "junction", "shaft_station", "refuge", "sump")
LEVEL_ORDER = ("blue", "yellow", "orange", "red")
POND_WORDS = {"freeboard_m": "freeboard", "beach_length_m": "dry beach length"}


def regulatory_findings(loaded: Loaded, spec: DrillSpec, readings: list[Reading]) -> list[Finding]:
    """M7 findings."""
    out = _entry_findings(loaded, spec, readings)
    if loaded.site.shifts:
        out += _exit_findings(loaded, spec)
        out += _refuge_findings(loaded, spec)
    out += _records_findings(loaded)
    out += _pond_findings(loaded)
    return out


def _entry_findings(loaded: Loaded, spec: DrillSpec, readings: list[Reading]) -> list[Finding]:
    out = []
    plan = loaded.plan
    n = len(readings)
    if loaded.site.shifts:
        rule = plan.warning.no_entry
        if rule is None:
            out.append(Finding(
                key="M7:no_entry", metric="M7", cls=MUST_CORRECT,
                title="The plan has no rule stopping entry underground in extreme weather",
                evidence="The plan has no no-entry rule: nothing keeps the next shift on the surface under a "
                         "rainstorm warning.",
                standard="2023 Opinions: no entering the mine in extreme weather; regional practice (宜昌市安监局 "
                         "2016; 国家矿山安全监察局山西局 2025; 山西省应急管理厅 2023/2024 flood-season notices, coal): "
                         "stop and withdraw at an orange warning",
                plan_ref=plan_ref(loaded, ("warning",)), remedies=("stop_entry_earlier",),
                targets={"level": "orange"}, weight=1.0))
        elif rule.met_warning_at == "red" or (rule.met_warning_at is None and rule.monitoring_at is None):
            out.append(Finding(
                key="M7:no_entry_level", metric="M7", cls=IMPROVEMENT,
                title="The no-entry rule starts only at a red warning (regional practice: orange)",
                evidence=("The rule takes effect at a red rainstorm warning." if rule.met_warning_at == "red" else
                          "The rule names no warning level at which it takes effect."),
                standard="Regional practice (宜昌市安监局 2016; 国家矿山安全监察局山西局 2025; 山西省应急管理厅 "
                         "2023/2024 flood-season notices, coal): no one underground at orange or red",
                plan_ref=plan_ref(loaded, ("warning", "no_entry")), remedies=("stop_entry_earlier",),
                targets={"level": "orange"}, weight=0.5))
    red = [r.entered_during_red for r in readings]
    if any(red):
        k = sum(1 for x in red if x)
        cls, tail = life_safety_class(k, n)
        out.append(Finding(
            key="M7:entry_red", metric="M7", cls=cls,
            title=f"People went underground during a red warning in {k} of {n} replications",
            evidence=f"When it happened, {sum(red) / k:.1f} people of the next shift on average (up to {max(red)}) "
                     f"went down while a red rainstorm warning or a red level stood. {tail.describe()}",
            standard="2023 Opinions: no entering the mine in extreme weather; 煤矿防治水细则: withdraw everyone "
                     "when a rainstorm threatens the mine",
            plan_ref=plan_ref(loaded, ("warning", "no_entry")), remedies=("stop_entry_earlier",),
            targets={"level": "orange"}, numbers={"replications": k, "mean_persons": sum(red) / n,
                                                  **tail_numbers(tail)},
            weight=sum(red) / n))
    viol = [r.entry_violations for r in readings]
    if any(viol):
        k = sum(1 for x in viol if x)
        out.append(Finding(
            key="M7:entry_rule", metric="M7", cls=MUST_CORRECT,
            title=f"The plan's own no-entry rule was broken in {k} of {n} replications",
            evidence=f"When it happened, {sum(viol) / k:.1f} people on average (up to {max(viol)}) went underground "
                     "while the rule held: no step of a level declared in time stopped entry.",
            standard="2023 Opinions: no entering the mine in extreme weather",
            plan_ref=plan_ref(loaded, ("warning", "actions_by_level")), remedies=("stop_entry_earlier",),
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
        out.append(Finding(
            key="M7:exits", metric="M7", cls=MUST_CORRECT,
            title="The plan names fewer than two exits to surface at least 30 m apart",
            evidence=f"Exits: {', '.join(loaded.plan.evacuation.exits) or 'none'}.",
            standard="AQ 2033-2011 5.1 (GB 16423): ≥ 2 independent exits to surface, ≥ 30 m apart",
            plan_ref=plan_ref(loaded, ("evacuation", "exits")), remedies=(), weight=1.0))
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
            out.append(Finding(
                key=f"M7:level_exits:{level}", metric="M7", cls=MUST_CORRECT,
                title=f"Level {level} has {k} walkable way{'s' if k != 1 else ''} out (two are required)",
                evidence=f"Independent walkable paths (not the cage) from level {level} to the surface: {k}.",
                standard="AQ 2033-2011 5.2: ≥ 2 walkable exits from every production level",
                plan_ref=plan_ref(loaded, ("evacuation", "routes")), remedies=("ladderway_route",),
                targets={"level": level}, numbers={"walkable_exits": k}, weight=1.0))
    return out


def walking_times(spec: DrillSpec, sources: list[int]) -> dict[int, dict[int, float]]:
    """Dry walking time from each source to every place, on foot (no cage), at the miners' speed."""
    routing = routing_of(spec)
    prof = spec.profiles.get("miner")
    speed = prof.speed_mps if prof else 1.2
    climb = prof.climb_mps if prof else 0.105
    net = spec.network

    def weight(u: int, v: int, d: dict) -> float | None:
        if d["hoist"] is not None:
            return None
        hop = routing.hops[(u, v)]
        if net.links[d["link"]].kind == "ladderway":
            return abs(hop.rise_m) / climb
        return hop.length_m / (speed * hop.slope)

    return {s: nx.single_source_dijkstra_path_length(routing.walk, s, weight=weight) for s in sources}


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
        out.append(Finding(
            key=f"M7:refuge_reach:{place}", metric="M7", cls=MUST_CORRECT,
            title=f"From {place} no refuge or exit is within the self-rescuer's 30 min on foot",
            evidence=f"Nearest plan refuge or surface exit on foot (no cage): {best / 60:.0f} min"
                     + (f"; site refuges within reach not in the plan: {', '.join(reachable)}" if reachable else "")
                     + ".",
            standard="AQ 2033-2011 4.2, 4.4 (self-rescuer ≥ 30 min) and 4.6 (shelter for those who cannot reach "
                     "safety in time)",
            plan_ref=plan_ref(loaded, ("evacuation", "refuges")), remedies=("add_refuge",) if reachable else (),
            targets={"places": [place], "refuges": reachable}, numbers={"walk_s": best}, weight=0.5))
    headcount: dict[str, int] = defaultdict(int)
    for p in spec.people:
        node = net.nodes[p.start]
        if p.group == "miner" and node.level and p.party >= 0 and spec.parties[p.party].enters_s == 0:
            headcount[node.level] += 1
    lowest_exit = min((net.nodes[x].elevation_m for x in spec.exits), default=0.0)
    for level, count in sorted(headcount.items()):
        seats = sum(net.nodes[r].capacity_persons or 0 for r in plan_refuges if net.nodes[r].level == level)
        depth = lowest_exit - min(n.elevation_m for n in net.nodes if n.level == level)
        if seats == 0 and depth <= REFUGE_DEPTH_M:
            continue
        if seats < count:
            out.append(Finding(
                key=f"M7:refuge_seats:{level}", metric="M7", cls=MUST_CORRECT,
                title=f"Level {level}: {seats} refuge seats for {count} people on the shift",
                evidence=f"Plan refuges on level {level} hold {seats}; the shift puts {count} people there; the "
                         f"level lies {depth:.0f} m below the lowest exit.",
                standard="AQ 2033-2011 5.3–5.4 (refuge where a level is > 300 m below the lowest exit or at "
                         "inrush risk; seats ≥ the level's headcount, ≤ 100 per chamber)",
                plan_ref=plan_ref(loaded, ("evacuation", "refuges")), remedies=("add_refuge",),
                targets={"level": level}, numbers={"seats": seats, "headcount": count}, weight=0.5))
    return out


def _records_findings(loaded: Loaded) -> list[Finding]:
    out = []
    plan = loaded.plan
    start = loaded.scenario.start_time.date()
    if plan.approved_on is None:
        out.append(Finding(
            key="M7:approved", metric="M7", cls=IMPROVEMENT, title="The plan's approval date is not recorded",
            evidence="The plan does not record the date it was approved, so the 3-year evaluation cannot be "
                     "checked.",
            standard="预案管理办法 第三十五条 (evaluation every 3 years)", plan_ref=plan_ref(loaded, ("version",)),
            weight=0.1))
    elif (start - plan.approved_on).days > EVALUATION_YEARS * 365.25:
        out.append(Finding(
            key="M7:evaluation", metric="M7", cls=MUST_CORRECT,
            title=f"The plan was approved on {plan.approved_on}, more than {EVALUATION_YEARS} years before the drill",
            evidence=f"Approved {plan.approved_on}; drill {start}.",
            standard="预案管理办法 第三十五条 (evaluation every 3 years); 第三十六条 (revision triggers)",
            plan_ref=plan_ref(loaded, ("approved_on",)), weight=0.5))
    overhead = bool(_overhead_residents(loaded))
    missing = ["the date of the last drill (≥ 1 drill every 6 months, 条例 第八条 / 预案管理办法 第三十三条)",
               "when the contact list was last verified (US DOL OIG alert memorandum 05-16-001-06-001, 2015: "
               "emergency plans held wrong phone numbers)"]
    if overhead:
        missing.append("the pre-flood-season joint drill with the residents below the dam (2023 Opinions)")
    out.append(Finding(
        key="M7:not_recorded", metric="M7", cls=IMPROVEMENT,
        title="Drill interval and contact verification are not recorded in the plan",
        evidence="The plan file has no field for: " + "; ".join(missing) + ". They were not checked; record them "
                 "in the drill log that goes with this evaluation.",
        standard="《生产安全事故应急条例》 第八条; 预案管理办法 第三十三条; 2023 Opinions",
        plan_ref=plan_ref(loaded, ("version",)), weight=0.05))
    return out


def _overhead_residents(loaded: Loaded) -> list[str]:
    """Resident places within 1 km of a dam (头顶库, 应急〔2020〕15号)."""
    nodes = {n.id: n for n in loaded.site.nodes}
    out = []
    for d in loaded.site.dams:
        dn = nodes[d.node]
        for r in loaded.site.residents:
            rn = nodes[r.at]
            if math.hypot(rn.x_m - dn.x_m, rn.y_m - dn.y_m) <= OVERHEAD_POND_M:
                out.append(r.at)
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
                out.append(Finding(
                    key=f"M7:pond:{quantity}", metric="M7", cls=MUST_CORRECT,
                    title=f"The pond's {POND_WORDS[quantity]} is not monitored down to its design minimum "
                          f"({design:g} m)",
                    evidence=("The plan monitors no such quantity." if item is None else
                              "Red thresholds " + ", ".join("none" if r is None else f"{r:g} m" for r in reds)
                              + f" fall below the design minimum {design:g} m."),
                    standard="矿安〔2022〕88号 (freeboard or dry beach below design is a major hidden hazard); GB "
                             "39496-2020 5.5.2–5.5.4",
                    plan_ref=plan_ref(loaded, ("warning", "monitoring")), weight=0.5))
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
        out.append(_m8("backups", MUST_CORRECT,
                       f"Posts with no backup: {', '.join(role_title(loaded, r) for r in lonely)}",
                       "These posts own triggers or steps, and nobody stands in when they are absent.",
                       "AQ/T 9009-2015 附录A 指挥和协调 4.6 (back-ups for key posts); GB/T 29639-2020 §2",
                       plan_ref(loaded, ("roles",)), ("name_backup",), {"roles": lonely}))
    county = [(lv, k, a) for lv, acts in plan.warning.actions_by_level.items() for k, a in enumerate(acts)
              if a.action == "notify_county"]
    if not county:
        out.append(_m8("county", MUST_CORRECT, "No step reports to the county emergency bureau",
                       "No step of any warning level reports to the county.",
                       "条例 第九条; GB/T 29639-2020 §3.1.1 信息接报",
                       plan_ref(loaded, ("warning", "actions_by_level")), ("add_report_deadline",), {}))
    else:
        for lv, k, a in county:
            if (a.deadline_s is None or a.deadline_s > COUNTY_REPORT_LIMIT_S) and a.owner not in posts:
                out.append(_m8(f"county_deadline:{lv}", MUST_CORRECT,
                               f"The report to the county at {lv} has no time limit within 1 h",
                               ("The plan sets no time limit for it" if a.deadline_s is None else
                                f"The plan allows {a.deadline_s / 3600:g} h") + "; the law allows 1 h.",
                               "条例 第九条 (within 1 h); GB/T 29639-2020 §3.1.1 (time limit and responsible person)",
                               plan_ref(loaded, ("warning", "actions_by_level", lv, k)), ("add_report_deadline",),
                               {"level": lv, "index": k}))
    public = [c for c in plan.channels if c.public]
    underground = [c for c in plan.channels if not c.public]
    actions = {a.action for acts in plan.warning.actions_by_level.values() for a in acts}
    if site.residents and not public:
        out.append(_m8("public_channels", MUST_CORRECT, "Residents live below the dam but no public channel warns "
                       "them", "The plan lists no siren, loudspeaker, SMS, phone tree, door-to-door team or "
                       "loudspeaker vehicle.",
                       "2023 Opinions; GB/T 29639-2020 §3.1.1 (public notification)", plan_ref(loaded, ("channels",)),
                       ("add_siren", "add_channel", "add_door_to_door"), {}))
    if site.residents and "evacuate_downstream" not in actions and spec.order_at_s is None:
        out.append(_m8("downstream_order", MUST_CORRECT, "No level orders the downstream evacuation",
                       "No step of any warning level orders the people below the dam to leave.",
                       "GB/T 29639-2020 §3.3–3.4; 2023 Opinions",
                       plan_ref(loaded, ("warning", "actions_by_level")), ("pre_authorise",), {}))
    if site.shifts and not underground:
        out.append(_m8("mine_channels", MUST_CORRECT, "People work underground but no underground channel warns "
                       "them", "The plan lists no PA, cap-lamp paging, radio, station phones or runner.",
                       "AQ/T 2052-2016 5.1.6, 5.4.1; 2023 Opinions", plan_ref(loaded, ("channels",)),
                       ("add_channel",), {}))
    if site.shifts and "evacuate_underground" not in actions and spec.order_at_s is None:
        out.append(_m8("mine_order", MUST_CORRECT, "No level orders the withdrawal from underground",
                       "No step of any warning level orders everyone out from underground.",
                       "煤矿防治水细则 / NMSA 2023 事故征兆紧急撤人",
                       plan_ref(loaded, ("warning", "actions_by_level")), ("pre_authorise",), {}))
    bare = [c.id for c in plan.channels if c.needs_mains_power and c.backup_power_h == 0 and c.type not in (
        "runner", "door_to_door")]
    if bare:
        out.append(_m8("backup_power", MUST_CORRECT, f"Channels with no backup power: {', '.join(bare)}",
                       "They need mains power and have no battery or generator: a storm that takes the power "
                       "silences them.",
                       "AQ/T 2052-2016 5.4.3 (backup power switches in automatically); Res. ANM 95/2022 art. 7 "
                       "(power redundancy)", plan_ref(loaded, ("channels",)), ("add_battery",), {"channels": bare}))
    used = set(plan.warning.actions_by_level) | {t.level for t in plan.warning.triggers}
    idle = [lv for lv in plan.warning.levels if lv not in used]
    if idle:
        out.append(_m8("levels", IMPROVEMENT, f"Warning levels with neither triggers nor actions: {', '.join(idle)}",
                       "The plan lists these levels but prepares nothing at them (响应准备).",
                       "GB/T 29639-2020 §3.2 预警 (启动, 响应准备); GB 39496-2020 5.5.4 (four levels)",
                       plan_ref(loaded, ("warning", "levels")), ("pre_authorise", "stop_entry_earlier"),
                       {"levels": idle}))
    near = _overhead_residents(loaded)
    if near and not any(t.automatic for t in plan.warning.triggers):
        out.append(overhead_finding(loaded, sorted(set(near)), bn, replications))
    if site.dams and not plan.warning.monitoring.items:
        out.append(_m8("monitoring", IMPROVEMENT, "The pond's online monitoring is not in the plan",
                       "The plan lists nothing it monitors at the pond.", "GB 39496-2020 5.5.2–5.5.4",
                       plan_ref(loaded, ("warning",)), (), {}))
    if not plan.teams:
        out.append(_m8("teams", IMPROVEMENT, "No emergency teams are listed", "The plan names no emergency team.",
                       "GB/T 29639-2020 §5 应急保障 (队伍)", plan_ref(loaded, ("teams",)), (), {}))
    routed = set(spec.routes)
    unrouted = sorted({spec.network.nodes[p.start].id for p in spec.people if p.start not in routed})
    if unrouted:
        out.append(_m8("routes", IMPROVEMENT, f"Places with no planned route: {', '.join(unrouted[:8])}"
                       + (" …" if len(unrouted) > 8 else ""),
                       "People there take the nearest way they find; the plan's maps should show it.",
                       "GB/T 29639-2020 annexes (key routes and maps); AQ 2033-2011 5.2 (routes signed)",
                       plan_ref(loaded, ("evacuation", "routes")), ("change_route",), {"places": unrouted}))
    return out


def overhead_finding(loaded: Loaded, near: list[str], bn: Bottlenecks | None, n: int) -> Finding:
    """头顶库 with no automatic start. Its class follows what happened to the people there: a life-safety
    finding (不足项) when someone there was not safe when the water came in more than the tolerated 5 % of
    the replications (the project's M2/M3 gates [P]: warned after the water or not safe is a 不足项; 应急〔2020〕15号
    头顶库), an 改进项 otherwise or when the drill did not reach them."""
    title = (f"头顶库: people live within 1 km of the dam ({', '.join(near)}) and no trigger starts the warning "
             "automatically")
    evidence = "Near a tailings dam the flow arrives in about a minute; a human decision chain cannot beat it."
    cls, numbers = IMPROVEMENT, {}
    floods = [f for f in (bn.route_floods if bn else ()) if f.place in near]
    if floods and n:
        reps = {r for f in floods for r in f.replication_ids}
        cls, tail = life_safety_class(len(reps), n)
        unsafe = sum(f.unsafe for f in floods)
        deaths = sum(f.expected_fatalities for f in floods) / n
        leads = [w.lead_p50_s for w in (bn.warnings if bn else ()) if w.place in near and not math.isnan(w.lead_p50_s)]
        evidence += (f" In this drill, people living there were not safe when the water came in {len(reps)} of {n} "
                     f"replications ({unsafe / len(reps):.1f} people on average when it happened)"
                     + (f"; expected deaths there {deaths:.1f} per replication (lethality rule)" if deaths else "")
                     + (f"; the water reached them a median {fmt_value(min(leads), 's')} to "
                           f"{fmt_value(max(leads), 's')} after the first "
                        "trigger was met" if leads else "") + f". {tail.describe()}")
        numbers = {"replications_unsafe": len(reps), "replications": n, "unsafe_person_replications": unsafe,
                   "expected_fatalities_per_replication": deaths, **tail_numbers(tail)}
    return Finding(key="M8:automatic", metric="M8", cls=cls, title=title, evidence=evidence,
                   standard="应急〔2020〕15号 (头顶库); GB/T 29639-2020 §3.1.2; Res. ANM 95/2022 (automatic sirens); "
                            "2023 Opinions (all people at the first moment)",
                   plan_ref=plan_ref(loaded, ("warning", "triggers")), remedies=("make_automatic",),
                   targets={"places": near}, numbers=numbers,
                   weight=max(0.1, numbers.get("expected_fatalities_per_replication", 0.0)) if cls == DEFICIENCY
                   else 0.1)




def _m8(key: str, cls: str, title: str, evidence: str, standard: str, ref: str, remedies: tuple[str, ...],
        targets: dict) -> Finding:
    return Finding(key=f"M8:{key}", metric="M8", cls=cls, title=title, evidence=evidence, standard=standard,
                   plan_ref=ref, remedies=remedies, targets=targets, weight=0.1)


def internal_report_p95_s(spec: DrillSpec) -> float:
    """The largest 95th percentile of the detection delays of the human-reported triggers (M4 internal)."""
    out = math.nan
    for t in spec.triggers:
        if t.automatic:
            continue
        p = quantile95(t.detection_delay)
        out = p if math.isnan(out) else max(out, p)
    return out


def quantile95(dist) -> float:
    """The 95th percentile of a delay distribution (analytic)."""
    from drills.model import variability as var

    if isinstance(dist, var.Fixed):
        return dist.value
    if isinstance(dist, var.LogNormal):
        return dist.p95
    if isinstance(dist, var.Uniform):
        return dist.low + 0.95 * (dist.high - dist.low)
    if isinstance(dist, var.Triangular):
        a, c, b = dist.low, dist.mode, dist.high
        if b == a:
            return a
        if (c - a) / (b - a) >= 0.95:
            return a + math.sqrt(0.95 * (b - a) * (c - a))
        return b - math.sqrt(0.05 * (b - a) * (b - c))
    return min(dist.mean + 1.6448536269514722 * dist.sd, dist.high)
