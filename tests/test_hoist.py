"""The cage: kinematics, GB 50215 loading times, and clearing a shaft station in whole round trips."""

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
