"""Hyetographs, the Chicago design storm and the CMA rainstorm warnings."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drills.model.monitoring import Level
from drills.model.storm import (
    EXAMPLE_FORMULA,
    Hyetograph,
    IntensityFormula,
    design_storm,
    first_time_rolling_reaches,
    met_warnings,
    observed,
    time_grid,
)

H = 3600.0


def two_blocks() -> Hyetograph:
    # 10 mm/h for the first hour, 30 mm/h for the second: 40 mm in all
    return Hyetograph(np.array([0.0, H]), np.array([10.0, 30.0]), 2 * H)


def test_cumulative_depth_and_rolling_by_hand():
    h = two_blocks()
    assert h.total_mm == pytest.approx(40.0)
    assert h.cumulative_mm(-100.0) == 0.0
    assert h.cumulative_mm(1800.0) == pytest.approx(5.0)
    assert h.cumulative_mm(5400.0) == pytest.approx(25.0)  # 10 + 0.5 h × 30
    assert h.cumulative_mm(1e6) == pytest.approx(40.0)
    assert h.depth_mm(1800.0, 5400.0) == pytest.approx(20.0)
    assert h.rolling_mm(H, 5400.0) == pytest.approx(20.0)  # window [1800, 5400]
    assert h.rolling_mm(H, 3 * H) == 0.0


def test_helpers_vectorise():
    h = two_blocks()
    t = np.array([0.0, 1800.0, 3600.0, 7200.0])
    np.testing.assert_allclose(h.cumulative_mm(t), [0.0, 5.0, 10.0, 40.0])
    np.testing.assert_allclose(h.rolling_mm(H, t), [0.0, 5.0, 10.0, 30.0])
    np.testing.assert_allclose(h.intensity_at(np.array([-1.0, 0.0, 3599.0, 3600.0, 7200.0])), [0, 10, 10, 30, 0])
    assert isinstance(h.depth_mm(0.0, 10.0), float)


def test_shift_and_scale():
    h = two_blocks()
    assert h.shifted(600.0).cumulative_mm(2400.0) == pytest.approx(5.0)
    assert h.scaled(2.0).total_mm == pytest.approx(80.0)


def test_observed_points_hold_until_the_next():
    h = observed([(0, 6.0), (1800, 12.0), (3600, 0.0)])
    assert h.end_s == 5400.0  # last interval as long as the one before
    assert h.total_mm == pytest.approx(3.0 + 6.0)
    assert observed([(0, 6.0)], end_s=H).total_mm == pytest.approx(6.0)
    with pytest.raises(ValueError):
        observed([(0, 6.0)])


@pytest.mark.parametrize(
    "t, i, end",
    [([0.0, 0.0], [1.0, 1.0], 10.0), ([0.0], [-1.0], 10.0), ([0.0, 5.0], [1.0, 1.0], 5.0), ([0.0], [1.0, 2.0], 9.0)],
)
def test_bad_hyetographs_are_refused(t, i, end):
    with pytest.raises(ValueError):
        Hyetograph(np.array(t), np.array(i), end)


def test_hyetograph_arrays_are_read_only():
    h = two_blocks()
    with pytest.raises(ValueError):
        h.intensity_mm_per_h[0] = 99.0


def test_time_grid_ends_on_the_duration():
    np.testing.assert_allclose(time_grid(1000.0, 300.0), [0, 300, 600, 900, 1000])
    np.testing.assert_allclose(time_grid(900.0, 300.0), [0, 300, 600, 900])
    # a duration within rounding of zero steps keeps its one step (it was an empty grid, and the storm's arrays failed)
    np.testing.assert_array_equal(time_grid(1e-9, 300.0), [0.0, 1e-9])


def test_formula_by_hand():
    # a = 12·(1 + 0.8·lg 10) = 21.6 mm/min; i(60 min) = 21.6 / 70^0.7
    assert EXAMPLE_FORMULA.depth_mm(10, H) == pytest.approx(21.6 / 70**0.7 * 60)
    assert "[E]" in EXAMPLE_FORMULA.source


@settings(max_examples=60, deadline=None)
@given(
    p=st.sampled_from([1.0, 2.0, 5.0, 10.0, 50.0, 100.0]),
    duration_min=st.integers(min_value=10, max_value=1440),
    r=st.floats(min_value=0.0, max_value=1.0),
    step_s=st.sampled_from([60.0, 300.0, 420.0, 900.0]),
)
def test_design_storm_total_is_i_of_T_times_T(p, duration_min, r, step_s):
    d = duration_min * 60.0
    h = design_storm(p, d, idf=EXAMPLE_FORMULA, peak_fraction=r, step_s=step_s, start_s=120.0)
    assert h.total_mm == pytest.approx(EXAMPLE_FORMULA.depth_mm(p, d), rel=1e-9)
    assert h.t_s[0] == 120.0 and h.end_s == 120.0 + d
    assert np.all(h.intensity_mm_per_h >= 0)


def test_every_window_around_the_peak_holds_its_formula_depth():
    # 120 min storm, peak at 60 min (r = 0.5), 5 min steps: a 20 min window [50, 70] min is on the grid
    h = design_storm(20, 7200, idf=EXAMPLE_FORMULA, peak_fraction=0.5, step_s=300)
    for w_min in (10, 20, 40, 120):
        depth = h.depth_mm(60 * (60 - w_min / 2), 60 * (60 + w_min / 2))
        assert depth == pytest.approx(EXAMPLE_FORMULA.depth_mm(20, w_min * 60.0), rel=1e-9)


@pytest.mark.parametrize(("r", "step_s"), [(0.5, 300.0), (0.5, 60.0), (0.4, 300.0), (0.0, 300.0), (1.0, 300.0)])
def test_a_formula_with_no_b_still_gives_its_depth_when_the_peak_falls_on_the_grid(r, step_s):
    # i = A / t^n with b = 0 (a legitimate fit): the depth over the whole storm is A·T^(1−n); the peak on a step
    # edge read the formula's 0/0 at the peak and stopped the run
    f = IntensityFormula(a1_mm_per_min=12.0, c=0.8, b_min=0.0, n=0.7, name="no b", source="[E] test")
    h = design_storm(20, 7200, idf=f, peak_fraction=r, step_s=step_s)
    assert np.all(np.isfinite(h.intensity_mm_per_h)) and np.all(h.intensity_mm_per_h >= 0)
    assert h.total_mm == pytest.approx(f.rain_force_mm_per_min(20) * 120.0 ** (1 - 0.7), rel=1e-9)


def test_peak_sits_at_r_times_duration():
    h = design_storm(10, 7200, idf=EXAMPLE_FORMULA, peak_fraction=0.4, step_s=300)
    k = int(np.argmax(h.intensity_mm_per_h))
    assert h.t_s[k] <= 0.4 * 7200 <= h.t_s[k] + 300


def test_formula_refuses_no_rain():
    f = IntensityFormula(a1_mm_per_min=10.0, c=2.0, b_min=5.0, n=0.7, name="x", source="[E] test")
    with pytest.raises(ValueError):
        f.depth_mm(0.1, 3600)  # 1 + 2·lg 0.1 < 0


def levels(ws):
    return {w.level: w for w in ws}


def test_20_mm_per_h_meets_blue_yellow_orange_at_2_5_h_but_never_red():
    h = Hyetograph(np.array([0.0]), np.array([20.0]), 12 * H)
    ws = levels(met_warnings(h, lead_s=H, horizon_s=24 * H))
    assert set(ws) == {Level.BLUE, Level.YELLOW, Level.ORANGE}  # 3 h holds only 60 mm < 100
    for lv in ws:
        assert ws[lv].criterion_met_s == pytest.approx(2.5 * H)  # 50 mm / 20 mm/h
        assert ws[lv].issued_s == pytest.approx(1.5 * H)


def test_6_mm_per_h_meets_blue_only():
    # 12 h hold 72 mm (≥ 50 after 8 h 20 min); 6 h hold only 36 mm
    h = Hyetograph(np.array([0.0]), np.array([6.0]), 12 * H)
    (w,) = met_warnings(h, lead_s=0.0, horizon_s=24 * H)
    assert w.level is Level.BLUE
    assert w.criterion_met_s == pytest.approx(50 / 6 * H)
    assert w.issued_s == w.criterion_met_s


def test_red_burst_and_issue_never_before_zero():
    # 120 mm/h from 0.5 h: 100 mm at 0.5 h + 50 min
    h = Hyetograph(np.array([1800.0]), np.array([120.0]), 3 * H)
    ws = levels(met_warnings(h, lead_s=2 * H, horizon_s=6 * H))
    assert ws[Level.RED].criterion_met_s == pytest.approx(1800 + 3000)
    assert ws[Level.RED].issued_s == 0.0  # 4800 s − 7200 s lead is before the start
    assert ws[Level.ORANGE].criterion_met_s == pytest.approx(1800 + 1500)


def test_a_burst_leaving_the_window_does_not_count():
    # 30 mm in the first 10 min, dry until 3 h, then 30 mm/h. With s = t − 3 h:
    #  12 h and 6 h windows still hold the burst: 30 + 30·s/3600 ≥ 50 at s = 2400 → 13200 s (blue, yellow);
    #  the 3 h window has lost the burst by s = 600, then holds 30·s/3600 ≥ 50 at s = 6000 → 16800 s (orange);
    #  red needs 100 mm in 3 h, at most 90 → never.
    h = Hyetograph(np.array([0.0, 600.0, 3 * H]), np.array([180.0, 0.0, 30.0]), 12 * H)
    ws = levels(met_warnings(h, lead_s=0.0, horizon_s=24 * H))
    assert ws[Level.BLUE].criterion_met_s == pytest.approx(13200.0)
    assert ws[Level.YELLOW].criterion_met_s == pytest.approx(13200.0)
    assert ws[Level.ORANGE].criterion_met_s == pytest.approx(16800.0)
    assert Level.RED not in ws


def test_horizon_and_rain_before_time_zero():
    h = Hyetograph(np.array([-H]), np.array([60.0]), 0.0)  # 60 mm in the hour before the drill
    ws = levels(met_warnings(h, lead_s=600.0, horizon_s=H))
    assert ws[Level.ORANGE].criterion_met_s == 0.0 and ws[Level.ORANGE].issued_s == 0.0
    late = Hyetograph(np.array([10 * H]), np.array([100.0]), 11 * H)
    assert met_warnings(late, lead_s=0.0, horizon_s=10 * H) == ()
    assert math.isclose(met_warnings(late, lead_s=0.0, horizon_s=11 * H)[0].criterion_met_s, 10.5 * H)


def exact_rolling_mm(h: Hyetograph, window_s: float, t: float) -> Fraction:
    """The rain in the window ending at ``t``, in exact arithmetic from the hyetograph's edges and depths."""
    edges, cum = [Fraction(x) for x in h.edges_s], [Fraction(x) for x in np.cumsum([0.0, *(
        h.intensity_mm_per_h * np.diff(h.edges_s) / H)])]

    def fallen(x: Fraction) -> Fraction:
        x = min(max(x, edges[0]), edges[-1])
        j = max(k for k in range(len(edges) - 1) if edges[k] <= x)
        return cum[j] + (cum[j + 1] - cum[j]) * (x - edges[j]) / (edges[j + 1] - edges[j])

    return fallen(Fraction(t)) - fallen(Fraction(t) - Fraction(window_s))


@pytest.mark.parametrize(("rain", "end_s", "window_s", "depth"), [
    ([(0.0, 33.3), (H, 7.0)], 4 * H, 3 * H, 10.0),  # once 1.3e-15 mm short of the 10 mm at the time given
    ([(0.0, 70.0), (H, 20.0)], 4 * H, 3 * H, 10.0),
    ([(0.0, 33.3), (H, 20.0)], 4 * H, 3 * H, 50.0),  # 50 mm reached just after an edge + window
    # once a 2e-13 s late: the float before the time given already had 50 mm
    ([(189.79999999999998, 33.3), (15308.1, 150.7), (17184.2, 60.0), (18520.1, 2.0)], 20017.1, 3 * H, 50.0),
])
def test_the_rolling_total_is_reached_at_the_exact_first_time(rain, end_s, window_s, depth):
    h = observed(rain, end_s=end_s)
    t = first_time_rolling_reaches(h, window_s, depth, horizon_s=86400.0)
    assert exact_rolling_mm(h, window_s, t) >= depth  # reached then
    assert exact_rolling_mm(h, window_s, math.nextafter(t, -math.inf)) < depth  # and not a float sooner
