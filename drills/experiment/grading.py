"""Grades M1–M6 and the overall grade: the project's proposed scoring model.

Every band below is the **project's own** proposal [P]: no standard gives numeric grade bands
(AQ/T 9009-2015 《生产安全事故应急演练评估规范》 has none). The anchors — what each metric puts into
practice — are cited beside each constant. Life-safety items are gates, not weights: a failed gate makes the
metric D and (through its 不足项 finding) caps the overall grade at 差.

Grades use the tail over replications, not the mean [P]: times at their 95th percentile, margins and
shares at their 5th (the worst 5 % of drills), percentiles by the inverted CDF so that a value is one a
replication actually had. A gate counted in persons fails when its 95th percentile is one person or
more, i.e. when more than 5 % of the replications had someone late or unsafe.

A grade is ``A`` when the tail value is within the first band *inclusive* (≤ for times, ≥ for margins
and shares), and so on; a value exactly on a threshold takes the better grade.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from drills.experiment.readings import LOCAL_NOTICE_LIMIT_S, Reading
from drills.experiment.tail import TAIL_Q, TailCheck

#: [P] M1 order latency after the first trigger met, P95: A ≤ 5 min, B ≤ 15, C ≤ 30 (anchor: the warning triggers of
#: the NMSA 2023 notice on reporting and evacuating non-coal mines; 宜昌市安监局 2016 and 国家矿山安监局山西局 2025
#: (stop and evacuate at an orange warning); 辽安监管一〔2015〕129号 (tailings warning levels); 《煤矿防治水细则》
#: 2018 and 山西 2023/2024 flood-season notices (coal);
#: GB/T 29639-2020 §3.1.2; AQ/T 9009-2015 附录A 预警).
M1_BANDS_S = (300.0, 900.0, 1800.0)
#: [P] M2 last person warned after the order, P95: A ≤ 5 min, B ≤ 10, C ≤ 15 (anchor: 2023 Opinions, all people at
#: the first moment; AQ/T 2052-2016 5.4.1).
M2_BANDS_S = (300.0, 600.0, 900.0)
#: [P] M3 smallest margin over the water, P5 over replications: A ≥ 15 min, B ≥ 5, C ≥ 0 (anchor: AQ 2033-2011 4.2,
#: 4.6; 30 CFR 75.1506).
M3_BANDS_S = (900.0, 300.0, 0.0)
#: [P] M5 share of plan steps done on time, P5: A ≥ 95 %, B ≥ 85, C ≥ 70 (anchor: AQ/T 9009-2015 附录A 符合预案要求).
M5_BANDS = (0.95, 0.85, 0.70)
#: [P] M6 largest rise of the P95 of the last warning under one fault: A ≤ 5 min, B ≤ 10, C ≤ 20 (anchor: AQ/T
#: 2052-2016 5.4.3 backup power; AQ/T 9009 附录A 4.6 back-ups; GISTM 13.2).
M6_BANDS_S = (300.0, 600.0, 1200.0)
#: [P] M4 internal report (on-site → duty role) for "immediately", 条例 第九条.
INTERNAL_REPORT_LIMIT_S = 300.0
#: [P] sub-grade points and weights of the overall score S (the project's proposal; no standard gives them).
POINTS = {"A": 100.0, "B": 85.0, "C": 70.0, "D": 40.0}
WEIGHTS = {"M1": 0.15, "M2": 0.25, "M3": 0.25, "M4": 0.10, "M5": 0.15, "M6": 0.10}
#: [P] overall grades mapped to the AQ/T 9009 practice 达到 / 基本达到 / 未达到.
OVERALL_BANDS = (
    ("优秀", "excellent — 达到预期目标 (objectives met)", 90.0),
    ("良好", "good — 达到 (met)", 80.0),
    ("一般", "fair — 基本达到 (basically met)", 65.0),
)
FAIL_LABEL = ("差", "poor — 未达到: revise the plan and re-drill")
MAX_MUST_CORRECT_FOR_EXCELLENT = 2

NAMES = {
    "M1": "Warning-trigger latency", "M2": "Notification reach", "M3": "Evacuation safety margin",
    "M4": "Reporting compliance", "M5": "Plan-execution fidelity", "M6": "Robustness to single faults",
    "M7": "Regulatory checks", "M8": "Plan completeness",
}


@dataclass(frozen=True)
class MetricGrade:
    """One metric's grade.

    Attributes:
        value: the tail value graded (s, share or persons; NaN when it does not apply).
        grade: "A"–"D", or "–" when the metric does not apply to this drill (left out of the score).
        gate: True/False for the gated metrics (M2, M3, M6), None otherwise.
        basis: how the value was computed, in words.
        bands: the thresholds, in words, marked [P].
        tail: for the persons-counted gates (M2, M3), how sure the share of replications that failed is
            against the tolerated tail (see :mod:`drills.experiment.tail`).
    """

    metric: str
    value: float
    unit: str
    grade: str
    gate: bool | None
    basis: str
    bands: str
    tail: TailCheck | None = None

    @property
    def name(self) -> str:
        return NAMES[self.metric]

    @property
    def points(self) -> float | None:
        return POINTS.get(self.grade)


@dataclass(frozen=True)
class Overall:
    score: float
    label: str
    label_en: str
    capped: bool  # a 不足项 capped the grade
    deficiencies: int
    must_correct: int
    improvements: int


def upper_tail(values: Iterable[float]) -> float:
    """95th percentile over replications (NaN left out; inf kept, so a failing tail shows as failing)."""
    v = np.array([x for x in values if not math.isnan(x)], dtype=float)
    return float(np.percentile(v, TAIL_Q, method="inverted_cdf")) if len(v) else math.nan


def lower_tail(values: Iterable[float]) -> float:
    """5th percentile over replications, the mirror of :func:`upper_tail`: it leaves out as many of the worst
    replications as the 95th percentile does (1 of 20, 25 of 500), the share the gates tolerate. (Taken
    straight, the 5th percentile of 20 values would be the very worst one, so one replication that a gate
    tolerates would still grade its metric D.)"""
    v = [x for x in values if not math.isnan(x)]
    return -upper_tail(-x for x in v) if v else math.nan


def band_at_most(value: float, bands: tuple[float, float, float]) -> str:
    """A if value ≤ bands[0], B if ≤ bands[1], C if ≤ bands[2], else D; "–" for NaN."""
    if math.isnan(value):
        return "–"
    for letter, limit in zip("ABC", bands, strict=True):
        if value <= limit:
            return letter
    return "D"


def band_at_least(value: float, bands: tuple[float, float, float]) -> str:
    """A if value ≥ bands[0], B if ≥ bands[1], C if ≥ bands[2], else D; "–" for NaN."""
    if math.isnan(value):
        return "–"
    for letter, limit in zip("ABC", bands, strict=True):
        if value >= limit:
            return letter
    return "D"


def gate_persons(counts: Iterable[float]) -> bool:
    """A persons-counted gate passes when its 95th percentile over replications is below one person."""
    tail = upper_tail(counts)
    return math.isnan(tail) or tail < 1.0


def gate_tail(counts: Iterable[float]) -> TailCheck | None:
    """How many replications had at least one person counted, as a share against the tolerated tail."""
    v = [x for x in counts if not math.isnan(x)]
    return TailCheck(sum(1 for x in v if x >= 1.0), len(v)) if v else None


def _minutes(bands: tuple[float, ...], sign: str) -> str:
    return ", ".join(f"{g} {sign} {b / 60:g} min" for g, b in zip("ABC", bands, strict=True)) + " [P]"


def grade_m1(readings: list[Reading]) -> MetricGrade:
    v = upper_tail(r.order_latency_s for r in readings)
    return MetricGrade("M1", v, "s", band_at_most(v, M1_BANDS_S), None,
                       "P95 over replications of the order minus the first trigger met for its level",
                       _minutes(M1_BANDS_S, "≤"))


def grade_m2(readings: list[Reading]) -> MetricGrade:
    late = [r.late_warned for r in readings]
    ok = gate_persons(late)
    v = upper_tail(r.t100_after_order_s for r in readings)
    grade = band_at_most(v, M2_BANDS_S) if ok else "D"
    return MetricGrade("M2", v, "s", grade, ok,
                       "gate: everyone at risk warned by the order before the water, in ≥ 95 % of replications; "
                       "grade: P95 of the last person warned after the order",
                       _minutes(M2_BANDS_S, "≤"), gate_tail(late))


def grade_m3(readings: list[Reading]) -> MetricGrade:
    unsafe = [r.unsafe for r in readings]
    ok = gate_persons(unsafe)
    v = lower_tail(r.margin_min_s for r in readings)
    grade = band_at_least(v, M3_BANDS_S) if ok else "D"
    return MetricGrade("M3", v, "s", grade, ok,
                       "gate: nobody caught or unsafe when the water comes, in ≥ 95 % of replications; "
                       "grade: P5 of the smallest margin over the water",
                       _minutes(M3_BANDS_S, "≥"), gate_tail(unsafe))


def grade_m4(readings: list[Reading], *, has_county_report: bool, internal_p95_s: float) -> MetricGrade:
    """County report within the plan's deadline and 1 h (条例 第九条); internal and local notices [P]."""
    over = [r.county_report_s - r.county_limit_s for r in readings if not math.isnan(r.county_report_s)]
    county_ok = has_county_report and (not over or upper_tail(over) <= 0)
    local_ok = gate_persons(r.local_notice_late for r in readings)
    internal_ok = math.isnan(internal_p95_s) or internal_p95_s <= INTERNAL_REPORT_LIMIT_S
    if not has_county_report:
        grade = "D"
    elif not over and not any(math.isfinite(r.county_report_s) for r in readings):
        grade = "–" if local_ok and internal_ok else "C"
    else:
        grade = "A" if county_ok and local_ok and internal_ok else ("C" if county_ok else "D")
    v = upper_tail(r.county_report_s for r in readings)
    return MetricGrade("M4", v, "s", grade, None,
                       "P95 of the county report after its trigger, against the plan's deadline and 1 h "
                       "(条例 第九条); trigger reports and notices to the township within "
                       f"{INTERNAL_REPORT_LIMIT_S / 60:g} / {LOCAL_NOTICE_LIMIT_S / 60:g} min [P]",
                       "A all on time; C county on time, internal or local notice late; D county late or "
                       "missing [P]")


def grade_m5(readings: list[Reading]) -> MetricGrade:
    v = lower_tail(r.fidelity for r in readings)
    return MetricGrade("M5", v, "share", band_at_least(v, M5_BANDS), None,
                       "P5 over replications of the share of the declared levels' steps done on time",
                       "A ≥ 95 %, B ≥ 85 %, C ≥ 70 % [P]")


def grade_m6(gate: bool | None, worst_rise_s: float, assessed: bool, floor: bool = False) -> MetricGrade:
    """M6; ``floor``: the plan fails M2 and M3 without any fault and no fault makes it significantly worse, so
    robustness cannot be told apart from failure — not graded rather than graded A, and with no value: the
    largest rise of the last warning is then 0 only because it was already never, which is no measure."""
    if not assessed:
        return MetricGrade("M6", math.nan, "s", "–", None, "not assessed (no single-fault runs)",
                           _minutes(M6_BANDS_S, "≤"))
    if floor:
        return MetricGrade("M6", math.nan, "s", "–", None, "not assessable: the plan fails M2 and M3 without "
                           "any fault, and no single fault makes that significantly worse", _minutes(M6_BANDS_S, "≤"))
    grade = band_at_most(worst_rise_s, M6_BANDS_S) if gate is not False else "D"
    unmeasured = " (no rise measurable: without a fault the last warning is already never at P95)" \
        if math.isnan(worst_rise_s) else ""
    return MetricGrade("M6", worst_rise_s, "s", grade, gate,
                       "gate: no single fault makes M2 or M3 fail, or significantly raises the people warned late "
                       "or not safe (paired 95 % CI); grade: the largest rise of the P95 of the last warning under "
                       "one fault (a warning that never comes counts as at the drill's end)" + unmeasured,
                       _minutes(M6_BANDS_S, "≤"))


def graded_for_one(a: dict[str, MetricGrade], b: dict[str, MetricGrade]) -> tuple[str, ...]:
    """The metrics graded for one of two plans and not for the other ("–"): M6, for one, is not assessable for a
    plan that fails M2 and M3 without any fault, but graded (and its faults counted) for a better plan that does
    not. Two overall grades with such a metric in one only do not compare like with like."""
    return tuple(m for m in a if m in b and (a[m].grade == "–") != (b[m].grade == "–"))


def overall(grades: dict[str, MetricGrade], deficiencies: int, must_correct: int, improvements: int) -> Overall:
    """Weighted score over the metrics that apply (weights renormalised), capped by any 不足项."""
    used = {m: POINTS[g.grade] for m, g in grades.items() if m in WEIGHTS and g.grade in POINTS}
    total = sum(WEIGHTS[m] for m in used)
    score = sum(WEIGHTS[m] * p for m, p in used.items()) / total if total else math.nan
    capped = deficiencies > 0
    label, label_en = FAIL_LABEL
    if not capped and not math.isnan(score):
        for zh, en, floor in OVERALL_BANDS:
            if score >= floor and (zh != "优秀" or must_correct <= MAX_MUST_CORRECT_FOR_EXCELLENT):
                label, label_en = zh, en
                break
    return Overall(score, label, label_en, capped, deficiencies, must_correct, improvements)
