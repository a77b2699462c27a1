"""Hydraulic study CSV: good files load into the flood model; each fault is reported at its line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DAM_FILES, assert_input_failure, break_file, copy_bundled, valley
from typer.testing import CliRunner

from drills.cli import app
from drills.inputs.compile import load
from drills.inputs.hydraulic_study import load_hydraulic_study, parse_hydraulic_study, place_floods
from drills.inputs.plausibility import warnings_of
from drills.inputs.problems import InputError, Problem
from drills.model.dam_break import DamBreakFlood

PLACES = {"dam", "village_a", "school", "farm"}
HEADER = "place,arrival_min,peak_depth_m,peak_velocity_mps,rise_min\n"
runner = CliRunner()


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "study.csv"
    p.write_text(text, encoding="utf-8")
    return p


def problems_of(tmp_path: Path, text: str) -> list[Problem]:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as exc:
        load_hydraulic_study(path, PLACES)
    return exc.value.problems


def one_problem(tmp_path: Path, text: str) -> Problem:
    found = problems_of(tmp_path, text)
    assert len(found) == 1, found
    assert found[0].file == str(tmp_path / "study.csv")
    return found[0]


def test_a_good_study_loads_with_minutes_turned_into_seconds(tmp_path):
    path = write(tmp_path, HEADER + "village_a,4.5,3.2,6.0,1\n\nschool,12,0.8,1.5,\n")
    rows = load_hydraulic_study(path, PLACES)
    assert [(r.place, r.line) for r in rows] == [("village_a", 2), ("school", 4)]
    assert rows[0].arrival_min == 4.5 and rows[0].rise_min == 1.0
    assert rows[1].rise_min is None
    floods = place_floods(rows)
    assert floods[0].arrival_after_breach_s == 270.0 and floods[0].rise_s == 60.0
    assert floods[1].rise_s is None

    net = valley([(i, 0.0) for i in sorted(PLACES)], [("dam", "farm", 10.0)])
    flood = DamBreakFlood.from_table(net, 100.0, floods)
    assert flood.node_time_depth(net.index["village_a"], 0.0) == 370.0
    assert flood.node_peak(net.index["school"]) == (0.8, 1.5)
    assert flood.node_time_depth(net.index["farm"], 0.0) == float("inf")


def test_optional_rise_column_may_be_left_out_and_a_bom_is_ignored(tmp_path):
    path = tmp_path / "study.csv"
    path.write_text("place,arrival_min,peak_depth_m,peak_velocity_mps\r\nfarm,30,0.4,0.5\r\n", encoding="utf-8-sig")
    (row,) = load_hydraulic_study(path, PLACES)
    assert row.place == "farm" and row.rise_min is None and row.line == 2


def test_a_study_saved_as_gbk_is_told_so_at_the_line_of_its_first_chinese_character(tmp_path):
    path = tmp_path / "study.csv"
    path.write_bytes((HEADER + "farm,30,0.4,0.5,\n# 下游村庄\n").encode("gb18030"))
    with pytest.raises(InputError) as exc:
        load_hydraulic_study(path, PLACES)
    (p,) = exc.value.problems
    assert (p.file, p.line) == (str(path), 3)
    assert p.message.startswith("not UTF-8 text: byte 0xcf cannot be read; the file looks saved as GBK"), p


@pytest.mark.parametrize("sep", [";", "\t"])
def test_a_study_saved_with_semicolons_or_pasted_with_tabs_is_read_as_written(tmp_path, sep):
    """A spreadsheet whose decimal sign is a comma saves CSV with semicolons; cells copied out of one paste with tabs.
    Both were one column named 'place;arrival_min;...', and every column was missing."""
    rows = load_hydraulic_study(write(tmp_path, (HEADER + "village_a,4.5,3.2,6.0,1\n").replace(",", sep)), PLACES)
    assert [(r.place, r.arrival_min, r.peak_depth_m, r.rise_min) for r in rows] == [("village_a", 4.5, 3.2, 1.0)]


def test_a_decimal_comma_is_told_to_be_a_point(tmp_path):
    p = one_problem(tmp_path, (HEADER + "village_a,4.5,3.2,6.0,1\n").replace(",", ";").replace("3.2", "3,2"))
    assert (p.line, p.field, p.message) == (2, "peak_depth_m", "not a number: '3,2'; write decimals with a point: 3.2")


def test_unknown_place(tmp_path):
    p = one_problem(tmp_path, HEADER + "village_a,4.5,3.2,6.0,1\nvilage_b,5,1,1,\n")
    assert (p.line, p.field) == (3, "place")
    assert "vilage_b" in p.message


def test_missing_column_is_reported_on_the_header_line(tmp_path):
    p = one_problem(tmp_path, "\nplace,arrival_min,peak_depth_m\nvillage_a,4.5,3.2\n")
    assert (p.line, p.field, p.message) == (2, "peak_velocity_mps", "missing column")


def test_misspelt_column_is_named_with_a_hint(tmp_path):
    found = problems_of(tmp_path, "place,arrival_min,peak_depth,peak_velocity_mps\nvillage_a,4.5,3.2,6\n")
    assert {(p.line, p.field) for p in found} == {(1, "peak_depth"), (1, "peak_depth_m")}
    assert any("peak_depth_m" in p.message for p in found if p.field == "peak_depth")


def test_non_numeric_value(tmp_path):
    p = one_problem(tmp_path, HEADER + "village_a,about 5,3.2,6.0,\n")
    assert (p.line, p.field) == (2, "arrival_min")
    assert "not a number" in p.message


def test_negative_value(tmp_path):
    p = one_problem(tmp_path, HEADER + "village_a,4.5,3.2,6.0,\nschool,12,0.8,1.5,\nfarm,20,-0.4,0.5,\n")
    assert (p.line, p.field) == (4, "peak_depth_m")
    assert "negative" in p.message


@pytest.mark.parametrize("bad", ["nan", "NaN", "inf", "-inf"])
def test_nan_and_infinite_values(tmp_path, bad):
    p = one_problem(tmp_path, HEADER + f"village_a,4.5,3.2,{bad},\n")
    assert (p.line, p.field) == (2, "peak_velocity_mps")
    assert "finite" in p.message


def test_blank_required_value_and_blank_optional_value(tmp_path):
    p = one_problem(tmp_path, HEADER + "village_a,4.5,,6.0,\n")
    assert (p.line, p.field, p.message) == (2, "peak_depth_m", "missing value")


def test_duplicate_place_names_the_first_line(tmp_path):
    p = one_problem(tmp_path, HEADER + "village_a,4.5,3.2,6.0,\nschool,12,0.8,1.5,\nvillage_a,5,3,6,\n")
    assert (p.line, p.field) == (4, "place")
    assert "line 2" in p.message


def test_too_many_values(tmp_path):
    p = one_problem(tmp_path, HEADER + "village_a,4.5,3.2,6.0,1,extra\n")
    assert (p.line, p.field, p.message) == (2, "", "6 values but the header has 5 columns")


def test_a_decimal_comma_between_commas_is_told_as_the_likely_cause_of_too_many_values(tmp_path):
    p = one_problem(tmp_path, HEADER + "village_a,4,5,3.2,6.0,1\n")
    assert (p.line, p.message) == (2, "6 values but the header has 5 columns; a decimal comma may be the cause: "
                                      "write 4.5 for 4,5")


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_empty_file(tmp_path, text):
    p = one_problem(tmp_path, text)
    assert p.line is None and "empty" in p.message


def test_header_without_rows(tmp_path):
    p = one_problem(tmp_path, HEADER)
    assert p.line == 1 and "no rows" in p.message


def test_every_fault_is_collected_at_once(tmp_path):
    found = problems_of(tmp_path, HEADER + "village_a,x,3.2,6.0,\nschool,12,0.8,-1,\nvillage_a,4,1,1,\n")
    assert [(p.line, p.field) for p in found] == [(2, "arrival_min"), (3, "peak_velocity_mps"), (4, "place")]


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as exc:
        load_hydraulic_study(tmp_path / "nope.csv", PLACES)
    assert exc.value.problems[0].message == "file not found"


def test_parse_reports_the_given_file_name():
    with pytest.raises(InputError) as exc:
        parse_hydraulic_study(HEADER + "dam,-1,1,1,\n", "study.csv", PLACES)
    assert str(exc.value) == "study.csv:2: arrival_min: must not be negative (got -1)"


# ---------------------------------------------------------------- a study named by a scenario

#: a study of the bundled dam-break valley, every inhabited place in it, with the front's times of the built-in
#: estimate in round minutes
GOOD_STUDY = (HEADER + "xc_north,0.5,3,8,\nxc_south,0.5,4,9,\nxc_river,0.5,4.5,9,\nht_a,3.5,1,3,\nht_b,3.5,2,4,\n"
              "ht_c,4,2,4,\nht_school,3.5,1.5,3,\n")


def with_study(tmp_path: Path, text: str) -> dict[str, Path]:
    """A copy of the bundled dam-break example whose scenario names the study ``text``, written beside it."""
    files = copy_bundled(tmp_path, DAM_FILES)
    (files["scenario"].parent / "study.csv").write_text(text, encoding="utf-8")
    break_file(files["scenario"], "      breach_s: 300\n", "      breach_s: 300\n      study: study.csv\n")
    return files


def test_validate_refuses_a_study_the_run_would_refuse_at_its_line_and_field(tmp_path):
    files = with_study(tmp_path, GOOD_STUDY.replace("ht_b,", "ht_bb,"))
    study = files["scenario"].parent / "study.csv"
    for command in (["validate", str(files["scenario"])], ["run", str(files["scenario"]), "-n", "1", "-o",
                                                           str(tmp_path / "out")]):
        res = runner.invoke(app, command)
        assert_input_failure(res, f"{study}:6: place: unknown place 'ht_bb': the site has no node with this id; "
                                  "did you mean 'ht_b'?")
    res = runner.invoke(app, ["validate", str(files["scenario"]), "--lang", "zh"])
    assert res.exit_code == 2 and f"{study}:6: place: 未知地点 'ht_bb'" in res.output


def test_validate_passes_a_good_study(tmp_path):
    files = with_study(tmp_path, GOOD_STUDY)
    res = runner.invoke(app, ["validate", str(files["scenario"])])
    assert res.exit_code == 0, res.output
    assert f"{files['scenario']}: scenario OK" in res.stdout


def test_a_good_study_of_every_inhabited_place_gets_no_warning(tmp_path):
    files = with_study(tmp_path, GOOD_STUDY)
    assert warnings_of(load(files["scenario"])) == []


def test_an_arrival_in_seconds_and_a_depth_above_the_dam_are_warned_of_at_their_line_and_column(tmp_path):
    """Seconds typed in the minutes column (a front slower than any recorded) and a depth three times the dam: the
    run took both as written, without a word."""
    files = with_study(tmp_path, GOOD_STUDY.replace("ht_a,3.5,1,3,", "ht_a,210,1,3,")
                       .replace("ht_b,3.5,2,4,", "ht_b,3.5,120,4,"))
    study = str(files["scenario"].parent / "study.csv")
    found = warnings_of(load(files["scenario"]))
    assert [(w.file, w.line, w.field) for w in found] == [(study, 5, "arrival_min"), (study, 6, "peak_depth_m")]
    assert found[0].message.startswith("an arrival at 210 min is not plausible for 'ht_a', 4730 m from dam "
                                       "'qingshui-dam' along the site's passages: the front would move at 0.38 m/s")
    assert found[1].message.startswith("a peak depth of 120 m is not plausible for 'ht_b': dam 'qingshui-dam' is 40 m "
                                       "high")


def test_an_inhabited_place_the_study_leaves_out_is_warned_of(tmp_path):
    """A place the study does not list is never flooded; where people are, that is said. The school, empty at
    night, is not asked for."""
    files = with_study(tmp_path, GOOD_STUDY.replace("ht_c,4,2,4,\n", "").replace("ht_school,3.5,1.5,3,\n", ""))
    line = files["scenario"].read_text(encoding="utf-8").splitlines().index("      study: study.csv") + 1
    found = warnings_of(load(files["scenario"]))
    assert [(w.line, w.field, w.message) for w in found] == [
        (line, "scenario.hazard.dam_break.study", "the study has no row for 'ht_c', where 144 people are by night "
         "(site.residents): the drill takes it as never flooded. Is it dry in the study, or was its row left out?")]


def test_a_study_without_a_row_for_the_dam_does_not_make_its_first_place_the_hazard_s_source(tmp_path):
    """A study lists the places below the dam, not the dam: its first place, flooded 1.5 min after the breach, was
    taken for where the hazard starts, so its 72 people, caught unwarned, were left out of 'warned before the water'
    (which read '–', as if the water reached no one) and no M2 finding named them."""
    from drills.experiment.readings import onset_s, person_states
    from drills.inputs.compile import load_drill
    from drills.model.drill import run_drill

    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["scenario"], "      volume_factor: {dist: lognormal, median: 1.0, p95: 2.0}\n",
               "      study: study.csv\n")
    (files["scenario"].parent / "study.csv").write_text(HEADER + "xc_river,1.5,3,5,\n", encoding="utf-8")
    spec = load_drill(files["scenario"])
    res = run_drill(spec, 0, spec.seed)
    assert onset_s(res) == spec.dam_break.breach_s  # was the first arrival, 90 s later
    states = person_states(res, spec)
    river = [s for s in states if s.record.start == "xc_river"]
    assert river and all(s.at_risk and not s.source and s.late for s in river)
