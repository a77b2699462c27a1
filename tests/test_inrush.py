"""Fill-and-spill water: volume balance and the order in which places flood."""

from __future__ import annotations

import math

import pytest
from conftest import base_plan, base_scenario, base_site, link, node

from drills.model.drill import Drill
from drills.model.inrush import cumulative_inflow_m3, spill_elevations, water_timeline


def inrush(source: str, q_m3ph: float, **kw) -> dict:
    return {"inrush": {"source": source, "hydrograph": [{"t_s": 0, "inflow_m3ph": q_m3ph}], **kw}}


def test_constant_inflow_into_one_level_drift_rises_at_q_over_area(build):
    # 100 m x 4 m drift, 3 m high: 400 m² of floor; 360 m³/h = 0.1 m³/s → 1 m every 4000 s.
    site = base_site([node("a", "workplace"), node("b", "junction"), node("out", "portal", z=50.0)],
                     [link("d", "a", "b", 100.0, width=4.0, height_m=3.0),
                      link("r", "b", "out", 400.0, width=0.1, height_m=0.1, kind="ramp")],
                     [{"at": "a", "count": 1}])
    spec = build(site, base_plan(), base_scenario(hazard=inrush("a", 360.0)))
    g = spec.inrush.geometry
    w = water_timeline(g, hydro_t_s=spec.inrush.hydro_t_s, hydro_m3ps=spec.inrush.hydro_m3ps, start_s=0.0,
                       factor=1.0, pumping_m3ps=0.0, duration_s=6000.0)
    d = spec.network.link_index["d"]
    assert w.link_depth(d, 2000.0) == pytest.approx(0.5, abs=2e-3)
    assert w.link_time_depth(d, 1.2) == pytest.approx(4800.0, rel=5e-3)
    assert w.node_depth(spec.network.index["out"], 6000.0) == 0.0


def test_pumping_and_factor_change_the_rise_as_the_balance_says(build):
    site = base_site([node("a", "workplace"), node("b", "junction"), node("out", "portal", z=50.0)],
                     [link("d", "a", "b", 100.0, 4.0), link("r", "b", "out", 400.0, 0.1, height_m=0.1, kind="ramp")],
                     [{"at": "a", "count": 1}])
    spec = build(site, base_plan(), base_scenario(hazard=inrush("a", 360.0)))
    g = spec.inrush.geometry
    kw = dict(hydro_t_s=spec.inrush.hydro_t_s, hydro_m3ps=spec.inrush.hydro_m3ps, start_s=0.0, duration_s=4000.0)
    doubled = water_timeline(g, factor=2.0, pumping_m3ps=0.0, **kw)
    pumped = water_timeline(g, factor=2.0, pumping_m3ps=0.1, **kw)
    assert doubled.level_at(1000.0) == pytest.approx(0.5, abs=2e-3)
    assert pumped.level_at(1000.0) == pytest.approx(0.25, abs=2e-3)


def test_cumulative_inflow_integrates_a_triangular_hydrograph():
    t = [float(x) for x in range(0, 1201, 10)]
    import numpy as np

    v = cumulative_inflow_m3(np.array(t), (0.0, 600.0, 1200.0), (0.0, 1.0, 0.0), 0.0)
    assert v[-1] == pytest.approx(600.0)  # area of the triangle: 1200 s x 1 m³/s / 2


def test_water_runs_down_first_then_spills_over_a_sill(build):
    # source on a high heading at +10; the low drift at 0 fills first; a second basin behind a +4 m sill
    nodes = [node("head", "workplace", z=10.0), node("low", "junction", z=0.0), node("sill", "junction", z=4.0),
             node("behind", "workplace", z=1.0), node("out", "portal", z=60.0)]
    links = [link("down", "head", "low", 200.0, kind="ramp"), link("d1", "low", "sill", 100.0),
             link("d2", "sill", "behind", 100.0), link("exit", "head", "out", 400.0, kind="ramp")]
    site = base_site(nodes, links, [{"at": "head", "count": 1}])
    spec = build(site, base_plan(), base_scenario(hazard=inrush("head", 3600.0)))
    spill = spill_elevations(spec.network, spec.network.index["head"])
    idx = spec.network.index
    assert spill[idx["low"]] == 10.0 and spill[idx["behind"]] == 10.0  # downhill of the source: reached at once
    sp = spill_elevations(spec.network, idx["low"])
    assert sp[idx["behind"]] == pytest.approx(4.0)  # from the low drift the water must rise over the sill
    w = water_timeline(spec.inrush.geometry, hydro_t_s=(0.0,), hydro_m3ps=(1.0,), start_s=0.0, factor=1.0,
                       pumping_m3ps=0.0, duration_s=20000.0)
    assert w.node_time_depth(idx["low"], 0.05) < w.node_time_depth(idx["head"], 0.05)


def test_flooding_order_in_the_bundled_mine_is_bottom_up():
    from drills.inputs.bundled import default_scenario
    from drills.inputs.compile import load_drill

    spec = load_drill(default_scenario())
    d = Drill(spec, 0, spec.seed)
    idx = spec.network.index
    t = {n: d.water.node_time_depth(idx[n], 0.05) for n in ("sump360", "st360", "st240", "st120", "collar")}
    assert t["sump360"] < t["st360"] < t["st240"] <= t["st120"] <= t["collar"]
    assert math.isinf(t["collar"])
