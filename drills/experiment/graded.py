"""Put the requirements-based grade and findings (drills.experiment.evaluation) onto a scorecard, in the
form the report and the terminal show."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from drills.experiment import grading
from drills.experiment.evaluation import Evaluation, grade
from drills.experiment.exercise import ExerciseResult
from drills.experiment.findings import DEFICIENCY, IMPROVEMENT, MUST_CORRECT, Finding
from drills.experiment.robustness import Robustness
from drills.experiment.scorecard import Scorecard
from drills.experiment.tail import about, pct
from drills.inputs.loaded import Loaded
from drills.model.spec import DrillSpec

#: what the persons-counted gates count in a replication that fails them
GATE_COUNTS = {"M2": "someone at risk warned after the water", "M3": "someone not safe when the water came"}
GATE_COUNTS_ZH = {"M2": "有风险人员在水到达后才收到撤离命令", "M3": "水到来时有人未处于安全地点"}
GATE_NAMES_ZH = {"M2": "通知覆盖", "M3": "疏散安全裕度"}
REPORT_CLASS = {DEFICIENCY: "deficiency", MUST_CORRECT: "corrective", IMPROVEMENT: "improvement"}


@dataclass(frozen=True)
class ReportFinding:
    """A finding as the report lists it: class, title, evidence, and the clause it concerns."""

    klass: str
    title: str
    evidence: str
    clause: str


@dataclass(frozen=True)
class GradeBasis:
    """How the overall grade was reached: every metric's grade, the weighted score and what capped it.

    Attributes:
        rows: every metric's grade, M1 first.
        score: the weighted score over the metrics that apply (weights renormalised); NaN if none does.
        capped: a 不足项 capped the grade at 差 whatever the score.
        bands: the overall bands, (grade, its meaning, lowest score), best first; below the last is 差.
    """

    rows: tuple[grading.MetricGrade, ...]
    score: float
    capped: bool
    deficiencies: int
    must_correct: int
    improvements: int
    bands: tuple[tuple[str, str, float], ...] = grading.OVERALL_BANDS
    most_must_correct_for_excellent: int = grading.MAX_MUST_CORRECT_FOR_EXCELLENT

    def to_json(self) -> dict:
        def num(x: float) -> float | None:
            return x if math.isfinite(x) else None

        return {"score": num(self.score), "capped_by_deficiency": self.capped,
                "deficiencies": self.deficiencies, "must_correct": self.must_correct,
                "improvements": self.improvements,
                "metrics": [{"metric": r.metric, "name": r.name, "value": num(r.value), "unit": r.unit,
                             "grade": r.grade, "gate": r.gate, "basis": r.basis, "bands": r.bands,
                             "weight": weight(r)} for r in self.rows],
                "overall_bands": [{"grade": zh, "meaning": en, "score_at_least": floor}
                                  for zh, en, floor in self.bands]}


def weight(g: grading.MetricGrade) -> float | None:
    """The metric's weight in the overall score; None if it is not scored (M7, M8 give findings only)."""
    return grading.WEIGHTS.get(g.metric)


def grade_basis(ev: Evaluation) -> GradeBasis:
    o = ev.overall
    return GradeBasis(tuple(ev.grades.values()), o.score, o.capped, o.deficiencies, o.must_correct, o.improvements)


def report_finding(f: Finding) -> ReportFinding:
    clause = "; ".join(x for x in (f.standard, f.plan_ref) if x)
    return ReportFinding(REPORT_CLASS.get(f.cls, f.cls), f.title, f.evidence, clause)


def graded(card: Scorecard, loaded: Loaded, spec: DrillSpec, ex: ExerciseResult,
           rob: Robustness | None = None) -> tuple[Scorecard, Evaluation]:
    """The scorecard with its overall grade and findings, and the evaluation behind them."""
    ev = grade(loaded, spec, ex, rob)
    return graded_card(card, ev), ev


def graded_card(card: Scorecard, ev: Evaluation) -> Scorecard:
    """The scorecard with the grade, findings and confidence notes of an evaluation already made."""
    label = f"{ev.overall.label} ({ev.overall.label_en})"
    return replace(card, grade=label, findings=tuple(report_finding(f) for f in ev.findings),
                   confidence=confidence_notes(ev), confidence_zh=confidence_notes(ev, "zh"),
                   grading=grade_basis(ev))


def confidence_notes(ev: Evaluation, lang: str = "en") -> tuple[str, ...]:
    """What the number of replications leaves unsettled: each persons-counted gate (M2, M3) whose share of
    failed replications cannot yet be told from the tolerated tail, then how many life-safety findings are
    in the same case (see :mod:`drills.experiment.tail`)."""
    if lang == "zh":
        return _confidence_notes_zh(ev)
    notes = []
    for g in ev.grades.values():
        if g.tail is not None and not g.tail.settled:
            notes.append(f"The {g.metric} gate ({g.name.lower()}) {'held' if g.gate else 'failed'}, with "
                         f"{GATE_COUNTS[g.metric]} in {g.tail.failed} of {g.tail.n} replications "
                         f"({pct(g.tail.share)}). {g.tail.describe()}")
    near = [f for f in ev.findings if f.numbers.get("tail") == "unsettled"]
    if near:
        need = [x for f in near if (x := f.numbers.get("replications_to_settle")) is not None]
        one = len(near) == 1
        more = ""
        if need:
            low, high = about(min(need)), about(max(need))
            span = low if low == high else f"{low} to {high}"
            more = f"; about {span} replications would settle {'it' if one else 'them'}"
        notes.append(f"{len(near)} life-safety finding{'' if one else 's'} could change class (不足项 or 改进项) "
                     f"with more replications: the share of replications in which {'it' if one else 'they'} "
                     f"showed cannot yet be told from the tolerated tail{more}. The bounds are in "
                     f"{'the finding' if one else 'each finding'}.")
    return tuple(notes)


def _confidence_notes_zh(ev: Evaluation) -> tuple[str, ...]:
    """:func:`confidence_notes` in Chinese, for the Chinese report."""
    notes = []
    for g in ev.grades.values():
        if g.tail is not None and not g.tail.settled:
            held = "满足" if g.gate else "未满足"
            notes.append(f"{g.metric} 门槛（{GATE_NAMES_ZH.get(g.metric, g.name)}）{held}：{GATE_COUNTS_ZH[g.metric]}"
                         f"出现在 {g.tail.n} 次重复中的 {g.tail.failed} 次（{pct(g.tail.share)}）。"
                         f"{g.tail.describe('zh')}")
    near = [f for f in ev.findings if f.numbers.get("tail") == "unsettled"]
    if near:
        need = [x for f in near if (x := f.numbers.get("replications_to_settle")) is not None]
        more = ""
        if need:
            low, high = about(min(need)), about(max(need))
            more = f"；约需 {low if low == high else f'{low} 至 {high}'} 次重复才能判定"
        notes.append(f"{len(near)} 项生命安全相关的评估发现可能随重复次数增加而改变类别（不足项或改进项）：其出现的"
                     f"重复比例尚不能与评分所允许的尾部区分开{more}。界限见各项发现。")
    return tuple(notes)
