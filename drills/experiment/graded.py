"""Put the requirements-based grade and findings (drills.experiment.evaluation) onto a scorecard, in the
form the report and the terminal show."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from drills.experiment import grading
from drills.experiment.evaluation import Evaluation, grade
from drills.experiment.exercise import ExerciseResult
from drills.experiment.findings import DEFICIENCY, IMPROVEMENT, MUST_CORRECT, Finding, class_label
from drills.experiment.i18n import Text
from drills.experiment.proposals import Proposed, propose
from drills.experiment.revisions import Context
from drills.experiment.robustness import Robustness
from drills.experiment.scorecard import Scorecard
from drills.experiment.settle import unsettled_needs
from drills.experiment.tail import about, pct, rounded_up
from drills.inputs.loaded import Loaded
from drills.model.spec import DrillSpec

#: what the persons-counted gates count in a replication that fails them
GATE_COUNTS = {"M2": "someone at risk warned after the water", "M3": "someone not safe when the water came"}
REPORT_CLASS = {DEFICIENCY: "deficiency", MUST_CORRECT: "corrective", IMPROVEMENT: "improvement"}


@dataclass(frozen=True)
class ReportFinding:
    """A finding as the report lists it: class, title, evidence, and the clause it concerns (in English), the
    finding it was made from, to tell it in another language, and what to change for it
    (:mod:`drills.experiment.proposals`)."""

    klass: str
    title: str
    evidence: str
    clause: str
    source: Finding | None = field(default=None, compare=False)
    proposed: Proposed | None = field(default=None, compare=False)

    @property
    def cls(self) -> str:
        """The class as AQ/T 9009-2015 practice names it (不足项, 整改项, 改进项)."""
        return next((zh for zh, en in REPORT_CLASS.items() if en == self.klass), self.klass)

    @property
    def cls_en(self) -> str:
        return self.klass

    def words(self, lang: str = "en") -> tuple[str, str, str]:
        """Title, evidence and clause in ``lang``."""
        if lang == "en" or self.source is None:
            return self.title, self.evidence, self.clause
        return self.source.words(lang)

    def requirements(self, lang: str = "en") -> tuple[str, ...]:
        """The requirements it concerns in ``lang``, each whole; none told apart if it has no finding to tell them
        from (its clause then says them)."""
        return self.source.requirements(lang) if self.source is not None else ()

    def plan_clause(self, lang: str = "en") -> str:
        """The plan clauses it concerns in ``lang`` (its whole clause if it has no finding to tell them from)."""
        return self.source.plan_clause(lang) if self.source is not None else self.clause


def finding_line(f: Finding | ReportFinding, t: Text) -> str:
    """A finding as a list gives it: "[deficiency (不足项)] title", "[不足项] title" in Chinese."""
    return f"[{class_label(f.cls, t.zh)}] {f.words(t.lang)[0]}"


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


def report_finding(f: Finding, proposed: Proposed | None = None) -> ReportFinding:
    title, evidence, clause = f.words()
    return ReportFinding(REPORT_CLASS.get(f.cls, f.cls), title, evidence, clause, f, proposed)


def proposals_of(ev: Evaluation) -> dict[str, Proposed]:
    """What to change for each finding of an evaluation: the candidate revisions made from its findings, on the
    drill already run (nothing is re-simulated), under the single faults assessed."""
    return propose(ev.findings, Context.of(ev.loaded, ev.spec, ev.exercise.results, faults=ev.assessed_faults))


def graded(card: Scorecard, loaded: Loaded, spec: DrillSpec, ex: ExerciseResult,
           rob: Robustness | None = None) -> tuple[Scorecard, Evaluation]:
    """The scorecard with its overall grade and findings, and the evaluation behind them."""
    ev = grade(loaded, spec, ex, rob)
    return graded_card(card, ev), ev


def graded_card(card: Scorecard, ev: Evaluation, proposed: dict[str, Proposed] | None = None) -> Scorecard:
    """The scorecard with the grade, findings (each with what to change: ``proposed``, else
    :func:`proposals_of`) and confidence notes of an evaluation already made."""
    label = f"{ev.overall.label} ({ev.overall.label_en})"
    proposed = proposals_of(ev) if proposed is None else proposed
    return replace(card, grade=label, findings=tuple(report_finding(f, proposed.get(f.key)) for f in ev.findings),
                   confidence=confidence_notes(ev), confidence_zh=confidence_notes(ev, "zh"),
                   settle_with=settle_with(ev), settle_span=settle_span(ev), grading=grade_basis(ev),
                   robustness=ev.robustness)


def settle_span(ev: Evaluation) -> tuple[int, int | None] | None:
    """About how many replications in all would settle every unsettled life-safety check of the grade if each
    share were anywhere in its likely range (:meth:`~drills.experiment.tail.TailCheck.settle_span`), rounded up
    as the notes round it: ``(fewest, most)``, the most None when a likely range reaches the tolerated tail
    itself; None if nothing is unsettled or no estimate can be made. Checks too close to the tail to tell in
    practice (no estimate at their share, as :func:`settle_with` reads them) are left out."""
    spans = [g.tail.settle_span() for g in ev.grades.values()
             if g.tail is not None and not g.tail.settled and g.tail.replications_to_settle() is not None]
    spans += [f.numbers.get("settle_span") for f in ev.findings
              if f.numbers.get("tail") == "unsettled" and f.numbers.get("replications_to_settle") is not None]
    span = all_settled_by([x for x in spans if x is not None])
    return None if span is None else (rounded_up(span[0]), None if span[1] is None else rounded_up(span[1]))


def all_settled_by(spans: list[tuple[int, int | None]]) -> tuple[int, int | None] | None:
    """The (fewest, most) replications that would settle every check of ``spans`` at once: the largest of the fewest,
    and of the most (None, open, if any is); None without any."""
    if not spans:
        return None
    highs = [high for _, high in spans]
    return max(low for low, _ in spans), None if None in highs else max(h for h in highs if h is not None)


def settle_with(ev: Evaluation) -> int | None:
    """The replications in all that would settle every unsettled life-safety check of the grade if their shares
    stayed as observed (the largest estimate, rounded up as the notes round it): the ``N`` of ``drill run
    --until-settled N``; None if nothing is unsettled or no estimate can be made."""
    known = [x for x in unsettled_needs(ev) if x is not None]
    return rounded_up(max(known)) if known else None


#: :func:`confidence_notes`'s sentences, by language
NOTES: dict[str, dict[str, Any]] = {
    "en": {
        "gate": "The {metric} gate ({name}) {held}, with {counted} in {failed} of {n} replications ({share}). "
                "{describe}",
        "held": "held", "failed": "failed",
        "names": {"M2": "notification reach", "M3": "evacuation safety margin"},
        "counts": GATE_COUNTS,
        "more_one": ("; about {low} to {high} replications would settle it, at a share within its likely "
                     "range"),
        "more_many": "; about {low} to {high} replications would settle them, at shares within their likely ranges",
        "more_open_one": ("; at least about {low} replications would settle it{at}, more the nearer its share is to "
                          "the tail"),
        "more_open_many": ("; at least about {low} replications would settle them{at}, more the nearer their shares "
                           "are to the tail"),
        "at_one": " (about {n} at the share seen)",
        "at_many": " (about {n} at the shares seen)",
        "near_one": "1 life-safety finding could change class (deficiency 不足项 or improvement 改进项) with more "
                    "replications: the share of replications in which it showed cannot yet be told from the "
                    "tolerated tail{more}. The bounds are in the finding.",
        "near_many": "{k} life-safety findings could change class (deficiency 不足项 or improvement 改进项) with "
                     "more replications: the share of replications in which they showed cannot yet be told from the "
                     "tolerated tail{more}. The bounds are in each finding.",
    },
    "zh": {
        "gate": "{metric} 门槛（{name}）{held}：{counted}出现在 {n} 次重复中的 {failed} 次（{share}）。{describe}",
        "held": "满足", "failed": "未满足",
        "names": {"M2": "通知覆盖", "M3": "疏散安全裕度"},
        "counts": {"M2": "有风险人员在水到达后才收到撤离命令", "M3": "水到来时有人未处于安全地点"},
        "more_one": "；按其比例很可能所在的范围，约需 {low} 至 {high} 次重复才能判定",
        "more_many": "；按其比例很可能所在的范围，约需 {low} 至 {high} 次重复才能判定",
        "more_open_one": "；至少约需 {low} 次重复才能判定{at}，比例越接近尾部所需越多",
        "more_open_many": "；至少约需 {low} 次重复才能判定{at}，比例越接近尾部所需越多",
        "at_one": "（按当前比例约 {n} 次）",
        "at_many": "（按当前比例约 {n} 次）",
        "near_one": "1 项生命安全相关的评估发现可能随重复次数增加而改变类别（不足项或改进项）：其出现的重复比例尚不能"
                    "与评分所允许的尾部区分开{more}。界限见该项发现。",
        "near_many": "{k} 项生命安全相关的评估发现可能随重复次数增加而改变类别（不足项或改进项）：其出现的重复比例尚"
                     "不能与评分所允许的尾部区分开{more}。界限见各项发现。",
    },
}


def confidence_notes(ev: Evaluation, lang: str = "en") -> tuple[str, ...]:
    """What the number of replications leaves unsettled: each persons-counted gate (M2, M3) whose share of
    failed replications cannot yet be told from the tolerated tail, then how many life-safety findings are
    in the same case (see :mod:`drills.experiment.tail`); in English, or Chinese for the Chinese report."""
    say = NOTES[lang]
    notes = []
    for g in ev.grades.values():
        if g.tail is not None and not g.tail.settled:
            notes.append(say["gate"].format(
                metric=g.metric, name=say["names"].get(g.metric, g.name.lower()),
                held=say["held" if g.gate else "failed"], counted=say["counts"][g.metric], failed=g.tail.failed,
                n=g.tail.n, share=pct(g.tail.share), describe=g.tail.describe(lang)))
    near = [f for f in ev.findings if f.numbers.get("tail") == "unsettled"]
    if near:
        one = len(near) == 1
        spans = [x for f in near if f.numbers.get("replications_to_settle") is not None
                 and (x := f.numbers.get("settle_span")) is not None]
        more = ""
        if (span := all_settled_by(spans)) is not None:  # to settle them all
            key = ("more_open_" if span[1] is None else "more_") + ("one" if one else "many")
            point = max(f.numbers["replications_to_settle"] for f in near
                        if f.numbers.get("replications_to_settle") is not None)
            at = say["at_one" if one else "at_many"].format(n=about(point)) if about(point) != about(span[0]) else ""
            more = say[key].format(low=about(span[0]), high=about(span[1] or 0), at=at)
        notes.append(say["near_one" if one else "near_many"].format(k=len(near), more=more))
    return tuple(notes)
