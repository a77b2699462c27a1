"""The cage: kinematics, GB 50215 loading times, clearing a shaft station in whole round trips, and who it
can still lift when the water rises at the station (the others go another way, here to the refuge)."""

from __future__ import annotations

import math

import pytest
from conftest import base_plan, base_scenario, base_site, link, node
from hypothesis import given, settings
from hypothesis import strategies as st

from drills.model import hoist
from drills.model.drill import run_drill


def test_speed_limit_follows_the_safety_regulations():
    assert hoist.max_speed_mps(400.0) == pytest.approx(10.0)  # 0.5 * sqrt(400)
    assert hoist.max_speed_mps(900.0) == 12.0  # capped at 12 m/s
    assert hoist.max_speed_mps(400.0, configured=6.0) == 6.0


def test_trapezoidal_and_triangular_wind_times():
    # 360 m at 9 m/s, 0.75 m/s²: accelerate 12 s over 54 m, cruise 252 m in 28 s, decelerate 12 s.
    assert hoist.travel_time_s(360.0, 9.0, 0.75) == pytest.approx(12 + 28 + 12)
    # too short to reach full speed: 2 * sqrt(d / a)
    assert hoist.travel_time_s(27.0, 9.0, 0.75) == pytest.approx(2 * math.sqrt(27.0 / 0.75))
    assert hoist.travel_time_s(0.0, 9.0, 0.75) == 0.0


def test_rest_times_follow_gb50215():
    assert hoist.rest_time_s(1) == 20.0
    assert hoist.rest_time_s(5) == 20.0
    assert hoist.rest_time_s(30) == 45.0
    assert hoist.rest_time_s(30, decks=2) == 2 * (20 + 10) + 6
    # a double-deck cage of 2 x 30: a load that fits one deck loads in one deck's time
    assert hoist.rest_time_s(1, decks=2, capacity=60) == 20.0
    assert hoist.rest_time_s(30, decks=2, capacity=60) == 45.0
    assert hoist.rest_time_s(31, decks=2, capacity=60) == 2 * (20 + 11) + 6  # 16 and 15 on the two decks
    assert hoist.rest_time_s(60, decks=2, capacity=60) == 2 * (20 + 25) + 6


@pytest.mark.parametrize("n", [1, 5, 30, 31, 60, 61, 150])
def test_a_second_deck_never_slows_the_station(build, n):
    plan = base_plan(routes=[{"id": "up", "from": ["st"], "path": ["st", "collar"]}], exits=["collar"])
    times = []
    for decks in (1, 2):
        site = shaft_site(n, 30)
        site["site"]["hoists"][0]["decks"] = decks
        spec = build(site, plan, base_scenario())
        times.append(max(p.outcome_s for p in run_drill(spec, 0, spec.seed).people))
    one, two = times
    assert two <= one
    if n <= 30:  # one deck's load: the second deck changes nothing
        assert two == one


def test_equal_loads_over_the_fewest_trips():
    assert expected_loads(67, 11) == [10, 10, 10, 10, 9, 9, 9]
    waiting, loads = 67, []
    while waiting:
        k = hoist.load_size(waiting, 11)
        loads.append(k)
        waiting -= k
    assert loads == [10, 10, 10, 10, 9, 9, 9]
    assert hoist.load_size(30, 30) == 30
    assert hoist.load_size(31, 30) == 16


def shaft_site(n: int, capacity: int, depth: float = 360.0) -> dict:
    return base_site(
        [node("collar", "collar", z=0.0), node("st", "shaft_station", z=-depth)],
        [link("shaft", "collar", "st", depth, width=5.0, kind="shaft", height_m=5.0)],
        [{"at": "st", "count": n}],
        hoists=[{"id": "cage", "stations": ["collar", "st"], "cage_capacity_persons": capacity,
                 "start_station": "st"}],
    )


def expected_loads(n: int, capacity: int) -> list[int]:
    """Fewest trips, loads as equal as possible (larger loads first)."""
    trips = math.ceil(n / capacity)
    return [n // trips + (1 if k < n % trips else 0) for k in range(trips)]


def expected_clear_time(n: int, capacity: int, depth: float = 360.0) -> float:
    """Each trip: load + wind up + unload; between trips: wind down."""
    v = min(0.5 * math.sqrt(depth), 12.0)
    wind = 10.0 + hoist.travel_time_s(depth, v, 0.75)
    loads = expected_loads(n, capacity)
    return sum(2 * hoist.rest_time_s(k) + wind for k in loads) + (len(loads) - 1) * wind


def clear_time(build, n: int, capacity: int) -> float:
    plan = base_plan(routes=[{"id": "up", "from": ["st"], "path": ["st", "collar"]}], exits=["collar"])
    spec = build(shaft_site(n, capacity), plan, base_scenario())
    res = run_drill(spec, 0, spec.seed)
    assert all(p.outcome == "surface" for p in res.people)
    assert res.hoists[0].trips == math.ceil(n / capacity)
    return max(p.outcome_s for p in res.people)


@pytest.mark.parametrize(("n", "capacity"), [(1, 30), (30, 30), (31, 30), (100, 30), (47, 12)])
def test_station_clears_in_the_round_trips_the_formula_gives(build, n, capacity):
    assert clear_time(build, n, capacity) == pytest.approx(expected_clear_time(n, capacity))


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 80), cap=st.integers(1, 40), extra=st.integers(1, 20))
def test_more_cage_capacity_never_slows_the_analytic_case(n, cap, extra):
    assert expected_clear_time(n, cap + extra) <= expected_clear_time(n, cap) + 1e-9


def test_more_cage_capacity_never_slows_the_simulated_station(build):
    times = [clear_time(build, 60, c) for c in (5, 10, 20, 30, 60)]
    assert times == sorted(times, reverse=True)


# ------------------------------------------------------------------ a flooding station: who the cage can still lift

#: water area of the station pool: the shaft (5 m × 5 m) and the 50 m × 4 m drift to the refuge, both
#: filling at a constant area until the drift's 3.5 m height is full
POOL_AREA_M2 = 5.0 * 5.0 + 50.0 * 4.0


def flooding_station_site(n: int, capacity: int) -> dict:
    """A cage station with ``n`` miners, the water coming in at the station, a refuge 50 m away up a drift
    (it floods when the station is 3.2 m deep: after the drill for every inflow used here)."""
    nodes = [node("collar", "collar", z=0.0), node("st", "shaft_station", z=-360.0),
             node("ref", "refuge", z=-358.0, x=50.0, capacity_persons=n)]
    links = [link("shaft", "collar", "st", 360.0, width=5.0, kind="shaft", height_m=5.0),
             link("to_ref", "st", "ref", 50.0, height_m=3.5)]
    return base_site(nodes, links, [{"at": "st", "count": n}],
                     hoists=[{"id": "cage", "stations": ["collar", "st"], "cage_capacity_persons": capacity,
                              "start_station": "st"}])


def flooding_station(build, n: int, capacity: int, hydrograph: list[dict] | None):
    plan = base_plan(routes=[{"id": "up", "from": ["st"], "path": ["st", "collar"]}], exits=["collar"])
    plan["plan"]["evacuation"]["refuges"] = ["ref"]
    hazard = {"inrush": {"source": "st", "hydrograph": hydrograph}} if hydrograph else {}
    spec = build(flooding_station_site(n, capacity), plan, base_scenario(duration_s=1000, hazard=hazard))
    return spec, run_drill(spec, 0, spec.seed)


def round_trip_s(capacity: int, depth: float = 360.0) -> float:
    """Full load at the station, wind up, unload at the collar, wind down (GB 50215 rest times)."""
    wind = 10.0 + hoist.travel_time_s(depth, min(0.5 * math.sqrt(depth), 12.0), 0.75)
    return 2 * hoist.rest_time_s(capacity) + 2 * wind


def test_time_left_is_the_rise_seen_now_carried_on_in_a_straight_line():
    assert hoist.time_left_s(0.2, 0.01, 1.2) == pytest.approx(100.0)
    assert hoist.time_left_s(1.3, 0.01, 1.2) == 0.0
    assert hoist.time_left_s(0.5, 0.0, 1.2) == math.inf  # not rising: no limit in sight


def test_riders_in_time_count_whole_loads_of_the_trips_that_arrive_by_the_deadline():
    # trips at 100, 300, 500 reach the station by 550; the one at 700 does not
    assert hoist.riders_in_time(100, first_s=100.0, round_trip_s=200.0, capacity=20, deadline_s=550.0) == 60
    assert hoist.riders_in_time(45, first_s=100.0, round_trip_s=200.0, capacity=20, deadline_s=550.0) == 45
    assert hoist.riders_in_time(10, first_s=100.0, round_trip_s=200.0, capacity=20, deadline_s=99.0) == 0


@pytest.mark.parametrize(("n", "capacity", "inflow_m3ph"), [(100, 20, 1350.0), (70, 12, 1350.0), (90, 30, 2400.0)])
def test_those_the_cage_cannot_lift_before_the_water_go_to_the_refuge(build, n, capacity, inflow_m3ph):
    spec, res = flooding_station(build, n, capacity, [{"t_s": 0, "inflow_m3ph": inflow_m3ph}])
    # the water at the station rises at a constant rate and is too deep to load at t_limit
    rise = inflow_m3ph / 3600 / POOL_AREA_M2
    t_limit = 1.2 / rise
    st_index = spec.network.index["st"]
    from drills.model.drill import Drill

    assert Drill(spec, 0, spec.seed).water.node_time_depth(st_index, 1.2) == pytest.approx(t_limit, rel=1e-3)
    # the cage loads at the station at t = 0 and every round trip after; those whose trip comes at least
    # the margin before the limit ride, the others are sent to the refuge when the water first shows
    trips = math.floor((t_limit - hoist.SEND_AWAY_MARGIN_S) / round_trip_s(capacity)) + 1
    ride = min(n, trips * capacity)
    assert ride < n  # the case is one where some cannot be lifted
    outcomes = [p.outcome for p in res.people]
    assert outcomes.count("surface") == ride
    assert outcomes.count("refuge") == n - ride
    assert "caught" not in outcomes
    assert res.hoists[0].trips == trips
    # the last to join the queue are those sent; one timeline entry says how many, from where, to where
    riders = sorted(res.people, key=lambda p: p.outcome_s if p.outcome == "surface" else math.inf)
    assert all(p.end == "ref" for p in riders[ride:])
    [sent] = [e for e in res.timeline if "sent from" in e.what]
    assert sent.what == f"{n - ride} sent from st to ref: the cage could not lift them before the water"
    assert sent.t_s == pytest.approx(0.05 / rise, rel=1e-3)  # when the water first shows
    # a movement of the people, not a decision: nobody decided it, and the readers of decisions must not see it
    assert sent.kind == "movement"
    assert not [e.what for e in res.timeline if e.kind == "decision"]


@pytest.mark.parametrize("hydrograph", [None, [{"t_s": 0, "inflow_m3ph": 900.0}]],
                         ids=["dry station", "water rising slowly enough"])
def test_nobody_leaves_the_queue_when_the_cage_can_lift_everyone(build, hydrograph):
    n, capacity = 100, 20
    _, res = flooding_station(build, n, capacity, hydrograph)
    assert [p.outcome for p in res.people] == ["surface"] * n
    assert res.hoists[0].trips == n // capacity
    assert max(p.outcome_s for p in res.people) == pytest.approx(expected_clear_time(n, capacity))
    assert not any("sent from" in e.what for e in res.timeline)


def test_the_decision_reads_the_water_as_seen_not_the_drill_timeline(build):
    # the inflow stops at 400 s, with the water 0.67 m deep: it never reaches the limit, but when it first
    # shows, rising steadily, the onsetter cannot know that and sends away those the cage could not lift
    # by the time the rise would reach 1.2 m
    n, capacity, inflow = 100, 20, 1350.0
    spec, res = flooding_station(build, n, capacity, [{"t_s": 0, "inflow_m3ph": inflow},
                                                      {"t_s": 400, "inflow_m3ph": inflow},
                                                      {"t_s": 401, "inflow_m3ph": 0.0}])
    from drills.model.drill import Drill

    assert Drill(spec, 0, spec.seed).water.node_time_depth(spec.network.index["st"], 1.2) == math.inf
    t_limit_seen = 1.2 / (inflow / 3600 / POOL_AREA_M2)
    ride = capacity * (math.floor((t_limit_seen - hoist.SEND_AWAY_MARGIN_S) / round_trip_s(capacity)) + 1)
    assert [p.outcome for p in res.people].count("refuge") == n - ride > 0


def test_with_no_other_way_out_those_still_queuing_when_the_station_floods_are_caught_there(build):
    # the station of the refuge case, but the drift leads nowhere: the cage is the only way out, so nobody is
    # sent away; it lifts whole loads at 0, 1, 2 ... round trips while the station can still be loaded, and those
    # still queuing when the water is 1.2 m deep there (wading limit) are caught at the station at that moment
    n, capacity, inflow = 100, 20, 1350.0
    site = flooding_station_site(n, capacity)
    site["site"]["nodes"][2] = node("ref", "junction", z=-358.0, x=50.0)
    plan = base_plan(routes=[{"id": "up", "from": ["st"], "path": ["st", "collar"]}], exits=["collar"])
    hazard = {"inrush": {"source": "st", "hydrograph": [{"t_s": 0, "inflow_m3ph": inflow}]}}
    spec = build(site, plan, base_scenario(duration_s=1000, hazard=hazard))
    res = run_drill(spec, 0, spec.seed)
    t_limit = 1.2 / (inflow / 3600 / POOL_AREA_M2)
    trips = math.floor(t_limit / round_trip_s(capacity)) + 1
    assert t_limit % round_trip_s(capacity) > 60  # the limit falls well inside a round trip
    caught = [p for p in res.people if p.outcome == "caught"]
    assert [p.outcome for p in res.people].count("surface") == trips * capacity
    assert len(caught) == n - trips * capacity > 0
    assert all(p.end == "st" and p.outcome_s == pytest.approx(t_limit, rel=1e-3) for p in caught)
    assert not any("sent from" in e.what for e in res.timeline)


def test_once_the_water_stops_rising_nobody_more_is_sent_away(build):
    # the inflow stops at 200 s, 0.33 m deep: at first sight (30 s) some are sent to the refuge as in the case
    # above; once the rise has stopped for longer than the window over which it is judged, the cage can come for
    # everyone still waiting, whatever the trips left (the time left is endless)
    n, capacity = 100, 20
    _, res = flooding_station(build, n, capacity, [{"t_s": 0, "inflow_m3ph": 1350.0},
                                                      {"t_s": 200, "inflow_m3ph": 1350.0},
                                                      {"t_s": 201, "inflow_m3ph": 0.0}])
    outcomes = [p.outcome for p in res.people]
    assert "caught" not in outcomes and set(outcomes) <= {"surface", "refuge"}
    sent = [e for e in res.timeline if "sent from" in e.what]
    assert len(sent) == 1 and sent[0].t_s < 200  # only at first sight, while it rose
    assert res.hoists[0].trips * capacity >= outcomes.count("surface") > 0
    assert hoist.riders_in_time(45, first_s=100.0, round_trip_s=200.0, capacity=20, deadline_s=math.inf) == 45


def cage_or_ladder_site() -> dict:
    """One junction 100 m down: the cage station 50 m one way, the foot of a 100 m ladderway the other way."""
    nodes = [node("collar", "collar", z=0.0), node("top", "portal", z=0.0, x=100.0),
             node("j", "junction", z=-100.0, x=50.0), node("st", "shaft_station", z=-100.0),
             node("lad", "junction", z=-100.0, x=100.0)]
    links = [link("shaft", "collar", "st", 100.0, width=5.0, kind="shaft", height_m=5.0),
             link("to_st", "j", "st", 50.0), link("to_lad", "j", "lad", 50.0),
             link("ladder", "lad", "top", 102.0, width=1.0, kind="ladderway")]
    return base_site(nodes, links, [{"at": "j", "count": 1}],
                     hoists=[{"id": "cage", "stations": ["collar", "st"], "cage_capacity_persons": 30,
                              "start_station": "st"}])


@pytest.mark.parametrize(("queued", "way"), [(0, "st"), (90, "st"), (180, "lad")])
def test_a_long_cage_queue_weighs_its_round_trips_against_the_ladder(build, queued, way):
    # the ladder: 100 m climbed at 0.105 m/s, 952 s. The cage: a GB 50215 round trip per load ahead and one's
    # own; 180 waiting are 6 loads ahead, 7 round trips of about 150 s: over 1 000 s, the ladder is sooner
    from drills.model.drill import Drill

    plan = base_plan(routes=[{"id": "up", "from": ["j"], "path": ["j", "st", "collar"]}], exits=["collar", "top"])
    spec = build(cage_or_ladder_site(), plan, base_scenario())
    drill = Drill(spec, 0, spec.seed)
    cage = drill.node_of_hoist[spec.network.index["st"]]
    trip = cage.round_trip_s(spec.network.index["st"])
    assert 7 * trip > 100 / 0.105 > 4 * trip  # the case this test is about
    cage.waiting = queued
    legs = drill._reroute(spec.parties[0], spec.network.index["j"])
    assert legs is not None and spec.network.nodes[legs[0][0]].id == way


def test_a_cage_nobody_called_has_no_utilisation(build, tmp_path):
    """No order, so nobody left the station: the scorecard read 'Cage utilisation (evacuation window) 0.0 %' and
    the report drew a histogram of that 0 % when there was no evacuation window at all (a drill that ended before
    the water came, a shift with no one underground). It reads '–', and the cage's figure is left out."""
    from drills.experiment.exercise import ExerciseResult
    from drills.experiment.figures import make_figures
    from drills.experiment.scorecard import scorecard

    plan = base_plan(routes=[{"id": "up", "from": ["st"], "path": ["st", "collar"]}], exits=["collar"])
    spec = build(shaft_site(5, 30), plan, base_scenario(order_at_s=None))
    res = run_drill(spec, 0, spec.seed)
    assert res.hoists[0].trips == 0 and math.isnan(res.hoists[0].utilisation)  # was 0.0
    ex = ExerciseResult(spec=spec, seed=spec.seed, results=(res,))
    card = scorecard(ex)
    assert math.isnan(card.get("cage_utilisation").mean)
    assert "cage" not in make_figures(ex, card, tmp_path)
    called = run_drill(build(shaft_site(5, 30), plan, base_scenario()), 0, spec.seed)
    assert 0 < called.hoists[0].utilisation <= 1
