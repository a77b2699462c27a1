"""Put the requirements-based grade and findings (drills.experiment.evaluation) onto a scorecard, in the
form the report and the terminal show."""

from __future__ import annotations

from dataclasses import dataclass, replace

from drills.experiment.evaluation import Evaluation, grade
from drills.experiment.exercise import ExerciseResult
from drills.experiment.findings import DEFICIENCY, IMPROVEMENT, MUST_CORRECT, Finding
from drills.experiment.robustness import Robustness
from drills.experiment.scorecard import Scorecard
from drills.inputs.loaded import Loaded
from drills.model.spec import DrillSpec

REPORT_CLASS = {DEFICIENCY: "deficiency", MUST_CORRECT: "corrective", IMPROVEMENT: "improvement"}


@dataclass(frozen=True)
class ReportFinding:
    """A finding as the report lists it: class, title, evidence, and the clause it concerns."""

    klass: str
    title: str
    evidence: str
    clause: str


def report_finding(f: Finding) -> ReportFinding:
    clause = "; ".join(x for x in (f.standard, f.plan_ref) if x)
    return ReportFinding(REPORT_CLASS.get(f.cls, f.cls), f.title, f.evidence, clause)


def graded(card: Scorecard, loaded: Loaded, spec: DrillSpec, ex: ExerciseResult,
           rob: Robustness | None = None) -> tuple[Scorecard, Evaluation]:
    """The scorecard with its overall grade and findings, and the evaluation behind them."""
    ev = grade(loaded, spec, ex, rob)
    return graded_card(card, ev), ev


def graded_card(card: Scorecard, ev: Evaluation) -> Scorecard:
    """The scorecard with the grade and findings of an evaluation already made."""
    label = f"{ev.overall.label} ({ev.overall.label_en})"
    return replace(card, grade=label, findings=tuple(report_finding(f) for f in ev.findings))
