"""Tailings pond water balance: stage–storage, conservation, spillway, decant, freeboard and beach."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drills.model.pond import (
    BROAD_CRESTED_WEIR_C,
    UPSTREAM_DAM_MINIMA,
    PondSpec,
    _step_volume,
    pond_balance,
    weir_m3ps,
)
from drills.model.storm import EXAMPLE_FORMULA, Hyetograph, design_storm

H = 3600.0


def prism(**kw) -> PondSpec:
    """A 10 000 m² box from level 0 to 20 m, crest 10 m; no outlets unless asked."""
    base = dict(
        catchment_area_m2=1e5,
        runoff_coefficient=0.5,
        stage_area=((0.0, 1e4), (20.0, 1e4)),
        crest_elevation_m=10.0,
        spillway_crest_m=8.0,
        spillway_width_m=0.0,
        decant_invert_m=5.0,
        decant_m3ps=0.0,
        beach_slope=0.01,
        min_freeboard_m=0.7,
        min_beach_length_m=70.0,
    )
    base.update(kw)
    return PondSpec(**base)


def rain(mm_per_h: float, hours: float, start_s: float = 0.0) -> Hyetograph:
    return Hyetograph(np.array([start_s]), np.array([mm_per_h]), start_s + hours * H)


def conserved(s) -> float:
    """Relative error of initial volume + ∫in − ∫out against the final volume."""
    lhs = s.volume_m3[0] + s.cumulative_in_m3[-1] - s.cumulative_out_m3[-1]
    return abs(lhs - s.volume_m3[-1]) / max(s.volume_m3[-1], s.cumulative_in_m3[-1])


def test_weir_coefficient_is_the_ideal_broad_crested_value():
    assert pytest.approx(1.705, abs=1e-3) == BROAD_CRESTED_WEIR_C
    assert weir_m3ps(1.0, 10.0) == pytest.approx(17.05, abs=0.01)
    assert weir_m3ps(-0.5, 10.0) == 0.0


def test_stage_storage_prism_and_cone():
    p = prism()
    assert p.area_m2_at(5.0) == 1e4
    assert p.volume_m3_at(2.5) == pytest.approx(2.5e4)
    assert p.volume_m3_at(25.0) == pytest.approx(2.5e5)  # constant area above the table
    assert p.area_m2_at(-1.0) == 0.0
    # area growing linearly from 0 at level 0 to 1000 m² at 10 m: V = 50·z²
    v = prism(stage_area=((0.0, 0.0), (10.0, 1000.0)))
    z = np.array([0.0, 1.0, 4.0, 9.5])
    np.testing.assert_allclose(v.volume_m3_at(z), 50 * z**2)
    np.testing.assert_allclose(v.level_m_at(50 * z**2), z, atol=1e-12)


def test_level_and_volume_are_inverse_on_a_bent_table():
    p = prism(stage_area=((100.0, 0.0), (102.0, 3e3), (105.0, 2e4), (106.0, 1.5e4), (110.0, 6e4)))
    z = np.linspace(100.0, 112.0, 97)
    np.testing.assert_allclose(p.level_m_at(p.volume_m3_at(z)), z, atol=1e-9)


def test_rising_pond_without_outlets_by_hand():
    # 36 mm/h × 0.5 × 1e5 m² = 0.5 m³/s into 1e4 m²: 0.18 m/h; crest 10 m from 4 m: 6 m in 33.3 h
    s = pond_balance(rain(36.0, 48.0), prism(), initial_level_m=4.0, duration_s=40 * H, dt_s=600)
    assert s.level_m[6] == pytest.approx(4.18)
    np.testing.assert_allclose(s.inflow_m3ps, 0.5)
    assert s.overtopping_s == pytest.approx(6.0 / 0.18 * H)
    # freeboard below 0.7 m when the level reaches 9.3 m
    assert s.time_freeboard_below(0.7) == pytest.approx(5.3 / 0.18 * H)
    # beach = freeboard / 0.01: below 70 m at the same moment
    assert s.time_beach_below(70.0) == pytest.approx(5.3 / 0.18 * H)
    np.testing.assert_allclose(s.beach_length_m, np.maximum(s.freeboard_m, 0) / 0.01)
    assert conserved(s) < 1e-12


def test_never_overtopping_is_inf():
    s = pond_balance(rain(1.0, 1.0), prism(), initial_level_m=1.0, duration_s=2 * H)
    assert s.overtopping_s == math.inf and s.time_freeboard_below(0.7) == math.inf


def test_conservation_with_spillway_and_decant_in_a_design_storm():
    spec = prism(
        catchment_area_m2=3e6,
        runoff_coefficient=0.7,
        crest_elevation_m=12.0,
        stage_area=((0.0, 0.0), (5.0, 4e4), (10.0, 1.2e5), (15.0, 2.5e5)),
        spillway_crest_m=9.0,
        spillway_width_m=6.0,
        decant_invert_m=7.0,
        decant_m3ps=1.5,
    )
    storm = design_storm(200, 6 * H, idf=EXAMPLE_FORMULA, step_s=300)
    s = pond_balance(storm, spec, initial_level_m=8.8, duration_s=24 * H, dt_s=60)
    assert s.level_m.max() > 9.0  # the spillway ran
    assert s.outflow_m3ps.max() > 1.5 + 1.0
    assert conserved(s) < 1e-6
    total_in = 0.7 * 3e6 * storm.total_mm / 1000
    assert s.cumulative_in_m3[-1] == pytest.approx(total_in, rel=1e-12)
    np.testing.assert_allclose(
        s.volume_m3[0] + s.cumulative_in_m3 - s.cumulative_out_m3, s.volume_m3, rtol=1e-9, atol=1e-6
    )


def test_spillway_settles_at_the_weir_head_of_the_inflow():
    # steady inflow 0.5 m³/s over a 2 m weir: H = (0.5 / (C·2))^(2/3) above the 8 m sill
    spec = prism(spillway_width_m=2.0)
    s = pond_balance(rain(36.0, 200.0), spec, initial_level_m=8.0, duration_s=150 * H, dt_s=300)
    head = (0.5 / (BROAD_CRESTED_WEIR_C * 2.0)) ** (2 / 3)
    assert s.level_m[-1] == pytest.approx(8.0 + head, abs=1e-4)
    assert s.outflow_m3ps[-1] == pytest.approx(0.5, rel=1e-3)
    assert conserved(s) < 1e-6


def test_implicit_step_stays_monotone_with_a_huge_step():
    # small pond, wide spillway, 1 h steps: explicit Euler would overshoot; the level must fall smoothly
    spec = prism(stage_area=((0.0, 100.0), (20.0, 100.0)), spillway_width_m=50.0)
    s = pond_balance(rain(0.0, 1.0), spec, initial_level_m=9.0, duration_s=10 * H, dt_s=H)
    assert np.all(np.diff(s.level_m) <= 0) and np.all(s.level_m >= 8.0)
    assert conserved(s) < 1e-6


def test_decant_draws_down_to_its_invert_and_holds():
    # no rain; 1e4 m² at 6 m, decant invert 5 m at 0.5 m³/s: 1e4 m³ leave in 20 000 s, then nothing
    spec = prism(decant_m3ps=0.5)
    s = pond_balance(rain(0.0, 1.0), spec, initial_level_m=6.0, duration_s=10 * H, dt_s=60)
    assert s.level_m[-1] == pytest.approx(5.0, abs=1e-6)
    assert s.cumulative_out_m3[-1] == pytest.approx(1e4, rel=1e-6)
    assert s.outflow_m3ps.max() == pytest.approx(0.5)
    k = int(np.searchsorted(s.t_s, 20000.0))
    assert np.all(s.outflow_m3ps[k + 1 :] < 1e-6)


def test_upstream_dam_minima_table():
    assert UPSTREAM_DAM_MINIMA[1] == (1.5, 150.0) and UPSTREAM_DAM_MINIMA[5] == (0.4, 40.0)
    freeboards = [UPSTREAM_DAM_MINIMA[g][0] for g in range(1, 6)]
    assert freeboards == sorted(freeboards, reverse=True)


@pytest.mark.parametrize(
    "kw",
    [
        {"stage_area": ((0.0, 10.0),)},
        {"stage_area": ((0.0, 10.0), (0.0, 20.0))},
        {"stage_area": ((0.0, 10.0), (1.0, 0.0))},
        {"runoff_coefficient": 1.5},
        {"beach_slope": 0.0},
    ],
)
def test_bad_specs_are_refused(kw):
    with pytest.raises(ValueError):
        prism(**kw)


def test_initial_level_below_the_table_is_refused():
    with pytest.raises(ValueError):
        pond_balance(rain(1.0, 1.0), prism(), initial_level_m=-1.0, duration_s=H)


def _bisected(spec: PondSpec, v_avail: float, dt: float) -> float:
    """The backward-Euler step by plain bisection to the same tolerance: the reference."""
    def f(v: float) -> float:
        return v + dt * spec._outflow(spec._level(v)) - v_avail

    lo, hi = 0.0, v_avail
    if f(hi) <= 0.0:
        return hi
    while hi - lo > 1e-12 * max(v_avail, 1.0):
        mid = 0.5 * (lo + hi)
        lo, hi = (lo, mid) if f(mid) > 0.0 else (mid, hi)
    return lo


@settings(max_examples=300, deadline=None)
@given(area=st.floats(10.0, 1e6), flare=st.floats(0.0, 5.0), spill_w=st.floats(0.0, 100.0),
       decant=st.sampled_from([0.0, 0.05, 2.0, 50.0]), invert=st.floats(0.5, 15.0),
       level=st.floats(0.0, 19.9), dt=st.sampled_from([1.0, 60.0, 3600.0, 86400.0]))
def test_each_step_is_the_root_of_the_backward_euler_equation(area, flare, spill_w, decant, invert, level, dt):
    """The faster root finder lands within the tolerance of plain bisection's answer, on smooth weir flow, at
    the decant's jump in outflow, and for steps from a second to a day."""
    spec = prism(stage_area=((0.0, area), (10.0, area * (1 + flare)), (20.0, area * (1 + 2 * flare))),
                 spillway_width_m=spill_w, decant_m3ps=decant, decant_invert_m=invert)
    v_avail = spec._volume(level)
    tol = 1e-12 * max(v_avail, 1.0)
    got = _step_volume(spec, v_avail, dt, spec._volume(invert))
    assert 0.0 <= got <= v_avail
    assert got == pytest.approx(_bisected(spec, v_avail, dt), abs=2.5 * tol)
