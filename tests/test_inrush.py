"""Fill-and-spill water: volume balance and the order in which places flood."""

from __future__ import annotations

import math

import pytest
from conftest import base_plan, base_scenario, base_site, link, node

from drills.model.drill import Drill, run_drill
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


def level_drift_site() -> dict:
    # 100 m x 4 m drift: 400 m² of floor, so 1 m³ raises the pool by 2.5 mm
    return base_site([node("a", "workplace"), node("b", "junction"), node("out", "portal", z=50.0)],
                     [link("d", "a", "b", 100.0, 4.0), link("r", "b", "out", 400.0, 0.1, height_m=0.1, kind="ramp")],
                     [{"at": "a", "count": 1}])


def test_pumps_running_before_a_late_inrush_store_up_nothing(build):
    # 360 m³/h from 1000 s against 180 m³/h of pumps: 0.05 m³/s stays; by 3000 s, 100 m³ = 0.25 m. Pumps counted
    # from the scenario start would have taken 50 m³ of it (0.125 m)
    hazard = inrush("a", 360.0, start_s=1000, pumping_m3ph=180.0)
    spec = build(level_drift_site(), base_plan(), base_scenario(order_at_s=None, hazard=hazard))
    water = Drill(spec, 0, spec.seed).water
    assert water.level_at(1000.0) == pytest.approx(0.0, abs=2e-3)
    assert water.level_at(3000.0) == pytest.approx(0.25, abs=2e-3)


def test_pumps_emptying_the_pool_cannot_bank_their_capacity_against_later_water(build):
    # 0.1 m³/s for 1000 s, nothing until 3000 s, then 0.1 m³/s again; pumps 0.05 m³/s. The pool holds 50 m³ at
    # 1000 s, is pumped dry by 2000 s, stays dry, and from 3000 s rises at 0.05 m³/s: 100 m³ (0.25 m) at 5000 s.
    # A balance that let the pumps run on below empty would hold only 0.1 x 3000 - 0.05 x 5000 = 50 m³ then.
    spec = build(level_drift_site(), base_plan(), base_scenario(hazard=inrush("a", 360.0)))
    w = water_timeline(spec.inrush.geometry, hydro_t_s=(0.0, 1000.0, 1000.001, 3000.0, 3000.001),
                       hydro_m3ps=(0.1, 0.1, 0.0, 0.0, 0.1), start_s=0.0, factor=1.0, pumping_m3ps=0.05,
                       duration_s=6000.0)
    assert w.level_at(1000.0) == pytest.approx(0.125, abs=2e-3)
    assert w.level_at(2500.0) == pytest.approx(0.125, abs=2e-3)  # the water mark stays where it was
    assert w.level_at(5000.0) == pytest.approx(0.25, abs=2e-3)


def test_a_late_inrush_is_seen_at_its_source_when_it_bursts_in(build):
    # no order: the miner at the heading where the water breaks in at 600 s is warned by it then, not before
    hazard = inrush("a", 360.0, start_s=600)
    site = level_drift_site()
    res = run_drill(build(site, base_plan(exits=["out"]), base_scenario(order_at_s=None, hazard=hazard)), 0, 1)
    [p] = res.people
    assert p.warned_by == "water" and p.warned_s == pytest.approx(600.0)
    assert spec_burst(build, hazard) == 600.0


def spec_burst(build, hazard: dict) -> float | None:
    return build(level_drift_site(), base_plan(), base_scenario(hazard=hazard)).inrush.burst_s


def test_an_inrush_that_starts_from_nothing_bursts_in_as_its_inflow_rises():
    from drills.model.inrush import first_inflow_s

    assert first_inflow_s((600.0, 900.0), (2.0, 5.0)) == 600.0
    assert first_inflow_s((600.0, 900.0, 1200.0), (0.0, 0.0, 5.0)) == 900.0
    assert first_inflow_s((600.0, 900.0), (0.0, 0.0)) is None


def burst_at(build, start_s: float):
    """1 m³/s from ``start_s`` at the heading 'a', level, 1 m above the dip 'b' (100 m x 4 m of drift): the spec, the
    drill, and its pool and running water."""
    nodes = [node("a", "workplace"), node("b", "junction", z=-1.0, x=100.0), node("out", "portal", z=50.0)]
    links = [link("d", "a", "b", 100.0, 4.0), link("r", "a", "out", 400.0, kind="ramp")]
    site = base_site(nodes, links, [{"at": "a", "count": 1}])
    spec = build(site, base_plan(), base_scenario(order_at_s=None, hazard=inrush("a", 3600.0, start_s=start_s)))
    d = Drill(spec, 0, 1)
    return spec, d, *d.water.parts


def test_an_inrush_bursting_in_at_full_flow_brings_no_water_before_it_does(build):
    """1 m³/s from 300 s at the heading 'a' (level, 1 m above the dip 'b'): the pool holds 10 m³ at 310 s and
    nothing at 300 s, and the running water's front sets off at 300 s. Before, the 10 s step before the burst
    counted half a step of the full flow (5 m³ more in the pool, the water seen at 'b' before 300 s) and the front
    set off at 290 s."""
    spec, d, pool, running = burst_at(build, 300.0)
    assert list(pool.stored_m3[29:32]) == pytest.approx([0.0, 0.0, 10.0])
    assert pool.node_depth(spec.network.index["b"], 300.0) == 0.0
    at_once = water_timeline(spec.inrush.geometry, hydro_t_s=(0.0,), hydro_m3ps=(1.0,), start_s=0.0, factor=1.0,
                             pumping_m3ps=0.0, duration_s=600.0)
    assert at_once.node_depth(spec.network.index["b"], -5.0) == 0.0  # looked up before the drill: no step to move
    assert running.arrival_s[0] == 300.0
    res = d.run()
    assert min(res.node_water_s) == 300.0  # at the heading, as it bursts in; nowhere before


def test_an_inrush_bursting_in_between_the_pools_steps_rises_from_then(build):
    """As above, from 305 s, between two of the pool's 10 s steps: 5 m³ at 310 s over the drift's 400 m² of floor,
    1.25 cm at the dip, risen from nothing at 305 s (half that at 307.5 s). Before, the pool rose over the whole
    step from 300 s: water at the dip before the inrush."""
    spec, d, pool, running = burst_at(build, 305.0)
    b = spec.network.index["b"]
    assert pool.node_depth(b, 304.0) == 0.0
    assert pool.node_depth(b, 307.5) == pytest.approx(0.00625, rel=1e-3)
    assert pool.node_depth(b, 310.0) == pytest.approx(0.0125, rel=1e-3)
    assert pool.node_time_depth(b, 0.00625) == pytest.approx(307.5, rel=1e-4)
    assert pool.nodes_time_depth(0.00625)[b] == pytest.approx(307.5, rel=1e-4)
    assert running.arrival_s[0] == 305.0
    assert min(d.run().node_water_s) == 305.0


def test_an_inrush_during_a_storm_adds_the_storms_water_to_its_own(build):
    # the sump is the inrush's heading: the storm's extra inflow (rain on 1 ha, a tenth of it through the ground
    # over a 1 h reservoir) and the inrush's 360 m³/h fill the same level drift, so with the pumps just keeping
    # up with the usual inflow the depths add up
    site = level_drift_site()
    site["site"]["mine_water"] = {"sump": "a", "baseline_m3ph": 100.0, "pumping_m3ph": 100.0,
                                  "recharge_area_m2": 1e4, "infiltration_share": 0.1, "lag_s": 3600.0}
    rain = {"observed": [{"t_s": 0, "mm_per_h": 0}, {"t_s": 3600, "mm_per_h": 60}, {"t_s": 10800, "mm_per_h": 0}],
            "warning_lead_s": 0}

    def depth_at_a(hazard: dict, t: float) -> float:
        spec = build(site, base_plan(), base_scenario(duration_s=7200, hazard=hazard))
        return Drill(spec, 0, spec.seed).water.node_depth(spec.network.index["a"], t)

    for t in (1800.0, 5400.0, 7200.0):
        storm, inflow = depth_at_a({"storm": rain}, t), depth_at_a(inrush("a", 360.0), t)
        both = depth_at_a({"storm": rain, **inrush("a", 360.0)}, t)
        assert inflow == pytest.approx(360.0 * t / 3600 / 400.0, abs=3e-3)
        assert both == pytest.approx(storm + inflow, abs=5e-3)
    assert depth_at_a({"storm": rain}, 7200.0) > 0.05  # the storm's part is not nothing


def test_the_pool_rises_no_higher_than_the_opening_it_runs_out_of(build):
    """A 200 m x 4 m x 3 m drift from a face at -5 m to a portal at 0 m: 2 400 m³ of workings. At 1 m³/s they are
    full after about 2 400 s; then the water runs out of the portal, which stays dry."""
    site = base_site([node("face", "workplace", z=-5.0), node("out", "portal", z=0.0)],
                     [link("d", "face", "out", 200.0, width=4.0, height_m=3.0)], [{"at": "face", "count": 1}])
    hazard = {"inrush": {"source": "face", "hydrograph": [{"t_s": 0, "inflow_m3ph": 3600}]}}
    spec = build(site, base_plan(), base_scenario(duration_s=7200, order_at_s=7000, hazard=hazard))
    w = Drill(spec, 0, 1).water
    out = spec.network.index["out"]
    assert w.level_at(1200) == pytest.approx(-2.5, abs=0.05)  # half full: the drift's floor rises 5 m over its length
    assert w.level_at(7000) == pytest.approx(0.0, abs=0.02)
    assert w.node_depth(out, 7000) == pytest.approx(0.0, abs=0.02)
    assert math.isinf(w.node_time_depth(out, 0.05))


def test_a_basin_behind_a_sill_fills_as_the_water_runs_over_it(build):
    """The source 'low' at 0 m; a drift up to a sill at +4 m, then down to 'behind' at +1 m: 100 m x 4 m x 3 m,
    1 200 m³ below the sill. At 1 m³/s the pool reaches the sill at about 1 204 s, then the water runs over it:
    by volume, 'behind' is 1.2 m deep 480 m³ later (its floor is 400 m²), not dry until the whole 1 200 m³ is in."""
    nodes = [node("low", "workplace", z=0.0), node("sill", "junction", z=4.0), node("behind", "workplace", z=1.0),
             node("out", "portal", z=60.0)]
    links = [link("d1", "low", "sill", 100.0), link("d2", "sill", "behind", 100.0),
             link("exit", "low", "out", 600.0, kind="ramp", width=0.5, height_m=0.5)]
    site = base_site(nodes, links, [{"at": "behind", "count": 1}])
    hazard = {"inrush": {"source": "low", "hydrograph": [{"t_s": 0, "inflow_m3ph": 3600}]}}
    spec = build(site, base_plan(), base_scenario(duration_s=7200, order_at_s=None, hazard=hazard,
                                                  behaviour={"response_delay_s": {"miner": 7200}, "crew_relay_s": 0}))
    d = Drill(spec, 0, 1)
    w, behind = d.water, spec.network.index["behind"]
    d2 = next(k for k, lk in enumerate(spec.network.links) if lk.id == "d2")
    at_sill = w.geometry.basins[0][1]  # the water in the workings as the level reaches the sill
    assert at_sill == pytest.approx(1204, abs=10)
    assert w.node_depth(behind, at_sill - 50) == 0.0
    assert w.node_depth(behind, at_sill + 400) == pytest.approx(1.0, abs=0.02)  # 400 m³ over 400 m²
    assert w.node_time_depth(behind, 1.2) == pytest.approx(at_sill + 480, abs=2)
    assert d.impassable(1.2)[behind] == pytest.approx(at_sill + 480, abs=2)  # the drill's own look-up agrees
    assert w.link_depth(d2, at_sill + 400) == pytest.approx(1.0, abs=0.02)  # the drift down to it too
    assert w.node_depth(behind, at_sill + 1180) == pytest.approx(2.95, abs=0.02)  # nearly full to the sill
    assert w.node_depth(behind, at_sill + 1300) > 3.0  # full, and the pool rises on over the sill
    [p] = d.run().people
    assert (p.warned_by, p.outcome) == ("water", "caught")
    assert p.warned_s < p.outcome_s == pytest.approx(at_sill + 480, abs=2)  # warned as it came, caught at 1.2 m


def test_a_basin_behind_a_sill_between_two_levels_of_the_grid_is_as_deep_as_it_has_filled(build):
    """The source 'src' at 0 m in a dip; a sill at +1.001 m (between two of the pool's 2 cm levels); behind it a drift
    down to a 100 m x 4 m level drift at -5 m, where a miner works. The water that runs over the sill fills the basin
    from the bottom up: at 'far' it is 1.2 m deep when the basin holds that much, and shallower before. Before, the
    pool's level rose over the sill (between the grid's 1.00 m and 1.02 m) while the basin was still filling, and
    'far' was then as deep as the pool (6 m) at once, long before it was said to be 1.2 m deep."""
    nodes = [node("src", "workplace", z=0.0), node("sill", "junction", z=1.001, x=10.0),
             node("behind", "junction", z=-5.0, x=110.0), node("far", "workplace", z=-5.0, x=210.0),
             node("out", "portal", z=60.0, x=-600.0)]
    links = [link("d0", "src", "sill", 10.0), link("d1", "sill", "behind", 100.0), link("d2", "behind", "far", 100.0),
             link("exit", "src", "out", 600.0, kind="ramp", width=0.5, height_m=0.5)]
    site = base_site(nodes, links, [{"at": "far", "count": 1}])
    spec = build(site, base_plan(), base_scenario(duration_s=7200, order_at_s=None, hazard=inrush("src", 3600.0),
                                                  behaviour={"response_delay_s": {"miner": 7200}, "crew_relay_s": 0}))
    d = Drill(spec, 0, 1)
    w, far = d.water, spec.network.index["far"]
    deep = w.node_time_depth(far, 1.2)
    assert 0 < deep < 7200
    assert max(w.node_depth(far, t) for t in range(0, int(deep), 10)) < 1.2
    assert w.node_depth(far, deep) == pytest.approx(1.2, abs=1e-3)
    assert w.node_depth(far, deep + 100) < 1.6  # the basin goes on filling at 1 m³/s, about 400 m² of floor
    [p] = d.run().people
    assert (p.outcome, p.end) == ("caught", "far") and p.outcome_s == pytest.approx(deep)


def test_a_basin_behind_a_sill_above_the_opening_the_pool_runs_out_of_stays_dry(build):
    """The source 'st' at 0 m beside an adit's portal at 0 m; a 200 m ramp down to 'low' at -20 m holds the pool
    (2 400 m³: full after about 2 400 s at 1 m³/s), which then runs out of the portal. A drift up to a sill at
    +0.85 m and down to a dead end at -1.15 m: the pool never reaches the sill, so the dead end stays dry. Before,
    the water that ran out of the portal was poured over the sill: the dead end was 1.15 m deep, and said to be
    1.2 m deep (the deepest it could not be) about 2 900 s in, where its miner was caught."""
    nodes = [node("st", "junction", z=0.0), node("out", "portal", z=0.0, x=-20.0), node("low", "junction", z=-20.0),
             node("sill", "junction", z=0.85, x=50.0), node("behind", "workplace", z=-1.15, x=150.0)]
    links = [link("adit", "st", "out", 20.0), link("r", "st", "low", 200.0, kind="ramp"),
             link("d1", "st", "sill", 50.0), link("d2", "sill", "behind", 100.0)]
    site = base_site(nodes, links, [{"at": "behind", "count": 1}])
    spec = build(site, base_plan(), base_scenario(duration_s=7200, order_at_s=None, hazard=inrush("st", 3600.0),
                                                  behaviour={"response_delay_s": {"miner": 7200}, "crew_relay_s": 0}))
    d = Drill(spec, 0, 1)
    pool = d.water.parts[0] if hasattr(d.water, "parts") else d.water
    behind, low = spec.network.index["behind"], spec.network.index["low"]
    assert pool.node_depth(low, 7200.0) == pytest.approx(20.0, abs=0.02)  # full to the portal
    assert pool.node_depth(behind, 7200.0) == 0.0
    assert math.isinf(pool.node_time_depth(behind, 0.05)) and math.isinf(d.impassable(1.2)[behind])
    [p] = d.run().people
    assert p.outcome == "underground" and p.end == "behind"


def adit_mine(build, sump_m: float | None):
    """An adit mine in a hillside: an old working at +50 m floods a heading that drains down a 1:10 drift to the
    portal at 0 m; with ``sump_m``, a sump that far below the portal (100 m × 4 m × 3 m) beside it."""
    nodes = [node("old", "workplace", z=50.0), node("mid", "junction", z=25.0), node("portal", "portal", z=0.0)]
    links = [link("d1", "old", "mid", 250.0, kind="ramp"), link("d2", "mid", "portal", 250.0, kind="ramp")]
    if sump_m is not None:
        nodes.append(node("sump", "junction", z=-sump_m))
        links.append(link("s", "portal", "sump", 100.0, width=4.0, height_m=3.0))
    site = base_site(nodes, links, [{"at": "mid", "count": 1}])
    spec = build(site, base_plan(exits=["portal"]), base_scenario(hazard=inrush("old", 3000.0)))
    w = water_timeline(spec.inrush.geometry, hydro_t_s=spec.inrush.hydro_t_s, hydro_m3ps=spec.inrush.hydro_m3ps,
                       start_s=0.0, factor=1.0, pumping_m3ps=0.0, duration_s=7200.0)
    return spec, w


def test_an_inrush_above_the_portal_runs_out_of_it_and_pools_nowhere(build):
    """Water from an old working above the portal runs down and out: it stood 1.2 m deep in the portal after 2 h,
    as if the portal were sealed, and closed the way out of a mine that drains by gravity."""
    spec, w = adit_mine(build, None)
    for t in (600.0, 2400.0, 7200.0):
        assert w.level_at(t) <= 0.0
        assert all(w.node_depth(i, t) == 0.0 for i in range(len(spec.network.nodes)))
    assert w.node_time_depth(spec.network.index["portal"], 0.05) == math.inf


def test_a_sump_below_the_portal_fills_to_the_portal_and_no_higher(build):
    # 1 m below the portal: 100 m × 4 m × 1 m = 400 m³, filled in 8 min at 3 000 m³/h; then the water runs out
    spec, w = adit_mine(build, 1.0)
    sump = spec.network.index["sump"]
    assert w.node_depth(sump, 240.0) == pytest.approx(0.5, abs=0.02)
    assert w.node_depth(sump, 7200.0) == pytest.approx(1.0, abs=0.02)
    assert w.level_at(7200.0) <= 0.0 + 1e-9
    assert w.node_depth(spec.network.index["portal"], 7200.0) == 0.0


def test_validate_says_the_water_of_an_adit_mine_runs_out_and_is_not_modelled_on_its_way(build, tmp_path):
    from drills.inputs.compile import load
    from drills.inputs.plausibility import warnings_of

    adit_mine(build, None)  # writes its files into tmp_path
    [warning] = [p for p in warnings_of(load(tmp_path / "scenario.yaml")) if "runs down" in p.message]
    assert warning.message.startswith("the water from 'old' (50 m) runs down to 'portal' (0 m) and out of the mine")
    assert warning.field.endswith("hazard.inrush.source")


# ---------------------------------------------------------------- the water running down, which the pool leaves out


def test_running_depth_is_manning_s_normal_depth():
    """Manning's formula for a rectangular section, Q = b·h·(b·h / (b + 2h))^(2/3)·S^(1/2) / n: in a channel so wide
    that the hydraulic radius is the depth, h = (Q·n / (b·S^(1/2)))^(3/5); by hand, 3.34 m³/s runs 1.10 m deep in a
    3 m drift at 3 per mille (area 3.3 m², wetted perimeter 5.2 m); a gradient under 3 per mille is taken as 3."""
    from drills.model.running import DRIFT_MANNING_N, running_depth_m, running_flow_m3ps

    assert DRIFT_MANNING_N == 0.040  # Chow 1959, table 5-6: rock cuts, jagged and irregular, normal
    wide = (100.0 * 0.040 / (1000.0 * math.sqrt(0.01))) ** 0.6
    assert running_depth_m(100.0, 1000.0, 0.01) == pytest.approx(wide, rel=1e-3)
    assert running_flow_m3ps(1.10, 3.0, 0.003) == pytest.approx(3.3 * (3.3 / 5.2) ** (2 / 3) * math.sqrt(0.003) / 0.04)
    assert running_depth_m(3.3355, 3.0, 0.003) == pytest.approx(1.10, abs=1e-3)
    assert running_depth_m(3.3355, 3.0, 0.0) == running_depth_m(3.3355, 3.0, 0.003)
    assert running_depth_m(3.3355, 3.0, 0.1) < 0.4  # down a 1:10 ramp it runs shallow and fast
    assert running_depth_m(0.0, 3.0, 0.003) == 0.0


def test_the_bundled_inrush_s_water_runs_down_its_drifts_deep_and_fast_enough_to_stop_people():
    """12 000 m³/h from the -360 east face runs down to the sump by the east drifts and the shaft station. Depth ×
    velocity is the flow per metre of width, Q / b, whatever the roughness: 3.33 m³/s over 3 m is 1.11 m²/s, and it
    reaches the 0.6 m²/s that sweeps people off their feet (Jonkman & Penning-Rowsell 2008) at Q = 0.6·b: 1.8 m³/s
    (6 480 m³/h) in the 3 m face drift, which the hydrograph (3 000 m³/h at 300 s, 12 000 at 1 200 s) reaches at
    300 + 3 480 / 9 000 × 900 = 648 s; 7 560 m³/h in the 3.5 m drift at 756 s, 8 640 in the 4 m one at 864 s."""
    from drills.inputs.bundled import default_scenario
    from drills.inputs.compile import load
    from drills.inputs.plausibility import running_water
    from drills.model.running import running_depth_m

    ld = load(default_scenario())
    rw = running_water(ld.scenario, ld.site)
    assert rw is not None
    assert (rw.source, rw.end, rw.peak_m3ph) == ("face360e", "sump360", pytest.approx(12000.0))
    assert [p[0] for p in rw.passages] == ["d360_e_face", "d360_j_e", "d360_st_j"]
    assert [p[3] for p in rw.passages] == pytest.approx([648.0, 756.0, 864.0])
    q = 12000.0 / 3600
    for (_, depth, v, _), width in zip(rw.passages, (3.0, 3.5, 4.0), strict=True):
        assert v * depth == pytest.approx(q / width)  # continuity: depth × velocity is the flow per metre
        assert depth == pytest.approx(running_depth_m(q, width, 0.003), rel=1e-6)  # each drift at its 3 per mille
    assert rw.dv_m2ps == pytest.approx(q / 3.0)


def test_water_running_down_an_adit_mine_is_told_only_where_it_stops_people(build):
    """The adit mine's 1:10 ramps, 4 m wide, down to the portal: 3 000 m³/h is 0.21 m²/s there, which stops no
    one; 12 000 m³/h is 0.83 m²/s on both ramps, from the start (the hydrograph is flat), out of the portal."""
    nodes = [node("old", "workplace", z=50.0), node("mid", "junction", z=25.0), node("portal", "portal", z=0.0)]
    links = [link("d1", "old", "mid", 250.0, kind="ramp"), link("d2", "mid", "portal", 250.0, kind="ramp")]
    site = base_site(nodes, links, [{"at": "mid", "count": 1}])
    assert build(site, base_plan(exits=["portal"]), base_scenario(hazard=inrush("old", 3000.0))).meta.running_water \
        is None
    rw = build(site, base_plan(exits=["portal"]), base_scenario(hazard=inrush("old", 12000.0))).meta.running_water
    assert (rw.end, [p[0] for p in rw.passages], [p[3] for p in rw.passages]) == ("portal", ["d1", "d2"], [0.0, 0.0])
    assert rw.dv_m2ps == pytest.approx(12000.0 / 3600 / 4.0)


def test_the_scorecard_says_beneath_it_where_the_running_water_stops_people_and_that_the_drill_holds_it(tmp_path):
    """The planner reads the inrush's figures: the note under the scorecard, on the terminal, in the report and in
    scorecard.json, says that the water running down the drifts is in the drill (drills.model.running), where it
    stops people at the peak as written and from when at the source. The dam break has no such note."""
    import json
    from types import SimpleNamespace

    from typer.testing import CliRunner

    from drills.cli import app
    from drills.experiment.i18n import Text
    from drills.inputs.bundled import bundled_root, default_scenario

    res = CliRunner().invoke(app, ["run", str(default_scenario()), "-n", "1", "-o", str(tmp_path / "m")])
    assert res.exit_code == 0, res.output
    words = " ".join(res.output.split())
    assert ("The water running down from face360e to sump360 is in the drill, beside the pool it fills. At the peak "
            "inflow as written, 12 000 m³/h, it runs along d360_e_face 1.10 m deep at 1.0 m/s from 0:10:48 into the "
            "inrush;") in words
    assert "The drill stops people there once the water's front, running down at the water's own speed, has come" \
        in words
    assert "Not in the drill" not in words and "best case" not in words
    card = json.loads((tmp_path / "m" / "scorecard.json").read_text(encoding="utf-8"))
    assert card["running_water"]["end"] == "sump360"
    assert [p[0] for p in card["running_water"]["passages"]] == ["d360_e_face", "d360_j_e", "d360_st_j"]
    zh = Text("zh").running_water(SimpleNamespace(running_water=SimpleNamespace(
        source="face360e", end="sump360", peak_m3ph=12000.0, passages=(("d360_e_face", 1.1, 1.01, 648.0),),
        dv_m2ps=1.11)))
    assert zh.startswith("演练已模拟从 face360e 流向 sump360 途中的水流，与其汇成的积水一并计算。按所填的峰值涌水量 "
                         "12 000 m³/h，水沿 d360_e_face（水深 1.10 m、流速 1.0 m/s，突水后 0:10:48 起）流过")
    dam = bundled_root() / "scenarios" / "dam_break_night.yaml"
    res = CliRunner().invoke(app, ["run", str(dam), "-n", "1", "-o", str(tmp_path / "d")])
    assert res.exit_code == 0, res.output
    assert "running down from" not in res.output
    assert json.loads((tmp_path / "d" / "scorecard.json").read_text(encoding="utf-8"))["running_water"] is None
