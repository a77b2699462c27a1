"""The cross-reference checks of drills.inputs.compile, each triggered by one small fault.

A check between or within the three files (site, plan, scenario) must tell its fault as one problem at the file,
line and field of the fault, in plain words that name what is wrong. Each case copies a bundled example (the mine,
the dam, or the flood season: scenario, site and plan, keeping their layout), breaks a copy with ``break_file`` so
that the line of the fault is known, loads the scenario and checks the problem it raises. A few cases run
``drill validate`` (and ``drill run``) on the broken copy: exit code 2, ``file:line`` on standard error, no
traceback, nothing written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import (
    DAM_FILES,
    FLOOD_FILES,
    MINE_FILES,
    assert_input_failure,
    base_plan,
    base_scenario,
    base_site,
    break_file,
    build_in,
    copy_bundled,
    link,
    node,
)
from typer.testing import CliRunner

from drills.cli import app
from drills.inputs.compile import load
from drills.inputs.problems import InputError, Problem

#: the bundled examples (the flood-season one: the mine and the tailings pond in one valley, with a pond water
#: balance and mine water)
EXAMPLES = {"mine": MINE_FILES, "dam": DAM_FILES, "flood": FLOOD_FILES}


def line_of(path: Path, fragment: str) -> int:
    """The 1-based line of the one ``fragment`` in ``path`` as it is now."""
    text = path.read_text(encoding="utf-8")
    assert text.count(fragment) == 1, f"{fragment!r} must occur exactly once in {path}"
    return text[: text.index(fragment)].count("\n") + 1


def problems_of(scenario: Path) -> list[Problem]:
    """The problems that loading ``scenario`` (with its site and plan) must raise."""
    with pytest.raises(InputError) as info:
        load(scenario)
    assert info.value.problems, "an InputError must carry at least one problem"
    return info.value.problems


def listing(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def in_file(problems: list[Problem], path: Path) -> list[Problem]:
    return [p for p in problems if Path(p.file).resolve() == path.resolve()]


def assert_problem(p: Problem, path: Path, line: int, field: str, *says: str) -> None:
    """The problem is at this file (however its path is spelt), line and field, and its message holds each of
    ``says`` (case aside)."""
    assert (Path(p.file).resolve(), p.line, p.field) == (path.resolve(), line, field), p
    for words in says:
        assert words.lower() in p.message.lower(), f"{words!r} not in: {p}"


@dataclass(frozen=True)
class Fault:
    """One fault in a copy of a bundled example and the one problem it must raise.

    ``edits`` are (file kind, old text, new text), made in order; the problem is told in ``file``, at the line
    of ``at`` in that file once edited (default: the line of the last edit), at ``field``, and its message holds
    each of ``says``. ``alone``: it is the only problem of the three files (else the only one of its file; the
    others follow from the same fault and are named in the case's comment)."""

    example: str
    edits: tuple[tuple[str, str, str], ...]
    file: str
    field: str
    says: tuple[str, ...]
    at: str | None = None
    alone: bool = True


CASES = [
    # compile.py:279. The hoist's stations must start with the collar; j120 is a junction underground. (The start
    # station is moved along, so that only the first station is wrong; the plan's three cage routes up to 'collar'
    # are then not connected, and are told too, in the plan.)
    pytest.param(Fault("mine", (("site", "start_station: collar", "start_station: j120"),
                                ("site", "stations: [collar, st120, st240, st360]",
                                 "stations: [j120, st120, st240, st360]")),
                       "site", "site.hoists[0].stations[0]",
                       ("the first station must be the collar (at surface); 'j120' is a junction",), alone=False),
                 id="279-hoist-first-station-not-the-collar"),
    # compile.py:290. It said only "must be one of the hoist's stations", not which start_station nor which stations.
    pytest.param(Fault("mine", (("site", "start_station: collar", "start_station: st999"),),
                       "site", "site.hoists[0].start_station",
                       ("'st999' is not one of the hoist's stations (collar, st120, st240, st360)",)),
                 id="290-hoist-start-station-not-a-station"),
    # A passage's id where a place is wanted: it was told "no node 'd360_st_pump' in the site" alone.
    pytest.param(Fault("mine", (("site", "{at: pump360, count: 4,", "{at: d360_st_pump, count: 4,"),),
                       "site", "site.shifts.day[3].at",
                       ("no node 'd360_st_pump' in the site: 'd360_st_pump' is a link (a passage); give a node, such "
                        "as one of its ends ('st360', 'pump360')",)),
                 id="a-crew-at-a-link"),
    pytest.param(Fault("mine", (("plan", "path: [st360, collar]", "path: [d360_st_j, collar]"),),
                       "plan", "plan.evacuation.routes[0].path[0]",
                       ("'d360_st_j' is a link (a passage); give a node, such as one of its ends ('st360', 'j360')",)),
                 id="a-route-through-a-link"),
    # compile.py:295
    pytest.param(Fault("dam", (("site", "{at: xc_river, households: 24", "{at: xc_rivr, households: 24"),),
                       "site", "site.residents[2].at", ("no node 'xc_rivr' in the site", "did you mean 'xc_river'")),
                 id="295-residents-at-a-missing-node"),
    # compile.py:297
    pytest.param(Fault("dam", (("site", "{at: xc_river, households: 24", "{at: r1, households: 24"),),
                       "site", "site.residents[2].at", ("'r1' is a road_junction", "household", "school", "field")),
                 id="297-residents-at-a-road-junction"),
    # compile.py:303
    pytest.param(Fault("flood", (("site", "sump: sump360", "sump: sump36"),),
                       "site", "site.mine_water.sump", ("no node 'sump36' in the site", "did you mean 'sump360'")),
                 id="303-mine-water-sump-missing"),
    # compile.py:305
    pytest.param(Fault("flood", (("site", "node: portal ", "node: gate "),),
                       "site", "site.mine_water.ingress.node", ("no node 'gate' in the site",)),
                 id="305-mine-water-ingress-node-missing"),
    # compile.py:310
    pytest.param(Fault("dam", (("site", "{id: qingshui-dam, node: dam,", "{id: qingshui-dam, node: r0,"),),
                       "site", "site.dams[0].node", ("'r0' is a road_junction, not a dam node",)),
                 id="310-dam-at-a-node-that-is-not-a-dam"),
    # compile.py:401
    pytest.param(Fault("mine", (("plan", "backups: [shift_leader]", "backups: [dispatcher]"),),
                       "plan", "plan.roles[0].backups[0]", ("a role cannot back itself up",)),
                 id="401-role-backs-itself-up"),
    # compile.py:444
    pytest.param(Fault("dam", (("plan", "after: [tell-manager]}", "after: [order-downstream]}"),),
                       "plan", "plan.warning.actions_by_level.red[1].after[0]", ("a step cannot wait for itself",)),
                 id="444-step-waits-for-itself"),
    # compile.py:463: the plan is checked for its site even when the site's node ids clash (the clash is the
    # site's problem, told at the second 'ramp120'; nothing else follows from it)
    pytest.param(Fault("mine", (("site", '{id: "ramp180", kind', '{id: "ramp120", kind'),
                                ("plan", "  site: jinshan-mine", "  site: tongshan-mine")),
                       "plan", "plan.site", ("for site 'tongshan-mine'", "the scenario's site is 'jinshan-mine'"),
                       alone=False),
                 id="463-plan-for-another-site-beside-a-duplicate-node"),
    # compile.py:489
    pytest.param(Fault("dam", (("plan", "start: xc_centre", "start: xc_center"),),
                       "plan", "plan.channels[4].start",
                       ("no node 'xc_center' in the site", "did you mean 'xc_centre'")),
                 id="489-channel-start-missing"),
    # compile.py:494
    pytest.param(Fault("mine", (("plan", "at: face360e", "at: face360"),),
                       "plan", "plan.warning.triggers[1].at", ("no node 'face360' in the site",
                                                               "did you mean 'face360e'")),
                 id="494-trigger-at-a-missing-node"),
    # compile.py:515
    pytest.param(Fault("dam", (("plan", "assembly_points: [ap_xc_hill, ap_ht_hill, ap_ht_south]",
                                "assembly_points: [ap_xc_hill, ht_centre, ap_ht_south]"),),
                       "plan", "plan.evacuation.assembly_points[1]",
                       ("'ht_centre' is a road_junction, not an assembly_point",)),
                 id="515-assembly-point-of-the-wrong-kind"),
    # compile.py:520: told at the plan's evacuation, where the list is missing
    pytest.param(Fault("dam", (("plan", "    assembly_points: [ap_xc_hill, ap_ht_hill, ap_ht_south]\n", ""),),
                       "plan", "plan.evacuation", ("residents", "no assembly_points"), at="  evacuation:\n"),
                 id="520-residents-but-no-assembly-points"),
    # compile.py:548: the cage takes people from a station up to the collar, not from -360 to -240 ...
    pytest.param(Fault("mine", (("plan", "path: [st360, collar]", "path: [st360, st240, collar]"),),
                       "plan", "plan.evacuation.routes[0].path[1]",
                       ("no ride from 'st360' to 'st240': the hoist 'main-cage' only runs up to its collar 'collar'",)),
                 id="548-route-rides-the-cage-to-another-station"),
    # ... nor down, from -240 to -360
    pytest.param(Fault("mine", (("plan", "path: [st240, collar]", "path: [st240, st360, collar]"),),
                       "plan", "plan.evacuation.routes[2].path[1]",
                       ("no ride from 'st240' to 'st360': the hoist 'main-cage' only runs up to its collar 'collar'",)),
                 id="548-route-rides-the-cage-down"),
    # compile.py:554: told at the last node of the path
    pytest.param(Fault("mine", (("plan", "path: [ramp180, ramp120, portal]", "path: [ramp180, ramp120]"),),
                       "plan", "plan.evacuation.routes[4].path[1]",
                       ("a route must end at an exit, a refuge or an assembly point",)),
                 id="554-route-ends-underground"),
    # compile.py:595: the shift is missing, so it is told at the scenario's key
    pytest.param(Fault("mine", (("scenario", "  shift: day\n", ""),),
                       "scenario", "scenario", ("say which shift is underground", "day, night"), at="scenario:\n"),
                 id="595-no-shift-on-a-site-with-shifts"),
    # compile.py:621: a second dam, without a pond water balance, for the scenario's pond
    pytest.param(Fault("flood", (("site", "  dams:\n", "  dams:\n    - {id: old-dam, node: dam, height_m: 10, "
                                  "stored_volume_m3: 20000, pond_class: 5, dam_type: upstream}\n"),
                                 ("scenario", "pond: {dam: qingshui-dam,", "pond: {dam: old-dam,")),
                       "scenario", "scenario.hazard.pond.dam", ("dam 'old-dam' has no pond water balance",
                                                                "site.dams[].pond")),
                 id="621-pond-of-a-dam-without-a-water-balance"),
    # compile.py:631
    pytest.param(Fault("flood", (("scenario", "    pond: {dam: qingshui-dam, initial_level_m: 138.9}\n", ""),),
                       "scenario", "scenario.hazard.dam_break.on_overtopping",
                       ("needs the pond's water balance", "scenario.hazard.pond"), at="on_overtopping: true",
                       alone=False),  # the pond's freeboard and beach monitoring points then get no values
                 id="631-on-overtopping-without-a-pond"),
    # compile.py:634
    pytest.param(Fault("flood", (("scenario", "{at_s: 50400, shift: day}", "{at_s: 50400, shift: evening}"),),
                       "scenario", "scenario.entries[0].shift", ("no shift 'evening' in the site; known: day, night",)),
                 id="634-entry-of-an-unknown-shift"),
    # an entry of a shift the site lists without crews brings nobody down: a slip in the site or the scenario
    pytest.param(Fault("flood", (("site", "  shifts:\n", "  shifts:\n    maintenance: []\n"),
                                 ("scenario", "{at_s: 50400, shift: day}", "{at_s: 50400, shift: maintenance}")),
                       "scenario", "scenario.entries[0].shift",
                       ("shift 'maintenance' has no crews: this entry brings nobody underground",)),
                 id="entry-of-a-shift-without-crews"),
    # a passage to a missing place is told once, at the passage: the route over it is not told again as broken
    pytest.param(Fault("mine", (("site", '"lad_360_240", kind: "ladderway", from: "lad360"',
                                 '"lad_360_240", kind: "ladderway", from: "lad36"'),),
                       "site", "site.links[28].from", ("no node 'lad36' in the site", "did you mean 'lad360'")),
                 id="link-to-a-missing-node-is-not-told-again-at-the-routes"),
    # a hoist station misspelt is told once, at the hoist: the plan's cage routes and hoist priority that name the
    # station as it is are not told again
    pytest.param(Fault("mine", (("site", "stations: [collar, st120, st240, st360]",
                                 "stations: [collar, st120, st240, st36]"),),
                       "site", "site.hoists[0].stations[3]", ("no node 'st36' in the site", "did you mean 'st360'")),
                 id="hoist-station-missing-is-not-told-again-in-the-plan"),
    # compile.py:651
    pytest.param(Fault("mine", (("scenario", "  shift: day\n",
                                 "  shift: day\n  order: {at_s: 0, channels: [mine-pa, sirens]}\n"),),
                       "scenario", "scenario.order.channels[1]", ("no channel 'sirens'; known:",),
                       at="order: {at_s: 0"),
                 id="651-order-on-an-unknown-channel"),
    # compile.py:654
    pytest.param(Fault("mine", (("scenario", "  shift: day\n",
                                 "  shift: day\n  behaviour:\n    response_delay_s: {minre: 60}\n"),),
                       "scenario", "scenario.behaviour.response_delay_s.minre",
                       ("unknown profile 'minre'", "did you mean 'miner'"), at="{minre: 60}"),
                 id="654-response-delay-of-an-unknown-profile"),
]


def broken_copy(root: Path, fault: Fault) -> tuple[dict[str, Path], int]:
    """Copy the fault's example into ``root``, make its edits; return the copies and the line of the problem."""
    files = copy_bundled(root, EXAMPLES[fault.example])
    line = 0
    for kind, old, new in fault.edits:
        line = break_file(files[kind], old, new)
    if fault.at is not None:
        line = line_of(files[fault.file], fault.at)
    else:
        assert fault.edits[-1][0] == fault.file, "without `at`, the last edit must be in the file of the problem"
    return files, line


@pytest.mark.parametrize("fault", CASES)
def test_a_broken_cross_reference_is_one_problem_at_its_line(tmp_path: Path, fault: Fault) -> None:
    files, line = broken_copy(tmp_path, fault)
    problems = problems_of(files["scenario"])
    here = in_file(problems, files[fault.file])
    assert len(here) == 1, f"expected one problem in the {fault.file} file, got:\n{listing(problems)}"
    assert_problem(here[0], files[fault.file], line, fault.field, *fault.says)
    if fault.alone:
        assert len(problems) == 1, listing(problems)


def test_the_bundled_examples_have_no_problem(tmp_path: Path) -> None:
    """Every problem above comes from its fault: the unbroken copies load."""
    for name, example in EXAMPLES.items():
        files = copy_bundled(tmp_path / name, example)
        assert load(files["scenario"]).site.id


def test_a_hoist_whose_first_station_is_not_the_collar_brings_no_other_problem_into_the_site(tmp_path: Path) -> None:
    """The plan's cage routes up to 'collar' break with the hoist (the cage no longer goes there): they are told
    in the plan, each at its route, and say why."""
    files, _ = broken_copy(tmp_path, CASES[0].values[0])
    plan = in_file(problems_of(files["scenario"]), files["plan"])
    assert [(p.field, p.message) for p in plan] == [
        (f"plan.evacuation.routes[{k}].path[1]", f"the route is not connected: no passage from '{st}' to 'collar'")
        for k, st in ((0, "st360"), (2, "st240"), (3, "st120"))]


# ---------------------------------------------------------------- people with no safe place of their kind (346)


def test_residents_in_a_valley_without_an_assembly_point_are_told_at_the_sites_nodes(tmp_path: Path) -> None:
    """compile.py:346 for residents: the valley's three assembly points are made road junctions (their capacity,
    which only assembly points and refuges have, is dropped). The site says so once, at its nodes; the plan's
    assembly points and its routes, which end there, are told in the plan."""
    files = copy_bundled(tmp_path, DAM_FILES)
    site = files["site"]
    text = site.read_text(encoding="utf-8")
    assert text.count("kind: assembly_point") == 3
    text = re.sub(r",\n\s+capacity_persons: \d+", "", text.replace("kind: assembly_point", "kind: road_junction"))
    site.write_text(text, encoding="utf-8")
    problems = problems_of(files["scenario"])
    here = in_file(problems, site)
    assert len(here) == 1, listing(problems)
    assert_problem(here[0], site, line_of(site, "  nodes:\n"), "site.nodes", "people live in the valley",
                   "no place is an assembly point or out of the valley", "assembly_point")
    plan = in_file(problems, files["plan"])
    assert {p.field for p in plan} == {f"plan.evacuation.assembly_points[{k}]" for k in range(3)} | {
        f"plan.evacuation.routes[{k}].path[1]" for k in range(6)}, listing(plan)


def test_a_crew_in_a_mine_without_an_exit_or_a_refuge_is_told_at_the_sites_nodes(tmp_path: Path) -> None:
    """compile.py:346 for a shift: a mine of a face and a junction, nothing at the surface and no refuge."""
    site = base_site([node("face", "workplace", -100), node("bottom", "junction", -100)],
                     [link("d", "face", "bottom", 100)], [{"at": "face", "count": 3, "profile": "miner"}])
    with pytest.raises(InputError) as info:
        build_in(tmp_path, site, base_plan(exits=["bottom"]), base_scenario())
    problems = info.value.problems
    here = in_file(problems, tmp_path / "site.yaml")
    assert len(here) == 1, listing(problems)
    assert_problem(here[0], tmp_path / "site.yaml", line_of(tmp_path / "site.yaml", '"nodes": ['), "site.nodes",
                   "people work underground", "no place is an exit or a refuge", "collar", "refuge")
    # the plan's exit, which is no exit, is the plan's own fault
    assert [(p.field, p.message) for p in in_file(problems, tmp_path / "plan.yaml")] == [
        ("plan.evacuation.exits[0]", "'bottom' is a junction, not at the surface")]


# ---------------------------------------------------------------- messages that say less than the check does


def test_the_message_for_residents_at_a_wrong_kind_of_node_names_every_kind_that_is_accepted(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, DAM_FILES)
    line = break_file(files["site"], "{at: xc_river, households: 24", "{at: r1, households: 24")
    problems = problems_of(files["scenario"])
    assert len(problems) == 1, listing(problems)
    assert_problem(problems[0], files["site"], line, "site.residents[2].at", "'r1' is a road_junction",
                   "household", "school", "field", "workplace")


def test_residents_at_a_workplace_node_are_accepted(tmp_path: Path) -> None:
    """What the xfail above relies on: a workplace node does take residents (the check lets them through)."""
    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["site"], "    - {id: xc_river, kind: household,", "    - {id: xc_river, kind: workplace,")
    assert load(files["scenario"]).site.residents[2].at == "xc_river"


# ---------------------------------------------------------------- on the command line

runner = CliRunner()


def case(case_id: str) -> Fault:
    return next(p.values[0] for p in CASES if p.id == case_id)


@pytest.mark.parametrize("case_id", ["401-role-backs-itself-up", "295-residents-at-a-missing-node",
                                     "634-entry-of-an-unknown-shift", "548-route-rides-the-cage-to-another-station"])
def test_drill_validate_tells_the_problem_at_its_file_and_line(tmp_path: Path, case_id: str) -> None:
    fault = case(case_id)
    files, line = broken_copy(tmp_path, fault)
    result = runner.invoke(app, ["validate", str(files["scenario"])])
    assert_input_failure(result, f"{files[fault.file]}:{line}: {fault.field}: ")
    assert "1 problem found" in result.stderr
    assert all(words.lower() in result.stderr.lower() for words in fault.says), result.stderr


def test_drill_validate_on_the_broken_plan_and_its_site(tmp_path: Path) -> None:
    """The plan given with its site (no scenario) is checked against it the same way."""
    files, line = broken_copy(tmp_path, case("489-channel-start-missing"))
    result = runner.invoke(app, ["validate", str(files["site"]), str(files["plan"])])
    assert_input_failure(result, f"{files['plan']}:{line}: plan.channels[4].start: no node 'xc_center' in the site; "
                           "did you mean 'xc_centre'?")


def test_drill_run_on_a_broken_cross_reference_writes_nothing(tmp_path: Path) -> None:
    files, line = broken_copy(tmp_path, case("595-no-shift-on-a-site-with-shifts"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(files["scenario"]), "--out", str(out)])
    assert_input_failure(result, f"{files['scenario']}:{line}: scenario: say which shift is underground: shift: one of "
                           "day, night")
    assert not out.exists()
