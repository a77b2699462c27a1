"""Dam-break flow: runout relations by hand, front travel times, and the depth look-ups the drill uses."""

from __future__ import annotations

import inspect
import math
import pickle

import numpy as np
import pytest
from conftest import valley
from hypothesis import given
from hypothesis import strategies as st

from drills.model.dam_break import (
    DamBreakFlood,
    FrontSpeed,
    PlaceFlood,
    dam_factor,
    estimate_runout,
    larrauri_lall_released_volume_mm3,
    rico_released_volume_mm3,
    rico_runout_km,
    valley_routes,
)
from drills.model.inrush import WaterTimeline


# ------------------------------------------------------------------ runout relations
def test_rico_relations_for_a_class_four_pond_match_hand_arithmetic():
    # H = 40 m, V_T = 3 Mm³ (a 四等 pond: 1–10 Mm³, 30–60 m).
    # By hand: ln 3 = 1.098612; x 1.01 = 1.109598; e^that = 3.03314; x 0.354 = 1.07373 Mm³.
    vf = 0.354 * 3.0**1.01
    assert rico_released_volume_mm3(3.0) == pytest.approx(vf, rel=1e-12)
    assert vf == pytest.approx(1.0737, abs=1e-4)
    # H_f = 40 x (1.07373 / 3) x 1.07373 = 15.372; ln = 2.73255; x 0.76 = 2.07674; e^ = 7.9784; x 14.45 = 115.29 km
    hf = 40.0 * (vf / 3.0) * vf
    assert dam_factor(40.0, 3.0, vf) == pytest.approx(hf, rel=1e-12)
    assert hf == pytest.approx(15.372, abs=1e-3)
    d_km = 14.45 * hf**0.76
    assert rico_runout_km(hf) == pytest.approx(d_km, rel=1e-12)
    assert d_km == pytest.approx(115.29, abs=0.01)
    est = estimate_runout(40.0, 3e6, relation="rico2008")
    assert est.released_volume_m3 == pytest.approx(1.0737e6, rel=1e-4)
    assert est.runout_m == pytest.approx(115_288.0, rel=1e-5)


def test_larrauri_lall_relation_gives_a_shorter_runout_for_the_same_pond():
    # 10^-0.477 = 0.33343; 3^0.954 = e^(0.954 x 1.098612) = 2.85208; product 0.95098 Mm³
    assert larrauri_lall_released_volume_mm3(3.0) == pytest.approx(0.95098, abs=1e-4)
    est = estimate_runout(40.0, 3e6, relation="larrauri_lall2018")
    # H_f = 40 x 0.95098² / 3 = 12.058; D = 10^0.484 x 12.058^0.545 = 3.0479 x 3.8842 = 11.84 km
    assert est.runout_m == pytest.approx(11_839.0, rel=1e-3)
    with pytest.raises(ValueError, match="unknown runout relation"):
        estimate_runout(40.0, 3e6, relation="guess")


def test_valley_depth_keeps_the_released_volume_and_ends_at_the_runout():
    est = estimate_runout(40.0, 3e6, relation="rico2008")
    # mean depth V_F / (c·V_F^(2/3)) = V_F^(1/3) / 60 = 102.40 / 60 = 1.7067 m
    assert est.mean_depth_m == pytest.approx(1.7067, abs=1e-3)
    x = np.linspace(0.0, est.runout_m, 10_001)
    h = np.array([est.valley_depth_m(v) for v in x])
    width = est.inundated_area_m2 / est.runout_m
    assert np.trapezoid(h, x) * width == pytest.approx(est.released_volume_m3, rel=1e-6)
    assert est.valley_depth_m(est.runout_m) == 0.0
    assert est.valley_depth_m(math.inf) == 0.0
    assert est.valley_depth_m(0.0) == pytest.approx(2 * est.mean_depth_m)


# ------------------------------------------------------------------ front speed
def test_default_front_reproduces_the_brumadinho_near_field_and_the_rule_of_thumb():
    front = FrontSpeed()
    assert float(front.travel_s(413.0)) == pytest.approx(13.0, abs=0.5)  # 413 m in 13 s
    v = front.speed_mps(np.linspace(500.0, 2000.0, 16))
    assert ((v >= 10.0) & (v <= 30.0)).all()  # 10–30 m/s over the first 0.5–2 km
    assert float(front.speed_mps(1e7)) == pytest.approx(1.6 / 3.6)  # Fundão floor


@pytest.mark.parametrize("x", [10.0, 413.0, 2_000.0, 50_000.0, 155_000.0, 155_500.0, 300_000.0])
def test_travel_time_is_the_integral_of_one_over_speed(x):
    front = FrontSpeed()
    dx = 1e-3 * max(x, 1.0)
    slope = float(front.travel_s(x + dx) - front.travel_s(x - dx)) / (2 * dx)
    assert slope == pytest.approx(1.0 / float(front.speed_mps(x)), rel=2e-3)


@given(st.lists(st.floats(0.0, 1e6), min_size=2, max_size=20))
def test_travel_time_never_decreases_downstream(xs):
    xs = np.sort(np.array(xs))
    t = FrontSpeed().travel_s(xs)
    assert (np.diff(t) >= 0).all()


def test_constant_front_reaches_a_household_three_km_down_at_3000_over_v():
    # dam -> j1 (1 km) -> j2 (1 km) -> house (1 km); a longer detour dam -> far -> house (5 km) is ignored
    net = valley(
        [("dam", 100.0), ("j1", 90.0), ("j2", 80.0), ("house", 70.0), ("far", 95.0)],
        [
            ("dam", "j1", 1000.0),
            ("j1", "j2", 1000.0),
            ("j2", "house", 1000.0),
            ("dam", "far", 2500.0),
            ("far", "house", 2500.0),
        ],
    )
    flood = DamBreakFlood.from_estimate(net, "dam", 120.0, 40.0, 3e6, front=FrontSpeed.constant(5.0),
                                        relation="rico2008")
    house = net.index["house"]
    assert flood.arrival_s[house] == 120.0 + 3000.0 / 5.0
    assert flood.node_time_depth(house, 0.0) == 720.0
    dist, _ = valley_routes(net, net.index["dam"])
    assert dist[house] == 3000.0


def test_from_table_arrival_is_breach_plus_the_tabled_time():
    net = valley([("dam", 0.0), ("house", 0.0)], [("dam", "house", 3000.0)])
    v = 4.0
    flood = DamBreakFlood.from_table(net, 60.0, [("house", 3000.0 / v, 1.5, 2.0)])
    assert flood.node_time_depth(net.index["house"], 0.0) == 60.0 + 750.0
    assert flood.arrival_s[net.index["dam"]] == math.inf  # unlisted: never flooded


def test_arrival_grows_downstream_and_stops_at_the_runout():
    # a chain of places every 2 km down a steadily falling valley, past the ~11.8 km runout
    names = [f"p{k}" for k in range(10)]
    net = valley([(nm, 100.0 - k) for k, nm in enumerate(names)], [(names[k], names[k + 1], 2000.0) for k in range(9)])
    flood = DamBreakFlood.from_estimate(net, "p0", 0.0, 40.0, 3e6, relation="larrauri_lall2018")
    arr = flood.arrival_s
    reached = np.isfinite(arr)
    assert reached[:6].all() and not reached[6:].any()  # 10 km reached, 12 km beyond 11.84 km
    assert (np.diff(arr[reached]) > 0).all()
    depth = flood.peak_depth_m
    assert (np.diff(depth[reached]) < 0).all() and (depth[~reached] == 0).all()
    assert (np.diff(flood.peak_velocity_mps[reached]) < 0).all()


def test_places_above_the_valley_floor_flood_less_or_not_at_all():
    # valley floor at 0 m; a house 1 m up the slope, one 10 m up; a village behind a 30 m ridge
    net = valley(
        [("dam", 40.0), ("floor", 0.0), ("low_house", 1.0), ("high_house", 10.0), ("ridge", 30.0), ("behind", 0.0)],
        [
            ("dam", "floor", 1000.0),
            ("floor", "low_house", 50.0),
            ("floor", "high_house", 50.0),
            ("floor", "ridge", 500.0),
            ("ridge", "behind", 500.0),
        ],
    )
    flood = DamBreakFlood.from_estimate(net, "dam", 0.0, 40.0, 3e6, relation="rico2008")
    est = flood.estimate
    assert est is not None
    i = net.index
    h_floor = est.valley_depth_m(1000.0)
    assert flood.peak_depth_m[i["floor"]] == pytest.approx(h_floor)
    assert flood.peak_depth_m[i["low_house"]] == pytest.approx(est.valley_depth_m(1050.0) - 1.0)
    share = flood.peak_depth_m[i["low_house"]] / est.valley_depth_m(1050.0)
    v_valley = float(FrontSpeed().speed_mps(1050.0))
    assert flood.peak_velocity_mps[i["low_house"]] == pytest.approx(v_valley * share ** (2 / 3))
    for dry in ("high_house", "ridge", "behind"):
        assert flood.arrival_s[i[dry]] == math.inf
        assert flood.node_peak(i[dry]) == (0.0, 0.0)


def test_given_distances_replace_the_route_search():
    net = valley([("dam", 0.0), ("a", 50.0), ("b", 0.0)], [("dam", "a", 10.0), ("a", "b", 10.0)])
    flood = DamBreakFlood.from_estimate(
        net, 0, 0.0, 40.0, 3e6, [0.0, 3000.0, math.inf], front=FrontSpeed.constant(10.0), relation="rico2008")
    assert flood.arrival_s.tolist() == [0.0, 300.0, math.inf]
    with pytest.raises(ValueError):
        DamBreakFlood.from_estimate(net, 0, 0.0, 40.0, 3e6, [0.0, -1.0, 0.0], relation="rico2008")


def test_surveyed_heights_replace_heights_from_elevations():
    # "a" is 50 m above the dam by elevation, but surveyed at 0.5 m above the valley floor
    net = valley([("dam", 0.0), ("a", 50.0), ("b", 0.0)], [("dam", "a", 1000.0), ("a", "b", 1000.0)])
    by_elevation = DamBreakFlood.from_estimate(net, "dam", 0.0, 40.0, 3e6, relation="rico2008")
    assert math.isinf(by_elevation.arrival_s[1]) and math.isinf(by_elevation.arrival_s[2])
    surveyed = DamBreakFlood.from_estimate(net, "dam", 0.0, 40.0, 3e6, heights_m=[0.0, 0.5, 0.0], relation="rico2008")
    est = surveyed.estimate
    assert est is not None
    assert surveyed.peak_depth_m.tolist() == pytest.approx(
        [est.valley_depth_m(0.0), est.valley_depth_m(1000.0) - 0.5, est.valley_depth_m(2000.0)]
    )
    with pytest.raises(ValueError, match="heights_m"):
        DamBreakFlood.from_estimate(net, "dam", 0.0, 40.0, 3e6, heights_m=[0.0, 0.5], relation="rico2008")


# ------------------------------------------------------------------ depth look-ups
@pytest.fixture
def two_places():
    net = valley([("up", 0.0), ("down", 0.0), ("dry", 0.0)], [("up", "down", 500.0), ("down", "dry", 500.0)])
    flood = DamBreakFlood.from_table(
        net, 50.0, [PlaceFlood("up", 100.0, 2.0, 4.0, 60.0), PlaceFlood("down", 200.0, 1.0, 3.0, 0.0)]
    )
    return net, flood


def test_node_depth_is_zero_before_arrival_rises_linearly_then_stays(two_places):
    net, f = two_places
    up = net.index["up"]  # arrives at 150 s, peaks at 210 s
    assert f.node_depth(up, 149.9) == 0.0
    assert f.node_depth(up, 150.0) == 0.0
    assert f.node_depth(up, 180.0) == pytest.approx(1.0)
    assert f.node_velocity(up, 180.0) == pytest.approx(2.0)
    assert f.node_depth(up, 210.0) == pytest.approx(2.0)
    assert f.node_depth(up, 1e9) == 2.0 and f.node_velocity(up, 1e9) == 4.0
    assert f.node_peak(up) == (2.0, 4.0)
    assert f.node_time_depth(up, 0.0) == 150.0
    assert f.node_time_depth(up, 1.0) == pytest.approx(180.0)
    assert f.node_time_depth(up, 2.0) == pytest.approx(210.0)
    assert f.node_time_depth(up, 2.01) == math.inf


def test_a_zero_rise_is_a_step(two_places):
    net, f = two_places
    down = net.index["down"]  # arrives at 250 s with no rise
    assert f.node_depth(down, 249.99) == 0.0
    assert f.node_depth(down, 250.0) == 1.0
    assert f.node_time_depth(down, 0.5) == 250.0


def test_a_link_takes_the_deeper_and_earlier_of_its_ends(two_places):
    net, f = two_places
    k = net.link_index["up-down"]
    assert f.link_depth(k, 180.0) == pytest.approx(1.0)  # up at 1.0 m, down still dry
    assert f.link_depth(k, 260.0) == pytest.approx(2.0)  # up at its 2.0 m peak, down at 1.0 m
    assert f.link_time_depth(k, 0.5) == pytest.approx(165.0)
    assert f.link_time_depth(k, 3.0) == math.inf
    k2 = net.link_index["down-dry"]
    assert f.link_time_depth(k2, 0.5) == 250.0
    dry = net.index["dry"]
    assert f.node_depth(dry, 1e9) == 0.0 and f.node_time_depth(dry, 0.0) == math.inf


@given(st.floats(0.0, 2.0))
def test_time_to_a_depth_and_depth_at_that_time_agree(d):
    net = valley([("a", 0.0)], [])
    f = DamBreakFlood.from_table(net, 0.0, [PlaceFlood("a", 30.0, 2.0, 1.0, 45.0)])
    t = f.node_time_depth(0, d)
    assert f.node_depth(0, t) == pytest.approx(d, abs=1e-9)


def test_offers_the_same_depth_methods_as_the_mine_water_and_pickles(two_places):
    _, f = two_places
    for name in ("link_depth", "node_depth", "link_time_depth", "node_time_depth"):
        ours = list(inspect.signature(getattr(DamBreakFlood, name)).parameters)
        theirs = list(inspect.signature(getattr(WaterTimeline, name)).parameters)
        assert ours == theirs, name
    g = pickle.loads(pickle.dumps(f))
    assert g.node_depth(0, 180.0) == f.node_depth(0, 180.0)
    assert g.links == f.links


def test_bad_tables_are_refused():
    net = valley([("a", 0.0)], [])
    with pytest.raises(ValueError, match="unknown place"):
        DamBreakFlood.from_table(net, 0.0, [("nowhere", 1.0, 1.0, 1.0)])
    with pytest.raises(ValueError, match="twice"):
        DamBreakFlood.from_table(net, 0.0, [("a", 1.0, 1.0, 1.0), ("a", 2.0, 1.0, 1.0)])
    with pytest.raises(ValueError, match="negative"):
        DamBreakFlood.from_table(net, 0.0, [("a", 1.0, -1.0, 1.0)])


def test_a_volume_factor_of_nothing_releases_no_flood(tmp_path):
    # a factor drawn (or written) as 0 releases no tailings: the dam fails at its time and no one meets a flood
    # (the estimate's runout needs a positive volume and stopped the run)
    from conftest import DAM_FILES, break_file, copy_bundled

    from drills.inputs.compile import load_drill
    from drills.model.drill import run_drill

    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["scenario"], "volume_factor: {dist: lognormal, median: 1.0, p95: 2.0}", "volume_factor: 0")
    spec = load_drill(files["scenario"])
    res = run_drill(spec, 0, spec.seed)
    assert not any(p.outcome == "caught" for p in res.people)
    assert all(math.isnan(p.water_s) or math.isinf(p.water_s) for p in res.people)
    assert any(e.kind == "trigger" and e.t_s == pytest.approx(300.0) for e in res.timeline)


def test_a_place_dry_by_its_shortest_route_floods_by_a_longer_one_that_passes_lower():
    """dam (100 m) -> gorge g (60 m) -> crest c (64.5 m) -> p (67 m), 4 km; and dam -> terrace y (65 m) -> p, 6 km.
    By the gorge, p is 7 m above the route's low point; by the terrace only 2 m. A flow deep enough to pass the
    crest must not leave p dry because the gorge route reached it first: a bigger release never floods less."""
    net = valley([("dam", 100.0), ("g", 60.0), ("c", 64.5), ("p", 67.0), ("y", 65.0), ("beyond", 60.0)],
                 [("dam", "g", 1000.0), ("g", "c", 2000.0), ("c", "p", 1000.0), ("dam", "y", 3000.0),
                  ("y", "p", 3000.0), ("p", "beyond", 1000.0)])
    p, beyond = net.index["p"], net.index["beyond"]
    small = DamBreakFlood.from_estimate(net, "dam", 0.0, 33.8, 8.68e6 * 0.74, relation="rico2008")
    big = DamBreakFlood.from_estimate(net, "dam", 0.0, 33.8, 8.68e6 * 2.14, relation="rico2008")
    assert small.peak_depth_m[p] > 0 and math.isfinite(small.arrival_s[p])
    assert big.peak_depth_m[p] >= small.peak_depth_m[p] and math.isfinite(big.arrival_s[p])
    assert big.peak_depth_m[beyond] >= small.peak_depth_m[beyond] > 0
    est = estimate_runout(33.8, 8.68e6 * 2.14, relation="rico2008")
    dist, height = valley_routes(net, net.index["dam"], est.valley_depth_m)
    assert (dist[p], height[p]) == (6000.0, 2.0)  # by the terrace, the route that floods it
