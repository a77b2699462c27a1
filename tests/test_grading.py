"""Grades change exactly at their thresholds; gates use the tail; paired differences say what they show."""

from __future__ import annotations

import math

import pytest
from conftest import reading

from drills.experiment import grading
from drills.experiment.paired import paired_diff
from drills.experiment.readings import objective

BELOW, ABOVE = -1e-9, 1e-9


@pytest.mark.parametrize(("bands", "letters"), [
    (grading.M1_BANDS_S, "ABCD"), (grading.M2_BANDS_S, "ABCD"), (grading.M6_BANDS_S, "ABCD")])
def test_time_grades_change_exactly_at_their_thresholds(bands, letters):
    for k, limit in enumerate(bands):
        assert grading.band_at_most(limit, bands) == letters[k]
        assert grading.band_at_most(limit + ABOVE * max(limit, 1), bands) == letters[k + 1]
    assert grading.band_at_most(math.inf, bands) == "D"
    assert grading.band_at_most(math.nan, bands) == "–"


@pytest.mark.parametrize("bands", [grading.M3_BANDS_S, grading.M5_BANDS])
def test_margin_and_share_grades_change_exactly_at_their_thresholds(bands):
    for k, limit in enumerate(bands):
        assert grading.band_at_least(limit, bands) == "ABC"[k]
        assert grading.band_at_least(limit - 1e-9, bands) == "ABCD"[k + 1]
    assert grading.band_at_least(-math.inf, bands) == "D"


def test_the_bands_are_the_proposed_ones():
    assert grading.M1_BANDS_S == (300, 900, 1800)
    assert grading.M2_BANDS_S == (300, 600, 900)
    assert grading.M3_BANDS_S == (900, 300, 0)
    assert grading.M5_BANDS == (0.95, 0.85, 0.70)
    assert grading.M6_BANDS_S == (300, 600, 1200)


def test_m1_grades_the_95th_percentile_not_the_mean():
    fast = [reading(order_latency_s=60.0) for _ in range(18)]
    one_slow = [*fast, reading(order_latency_s=3000.0), reading(order_latency_s=60.0)]
    assert grading.grade_m1(one_slow).grade == "A"  # 1 of 20 slow: inside the worst 5 %
    slow_tail = [*fast, reading(order_latency_s=3000.0), reading(order_latency_s=3000.0)]
    g = grading.grade_m1(slow_tail)
    assert g.grade == "D" and g.value == 3000.0  # mean would be A


def test_a_persons_gate_fails_when_more_than_5_percent_of_replications_fail():
    assert grading.gate_persons([0] * 19 + [3])  # 1 of 20: within the tail
    assert not grading.gate_persons([0] * 18 + [1, 1])  # 2 of 20 = 10 %
    assert grading.gate_persons([0] * 38 + [1, 1])  # 2 of 40 = 5 %: still passes
    assert not grading.gate_persons([0] * 37 + [1, 1, 1])


def test_m2_gate_caps_the_metric_at_d_whatever_the_time():
    ok = [reading(t100_after_order_s=300.0) for _ in range(20)]
    assert grading.grade_m2(ok).grade == "A" and grading.grade_m2(ok).gate is True
    assert grading.grade_m2([*ok[:-1], reading(t100_after_order_s=300.5)]).grade == "A"  # 1 of 20 in the tail
    assert grading.grade_m2([reading(t100_after_order_s=300.5)] * 20).grade == "B"
    late = [*ok[:18], reading(late_warned=1), reading(late_warned=2)]
    g = grading.grade_m2(late)
    assert g.gate is False and g.grade == "D"


def test_m3_gate_and_margin_grade():
    assert grading.grade_m3([reading(margin_min_s=900.0)] * 20).grade == "A"
    assert grading.grade_m3([reading(margin_min_s=899.0)] * 20).grade == "B"
    assert grading.grade_m3([reading(margin_min_s=0.0)] * 20).grade == "C"
    unsafe = [reading()] * 18 + [reading(unsafe=1, margin_min_s=-math.inf)] * 2
    g = grading.grade_m3(unsafe)
    assert g.gate is False and g.grade == "D"
    # one bad replication in 20 is the tail the gate tolerates: the margin is graded on the next one
    once = [reading(margin_min_s=900.0)] * 19 + [reading(unsafe=1, margin_min_s=-math.inf)]
    g = grading.grade_m3(once)
    assert g.gate is True and g.grade == "A" and g.value == 900.0


def test_the_lower_tail_mirrors_the_upper_tail():
    values = [float(x) for x in range(1, 501)]
    assert grading.upper_tail(values) == 475.0  # 25 of 500 above it
    assert grading.lower_tail(values) == 26.0  # 25 of 500 below it
    assert grading.lower_tail([5.0, -math.inf] + [9.0] * 18) == 5.0


def test_m4_county_report_against_the_hour():
    on_time = [reading(county_report_s=3600.0)] * 20
    assert grading.grade_m4(on_time, has_county_report=True, internal_p95_s=300.0).grade == "A"
    assert grading.grade_m4(on_time, has_county_report=True, internal_p95_s=301.0).grade == "C"
    late = [reading(county_report_s=3601.0)] * 20
    assert grading.grade_m4(late, has_county_report=True, internal_p95_s=0.0).grade == "D"
    assert grading.grade_m4(on_time, has_county_report=False, internal_p95_s=0.0).grade == "D"


def test_m5_steps_on_time():
    assert grading.grade_m5([reading(steps_expected=20, steps_on_time=19)] * 20).grade == "A"
    assert grading.grade_m5([reading(steps_expected=20, steps_on_time=18)] * 20).grade == "B"
    assert grading.grade_m5([reading(steps_expected=0, steps_on_time=0)] * 20).grade == "–"


def grades(letters: str) -> dict:
    """Grades M1..M6 from a string such as "AAAAD-" ("-": does not apply)."""
    return {m: grading.MetricGrade(m, 0.0, "s", "–" if g == "-" else g, None, "", "")
            for m, g in zip(grading.WEIGHTS, letters, strict=True)}


@pytest.mark.parametrize(("letters", "score", "label"), [
    ("AAAAAA", 100.0, "优秀"),
    ("AAAAD-", 90.0, "优秀"),  # S = 90 exactly
    ("AAAACD", 89.5, "良好"),
    ("AACBD-", 80.0, "良好"),  # S = 80 exactly
    ("AAADDD", 79.0, "一般"),
    ("ACDAD-", 65.0, "一般"),  # S = 65 exactly
    ("AADDDD", 64.0, "差"),
])
def test_overall_grade_changes_exactly_at_90_80_65(letters, score, label):
    o = grading.overall(grades(letters), 0, 0, 0)
    assert o.score == pytest.approx(score)
    assert o.label == label


def test_overall_is_capped_by_a_deficiency_and_excellent_needs_few_must_corrects():
    assert grading.POINTS == {"A": 100, "B": 85, "C": 70, "D": 40}
    assert grading.overall(grades("AAAAAA"), 0, 2, 0).label == "优秀"
    assert grading.overall(grades("AAAAAA"), 0, 3, 0).label == "良好"  # more than two 整改项
    capped = grading.overall(grades("AAAAAA"), 1, 0, 0)  # one 不足项 caps everything
    assert capped.label == "差" and capped.capped and capped.score == 100.0


def test_metrics_that_do_not_apply_leave_the_score():
    assert grading.overall(grades("-AAAA-"), 0, 0, 0).score == pytest.approx(100.0)
    assert math.isnan(grading.overall(grades("------"), 0, 0, 0).score)


def test_paired_difference_verdicts():
    base = [reading(unsafe=u) for u in (3, 4, 5, 3, 4)]
    same = paired_diff(base, base, "unsafe", "", "persons", "lower", 3600.0)
    assert same.verdict == "no change" and same.ci_low == same.ci_high == 0.0
    fewer = [reading(unsafe=r.unsafe - 2) for r in base]
    d = paired_diff(base, fewer, "unsafe", "", "persons", "lower", 3600.0)
    assert d.verdict == "better" and d.mean_diff == -2 and d.ci_low == d.ci_high == -2  # every pair agrees
    noisy = [reading(unsafe=r.unsafe + s) for r, s in zip(base, (1, -1, 2, -2, 0), strict=True)]
    assert paired_diff(base, noisy, "unsafe", "", "persons", "lower", 3600.0).verdict == "no significant change"
    more = [reading(unsafe=r.unsafe + 1) for r in base]
    assert paired_diff(base, more, "unsafe", "", "persons", "lower", 3600.0).verdict == "worse"


def test_never_is_capped_at_the_drill_length_for_differences():
    a = [reading(t100_after_order_s=math.inf)] * 4
    b = [reading(t100_after_order_s=600.0)] * 4
    d = paired_diff(a, b, "t100_after_order_s", "", "s", "lower", 3600.0)
    assert d.mean_diff == -3000.0 and d.verdict == "better"


def test_a_capped_mean_is_told_as_never_or_marked_not_shown_as_the_cap():
    from drills.experiment.paired import CAPPED_MARK, fmt_side

    never = [reading(t100_after_order_s=math.inf, margin_min_s=-math.inf)] * 4
    some = [reading(t100_after_order_s=math.inf, margin_min_s=-math.inf)] * 2 + [
        reading(t100_after_order_s=600.0, margin_min_s=900.0)] * 2
    d = paired_diff(never, some, "t100_after_order_s", "", "s", "lower", 3600.0)
    assert (d.base_capped, d.new_capped, d.n) == (4, 2, 4)
    assert fmt_side(d, "base") == "never"  # not 1:00:00, the cap
    assert fmt_side(d, "new") == "0:35:00" + CAPPED_MARK  # (3600 + 3600 + 600 + 600) / 4, marked
    m = paired_diff(never, some, "margin_min_s", "", "s", "higher", 3600.0)
    assert fmt_side(m, "base", unsafe="not all safe") == "not all safe"  # not −1:00:00
    assert fmt_side(m, "new") == "−0:22:30" + CAPPED_MARK
    counted = paired_diff(never, some, "unsafe", "", "persons", "lower", 3600.0)
    assert counted.base_capped == counted.new_capped == 0 and CAPPED_MARK not in fmt_side(counted, "base")
    # the report's revision rows say "never" and carry the flag that puts the note under the table
    from drills.experiment.i18n import Text
    from drills.experiment.revision_report import _revision_row

    row = _revision_row("R1", d, "alone", Text("en"))
    assert (row.before, row.after, row.capped) == ("never", "0:35:00" + CAPPED_MARK, True)
    assert not _revision_row("R1", counted, "alone", Text("en")).capped


def test_objective_weights_people_before_minutes():
    one_unsafe = objective(reading(unsafe=1, t100_after_order_s=0.0, order_latency_s=0.0), 3600.0)
    slow = objective(reading(t100_after_order_s=3600.0, order_latency_s=3600.0), 3600.0)
    assert one_unsafe == pytest.approx(1.0)
    assert slow == pytest.approx(1.2)  # two hours of delay weigh about one person
    assert objective(reading(late_warned=4, t100_after_order_s=0.0, order_latency_s=0.0), 3600.0) == 1.0


def test_a_person_warned_late_who_turns_back_counts_once_in_the_objective():
    """A deputy for the pond manager set out residents who then met the water and turned back home, which the water
    never reached: nobody was less safe, but each counted a quarter more, and the rules' backup post was called
    worse. One warned late counts once, as warned late; one whose place stays dry is not harmed; a quarter more
    only for one at risk, warned in time, whose route failed them."""
    quick = dict(t100_after_order_s=0.0, order_latency_s=0.0)
    base = objective(reading(late_warned=4, **quick), 3600.0)
    assert objective(reading(late_warned=4, turned_back=4, turned_back_warned_in_time=0, **quick), 3600.0) == base
    assert objective(reading(late_warned=4, turned_back=4, turned_back_warned_in_time=2, **quick), 3600.0) == \
        pytest.approx(base + 0.5)


@pytest.mark.parametrize(("scenario", "some_in_time"), [("mine_inrush_day", True), ("dam_break_night", False)])
def test_the_reading_counts_who_turned_back_after_a_timely_warning_among_those_who_turned_back(
        scenario: str, some_in_time: bool) -> None:
    """In the mine, some who turn back were warned before the water reached their place (the route failed them),
    and some saw the water itself first, where it runs down the drifts to them (drills.model.running); below the
    dam, those who turned back were warned after the water, or went back to a home it never reached."""
    from drills.experiment.exercise import run_exercise
    from drills.experiment.readings import PlanFacts, read_all
    from drills.inputs.bundled import bundled_root
    from drills.inputs.compile import load, load_drill

    path = bundled_root() / "scenarios" / f"{scenario}.yaml"
    spec = load_drill(path, replications=12, seed=7)
    ex = run_exercise(spec)
    readings = read_all(ex.results, spec, PlanFacts.of(load(path), spec), ex.states)
    assert all(0 <= r.turned_back_warned_in_time <= r.turned_back for r in readings)
    turned, in_time = sum(r.turned_back for r in readings), sum(r.turned_back_warned_in_time for r in readings)
    assert turned > 0 and in_time < turned and (in_time > 0) == some_in_time


def test_expected_fatalities_underground_are_not_estimated_and_left_out_of_comparisons():
    """No lethality rule applies underground: a mine drill reads NaN, not 0; the search objective stays a
    number, and a comparison leaves the metric out instead of calling it 'no change'."""
    from drills.experiment.paired import compare
    from drills.experiment.readings import PlanFacts, objective, read
    from drills.inputs.bundled import default_scenario
    from drills.inputs.compile import load, load_drill
    from drills.model.drill import run_drill

    spec = load_drill(default_scenario())
    facts = PlanFacts.of(load(default_scenario()), spec)
    r = read(run_drill(spec, 0, 1), spec, facts)
    assert math.isnan(r.expected_fatalities)
    assert math.isfinite(objective(r, spec.duration_s))
    diffs = compare([r, r], [r, r], spec.duration_s)
    assert diffs["expected_fatalities"].n == 0 and diffs["unsafe"].n == 2


def test_the_grade_basis_shows_every_metric_and_reproduces_the_score():
    """The report's 'How the grade was reached' table: from its rows alone a reader can recompute the score."""
    from drills.experiment.exercise import run_exercise
    from drills.experiment.graded import graded
    from drills.experiment.i18n import Text
    from drills.experiment.outputs import scorecard_json
    from drills.experiment.report import grade_rows
    from drills.experiment.scorecard import scorecard
    from drills.inputs.bundled import default_scenario
    from drills.inputs.compile import load, load_drill

    spec = load_drill(default_scenario(), replications=8, seed=3)
    ex = run_exercise(spec)
    card, ev = graded(scorecard(ex), load(default_scenario()), spec, ex)
    basis = card.grading
    assert [r.metric for r in basis.rows][:6] == ["M1", "M2", "M3", "M4", "M5", "M6"]
    from drills.experiment.graded import weight

    used = [(weight(r), grading.POINTS[r.grade]) for r in basis.rows if weight(r) and r.grade in grading.POINTS]
    assert basis.score == pytest.approx(sum(w * p for w, p in used) / sum(w for w, _ in used))
    assert basis.capped == (ev.overall.deficiencies > 0)
    rows = grade_rows(card, Text("en"))
    assert len(rows) == len(basis.rows) and all(len(r) == 6 for r in rows)
    data = scorecard_json(ex, card)["grading"]
    assert data["score"] == pytest.approx(basis.score) and len(data["metrics"]) == len(basis.rows)


def test_a_graded_report_explains_its_grade(tmp_path):
    from pypdf import PdfReader

    from drills.experiment.exercise import run_exercise
    from drills.experiment.graded import graded
    from drills.experiment.outputs import write_outputs
    from drills.experiment.scorecard import scorecard
    from drills.inputs.bundled import default_scenario
    from drills.inputs.compile import load, load_drill

    spec = load_drill(default_scenario(), replications=3, seed=3)
    ex = run_exercise(spec)
    card, _ = graded(scorecard(ex), load(default_scenario()), spec, ex)
    for lang, heading in (("en", "How the grade was reached"), ("zh", "评级依据")):
        write_outputs(ex, card, tmp_path / lang, lang=lang)
        text = "".join(page.extract_text() for page in PdfReader(tmp_path / lang / "report.pdf").pages)
        assert heading in text and "M2" in text


def test_the_chinese_grade_page_words_every_metric_in_chinese():
    from drills.experiment.grading import grade_m6
    from drills.experiment.i18n import Text
    from drills.experiment.report import grade_rows

    grades = [grading.grade_m1([reading()] * 20), grading.grade_m2([reading()] * 20),
              grading.grade_m3([reading()] * 20),
              grading.grade_m4([reading()] * 20, has_county_report=True, internal_p95_s=300.0),
              grading.grade_m5([reading()] * 20), grade_m6(None, math.nan, assessed=False)]
    basis = type("Basis", (), {"rows": grades})()
    card = type("Card", (), {"grading": basis})()
    for name, what, _value, _grade, bands, _weight in grade_rows(card, Text("zh")):
        for text in (name.split(" ", 1)[1], what):
            assert sum(c.isascii() and c.isalpha() for c in text) <= 3, text  # M2, M3, [P] at most
        assert "min" not in bands


def test_robustness_that_cannot_be_assessed_shows_no_value():
    """A plan that fails M2 and M3 without any fault: M6 is not assessable, and its row shows no rise of the last
    warning (it showed 0:00:00, the rise from never to never), in either language, each saying why."""
    from drills.experiment.grading import grade_m6
    from drills.experiment.i18n import Text
    from drills.experiment.report import grade_rows

    floor = grade_m6(True, 0.0, assessed=True, floor=True)
    unassessed = grade_m6(None, math.nan, assessed=False)
    assert floor.grade == "–" and math.isnan(floor.value)
    card = type("Card", (), {"grading": type("Basis", (), {"rows": [floor, unassessed]})()})()
    (_, what, value, _, _, _), (_, what_not_run, _, _, _, _) = grade_rows(card, Text("en"))
    assert value == "–" and what.startswith("not assessable") and what_not_run.startswith("not assessed")
    (_, what, value, _, _, _), (_, what_not_run, _, _, _, _) = grade_rows(card, Text("zh"))
    assert value == "–" and what.startswith("无法评估") and what_not_run.startswith("未评估")


def test_a_fault_that_only_stops_a_report_did_change_something():
    from drills.experiment.paired import PairedDiff
    from drills.experiment.robustness import FaultRun, Robustness
    from drills.model.spec import Fault

    def d(key: str, verdict: str) -> PairedDiff:
        return PairedDiff(key, "", "persons", "lower", 0.0, 0.0, 0.0, 0.0, 0.0, 10, verdict)

    fault = Fault("role_absent:mine_manager", "role_absent", "mine_manager", 0.0, None, 1.0)
    calm = {"unsafe": d("unsafe", "no change"), "late_warned": d("late_warned", "no change")}
    rob = Robustness(10, (), True, True, (), 0.0, ())
    nobody = FaultRun(fault, (), True, True, 0.0, {**calm, "steps_failed": d("steps_failed", "no change")}, changed=0)
    report = FaultRun(fault, (), True, True, 0.0, {**calm, "steps_failed": d("steps_failed", "worse")}, changed=0)
    assert rob.verdict(nobody) == "nothing"
    assert rob.verdict(report) == "withstood"  # nobody's record changed, but the county report was not made


def test_a_last_warning_already_never_has_no_rise_to_grade_not_a_rise_of_zero():
    from dataclasses import replace

    from drills.experiment.paired import PairedDiff
    from drills.experiment.robustness import FaultRun, Robustness
    from drills.model.spec import Fault

    calm = {k: PairedDiff(k, "", "persons", "lower", 0.0, 0.0, 0.0, 0.0, 0.0, 10, "no change")
            for k in ("unsafe", "late_warned")}
    fault = Fault("channel_down:pa", "channel_down", "pa", 0.0, None, 1.0)
    unmeasured = FaultRun(fault, (), False, True, math.nan, calm)
    rob = Robustness(10, (), False, True, (unmeasured, unmeasured), 0.0, ())
    assert math.isnan(rob.worst_rise_s)
    g = grading.grade_m6(False, rob.worst_rise_s, True)
    assert g.grade == "D" and math.isnan(g.value) and "no rise measurable" in g.basis
    # one fault measured beside one that could not be: the measured one grades
    rob = replace(rob, runs=(unmeasured, replace(unmeasured, t100_rise_s=900.0)))
    assert rob.worst_rise_s == 900.0
    assert Robustness(10, (), True, True, (), 0.0, ()).worst_rise_s == 0.0  # no faults tried


def test_two_plans_are_set_side_by_side_over_the_metrics_graded_for_both():
    """Plan A fails M2 and M3 without a fault, so its robustness (M6) is not assessable; plan B is better and
    graded on M6 with three fault deficiencies. Counted as they stand, B shows more 不足项 than A; over the metrics
    graded for both, fewer, and the grades table says why the first row does not compare like with like."""
    from types import SimpleNamespace

    from drills.experiment.evaluation import overall_without
    from drills.experiment.findings import DEFICIENCY, MUST_CORRECT, Finding
    from drills.experiment.i18n import Text
    from drills.experiment.revision_report import _grades_table

    def grade(m: str, letter: str, value: float = 600.0, gate: bool | None = None,
              basis: str = "") -> grading.MetricGrade:
        return grading.MetricGrade(m, value, "s", letter, gate, basis, "")

    def plan(grades: dict[str, grading.MetricGrade], found: list[tuple[str, str]]) -> SimpleNamespace:
        findings = [Finding(f"{m}:{k}", m, cls, "", "", "", "") for k, (m, cls) in enumerate(found)]
        count = {c: sum(f.cls == c for f in findings) for c in (DEFICIENCY, MUST_CORRECT, "改进项")}
        return SimpleNamespace(grades=grades, findings=findings, spec=SimpleNamespace(duration_s=3600.0),
                               overall=grading.overall(grades, count[DEFICIENCY], count[MUST_CORRECT], count["改进项"]))

    same = {m: grade(m, "A") for m in ("M1", "M4", "M5")}
    a = plan({**same, "M2": grade("M2", "D", gate=False), "M3": grade("M3", "D", gate=False),
              "M6": grade("M6", "–", math.nan, basis="not assessable: the plan fails M2 and M3 without any fault")},
             [("M2", DEFICIENCY), ("M3", DEFICIENCY), ("M2", DEFICIENCY)])
    b = plan({**same, "M2": grade("M2", "D", gate=False), "M3": grade("M3", "A", 900.0, gate=True),
              "M6": grade("M6", "D", 1500.0, gate=False)},
             [("M2", DEFICIENCY), ("M6", DEFICIENCY), ("M6", DEFICIENCY), ("M6", DEFICIENCY), ("M6", MUST_CORRECT)])
    assert (a.overall.deficiencies, b.overall.deficiencies) == (3, 4)
    assert grading.graded_for_one(a.grades, b.grades) == ("M6",)
    fair_a, fair_b = (overall_without(x, ("M6",)) for x in (a, b))
    assert (fair_a.deficiencies, fair_b.deficiencies, fair_b.must_correct) == (3, 1, 0)
    # the score leaves M6 out of B's as it is out of A's: B's other grades are A but M2, D
    assert fair_b.score == pytest.approx((0.15 + 0.25 + 0.10 + 0.15) * 100 / 0.90 + 0.25 * 40 / 0.90)
    for lang, row, note in (
            ("en", "| **overall without M6** | **差** S = ", "M6 is graded for B only (A: –, not assessable"),
            ("zh", "| **总评（不计 M6）** | **差** 得分 ", "M6 仅对 B 评级（A 为 –，不可评估")):
        lines = _grades_table(a, b, ("A", "B"), Text(lang))
        assert next(x for x in lines if x.startswith(row)).endswith(
            "不足项 1 项，整改项 0 项 |" if lang == "zh" else "deficiencies (不足项) 1, must-correct (整改项) 0 |")
        assert any(x.startswith(note) for x in lines)
    # plans graded on the same metrics: one overall row, nothing to explain
    assert grading.graded_for_one(b.grades, b.grades) == ()
    assert not any("M6" in x and "overall" in x for x in _grades_table(b, b, ("A", "B"), Text("en")))
