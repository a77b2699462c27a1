"""Faults that end, a later shift and the water, and the caught: the model's rules where the drill changes while
people are on their way — a passage cut for a minute is open again after it, a cage back in service is used again
by whoever found no other way, a shift that comes down after the water is there sees it, and nobody is warned after
the water has caught them."""

from __future__ import annotations

import math

import pytest
from conftest import base_plan, base_scenario, base_site, link, node

from drills.model.drill import Drill, run_drill

HOIST_SITE = dict(
    nodes=[node("collar", "collar", z=0.0), node("st", "shaft_station", z=-100.0), node("face", "workplace", z=-99.0)],
    links=[link("shaft", "collar", "st", 100.0, width=5.0, kind="shaft", height_m=5.0), link("d", "face", "st", 60.0)],
    crews=[{"at": "face", "count": 1}],
)
CAGE = [{"id": "cage", "stations": ["collar", "st"], "cage_capacity_persons": 10}]


@pytest.mark.parametrize(("cut_s", "out_s"), [
    (60, 600 + 120 / 1.2),  # cut for a minute, long before the order at 600 s: as if it had never been cut
    (900, 900 + 120 / 1.2),  # still cut when they set off: they go as soon as it reopens
])
def test_a_passage_cut_for_a_while_is_open_after_it(build, cut_s, out_s):
    site = base_site([node("face", "workplace"), node("out", "portal")], [link("d", "face", "out", 120.0)],
                     [{"at": "face", "count": 1}])
    cut = [{"kind": "link_cut", "target": "d", "at_s": 0, "duration_s": cut_s}]
    spec = build(site, base_plan(), base_scenario(duration_s=3600, order_at_s=600, faults=cut))
    [p] = run_drill(spec, 0, 1).people
    assert (p.outcome, p.outcome_s) == ("surface", pytest.approx(out_s))


@pytest.mark.parametrize("water", [True, False])
def test_a_cage_back_in_service_is_used_by_those_it_is_the_only_way_out_for(build, water):
    """The cage is out 0–300 s, and it is the only way out; the station floods at about 3 470 s, long after."""
    hazard = {"inrush": {"source": "st", "hydrograph": [{"t_s": 0, "inflow_m3ph": 0}, {"t_s": 600, "inflow_m3ph": 0},
                                                          {"t_s": 601, "inflow_m3ph": 400}]}} if water else {}
    site = base_site(**HOIST_SITE, hoists=CAGE)

    def ride(faults: list[dict]) -> float:
        spec = build(site, base_plan(exits=["collar"]), base_scenario(duration_s=7200, hazard=hazard, faults=faults))
        [p] = run_drill(spec, 0, 1).people
        assert p.outcome == "surface"
        return p.outcome_s

    dry = ride([])
    # the same ride, 300 s later: they wait at the station for the cage, not for the water
    assert ride([{"kind": "hoist_out", "target": "cage", "at_s": 0, "duration_s": 300}]) == pytest.approx(dry + 300)


def test_a_cage_out_for_good_leaves_them_to_the_water(build):
    hazard = {"inrush": {"source": "st", "hydrograph": [{"t_s": 0, "inflow_m3ph": 400}]}}
    site = base_site(**HOIST_SITE, hoists=CAGE)
    spec = build(site, base_plan(exits=["collar"]), base_scenario(
        duration_s=7200, hazard=hazard, faults=[{"kind": "hoist_out", "target": "cage", "at_s": 0}]))
    [p] = run_drill(spec, 0, 1).people
    assert p.outcome == "caught"


def later_shift(build, *, day_at_b: bool, down_at_s: float = 2000.0):
    """A night shift goes down to b; the water shows at b (5 cm) at 2 300 s and is 1.2 m deep at 9 200 s."""
    nodes = [node("a", "workplace", z=0.0), node("b", "workplace", z=-2.0, x=100), node("sump", "sump", z=-3.0, x=150),
             node("out", "portal", z=10.0, x=-1000)]
    links = [link("ab", "a", "b", 100.0), link("bs", "b", "sump", 50.0), link("ao", "a", "out", 1000.0, kind="ramp")]
    site = base_site(nodes, links, [{"at": "a", "count": 1}] + ([{"at": "b", "count": 1}] if day_at_b else []))
    site["site"]["shifts"]["night"] = [{"at": "b", "count": 1, "crew": "night-b"}]
    hazard = {"inrush": {"source": "sump", "hydrograph": [{"t_s": 0, "inflow_m3ph": 360}]}}
    return build(site, base_plan(), base_scenario(duration_s=20000, order_at_s=None, hazard=hazard,
                                                  entries=[{"at_s": down_at_s, "shift": "night"}]))


@pytest.mark.parametrize("day_at_b", [False, True])
def test_a_later_shift_sees_the_water_at_its_place_whoever_else_is_there(build, day_at_b):
    spec = later_shift(build, day_at_b=day_at_b)
    d = Drill(spec, 0, 1)
    res = d.run()
    shows = d.water.node_time_depth(spec.network.index["b"], spec.behaviour.water_cue_depth_m)
    assert 2000 < shows < 2600
    [night] = [p for p in res.people if p.crew == "night-b"]
    assert (night.warned_by, night.warned_s) == ("water", pytest.approx(shows))
    assert night.outcome == "surface"


def test_a_shift_that_comes_down_into_the_water_sees_it_as_it_arrives(build):
    spec = later_shift(build, day_at_b=False, down_at_s=3000.0)  # the water shows at b at about 2 300 s
    [night] = [p for p in run_drill(spec, 0, 1).people if p.crew == "night-b"]
    assert (night.warned_by, night.outcome) == ("water", "surface")
    assert night.warned_s == pytest.approx(3000.0) and night.departed_s == pytest.approx(3000.0)


def test_nobody_is_warned_after_the_water_has_caught_them(build):
    """The face is 1.2 m deep at about 1 700 s; the order comes at 2 000 s. The water cannot warn him first: it is
    noticed only at 1.5 m, deeper than he can leave through. He is caught unwarned, and stays unwarned."""
    site = base_site([node("face", "workplace", z=-3.0), node("sump", "sump", z=-4.0, x=50),
                      node("out", "portal", z=20.0, x=-2000)],
                     [link("r", "face", "out", 2000.0, kind="ramp"), link("s", "face", "sump", 50.0)],
                     [{"at": "face", "count": 1}])
    hazard = {"inrush": {"source": "sump", "start_s": 10, "hydrograph": [{"t_s": 0, "inflow_m3ph": 3600}]}}
    plan = base_plan(channels=[{"id": "pa", "type": "mine_pa", "coverage": ["face"], "activation_delay_s": 0}])
    spec = build(site, plan, base_scenario(duration_s=3600, order_at_s=2000, hazard=hazard, behaviour={
        "response_delay_s": {"miner": 0}, "crew_relay_s": 0, "water_cue_depth_m": 1.5}))
    [p] = run_drill(spec, 0, 1).people
    assert p.outcome == "caught" and p.outcome_s < 2000
    assert p.warned_by == "" and math.isnan(p.warned_s)
