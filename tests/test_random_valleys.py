"""Properties of every valley drill, on small random valleys below a dam: not only the bundled one's seeds.

Each example is a valley built from scratch (a dam, two to four hamlets at random heights and distances below
it, a road down the valley with junctions and maybe a bridge, assembly points on high ground, households on
foot and by car, some needing help), a plan with random channels of the valley's kinds and an order given by the
scenario or by the plan's own chain, and a dam-break flood from the built-in estimate or a study; each is run for
a few replications. Whatever the valley, every drill must keep the invariants below.
"""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx
from conftest import build_in, link, node
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import check_record, same
from test_public_warning import PROFILES, households, valley_plan, valley_scenario, valley_site

from drills.inputs.compile import load_drill
from drills.model.drill import Drill, run_drill
from drills.model.records import OUTCOMES, SAFE_OUTCOMES

REPLICATIONS = 3
#: the drill's clock reaches a computed time by waiting from the time now (SimPy adds the wait to it), so a time
#: reached that way can differ from the computed one in its last bits: a nanosecond covers that, and nothing else
TICK = 1e-9
#: the channels a planner may give a valley, as the plan schema names them
VALLEY_CHANNELS = ("siren", "village_loudspeaker", "sms", "phone_tree", "door_to_door", "loudspeaker_vehicle")


@st.composite
def hamlets(draw: st.DrawFn) -> list[dict]:
    """Two to four hamlets down the valley: distance from the dam, height above the floor, households."""
    n = draw(st.integers(2, 4))
    distances = sorted(draw(st.lists(st.integers(200, 12_000), min_size=n, max_size=n, unique=True)))
    out = []
    for k, x in enumerate(distances):
        out.append({
            "x": float(x), "above": draw(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 6.0, 15.0])),
            "homes": draw(st.integers(1, 6) | st.just(25)),
            "size": draw(st.sampled_from([1.0, 2.0, 3.4])),
            "elderly": draw(st.sampled_from([0.0, 0.3])), "child": draw(st.sampled_from([0.0, 0.2])),
            "help": draw(st.sampled_from([0.0, 0.0, 0.5, 1.0])), "car": draw(st.sampled_from([0.0, 0.5, 1.0])),
            "phone": draw(st.sampled_from([0.0, 0.9, 1.0])), "upper": draw(st.booleans()),
            "school": k == 0 and draw(st.booleans()),
            # the assembly point: up a footpath or a track, high above the floor, or one shared with the hamlet above
            "hill": draw(st.sampled_from(["path", "track", "shared"][: 3 if k else 2])),
            "hill_m": float(draw(st.integers(150, 2500))), "hill_above": float(draw(st.integers(20, 80))),
            "side": draw(st.booleans()), "road_up": draw(st.booleans()), "route": draw(st.booleans()),
        })
    return out


def valley_files(d: dict, study_dir) -> tuple[dict, dict, dict]:
    """Site, plan and scenario of one random valley ``d`` (see :func:`valleys`)."""
    floor = 90.0
    nodes = [node("dam", "dam", z=floor + d["dam_h"], x=0.0)]
    links = []
    before = "dam"
    places: list[str] = []
    points: list[str] = []
    residents = []
    for k, h in enumerate(d["hamlets"]):
        z = floor - h["x"] / 500.0  # the valley falls 2 m a km
        j, home = f"j{k}", f"h{k}"
        nodes.append(node(j, "road_junction", z=z, x=h["x"]))
        road = {"road_class": "secondary", "bridge": k == d["bridge"]}
        links.append(link(f"road{k}", before, j, h["x"] - (d["hamlets"][k - 1]["x"] if k else 0.0), width=7.0,
                          kind="road", **road))
        nodes.append(node(home, "household", z=z + h["above"], x=h["x"], y_m=120.0, above_valley_floor_m=h["above"]))
        links.append(link(f"lane{k}", j, home, 120.0 + h["above"], kind="road", road_class="local"))
        residents.append(households(home, h["homes"], h["size"], elderly_share=h["elderly"], child_share=h["child"],
                                    needs_help_share=h["help"], car_share=h["car"], phone_share=h["phone"],
                                    upper_floor=h["upper"]))
        places.append(home)
        if h["school"]:
            nodes.append(node(f"s{k}", "school", z=z + h["above"], x=h["x"], y_m=-100.0,
                              above_valley_floor_m=h["above"]))
            links.append(link(f"schoolway{k}", j, f"s{k}", 100.0 + h["above"], kind="footpath"))
            residents.append({"at": f"s{k}", "occupants": {"day": 12, "night": 0}, "child_share": 0.9})
            places.append(f"s{k}")
        if h["hill"] == "shared":
            links.append(link(f"over{k}", home, points[-1], h["hill_m"] + h["x"] - d["hamlets"][k - 1]["x"],
                              kind="footpath", width=1.5))
        else:
            ap = f"ap{k}"
            nodes.append(node(ap, "assembly_point", z=z + h["hill_above"], x=h["x"], y_m=120.0 + h["hill_m"],
                              above_valley_floor_m=h["hill_above"]))
            links.append(link(f"up{k}", home, ap, h["hill_m"] + h["hill_above"],
                              kind="footpath" if h["hill"] == "path" else "road", width=1.5 if h["hill"] == "path"
                              else 4.0, **({} if h["hill"] == "path" else {"road_class": "track"})))
            points.append(ap)
        if k and h["side"]:  # a path along the valley side from the hamlet above, at the higher of the two
            links.append(link(f"side{k}", f"h{k - 1}", home, h["x"] - d["hamlets"][k - 1]["x"] + 200.0,
                              kind="footpath", width=1.5))
        if h["road_up"] and h["hill"] == "path":  # and a track up to the hill for cars, longer than the path
            links.append(link(f"track{k}", j, f"ap{k}", 2.0 * h["hill_m"] + h["hill_above"], kind="road",
                              road_class="track"))
        before = j
    site = valley_site(residents, nodes, links)
    site["site"]["dams"] = [{"id": "d", "node": "dam", "height_m": d["dam_h"], "stored_volume_m3": d["volume_m3"],
                             "pond_class": 4}]
    junctions = [f"j{k}" for k in range(len(d["hamlets"]))]
    channels = []
    for k, (kind, delay, reliability, which) in enumerate(d["channels"]):
        ch: dict = {"id": f"c{k}-{kind}", "type": kind, "activation_delay_s": delay, "reliability": reliability}
        cover = sorted({places[i % len(places)] for i in which})
        if kind in ("siren", "village_loudspeaker"):
            ch.update(coverage=sorted({junctions[i % len(junctions)] for i in which}),
                      audible_radius_m=float(200 + 400 * which[0]))
        elif kind == "sms":
            ch.update(coverage=cover if which[0] % 2 else [])
        elif kind == "phone_tree":
            ch.update(coverage=cover, callers=1 + which[0] % 3)
        elif kind == "door_to_door":
            ch.update(start=junctions[which[0] % len(junctions)], coverage=cover)
        else:
            ch.update(start=junctions[which[0] % len(junctions)], coverage=cover)
        channels.append(ch)
    routes = [{"id": f"route{k}", "from": [f"h{k}"], "path": [f"h{k}", f"ap{k}"]}
              for k, h in enumerate(d["hamlets"]) if h["route"] and h["hill"] != "shared"]
    plan = valley_plan(channels, points, vertical_shelter=d["vertical"], routes=routes)
    if d["order_by"] != "scenario":
        plan["plan"]["roles"] = [{"id": "duty", "title": "Duty", "decision_delay_s": d["decision_s"],
                                  "present_probability": 0.8, "backups": ["head"], "handover_s": 120},
                                 {"id": "head", "title": "Head", "decision_delay_s": d["decision_s"]}]
        quantity = {"quantity": "dam_breach"} if d["order_by"] == "breach" else {
            "quantity": "elapsed_s", "threshold": d["order_s"]}
        plan["plan"]["warning"] = {
            "triggers": [{"id": "seen", **quantity, "level": "red", "owner": "duty", "automatic": d["automatic"],
                          "detection_delay_s": 30}],
            "actions_by_level": {"red": [{"id": "order", "action": "evacuate_downstream", "owner": "duty"}]}}
    hazard: dict = {"dam": "d", "breach_s": d["breach_s"]}
    known = {n["id"] for n in nodes}
    # an assembly point the study floods is refused (the plan's checks): there, only water too shallow to tell
    rows = [f"{place},{arrival},{min(depth, 0.03) if place.startswith('ap') else depth},{velocity},{rise}"
            for place, arrival, depth, velocity, rise in d["study"] if place in known]
    if rows:
        (study_dir / "study.csv").write_text("place,arrival_min,peak_depth_m,peak_velocity_mps,rise_min\n"
                                             + "".join(r + "\n" for r in rows), encoding="utf-8")
        hazard["study"] = "study.csv"
    else:
        hazard["volume_factor"] = {"dist": "lognormal", "median": 1.0, "p95": 2.0} if d["vary"] else 1.0
    if d["vary"]:
        hazard["breach_s"] = {"dist": "uniform", "low": d["breach_s"], "high": d["breach_s"] + 600}
    behaviour = {"response_delay_s": dict.fromkeys(PROFILES, d["response_s"]),
                 "neighbours_told": d["neighbours"], "compliance": dict.fromkeys(PROFILES, d["compliance"]),
                 "water_cue_depth_m": d["cue_m"]}
    faults = []
    for kind, at, lasts, which in d["faults"]:
        fault: dict = {"kind": kind, "at_s": float(at)} | ({"duration_s": float(lasts)} if lasts else {})
        if kind == "link_cut":  # the bridge, if there is one, else any passage
            fault["target"] = (f"road{d['bridge']}" if d["bridge"] < len(d["hamlets"]) and which % 2
                               else links[which % len(links)]["id"])
        elif kind == "channel_down":
            if not channels:
                continue
            fault["target"] = channels[which % len(channels)]["id"]
        elif kind == "role_absent":
            if d["order_by"] == "scenario":
                continue
            fault["target"] = "duty"
        faults.append(fault)
    scenario = valley_scenario(
        duration_s=d["duration_s"], order_at_s=d["order_s"] if d["order_by"] == "scenario" else None,
        time_of_day=d["time_of_day"], weather={"rain": d["rain"]}, hazard={"dam_break": hazard},
        behaviour=behaviour, faults=faults, monte_carlo={"replications": REPLICATIONS, "seed": d["seed"]})
    return site, plan, scenario


@st.composite
def valleys(draw: st.DrawFn) -> dict:
    """One random valley, its plan and its scenario, as plain values (see :func:`valley_files`)."""
    hs = draw(hamlets())
    breach = float(draw(st.integers(0, 1800)))
    channel = st.tuples(st.sampled_from(VALLEY_CHANNELS), st.sampled_from([0, 30, 300]),
                        st.sampled_from([1.0, 0.7]), st.lists(st.integers(0, 7), min_size=1, max_size=3))
    places = [f"{kind}{k}" for kind in ("h", "j", "ap") for k in range(len(hs))] + ["dam", "s0"]
    study = draw(st.one_of(st.just([]), st.lists(
        st.tuples(st.sampled_from(places), st.integers(0, 90), st.sampled_from([0.03, 0.3, 1.0, 2.5, 6.0]),
                  st.sampled_from([0.2, 1.0, 4.0, 12.0]), st.sampled_from([0, 1, 5])),
        min_size=1, max_size=len(places), unique_by=lambda r: r[0])))
    return {
        "hamlets": hs, "bridge": draw(st.integers(0, 4)), "dam_h": float(draw(st.integers(10, 60))),
        "volume_m3": float(draw(st.sampled_from([2e5, 1e6, 3e6, 1.5e7]))), "breach_s": breach,
        "vary": draw(st.booleans()), "study": study,
        "channels": draw(st.lists(channel, min_size=0, max_size=4)),
        "order_by": draw(st.sampled_from(["scenario", "breach", "elapsed"])),
        "order_s": float(draw(st.sampled_from([0, 60, 300, 900, 2400]) | st.integers(0, 3000))),
        "decision_s": draw(st.sampled_from([0, 120, 900])),
        "automatic": draw(st.booleans()), "vertical": draw(st.booleans()),
        "response_s": draw(st.sampled_from([0, 60, 600, {"dist": "lognormal", "median": 600, "p95": 2700}])),
        "neighbours": draw(st.integers(0, 2)), "compliance": draw(st.sampled_from([1.0, 0.875, 0.0])),
        "cue_m": draw(st.sampled_from([0.05, 0.3])),
        "faults": draw(st.lists(st.tuples(
            st.sampled_from(["link_cut", "mains_power", "mobile_network", "channel_down", "role_absent"]),
            st.integers(0, 3000), st.sampled_from([0, 300, 1800]), st.integers(0, 20)), max_size=3)),
        "duration_s": float(draw(st.sampled_from([1800, 3600, 7200]))),
        "time_of_day": draw(st.sampled_from(["day", "night"])), "rain": draw(st.sampled_from(["none", "heavy"])),
        "seed": draw(st.integers(0, 2**32 - 1)),
    }


def check_drill(spec, res, drill: Drill, d: dict) -> None:
    """The invariants of one replication of a valley drill ``d``."""
    duration = spec.duration_s
    net = spec.network
    index = net.index
    channels = {ch.id: ch for ch in spec.channels}
    people = list(res.people)
    # everyone is recorded once, and ends in exactly one state: the counts of the states make up the people
    assert len(people) == len(spec.people) == len({p.person for p in people})
    counts = Counter(p.outcome for p in people)
    assert set(counts) <= set(OUTCOMES) and sum(counts.values()) == len(spec.people)
    for p in people:
        check_record(p, duration)
    # the drill's own clock: the order, channel starts and the timeline all fall within it, in order
    order = res.downstream_order_s
    assert math.isnan(order) or 0.0 <= order <= duration
    assert all(0.0 <= e.t_s <= duration for e in res.timeline)
    assert [e.t_s for e in res.timeline] == sorted(e.t_s for e in res.timeline)
    if d["order_by"] == "scenario" and d["order_s"] != duration:  # the scenario's own order, at its time
        assert same(order, d["order_s"] if d["order_s"] < duration else math.nan), order
    assert all(a.trigger_s <= a.done_s for a in res.actions if not math.isnan(a.done_s))
    for e in res.timeline:  # the water on the timeline is the water the records give
        if e.kind == "water":
            assert e.t_s == res.node_water_s[index[e.what.removeprefix("water at ")]], e
    by_place: dict[str, list] = {}
    for p in people:
        by_place.setdefault(p.start, []).append(p)
    for place, there in by_place.items():  # a place is clear when its last person is safe; never if one is not
        last = max(p.outcome_s if p.outcome in SAFE_OUTCOMES else math.inf for p in there)
        assert res.node_clear_s[index[place]] == last, place
    started = dict(res.channel_starts)
    assert all(order <= t <= duration for t in started.values())
    arrival = [drill.water.node_time_depth(i, 0.0) for i in range(len(net.nodes))]  # the flood's first touch
    cue = drill.impassable(spec.behaviour.water_cue_depth_m)
    warned_at: dict[str, list[tuple[float, str]]] = {}
    for p in people:
        if p.warned_by:
            warned_at.setdefault(p.start, []).append((p.warned_s, p.person.rsplit("-", 1)[0]))
    on = {}  # when each channel began to send
    for e in res.timeline:
        if e.kind == "channel" and e.what.endswith(" on"):
            on.setdefault(e.what.removesuffix(" on"), e.t_s)
    for e in res.timeline:  # a team or vehicle that could not set out: from its start, as it came on, and why
        if e.kind == "channel" and " could not set out from " in e.what:
            ch_id, rest = e.what.split(" could not set out from ", 1)
            ch, (place, why) = channels[ch_id], rest.split(": ", 1)
            assert place == net.nodes[ch.start].id and e.t_s == on[ch_id], e
            if why == "the water there is too deep for it":  # too deep there to wade or drive: it warns nobody
                assert drill.too_deep_to_set_out(ch.start, e.t_s, ch.type == "loudspeaker_vehicle"), e
                assert not any(p.warned_by == ch_id for p in people), e
            else:  # every way out closed: a team warns only where it is, a vehicle (which warns as it drives) nobody
                assert all(p.start == place and ch.type == "door_to_door" for p in people if p.warned_by == ch_id), e
    party_of = {spec.people[i].id: spec.parties[spec.people[i].party] for i in range(len(spec.people))}
    foot_limit = drill.routing.party_static(spec).foot_limit
    turned = {(e.what.split(" to ")[-1].split(":")[0]) for e in res.timeline if "turned back" in e.what}
    first_of: dict[int, tuple] = {}  # per household, its first member's record
    for p in people:
        start, end = index[p.start], index[p.end]
        party = party_of[p.person]
        # a household moves as one: its members share every record but who they are and whether they died
        shared = (*p[6:16], p.turned_back)
        assert same(first_of.setdefault(party.index, shared), shared), p
        closed = drill.too_deep_on_foot(foot_limit[party.index])  # when each place is too deep for them on foot
        if not math.isnan(p.departed_s):
            if isinstance(d["response_s"], int):  # a fixed response: never sooner after the warning
                assert p.departed_s >= p.warned_s + d["response_s"], p
            if d["compliance"] == 0.0:  # nobody acts on the order: only the water at home moves them
                assert p.departed_s >= cue[start] - TICK, p
            if party.needs_help:  # they waited for a door-to-door team to reach their place
                assert any(ch.type == "door_to_door" and start in (ch.start, *ch.coverage)
                           and on.get(ch.id, math.inf) <= p.departed_s for ch in spec.channels), p
        # nobody is warned by a channel before the order that started it, nor by one that never started
        if p.warned_by in channels:
            assert p.warned_by in started and p.warned_s >= on[p.warned_by] >= started[p.warned_by] >= order, p
            ch = channels[p.warned_by]
            # and not while it could not send: down, out of power past its battery, or without the mobile network
            assert drill.channel_works(ch, p.warned_s), p
            if ch.type in ("phone_tree", "door_to_door") or (ch.type == "sms" and ch.coverage):
                assert start in ch.coverage or start == ch.start, p
            if ch.type == "door_to_door":  # where the team can walk to
                assert start == ch.start or nx.has_path(drill.routing.walk, ch.start, start), p
            if ch.type in ("siren", "village_loudspeaker", "loudspeaker_vehicle"):  # within earshot of where it sounds
                a = net.nodes[start]
                sounds = (ch.coverage if ch.type != "loudspeaker_vehicle"
                          else {ch.start, *nx.descendants(drill.routing.drive, ch.start)})
                assert any(math.hypot(a.x_m - net.nodes[s].x_m, a.y_m - net.nodes[s].y_m) <= ch.audible_radius_m
                           for s in sounds), p
        elif p.warned_by == "water":  # the water at home, as deep as they notice it
            assert abs(p.warned_s - cue[start]) <= TICK, p
        elif p.warned_by == "word_of_mouth":  # a household of the same place, warned before
            household = p.person.rsplit("-", 1)[0]
            assert any(t <= p.warned_s and h != household for t, h in warned_at[p.start]), p
        else:
            assert p.warned_by == "", p
        # the flood's rate only where the flood came: where they were found, within the drill
        if p.fatality_p > 0 or p.situation:
            assert arrival[end] < duration, p
        if p.died:
            assert p.fatality_p > 0, p
        if p.outcome == "caught":
            assert math.isnan(p.departed_s) or p.departed_s <= p.outcome_s, p
            assert p.situation and p.fatality_p > 0 and arrival[end] <= p.outcome_s + TICK, p
            assert p.situation != "in_vehicle" or party.mode == "drive", p
            if math.isnan(p.departed_s) and p.situation == "in_building":  # at home: when it closed to them
                assert abs(p.outcome_s - closed[start]) <= TICK, p
        if p.outcome == "assembly":  # a place of safety: the water never closes it to them within the drill
            assert closed[end] >= duration and p.margin_s <= closed[end] - p.outcome_s, p
        if p.outcome in SAFE_OUTCOMES:
            assert p.outcome == "assembly" and net.nodes[end].kind == "assembly_point" and not p.situation, p
            assert p.fatality_p == 0.0 and not p.died and p.margin_s >= 0.0, p
        if (math.isnan(p.departed_s) and spec.vertical_shelter and party.upper_floor
                and cue[start] < closed[start] < duration):
            # still at home when the water closed it: they went upstairs as they saw it
            assert p.outcome == "sheltered" and abs(p.outcome_s - cue[start]) <= TICK, p
        if p.outcome == "sheltered":
            assert spec.vertical_shelter and party.upper_floor and end == start, p
            assert p.situation in ("upper_floor", ""), p
            assert arrival[start] <= p.outcome_s + TICK, p
        if math.isnan(p.departed_s):  # never left home
            assert end == start and p.outcome in ("in_place", "caught", "sheltered") and not p.turned_back, p
            if arrival[start] >= duration:  # a household the flood never reaches has no fatality probability
                assert p.outcome == "in_place" and p.fatality_p == 0.0 and not p.situation, p
        if p.turned_back:  # and the timeline says where
            assert not math.isnan(p.departed_s) and p.turned_back != p.start and p.turned_back in turned, p
        if p.outcome == "in_place" and p.situation:
            assert end == start, p
        assert p.water_s == res.node_water_s[start], p


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(d=valleys())
def test_every_random_valley_keeps_the_drill_invariants(tmp_path_factory, d):
    folder = tmp_path_factory.mktemp("valley")
    spec = build_in(folder, *valley_files(d, folder))
    results = [run_drill(spec, rep, spec.seed) for rep in range(REPLICATIONS)]
    for rep, res in enumerate(results):
        check_drill(spec, res, Drill(spec, rep, spec.seed), d)
    # the same seed and replication give the same records, whichever replications ran before in the process
    again = load_drill(folder / "scenario.yaml")
    for rep in reversed(range(REPLICATIONS)):
        assert same(results[rep], run_drill(again, rep, again.seed)), rep
