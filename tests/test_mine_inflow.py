"""Mine inflow from recharge, and surface water over the collar."""

from __future__ import annotations

import math

import numpy as np
import pytest

from drills.model.mine_inflow import (
    COLLAR_MARGIN_M,
    REPORTABLE_INFLOW_CHANGE,
    RiverSpec,
    collar_margin_ok,
    first_reportable_change_s,
    inflow_change_share,
    inflow_series,
    ingress_m3ps,
    linear_reservoir_m3ps,
    surface_ingress,
)
from drills.model.pond import BROAD_CRESTED_WEIR_C
from drills.model.storm import EXAMPLE_FORMULA, Hyetograph, design_storm

H = 3600.0
# 10 mm/h on 1 km² with 10 % infiltrating: 10 / 1000 / 3600 · 1e5 m² = 0.2778 m³/s = 1000 m³/h at steady state
RECHARGE = dict(recharge_area_m2=1e6, infiltration_share=0.1)


def rain(mm_per_h: float, hours: float, start_s: float = 0.0) -> Hyetograph:
    return Hyetograph(np.array([start_s]), np.array([mm_per_h]), start_s + hours * H)


def test_constant_rain_fills_the_linear_reservoir_exponentially():
    s = inflow_series(rain(10.0, 100.0), baseline_m3ph=200.0, lag_s=5 * H, duration_s=24 * H, dt_s=600.0, **RECHARGE)
    t, q = s  # unpacks like a pair
    np.testing.assert_allclose(q, 200.0 + 1000.0 * (1 - np.exp(-t / (5 * H))), rtol=1e-12)


def test_a_pulse_off_the_grid_is_exact():
    # rain 100 s … 700 s, grid every 600 s: q(700) = I(1 − e^{−600/T}), then decays
    lag = 1800.0
    t = np.array([0.0, 600.0, 1200.0, 1800.0])
    q = linear_reservoir_m3ps(rain(36.0, 600 / H, start_s=100.0), t, gain_m2=1e5, lag_s=lag)
    i_m3ps = 36.0 / 1000 / H * 1e5
    q700 = i_m3ps * (1 - math.exp(-600 / lag))
    expected = [0.0, i_m3ps * (1 - math.exp(-500 / lag)), q700 * math.exp(-500 / lag), q700 * math.exp(-1100 / lag)]
    np.testing.assert_allclose(q, expected, rtol=1e-12)


def test_whole_storm_recharge_reaches_the_mine():
    storm = design_storm(50, 3 * H, idf=EXAMPLE_FORMULA)
    s = inflow_series(storm, baseline_m3ph=0.0, lag_s=6 * H, duration_s=30 * 24 * H, dt_s=300.0, **RECHARGE)
    q = s.inflow_m3ph / H
    volume = float(np.sum(0.5 * (q[1:] + q[:-1]) * np.diff(s.t_s)))
    assert volume == pytest.approx(0.1 * 1e6 * storm.total_mm / 1000, rel=1e-3)


def test_no_lag_passes_rain_straight_through():
    s = inflow_series(rain(10.0, 2.0), baseline_m3ph=0.0, lag_s=0.0, duration_s=4 * H, dt_s=H, **RECHARGE)
    np.testing.assert_allclose(s.inflow_m3ph, [0.0, 1000.0, 1000.0, 0.0, 0.0])


def test_rain_before_time_zero_counts():
    s = inflow_series(rain(10.0, 1.0, start_s=-H), baseline_m3ph=0.0, lag_s=H, duration_s=H, dt_s=H, **RECHARGE)
    assert s.inflow_m3ph[0] == pytest.approx(1000.0 * (1 - math.exp(-1)))


def test_reportable_change_by_hand():
    # baseline 100 m³/h; 20 % = 20 m³/h of the 1000 m³/h response: t = −T·ln(1 − 0.02)
    s = inflow_series(rain(10.0, 100.0), baseline_m3ph=100.0, lag_s=5 * H, duration_s=2 * H, dt_s=10.0, **RECHARGE)
    assert REPORTABLE_INFLOW_CHANGE == 0.20
    share = inflow_change_share(s)
    assert share[0] == 0.0 and share[-1] > 0.2
    assert first_reportable_change_s(s) == pytest.approx(-5 * H * math.log(1 - 0.02), rel=1e-5)
    assert first_reportable_change_s(s, share=50.0) == math.inf


def test_change_share_needs_a_baseline():
    s = inflow_series(rain(1.0, 1.0), baseline_m3ph=0.0, lag_s=H, duration_s=H, dt_s=600, **RECHARGE)
    with pytest.raises(ValueError):
        inflow_change_share(s)


def test_ingress_is_a_weir_over_the_collar():
    assert ingress_m3ps(99.0, 100.0, 4.0) == 0.0
    assert ingress_m3ps(101.0, 100.0, 4.0) == pytest.approx(BROAD_CRESTED_WEIR_C * 4.0)
    np.testing.assert_allclose(
        ingress_m3ps(np.array([100.0, 100.25]), 100.0, 2.0), [0.0, BROAD_CRESTED_WEIR_C * 2.0 * 0.125]
    )


def river(**kw) -> RiverSpec:
    base = dict(
        catchment_area_m2=1e7,
        runoff_coefficient=0.5,
        lag_s=2 * H,
        baseflow_m3ps=4.0,
        rating_a=0.5,
        rating_b=0.5,
        bed_elevation_m=95.0,
    )
    base.update(kw)
    return RiverSpec(**base)


def test_river_stage_and_first_time_over_the_collar():
    r = river()
    # baseflow 4 m³/s → stage 95 + 0.5·2 = 96 m; 36 mm/h on 0.5·1e7 m² = 50 m³/s at steady state
    assert r.stage_m(4.0) == pytest.approx(96.0)
    s = surface_ingress(
        rain(36.0, 48.0), river=r, collar_elevation_m=98.0, opening_width_m=3.0, duration_s=24 * H, dt_s=60.0
    )
    # stage 98 m needs Q = (3/0.5)² = 36 m³/s, i.e. 32 of the 50 m³/s rain response: t = −T·ln(1 − 32/50)
    assert s.first_over_collar_s == pytest.approx(-2 * H * math.log(1 - 32 / 50), rel=1e-3)
    assert np.all(s.ingress_m3ps[s.stage_m <= 98.0] == 0.0)
    assert s.ingress_m3ps[-1] == pytest.approx(BROAD_CRESTED_WEIR_C * 3.0 * (s.stage_m[-1] - 98.0) ** 1.5)
    assert s.cumulative_ingress_m3[-1] > 0.0
    dry = surface_ingress(
        rain(36.0, 48.0), river=r, collar_elevation_m=110.0, opening_width_m=3.0, duration_s=24 * H, dt_s=600.0
    )
    assert dry.first_over_collar_s == math.inf and dry.cumulative_ingress_m3[-1] == 0.0


def test_collar_margin_check():
    assert COLLAR_MARGIN_M == 1.0
    assert collar_margin_ok(101.0, 100.0)
    assert not collar_margin_ok(100.5, 100.0)
