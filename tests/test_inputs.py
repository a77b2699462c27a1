"""Bad input gets one located problem per fault: file, line and field, nothing half-loaded.

Each test copies the bundled scenario, site and plan into a temporary folder (keeping their layout, so
the scenario's relative ``site:`` and ``plan:`` still resolve), introduces a fault by editing the text,
finds the fault's line in the edited text, and checks that :func:`drills.inputs.compile.load` raises an
:class:`InputError` naming exactly that file, line and field — and, where one fault was introduced,
nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DAM_FILES, FLOOD_FILES, MINE_FILES, break_file, copy_bundled, values_in

from drills.inputs.bundled import bundled_root
from drills.inputs.compile import load, load_drill, load_file
from drills.inputs.problems import InputError, Problem
from drills.inputs.yamlfile import TOKEN_WORDS, load_yaml, plain_tokens


class DrillFiles:
    """A private copy of the three bundled files that a test may break."""

    def __init__(self, root: Path):
        self.root = root
        self.paths = copy_bundled(root)

    def path(self, kind: str) -> Path:
        return self.paths[kind]

    def text(self, kind: str) -> str:
        return self.path(kind).read_text(encoding="utf-8")

    def edit(self, kind: str, old: str, new: str, *, mark: str | None = None) -> int:
        """Replace the one occurrence of ``old`` by ``new``; return the 1-based line of ``mark`` (default:
        the start of ``new``) in the edited file."""
        text = self.text(kind)
        assert text.count(old) == 1, f"{old!r} must occur exactly once in the {kind} file"
        start = text.index(old)
        edited = text[:start] + new + text[start + len(old) :]
        self.path(kind).write_text(edited, encoding="utf-8")
        offset = new.index(mark) if mark is not None else 0
        return edited[: start + offset].count("\n") + 1

    def line_of(self, kind: str, fragment: str) -> int:
        """The 1-based line of the one occurrence of ``fragment`` in the file as it is now."""
        text = self.text(kind)
        assert text.count(fragment) == 1, f"{fragment!r} must occur exactly once in the {kind} file"
        return text[: text.index(fragment)].count("\n") + 1

    def problems(self, scenario: Path | None = None) -> list[Problem]:
        """Load the scenario (default: this copy's) and return the problems it must raise."""
        with pytest.raises(InputError) as info:
            load(scenario or self.path("scenario"))
        assert info.value.problems, "an InputError must carry at least one problem"
        return info.value.problems


@pytest.fixture
def files(tmp_path: Path) -> DrillFiles:
    return DrillFiles(tmp_path)


def listing(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, f"expected exactly one problem, got {len(problems)}:\n{listing(problems)}"
    return problems[0]


def check(problem: Problem, file: Path, line: int | None, field: str, *says: str) -> None:
    """Assert the problem's file (the same file, however the path is spelt), line, field and wording."""
    assert Path(problem.file).resolve() == file.resolve(), problem
    assert problem.line == line, problem
    assert problem.field == field, problem
    for words in says:
        assert words.lower() in problem.message.lower(), problem


def told_last(files: DrillFiles, kind: str, old: str, new: str, field: str, says: str) -> None:
    """Writing ``new`` for ``old`` in the ``kind`` file is one problem, at the line and ``field`` written, whose
    message ends with ``says`` (how to write it, after what is wrong)."""
    line = files.edit(kind, old, new)
    problem = only(files.problems())
    check(problem, files.path(kind), line, field, says)
    assert problem.message.endswith(says), problem


# ---------------------------------------------------------------- the starting point


def test_bundled_files_load_and_compile(files: DrillFiles) -> None:
    """The unbroken copies are valid, so every problem below comes from the fault a test introduces."""
    loaded = load(files.path("scenario"))
    assert loaded.site.id == "jinshan-mine"
    spec = load_drill(files.path("scenario"), replications=2, seed=3)
    assert (spec.replications, spec.seed) == (2, 3)


@pytest.mark.parametrize("scenario", ["mine_inrush_day", "dam_break_night", "flood_season_night"])
def test_the_headcount_is_the_people_the_drill_places(scenario: str) -> None:
    """headcount (behind the 'nobody is in the drill' check) counts without placing: it must agree with placing."""
    from drills.inputs.bundled import bundled_root
    from drills.inputs.population import headcount

    path = bundled_root() / "scenarios" / f"{scenario}.yaml"
    loaded = load(path)
    assert headcount(loaded.site, loaded.scenario) == len(load_drill(path).people) > 0


def test_two_entries_at_one_place_number_their_people_on(tmp_path: Path) -> None:
    """Two crews at one workplace (no crew names), or two groups of households at one place, each numbered their
    people from 1: outcomes.csv had two 'pump360-01'. Now the second goes on from the first."""
    mine = copy_bundled(tmp_path / "mine")
    break_file(mine["site"], "      - {at: pump360, count: 4,",
               "      - {at: pump360, count: 3, profile: miner}\n      - {at: pump360, count: 4,")
    ids = [p.id for p in load_drill(mine["scenario"]).people]
    assert len(set(ids)) == len(ids)
    assert [i for i in ids if i.startswith("pump360-")] == [f"pump360-{k:02d}" for k in range(1, 8)]
    dam = copy_bundled(tmp_path / "dam", DAM_FILES)
    break_file(dam["site"], "    - {at: xc_north, households: 40,",
               "    - {at: xc_north, households: 2, members: {day: 1, night: 1}}\n    - {at: xc_north, households: 40,")
    spec = load_drill(dam["scenario"])
    assert len({p.id for p in spec.people}) == len(spec.people)
    assert len({p.id for p in spec.parties}) == len(spec.parties)
    assert [p.id for p in spec.parties if p.id.startswith("xc_north-h")][:3] == ["xc_north-h001", "xc_north-h002",
                                                                                  "xc_north-h003"]


def test_problem_prints_as_file_line_field_message() -> None:
    p = Problem("plans/x.yaml", 12, "plan.roles[0].title", "required field is missing")
    assert str(p) == "plans/x.yaml:12: plan.roles[0].title: required field is missing"
    assert str(Problem("plans/x.yaml", None, "", "the file is empty")) == "plans/x.yaml: the file is empty"


# ---------------------------------------------------------------- YAML itself


def test_broken_yaml_is_reported_at_its_line(files: DrillFiles) -> None:
    line = files.edit("site", "  name: Jinshan metal mine (example)", "  name: Jinshan: metal mine (example)")
    p = only(files.problems())
    check(p, files.path("site"), line, "", "YAML syntax error")


def test_unclosed_bracket_is_reported_at_the_bracket(files: DrillFiles) -> None:
    line = files.edit("site", "stations: [collar, st120, st240, st360]", "stations: [collar, st120, st240, st360")
    p = only(files.problems())
    check(p, files.path("site"), line, "", "YAML syntax error")


@pytest.mark.parametrize(("old", "new"), [
    ('{id: "j240", kind: "junction", x_m: 300', '{id: "j240", kind: "junction" x_m: 300'),
    ('{id: "j240", kind: "junction", x_m: 300', '{id: "j240", kind: junction x_m: 300'),
])
def test_a_comma_left_out_in_braces_is_told_as_a_missing_comma_not_an_unclosed_bracket(
        files: DrillFiles, old: str, new: str) -> None:
    """It was told "a '[' or '{' opened on this line is not closed", and the planner looked for a bracket that was
    there."""
    line = files.edit("site", old, new)
    problem = only(files.problems())
    check(problem, files.path("site"), line, "", "YAML syntax error: expected ',' or '}', but got",
          "(a ',' is missing between two items of the '[' or '{' on this line)")
    assert "not closed" not in problem.message


START, EXITS = "start_time: 2026-07-20T10:00:00", "exits: [collar, portal, raise_top]"  # the scenario's; the plan's


@pytest.mark.parametrize(("kind", "old", "new", "field", "says"), [
    # pydantic told these as "unexpected extra characters at the end of the input" and "input is too short"
    ("scenario", START, "start_time: 2026-07-20 25:00", "scenario.start_time",
     "'25:00' is no time of day: hours run from 0 to 23, minutes and seconds from 0 to 59"),
    ("scenario", START, 'start_time: "2026-07-20T10:61:00"', "scenario.start_time",
     "'10:61:00' is no time of day: hours run from 0 to 23, minutes and seconds from 0 to 59"),
    ("scenario", START, "start_time: 10:00", "scenario.start_time",
     "give the date with the time, e.g. 2026-07-20T10:00:00"),
    ("scenario", START, "start_time: 2026年7月20日 10:00", "scenario.start_time",
     "write the date and time as 2026-07-20T10:00:00"),
    # it was only "Input should be a valid list (got 'collar, portal, raise_top')"
    ("plan", EXITS, "exits: collar, portal, raise_top", "plan.evacuation.exits",
     "(got 'collar, portal, raise_top'); write a list in [ ]: [collar, portal, raise_top]"),
    ("plan", EXITS, "exits: collar", "plan.evacuation.exits", "(got 'collar'); write a list in [ ]: [collar]"),
    ("plan", EXITS, "exits: collar、portal", "plan.evacuation.exits",
     "(got 'collar、portal'); write a list in [ ]: [collar, portal]"),
    # brackets and a colon as a Chinese input method types them, a decimal comma: no hint before, or a field "t_s：300"
    ("plan", EXITS, "exits: 【collar，portal】", "plan.evacuation.exits",
     "'［ ］' and '【 】' are full-width brackets, as a Chinese input method types them; write a list in [ ]: "
     "[collar, portal]"),
    ("scenario", "{t_s: 300, inflow_m3ph: 3000}", "{t_s：300, inflow_m3ph: 3000}",
     "scenario.hazard.inrush.hydrograph[1].t_s：300",
     "'t_s' is followed by a full-width colon '：': write t_s: with an ASCII colon and a space"),
    ("plan", "present_probability: 0.98", "present_probability: 0,98", "plan.roles[0].present_probability",
     "(got '0,98'); write the decimals after a point, not a comma: 0.98"),
    # a count with the word Chinese counts it by: no hint before
    ("scenario", "replications: 500", "replications: 500次", "scenario.monte_carlo.replications",
     "(got '500次'); write the number alone: 500"),
    # digits as a Chinese input method types them in full-width mode: no hint before
    ("scenario", "replications: 500", "replications: ５００", "scenario.monte_carlo.replications",
     "'５００' is written in full-width characters, as a Chinese input method types them: write 500"),
    ("site", "elevation_m: -368.0", "elevation_m: －３６８.0", "site.nodes[28].elevation_m",
     "'－３６８.0' is written in full-width characters, as a Chinese input method types them: write -368.0"),
    # a value left out where a number or a distribution belongs: it said "(got None)"
    ("plan", "decision_delay_s: {dist: lognormal, median: 180, p95: 900}", "decision_delay_s:",
     "plan.roles[0].decision_delay_s", "p95: 300}; the value is empty"),
    # a negative number with its unit got no hint: the sign was not read as part of the number
    ("site", '{id: "j240", kind: "junction", x_m: 300, elevation_m: -239.1,',
     '{id: "j240", kind: "junction", x_m: 300, elevation_m: -239.1 m,', "site.nodes[10].elevation_m",
     "(got '-239.1 m'); write the number alone: -239.1 (the field's name gives the unit, m)"),
    # thousands separated by commas, as a spreadsheet shows them
    ("scenario", "      pumping_m3ph: 0 ", "      pumping_m3ph: 1,200 ", "scenario.hazard.inrush.pumping_m3ph",
     "(got '1,200'); write the number without a thousands separator: 1200"),
    # ... and inside { }, where YAML reads the comma as the start of another field: it was "unknown field '0'"
    ("scenario", "{t_s: 1200, inflow_m3ph: 12000}", "{t_s: 1200, inflow_m3ph: 12,000}",
     "scenario.hazard.inrush.hydrograph[2].inflow_m3ph",
     "12,000 is read as 12, the comma starting another field in { }: write the number without a thousands "
     "separator: 12000"),
    # ... with decimals, the part after the comma read as a field '368.0': it was "unknown field '368.0'"
    ("site", 'elevation_m: -368.0,', 'elevation_m: -1,368.0,', "site.nodes[28].elevation_m",
     "-1,368.0 is read as -1, the comma starting another field in { }: write the number without a thousands "
     "separator: -1368.0"),
    # ... and a decimal comma there, the decimals read as a field '5': it was "unknown field '5'"
    ("scenario", "{t_s: 1200, inflow_m3ph: 12000}", "{t_s: 1200, inflow_m3ph: 12000,5}",
     "scenario.hazard.inrush.hydrograph[2].inflow_m3ph",
     "12000,5 is read as 12000, the comma starting another field in { }: write the decimals after a point: 12000.5"),
    ("site", 'elevation_m: -368.0,', 'elevation_m: -368,05,', "site.nodes[28].elevation_m",
     "-368,05 is read as -368, the comma starting another field in { }: write the decimals after a point: -368.05"),
    ("site", 'x_m: -300, elevation_m: 3.0}', 'x_m: -300, elevation_m: 0,125}', "site.nodes[2].elevation_m",
     "0,125 is read as 0, the comma starting another field in { }: write the decimals after a point: 0.125"),
    # a list typed with a Chinese input method: it was "an id holds letters ...; write it in Latin letters (pinyin)"
    ("plan", "coverage: [pump360, crusher360, st360,", "coverage: [pump360，crusher360, st360,",
     "plan.channels[2].coverage[0]", "'pump360，crusher360' holds a full-width comma '，', as a Chinese input method "
     "types it: separate the items of a list with an ASCII comma and a space (pump360, crusher360)"),
])
def test_a_time_a_list_or_a_number_as_a_planner_types_it_is_told_how_to_write_it(
        files: DrillFiles, kind: str, old: str, new: str, field: str, says: str) -> None:
    told_last(files, kind, old, new, field, says)


WIDE = "\u3000\u3000\u3000"  # three full-width spaces, the indentation of a role's field as an input method types it


@pytest.mark.parametrize(("new", "at"), [(f"{WIDE}present_probability: 0.98", 0),
                                       ("      present_probability:\u30000.98", 0),
                                       (f"      present_probability: 0.98\n{WIDE}backups: [shift_leader]", 1)])
def test_a_full_width_space_in_the_indentation_or_after_a_colon_is_told_as_one(files: DrillFiles, new: str,
                                                                              at: int) -> None:
    """It was told as a fault of the indentation ("mapping values are not allowed here"), where the planner saw
    spaces, and at the line below it."""
    line = files.edit("plan", "      present_probability: 0.98", new) + at
    check(only(files.problems()), files.path("plan"), line, "", "this line holds a full-width space (U+3000), as a "
          "Chinese input method types it, in its indentation or after its colon: write ASCII spaces there")


@pytest.mark.parametrize("new", ['{id: "j240"，kind: "junction", x_m: 300', '{id: "j240", kind: "junction"、 x_m: 300'])
def test_a_full_width_comma_in_braces_is_told_as_one(files: DrillFiles, new: str) -> None:
    """It was told that a ',' is missing, and the planner saw a comma there: the one a Chinese input method types."""
    line = files.edit("site", '{id: "j240", kind: "junction", x_m: 300', new)
    check(only(files.problems()), files.path("site"), line, "", "YAML syntax error: expected ',' or '}', but got",
          "(this line holds a full-width comma ('，' or '、'), as a Chinese input method types it: separate the items "
          "of a '[' or '{' with an ASCII ',' and a space)")


def only_flood_problem(tmp_path: Path, old: str, new: str, field: str) -> Problem:
    """The one problem of the flood-season scenario with ``new`` written for ``old``, at that line and ``field``."""
    files = copy_bundled(tmp_path, FLOOD_FILES)
    line = break_file(files["scenario"], old, new)
    with pytest.raises(InputError) as info:
        load(files["scenario"])
    [problem] = info.value.problems
    assert (problem.line, problem.field) == (line, field), problem
    return problem


def test_a_return_period_written_in_years_is_told_how_to_write_it(tmp_path: Path) -> None:
    """'return_period_yr: 50年一遇' (a 50-year storm, as Chinese says it) got no hint."""
    problem = only_flood_problem(tmp_path, "return_period_yr: 50", "return_period_yr: 50年一遇",
                                 "scenario.hazard.storm.design.return_period_yr")
    assert problem.message.endswith("(got '50年一遇'); write the number alone: 50 (the field's name gives the unit, "
                                    "yr)"), problem


def test_a_time_from_the_start_written_as_a_clock_is_told_also_as_the_clock_time(tmp_path: Path) -> None:
    """'at_s: 08:00' (the day shift due down at 08:00) was told as 480 (m:ss) or 28800 (h:mm), neither the seconds
    from the scenario's start at 18:00 to 08:00."""
    problem = only_flood_problem(tmp_path, "{at_s: 50400, shift: day}", "{at_s: 08:00, shift: day}",
                                 "scenario.entries[0].at_s")
    assert problem.message.endswith("'08:00' is 480 as m:ss, 28800 as h:mm, 50400 as the clock time after start_time "
                                    "(18:00)"), problem


def test_a_pair_typed_with_a_full_width_comma_is_told_once_how_to_write_it(tmp_path: Path) -> None:
    """'[110，0]' was told as a number it could not read and, again, as a missing area."""
    files = copy_bundled(tmp_path, FLOOD_FILES)
    text = files["site"].read_text(encoding="utf-8")
    files["site"].write_text(text.replace("stage_area: [[110, 0],", "stage_area: [[110，0],"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(files["scenario"])
    [problem] = info.value.problems
    assert problem.field == "site.dams[0].pond.stage_area[0][0]", problem
    assert problem.message.endswith("'110，0' holds a full-width comma '，', as a Chinese input method types it: "
                                    "separate the items of a list with an ASCII comma and a space (110, 0)"), problem


@pytest.mark.parametrize(("old", "new", "hint"), [
    ('kind: "drift", from: "st120", to: "j120", length_m: 300,', 'kind: "drift", from: "st120", to: "j120", '
     'length_m: [ 300,', "(a '[' on this line is not closed before the '}' that ends the '{' around it)"),
    ("stations: [collar, st120, st240, st360]", "stations: [collar, {st120, st240, st360]",
     "(a '{' on this line is not closed before the ']' that ends the '[' around it)"),
])
def test_a_bracket_left_open_inside_the_other_kind_is_told_as_not_closed_not_as_a_missing_comma(
        files: DrillFiles, old: str, new: str, hint: str) -> None:
    """A stray '[' before a length inside a passage's { }: it was told that a ',' is missing, and the planner looked
    for one."""
    line = files.edit("site", old, new)
    problem = only(files.problems())
    check(problem, files.path("site"), line, "", "YAML syntax error: expected ',' or", hint)
    assert "is missing" not in problem.message


def test_unclosed_bracket_is_one_syntax_problem_in_the_right_file(files: DrillFiles) -> None:
    files.edit("plan", "exits: [collar, portal, raise_top]", "exits: [collar, portal, raise_top")
    p = only(files.problems())
    assert Path(p.file).resolve() == files.path("plan").resolve()
    assert p.line is not None
    assert "YAML syntax error" in p.message


def test_duplicate_key_is_reported_at_the_second_key(files: DrillFiles) -> None:
    line = files.edit("scenario", "  shift: day\n", "  shift: day\n  shift: night\n", mark="  shift: night")
    p = only(files.problems())
    assert Path(p.file).resolve() == files.path("scenario").resolve()
    assert p.line == line, p
    assert p.field == "scenario.shift", p
    assert "duplicate key" in p.message and "shift" in p.message, p


def test_a_key_written_twice_in_a_list_item_is_told_with_its_field(files: DrillFiles) -> None:
    """It was told at its line with no field: the loader stops at the second key, before it has the file's tree."""
    line = files.edit("site", "      decks: 1\n", "      decks: 1\n      decks: 2\n", mark="      decks: 2")
    check(only(files.problems()), files.path("site"), line, "site.hoists[0].decks",
          'duplicate key: found duplicate key "decks" with value "2" (original value: "1")')


TAGS = [
    pytest.param('!!python/object/apply:os.system ["touch \\"$DRILL_TEST_PWNED\\""]', id="os.system"),
    pytest.param('!!python/object/apply:subprocess.call [["touch", "/nonexistent/x"]]', id="subprocess"),
    pytest.param("!!python/name:os.system", id="python-name"),
    pytest.param("!shift day", id="local-tag"),
]


@pytest.mark.parametrize("tagged", TAGS)
def test_yaml_tag_is_refused_and_never_run(
    files: DrillFiles, tagged: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    canary = tmp_path / "pwned"
    monkeypatch.setenv("DRILL_TEST_PWNED", str(canary))
    line = files.edit("scenario", "  shift: day\n", f"  shift: {tagged}\n")
    p = only(files.problems())
    check(p, files.path("scenario"), line, "scenario.shift", "tag", "not allowed")
    assert not canary.exists(), "the YAML tag was executed"


def test_yaml_tag_inside_a_flow_mapping_is_refused(
    files: DrillFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    canary = tmp_path / "pwned"
    monkeypatch.setenv("DRILL_TEST_PWNED", str(canary))
    line = files.edit(
        "site",
        "{at: pump360, count: 4,",
        '{at: pump360, count: !!python/object/apply:os.system ["touch \\"$DRILL_TEST_PWNED\\""],',
    )
    p = only(files.problems())
    check(p, files.path("site"), line, "site.shifts.day[3].count", "tag")
    assert not canary.exists(), "the YAML tag was executed"


def test_empty_file(files: DrillFiles) -> None:
    files.path("scenario").write_text("", encoding="utf-8")
    check(only(files.problems()), files.path("scenario"), None, "", "empty")


def test_file_with_only_comments_is_empty(files: DrillFiles) -> None:
    files.path("site").write_text("# nothing here yet\n", encoding="utf-8")
    check(only(files.problems()), files.path("site"), None, "", "empty")


def test_a_file_saved_as_utf16_is_told_so(files: DrillFiles) -> None:
    files.path("plan").write_text(files.path("plan").read_text(encoding="utf-8"), encoding="utf-16")
    check(only(files.problems()), files.path("plan"), 1, "", "not UTF-8 text: byte 0xff cannot be read",
          "saved as UTF-16", "save it as UTF-8")


def test_a_file_saved_as_gbk_is_told_so_at_the_line_of_its_first_chinese_character(files: DrillFiles) -> None:
    text = files.path("plan").read_text(encoding="utf-8")
    first = next(i for i, line in enumerate(text.splitlines(), 1) if any(ord(c) > 127 for c in line))
    files.path("plan").write_bytes(text.encode("gb18030"))
    check(only(files.problems()), files.path("plan"), first, "", "not UTF-8 text", "GBK (GB18030)",
          "save it as UTF-8")


def test_a_byte_that_is_no_text_at_all_is_named_at_its_line(files: DrillFiles) -> None:
    files.path("plan").write_bytes(b"plan:\n  id: \xff\xfe\n")
    p = only(files.problems())
    check(p, files.path("plan"), 2, "", "not UTF-8 text: byte 0xff cannot be read; save the file as UTF-8")
    assert "GBK" not in p.message


def test_a_byte_order_mark_in_front_of_utf8_is_read_past(files: DrillFiles) -> None:
    files.path("plan").write_text(files.path("plan").read_text(encoding="utf-8"), encoding="utf-8-sig")
    assert load(files.path("scenario")).plan.id == "jinshan-water-plan"


@pytest.mark.parametrize(("text", "says"), [
    ("- a\n- b\n", "the file holds a list"), ("just words\n", "the file holds a single value"),
    ("sites: {}\n", "found 'sites' (did you mean 'site'?)")])
def test_file_without_one_known_top_level_key(files: DrillFiles, text: str, says: str) -> None:
    files.path("plan").write_text(text, encoding="utf-8")
    check(only(files.problems()), files.path("plan"), 1, "",
          "expected one top-level key: 'site', 'plan', 'scenario' or 'suite'; " + says)


def test_a_second_kind_in_one_file_is_reported_at_its_line(files: DrillFiles) -> None:
    files.path("plan").write_text("site: {}\nplan: {}\n", encoding="utf-8")
    check(only(files.problems()), files.path("plan"), 2, "plan", "a second top-level key", "already holds 'site'")


def test_a_key_indented_too_little_is_named_at_its_line(files: DrillFiles) -> None:
    line = files.edit("scenario", "  monte_carlo:\n    replications: 500\n    seed: 20260720",
                      "monte_carlo:\n  replications: 500\n  seed: 20260720")
    check(only(files.problems()), files.path("scenario"), line, "monte_carlo", "unexpected top-level key",
          "if 'monte_carlo' belongs inside 'scenario', indent it like the lines above it")


def test_a_stray_top_level_key_does_not_hide_the_other_faults_of_the_file(files: DrillFiles) -> None:
    # The body is still checked in full: a route that is not connected is found beside the stray key, as it
    # would be without it (a stray key leaves nothing of the body out).
    route = files.edit(
        "plan", "path: [stope360w, lad360, lad240, lad120, raise_top]", "path: [stope360w, lad360, lad120, raise_top]"
    )
    files.path("plan").write_text(files.text("plan") + "colour: red\n", encoding="utf-8")
    stray = len(files.text("plan").splitlines())
    got = files.problems()
    assert [(p.file, p.line, p.field) for p in got] == [
        (str(files.path("plan")), route, "plan.evacuation.routes[1].path[2]"),
        (str(files.path("plan")), stray, "colour")]
    assert "not connected" in got[0].message and "unexpected top-level key" in got[1].message


def test_a_full_width_colon_after_a_key_is_named_at_its_line(files: DrillFiles) -> None:
    line = files.edit("scenario", "    replications: 500", "    replications：500")
    check(only(files.problems()), files.path("scenario"), line, "",
          "'replications' is followed by a full-width colon '：': write replications: with an ASCII colon and a space")
    # in a list item too, with spaces before it, and every such line at once
    files.path("site").write_text("site:\n  nodes:\n    - id ：a\n    - kind：junction\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_yaml(files.path("site"))
    assert [(p.line, p.message.split(" is followed")[0]) for p in refused.value.problems] == [
        (3, "'id'"), (4, "'kind'")]


def test_a_suite_given_for_a_scenario(files: DrillFiles) -> None:
    suite = files.root / "suite.yaml"
    suite.write_text("# a suite\nsuite: {id: s}\n", encoding="utf-8")
    check(only(files.problems(suite)), suite, 2, "suite", "this is a suite file", "drill season")


@pytest.mark.parametrize(("old", "new", "at", "says"), [
    # a key indented too little: the parser notices on the next line
    ("      source: face360e\n      start_s: 0\n", "      source: face360e\n    start_s: 0\n", 2,
     "mapping values are not allowed here (check the indentation of this line and the line above"),
    # a key indented too little by one column
    ("      start_s: 0\n", "     start_s: 0\n", 0,
     "expected the end of the block, but found a new 'key: value' block (check the indentation of this line and "
     "the line above"),
    # a key indented too much
    ("  shift: day\n", "  shift: day\n    extra: 1\n", 1,
     "mapping values are not allowed here (check the indentation of this line and the line above"),
    ("  shift: day\n", "  shift: day\n\tmore: 1\n", 1,
     "found character '\\t' that cannot start any token (indent with spaces, not tabs)"),
    # a key's colon left out: the parser stops at the ': ' further on the line
    ("      inflow_factor: {dist: lognormal,", "      inflow_factor {dist: lognormal,", 0,
     "'inflow_factor' needs a ':' after it (write inflow_factor: value)"),
    # a key with no colon before an unclosed bracket: the parser gives up on the next line
    ("    seed: 20260720\n", "    seed [20260720\n", 0,
     "could not find expected ':' (a 'key: value' line needs a colon and a space"),
], ids=["too-little", "one-column", "too-much", "tab", "no-colon", "no-colon-at-end"])
def test_indentation_mistakes_get_a_plain_hint(files: DrillFiles, old: str, new: str, at: int, says: str) -> None:
    line = files.edit("scenario", old, new) + at
    check(only(files.problems()), files.path("scenario"), line, "", "YAML syntax error: " + says)


@pytest.mark.parametrize(("text", "line", "says"), [
    ("a:\n  b: 1\n c: 2\n", 3, "expected the end of the block, but found a new 'key: value' block (check the"),
    ("a:\n  - 1\n - 2\n", 3, "expected the end of the block, but found a new list (check the"),
    ("- a\nb: 1\n", 2, "expected the end of the block, but found a new key (check the"),
    ("a:\n  - b\n  c: 1\n", 3, "expected the end of the block, but found a new key (check the"),
    ("a: 1\n--- x\n", 2, "expected a single document in the stream, but found another document"),
    ("a: 1\n- b\n", 2, "expected the end of the block, but found a list item ('- ') (check the"),
    ("title: >hello\n", 1, "expected the text of a '|' or '>' block on the next line, but found 'h' (a value that "
     "starts with '|' or '>' must be in quotes)"),
    ("a: - b\n", 1, "sequence entries are not allowed here (a '- ' item starts a line of its own"),
], ids=["mapping", "list", "key-after-list", "key-in-list", "two-documents", "item-after-key", "block-text",
        "item-after-colon"])
def test_the_parsers_complaints_are_told_without_its_token_names(tmp_path: Path, text: str, line: int,
                                                                  says: str) -> None:
    """The parser names the parts of a file '<block mapping start>', '<block end>', '?': no planner writes or
    reads those. Its complaints are told in words, at the line it points to."""
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_yaml(path)
    p = only(refused.value.problems)
    assert p.line == line and p.message.startswith("YAML syntax error: " + says), p
    assert "<" not in p.message and "'?'" not in p.message and "'-'" not in p.message and "chomping" not in p.message


def test_every_token_name_of_the_parser_has_words() -> None:
    from ruamel.yaml import tokens

    ids = {c.id for c in vars(tokens).values() if isinstance(c, type) and issubclass(c, tokens.Token)
           and getattr(c, "id", "").startswith("<")}
    assert "<block mapping start>" in ids
    assert ids <= set(TOKEN_WORDS), ids - set(TOKEN_WORDS)
    for token, words in TOKEN_WORDS.items():
        if token.startswith("<"):
            for quoted in (token, f"'{token}'", f"('{token}',)"):
                assert plain_tokens(f"expected x, but found {quoted}") == f"expected x, but found {words}"
    assert plain_tokens("expected the node content, but found '<block end>'") == (
        "expected a value, but found the end of the block")


def test_deeply_nested_yaml_is_a_problem_not_a_crash(files: DrillFiles) -> None:
    files.path("plan").write_text("plan: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    p = only(files.problems())
    assert Path(p.file).resolve() == files.path("plan").resolve()
    assert p.line == 1, p


def test_missing_file_given_directly(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load(tmp_path / "nowhere.yaml")
    check(only(info.value.problems), tmp_path / "nowhere.yaml", None, "", "file not found")


def test_a_folder_given_for_a_file(tmp_path: Path, files: DrillFiles) -> None:
    with pytest.raises(InputError) as info:
        load(tmp_path)
    check(only(info.value.problems), tmp_path, None, "", "a folder, not a file")
    line = files.edit("scenario", "site: sites/jinshan_mine.yaml", "site: sites")
    check(only(files.problems()), files.path("scenario"), line, "scenario.site", "sites is a folder, not a file")


def test_load_yaml_keeps_lines_of_nested_values(files: DrillFiles) -> None:
    doc = load_yaml(files.path("plan"))
    line = files.line_of("plan", "path: [stope360w, lad360")
    assert doc.line_of(("plan", "evacuation", "routes", 1, "path")) == line
    assert doc.line_of(("plan", "evacuation", "routes", 1, "path", 3)) == line
    assert doc.line_of(("plan", "no_such_key")) == files.line_of("plan", "\nplan:") + 1


# ---------------------------------------------------------------- schema: fields and types


def test_unknown_field(files: DrillFiles) -> None:
    line = files.edit(
        "plan",
        "      present_probability: 0.95\n",
        "      present_probability: 0.95\n      colour: red\n",
        mark="      colour",
    )
    check(only(files.problems()), files.path("plan"), line, "plan.roles[1].colour", "unknown field")


def test_typo_in_an_optional_field(files: DrillFiles) -> None:
    line = files.edit(
        "site",
        'to: "j120", length_m: 300, width_m: 4.0, height_m: 3.5}',
        'to: "j120", length_m: 300, width_m: 4.0, heigth_m: 3.5}',
    )
    assert line == files.line_of("site", '{id: "d120_st_j"')
    check(only(files.problems()), files.path("site"), line, "site.links[0].heigth_m", "unknown field")


def test_typo_in_a_required_field_is_one_problem(files: DrillFiles) -> None:
    line = files.edit(
        "site",
        '{id: "d120_st_j", kind: "drift", from: "st120", to: "j120", length_m: 300',
        '{id: "d120_st_j", kind: "drift", from: "st120", to: "j120", lenght_m: 300',
    )
    p = only(files.problems())
    check(p, files.path("site"), line, "site.links[0].lenght_m", "unknown field", "length_m")


def test_wrong_type_for_a_length(files: DrillFiles) -> None:
    line = files.edit(
        "site",
        'length_m: 50, width_m: 4.5, height_m: 3.5}\n    - {id: "d120_st_lad"',
        'length_m: long, width_m: 4.5, height_m: 3.5}\n    - {id: "d120_st_lad"',
    )
    check(only(files.problems()), files.path("site"), line, "site.links[1].length_m", "number", "'long'")


def test_a_share_written_as_a_percentage_is_told_as_a_fraction(files: DrillFiles) -> None:
    line = files.edit("plan", "present_probability: 0.98", "present_probability: 98%")
    check(only(files.problems()), files.path("plan"), line, "plan.roles[0].present_probability", "(got '98%'); "
          "write a percentage as a fraction: 0.98 for '98%'")


@pytest.mark.parametrize(("written", "hint"), [("98", "; write a percentage as a fraction: 0.98 for 98"),
                                              ("12.5", "; write a percentage as a fraction: 0.125 for 12.5"),
                                              ("1.5", "; write a percentage as a fraction: 0.015 for 1.5"),
                                              ("150", ""), ("100.5", "")])
def test_a_share_written_as_a_percentage_number_is_told_as_a_fraction(files: DrillFiles, written: str,
                                                                      hint: str) -> None:
    # a number above 1 and at most 100 where a share (0..1) belongs may be a percentage; past 100 it is not one
    line = files.edit("plan", "present_probability: 0.98", f"present_probability: {written}")
    problem = only(files.problems())
    check(problem, files.path("plan"), line, "plan.roles[0].present_probability")
    assert problem.message == f"Input should be less than or equal to 1 (got {written}){hint}"


def test_a_label_or_name_written_as_a_number_is_its_text_as_written(files: DrillFiles) -> None:
    # a level label is a name: 'level: -360' unquoted was refused once per place ("should be a valid string"); it is
    # the label '-360', as written, whatever the number reads as ('+120' and '007' are not 120 and 7, nor 2.10 2.1)
    site = files.text("site").replace('level: "-360"', "level: -360").replace('level: "-240"', "level: +240")
    site = site.replace('level: "-120"', "level: 800").replace('id: "mag120"', "id: 007")
    files.path("site").write_text(site.replace('"mag120"', '"007"').replace("mag120", "007"), encoding="utf-8")
    files.edit("plan", 'version: "2026.1"', "version: 2026.10")
    files.path("plan").write_text(files.text("plan").replace("mag120", "007"), encoding="utf-8")  # as a number
    loaded = load(files.path("scenario"))
    assert {n.level for n in loaded.site.nodes} >= {"-360", "+240", "800"}
    assert "007" in {n.id for n in loaded.site.nodes} and "mag120" not in {n.id for n in loaded.site.nodes}
    assert loaded.plan.version == "2026.10"


def test_a_passage_written_as_a_name_is_asked_for_as_its_fields(files: DrillFiles) -> None:
    """pydantic names its class (LinkSpec) where a mapping is missing; the planner is told the fields instead."""
    line = files.edit("site", '- {id: "d120_st_j", kind: "drift", from: "st120", to: "j120", length_m: 300, '
                      'width_m: 4.0, height_m: 3.5}', "- d120_st_j")
    problem = only(files.problems())
    check(problem, files.path("site"), line, "site.links[0]",
          "should be a mapping (key: value) with the fields id, kind, from, to, length_m, width_m")
    assert "LinkSpec" not in problem.message and "instance" not in problem.message


def test_a_field_left_empty_is_told_so(files: DrillFiles) -> None:
    """`title:` with nothing after it is null in YAML: 'Input should be a valid string' alone did not say why."""
    line = files.edit("plan", "title: Duty dispatcher (调度员)", "title:")
    check(only(files.problems()), files.path("plan"), line, "plan.roles[0].title", "valid string; the value is empty")


@pytest.mark.parametrize("kind", ["scenario", "plan", "site"])
def test_a_file_whose_body_is_left_empty_is_told_so(files: DrillFiles, kind: str) -> None:
    """`scenario:` with nothing under it: the check for a clock written as a time from the start read the empty body
    as a mapping, and drill validate stopped with a traceback (found by mutating the bundled files at random)."""
    files.path(kind).write_text(f"# emptied\n{kind}:\n", encoding="utf-8")
    check(only(files.problems()), files.path(kind), 2, kind, "should be a mapping", "the value is empty")


@pytest.mark.parametrize(("kind", "old", "new", "field", "says"), [
    # a slip of units (ms for s, a power of ten too many): the run's time and level grids would fill the memory
    ("scenario", "duration_s: 10800", "duration_s: 1.08e12", "scenario.duration_s",
     "more than drill can take: at most 2592000 s (30 days), as the water and the rain are stepped"),
    ("site", 'to: "j120", length_m: 300, width_m: 4.0, height_m: 3.5}',
     'to: "j120", length_m: 300, width_m: 4.0, height_m: 3.5e12}', "site.links[0].height_m",
     "more than drill can take: at most 1000 m, as the water's level is stepped every 2 cm"),
    ("site", "{at: face360e, count: 8, profile: miner, crew: face-360E, radio_carriers: 1, paging_lamp_share: 0.9}",
     "{at: face360e, count: 800000, profile: miner, crew: face-360E, radio_carriers: 1, paging_lamp_share: 0.9}",
     "site.shifts.day[0].count",
     "more than drill can take: at most 100000 people, as every person is simulated one by one"),
])
def test_a_value_beyond_the_tools_limits_is_refused_with_its_reason(files: DrillFiles, kind: str, old: str, new: str,
                                                                   field: str, says: str) -> None:
    """Before these limits, each of these values ended the run in a MemoryError traceback (or hours of work)."""
    line = files.edit(kind, old, new)
    check(only(files.problems()), files.path(kind), line, field, says)


@pytest.mark.parametrize(("model", "data", "says"), [
    ("MonitoringSpec", {"poll_s": 1e-9}, "less than drill can take: at least 1 s, as the monitoring is polled"),
    ("DesignStormSpec", {"return_period_yr": 50, "duration_s": 7200, "step_s": 1e-9,
                         "idf": {"a1_mm_per_min": 12, "c": 0.8, "b_min": 10, "n": 0.7, "name": "x", "source": "y"}},
     "less than drill can take: at least 1 s, as the water and the rain are stepped through the whole run"),
    ("ResidentsSpec", {"at": "v", "households": 30000, "members": {"day": 2, "night": 4}},
     "households times members make 120000 people at one place: more than drill can take: at most 100000 people"),
    ("ResidentsSpec", {"at": "v", "occupants": {"day": 2e5, "night": 0}},
     "more than drill can take: at most 100000 people"),
])
def test_the_tools_limits_on_polling_rain_steps_and_residents(model: str, data: dict, says: str) -> None:
    """A poll or a rain step of a nanosecond, or a million people in one place, filled the memory before a run."""
    from pydantic import ValidationError

    from drills.inputs import plan, scenario, site
    cls = next(getattr(m, model) for m in (plan, scenario, site) if hasattr(m, model))
    with pytest.raises(ValidationError) as info:
        cls.model_validate(data)
    assert says in str(info.value)


@pytest.mark.parametrize(("kind", "old", "new", "field", "says"), [
    # a cage stopping twice at one station, an exit or a step of a route written twice: slips of copying that ran
    ("site", "stations: [collar, st120, st240, st360]", "stations: [collar, st120, st240, st360, st240]",
     "site.hoists[0].stations", "'st240' is listed twice ([2] and [4])"),
    ("plan", "exits: [collar, portal, raise_top]", "exits: [collar, portal, raise_top, portal]",
     "plan.evacuation.exits", "'portal' is listed twice ([1] and [3])"),
    ("plan", "path: [stope360w, lad360, lad240, lad120, raise_top]",
     "path: [stope360w, lad360, lad240, lad360, lad240, lad120, raise_top]", "plan.evacuation.routes[1].path",
     "'lad360' is listed twice ([1] and [3])"),
    ("plan", "levels: [blue, yellow, orange, red]", "levels: [blue, yellow, orange, red, red]", "plan.warning.levels",
     "'red' is listed twice ([3] and [4])"),
])
def test_a_name_written_twice_in_a_list_is_refused(files: DrillFiles, kind: str, old: str, new: str, field: str,
                                                   says: str) -> None:
    line = files.edit(kind, old, new)
    check(only(files.problems()), files.path(kind), line, field, says)


def test_an_empty_title_is_refused(files: DrillFiles) -> None:
    """The report's heading would be blank: a title, name, unit or path must say something."""
    line = files.edit("scenario", "title: Water inrush at the -360 east heading, day shift, flood season", 'title: ""')
    check(only(files.problems()), files.path("scenario"), line, "scenario.title", "at least 1 character")


@pytest.mark.parametrize(("old", "new", "field", "says"), [
    # findings, revisions and faults name triggers and routes by id: two of one id was accepted
    ("      - id: crew-report-face", "      - id: inflow-change-20pct", "plan.warning.triggers[1].id",
     "duplicate trigger id 'inflow-change-20pct'"),
    ("      - id: r360-ladder", "      - id: r360-cage", "plan.evacuation.routes[1].id",
     "duplicate route id 'r360-cage'"),
])
def test_a_trigger_or_route_id_used_twice_is_refused(files: DrillFiles, old: str, new: str, field: str,
                                                     says: str) -> None:
    line = files.edit("plan", old, new, mark="id:")
    check(only(files.problems()), files.path("plan"), line, field, says)


def test_an_id_of_dots_alone_is_refused(files: DrillFiles) -> None:
    """The outputs go to reports/<scenario id>: a scenario with id '..' wrote them into the folder above reports/."""
    line = files.edit("scenario", "  id: mine-inrush-day", '  id: ".."')
    check(only(files.problems()), files.path("scenario"), line, "scenario.id",
          "an id of dots alone ('..') names a folder, not a thing: use letters or digits")


@pytest.mark.parametrize(("new", "says"), [
    ("inrush drill", "an id holds letters, digits, '_', '.' and '-' only, not 'inrush drill'; e.g. 'inrush-drill'"),
    ("突水演练", "an id holds letters, digits, '_', '.' and '-' only, not '突水演练'; write it in Latin letters "
                 "(pinyin), and a Chinese name in a title where the file has one"),
])
def test_an_id_with_a_space_or_chinese_is_told_what_an_id_holds(files: DrillFiles, new: str, says: str) -> None:
    """pydantic said only "String should match pattern '^[A-Za-z0-9_.\\-]+$'"."""
    line = files.edit("scenario", "  id: mine-inrush-day", f"  id: {new}")
    problem = only(files.problems())
    check(problem, files.path("scenario"), line, "scenario.id", says)
    assert "pattern" not in problem.message


def test_a_shift_with_no_crews_is_a_drill_with_nobody_in_it(files: DrillFiles) -> None:
    """The scorecard of a drill with nobody in it failed on an empty array; the inputs are refused instead."""
    files.edit("site", "  shifts:\n    day:\n", "  shifts:\n    day: []\n    day_before:\n")
    check(only(files.problems()), files.path("scenario"), files.line_of("scenario", "shift: day"), "scenario.shift",
          "nobody is in the drill (shift 'day' has no crews): it would have no one to warn or evacuate")


@pytest.mark.parametrize(("kind", "old", "new", "field", "says"), [
    ("scenario", "duration_s: 10800", "duration_s: 3:00:00", "scenario.duration_s",
     "(got '3:00:00'); the field takes a number of seconds (its name ends in _s): 10800 for '3:00:00' (h:mm:ss)"),
    ("scenario", "duration_s: 10800", "duration_s: 3:00", "scenario.duration_s",
     "(got '3:00'); the field takes a number of seconds (its name ends in _s): '3:00' is 180 as m:ss, 10800 as h:mm"),
    ("scenario", "{t_s: 300, inflow_m3ph: 3000}", "{t_s: 5 min, inflow_m3ph: 3000}",
     "scenario.hazard.inrush.hydrograph[1].t_s",
     "(got '5 min'); the field takes a number of seconds (its name ends in _s): 300 for '5 min'"),
    # a field that takes a number or a distribution
    ("plan", "decision_delay_s: {dist: lognormal, median: 180, p95: 900}", "decision_delay_s: 2.5 h",
     "plan.roles[0].decision_delay_s",
     "(got '2.5 h'); the field takes a number of seconds (its name ends in _s): 9000 for '2.5 h'"),
    ("site", 'to: "j120", length_m: 300,', 'to: "j120", length_m: 300 m,', "site.links[0].length_m",
     "(got '300 m'); write the number alone: 300 (the field's name gives the unit, m)"),
])
def test_a_number_written_with_its_unit_or_as_a_clock_is_told_how_to_write_it(
        files: DrillFiles, kind: str, old: str, new: str, field: str, says: str) -> None:
    line = files.edit(kind, old, new)
    check(only(files.problems()), files.path(kind), line, field, says)


LENGTH, INFLOW = 'to: "j120", length_m: 300,', "{t_s: 300, inflow_m3ph: 3000}"  # the first link's; the second point's


@pytest.mark.parametrize(("kind", "old", "field", "written", "alone"), [
    ("site", LENGTH, "site.links[0].length_m", "300米", "300"),
    ("site", LENGTH, "site.links[0].length_m", "0.3 km", "300 for '0.3 km'"),
    ("scenario", INFLOW, "scenario.hazard.inrush.hydrograph[1].inflow_m3ph", "3000 m3/h", "3000"),
    ("scenario", INFLOW, "scenario.hazard.inrush.hydrograph[1].inflow_m3ph", "3000 立方米/小时", "3000"),
    ("plan", "backup_power_h: 2\n", "plan.channels[0].backup_power_h", "2 hours", "2 for '2 hours'"),
    ("plan", "backup_power_h: 2\n", "plan.channels[0].backup_power_h", "两个半小时", "2.5 for '两个半小时'"),
])
def test_a_number_with_its_unit_in_chinese_another_unit_or_hours_is_told_how_to_write_it(
        files: DrillFiles, kind: str, old: str, field: str, written: str, alone: str) -> None:
    """They got only 'unable to parse string as a number', where '300 m' was told to write 300."""
    name = field.rsplit(".", 1)[-1]
    line = files.edit(kind, old, old.replace(old.split(f"{name}: ")[1].rstrip(",}\n"), written, 1))
    unit = name.rsplit("_", 1)[-1]
    check(only(files.problems()), files.path(kind), line, field,
          f"(got {written!r}); write the number alone: {alone} (the field's name gives the unit, {unit})")


@pytest.mark.parametrize(("kind", "old", "new", "says"), [
    ("plan", "decision_delay_s: {dist: lognormal, median: 180, p95: 900}", "decision_delay_s: ten minutes",
     "(got 'ten minutes'); the field takes a number of seconds (its name ends in _s): 600 for 'ten minutes'"),
    ("plan", "decision_delay_s: {dist: lognormal, median: 180, p95: 900}", 'decision_delay_s: "10 min"',
     "(got '10 min'); the field takes a number of seconds (its name ends in _s): 600 for '10 min'"),
    ("plan", "decision_delay_s: {dist: lognormal, median: 180, p95: 900}", "decision_delay_s: half an hour",
     "(got 'half an hour'); the field takes a number of seconds (its name ends in _s): 1800 for 'half an hour'"),
    ("plan", "decision_delay_s: {dist: lognormal, median: 180, p95: 900}", "decision_delay_s: 1 h 30 min",
     "(got '1 h 30 min'); the field takes a number of seconds (its name ends in _s): 5400 for '1 h 30 min'"),
    ("plan", "decision_delay_s: {dist: lognormal, median: 180, p95: 900}", "decision_delay_s: 10 分钟",
     "(got '10 分钟'); the field takes a number of seconds (its name ends in _s): 600 for '10 分钟'"),
    # words that are no time with a unit: what the field takes, and how a time is written there
    ("plan", "decision_delay_s: {dist: lognormal, median: 180, p95: 900}", "decision_delay_s: soon",
     "(got 'soon'); the field takes a number of seconds (its name ends in _s): 600 for ten minutes, 7200 for two "
     "hours"),
    ("scenario", "duration_s: 10800", "duration_s: three hours",
     "(got 'three hours'); the field takes a number of seconds (its name ends in _s): 10800 for 'three hours'"),
    ("scenario", "duration_s: 10800", "duration_s: 2 days",
     "(got '2 days'); the field takes a number of seconds (its name ends in _s): 172800 for '2 days'"),
    ("scenario", "duration_s: 10800", "duration_s: 一天",
     "(got '一天'); the field takes a number of seconds (its name ends in _s): 86400 for '一天'"),
    ("scenario", "duration_s: 10800", "duration_s: all day",
     "(got 'all day'); the field takes a number of seconds (its name ends in _s): 600 for ten minutes, 7200 for two "
     "hours"),
])
def test_a_time_written_in_words_is_told_the_field_takes_seconds_and_how_many(
        files: DrillFiles, kind: str, old: str, new: str, says: str) -> None:
    """'decision_delay_s: ten minutes' got no word of units: the field's name says seconds, and a time written with
    its unit, in digits or words, is told the seconds it means."""
    line = files.edit(kind, old, new)
    problem = only(files.problems())
    field = "plan.roles[0].decision_delay_s" if kind == "plan" else "scenario.duration_s"
    check(problem, files.path(kind), line, field, says)
    assert problem.message.endswith(says), problem


def test_a_list_of_mappings_written_as_a_name_is_not_told_to_put_the_name_in_brackets(files: DrillFiles) -> None:
    """A team is a mapping ({id: .., size: ..}): '[mine-rescue]' would be no better."""
    line = files.edit("plan", "  teams:\n    - {id: mine-rescue, size: 12, location: collar, mobilisation_s: 1800}",
                      "  teams: mine-rescue", mark="teams:")
    problem = only(files.problems())
    check(problem, files.path("plan"), line, "plan.teams", "valid list")
    assert "[ ]" not in problem.message, problem


def test_wrong_type_for_a_count_in_a_shift(files: DrillFiles) -> None:
    line = files.edit("site", "{at: pump360, count: 4,", "{at: pump360, count: many,")
    check(only(files.problems()), files.path("site"), line, "site.shifts.day[3].count", "integer", "'many'")


def test_wrong_type_list_expected(files: DrillFiles) -> None:
    line = files.edit("plan", "exits: [collar, portal, raise_top]", "exits: collar")
    check(only(files.problems()), files.path("plan"), line, "plan.evacuation.exits", "list")


def test_wrong_type_date(files: DrillFiles) -> None:
    line = files.edit("scenario", "start_time: 2026-07-20T10:00:00", "start_time: yesterday")
    check(only(files.problems()), files.path("scenario"), line, "scenario.start_time", "datetime", "'yesterday'")


@pytest.mark.parametrize("value", ["-50", "0", "-0.5"])
def test_length_must_be_positive(files: DrillFiles, value: str) -> None:
    line = files.edit(
        "site",
        'length_m: 50, width_m: 4.5, height_m: 3.5}\n    - {id: "d120_st_lad"',
        f'length_m: {value}, width_m: 4.5, height_m: 3.5}}\n    - {{id: "d120_st_lad"',
    )
    check(only(files.problems()), files.path("site"), line, "site.links[1].length_m", "greater than 0", value)


def test_negative_length_is_reported_on_every_link_line(files: DrillFiles) -> None:
    """Every link's line is found, not only the first few (line look-up through a long flow-style list)."""
    site = files.text("site")
    links = [ln for ln in site.splitlines() if ln.startswith("    - {id: ") and "length_m: " in ln]
    assert len(links) > 30
    for k, original in enumerate(links):
        files.path("site").write_text(site, encoding="utf-8")
        length = original.split("length_m: ")[1].split(",")[0]
        line = files.edit("site", original, original.replace(f"length_m: {length},", f"length_m: -{length},"))
        check(only(files.problems()), files.path("site"), line, f"site.links[{k}].length_m", "greater than 0")


def test_probability_above_one(files: DrillFiles) -> None:
    line = files.edit("plan", "hear_probability: 0.7", "hear_probability: 1.5")
    check(only(files.problems()), files.path("plan"), line, "plan.channels[0].hear_probability", "1.5")


def test_a_fault_in_a_runner_is_told_alone_not_with_its_need_of_the_mains(files: DrillFiles) -> None:
    # a runner's need of the mains is made from its type: a fault elsewhere in the channel leaves nothing to say of it
    files.edit("plan", "  evacuation:\n", '    - {id: run, type: runner, start: st360, coverage: [st360], '
               'reliability: 1.5}\n\n  evacuation:\n')
    line = files.line_of("plan", "id: run, type: runner")
    check(only(files.problems()), files.path("plan"), line, "plan.channels[3].reliability", "1.5")


def test_missing_required_field_is_reported_at_its_parent(files: DrillFiles) -> None:
    files.edit("scenario", "  duration_s: 10800\n", "")
    line = files.line_of("scenario", "\nscenario:") + 1
    check(only(files.problems()), files.path("scenario"), line, "scenario.duration_s", "required field is missing")


def test_missing_required_field_in_a_list_item(files: DrillFiles) -> None:
    files.edit("plan", "      title: Mine leader on shift (带班矿领导)\n", "")
    line = files.line_of("plan", "    - id: shift_leader")
    check(only(files.problems()), files.path("plan"), line, "plan.roles[1].title", "required field is missing")


def test_rule_across_fields_of_one_item(files: DrillFiles) -> None:
    line = files.edit("site", 'to: "ramp120", length_m: 50,', 'to: "ramp120", length_m: 50, lanes: 2,')
    check(only(files.problems()), files.path("site"), line, "site.links[1]", "road_class and lanes apply to roads only")


def test_a_link_to_itself_is_told_at_its_to_with_the_node(files: DrillFiles) -> None:
    """It was told at the link with no name: the planner had to read the link to see which end was wrong."""
    files.edit("site", '{id: "d120_j_ramp", kind: "drift", from: "j120", to: "ramp120", length_m: 50, width_m: 4.5, '
               'height_m: 3.5}', 'id: d120_j_ramp\n      kind: drift\n      from: j120\n      to: "j120"\n'
               '      length_m: 50\n      width_m: 4.5')
    check(only(files.problems()), files.path("site"), files.line_of("site", '      to: "j120"'), "site.links[1].to",
          "a link must join two different nodes: from and to are both 'j120'")


def test_a_level_written_above_ground_is_told_at_its_links_with_the_ends_elevations(files: DrillFiles) -> None:
    """elevation_m: 120 for the -120 station (the sign left out) made its links too short to climb; the message
    named neither end, so the planner looked for a wrong length."""
    files.edit("site", '{id: "st120", kind: "shaft_station", x_m: 0, elevation_m: -120,',
               '{id: "st120", kind: "shaft_station", x_m: 0, elevation_m: 120,')
    problems = files.problems()
    assert [(p.line, p.field) for p in problems] == [
        (files.line_of("site", '{id: "d120_st_mag"'), "site.links[19].length_m"),
        (files.line_of("site", '{id: "shaft_120_240"'), "site.links[30].length_m")], listing(problems)
    assert problems[0].message == ("150 m is shorter than the 239.55 m height difference of its ends ('st120' at "
                                   "120 m, 'mag120' at -119.55 m): check this length and their elevation_m")


# ---------------------------------------------------------------- distributions (number or {dist: ...})

DELAY = "decision_delay_s: {dist: lognormal, median: 300, p95: 1200}"


@pytest.mark.parametrize(
    ("value", "field", "says"),
    [
        pytest.param(
            "{dist: lognormal, median: 300, p95: 100}",
            "",
            "p95 must be at least the median",
            id="p95-below-median",
        ),
        pytest.param(
            "{dist: uniform, low: 300, high: 100}",
            "",
            "high must be at least low (got low 300, high 100)",
            id="high-below-low",
        ),
        pytest.param(
            "{dist: triangular, low: 30, mode: 1, high: 60}",
            "",
            "mode must lie between low and high (got low 30, mode 1, high 60)",
            id="mode-outside-low-high",
        ),
        pytest.param("{dist: lognormal, median: 300}", ".p95", "required field is missing", id="missing-p95"),
        pytest.param("{dist: gamma, median: 300}", ".dist", "gamma", id="unknown-dist"),
        pytest.param("{median: 300, p95: 600}", ".dist",
                     "say which distribution: dist: one of 'fixed', 'lognormal', 'uniform', 'triangular', 'normal'",
                     id="no-dist"),
        pytest.param(
            "{dist: lognormal, median: -300, p95: 1200}",
            ".median",
            "greater than 0",
            id="negative-median",
        ),
        pytest.param(".inf", "", "finite number", id="infinite"),
        pytest.param(".nan", "", "finite number", id="not-a-number"),
        pytest.param("{dist: lognormal, median: 300, p95: 1e400}", ".p95", "finite number", id="overflows-to-inf"),
    ],
)
def test_distribution_fault_is_one_problem(files: DrillFiles, value: str, field: str, says: str) -> None:
    line = files.edit("plan", DELAY, f"decision_delay_s: {value}")
    check(only(files.problems()), files.path("plan"), line, f"plan.roles[1].decision_delay_s{field}", says)


NOT_A_DICT = "dictionary or object to extract fields"


def test_word_instead_of_a_delay_asks_for_a_number(files: DrillFiles) -> None:
    line = files.edit("plan", DELAY, "decision_delay_s: soon")
    p = only(files.problems())
    check(p, files.path("plan"), line, "plan.roles[1].decision_delay_s", "number", "'soon'")
    assert NOT_A_DICT not in p.message, p


def test_negative_delay_says_only_that_it_is_negative(files: DrillFiles) -> None:
    line = files.edit("plan", DELAY, "decision_delay_s: -5")
    p = only(files.problems())
    check(p, files.path("plan"), line, "plan.roles[1].decision_delay_s", "greater than or equal to 0", "-5")
    assert NOT_A_DICT not in p.message, p


# ---------------------------------------------------------------- cross-references


def test_link_to_a_node_that_does_not_exist(files: DrillFiles) -> None:
    line = files.edit("site", 'from: "j120", to: "ramp120"', 'from: "j120", to: "ramp999"')
    check(only(files.problems()), files.path("site"), line, "site.links[1].to", "'ramp999'", "no node")


def test_duplicate_node_id(files: DrillFiles) -> None:
    ramp180 = '    - {id: "ramp180", kind: "workplace", x_m: 400, elevation_m: -180.0, level: "-180 ramp"}\n'
    line = files.edit(
        "site",
        ramp180,
        ramp180 + '    - {id: "shop240", kind: "workplace", elevation_m: -239.64}\n',
        mark='    - {id: "shop240"',
    )
    check(only(files.problems()), files.path("site"), line, "site.nodes[30].id", "duplicate", "'shop240'")


def test_a_node_renamed_to_an_existing_id_is_one_problem_not_nine(files: DrillFiles) -> None:
    """Every reference to the old id and every rule on the clashing id would fail: only the cause is told."""
    line = files.edit("site", '{id: "ramp180", kind', '{id: "ramp120", kind')
    check(only(files.problems()), files.path("site"), line, "site.nodes[29].id", "duplicate node id 'ramp120'")


def test_a_role_renamed_to_an_existing_id_is_one_problem(files: DrillFiles) -> None:
    line = files.edit("plan", "    - id: mine_manager\n", "    - id: shift_leader\n")
    check(only(files.problems()), files.path("plan"), line, "plan.roles[2].id", "duplicate role id 'shift_leader'")


def test_duplicate_ids_in_two_files_are_both_told(files: DrillFiles) -> None:
    site = files.edit("site", '{id: "ramp180", kind', '{id: "ramp120", kind')
    plan = files.edit("plan", "    - id: mine_manager\n", "    - id: shift_leader\n")
    assert where(files.problems()) == {(files.path("site"), site, "site.nodes[29].id"),
                                       (files.path("plan"), plan, "plan.roles[2].id")}


def test_crew_at_a_node_that_does_not_exist(files: DrillFiles) -> None:
    line = files.edit("site", "{at: pump360, count: 2,", "{at: pump999, count: 2,")
    check(only(files.problems()), files.path("site"), line, "site.shifts.night[3].at", "'pump999'")


def test_people_at_a_place_with_no_links_are_refused_at_their_line(files: DrillFiles) -> None:
    files.edit("site", '    - {id: "mag120",',
               '    - {id: "drill_bay", kind: "workplace", elevation_m: -120}\n    - {id: "mag120",')
    line = files.edit("site", "      - {at: mag120, count: 10,", "      - {at: drill_bay, count: 6}\n"
                      "      - {at: mag120, count: 10,")
    check(only(files.problems()), files.path("site"), line, "site.shifts.day[10].at",
          "'drill_bay' holds 6 people of the day shift", "no passage leads from it to an exit or a refuge")


def test_people_cut_off_by_a_deleted_link_are_refused_in_every_shift(files: DrillFiles) -> None:
    files.edit("site", '    - {id: "d360_e_face", kind: "drift", from: "stope360e", to: "face360e", length_m: 400, '
               'width_m: 3.0, height_m: 3.0}\n', "")
    found = {(p.line, p.field, p.message) for p in files.problems() if p.file == str(files.path("site"))}
    day, night = (files.line_of("site", f"{{at: face360e, count: {n},") for n in (8, 4))
    assert found == {
        (day, "site.shifts.day[0].at", "'face360e' holds 8 people of the day shift, but no passage leads from it "
                                       "to an exit or a refuge"),
        (night, "site.shifts.night[0].at", "'face360e' holds 4 people of the night shift, but no passage leads "
                                           "from it to an exit or a refuge")}


def test_people_behind_a_one_way_passage_are_refused(files: DrillFiles) -> None:
    files.edit("site", '"d360_e_face", kind: "drift", from: "stope360e", to: "face360e",',
               '"d360_e_face", kind: "drift", from: "stope360e", to: "face360e", one_way: true,')
    lines = {p.line for p in files.problems() if "no passage leads from it" in p.message}
    assert lines == {files.line_of("site", f"{{at: face360e, count: {n},") for n in (8, 4)}


def test_a_cage_up_to_the_collar_is_a_way_out(files: DrillFiles) -> None:
    """A cage up to its collar counts as a way out: without ramps and ladderways, -360 still reaches the collar."""
    from drills.inputs.compile import _ways_out

    site = load(files.path("scenario")).site
    nodes = {n.id: n for n in site.nodes}
    surface = {"collar", "portal", "surface"}
    walls = site.model_copy(update={"links": [lk for lk in site.links if lk.kind not in ("ramp", "ladderway")]})
    assert "face360e" in _ways_out(walls, nodes, surface)
    assert "face360e" not in _ways_out(walls.model_copy(update={"hoists": []}), nodes, surface)


def test_route_that_is_not_connected(files: DrillFiles) -> None:
    line = files.edit(
        "plan", "path: [stope360w, lad360, lad240, lad120, raise_top]", "path: [stope360w, lad360, lad120, raise_top]"
    )
    check(
        only(files.problems()),
        files.path("plan"),
        line,
        "plan.evacuation.routes[1].path[2]",
        "not connected",
        "'lad360'",
        "'lad120'",
    )


def test_route_through_a_node_that_does_not_exist(files: DrillFiles) -> None:
    line = files.edit("plan", "path: [ramp180, ramp120, portal]", "path: [ramp180, ramp121, portal]")
    check(only(files.problems()), files.path("plan"), line, "plan.evacuation.routes[4].path[1]", "no node", "'ramp121'")


def test_route_from_a_node_that_does_not_exist(files: DrillFiles) -> None:
    line = files.edit("plan", "from: [stope120e, stope120w, mag120]", "from: [stope120e, stope120w, mag121]")
    check(only(files.problems()), files.path("plan"), line, "plan.evacuation.routes[3].from[2]", "'mag121'")


def test_plan_for_another_site(files: DrillFiles) -> None:
    line = files.edit("plan", "  site: jinshan-mine", "  site: tongshan-mine")
    check(only(files.problems()), files.path("plan"), line, "plan.site", "'tongshan-mine'", "'jinshan-mine'")


def test_unknown_shift(files: DrillFiles) -> None:
    line = files.edit("scenario", "  shift: day\n", "  shift: evening\n")
    check(only(files.problems()), files.path("scenario"), line, "scenario.shift", "'evening'", "day, night")


def test_a_misspelt_role_channel_or_shift_is_told_with_the_name_it_is_close_to(files: DrillFiles) -> None:
    backup = files.edit("plan", "backups: [shift_leader]", "backups: [shift_leadr]")
    owner = files.edit("plan", "{action: notify_county, owner: mine_manager}", "{action: notify_county, owner: boss}")
    probs = files.problems()
    assert [(p.line, p.message) for p in probs] == [
        (backup, "no role 'shift_leadr' in this plan; did you mean 'shift_leader'?"),
        (owner, "no role 'boss'")], listing(probs)  # nothing close: no guess


def test_a_misspelt_word_from_a_fixed_list_is_told_with_the_word_it_is_close_to(files: DrillFiles) -> None:
    near = files.edit("site", '{id: "j120", kind: "junction"', '{id: "j120", kind: "juncton"')
    far = files.edit("site", '{id: "j240", kind: "junction"', '{id: "j240", kind: "crossing"')
    probs = files.problems()
    assert [(p.line, p.field) for p in probs] == [(near, "site.nodes[4].kind"), (far, "site.nodes[10].kind")]
    assert probs[0].message.endswith("(got 'juncton'); did you mean 'junction'?")
    assert probs[1].message.endswith("(got 'crossing')")  # nothing close: no guess


def test_unknown_channel_in_an_action(files: DrillFiles) -> None:
    line = files.edit(
        "plan",
        "{action: evacuate_underground, owner: dispatcher}",
        "{action: evacuate_underground, owner: dispatcher, channels: [mine-pa, sirens]}",
    )
    check(
        only(files.problems()),
        files.path("plan"),
        line,
        "plan.warning.actions_by_level.red[0].channels[1]",
        "no channel",
        "'sirens'",
    )


def test_unknown_role_as_trigger_owner(files: DrillFiles) -> None:
    line = files.edit(
        "plan",
        "        owner: dispatcher\n        detection_delay_s: 300",
        "        owner: dispatch\n        detection_delay_s: 300",
    )
    check(only(files.problems()), files.path("plan"), line, "plan.warning.triggers[0].owner", "'dispatch'")


ACTIONS = "    actions_by_level:\n      red:\n"


def test_a_level_with_an_empty_action_list_is_refused_at_its_line(files: DrillFiles) -> None:
    line = files.edit("plan", ACTIONS, "    actions_by_level:\n      orange: []\n      red:\n", mark="orange")
    check(only(files.problems()), files.path("plan"), line, "plan.warning.actions_by_level.orange",
          "no actions are listed for level 'orange'")


def test_a_trigger_raising_a_level_with_an_empty_action_list_is_refused_as_if_it_were_missing(
        files: DrillFiles) -> None:
    files.edit("plan", ACTIONS, "    actions_by_level:\n      orange: []\n      red:\n")
    trigger = files.edit("plan", "        threshold: 60\n        level: red\n", "        threshold: 60\n        "
                         "level: orange\n", mark="level")
    problems = files.problems()
    assert len(problems) == 2, listing(problems)
    check(problems[0], files.path("plan"), trigger, "plan.warning.triggers[0].level",
          "no actions are listed for level 'orange' in warning.actions_by_level")
    check(problems[1], files.path("plan"), files.line_of("plan", "orange: []"),
          "plan.warning.actions_by_level.orange", "no actions are listed for level 'orange'")


def test_an_unknown_level_is_refused_naming_the_levels(files: DrillFiles) -> None:
    line = files.edit("plan", ACTIONS, "    actions_by_level:\n      purple:\n        - {action: stop_entry, owner: "
                      "dispatcher}\n      red:\n", mark="purple")
    check(only(files.problems()), files.path("plan"), line, "plan.warning.actions_by_level.purple",
          "unknown level 'purple'", "'blue', 'yellow', 'orange' or 'red'")


def test_a_level_the_plan_does_not_declare_is_refused(files: DrillFiles) -> None:
    files.edit("plan", "levels: [blue, yellow, orange, red]", "levels: [blue, yellow, red]")
    line = files.edit("plan", ACTIONS, "    actions_by_level:\n      orange:\n        - {action: stop_entry, owner: "
                      "dispatcher}\n      red:\n", mark="orange")
    check(only(files.problems()), files.path("plan"), line, "plan.warning.actions_by_level.orange",
          "level 'orange' is not declared", "warning.levels are blue, yellow, red")


def test_a_step_waiting_for_a_step_that_does_not_exist(files: DrillFiles) -> None:
    line = files.edit("plan", "{action: notify_county, owner: mine_manager}",
                      "{action: notify_county, owner: mine_manager, after: [order]}")
    check(only(files.problems()), files.path("plan"), line, "plan.warning.actions_by_level.red[1].after[0]",
          "no step 'order' at level 'red'")


def test_a_step_id_used_twice_at_one_level(files: DrillFiles) -> None:
    line = files.edit("plan", "{action: notify_county, owner: mine_manager}",
                      "{action: notify_county, owner: mine_manager, id: tell}\n"
                      "        - {action: notify_township, owner: mine_manager, id: tell}", mark="- {action: notify_t")
    check(only(files.problems()), files.path("plan"), line, "plan.warning.actions_by_level.red[2].id",
          "duplicate step id 'tell' at level 'red'")


def test_steps_waiting_for_each_other_are_refused(files: DrillFiles) -> None:
    first = files.edit("plan", "{action: evacuate_underground, owner: dispatcher}",
                       "{id: order, action: evacuate_underground, owner: dispatcher, after: [county]}")
    files.edit("plan", "{action: notify_county, owner: mine_manager}",
               "{id: county, action: notify_county, owner: mine_manager, after: [order]}")
    check(only(files.problems()), files.path("plan"), first, "plan.warning.actions_by_level.red[0].after",
          "never be done: order → county → order")


def test_inrush_source_that_does_not_exist(files: DrillFiles) -> None:
    line = files.edit("scenario", "source: face360e", "source: face360w")
    check(only(files.problems()), files.path("scenario"), line, "scenario.hazard.inrush.source", "'face360w'")


# ---------------------------------------------------------------- the wrong file


def test_plan_given_where_a_scenario_is_expected(files: DrillFiles) -> None:
    p = only(files.problems(files.path("plan")))
    check(p, files.path("plan"), 1, "plan", "plan file", "scenario")


def test_scenario_naming_a_plan_as_its_site(files: DrillFiles) -> None:
    files.edit("scenario", "site: sites/jinshan_mine.yaml", "site: ../plans/jinshan_mine_plan.yaml")
    check(only(files.problems()), files.path("plan"), 1, "plan", "site file was expected")


def test_scenario_naming_a_site_file_that_does_not_exist(files: DrillFiles) -> None:
    line = files.edit("scenario", "site: sites/jinshan_mine.yaml", "site: sites/jinshan.yaml")
    check(only(files.problems()), files.path("scenario"), line, "scenario.site", "not found", "jinshan.yaml")


def test_load_file_recognises_each_kind(files: DrillFiles) -> None:
    for kind in MINE_FILES:
        assert load_file(files.path(kind))[0] == kind


# ---------------------------------------------------------------- several faults at once


def test_schema_faults_in_two_files_are_all_reported(files: DrillFiles) -> None:
    site_line = files.edit(
        "site",
        'length_m: 50, width_m: 4.5, height_m: 3.5}\n    - {id: "d120_st_lad"',
        'length_m: -50, width_m: 4.5, height_m: 3.5}\n    - {id: "d120_st_lad"',
    )
    plan_line = files.edit("plan", "threshold: 60", "threshold: -60")
    probs = files.problems()
    assert len(probs) == 2, listing(probs)
    by_file = {Path(p.file).resolve(): p for p in probs}
    check(by_file[files.path("site").resolve()], files.path("site"), site_line, "site.links[1].length_m", "-50")
    check(
        by_file[files.path("plan").resolve()],
        files.path("plan"),
        plan_line,
        "plan.warning.triggers[0].threshold",
        "-60",
    )


def test_several_faults_in_one_file_are_all_reported(files: DrillFiles) -> None:
    b = files.edit("plan", "path: [ramp180, ramp120, portal]", "path: [ramp180, ramp121, portal]")
    c = files.edit("plan", "{action: notify_county, owner: mine_manager}", "{action: notify_county, owner: boss}")
    probs = files.problems()
    assert [(p.line, p.field) for p in probs] == [
        (c, "plan.warning.actions_by_level.red[1].owner"),
        (b, "plan.evacuation.routes[4].path[1]"),
    ], listing(probs)
    # written for another site, its places are not checked against this one (each would only say so again)
    a = files.edit("plan", "  site: jinshan-mine", "  site: tongshan-mine")
    probs = files.problems()
    assert [(p.line, p.field) for p in probs] == [
        (a, "plan.site"),
        (c, "plan.warning.actions_by_level.red[1].owner"),
    ], listing(probs)


def where(problems: list[Problem]) -> set[tuple[Path, int | None, str]]:
    """Each problem's file (resolved), line and field."""
    return {(Path(p.file).resolve(), p.line, p.field) for p in problems}


@pytest.mark.parametrize(
    ("kind", "old", "new", "field"),
    [
        ("site", 'from: "j120", to: "ramp120"', 'from: "j120", to: "ramp999"', "site.links[1].to"),
        ("scenario", "  shift: day\n", "  shift: evening\n", "scenario.shift"),
    ],
    ids=["site-and-plan", "plan-and-scenario"],
)
def test_cross_reference_faults_in_two_files_are_all_reported(
    files: DrillFiles, kind: str, old: str, new: str, field: str
) -> None:
    other_line = files.edit(kind, old, new)
    plan_line = files.edit(
        "plan",
        "{action: evacuate_underground, owner: dispatcher}",
        "{action: evacuate_underground, owner: dispatcher, channels: [sirens]}",
    )
    probs = files.problems()
    assert len(probs) == 2 and where(probs) == {
        (files.path("plan").resolve(), plan_line, "plan.warning.actions_by_level.red[0].channels[0]"),
        (files.path(kind).resolve(), other_line, field),
    }, listing(probs)


def test_schema_faults_in_scenario_and_plan_are_all_reported(files: DrillFiles) -> None:
    scen_line = files.edit("scenario", "  duration_s: 10800\n", "  duration_s: -5\n")
    plan_line = files.edit("plan", "threshold: 60", "threshold: -60")
    probs = files.problems()
    assert len(probs) == 2 and where(probs) == {
        (files.path("scenario").resolve(), scen_line, "scenario.duration_s"),
        (files.path("plan").resolve(), plan_line, "plan.warning.triggers[0].threshold"),
    }, listing(probs)


# ---------------------------------------------------------------- faults of both kinds in one file


def test_wrong_type_and_misspelt_node_in_one_file_are_both_reported(files: DrillFiles) -> None:
    """A schema fault no longer hides a reference to a node that does not exist in the same file."""
    typed = files.edit("plan", "hear_probability: 0.7", "hear_probability: 70%")
    named = files.edit("plan", "exits: [collar, portal, raise_top]", "exits: [collar, portal, raise-top]")
    probs = files.problems()
    assert [(p.line, p.field) for p in probs] == [
        (typed, "plan.channels[0].hear_probability"),
        (named, "plan.evacuation.exits[2]"),
    ], listing(probs)
    assert "did you mean 'raise_top'" in probs[1].message


def test_a_misspelt_reference_after_a_faulty_list_item_keeps_its_own_index(files: DrillFiles) -> None:
    """Items of a list are left out to check the rest; problems further down keep the file's indices."""
    bad = files.edit("plan", "path: [stope360w, lad360, lad240, lad120, raise_top]\n",
                     "path: [stope360w, lad360, lad240, lad120, raise_top]\n        speed: 3\n", mark="speed")
    typo = files.edit("plan", "path: [ramp180, ramp120, portal]", "path: [ramp180, ramp121, portal]")
    probs = files.problems()
    assert [(p.line, p.field) for p in probs] == [
        (bad, "plan.evacuation.routes[1].speed"),
        (typo, "plan.evacuation.routes[4].path[1]"),
    ], listing(probs)


def test_an_item_left_out_is_not_reported_again_as_missing(files: DrillFiles) -> None:
    """A node with a faulty value is left out of the check; the passages and crews naming it are not
    reported as naming a node that does not exist."""
    line = files.edit("site", '{id: "mag120", kind: "workplace", x_m: -150, elevation_m: -119.55',
                      '{id: "mag120", kind: "workplace", x_m: -150, elevation_m: deep')
    check(only(files.problems()), files.path("site"), line, "site.nodes[25].elevation_m", "valid number")


def test_a_rule_that_fails_only_because_an_item_was_left_out_is_not_reported(files: DrillFiles) -> None:
    """Leaving out a faulty passage cuts routes through it; that is not a fault of the plan."""
    line = files.edit("site", '{id: "d120_st_mag", kind: "drift", from: "st120", to: "mag120", length_m: 150',
                      '{id: "d120_st_mag", kind: "drift", from: "st120", to: "mag120", length_m: far')
    check(only(files.problems()), files.path("site"), line, "site.links[19].length_m", "valid number")


def test_route_from_a_place_no_passage_reaches_is_a_problem_not_a_crash(files: DrillFiles) -> None:
    files.edit("site", '    - {id: "mag120", kind: "workplace"',
               '    - {id: "vault", kind: "workplace", x_m: -900, elevation_m: -119.0, level: "-120"}\n'
               '    - {id: "mag120", kind: "workplace"')
    line = files.edit("plan", "from: [stope120e, stope120w, mag120]", "from: [stope120e, stope120w, mag120, vault]")
    check(only(files.problems()), files.path("plan"), line, "plan.evacuation.routes[3].from[3]",
          "no passage from 'vault'")


def test_a_mapping_entry_left_out_is_not_reported_again_as_missing(files: DrillFiles) -> None:
    """A shift is named by its key; when its entry is left out, the scenario naming it is not blamed."""
    line = files.edit("site", "  shifts:\n    day:\n", "  shifts:\n    day: 5\n    dayshift:\n", mark="day: 5")
    check(only(files.problems()), files.path("site"), line, "site.shifts.day", "valid list")


def test_names_that_match_nothing_are_told_beside_an_item_left_out_whatever_they_name(files: DrillFiles) -> None:
    """Beside a passage left out for a faulty value, a fault aimed at a link, a hoist or a channel that does not
    exist is told, each one (they are kept by their kind, not by how their message begins); a fault aimed at the
    passage left out is not."""
    bad = files.edit("site", '{id: "d120_st_mag", kind: "drift", from: "st120", to: "mag120", length_m: 150',
                     '{id: "d120_st_mag", kind: "drift", from: "st120", to: "mag120", length_m: far')
    first = files.edit("scenario", "  monte_carlo:\n",
                       "  faults:\n"
                       "    - {kind: link_cut, target: d120_st_mug, at_s: 600}\n"
                       "    - {kind: hoist_out, target: spare-cage, at_s: 600}\n"
                       "    - {kind: channel_down, target: siren, at_s: 600}\n"
                       "    - {kind: link_cut, target: d120_st_mag, at_s: 600}\n"
                       "  monte_carlo:\n", mark="    - ")
    probs = files.problems()
    assert [(p.line, p.field) for p in probs] == [
        (bad, "site.links[19].length_m"),
        (first, "scenario.faults[0].target"),
        (first + 1, "scenario.faults[1].target"),
        (first + 2, "scenario.faults[2].target"),
    ], listing(probs)
    assert [p.message.split(";")[0] for p in probs[1:]] == ["no link 'd120_st_mug'", "no hoist 'spare-cage'",
                                                            "no channel 'siren'"]


def test_a_step_waiting_for_a_step_that_does_not_exist_is_told_beside_an_item_left_out(files: DrillFiles) -> None:
    typed = files.edit("plan", "hear_probability: 0.7", "hear_probability: 70%")
    line = files.edit("plan", "{action: notify_county, owner: mine_manager}",
                      "{action: notify_county, owner: mine_manager, after: [order]}")
    probs = files.problems()
    assert [(p.line, p.field) for p in probs] == [
        (line, "plan.warning.actions_by_level.red[1].after[0]"),
        (typed, "plan.channels[0].hear_probability"),
    ], listing(probs)
    assert probs[0].message.startswith("no step 'order' at level 'red'")


def test_a_hydrograph_out_of_order_is_told_with_the_other_faults_of_the_file(files: DrillFiles) -> None:
    # a check of one field runs with the others: it is not held back until every other fault is mended
    files.edit("scenario", "        - {t_s: 300, inflow_m3ph: 3000}", "        - {t_s: 1300, inflow_m3ph: 3000}")
    seed = files.edit("scenario", "seed: 20260720", "seed: -3")
    line = files.line_of("scenario", "{t_s: 1200, ")
    got = files.problems()
    assert [(p.line, p.field) for p in got] == [(line, "scenario.hazard.inrush.hydrograph[2].t_s"),
                                                (seed, "scenario.monte_carlo.seed")]
    assert got[0].message == ("hydrograph times must increase: this point at 1200 s comes after the point before at "
                              "1300 s")


def test_a_pond_whose_stage_levels_go_down_is_told_with_the_other_faults_of_the_file(tmp_path: Path) -> None:
    from drills.inputs.bundled import bundled_root
    from drills.inputs.compile import read_partial

    site = tmp_path / "site.yaml"
    text = (bundled_root() / "scenarios" / "sites" / "qingshui_jinshan.yaml").read_text(encoding="utf-8")
    old = "stage_area: [[110, 0], [130, 250000], [140, 400000]]"
    assert text.count(old) == 1
    site.write_text(text.replace(old, "stage_area: [[110, 0], [140, 250000], [130, 400000]]")
                    .replace('crest_elevation_m: ', 'crest_elevation_m: -x', 1), encoding="utf-8")
    _, _, _, problems, _ = read_partial(site)
    said = {p.field.rsplit(".", 1)[-1]: p.message for p in problems}
    assert said["stage_area[2]"] == ("stage_area levels must increase: this row is at 130 m, below the row before at "
                                     "140 m")
    assert "crest_elevation_m" in said


# ---------------------------------------------------------------- rules across fields, told with the other faults


def test_a_rule_across_fields_is_told_with_a_fault_of_another_field_of_the_same_object(files: DrillFiles) -> None:
    line = files.edit("site", 'capacity_persons: 50, supplies_h: 96}\n    - {id: "refuge240"',
                      'supplies_h: 96}\n    - {id: "refuge240"')
    wrong = files.edit("site", '{id: "refuge360", kind: "refuge", x_m: 200, elevation_m: -358.9',
                       '{id: "refuge360", kind: "refuge", x_m: 200, elevation_m: "deep"', mark="elevation_m")
    assert wrong == line  # both faults on the refuge's one line
    problems = files.problems()
    assert len(problems) == 2, listing(problems)
    before = files.text("site").split('- {id: "refuge360"')[0].split("  nodes:")[1]
    node = f"site.nodes[{before.count('- {id:')}]"
    by_field = {p.field: p for p in problems}
    check(by_field[f"{node}.elevation_m"], files.path("site"), line, f"{node}.elevation_m", "number")
    check(by_field[node], files.path("site"), line, node, "a refuge needs capacity_persons")


def test_a_rule_that_reads_a_faulty_field_waits_for_it_to_be_mended(tmp_path: Path) -> None:
    """breach_s written as a word is a fault of breach_s: "give either breach_s or on_overtopping" would be
    told of a file that gives breach_s, and mending the word would make it untrue."""
    paths = copy_bundled(tmp_path, DAM_FILES)
    line = break_file(paths["scenario"], "breach_s: 300", "breach_s: soon")
    with pytest.raises(InputError) as info:
        load(paths["scenario"])
    check(only(info.value.problems), paths["scenario"], line, "scenario.hazard.dam_break.breach_s", "number")


def test_either_or_rule_is_told_with_an_unknown_field_beside_it(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path, DAM_FILES)
    at = break_file(paths["scenario"], "breach_s: 300", "breach_after_s: 300")
    with pytest.raises(InputError) as info:
        load(paths["scenario"])
    problems = info.value.problems
    assert [p.field for p in problems] == ["scenario.hazard.dam_break", "scenario.hazard.dam_break.breach_after_s"], (
        listing(problems))
    assert "give either breach_s or on_overtopping" in problems[0].message
    assert problems[1].line == at and "unknown field 'breach_after_s'" in problems[1].message


def test_a_site_without_people_is_told_with_the_faults_of_its_links(files: DrillFiles) -> None:
    text = files.text("site")
    files.path("site").write_text(text[: text.index("\n  shifts:") + 1], encoding="utf-8")  # the shifts come last
    line = files.edit("site", 'to: "j120", length_m: 300', 'to: "j120", length_m: -300', mark="length_m")
    problems = files.problems()
    says = {p.field: p.message for p in problems}
    assert "a site needs people" in says.get("site", ""), listing(problems)
    assert any(p.line == line and "greater than 0" in p.message for p in problems), listing(problems)


@pytest.mark.parametrize(("date", "why"), [("2026-13-20T10:00:00", "month must be in 1..12"),
                                           ("2026-02-30T10:00:00", "day is out of range for month")])
def test_an_impossible_date_is_a_problem_at_its_field_not_a_crash(files: DrillFiles, date: str, why: str) -> None:
    """It was told at its line with no field: the loader stopped before it knew the field."""
    line = files.edit("scenario", "start_time: 2026-07-20T10:00:00", f"start_time: {date}")
    check(only(files.problems()), files.path("scenario"), line, "scenario.start_time",
          f"not a valid date or time: {date} ({why})")
    files.edit("scenario", f"start_time: {date}", "start_time: 2026-07-20T10:00:00")
    line = files.edit("plan", "approved_on: 2026-03-15", f"approved_on: {date[:10]}")
    check(only(files.problems()), files.path("plan"), line, "plan.approved_on",
          f"not a valid date or time: {date[:10]} ({why})")


def test_a_trigger_on_the_change_of_mine_inflow_with_no_usual_inflow_is_refused_at_the_trigger(tmp_path: Path) -> None:
    """A change of inflow is a share of the usual inflow: with baseline_m3ph 0 it cannot be measured. It used to
    pass validation and stop drill run with a traceback."""
    files = copy_bundled(tmp_path, {"scenario": Path("scenarios/flood_season_night.yaml"),
                                    "site": Path("scenarios/sites/qingshui_jinshan.yaml"),
                                    "plan": Path("plans/qingshui_jinshan_plan.yaml")})
    break_file(files["site"], "baseline_m3ph: 300", "baseline_m3ph: 0")
    lines = files["plan"].read_text(encoding="utf-8").splitlines()
    trigger = next(n for n, x in enumerate(lines, 1) if "quantity: mine_inflow_change" in x)
    with pytest.raises(InputError) as exc:
        load(files["scenario"])
    [p] = exc.value.problems
    assert (p.file, p.line) == (str(files["plan"]), trigger)
    assert p.field.startswith("plan.warning.triggers[") and p.field.endswith("].quantity")
    assert "baseline_m3ph: 0" in p.message and "can never be measured" in p.message


def test_a_siren_without_its_audible_radius_is_refused_at_the_channel(tmp_path: Path) -> None:
    """Without a radius a siren would be heard only at its own place: the drill would find it reached no one,
    for a reason the planner never wrote. Its reach has no published default; the plan must say it."""
    files = copy_bundled(tmp_path, DAM_FILES)
    line = break_file(files["plan"], "      audible_radius_m: 1200\n", "")
    with pytest.raises(InputError) as exc:
        load(files["scenario"])
    [p] = exc.value.problems
    assert (p.file, p.field) == (str(files["plan"]), "plan.channels[0]")
    assert line - 3 <= p.line < line  # the channel's entry
    assert p.message.startswith("a siren channel needs 'audible_radius_m'")


STENCH = "    - {id: stench, type: stench_gas, start: collar, air_speed_mps: 2, coverage: [stope360w, stope120e]}\n"


@pytest.mark.parametrize(("old", "new", "field", "says"), [
    ("air_speed_mps: 2, ", "", "plan.channels[0]", "a stench_gas channel needs 'air_speed_mps' (the mean speed of the "
     "ventilation air along its path, from the mine's ventilation survey)"),
    ("start: collar, ", "", "plan.channels[0]", "a stench_gas channel needs 'start'"),
    ("type: stench_gas, start: collar, ", "type: mine_pa, ", "plan.channels[0]",
     "air_speed_mps applies to stench_gas channels only"),
    ("coverage: [stope360w, stope120e]", "coverage: [stope360w, island]", "plan.channels[0].coverage[1]",
     "no passage joins 'island' to 'collar', where the stench is released: the ventilation air cannot carry it "
     "there"),
])
def test_a_stench_gas_channel_needs_its_release_point_and_the_airs_speed(tmp_path: Path, old: str, new: str,
                                                                         field: str, says: str) -> None:
    """The air's speed along its path is the mine's own (its ventilation survey): there is no default to fall
    back on, and a place no passage joins to the release point is never reached by the air."""
    files = copy_bundled(tmp_path)
    line = break_file(files["plan"], "  channels:\n", "  channels:\n" + STENCH.replace(old, new)) + 1
    if "island" in new:
        break_file(files["site"], "  links:\n", "    - {id: island, kind: workplace, elevation_m: -500}\n  links:\n")
    with pytest.raises(InputError) as exc:
        load(files["scenario"])
    [p] = exc.value.problems
    assert (p.file, p.line, p.field) == (str(files["plan"]), line, field)
    assert says in p.message


def test_a_stench_gas_channel_as_written_loads(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path)
    break_file(files["plan"], "  channels:\n", "  channels:\n" + STENCH)
    [ch] = [c for c in load_drill(files["scenario"]).channels if c.type == "stench_gas"]
    assert ch.speed_mps == 2.0 and len(ch.coverage) == 2


def test_residents_whose_walking_the_site_redefines_still_respond_as_residents(tmp_path: Path) -> None:
    """A site's own "adult" profile changes how the residents walk, not how soon they set off: they keep the
    residents' mobilisation delay, not the miners' response delay."""
    from drills.inputs.compile import compile_drill
    from drills.model import behaviour, residents

    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["site"], "\n  nodes:\n", "\n  profiles: [{id: adult, speed_mps: 1.1}]\n  nodes:\n")
    spec = compile_drill(load(files["scenario"]), replications=2, seed=1)
    assert spec.profiles["adult"].speed_mps == 1.1
    assert spec.behaviour.response_delay["adult"] == residents.MOBILISATION_DELAY
    assert spec.behaviour.response_delay["adult"] != behaviour.DEFAULT_RESPONSE_DELAY


def test_a_rain_recharge_without_its_time_constant_is_refused(tmp_path: Path) -> None:
    """The recharge's lag has no published default (drills.model.mine_inflow): the site must give it."""
    files = copy_bundled(tmp_path, {"scenario": Path("scenarios/flood_season_night.yaml"),
                                    "site": Path("scenarios/sites/qingshui_jinshan.yaml"),
                                    "plan": Path("plans/qingshui_jinshan_plan.yaml")})
    break_file(files["site"], "    lag_s: 21600\n", "")
    with pytest.raises(InputError) as exc:
        load(files["scenario"])
    [p] = exc.value.problems
    assert (p.file, p.field) == (str(files["site"]), "site.mine_water")
    assert "needs lag_s, its time constant" in p.message
    break_file(files["site"], "    infiltration_share: 0.05\n", "")  # no recharge: nothing to lag
    assert load(files["scenario"]).site.mine_water.lag_s is None


@pytest.mark.parametrize(("old", "new", "says"), [
    ("thresholds: {blue: 25, yellow: 50,", "thresholds: {blue: 25, yellow: 0,",
     "the warning values of rainfall_24h_mm must rise from blue to red (a higher value is worse; got blue 25, "
     "yellow 0, orange 100, red 250)"),
    ("fb-2, thresholds: {blue: 1.6, yellow: 1.2,", "fb-2, thresholds: {blue: 1.6, yellow: 1.8,",
     "the warning values of freeboard_m must fall from blue to red (a lower value is worse; got blue 1.6, "
     "yellow 1.8, orange 0.8, red 0.5)"),
])
def test_warning_values_out_of_order_are_refused_at_their_point(tmp_path: Path, old: str, new: str,
                                                                  says: str) -> None:
    """Levels get worse from blue to red: rain upwards, freeboard downwards. Values out of that order passed
    validation and stopped drill run with a traceback from the monitoring model."""
    files = copy_bundled(tmp_path, {"scenario": Path("scenarios/flood_season_night.yaml"),
                                    "site": Path("scenarios/sites/qingshui_jinshan.yaml"),
                                    "plan": Path("plans/qingshui_jinshan_plan.yaml")})
    line = break_file(files["plan"], old, new)
    with pytest.raises(InputError) as exc:
        load(files["scenario"])
    [p] = exc.value.problems
    assert (p.file, p.line, p.message) == (str(files["plan"]), line, says)
    assert p.field.endswith(".thresholds") and ".points[" in p.field


# ---------------------------------------------------------------- the fast parser reads as ruamel's own

VALID_YAML = [
    "a: 1\nb: [1, 2.5, -3e2, .inf, -.Inf, .nan, 0x1F, 0o17, 017]\nc: {x: true, y: yes, z: null, w: ~}\n",
    "base: &b {speed_mps: 1.2, cv: 0.1}\nprofiles:\n  - <<: *b\n    id: miner\n  - *b\n",
    "text: |\n  line one\n  line two\nfolded: >\n  one\n  two\nq: 'it''s'\ndq: \"tab\\there \\u6c34\"\n",
    "# comment\nwhen: 2026-07-20T10:00:00\nday: 2026-07-20\nplain: 10:00\n名称: 金山矿 # 注释\n",
    "list:\n- a\n- - b\n  - c\n-\n  k: v\nempty:\nkey with spaces: v\n? complex\n: value\n",
    "\ufeffbom: 1\nlist: [a, b]\n",
]


def _both(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from drills.inputs import yamlfile

    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    assert yamlfile._CParser is not None  # ruamel.yaml.clib is a dependency
    if text in VALID_YAML:  # (libyaml refuses a ':' inside a plain value in a flow mapping, as the suite's times
        # are written, where ruamel's YAML 1.2 parser takes it: those files are left to ruamel's parser, and so
        # are those with anchors, tags or tabs, which the two parsers read otherwise)
        tree = yamlfile._fast_tree(path.read_text(encoding="utf-8-sig"), yamlfile.YAML(typ="rt"))
        assert (tree is yamlfile._NOT_READ) == any(c in text for c in "&!\t")
    fast = load_yaml(path)
    monkeypatch.setattr(yamlfile, "_CParser", None)
    slow = load_yaml(path)
    return fast, slow


BUNDLED_YAML = sorted(str(p.relative_to(bundled_root())) for folder in ("plans", "scenarios")
                      for p in (bundled_root() / folder).rglob("*.yaml"))


@pytest.mark.parametrize("text", VALID_YAML + BUNDLED_YAML)
def test_the_fast_parser_gives_the_same_values_types_and_lines(text: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml parses, ruamel's round-trip constructor builds: the values, their types and the line of each
    must be those ruamel's own parser gives, on every kind of value a planner writes and every bundled file."""
    if text in BUNDLED_YAML:
        text = (bundled_root() / text).read_text(encoding="utf-8")
    fast, slow = _both(text, tmp_path, monkeypatch)
    assert repr(fast.data) == repr(slow.data)
    values = list(values_in(slow.data))
    assert len(values) > 3
    assert [(loc, type(v)) for loc, v in values_in(fast.data)] == [(loc, type(v)) for loc, v in values]
    assert [fast.line_of(loc) for loc, _ in values] == [slow.line_of(loc) for loc, _ in values]


def test_a_value_merged_in_from_an_anchor_is_told_where_it_is_written(files: DrillFiles) -> None:
    """'<<: *role' gives a role the keys of another; a wrong value among them crashed with a KeyError (the key
    has no line of its own in the mapping it was merged into). It is told at the line that writes it, once: one
    value written once is one fault, however many roles take it."""
    files.edit("plan", "    - id: dispatcher\n", "    - &role\n      id: dispatcher\n")
    line = files.edit("plan", "      present_probability: 0.98\n", "      present_probability: 1.98\n")
    files.edit("plan", "    - id: shift_leader\n", "    - <<: *role\n      id: shift_leader\n")
    files.edit("plan", "      present_probability: 0.95\n", "")  # the shift leader's own: the merged one counts
    probs = files.problems()
    assert [(p.line, p.field) for p in probs] == [(line, "plan.roles[0].present_probability")], probs
    assert "less than or equal to 1" in probs[0].message


def test_one_value_many_places_take_from_an_anchor_is_one_problem_and_each_one_written_is_its_own(
        files: DrillFiles) -> None:
    # three crews take one share from the first ('<<: *crew'): one fault; a fourth writes the same wrong share
    # again on its own line: a fault of its own
    site = files.text("site")
    crews = [ln for ln in site.splitlines() if "paging_lamp_share: 0.9}" in ln][:4]
    first = files.edit("site", crews[0] + "\n", crews[0].replace("- {", "- &crew {").replace("0.9}", "90}") + "\n")
    for k in (1, 2):
        at = crews[k].split("at: ")[1].split(",")[0]
        files.edit("site", crews[k] + "\n", f"      - {{<<: *crew, at: {at}, crew: c{k}}}\n")
    fourth = files.edit("site", crews[3] + "\n", crews[3].replace("0.9}", "90}") + "\n")
    probs = files.problems()
    assert [(p.line, p.field) for p in probs] == [(first, "site.shifts.day[0].paging_lamp_share"),
                                                  (fourth, "site.shifts.day[3].paging_lamp_share")], probs
    assert probs[0].message == probs[1].message


def test_both_parsers_read_a_mistyped_file_alike_wherever_both_read_it() -> None:
    """Random slips of the keyboard in bundled files (a character typed, dropped, a line indented one column more
    or less): wherever libyaml and ruamel's parser both read the result, they read the same tree."""
    import random

    from ruamel.yaml import YAML

    from drills.inputs import yamlfile

    def ruamel_tree(text: str):
        try:
            return yamlfile.ruamel_loader().load(text)
        except Exception:  # refused: the fast path leaves every such file to ruamel's parser anyway
            return yamlfile._NOT_READ

    rng = random.Random(20261206)
    texts = [(bundled_root() / rel).read_text(encoding="utf-8") for rel in (MINE_FILES["scenario"], MINE_FILES["plan"])]
    read = 0
    for _ in range(300):
        lines = rng.choice(texts).split("\n")
        k = rng.randrange(len(lines))
        line, j = lines[k], rng.randrange(len(lines[k]) + 1)
        lines[k] = rng.choice([line[:j] + rng.choice(" :-#'\"[]{},*|>?&!\t") + line[j:], line[:j] + line[j + 1:],
                               " " + line, line[1:]])
        text = "\n".join(lines)
        fast = yamlfile._fast_tree(text, YAML(typ="rt"))
        if fast is yamlfile._NOT_READ:
            continue
        slow = ruamel_tree(text)
        if slow is not yamlfile._NOT_READ:
            read += 1
            assert repr(fast) == repr(slow), text
    assert read > 100
    # what the two read otherwise is left to ruamel's parser: a tab in or after a value, an anchor or a tag
    # before a key in a flow mapping (libyaml and ruamel split the name otherwise), a version directive
    for text in ("seed: 20260720\t\n", "duration_s: 864\t00\n", "a: {&id: 1, b: 2}\n", "a: {!t b: 1}\n",
                 "%YAML 1.1\n---\na: yes\n"):
        assert yamlfile._fast_tree(text, YAML(typ="rt")) is yamlfile._NOT_READ, text


def test_did_you_mean_prefers_the_id_that_differs_only_at_its_end() -> None:
    """'ms1301' was answered 'did you mean ms1350?' although 'ms1300' differs in its last character only: both are
    equally close by difflib's measure, and the tie fell to the larger string."""
    from drills.inputs.problems import did_you_mean

    assert did_you_mean("ms1301", ["ms1350", "ms1300", "main_collar"]) == "; did you mean 'ms1300'?"
    assert did_you_mean("ms1351", ["ms1350", "ms1300"]) == "; did you mean 'ms1350'?"
    assert did_you_mean("st360", ["st360x", "face360e"]) == "; did you mean 'st360x'?"
    assert did_you_mean("zzz", ["ms1350"]) == ""


def test_a_warning_level_written_with_a_capital_is_told_the_level_meant(files: DrillFiles) -> None:
    """'Red' for 'red' was told the four levels with no hint: a word of three letters with one capital is not close
    enough by difflib's measure. A name that differs only in capitals is now always pointed to."""
    line = files.edit("plan", "        level: red\n        owner: dispatcher\n        detection_delay_s: 300",
                      "        level: Red\n        owner: dispatcher\n        detection_delay_s: 300")
    check(only(files.problems()), files.path("plan"), line, "plan.warning.triggers[0].level",
          "(got 'Red'); did you mean 'red'?")


@pytest.mark.parametrize(("word", "tail"), [
    # a forecast's word for rain below the scenario's classes: the classes' intensities, and what to write instead
    ("light", "; rain is told by its intensity, 'moderate' 2.5–6.4 mm/h and 'heavy' above 6.4 mm/h (HCM 2010 "
              "Exhibit 10-15): write lighter rain, a drizzle, as 'none', which the drill takes as dry"),
    # a slip of the keys: the word meant, and nothing more
    ("heavyy", "; did you mean 'heavy'?"),
    # a Chinese rain grade, which is a 12- or 24-hour total: the classes, and that the grade is no intensity
    ("暴雨", "; rain is told by its intensity, 'moderate' 2.5–6.4 mm/h and 'heavy' above 6.4 mm/h (HCM 2010 "
             "Exhibit 10-15): write lighter rain, a drizzle, as 'none', which the drill takes as dry; '暴雨' grades "
             "rain by its 12- or 24-hour total (GB/T 28592-2012), not by its intensity in the drill's hours: write "
             "the class of that intensity"),
])
def test_a_rain_word_the_scenario_does_not_know_is_told_its_intensities(tmp_path: Path, word: str, tail: str) -> None:
    from drills.inputs.messages_zh import translate

    paths = copy_bundled(tmp_path, DAM_FILES)
    line = break_file(paths["scenario"], "weather: {rain: heavy}", f"weather: {{rain: {word}}}")
    with pytest.raises(InputError) as info:
        load(paths["scenario"])
    [p] = info.value.problems
    assert (p.line, p.field) == (line, "scenario.weather.rain")
    assert p.message == f"Input should be 'none', 'moderate' or 'heavy' (got {word!r}){tail}"
    assert ("毛毛雨" in translate(p.message)) == (word in ("light", "暴雨"))
    assert ("不是演练时段内的雨强" in translate(p.message)) == (word == "暴雨")


def test_a_fault_on_a_misspelt_link_is_pointed_to_the_nearest_link(files: DrillFiles) -> None:
    """A fault aimed at a link the site does not have listed every link (some twenty), while a misspelt node is
    pointed to its nearest id; the fault now is too."""
    line = files.edit("scenario", "  monte_carlo:\n",
                      "  faults:\n    - {kind: link_cut, target: d120_j_ee, at_s: 600}\n  monte_carlo:\n",
                      mark="    - ")
    check(only(files.problems()), files.path("scenario"), line, "scenario.faults[0].target",
          "no link 'd120_j_ee'; known: d120_j_e, ")
    assert only(files.problems()).message.endswith("; did you mean 'd120_j_e'?")
