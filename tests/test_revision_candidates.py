"""Revision candidates and plan checks on small hand-built sites, each answer worked out from the site's
coordinates and the plan as written: the siren moved to where it reaches the most of the people it misses, the
refuge and the shaft station nearest the place, the trigger one warning level lower, the level whose triggers get
the order, the stop-entry steps of the levels a storm warns of, the assembly point reached without passing where
the water comes first. Every candidate's edits are applied to the plan file and the revised plan must load and
compile again. No drill is simulated here: the candidates are made from findings and the baseline's water times
given by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from conftest import (
    FLOOD_FILES,
    base_plan,
    base_scenario,
    base_site,
    break_file,
    build_in,
    copy_bundled,
    link,
    node,
    reading,
)
from ruamel.yaml import YAML

from drills.experiment import plan_edit
from drills.experiment.findings import DEFICIENCY, IMPROVEMENT, MUST_CORRECT, Finding
from drills.experiment.plan_checks import completeness_findings, regulatory_findings
from drills.experiment.plan_edit import EditError, PlanText
from drills.experiment.revisions import DEFAULT_COSTS, Candidate, Context, _reroute_edits, generate
from drills.inputs.bundled import bundled_root
from drills.inputs.compile import compile_drill, load
from drills.model.spec import DrillSpec


# ------------------------------------------------------------------ helpers
def context(folder: Path, site: dict, plan: dict, scenario: dict, water: dict[str, float] | None = None) -> Context:
    """The generators' context for the drill written into ``folder``: no water anywhere unless ``water`` gives a
    place's (median) first wet time."""
    spec: DrillSpec = build_in(folder, site, plan, scenario)
    wet = [math.inf] * len(spec.network.nodes)
    for place, t in (water or {}).items():
        wet[spec.network.index[place]] = t
    return Context(load(folder / "scenario.yaml"), spec, wet, dict(DEFAULT_COSTS))


def finding(*remedies: str, key: str = "F:test", **targets) -> Finding:
    return Finding(key, "M2", DEFICIENCY, key, "", "", "", remedies=remedies, targets=targets)


def candidates(ctx: Context, *remedies: str, **targets) -> dict[str, Candidate]:
    return {c.key: c for c in generate([finding(*remedies, **targets)], ctx)}


def revised_plan(folder: Path, cand: Candidate):
    """The plan with ``cand``'s edits applied, written beside the original, loaded and compiled again (an
    invalid edit raises here); returns the loaded plan."""
    text = PlanText(folder / "plan.yaml")
    (folder / "revised.yaml").write_text(text.render(text.apply(text.copy(), cand.edits)), encoding="utf-8")
    loaded = load(folder / "scenario.yaml", folder / "revised.yaml")
    compile_drill(loaded, replications=1)
    return loaded.plan


def plain(text: str):
    """A YAML text's data."""
    return YAML(typ="safe", pure=True).load(text)


def households(at: str, n: int) -> dict:
    return {"at": at, "households": n, "members": {"day": 1, "night": 1}}


# ------------------------------------------------------------------ a valley with four villages
# All places at 80 m, on one east-west road (y = 0) unless said; distances below are along x.
#
#   h0 (30 people) -300- f -300- h1 (10) -800- h2 (10) -400- j -400- h3 (10) -800- j2
#                        |        |              |           |
#                       hill3    hill           hill2       pass (out of the valley)
#
# The assembly points lie north: hill 500 m above h1, hill2 300 m above h2, hill3 900 m above f.
#
# siren-1 stands at h1 and is heard 500 m around: it reaches h1 only (h0 and h2 are 600 and 800 m away).
# siren-2 has two poles: it is not a one-pole siren to move.
VALLEY_NODES = [
    node("h0", "household", 80.0, x=-600.0), node("f", "field", 80.0, x=-300.0),
    node("h1", "household", 80.0, x=0.0), node("h2", "household", 80.0, x=800.0),
    node("j2", "road_junction", 80.0, x=2400.0),  # listed before j: the nearest junction is not the first one
    # a pass out of the valley 50 m north of j: in earshot of as many as j, but no place for a siren pole
    node("pass", "surface", 80.0, x=1200.0, y_m=50.0),
    node("j", "road_junction", 80.0, x=1200.0), node("h3", "household", 80.0, x=1600.0),
    node("hill", "assembly_point", 80.0, x=0.0, y_m=500.0), node("hill2", "assembly_point", 80.0, x=800.0, y_m=300.0),
    node("hill3", "assembly_point", 80.0, x=-300.0, y_m=900.0),
]
VALLEY_LINKS = [
    link("r_h0_f", "h0", "f", 300.0, kind="road"), link("r_f_h1", "f", "h1", 300.0, kind="road"),
    link("r_h1_h2", "h1", "h2", 800.0, kind="road"), link("r_h2_j", "h2", "j", 400.0, kind="road"),
    link("r_j_h3", "j", "h3", 400.0, kind="road"), link("r_j_pass", "j", "pass", 50.0, kind="road"),
    link("r_h3_j2", "h3", "j2", 800.0, kind="road"),
    link("p_h1_hill", "h1", "hill", 500.0, kind="footpath"), link("p_h2_hill2", "h2", "hill2", 300.0, kind="footpath"),
    link("p_f_hill3", "f", "hill3", 900.0, kind="footpath"),
]


def valley_site() -> dict:
    site = base_site(VALLEY_NODES, VALLEY_LINKS, [], kind="tailings_valley",
                     residents=[households("h0", 30), households("h1", 10), households("h2", 10),
                                households("h3", 10)])
    del site["site"]["shifts"]
    return site


def valley_plan(channels: list[dict] | None = None) -> dict:
    plan = base_plan(
        roles=[{"id": r, "title": r.title(), "decision_delay_s": 0} for r in ("duty", "manager", "township")],
        channels=channels if channels is not None else [
            {"id": "siren-1", "type": "siren", "coverage": ["h1"], "audible_radius_m": 500},
            {"id": "siren-2", "type": "siren", "coverage": ["h0", "h2"], "audible_radius_m": 300},
            {"id": "cb", "type": "sms", "needs_mains_power": False}],
        warning={
            "triggers": [
                {"id": "met", "quantity": "met_warning", "at_level": "orange", "level": "red", "owner": "duty"},
                {"id": "stage", "quantity": "water_depth_m", "at": "h2", "threshold": 0.8, "level": "red",
                 "owner": "duty"},
                {"id": "blue-watch", "quantity": "met_warning", "at_level": "blue", "level": "red", "owner": "duty"},
                {"id": "clock", "quantity": "elapsed_s", "threshold": 600, "level": "yellow", "owner": "duty"},
                {"id": "gauge", "quantity": "water_depth_m", "at": "h1", "threshold": 0.3, "level": "orange",
                 "owner": "manager"}],
            "actions_by_level": {
                "blue": [{"action": "notify_village_heads", "owner": "township"}],
                "yellow": [{"action": "notify_township", "owner": "duty"}],
                "orange": [{"action": "notify_village_heads", "owner": "manager"}],
                "red": [{"id": "tell", "action": "notify_township", "owner": "manager"},
                        {"action": "evacuate_downstream", "owner": "township", "after": ["tell"]}]}})
    plan["plan"]["evacuation"] = {"assembly_points": ["hill", "hill2"],
                                  "routes": [{"id": "to-hill", "from": ["h1"], "path": ["h1", "hill"]}]}
    return plan


def valley_scenario() -> dict:
    """The valley's drill with the order given by the plan's own triggers (a scenario that gives it itself bypasses
    them, and no revision of them is proposed for it)."""
    return base_scenario(shift=None, order_at_s=None, behaviour={"response_delay_s": {"adult": 0}})


@pytest.fixture
def valley(tmp_path: Path) -> Context:
    return context(tmp_path, valley_site(), valley_plan(), valley_scenario())


# ------------------------------------------------------------------ move_siren
@pytest.mark.parametrize(("missed", "there", "heard"), [
    # j (x 1200) hears h2 and h3, 400 m each: 20 people; h3 itself only its own 10, as many as siren-1 now
    ("h3", "j", 20),
    # f (x -300) hears h0 and h1, 300 m each: 40 people; h0 itself only its own 30
    ("h0", "f", 40),
])
def test_a_one_pole_siren_moves_to_the_place_in_earshot_of_the_most_people_including_those_missed(
        valley, tmp_path, missed, there, heard):
    got = candidates(valley, "move_siren", places=[missed])
    # f hears 40, more than j, but not h3: the siren is not moved where it would still miss h3; the pass, listed
    # before j, hears the same 20 as j but is out of the valley
    assert list(got) == [f"move_siren:siren-1:{there}"]  # siren-2 has two poles: not moved
    c = got[f"move_siren:siren-1:{there}"]
    assert c.kind == "move_siren" and c.group == "move:siren-1" and c.cost == DEFAULT_COSTS["move_siren"]
    assert c.edits == (("set", ("plan", "channels", {"id": "siren-1"}, "coverage"), [there]),)
    assert (c.facts["here"], c.facts["heard_now"], c.facts["heard_there"]) == ("h1", 10, heard)
    plan = revised_plan(tmp_path, c)
    assert next(ch for ch in plan.channels if ch.id == "siren-1").coverage == [there]


def test_a_siren_already_heard_by_the_most_it_could_reach_is_not_moved(tmp_path):
    # siren-1 at j hears 20 people; no place that reaches h3 hears more (h3 hears 10, j2 none)
    plan = valley_plan([{"id": "siren-1", "type": "siren", "coverage": ["j"], "audible_radius_m": 500}])
    ctx = context(tmp_path, valley_site(), plan, valley_scenario())
    assert candidates(ctx, "move_siren", places=["h3"]) == {}


# ------------------------------------------------------------------ add_channel
def test_a_village_with_cell_broadcast_already_gets_a_loudspeaker_vehicle_from_the_nearest_junction(valley,
                                                                                                   tmp_path):
    got = candidates(valley, "add_channel", places=["h3"])
    assert list(got) == ["add_channel:vehicle-h3"]
    c = got["add_channel:vehicle-h3"]
    # j is 400 m from h3, j2 800 m
    assert c.edits == (("append", ("plan", "channels"), {
        "id": "vehicle-h3", "type": "loudspeaker_vehicle", "start": "j", "coverage": ["h3"],
        "activation_delay_s": 300, "needs_mains_power": False}),)
    assert c.group == "reach:h3:vehicle"
    vehicle = revised_plan(tmp_path, c).channels[-1]
    assert (vehicle.type, vehicle.start, vehicle.coverage) == ("loudspeaker_vehicle", "j", ["h3"])


def test_a_village_without_cell_broadcast_gets_it_first(tmp_path):
    plan = valley_plan([{"id": "siren-1", "type": "siren", "coverage": ["h1"], "audible_radius_m": 500}])
    ctx = context(tmp_path, valley_site(), plan, valley_scenario())
    got = candidates(ctx, "add_channel", places=["h3"])
    assert [(c.key, c.edits[0][2]["type"]) for c in got.values()] == [("add_channel:cell-broadcast", "sms")]
    assert revised_plan(tmp_path, got["add_channel:cell-broadcast"]).channels[-1].type == "sms"


def test_a_new_channel_joins_every_step_that_gives_the_order_by_named_channels(tmp_path):
    """The pond sounds siren-1, the township then orders the cell broadcast: a step that names its channels starts
    those alone, so a channel a revision adds is added to each such step, or it would never be sent."""
    plan = valley_plan()
    plan["plan"]["warning"]["actions_by_level"]["red"] = [
        {"id": "sound", "action": "evacuate_downstream", "owner": "duty", "channels": ["siren-1"]},
        {"id": "tell", "action": "notify_township", "owner": "manager"},
        {"id": "villages", "action": "evacuate_downstream", "owner": "township", "after": ["tell"],
         "channels": ["siren-2", "cb"]}]
    ctx = context(tmp_path, valley_site(), plan, valley_scenario())
    got = {**candidates(ctx, "add_channel", places=["h3"]), **candidates(ctx, "add_siren", places=["h3"]),
           **candidates(ctx, "add_door_to_door", places=["h3"])}
    assert sorted(got) == ["add_channel:vehicle-h3", "add_door_to_door:h3", "add_siren:h3"]
    for c in got.values():
        ident = c.edits[0][2]["id"]
        assert c.edits[1:] == (
            ("add_unique", ("plan", "warning", "actions_by_level", "red", 0, "channels"), [ident]),
            ("add_unique", ("plan", "warning", "actions_by_level", "red", 2, "channels"), [ident]))
        steps = revised_plan(tmp_path, c).warning.actions_by_level["red"]
        assert [s.channels for s in steps] == [["siren-1", ident], None, ["siren-2", "cb", ident]]


# ------------------------------------------------------------------ decisions
# The order to the valley is given at red. Red's triggers: a met warning at orange, a water depth of 0.8 m at
# h2, a met warning at blue (the lowest level: nothing lower). Yellow has a clock, orange a gauge at h1.
def test_a_met_warning_trigger_is_lowered_one_warning_level_and_a_depth_is_halved(valley, tmp_path):
    got = candidates(valley, "lower_threshold", group="resident")
    # blue-watch is at blue already; the clock and the gauge declare levels without the order
    assert sorted(got) == ["lower_threshold:met", "lower_threshold:stage"]
    met = got["lower_threshold:met"]
    assert met.edits == (("set", ("plan", "warning", "triggers", {"id": "met"}, "at_level"), "yellow"),)
    assert (met.facts["level_now"], met.facts["level"]) == ("orange", "yellow")
    assert got["lower_threshold:stage"].edits == (
        ("set", ("plan", "warning", "triggers", {"id": "stage"}, "threshold"), 0.4),)
    trigger = next(t for t in revised_plan(tmp_path, met).warning.triggers if t.id == "met")
    assert (trigger.at_level, trigger.level) == ("yellow", "red")


def test_a_clock_trigger_that_orders_too_late_is_brought_forward(tmp_path):
    plan = valley_plan()
    clock = next(t for t in plan["plan"]["warning"]["triggers"] if t["id"] == "clock")
    clock.update(threshold=3600, level="red")
    ctx = context(tmp_path, valley_site(), plan, valley_scenario())
    c = candidates(ctx, "lower_threshold", group="resident")["lower_threshold:clock"]
    assert c.edits == (("set", ("plan", "warning", "triggers", {"id": "clock"}, "threshold"), 1800.0),)
    assert c.title == "Bring trigger clock forward from 3600 s to 1800 s after the start"
    assert c.words("zh") == "将触发条件 clock 由开始后 3600 s 提前至 1800 s"
    assert next(t for t in revised_plan(tmp_path, c).warning.triggers if t.id == "clock").threshold == 1800


def test_the_order_is_pre_authorised_at_the_highest_lower_level_that_has_triggers(valley, tmp_path):
    got = candidates(valley, "pre_authorise", group="resident")
    # yellow (the clock) and orange (the gauge) have triggers below red: orange is the one just below
    assert list(got) == ["pre_authorise:evacuate_downstream:orange"]
    c = got["pre_authorise:evacuate_downstream:orange"]
    assert c.edits == (("append", ("plan", "warning", "actions_by_level", "orange"),
                        {"id": "evacuate-downstream-orange", "action": "evacuate_downstream", "owner": "manager"}),)
    orange = revised_plan(tmp_path, c).warning.actions_by_level["orange"]
    assert [(a.action, a.owner) for a in orange] == [("notify_village_heads", "manager"),
                                                     ("evacuate_downstream", "manager")]


def test_the_order_is_given_by_the_post_that_declares_red_without_waiting(valley, tmp_path):
    got = candidates(valley, "delegate_order", group="resident")
    # blue has actions but no trigger: no one declares it; red is declared by the duty officer
    assert list(got) == ["delegate_order:red:evacuate_downstream"]
    c = got["delegate_order:red:evacuate_downstream"]
    assert c.phrase == "delegate_after"
    # the order has no id: it is picked by its place in red's list
    assert c.edits == (("set", ("plan", "warning", "actions_by_level", "red", 1, "owner"), "duty"),
                       ("delete", ("plan", "warning", "actions_by_level", "red", 1, "after")))
    order = revised_plan(tmp_path, c).warning.actions_by_level["red"][1]
    assert (order.action, order.owner, order.after) == ("evacuate_downstream", "duty", [])


def test_only_a_human_trigger_that_is_not_a_clock_is_made_automatic(tmp_path):
    plan = valley_plan()
    plan["plan"]["warning"]["triggers"][1]["automatic"] = True  # stage
    ctx = context(tmp_path, valley_site(), plan, valley_scenario())
    # the clock is named by the finding, but starting a clock automatically changes nothing
    got = candidates(ctx, "make_automatic", group="resident", triggers=["clock"])
    assert sorted(got) == ["make_automatic:blue-watch", "make_automatic:met"]


def test_an_automatic_trigger_s_title_says_the_reports_keep_their_posts(valley):
    # met declares red, which takes the lower levels' steps: the notices to the township and the village heads
    # are made by their posts, not by the trigger (条例 第九条)
    c = candidates(valley, "make_automatic", group="resident", triggers=["met"])["make_automatic:met"]
    assert c.facts["reports"] == ["notify_village_heads", "notify_township"]
    assert "the reports (notify_village_heads, notify_township) still wait for the posts that own them" in c.title
    assert "报告（通知村干部、通知乡镇）仍由负责岗位的人员作出" in c.words("zh")
    # red's order waits for telling the township: it no longer does, or the automatic start would wait for a post
    assert c.phrase == "automatic_unchained" and c.title.endswith("and the evacuation order no longer waits for them")
    assert c.edits[1:] == (("set", ("plan", "warning", "actions_by_level", "red", 1, "after"), []),)
    plan = revised_plan(valley.loaded.plan_doc.path.parent, c)
    assert [t.automatic for t in plan.warning.triggers if t.id == "met"] == [True]
    assert [(a.action, a.after) for a in plan.warning.actions_by_level["red"]] == [
        ("notify_township", []), ("evacuate_downstream", [])]
    # with the order delegated first (its wait deleted), the automatic start still applies
    delegated = candidates(valley, "delegate_order", group="resident")["delegate_order:red:evacuate_downstream"]
    text = PlanText(valley.loaded.plan_doc.path)
    text.apply(text.apply(text.copy(), delegated.edits), c.edits)


@pytest.mark.parametrize(("fault", "sited"), [
    # h1 is under siren-1's pole, h0 under one of siren-2's: only h3, 800 m from any pole, gets a siren of its own
    (None, ["h3"]),
    # a siren that is down covers nothing: h1 gets a siren of its own, h0 is still heard from siren-2
    ("channel_down:siren-1", ["h1", "h3"]),
    # both sirens need the mains and have no battery
    ("mains_power", ["h0", "h1", "h3"]),
])
def test_a_new_siren_goes_only_where_no_working_siren_is_heard(valley, fault, sited):
    got = candidates(valley, "add_siren", places=["h1", "h0", "h3"], **({"fault": fault} if fault else {}))
    assert sorted(c.facts["place"] for c in got.values()) == sorted(sited)


def test_a_battery_answers_people_warned_late_only_where_the_mains_can_fail(valley):
    """People warned late because every channel reaching them failed were told to give the channel a 12 h battery,
    in a drill that never cuts the mains: the channel had failed by its own reliability, which no battery mends.
    For them a battery is proposed only where the mains can fail (the power fault assessed, and it is proved under
    it); a plan check that finds a channel with no battery still asks for one."""
    from dataclasses import replace

    for kind in ("m2_late", "m3_place"):
        late = replace(finding("add_battery", channels=["siren-1"]), kind=kind)
        assert generate([late], valley) == []
        (c,) = generate([late], replace(valley, faults=frozenset({"mains_power"})))
        assert (c.kind, c.condition) == ("add_battery", "mains_power")
    check = replace(finding("add_battery", channels=["siren-1"]), kind="backup_power")
    assert [c.key for c in generate([check], valley)] == ["add_battery:siren-1"]


def test_a_drill_whose_scenario_gives_the_order_proposes_no_change_to_the_plans_triggers(tmp_path):
    """With the order given by the scenario at 0 s, a miner warned in time who had not left was told to make the
    plan's triggers automatic: the scenario's order bypasses the triggers, so no revision of them, or of who gives
    the order, can act in that drill. None is proposed, and the finding says why in the planner's words."""
    from drills.experiment.exercise import run_exercise
    from drills.experiment.proposals import propose

    files = copy_bundled(tmp_path)
    break_file(files["scenario"], "  monte_carlo:", "  order: {at_s: 0}\n  monte_carlo:")
    loaded = load(files["scenario"])
    spec = compile_drill(loaded, replications=2)
    ctx = Context.of(loaded, spec, run_exercise(spec).results)
    chain = ("make_automatic", "pre_authorise", "delegate_order", "lower_threshold", "add_order")
    stayed = Finding("M3:crusher360", "M3", DEFICIENCY, "", "", "", "", remedies=("pre_authorise", "make_automatic"),
                     targets={"places": ["crusher360"], "group": "miner"}, kind="m3_place")
    assert generate([stayed], ctx) == []
    assert generate([finding(*chain, group="miner", places=["crusher360"])], ctx) == []
    said = propose([stayed], ctx)[stayed.key].decision("en")
    assert said.startswith("whether to drill the plan's own triggers too (a scenario without an order), to test "
                           "them: this drill's order is given by the scenario, not by the plan's triggers")
    # the plan as written, with its own triggers: the same finding is answered by them
    plain = load(copy_bundled(tmp_path / "plain")["scenario"])
    plain_spec = compile_drill(plain, replications=2)
    plain_ctx = Context.of(plain, plain_spec, run_exercise(plain_spec).results)
    assert {c.kind for c in generate([stayed], plain_ctx)} == {"make_automatic"}


# ------------------------------------------------------------------ assembly points
def test_a_place_is_sent_to_the_nearest_other_assembly_point(valley, tmp_path):
    # from h1, not back to hill: hill2 by h2 is 800 + 300 m, hill3 by f 300 + 900 m
    got = candidates(valley, "change_assembly_point", places=["h1", "j"])  # no one lives at j
    assert list(got) == ["change_assembly_point:h1"]
    c = got["change_assembly_point:h1"]
    assert c.facts["point"] == "hill2"
    assert c.edits == (("remove", ("plan", "evacuation", "routes"), {"id": "to-hill"}),
                       ("append", ("plan", "evacuation", "routes"),
                        {"id": "h1-revised", "from": ["h1"], "path": ["h1", "h2", "hill2"]}))
    plan = revised_plan(tmp_path, c)
    assert [(r.id, r.from_, r.path) for r in plan.evacuation.routes] == [("h1-revised", ["h1"], ["h1", "h2", "hill2"])]


def test_the_new_assembly_point_is_reached_without_passing_where_the_water_comes_first(tmp_path):
    # h2 is wet at 10 min: the way by h2 is closed, hill3 by f is the one left, and the plan must name it
    ctx = context(tmp_path, valley_site(), valley_plan(), valley_scenario(), water={"h2": 600.0})
    c = candidates(ctx, "change_assembly_point", places=["h1"])["change_assembly_point:h1"]
    assert c.edits == (("add_unique", ("plan", "evacuation", "assembly_points"), ["hill3"]),
                       ("remove", ("plan", "evacuation", "routes"), {"id": "to-hill"}),
                       ("append", ("plan", "evacuation", "routes"),
                        {"id": "h1-revised", "from": ["h1"], "path": ["h1", "f", "hill3"]}))
    assert revised_plan(tmp_path, c).evacuation.assembly_points == ["hill", "hill2", "hill3"]


# ------------------------------------------------------------------ a small mine
# Level -50: the crew at w; shaft stations st_a 300 m east and st_b 200 m west; refuges r_e 400 m east and
# r_w 150 m west; the way out by st_a and a ramp to the portal.
def mine_site(**kw) -> dict:
    nodes = [node("w", "workplace", -50.0, x=0.0, level="-50"),
             node("st_a", "shaft_station", -50.0, x=300.0, level="-50"),
             node("st_b", "shaft_station", -50.0, x=-200.0, level="-50"),
             node("r_e", "refuge", -50.0, x=400.0, level="-50", capacity_persons=10),
             node("r_w", "refuge", -50.0, x=-150.0, level="-50", capacity_persons=10),
             node("out", "portal", 0.0, x=800.0)]
    links = [link("d_st_a", "w", "st_a", 300.0), link("d_st_b", "w", "st_b", 200.0),
             link("d_r_e", "w", "r_e", 400.0), link("d_r_w", "w", "r_w", 150.0),
             link("ramp", "st_a", "out", 500.0, kind="ramp")]
    return base_site(nodes, links, [{"at": "w", "count": 5}], **kw)


def mine_plan(channels: list[dict] | None = None, **warning) -> dict:
    return base_plan(
        routes=[{"id": "w-out", "from": ["w"], "path": ["w", "st_a", "out"]}],
        roles=[{"id": "dispatcher", "title": "Dispatcher", "decision_delay_s": 0},
               {"id": "shift_boss", "title": "Shift boss", "decision_delay_s": 0}],
        channels=channels if channels is not None else [{"id": "pa", "type": "mine_pa", "coverage": ["w"]}],
        warning=warning or {
            "triggers": [{"id": "inflow", "quantity": "inrush_inflow_m3ph", "threshold": 500, "level": "red",
                          "owner": "dispatcher"}],
            "actions_by_level": {"red": [{"id": "withdraw", "action": "evacuate_underground",
                                          "owner": "shift_boss"}]}})


def test_an_adit_mine_s_runner_sets_out_from_its_portal_not_from_the_place_it_is_to_warn(tmp_path):
    """With no shaft station the runner started at the unwarned place itself ('a runner from w to w')."""
    nodes = [node("w", "workplace", 0.0, x=0.0, level="0"), node("j", "junction", 0.0, x=300.0, level="0"),
             node("out", "portal", 0.0, x=500.0)]
    site = base_site(nodes, [link("d1", "w", "j", 300.0), link("d2", "j", "out", 200.0)], [{"at": "w", "count": 5}])
    plan = mine_plan()
    plan["plan"]["evacuation"]["routes"] = [{"id": "w-out", "from": ["w"], "path": ["w", "j", "out"]}]
    ctx = context(tmp_path, site, plan, base_scenario())
    runner = candidates(ctx, "add_channel", places=["w"])["add_channel:runner-w"]
    assert runner.edits[0][2]["start"] == "out"


def test_a_mine_without_paging_gets_cap_lamp_paging_and_a_runner_from_the_nearest_shaft_station(tmp_path):
    ctx = context(tmp_path, mine_site(), mine_plan(), base_scenario())
    got = candidates(ctx, "add_channel", places=["w"])
    assert list(got) == ["add_channel:cap-lamp-paging", "add_channel:runner-w"]
    paging = got["add_channel:cap-lamp-paging"].edits
    assert [(e[0], e[1], e[2]["id"], e[2]["type"]) for e in paging] == [
        ("append", ("plan", "channels"), "cap-lamp-paging", "cap_lamp_paging")]
    # st_b is 200 m from w, st_a 300 m
    assert got["add_channel:runner-w"].edits == (("append", ("plan", "channels"), {
        "id": "runner-w", "type": "runner", "start": "st_b", "coverage": ["w"], "needs_mains_power": False}),)
    for c in got.values():
        assert [ch.id for ch in revised_plan(tmp_path, c).channels] == ["pa", c.edits[0][2]["id"]]


def test_a_station_its_cage_already_serves_first_is_not_proposed_first_again(tmp_path):
    """Two shafts, each with a cage to -50 and -100. Each cage serves its own stations in the plan's order, so with
    hoist_priority [a100, b100] both -100 stations already come first for their cages: moving b100 ahead of a100
    changes neither cage's order (it was proposed, re-simulated and found to change nothing). With b50 before b100
    the second cage does serve -100 later, and b100 first is proposed."""
    nodes = [node("cA", "collar", 0.0, x=0.0), node("cB", "collar", 0.0, x=600.0),
             *(node(f"{c}{d}", "shaft_station", -d, x=x, level=f"-{d}") for c, x in (("a", 0.0), ("b", 600.0))
               for d in (50, 100)),
             node("w100", "workplace", -100.0, x=300.0, level="-100"), node("w50", "workplace", -50.0, x=300.0,
                                                                           level="-50")]
    links = [link("shA1", "cA", "a50", 50.0, 5.0, "shaft"), link("shA2", "a50", "a100", 50.0, 5.0, "shaft"),
             link("shB1", "cB", "b50", 50.0, 5.0, "shaft"), link("shB2", "b50", "b100", 50.0, 5.0, "shaft"),
             link("d1", "a100", "w100", 300.0), link("d2", "w100", "b100", 300.0),
             link("d3", "a50", "w50", 300.0), link("d4", "w50", "b50", 300.0)]
    site = base_site(nodes, links, [{"at": "w100", "count": 20}, {"at": "w50", "count": 10}],
                     hoists=[{"id": "cage-a", "stations": ["cA", "a50", "a100"], "cage_capacity_persons": 10},
                             {"id": "cage-b", "stations": ["cB", "b50", "b100"], "cage_capacity_persons": 4}])
    for order, proposed in ((["a100", "b100"], []), (["a100", "b50", "b100"], ["hoist_priority:b100"])):
        plan = base_plan(exits=["cA", "cB"])
        plan["plan"]["evacuation"]["hoist_priority"] = order
        folder = tmp_path / "-".join(order)
        folder.mkdir()
        ctx = context(folder, site, plan, base_scenario())
        assert list(candidates(ctx, "hoist_priority", places=["w100"])) == proposed, order


def test_a_mine_whose_cap_lamps_take_no_paging_is_offered_a_runner_not_paging(tmp_path):
    """Paging in the plan warns only the lamps that receive it: where the crews' lamps take none
    (paging_lamp_share 0), adding it cannot warn anyone, and it was proposed, tried and found to change nothing."""
    site = mine_site()
    site["site"]["shifts"]["day"] = [{"at": "w", "count": 5, "paging_lamp_share": 0}]
    ctx = context(tmp_path, site, mine_plan(), base_scenario())
    assert list(candidates(ctx, "add_channel", places=["w"])) == ["add_channel:runner-w"]


def test_the_missing_underground_channel_of_a_mine_is_answered_with_paging(tmp_path):
    ctx = context(tmp_path, mine_site(), mine_plan(channels=[]), base_scenario())
    [missing] = [f for f in completeness_findings(ctx.loaded, ctx.spec) if f.key == "M8:mine_channels"]
    assert missing.cls == MUST_CORRECT and missing.remedies == ("add_channel",)
    got = generate([missing], ctx)
    assert [(c.key, c.edits[0][2]["type"], c.addresses) for c in got] == [
        ("add_channel:cap-lamp-paging", "cap_lamp_paging", ("M8:mine_channels",))]


def mixed_site() -> dict:
    """The small mine with a village below its portal: people underground and in the valley."""
    site = mine_site(kind="mine_and_valley", residents=[households("v", 5)])
    site["site"]["nodes"] += [node("v", "household", 0.0, x=1200.0), node("v_hill", "assembly_point", 0.0,
                                                                           x=1200.0, y_m=300.0)]
    site["site"]["links"] += [link("road", "out", "v", 400.0, kind="road"),
                              link("p_v", "v", "v_hill", 300.0, kind="footpath")]
    return site


def bare_mixed_plan() -> dict:
    """No channel at all and no order at any level."""
    plan = mine_plan(channels=[], triggers=[{"id": "inflow", "quantity": "inrush_inflow_m3ph", "threshold": 500,
                                             "level": "red", "owner": "dispatcher"}],
                     actions_by_level={"red": [{"action": "notify_county", "owner": "dispatcher", "deadline_s": 3600}]})
    plan["plan"]["evacuation"]["assembly_points"] = ["v_hill"]
    return plan


def test_a_plan_with_no_channels_and_no_orders_for_a_mine_and_a_valley_lacks_all_four(tmp_path):
    ctx = context(tmp_path, mixed_site(), bare_mixed_plan(), base_scenario(order_at_s=None))
    got = {f.key: f for f in completeness_findings(ctx.loaded, ctx.spec)}
    assert got["M8:public_channels"].remedies == ("add_siren", "add_channel", "add_door_to_door")
    assert got["M8:downstream_order"].remedies == ("add_order", "pre_authorise")
    assert got["M8:mine_channels"].remedies == ("add_channel",)
    assert got["M8:mine_order"].remedies == ("add_order", "pre_authorise")
    assert all(got[k].cls == MUST_CORRECT for k in ("M8:public_channels", "M8:downstream_order", "M8:mine_channels",
                                                     "M8:mine_order"))


def test_a_plan_with_a_channel_and_an_order_for_each_audience_lacks_none_of_them(tmp_path):
    plan = bare_mixed_plan()
    plan["plan"]["channels"] = [{"id": "pa", "type": "mine_pa", "coverage": ["w"]},
                                {"id": "cb", "type": "sms", "needs_mains_power": False}]
    plan["plan"]["warning"]["actions_by_level"]["red"] += [
        {"action": "evacuate_underground", "owner": "dispatcher"},
        {"action": "evacuate_downstream", "owner": "dispatcher"}]
    ctx = context(tmp_path, mixed_site(), plan, base_scenario(order_at_s=None))
    keys = {f.key for f in completeness_findings(ctx.loaded, ctx.spec)}
    assert not keys & {"M8:public_channels", "M8:downstream_order", "M8:mine_channels", "M8:mine_order"}


def test_the_missing_underground_channel_of_a_mine_with_a_valley_is_answered_underground(tmp_path):
    ctx = context(tmp_path, mixed_site(), bare_mixed_plan(), base_scenario(order_at_s=None))
    [missing] = [f for f in completeness_findings(ctx.loaded, ctx.spec) if f.key == "M8:mine_channels"]
    types = [c.edits[0][2]["type"] for c in generate([missing], ctx) if c.kind == "add_channel"]
    assert "cap_lamp_paging" in types and "sms" not in types


def test_a_plan_that_never_orders_an_evacuation_gets_the_order_at_its_trigger_level(tmp_path):
    # the only trigger declares red and notifies the dispatcher, who may order an evacuation: the missing orders
    # go at red, given by the dispatcher; pre-authorising has no order to copy to a lower level
    ctx = context(tmp_path, mixed_site(), bare_mixed_plan(), base_scenario(order_at_s=None))
    missing = [f for f in completeness_findings(ctx.loaded, ctx.spec) if f.key.endswith("_order")]
    got = {c.key: c for c in generate(missing, ctx)}
    assert sorted(got) == ["add_order:evacuate_downstream:red", "add_order:evacuate_underground:red"]
    down = got["add_order:evacuate_downstream:red"]
    assert down.addresses == ("M8:downstream_order",)
    assert down.edits == (("append", ("plan", "warning", "actions_by_level", "red"),
                           {"id": "evacuate-downstream", "action": "evacuate_downstream", "owner": "dispatcher"}),)
    actions = revised_plan(tmp_path, down).warning.actions_by_level["red"]
    assert [a.action for a in actions] == ["notify_county", "evacuate_downstream"]


def test_the_added_order_goes_to_a_post_that_may_give_it(tmp_path):
    plan = bare_mixed_plan()
    plan["plan"]["roles"] = [{"id": "guard", "title": "Gate guard", "decision_delay_s": 60,
                              "may_order_evacuation": False},
                             {"id": "dispatcher", "title": "Dispatcher", "decision_delay_s": 60}]
    plan["plan"]["warning"]["triggers"][0]["owner"] = "guard"
    plan["plan"]["warning"]["actions_by_level"]["red"][0]["owner"] = "guard"
    ctx = context(tmp_path, mixed_site(), plan, base_scenario(order_at_s=None))
    [missing] = [f for f in completeness_findings(ctx.loaded, ctx.spec) if f.key == "M8:mine_order"]
    [cand] = [c for c in generate([missing], ctx) if c.kind == "add_order"]
    assert cand.edits[0][2]["owner"] == "dispatcher"
    revised_plan(tmp_path, cand)


# ------------------------------------------------------------------ refuges
def test_site_refuges_are_added_to_the_plan_and_the_nearest_named_as_the_routes_fallback(tmp_path):
    ctx = context(tmp_path, mine_site(), mine_plan(), base_scenario())
    got = candidates(ctx, "add_refuge", places=["w"])
    # no refuge named by the finding: each of the site's refuges the plan lacks; r_w is 150 m from w, r_e 400 m
    assert sorted(got) == ["add_refuge:r_e", "add_refuge:r_w", "add_refuge:w-out:r_w"]
    assert got["add_refuge:r_e"].edits == (("add_unique", ("plan", "evacuation", "refuges"), ["r_e"]),)
    fallback = got["add_refuge:w-out:r_w"]
    assert fallback.edits == (("add_unique", ("plan", "evacuation", "refuges"), ["r_w"]),
                              ("set", ("plan", "evacuation", "routes", {"id": "w-out"}, "refuge"), "r_w"))
    plan = revised_plan(tmp_path, fallback)
    assert plan.evacuation.refuges == ["r_w"] and plan.evacuation.routes[0].refuge == "r_w"


def test_a_refuge_the_plan_names_already_is_only_set_as_the_fallback(tmp_path):
    plan = mine_plan()
    plan["plan"]["evacuation"]["refuges"] = ["r_w"]
    ctx = context(tmp_path, mine_site(), plan, base_scenario())
    got = candidates(ctx, "add_refuge", places=["w"])
    assert sorted(got) == ["add_refuge:r_e", "add_refuge:w-out:r_w"]
    assert got["add_refuge:w-out:r_w"].edits == (
        ("set", ("plan", "evacuation", "routes", {"id": "w-out"}, "refuge"), "r_w"),)


def test_a_place_beyond_the_self_rescuers_walk_is_a_finding_that_names_the_refuge_within_it(tmp_path):
    # one flat level: the exit 3000 m east of w (2500 s at 1.2 m/s, over the 30 min of a self-rescuer);
    # r_near 1000 m east (833 s), r_far 2500 m west (2083 s): only r_near is within reach
    nodes = [node("w", "workplace", -50.0, x=0.0, level="-50"),
             node("r_near", "refuge", -50.0, x=1000.0, level="-50", capacity_persons=10),
             node("r_far", "refuge", -50.0, x=-2500.0, level="-50", capacity_persons=10),
             node("out", "portal", -50.0, x=3000.0)]
    links = [link("d1", "w", "r_near", 1000.0), link("d2", "r_near", "out", 2000.0),
             link("d3", "w", "r_far", 2500.0)]
    ctx = context(tmp_path, base_site(nodes, links, [{"at": "w", "count": 5}]),
                  base_plan(routes=[{"id": "w-out", "from": ["w"], "path": ["w", "r_near", "out"]}]),
                  base_scenario())
    [f] = [f for f in regulatory_findings(ctx.loaded, ctx.spec, []) if f.key.startswith("M7:refuge_reach")]
    assert f.key == "M7:refuge_reach:w" and f.cls == MUST_CORRECT
    assert f.targets == {"places": ["w"], "refuges": ["r_near"]} and f.remedies == ("add_refuge",)
    assert f.numbers["walk_s"] == pytest.approx(2500.0)
    got = {c.key: c for c in generate([f], ctx)}
    # the refuge the finding names (not r_far, also missing from the plan), and r_near as the route's fallback
    assert sorted(got) == ["add_refuge:r_near", "add_refuge:w-out:r_near"]
    assert all(c.addresses == ("M7:refuge_reach:w",) for c in got.values())


def two_level_mine(upper_m: float = 500.0) -> dict:
    """Two levels joined by a ramp, no refuge in the plan: -50 (w_up, ``upper_m`` along the level from its ramp)
    and -120 (w_low, 100 m from its ramp); each level's exit is where its ramp begins."""
    nodes = [node("w_up", "workplace", -50.0, x=-upper_m, level="-50"),
             node("j_up", "junction", -50.0, x=0.0, level="-50"),
             node("w_low", "workplace", -120.0, x=-100.0, level="-120"),
             node("j_low", "junction", -120.0, x=0.0, level="-120"),
             node("out", "portal", 0.0, x=600.0)]
    links = [link("d_up", "w_up", "j_up", upper_m), link("d_low", "w_low", "j_low", 100.0),
             link("ramp_low", "j_low", "j_up", 700.0, kind="ramp"), link("ramp_up", "j_up", "out", 600.0, kind="ramp")]
    return base_site(nodes, links, [{"at": "w_up", "count": 6}, {"at": "w_low", "count": 4}])


def refuge_findings(tmp_path: Path, site: dict, scenario: dict) -> dict[str, Finding]:
    plan = base_plan(routes=[{"id": "up", "from": ["w_up"], "path": ["w_up", "j_up", "out"]},
                             {"id": "low", "from": ["w_low"], "path": ["w_low", "j_low", "j_up", "out"]}])
    ctx = context(tmp_path, site, plan, scenario)
    return {f.key: f for f in regulatory_findings(ctx.loaded, ctx.spec, []) if f.key.startswith("M7:refuge_seats")}


def test_a_shallow_mine_needs_no_refuge_unless_at_inrush_risk(tmp_path):
    # both levels < 300 m below the portal, no workplace 2 000 m from its level's exit: no refuge is required
    assert refuge_findings(tmp_path, two_level_mine(), base_scenario()) == {}
    # an inrush: AQ 2033-2011 5.3 requires one on the lowest production level (-120), not on -50
    inrush = {"inrush": {"source": "w_low", "hydrograph": [{"t_s": 0, "inflow_m3ph": 600}]}}
    got = refuge_findings(tmp_path, two_level_mine(), base_scenario(hazard=inrush))
    assert list(got) == ["M7:refuge_seats:-120"] and got["M7:refuge_seats:-120"].cls == MUST_CORRECT
    assert got["M7:refuge_seats:-120"].numbers == {"seats": 0, "headcount": 4}
    assert "the scenario has an inrush" in got["M7:refuge_seats:-120"].evidence


def test_a_level_whose_workplace_is_over_2000_m_from_its_exit_needs_a_refuge(tmp_path):
    # w_up is 2 500 m along -50 from where its ramp begins; 1 999 m is within the rule
    assert refuge_findings(tmp_path, two_level_mine(upper_m=1999.0), base_scenario()) == {}
    got = refuge_findings(tmp_path, two_level_mine(upper_m=2500.0), base_scenario())
    assert list(got) == ["M7:refuge_seats:-50"]
    assert "2,500 m along the level" in got["M7:refuge_seats:-50"].evidence


def test_a_new_route_keeps_the_old_routes_refuge_or_takes_the_one_given(tmp_path):
    plan = mine_plan()
    plan["plan"]["evacuation"]["routes"] = [{"id": "w-out", "from": ["w"], "path": ["w", "st_a", "out"],
                                             "refuge": "r_e"}]
    plan["plan"]["evacuation"]["refuges"] = ["r_e", "r_w"]
    ctx = context(tmp_path, mine_site(), plan, base_scenario())
    path = ["w", "st_a", "out"]
    kept = _reroute_edits(ctx, "w", path)
    given = _reroute_edits(ctx, "w", path, refuge="r_w")
    assert kept[-1] == ("append", ("plan", "evacuation", "routes"),
                        {"id": "w-revised", "from": ["w"], "path": path, "refuge": "r_e"})
    assert given[-1][2]["refuge"] == "r_w"


# ------------------------------------------------------------------ no entry, reports
def test_stop_entry_is_added_at_each_lower_level_the_storm_warns_of_with_a_trigger_where_it_has_none(tmp_path):
    # 10 mm/h from the start: 50 mm by 5 h meets blue (50 mm in 12 h) and yellow (50 mm in 6 h); never 50 mm in
    # 3 h (orange) nor 100 mm (red). Only red has a trigger of the plan's.
    storm = {"storm": {"observed": [{"t_s": 0, "mm_per_h": 10}]}}
    ctx = context(tmp_path, mine_site(), mine_plan(), base_scenario(duration_s=12 * 3600, hazard=storm))
    got = candidates(ctx, "stop_entry_earlier", level="orange")
    assert list(got) == ["stop_entry_earlier:blue", "stop_entry_earlier:yellow", "stop_entry_earlier:red"]
    rule = ("set", ("plan", "warning", "no_entry"), {"met_warning_at": "orange"})
    assert got["stop_entry_earlier:blue"].edits == (
        rule,
        ("append", ("plan", "warning", "triggers"),
         {"id": "met-blue", "quantity": "met_warning", "at_level": "blue", "level": "blue", "owner": "shift_boss",
          "detection_delay_s": 600}),
        ("append", ("plan", "warning", "actions_by_level", "blue"),
         {"id": "stop-entry-blue", "action": "stop_entry", "owner": "shift_boss"}))
    # red has its trigger: the step goes to that trigger's owner, and no trigger is added
    assert got["stop_entry_earlier:red"].edits == (
        rule, ("append", ("plan", "warning", "actions_by_level", "red"),
               {"id": "stop-entry-red", "action": "stop_entry", "owner": "dispatcher"}))
    plan = revised_plan(tmp_path, got["stop_entry_earlier:yellow"])
    assert [t.id for t in plan.warning.triggers] == ["inflow", "met-yellow"]
    assert plan.warning.no_entry is not None and plan.warning.no_entry.met_warning_at == "orange"
    assert [a.action for a in plan.warning.actions_by_level["yellow"]] == ["stop_entry"]


def test_a_report_to_the_county_is_added_at_the_top_level_by_its_first_steps_owner(tmp_path):
    warning = {"triggers": [{"id": "inflow", "quantity": "inrush_inflow_m3ph", "threshold": 500, "level": "red",
                             "owner": "dispatcher"},
                            {"id": "watch", "quantity": "inrush_inflow_m3ph", "threshold": 100, "level": "yellow",
                             "owner": "dispatcher"}],
               "actions_by_level": {"red": [{"action": "evacuate_underground", "owner": "shift_boss"}],
                                    "yellow": [{"action": "stop_entry", "owner": "dispatcher"}]}}
    ctx = context(tmp_path, mine_site(), mine_plan(**warning), base_scenario())
    got = candidates(ctx, "add_report_deadline")
    assert got["add_report_deadline:county"].edits == (
        ("append", ("plan", "warning", "actions_by_level", "red"),
         {"id": "report-county", "action": "notify_county", "owner": "shift_boss", "deadline_s": 3600}),)
    assert got["add_report_deadline:county"].static
    red = revised_plan(tmp_path, got["add_report_deadline:county"]).warning.actions_by_level["red"]
    assert [(a.action, a.owner, a.deadline_s) for a in red] == [
        ("evacuate_underground", "shift_boss", None), ("notify_county", "shift_boss", 3600)]


def test_a_plan_with_no_steps_gets_no_report_deadline(tmp_path):
    ctx = context(tmp_path, mine_site(), mine_plan(triggers=[]), base_scenario())
    assert candidates(ctx, "add_report_deadline") == {}


# ------------------------------------------------------------------ M7 checks
@pytest.mark.parametrize(("rule", "flagged"), [
    ({"met_warning_at": "red"}, True),  # only at red: too late
    ({"met_warning_at": None}, True),  # never, by warnings or by monitoring
    ({"met_warning_at": None, "monitoring_at": "orange"}, False),
    ({"met_warning_at": "orange"}, False),
])
def test_a_no_entry_rule_that_holds_only_at_red_or_never_is_an_improvement(tmp_path, rule, flagged):
    plan = mine_plan()
    plan["plan"]["warning"]["no_entry"] = rule
    ctx = context(tmp_path, mine_site(), plan, base_scenario())
    got = [f for f in regulatory_findings(ctx.loaded, ctx.spec, []) if f.key.startswith("M7:no_entry")]
    if not flagged:
        assert got == []
        return
    [f] = got
    assert (f.key, f.cls, f.remedies, f.targets) == ("M7:no_entry_level", IMPROVEMENT, ("stop_entry_earlier",),
                                                     {"level": "orange"})


def test_people_sent_underground_during_red_or_against_the_rule_are_findings(tmp_path):
    ctx = context(tmp_path, mine_site(), mine_plan(), base_scenario())
    readings = [reading(replication=k, entered_during_red=red, entry_violations=viol)
                for k, (red, viol) in enumerate([(3, 0), (0, 2), (1, 0), (0, 0)])]
    got = {f.key: f for f in regulatory_findings(ctx.loaded, ctx.spec, readings)}
    red = got["M7:entry_red"]
    # in 2 of 4 replications, 4 people in all: 2.0 on average when it happened, 1.0 per replication
    assert red.cls == DEFICIENCY and red.remedies == ("stop_entry_earlier",)
    assert (red.numbers["replications"], red.numbers["mean_persons"], red.weight) == (2, 1.0, 1.0)
    assert (red.facts["avg"], red.facts["most"]) == (2.0, 3)
    rule = got["M7:entry_rule"]
    assert rule.cls == MUST_CORRECT and rule.numbers == {"replications": 1} and rule.weight == 0.5
    assert (rule.facts["k"], rule.facts["avg"], rule.facts["most"]) == (1, 2.0, 2)


def test_one_entry_during_red_in_forty_replications_is_within_the_tolerated_tail(tmp_path):
    ctx = context(tmp_path, mine_site(), mine_plan(), base_scenario())
    readings = [reading(replication=k, entered_during_red=int(k == 7)) for k in range(40)]
    [red] = [f for f in regulatory_findings(ctx.loaded, ctx.spec, readings) if f.key == "M7:entry_red"]
    assert red.cls == IMPROVEMENT  # 1/40 = 2.5 %, within the 5 % tail
    assert "M7:entry_rule" not in {f.key for f in regulatory_findings(ctx.loaded, ctx.spec, readings)}


@pytest.mark.parametrize(("approved", "overdue"), [("2022-07-01", True), ("2024-07-01", False),
                                                   ("2023-07-01", False), ("2023-06-30", True)])
def test_a_plan_approved_more_than_three_years_before_the_drill_is_due_for_evaluation(tmp_path, approved, overdue):
    plan = mine_plan()
    # the drill is on 2026-07-01: 4 and 2 years later; on the third anniversary the evaluation is due, not overdue
    plan["plan"]["approved_on"] = approved
    ctx = context(tmp_path, mine_site(), plan, base_scenario())
    assert ctx.loaded.plan.approved_on == dt.date.fromisoformat(approved)
    got = {f.key: f for f in regulatory_findings(ctx.loaded, ctx.spec, [])}
    assert "M7:approved" not in got
    assert ("M7:evaluation" in got) is overdue
    if overdue:
        assert got["M7:evaluation"].cls == MUST_CORRECT
        assert got["M7:evaluation"].facts == {"date": approved, "years": 3, "drill": "2026-07-01"}


def test_three_years_are_counted_in_calendar_years():
    from drills.experiment.plan_checks import years_after

    assert years_after(dt.date(2023, 7, 1), 3) == dt.date(2026, 7, 1)  # 1096 days, over a 29 February
    assert years_after(dt.date(2021, 7, 1), 3) == dt.date(2024, 7, 1)
    assert years_after(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    assert years_after(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


def test_pond_monitoring_below_the_design_minimum_or_missing_is_a_finding(tmp_path):
    files = copy_bundled(tmp_path, FLOOD_FILES)
    # the dry beach's red at 40 m, below the design minimum of 50 m; the freeboard not monitored at all
    break_file(files["plan"], "thresholds: {blue: 110, yellow: 90, orange: 70, red: 50}",
               "thresholds: {blue: 110, yellow: 90, orange: 70, red: 40}")
    text = PlanText(files["plan"])
    tree = text.apply(text.copy(), [("remove", ("plan", "warning", "monitoring", "items"), {"id": "freeboard"})])
    files["plan"].write_text(text.render(tree), encoding="utf-8")
    loaded = load(files["scenario"])
    got = {f.key: f for f in regulatory_findings(loaded, compile_drill(loaded, replications=1), [])}
    assert got["M7:pond:beach_length_m"].facts == {"quantity": "beach_length_m", "design": 50.0, "reds": [40.0]}
    assert got["M7:pond:freeboard_m"].facts == {"quantity": "freeboard_m", "design": 0.5, "reds": None}
    assert got["M7:pond:freeboard_m"].cls == MUST_CORRECT


# ------------------------------------------------------------------ plan edits
def jinshan() -> PlanText:
    return PlanText(bundled_root() / "plans" / "jinshan_mine_plan.yaml")


def test_deleting_a_key_removes_its_line_only():
    text = jinshan()
    tree = text.apply(text.copy(), [("delete", ("plan", "roles", {"id": "dispatcher"}, "handover_s"))])
    assert "handover_s" not in tree["plan"]["roles"][0]
    new = text.render(tree)
    gone = [ln for ln in text.text.splitlines() if ln not in new.splitlines()]
    assert gone == ["      handover_s: {dist: lognormal, median: 120, p95: 600}"]
    assert len(new.splitlines()) == len(text.text.splitlines()) - 1


@pytest.mark.parametrize(("edit", "message"), [
    (("delete", ("plan", "roles", {"id": "dispatcher"}, "nickname")),
     "no 'nickname' to delete at plan.roles.[id=dispatcher].nickname"),
    (("rename", ("plan", "id"), "x"), "unknown edit 'rename'"),
    (("set", ("plan", {"id": "x"}, "title"), "x"), "plan is not a list"),
    (("remove", ("plan", "evacuation", "shelters"), "x"), "no plan.evacuation.shelters in the plan"),
    (("set", ("plan", "roles", 7, "title"), "x"), "no plan.roles.7 in the plan"),
    (("append", ("plan", "evacuation"), {"id": "x"}), "plan.evacuation is not a list"),
])
def test_an_edit_that_does_not_fit_the_plan_says_where(edit, message):
    text = jinshan()
    with pytest.raises(EditError) as err:
        text.apply(text.copy(), [edit])
    assert str(err.value) == message


def test_a_plan_written_on_one_line_is_edited_too(tmp_path):
    # a plan written by a tool as compact JSON: no indented mapping key to take the indent from
    data = valley_plan()
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert len(path.read_text(encoding="utf-8").splitlines()) == 1
    text = PlanText(path)
    new = text.render(text.apply(text.copy(), [("set", ("plan", "channels", {"id": "siren-1"}, "coverage"), ["j"])]))
    data["plan"]["channels"][0]["coverage"] = ["j"]
    assert plain(new) == data


def test_a_splice_that_does_not_load_falls_back_to_the_plain_dump(monkeypatch):
    text = jinshan()
    tree = text.apply(text.copy(), [("set", ("plan", "version"), "2026.2")])
    monkeypatch.setattr(plan_edit, "_splice", lambda *_: "plan: [unclosed\n")
    new = text.render(tree, header="# revised\n")
    assert new.startswith("# revised\n") and "unclosed" not in new
    want = plain(text.text)
    want["plan"]["version"] = "2026.2"
    assert plain(new) == want



def test_a_proposed_channel_is_as_slow_as_the_bundled_plans_own_of_its_type():
    """A channel the plan lacks is proven with the delays of the bundled plans' channel of that type, not with
    quicker ones of its own (its gain would be overstated)."""
    from drills.experiment import revisions as rv

    def channel(plan: str, ident: str) -> dict:
        data = YAML(typ="safe").load((bundled_root() / "plans" / plan).read_text(encoding="utf-8"))
        return next(c for c in data["plan"]["channels"] if c["id"] == ident)

    assert channel("qingshui_dam_plan.yaml", "cell-broadcast")["activation_delay_s"] == rv.CELL_BROADCAST_ACTIVATION
    paging = channel("jinshan_mine_plan.yaml", "cap-lamp-paging")
    assert (paging["activation_delay_s"], paging["hear_probability"]) == (rv.PAGING_ACTIVATION, rv.PAGING_HEARD)
    siren = channel("qingshui_dam_plan.yaml", "siren-dam")
    assert siren["activation_delay_s"] == rv.SIREN_ACTIVATION_S


@pytest.mark.parametrize(("road_m", "near"), [(900.0, ["bend"]), (1500.0, []), (None, ["bend"])])
def test_an_overhead_pond_is_measured_along_the_way_the_tailings_flow(tmp_path, road_m, near):
    """头顶库 (应急〔2020〕15号): residents within 1 km of the dam along the tailings' flow path. A village 600 m from
    the dam in a straight line but 1 500 m down a winding valley is not; one no link joins is measured straight."""
    from drills.experiment.plan_checks import overhead_residents

    nodes = [node("dam", "dam", 100.0), node("bend", "household", 80.0, x=600.0),
             node("hill", "assembly_point", 120.0, x=600.0, y_m=400.0)]
    links = [link("p_hill", "bend", "hill", 400.0, kind="footpath")]
    if road_m is not None:
        links.append(link("valley", "dam", "bend", road_m, kind="road"))
    site = base_site(nodes, links, [], kind="tailings_valley", residents=[households("bend", 5)],
                     dams=[{"id": "d", "node": "dam", "height_m": 40, "stored_volume_m3": 3e6, "pond_class": 4}])
    del site["site"]["shifts"]
    plan = base_plan()
    plan["plan"]["evacuation"] = {"assembly_points": ["hill"]}
    ctx = context(tmp_path, site, plan, valley_scenario())
    assert overhead_residents(ctx.loaded, ctx.spec) == near


def test_an_order_is_changed_for_the_people_of_the_finding_s_place_only(tmp_path):
    """Villagers at xc_south not safe when the water came (a finding that names its place, not its group): the
    first change drill run proposed was 'Pre-authorise evacuate_underground at orange', the order for the mine's
    people, who were not even underground in a flood season whose night shift was empty."""
    files = copy_bundled(tmp_path, FLOOD_FILES)
    loaded = load(files["scenario"])
    spec = compile_drill(loaded, replications=1)
    ctx = Context(loaded, spec, [math.inf] * len(spec.network.nodes), dict(DEFAULT_COSTS))
    village = candidates(ctx, "pre_authorise", "make_automatic", places=["xc_south"])
    assert [k for k in village if k.startswith("pre_authorise")] == ["pre_authorise:evacuate_downstream:orange"]
    mine = candidates(ctx, "pre_authorise", places=["stope360e"])
    assert list(mine) == ["pre_authorise:evacuate_underground:orange"]


def test_coverage_is_extended_for_the_runner_nearest_by_the_ways_underground(tmp_path: Path) -> None:
    """A mine with a runner on each level had every runner proposed to reach a place, the one two levels up too
    ('Extend runner-1300 coverage to shop1350' while runner-1350 starts on that level); on the map the shaft
    stations of all levels lie at one spot. The runner who sets out nearest by the ways underground is proposed."""
    from drills.experiment.exercise import run_exercise

    files = copy_bundled(tmp_path)
    break_file(files["plan"], "  evacuation:\n",
               "    - {id: runner-a120, type: runner, start: st120, coverage: [st120]}\n"
               "    - {id: runner-b360, type: runner, start: st360, coverage: [st360]}\n\n  evacuation:\n")
    loaded = load(files["scenario"])
    spec = compile_drill(loaded, replications=2)
    ctx = Context.of(loaded, spec, run_exercise(spec).results)
    net = spec.network
    assert (net.nodes[net.index["st120"]].x_m, net.nodes[net.index["st120"]].y_m) == \
        (net.nodes[net.index["st360"]].x_m, net.nodes[net.index["st360"]].y_m)  # the case: stacked on the map
    for place, runner in (("stope360e", "runner-b360"), ("stope120e", "runner-a120")):
        got = candidates(ctx, "extend_coverage", group="miner", places=[place])
        assert {c.facts["channel"] for c in got.values() if c.facts["type"] == "runner"} == {runner}, place
