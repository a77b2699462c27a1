"""Properties that hold for every drill in every mine: small random mines (two to four levels; drifts and ramps of
any length, width and gradient; a cage in a shaft, or only ramps and ladderways; refuge chambers or none; crews
anywhere; a runner or none) with an inrush anywhere, the awkward places too (the lowest place, a shaft station, a
dead end, a place whose way down has no drift, a source above an adit's portal)."""

from __future__ import annotations

import math
import os
import tempfile
from collections import Counter
from pathlib import Path

import networkx as nx
from conftest import base_plan, base_scenario, base_site, build_in, link, node
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import check_record, same

from drills.model import movement
from drills.model.drill import Drill, run_drill
from drills.model.records import OUTCOMES

#: How many random mines one run of the suite tries; to hunt for faults, set DRILL_RANDOM_MINES to many more.
EXAMPLES = int(os.environ.get("DRILL_RANDOM_MINES", "60"))


@st.composite
def mines(draw: st.DrawFn) -> tuple[dict, dict, dict]:
    """A mine's site, plan and scenario: levels one below the other, each a drift from its station (at the shaft,
    or where the ramp comes down) through a few places, some with a dead end off it; the levels joined by a shaft
    with a cage, by ramps or ladderways up to the level above, or both; the top level reached from the surface by
    the shaft, a ramp from a portal, or an adit from a portal on its own level."""
    n_levels = draw(st.integers(2, 4))
    shaft = draw(st.booleans())
    ramps = draw(st.booleans()) or not shaft  # some way up
    adit = draw(st.booleans())  # the top level runs out of the hillside at a portal on its own level
    nodes: list[dict] = []
    links: list[dict] = []
    underground: list[str] = []
    exits: list[str] = []
    if shaft:
        nodes.append(node("collar", "collar", z=0.0))
        exits.append("collar")
    top_z = -draw(st.floats(30.0, 200.0))
    z = top_z
    stations: list[str] = []
    foot_of_ramp: list[str] = []
    for lv in range(n_levels):
        if lv:
            z -= draw(st.floats(20.0, 120.0))
        st_id = f"st{lv}"
        nodes.append(node(st_id, "shaft_station" if shaft else "junction", z=z, level=str(lv)))
        underground.append(st_id)
        stations.append(st_id)
        prev, prev_z, x = st_id, z, 0.0
        for k in range(draw(st.integers(1, 3))):
            length = draw(st.floats(10.0, 400.0))
            grade = draw(st.sampled_from([0.0, 0.001, 0.003, 0.01, 0.05, -0.003, -0.02]))
            here_z = prev_z + grade * length
            x += length
            p = f"p{lv}_{k}"
            kind = draw(st.sampled_from(["workplace", "junction", "sump"] if k else ["workplace", "junction"]))
            extra = {"void_volume_m3": draw(st.floats(10.0, 5000.0)), "void_height_m": 5.0} if draw(
                st.integers(0, 3)) == 0 else {}
            nodes.append(node(p, kind, z=here_z, x=x, level=str(lv), **extra))
            links.append(link(f"d{lv}_{k}", prev, p, length, width=draw(st.floats(1.5, 6.0))))
            underground.append(p)
            if draw(st.integers(0, 2)) == 0:  # a dead end off it
                dl = draw(st.floats(5.0, 200.0))
                dead = f"e{lv}_{k}"
                nodes.append(node(dead, "workplace", z=here_z + draw(st.floats(-3.0, 3.0)), x=x, y_m=dl,
                                  level=str(lv)))
                links.append(link(f"de{lv}_{k}", p, dead, dl, width=draw(st.floats(1.5, 6.0))))
                underground.append(dead)
            prev, prev_z = p, here_z
        foot_of_ramp.append(prev if draw(st.booleans()) else st_id)
    if shaft:
        above = "collar"
        for s in stations:
            zs = next(n["elevation_m"] for n in nodes if n["id"] == s)
            za = next(n["elevation_m"] for n in nodes if n["id"] == above)
            links.append(link(f"sh_{s}", above, s, za - zs, width=5.0, kind="shaft", height_m=5.0))
            above = s
    hoists = []
    if shaft:
        hoists.append({"id": "cage", "stations": ["collar", *stations],
                       "cage_capacity_persons": draw(st.integers(2, 30)),
                       "start_station": draw(st.sampled_from(["collar", *stations])),
                       "decks": draw(st.sampled_from([1, 2])), "needs_mains_power": draw(st.booleans())})
    if ramps or adit:
        nodes.append(node("out", "portal", z=top_z if adit else 0.0, x=-500.0))
        exits.append("out")
        if adit:
            length = draw(st.floats(20.0, 500.0))
            links.append(link("adit", "out", foot_of_ramp[0], length, width=draw(st.floats(2.0, 6.0))))
            # the adit's portal is on the top level, the water above it runs out of the hill
            nodes[-1]["elevation_m"] = next(n["elevation_m"] for n in nodes if n["id"] == foot_of_ramp[0]) - \
                draw(st.sampled_from([0.0, 0.3, 2.0]))
    if ramps:
        upper = "out" if not adit else None
        for lv, foot in enumerate(foot_of_ramp):
            if lv == 0 and upper is None:
                continue
            top = upper if lv == 0 else foot_of_ramp[lv - 1]
            assert top is not None
            zt = next(n["elevation_m"] for n in nodes if n["id"] == top)
            zf = next(n["elevation_m"] for n in nodes if n["id"] == foot)
            rise = abs(zt - zf)
            if rise == 0.0:
                continue
            kind = draw(st.sampled_from(["ramp", "ramp", "ladderway", "incline"]))
            length = rise * draw(st.floats(1.0, 12.0)) if kind != "ladderway" else rise * draw(st.floats(1.0, 1.5))
            links.append(link(f"r{lv}", top, foot, length, width=draw(st.floats(1.5, 6.0)), kind=kind))
    refuges = []
    if draw(st.booleans()):
        at = draw(st.sampled_from(underground))
        za = next(n["elevation_m"] for n in nodes if n["id"] == at)
        nodes.append(node("ref", "refuge", z=za + draw(st.floats(-2.0, 5.0)), y_m=-30.0,
                          capacity_persons=draw(st.integers(1, 20))))
        links.append(link("to_ref", at, "ref", draw(st.floats(5.0, 300.0))))
        refuges.append("ref")
        underground.append("ref")
    workplaces = [u for u in underground if u != "ref"]
    crews = [{"at": at, "count": draw(st.integers(1, 6)), "crew": f"c{i}",
              "profile": draw(st.sampled_from(["miner", "miner", "visitor"]))}
             for i, at in enumerate(draw(st.lists(st.sampled_from(workplaces), min_size=1, max_size=5)))]
    site = base_site(nodes, links, crews, hoists=hoists)
    site["site"]["profiles"].append({"id": "visitor", "speed_mps": 0.8, "wading_limit_m": 0.7})  # slower, less bold
    if draw(st.booleans()):
        site["site"]["profiles"][0]["speed_cv"] = 0.19
    site["site"]["profiles"][0]["wading_limit_m"] = draw(st.sampled_from([movement.WADING_LIMIT_M, 0.5, 2.0]))

    order_at = draw(st.none() | st.floats(0.0, 3600.0))
    plan = base_plan(exits=exits, routes=routes_for(draw, links, hoists, {c["at"] for c in crews}, exits + refuges))
    if refuges:
        plan["plan"]["evacuation"]["refuges"] = refuges
    if order_at is None:  # the plan's trigger orders the evacuation
        trig = draw(st.sampled_from(["elapsed_s", "water_depth_m"]))
        trigger = {"id": "t", "quantity": trig, "threshold": draw(st.floats(0.1, 1800.0)) if trig == "elapsed_s"
                   else draw(st.floats(0.05, 2.0)), "owner": "dispatcher", "level": "red"}
        if trig == "water_depth_m":
            trigger["at"] = draw(st.sampled_from(underground))
        plan["plan"]["warning"] = {"triggers": [trigger], "actions_by_level": {
            "red": [{"action": "evacuate_underground", "owner": "dispatcher"}]}}

    source = draw(st.sampled_from(underground))
    q = draw(st.floats(50.0, 30000.0))
    if draw(st.booleans()):
        hyd = [{"t_s": 0, "inflow_m3ph": q}]
    else:
        hyd = [{"t_s": 0, "inflow_m3ph": draw(st.floats(0.0, q))}, {"t_s": draw(st.floats(60.0, 5400.0)),
                                                                      "inflow_m3ph": q}]
    start = draw(st.sampled_from([0.0, 0.0, 300.0, 1800.0]) | st.floats(0.0, 1800.0))  # on the water's steps or not
    hazard = {"inrush": {"source": source, "start_s": start, "hydrograph": hyd}}
    if draw(st.booleans()):  # an uncertain inflow, and pumps
        hazard["inrush"]["inflow_factor"] = {"dist": "lognormal", "median": 1.0, "p95": draw(st.floats(1.1, 3.0))}
        hazard["inrush"]["pumping_m3ph"] = draw(st.floats(0.0, 2000.0))
    faults = []
    for kind in draw(st.lists(st.sampled_from(["mains_power", "link_cut", "hoist_out"]), max_size=2)):
        fault: dict = {"kind": kind, "at_s": draw(st.floats(0.0, 3000.0)),
                       "probability": draw(st.sampled_from([1.0, 0.5]))}
        if draw(st.booleans()):
            fault["duration_s"] = draw(st.floats(10.0, 3000.0))
        if kind == "link_cut":
            fault["target"] = draw(st.sampled_from([lk["id"] for lk in links]))
        elif kind == "hoist_out":
            if not hoists:
                continue
            fault["target"] = "cage"
        faults.append(fault)
    if draw(st.booleans()):  # a runner, from the collar or any place underground, to some places
        plan["plan"]["channels"].append({
            "id": "runner", "type": "runner", "start": draw(st.sampled_from(["collar"] * shaft + underground)),
            "coverage": draw(st.lists(st.sampled_from(workplaces), min_size=1, max_size=4, unique=True)),
            "activation_delay_s": draw(st.sampled_from([0, 120]))})
    scenario = base_scenario(duration_s=draw(st.sampled_from([3600.0, 7200.0])), order_at_s=order_at, hazard=hazard,
                             behaviour={"response_delay_s": {"miner": draw(st.sampled_from([0, 60, 600]))},
                                        "crew_relay_s": 0}, faults=faults)
    return site, plan, scenario


def routes_for(draw: st.DrawFn, links: list[dict], hoists: list[dict], starts: set[str], ends: list[str]) -> list:
    """Planned routes from some of the crews' places: the shortest way on foot (or up in the cage) to an exit or
    refuge drawn for each, where there is one."""
    g = nx.DiGraph()
    for lk in links:
        if lk["kind"] != "shaft":
            g.add_edge(lk["from"], lk["to"], length=lk["length_m"])
            g.add_edge(lk["to"], lk["from"], length=lk["length_m"])
    for h in hoists:  # the cage takes people up only
        g.add_edges_from(((s, h["stations"][0]) for s in h["stations"][1:]), length=0.0)
    routes = []
    for k, start in enumerate(sorted(starts)):
        end = draw(st.sampled_from(ends))
        if draw(st.booleans()) and start != end and start in g and end in g and nx.has_path(g, start, end):
            routes.append({"id": f"route{k}", "from": [start], "path": nx.shortest_path(g, start, end, "length")})
    return routes


def check_drill(spec, rep: int, seed: int) -> None:
    res = run_drill(spec, rep, seed)
    assert same(res, run_drill(spec, rep, seed))  # the same (seed, replication): the same drill
    people = list(res.people)
    assert len(people) == sum(len(p.members) for p in spec.parties) == len({p.person for p in people})
    for p in people:
        check_record(p, spec.duration_s)
        if p.outcome in ("surface", "refuge"):
            assert not math.isnan(p.departed_s)
            assert p.margin_s >= 0.0  # they left every place before the water closed it
    assert sum(Counter(p.outcome for p in people).values()) == len(people)
    assert {p.outcome for p in people} <= set(OUTCOMES)
    index = spec.network.index
    burst = spec.inrush.burst_s if spec.inrush is not None else None
    if burst is not None:  # no water anywhere before the inrush bursts in
        assert min(res.node_water_s) >= burst
    for p in people:
        # they met the water on their way, after they had left. Not always elsewhere than where they set out (the
        # way back through it, from a refuge found full), nor always at a place the water reaches (the passage to a
        # dry exit is under water where its other end stands in it)
        if p.turned_back:
            assert not math.isnan(p.departed_s) and p.turned_back in index
    for h in res.hoists:
        assert 0.0 <= h.utilisation <= 1.0 or (math.isnan(h.utilisation) and h.trips == 0)  # NaN: never called
        assert h.persons == sum(1 for p in people if p.outcome == "surface" and p.end == "collar")
    seats = {n.id: n.capacity_persons for n in spec.network.nodes if n.kind == "refuge"}
    assert all(n <= seats[r] for r, n in Counter(p.end for p in people if p.outcome == "refuge").items())
    drill = Drill(spec, rep, seed)  # its water is the drill's: the same draws
    runner = next((ch for ch in spec.channels if ch.type == "runner"), None)
    if runner is not None:  # a runner warns only where its way leads from its start, after the order started it
        assert runner.start is not None
        reach = {runner.start, *nx.descendants(drill.routing.ride_graph(), runner.start)}
        names = [spec.network.nodes[i].id for i in reach]
        started = dict(res.channel_starts)
        for p in people:
            if p.warned_by == "runner":
                assert p.start in names and p.warned_s >= started["runner"], p
        for e in res.timeline:  # and none if the water at its start was too deep for it as it set out
            if e.what == f"runner could not set out from {spec.network.nodes[runner.start].id}: the water there is " \
                         "too deep for it":
                assert drill.too_deep_to_set_out(runner.start, e.t_s, drive=False)
                assert not any(p.warned_by == "runner" for p in people)
    water, swept = drill.water, drill.swept_m
    for p in people:
        if p.outcome != "caught":
            continue
        # caught where the water was too deep to wade (theirs, or the wading limit at which a cage's station and
        # a refuge are lost), or ran fast enough to sweep them off their feet. The drill's clock reaches that time
        # as now + (time - now), which can fall short of it by a rounding error: the water at a microsecond later
        end = index[p.end]
        limit = min(spec.profiles[p.profile].wading_limit_m, movement.WADING_LIMIT_M)
        depth = water.node_depth(end, p.outcome_s + 1e-6)
        sweeps = swept is not None and depth > 0.0 and depth >= swept[end] * (1 - 1e-9)
        assert depth >= limit * (1 - 1e-9) or sweeps, (p, depth, limit)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mine=mines(), seed=st.integers(0, 2**32 - 1))
def test_every_drill_in_a_random_mine_keeps_the_invariants(mine, seed):
    with tempfile.TemporaryDirectory() as folder:
        spec = build_in(Path(folder), *mine)
    for rep in range(3):
        check_drill(spec, rep, seed)
