"""One drill: warning channels, decisions, water catching people, rerouting, refuges."""

from __future__ import annotations

import gc
import math
import threading
from pathlib import Path

import networkx as nx
import pytest
from conftest import base_plan, base_scenario, base_site, link, node

from drills.inputs.bundled import bundled_root, bundled_scenarios
from drills.inputs.compile import load_drill
from drills.inputs.problems import InputError
from drills.model import hoist
from drills.model.drill import Drill, collector_paused, run_drill
from drills.model.routing import join_at


def run(spec, rep: int = 0):
    return run_drill(spec, rep, spec.seed)


def simple_site(count: int = 1, **kw) -> dict:
    return base_site([node("face", "workplace"), node("out", "portal")], [link("d", "face", "out", 120.0)],
                     [{"at": "face", "count": count, **kw}])


# ---------------------------------------------------------------- decisions


def trigger_plan(roles: list[dict], **trig) -> dict:
    return base_plan(
        roles=roles,
        warning={"triggers": [{"id": "t", "quantity": "elapsed_s", "threshold": 100, "owner": roles[0]["id"],
                               "level": "red", **trig}],
                 "actions_by_level": {"red": [{"action": "evacuate_underground", "owner": roles[0]["id"]}]}},
    )


def test_order_comes_one_decision_delay_after_the_trigger(build):
    plan = trigger_plan([{"id": "disp", "title": "Dispatcher", "decision_delay_s": 50}], detection_delay_s=20)
    res = run(build(simple_site(), plan, base_scenario(order_at_s=None)))
    assert res.order_s == pytest.approx(100 + 20 + 50)
    assert res.people[0].warned_s == pytest.approx(170)


def test_absent_role_hands_over_to_its_backup(build):
    roles = [{"id": "disp", "title": "Dispatcher", "decision_delay_s": 50, "present_probability": 0,
              "backups": ["leader"], "handover_s": 30},
             {"id": "leader", "title": "Leader", "decision_delay_s": 70}]
    res = run(build(simple_site(), trigger_plan(roles), base_scenario(order_at_s=None)))
    assert res.order_s == pytest.approx(100 + 30 + 70)
    assert any("absent" in e.what for e in res.timeline)


@pytest.mark.parametrize(("absent_from_s", "order_s"), [(0.0, 100 + 30 + 70), (500.0, 100 + 50)])
def test_an_injected_absence_starts_when_the_fault_does(build, absent_from_s, order_s):
    """A dispatcher absent from the start hands over to the backup; one who leaves at 500 s, after deciding at
    150 s, was there when needed."""
    roles = [{"id": "disp", "title": "Dispatcher", "decision_delay_s": 50, "backups": ["leader"], "handover_s": 30},
             {"id": "leader", "title": "Leader", "decision_delay_s": 70}]
    faults = [{"kind": "role_absent", "target": "disp", "at_s": absent_from_s}]
    res = run(build(simple_site(), trigger_plan(roles), base_scenario(order_at_s=None, faults=faults)))
    assert res.order_s == pytest.approx(order_s)


def test_no_one_present_means_no_order_and_no_one_warned(build):
    roles = [{"id": "disp", "title": "Dispatcher", "decision_delay_s": 50, "present_probability": 0}]
    res = run(build(simple_site(), trigger_plan(roles), base_scenario(order_at_s=None, duration_s=3600)))
    assert math.isnan(res.order_s)
    [p] = res.people
    assert p.warned_by == "" and p.outcome == "underground"


# ---------------------------------------------------------------- channels


def test_pa_reaches_only_the_places_it_covers(build):
    site = base_site([node("a", "workplace"), node("b", "workplace"), node("out", "portal")],
                     [link("da", "a", "out", 100.0), link("db", "b", "out", 100.0)],
                     [{"at": "a", "count": 3}, {"at": "b", "count": 3}])
    plan = base_plan(channels=[{"id": "pa", "type": "mine_pa", "coverage": ["a"]}])
    res = run(build(site, plan, base_scenario(duration_s=3600)))
    by_place = {p.start: p.warned_by for p in res.people}
    assert by_place == {"a": "pa", "b": ""}
    assert all(p.outcome == "underground" for p in res.people if p.start == "b")


def test_phone_is_answered_only_where_someone_is(build):
    site = base_site([node("a", "workplace"), node("b", "workplace"), node("out", "portal")],
                     [link("da", "a", "out", 100.0), link("db", "b", "out", 100.0)],
                     [{"at": "b", "count": 2}])
    plan = base_plan(channels=[{"id": "phones", "type": "station_phones", "coverage": ["a", "b"],
                                "ring_s": 30, "call_duration_s": 40}])
    res = run(build(site, plan, base_scenario()))
    # a rings unanswered for 30 s, then b is answered and the call takes 40 s
    assert [p.warned_s for p in res.people] == [pytest.approx(70.0)] * 2
    assert {p.warned_by for p in res.people} == {"phones"}


def test_radio_carrier_tells_the_crew_after_the_relay_delay(build):
    site = simple_site(count=4, radio_carriers=1)
    plan = base_plan(channels=[{"id": "radio", "type": "leaky_feeder"}])
    scen = base_scenario(behaviour={"response_delay_s": {"miner": 0}, "crew_relay_s": 45})
    res = run(build(site, plan, scen))
    got = sorted((p.warned_s, p.warned_by) for p in res.people)
    assert got == [(0.0, "radio"), (45.0, "crew"), (45.0, "crew"), (45.0, "crew")]


def test_failed_channel_warns_nobody(build):
    plan = base_plan(channels=[{"id": "paging", "type": "cap_lamp_paging", "reliability": 0.0}])
    res = run(build(simple_site(count=2), plan, base_scenario(duration_s=1800)))
    assert all(p.warned_by == "" for p in res.people)
    assert any(e.what == "paging failed" for e in res.timeline)


def test_runner_warns_the_places_on_the_way(build):
    site = base_site([node("st", "junction"), node("a", "workplace", x=100), node("b", "workplace", x=300),
                      node("out", "portal")],
                     [link("sa", "st", "a", 100.0), link("ab", "a", "b", 200.0), link("so", "st", "out", 50.0)],
                     [{"at": "a", "count": 1}, {"at": "b", "count": 1}])
    plan = base_plan(channels=[{"id": "runner", "type": "runner", "start": "st", "coverage": ["b"]}])
    res = run(build(site, plan, base_scenario()))
    warned = {p.start: p.warned_s for p in res.people}
    assert warned["a"] == pytest.approx(100 / 1.2)
    assert warned["b"] == pytest.approx(300 / 1.2)


def test_a_runner_goes_round_a_drift_cut_by_a_fault(build):
    """The drift from st to b, 200 m, is cut from the start: the runner goes round by c (150 m, then 250 m),
    telling c on the way; it walked the cut drift, and told b at 200 m."""
    site = base_site([node("st", "junction"), node("b", "workplace", x=200), node("c", "workplace", y_m=150),
                      node("out", "portal")],
                     [link("sb", "st", "b", 200.0), link("sc", "st", "c", 150.0), link("cb", "c", "b", 250.0),
                      link("so", "st", "out", 50.0)],
                     [{"at": "b", "count": 1}, {"at": "c", "count": 1}])
    plan = base_plan(channels=[{"id": "runner", "type": "runner", "start": "st", "coverage": ["b"]}])
    res = run(build(site, plan, base_scenario(faults=[{"kind": "link_cut", "target": "sb", "at_s": 0}])))
    warned = {p.start: (p.warned_by, p.warned_s) for p in res.people}
    assert warned["c"] == ("runner", pytest.approx(150 / 1.2))
    assert warned["b"] == ("runner", pytest.approx(400 / 1.2))


def test_a_runner_whose_only_drift_is_cut_passes_its_place_over_and_the_timeline_says_a_cut_closed_it(build):
    """The only drift to b is cut from the start: the runner does not reach b, which nothing warns, and the timeline
    says it was a cut passage, not the water (there is none)."""
    site = base_site([node("st", "junction"), node("b", "workplace", x=200), node("out", "portal")],
                     [link("sb", "st", "b", 200.0), link("so", "st", "out", 50.0)], [{"at": "b", "count": 1}])
    plan = base_plan(channels=[{"id": "runner", "type": "runner", "start": "st", "coverage": ["b"]}])
    res = run(build(site, plan, base_scenario(faults=[{"kind": "link_cut", "target": "sb", "at_s": 0}])))
    assert [p.warned_by for p in res.people] == [""]
    assert [e.what for e in res.timeline if "could not reach" in e.what] == [
        "runner could not reach b: a cut passage closes its way there from st, and no other way is open"]


def collar_runner_site(cage_at: str = "collar") -> dict:
    """A cage 200 m down from the collar to a station (at ``cage_at`` at the start); one miner 100 m along the level
    from it, no other way down."""
    return base_site([node("collar", "collar", z=0.0), node("st", "shaft_station", z=-200.0),
                      node("b", "workplace", z=-200.0, x=100.0)],
                     [link("shaft", "collar", "st", 200.0, width=5.0, kind="shaft", height_m=5.0),
                      link("sb", "st", "b", 100.0)],
                     [{"at": "b", "count": 1}],
                     hoists=[{"id": "cage", "stations": ["collar", "st"], "cage_capacity_persons": 10,
                              "start_station": cage_at}])


WIND_200_M = 10.0 + hoist.travel_time_s(200.0, hoist.max_speed_mps(200.0), 0.75)  # signal 10 s, then the travel


@pytest.mark.parametrize(("cage_at", "faults", "rides_at_s"), [
    ("collar", [], 0.0),  # the cage is idle at the collar: the runner rides at once
    ("st", [], WIND_200_M),  # the cage is called up first
    ("collar", [{"kind": "mains_power", "at_s": 0, "duration_s": 600}], 600.0),  # waits at the collar for the power
])
def test_a_runner_at_the_collar_goes_down_by_the_cage(build, cage_at, faults, rides_at_s):
    """There is no way down on foot: the runner rides the cage, its wind (signal and travel) in the trip, and not
    while the cage has no power. Before, the runner told the miner at the order, at no time at all."""
    plan = base_plan(channels=[{"id": "runner", "type": "runner", "start": "collar", "coverage": ["b"]}],
                     routes=[{"id": "up", "from": ["b"], "path": ["st", "collar"]}], exits=["collar"])
    res = run(build(collar_runner_site(cage_at), plan, base_scenario(faults=faults)))
    [p] = res.people
    assert p.warned_by == "runner"
    assert p.warned_s == pytest.approx(rides_at_s + WIND_200_M + 100 / 1.2)


def test_a_runner_waits_for_a_cage_that_stays_stopped(build):
    plan = base_plan(channels=[{"id": "runner", "type": "runner", "start": "collar", "coverage": ["b"]}],
                     routes=[{"id": "up", "from": ["b"], "path": ["st", "collar"]}], exits=["collar"])
    scen = base_scenario(duration_s=3600, faults=[{"kind": "hoist_out", "target": "cage", "at_s": 0}])
    res = run(build(collar_runner_site(), plan, scen))
    [p] = res.people
    assert p.warned_by == ""
    from drills.experiment.i18n import Text
    said = "runner: waits at collar for the cage cage, which is stopped"
    assert said in [e.what for e in res.timeline]
    assert Text("zh").event(said) == "runner：在 collar 等候停运的罐笼 cage"


def two_level_site(drift: bool = True, ladder: bool = True, cage_at: str = "collar") -> dict:
    """A cage from the collar to st150 (150 m down) and st200 (200 m); one miner at b on the 150 m level, 60 m up a
    ladderway from st200 (else the ladderway leads to a dead end as high: ``ladder``) and 300 m along the level from
    st150 (``drift``). The water comes in at st200 (360 m³/h): st200 is 1.2 m deep, too deep for the cage to call
    there, at 472.8 s; the 150 m level stays dry. The cage waits at ``cage_at`` at the start."""
    nodes = [node("collar", "collar", z=0.0), node("st150", "shaft_station", z=-150.0),
             node("st200", "shaft_station", z=-200.0), node("b", "workplace", z=-150.0, x=300.0),
             node("top", "junction", z=-150.0, x=-50.0)]
    links = [link("shaft1", "collar", "st150", 150.0, width=5.0, kind="shaft", height_m=5.0),
             link("shaft2", "st150", "st200", 50.0, width=5.0, kind="shaft", height_m=5.0),
             link("lad", "st200", "b" if ladder else "top", 60.0, kind="ladderway")]
    if drift:
        links.append(link("level", "st150", "b", 300.0))
    return base_site(nodes, links, [{"at": "b", "count": 1}],
                     hoists=[{"id": "cage", "stations": ["collar", "st150", "st200"], "cage_capacity_persons": 10,
                              "start_station": cage_at}])


def two_level_drill(build, *, start: str = "collar", order_at_s: float = 600.0, drift: bool = True,
                    ladder: bool = True, faults: list | None = None, cage_at: str = "collar"):
    way_up = ["b", "st150" if drift else "st200", "collar"]
    plan = base_plan(channels=[{"id": "runner", "type": "runner", "start": start, "coverage": ["b"]}],
                     routes=[{"id": "up", "from": ["b"], "path": way_up}], exits=["collar"])
    hazard = {"inrush": {"source": "st200", "hydrograph": [{"t_s": 0, "inflow_m3ph": 360}]}}
    scenario = base_scenario(duration_s=3600, order_at_s=order_at_s, hazard=hazard, faults=faults or [])
    spec = build(two_level_site(drift, ladder, cage_at), plan, scenario)
    d = Drill(spec, 0, 1)
    assert d.impassable(1.2)[spec.network.index["st200"]] == pytest.approx(472.8)
    assert d.impassable(0.01)[spec.network.index["b"]] == math.inf
    wind = spec.hoists[0].wind_table
    ix = spec.network.index
    return run_drill(spec, 0, 1), lambda a, b: wind[(ix[a], ix[b])]


def channel_events(res) -> list[tuple[float, str]]:
    return [(e.t_s, e.what) for e in res.timeline if e.kind == "channel" and not e.what.endswith(" on")]


def test_a_runner_does_not_ride_to_a_station_the_water_has_closed_and_takes_the_other_way(build):
    """Sent at 600 s from the collar, the runner's quickest way to b is the cage to st200 and the ladderway up; st200
    has been too deep for the cage since 472.8 s: it rides to st150 instead and walks the 300 m level (before, it rode
    down into the water at st200, found the ladderway flooded and rode back up to st150)."""
    res, wind = two_level_drill(build)
    [p] = res.people
    assert (p.warned_by, p.warned_s) == ("runner", pytest.approx(600 + wind("collar", "st150") + 300 / 1.2))
    assert channel_events(res) == []


def test_a_runner_whose_only_way_rides_to_a_flooded_station_stops_and_the_timeline_says_so(build):
    """Without the level, the only way to b is by st200, closed by the water: the runner does not reach b, and the
    timeline says so from the collar, where it was (before, it rode down to st200 and said so from there)."""
    res, _ = two_level_drill(build, drift=False)
    [p] = res.people
    assert p.warned_by != "runner"
    said = "runner could not reach b: the water closes its way there from collar, and no other way is open"
    assert channel_events(res) == [(600.0, said)]


def test_a_runner_waiting_for_a_stopped_cage_looks_again_when_the_water_closes_the_station_it_waits_to_ride_to(
        build):
    """The cage is out of service from 0 to 900 s; the runner, sent at 300 s, waits at the collar to ride to st200,
    looking every minute. At 480 s st200 has been flooded since 472.8 s: it waits for the cage to st150 instead,
    rides it once the cage is back (900 s) and walks the level (before, it rode to st200 at 900 s)."""
    res, wind = two_level_drill(build, order_at_s=300.0,
                                faults=[{"kind": "hoist_out", "target": "cage", "at_s": 0, "duration_s": 900}])
    [p] = res.people
    assert (p.warned_by, p.warned_s) == ("runner", pytest.approx(900 + wind("collar", "st150") + 300 / 1.2))
    waits = "runner: waits at collar for the cage cage, which is stopped"
    assert channel_events(res) == [(300.0, waits), (480.0, waits)]


def test_a_runner_does_not_ride_to_a_station_the_water_closes_while_it_waits_for_the_cage(build):
    """Sent at 440 s from the collar, the runner's quickest way to b is by st200, open then; the cage is idle at
    st200 and comes up for it, after the water has closed st200 (472.8 s): the cage will not take it there. It waits
    for the cage to st150 instead and walks the level (before, it rode down into the water at st200 and went no
    further)."""
    res, wind = two_level_drill(build, order_at_s=440.0, cage_at="st200")
    up = 440 + wind("st200", "collar")
    assert up > 472.8
    [p] = res.people
    assert (p.warned_by, p.warned_s) == ("runner", pytest.approx(up + wind("collar", "st150") + 300 / 1.2))
    assert channel_events(res) == []


def test_a_runner_at_a_station_the_water_closes_before_the_cage_comes_for_it_does_not_ride(build):
    """Sent at 440 s from st200, with no way to b but the cage to st150, the runner waits for the cage to come down
    from the collar (at 487.7 s); the water closes st200 at 472.8 s, before it comes: the runner goes nowhere, and
    the timeline says so: it stands in water too deep to go on from (before, it rode up at 487.7 s and warned b; then
    the timeline said the water closed its way to b from st200)."""
    res, _ = two_level_drill(build, start="st200", order_at_s=440.0, ladder=False)
    [p] = res.people
    assert p.warned_by != "runner"
    said = "runner could not go on from st200: the water there is too deep for it"
    assert channel_events(res) == [(pytest.approx(472.8), said)]


def test_a_runner_whose_own_station_is_under_water_when_it_is_sent_does_not_set_out(build):
    """Sent at 600 s from st200, 1.2 m deep since 472.8 s (too deep to wade, and the cage calls there no more): it
    warns nobody, and the timeline says why, in English and Chinese (before, the cage lifted it out of the water
    to st150, and it warned b)."""
    res, _ = two_level_drill(build, start="st200")
    [p] = res.people
    assert p.warned_by != "runner"
    said = "runner could not set out from st200: the water there is too deep for it"
    assert channel_events(res) == [(600.0, said)]
    from drills.experiment.i18n import Text
    assert Text("zh").event(said) == "runner 无法从 st200 出发：该处水深已无法通行"


def stench_site() -> dict:
    """Air goes down a 200 m shaft from the collar and along the level: a at 200 + 300 m of air path, b at
    200 + 700 m; c hangs off a dead-end heading the plan leaves out of the stench's coverage."""
    nodes = [node("collar", "collar", z=0.0), node("st", "shaft_station", z=-200.0), node("a", "workplace", z=-200.0),
             node("b", "workplace", z=-200.0), node("c", "workplace", z=-200.0), node("out", "portal", z=-200.0)]
    links = [link("shaft", "collar", "st", 200.0, kind="shaft"), link("sa", "st", "a", 300.0),
             link("ab", "a", "b", 400.0), link("sc", "st", "c", 150.0), link("so", "st", "out", 50.0)]
    return base_site(nodes, links, [{"at": "a", "count": 2}, {"at": "b", "count": 1}, {"at": "c", "count": 1}])


def stench(**kw) -> dict:
    return {"id": "stench", "type": "stench_gas", "start": "collar", "air_speed_mps": 2.0, "activation_delay_s": 60,
            "coverage": ["b", "a"], **kw}


def test_stench_gas_arrives_with_the_air_along_its_path(build):
    res = run(build(stench_site(), base_plan(channels=[stench()]), base_scenario(duration_s=3600)))
    warned = sorted((p.start, p.warned_by, p.warned_s) for p in res.people if p.warned_by)
    # released 60 s after the order at 0; the air needs (200 + 300) / 2 s to a and (200 + 700) / 2 s to b
    assert warned == [("a", "stench", pytest.approx(60 + 250))] * 2 + [("b", "stench", pytest.approx(60 + 450))]
    assert all(p.outcome == "underground" for p in res.people if p.start == "c")  # the dead end never smells it


def test_stench_gas_noticed_by_some_only(build):
    """Each party there notices it with hear_probability, once: the air carries it past."""
    site = stench_site()
    site["site"]["shifts"]["day"] = [{"at": "a", "count": 1, "crew": f"c{k}"} for k in range(200)]
    spec = build(site, base_plan(channels=[stench(hear_probability=0.3)]), base_scenario(duration_s=3600))
    res = run(spec)
    smelt = sum(p.warned_by == "stench" for p in res.people)
    assert 30 <= smelt <= 90  # 200 draws of 0.3: mean 60, sd 6.5
    assert all(p.warned_by == "" for p in res.people if p.warned_by != "stench")


def test_stench_gas_stalls_while_the_main_fans_stand_still(build):
    """Mains power is lost at 400 s for good, after the stench reached a (at 310 s) and before b (510 s): with no
    backup the fans stop and b is not reached; with two hours of backup both are."""
    faults = [{"kind": "mains_power", "at_s": 400}]
    for backup, reached in ((0.0, {"a"}), (2.0, {"a", "b"})):
        plan = base_plan(channels=[stench(backup_power_h=backup)])
        res = run(build(stench_site(), plan, base_scenario(duration_s=3600, faults=faults)))
        assert {p.start for p in res.people if p.warned_by == "stench"} == reached


def test_stench_gas_goes_on_when_the_fans_restart(build):
    """Power lost from 400 s to 700 s with no backup: the air to b stands still for those 300 s, so the stench
    gets there at 510 + 300 s; a, reached at 310 s, is unchanged."""
    faults = [{"kind": "mains_power", "at_s": 400, "duration_s": 300}]
    res = run(build(stench_site(), base_plan(channels=[stench()]), base_scenario(duration_s=3600, faults=faults)))
    assert sorted((p.start, p.warned_s) for p in res.people if p.warned_by == "stench") == [
        ("a", pytest.approx(310.0)), ("a", pytest.approx(310.0)), ("b", pytest.approx(810.0))]


def test_stench_gas_once_released_is_in_the_air(build):
    """The release system failing at 400 s, after the release at 60 s, does not stop what the air carries: b is
    still reached at 510 s. Down at the release, nothing is released."""
    for at_s, reached in ((400.0, {"a", "b"}), (0.0, set())):
        faults = [{"kind": "channel_down", "target": "stench", "at_s": at_s}]
        res = run(build(stench_site(), base_plan(channels=[stench()]), base_scenario(duration_s=3600, faults=faults)))
        assert {p.start for p in res.people if p.warned_by == "stench"} == reached


def test_the_air_moves_only_while_the_fans_run():
    from drills.model.warning import air_arrival, fans_stopped

    assert fans_stopped([(100.0, 5000.0), (6000.0, 6100.0)], 1.0) == [(3700.0, 5000.0)]  # 1 h of backup
    stopped = [(100.0, 200.0), (300.0, 400.0)]
    assert air_arrival(0.0, 50.0, stopped) == 50.0  # there before the first stop
    assert air_arrival(0.0, 150.0, stopped) == 250.0  # 100 s before it, 50 s after
    assert air_arrival(150.0, 10.0, stopped) == 210.0  # released while the fans stand still
    assert air_arrival(0.0, 250.0, stopped) == 450.0  # through both stops
    assert air_arrival(0.0, 150.0, [(100.0, math.inf)]) == math.inf  # they never restart


# ---------------------------------------------------------------- water and people


def flooding_dip_site() -> dict:
    # face at 0; the short way out dips to -3 m where the water comes in; the long way is dry
    nodes = [node("face", "workplace"), node("dip", "junction", z=-3.0, x=50), node("out1", "portal", x=100),
             node("out2", "portal", z=20.0, x=-2000)]
    links = [link("to_dip", "face", "dip", 60.0), link("dip_out", "dip", "out1", 60.0),
             link("long", "face", "out2", 2000.0, kind="ramp")]
    return base_site(nodes, links, [{"at": "face", "count": 1}])


def test_miner_reroutes_when_the_planned_passage_is_under_water(build):
    plan = base_plan(routes=[{"id": "short", "from": ["face"], "path": ["face", "dip", "out1"]}],
                     exits=["out1", "out2"])
    hazard = {"inrush": {"source": "dip", "hydrograph": [{"t_s": 0, "inflow_m3ph": 3600}]}}
    # the dip is 1.2 m deep after 576 m³ (576 s); the order comes at 600 s
    res = run(build(flooding_dip_site(), plan, base_scenario(order_at_s=600, hazard=hazard)))
    [p] = res.people
    assert p.outcome == "surface" and p.end == "out2"
    slope = 20.0 / math.sqrt(2000.0**2 - 20.0**2)
    assert p.outcome_s == pytest.approx(600 + 2000 / (1.2 * math.exp(-3.5 * (slope + 0.05 - 0.05))))


def depth_trigger_plan(at: str, depth_m: float) -> dict:
    return base_plan(exits=["out1", "out2"], warning={
        "triggers": [{"id": "sensor", "quantity": "water_depth_m", "at": at, "threshold": depth_m, "level": "red",
                      "owner": "dispatcher"}],
        "actions_by_level": {"red": [{"action": "evacuate_underground", "owner": "dispatcher"}]}})


def test_a_water_depth_sensor_orders_the_evacuation_when_its_node_is_that_deep(build):
    # the inrush at the face from 120 s runs down into the dip: 1.2 m deep there after about 576 m³ (576 s), as
    # above (the pool is stepped by 10 s)
    hazard = {"inrush": {"source": "face", "start_s": 120, "hydrograph": [{"t_s": 0, "inflow_m3ph": 3600}]}}
    scen = base_scenario(order_at_s=None, hazard=hazard)
    spec = build(flooding_dip_site(), depth_trigger_plan("dip", 1.2), scen)
    res = run(spec)
    deep = Drill(spec, 0, spec.seed).water.node_time_depth(spec.network.index["dip"], 1.2)
    assert res.order_s == pytest.approx(deep)  # no detection or decision delay in this plan
    assert deep == pytest.approx(120 + 576, abs=10.0)
    # a sensor where the water bursts in is met as it starts, however deep it is set
    res = run(build(flooding_dip_site(), depth_trigger_plan("face", 1.0), scen))
    assert res.order_s == pytest.approx(120)
    # a sensor the water never reaches orders nothing
    res = run(build(flooding_dip_site(), depth_trigger_plan("out2", 0.1), scen))
    assert math.isnan(res.order_s)


def test_miner_who_meets_the_water_on_the_way_turns_back_and_takes_another_way(build):
    plan = base_plan(routes=[{"id": "short", "from": ["face"], "path": ["face", "dip", "out1"]}],
                     exits=["out1", "out2"])
    hazard = {"inrush": {"source": "dip", "hydrograph": [{"t_s": 0, "inflow_m3ph": 3600}]}}
    # the order comes at 550 s: the passage to the dip is still passable (1.2 m deep only at 576 s), but the
    # dip is too deep before he is through it; he meets the water there and walks back as fast as he came
    spec = build(flooding_dip_site(), plan, base_scenario(order_at_s=550, hazard=hazard))
    res = run(spec)
    [p] = res.people
    w = Drill(spec, 0, spec.seed).water
    closed = w.node_time_depth(spec.network.index["dip"], 1.2)
    assert 550 < closed < 600
    back = closed + (closed - 550)
    assert p.outcome == "surface" and p.end == "out2" and p.turned_back == "dip"
    slope = 20.0 / math.sqrt(2000.0**2 - 20.0**2)
    assert p.outcome_s == pytest.approx(back + 2000 / (1.2 * math.exp(-3.5 * (slope + 0.05 - 0.05))))
    [turned] = [e for e in res.timeline if "turned back" in e.what]
    assert turned.what == "1 turned back on the way from face to dip: the water closed the way"
    assert turned.t_s == pytest.approx(closed)


def test_who_turns_back_is_on_the_passage_until_back_not_until_they_would_have_been_through(build):
    # as above: he set out into the 60 m passage at 550 s and would have been through at 600 s; he met the
    # water at the dip and was back at the face later than that. Others entering the passage share it with him
    # (its crowding) for as long as he is on it, going or coming back
    plan = base_plan(routes=[{"id": "short", "from": ["face"], "path": ["face", "dip", "out1"]}],
                     exits=["out1", "out2"])
    hazard = {"inrush": {"source": "dip", "hydrograph": [{"t_s": 0, "inflow_m3ph": 3600}]}}
    spec = build(flooding_dip_site(), plan, base_scenario(order_at_s=550, hazard=hazard))
    drill = Drill(spec, 0, spec.seed)
    [p] = drill.run().people
    closed = drill.water.node_time_depth(spec.network.index["dip"], 1.2)
    assert p.turned_back == "dip"
    assert drill.on_link[spec.network.link_index["to_dip"]] == [pytest.approx(2 * closed - 550)]
    assert 2 * closed - 550 != pytest.approx(550 + 60 / 1.2)


def test_miner_who_turns_back_is_caught_where_the_way_back_closes_first(build):
    # as above, but the face lies low too: it is too deep before he is back from the dip
    site = flooding_dip_site()
    site["site"]["nodes"][0]["elevation_m"] = -2.5
    site["site"]["links"][0]["length_m"] = 600.0
    plan = base_plan(routes=[{"id": "short", "from": ["face"], "path": ["face", "dip", "out1"]}],
                     exits=["out1", "out2"])
    hazard = {"inrush": {"source": "dip", "hydrograph": [{"t_s": 0, "inflow_m3ph": 36000}]}}
    spec = build(site, plan, base_scenario(order_at_s=0, hazard=hazard))
    res = run(spec)
    [p] = res.people
    w = Drill(spec, 0, spec.seed).water
    closed = w.node_time_depth(spec.network.index["dip"], 1.2)
    behind = w.node_time_depth(spec.network.index["face"], 1.2)
    assert 0 < closed < behind < 2 * closed  # he meets the water at the dip; the face closes before he is back
    assert p.outcome == "caught" and p.end == "face" and p.turned_back == ""
    assert p.outcome_s == pytest.approx(behind)
    assert not any("turned back" in e.what for e in res.timeline)
    drill = Drill(spec, 0, spec.seed)
    drill.run()  # on the passage until the water caught him there, on his way back
    assert drill.on_link[spec.network.link_index["to_dip"]] == [pytest.approx(behind)]


def test_miner_who_waits_too_long_is_caught_where_he_stands(build):
    site = base_site([node("face", "workplace"), node("out", "portal", z=30.0)],
                     [link("r", "face", "out", 300.0, kind="ramp")], [{"at": "face", "count": 1}])
    hazard = {"inrush": {"source": "face", "hydrograph": [{"t_s": 0, "inflow_m3ph": 3600}]}}
    spec = build(site, base_plan(), base_scenario(order_at_s=None, hazard=hazard,
                                                  behaviour={"response_delay_s": {"miner": 7200}}))
    res = run(spec)
    [p] = res.people
    assert p.warned_by == "water" and p.warned_s == 0.0
    assert p.outcome == "caught" and p.end == "face"
    from drills.model.drill import Drill

    w = Drill(spec, 0, spec.seed).water
    assert p.outcome_s == pytest.approx(w.node_time_depth(spec.network.index["face"], 1.2))
    assert p.outcome_s < 7200


def test_refuge_takes_people_up_to_its_seats_when_no_exit_is_reachable(build):
    nodes = [node("face", "workplace"), node("ref", "refuge", capacity_persons=2), node("out", "portal")]
    links = [link("fr", "face", "ref", 100.0), link("fo", "face", "out", 100.0)]
    site = base_site(nodes, links, [{"at": "face", "count": 3}])
    plan = base_plan(routes=[{"id": "shelter", "from": ["face"], "path": ["face", "ref"]}], refuges=["ref"])
    plan["plan"]["evacuation"]["refuges"] = ["ref"]
    del plan["plan"]["refuges"]
    res = run(build(site, plan, base_scenario()))
    outcomes = sorted(p.outcome for p in res.people)
    assert outcomes == ["refuge", "refuge", "surface"]  # the third finds the chamber full and walks out


def test_margin_is_lead_over_the_water_at_the_places_passed(build):
    site = base_site([node("face", "workplace"), node("out", "portal", z=30.0)],
                     [link("r", "face", "out", 300.0, kind="ramp")], [{"at": "face", "count": 1}])
    hazard = {"inrush": {"source": "face", "hydrograph": [{"t_s": 0, "inflow_m3ph": 3600}]}}
    spec = build(site, base_plan(), base_scenario(hazard=hazard))
    res = run(spec)
    [p] = res.people
    from drills.model.drill import Drill

    w = Drill(spec, 0, spec.seed).water
    assert p.outcome == "surface"
    assert p.departed_s == 0.0
    assert p.margin_s == pytest.approx(w.node_time_depth(spec.network.index["face"], 1.2) - p.departed_s)


def test_a_role_without_evacuation_authority_passes_the_order_up(build):
    roles = [{"id": "disp", "title": "Dispatcher", "decision_delay_s": 50, "may_order_evacuation": False,
              "backups": ["lead"]},
             {"id": "lead", "title": "Leader", "decision_delay_s": 70}]
    res = run(build(simple_site(), trigger_plan(roles), base_scenario(order_at_s=None)))
    assert res.order_s == pytest.approx(100 + 50 + 70)
    assert any("may not order" in e.what for e in res.timeline)
    roles[1]["may_order_evacuation"] = False
    res = run(build(simple_site(), trigger_plan(roles), base_scenario(order_at_s=None, duration_s=3600)))
    assert math.isnan(res.order_s)


# ---------------------------------------------------------------- planned routes


def drift_site(side: list[tuple[str, str, float]] = (), crews: tuple[str, ...] = ("B",)) -> dict:
    """A straight flat drift A–B–C–portal (100, 150 and 200 m), and side drifts ``(place, joined to, length)``
    to workplaces off it."""
    nodes = [node("A", "workplace"), node("B", "workplace", x=100), node("C", "junction", x=250),
             node("portal", "portal", x=450)]
    links = [link("ab", "A", "B", 100.0), link("bc", "B", "C", 150.0), link("cp", "C", "portal", 200.0)]
    for k, (place, to, length) in enumerate(side):
        if place not in {n["id"] for n in nodes}:
            nodes.append(node(place, "workplace", x=-50.0 * (k + 1)))
        links.append(link(f"side{k}", place, to, length))
    return base_site(nodes, links, [{"at": at, "count": 1} for at in crews])


def route_times(build, site: dict, starts: list[str], delay_s: float = 30.0) -> dict[str, tuple[str, float]]:
    """Each starting place's miner under the route ``path: [A, B, C, portal]``: where they end up and how long after
    being warned."""
    plan = base_plan(routes=[{"id": "out", "from": starts, "path": ["A", "B", "C", "portal"]}], exits=["portal"])
    res = run(build(site, plan, base_scenario(behaviour={"response_delay_s": {"miner": delay_s}})))
    return {p.start: (p.end, p.outcome_s - p.warned_s) for p in res.people}


def test_a_miner_whose_place_is_on_the_route_sets_out_from_there_not_from_its_start(build):
    """The route is written from the level's far end, A; the miner at B follows it on from B to the portal
    (350 m), not into A and back (550 m)."""
    got = route_times(build, drift_site(), ["B"])
    assert got == {"B": ("portal", pytest.approx(30.0 + (150.0 + 200.0) / 1.2))}


def test_a_miner_off_the_route_joins_it_at_its_place_nearest_them_on_foot(build):
    """X lies 40 m off B and 50 m off A: its miner joins at B, not at A, the route's start. Y lies 20 m off A and
    20 m off C: of two places equally near, the one further along the route."""
    site = drift_site([("X", "B", 40.0), ("X", "A", 50.0), ("Y", "A", 20.0), ("Y", "C", 20.0)], crews=("X", "Y"))
    got = route_times(build, site, ["X", "Y"], delay_s=0.0)
    assert got == {"X": ("portal", pytest.approx((40.0 + 150.0 + 200.0) / 1.2)),
                   "Y": ("portal", pytest.approx((20.0 + 200.0) / 1.2))}


def test_a_place_that_reaches_the_route_past_its_start_is_served_and_one_that_reaches_none_is_refused(build):
    """W's only way is a one-way drift into C: its miner joins the route there (the route's start, A, is out of
    reach, which was refused). Z's way leads out of the drift only: no place of the route is reached."""
    site = drift_site([("W", "C", 60.0), ("Z", "A", 10.0)], crews=("W",))
    site["site"]["links"][-2]["one_way"] = True
    site["site"]["links"][-1].update({"from": "A", "to": "Z", "one_way": True})
    assert route_times(build, site, ["W"], delay_s=0.0) == {"W": ("portal", pytest.approx((60.0 + 200.0) / 1.2))}
    with pytest.raises(InputError) as info:
        route_times(build, site, ["W", "Z"])
    [problem] = info.value.problems
    assert (problem.field, problem.message) == ("plan.evacuation.routes[0].from[1]",
                                                "no passage from 'Z' to any place of the route")

def test_a_station_off_the_route_is_not_joined_by_a_cage_ride(build):
    """The route [st, collar] rides up from st. A miner 10 m from another station of the cage and 50 m from st
    walks to st, where the route has them ride: the collar is nearer only by a ride from elsewhere."""
    graph = nx.DiGraph()
    for u, v, length in (("x", "st2", 10.0), ("x", "st", 50.0)):
        graph.add_edge(u, v, length=length, hoist=None)
        graph.add_edge(v, u, length=length, hoist=None)
    for s in ("st", "st2"):
        graph.add_edge(s, "collar", length=0.0, hoist="cage")
    assert join_at(graph, "x", ["st", "collar"]) == (0, ["x", "st"])
    assert join_at(graph, "st", ["st", "collar"]) == (0, ["st"])
    # the route out of reach on foot: the ride takes them to it
    assert join_at(graph, "st2", ["collar", "top"]) == (0, ["st2", "collar"])
    assert join_at(graph, "collar", ["st", "x"]) is None


# ---------------------------------------------------------------- memory


def _drill_objects(objs: list) -> list:
    """The objects among ``objs`` made by SimPy or by the drill (not lazily built caches of libraries)."""
    return [o for o in objs if type(o).__module__.startswith(("simpy", "drills"))
            or (type(o).__name__ == "generator" and o.gi_code.co_filename.startswith(drills_folder()))]


def drills_folder() -> str:
    import drills

    return str(Path(drills.__file__).parent)


@pytest.mark.parametrize("scenario", [p.name for p in bundled_scenarios()])
def test_a_finished_replication_leaves_no_reference_cycles(scenario):
    """Everything a replication makes is freed by reference counting, waiting processes included
    (which is what lets :func:`run_drill` pause the cyclic collector)."""
    spec = load_drill(bundled_root() / "scenarios" / scenario)
    run_drill(spec, 0, 5)  # warm-up: lazily built caches of the libraries are not the drill's
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for r in range(1, 3):
            run_drill(spec, r, 5)
        gc.collect()
        left = _drill_objects(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == [], f"{len(left)} objects in cycles, e.g. {left[:5]!r}"


def test_the_collector_is_paused_during_a_replication_and_restored_after(monkeypatch):
    seen = []
    real_run = Drill.run

    def spy(self):
        seen.append(gc.isenabled())
        return real_run(self)

    monkeypatch.setattr(Drill, "run", spy)
    spec = load_drill(bundled_root() / "scenarios" / "mine_inrush_day.yaml")
    assert gc.isenabled()
    run_drill(spec, 0, 1)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        run_drill(spec, 0, 1)
        assert not gc.isenabled()  # left off if it was off
    finally:
        gc.enable()


def test_the_pause_nests_and_is_shared_by_threads():
    """The collector comes back on only when the last of overlapping replications ends, whichever
    thread ends first."""
    assert gc.isenabled()
    inside = threading.Barrier(2)
    first_out = threading.Event()
    states = {}

    def first():
        with collector_paused():
            inside.wait()
        first_out.set()

    def second():
        with collector_paused():
            inside.wait()
            first_out.wait()
            states["after the first ended"] = gc.isenabled()
        states["after both ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert states == {"after the first ended": False, "after both ended": True}
    with collector_paused(), collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_when_a_replication_fails(monkeypatch):
    def broken(self):
        raise RuntimeError("model error")

    monkeypatch.setattr(Drill, "run", broken)
    spec = load_drill(bundled_root() / "scenarios" / "mine_inrush_day.yaml")
    with pytest.raises(RuntimeError):
        run_drill(spec, 0, 1)
    assert gc.isenabled()


# ------------------------------------------------------------------ wading limits other than the station's
def test_a_rider_who_wades_less_than_the_station_floods_at_keeps_a_margin_of_the_station(build):
    """The station is 0.6 m deep at 20 s and flooded (1.2 m) at 40 s; a rider who would not walk through more than
    0.6 m boards before the station floods: their margin is the station's, not a negative one of their own."""
    site = base_site([node("collar", "collar", z=0.0), node("st", "shaft_station", z=-100.0)],
                     [link("shaft", "collar", "st", 100.0, width=5.0, kind="shaft", height_m=5.0)],
                     [{"at": "st", "count": 1}],
                     hoists=[{"id": "cage", "stations": ["collar", "st"], "cage_capacity_persons": 10,
                              "start_station": "collar"}])
    site["site"]["profiles"][0]["wading_limit_m"] = 0.6
    plan = base_plan(routes=[{"id": "up", "from": ["st"], "path": ["st", "collar"]}], exits=["collar"])
    hazard = {"inrush": {"source": "st", "hydrograph": [{"t_s": 0, "inflow_m3ph": 2700}]}}
    spec = build(site, plan, base_scenario(duration_s=3600, hazard=hazard))
    [p] = run_drill(spec, 0, 1).people
    assert p.outcome == "surface" and 0 <= p.margin_s < 40


def test_a_flooded_refuge_takes_nobody_in_whatever_they_would_wade(build):
    """The chamber is flooded (1.2 m) at 2 400 s; a miner who wades up to 2 m reaches it at about 3 500 s, with his
    way out cut: it does not take him in (before, he was recorded caught there at 2 400 s, before he left)."""
    nodes = [node("face", "workplace", z=0.5), node("ref", "refuge", z=-1.0, x=100, capacity_persons=5),
             node("out", "portal", z=5.0, x=-500)]
    site = base_site(nodes, [link("d", "face", "ref", 100.0, height_m=3.0), link("o", "face", "out", 500.0)],
                     [{"at": "face", "count": 1}])
    site["site"]["profiles"][0]["wading_limit_m"] = 2.0
    plan = base_plan(exits=["out"])
    plan["plan"]["evacuation"]["refuges"] = ["ref"]
    hazard = {"inrush": {"source": "ref", "hydrograph": [{"t_s": 0, "inflow_m3ph": 720}]}}
    spec = build(site, plan, base_scenario(duration_s=7200, order_at_s=None, hazard=hazard,
                                           faults=[{"kind": "link_cut", "target": "o", "at_s": 0}]))
    [p] = run_drill(spec, 0, 1).people
    assert p.departed_s > 2400
    assert p.outcome != "refuge"
    assert not (p.outcome == "caught" and p.outcome_s < p.departed_s)
