"""``drill recommend`` and ``drill compare``: what they write, that the revised plan validates, exit codes and
located messages on bad input, and the same seed giving the same output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from pypdf import PdfReader
from typer.testing import CliRunner

from drills.cli import app as drill_app
from drills.commands.revise import register
from drills.experiment.staging import MANIFEST
from drills.inputs.bundled import bundled_root

DATA = Path(__file__).parent / "data" / "revise"
runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    fresh = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    register(fresh)
    return fresh


@pytest.fixture
def valley(tmp_path: Path) -> Path:
    for name in ("site.yaml", "plan.yaml", "scenario.yaml", "study.csv"):
        shutil.copyfile(DATA / name, tmp_path / name)
    return tmp_path


def invoke(app, *args):
    return runner.invoke(app, [str(a) for a in args])


def test_recommend_writes_ranked_revisions_a_valid_revised_plan_and_a_diff(app, valley):
    out = valley / "out"
    res = invoke(app, "recommend", valley / "scenario.yaml", "--plan", valley / "plan.yaml", "--budget", 3,
                 "-n", 10, "--fault-replications", 0, "-o", out)
    assert res.exit_code == 0, res.output
    assert "不足项" in res.stdout and "far" in res.stdout
    assert sorted(p.name for p in out.iterdir() if p.name != MANIFEST) == [
        "figures", "plan.revised.diff", "plan.revised.yaml", "recommendations.json", "recommendations.md", "report.pdf"]
    data = json.loads((out / "recommendations.json").read_text(encoding="utf-8"))
    assert data["chosen"] == ["extend_coverage:siren-near:far"] and data["spent"] <= 3
    assert data["baseline"]["findings"][0]["key"] == "M2:far"
    assert data["revisions"][0]["verdict"] == "better" and data["revisions"][0]["chosen"]
    assert data["revisions"][0]["effect"]["unsafe"]["ci_high"] < 0
    assert data["baseline"]["grade"]["label"] == "差" and data["revised"]["grade"]["label"] != "差"
    diff = (out / "plan.revised.diff").read_text(encoding="utf-8")
    assert "-      coverage: [near]" in diff and "+      coverage: [near, far]" in diff
    assert '+  version: "1-revised"' in diff
    md = (out / "recommendations.md").read_text(encoding="utf-8")
    assert "## Findings of the plan as it is" in md and "[P]" in md and "95 % CI" in md
    # the revised plan is accepted by `drill validate`, alone and with its site
    ok = runner.invoke(drill_app, ["validate", str(out / "plan.revised.yaml"), str(valley / "site.yaml")])
    assert ok.exit_code == 0, ok.output
    assert not list(out.glob(".drill-*"))  # no temporary folder left behind


def test_recommend_writes_the_graded_report_with_the_chosen_revisions(app, valley):
    out = valley / "out"
    res = invoke(app, "recommend", valley / "scenario.yaml", "--plan", valley / "plan.yaml", "--budget", 3,
                 "-n", 10, "--fault-replications", 0, "-o", out)
    assert res.exit_code == 0, res.output
    assert "report.pdf" in res.stdout and "figures/" in res.stdout
    data = json.loads((out / "recommendations.json").read_text(encoding="utf-8"))
    title = next(r["title"] for r in data["revisions"] if r["chosen"])
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(out / "report.pdf").pages]
    text = "\n".join(pages)
    assert "差" in text  # the baseline's grade, on the cover and the summary
    revisions = text[text.rindex("Revisions"):]  # the Revisions section (after the summary and Findings)
    assert f"R1 {title} (alone, against the plan as it is)" in revisions
    assert "→" in text and "The three most effective revisions" in text
    assert (out / "figures").is_dir() and list((out / "figures").glob("*.png"))


def test_same_seed_same_recommendation(app, valley):
    outs = []
    for k in range(2):
        out = valley / f"out{k}"
        res = invoke(app, "recommend", valley / "scenario.yaml", "-n", 6, "--fault-replications", 3, "-o", out)
        assert res.exit_code == 0, res.output
        outs.append((out / "recommendations.json").read_text(encoding="utf-8"))
    assert outs[0] == outs[1]


def test_recommend_bad_input_exits_2_with_the_line_and_writes_nothing(app, valley):
    plan = valley / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("audible_radius_m: 600", "audible_radius_m: -6"),
                    encoding="utf-8")
    out = valley / "out"
    res = invoke(app, "recommend", valley / "scenario.yaml", "-n", 4, "-o", out)
    assert res.exit_code == 2
    assert "plan.yaml:23: plan.channels[0].audible_radius_m" in res.stderr
    assert "nothing was run or written" in res.stderr and "Traceback" not in res.output
    assert not out.exists()


def test_a_bad_costs_file_is_located(app, valley):
    res = invoke(app, "recommend", valley / "scenario.yaml", "-n", 4, "--costs", DATA / "costs_bad.yaml",
                 "-o", valley / "out")
    assert res.exit_code == 2
    assert "costs_bad.yaml:3: costs.add_helicopter: unknown revision kind" in res.stderr
    assert not (valley / "out").exists()


def test_compare_puts_two_plans_on_the_same_random_numbers(app, valley):
    revised = valley / "b.yaml"
    text = (valley / "plan.yaml").read_text(encoding="utf-8")
    revised.write_text(text.replace("coverage: [near]", "coverage: [near, far]").replace('"1"', '"2"'),
                       encoding="utf-8")
    out = valley / "cmp"
    res = invoke(app, "compare", valley / "scenario.yaml", "--plan", valley / "plan.yaml", "--plan", revised,
                 "-n", 8, "--fault-replications", 0, "-o", out)
    assert res.exit_code == 0, res.output
    assert "8 paired replications" in res.stdout
    assert "gate ok†" in res.stdout and "† not settled" in res.stdout  # no one late in 8: too few to show the gate
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    d = data["paired_difference_b_minus_a"]["late_warned"]
    assert d["mean_diff"] == -10 and d["verdict"] == "better" and d["n"] == 8
    assert data["a"]["seed"] == data["b"]["seed"] == 7
    same = invoke(app, "compare", valley / "scenario.yaml", "-p", valley / "plan.yaml", "-p", valley / "plan.yaml",
                  "-n", 4, "--fault-replications", 0)
    assert same.exit_code == 0 and "better" not in same.stdout and "no change" in same.stdout


def test_compare_needs_exactly_two_plans(app, valley):
    res = invoke(app, "compare", valley / "scenario.yaml", "--plan", valley / "plan.yaml")
    assert res.exit_code == 2
    assert "give exactly two plans" in res.stderr


def test_recommend_runs_on_a_bundled_example(app, tmp_path):
    scenario = bundled_root() / "scenarios" / "mine_inrush_day.yaml"
    res = invoke(app, "recommend", scenario, "-n", 6, "--fault-replications", 0, "--budget", 2, "-o", tmp_path)
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "recommendations.json").read_text(encoding="utf-8"))
    assert data["spent"] <= 2 and data["revisions"]
    ok = runner.invoke(drill_app, ["validate", str(tmp_path / "jinshan_mine_plan.revised.yaml"),
                                   str(bundled_root() / "scenarios" / "sites" / "jinshan_mine.yaml")])
    assert ok.exit_code == 0, ok.output
