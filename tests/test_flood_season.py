"""Flood season in the drill: warnings from the rain, decisions after their delays, the no-entry rule,
monitoring levels and injected faults (power, sensors)."""

from __future__ import annotations

import math

import pytest
from conftest import base_plan, base_scenario, base_site, link, node

from drills.inputs.problems import InputError
from drills.model.drill import Drill, run_drill

# 60 mm/h for 2 h from t = 1 h: ≥ 50 mm within 3 h (orange) is first met at 1 h 50 min,
# ≥ 100 mm within 3 h (red) at 2 h 40 min.
RAIN = {"observed": [{"t_s": 0, "mm_per_h": 0}, {"t_s": 3600, "mm_per_h": 60}, {"t_s": 10800, "mm_per_h": 0}],
        "warning_lead_s": 1800}


def mine_site() -> dict:
    site = base_site([node("face", "workplace"), node("out", "portal")], [link("d", "face", "out", 120.0)],
                     [{"at": "face", "count": 2}])
    site["site"]["shifts"]["night"] = [{"at": "face", "count": 3}]
    return site


def storm_plan(actions: list[dict], triggers: list[dict], **kw) -> dict:
    return base_plan(
        roles=[{"id": "disp", "title": "Dispatcher", "decision_delay_s": 240, "backups": []}],
        warning={"triggers": triggers, "actions_by_level": {"red": actions}, **kw},
    )


def met_trigger(level: str = "orange", **kw) -> dict:
    return {"id": "met", "quantity": "met_warning", "at_level": level, "level": "red", "owner": "disp", **kw}


def test_evacuation_order_comes_one_decision_delay_after_the_warning(build):
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"}], [met_trigger("orange")])
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN})
    res = run_drill(build(mine_site(), plan, scen), 0, 1)
    issued = 3600 + 50 / 60 * 3600 - 1800  # criterion met at 1 h 50 min, issued 30 min before
    assert res.order_s == pytest.approx(issued + 240)
    assert any(e.kind == "trigger" and e.t_s == pytest.approx(issued) for e in res.timeline)


def test_automatic_trigger_skips_the_decision_delay(build):
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"}], [met_trigger("orange", automatic=True)])
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN})
    res = run_drill(build(mine_site(), plan, scen), 0, 1)
    assert res.order_s == pytest.approx(3600 + 50 / 60 * 3600 - 1800)


def test_an_automatic_trigger_gives_the_order_at_once_but_the_report_waits_for_its_post(build):
    # 条例 第九条: the report to the county is made by a person, whatever starts the sirens
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"},
                       {"action": "notify_county", "owner": "disp"}], [met_trigger("orange", automatic=True)])
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN})
    res = run_drill(build(mine_site(), plan, scen), 0, 1)
    issued = 3600 + 50 / 60 * 3600 - 1800
    assert sorted((a.action, a.done_s) for a in res.actions) == [
        ("evacuate_underground", pytest.approx(issued)), ("notify_county", pytest.approx(issued + 240))]


def escalation_plan(red_owner: str = "disp") -> dict:
    """Orange at the orange weather warning (1 h 20 min: stop entry, tell the county); red at 20 min
    (elapsed time: the order, and tell the county again). The dispatcher decides in 240 s."""
    plan = base_plan(
        roles=[{"id": "disp", "title": "Dispatcher", "decision_delay_s": 240, "backups": []},
               {"id": "away", "title": "Deputy", "decision_delay_s": 60, "present_probability": 0.0}],
        warning={"triggers": [met_trigger("orange") | {"level": "orange"},
                              {"id": "clock", "quantity": "elapsed_s", "threshold": 1200, "level": "red",
                               "owner": red_owner}],
                 "actions_by_level": {
                     "orange": [{"id": "stop", "action": "stop_entry", "owner": "disp"},
                                {"id": "county-o", "action": "notify_county", "owner": "disp"}],
                     "red": [{"id": "order", "action": "evacuate_underground", "owner": "disp"},
                             {"id": "county-r", "action": "notify_county", "owner": "disp"}]}})
    return plan


def test_declaring_red_takes_the_lower_levels_steps_and_a_later_orange_declares_nothing(build):
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN})
    res = run_drill(build(mine_site(), escalation_plan(), scen), 0, 1)
    red = 1200 + 240
    # the orange step red lacks (stop entry) is taken with red; tell the county, in both, is done once
    assert sorted((a.action, a.done_s) for a in res.actions) == [
        ("evacuate_underground", red), ("notify_county", red), ("stop_entry", red)]
    decisions = [e.what for e in res.timeline if e.kind == "decision"]
    assert decisions == ["Dispatcher declares red"]
    # the orange warning (issued at 1 h 20 min) is met, after red: logged, declared by nobody
    assert any(e.what == "met met (orange)" and e.t_s == pytest.approx(4800) for e in res.timeline)
    # in the log, the declaration comes before the steps it starts
    whats = [e.what for e in res.timeline]
    assert whats.index("Dispatcher declares red") < whats.index("entry underground stopped by Dispatcher")


def test_the_steps_taken_with_red_are_read_as_due_and_done_with_it_and_a_repeated_one_once(build):
    from drills.experiment.readings import PlanFacts, step_outcomes

    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN})
    spec = build(mine_site(), escalation_plan(), scen)
    facts = PlanFacts({}, {"met": "orange", "clock": "red"}, False)
    got = [(o.level, o.action.id, o.status) for o in step_outcomes(run_drill(spec, 0, 1), spec, facts)]
    # red's two steps, and orange's stop-entry taken with red; orange's report to the county is red's own
    assert got == [("red", "order", "on_time"), ("red", "county-r", "on_time"), ("orange", "stop", "on_time")]
    # nobody decides red: orange is due at its own trigger, 4 800 s, and decided then
    spec = build(mine_site(), escalation_plan(red_owner="away"), scen)
    got = [(o.level, o.action.id, o.status, o.why) for o in step_outcomes(run_drill(spec, 0, 1), spec, facts)]
    assert got == [("red", "order", "not_done", "nobody_declared"), ("red", "county-r", "not_done", "nobody_declared"),
                   ("orange", "stop", "on_time", ""), ("orange", "county-o", "on_time", "")]


def test_a_red_nobody_declares_leaves_orange_to_its_own_trigger(build):
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN})
    res = run_drill(build(mine_site(), escalation_plan(red_owner="away"), scen), 0, 1)
    assert sorted((a.action, a.done_s) for a in res.actions) == [("notify_county", 4800 + 240),
                                                                 ("stop_entry", 4800 + 240)]
    assert [e.what for e in res.timeline if e.kind == "decision"] == [
        "nobody to decide on clock", "Dispatcher declares orange"]
    # the post's absence is logged as what it is, the chain handing over, not as a decision taken
    assert [(e.kind, e.what) for e in res.timeline if e.what.endswith(" absent")] == [("absence", "Deputy absent")]


def entry_spec(build, *, stop_entry: bool, rule: bool):
    actions = [{"action": "stop_entry", "owner": "disp"}] if stop_entry else [{"action": "notify_county",
                                                                                "owner": "disp"}]
    plan = storm_plan(actions, [met_trigger("orange")], **({"no_entry": {"met_warning_at": "orange"}} if rule else {}))
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN},
                         entries=[{"at_s": 7200, "shift": "night"}])
    return build(mine_site(), plan, scen)


def entry_case(build, *, stop_entry: bool, rule: bool):
    return run_drill(entry_spec(build, stop_entry=stop_entry, rule=rule), 0, 1)


def test_with_the_entry_ban_in_force_no_one_enters(build):
    res = entry_case(build, stop_entry=True, rule=True)
    night = [p for p in res.people if p.person.startswith("night@")]
    assert len(night) == 3
    assert all(p.outcome == "kept_out" for p in night)
    assert res.entered == 0 and res.entry_violations == 0


def test_the_table_by_level_counts_the_shift_kept_on_the_surface_apart(build):
    """The 3 of the night shift never went down: the level's row is of the 2 who were on it."""
    from drills.experiment.exercise import ExerciseResult
    from drills.experiment.scorecard import scorecard

    spec = entry_spec(build, stop_entry=True, rule=True)
    [zone] = scorecard(ExerciseResult(spec=spec, seed=1, results=(run_drill(spec, 0, 1),))).zones
    assert (zone.people, zone.kept_out) == (2, 3)


@pytest.mark.parametrize("at_s", [14400, 20000])
def test_a_later_shift_due_when_the_drill_has_ended_is_not_in_it(build, at_s):
    """An entry at or after the end (a drill shortened, its entries left as they were) never goes down: the run
    stops first. Its people stood at their workplace to the end as 'underground', never warned and never safe, so
    the scorecard read 'everyone warned: never' and 40 % safe, of people who were never there. It is not in the
    drill."""
    from drills.experiment.exercise import ExerciseResult
    from drills.experiment.scorecard import scorecard

    scen = base_scenario(order_at_s=600, duration_s=14400, entries=[{"at_s": at_s, "shift": "night"}])
    spec = build(mine_site(), base_plan(), scen)
    assert not spec.entries and not any(p.id.startswith("night@") for p in spec.people)  # were 3 people
    res = run_drill(spec, 0, 1)
    assert {p.outcome for p in res.people} == {"surface"}
    card = scorecard(ExerciseResult(spec=spec, seed=1, results=(res,)))
    assert card.get("share_safe").mean == 1.0 and card.get("t100_warned_s").mean < 14400  # were 0.4 and never


def test_a_later_shift_still_on_the_surface_is_not_told_by_its_crew_underground(build):
    """The night shift shares the day crew's name (its workplace); the day crew's relay is for those there."""
    scen = base_scenario(order_at_s=600, duration_s=14400, entries=[{"at_s": 7200, "shift": "night"}])
    spec = build(mine_site(), base_plan(), scen)
    res = run_drill(spec, 0, 1)
    day = [p for p in res.people if not p.person.startswith("night@")]
    night = [p for p in res.people if p.person.startswith("night@")]
    assert {p.outcome for p in day} == {"surface"} and {p.outcome for p in night} == {"kept_out"}
    assert all(p.warned_s >= 600 for p in day)
    assert all(p.warned_by == "" and math.isnan(p.warned_s) for p in night)
    # the workplace was cleared when the last of the day crew left it, not when the night shift was kept out
    face = spec.network.index["face"]
    assert res.node_clear_s[face] == max(p.outcome_s for p in day) < 7200.0


def test_entering_while_the_rule_holds_is_a_violation(build):
    res = entry_case(build, stop_entry=False, rule=True)
    assert res.entered == 3 and res.entry_violations == 3
    assert res.peak_underground == 5
    assert any(e.kind == "rule" for e in res.timeline)


def test_entering_without_a_rule_is_no_violation(build):
    res = entry_case(build, stop_entry=False, rule=False)
    assert res.entered == 3 and res.entry_violations == 0


# ---------------------------------------------------------------- faults


def test_power_loss_silences_a_pa_without_battery(build):
    site = base_site([node("face", "workplace"), node("out", "portal")], [link("d", "face", "out", 120.0)],
                     [{"at": "face", "count": 2}])
    plan = base_plan(channels=[{"id": "pa", "type": "mine_pa", "coverage": ["face"], "backup_power_h": 0}])
    scen = base_scenario(duration_s=3600, faults=[{"kind": "mains_power", "at_s": 0}])
    res = run_drill(build(site, plan, scen), 0, 1)
    assert all(p.warned_by == "" for p in res.people)
    assert any(e.kind == "fault" and e.what == "mains_power" for e in res.timeline)
    with_battery = base_plan(channels=[{"id": "pa", "type": "mine_pa", "coverage": ["face"], "backup_power_h": 2}])
    res = run_drill(build(site, with_battery, scen), 0, 1)
    assert all(p.warned_by == "pa" for p in res.people)


def test_a_runner_needs_no_mains_and_warns_through_a_power_loss(build):
    # a person on foot has no plug: the plan need not write needs_mains_power: false for its runner to go on
    site = base_site([node("face", "workplace"), node("out", "portal")], [link("d", "face", "out", 120.0)],
                     [{"at": "face", "count": 2}])
    scen = base_scenario(duration_s=3600, faults=[{"kind": "mains_power", "at_s": 0}])
    runner = {"id": "run", "type": "runner", "start": "out", "coverage": ["face"]}
    res = run_drill(build(site, base_plan(channels=[runner]), scen), 0, 1)
    assert len(res.people) == 2 and all(p.warned_by == "run" for p in res.people)
    # a plan that says its runner needs the mains (say, a runner sent from a lift that needs it) is taken at its word
    res = run_drill(build(site, base_plan(channels=[{**runner, "needs_mains_power": True}]), scen), 0, 1)
    assert all(p.warned_by == "" for p in res.people)


def shaft_with_ladder(n: int) -> dict:
    return base_site(
        [node("collar", "collar", z=0.0), node("st", "shaft_station", z=-120.0), node("top", "surface", z=0.0, x=50)],
        [link("shaft", "collar", "st", 120.0, width=5.0, kind="shaft", height_m=5.0),
         link("lad", "st", "top", 125.0, width=1.2, kind="ladderway")],
        [{"at": "st", "count": n}],
        hoists=[{"id": "cage", "stations": ["collar", "st"], "cage_capacity_persons": 10, "start_station": "st"}],
    )


def test_power_loss_stops_the_cage_and_the_queue_takes_the_ladder(build):
    plan = base_plan(routes=[{"id": "up", "from": ["st"], "path": ["st", "collar"]}], exits=["collar", "top"])
    scen = base_scenario(duration_s=7200, faults=[{"kind": "mains_power", "at_s": 100}])
    res = run_drill(build(shaft_with_ladder(40), plan, scen), 0, 1)
    by_exit = {e: sum(1 for p in res.people if p.end == e) for e in ("collar", "top")}
    [cage] = res.hoists
    # the first load of 10 left at once; the stop at 100 s sends the 30 still waiting up the ladder
    assert cage.trips == 1 and by_exit == {"collar": 10, "top": 30}
    no_fault = run_drill(build(shaft_with_ladder(40), plan, base_scenario(duration_s=7200)), 0, 1)
    assert all(p.end == "collar" for p in no_fault.people)


def test_role_absent_fault_hands_the_decision_to_the_backup(build):
    roles = [{"id": "disp", "title": "Dispatcher", "decision_delay_s": 50, "backups": ["lead"], "handover_s": 30},
             {"id": "lead", "title": "Leader", "decision_delay_s": 70}]
    plan = base_plan(roles=roles, warning={
        "triggers": [{"id": "t", "quantity": "elapsed_s", "threshold": 100, "owner": "disp", "level": "red"}],
        "actions_by_level": {"red": [{"action": "evacuate_underground", "owner": "disp"}]}})
    site = base_site([node("face", "workplace"), node("out", "portal")], [link("d", "face", "out", 120.0)],
                     [{"at": "face", "count": 1}])
    res = run_drill(build(site, plan, base_scenario(order_at_s=None)), 0, 1)
    assert res.order_s == pytest.approx(150)
    scen = base_scenario(order_at_s=None, faults=[{"kind": "role_absent", "target": "disp"}])
    res = run_drill(build(site, plan, scen), 0, 1)
    assert res.order_s == pytest.approx(100 + 30 + 70)


def test_a_fault_with_a_probability_happens_in_that_share_of_replications(build):
    site = base_site([node("face", "workplace"), node("out", "portal")], [link("d", "face", "out", 120.0)],
                     [{"at": "face", "count": 1}])
    plan = base_plan(channels=[{"id": "pa", "type": "mine_pa", "coverage": ["face"]}])
    scen = base_scenario(duration_s=600, faults=[{"kind": "channel_down", "target": "pa", "probability": 0.3}])
    spec = build(site, plan, scen)
    n = 400
    down = sum(1 for r in range(n) if run_drill(spec, r, 5).faults)
    assert down / n == pytest.approx(0.3, abs=3 * math.sqrt(0.3 * 0.7 / n))


# ---------------------------------------------------------------- monitoring


def pond_site() -> dict:
    site = mine_site()["site"]
    site["nodes"] = [*site["nodes"], node("dam", "dam", z=100.0, x=500)]
    site["dams"] = [{"id": "d1", "node": "dam", "height_m": 40, "stored_volume_m3": 3e6, "pond_class": 4,
                     "pond": {"catchment_area_m2": 2.0e6, "runoff_coefficient": 0.8,
                              "stage_area": [[90, 0], [100, 200000], [110, 400000]], "crest_elevation_m": 108,
                              "spillway_crest_m": 107, "spillway_width_m": 0, "decant_invert_m": 95,
                              "decant_m3ps": 0.5, "beach_slope": 0.01, "min_freeboard_m": 0.5,
                              "min_beach_length_m": 50}}]
    return {"site": site}


def monitoring_plan(failing: bool = False) -> dict:
    items = [{"id": "freeboard", "quantity": "freeboard_m",
              "points": [{"id": f"fb{k}", "thresholds": {"blue": 3.0, "yellow": 2.5, "orange": 2.2, "red": 2.0}}
                         for k in (1, 2)]}]
    return storm_plan([{"action": "evacuate_underground", "owner": "disp"}],
                      [{"id": "mon", "quantity": "monitoring_level", "at_level": "red", "level": "red",
                        "owner": "disp"}], monitoring={"poll_s": 600, "items": items})


def test_monitoring_level_follows_the_pond_with_the_counting_rule_and_failed_sensors(build):
    scen = {"storm": RAIN, "pond": {"dam": "d1", "initial_level_m": 105.6}}
    spec = build(pond_site(), monitoring_plan(), base_scenario(order_at_s=None, duration_s=14400, hazard=scen))
    t, fb = spec.season.series["freeboard_m"]

    def next_poll(threshold: float) -> float:
        return math.ceil(t[fb <= threshold][0] / 600) * 600

    # two points at orange make the item red (GB 39496 §5.5.4): red as soon as both read ≤ 2.2 m
    res = run_drill(spec, 0, 1)
    assert res.order_s == pytest.approx(next_poll(2.2) + 240, abs=1.0)
    # with one sensor failed the other must itself reach red (≤ 2.0 m)
    one_down = base_scenario(order_at_s=None, duration_s=14400, hazard=scen,
                             faults=[{"kind": "sensor_failed", "target": "fb1"}])
    res = run_drill(build(pond_site(), monitoring_plan(), one_down), 0, 1)
    assert res.order_s == pytest.approx(next_poll(2.0) + 240, abs=1.0)
    assert next_poll(2.0) > next_poll(2.2)
    both_down = base_scenario(order_at_s=None, duration_s=14400, hazard=scen,
                              faults=[{"kind": "sensor_failed", "target": "fb1"},
                                      {"kind": "sensor_failed", "target": "fb2"}])
    res = run_drill(build(pond_site(), monitoring_plan(), both_down), 0, 1)
    assert math.isnan(res.order_s)


def test_pond_overtopping_breaches_the_dam_when_asked(build):
    site = pond_site()
    site["site"]["nodes"] += [node("h", "household", z=90.0, x=1500), node("hill", "assembly_point", z=150, x=1500,
                                                                           y_m=800)]
    site["site"]["links"] += [link("r", "dam", "h", 1000.0, kind="road"), link("up", "h", "hill", 900.0,
                                                                                kind="footpath")]
    site["site"]["residents"] = [{"at": "h", "households": 2, "members": {"day": 2, "night": 2}}]
    plan = storm_plan([{"action": "notify_county", "owner": "disp"}],
                      [{"id": "b", "quantity": "dam_breach", "level": "red", "owner": "disp"}])
    plan["plan"]["evacuation"]["assembly_points"] = ["hill"]
    heavy = {"observed": [{"t_s": 0, "mm_per_h": 150}], "warning_lead_s": 0}
    hazard = {"storm": heavy, "pond": {"dam": "d1", "initial_level_m": 107.0},
              "dam_break": {"dam": "d1", "on_overtopping": True}}
    spec = build(site, plan, base_scenario(order_at_s=None, duration_s=14400, hazard=hazard))
    t_over = spec.season.overtopping_s
    assert 0 < t_over < 14400
    assert spec.dam_break.breach_s == pytest.approx(t_over)
    res = run_drill(spec, 0, 1)
    assert any(e.kind == "trigger" and e.t_s == pytest.approx(t_over) for e in res.timeline)


def test_the_monitoring_system_down_silences_every_point(build):
    scen = {"storm": RAIN, "pond": {"dam": "d1", "initial_level_m": 105.6}}
    down = base_scenario(order_at_s=None, duration_s=14400, hazard=scen, faults=[{"kind": "monitoring_down"}])
    res = run_drill(build(pond_site(), monitoring_plan(), down), 0, 1)
    assert math.isnan(res.order_s)
    assert not any(e.kind == "monitoring" for e in res.timeline)


@pytest.mark.parametrize("kind", ["sensor_failed", "monitoring_down"])
def test_monitoring_down_for_a_while_reports_again_once_it_is_back(build, kind: str):
    """Sensors down for the first hour: the pond's red level is seen at the first poll after they are back,
    not never (a fault with a duration ends)."""
    scen = {"storm": RAIN, "pond": {"dam": "d1", "initial_level_m": 105.6}}
    calm = build(pond_site(), monitoring_plan(), base_scenario(order_at_s=None, duration_s=14400, hazard=scen))
    red = Drill(calm, 0, 1).monitoring_first["red"]
    assert 3600 < red < 14400
    faults = [{"kind": kind, "at_s": 0, "duration_s": 3600.0}]
    if kind == "sensor_failed":
        faults = [dict(faults[0], target=f"fb{k}") for k in (1, 2)]
    down = base_scenario(order_at_s=None, duration_s=14400, hazard=scen, faults=faults)
    assert Drill(build(pond_site(), monitoring_plan(), down), 0, 1).monitoring_first["red"] == red
    # down over the poll at which red is first read: seen at the next poll after it is back
    faults = [dict(f, at_s=red - 1.0, duration_s=602.0) for f in faults]  # back 1 s after the next poll
    down = base_scenario(order_at_s=None, duration_s=14400, hazard=scen, faults=faults)
    assert Drill(build(pond_site(), monitoring_plan(), down), 0, 1).monitoring_first["red"] == red + 1200


def test_the_timeline_runs_from_the_forecast(build):
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"}], [met_trigger("orange")])
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN})
    res = run_drill(build(mine_site(), plan, scen), 0, 1)
    kinds = [e.kind for e in res.timeline]
    assert kinds[0] == "forecast"
    assert kinds.index("forecast") < kinds.index("trigger") < kinds.index("order")


@pytest.mark.parametrize(("level", "says"), [
    (89.0, "89 m is below the lowest level of the pond's stage_area table (90 m)"),
    (108.5, "108.5 m is above the crest of dam 'd1' (108 m): give the pond level at the scenario start"),
])
def test_a_pond_level_outside_the_dam_is_refused_at_its_field(build, level: float, says: str):
    scen = base_scenario(order_at_s=None, duration_s=14400,
                         hazard={"storm": RAIN, "pond": {"dam": "d1", "initial_level_m": level}})
    with pytest.raises(InputError) as refused:
        build(pond_site(), monitoring_plan(), scen)
    (p,) = refused.value.problems
    assert (p.field, p.message) == ("scenario.hazard.pond.initial_level_m", says)
    assert p.file.endswith("scenario.yaml") and p.line is not None


def mine_water_site(**water) -> dict:
    site = mine_site()
    site["site"]["nodes"].append(node("sump", "junction", z=-5.0))
    site["site"]["links"].append(link("to_sump", "face", "sump", 50.0))
    site["site"]["mine_water"] = {"sump": "sump", "baseline_m3ph": 100.0, "pumping_m3ph": 100_000.0, **water}
    return site


def inflow_trigger(share: float) -> dict:
    return {"id": "inflow", "quantity": "mine_inflow_change", "threshold": share, "level": "red", "owner": "disp"}


def test_a_mine_inflow_change_trigger_is_met_when_the_recharge_raises_the_inflow_by_that_share(build):
    # a linear reservoir fed 0.1 x 1 km² x 60 mm/h = 6 000 m³/h from 1 h gives 6 000 (1 - exp(-(t - 1 h) / T)) m³/h
    # above the usual 100 m³/h: up by 10 times the usual flow (1 000 m³/h) at 1 h + T ln(6/5)
    water = {"recharge_area_m2": 1e6, "infiltration_share": 0.1, "lag_s": 3600.0}
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"}], [inflow_trigger(10.0)])
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN})
    res = run_drill(build(mine_water_site(**water), plan, scen), 0, 1)
    met = 3600 + 3600 * math.log(6 / 5)
    assert any(e.kind == "trigger" and e.t_s == pytest.approx(met, abs=1.0) for e in res.timeline)
    assert res.order_s == pytest.approx(met + 240, abs=1.0)
    # 6 000 m³/h at most: a rise of 60 times the usual flow is never reported, so nothing is ordered
    never = storm_plan([{"action": "evacuate_underground", "owner": "disp"}], [inflow_trigger(60.0)])
    assert math.isnan(run_drill(build(mine_water_site(**water), never, scen), 0, 1).order_s)


def test_pumps_smaller_than_the_usual_inflow_leave_the_rest_of_it_in_the_mine(build):
    # 100 m³/h comes in as usual and the pumps take out 40: 60 m³/h stays, 240 m³ in 4 h, rain or none
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"}], [inflow_trigger(60.0)])
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN})
    water = Drill(build(mine_water_site(pumping_m3ph=40.0), plan, scen), 0, 1).water
    assert water.stored_m3[-1] == pytest.approx(240.0, rel=1e-9)
    assert Drill(build(mine_water_site(pumping_m3ph=100.0), plan, scen), 0, 1).water.stored_m3[-1] == 0.0


@pytest.mark.parametrize("pumps_m3ph", [40.0, 100.0])
def test_an_inrush_inflow_trigger_reads_the_water_beyond_the_usual_inflow_not_what_the_pumps_leave_of_it(
        build, pumps_m3ph):
    """The storm's extra water, 6 000 (1 - exp(-(t - 1 h) / T)) m³/h beyond the usual 100 (as above), reaches
    30 m³/h at 1 h + T ln(6 000 / 5 970). The 60 m³/h of the usual inflow that pumps of 40 m³/h leave in the mine are
    no inrush: before, the trigger read them and was met at the start."""
    water = {"recharge_area_m2": 1e6, "infiltration_share": 0.1, "lag_s": 3600.0, "pumping_m3ph": pumps_m3ph}
    trigger = {"id": "inrush", "quantity": "inrush_inflow_m3ph", "threshold": 30.0, "level": "red", "owner": "disp"}
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"}], [trigger])
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN})
    res = run_drill(build(mine_water_site(**water), plan, scen), 0, 1)
    [met] = [e.t_s for e in res.timeline if e.kind == "trigger"]
    assert met == pytest.approx(3600 + 3600 * math.log(6000 / 5970), abs=1.0)


def test_the_usual_inflow_fills_the_mine_while_the_power_is_off_and_the_pumps_stopped(build):
    # the pumps hold out the usual 100 m³/h; without power for 2 h they take out nothing: 200 m³ stay
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"}], [inflow_trigger(60.0)])
    off = [{"kind": "mains_power", "at_s": 3600.0, "duration_s": 7200.0}]
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN}, faults=off)
    water = Drill(build(mine_water_site(), plan, scen), 0, 1).water
    assert water.stored_m3[-1] == pytest.approx(200.0, rel=1e-9)


def test_a_24_hour_rainfall_trigger_is_met_when_the_rolling_total_reaches_it(build):
    # 60 mm/h from 1 h: 50 mm fallen at 1 h 50 min
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"}],
                      [{"id": "rain", "quantity": "rainfall_24h_mm", "threshold": 50.0, "level": "red",
                        "owner": "disp"}])
    scen = base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN})
    res = run_drill(build(mine_site(), plan, scen), 0, 1)
    assert res.order_s == pytest.approx(3600 + 50 / 60 * 3600 + 240, abs=1e-6)
    # the whole storm is 120 mm: a 150 mm trigger is never met
    dry = storm_plan([{"action": "evacuate_underground", "owner": "disp"}],
                     [{"id": "rain", "quantity": "rainfall_24h_mm", "threshold": 150.0, "level": "red",
                       "owner": "disp"}])
    assert math.isnan(run_drill(build(mine_site(), dry, scen), 0, 1).order_s)


def test_readings_given_for_a_point_with_no_model_raise_its_level(build):
    # a displacement gauge read by hand: 2 mm, then 5 mm at 1 h, 9 mm at 2 h; red at 6 mm is crossed at 1 h 15 min
    # (the readings joined by straight lines) and seen at the next 10-minute poll, 1 h 20 min
    items = [{"id": "slope", "quantity": "displacement_mm",
              "points": [{"id": "pz1", "thresholds": {"blue": 3.0, "yellow": 4.0, "orange": 5.0, "red": 6.0}}]}]
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"}],
                      [{"id": "mon", "quantity": "monitoring_level", "at_level": "red", "level": "red",
                        "owner": "disp"}], monitoring={"poll_s": 600, "items": items})
    hazard = {"monitor_series": {"pz1": [[0, 2.0], [3600, 5.0], [7200, 9.0]]}}
    res = run_drill(build(mine_site(), plan, base_scenario(order_at_s=None, duration_s=14400, hazard=hazard)), 0, 1)
    assert res.order_s == pytest.approx(4800 + 240, abs=1e-6)


def observed_rain(points: list[tuple[float, float]]) -> dict:
    return {"observed": [{"t_s": t, "mm_per_h": i} for t, i in points], "warning_lead_s": 0}


def test_rain_recorded_past_the_drills_end_is_left_out(build):
    # 60 mm/h from 1 h, recorded on to 5 h; the drill ends at 2 h: 60 mm fell in it, and the rest is not counted
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"}],
                      [{"id": "rain", "quantity": "rainfall_24h_mm", "threshold": 50.0, "level": "red",
                        "owner": "disp"}])
    scen = base_scenario(order_at_s=None, duration_s=7200,
                         hazard={"storm": observed_rain([(0, 0), (3600, 60), (18000, 0)])})
    spec = build(mine_site(), plan, scen)
    t, total = spec.season.series["rainfall_24h_mm"]
    assert total[-1] == pytest.approx(60.0) and t[-1] == pytest.approx(7200.0)
    assert run_drill(spec, 0, 1).order_s == pytest.approx(3600 + 50 / 60 * 3600 + 240)
    # rain recorded only after the end: a dry drill (and a warning, see test_plausibility)
    late = build(mine_site(), plan, base_scenario(order_at_s=None, duration_s=7200,
                                                   hazard={"storm": observed_rain([(7200, 60), (9000, 0)])}))
    assert late.season.series["rainfall_24h_mm"][1].max() == 0.0


@pytest.mark.parametrize(("points", "at", "says"), [
    ([(0, 0), (3600, 60), (1800, 0)], "[2].t_s",
     "rain times must increase: this point at 1800 s comes after the point before at 3600 s"),
    ([], "", "List should have at least 1 item"),
])
def test_rain_times_out_of_order_or_no_rain_at_all_are_refused_at_their_field(build, points, at, says):
    scen = base_scenario(order_at_s=None, duration_s=7200, hazard={"storm": observed_rain(points)})
    with pytest.raises(InputError) as err:
        build(mine_site(), storm_plan([], []), scen)
    [problem] = err.value.problems
    assert problem.field == "scenario.hazard.storm.observed" + at and says in problem.message


def two_posts_plan(orange_post: dict, orange_steps: list[dict], red_steps: list[dict]) -> dict:
    """Orange met at 10 s (decided by ``orange_post``), red at 20 s (decided at once by Fast)."""
    return base_plan(roles=[orange_post, {"id": "fast", "title": "Fast", "decision_delay_s": 0}], warning={
        "levels": ["orange", "red"],
        "triggers": [{"id": "t_orange", "quantity": "elapsed_s", "threshold": 10, "level": "orange",
                      "owner": orange_post["id"]},
                     {"id": "t_red", "quantity": "elapsed_s", "threshold": 20, "level": "red", "owner": "fast"}],
        "actions_by_level": {"orange": orange_steps, "red": red_steps}})


def test_a_lower_level_still_being_decided_when_red_is_declared_is_taken_with_red_not_declared_later(build):
    slow = {"id": "slow", "title": "Slow", "decision_delay_s": 1000}
    stop, county = {"action": "stop_entry", "owner": "fast"}, {"action": "notify_county", "owner": "fast"}
    plan = two_posts_plan(slow, [stop, county], [stop, {"action": "evacuate_underground", "owner": "fast"}])
    res = run_drill(build(mine_site(), plan, base_scenario(order_at_s=None, duration_s=3600)), 0, 1)
    assert [e.what for e in res.timeline if " declares " in e.what] == ["Fast declares red"]
    assert sorted((a.action, a.level, a.done_s) for a in res.actions) == [
        ("evacuate_underground", "red", 20.0), ("notify_county", "orange", 20.0), ("stop_entry", "red", 20.0)]


def test_a_lower_level_whose_post_was_absent_is_taken_with_red_and_counted_done(build):
    from drills.experiment.readings import PlanFacts, step_outcomes

    away = {"id": "away", "title": "Away", "decision_delay_s": 0, "present_probability": 0.0}
    plan = two_posts_plan(away, [{"action": "stop_entry", "owner": "fast"}],
                          [{"action": "evacuate_underground", "owner": "fast"}])
    spec = build(mine_site(), plan, base_scenario(order_at_s=None, duration_s=3600))
    res = run_drill(spec, 0, 1)
    assert sorted((a.action, a.level, a.done_s) for a in res.actions) == [
        ("evacuate_underground", "red", 20.0), ("stop_entry", "orange", 20.0)]
    facts = PlanFacts({}, {"t_orange": "orange", "t_red": "red"}, False)
    assert [(o.level, o.action.action, o.status) for o in step_outcomes(res, spec, facts)] == [
        ("orange", "stop_entry", "on_time"), ("red", "evacuate_underground", "on_time")]


def test_two_steps_of_one_kind_by_two_posts_are_each_read_by_their_own_record(build):
    from drills.experiment.readings import PlanFacts, step_outcomes

    plan = base_plan(roles=[{"id": "boss", "title": "Boss", "decision_delay_s": 0},
                            {"id": "away", "title": "Away", "decision_delay_s": 0, "present_probability": 0.0}],
                     warning={"triggers": [{"id": "t", "quantity": "elapsed_s", "threshold": 10, "level": "red",
                                            "owner": "boss"}],
                              "actions_by_level": {"red": [{"action": "stop_entry", "owner": "away"},
                                                           {"action": "stop_entry", "owner": "boss"}]}})
    spec = build(mine_site(), plan, base_scenario(order_at_s=None, duration_s=3600))
    got = [(o.action.owner, o.status, o.why) for o in
           step_outcomes(run_drill(spec, 0, 1), spec, PlanFacts({}, {"t": "red"}, False))]
    assert got == [("away", "not_done", "unreachable"), ("boss", "on_time", "")]


def inrush_in_the_storm(build, factor, **inrush_kw) -> tuple:
    """An inrush of 360 m³/h at the sump from the start (1 440 m³ in 4 h) in a storm whose recharge raises the mine's
    inflow, with pumps of 40 m³/h against a usual 100 m³/h; and the same storm without the inrush."""
    water = {"pumping_m3ph": 40.0, "recharge_area_m2": 1e6, "infiltration_share": 0.1, "lag_s": 3600.0}
    plan = storm_plan([{"action": "evacuate_underground", "owner": "disp"}], [inflow_trigger(60.0)])
    inrush = {"source": "sump", "hydrograph": [{"t_s": 0, "inflow_m3ph": 360.0}], "inflow_factor": factor} | inrush_kw
    both = build(mine_water_site(**water), plan,
                 base_scenario(order_at_s=None, duration_s=14400, hazard={"storm": RAIN, "inrush": inrush}))
    storm = build(mine_water_site(**water), plan, base_scenario(order_at_s=None, duration_s=14400,
                                                                hazard={"storm": RAIN}))
    return both, storm


def test_the_inrush_factor_scales_the_inrush_water_and_not_the_storms_or_the_usual_inflow(build):
    # the pumps have nothing beyond the usual inflow: 60 m³/h of it and all the storm's extra water stay, unscaled;
    # the inrush's 1 440 m³ come in times its factor
    both, storm = inrush_in_the_storm(build, 2.0)
    storm_water = Drill(storm, 0, 1).water.stored_m3
    assert storm_water[-1] > 240.0 + 1000.0  # the recharge adds well over the usual inflow's share
    assert Drill(both, 0, 1).water.stored_m3[-1] == pytest.approx(2.0 * 1440.0 + storm_water[-1], rel=1e-6)


def test_a_replication_drawing_another_inrush_factor_changes_only_the_inrush_water(build):
    both, storm = inrush_in_the_storm(build, {"dist": "uniform", "low": 0.5, "high": 2.0})
    storm_water = Drill(storm, 0, 1).water.stored_m3[-1]
    drills = [Drill(both, k, 1) for k in range(3)]
    assert len({d.inflow_factor for d in drills}) == 3
    for d in drills:
        assert d.water.stored_m3[-1] == pytest.approx(d.inflow_factor * 1440.0 + storm_water, rel=1e-6)


def test_an_inrush_whose_hydrograph_turns_between_the_storms_minutes_keeps_its_water_exactly(build):
    """The inrush rises from 0 to 3 600 m³/h (1 m³/s) over its first 90 s, then stays: 45 + 14 310 m³ in 4 h. Read
    on the storm's 60 s times alone, it rose to 2 400 m³/h at 60 s and 3 600 at 120 s: 5 m³ more."""
    both, storm = inrush_in_the_storm(build, 1.0, hydrograph=[{"t_s": 0, "inflow_m3ph": 0.0},
                                                              {"t_s": 90, "inflow_m3ph": 3600.0}])
    storm_water = Drill(storm, 0, 1).water.stored_m3[-1]
    assert Drill(both, 0, 1).water.stored_m3[-1] == pytest.approx(45.0 + 14310.0 + storm_water, rel=1e-9)


@pytest.mark.parametrize(("lang", "inrush", "storm"), [
    ("en", "from 0:01:00: 0 → 360 m³/h within 0:02:00 (hydrograph of 3 points), times a factor 1.0; pumping 50 m³/h",
     "; the mine's pumps 40 m³/h against its usual inflow of 100 m³/h"),
    ("zh", "自 0:01:00 起：0:02:00 内由 0 增至 360 m³/h（过程线 3 点），乘以系数 1.0；排水 50 m³/h",
     "；矿井水泵排水能力 40 m³/h，正常涌水量 100 m³/h")])
def test_the_inrush_row_gives_its_hydrograph_and_pumps_and_the_storm_row_the_mine_pumps_as_written(
        build, lang, inrush, storm):
    """With both, the inrush's row is its hydrograph as written (from its start, 60 s, with its three points; before,
    the storm's 241 times from 0) and its own pumps; the storm's water has its row, from none beyond the usual inflow
    at the start, with the mine's pumps (before, it had none, and the mine's pumps were on the inrush's row)."""
    from types import SimpleNamespace

    from drills.experiment.i18n import Text
    from drills.experiment.report import parameter_rows

    both, _ = inrush_in_the_storm(build, 1.0, pumping_m3ph=50.0, start_s=60, hydrograph=[
        {"t_s": 0, "inflow_m3ph": 0.0}, {"t_s": 120, "inflow_m3ph": 360.0}, {"t_s": 600, "inflow_m3ph": 200.0}])
    t = Text(lang)
    rows = dict(parameter_rows(SimpleNamespace(spec=both, replications=1, seed=1), t)[1])
    assert rows[t("inflow_row")] == inrush
    assert rows[t("storm_inflow_row")].endswith(storm), rows[t("storm_inflow_row")]
    # beyond the usual inflow: from none, not from the 60 m³/h of it the pumps leave, which the pumps' words give
    assert {"en": "from 0:00:00: 0 → ", "zh": "内由 0 增至"}[lang] in rows[t("storm_inflow_row")]
