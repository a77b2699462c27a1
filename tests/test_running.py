"""The water running down from an inrush to where it pools: known answers on small ways."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import base_plan, base_scenario, base_site, link, node
from hypothesis import given
from hypothesis import strategies as st

from drills.model import movement
from drills.model.drill import CombinedWater, Drill, run_drill
from drills.model.inrush import first_time_reaching
from drills.model.lethality import SWEPT_OFF_DV_M2PS
from drills.model.running import RunningFlow, interp_one, running_depth_m


def inrush(source: str, q_m3ph: float, **kw) -> dict:
    return {"inrush": {"source": source, "hydrograph": [{"t_s": 0, "inflow_m3ph": q_m3ph}], **kw}}


def adit(width: float = 4.0) -> dict:
    """A near-level adit: the heading ``a`` where the water breaks in, 100 m of 3 per mille drift to ``m`` where one
    miner works, 100 m more to the portal below: the water runs down the way the miner walks out."""
    nodes = [node("a", "workplace", z=0.0), node("m", "workplace", z=-0.3), node("out", "portal", z=-0.6)]
    links = [link("d1", "a", "m", 100.0, width=width), link("d2", "m", "out", 100.0, width=width)]
    return base_site(nodes, links, [{"at": "m", "count": 1, "crew": "c"}])


def running_part(spec, seed: int = 1) -> RunningFlow:
    water = Drill(spec, 0, seed).water
    assert isinstance(water, CombinedWater)
    [part] = [p for p in water.parts if isinstance(p, RunningFlow)]
    return part


def test_running_water_is_manning_deep_once_its_front_has_passed_and_the_front_runs_at_q_over_bh(build):
    """A constant 7 200 m³/h (2 m³/s) down a 4 m drift at 3 per mille: Manning's normal depth h all along it once
    the front has entered it, and the front reaches the end of 100 m after L / v, v = Q / (b·h); before then the
    place at the end is dry."""
    spec = build(adit(), base_plan(exits=["out"]), base_scenario(order_at_s=None, hazard=inrush("a", 7200.0)))
    rw = running_part(spec)
    idx, li = spec.network.index, spec.network.link_index
    h = running_depth_m(2.0, 4.0, 0.003)
    v = 2.0 / (4.0 * h)
    assert [spec.network.nodes[n].id for n in spec.inrush.way.nodes] == ["a", "m", "out"]
    assert rw.arrival_s == pytest.approx([0.0, 100.0 / v, 200.0 / v], rel=1e-4)
    assert rw.link_depth(li["d1"], 1.0) == pytest.approx(h, rel=1e-4)
    assert rw.link_depth(li["d2"], 100.0 / v - 1.0) == 0.0  # the front has not yet come to its upper end
    assert rw.link_depth(li["d2"], 100.0 / v + 1.0) == pytest.approx(h, rel=1e-4)
    assert rw.node_depth(idx["m"], 100.0 / v - 1.0) == 0.0
    assert rw.node_depth(idx["m"], 100.0 / v + 1.0) == pytest.approx(h, rel=1e-4)
    assert rw.node_time_depth(idx["m"], h / 2) == pytest.approx(100.0 / v, rel=1e-4)
    assert math.isinf(rw.node_time_depth(idx["m"], h * 1.01))  # the flow never runs deeper than the inflow
    assert rw.links_time_depth(1e-3) == pytest.approx([0.0, 100.0 / v], rel=1e-4)
    # the drill's water is the deeper of the pool's and this (no pool stands above the portal: it runs out)
    assert Drill(spec, 0, 1).water.node_depth(idx["m"], 100.0 / v + 1.0) == pytest.approx(h, rel=1e-4)


def test_a_rising_inflow_sends_a_slower_front_and_the_flow_is_a_running_maximum(build):
    """The front set off by a flow rising from nothing runs slower than one behind the full flow, and a flow that
    falls again leaves its water mark (as the pool's does)."""
    hyd = [{"t_s": 0, "inflow_m3ph": 0}, {"t_s": 600, "inflow_m3ph": 7200}, {"t_s": 1200, "inflow_m3ph": 0}]
    spec = build(adit(), base_plan(exits=["out"]),
                 base_scenario(order_at_s=None, hazard={"inrush": {"source": "a", "hydrograph": hyd}}))
    rw = running_part(spec)
    h = running_depth_m(2.0, 4.0, 0.003)
    assert rw.arrival_s[1] > 100.0 / (2.0 / (4.0 * h))
    assert rw.link_depth(spec.network.link_index["d1"], 3000.0) == pytest.approx(h, rel=1e-4)


def test_a_miner_where_the_flow_per_metre_reaches_0_6_is_swept_off_their_feet(build):
    """Depth × velocity is the flow per metre of width: 0.6 m²/s (Jonkman & Penning-Rowsell 2008) is 2.4 m³/s in a
    4 m drift. At 2.6 m³/s (9 360 m³/h, 0.72 m deep, shallower than anyone wades) the miner at ``m``, who sees the
    water as its front comes, cannot leave: caught there. The pool alone would never have stopped them (it runs
    out of the portal)."""
    spec = build(adit(), base_plan(exits=["out"]), base_scenario(order_at_s=None, hazard=inrush("a", 9360.0)))
    assert running_depth_m(2.6, 4.0, 0.003) < movement.WADING_LIMIT_M
    rw = running_part(spec)
    m = spec.network.index["m"]
    assert rw.swept_depths(SWEPT_OFF_DV_M2PS)[m] == pytest.approx(running_depth_m(2.4, 4.0, 0.003), rel=1e-4)
    [p] = run_drill(spec, 0, 1).people
    assert (p.outcome, p.end) == ("caught", "m")
    assert p.outcome_s == pytest.approx(rw.arrival_s[1], abs=1e-6)


def test_below_0_6_and_shallower_than_wading_the_running_water_only_slows_the_miner(build):
    """At 2.0 m³/s (0.5 m²/s in the 4 m drift, 0.6 m deep) nobody is swept: the miner at ``m`` walks out through
    the running water to the portal, wading (slower than on a dry floor), and is safe."""
    spec = build(adit(), base_plan(exits=["out"]), base_scenario(order_at_s=None, hazard=inrush("a", 7200.0)))
    rw = running_part(spec)
    assert all(math.isinf(d) for d in rw.swept_depths(SWEPT_OFF_DV_M2PS))
    assert all(math.isinf(d) for d in rw.link_swept_depths(SWEPT_OFF_DV_M2PS))
    [p] = run_drill(spec, 0, 1).people
    assert (p.outcome, p.warned_by, p.turned_back) == ("surface", "water", "")
    h = running_depth_m(2.0, 4.0, 0.003)
    walk = p.outcome_s - p.departed_s
    assert walk > 100.0 / 1.2 * 1.2  # well beyond the dry walk of 100 m at 1.2 m/s
    assert walk == pytest.approx(100.0 / (1.2 * movement.wading_factor(h)), rel=0.1)


def pooled_way() -> dict:
    """A heading 300 m up a 4 m drift at 3 per mille from a low stope of 100 m³: the pool stands deep at the stope
    long before the slowly rising inflow runs fast enough down the drift to sweep anyone."""
    nodes = [node("a", "workplace", z=0.0), node("m", "workplace", z=-0.9, void_volume_m3=100.0, void_height_m=10.0),
             node("out", "portal", z=50.0)]
    links = [link("d1", "a", "m", 300.0), link("r", "a", "out", 500.0, kind="ramp")]
    return base_site(nodes, links, [{"at": "m", "count": 1, "crew": "c"}])


def test_still_pool_water_deeper_than_the_sweeping_depth_sweeps_nobody(build):
    """The inflow rises to 3 m³/s over 3 000 s: it sweeps (2.4 m³/s in the 4 m drift) from 2 400 s, but by then the
    pool at the stope is deeper than the depth at which it would: the running water runs into still water there.
    The drill's water (the deeper of the two) must not count the still pool as sweeping: at the stope the miner is
    stopped only when the pool is too deep to wade."""
    hyd = [{"t_s": 0, "inflow_m3ph": 0}, {"t_s": 3000, "inflow_m3ph": 10800}]
    spec = build(pooled_way(), base_plan(exits=["out"]),
                 base_scenario(order_at_s=None, hazard={"inrush": {"source": "a", "hydrograph": hyd}}))
    d = Drill(spec, 0, 1)
    rw = running_part(spec)
    m, d1 = spec.network.index["m"], spec.network.link_index["d1"]
    pool = rw.pool
    swept = running_depth_m(2.4, 4.0, 0.003)
    assert pool.node_time_depth(m, swept) < 2400.0  # the pool is that deep first
    no_pool = RunningFlow(spec.inrush.way, factor=1.0, duration_s=spec.duration_s)
    assert no_pool.swept_depths(SWEPT_OFF_DV_M2PS)[m] == pytest.approx(swept, rel=1e-4)
    assert math.isinf(rw.swept_depths(SWEPT_OFF_DV_M2PS)[m])
    assert math.isinf(rw.link_swept_depths(SWEPT_OFF_DV_M2PS)[d1])
    limit = movement.WADING_LIMIT_M
    assert d.too_deep_on_foot(limit)[m] == d.impassable(limit)[m] > pool.node_time_depth(m, swept)


def test_a_shaft_on_the_way_carries_no_running_depth_and_the_front_passes_it_at_once(build):
    """The water falls down a shaft from ``m`` to the sump: no running depth of its own in it (only that of the
    place at its top, as every passage is at least as deep as its ends), none at the sump below, and the front is at
    the sump as soon as it is at the shaft's top."""
    nodes = [node("a", "workplace", z=0.0), node("m", "junction", z=-0.3), node("sump", "sump", z=-20.0),
             node("out", "portal", z=50.0)]
    links = [link("d1", "a", "m", 100.0), link("s", "m", "sump", 19.7, kind="shaft"),
             link("r", "a", "out", 500.0, kind="ramp")]
    spec = build(base_site(nodes, links, [{"at": "a", "count": 1, "crew": "c"}]), base_plan(exits=["out"]),
                 base_scenario(order_at_s=None, hazard=inrush("a", 7200.0)))
    rw = running_part(spec)
    assert rw.arrival_s[2] == rw.arrival_s[1] > 0
    m, shaft = spec.network.index["m"], spec.network.link_index["s"]
    h = running_depth_m(2.0, 4.0, 0.003)
    assert rw.link_depth(shaft, 3000.0) == rw.node_depth(m, 3000.0) == pytest.approx(h, rel=1e-4)
    assert rw.link_time_depth(shaft, 0.01) == rw.node_time_depth(m, 0.01)
    assert math.isinf(rw.node_time_depth(spec.network.index["sump"], 0.01))  # only the pool's water there


def test_the_bundled_mine_has_its_water_run_down_the_east_drifts_to_the_sump():
    from drills.inputs.bundled import default_scenario
    from drills.inputs.compile import load_drill

    spec = load_drill(default_scenario())
    way = spec.inrush.way
    assert [spec.network.nodes[n].id for n in way.nodes] == ["face360e", "stope360e", "j360", "st360", "sump360"]
    assert [spec.network.links[k].id for k in way.links] == ["d360_e_face", "d360_j_e", "d360_st_j", "shaft_sump"]


def test_running_water_gives_the_same_results_whatever_the_number_of_workers(build):
    from drills.experiment.exercise import run_exercise

    spec = build(adit(), base_plan(exits=["out"]),
                 base_scenario(order_at_s=None, hazard=inrush("a", 8600.0, inflow_factor={
                     "dist": "lognormal", "median": 1.0, "p95": 1.8})))
    one = run_exercise(spec, replications=8, seed=5, workers=1)
    two = run_exercise(spec, replications=8, seed=5, workers=2)
    assert repr(one.results) == repr(two.results)  # NaN where nobody departed: compared as written
    assert {p.outcome for r in one.results for p in r.people} == {"caught", "surface"}  # both sides of 0.6 m²/s


def test_a_passage_beside_the_way_is_as_deep_as_its_end_on_the_way_and_swept_with_it(build):
    """A side drift from ``m`` (on the way) to a dead end: no water runs along it, but its end at ``m`` stands in the
    running water, so it is at least as deep as ``m`` (someone who meets the water there and turns back must not
    find the same passage open), and swept from when ``m`` is; the pool reaches it only through ``m``."""
    site = adit()
    site["site"]["nodes"].append(node("side", "workplace", z=1.0))
    site["site"]["links"].append(link("ds", "m", "side", 50.0))
    spec = build(site, base_plan(exits=["out"]), base_scenario(order_at_s=None, hazard=inrush("a", 9360.0)))
    rw = running_part(spec)
    m, ds = spec.network.index["m"], spec.network.link_index["ds"]
    t = rw.arrival_s[1]
    assert rw.link_depth(ds, t - 1.0) == 0.0
    assert rw.link_depth(ds, t + 1.0) == rw.node_depth(m, t + 1.0) > 0
    assert rw.link_time_depth(ds, 0.1) == rw.node_time_depth(m, 0.1)
    swept = rw.link_swept_depths(SWEPT_OFF_DV_M2PS)
    assert swept[ds] == rw.swept_depths(SWEPT_OFF_DV_M2PS)[m] < math.inf


@given(st.lists(st.floats(-50.0, 50.0), min_size=2, max_size=40, unique=True),
       st.lists(st.floats(-1e6, 1e6), min_size=40, max_size=40),
       st.floats(-60.0, 60.0) | st.sampled_from([-50.0, 50.0]))
def test_one_look_up_in_a_table_is_numpys_to_the_last_bit(xs, fs, x):
    """The depth looked up while people walk (one value, in plain Python) is exactly what NumPy's interpolation
    gives, inside the table, on its points and beyond its ends, so the faster look-up changes no result."""
    xp = sorted(xs)
    fp = fs[: len(xp)]
    for probe in (x, xp[0], xp[-1], xp[len(xp) // 2]):
        assert interp_one(probe, xp, fp) == float(np.interp(probe, np.array(xp), np.array(fp)))


@given(st.lists(st.floats(0.0, 1e4), min_size=1, max_size=30), st.floats(-1.0, 1.1e4))
def test_the_first_time_a_series_reaches_a_value_is_the_same_from_a_list_and_an_array(steps, x):
    series = np.cumsum(steps)
    a = first_time_reaching(series, x, 10.0)
    b = first_time_reaching(series.tolist(), x, 10.0)
    assert a == b and type(a) is float and type(b) is float
