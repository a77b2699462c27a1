"""Warning the valley: door-to-door teams, sirens, phone trees, SMS, and cars on the road."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import base_scenario, link, node
from hypothesis import given, settings
from hypothesis import strategies as st

from drills.model import lethality, traffic, warning
from drills.model.drill import run_drill


def valley_site(residents: list[dict], nodes: list[dict], links: list[dict]) -> dict:
    return {"site": {"id": "test-site", "name": "Test valley", "kind": "tailings_valley",
                     "nodes": nodes, "links": links, "residents": residents,
                     "profiles": [{"id": "adult", "speed_mps": 1.34, "speed_cv": 0.0, "wading_limit_m": 1.2}]}}


def valley_plan(channels: list[dict], assembly: list[str], **evac) -> dict:
    return {"plan": {"id": "test-plan", "unit": "Test", "version": "1", "site": "test-site",
                     "roles": [{"id": "duty", "title": "Duty", "decision_delay_s": 0}],
                     "channels": channels, "evacuation": {"assembly_points": assembly, **evac}}}


def valley_scenario(**kw):
    return base_scenario(shift=None, **kw)


PROFILES = ("adult", "elderly", "child", "assisted")
QUIET = {"response_delay_s": dict.fromkeys(PROFILES, 0), "neighbours_told": 0,
         "compliance": dict.fromkeys(PROFILES, 1.0)}
SLOW = {**QUIET, "response_delay_s": dict.fromkeys(PROFILES, 60)}


def households(at: str, n: int, size: float = 1.0, **kw) -> dict:
    return {"at": at, "households": n, "members": {"day": size, "night": size}, **kw}


def test_door_to_door_last_visit_is_route_walk_plus_visits(build):
    # c —134 m— h1 —268 m— h2 ; the team walks at 1.34 m/s and spends 120 s at each household
    nodes = [node("c", "road_junction"), node("h1", "household", x=134), node("h2", "household", x=402),
             node("hill", "assembly_point", z=50, x=-500)]
    links = [link("a", "c", "h1", 134.0, kind="road"), link("b", "h1", "h2", 268.0, kind="road"),
             link("up", "c", "hill", 2000.0, kind="footpath")]
    site = valley_site([households("h1", 3), households("h2", 2)], nodes, links)
    plan = valley_plan([{"id": "team", "type": "door_to_door", "start": "c", "coverage": ["h1", "h2"],
                         "visit_s": 120, "needs_mains_power": False}], ["hill"])
    spec = build(site, plan, valley_scenario(behaviour=QUIET))
    res = run_drill(spec, 0, spec.seed)
    warned = sorted(p.warned_s for p in res.people)
    walk1, walk2 = 134 / warning.TEAM_WALK_MPS, 268 / warning.TEAM_WALK_MPS
    assert warned == pytest.approx([walk1 + 120, walk1 + 240, walk1 + 360,
                                    walk1 + 360 + walk2 + 120, walk1 + 360 + walk2 + 240])
    assert {p.warned_by for p in res.people} == {"team"}


def siren_valley(n_households: int, distance_m: float) -> tuple[dict, dict]:
    nodes = [node("pole", "road_junction"), node("v", "household", x=distance_m),
             node("far", "household", x=5000.0), node("hill", "assembly_point", z=80, x=distance_m, y_m=900)]
    links = [link("r", "pole", "v", distance_m, kind="road"), link("r2", "v", "far", 5000.0 - distance_m, kind="road"),
             link("up", "v", "hill", 20000.0, kind="footpath")]
    site = valley_site([households("v", n_households), households("far", 10)], nodes, links)
    plan = valley_plan([{"id": "siren", "type": "siren", "coverage": ["pole"], "audible_radius_m": 1500,
                         "repeat_interval_s": 60}], ["hill"])
    return site, plan


def test_siren_reproduces_the_saturating_diffusion_curve(build):
    """Lindell's form P(t) = p_max (1 − exp(−t/τ)) (LifeSim TRM eq. 9 with b = 1), with the Nanticoke
    audibility p_max = 0.765 and τ = 2 min: the siren's 60 s cycles hit it at the end of each cycle."""
    n = 3000
    site, plan = siren_valley(n, 800.0)
    spec = build(site, plan, valley_scenario(duration_s=900, behaviour={**QUIET, "response_delay_s": {"adult": 5000}}))
    res = run_drill(spec, 0, spec.seed)
    near = [p for p in res.people if p.start == "v"]
    assert all(p.warned_by in ("siren", "") for p in res.people)
    assert all(p.warned_by == "" for p in res.people if p.start == "far")  # out of earshot
    p_max, tau = warning.SIREN_AUDIBILITY["day"], 120.0
    for cycles in (1, 2, 4, 8):
        t = 60.0 * cycles
        share = sum(1 for p in near if p.warned_s < t) / n
        expected = p_max * (1 - math.exp(-t / tau))
        se = math.sqrt(expected * (1 - expected) / n)
        assert share == pytest.approx(expected, abs=4 * se + 1e-9), cycles


def test_night_and_heavy_rain_lower_siren_reach(build):
    site, plan = siren_valley(2000, 800.0)

    def reach(**kw) -> float:
        slow = {**QUIET, "response_delay_s": {"adult": 5000}}
        spec = build(site, plan, valley_scenario(duration_s=1800, behaviour=slow, **kw))
        res = run_drill(spec, 0, spec.seed)
        return sum(1 for p in res.people if p.warned_by == "siren") / 2000

    day, night = reach(time_of_day="day"), reach(time_of_day="night")
    rain = reach(time_of_day="night", weather={"rain": "heavy"})
    assert day == pytest.approx(0.765, abs=0.04)
    assert night == pytest.approx(0.45, abs=0.04)
    assert rain == pytest.approx(0.45 * 0.7, abs=0.04)


def test_phone_tree_callers_share_the_list(build):
    nodes = [node("h", "household"), node("hill", "assembly_point", z=50, x=-500)]
    links = [link("up", "h", "hill", 20000.0, kind="footpath")]
    site = valley_site([households("h", 6)], nodes, links)
    plan = valley_plan([{"id": "tree", "type": "phone_tree", "coverage": ["h"], "callers": 2,
                         "call_duration_s": 60, "answer_probability_day": 1.0, "needs_mains_power": False}], ["hill"])
    spec = build(site, plan, valley_scenario(behaviour={**QUIET, "response_delay_s": {"adult": 5000}}))
    res = run_drill(spec, 0, spec.seed)
    assert sorted(p.warned_s for p in res.people) == [60, 60, 120, 120, 180, 180]


def test_one_car_drives_at_the_free_speed_of_its_road_class(build):
    nodes = [node("h", "household"), node("hill", "assembly_point", z=10, x=3000)]
    links = [link("road", "h", "hill", 3000.0, kind="road", road_class="secondary")]
    site = valley_site([households("h", 1, car_share=1.0)], nodes, links)
    plan = valley_plan([{"id": "sms", "type": "sms", "activation_delay_s": 0}], ["hill"])
    spec = build(site, plan, valley_scenario(behaviour=QUIET))
    assert spec.parties[0].mode == "drive"
    res = run_drill(spec, 0, spec.seed)
    [p] = res.people
    v = traffic.ROAD_CLASSES["secondary"].free_speed_mps
    assert v == pytest.approx(45 * 0.44704)
    assert p.outcome == "assembly"
    assert p.outcome_s - p.departed_s == pytest.approx(3000 / v, rel=1e-9)  # no walking slope rule for cars


@pytest.mark.parametrize(("rain", "kept"), [("none", 1.0), ("moderate", 1 - 0.0724), ("heavy", 1 - 0.1413)])
def test_rain_slows_a_lone_car_by_the_hcm_share(build, rain, kept):
    # HCM 2010 Exhibit 10-15: capacity -7.24 % (2.5-6.4 mm/h) and -14.13 % (> 6.4 mm/h); jam density unchanged,
    # so in Greenshields' relation the free speed falls by the same share
    nodes = [node("h", "household"), node("hill", "assembly_point", z=10, x=3000)]
    links = [link("road", "h", "hill", 3000.0, kind="road", road_class="secondary")]
    site = valley_site([households("h", 1, car_share=1.0)], nodes, links)
    plan = valley_plan([{"id": "sms", "type": "sms", "activation_delay_s": 0}], ["hill"])
    spec = build(site, plan, valley_scenario(behaviour=QUIET, weather={"rain": rain}))
    [p] = run_drill(spec, 0, spec.seed).people
    assert p.outcome == "assembly"
    assert p.outcome_s - p.departed_s == pytest.approx(3000 / (45 * 0.44704 * kept), rel=1e-9)


def test_rain_lowers_road_capacity_with_the_free_speed():
    dry, wet = traffic.road_classes("none")["local"], traffic.road_classes("heavy")["local"]
    assert dry == traffic.ROAD_CLASSES["local"]
    assert wet.jam_veh_per_m_lane == dry.jam_veh_per_m_lane and wet.lanes == dry.lanes
    assert traffic.capacity_vps(wet) / traffic.capacity_vps(dry) == pytest.approx(1 - 0.1413)
    # a jammed road moves at stop-and-go speed, rain or not
    assert traffic.speed_mps(wet, 1000, 100.0) == traffic.speed_mps(dry, 1000, 100.0) == traffic.STOP_AND_GO_MPS


def test_road_capacity_meters_a_column_of_cars(build):
    nodes = [node("h", "household"), node("hill", "assembly_point", x=20000)]
    links = [link("road", "h", "hill", 20000.0, kind="road", road_class="local")]
    site = valley_site([households("h", 40, car_share=1.0)], nodes, links)
    plan = valley_plan([{"id": "tree", "type": "door_to_door", "start": "h", "coverage": ["h"], "visit_s": 0,
                         "needs_mains_power": False}], ["hill"])
    spec = build(site, plan, valley_scenario(behaviour=QUIET))
    res = run_drill(spec, 0, spec.seed)
    departures = sorted(p.departed_s for p in res.people)
    arrivals = sorted(p.outcome_s for p in res.people)
    cap = traffic.capacity_vps(traffic.ROAD_CLASSES["local"])
    assert cap == pytest.approx(35 * 0.44704 * 160 / 1609.344 / 4)
    assert all(d == 0.0 for d in departures)
    # the 40th car cannot enter before 39 headways of 1/capacity
    assert arrivals[-1] >= 39 / cap + 20000 / traffic.ROAD_CLASSES["local"].free_speed_mps - 1e-6


def dam_valley(study_dir, *, homes: int = 10, help_share: float = 0.0, team: bool = False) -> tuple[dict, dict]:
    """A dam, a village 3 km down the valley reached by a known flood, and a hill 400 m away."""
    (study_dir / "study.csv").write_text(
        "place,arrival_min,peak_depth_m,peak_velocity_mps\nvillage,10,2.5,3.0\nroad,10,2.5,3.0\n", encoding="utf-8")
    nodes = [node("dam", "dam", z=100.0), node("road", "road_junction", z=80.0, x=2900),
             node("village", "household", z=80.0, x=3000), node("hill", "assembly_point", z=120.0, x=3000, y_m=400)]
    links = [link("r", "dam", "road", 2900.0, kind="road"), link("v", "road", "village", 100.0, kind="road"),
             link("up", "village", "hill", 400.0, kind="footpath")]
    res = [households("village", homes, size=2.0, needs_help_share=help_share)]
    site = valley_site(res, nodes, links)
    site["site"]["dams"] = [{"id": "d", "node": "dam", "height_m": 40, "stored_volume_m3": 3e6, "pond_class": 4}]
    channels = [{"id": "speaker", "type": "village_loudspeaker", "coverage": ["village"], "audible_radius_m": 50,
                 "audibility_day": 1.0, "audibility_night": 1.0, "hear_probability": 1.0, "activation_delay_s": 0}]
    if team:
        channels.append({"id": "team", "type": "door_to_door", "start": "village", "coverage": ["village"],
                         "visit_s": 60, "needs_mains_power": False})
    return site, valley_plan(channels, ["hill"])


@settings(max_examples=12, deadline=None)
@given(early=st.floats(0, 900), later=st.floats(0, 900))
def test_fatalities_never_rise_when_the_warning_comes_earlier(tmp_path_factory, early, later):
    from conftest import build_in

    early, later = sorted((early, later))
    d = tmp_path_factory.mktemp("valley")
    site, plan = dam_valley(d)
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}

    def fatalities(order_at: float) -> float:
        spec = build_in(d, site, plan, valley_scenario(order_at_s=order_at, hazard=hazard, behaviour=SLOW))
        return sum(p.fatality_p for p in run_drill(spec, 0, spec.seed).people)

    assert fatalities(early) <= fatalities(later) + 1e-9


def test_known_flood_arrival_catches_those_warned_too_late(build, tmp_path):
    site, plan = dam_valley(tmp_path)
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    # the flood is at the village at 600 s and rises to 2.5 m at 3 m/s in 60 s: no one walks out once depth x
    # velocity is 0.6 m²/s, at 0.707 m deep (h·v = 6 h²/2.5), 17.0 s later, before the 1.2 m wading limit (28.8 s);
    # with a 60 s response, those warned at 250 s leave at 310 s and climb out of its way
    in_time = run_drill(build(site, plan, valley_scenario(order_at_s=250.0, hazard=hazard, behaviour=SLOW)), 0, 1)
    assert all(p.outcome == "assembly" for p in in_time.people)
    # warned only by the water itself (at 0.05 m, 601.2 s) they would leave at 661.2 s: too late
    late = run_drill(build(site, plan, valley_scenario(order_at_s=700.0, hazard=hazard, behaviour=SLOW)), 0, 1)
    assert all(p.warned_by == "water" and p.warned_s == pytest.approx(601.2) for p in late.people)
    swept = math.sqrt(lethality.SWEPT_OFF_DV_M2PS * 2.5 / 3.0)
    assert all(p.outcome == "caught" and p.outcome_s == pytest.approx(600 + 60 * swept / 2.5) for p in late.people)
    assert all(p.situation == "in_building" and p.fatality_p > 0 for p in late.people)


def test_a_misspelt_study_file_is_located_with_the_file_meant(build, tmp_path):
    from drills.inputs.problems import InputError

    site, plan = dam_valley(tmp_path)
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "stuyd.csv"}}
    with pytest.raises(InputError) as exc:
        build(site, plan, valley_scenario(order_at_s=0.0, hazard=hazard))
    [problem] = exc.value.problems
    assert problem.field == "scenario.hazard.dam_break.study" and problem.line is not None
    assert problem.message.endswith("stuyd.csv; did you mean " + str(tmp_path / "study.csv") + "?")


def test_people_who_need_help_wait_for_the_door_to_door_team(build, tmp_path):
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    site, plan = dam_valley(tmp_path, homes=4, help_share=1.0)
    spec = build(site, plan, valley_scenario(order_at_s=0.0, hazard=hazard, behaviour=QUIET))
    assert all(p.needs_help for p in spec.parties)
    alone = run_drill(spec, 0, 1)
    assert all(p.outcome == "caught" for p in alone.people)  # warned by the loudspeaker, but nobody came to help
    site, plan = dam_valley(tmp_path, homes=4, help_share=1.0, team=True)
    helped = run_drill(build(site, plan, valley_scenario(order_at_s=0.0, hazard=hazard, behaviour=QUIET)), 0, 1)
    by_household = sorted({p.person.rsplit("-", 1)[0]: p.departed_s for p in helped.people}.values())
    assert by_household == pytest.approx([60.0, 120.0, 180.0, 240.0])  # one visit of 60 s each


def test_loudspeaker_vehicle_is_heard_where_it_passes(build):
    # the vehicle drives 1000 m at 20 km/h to the village; the farm 3 km off its road never hears it
    nodes = [node("depot", "road_junction"), node("v", "household", x=1000), node("farm", "household", x=1000,
                                                                                   y_m=3000),
             node("hill", "assembly_point", z=50, x=-500)]
    links = [link("r", "depot", "v", 1000.0, kind="road"), link("f", "v", "farm", 3000.0, kind="footpath"),
             link("up", "depot", "hill", 20000.0, kind="footpath")]
    site = valley_site([households("v", 5), households("farm", 2)], nodes, links)
    plan = valley_plan([{"id": "car", "type": "loudspeaker_vehicle", "start": "depot", "coverage": ["v"],
                         "speed_kmh": 20, "hear_probability": 1.0, "needs_mains_power": False}], ["hill"])
    res = run_drill(build(site, plan, valley_scenario(behaviour={**QUIET, "response_delay_s": dict.fromkeys(
        PROFILES, 5000)})), 0, 1)
    assert [p.warned_s for p in res.people if p.start == "v"] == [pytest.approx(1000 / (20 / 3.6))] * 5
    assert all(p.warned_by == "" for p in res.people if p.start == "farm")


def shallow_valley(study_dir, *, arrival_min: float = 10.0, pass_depth_m: float = 0.0,
                   hill_m: float = 400.0) -> tuple[dict, dict]:
    """A household the flood reaches only 0.3 m deep at 0.5 m/s, shallower than anyone wades (1.2 m); its way to
    the hill crosses a pass, which the flood fills ``pass_depth_m`` deep 5 min after the breach (0: never)."""
    rows = [f"village,{arrival_min},0.3,0.5"] + ([f"pass,5,{pass_depth_m},3.0"] if pass_depth_m else [])
    (study_dir / "study.csv").write_text("place,arrival_min,peak_depth_m,peak_velocity_mps\n" + "\n".join(rows)
                                         + "\n", encoding="utf-8")
    nodes = [node("dam", "dam", z=100.0), node("village", "household", z=80.0, x=3000),
             node("pass", "road_junction", z=80.0, x=3000, y_m=100),
             node("hill", "assembly_point", z=120.0, x=3000, y_m=100 + hill_m)]
    links = [link("r", "dam", "village", 3000.0, kind="road"), link("p", "village", "pass", 100.0, kind="footpath"),
             link("up", "pass", "hill", hill_m, kind="footpath")]
    site = valley_site([households("village", 1, size=2.0)], nodes, links)
    site["site"]["dams"] = [{"id": "d", "node": "dam", "height_m": 40, "stored_volume_m3": 3e6, "pond_class": 4}]
    return site, valley_plan([], ["hill"])


def run_shallow(build, tmp_path, behaviour: dict, **valley):
    site, plan = shallow_valley(tmp_path, **valley)
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    return run_drill(build(site, plan, valley_scenario(order_at_s=None, hazard=hazard, behaviour=behaviour)), 0, 1)


def test_shallow_water_that_finds_a_household_at_home_meets_the_lethality_rule(build, tmp_path):
    """Nobody warned them and they do not take 0.3 m of water for a warning (cue 0.5 m): they stay home, and the
    water finds them there. Too shallow to catch them, it still gets the rate of the rule for a building at
    that depth and velocity (LIFESim's safe zone), as the households it does catch at home do; it was no
    situation and a rate of 0."""
    from drills.model import lethality

    res = run_shallow(build, tmp_path, {**SLOW, "water_cue_depth_m": 0.5})
    assert all(p.outcome == "in_place" and math.isnan(p.departed_s) for p in res.people)
    assert all(p.situation == "in_building" for p in res.people)
    rate = lethality.fatality_probability(0.3, 0.5, situation="in_building")
    assert rate == lethality.SAFE_RATE
    assert all(p.fatality_p == rate for p in res.people)


def test_a_household_the_water_does_not_reach_within_the_drill_has_no_situation(build, tmp_path):
    res = run_shallow(build, tmp_path, {**SLOW, "water_cue_depth_m": 0.5}, arrival_min=180.0)  # after the 2 h
    assert all(p.outcome == "in_place" and p.situation == "" and p.fatality_p == 0.0 for p in res.people)


def test_a_household_that_set_out_and_found_no_way_out_is_found_at_home(build, tmp_path):
    """Warned by the water, they set out, but the pass is 3 m deep: they stay at home, where the water is."""
    res = run_shallow(build, tmp_path, SLOW, pass_depth_m=3.0)
    assert all(p.warned_by == "water" and p.departed_s > 0 and p.end == "village" for p in res.people)
    assert all(p.outcome == "in_place" and p.situation == "in_building" for p in res.people)
    assert all(p.fatality_p > 0 for p in res.people)
    assert all(p.turned_back == "pass" for p in res.people)  # the record says where the water stopped them


def flooded_hill(study_dir, hill_arrival_min: float) -> tuple[dict, dict]:
    """A household on a rise the flood never reaches, whose only assembly point, the hill 400 m off, lies
    in the flood's path: 2 m deep ``hill_arrival_min`` after the breach (a plan's assembly point put on the
    valley floor)."""
    (study_dir / "study.csv").write_text("place,arrival_min,peak_depth_m,peak_velocity_mps\n"
                                         f"hill,{hill_arrival_min},2.0,0.5\n", encoding="utf-8")
    nodes = [node("dam", "dam", z=100.0), node("village", "household", z=80.0, x=3000),
             node("hill", "assembly_point", z=70.0, x=3000, y_m=400)]
    links = [link("r", "dam", "village", 3000.0, kind="road"), link("up", "village", "hill", 400.0, kind="footpath")]
    site = valley_site([households("village", 2, size=2.0)], nodes, links)
    site["site"]["dams"] = [{"id": "d", "node": "dam", "height_m": 40, "stored_volume_m3": 3e6, "pond_class": 4}]
    speaker = {"id": "speaker", "type": "village_loudspeaker", "coverage": ["village"], "audible_radius_m": 50,
               "audibility_day": 1.0, "audibility_night": 1.0, "hear_probability": 1.0, "activation_delay_s": 0}
    return site, valley_plan([speaker], ["hill"])


def test_who_finds_the_way_to_the_assembly_point_under_water_is_recorded_as_turned_back_there(build, tmp_path):
    """Ordered out at 600 s, after the flood filled the hill (300 s): they set out, find the path under water,
    and stay at their dry homes. They did not simply stay in place: they turned back short of the hill, and
    the timeline says so."""
    site, plan = flooded_hill(tmp_path, hill_arrival_min=5)
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    res = run_drill(build(site, plan, valley_scenario(order_at_s=600.0, hazard=hazard, behaviour=SLOW)), 0, 1)
    assert all(p.departed_s == pytest.approx(660.0) for p in res.people)
    assert all(p.outcome == "in_place" and p.end == "village" and p.turned_back == "hill" for p in res.people)
    assert all(p.situation == "" and p.fatality_p == 0.0 for p in res.people)  # their homes stay dry
    assert [(e.kind, e.what) for e in res.timeline if "turned back" in e.what] == [
        ("movement", "4 turned back on the way from village to hill: the water closed the way")]
    # nobody decided they turn back: the decision chain's record holds its own steps only
    assert not any("turned back" in e.what for e in res.timeline if e.kind == "decision")


def test_who_reaches_an_assembly_point_the_flood_reaches_later_is_caught_there(build, tmp_path):
    """Ordered out at once, they reach the hill in a few minutes, but the flood fills it at 20 min: it was no
    place of safety, and the water catches them there in the open."""
    site, plan = flooded_hill(tmp_path, hill_arrival_min=20)
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    res = run_drill(build(site, plan, valley_scenario(order_at_s=0.0, hazard=hazard, behaviour=SLOW)), 0, 1)
    assert all(p.outcome == "caught" and p.end == "hill" and p.situation == "in_open" for p in res.people)
    assert all(1200.0 <= p.outcome_s < 1260.0 and p.fatality_p > 0 for p in res.people)


def test_a_household_still_on_its_way_when_the_drill_ends_is_not_found_at_home(build, tmp_path):
    """The hill is 20 km away: they left their flooded home and are still walking when the drill ends."""
    res = run_shallow(build, tmp_path, SLOW, hill_m=20000.0)
    assert all(p.departed_s > 0 and p.outcome == "in_place" for p in res.people)
    assert all(p.situation == "" and p.fatality_p == 0.0 for p in res.people)


# ------------------------------------------------------------------ meeting the flood on the way
def dip_valley(study_dir, rows: list[str], *, car_share: float, other_road: bool = True) -> tuple[dict, dict]:
    """A household at h whose nearest assembly point, the hill, lies 2 km down a road through a dip that the
    study floods (``rows``: place, arrival min, peak depth m, peak velocity m/s, rise min); the other way,
    4 km by road to hill2, stays dry. All on the level, so a walker keeps his free speed."""
    (study_dir / "study.csv").write_text("place,arrival_min,peak_depth_m,peak_velocity_mps,rise_min\n"
                                         + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    nodes = [node("dam", "dam", x=-3000), node("h", "household"), node("dip", "road_junction", x=2000),
             node("hill", "assembly_point", x=2100)]
    links = [link("r", "dam", "h", 3000.0, kind="road"), link("low", "h", "dip", 2000.0, kind="road"),
             link("on", "dip", "hill", 100.0, kind="road")]
    if other_road:
        nodes.append(node("hill2", "assembly_point", y_m=4000))
        links.append(link("high", "h", "hill2", 4000.0, kind="road"))
    site = valley_site([households("h", 1, size=2.0, car_share=car_share)], nodes, links)
    site["site"]["dams"] = [{"id": "d", "node": "dam", "height_m": 40, "stored_volume_m3": 3e6, "pond_class": 4}]
    team = {"id": "team", "type": "door_to_door", "start": "h", "coverage": ["h"], "visit_s": 0,
            "needs_mains_power": False}
    return site, valley_plan([team], ["hill", "hill2"] if other_road else ["hill"])


def run_dip(build, tmp_path, rows: list[str], *, car_share: float, behaviour: dict = QUIET,
            duration_s: float = 7200, other_road: bool = True):
    site, plan = dip_valley(tmp_path, rows, car_share=car_share, other_road=other_road)
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    scenario = valley_scenario(order_at_s=0.0, hazard=hazard, behaviour=behaviour, duration_s=duration_s)
    return run_drill(build(site, plan, scenario), 0, 1)


def test_a_car_that_meets_the_flood_on_the_road_turns_back_and_takes_the_other_road(build, tmp_path):
    # the flood reaches the dip 1 min after the breach and rises to 2 m in 1 min: 0.35 m deep, as deep as a car
    # goes, at 60 + 60 * 0.35 / 2 = 70.5 s. The car left at 0 s and needs 2000 / 15.6 = 128 s to the dip: it
    # meets the water at 70.5 s, drives back as fast as it came (home at 141 s) and takes the 4 km road
    res = run_dip(build, tmp_path, ["dip,1,2.0,1.0,1"], car_share=1.0)
    v = traffic.ROAD_CLASSES[traffic.DEFAULT_ROAD_CLASS].free_speed_mps
    closed = 60 + 60 * traffic.CAR_WADING_LIMIT_M / 2.0
    assert 0 < closed < 2000 / v
    assert [p.departed_s for p in res.people] == [0.0, 0.0]
    for p in res.people:
        assert (p.outcome, p.end, p.turned_back, p.situation) == ("assembly", "hill2", "dip", "")
        assert p.outcome_s == pytest.approx(2 * closed + 4000 / v, rel=1e-9)
    [turned] = [e for e in res.timeline if "turned back" in e.what]
    assert (turned.t_s, turned.what) == (closed, "2 turned back on the way from h to dip: the water closed the way")


@pytest.mark.parametrize(("peak_m", "velocity_mps"), [(0.3, 5.0), (0.1, 10.0)])
def test_a_car_turns_back_from_a_flow_shallower_than_it_would_enter_but_fast_enough_to_carry_it_away(
        build, tmp_path, peak_m, velocity_mps):
    # the dip's flow never gets deeper than the 0.35 m a car enters, but it moves fast: a low-clearance car is
    # unstable from h·v 0.8 m²/s or v 4.5 m/s (LifeSim TRM table 17), as depth and velocity rise together in the
    # first minute: 0.3 m at 5 m/s is unstable at sqrt(0.8 * 0.3 / 5) = 0.219 m, at 103.8 s (h·v binds); 0.1 m at
    # 10 m/s at 4.5 * 0.1 / 10 = 0.045 m, at 87 s (velocity binds). The car needs 128 s to the dip: it meets the
    # flow there, drives back and takes the 4 km road
    res = run_dip(build, tmp_path, [f"dip,1,{peak_m},{velocity_mps},1"], car_share=1.0)
    v = traffic.ROAD_CLASSES[traffic.DEFAULT_ROAD_CLASS].free_speed_mps
    unstable_m = min(math.sqrt(0.8 * peak_m / velocity_mps), 4.5 * peak_m / velocity_mps)
    assert unstable_m < peak_m < traffic.CAR_WADING_LIMIT_M
    closed = 60 + 60 * unstable_m / peak_m
    assert closed < 2000 / v
    for p in res.people:
        assert (p.outcome, p.end, p.turned_back, p.situation) == ("assembly", "hill2", "dip", "")
        assert p.outcome_s == pytest.approx(2 * closed + 4000 / v, rel=1e-9)


def test_a_car_drives_through_a_shallow_slow_flow(build, tmp_path):
    # 0.3 m at 1 m/s is never unstable for a car (h·v 0.3 m²/s) and never deeper than it enters: the car drives
    # through the dip to the hill beyond it, 2 km further
    res = run_dip(build, tmp_path, ["dip,1,0.3,1.0,1"], car_share=1.0)
    v = traffic.ROAD_CLASSES[traffic.DEFAULT_ROAD_CLASS].free_speed_mps
    for p in res.people:
        assert (p.outcome, p.end, p.turned_back) == ("assembly", "hill", "")
        assert p.outcome_s > 2000 / v


def test_walkers_who_meet_the_flood_on_the_road_turn_back_and_take_the_other_road(build, tmp_path):
    # on foot: the dip (2 m at 1 m/s after 1 min) sweeps walkers off at h·v 0.6 m²/s, 1.095 m deep (before the
    # 1.2 m they wade), at 1200 + 60 * 1.095 / 2 = 1233 s; they need 2000 / 1.34 = 1493 s to get there, so they
    # meet the water, are home again at 2466 s and walk the 4 km road
    res = run_dip(build, tmp_path, ["dip,20,2.0,1.0,1"], car_share=0.0)
    closed = 1200 + 60 * min(1.2, math.sqrt(lethality.SWEPT_OFF_DV_M2PS * 2.0 / 1.0)) / 2.0
    assert 0 < closed < 2000 / 1.34
    for p in res.people:
        assert (p.outcome, p.end, p.turned_back) == ("assembly", "hill2", "dip")
        assert p.outcome_s == pytest.approx(2 * closed + 4000 / 1.34, rel=1e-9)
    [turned] = [e for e in res.timeline if "turned back" in e.what]
    assert (turned.t_s, turned.what) == (closed, "2 turned back on the way from h to dip: the water closed the way")


def test_who_would_meet_the_water_only_after_the_drill_ends_has_not_turned_back(build, tmp_path):
    # as the walkers above, but the drill ends at 1000 s, before the dip floods (1236 s): they are on their way
    res = run_dip(build, tmp_path, ["dip,20,2.0,1.0,1"], car_share=0.0, duration_s=1000.0)
    for p in res.people:
        assert (p.outcome, p.turned_back) == ("in_place", "")
    assert not any("turned back" in e.what for e in res.timeline)
    assert all(e.t_s <= 1000.0 for e in res.timeline)


def test_a_car_turned_back_with_no_other_road_is_left_and_they_walk_until_the_water_turns_them_back_again(
        build, tmp_path):
    # the dip floods from the breach and rises slowly (2 m in 60 min): too deep for the car (0.35 m) at 630 s,
    # for walkers (1.2 m) at 2160 s. They drive off at 600 s, meet the water at 630 s and are home at 660 s;
    # no other road leads to safety, so they leave the car and wade down the same road, until the water turns
    # them back again at 2160 s; home at 3660 s, with no way out left, they are still there when the drill ends
    res = run_dip(build, tmp_path, ["dip,0,2.0,1.0,60"], car_share=1.0, other_road=False,
                  behaviour={**QUIET, "response_delay_s": dict.fromkeys(PROFILES, 600)})
    v = traffic.ROAD_CLASSES[traffic.DEFAULT_ROAD_CLASS].free_speed_mps
    car, foot = 3600 * traffic.CAR_WADING_LIMIT_M / 2.0, 3600 * 1.2 / 2.0
    assert 600 < car < 600 + 2000 / v and 2 * car - 600 < foot
    for p in res.people:  # back home, not caught at the dip
        assert (p.departed_s, p.outcome, p.end, p.turned_back, p.situation) == (600.0, "in_place", "h", "dip", "")
    # the household turned back twice on the same road: on the timeline it is two people, once
    assert [(e.t_s, e.what) for e in res.timeline if "turned back" in e.what] == [
        (car, "2 turned back on the way from h to dip: the water closed the way")]


@pytest.mark.parametrize("dip_min", [20, 0])
def test_a_household_with_no_way_out_left_is_caught_at_home_in_its_house(build, tmp_path, dip_min):
    """They set out at 600 s. With the dip flooding at 20 min (too fast to cross at 1233 s) they meet the water on
    the road and are home again; with the dip flooding from the breach, the road is already impassable when they
    set out. Either way they turned back short of the dip (the record says so) and no other way leads to safety,
    and the flood reaches their house at 60 min, 2 m at 1 m/s after 1 min: no one walks out once h·v is
    0.6 m²/s, 1.095 m deep, at 3633 s. It catches them at home, inside, as it catches those who never left, not
    in the open."""

    res = run_dip(build, tmp_path, [f"dip,{dip_min},2.0,1.0,1", "h,60,2.0,1.0,1"], car_share=0.0, other_road=False,
                  behaviour={**QUIET, "response_delay_s": dict.fromkeys(PROFILES, 600)})
    for p in res.people:
        assert (p.departed_s, p.outcome, p.end, p.turned_back) == (600.0, "caught", "h", "dip")
        assert p.outcome_s == pytest.approx(3600 + 60 * math.sqrt(lethality.SWEPT_OFF_DV_M2PS * 2.0 / 1.0) / 2.0)
        assert p.situation == "in_building"
        assert p.fatality_p == lethality.fatality_probability(2.0, 1.0, situation="in_building")


def sms_times(build, order_at_s: float) -> list[float]:
    nodes = [node("h", "household"), node("hill", "assembly_point", z=10, x=300)]
    site = valley_site([households("h", 300, phone_share=1.0)], nodes, [link("p", "h", "hill", 300.0, kind="footpath")])
    plan = valley_plan([{"id": "sms", "type": "sms", "activation_delay_s": 0, "answer_probability_day": 1.0}],
                       ["hill"])
    scen = valley_scenario(order_at_s=order_at_s, behaviour={**QUIET, "response_delay_s": {"adult": 50_000}})
    res = run_drill(build(site, plan, scen), 0, 1)
    return sorted(p.warned_s for p in res.people if p.warned_by == "sms")


def test_each_phone_gets_the_sms_a_delivery_delay_after_it_is_sent(build):
    at_start, later = sms_times(build, 0.0), sms_times(build, 3000.0)
    assert len(at_start) == 300  # everyone has a phone and notices it (day, probability 1)
    # the same draws: sent 50 min later, every message arrives exactly 50 min later
    assert later == pytest.approx([t + 3000.0 for t in at_start])
    # delivery delays log-normal with median 120 s and 95th percentile 300 s (SMS_DELIVERY): from 300 draws the
    # median lies within about ±8 % (1 sd) of 120 s
    assert float(np.median(at_start)) == pytest.approx(warning.SMS_DELIVERY.median, rel=0.25)
    assert float(np.quantile(at_start, 0.95)) == pytest.approx(warning.SMS_DELIVERY.p95, rel=0.3)


def ford_valley(study_dir, velocity_mps: float) -> tuple[dict, dict]:
    """A village whose only way to the hill crosses a ford, where a known flow 0.4 m deep arrives at 1 min and
    peaks at once: shallow enough to wade (adults to 1.2 m), and moving at ``velocity_mps``."""
    (study_dir / "study.csv").write_text(
        "place,arrival_min,peak_depth_m,peak_velocity_mps,rise_min\n"
        f"ford,1,0.4,{velocity_mps},0\n", encoding="utf-8")
    nodes = [node("dam", "dam", z=100.0), node("village", "household", z=80.0, x=3000),
             node("ford", "road_junction", z=79.0, x=3000, y_m=200),
             node("hill", "assembly_point", z=120.0, x=3000, y_m=600)]
    links = [link("r", "dam", "village", 3000.0, kind="road"), link("f", "village", "ford", 200.0, kind="footpath"),
             link("up", "ford", "hill", 400.0, kind="footpath")]
    site = valley_site([households("village", 5, size=2.0)], nodes, links)
    site["site"]["dams"] = [{"id": "d", "node": "dam", "height_m": 40, "stored_volume_m3": 3e6, "pond_class": 4}]
    channels = [{"id": "speaker", "type": "village_loudspeaker", "coverage": ["village"], "audible_radius_m": 50,
                 "audibility_day": 1.0, "audibility_night": 1.0, "hear_probability": 1.0, "activation_delay_s": 0}]
    return site, valley_plan(channels, ["hill"])


@pytest.mark.parametrize(("velocity", "crosses"), [(0.5, True), (1.4, True), (1.6, False), (3.0, False)])
def test_walkers_do_not_cross_a_flow_that_would_sweep_them_off_their_feet(build, tmp_path, velocity, crosses):
    # depth x velocity at the ford: 0.2, 0.56 (below 0.6 m²/s, Jonkman & Penning-Rowsell 2008), 0.64 and 1.2;
    # the walkers reach it at about 150 s, after the flow, which is 0.4 m deep: by depth alone all would wade it
    site, plan = ford_valley(tmp_path, velocity)
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    res = run_drill(build(site, plan, valley_scenario(order_at_s=0.0, hazard=hazard, behaviour=QUIET)), 0, 1)
    assert {p.outcome == "assembly" for p in res.people} == {crosses}


@pytest.mark.parametrize(("mains", "warned"), [(None, 300), (True, 0)])
def test_cell_broadcast_goes_on_when_the_site_loses_its_mains_unless_the_plan_says_it_is_on_them(build, mains,
                                                                                                   warned):
    # the message is sent from the county's or the carrier's platform: the site's power cut from the start does not
    # stop it, unless the planner writes that the sender is on the site's own supply (no battery)
    nodes = [node("h", "household"), node("hill", "assembly_point", z=10, x=300)]
    site = valley_site([households("h", 300, phone_share=1.0)], nodes, [link("p", "h", "hill", 300.0, kind="footpath")])
    sms = {"id": "sms", "type": "sms", "activation_delay_s": 0, "answer_probability_day": 1.0}
    plan = valley_plan([sms if mains is None else {**sms, "needs_mains_power": mains}], ["hill"])
    scen = valley_scenario(order_at_s=0.0, behaviour=QUIET, faults=[{"kind": "mains_power", "at_s": 0}])
    res = run_drill(build(site, plan, scen), 0, 1)
    assert sum(p.warned_by == "sms" for p in res.people) == warned


def test_a_second_post_giving_the_order_starts_the_channels_it_names(build):
    """The pond's duty officer sounds the siren; the township, told after that, orders the village loudspeaker.
    The order is given once, at the siren's step, but the township's step still starts its own channel."""
    nodes = [node("pole", "road_junction"), node("near", "household", x=100.0),
             node("far", "household", x=4000.0), node("lj", "road_junction", x=4000.0, y_m=50.0),
             node("hill", "assembly_point", z=80, x=-500)]
    links = [link("r", "pole", "near", 100.0, kind="road"), link("r2", "near", "lj", 3900.0, kind="road"),
             link("r3", "lj", "far", 50.0, kind="road"), link("up", "near", "hill", 20000.0, kind="footpath")]
    site = valley_site([households("near", 5), households("far", 5)], nodes, links)
    plan = valley_plan([{"id": "siren", "type": "siren", "coverage": ["pole"], "audible_radius_m": 500,
                         "audibility_day": 1.0},
                        {"id": "speaker", "type": "village_loudspeaker", "coverage": ["lj"], "audible_radius_m": 500,
                         "audibility_day": 1.0}], ["hill"])
    plan["plan"]["roles"] = [{"id": "duty", "title": "Duty", "decision_delay_s": 0},
                             {"id": "township", "title": "Township", "decision_delay_s": 300}]
    plan["plan"]["warning"] = {
        "triggers": [{"id": "now", "quantity": "elapsed_s", "threshold": 0, "level": "red", "owner": "duty"}],
        "actions_by_level": {"red": [
            {"id": "sound", "action": "evacuate_downstream", "owner": "duty", "channels": ["siren"]},
            {"id": "tell", "action": "notify_township", "owner": "duty"},
            {"id": "villages", "action": "evacuate_downstream", "owner": "township", "after": ["tell"],
             "channels": ["speaker"]}]}}
    spec = build(site, plan, valley_scenario(order_at_s=None, duration_s=1800,
                                             behaviour={**QUIET, "response_delay_s": {"adult": 5000}}))
    res = run_drill(spec, 0, spec.seed)
    assert res.downstream_order_s == 0.0  # the order's time is the first step's
    assert {p.warned_by for p in res.people if p.start == "near"} == {"siren"}
    far = [p for p in res.people if p.start == "far"]
    assert {p.warned_by for p in far} == {"speaker"}
    assert min(p.warned_s for p in far) >= 300.0  # after the township's decision
    assert any(e.what == "evacuation order (downstream) passed on by Township: speaker" for e in res.timeline)


def test_declaring_red_at_once_also_starts_the_channels_of_the_orange_order(build):
    """Orange orders the village loudspeaker, red the siren, both by the duty post: red declared at once takes the
    orange step too (levels only rise), and its loudspeaker is not a repeat of red's siren order."""
    nodes = [node("pole", "road_junction"), node("near", "household", x=100.0),
             node("hill", "assembly_point", z=80, x=-500)]
    links = [link("r", "pole", "near", 100.0, kind="road"), link("up", "near", "hill", 20000.0, kind="footpath")]
    site = valley_site([households("near", 5)], nodes, links)
    plan = valley_plan([{"id": "siren", "type": "siren", "coverage": ["pole"], "audible_radius_m": 500},
                        {"id": "speaker", "type": "village_loudspeaker", "coverage": ["pole"],
                         "audible_radius_m": 500}], ["hill"])
    plan["plan"]["warning"] = {
        "triggers": [{"id": "now", "quantity": "elapsed_s", "threshold": 0, "level": "red", "owner": "duty"}],
        "actions_by_level": {
            "orange": [{"action": "evacuate_downstream", "owner": "duty", "channels": ["speaker"]}],
            "red": [{"action": "evacuate_downstream", "owner": "duty", "channels": ["siren"]}]}}
    spec = build(site, plan, valley_scenario(order_at_s=None, duration_s=600, behaviour=QUIET))
    res = run_drill(spec, 0, spec.seed)
    assert sorted(e.what for e in res.timeline if e.kind == "channel") == ["siren on", "speaker on"]


def test_a_household_warned_before_the_water_but_still_at_home_goes_upstairs_as_the_unwarned_do(build, tmp_path):
    """A household the order warns 40 s before a 4 m flow (1 m/s) comes, with a 60 s response, is still at home when
    the water shows (0.05 m, at 600.75 s): it goes upstairs then, as its unwarned neighbours do, and is not left
    downstairs, where the same water drowns two in five (Jonkman's rapidly rising zone at 4 m)."""
    site, plan = dam_valley(tmp_path)
    (tmp_path / "study.csv").write_text("place,arrival_min,peak_depth_m,peak_velocity_mps\nvillage,10,4.0,1.0\n",
                                        encoding="utf-8")
    site["site"]["residents"][0]["upper_floor"] = True
    plan["plan"]["evacuation"]["vertical_shelter"] = True
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}

    def drill(order_at: float):
        return run_drill(build(site, plan, valley_scenario(order_at_s=order_at, hazard=hazard, behaviour=SLOW)), 0, 1)

    early, late = drill(560.0), drill(700.0)
    upstairs = lethality.fatality_probability(4.0, 1.0, situation="upper_floor")
    assert upstairs < lethality.fatality_probability(4.0, 1.0, situation="in_building")
    assert all(p.warned_by == "speaker" and p.warned_s == 560.0 for p in early.people)
    assert all(p.outcome == "sheltered" and p.situation == "upper_floor" for p in early.people)
    assert all(p.outcome_s == pytest.approx(600.75) and p.fatality_p == upstairs for p in early.people)
    assert all(p.warned_by == "water" and p.outcome == "sheltered" for p in late.people)
    assert sum(p.fatality_p for p in early.people) == sum(p.fatality_p for p in late.people)


@pytest.mark.parametrize("order_at", [612.0, 700.0])
def test_a_flow_too_fast_to_walk_out_of_before_it_is_seen_catches_a_household_at_home_when_it_closes(
        build, tmp_path, order_at):
    """2 m at 10 m/s: no one walks out of the village once h·v is 0.6 m²/s, 0.346 m deep, at 610.4 s, before the
    household takes the water for a warning (0.5 m here, at 615 s). The water catches them at home then, as it
    catches those who see it first; not later, when they see it (700 s order) or when the order comes (612 s)."""
    site, plan = dam_valley(tmp_path)
    (tmp_path / "study.csv").write_text("place,arrival_min,peak_depth_m,peak_velocity_mps\nvillage,10,2.0,10.0\n",
                                        encoding="utf-8")
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    res = run_drill(build(site, plan, valley_scenario(order_at_s=order_at, hazard=hazard,
                                                      behaviour={**SLOW, "water_cue_depth_m": 0.5})), 0, 1)
    closed = 600 + 60 * math.sqrt(lethality.SWEPT_OFF_DV_M2PS * 2.0 / 10.0) / 2.0
    assert closed < 600 + 60 * 0.5 / 2.0
    for p in res.people:
        assert (p.outcome, p.warned_by, p.situation) == ("caught", "", "in_building")
        assert p.outcome_s == pytest.approx(closed)


TEAM = {"id": "ch", "type": "door_to_door", "start": "v", "coverage": ["v"], "visit_s": 60}
TREE = {"id": "ch", "type": "phone_tree", "coverage": ["v"], "call_duration_s": 60, "answer_probability_day": 1.0}
VEHICLE = {"id": "ch", "type": "loudspeaker_vehicle", "start": "depot", "coverage": ["v"], "hear_probability": 1.0}


@pytest.mark.parametrize(("channel", "fault", "before"), [
    (TREE, {"kind": "mains_power"}, 1), (TREE, {"kind": "channel_down", "target": "ch"}, 1),
    (TEAM, {"kind": "channel_down", "target": "ch"}, 1), (VEHICLE, {"kind": "channel_down", "target": "ch"}, 0),
    ({**VEHICLE, "needs_mains_power": True}, {"kind": "mains_power"}, 0)])
def test_a_channel_that_goes_down_on_its_way_warns_nobody_after(build, channel, fault, before):
    """A phone tree (on the mains, with no battery), a team or a loudspeaker vehicle, working from the order at 0 s
    until its fault at 100 s: a call, a visit or a drive past that ends after that warns nobody, as a siren's cycle
    then does not. Working, they would warn every household: the calls and visits of 60 s end from 60 s on (one
    before the fault), and the vehicle passes the village, 1 km on at 20 km/h, at 180 s."""
    nodes = [node("depot", "road_junction"), node("v", "household", x=1000),
             node("hill", "assembly_point", z=50, x=-500)]
    links = [link("r", "depot", "v", 1000.0, kind="road"), link("up", "depot", "hill", 20000.0, kind="footpath")]
    site = valley_site([households("v", 6)], nodes, links)
    late = {**QUIET, "response_delay_s": dict.fromkeys(PROFILES, 5000)}
    spec = build(site, valley_plan([channel], ["hill"]),
                 valley_scenario(duration_s=1800, behaviour=late, faults=[{**fault, "at_s": 100}]))
    res = run_drill(spec, 0, spec.seed)
    warned = [p.warned_s for p in res.people if p.warned_by == "ch"]
    assert len(warned) == before and all(t < 100 for t in warned)


def test_a_loudspeaker_vehicle_passes_over_a_place_it_cannot_drive_to_and_goes_on_to_the_next(build):
    """The vehicle's route names the farm first, which only a footpath reaches: it cannot drive there, so it drives
    on from the depot to the village (1 km at 20 km/h), not from the farm, where no road leads anywhere."""
    nodes = [node("depot", "road_junction"), node("farm", "household", y_m=3000),
             node("v", "household", x=1000), node("hill", "assembly_point", z=50, x=-500)]
    links = [link("f", "depot", "farm", 3000.0, kind="footpath"), link("r", "depot", "v", 1000.0, kind="road"),
             link("up", "depot", "hill", 20000.0, kind="footpath")]
    site = valley_site([households("v", 5), households("farm", 2)], nodes, links)
    plan = valley_plan([{**VEHICLE, "coverage": ["farm", "v"]}], ["hill"])
    res = run_drill(build(site, plan, valley_scenario(behaviour={**QUIET, "response_delay_s": dict.fromkeys(
        PROFILES, 5000)})), 0, 1)
    assert [p.warned_s for p in res.people if p.start == "v"] == [pytest.approx(1000 / (20 / 3.6))] * 5
    assert all(p.warned_by == "" for p in res.people if p.start == "farm")


@pytest.mark.parametrize("duration_s", [604.0, 7200.0])
def test_a_household_waiting_for_help_goes_upstairs_when_it_sees_the_water(build, tmp_path, duration_s):
    """Warned at once, a household that cannot leave unaided waits for a team that never comes; a 4 m flow (1 m/s)
    shows at home at 600.75 s (0.05 m) and is too deep for them to leave at 0.5 m, at 607.5 s. They go upstairs as
    they see it, as a household without help does; they did not wait downstairs until 607.5 s, nor, in a drill
    that ends at 604 s, stay there to be found on the ground floor."""
    site, plan = dam_valley(tmp_path, help_share=1.0)
    (tmp_path / "study.csv").write_text("place,arrival_min,peak_depth_m,peak_velocity_mps\nvillage,10,4.0,1.0\n",
                                        encoding="utf-8")
    site["site"]["residents"][0]["upper_floor"] = True
    plan["plan"]["evacuation"]["vertical_shelter"] = True
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    res = run_drill(build(site, plan, valley_scenario(order_at_s=0.0, hazard=hazard, behaviour=QUIET,
                                                      duration_s=duration_s)), 0, 1)
    upstairs = lethality.fatality_probability(4.0, 1.0, situation="upper_floor")
    for p in res.people:
        assert (p.warned_by, p.outcome, p.situation, p.fatality_p) == ("speaker", "sheltered", "upper_floor", upstairs)
        assert p.outcome_s == pytest.approx(600.75)


# ------------------------------------------------------------------ channels that travel meet the water
def flooded_street(study_dir, channel: dict, residents: list[dict]) -> tuple[dict, dict, dict]:
    """A team or a vehicle at c, its order at 600 s. The street from c to the dip floods 1 min after the breach at 0,
    2 m deep a minute later: the dip (100 m from c) and h1 beyond it (100 m on) are cut off from c by 600 s. h2 lies
    268 m from c by a dry road, v 3000 m by the high road and 1000 m by the dip."""
    (study_dir / "study.csv").write_text("place,arrival_min,peak_depth_m,peak_velocity_mps,rise_min\ndip,1,2.0,1.0,1\n",
                                         encoding="utf-8")
    nodes = [node("dam", "dam", x=-3000), node("c", "road_junction"), node("dip", "road_junction", x=100),
             node("h1", "household", x=200), node("h2", "household", x=-268, y_m=500),
             node("v", "household", x=1000, y_m=-2000), node("hill", "assembly_point", z=50, y_m=3000)]
    links = [link("r", "dam", "c", 3000.0, kind="road"), link("low", "c", "dip", 100.0, kind="road"),
             link("on", "dip", "h1", 100.0, kind="road"), link("b", "c", "h2", 268.0, kind="road"),
             link("dipv", "dip", "v", 900.0, kind="road"), link("high", "c", "v", 3000.0, kind="road"),
             link("up", "c", "hill", 20000.0, kind="footpath")]
    site = valley_site(residents, nodes, links)
    site["site"]["dams"] = [{"id": "d", "node": "dam", "height_m": 40, "stored_volume_m3": 3e6, "pond_class": 4}]
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    stay = {**QUIET, "response_delay_s": dict.fromkeys(PROFILES, 5000)}
    return site, valley_plan([channel], ["hill"]), valley_scenario(order_at_s=600.0, hazard=hazard, behaviour=stay)


def test_a_door_to_door_team_passes_over_a_place_its_flooded_street_cuts_off_and_goes_on_to_the_next(build, tmp_path):
    """The team sets out at 600 s for h1, whose only street runs through the dip, 2 m deep by then: it does not walk
    through (it did, and knocked at h1 149 s later), but passes h1 over, which the timeline says, and walks from c to
    h2, 268 m at 1.34 m/s, knocking there 120 s a household."""
    team = {"id": "team", "type": "door_to_door", "start": "c", "coverage": ["h1", "h2"], "visit_s": 120,
            "needs_mains_power": False}
    site, plan, scenario = flooded_street(tmp_path, team, [households("h1", 2), households("h2", 2)])
    res = run_drill(build(site, plan, scenario), 0, 1)
    assert all(p.warned_by == "" for p in res.people if p.start == "h1")
    walk = 268 / warning.TEAM_WALK_MPS
    assert sorted(p.warned_s for p in res.people if p.start == "h2") == pytest.approx([600 + walk + 120,
                                                                                       600 + walk + 240])
    said = "team could not reach h1: the water closes its way there from c, and no other way is open"
    assert [(e.t_s, e.what) for e in res.timeline if "could not reach" in e.what] == [(600.0, said)]
    from drills.experiment.i18n import Text
    assert Text("zh").event(said) == "team 无法到达 h1：从 c 去该处的通路被水淹，且没有其他通路"


def test_a_loudspeaker_vehicle_drives_round_a_flooded_road_by_the_longer_dry_one(build, tmp_path):
    """The way to v by the dip is 1000 m, but the dip is 2 m deep when the vehicle sets out at 600 s: it takes the
    high road, 3000 m at 20 km/h (it drove through the water, and was heard at v after 1000 m)."""
    vehicle = {**VEHICLE, "start": "c", "coverage": ["v"], "speed_kmh": 20, "needs_mains_power": False}
    site, plan, scenario = flooded_street(tmp_path, vehicle, [households("v", 3)])
    res = run_drill(build(site, plan, scenario), 0, 1)
    assert [p.warned_s for p in res.people] == [pytest.approx(600 + 3000 / (20 / 3.6))] * 3
    assert not any("could not reach" in e.what for e in res.timeline)


def depot_valley(study_dir, channel: dict, rows: list[str], faults: list[dict] | None = None) -> tuple:
    """A team or a vehicle at c, its order at 600 s; two households at c, two at h2 (268 m from c by road), two at
    h1 (200 m from c by either of two roads, by d1 or by d2), the hill beyond h1. The study floods the places of
    ``rows`` (arrival 1 min, full depth 1 min later); ``far``, 3 km off, is flooded whatever the rows."""
    rows = ["far,1,2.0,1.0,1", *rows]
    (study_dir / "study.csv").write_text("place,arrival_min,peak_depth_m,peak_velocity_mps,rise_min\n"
                                         + "\n".join(rows) + "\n", encoding="utf-8")
    nodes = [node("dam", "dam", x=-3000), node("far", "road_junction", x=-3000, y_m=100), node("c", "household"),
             node("d1", "road_junction", x=100), node("d2", "road_junction", y_m=100),
             node("h1", "household", x=100, y_m=100), node("h2", "household", x=-268),
             node("hill", "assembly_point", z=50, x=2000, y_m=100)]
    links = [link("r", "dam", "far", 100.0, kind="road"), link("west", "c", "d1", 100.0, kind="road"),
             link("east", "c", "d2", 100.0, kind="road"), link("d1h", "d1", "h1", 100.0, kind="road"),
             link("d2h", "d2", "h1", 100.0, kind="road"), link("b", "c", "h2", 268.0, kind="road"),
             link("up", "h1", "hill", 2000.0, kind="footpath")]
    site = valley_site([households("c", 2), households("h1", 2), households("h2", 2)], nodes, links)
    site["site"]["dams"] = [{"id": "d", "node": "dam", "height_m": 40, "stored_volume_m3": 3e6, "pond_class": 4}]
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    stay = {**QUIET, "response_delay_s": dict.fromkeys(PROFILES, 5000)}
    return site, valley_plan([channel], ["hill"]), valley_scenario(order_at_s=600.0, hazard=hazard, behaviour=stay,
                                                                   faults=faults or [])


DEPOT_TEAM = {"id": "ch", "type": "door_to_door", "start": "c", "coverage": ["h2", "h1"], "visit_s": 60,
              "needs_mains_power": False}
DEPOT_VEHICLE = {"id": "ch", "type": "loudspeaker_vehicle", "start": "c", "coverage": ["h2", "h1"],
                 "hear_probability": 1.0, "audible_radius_m": 50, "speed_kmh": 20, "needs_mains_power": False}


def channel_said(res) -> list[tuple[float, str]]:
    return [(e.t_s, e.what) for e in res.timeline if e.kind == "channel" and e.what != "ch on"]


@pytest.mark.parametrize(("channel", "depth_m"), [(DEPOT_TEAM, 2.0), (DEPOT_VEHICLE, 0.5)])
def test_a_team_or_vehicle_whose_own_place_is_under_water_when_it_sets_out_warns_nobody(build, tmp_path, channel,
                                                                                       depth_m):
    """c is under water from 1 min after the breach, full 1 min later: 2 m, too deep for a team to wade (1.2 m), or
    0.5 m, too deep for the vehicle to drive (0.35 m). Sent at 600 s, neither sets out: it warns nobody, and the
    timeline says so, in English and Chinese (before, the timeline said it could not reach each place, by the water
    from c)."""
    site, plan, scenario = depot_valley(tmp_path, channel, [f"c,1,{depth_m},0.1,1"])
    res = run_drill(build(site, plan, scenario), 0, 1)
    assert not any(p.warned_by == "ch" for p in res.people)
    said = "ch could not set out from c: the water there is too deep for it"
    assert channel_said(res) == [(600.0, said)]
    from drills.experiment.i18n import Text
    assert Text("zh").event(said) == "ch 无法从 c 出发：该处水深已无法通行"


def test_a_team_sets_out_through_water_the_vehicle_could_not_drive(build, tmp_path):
    """0.5 m at c stops the vehicle (above) but not a team, which wades up to 1.2 m: it knocks at the two households of
    c (60 s each), then walks to h2 (268 m at 1.34 m/s) and knocks there."""
    site, plan, scenario = depot_valley(tmp_path, DEPOT_TEAM, ["c,1,0.5,0.1,1"])
    res = run_drill(build(site, plan, scenario), 0, 1)
    walk = 268 / warning.TEAM_WALK_MPS
    assert sorted(p.warned_s for p in res.people if p.start == "h2") == pytest.approx([720 + walk + 60,
                                                                                       720 + walk + 120])
    assert not any("could not set out" in e.what for e in res.timeline)


@pytest.mark.parametrize(("rows", "cut", "why", "zh"), [
    (["d1,1,2.0,1.0,1", "d2,1,2.0,1.0,1", "h2,1,2.0,1.0,1"], [], "closed by the water", "均被水淹"),
    ([], ["west", "east", "b"], "cut", "均已中断"),
    (["d1,1,2.0,1.0,1", "h2,1,2.0,1.0,1"], ["east"], "closed by the water or cut", "均被水淹或中断")])
def test_a_team_whose_every_way_out_is_closed_warns_only_at_its_own_place(build, tmp_path, rows, cut, why, zh):
    """Every road out of c is flooded or cut when the team is sent at 600 s, c itself dry: it knocks at the two
    households of c (60 s each), where it is, and goes nowhere else; the timeline says once why, in English and
    Chinese (before, it said so for each place of its route in turn)."""
    faults = [{"kind": "link_cut", "target": k, "at_s": 0} for k in cut]
    site, plan, scenario = depot_valley(tmp_path, DEPOT_TEAM, rows, faults)
    res = run_drill(build(site, plan, scenario), 0, 1)
    assert sorted(p.warned_s for p in res.people if p.warned_by == "ch") == [660.0, 720.0]
    assert {p.start for p in res.people if p.warned_by == "ch"} == {"c"}
    said = f"ch could not set out from c: every way out of it is {why}"
    assert channel_said(res) == [(600.0, said)]
    from drills.experiment.i18n import Text
    assert Text("zh").event(said) == f"ch 无法从 c 出发：由该处外出的通路{zh}"


# ------------------------------------------------------------------ the findings say why a team did not come
def late_findings(tmp_path, site: dict, plan: dict, scenario: dict, kind: str = "m2_late") -> dict:
    """The late-warning findings by place (or the findings of another ``kind`` by the rest of their key), the order
    the plan's (its channels those of the order), with the causes of the bottleneck analysis."""
    from conftest import build_in

    from drills.experiment.evaluation import grade
    from drills.experiment.exercise import run_exercise
    from drills.inputs.compile import compile_drill, load

    plan["plan"]["warning"] = {"actions_by_level": {"red": [{"action": "evacuate_downstream", "owner": "duty"}]}}
    build_in(tmp_path, site, plan, scenario)
    loaded = load(tmp_path / "scenario.yaml", None)
    spec = compile_drill(loaded)
    ev = grade(loaded, spec, run_exercise(spec), None)
    return {f.key.split(":", 1)[1]: f for f in ev.findings if f.kind == kind}


def test_people_a_team_could_not_reach_for_the_water_are_told_so_not_that_they_missed_its_message(tmp_path):
    """The team is on at 600 s, before the water reaches h1 (15 min), but the dip cuts h1 off from c: nobody there is
    warned. That was told as 'a channel was sounding before the water but the message was not received'; it is the
    water closing the team's way, with the team, the place, the time and what to change, in English and Chinese."""
    from drills.experiment.findings import warning_remedies

    team = {"id": "team", "type": "door_to_door", "start": "c", "coverage": ["h1", "h2"], "visit_s": 120,
            "needs_mains_power": False}
    site, plan, scenario = flooded_street(tmp_path, team, [households("h1", 2), households("h2", 2)])
    with (tmp_path / "study.csv").open("a", encoding="utf-8") as f:
        f.write("h1,15,2.0,1.0,1\n")
    found = late_findings(tmp_path, site, plan, scenario)["h1"]
    assert found.targets["causes"] == {"way_closed": 2} and found.remedies == warning_remedies(("way_closed",))
    assert found.title == "h1: people at risk warned after the water — the water or a cut passage stopped the " \
                          "team, runner or vehicle that reaches this place before it got there"
    assert "Stopped on the way there (median times): the door-to-door team team could not reach h1: the water " \
           "closed its way from c at 0:10:00 (in 1 of 1 replications). To change: send it before the water comes " \
           "there" in found.evidence
    assert "a siren, cell broadcast" in found.evidence
    title, evidence, _ = found.words("zh")
    assert "入户通知小组 team 无法到达 h1：0:10:00 从 c 去该处的通路被水淹（1 次重复中有 1 次）" in evidence
    assert "渠道途中被水或断路所阻" in evidence and title.endswith("在到达前被水或断路所阻")


@pytest.mark.parametrize(("rows", "cut", "says"), [
    (["c,1,2.0,1.0,1"], [], "could not set out from c: the water there was too deep for it at 0:10:00"),
    ([], ["west", "east", "b"], "could not set out from c: every way out of it was cut at 0:10:00")])
def test_people_a_team_could_not_set_out_to_are_told_so(tmp_path, rows, cut, says):
    """The team is sent at 600 s from c, under water or with every road out of it cut; h2, where nobody is warned,
    floods at 15 min: the team could not set out, not its message unheard. Those at c, whom a team shut in warns,
    are not counted for it."""
    faults = [{"kind": "link_cut", "target": k, "at_s": 0} for k in cut]
    site, plan, scenario = depot_valley(tmp_path, DEPOT_TEAM, [*rows, "h2,15,2.0,1.0,1"], faults)
    found = late_findings(tmp_path, site, plan, scenario)["h2"]
    assert found.targets["causes"] == {"way_closed": 2}
    assert f"the door-to-door team ch {says} (in 1 of 1 replications)" in found.evidence


def test_a_team_shut_in_at_its_place_is_stopped_for_every_other_place_and_a_flooded_one_for_its_own_too():
    from drills.experiment.bottlenecks import Stop

    assert not Stop(600.0, "shut_cut", "c").stops("c") and Stop(600.0, "shut_cut", "c").stops("h2")
    assert Stop(600.0, "flooded", "c").stops("c") and Stop(600.0, "flooded", "c").stops("h2")
    assert Stop(600.0, "water", "c", "h1").stops("h1") and not Stop(600.0, "water", "c", "h1").stops("h2")


def test_a_team_whose_place_on_its_way_floods_goes_no_further_and_the_timeline_says_so_once(build, tmp_path):
    """The team knocks at c (60 s a household), walks to h2 (268 m, at 920 s) and knocks there; h2 is 1.2 m deep
    from 996 s, too deep to wade: it stops knocking then (it knocked on until 1040 s), goes no further, and the
    timeline says so once, from h2, in English and Chinese (before that, it looked for a way from the flooded h2 to
    each place left on its route and said for each that the water closed its way there)."""
    site, plan, scenario = depot_valley(tmp_path, {**DEPOT_TEAM, "coverage": ["h2", "h1", "c"]}, ["h2,16,2.0,0.1,1"])
    res = run_drill(build(site, plan, scenario), 0, 1)
    assert {p.start for p in res.people if p.warned_by == "ch"} == {"c"}
    said = "ch stopped knocking at h2: the water there is too deep for it"
    assert channel_said(res) == [(pytest.approx(996.0), said)]
    from drills.experiment.i18n import Text
    assert Text("zh").event(said) == "ch 在 h2 停止入户通知：该处水深已无法通行"


def test_people_a_team_came_to_too_late_are_told_so_not_that_they_missed_its_message(tmp_path):
    """As above: the team sets out at 600 s, long before the water comes to h2 (16 min), but comes to h2 at 920 s and
    knocks there for 2 min a household: its two people are warned after the water, or never. That was told as 'a
    channel was sounding before the water but the message was not received'; it is the team coming to them too late,
    in its turn, with the remedies for it (more teams, sent sooner), in English and Chinese."""
    from drills.experiment.findings import warning_remedies

    site, plan, scenario = depot_valley(tmp_path, {**DEPOT_TEAM, "coverage": ["h2", "h1", "c"]}, ["h2,16,2.0,0.1,1"])
    found = late_findings(tmp_path, site, plan, scenario)["h2"]
    assert found.targets["causes"] == {"turn": 2}
    assert found.title.endswith("the channels reaching this place came on before the water but came to them only "
                                "after it, in their turn (a team's or runner's way and visits, a vehicle's drive, "
                                "phones rung one by one)")
    assert "their turn came after the water 100 %" in found.evidence
    assert "按顺序逐一通知，来水后才轮到其处" in found.words("zh")[0]
    assert found.remedies[:2] == warning_remedies(("turn",))[:2] == ("add_door_to_door", "pre_authorise")


@pytest.mark.parametrize("channel", [
    {**DEPOT_VEHICLE, "hear_probability": 1.0},
    # one caller, 2 min a call: h2's two households, then h1's from 840 s
    {"id": "ch", "type": "phone_tree", "coverage": ["h2", "h1"], "call_duration_s": 120, "answer_probability_day": 1.0,
     "answer_probability_night": 1.0},
])
@pytest.mark.parametrize("answered", [True, False])
def test_people_a_vehicle_or_a_phone_tree_came_to_after_the_water_are_told_so_and_those_it_missed_that_they_did(
        tmp_path, channel, answered):
    """The vehicle sets out at 600 s, drives to h2 (48 s at 20 km/h), back and to h1 (468 m, at 732 s); the phone
    tree calls h2's households first and h1's from 840 s. h1 is reached by shallow water (0.2 m, which the vehicle
    drives through, and too shallow for them to take it for a warning) at 11 min. Heard or answered, its two people
    were warned after the water because it came to them after it, in its turn (before: 'message not received'); not
    heard or not answered, they missed it."""
    if not answered:
        channel = {**channel, "hear_probability": 0.0} if channel["type"] == "loudspeaker_vehicle" else {
            **channel, "answer_probability_day": 0.0, "answer_probability_night": 0.0}
    site, plan, scenario = depot_valley(tmp_path, channel, ["h1,11,0.2,0.1,1"])
    scenario["scenario"]["behaviour"]["water_cue_depth_m"] = 1.0
    found = late_findings(tmp_path, site, plan, scenario)["h1"]
    assert found.targets["causes"] == {"turn" if answered else "receipt": 2}


def test_people_a_team_did_not_come_to_as_it_stuck_in_the_water_on_its_way_are_told_so(tmp_path):
    """As above, h1 flooding at 20 min: nobody at h1 is warned, because the team stuck at h2; those at h2, where it
    was knocking when the water came, are not counted for it."""
    site, plan, scenario = depot_valley(tmp_path, {**DEPOT_TEAM, "coverage": ["h2", "h1"]},
                                        ["h2,16,2.0,0.1,1", "h1,20,2.0,0.1,1"])
    findings = late_findings(tmp_path, site, plan, scenario)
    found = findings["h1"]
    assert found.targets["causes"] == {"way_closed": 2}
    assert "the door-to-door team ch stopped knocking at h2: the water there was too deep for it at 0:16:36 (in 1 " \
           "of 1 replications)" in found.evidence
    assert "入户通知小组 ch 在 h2 停止入户通知：0:16:36 该处水深已无法通行" in found.words("zh")[1]
    assert "way_closed" not in findings["h2"].targets["causes"]


def test_people_the_order_never_reached_as_the_water_closed_the_team_s_way_are_told_so(tmp_path):
    """The team is on at 600 s, but the dip cuts h1 off from c; the water never comes to h1: nobody there is ever
    warned. The finding said only that no channel reached them; it names the team, where and when the water stopped
    it, and gives what answers a team stopped on its way before what carries the order further, in English and
    Chinese."""
    from drills.experiment.findings import REACH_REMEDIES, warning_remedies

    team = {"id": "team", "type": "door_to_door", "start": "c", "coverage": ["h1", "h2"], "visit_s": 120,
            "needs_mains_power": False}
    site, plan, scenario = flooded_street(tmp_path, team, [households("h1", 2), households("h2", 2)])
    found = late_findings(tmp_path, site, plan, scenario, "m2_never")["never"]
    assert found.targets["places"] == ["h1"]
    assert found.remedies == tuple(dict.fromkeys((*warning_remedies(("way_closed",)), *REACH_REMEDIES)))
    assert "Stopped on the way there (median times): the door-to-door team team could not reach h1: the water " \
           "closed its way from c at 0:10:00 (in 1 of 1 replications). To change: send it before the water comes " \
           "there" in found.evidence
    assert "a siren, cell broadcast" in found.evidence
    assert "入户通知小组 team 无法到达 h1：0:10:00 从 c 去该处的通路被水淹（1 次重复中有 1 次）" in found.words("zh")[1]


def test_people_the_order_never_reached_with_no_team_stopped_on_its_way_keep_the_reach_remedies(tmp_path):
    """The team's way to h1 is dry, but it is sent too late to knock at h1 before the drill ends (two households
    at h2 first): nobody at h1 is warned, and no stop is told."""
    from drills.experiment.findings import REACH_REMEDIES

    team = {"id": "team", "type": "door_to_door", "start": "c", "coverage": ["h2", "h1"], "visit_s": 3000,
            "needs_mains_power": False}
    site, plan, scenario = depot_valley(tmp_path, team, [])
    found = late_findings(tmp_path, site, plan, scenario, "m2_never")["never"]
    assert "h1" in found.targets["places"] and found.remedies == REACH_REMEDIES
    assert "Stopped on the way" not in found.evidence


def test_a_team_stops_knocking_where_the_water_gets_too_deep_for_it_and_the_households_left_are_not_warned_by_it(
        build, tmp_path):
    """The team knocks at c (10 s a household, at 610 and 620 s), walks to h2 (268 m, at 820 s) and knocks there: the
    first household is warned at 830 s. The water comes to h2 at 825 s, 2 m at 10 m/s a minute later: h·v is 0.6
    m²/s, too fast to wade on (as the team's start is looked at when it is sent), at 835.4 s, before the household
    left takes the water for a warning (1 m, at 855 s). The team stops knocking then, and the timeline says so once;
    the household left is not warned by it, and the water catches it at home (it knocked on, and warned it at
    840 s)."""
    site, plan, scenario = depot_valley(tmp_path, {**DEPOT_TEAM, "coverage": ["h2"], "visit_s": 10},
                                        ["h2,13.75,2.0,10.0,1"])
    scenario["scenario"]["behaviour"]["water_cue_depth_m"] = 1.0
    res = run_drill(build(site, plan, scenario), 0, 1)
    walk = 268 / warning.TEAM_WALK_MPS
    at_h2 = sorted((p.warned_s, p.warned_by) for p in res.people if p.start == "h2")
    assert at_h2[0] == (pytest.approx(620 + walk + 10), "ch") and at_h2[1][1] == ""
    closed = 825 + 60 * math.sqrt(lethality.SWEPT_OFF_DV_M2PS / (2.0 * 10.0))
    assert channel_said(res) == [(pytest.approx(closed), "ch stopped knocking at h2: the water there is too deep "
                                                         "for it")]


def test_people_a_team_never_came_to_as_it_stopped_knocking_at_their_place_are_told_it_stopped_there(tmp_path):
    """As above: the household the team had not come to at h2 when it stopped knocking is never warned. The finding
    of people the order never reached names the team and its stop there, in English and Chinese (it named nothing:
    the stop at their own place was left out, as it is for the people it warned late there)."""
    site, plan, scenario = depot_valley(tmp_path, {**DEPOT_TEAM, "coverage": ["h2"], "visit_s": 10},
                                        ["h2,13.75,2.0,10.0,1"])
    scenario["scenario"]["behaviour"]["water_cue_depth_m"] = 1.0
    found = late_findings(tmp_path, site, plan, scenario, "m2_never")["never"]
    assert "h2" in found.targets["places"]
    assert "Stopped on the way there (median times): the door-to-door team ch stopped knocking at h2: the water " \
           "there was too deep for it at 0:13:55 (in 1 of 1 replications)" in found.evidence
    assert "入户通知小组 ch 在 h2 停止入户通知：0:13:55 该处水深已无法通行（1 次重复中有 1 次）" in found.words("zh")[1]
