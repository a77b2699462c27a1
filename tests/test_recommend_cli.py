"""``drill recommend`` and ``drill compare``: what they write, that the revised plan validates, exit codes and
located messages on bad input, and the same seed giving the same output."""

from __future__ import annotations

import json
import math
import re
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
    # under the finding it answers, the chosen revision is told as proven, with the plan clause it changes
    findings = text[text.index("Findings"):text.rindex("Revisions")]
    assert f"• {title} (plan.yaml:" in findings and "[proven by re-simulation: R1]" in findings
    md = (out / "recommendations.md").read_text(encoding="utf-8")
    assert "   - What to change:" in md and f"     - {title} (plan.yaml:" in md
    assert "[proven by re-simulation: R1]" in md


def requirements_stated_once(md: str, lang: str, before: str) -> None:
    """A Markdown report groups the requirements as the PDF's findings section does: a list of its own before
    ``before``, each requirement once under its tag (S1, S2, …), national sources first, and every finding citing
    its requirements by those tags only."""
    from drills.experiment.finding_text import PHRASES
    from drills.experiment.i18n import Text

    t = Text(lang)
    head = "## " + t("findings_requirements")
    assert md.index(head) < md.index(before)
    listed = re.findall(r"^- \*\*(S\d+)\*\* (.+)$", md, re.MULTILINE)
    assert [tag for tag, _ in listed] == [f"S{k}" for k in range(1, len(listed) + 1)] and listed
    assert all(md.count(text) == 1 for _, text in listed)
    background = PHRASES[lang]["background"].split("{")[0]
    assert all(background not in text or text.index(background) > 0 for _, text in listed)  # national first
    label = t("md_requirement", text="")
    cites = [line.removeprefix(label) for line in md.splitlines() if line.startswith(label)]
    tag = r"S\d+"
    assert cites and all(re.fullmatch(rf"{tag}(?:{re.escape(PHRASES[lang]['sep'])}{tag})*", c) for c in cites), cites
    assert {x for c in cites for x in re.findall(tag, c)} == {tag for tag, _ in listed}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_markdown_states_each_requirement_once_and_its_findings_cite_them_by_tag(app, valley, lang):
    """recommendations.md repeated each finding's requirements in full under it (the same text a dozen times);
    the PDF's findings section lists them once, tagged S1…Sn, and cites the tags. The Markdown now does the same,
    with the same list, and so does comparison.md."""
    from drills.experiment.i18n import Text

    out = valley / "out"
    res = invoke(app, "recommend", valley / "scenario.yaml", "--plan", valley / "plan.yaml", "--budget", 3,
                 "-n", 6, "--fault-replications", 0, "-o", out, "--lang", lang)
    assert res.exit_code == 0, res.output
    md = (out / "recommendations.md").read_text(encoding="utf-8")
    requirements_stated_once(md, lang, Text(lang)("md_findings"))
    _, cmp_md, _ = compare_valley(app, valley, "--lang", lang)
    requirements_stated_once(cmp_md, lang, Text(lang)("md_cmp_findings", k="A"))


def test_same_seed_same_recommendation(app, valley, status_line):
    outs = []
    for k in range(2):
        out = valley / f"out{k}"
        res = invoke(app, "recommend", valley / "scenario.yaml", "-n", 6, "--fault-replications", 3, "-o", out)
        assert res.exit_code == 0, res.output
        outs.append((out / "recommendations.json").read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    # the status line in English, worded as before
    said = status_line.said[:len(status_line.said) // 2]
    assert status_line.said == said * 2
    assert [m for m in said if not m.startswith("trying ")] == [
        "evaluating the plan", "baseline: 6 replications", "single faults: up to 20 × 3 replications",
        "searching for the best set within the budget", "grading the revised plan", "writing the report"]
    assert "trying extend_coverage:siren-near:far" in said


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


def plan_with_the_far_village_covered(valley: Path) -> Path:
    """Plan B of the valley: the near siren heard at the far village too, version 2."""
    b = valley / "b.yaml"
    text = (valley / "plan.yaml").read_text(encoding="utf-8")
    b.write_text(text.replace("coverage: [near]", "coverage: [near, far]").replace('"1"', '"2"'), encoding="utf-8")
    return b


def test_compare_puts_two_plans_on_the_same_random_numbers(app, valley):
    revised = plan_with_the_far_village_covered(valley)
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


ENGLISH_COMPARISON_LINES = [
    "# Plan comparison: A: plan.yaml (two-villages-plan v1) vs B: b.yaml (two-villages-plan v2)",
    "Scenario **Dam failure by day, two villages below (test)** · seed 7 · 4 paired replications (common random "
    "numbers) · drill ",
    "## Grades",
    "| metric | A: plan.yaml (two-villages-plan v1) | B: b.yaml (two-villages-plan v2) |",
    "| M2 Notification reach | D gate ✗ (never) | A gate ✓ (0:00:00) |",
    "| **overall** | **差** S = 66.7; deficiencies (不足项) 2, must-correct (整改项) 0 | **优秀** S = 95.8; "
    "deficiencies (不足项) 0, must-correct (整改项) 0 |",
    "## Paired differences (B − A)",
    "| metric | A | B | difference, 95 % CI | verdict |",
    "| People not safe before the water (persons) | 10.00 | 0.00 | −10.00 [−10.00, −10.00] | better |",
    "| Order after the first trigger met | 0:00:00 | 0:00:00 | 0:00:00 [0:00:00, 0:00:00] | no change |",
    "## Findings of A",
    "1. **deficiency (不足项)** · M2 — far: people at risk warned after the water — no channel of the order reaches "
    "this place",
    "   - Addressed by: add_siren, extend_coverage, move_siren, add_door_to_door, add_channel",
    "## Findings of B",
    "   - Addressed by: — (outside the plan: site works or data to record)",
]
ENGLISH_COMPARE_TERMINAL = [
    "A plan.yaml (two-villages-plan v1) · B b.yaml (two-villages-plan v2)",
    "seed 7 · 4 paired replications · 1 worker",
    "Grades (tail over replications; [P] bands are the project's own)",
    "Same random numbers: B − A (mean, 95 % CI; times h:mm:ss, shares in percentage points)",
    # the near village, where the flood comes first, counts among the people at risk (the flood's onset is the
    # breach, not that place): plan A warns it before the water, the far village never
    "│ Share of people at risk warned before the water                      │ 50.0 %       │ 100.0 % │ +50.0 pp "
    "[+50.0 pp, +50.0 pp] │ better    │",
    # plan A never warns the far village, and someone there is not safe: said so, not as −1:00:00
    "│ Last person warned, after the order                                  │ never        │ 0:00:00 │ −1:00:00 "
    "[−1:00:00, −1:00:00] │ better    │",
    # the far village's margin ends where its flow (3 m at 2 m/s, 1 min rise) would sweep a walker off: 0.949 m
    # deep (h·v 0.6 m²/s), 5 s before it is 1.2 m deep
    "│ Smallest safety margin                                               │ not all safe │ 0:14:15 │ +1:14:15 "
    "[+1:14:15, +1:14:15] │ better    │",
    "  To difference two plans replication by replication, a time never reached counts as the drill's length "
    "(1:00:00) and a smallest margin with someone not safe as minus it: \"never\" or \"not all safe\" where every "
    "replication was so, ‡ on a mean where some were.",
]


def compare_valley(app, valley: Path, *options: str) -> tuple[str, str, dict]:
    """``drill compare`` of the valley's plan and :func:`plan_with_the_far_village_covered` (4 replications) into
    the folder cmp: what it prints (the folder's path as OUT), the comparison.md and comparison.json it writes."""
    b = plan_with_the_far_village_covered(valley)
    out = valley / "cmp"
    res = invoke(app, "compare", valley / "scenario.yaml", "-p", valley / "plan.yaml", "-p", b, "-n", 4,
                 "--fault-replications", 0, "-o", out, *options)
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[-1].endswith(f" {out}/")
    return (res.stdout.replace(str(out), "OUT"), (out / "comparison.md").read_text(encoding="utf-8"),
            json.loads((out / "comparison.json").read_text(encoding="utf-8")))


def test_compare_in_english_is_worded_as_before(app, valley):
    """The English terminal and comparison.md, line by line where they are worded: compare in English by default
    and with --lang en alike."""
    stdout, md, _ = compare_valley(app, valley)
    assert compare_valley(app, valley, "--lang", "en")[:2] == (stdout, md)
    lines = md.splitlines()
    for pinned in ENGLISH_COMPARISON_LINES:
        assert any(line.startswith(pinned) for line in lines), pinned
    printed = stdout.splitlines()
    for pinned in ENGLISH_COMPARE_TERMINAL:
        assert pinned in printed, pinned
    assert any(" ".join(line.split()) == "┃ metric ┃ A ┃ B ┃ B − A ┃ verdict ┃" for line in printed), stdout
    assert printed[-1] == "wrote comparison.json, comparison.md to OUT/"


def test_compare_in_chinese_writes_the_same_comparison_json(app, valley):
    """comparison.json is for tools: its keys, verdicts and labels are the same whatever --lang says."""
    stdout, md, data = compare_valley(app, valley, "--lang", "zh")
    assert "## 配对差值（B − A）" in md and "已写入 comparison.json、comparison.md 到 OUT/" in stdout
    assert data == compare_valley(app, valley)[2]
    assert data["paired_difference_b_minus_a"]["late_warned"]["verdict"] == "better"


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


# ---------------------------------------------------------------- compare: which plan is which, and in what unit


def fake_evaluation(plan_file: str, plan_id: str = "p", version: str = "1"):
    from types import SimpleNamespace

    meta = SimpleNamespace(files={"plan": plan_file}, plan_id=plan_id, plan_version=version)
    return SimpleNamespace(spec=SimpleNamespace(meta=meta))


def test_compared_plans_are_named_by_file_and_by_id_and_version_where_those_differ():
    from drills.experiment.recommendation import plan_names

    same = plan_names(fake_evaluation("plans/water.yaml"), fake_evaluation("/tmp/water-edited.yaml"))
    assert same == ("water.yaml", "water-edited.yaml")
    twins = plan_names(fake_evaluation("a/water.yaml"), fake_evaluation("b/water.yaml"))
    assert twins == ("a/water.yaml", "b/water.yaml")
    versions = plan_names(fake_evaluation("water.yaml", "p", "1"), fake_evaluation("new.yaml", "p", "2"))
    assert versions == ("water.yaml (p v1)", "new.yaml (p v2)")


def test_paired_differences_are_shown_in_the_metric_s_own_unit():
    from drills.experiment.paired import PairedDiff, fmt_ci, fmt_mean, label_with_unit

    margin = PairedDiff("margin_min_s", "Smallest safety margin", "s", "higher", -5663.0, -5680.8, -17.8, -89.87,
                        54.27, 10, "no significant change")
    assert fmt_ci(margin) == "−0:00:18 [−0:01:30, +0:00:54]"
    assert fmt_mean(margin.base_mean, "s") == "−1:34:23"
    share = PairedDiff("share_warned_before_water", "Share", "share", "higher", 0.5, 0.6, 0.1, 0.05, 0.15, 10,
                       "better")
    assert fmt_ci(share) == "+10.0 pp [+5.0 pp, +15.0 pp]"
    assert label_with_unit("People caught by the water", "persons") == "People caught by the water (persons)"
    assert label_with_unit("Smallest safety margin", "s") == "Smallest safety margin"


def test_compare_tells_a_plan_and_its_edited_copy_apart(app, valley):
    edited = valley / "plan-edited.yaml"
    text = (valley / "plan.yaml").read_text(encoding="utf-8")
    edited.write_text(text.replace("coverage: [near]", "coverage: [near, far]"), encoding="utf-8")  # same id, version
    out = valley / "cmp"
    res = invoke(app, "compare", valley / "scenario.yaml", "-p", valley / "plan.yaml", "-p", edited, "-n", 4,
                 "--fault-replications", 0, "-o", out)
    assert res.exit_code == 0, res.output
    assert "A plan.yaml · B plan-edited.yaml" in res.stdout
    assert "two-villages-plan v1" not in res.stdout  # the same in both: it tells nothing apart
    assert "People caught by the water (persons)" in res.stdout
    row = next(line for line in res.stdout.splitlines() if "Last person warned, after the order" in line)
    assert re.search(r"[+−]\d+:\d\d:\d\d \[[+−]\d+:\d\d:\d\d, [+−]\d+:\d\d:\d\d\]", row), row
    md = (out / "comparison.md").read_text(encoding="utf-8")
    assert md.startswith("# Plan comparison: A: plan.yaml vs B: plan-edited.yaml\n")


# ---------------------------------------------------------------- recommend: the summary, the plan and the JSON agree


def recommend_without_county_deadline(app, valley, *, budget: float):
    """``drill recommend`` on the valley with the county deadline left out of its plan; (result, out folder)."""
    plan = valley / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(", deadline_s: 3600}", "}"), encoding="utf-8")
    out = valley / "out"
    res = invoke(app, "recommend", valley / "scenario.yaml", "-n", 4, "--fault-replications", 0, "--budget", budget,
                 "-o", out)
    return res, out


def test_a_correction_on_paper_is_counted_numbered_and_listed_alike(app, valley):
    """With the county deadline left out of the plan and a budget of 0.5, no simulated revision fits but the
    deadline (a correction on paper, cost 0.5) does: it used to be written into the revised plan as R1 while
    the terminal said "chose 0 revision(s)" and recommendations.json had no chosen revision."""
    res, out = recommend_without_county_deadline(app, valley, budget=0.5)
    assert res.exit_code == 0, res.output
    summary = res.stdout.splitlines()[-1]
    assert summary.startswith("1 revision in the revised plan: none proved by re-simulation within the budget; R1 "
                              "on paper (a correction the rules require, not chosen for a simulated gain); "
                              "spent 0.5 of 0.5; wrote "), summary
    assert "chose 0" not in res.stdout
    plan_text = (out / "plan.revised.yaml").read_text(encoding="utf-8")
    assert ("#   R1 add_report_deadline:county (cost 0.5, on paper: a requirement, not chosen for a simulated "
            "gain): ") in plan_text
    assert "#   R2" not in plan_text and "deadline_s: 3600" in plan_text
    data = json.loads((out / "recommendations.json").read_text(encoding="utf-8"))
    assert data["applied"] == [{"label": "R1", "key": "add_report_deadline:county", "cost": 0.5, "simulated": False,
                                "title": data["applied"][0]["title"]}]
    assert data["chosen"] == [] and data["static"] == ["add_report_deadline:county"] and data["spent"] == 0.5
    assert [r["applied"] for r in data["revisions"] if r["key"] == "add_report_deadline:county"] == ["R1"]
    assert {r["applied"] for r in data["revisions"] if r["key"] != "add_report_deadline:county"} == {None}
    md = (out / "recommendations.md").read_text(encoding="utf-8")
    assert "- **R1** Report to the county" in md


def test_a_correction_the_rules_require_is_made_whatever_the_budget(app, valley):
    """With a budget of 0 the county deadline the rules require is still written into the revised plan (it used to
    be left out, as if obeying the rules were a choice left to cost), and the overspend is said, not hidden."""
    res, out = recommend_without_county_deadline(app, valley, budget=0)
    assert res.exit_code == 0, res.output
    summary = res.stdout.splitlines()[-1]
    assert summary.startswith("1 revision in the revised plan: none proved by re-simulation within the budget; R1 "
                              "on paper (a correction the rules require, not chosen for a simulated gain); "
                              "spent 0.5, over the budget of 0: the corrections the rules require are made whatever "
                              "the budget; wrote "), summary
    plan_text = (out / "plan.revised.yaml").read_text(encoding="utf-8")
    assert "deadline_s: 3600" in plan_text
    head = [line for line in plan_text.splitlines() if line.startswith("#")]
    assert head and all(len(line) <= 118 for line in head)  # the head comment keeps within the plan's width
    assert ("# Budget 0 cost units [project's own costs], spent 0.5, over it: the corrections the rules require are "
            "made whatever the budget.") in " ".join(line.removeprefix("#     ") if line.startswith("#     ") else line
                                                     for line in head)
    data = json.loads((out / "recommendations.json").read_text(encoding="utf-8"))
    assert data["chosen"] == [] and data["static"] == ["add_report_deadline:county"]
    assert (data["budget"], data["spent"]) == (0, 0.5)


def test_the_report_gives_the_grades_before_and_after_as_recommendations_md_does(app, valley):
    """recommend's report.pdf, the paper for the regulator, listed the revisions but not what they did to the grade;
    recommendations.md had the grades side by side. The report now has them too, row for row."""
    res, out = recommend_without_county_deadline(app, valley, budget=2.5)
    assert res.exit_code == 0, res.output
    md = (out / "recommendations.md").read_text(encoding="utf-8")
    rows = [[c.strip().replace("**", "") for c in line.strip("|").split("|")] for line in md.splitlines()
            if re.match(r"\| (M\d|\*\*overall)", line)]
    assert len(rows) >= 7
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(out / "report.pdf").pages)
    table = text[text.index("Grades of the plan as it is and as revised"):]
    *metrics, (_, before, after) = rows
    for metric, a, b in metrics:
        said = f"{metric} {a} {b}"
        assert " ".join(said.split()) in table, said
    for cell in (before, after):  # the overall row's cells wrap: each begins with its grade and score
        assert " ".join(cell.split(";")[0].split()) in table, cell


def test_the_report_lists_every_revision_tried_as_recommendations_md_does(app, valley):
    """recommend's report.pdf listed only the chosen revisions; the ones tried and not chosen, with their intervals,
    were in recommendations.md alone. The report has them now, numbered and in the order tried, from the same rows."""
    res, out = recommend_without_county_deadline(app, valley, budget=2.5)
    assert res.exit_code == 0, res.output
    md = (out / "recommendations.md").read_text(encoding="utf-8")
    tried = [[c.strip() for c in line.strip("|").split("|")] for line in md.splitlines()
             if re.match(r"\| \d+ \|", line)]
    assert len(tried) >= 2 and any(not row[-1] for row in tried)  # the case: some tried and not chosen
    text = "".join("".join((page.extract_text() or "").split()) for page in PdfReader(out / "report.pdf").pages)
    table = text[text.index("Everyrevisiontried"):]
    for k, words, cost, fault, verdict, unsafe, late, objective, label in tried:
        said = (f"{k}{words}" + (f"(under{fault})" if fault else "")
                + f"{cost}{verdict}{unsafe}{late}{objective}{label}")
        assert "".join(said.split()) in table, said


def test_proved_revisions_come_first_then_those_on_paper(app, valley):
    res, out = recommend_without_county_deadline(app, valley, budget=2.5)
    assert res.exit_code == 0, res.output
    assert "2 revisions in the revised plan: R1 proved by re-simulation; R2 on paper" in res.stdout
    data = json.loads((out / "recommendations.json").read_text(encoding="utf-8"))
    assert [(a["label"], a["key"], a["simulated"]) for a in data["applied"]] == [
        ("R1", "extend_coverage:siren-near:far", True), ("R2", "add_report_deadline:county", False)]
    plan_text = (out / "plan.revised.yaml").read_text(encoding="utf-8")
    assert "#   R1 extend_coverage:siren-near:far (cost 2): " in plan_text
    assert ("#   R2 add_report_deadline:county (cost 0.5, on paper: a requirement, not chosen for a simulated "
            "gain): ") in plan_text


# ---------------------------------------------------------------- each file is read once


class _Stop(Exception):
    """Raised by a stand-in for the heavy call, once it has seen its arguments."""


def test_recommend_and_compare_hand_on_the_files_they_checked(app, valley, tmp_path, monkeypatch):
    """The scenario and each plan are loaded once, to check them, and what was loaded is what is run."""
    from drills.experiment import recommendation
    from drills.inputs import compile as compile_module

    plan_b = tmp_path / "plan_b.yaml"
    shutil.copyfile(valley / "plan.yaml", plan_b)
    loads, given = [], []
    real = compile_module.load
    monkeypatch.setattr(compile_module, "load", lambda *a, **kw: loads.append(a[1]) or real(*a, **kw))

    def stand_in(*loaded, **options):
        given.append(loaded)
        raise _Stop

    monkeypatch.setattr(recommendation, "recommend", stand_in)
    monkeypatch.setattr(recommendation, "compare_plans", stand_in)
    res = invoke(app, "recommend", valley / "scenario.yaml", "--plan", valley / "plan.yaml", "-n", 2,
                 "-o", tmp_path / "out")
    assert isinstance(res.exception, _Stop), res.output
    res = invoke(app, "compare", valley / "scenario.yaml", "--plan", valley / "plan.yaml", "--plan", plan_b, "-n", 2)
    assert isinstance(res.exception, _Stop), res.output
    assert loads == [valley / "plan.yaml", valley / "plan.yaml", plan_b]
    assert [[ld.plan_doc.path for ld in call] for call in given] == [[valley / "plan.yaml"],
                                                                     [valley / "plan.yaml", plan_b]]


def test_validate_reads_each_file_once(tmp_path, monkeypatch):
    """A scenario is read once though it is checked alone and with its site and plan; a suite once though its
    kind is looked at before it is loaded."""
    from drills.inputs import compile as compile_module
    from drills.inputs import suite as suite_module
    from drills.inputs import yamlfile

    reads = []
    real = yamlfile.load_yaml
    for module in (yamlfile, compile_module, suite_module):
        monkeypatch.setattr(module, "load_yaml", lambda path: reads.append(Path(path).name) or real(path))
    scenarios = bundled_root() / "scenarios"
    res = runner.invoke(drill_app, ["validate", str(scenarios / "mine_inrush_day.yaml"),
                                    str(scenarios / "suites" / "flood_season_2026.yaml")])
    assert res.exit_code == 0, res.output
    assert reads.count("flood_season_2026.yaml") == 1
    # the scenario once by itself, then once for each of the suite's runs of it (the suite checks its own copy)
    assert reads.count("mine_inrush_day.yaml") == 2


def test_a_place_no_revision_of_the_warning_reaches_is_named_plainly_with_its_numbers():
    """A near-field place (the water a median 1:41 after the breach) still warned late after the revisions is told
    as such, in both languages, with the finding's own median; a near-field place the revisions did warn in time,
    and a place farther down, are not."""
    from types import SimpleNamespace

    from drills.experiment.findings import DEFICIENCY, Finding
    from drills.experiment.i18n import Text
    from drills.experiment.recommendation import Recommendation
    from drills.experiment.revision_report import out_of_reach_lines

    def late(place: str, near: bool, lead: float) -> Finding:
        return Finding(f"M2:{place}", "M2", DEFICIENCY, "", "", "", "", kind="m2_late",
                       facts={"place": place, "near_field": near, "lead_p50_s": lead})

    def rec(quantities: tuple[str, ...], dam: bool) -> SimpleNamespace:
        plan = SimpleNamespace(warning=SimpleNamespace(triggers=[SimpleNamespace(quantity=q) for q in quantities]))
        base = SimpleNamespace(loaded=SimpleNamespace(plan=plan), spec=SimpleNamespace(dam_break=object() if dam
                                                                                          else None),
                               findings=(late("sx_lower", True, 101.0), late("sx_old", True, 110.0),
                                         late("hx_east", False, 900.0)))
        revised = SimpleNamespace(findings=(late("sx_lower", True, 101.0), late("hx_east", False, 600.0)))
        fake = SimpleNamespace(baseline=base, revised=revised)
        fake.out_of_reach = Recommendation.out_of_reach.fget(fake)
        fake.no_way = ()  # no one turned back: no route to speak of
        return fake

    breach = rec(("dam_breach",), dam=True)
    assert out_of_reach_lines(breach, Text("en")) == [
        "No revision of the warning can reach sx_lower before the water (median 0:01:41 after the breach): only a "
        "trigger before the breach (seepage, displacement or pond level from the online monitoring) or moving the "
        "people out of sx_lower protects them."]
    [zh] = out_of_reach_lines(breach, Text("zh"))
    assert zh.startswith("任何预警方面的修订都无法在水到达 sx_lower 之前通知到那里的人员"
                         "（水在溃坝后中位数 0:01:41 到达）")
    # a plan with another trigger: the water is timed from the first trigger met, and said so
    [en] = out_of_reach_lines(rec(("dam_breach", "monitoring_level"), dam=True), Text("en"))
    assert "(median 0:01:41 after the first trigger is met)" in en


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_grades_side_by_side_write_a_margin_as_the_scorecard_does(lang, capsys):
    """Plan A left someone not safe in the graded tail, plan B no one the water reached within the hour: the grades
    of compare and recommend read M3 '(−∞)' and '(1:00:00)', where the scorecard and the report write 'not all safe'
    and '≥ 1:00:00'."""
    from types import SimpleNamespace

    from drills.commands.revise import _print_grades
    from drills.experiment.grading import MetricGrade
    from drills.experiment.i18n import Text
    from drills.experiment.revision_report import _grades_table

    def evaluation(m3: float):
        grades = {"M2": MetricGrade("M2", math.inf, "s", "D", False, "", ""),
                  "M3": MetricGrade("M3", m3, "s", "D" if m3 < 0 else "A", m3 > 0, "", "")}
        overall = SimpleNamespace(label="差", score=40.0, deficiencies=2, must_correct=0)
        return SimpleNamespace(grades=grades, overall=overall, spec=SimpleNamespace(duration_s=3600.0))

    t = Text(lang)
    a, b = evaluation(-math.inf), evaluation(3600.0)
    unsafe, dry, never = t("margin_not_all"), t("at_least", v="1:00:00"), t("never")
    md = "\n".join(_grades_table(a, b, ("A", "B"), t))
    _print_grades(a, b, ("A", "B"), t)
    printed = " ".join(capsys.readouterr().out.split())
    for text in (md, printed):
        assert "∞" not in text, text
        assert f"({unsafe})" in text and f"({dry})" in text and f"({never})" in text, text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_grades_side_by_side_say_why_a_metric_is_not_graded_for_either_plan(lang, capsys):
    """The dam plan fails M2 and M3 without any fault, before and after, so M6 is graded for neither: recommend's
    terminal and recommendations.md read 'M6 … – (–) | – (–)' with no reason, where the report says it is not
    assessable."""
    from types import SimpleNamespace

    from drills.commands.revise import _print_grades
    from drills.experiment.grading import MetricGrade
    from drills.experiment.i18n import Text
    from drills.experiment.revision_report import _grades_table

    def evaluation():
        grades = {"M2": MetricGrade("M2", math.inf, "s", "D", False, "", ""),
                  "M6": MetricGrade("M6", math.nan, "s", "–", None,
                                    "not assessable: the plan fails M2 and M3 without any fault", "")}
        overall = SimpleNamespace(label="差", score=40.0, deficiencies=2, must_correct=0)
        return SimpleNamespace(grades=grades, overall=overall, spec=SimpleNamespace(duration_s=3600.0))

    t = Text(lang)
    md = "\n".join(_grades_table(evaluation(), evaluation(), ("A", "B"), t))
    _print_grades(evaluation(), evaluation(), ("A", "B"), t)
    printed = " ".join(capsys.readouterr().out.split())
    why = f"– ({t('why_not_assessable')})"
    assert md.count(why) == 2 and "(–)" not in md, md
    assert "(–)" not in printed and " ".join(why.split()[:3]) in printed, printed


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_chosen_set_says_how_each_was_proved_and_which_findings_it_answers_by_number(app, valley, lang):
    """recommendations.md said R1 was proved "on top of the earlier ones" (there are none: its trial is against the
    plan as it is, as the PDF says), named the findings it answers by internal keys (``M2:far``) that appear
    nowhere else in the file, and sent the reader of a change tried and not chosen to "recommendations.md", the
    very file they were reading."""
    from drills.experiment.finding_text import PHRASES
    from drills.experiment.i18n import Text

    t = Text(lang)
    out = valley / "out"
    res = invoke(app, "recommend", valley / "scenario.yaml", "--plan", valley / "plan.yaml", "--budget", 3,
                 "-n", 10, "--fault-replications", 0, "-o", out, "--lang", lang)
    assert res.exit_code == 0, res.output
    md = (out / "recommendations.md").read_text(encoding="utf-8")
    data = json.loads((out / "recommendations.json").read_text(encoding="utf-8"))
    keys = [f["key"] for f in data["baseline"]["findings"]]
    assert data["chosen"] == ["extend_coverage:siren-near:far"]
    r1 = next(line for line in md.splitlines() if line.startswith("- **R1**"))
    assert t("rev_alone") in r1 and t("rev_on_top", prev="").split("{")[0].strip() not in r1, r1
    chosen = next(r for r in data["revisions"] if r["chosen"])
    numbers = sorted(keys.index(a) + 1 for a in chosen["addresses"])
    told = (t("md_answers_finding", k=numbers[0]) if len(numbers) == 1 else
            t("md_answers_findings", ks=PHRASES[lang]["sep"].join(map(str, numbers))))
    assert r1.endswith(told + ("." if lang == "en" else "。")), r1
    assert not any(k in r1 for k in chosen["addresses"]), r1
    assert "recommendations.md]" not in md and "recommendations.md〕" not in md
    # the verdict is the objective's: a row read "no significant change" beside a Δ not safe whose CI excluded zero
    assert t("md_ranked_cols").split(" | ")[4] == t("cli_col_verdict_objective") in md
    assert md.index(t("md_verdicts")[:30]) > md.index(t("md_ranked_cols"))
    assert ("objective" if lang == "en" else "搜索目标") in t("md_verdicts").split(". " if lang == "en" else "。")[0]
