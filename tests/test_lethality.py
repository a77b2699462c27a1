"""Lethality: known values of the cited functions, monotonicity, shelter order and the per-person draw."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from drills.model.lethality import (
    CHANCE_RATE,
    COMPROMISED_RATE,
    SAFE_RATE,
    SITUATIONS,
    building_collapses,
    fatality_probability,
    group_deaths,
    hazard_class,
    jonkman_mortality,
    normal_cdf,
    sample_deaths,
    vehicle_state,
)

DEPTHS = [0.0, 0.05, 0.3, 0.45, 0.5, 0.6, 1.0, 1.2, 2.0, 2.5, 3.0, 3.5, 4.0, 4.3, 5.0, 7.0, 10.0, 20.0]
SPEEDS = [0.0, 0.1, 0.5, 1.0, 1.99, 2.0, 3.0, 4.0, 4.5, 6.0, 10.0, 30.0]
BUILDINGS = ("masonry", "wood_anchored", "wood_unanchored")


def test_normal_cdf_known_values():
    assert normal_cdf(0.0) == 0.5
    assert normal_cdf(1.0) == pytest.approx(0.841345, abs=1e-6)
    assert normal_cdf(-1.96) == pytest.approx(0.024998, abs=1e-6)


def test_jonkman_median_depths():
    # Φ(0) = 0.5 where ln h equals the zone's mean
    assert jonkman_mortality(math.exp(1.46), 0.0) == pytest.approx(0.5)
    assert jonkman_mortality(math.exp(7.60), 0.0, rapidly_rising=False) == pytest.approx(0.5)
    # one sigma above: h = e^(1.46 + 0.28) → Φ(1)
    assert jonkman_mortality(math.exp(1.74), 1.0) == pytest.approx(0.841345, abs=1e-6)
    assert jonkman_mortality(0.0, 0.0) == 0.0


def test_breach_zone_steps_to_one_at_hv_7_and_v_2():
    assert jonkman_mortality(3.5, 2.0) == 1.0  # h·v = 7, v = 2
    just_below_hv = jonkman_mortality(3.49, 2.0)  # Φ((ln 3.49 − 1.46)/0.28) = Φ(−0.75) ≈ 0.226
    assert just_below_hv == pytest.approx(normal_cdf((math.log(3.49) - 1.46) / 0.28))
    assert just_below_hv < 0.25
    assert jonkman_mortality(10.0, 1.99) < 1.0  # h·v = 19.9 but v < 2
    for situation in SITUATIONS:
        assert fatality_probability(3.5, 2.0, situation=situation) == 1.0
        assert fatality_probability(3.49, 2.0, situation=situation) < 1.0


def test_lifesim_zone_rates_for_people_on_foot():
    assert fatality_probability(0.2, 0.5, situation="in_open") == SAFE_RATE == 0.0002  # H1
    assert fatality_probability(1.0, 0.1, situation="in_open") == COMPROMISED_RATE == 0.1236  # H3
    assert fatality_probability(1.0, 0.6, situation="in_open") == CHANCE_RATE == 0.9123  # swept off: hv = 0.6
    assert fatality_probability(2.5, 0.0, situation="in_open") == CHANCE_RATE  # H5 by depth
    assert fatality_probability(0.0, 10.0, situation="in_open") == 0.0


def test_hazard_classes_by_the_aidr_limits():
    assert hazard_class(0.3, 1.0) == 1
    assert hazard_class(0.3, 2.1) == 4  # DV 0.63 > 0.6 rules out H1–H3; H4 allows DV ≤ 1.0, D ≤ 2.0
    assert hazard_class(0.25, 2.1) == 2  # DV 0.525: only V > 2.0 keeps it out of H1
    assert hazard_class(1.2, 0.5) == 3
    assert hazard_class(2.0, 0.5) == 4
    assert hazard_class(4.0, 1.0) == 5
    assert hazard_class(1.0, 4.5) == 6


def test_building_collapse_and_vehicle_thresholds():
    assert building_collapses(1.0, 3.0, "wood_unanchored")
    assert not building_collapses(1.0, 2.9, "wood_unanchored")
    assert building_collapses(7.0, 1.0, "wood_anchored")
    assert not building_collapses(7.0, 1.0, "masonry")  # masonry also needs v ≥ 2
    assert building_collapses(3.5, 2.0, "masonry")
    with pytest.raises(ValueError):
        building_collapses(1.0, 1.0, "straw")
    assert vehicle_state(0.44, 0.0) == "stable"
    assert vehicle_state(0.45, 0.0) == "floating"
    assert vehicle_state(0.5, 1.6) == "unstable"  # DV 0.8
    assert vehicle_state(0.1, 4.5) == "unstable"
    assert fatality_probability(0.5, 0.0, situation="in_vehicle") == COMPROMISED_RATE
    assert fatality_probability(1.0, 3.0, situation="in_building", building="wood_unanchored") == CHANCE_RATE


@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("building", BUILDINGS)
def test_never_falls_as_depth_or_velocity_grows(situation, building):
    f = np.array([[fatality_probability(h, v, situation=situation, building=building) for v in SPEEDS] for h in DEPTHS])
    assert ((f >= 0) & (f <= 1)).all()
    assert (np.diff(f, axis=0) >= 0).all(), "not monotone in depth"
    assert (np.diff(f, axis=1) >= 0).all(), "not monotone in velocity"


@given(
    st.floats(0.0, 30.0),
    st.floats(0.0, 30.0),
    st.floats(0.0, 5.0),
    st.floats(0.0, 5.0),
    st.sampled_from(SITUATIONS),
    st.sampled_from(BUILDINGS),
    st.booleans(),
)
def test_monotone_for_any_pair(h, v, dh, dv, situation, building, rapid):
    kw = dict(situation=situation, building=building, rapidly_rising=rapid)
    base = fatality_probability(h, v, **kw)
    assert fatality_probability(h + dh, v, **kw) >= base
    assert fatality_probability(h, v + dv, **kw) >= base


@given(st.floats(0.0, 30.0), st.floats(0.0, 30.0), st.sampled_from(BUILDINGS))
def test_shelter_never_worse_than_the_open(h, v, building):
    open_ = fatality_probability(h, v, situation="in_open")
    inside = fatality_probability(h, v, situation="in_building", building=building)
    upper = fatality_probability(h, v, situation="upper_floor", building=building)
    sheltered = fatality_probability(h, v, situation="sheltered", building=building)
    assert sheltered == upper <= inside <= open_


def test_upper_floor_counts_depth_from_the_floor():
    # 3 m storey: 3 + e^1.46 m of still water is the upper floor's median
    assert fatality_probability(3.0 + math.exp(1.46), 0.0, situation="upper_floor") == pytest.approx(0.5)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="situation"):
        fatality_probability(1.0, 1.0, situation="on_roof")
    with pytest.raises(ValueError):
        fatality_probability(math.nan, 1.0, situation="in_open")
    with pytest.raises(ValueError):
        fatality_probability(1.0, -1.0, situation="in_open")
    with pytest.raises(ValueError):
        sample_deaths(np.random.default_rng(1), 1.5, 3)


def test_draws_are_reproducible_with_a_seed_and_match_the_rate_on_average():
    a = sample_deaths(np.random.default_rng(2026), COMPROMISED_RATE, 1000)
    b = sample_deaths(np.random.default_rng(2026), COMPROMISED_RATE, 1000)
    assert (a == b).all()
    n = 200_000
    p = COMPROMISED_RATE
    share = sample_deaths(np.random.default_rng(7), p, n).mean()
    sd = math.sqrt(p * (1 - p) / n)  # binomial s.d. of the share: 0.00074
    assert abs(share - p) < 4 * sd
    assert not sample_deaths(np.random.default_rng(1), 0.0, 100).any()
    assert sample_deaths(np.random.default_rng(1), 1.0, 100).all()


def test_a_group_shares_one_rate():
    rng = np.random.default_rng(11)
    deaths = group_deaths(rng, 1.0, 0.1, 50_000, situation="in_open")  # compromised zone
    sd = math.sqrt(COMPROMISED_RATE * (1 - COMPROMISED_RATE) / 50_000)
    assert abs(deaths.mean() - COMPROMISED_RATE) < 4 * sd
    assert group_deaths(np.random.default_rng(3), 5.0, 3.0, 40, situation="in_building").all()  # breach zone
