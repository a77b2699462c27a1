"""The annual exercise: every run of a suite against the plan, and one consolidated report.

:func:`run_season` runs each compiled run of a :class:`drills.inputs.suite.Suite` as an exercise and
scores it; :func:`write_season` writes ``report.pdf``, ``season.json`` and ``figures/`` (the matrix
and each run's warning-and-evacuation curves) atomically, as :mod:`drills.experiment.outputs` does for
one exercise: into a temporary folder first, then each file moved into place with :func:`os.replace`.

The matrix shows each run's key metrics coloured by how bad they are. The colour bands are the
project's own proposal [P] after the gates of the proposed scoring model (:mod:`drills.experiment.grading`:
everyone warned and safe before the water is a gate; margin bands A ≥ 15 min, B ≥ 5 min, C ≥ 0); they
are not a standard. The grade column is each run's overall grade (:func:`drills.experiment.graded.graded`)
without single faults: robustness (M6) is not assessed in a season.

"Revisions that help across the suite" are not proved here: the section lists the findings that recur in
several runs with the revision kinds that address them (:attr:`Finding.remedies`), as suggestions; each is
proved for one scenario by re-simulation with ``drill recommend``.
"""

from __future__ import annotations

import json
import math
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from drills import __version__
from drills.experiment.evaluation import Evaluation
from drills.experiment.exercise import ExerciseResult, run_exercise
from drills.experiment.findings import DEFICIENCY, Finding
from drills.experiment.graded import finding_line
from drills.experiment.i18n import Text
from drills.experiment.outputs import input_warnings_json, settle_span_json
from drills.experiment.paired import PairedDiff, compare, fmt_ci, people_changed
from drills.experiment.scorecard import Scorecard, scorecard
from drills.experiment.settle import unsettled_needs
from drills.experiment.staging import write_staged
from drills.experiment.tail import MAX_REPLICATIONS, grouped
from drills.experiment.units import fmt_value
from drills.inputs.suite import Suite, SuiteRun
from drills.model.records import SAFE_OUTCOMES, DrillResult
from drills.model.spec import Fault

GREEN, YELLOW, ORANGE, RED, NONE = "#B7E1CD", "#FCE8B2", "#F9CB9C", "#F4A7A3", None
#: the colour of a warning that a run tested nothing
WARNING_RED = "#A61C1C"
BAND_NAMES = {GREEN: "good", YELLOW: "fair", ORANGE: "poor", RED: "failing", NONE: "n/a"}
#: the matrix's count of people nothing warned (not a scorecard metric: see :func:`never_warned_mean`)
NEVER_WARNED = "never_warned"
#: Matrix columns: (column key, label key, metric key, statistic, band rule).
COLUMNS = (
    ("all_warned", "m_all_warned", "t100_warned_s", "p50", "reached"),
    ("never_warned", "m_never_warned", NEVER_WARNED, "mean", "count"),
    ("warned_before", "m_warned_before", "share_warned_before_water", "mean", "share"),
    ("safe_before", "m_safe_before", "share_safe_before_water", "mean", "share"),
    ("caught", "m_caught", "caught", "mean", "count"),
    ("fatalities", "m_fatal", "expected_fatalities", "mean", "count"),
    ("margin_p5", "m_margin", "margin_p5_s", "p50", "margin"),
)


@dataclass(frozen=True)
class SeasonEntry:
    run: SuiteRun
    exercise: ExerciseResult
    card: Scorecard
    evaluation: Evaluation | None = None
    #: the run of the same suite that is this one without one of its faults, on the same random numbers
    #: (see :func:`with_twins`), to tell whether that fault changed anything
    twin: SeasonEntry | None = field(default=None, repr=False, compare=False)
    #: the one fault this run has and its twin has not
    twin_fault: Fault | None = field(default=None, repr=False, compare=False)
    #: for a variation that changes the scenario's settings (time of day, rain, storm …): the run of the same
    #: suite that is the scenario as written, on the same seed (see :func:`with_twins`)
    as_written: SeasonEntry | None = field(default=None, repr=False, compare=False)

    @cached_property
    def effect(self) -> FaultEffect | None:
        """What this run's one fault more than its :attr:`twin` changed, person by person; None without a twin
        or when the fault tested nothing (see :attr:`idle`)."""
        return _effect_of(self)

    @cached_property
    def variation_effect(self) -> VariationEffect | None:
        """What this run's variation changed against :attr:`as_written`; None without one."""
        return _variation_effect_of(self)

    @cached_property
    def idle(self) -> tuple[IdleFault, ...]:
        """The run's faults that tested nothing (see :func:`idle_faults`): found once, on first use, for the
        terminal, season.json, the matrix page and the run's own page."""
        return tuple(_idle_in(self))


@dataclass(frozen=True)
class SeasonResult:
    suite: Suite
    entries: tuple[SeasonEntry, ...]


def evacuation_over_s(res: DrillResult) -> float:
    """When the warning and the evacuation of one replication were over (s from the scenario start; 0 if
    nobody was warned and nobody left): the last warning by the plan's channels or by word of mouth, and
    the last departure and arrival in safety of anyone who left before the water reached them. Not part of
    it: being "warned" by the water itself, fleeing once it has come, and a miner of a later shift kept out
    at the shaft (nobody moved)."""
    over = 0.0
    for p in res.people:
        if p.warned_by != "water" and math.isfinite(p.warned_s):
            over = max(over, p.warned_s)
        if math.isfinite(p.departed_s) and not p.departed_s >= p.water_s:
            over = max(over, p.departed_s)
            if p.outcome in SAFE_OUTCOMES and p.outcome != "kept_out" and math.isfinite(p.outcome_s):
                over = max(over, p.outcome_s)
    return over


@dataclass(frozen=True)
class IdleFault:
    """A fault of a run that tested nothing: it started after the warning and evacuation were over (or after
    the drill ended) in most replications, or it changed no one's warning, departure or end at all.

    Attributes:
        run: the run's id.
        fault: the fault's name.
        at_s: when it starts, s from the scenario start.
        when: the same by the clock and from the start, "06:00, +12:00:00".
        after: replications in which it happened after :func:`evacuation_over_s` or the drill's end.
        replications: replications of the run.
        same_as: for a fault that changed nothing, the run that is this one without it (its :attr:`SeasonEntry.twin`),
            whose every person's record was the same in every replication; "" otherwise.
    """

    run: str
    fault: str
    at_s: float
    when: str
    after: int
    replications: int
    same_as: str = ""


def idle_faults(entries: Sequence[SeasonEntry]) -> list[IdleFault]:
    """The faults (the scenario's own and the variation's) that tested nothing, in the suite's order: those that
    started after the evacuation was over in more than half of their run's replications, and those without
    which the suite has the same run and whose run was the same as that one, person by person, in every
    replication."""
    return [i for e in entries for i in e.idle]


def _idle_in(e: SeasonEntry) -> list[IdleFault]:
    """One run's faults that tested nothing, in the order the run injects them."""
    spec, results = e.exercise.spec, e.exercise.results
    out = []
    for f in spec.faults:
        after = sum(1 for res in results if f.name in res.faults
                    and (f.at_s >= spec.duration_s or f.at_s > evacuation_over_s(res)))
        same = (2 * after <= len(results) and e.twin is not None and f == e.twin_fault
                and people_changed(results, e.twin.exercise.results) == 0)
        if 2 * after > len(results) or same:
            clock = (datetime.fromisoformat(spec.meta.start_time) + timedelta(seconds=f.at_s)).strftime("%H:%M")
            out.append(IdleFault(e.run.id, f.name, f.at_s, f"{clock}, +{fmt_value(f.at_s, 's')}", after,
                                 len(results), e.twin.run.id if same and e.twin is not None else ""))
    return out


def _same_inputs(e: SeasonEntry, other: SeasonEntry) -> bool:
    """Whether two runs are drawn from the same scenario file, site and plan, on the same seed and replications:
    what a run must share with another for the two to be compared person by person."""
    a, b = e.run.loaded, other.run.loaded
    return (a is not None and b is not None and e.run.scenario_file == other.run.scenario_file
            and (e.exercise.seed, e.exercise.replications) == (other.exercise.seed, other.exercise.replications)
            and a.site == b.site and a.plan == b.plan)


def _extra_fault(e: SeasonEntry, other: SeasonEntry) -> Fault | None:
    """The one compiled fault ``e`` has and ``other`` has not, if ``e`` is ``other`` with one more fault and
    nothing else changed (the same scenario file, site, plan, seed and replications); else None."""
    if not _same_inputs(e, other):
        return None
    a, b = e.run.loaded, other.run.loaded
    assert a is not None and b is not None  # checked by _same_inputs
    if a.scenario.model_dump(exclude={"faults"}) != b.scenario.model_dump(exclude={"faults"}):
        return None
    mine, theirs = list(e.exercise.spec.faults), list(other.exercise.spec.faults)
    for f in theirs:
        if f not in mine:
            return None
        mine.remove(f)
    return mine[0] if len(mine) == 1 else None


def _is_as_written_of(other: SeasonEntry, e: SeasonEntry) -> bool:
    """Whether ``other`` is the scenario of ``e`` as written: the same scenario file, site, plan, faults, seed and
    replications, and no setting changed, while ``e`` changes some (time of day, rain, storm, shifts)."""
    if other is e or not e.run.changed or other.run.changed:
        return False
    return _same_inputs(e, other) and list(e.exercise.spec.faults) == list(other.exercise.spec.faults)


def with_twins(entries: Sequence[SeasonEntry]) -> tuple[SeasonEntry, ...]:
    """``entries``, each with the run of the suite that is it without one of its faults (and that fault), if
    there is one, and, for a variation of the scenario's settings, the run that is the scenario as written."""
    out = []
    for e in entries:
        found = next(((o, f) for o in entries if o is not e and e.exercise.spec.faults
                      and (f := _extra_fault(e, o)) is not None), None)
        if found is not None:
            e = replace(e, twin=found[0], twin_fault=found[1])
        base = next((o for o in entries if _is_as_written_of(o, e)), None)
        out.append(replace(e, as_written=base) if base is not None else e)
    return tuple(out)


@dataclass(frozen=True)
class VariationEffect:
    """What a variation of the scenario's settings (night for day, no rain for heavy rain, a 20-year storm for a
    50-year one) changed against the scenario as written, on the same seed: each replication of the one paired
    with the same replication of the other.

    Attributes:
        run, base: the two runs' ids.
        replications: replications of each.
        changed: per replication, the mean number of people warned otherwise (at another time, by another
            channel or not at all), who left at another time, who ended otherwise (another outcome, another place
            or at another time); None when the two runs have different people (another shift underground),
            which are then compared by counts only.
        diffs: paired differences (this run − as written) of the grade's gate counts, as for a fault
            (:data:`drills.experiment.paired.PAIRED_METRICS`).
        same_fates: where the same people, at the same fatality rates, were in the water's way in every
            replication of both, why the change could not reach them (:func:`same_fates`); None otherwise.
    """

    run: str
    base: str
    replications: int
    changed: tuple[float, float, float] | None
    diffs: dict[str, PairedDiff] = field(default_factory=dict)
    same_fates: tuple[float, float, float] | None = None

    def to_json(self) -> dict[str, Any]:
        warned, departed, ended = self.changed if self.changed is not None else (None, None, None)
        return {"against_run": self.base, "replications": self.replications, "same_people": self.changed is not None,
                "warned_otherwise": warned, "left_otherwise": departed, "ended_otherwise": ended,
                "paired": {k: d.to_json() for k, d in self.diffs.items()}, "same_fates": _fates_json(self.same_fates)}


def _variation_effect_of(e: SeasonEntry) -> VariationEffect | None:
    base = e.as_written
    if base is None:
        return None
    mine, theirs = e.exercise.results, base.exercise.results
    same_people = all([p.person for p in a.people] == [q.person for q in b.people]
                      for a, b in zip(mine, theirs, strict=True))
    changed = _people_otherwise(e, base) if same_people else None
    return VariationEffect(e.run.id, base.run.id, len(mine), changed, _gate_diffs(e, base),
                           same_fates(e, base) if same_people else None)


#: people in the water's way: caught, sheltering upstairs, or still at home in a house the water reached
_IN_THE_WAY = ("caught", "sheltered", "in_place")


def same_fates(e: SeasonEntry, other: SeasonEntry) -> tuple[float, float, float] | None:
    """Why a change left the people in the water's way as they were, when it did: if in every replication of ``e``
    the same people as in ``other`` were caught, sheltering upstairs or at home in a house the water reached, each
    the same way and at the same fatality rate, the mean number of them a replication who had no warning before
    the water came (it warned them, or nothing did), who were warned before it by a channel but never set out (who
    do not act on a warning, or wait for help), and the others (who set out and met the water); None if anyone's
    fate differs, or if nobody was in the water's way. Whoever the change moved was then out of the water's way in
    both runs, so the season's caught and fatalities read the same although the change did act."""
    fates = [0, 0, 0]
    for mine, theirs in zip(e.exercise.results, other.exercise.results, strict=True):
        for p, q in zip(mine.people, theirs.people, strict=True):
            a = p.outcome in _IN_THE_WAY and bool(p.situation)
            if a != (q.outcome in _IN_THE_WAY and bool(q.situation)):
                return None
            if not a:
                continue
            if repr((p.outcome, p.situation, p.fatality_p)) != repr((q.outcome, q.situation, q.fatality_p)):
                return None
            unwarned = p.warned_by in ("", "water") or not p.warned_s < p.water_s
            fates[0 if unwarned else 1 if math.isnan(p.departed_s) else 2] += 1
    if not sum(fates):
        return None
    n = len(e.exercise.results)
    return fates[0] / n, fates[1] / n, fates[2] / n


def _fates_json(fates: tuple[float, float, float] | None) -> dict[str, float] | None:
    if fates is None:
        return None
    return dict(zip(("no_warning_before_water", "warned_never_set_out", "set_out"), fates, strict=True))


def same_fates_text(fates: tuple[float, float, float] | None, t: Text) -> str:
    """The sentence after a change's effect that says why caught and fatalities read the same; "" if they need not."""
    if fates is None:
        return ""
    parts = [t(f"same_fates_{key}", k=fmt_value(x, "persons"))
             for key, x in zip(("water", "stayed", "rest"), fates, strict=True) if x > 0]
    return t("same_fates", total=fmt_value(sum(fates), "persons"), parts=t("list_sep").join(parts))


def _people_otherwise(e: SeasonEntry, other: SeasonEntry) -> tuple[float, float, float]:
    """Per replication, the mean number of people of ``e`` warned otherwise (at another time, by another channel
    or not at all), who left at another time and who ended otherwise than the same person in ``other``: with
    another outcome, at another place (out by the ladderway raise, not the cage) or at another time."""
    n = len(e.exercise.results)
    warned = departed = ended = 0
    for mine, theirs in zip(e.exercise.results, other.exercise.results, strict=True):
        for p, q in zip(mine.people, theirs.people, strict=True):
            warned += repr((p.warned_s, p.warned_by)) != repr((q.warned_s, q.warned_by))
            departed += repr(p.departed_s) != repr(q.departed_s)
            ended += repr((p.outcome, p.end, p.outcome_s)) != repr((q.outcome, q.end, q.outcome_s))
    return warned / n, departed / n, ended / n


def _gate_diffs(e: SeasonEntry, other: SeasonEntry) -> dict[str, PairedDiff]:
    """The paired differences (``e`` − ``other``) of the grade's gate counts: people not safe before the water and
    people warned after it or never; empty when either run was not graded."""
    if e.evaluation is None or other.evaluation is None:
        return {}
    paired = compare(list(other.evaluation.readings), list(e.evaluation.readings), e.exercise.spec.duration_s)
    return {k: paired[k] for k in ("unsafe", "late_warned")}


def variation_text(v: VariationEffect, e: SeasonEntry, t: Text) -> str:
    """What a variation changed against the scenario as written, as the terminal and the run's page give it."""
    if v.changed is not None:
        warned, departed, ended = (fmt_value(x, "persons") for x in v.changed)
        text = t("variation_effect", run=v.run, base=v.base, changes=run_changes(e.run, t), n=v.replications,
                 warned=warned, departed=departed, ended=ended)
    else:
        text = t("variation_effect_counts", run=v.run, base=v.base, changes=run_changes(e.run, t), n=v.replications)
    if v.diffs:
        text += t("variation_effect_paired", unsafe=fmt_ci(v.diffs["unsafe"]), late=fmt_ci(v.diffs["late_warned"]))
    return text + same_fates_text(v.same_fates, t)


@dataclass(frozen=True)
class FaultEffect:
    """What a run's fault changed against the run without it (its twin) on the same random numbers: per
    replication, the mean number of people warned at another time (or by another channel, or not at all), who
    left at another time, and who ended otherwise (another outcome, place or time). The season's matrix can look
    the same for both when the fault changed only times, or moved people within the same bands.
    """

    run: str
    fault: str
    twin: str
    warned: float
    departed: float
    ended: float
    replications: int
    #: paired differences (with the fault − without) of the grade's gate counts: people not safe before the water
    #: and people warned after it or never (:data:`drills.experiment.paired.PAIRED_METRICS`)
    diffs: dict[str, PairedDiff] = field(default_factory=dict)
    #: why the fault left the people in the water's way as they were, if it did (:func:`same_fates`)
    same_fates: tuple[float, float, float] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"fault": self.fault, "against_run": self.twin, "warned_otherwise": self.warned,
                "left_otherwise": self.departed, "ended_otherwise": self.ended, "replications": self.replications,
                "paired": {k: d.to_json() for k, d in self.diffs.items()}, "same_fates": _fates_json(self.same_fates)}


def _effect_of(e: SeasonEntry) -> FaultEffect | None:
    fault = e.twin_fault
    if e.twin is None or fault is None or e.idle:
        return None
    warned, departed, ended = _people_otherwise(e, e.twin)
    return FaultEffect(e.run.id, fault.name, e.twin.run.id, warned, departed, ended, len(e.exercise.results),
                       _gate_diffs(e, e.twin), same_fates(e, e.twin))


def effect_text(f: FaultEffect, t: Text) -> str:
    """What a fault changed against its run without it, as the terminal and the run's page give it."""
    text = t("fault_effect", run=f.run, fault=f.fault, twin=f.twin, warned=fmt_value(f.warned, "persons"),
             departed=fmt_value(f.departed, "persons"), ended=fmt_value(f.ended, "persons"), n=f.replications)
    if f.diffs:
        text += t("fault_effect_paired", unsafe=fmt_ci(f.diffs["unsafe"]), late=fmt_ci(f.diffs["late_warned"]))
    return text + same_fates_text(f.same_fates, t)


def run_season(suite: Suite, *, workers: int = 1, progress: Callable[[int, int], None] | None = None
               ) -> SeasonResult:
    """Run and score every run of a suite, in file order.

    Args:
        suite: the loaded suite.
        workers: processes for each exercise.
        progress: called with (runs finished, runs in all).
    """
    from drills.experiment.graded import graded
    from drills.inputs.compile import load

    entries = []
    for k, run in enumerate(suite.runs, 1):
        ex = run_exercise(run.spec, workers=workers)
        # a run built by load_suite carries its (varied) scenario; otherwise the scenario file as written
        loaded = run.loaded if run.loaded is not None else load(suite.path.parent / run.scenario_file)
        card, ev = graded(scorecard(ex), loaded, run.spec, ex, None)
        entries.append(SeasonEntry(run, ex, card, ev))
        if progress is not None:
            progress(k, len(suite.runs))
    return SeasonResult(suite, with_twins(entries))


def band(rule: str, value: float, summary: Any) -> str | None:
    """The colour of a matrix cell by the [P] bands of the module docstring."""
    if summary is None:
        return NONE
    if rule == "reached":
        return GREEN if summary.not_reached == 0 else RED
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return RED if rule == "margin" else NONE
    if rule == "share":
        return GREEN if value >= 1 - 1e-9 else YELLOW if value >= 0.99 else ORANGE if value >= 0.95 else RED
    if rule == "count":
        return GREEN if value < 1e-9 else ORANGE if value < 1 else RED
    if rule == "margin":
        return GREEN if value >= 900 else YELLOW if value >= 300 else ORANGE if value >= 0 else RED
    return NONE


def grade_of(card: Scorecard) -> str | None:
    grade = getattr(card, "grade", None)
    return str(grade) if grade else None


def short_grade(e: SeasonEntry, t: Text) -> str | None:
    """The run's overall grade for a matrix cell: "差 (poor)" in English, "差" in Chinese."""
    if e.evaluation is None:
        return grade_of(e.card)
    o = e.evaluation.overall
    return o.label if t.zh else f"{o.label} ({o.label_en.split(' — ')[0]})"


def unsettled_checks(e: SeasonEntry) -> int:
    """The life-safety checks of the run's grade that its number of replications cannot settle (gates M2 and M3,
    then findings: :func:`drills.experiment.settle.unsettled_needs`); 0 for a run not graded."""
    return len(unsettled_needs(e.evaluation)) if e.evaluation is not None else 0


def confidence_of(e: SeasonEntry, t: Text) -> tuple[str, ...]:
    """What the run's number of replications leaves unsettled, in ``t``'s language, as the run report's section
    "Not settled by this number of replications" says it."""
    card = e.card
    return tuple((getattr(card, "confidence_zh", ()) or card.confidence) if t.zh else card.confidence)


def unsettled_line(e: SeasonEntry, t: Text) -> str:
    """One run whose grade is not settled: its unsettled checks and, where it can be told, the replications that
    would settle them, as the cover and the terminal give it."""
    n, k = e.card.settle_with, unsettled_checks(e)
    one = "_one" if k == 1 else ""
    more = t("season_unsettled_more" + one, m=t.settle_span(getattr(e.card, "settle_span", None), n)) if n else ""
    return t("season_unsettled_run" + one, run=e.run.id, k=k, n=grouped(e.exercise.replications), more=more)


def unsettled_rows(entries: Sequence[SeasonEntry], t: Text) -> list[list[str]]:
    """The cover's table of runs whose grade is not settled: the run, its unsettled checks, its replications and,
    where it can be told, the replications that would settle them (the terminal says each in a line,
    :func:`unsettled_line`)."""
    return [[e.run.id, str(unsettled_checks(e)), grouped(e.exercise.replications),
             t.settle_span(getattr(e.card, "settle_span", None), e.card.settle_with) if e.card.settle_with else "–"]
            for e in entries]


def season_settle_how(entries: Sequence[SeasonEntry], t: Text) -> str:
    """How to settle the unsettled runs of a season: the season again with more replications (``-n``), with
    the most the estimates ask for (the top of each run's range, as ``drill run`` suggests it:
    :meth:`~drills.experiment.i18n.Text.settle_ceiling`), or one scenario alone with ``drill run --until-settled``."""
    known = [n for e in entries if (n := t.settle_ceiling(e.card))]
    return t("season_settle_how_n", n=max(known)) if known else t("season_settle_how")


def grade_reason(e: SeasonEntry, t: Text, *, short: bool = False) -> str:
    """What decided the run's grade: the metrics with a deficiency (不足项), which caps the grade at 差
    ("不足项 in M2, M3: 8"; ``short``: "不足项 M2, M3"), else the weighted score the grade bands read
    ("score 43"); marked untried where the water reached no one in the run."""
    if e.evaluation is None:
        return ""
    o = e.evaluation.overall
    if o.capped:
        gates = t("list_sep").join(sorted({f.metric for f in e.evaluation.findings if f.cls == DEFICIENCY}))
        reason = t("grade_by_gate_short", gates=gates) if short else t("grade_by_gate", gates=gates, n=o.deficiencies)
    else:
        reason = t("grade_by_score", score=f"{o.score:.0f}") if math.isfinite(o.score) else ""
    if reason and e.card.water_reached_no_one:  # the gates on the water passed without being tried
        return t("grade_untried_short" if short else "grade_untried", reason=reason)
    return reason


def matrix(result: SeasonResult, t: Text) -> list[dict[str, Any]]:
    """One row per run: each column's value, text and colour, and the grade."""
    from drills.experiment.report import margin

    rows = []
    for e in result.entries:
        cells = {}
        for col, _label, key, stat, rule in COLUMNS:
            s: Any = next((m for m in e.card.metrics if m.key == key), None)
            value: float = getattr(s, stat) if s is not None else math.nan
            if key == NEVER_WARNED:  # a count from the records, for every run
                s, value = e.card, never_warned_mean(e.exercise)
            if s is None:
                text = "–"
            elif rule == "margin":
                text = margin(value, e.exercise.spec.duration_s, t)
            elif rule == "count":
                text = f"{value:.1f}"
            else:
                text = t.value(value, s.unit)
                if rule == "reached" and s.not_reached:
                    text += f" ({s.not_reached}/{s.n})"
            cells[col] = {"value": _finite(value), "text": text, "band": BAND_NAMES[band(rule, value, s)],
                          "colour": band(rule, value, s)}
        rows.append({"entry": e, "cells": cells, "grade": short_grade(e, t), "grade_reason": grade_reason(e, t)})
    return rows


def never_warned_mean(ex: ExerciseResult) -> float:
    """People nothing warned, not the order nor the water, per replication (mean; a later shift kept on the
    surface left out): the people a run that silences a channel leaves where they are, though neither warned late
    nor caught, so that such a run does not read as the run without its fault."""
    if not ex.results:
        return math.nan
    return sum(int((r.people.isin("warned_by", ("",)) & ~r.people.isin("outcome", ("kept_out",))).sum())
               for r in ex.results) / len(ex.results)


def worst(result: SeasonResult, k: int = 3) -> list[SeasonEntry]:
    """The ``k`` worst runs: most expected fatalities, then most caught, then fewest safe before water."""

    def mean(e: SeasonEntry, key: str, default: float) -> float:
        s = next((m for m in e.card.metrics if m.key == key), None)
        return s.mean if s is not None and not math.isnan(s.mean) else default

    return sorted(result.entries, key=lambda e: (-mean(e, "expected_fatalities", 0.0), -mean(e, "caught", 0.0),
                                                 mean(e, "share_safe_before_water", 1.0), e.run.id))[:k]


def _finite(x: Any) -> Any:
    return x if not isinstance(x, float) or math.isfinite(x) else None


def seeds_in_words(runs: Sequence[SuiteRun], t: Text | None = None) -> str:
    """Each seed the runs use, with the scenarios whose runs use it, in the suite's order: "20260720" when
    every run has the same, else "20260720 (mine-inrush-day, flood-season-night), 20260721 (dam-break-night)"."""
    groups: dict[int, list[str]] = {}
    for run in runs:
        ids = groups.setdefault(run.spec.seed, [])
        if run.scenario_id not in ids:
            ids.append(run.scenario_id)
    sep = t("list_sep") if t is not None else ", "
    if len(groups) == 1:
        return str(next(iter(groups)))
    return sep.join(f"{seed} ({sep.join(ids)})" for seed, ids in groups.items())


def replications_in_words(runs: Sequence[SuiteRun], t: Text | None = None) -> str:
    """The runs' replication counts: "60", or "60, 200" when they differ."""
    sep = t("list_sep") if t is not None else ", "
    return sep.join(str(n) for n in sorted({run.spec.replications for run in runs}))


def run_label(run: SuiteRun) -> str:
    return f"{run.scenario_id} — {run.variation}" if run.variation else run.scenario_id


def run_faults(run: SuiteRun, t: Text) -> list[str]:
    """The faults a run adds, each with its start, in this language: "mains_power from 21:30 (+3:30:00)"."""
    return [t.setting(c.removeprefix("fault=")) for c in run.changes if c.startswith("fault=")]


def matrix_label(run: SuiteRun, t: Text) -> str:
    """A run as the matrix names it: its label and, on a line of their own, its faults and when each starts
    ("mains_power from 21:30 (+3:30:00)")."""
    faults = run_faults(run, t)
    return run_label(run) + ("\n" + t("clause_sep").join(faults) if faults else "")


def season_json(result: SeasonResult, t: Text) -> dict[str, Any]:
    s = result.suite
    rows = matrix(result, t)
    return {
        "tool": f"drill {__version__}",
        "suite": {"id": s.id, "title": s.title, "season": s.season, "file": s.path.name},
        "runs": [
            {
                "id": row["entry"].run.id,
                "scenario": row["entry"].run.scenario_id,
                "scenario_file": row["entry"].run.scenario_file,
                "variation": row["entry"].run.variation,
                "changes": list(row["entry"].run.changes),
                "plan": {"id": row["entry"].exercise.spec.meta.plan_id,
                         "version": row["entry"].exercise.spec.meta.plan_version},
                "seed": row["entry"].exercise.seed,
                "replications": row["entry"].exercise.replications,
                "people": len(row["entry"].exercise.spec.people),
                "input_warnings": input_warnings_json(row["entry"].exercise.spec.meta),
                "grade": row["grade"],
                "grade_decided_by": row["grade_reason"],
                "grade_score": _finite(row["entry"].evaluation.overall.score)
                if row["entry"].evaluation is not None else None,
                "not_settled": list(row["entry"].card.confidence),
                "settle_with_replications": row["entry"].card.settle_with,
                "settle_span_replications": settle_span_json(row["entry"].card),
                "matrix": {k: {kk: vv for kk, vv in v.items() if kk != "colour"} for k, v in row["cells"].items()},
                "metrics": [m.to_json() for m in row["entry"].card.metrics],
                "findings": [f.to_json() for f in row["entry"].evaluation.findings]
                if row["entry"].evaluation is not None else [],
                "fault_effect": row["entry"].effect.to_json() if row["entry"].effect is not None else None,
                "variation_effect": row["entry"].variation_effect.to_json()
                if row["entry"].variation_effect is not None else None,
            }
            for row in rows
        ],
        "worst": [e.run.id for e in worst(result)],
        "idle_faults": [{"run": i.run, "fault": i.fault, "at_s": i.at_s, "after_evacuation": i.after,
                         "replications": i.replications, "same_as_run": i.same_as or None, "text": idle_text(i, t)}
                        for i in idle_faults(result.entries)],
        "recurring_findings": recurring_findings(result),
        "recurring_findings_note": "suggested by the findings, not proven across the suite: prove a revision "
                                   "for one scenario with `drill recommend`",
    }


def _slug(run: SuiteRun) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in run.id)


#: the widest row label of the matrix figure, in characters, before it wraps (the labels' column is 2.3 in wide)
MATRIX_LABEL_CHARS = 34


def matrix_figure(result: SeasonResult, t: Text, path: Path) -> Path:
    """The matrix as a picture: one row per run, one coloured cell per key metric."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from drills.experiment.figures import DPI, renderable

    rows = matrix(result, t)
    cols = [t(label) for _, label, *_ in COLUMNS] + [t("col_grade")]
    height = 1.0 + 0.4 * len(rows)
    fig = Figure(figsize=(9.0, height))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.26, 0.03, 0.73, 1 - 0.03 - 0.75 / height))
    ax.set_xlim(0, len(cols))
    ax.set_ylim(len(rows), 0)
    ax.set_axis_off()
    for i, row in enumerate(rows):
        label = textwrap.fill(run_label(row["entry"].run), MATRIX_LABEL_CHARS, break_on_hyphens=False)
        ax.text(-0.08, i + 0.5, renderable(label), ha="right", va="center", fontsize=8 if "\n" not in label else 7,
                linespacing=1.0, clip_on=False)
        for j, (col, *_rest) in enumerate(COLUMNS):
            cell = row["cells"][col]
            ax.add_patch(_cell(j, i, cell["colour"] or "0.95"))
            ax.text(j + 0.5, i + 0.5, renderable(cell["text"]), ha="center", va="center", fontsize=7.5)
        ax.add_patch(_cell(len(COLUMNS), i, "0.95"))
        ax.text(len(COLUMNS) + 0.5, i + 0.5, row["grade"] or "–", ha="center", va="center", fontsize=8)
    for j, name in enumerate(cols):
        ax.text(j + 0.5, -0.08, renderable(name.replace(" ", "\n", 1) if len(name) > 10 else name),
                ha="center", va="bottom", fontsize=7.5, weight="bold", clip_on=False)
    fig.suptitle(renderable(t("fig_matrix_title")), fontsize=10, weight="bold", y=0.995, va="top")
    fig.savefig(path, dpi=DPI, metadata={"Software": f"drill {__version__}"})
    return path


def _cell(x: float, y: float, colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle((x + 0.03, y + 0.05), 0.94, 0.9, facecolor=colour, edgecolor="white")


def _input_warnings(result: SeasonResult) -> list[tuple[str, int | None, str, str]]:
    """The plausibility warnings of every run's files, each once (runs share their site and plan files)."""
    return list(dict.fromkeys(w for e in result.entries for w in e.exercise.spec.meta.input_warnings))


def write_pdf(result: SeasonResult, figs: dict[str, Path], path: Path, t: Text) -> None:
    """The consolidated report: cover, matrix and worst cases, suite revisions, one page per run, and the appendices:
    every finding, the suite as run, the method."""
    from drills.experiment import report
    from drills.experiment.figures import style

    s = result.suite
    doc = report.Document()
    with style():
        doc.new_page()
        doc.y = 1.4
        doc.text(t("season_title"), 22, weight="bold", color=report.ACCENT, after=0.2)
        doc.text(s.title, 14, weight="bold", after=0.1)
        if s.description:
            doc.text(s.description, 9.5, color=report.GREY, after=0.4)
        plans = sorted({f"{e.exercise.spec.meta.plan_id} v{e.exercise.spec.meta.plan_version}"
                        for e in result.entries})
        runs = [e.run for e in result.entries]
        slips = _input_warnings(result)
        rows = [
            [t("suite"), f"{s.id} ({s.path.name})"],
            [t("season_date"), s.season or "–"],
            [t("plan"), t("list_sep").join(plans)],
            [t("runs"), str(len(result.entries))],
            [t("replications"), replications_in_words(runs, t)],
            [t("seed"), seeds_in_words(runs, t)],
            [t("tool"), f"drill {__version__}"],
            [t("input_warnings"), t("input_warnings_value", n=len(slips)) if slips else t("none")],
        ]
        doc.table([("", 1.7, "left"), ("", doc.width - 1.7, "left")], rows, size=9.5, header=False, shade=False,
                  bold_first=True)
        doc.y += 0.2
        doc.box([(t("grade_line", grade=grade_counts(result, t) or t("grade_none")), 10.5, "bold")])
        doc.text(t("season_intro", n=replications_in_words(runs, t)), 8.5, color=report.GREY)
        unsettled = [e for e in result.entries if confidence_of(e, t)]
        if unsettled:  # grades read from too few replications say so where the grades are given
            doc.subheading(t("confidence"))
            doc.text(t("season_unsettled_intro", k=len(unsettled), total=len(result.entries)), 8.5, after=0.05,
                     keep=True)
            rows = unsettled_rows(unsettled, t)
            doc.table([(t("col_run"), 2.25, "left"), (t("col_unsettled_checks"), 0.95, "right"),
                       (t("col_replications"), 0.85, "right"), (t("col_settle_with"), doc.width - 4.05, "left")],
                      rows, size=8, note=t("season_settle_none", most=grouped(MAX_REPLICATIONS))
                      if any(r[-1] == "–" for r in rows) else "")
            doc.text(season_settle_how(unsettled, t), 8.5, after=0.04)

        doc.heading(t("matrix"), new_page=True)
        doc.text(t("matrix_intro") + " " + grade_note(t), 8.5, after=0.12, keep=True)
        mrows = matrix(result, t)
        # the margin column holds "≥ 30:00:00" on one line; the grade column the grade over what decided it
        widths = [1.75] + [0.72 if col == "margin_p5" else 0.58 for col, *_ in COLUMNS]
        widths.append(doc.width - sum(widths))
        columns = [(t("col_run"), widths[0], "left")] + [
            (t(label), w, "right") for (_, label, *_), w in zip(COLUMNS, widths[1:-1], strict=True)
        ] + [(t("col_grade"), widths[-1], "right")]
        doc.table(columns, [[matrix_label(r["entry"].run, t)] + [r["cells"][c]["text"] for c, *_ in COLUMNS]
                            + [grade_cell(r, t)] for r in mrows],
                  size=7.5, shade=False,
                  fills=[[None] + [r["cells"][c]["colour"] for c, *_ in COLUMNS] + [None] for r in mrows])
        idle = idle_faults(result.entries)
        if idle:
            doc.subheading(t("idle_faults"))
            for i in idle:
                doc.text(idle_text(i, t), 8.5, marker="•", color=WARNING_RED, after=0.04)
        doc.subheading(t("worst_cases"))
        doc.text(t("worst_cases_intro"), 8.5, after=0.05, keep=True)
        for e in worst(result):
            doc.text(t("worst_case_line", run=run_label(e.run), detail=_detail(e, t)), 8.5, marker="•", after=0.04)
        suite_revisions(doc, result, t)

        for k, e in enumerate(result.entries, 1):
            _run_page(doc, k, e, figs, t)
        findings_appendix(doc, result, t)

        doc.heading(t("suite_definition"), new_page=True)
        # ids and file names do not break at spaces: each run id on two lines (scenario/ then variation), and
        # columns wide enough for the file names, so nothing prints over its neighbour
        doc.table([(t("col_run"), 1.6, "left"), (t("col_scenario_file"), 1.95, "left"),
                   (t("seed"), 0.75, "right"), (t("col_variation"), doc.width - 4.3, "left")],
                  [[e.run.id.replace("/", "/\n", 1), e.run.scenario_file, str(e.exercise.seed),
                    ", ".join(e.run.changes) or t("variation_as_written")] for e in result.entries], size=8)
        report.input_warnings(doc, slips, t)
        doc.subheading(t("bands"))
        doc.text(t("bands_intro"), 8.5, after=0.05, keep=True)
        for line in t("band_rows").split("\n"):
            doc.text(line, 8.5, marker="•", after=0.03)
        doc.heading(t("method"))
        if result.entries:
            hoists = any(e.exercise.spec.hoists for e in result.entries)
            doc.text(t("method_text", n=replications_in_words(runs, t), seed=seeds_in_words(runs, t),
                       **report.method_parts(t, hoists)), 8.5)
        seeds = t("list_sep").join(str(x) for x in dict.fromkeys(e.exercise.seed for e in result.entries))
        doc.footers(t("season_footer", suite=s.id, seed=seeds, runs=len(result.entries), version=__version__), t)
        doc.save(path, {"Title": f"{t('season_title')} — {s.title}", "Subject": f"suite {s.id}",
                        "Creator": f"drill {__version__}", "Producer": f"drill {__version__}",
                        "Keywords": f"lang={t.lang}"})


def grade_note(t: Text) -> str:
    """How the grade under each run was decided, with the grade bands' floors (the proposed scoring model [P])."""
    from drills.experiment.grading import MAX_MUST_CORRECT_FOR_EXCELLENT, OVERALL_BANDS

    floors = {zh: floor for zh, _en, floor in OVERALL_BANDS}
    return t("matrix_grade_note", fair=f"{floors['一般']:g}", good=f"{floors['良好']:g}",
             excellent=f"{floors['优秀']:g}", most=MAX_MUST_CORRECT_FOR_EXCELLENT)


def grade_cell(row: dict[str, Any], t: Text) -> str:
    """The matrix's grade cell: the grade, and under it what decided it (in short: the gates, or the score)."""
    reason = grade_reason(row["entry"], t, short=True)
    return f"{row['grade'] or '–'}\n{reason}" if reason else row["grade"] or "–"


def grade_counts(result: SeasonResult, t: Text) -> str:
    """The runs' grades with how many runs have each, worst first: "差 (poor) × 2 · 一般 (fair) × 1"."""
    from drills.experiment.grading import FAIL_LABEL, OVERALL_BANDS

    order = [FAIL_LABEL[0], *(zh for zh, _en, _floor in reversed(OVERALL_BANDS))]
    count: dict[str, int] = {}
    rank: dict[str, int] = {}
    for e in result.entries:
        g = short_grade(e, t)
        if g:
            count[g] = count.get(g, 0) + 1
            label = e.evaluation.overall.label if e.evaluation is not None else ""
            rank[g] = order.index(label) if label in order else len(order)
    return " · ".join(f"{g} × {n}" for g, n in sorted(count.items(), key=lambda x: (rank[x[0]], x[0])))


#: A number in a finding's title: a clock time, a count, a decimal or a share, or "never" (从未: a time not reached).
#: Ids that hold digits ("stope360w", "P95", "level -360", "r2") are not numbers: a letter, digit, point, colon
#: or hyphen before it, or a letter or hyphen after it, makes it part of a word.
NUMBER = re.compile(r"(?<![\w.:-])(?:\d+(?:[.:]\d+)*(?:\s?%)?|never|从未)(?![\w-])")


def finding_identity(f: Finding) -> tuple[str, str, str]:
    """What makes two runs' findings the same finding: the key, the class and the title with its numbers
    left out. "Posts with no backup: mine_manager" and "…: pond_manager" share a key but are different
    findings; "cannot be done in 12 of 60 replications" and "in 3 of 60" are the same one."""
    return f.key, f.cls, NUMBER.sub("#", f.title)


def _number_value(text: str) -> float:
    """The value of a number :data:`NUMBER` found, to order a range: clock times in seconds, never last."""
    text = text.replace("%", "").strip()
    if text in ("never", "从未"):
        return math.inf
    if ":" in text:
        value = 0.0
        for part in text.split(":"):
            value = value * 60 + float(part)
        return value
    return float(text)


def merged_title(titles: Sequence[str]) -> str:
    """One title for the same finding in several runs: each number that differs between the runs becomes
    its range ("in 3–12 of 60 replications"); the titles must share :func:`finding_identity`'s text."""
    numbers = [NUMBER.findall(title) for title in titles]
    parts = iter(NUMBER.split(titles[0]))
    out = [next(parts)]
    for k, rest in enumerate(parts):
        values = sorted({ns[k] for ns in numbers}, key=_number_value)
        low, high = values[0], values[-1]
        out.append(low if _number_value(low) == _number_value(high) else f"{low}–{high}")
        out.append(rest)
    return "".join(out)


def recurring_findings(result: SeasonResult, least: int = 2, lang: str = "en") -> list[dict[str, Any]]:
    """Findings with remedies that recur in at least ``least`` runs, most runs first.

    Runs share a finding only when :func:`finding_identity` is the same: the same key and class, and the
    same title but for its numbers. Each row gives the title with each differing number as its range over
    those runs, each run's own title, the runs, and the revision kinds that address the finding; the titles
    in ``lang``.
    """
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for e in result.entries:
        for f in e.evaluation.findings if e.evaluation is not None else ():
            if not f.remedies:
                continue
            row = seen.setdefault(finding_identity(f), {"key": f.key, "class": f.cls, "class_en": f.cls_en,
                                                        "metric": f.metric, "runs": [], "per_run": [],
                                                        "remedies": []})
            if e.run.id not in row["runs"]:
                row["runs"].append(e.run.id)
                row["per_run"].append({"run": e.run.id, "title": f.words(lang)[0]})
            row["remedies"] += [k for k in f.remedies if k not in row["remedies"]]
    rows = [r for r in seen.values() if len(r["runs"]) >= least]
    for r in rows:
        r["title"] = merged_title([p["title"] for p in r["per_run"]])
    return sorted(rows, key=lambda r: (-len(r["runs"]), r["key"], r["title"]))


def runs_in_words(runs: Sequence[str], every: Sequence[str], t: Text) -> str:
    """Runs ("scenario/variation") grouped by scenario, in the suite's order: a scenario whose every
    variation is among ``runs`` is named once ("dam-break-night: all 3"), else with its variations."""
    total = Counter(run.partition("/")[0] for run in every)  # in the suite's order
    groups: dict[str, list[str]] = {sc: [] for sc in total}
    for run in runs:
        sc, _, variation = run.partition("/")
        groups[sc].append(variation or sc)
    parts = [t("runs_all_of_scenario", scenario=sc, k=len(vs)) if len(vs) == total[sc] and len(vs) > 1
             else f"{sc}{t('label_sep')}{t('list_sep').join(vs)}" for sc, vs in groups.items() if vs]
    return ("；" if t.zh else "; ").join(parts)


def suite_revisions(doc: Any, result: SeasonResult, t: Text, most: int = 10) -> None:
    """Revisions suggested across the suite: for each finding that recurs in several runs, the revision kinds
    that address it — suggested by the findings, not proven across the suite (``drill recommend`` proves
    them for one scenario)."""
    doc.subheading(t("suite_revisions"))
    rows = recurring_findings(result, lang=t.lang)
    if not rows:
        doc.text(t("no_recurring_findings"), 8.5, slant="italic", color="0.35")
        return
    doc.text(t("suite_revisions_intro"), 8.5, after=0.05)
    every = [e.run.id for e in result.entries]
    for r in rows[:most]:
        doc.text(recurring_line(r, every, t), 8.5, marker="•", after=0.04)
    if len(rows) > most:  # the report is complete: the rest are in its appendix, not only in season.json
        doc.text(t("more_in_appendix", n=len(rows) - most, total=len(rows), appendix=t("findings_appendix")), 8.5,
                 color="0.35")


def recurring_line(r: dict[str, Any], every: Sequence[str], t: Text) -> str:
    """One finding that recurs across the suite (a row of :func:`recurring_findings`), with the runs it is in and
    the revision kinds that address it."""
    kinds = t("list_sep").join(t.term(k) for k in r["remedies"])
    label = f"{r['class']} {r['metric']}"  # the class and metric, as the run pages list findings
    if len(r["runs"]) == len(every):
        return t("suite_revision_line_all", fkey=label, title=r["title"], n=len(every), kinds=kinds)
    return t("suite_revision_line", fkey=label, title=r["title"], n=len(r["runs"]), total=len(every),
             runs=runs_in_words(r["runs"], every, t), kinds=kinds)


def findings_appendix(doc: Any, result: SeasonResult, t: Text) -> None:
    """Every finding of the season, so that the report handed over is complete where the summary and the run
    pages show only the first: the findings that recur across the suite, then each run's own, most serious
    first (as season.json holds them)."""
    doc.heading(t("findings_appendix"), new_page=True)
    doc.text(t("findings_appendix_intro"), 8.5, after=0.08)
    rows = recurring_findings(result, lang=t.lang)
    every = [e.run.id for e in result.entries]
    doc.subheading(t("recurring_all", n=len(rows)))
    if not rows:
        doc.text(t("no_recurring_findings"), 8.5, slant="italic", color="0.35")
    for r in rows:
        doc.text(recurring_line(r, every, t), 8, marker="•", after=0.03)
    for k, e in enumerate(result.entries, 1):
        found = list(e.evaluation.findings) if e.evaluation is not None else []
        doc.subheading(t("appendix_run_findings", k=k, run=run_label(e.run), n=len(found)))
        if not found:
            doc.text(t("run_no_findings"), 8, slant="italic", color="0.35")
        for f in found:
            doc.text(finding_line(f, t), 8, marker="•", after=0.03)


def _detail(e: SeasonEntry, t: Text) -> str:
    from drills.experiment.report import weakest_zones

    parts = []
    for key, label, unit in (("expected_fatalities", "m_fatal", "persons"), ("caught", "m_caught", "persons"),
                             ("share_safe_before_water", "m_safe_before", "share")):
        s = next((m for m in e.card.metrics if m.key == key), None)
        if s is not None:
            parts.append(f"{t(label)} {s.mean:.1f}" if unit == "persons" else f"{t(label)} {t.value(s.mean, unit)}")
    weak = weakest_zones(e.card, 1)
    if weak:
        z = weak[0]
        parts.append(f"{t.zone(z.zone)}{t('label_sep')}{t('m_safe_before')} "
                     f"{t.value(z.share_safe_before_water.mean, 'share')}")
    return t("list_sep").join(parts)


def _run_page(doc: Any, k: int, e: SeasonEntry, figs: dict[str, Path], t: Text) -> None:
    from drills.experiment import report

    ex, card = e.exercise, e.card
    doc.heading(t("run_page", k=k, run=run_label(e.run)), new_page=True)
    m = ex.spec.meta
    varied = bool(e.run.changed or e.run.changes)
    rows = [
        [t("scenario_as_written") if varied else t("scenario"), f"{m.scenario_title} ({e.run.scenario_file})"],
        [t("col_variation"), run_changes(e.run, t) if varied else t("variation_as_written")],
        [t("time_of_day"), report.conditions(ex, t)],
        [t("scenario_start"), m.start_time.replace("T", " ")],
        [t("people"), t("people_value", n=len(ex.spec.people), groups=report.people_groups(ex, t))],
        [t("replications") + " · " + t("seed"), f"{ex.replications} · {ex.seed}"],
    ]
    doc.table([("", 1.7, "left"), ("", doc.width - 1.7, "left")], rows, size=8, header=False, shade=False,
              bold_first=True)
    for i in e.idle:
        doc.text(idle_text(i, t), 8.5, marker="•", color=WARNING_RED, after=0.04)
    if e.effect is not None:
        doc.text(effect_text(e.effect, t), 8.5, marker="•", after=0.04)
    if e.variation_effect is not None:
        doc.text(variation_text(e.variation_effect, e, t), 8.5, marker="•", after=0.04)
    doc.table([(t("col_metric"), 2.45, "left"), (t("col_mean"), 0.7, "right"), (t("col_ci"), 1.4, "right"),
               (t("col_p5"), 0.6, "right"), (t("col_p95"), 0.62, "right"),
               (t("col_not_reached"), doc.width - 5.77, "right")],
              report.metric_rows(card, t, ex.spec.duration_s), size=7.5)
    notes = confidence_of(e, t)
    if notes:  # as the run report says it: the grade below may change with more replications
        doc.subheading(t("confidence"))
        for note in notes:
            doc.text(note, 8.5, marker="•", after=0.04)
        doc.text(season_settle_how([e], t), 8.5, after=0.04)
    run_findings(doc, e, t)
    name = f"{_slug(e.run)}_warned_safe"
    if name in figs:
        doc.figure_no += 1
        doc.image(Path(figs[name]), t("figure_n", k=doc.figure_no, title=t("fig_warned_safe_title")),
                  report.warned_safe_caption(ex, card, t), max_h=3.3)
    if card.zones:
        columns = report.zone_columns(t, doc.width, card.site)
        zone_rows = report.zone_rows(card, t, ex.spec.duration_s)
        doc.subheading(t.words("zones", card.site))  # drawn with the table, kept whole where it fits on a page
        doc.table(columns, zone_rows, size=7.5, keep_together=True, note=t.zones_note(card))


def idle_text(i: IdleFault, t: Text) -> str:
    """The warning of a fault that tested nothing, as the terminal and the report give it."""
    if i.same_as:
        return t("idle_fault_same", run=i.run, fault=i.fault, when=i.when, n=i.replications, twin=i.same_as)
    return t("idle_fault", run=i.run, fault=i.fault, when=i.when, k=i.after, n=i.replications)


def run_changes(run: SuiteRun, t: Text) -> str:
    """What the run changed in the scenario, as written → in this run, and the faults it adds with their
    start: "time of day: night → day; start: 2026-07-21 02:00 → 2026-07-21 14:00"."""

    def word(name: str, value: str) -> str:
        key = value if name == "time_of_day" else f"rain_{value}" if name == "rain" else ""
        return t(key) if key in ("day", "night", "rain_none", "rain_moderate", "rain_heavy") else t.setting(value)

    colon = t("label_sep")
    parts = [f"{t('chg_' + name)}{colon}{word(name, before)} → {word(name, after)}"
             for name, before, after in run.changed]
    parts += [f"{t('chg_fault')}{colon}{fault}" for fault in run_faults(run, t)]
    return t("clause_sep").join(parts)


def run_findings(doc: Any, e: SeasonEntry, t: Text, most: int = 8) -> None:
    """The run's own findings, most serious first (as graded), the first ``most`` of them; all of them are in
    the report's appendix (:func:`findings_appendix`)."""
    found = list(e.evaluation.findings) if e.evaluation is not None else []
    doc.subheading(t("run_findings", n=len(found)))
    if not found:
        doc.text(t("run_no_findings"), 8.5, slant="italic", color="0.35")
        return
    for f in found[:most]:
        doc.text(finding_line(f, t), 8, marker="•", after=0.03)
    if len(found) > most:
        doc.text(t("more_in_appendix", n=len(found) - most, total=len(found), appendix=t("findings_appendix")), 8,
                 color="0.35")


def make_figures(result: SeasonResult, out_dir: Path, t: Text) -> dict[str, Path]:
    """The matrix, and each run's warned-and-safe curves, as PNG."""
    from drills.experiment import figures

    figs: dict[str, Path] = {}
    with figures.style():
        figs["matrix"] = matrix_figure(result, t, out_dir / "matrix.png")
        for e in result.entries:
            name = f"{_slug(e.run)}_warned_safe"
            figs[name] = figures.warned_safe(e.exercise, e.card, t, out_dir / f"{name}.png")
    return figs


def write_season(result: SeasonResult, out_dir: str | Path, *, lang: str = "en") -> dict[str, Path]:
    """Write report.pdf, season.json and figures/ for a season into ``out_dir``, atomically."""
    t = Text(lang)

    def fill(tmp: Path) -> None:
        (tmp / "figures").mkdir()
        data = season_json(result, t)
        (tmp / "season.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        figs = make_figures(result, tmp / "figures", t)
        write_pdf(result, figs, tmp / "report.pdf", t)

    return write_staged(out_dir, fill)


__all__ = ["SeasonEntry", "SeasonResult", "matrix", "run_season", "season_json", "worst", "write_season"]
