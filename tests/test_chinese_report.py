"""The Chinese report is Chinese throughout: every kind of finding told in Chinese from its facts, the model's
sources and the method quoted in Chinese, and no run of English words left in the report of any bundled
scenario but the planner's own text (ids, titles), the sources' names and the titles of foreign papers."""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import StatusLine
from pypdf import PdfReader

from drills.experiment import finding_text as ft
from drills.experiment import revision_text as rt
from drills.experiment.exercise import run_exercise
from drills.experiment.graded import finding_line, graded
from drills.experiment.i18n import Text
from drills.experiment.outputs import write_outputs
from drills.experiment.report import blocks
from drills.experiment.scorecard import scorecard
from drills.experiment.sources_zh import SOURCES_ZH
from drills.inputs.bundled import bundled_root, bundled_scenarios
from drills.inputs.compile import compile_drill, load

M = {"trigger_s": 300.0, "water_s": 342.0, "order_s": 1267.0, "departed_s": 400.0, "caught_s": 500.0,
     "water_there_s": 450.0, "warned_s": 320.0, "people": 3, "never_left": 1, "water_ordered_s": 342.0}
STEP = {"action": "notify_county", "level": "red", "limit_s": 3600.0, "limit_is_plan": False, "local_s": 1800.0,
        "after": ["evacuate_downstream"], "due": 40, "done": 35, "late": 2, "not_done": 5, "owner": "Pond manager",
        "trigger_owner": ft.AUTOMATIC, "has_backups": False,
        "why": [("unreachable", 3), ("waiting", 1), ("nobody_declared", 1)]}
DIFF = {"base_mean": 1.0, "new_mean": 4.5, "mean_diff": 3.5, "ci_low": 2.0, "ci_high": 5.0}
#: Facts of every kind of finding, with ids as a planner writes them (place, route, post and channel ids).
FACTS: dict[str, dict] = {
    "m2_late": {"place": "xc_river", "zone": "level -360", "people": 16, "cause": "decision",
                "by_cause": {"decision": M, "channel_out": M, "trigger": M}, "late": 30, "late_replications": 3,
                "ranked": [("decision", 20), ("channel_out", 6), ("trigger", 4)], "most": 16, "n": 40,
                "channels": ["cap-lamp-paging", "siren-dam"], "near_field": True, "lead_p50_s": 42.0,
                "tail": (3, 40)},
    "m2_time": {"value": 484.0, "grade": "B", "places": ["stope360w", "ht_a"]},
    "m2_never": {"k": 1, "n": 60, "total": 76, "tail": (1, 60),
                 "rows": [{"place": "stope120e", "zone": "level -120", "people": 20, "replications": 1, "most": 20,
                           "channels": ["cap-lamp-paging"]}]},
    "gate_failed": {"metric": "M2", "failed": 4, "n": 60, "places": ["stope360w", "pump360"], "tail": (4, 60)},
    "m3_place": {"place": "stope360e", "zone": "level -360", "route": "r360-cage", "reason": "late_warning",
                 "source": False, "replications": 8, "n": 40, "unsafe": 52, "most": 14,
                 "where": [("st360", 30), ("stope360e", 22)],
                 "by_reason": [(k, M) for k in ("late_warning", "caught_on_route", "turned_back_caught",
                                                "did_not_leave", "sheltered_in_flood", "stayed_in_flood", "not_out",
                                                "caught_on_route:source")],
                 "tail": (8, 40)},
    "m3_queue": {"hoist": "main-cage", "queue": 94.0, "cap": 30, "wait_s": 714.0, "busy": 1.0},
    "m3_capacity": {"node": "ap_hill", "people": 260.0, "capacity": 200},
    "refuge_water": {"node": "refuge360", "k": 38, "n": 40, "water_s": 2756.0, "seats": 50, "sheltered": 4.5,
                     "caught": 4.5},
    "turned_back": {"place": "stope360e", "route": "r360", "k": 31, "n": 40, "people": 52, "most": 4,
                    "where": [("st360", 40), ("j360", 12)], "caught": 8, "refuge": 3, "open": 1},
    "m4_internal": {"p95_s": 900.0, "limit_s": 300.0, "triggers": ["inflow-change-20pct", "crew-report-face"]},
    "m5_post": {"who": "Pond manager", "n": 40, "backups": [], "steps": [STEP, {**STEP, "action": "notify_township",
                                                                              "limit_is_plan": True}],
                "county": [{"action": "notify_county", "level": "orange"}]},
    "m6_fault": {"fault": "channel_down:cap-lamp-paging", "flips": ["M2", "M3"], "at_s": 0.0, "n": 20,
                 "unsafe": DIFF, "late": DIFF, "rise_s": 10566.0, "places": ["stope360w", "stope360e"],
                 "p95_base_s": 634.0, "p95_fault_s": 11200.0},
    "no_entry": {}, "no_entry_level": {"red": True},
    "entry_red": {"k": 3, "n": 40, "avg": 4.0, "most": 6, "tail": (3, 40)},
    "entry_rule": {"k": 2, "n": 40, "avg": 3.0, "most": 4},
    "exits": {"exits": ["collar"]}, "level_exits": {"level": "-360", "k": 1},
    "refuge_reach": {"place": "face360e", "walk": 41.0, "refuges": ["refuge360"]},
    "refuge_seats": {"level": "-360", "seats": 20, "count": 48, "depth": 360.0},
    "approved": {}, "evaluation": {"date": "2021-03-01", "years": 3, "drill": "2026-07-20"},
    "not_recorded": {"overhead": True},
    "pond": {"quantity": "freeboard_m", "design": 1.5, "reds": [None, 1.0]},
    "backups": {"posts": ["Pond manager"]}, "county": {},
    "county_deadline": {"level": "red", "hours": 2.0}, "public_channels": {}, "downstream_order": {},
    "mine_channels": {}, "mine_order": {}, "backup_power": {"channels": ["siren-dam"]},
    "levels": {"levels": ["blue", "yellow"]},
    "assembly_water": {"node": "ap_field", "k": 30, "n": 40, "water_s": 2700.0, "depth_m": 1.8, "caught": 2.5,
                       "turned": 4.0},
    "automatic": {"places": ["xc_river"], "drill": {"k": 12, "n": 40, "avg": 30.0, "deaths": 2.5,
                                                     "leads": (40.0, 90.0), "tail": (12, 40), "near_field_s": 180.0}},
    "monitoring": {}, "teams": {}, "routes": {"places": ["field_a", "school"], "more": " …"},
    "m1_latency": {"value": 1233.0, "grade": "C",
                   "chain": [{"who": "Duty dispatcher", "step": "detect and declare", "order": "underground",
                              "replications": 40, "p50_s": 430.0, "p95_s": 1233.0, "absent": 2}],
                   "tail": {"who": "Duty dispatcher", "order": "underground", "step": "detect and declare",
                            "never": 0, "replications": 4, "step_p50_s": 1674.0, "tail": 4, "n": 40,
                            "never_comes": False}},
}
#: the tails of the order latency told another way: waiting for a step, nobody to act, never given
M1_TAILS = [{"step": "wait for notify_township", "never_comes": True}, {"step": "give the order", "never": 2}]
#: words of the requirements' and sources' names, and units, that stay as written in a Chinese sentence
NAMES = {"GB", "AQ", "GISTM", "Res", "ANM", "LI", "Brumadinho", "min", "km"}
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str, facts: object) -> list[str]:
    """English words in ``text`` that are neither an id of the facts nor a name that stays as written."""
    ids = " ".join(re.findall(r"'([^']*)'", repr(facts)))  # every string of the facts
    return [w for w in ENGLISH_WORD.findall(text) if w not in NAMES and w not in ids and w not in ("P95",)]


def test_every_kind_of_finding_has_facts_here() -> None:
    assert set(FACTS) == set(ft.RENDER)


@pytest.mark.parametrize("kind", sorted(ft.RENDER))
def test_every_kind_of_finding_is_told_in_chinese(kind: str) -> None:
    cases = [FACTS[kind]] + ([{**FACTS[kind], "tail": {**FACTS[kind]["tail"], **t}} for t in M1_TAILS]
                             if kind == "m1_latency" else [])
    for facts in cases:
        title, evidence = ft.words(kind, facts, "zh")
        assert re.search(r"[\u4e00-\u9fff]", title) and re.search(r"[\u4e00-\u9fff]", evidence)
        assert english_words(title + evidence, facts) == [], (kind, title, evidence)
        en_title, en_evidence = ft.words(kind, facts, "en")
        assert not re.search(r"[\u4e00-\u9fff]", en_title.replace("头顶库", "")), en_title
        # the numbers a planner checks are the same in both languages
        numbers = re.compile(r"\d+:\d\d:\d\d|\d+\.\d")
        assert sorted(numbers.findall(en_title + en_evidence)) == sorted(numbers.findall(title + evidence)), kind


def test_every_requirement_is_named_in_chinese_and_keeps_its_clauses() -> None:
    assert set(ft.STANDARDS["zh"]) == set(ft.STANDARDS["en"])
    clause = re.compile(r"(?:GB/T|GB|AQ/T|AQ) [\d.-]+|§[\d.–]+|第[一二三四五六七八九十]+条|\d{4}")
    for key in ft.STANDARDS["en"]:
        en, zh = ft.requirement(key, "en"), ft.requirement(key, "zh")
        assert len(ft.STANDARDS["en"][key]) == len(ft.STANDARDS["zh"][key]), key  # source for source
        assert set(clause.findall(en)) <= set(clause.findall(zh)), key
        assert english_words(zh, ()) == [], (key, zh)


def test_the_chinese_sources_cite_what_the_docstrings_cite() -> None:
    import importlib

    for module, zh in SOURCES_ZH.items():
        doc = importlib.import_module(module).__doc__ or ""
        for pattern in (r"\b(?:19|20)\d\d\b", r"\[[VKEP]\b", r"\d+(?:\.\d+)? ?(?:m/s|m³/h|m²/s|km/h|%)"):
            cited = set(re.findall(pattern, doc))
            assert cited <= set(re.findall(pattern, zh)), (module, pattern, cited - set(re.findall(pattern, zh)))
        assert all(not re.search(r"[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}", para) or "“" in para
                   for _, para in blocks(zh, summary=True)), module


def test_one_finding_line_in_both_languages() -> None:
    f = _finding("m3_queue")
    assert finding_line(f, Text("en")) == f"[improvement (改进项)] {f.title}"
    assert finding_line(f, Text("zh")).startswith("[改进项] 罐笼 main-cage 排队 94 人（最长队列的 P95")


def _finding(kind: str):
    from drills.experiment.findings import IMPROVEMENT, found

    return found(kind, FACTS[kind], key=f"M3:{kind}", metric="M3", cls=IMPROVEMENT, standards=("M3",),
                 refs=[("plan.yaml:1 plan.evacuation", "", {"text": ""})])


# ------------------------------------------------------------------ the reports themselves
N = 6


def planner_strings(scenario: Path, *more: Path) -> list[str]:
    """Every string the planner wrote in the scenario, its plan and its site (ids, names, titles), and in
    ``more`` files."""
    out: list[str] = []

    def walk(x: object) -> None:
        if isinstance(x, str):
            out.append(unwrapped(x))
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(k)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    for path in [scenario, *more, *scenario.parent.glob("sites/*.yaml"), *(bundled_root() / "plans").glob("*.yaml")]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


@cache
def chinese_report(scenario: Path, folder: Path) -> str:
    loaded = load(scenario, None)
    spec = compile_drill(loaded, replications=N)
    ex = run_exercise(spec)
    card, _ = graded(scorecard(ex), loaded, spec, ex)
    assert card.findings, "a report with findings to tell"
    write_outputs(ex, card, folder, lang="zh")
    return "\n".join(page.extract_text() or "" for page in PdfReader(folder / "report.pdf").pages)


def unwrapped(text: str) -> str:
    """Text as one line: wrapped lines joined with a space between words and none between Chinese characters."""
    text = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])", "", text)
    text = re.sub(r"(?<=[(（])\s+|\s+(?=[)）])", "", text)
    return " ".join(text.split())


def english_runs(text: str) -> list[str]:
    """Runs of three or more English words with two lowercase words of three letters or more in them: a
    sentence, not a name or a module's dotted name. Quoted titles of papers are left out."""
    text = re.sub(r"“[^”]*”", " ", text)
    runs, run = [], []
    for token in [*re.split(r"[\s,;:()（）]+", text), ""]:
        if re.fullmatch(r"[A-Za-z]+\.?", token):
            run.append(token)
            continue
        if len(run) >= 3 and sum(bool(re.fullmatch(r"[a-z]{3,}\.?", w)) for w in run) >= 2:
            runs.append(" ".join(run))
        run = []
    return runs


def english_left(text: str, *planner_files: Path) -> list[str]:
    """The English sentences of ``text`` once the planner's own words (in the scenario, its site and plan, and
    any other file given) are taken out: they stay as written."""
    text = unwrapped(text)
    for written in sorted(planner_strings(*planner_files), key=len, reverse=True):
        if len(written) > 2:
            text = text.replace(written, " ")
    return english_runs(text)


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda p: p.stem)
def test_the_chinese_report_of_each_bundled_scenario_has_no_english_sentence(
        scenario: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    text = chinese_report(scenario, tmp_path_factory.mktemp(scenario.stem))
    assert english_left(text, scenario) == []
    assert "评估发现" in text and "不足项" in text


# ------------------------------------------------------------------ revisions, and what the commands print
#: Facts of every kind of revision title, with ids as a planner writes them.
REVISION_FACTS: dict[str, dict] = {
    "battery": {"channel": "siren-dam", "hours": 12.0, "now": 0.0},
    "coverage": {"channel": "mine-pa", "type": "mine_pa", "places": ["stope360w", "stope360e"]},
    "poles": {"channel": "loudspeaker-xc", "type": "village_loudspeaker", "places": ["xc_river"]},
    "move_siren": {"channel": "siren-dam", "here": "dam_crest", "there": "xc_centre", "heard_now": 12,
                   "heard_there": 40},
    "add_siren": {"place": "xc_river", "radius": 1000.0, "hours": 12.0},
    "door_to_door": {"start": "xc_centre", "places": ["xc_river", "xc_south"]},
    "cell_broadcast": {},
    "vehicle": {"start": "ht_centre", "places": ["ht_b"]},
    "paging": {},
    "runner": {"start": "st360", "places": ["stope360w", "stope360e"]},
    "automatic": {"trigger": "inflow-change", "quantity": "mine_inflow_change", "level": "red",
                  "owner": "dispatcher"},
    "automatic_reports": {"trigger": "dam-failure-seen", "quantity": "dam_breach", "level": "red",
                          "owner": "duty_officer", "reports": ["notify_township", "notify_county"]},
    "automatic_unchained": {"trigger": "dam-failure-seen", "quantity": "dam_breach", "level": "red",
                            "owner": "duty_officer", "reports": ["notify_township", "notify_county"]},
    "threshold": {"trigger": "inflow-change", "threshold": 0.2, "lower": 0.1},
    "earlier": {"trigger": "clock", "threshold": 3600.0, "lower": 1800.0},
    "trigger_level": {"trigger": "met-red", "level": "orange", "quantity": "met_warning", "level_now": "red"},
    "pre_authorise": {"order": "evacuate_underground", "level": "orange", "level_now": "red",
                      "owner": "dispatcher"},
    "add_order": {"order": "evacuate_underground", "level": "red", "owner": "dispatcher"},
    "delegate": {"declarer": "duty_officer", "level": "red", "order": "evacuate_downstream",
                 "owner": "township_duty"},
    "delegate_after": {"declarer": "duty_officer", "level": "red", "order": "evacuate_downstream",
                       "owner": "township_duty", "after": ["tell-manager"]},
    "deputy": {"role": "mine_manager", "title": "Mine manager (矿长)"},
    "route": {"place": "stope360e", "path": ["stope360e", "j360", "ramp360", "portal"]},
    "ladderway": {"place": "stope120w", "path": ["stope120w", "lad120", "raise_top"]},
    "assembly": {"place": "xc_river", "point": "ap_hill", "path": ["xc_river", "rd_1", "ap_hill"]},
    "refuge": {"refuge": "refuge360"},
    "fallback_refuge": {"refuge": "refuge360", "route": "r360-cage"},
    "hoist_priority": {"station": "st120", "mine_level": "-120", "hoist": "main-cage"},
    "stop_entry": {"level": "yellow"},
    "no_entry_rule": {},
    "report_deadline": {},
}


def test_every_kind_of_revision_has_facts_here() -> None:
    assert set(REVISION_FACTS) == set(rt.TITLES["en"]) == set(rt.TITLES["zh"])


@pytest.mark.parametrize("phrase", sorted(REVISION_FACTS))
def test_every_kind_of_revision_is_titled_in_chinese(phrase: str) -> None:
    """The Chinese title tells the same facts as the English one, in Chinese words but for the plan's ids (the
    plan's words for channel types, levels, quantities and orders translated)."""
    facts = REVISION_FACTS[phrase]
    fields = {lang: {f for _, f, _, _ in string.Formatter().parse(rt.TITLES[lang][phrase]) if f}
              for lang in ("en", "zh")}
    assert fields["en"] == fields["zh"] == set(facts)
    zh = rt.title(phrase, facts, "zh")
    assert english_words(zh, {k: v for k, v in facts.items() if k not in rt.WORDS}) == [], zh


def test_a_candidate_keeps_its_english_title_and_tells_it_in_chinese() -> None:
    from drills.experiment.revisions import _c

    c = _c("add_channel", "runner-stope360w", "runner", REVISION_FACTS["runner"], [])
    assert c.title == c.words("en") == "Send a runner from st360 to stope360w, stope360e"
    assert c.words("zh") == "派人从 st360 前往 stope360w、stope360e 通知撤离"


def terminal(*args: object) -> str:
    """What ``drill`` prints on standard output with ``args`` (exit code 0)."""
    from typer.testing import CliRunner

    from drills.cli import app

    res = CliRunner().invoke(app, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.stdout


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda p: p.stem)
def test_drill_run_in_chinese_prints_no_english_sentence(scenario: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("drills.experiment.outputs.write_outputs", lambda *a, **kw: {})  # the report is above
    out = terminal("run", scenario, "-n", N, "--lang", "zh", "-o", tmp_path / "out")
    assert english_left(out, scenario) == []
    assert "评估指标" in out and "评估结论" in out and "不足项" in out


def test_drill_season_in_chinese_prints_no_english_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    suite = bundled_root() / "scenarios" / "suites" / "flood_season_2026.yaml"
    monkeypatch.setattr("drills.experiment.season.write_season", lambda *a, **kw: {})
    out = terminal("season", suite, "-n", 1, "--lang", "zh", "-o", tmp_path / "out")
    assert english_left(out, *bundled_scenarios(), suite) == []
    assert "评级（决定因素）" in out and "不足项" in out


def chinese_status(status_line: StatusLine, *planner_files: Path) -> list[str]:
    """What a command showed on its status line, checked to be Chinese: every message has Chinese words in it,
    and none an English sentence but the planner's own words."""
    said = status_line.said
    assert said and all(re.search(r"[\u4e00-\u9fff]", m) for m in said), said
    assert english_left("\n".join(said), *planner_files) == [], said
    return said


def test_drill_recommend_in_chinese_prints_and_writes_no_english_sentence(tmp_path: Path,
                                                                         status_line: StatusLine) -> None:
    """The terminal (grades, findings, revisions ranked, the summary, and the status line while it runs), the
    report's revisions (the titles of the revisions were the English ones) and recommendations.md (it was all
    English)."""
    scenario = bundled_root() / "scenarios" / "mine_inrush_day.yaml"
    out = terminal("recommend", scenario, "-n", 4, "--fault-replications", 0, "--lang", "zh", "-o", tmp_path)
    assert english_left(out, scenario) == []
    said = chinese_status(status_line, scenario)
    assert [m for m in said if not m.startswith("正在试验修订 ")] == [
        "正在评估预案", "基准模拟：4 次重复", "正在预算内寻找最佳的修订组合", "正在评级修订后的预案", "正在写报告"]
    assert "正在试验修订 add_channel:runner-stope360w" in said
    assert "修订前" in out and "无显著变化" in out and "派人从 st360 前往" in out and "修订后的预案含 1 项修订" in out
    assert out.splitlines()[-1].endswith(  # the files named as run and compare name them
        "已写入 figures/、jinshan_mine_plan.revised.diff、jinshan_mine_plan.revised.yaml、recommendations.json、"
        f"recommendations.md、report.pdf 到 {tmp_path}/")
    report = "\n".join(page.extract_text() or "" for page in PdfReader(tmp_path / "report.pdf").pages)
    assert english_left(report, scenario) == []
    assert "R1 1 小时内向县级应急管理部门报告" in unwrapped(report)
    md = (tmp_path / "recommendations.md").read_text(encoding="utf-8")
    assert english_left(md, scenario) == []
    for told in ("## 现行预案的评估发现", "**不足项** · M2", "对应修订：", "| 地点 | 水平或区域 |", "发现并宣布预警",
                 "## 阈值及其来源", "- **R1** 1 小时内向县级应急管理部门报告", "无变化", "95 % 置信区间"):
        assert told in md, told
    # the comment drill recommend writes at the head of the revised plan (it was English whatever --lang said)
    plan = (bundled_root() / "plans" / "jinshan_mine_plan.yaml").read_text(encoding="utf-8")
    revised = (tmp_path / "jinshan_mine_plan.revised.yaml").read_text(encoding="utf-8")
    head = revised[:revised.index(plan.splitlines()[0])]
    assert head.startswith("# 由 `drill recommend`") and "预算 10 个成本单位" in head, head
    assert "#   R1 add_report_deadline:county（成本 0.5，书面修订" in head, head
    assert english_left(head, scenario) == [], head


def test_drill_compare_in_chinese_prints_and_writes_no_english_sentence(tmp_path: Path,
                                                                       status_line: StatusLine) -> None:
    """The terminal (grades, the paired differences and their verdicts, the status line while it runs) and
    comparison.md (it was all English: headings, tables, findings) of two plans, the second with a quicker
    dispatcher."""
    scenario = bundled_root() / "scenarios" / "mine_inrush_day.yaml"
    plan_a = bundled_root() / "plans" / "jinshan_mine_plan.yaml"
    plan_b = tmp_path / "jinshan_mine_plan_quick_dispatcher.yaml"
    text = plan_a.read_text(encoding="utf-8")
    quick = "decision_delay_s: {dist: lognormal, median: 60, p95: 300}"
    plan_b.write_text(text.replace("decision_delay_s: {dist: lognormal, median: 180, p95: 900}", quick, 1),
                      encoding="utf-8")
    assert quick in plan_b.read_text(encoding="utf-8")
    out = terminal("compare", scenario, "-p", plan_a, "-p", plan_b, "-n", 4, "--fault-replications", 2,
                   "--max-faults", 4, "--lang", "zh", "-o", tmp_path / "cmp")
    assert english_left(out, scenario) == []
    each_plan = ["基准模拟：4 次重复", "单一故障：最多 4 个，每个 2 次重复"]
    assert chinese_status(status_line, scenario) == ["正在运行两个预案", *(f"A · {s}" for s in each_plan),
                                                     *(f"B · {s}" for s in each_plan)]
    for told in ("随机种子 20260720 · 4 次配对重复", "评级（各次重复的尾部值", "相同随机数下的差值 B − A",
                 "首个触发条件满足后下达命令", "结论", "无显著变化", "已写入 comparison.json、comparison.md 到"):
        assert told in out, told
    md = (tmp_path / "cmp" / "comparison.md").read_text(encoding="utf-8")
    assert english_left(md, scenario) == []
    assert md.startswith("# 预案比较：A（jinshan_mine_plan.yaml）与 B（jinshan_mine_plan_quick_dispatcher.yaml）\n")
    for told in ("4 次配对重复（两个预案使用相同的随机数）", "## 评级", "| 指标 | A（jinshan_mine_plan.yaml） |",
                 "**总评**", "## 配对差值（B − A）", "| 指标 | A | B | 差值，95 % 置信区间 | 结论 |",
                 "| 首个触发条件满足后下达命令 |", "## 预案 A 的评估发现", "## 预案 B 的评估发现",
                 "**不足项** · M6 — 单一故障", "对应修订：", "门槛未满足"):
        assert told in md, told


def test_the_robustness_evidence_signs_its_differences_as_the_tables_do() -> None:
    zero = {"base_mean": 1.0, "new_mean": 1.0, "mean_diff": 0.0, "ci_low": -0.02, "ci_high": 0.02}
    facts = {**FACTS["m6_fault"], "unsafe": {**FACTS["m6_fault"]["unsafe"], "ci_low": -0.84}, "late": zero}
    en = ft.words("m6_fault", facts, "en")[1]
    assert "(Δ +3.5, 95 % CI −0.8 to +5.0)" in en and "(Δ 0.0, CI 0.0 to 0.0)" in en
    assert "（Δ 0.0，置信区间 0.0 至 0.0）" in ft.words("m6_fault", facts, "zh")[1]


# ------------------------------------------------------------------ one term per concept
def chinese_texts() -> list[str]:
    """Every Chinese phrase of the reports: the table of phrases, the findings' and the revisions' phrases."""
    from drills.experiment import i18n

    out = [*i18n.ZH.values(), *i18n.METRIC_ZH.values(), *i18n.TERMS_ZH.values(), *rt.TITLES["zh"].values()]

    def walk(x: object) -> None:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)

    walk(ft.PHRASES["zh"])  # not the requirements: a source that speaks of sirens keeps its 警报
    return out


def test_being_warned_is_yujing_never_the_sirens_jingbao() -> None:
    """收到预警 throughout: 警报 is the siren (警报器), and "收到警报" beside "收到预警" read as two things."""
    assert [s for s in chinese_texts() if "警报" in s.replace("警报器", "")] == []


def test_a_season_run_tells_its_storm_shifts_and_faults_in_chinese() -> None:
    """What a run changed and the faults it adds are Chinese but for the ids ("50-year", "day at 08:00", "from
    21:30" were the English of the suite loader)."""
    from drills.experiment.season import matrix_label, run_changes
    from drills.inputs.suite import load_suite

    suite = bundled_root() / "scenarios" / "suites" / "flood_season_2026.yaml"
    runs = {r.id: r for r in load_suite(suite, replications=1).runs}
    zh = Text("zh")
    assert run_changes(runs["flood-season-night/storm-20yr-night"], zh) == "设计暴雨：50 年一遇 → 20 年一遇"
    assert run_changes(runs["flood-season-night/storm-50yr-day"], zh).endswith(
        "入井班次：day 班次 08:00 入井（+14:00:00） → night 班次 20:00 入井（+14:00:00）")
    assert run_changes(runs["flood-season-night/power-loss"], zh) == "故障：mains_power，21:30 起（+3:30:00）"
    power = runs["flood-season-night/power-loss"]
    assert matrix_label(power, zh).endswith("\nmains_power，21:30 起（+3:30:00）")
    assert matrix_label(power, Text("en")).endswith("\nmains_power from 21:30 (+3:30:00)")
    for run in runs.values():
        told = run_changes(run, zh) + matrix_label(run, zh).removeprefix(run.id)
        faults = [c.split("=", 1)[1].split(" ")[0] for c in run.changes if c.startswith("fault=")]
        shifts = [w for name, *values in run.changed if name in ("shift", "entries") for v in values
                  for w in re.findall(r"(\S+) at ", v)]
        shifts += [v for name, *vs in run.changed if name == "shift" for v in vs]
        ids = repr([run.id, run.variation, faults, shifts])
        assert [w for w in ENGLISH_WORD.findall(told) if w not in ids] == [], (run.id, told)


def test_each_statute_is_named_in_full_and_one_way() -> None:
    """"条例 第九条" and "《条例》第九条" beside "条例 第八条" named two statutes by one word, and "预案管理办法" went
    without its title marks: a regulator reads each by its full title, in 《》, the article after it."""
    from drills.experiment.report import _graded_zh
    from drills.experiment.sources_zh import SOURCES_ZH

    titles = ("《生产安全事故报告和调查处理条例》", "《生产安全事故应急条例》", "《生产安全事故应急预案管理办法》")
    m4 = _graded_zh(type("Row", (), {"metric": "M4", "basis": "", "grade": "C", "bands": ""})())[0]
    texts = [*chinese_texts(), *(x for v in ft.STANDARDS["zh"].values() for x in v), *SOURCES_ZH.values(), m4]
    named = [s for s in texts if re.search(r"条例|管理办法", s)]
    assert any("第九条" in s for s in named) and any("第八条" in s for s in named)
    for s in named:
        rest = s
        for title in titles:
            rest = rest.replace(title + "第", "")
        assert not re.search(r"条例|管理办法", rest), s


def test_the_table_by_level_and_place_names_the_order_one_way() -> None:
    """Its columns said 水到达前收到撤离命令, 全部收到预警 and 未先收到撤离命令 side by side, and the text above it
    "撤离命令到达该处全部人员的时间": one thing, the evacuation order reaching people, said two ways."""
    from drills.experiment.report import zone_columns

    zh = Text("zh")
    heads = [title for title, _, _ in zone_columns(zh, 7.0, "mine")]
    warned = [h for h in heads if "收到" in h]
    assert len(warned) == 3 and all("撤离命令" in h for h in warned), heads
    assert f"{zh('col_all_warned')}：中位数" in zh("cli_zones", zones="")
