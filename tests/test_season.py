"""The annual exercise: the suite file, its variations, and ``drill season`` end to end on a tiny suite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from drills.cli import app
from drills.inputs.bundled import bundled_root
from drills.inputs.problems import InputError
from drills.inputs.suite import load_suite

SCENARIOS = bundled_root() / "scenarios"
BUNDLED_SUITE = SCENARIOS / "suites" / "flood_season_2026.yaml"
runner = CliRunner()


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def write_suite(folder: Path, body: str) -> Path:
    path = folder / "suite.yaml"
    path.write_text(body.replace("SCEN", str(SCENARIOS)), encoding="utf-8")
    return path


TINY = """\
suite:
  id: tiny
  title: Tiny suite
  replications: 2
  runs:
    - scenario: SCEN/mine_inrush_day.yaml
    - scenario: SCEN/dam_break_night.yaml
      variations:
        - {id: day-dry, title: "day, no rain", time_of_day: day, weather: {rain: none},
           start_time: 2026-07-21T14:00:00}
"""


def test_variations_change_the_compiled_drill(tmp_path: Path) -> None:
    suite = load_suite(write_suite(tmp_path, TINY))
    mine, dam = suite.runs
    assert (mine.id, mine.variation, mine.changes) == ("mine-inrush-day/as-written", "", ())
    assert mine.spec.replications == 2
    assert dam.variation == "day, no rain"
    assert (dam.spec.time_of_day, dam.spec.rain, dam.spec.meta.start_time) == ("day", "none", "2026-07-21T14:00")
    night = load_suite(write_suite(tmp_path, TINY.replace("time_of_day: day", "time_of_day: night"))).runs[1]
    assert len(night.spec.people) > len(dam.spec.people)  # more people at home at night


def test_the_cli_overrides_replications_and_seed(tmp_path: Path) -> None:
    suite = load_suite(write_suite(tmp_path, TINY), replications=3, seed=11)
    assert {(r.spec.replications, r.spec.seed) for r in suite.runs} == {(3, 11)}


def test_bundled_suite_covers_mine_and_dam_by_day_and_night() -> None:
    suite = load_suite(BUNDLED_SUITE, replications=1)
    seen = {(r.scenario_id, r.spec.time_of_day) for r in suite.runs}
    assert {("mine-inrush-day", "day"), ("mine-inrush-day", "night"), ("dam-break-night", "day"),
            ("dam-break-night", "night")} <= seen
    assert any(r.spec.rain == "heavy" for r in suite.runs if r.scenario_id == "dam-break-night")
    night_mine = next(r for r in suite.runs if r.id == "mine-inrush-day/night")
    assert night_mine.spec.meta.start_time.endswith("02:00")


@pytest.mark.parametrize(("body", "line", "field", "message"), [
    (TINY.replace("time_of_day: day", "time_of_day: dusk"), 9, "suite.runs[1].variations[0].time_of_day", "'day'"),
    (TINY.replace("title: \"day, no rain\",", "storm: {return_period_yr: 50},"), 9,
     "suite.runs[1].variations[0].storm", "unknown field"),
    (TINY.replace("mine_inrush_day.yaml", "nowhere.yaml"), 6, "suite.runs[0].scenario", "file not found"),
    (TINY.replace("time_of_day: day,", "shift: evening,"), 9, "suite.runs[1].variations[0].shift", "no shift"),
])
def test_bad_suites_are_reported_where_they_are(tmp_path: Path, body: str, line: int, field: str,
                                                message: str) -> None:
    path = write_suite(tmp_path, body)
    with pytest.raises(InputError) as err:
        load_suite(path)
    assert any(p.line == line and p.field == field and message in p.message for p in err.value.problems), \
        err.value.problems
    res = invoke("season", path, "--out", tmp_path / "out")
    assert res.exit_code == 2
    assert f"{path}:{line}: {field}:" in res.stderr
    assert "Traceback" not in res.output
    assert not (tmp_path / "out").exists()


def test_season_writes_one_consolidated_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = invoke("season", write_suite(tmp_path, TINY), "--out", out, "--lang", "zh")
    assert res.exit_code == 0, f"{res.output}\n{res.exception!r}"
    assert "mine-inrush-day/" in res.stdout and "as-written" in res.stdout  # the run column folds long ids
    assert res.stdout.count("差 (poor)") + res.stdout.count("一般 (fair)") + res.stdout.count("良好 (good)") >= 2
    data = json.loads((out / "season.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in data["runs"]] == ["mine-inrush-day/as-written", "dam-break-night/day-dry"]
    assert {r["replications"] for r in data["runs"]} == {2}
    for run in data["runs"]:
        assert run["grade"] and run["grade"] != "–"  # graded, without single faults
        assert set(run["matrix"]) == {"all_warned", "warned_before", "safe_before", "caught", "fatalities",
                                      "margin_p5"}
    assert data["worst"][0] == "dam-break-night/day-dry"
    assert "not proven" in data["recurring_findings_note"]
    assert (out / "figures" / "matrix.png").is_file()
    assert len(list((out / "figures").glob("*_warned_safe.png"))) == 2
    text = "\n".join(p.extract_text() for p in PdfReader(out / "report.pdf").pages)
    for words in ("年度汛期演练", "情景 × 指标矩阵", "最差情形", "评估结论", "mine-inrush-day", "dam-break-night"):
        assert words in text, words
    matrix_page = next(p for p in text.split("情景 × 指标矩阵")[1:] if "评估结论" in p)
    assert any(g in matrix_page for g in ("差", "一般", "良好", "优秀"))
    assert "–（未评级" not in text
    assert not [p for p in out.iterdir() if p.name.startswith(".drill-")]


def test_run_animate_writes_the_gif(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``--animate`` adds animation.gif beside the report (the report itself is left out here)."""
    monkeypatch.setattr("drills.experiment.report.write_pdf", lambda *a, **kw: None)
    monkeypatch.setattr("drills.experiment.figures.make_figures", lambda *a, **kw: {})
    out = tmp_path / "out"
    out.mkdir()
    res = invoke("run", SCENARIOS / "mine_inrush_day.yaml", "-n", "2", "--animate", "--out", out)
    assert res.exit_code == 0, f"{res.output}\n{res.exception!r}"
    assert (out / "animation.gif").stat().st_size > 10_000


def test_recurring_runs_are_named_by_scenario() -> None:
    from drills.experiment.i18n import Text
    from drills.experiment.season import runs_in_words

    every = ["mine/day", "mine/night", "dam/night", "dam/day", "valley/storm"]
    t = Text("en")
    assert runs_in_words(["mine/day", "mine/night", "dam/day"], every, t) == "mine: all 2; dam: day"
    assert runs_in_words(["valley/storm", "dam/night"], every, t) == "dam: night; valley: storm"
    assert runs_in_words(["dam/night", "dam/day"], every, Text("zh")) == "dam：全部 2 次"


def test_a_wrong_type_in_one_run_does_not_hide_a_missing_scenario_in_another(tmp_path: Path) -> None:
    from drills.inputs.problems import InputError
    from drills.inputs.suite import load_suite

    text = TINY.replace("mine_inrush_day.yaml", "nowhere.yaml").replace("time_of_day: day,", "replications: two,")
    with pytest.raises(InputError) as info:
        load_suite(write_suite(tmp_path, text))
    found = [(p.line, p.field) for p in info.value.problems]
    assert [f for _, f in found] == ["suite.runs[0].scenario", "suite.runs[1].variations[0].replications"]
    assert found == sorted(found)  # top to bottom
