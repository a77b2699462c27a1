"""Analytic cases for walking, climbing and crowd flow, with known answers."""

from __future__ import annotations

import itertools
import math

import pytest
from conftest import base_plan, base_scenario, base_site, link, node

from drills.model import movement
from drills.model.drill import run_drill


def outcome_times(spec, rep: int = 0) -> list[float]:
    res = run_drill(spec, rep, spec.seed)
    return [p.outcome_s for p in res.people]


def test_one_miner_on_a_flat_dry_drift_arrives_at_length_over_speed(build):
    site = base_site([node("face", "workplace"), node("out", "portal")], [link("d", "face", "out", 500.0)],
                     [{"at": "face", "count": 1}])
    spec = build(site, base_plan(), base_scenario())
    [t] = outcome_times(spec)
    assert t == pytest.approx(500.0 / 1.2, abs=1e-9)


def test_response_delay_and_order_time_add_to_the_walk(build):
    site = base_site([node("face", "workplace"), node("out", "portal")], [link("d", "face", "out", 240.0)],
                     [{"at": "face", "count": 1}])
    scen = base_scenario(order_at_s=100.0, behaviour={"response_delay_s": {"miner": 30}, "crew_relay_s": 0})
    spec = build(site, base_plan(), scen)
    [t] = outcome_times(spec)
    assert t == pytest.approx(100.0 + 30.0 + 240.0 / 1.2)


def test_uphill_ramp_is_slower_by_toblers_function(build):
    rise, run_ = 100.0, 700.0
    length = math.hypot(rise, run_)
    site = base_site([node("face", "workplace", z=-100.0), node("out", "portal", z=0.0)],
                     [link("r", "face", "out", length, kind="ramp")], [{"at": "face", "count": 1}])
    spec = build(site, base_plan(), base_scenario())
    [t] = outcome_times(spec)
    expected_speed = 1.2 * math.exp(-3.5 * (abs(rise / run_ + 0.05) - 0.05))
    assert t == pytest.approx(length / expected_speed)
    assert t > length / 1.2


@pytest.mark.parametrize(("rise", "length"), [(20.0, 20.0), (20.0, 20.0 * math.sqrt(2)), (1.2, 1.2000001)])
def test_a_passage_steeper_than_walking_allows_is_climbed_at_the_ladder_rate(build, rise, length):
    # vertical, 45° and all but vertical: Tobler's function gives 0 to 3 % of the level speed there; the miner
    # climbs the rise at 0.105 m/s instead (before, the last one divided by a speed of zero)
    site = base_site([node("face", "workplace", z=-rise), node("out", "portal", z=0.0)],
                     [link("r", "face", "out", length, kind="ramp")], [{"at": "face", "count": 1}])
    [t] = outcome_times(build(site, base_plan(), base_scenario()))
    assert t == pytest.approx(rise / movement.CLIMB_MPS)


def test_walking_and_climbing_meet_at_23_degrees_uphill_and_31_downhill():
    def tobler(tan: float) -> float:
        return math.exp(-3.5 * (abs(tan + 0.05) - 0.05))

    def meets(sign: float) -> float:  # the gentlest slope, in degrees, at which climbing is the faster
        return next(d / 10 for d in range(1, 900) if movement.slope_factor(
            sign * math.sin(math.radians(d / 10)), math.cos(math.radians(d / 10))) > tobler(
            sign * math.tan(math.radians(d / 10))) * (1 + 1e-9))

    assert 23.0 < meets(1.0) < 24.0 and 31.0 < meets(-1.0) < 32.0
    # Tobler gains height fastest at 14.9°: cos³θ = 3.5 sin θ
    assert math.degrees(math.atan(movement.CLIMBED_TAN)) == pytest.approx(14.935, abs=1e-3)
    for tan in (0.01, 0.1, -0.2, 0.26):  # gentle slopes: Tobler alone (climbing their rise would be quicker)
        assert movement.slope_factor(tan, 1.0) == pytest.approx(tobler(tan))


def test_ladder_climb_takes_rise_over_climb_rate(build):
    site = base_site([node("bottom", "workplace", z=-120.0), node("out", "surface", z=0.0)],
                     [link("lad", "bottom", "out", 122.0, width=1.2, kind="ladderway")],
                     [{"at": "bottom", "count": 1}])
    spec = build(site, base_plan(), base_scenario())
    [t] = outcome_times(spec)
    assert t == pytest.approx(120.0 / movement.CLIMB_MPS)


def test_crowd_through_a_narrow_link_takes_its_flow_capacity_time(build):
    n, width, length = 50, 1.0, 1000.0
    site = base_site([node("stope", "workplace"), node("out", "portal")],
                     [link("narrow", "stope", "out", length, width=width)], [{"at": "stope", "count": n}])
    spec = build(site, base_plan(), base_scenario())
    times = sorted(outcome_times(spec))
    cap = movement.SPECIFIC_FLOW_PPSM * (width - 2 * movement.BOUNDARY_LAYER_M)
    assert cap == pytest.approx(0.78)
    # the k-th person (0-based) enters at k / capacity; density stays below the SFPE free-flow limit
    assert n / (length * width) < movement.SFPE_FREE_DENSITY
    assert times[-1] == pytest.approx((n - 1) / cap + length / 1.2)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(g == pytest.approx(1 / cap) for g in gaps)


def test_a_measured_flow_capacity_replaces_the_one_from_the_width(build):
    # a door timed at one person every 4 s on a 4 m drift: the 20 pass it 4 s apart, whatever the width gives
    n, length = 20, 200.0
    site = base_site([node("stope", "workplace"), node("out", "portal")],
                     [link("door", "stope", "out", length, width=4.0, flow_capacity_pps=0.25)],
                     [{"at": "stope", "count": n}])
    times = sorted(outcome_times(build(site, base_plan(), base_scenario())))
    assert times[-1] == pytest.approx((n - 1) * 4.0 + length / 1.2)
    assert all(b - a == pytest.approx(4.0) for a, b in itertools.pairwise(times))


def test_a_wider_link_clears_the_same_crowd_sooner(build):
    def last(width: float) -> float:
        site = base_site([node("stope", "workplace"), node("out", "portal")],
                         [link("d", "stope", "out", 300.0, width=width)], [{"at": "stope", "count": 40}])
        return max(outcome_times(build(site, base_plan(), base_scenario())))

    assert last(3.0) < last(1.5) < last(0.9)


def test_dense_crowd_walks_slower_than_free_speed():
    assert movement.crowd_factor(0.3) == 1.0
    assert movement.crowd_factor(movement.SFPE_FREE_DENSITY) == pytest.approx(1.0)
    # SFPE: S = 1.4 (1 - 0.266 D) → at D = 2, 0.655 m/s, i.e. 0.546 of the 1.2 m/s free speed
    assert movement.crowd_factor(2.0) == pytest.approx(1.4 * (1 - 0.266 * 2.0) / 1.2, rel=1e-3)
    assert movement.crowd_factor(10.0) == movement.CROWD_FLOOR


def test_wading_factor_follows_the_published_points():
    assert movement.wading_factor(0.0) == 1.0
    assert movement.wading_factor(0.35) == pytest.approx((1 - 0.386) * movement.TURBID_WADING_FACTOR)
    assert movement.wading_factor(0.9) == pytest.approx(0.5 * movement.TURBID_WADING_FACTOR)
    assert movement.wading_factor(0.06) > 0.85  # a wet floor slows a little, not by half
    depths = [0.1 * k for k in range(1, 13)]
    factors = [movement.wading_factor(d) for d in depths]
    assert factors == sorted(factors, reverse=True)


def test_flow_capacity_falls_in_water_by_the_bottleneck_experiment():
    dry = movement.flow_capacity_pps(2.0)
    wet = movement.flow_capacity_pps(2.0, 0.6)
    assert dry - wet == pytest.approx(0.60 * 2.0 - 0.04)


def test_only_the_submerged_length_of_a_slope_is_waded():
    # 100 m ramp rising 10 m, 1 m of water at its low end: 10 m waded at 0.5 m mean depth
    t = movement.passage_time_s(100.0, 10.0, 1.0, 1.0)
    assert t == pytest.approx(90.0 + 10.0 / movement.wading_factor(0.5))
    assert movement.passage_time_s(100.0, 0.0, 1.0, 0.3) == pytest.approx(100.0 / movement.wading_factor(0.3))
    assert movement.passage_time_s(100.0, 0.0, 1.0, 0.0) == 100.0
