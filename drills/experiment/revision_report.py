"""What ``drill recommend`` and ``drill compare`` write: JSON for tools, Markdown for the planner and the
regulator, the revised plan and its diff — atomically, as :mod:`drills.experiment.outputs` does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from drills import __version__
from drills.experiment import grading
from drills.experiment.bottlenecks import Bottlenecks
from drills.experiment.evaluation import Evaluation
from drills.experiment.findings import CLASS_EN, Finding
from drills.experiment.outputs import input_warnings_json
from drills.experiment.paired import PAIRED_METRICS, PairedDiff, fmt_ci, fmt_mean, label_with_unit
from drills.experiment.readings import OBJECTIVE_WEIGHTS
from drills.experiment.recommendation import PlanComparison, Recommendation
from drills.experiment.search import Trial
from drills.experiment.staging import write_staged
from drills.experiment.units import fmt_value


def _clean(x: Any) -> Any:
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {str(k): _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    return x


def _provenance(ev: Evaluation) -> dict:
    m = ev.spec.meta
    return {"tool": f"drill {__version__}", "seed": ev.exercise.seed, "replications": ev.replications,
            "site": {"id": m.site_id, "name": m.site_name},
            "plan": {"id": m.plan_id, "version": m.plan_version, "unit": m.plan_unit},
            "scenario": {"id": m.scenario_id, "title": m.scenario_title, "start_time": m.start_time},
            "files": {k: Path(v).name for k, v in m.files.items()}, "input_warnings": input_warnings_json(m)}


def bottlenecks_json(bn: Bottlenecks) -> dict:
    return _clean({
        "late_warnings": [asdict(w) | {"main_cause": w.main_cause} for w in bn.warnings],
        "queues": [asdict(q) for q in bn.queues], "hoists": [asdict(h) for h in bn.hoists],
        "destinations": [asdict(d) for d in bn.destinations],
        "not_safe": [asdict(f) | {"main_reason": f.main_reason} for f in bn.route_floods],
        "role_delays": [asdict(d) for d in bn.role_delays],
        "channel_reach": {k: list(v) for k, v in bn.reach.items()},
    })


def bottlenecks_markdown(bn: Bottlenecks, n: int) -> list[str]:
    """The bottleneck analysis in tables (person-replications are summed over the n replications)."""
    out = ["## Bottlenecks", "", "Who is warned late or never, and why (person-replications over "
           f"{n} replications; causes in the order they are tested, see drills.experiment.bottlenecks):", "",
           "| place | zone | people | late | in replications | never warned by the order | causes | channels "
           "reaching it |", "|---|---|---|---|---|---|---|---|"]
    for w in bn.warnings:
        causes = ", ".join(f"{c} {v}" for c, v in sorted(w.causes.items(), key=lambda x: -x[1])) or "–"
        out.append(f"| {w.place} | {w.zone} | {w.people} | {w.late} | {w.late_replications} | {w.never} | {causes} "
                   f"| {', '.join(w.channels) or 'none'} |")
    out += ["", "Whose decision takes the time between the first trigger and the order:", "",
            "| role | step | order | median | P95 | replications | absent in |", "|---|---|---|---|---|---|---|"]
    for d in bn.role_delays:
        out.append(f"| {d.role} | {d.step} | {d.order} | {fmt_value(d.p50_s, 's')} | {fmt_value(d.p95_s, 's')} | "
                   f"{d.replications} | {d.absent_replications} |")
    out += ["", "Who was not safe when the water came, and where it found them:", "",
            "| place | zone | route | person-replications | replications | where | why |",
            "|---|---|---|---|---|---|---|"]
    for f in bn.route_floods:
        where = ", ".join(f"{k} {v}" for k, v in sorted(f.caught_at.items(), key=lambda x: -x[1])[:3])
        why = ", ".join(f"{k} {v}" for k, v in sorted(f.reasons.items(), key=lambda x: -x[1]))
        out.append(f"| {f.place} | {f.zone} | {f.route or '–'} | {f.unsafe} | {f.replications} | {where} | {why} |")
    out += ["", "Where people queue (P95 over replications):", "", "| where | kind | P95 queue | note |",
            "|---|---|---|---|"]
    for h in bn.hoists:
        out.append(f"| {h.hoist} | cage | {h.p95_queue:.0f} | mean wait {fmt_value(h.p50_wait_s, 's')} (median over "
                   f"replications), busy {h.p95_utilisation:.0%} (P95) |")
    for q in bn.queues[:5]:
        out.append(f"| {q.link} | {q.kind} | {q.p95_queue:.0f} | queue in {q.replications} replications |")
    for dest in bn.destinations:
        out.append(f"| {dest.node} | {dest.kind} | {dest.p95_people:.0f} people | capacity {dest.capacity or '–'} |")
    return [*out, ""]


def evaluation_json(ev: Evaluation) -> dict:
    g = ev.grades
    rob = ev.robustness
    return _clean({
        **_provenance(ev),
        "grade": {"label": ev.overall.label, "label_en": ev.overall.label_en, "score": ev.overall.score,
                  "capped_by_deficiency": ev.overall.capped, "deficiencies": ev.overall.deficiencies,
                  "must_correct": ev.overall.must_correct, "improvements": ev.overall.improvements},
        "metrics": {m: {"name": x.name, "grade": x.grade, "value": x.value, "unit": x.unit, "gate": x.gate,
                        "basis": x.basis, "bands": x.bands} for m, x in g.items()},
        "single_faults": None if rob is None else {
            "replications": rob.replications, "start_s": rob.fault_at_s, "left_out": list(rob.left_out),
            "runs": [{"fault": r.name, "m2_pass": r.m2_pass, "m3_pass": r.m3_pass, "t100_rise_s": r.t100_rise_s,
                      "breaks": rob.breaks(r), "unsafe": r.diffs["unsafe"].to_json(),
                      "late_warned": r.diffs["late_warned"].to_json()} for r in rob.runs]},
        "findings": [f.to_json() for f in ev.findings],
        "bottlenecks": bottlenecks_json(ev.bottlenecks),
    })


def _trial_json(t: Trial, chosen: set[str], labels: dict[str, str]) -> dict:
    return _clean({**t.candidate.to_json(), "verdict": t.verdict, "chosen": t.candidate.key in chosen,
                   "applied": labels.get(t.candidate.key),
                   "error": t.error or None, "gain": t.gain,
                   "effect": {k: d.to_json() for k, d in t.diffs.items()},
                   "effect_without_fault": {k: d.to_json() for k, d in t.plain.items()} if t.plain else None})


def recommendation_json(rec: Recommendation) -> dict:
    sel = rec.selection
    chosen = {c.key for c in sel.chosen}
    labels = {a.candidate.key: a.label for a in rec.applied}
    return _clean({
        **_provenance(rec.baseline),
        "budget": sel.budget, "spent": sel.spent, "costs": rec.costs, "objective_weights": OBJECTIVE_WEIGHTS,
        "baseline": evaluation_json(rec.baseline),
        "revisions": [_trial_json(t, chosen, labels) for t in rec.trials],
        "applied": [a.to_json() for a in rec.applied],  # every revision in the revised plan, R1, R2, …
        "chosen": [c.key for c in sel.chosen], "static": [c.key for c in sel.static],
        "combined_effect": {k: d.to_json() for k, d in sel.combined.items()},
        "combined_effect_under_fault": {f: {k: d.to_json() for k, d in ds.items()}
                                        for f, ds in sel.combined_under.items()},
        "revised": evaluation_json(rec.revised),
        "revised_plan": rec.revised_name,
    })


# ------------------------------------------------------------------ Markdown
_ci = fmt_ci
_value = fmt_mean


def _grades_table(before: Evaluation, after: Evaluation | None = None, names: tuple[str, str] = ("before",
                                                                                                 "after")) -> list[str]:
    head = f"| metric | {names[0]} |" + (f" {names[1]} |" if after else "")
    lines = [head, "|---|---|" + ("---|" if after else "")]

    def cell(g: grading.MetricGrade) -> str:
        gate = "" if g.gate is None else (" gate ✓" if g.gate else " gate ✗")
        return f"{g.grade}{gate} ({_value(g.value, g.unit)})"

    for m, g in before.grades.items():
        row = f"| {m} {g.name} | {cell(g)} |"
        if after:
            row += f" {cell(after.grades[m])} |"
        lines.append(row)
    o = before.overall
    row = f"| **overall** | **{o.label}** S = {o.score:.1f}; {o.deficiencies} 不足项, {o.must_correct} 整改项 |"
    if after:
        a = after.overall
        row += f" **{a.label}** S = {a.score:.1f}; {a.deficiencies} 不足项, {a.must_correct} 整改项 |"
    lines.append(row)
    return lines


def _finding_md(k: int, f: Finding) -> list[str]:
    return [f"{k}. **{f.cls} ({CLASS_EN[f.cls]})** · {f.metric} — {f.title}",
            f"   - Evidence: {f.evidence}",
            f"   - Requirement: {f.standard}",
            f"   - Plan clause: `{f.plan_ref}`",
            f"   - Addressed by: {', '.join(f.remedies) or '— (outside the plan: site works or data to record)'}"]


def _diff_table(diffs: dict[str, PairedDiff], a: str = "baseline", b: str = "revised") -> list[str]:
    lines = [f"| metric | {a} | {b} | difference, 95 % CI | verdict |", "|---|---|---|---|---|"]
    for key, label, unit, _ in PAIRED_METRICS:
        d = diffs.get(key)
        if d is None or d.n == 0:  # applies to neither plan
            continue
        lines.append(f"| {label_with_unit(label, unit)} | {_value(d.base_mean, unit)} | {_value(d.new_mean, unit)} | "
                     f"{_ci(d)} | {d.verdict} |")
    return lines


def recommendation_markdown(rec: Recommendation) -> str:
    base, sel = rec.baseline, rec.selection
    m = base.spec.meta
    fault_n = base.robustness.replications if base.robustness else 0
    out = [f"# Plan revision: {m.plan_id} v{m.plan_version}",
           "",
           f"Scenario **{m.scenario_title}** ({m.scenario_id}) · site {m.site_name} · seed {base.exercise.seed} · "
           f"{base.replications} replications per plan · single faults {fault_n} replications each · "
           f"drill {__version__}.",
           "",
           "Every revision below was re-simulated with the baseline's seed: replication *r* of both plans meets the "
           "same people, water and channel luck, so each effect is a paired difference with a Student-t 95 % "
           "confidence interval. Grades use the worst 5 % of replications. Thresholds marked [P] are the project's "
           "own (no standard gives them); costs are the project's own cost units.",
           "", "## Grade", "", *_grades_table(base, rec.revised), "",
           "## Findings of the plan as it is", ""]
    for k, f in enumerate(base.findings, 1):
        out += _finding_md(k, f)
    out += ["", *bottlenecks_markdown(base.bottlenecks, base.replications)]
    out += [f"## Revisions, ranked (budget {sel.budget:g}, spent {sel.spent:g})", "",
            "| # | revision | cost | under fault | verdict | Δ people not safe | Δ warned late | Δ objective "
            "| in the revised plan |",
            "|---|---|---|---|---|---|---|---|---|"]
    labels = {a.candidate.key: a.label for a in rec.applied}  # as the revised plan numbers them
    for k, t in enumerate(rec.trials, 1):
        d = t.diffs
        mark = labels.get(t.candidate.key, "")
        if t.error:
            out.append(f"| {k} | {t.candidate.title} | {t.candidate.cost:g} | {t.candidate.condition or ''} | "
                       f"invalid: {t.error} | | | | |")
            continue
        out.append(f"| {k} | {t.candidate.title} | {t.candidate.cost:g} | {t.candidate.condition or ''} | "
                   f"{t.verdict} | {_ci(d['unsafe'])} | {_ci(d['late_warned'])} | {_ci(d['objective'])} | {mark} |")
    out += ["", "A verdict of *no change* means every paired replication came out identical: the revision does "
            "nothing in this scenario. *No significant change* means the 95 % CI includes zero; *negligible* means "
            "significant but smaller than a hundredth of a person (or a minute of warning) per replication and cost "
            "unit [P]. Revisions tried only on top of "
            "earlier choices (found on the revised plan's own bottlenecks) are compared with that revised plan.", ""]
    out += ["## The chosen set", ""]
    if not sel.chosen and not sel.static:
        out.append("No revision improved the plan significantly within the budget; the revised plan is unchanged.")
    for k, c in enumerate(sel.chosen, 1):
        step = sel.steps[k - 1]
        out.append(f"- **R{k}** {c.title} (cost {c.cost:g}{', proved under ' + c.condition if c.condition else ''}); "
                   f"on top of the earlier ones: objective {_ci(step.diffs['objective'])}. Answers: "
                   f"{', '.join(c.addresses) or '—'}.")
    for k, c in enumerate(sel.static, len(sel.chosen) + 1):
        out.append(f"- **R{k}** {c.title} (cost {c.cost:g}; a correction on paper, with no simulated effect). "
                   f"Answers: {', '.join(c.addresses)}.")
    if sel.combined:
        out += ["", "All chosen revisions together against the plan as it is (no fault):", "",
                *_diff_table(sel.combined)]
    for fault, diffs in sel.combined_under.items():
        out += ["", f"The same under the single fault {fault}:", "", *_diff_table(diffs)]
    out += ["", "## Revised plan", "",
            f"`{rec.revised_name}` (validated with the same loader as `drill validate`); the changes against the "
            f"original are in `{Path(rec.revised_name).stem}.diff`. Its findings:", ""]
    for k, f in enumerate(rec.revised.findings, 1):
        out += _finding_md(k, f)
    out += ["", "## Thresholds and their sources", "", *_thresholds()]
    return "\n".join(out) + "\n"


def _bands(bands: tuple[float, ...], sign: str, minutes: bool = True) -> str:
    return ", ".join(f"{g} {sign} {b / 60:g} min" if minutes else f"{g} {sign} {b:.0%}"
                     for g, b in zip("ABC", bands, strict=True)) + " [P]"


def _thresholds() -> list[str]:
    return [
        f"- M1 order latency (P95): {_bands(grading.M1_BANDS_S, '≤')}",
        "- M2 gate: everyone at risk warned by the order before the water, in ≥ 95 % of replications (2023 Opinions);"
        f" grade on the last warning after the order (P95): {_bands(grading.M2_BANDS_S, '≤')}",
        "- M3 gate: nobody caught or left in the water, in ≥ 95 % of replications (AQ 2033-2011 4.2, 4.6); grade on "
        f"the smallest margin (P5): {_bands(grading.M3_BANDS_S, '≥')}",
        "- M4 county report within the plan's deadline and 1 h (条例 第九条); trigger reports within "
        f"{grading.INTERNAL_REPORT_LIMIT_S / 60:g} min [P]",
        f"- M5 steps on time (P5): {_bands(grading.M5_BANDS, '≥', minutes=False)}",
        "- M6 gate: no single fault makes M2/M3 fail or significantly worsens them (AQ/T 2052-2016 5.4.3; AQ/T 9009 "
        f"4.6); grade on the rise of the last warning: {_bands(grading.M6_BANDS_S, '≤')}",
        "- Overall S = 25 % M2 + 25 % M3 + 15 % M1 + 10 % M4 + 15 % M5 + 10 % M6 (A 100, B 85, C 70, D 40), over "
        "the metrics that apply; 优秀 ≥ 90 with no 不足项 and ≤ 2 整改项, 良好 ≥ 80, 一般 ≥ 65, else 差; any "
        "不足项 caps the grade at 差 [P]",
        "- Objective of the revision search [P]: " + ", ".join(f"{k} × {v:g}" for k, v in OBJECTIVE_WEIGHTS.items()),
    ]


def comparison_markdown(cmp: PlanComparison) -> str:
    a, b = cmp.a, cmp.b
    ma = a.spec.meta
    names = (f"A: {cmp.names[0]}", f"B: {cmp.names[1]}")
    out = [f"# Plan comparison: {names[0]} vs {names[1]}", "",
           f"Scenario **{ma.scenario_title}** · seed {a.exercise.seed} · {a.replications} paired replications "
           f"(common random numbers) · drill {__version__}.", "", "## Grades", "",
           *_grades_table(a, b, names), "", "## Paired differences (B − A)", "",
           *_diff_table(cmp.diffs, "A", "B"), "", "## Findings of A", ""]
    for k, f in enumerate(a.findings, 1):
        out += _finding_md(k, f)
    out += ["", "## Findings of B", ""]
    for k, f in enumerate(b.findings, 1):
        out += _finding_md(k, f)
    return "\n".join(out) + "\n"


def comparison_json(cmp: PlanComparison) -> dict:
    return _clean({"a": evaluation_json(cmp.a), "b": evaluation_json(cmp.b),
                   "paired_difference_b_minus_a": {k: d.to_json() for k, d in cmp.diffs.items()}})


# ------------------------------------------------------------------ the report's revisions
@dataclass(frozen=True)
class ReportRevision:
    """A chosen revision as the report lists it (:func:`drills.experiment.report.revisions`).

    Attributes:
        effective: False for a revision on paper only (not simulated), left out of the summary's
            "most effective".
    """

    title: str
    metric: str
    before: str
    after: str
    effective: bool = True


def most_improved(diffs: dict[str, PairedDiff]) -> PairedDiff | None:
    """The metric a revision improves most: of those significantly better, the largest change relative to
    the larger of its two means, at most 100 % (2 → 0 people is 100 %, 90 % → 100 % warned is 10 %); ties in
    the order of :data:`~drills.experiment.paired.PAIRED_METRICS` (people not safe first). The search
    objective if no other metric is better."""
    order = [k for k, *_ in PAIRED_METRICS]
    better = [d for k, d in diffs.items() if k != "objective" and d.verdict == "better" and d.n > 0]
    if not better:
        return diffs.get("objective")

    def rel(d: PairedDiff) -> float:
        scale = max(abs(d.base_mean), abs(d.new_mean))
        return min(abs(d.mean_diff) / scale, 1.0) if scale > 0 else 0.0  # capped: "never" counts as 100 %

    return max(better, key=lambda d: (round(rel(d), 9), -order.index(d.key)))


def _value_text(v: float, unit: str, t: Any) -> str:
    return t.value(v, unit) if unit in ("s", "share") else fmt_value(v, "")


def _revision_row(title: str, d: PairedDiff | None, basis: str, t: Any) -> ReportRevision:
    title = t("rev_title", title=title, basis=basis)
    if d is None or d.n == 0:
        return ReportRevision(title, "–", "–", "–")
    label = t.metric(d.key, d.label)
    if d.verdict != "better":
        label += t("rev_not_significant")
    return ReportRevision(title, label, _value_text(d.base_mean, d.unit, t), _value_text(d.new_mean, d.unit, t))


def report_revisions(rec: Recommendation, t: Any) -> list[ReportRevision]:
    """The chosen revisions R1, R2, … with the metric each improves most, before → after.

    A revision tried alone against the plan as it is (every candidate found in the baseline's findings)
    shows that trial: before is the baseline's mean. A revision found only once earlier ones were chosen
    was never tried alone; it shows the trial that chose it, on top of those. With two or more, the last
    rows give every chosen revision together against the plan as it is (the search's combined comparison:
    without a fault, then under each fault a chosen revision was proved under). Revisions on paper only
    (not simulated) follow, without numbers. A metric shown without a significant improvement (only the
    search objective, as a fallback) is marked so.
    """
    sel = rec.selection
    initial = {c.key for c in rec.candidates}
    alone = {tr.candidate.key: tr for tr in rec.trials if tr.candidate.key in initial and not tr.error}
    rows: list[ReportRevision] = []
    for k, (c, step) in enumerate(zip(sel.chosen, sel.steps, strict=True), 1):
        tr = alone.get(c.key)
        if tr is not None:
            basis = t("rev_alone")
        else:
            tr = step
            basis = t("rev_on_top", prev="R1" if k == 2 else f"R1–R{k - 1}")
        if c.condition:
            basis += t("rev_sep") + t("rev_under", fault=c.condition)
        rows.append(_revision_row(f"R{k} {c.words(t.lang)}", most_improved(tr.diffs), basis, t))
    together = t("rev_together", first="R1", last=f"R{len(sel.chosen)}")
    if len(sel.chosen) > 1 and sel.combined:
        rows.append(_revision_row(together, most_improved(sel.combined), t("rev_together_basis"), t))
    for fault, diffs in sorted(sel.combined_under.items()) if len(sel.chosen) > 1 else ():
        if diffs:
            rows.append(_revision_row(together, most_improved(diffs), t("rev_together_basis") + t("rev_sep")
                                      + t("rev_under", fault=fault), t))
    for k, c in enumerate(sel.static, len(sel.chosen) + 1):
        rows.append(ReportRevision(f"R{k} {c.words(t.lang)}", t("rev_static"), "–", "–", effective=False))
    return rows or [ReportRevision(t("no_revisions_chosen"), "", "–", "–", effective=False)]


def write_report(rec: Recommendation, folder: Path, lang: str = "en") -> None:
    """The baseline drill's full report, graded, with the chosen revisions: report.pdf and figures/."""
    from dataclasses import replace

    from drills.experiment import figures, report
    from drills.experiment.graded import graded_card
    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    base = rec.baseline
    ex = base.exercise
    card = graded_card(scorecard(ex), base)
    card = replace(card, revisions=tuple(report_revisions(rec, Text(lang))))
    (folder / "figures").mkdir()
    figs = figures.make_figures(ex, card, folder / "figures", lang=lang)
    report.write_pdf(ex, card, figs, folder / "report.pdf", lang=lang)


# ------------------------------------------------------------------ writing
def _write_all(files: dict[str, str], out_dir: str | Path,
               more: Callable[[Path], None] | None = None) -> dict[str, Path]:
    """Write every file (and whatever ``more`` writes into the folder it is given) into a temporary folder
    beside ``out_dir``, then move each into place."""
    def fill(tmp: Path) -> None:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        if more is not None:
            more(tmp)

    return write_staged(out_dir, fill)


def write_recommendation(rec: Recommendation, out_dir: str | Path, *, lang: str = "en",
                         pdf: bool = True) -> dict[str, Path]:
    """recommendations.md, recommendations.json, the revised plan and its diff, and (``pdf``) the baseline's
    report with the chosen revisions: report.pdf and figures/."""
    stem = Path(rec.revised_name).stem
    return _write_all({
        "recommendations.md": recommendation_markdown(rec),
        "recommendations.json": json.dumps(recommendation_json(rec), indent=2, ensure_ascii=False) + "\n",
        rec.revised_name: rec.revised_text,
        f"{stem}.diff": rec.diff,
    }, out_dir, (lambda folder: write_report(rec, folder, lang)) if pdf else None)


def write_comparison(cmp: PlanComparison, out_dir: str | Path) -> dict[str, Path]:
    return _write_all({
        "comparison.md": comparison_markdown(cmp),
        "comparison.json": json.dumps(comparison_json(cmp), indent=2, ensure_ascii=False) + "\n",
    }, out_dir)
