"""What ``drill recommend`` and ``drill compare`` write: JSON for tools, Markdown for the planner and the
regulator, the revised plan and its diff — atomically, as :mod:`drills.experiment.outputs` does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from drills import __version__
from drills.experiment import grading
from drills.experiment.bottlenecks import Bottlenecks
from drills.experiment.evaluation import Evaluation, overall_without
from drills.experiment.finding_text import PHRASES, Say, clause
from drills.experiment.findings import Finding, class_label, requirement_tags, tags_cited
from drills.experiment.i18n import Text
from drills.experiment.outputs import input_warnings_json
from drills.experiment.paired import PAIRED_METRICS, PairedDiff, fmt_ci, fmt_mean, fmt_side, label_with_unit
from drills.experiment.proposals import Proposed, propose
from drills.experiment.readings import OBJECTIVE_WEIGHTS
from drills.experiment.recommendation import PlanComparison, Recommendation
from drills.experiment.revisions import ROUTE_SAFETY_S, Context
from drills.experiment.search import Trial
from drills.experiment.staging import write_staged
from drills.experiment.units import percent


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


def bottlenecks_markdown(bn: Bottlenecks, n: int, t: Text | None = None) -> list[str]:
    """The bottleneck analysis in tables (person-replications are summed over the n replications), in the
    language of ``t`` (English by default): the planner's ids as written."""
    t = t or Text("en")
    s = Say(t.lang)
    sep = t("md_list_sep")

    def cause(c: str) -> str:  # English keeps the analysis's own keys (channel_out, late_warning)
        return s.table("cause_words").get(c, c) if t.zh else c

    def reason(r: str) -> str:
        return s.table("reasons").get(r, r) if t.zh else r

    out = [t("md_bn"), "", t("md_bn_late", n=n), "", t("md_bn_late_cols"), "|---|---|---|---|---|---|---|---|"]
    for w in bn.warnings:
        causes = sep.join(f"{cause(c)} {v}" for c, v in sorted(w.causes.items(), key=lambda x: -x[1])) or "–"
        out.append(f"| {w.place} | {t.zone(w.zone)} | {w.people} | {w.late} | {w.late_replications} | {w.never} | "
                   f"{causes} | {sep.join(w.channels) or t('md_none')} |")
    out += ["", t("md_bn_roles"), "", t("md_bn_roles_cols"), "|---|---|---|---|---|---|---|"]
    for d in bn.role_delays:
        step = s.table("steps").get(d.step, d.step) if t.zh else d.step
        order = s.table("orders").get(d.order, d.order) if t.zh else d.order
        out.append(f"| {d.role} | {step} | {order} | {t.value(d.p50_s, 's')} | {t.value(d.p95_s, 's')} | "
                   f"{d.replications} | {d.absent_replications} |")
    out += ["", t("md_bn_unsafe"), "", t("md_bn_unsafe_cols"), "|---|---|---|---|---|---|---|"]
    for f in bn.route_floods:
        where = sep.join(f"{k} {v}" for k, v in sorted(f.caught_at.items(), key=lambda x: -x[1])[:3])
        why = sep.join(f"{reason(k)} {v}" for k, v in sorted(f.reasons.items(), key=lambda x: -x[1]))
        out.append(f"| {f.place} | {t.zone(f.zone)} | {f.route or '–'} | {f.unsafe} | {f.replications} | {where} | "
                   f"{why} |")
    out += ["", t("md_bn_queues"), "", t("md_bn_queues_cols"), "|---|---|---|---|"]
    for h in bn.hoists:
        note = t("md_cage_note", wait=t.value(h.p50_wait_s, "s"), busy=h.p95_utilisation)
        out.append(f"| {h.hoist} | {t('md_cage')} | {h.p95_queue:.0f} | {note} |")
    for q in bn.queues[:5]:
        out.append(f"| {q.link} | {t.term(q.kind) if t.zh else q.kind} | {q.p95_queue:.0f} | "
                   f"{t('md_queue_note', n=q.replications)} |")
    for dest in bn.destinations:
        out.append(f"| {dest.node} | {t.term(dest.kind) if t.zh else dest.kind} | "
                   f"{t('md_people', n=dest.p95_people)} | {t('md_capacity', n=dest.capacity or '–')} |")
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
        "single_faults": None if rob is None else rob.to_json(),
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
        # what each chosen revision adds to those chosen before it: the trial that chose it (R1 against the plan as
        # it is, R2 against the plan with R1, …), under the single fault it was proved under if any
        "steps": [{"label": f"R{k}", "key": c.key, "on_top_of": [f"R{j}" for j in range(1, k)],
                   "under_fault": c.condition, "effect": {m: d.to_json() for m, d in step.diffs.items()},
                   "effect_without_fault": {m: d.to_json() for m, d in step.plain.items()} if step.plain else None}
                  for k, (c, step) in enumerate(zip(sel.chosen, sel.steps, strict=True), 1)],
        "combined_effect": {k: d.to_json() for k, d in sel.combined.items()},
        "combined_effect_under_fault": {f: {k: d.to_json() for k, d in ds.items()}
                                        for f, ds in sel.combined_under.items()},
        "revised": evaluation_json(rec.revised),
        "revised_plan": rec.revised_name,
        # what no revision tried can do, in facts (the terminal and the reports say it in words)
        "beyond_warning": [asdict(o) for o in rec.out_of_reach], "beyond_route": [asdict(w) for w in rec.no_way],
    })


# ------------------------------------------------------------------ Markdown
_ci = fmt_ci
_value = fmt_mean


def graded_value(g: grading.MetricGrade, t: Text, duration_s: float) -> str:
    """A graded metric's value as the scorecard and the report write it: M3's smallest margin "not all safe" when
    someone was not (it read "−∞") or "≥ the drill's length" when no water came; a time never reached "never"; a
    metric not graded, why (it read "– (–)")."""
    if g.grade == "–":
        return t(why_ungraded(g.basis))
    if g.metric == "M3" and g.unit == "s":
        return t.margin(g.value, duration_s)
    value = _value(g.value, g.unit)
    return t("never") if value == "never" else value


def grade_rows(before: Evaluation, after: Evaluation | None, t: Text) -> list[list[str]]:
    """Each metric's grade of one plan, or of two side by side: the metric, then "B gate ✓ (0:12:00)" for each."""
    def cell(g: grading.MetricGrade) -> str:
        gate = "" if g.gate is None else t("md_gate_ok" if g.gate else "md_gate_fail")
        return f"{g.grade}{gate} ({graded_value(g, t, before.spec.duration_s)})"

    return [[f"{m} {t.graded(m, g.name)}", cell(g), *([cell(after.grades[m])] if after else [])]
            for m, g in before.grades.items()]


def trial_rows(rec: Recommendation, t: Text) -> list[list[str]]:
    """Every revision ``drill recommend`` re-simulated, in the order tried: its number, words, cost, the single fault
    it was proved under, its verdict (on the search objective), the paired differences in people not safe, people
    warned late and the objective (95 % CIs), and its label in the revised plan if chosen (as recommendations.md and
    the report list them)."""
    labels = {a.candidate.key: a.label for a in rec.applied}  # as the revised plan numbers them
    rows = []
    for k, tr in enumerate(rec.trials, 1):
        c, d = tr.candidate, tr.diffs
        head = [str(k), c.words(t.lang), f"{c.cost:g}", c.condition or ""]
        if tr.error:
            rows.append([*head, t("md_invalid", error=tr.error), "", "", "", ""])
            continue
        rows.append([*head, _verdict(tr.verdict, t), _ci(d["unsafe"]), _ci(d["late_warned"]), _ci(d["objective"]),
                     labels.get(c.key, "")])
    return rows


def revision_grades(rec: Recommendation, t: Text) -> tuple[tuple[str, str, str], ...]:
    """The report's table of the grades before and after ``drill recommend``'s revisions, the overall grade last
    (as recommendations.md gives them); none where no revision was made."""
    if not rec.applied:
        return ()
    rows = [(name, a, b) for name, a, b in grade_rows(rec.baseline, rec.revised, t)]
    a, b = (t("rev_overall_cell", label=o.label, score=o.score, d=o.deficiencies, m=o.must_correct)
            for o in (rec.baseline.overall, rec.revised.overall))
    return (*rows, (t("rev_overall"), a, b))


def _grades_table(before: Evaluation, after: Evaluation | None = None, names: tuple[str, str] | None = None,
                  t: Text | None = None, short: tuple[str, str] | None = None) -> list[str]:
    t = t or Text("en")
    names = names or (t("md_before"), t("md_after"))
    head = f"| {t('md_col_metric')} | {names[0]} |" + (f" {names[1]} |" if after else "")
    lines = [head, "|---|---|" + ("---|" if after else "")]
    lines += ["| " + " | ".join(row) + " |" for row in grade_rows(before, after, t)]
    row = t("md_overall")
    for ev in (before, after) if after else (before,):
        o = ev.overall
        row += t("md_overall_cell", label=o.label, score=o.score, d=o.deficiencies, m=o.must_correct)
    lines.append(row)
    left_out = grading.graded_for_one(before.grades, after.grades) if after else ()
    if after and left_out:
        row = t("md_overall_both", metrics=t("md_list_sep").join(left_out))
        for ev in (before, after):
            o = overall_without(ev, left_out)
            row += t("md_overall_cell", label=o.label, score=o.score, d=o.deficiencies, m=o.must_correct)
        lines += [row, "", *graded_for_one_notes(before, after, short or names, t)]
    return lines


def answered(keys: Sequence[str], rec: Recommendation, t: Text) -> str:
    """The findings a revision answers, by their numbers in recommendations.md's lists (the plan as it is first,
    then the revised plan's own, for a revision found on the revised plan's bottlenecks); a key in neither list is
    given as it is."""
    base = {f.key: k for k, f in enumerate(rec.baseline.findings, 1)}
    revised = {f.key: k for k, f in enumerate(rec.revised.findings, 1)}
    numbers = sorted({base[key] for key in keys if key in base})
    told = ([t("md_answers_finding", k=numbers[0]) if len(numbers) == 1 else
             t("md_answers_findings", ks=PHRASES[t.lang]["sep"].join(map(str, numbers)))] if numbers else [])
    told += [t("md_answers_revised", k=revised[key]) if key in revised else key for key in keys if key not in base]
    return t("md_list_sep").join(told) or "—"


def out_of_reach_lines(rec: Recommendation, t: Text) -> list[str]:
    """What the planner is told of each place no revision of the warning reaches before the water, and of each
    place no new route can help, in the language of ``t``."""
    return [*(t("out_of_reach_dam" if o.dam else "out_of_reach", place=o.place, lead=t.value(o.lead_s, "s"),
                after=t("after_breach" if o.after_breach else "after_first_trigger")) for o in rec.out_of_reach),
            *(t("no_way", place=w.place, dep=t.value(w.departed_s, "s"), safety=t.value(ROUTE_SAFETY_S, "s"),
                dest=t("no_way_miner" if w.miner else "no_way_resident")) for w in rec.no_way)]


def why_ungraded(basis: str) -> str:
    """The phrase (of :mod:`i18n`) that says why a metric with the basis ``basis`` was not graded."""
    return ("why_not_assessable" if basis.startswith("not assessable") else
            "why_not_assessed" if basis.startswith("not assessed") else "why_not_applicable")


def graded_for_one_notes(a: Evaluation, b: Evaluation, names: tuple[str, str], t: Text) -> list[str]:
    """Why two plans' overall grades do not compare like with like: each metric graded for one only, for which
    (``names``: how the table heads them), and why not for the other."""
    out = []
    for m in grading.graded_for_one(a.grades, b.grades):
        first_ungraded = a.grades[m].grade == "–"
        why = why_ungraded((a if first_ungraded else b).grades[m].basis)
        graded, other = (names[1], names[0]) if first_ungraded else names
        out.append(t("graded_for_one", metric=m, graded=graded, other=other, why=t(why)))
    return out


def requirements_md(found: Sequence[Finding], t: Text) -> tuple[list[str], dict[str, str]]:
    """The requirements ``found`` cite, each stated once under its tag (S1, S2, …) as the report's findings section
    lists them (:func:`~drills.experiment.findings.requirement_tags`), and those tags, for the findings to cite."""
    tags = requirement_tags(found, t.lang)
    if not tags:
        return [], tags
    return ["## " + t("findings_requirements"), "", t("findings_requirements_intro"), "",
            *(f"- **{tag}** {text}" for text, tag in tags.items())], tags


def _finding_md(k: int, f: Finding, tags: dict[str, str], t: Text | None = None, proposed: str = "",
                also: str = "") -> list[str]:
    """A finding as a numbered item, citing its requirements by their ``tags`` (:func:`requirements_md`); with
    ``proposed``, what to change for it as :meth:`Proposed.told` says it (its head, then each change); with ``also``,
    the findings of the same place to read with it (:meth:`Proposed.also`)."""
    t = t or Text("en")
    title, evidence, _ = f.words(t.lang)
    told = t.zh and f.kind  # a finding given in finished words keeps them
    plan_clause = clause(f.refs, t.lang) if told and f.refs else f.plan_ref
    remedies = t("md_list_sep").join(t.term(r) if t.zh else r for r in f.remedies)
    cls = class_label(f.cls, t.zh)  # the Chinese class is the standards' own word, glossed in English
    requirement = tags_cited(f, tags, t.lang)
    return [t("md_finding", k=k, cls=cls, metric=f.metric, title=title),
            t("md_evidence", text=evidence),
            *([t("md_requirement", text=requirement)] if requirement else []),
            t("md_clause", text=plan_clause),
            t("md_addressed", text=remedies or t("md_outside")),
            *(_proposed_md(proposed) if proposed else []),
            *([f"   - {also}"] if also else [])]


def _proposed_md(proposed: str) -> list[str]:
    head, *rest = proposed.split("\n")
    return [f"   - {head}", *(f"     - {line.removeprefix('• ')}" for line in rest)]


def _verdict(verdict: str, t: Text) -> str:
    return t("verdict_" + verdict.replace(" ", "_")) if t.zh else verdict


def diff_rows(diffs: dict[str, PairedDiff], t: Text) -> list[tuple[str, str, str, str, str]]:
    """The paired metrics as a table shows them, in the language of ``t``: the metric's name, the two means, the
    difference with its 95 % CI, the verdict. A metric that applies to neither plan (expected fatalities
    underground) is left out: it is not a "no change"."""
    rows = []
    for key, label, unit, _ in PAIRED_METRICS:
        d = diffs.get(key)
        if d is None or d.n == 0:
            continue
        name = t.metric(key, label) if t.zh else label_with_unit(label, unit)
        before, after = (fmt_side(d, side, t("never"), t("margin_not_all")) for side in ("base", "new"))
        rows.append((name, before, after, _ci(d), _verdict(d.verdict, t)))
    return rows


def capped_note(diffs: dict[str, PairedDiff], duration_s: float, t: Text) -> list[str]:
    """The note that says what a mean marked :data:`~drills.experiment.paired.CAPPED_MARK` is, where one is shown."""
    if not any(d.n and (d.base_capped or d.new_capped) for d in diffs.values()):
        return []
    return [t("capped_note", duration=t.value(duration_s, "s"))]


def caught_note(diffs: dict[str, PairedDiff], t: Text) -> list[str]:
    """Where the people caught by the water rose but the expected fatalities did not, what the count leaves out
    (those sheltering upstairs or still at home), so that a planner reads it with the fatalities."""
    caught, deaths = diffs.get("caught"), diffs.get("expected_fatalities")
    if caught is None or deaths is None or caught.verdict != "worse" or deaths.verdict == "worse":
        return []
    return [t("caught_note")]


def _diff_table(diffs: dict[str, PairedDiff], duration_s: float, a: str | None = None, b: str | None = None,
                t: Text | None = None) -> list[str]:
    t = t or Text("en")
    lines = [t("md_diff_cols", a=a or t("md_baseline"), b=b or t("md_revised")), "|---|---|---|---|---|"]
    note = [*capped_note(diffs, duration_s, t), *caught_note(diffs, t)]
    return lines + [f"| {' | '.join(row)} |" for row in diff_rows(diffs, t)] + (["", *note] if note else [])


def recommendation_markdown(rec: Recommendation, t: Text | None = None) -> str:
    """recommendations.md in the language of ``t`` (English by default)."""
    t = t or Text("en")
    base, sel = rec.baseline, rec.selection
    m = base.spec.meta
    duration = base.spec.duration_s
    fault_n = base.robustness.replications if base.robustness else 0
    out = [t("md_title", plan=m.plan_id, version=m.plan_version),
           "",
           t("md_head", title=m.scenario_title, id=m.scenario_id, site=m.site_name, seed=base.exercise.seed,
             n=base.replications, faults=fault_n, version=__version__),
           "",
           t("md_method"),
           "", t("md_grade"), "", *_grades_table(base, rec.revised, t=t), ""]
    listed, tags = requirements_md([*base.findings, *rec.revised.findings], t)  # of both plans' findings, once
    out += [*listed, ""] if listed else []
    out += [t("md_findings"), ""]
    proposed = chosen_proposals(rec)
    told = Proposed.told([proposed.get(f.key) for f in base.findings], t.lang, here=True, also=False)
    for k, (f, said) in enumerate(zip(base.findings, told, strict=True), 1):
        p = proposed.get(f.key)
        out += _finding_md(k, f, tags, t, said, p.also(t.lang) if p is not None else "")
    out += ["", *bottlenecks_markdown(base.bottlenecks, base.replications, t)]
    out += [t("md_ranked", budget=sel.budget, spent=sel.spent), "", t("md_ranked_cols"),
            "|---|---|---|---|---|---|---|---|---|"]
    out += ["| " + " | ".join(row) + " |" for row in trial_rows(rec, t)]
    out += ["", t("md_verdicts"), ""]
    out += [t("md_chosen"), ""]
    if not sel.chosen and not sel.static:
        out.append(t("md_chosen_none"))
    for k, c in enumerate(sel.chosen, 1):
        step = sel.steps[k - 1]  # the trial that admitted it: against the plan as it is for R1, on top of R1… after
        basis = t("rev_alone") if k == 1 else t("rev_on_top", prev=_before(k))
        out.append(t("md_chosen_one", k=k, title=c.words(t.lang), cost=c.cost,
                     proved=t("md_proved_under", fault=c.condition) if c.condition else "", basis=basis,
                     ci=_ci(step.diffs["objective"]), answers=answered(c.addresses, rec, t)))
    for k, c in enumerate(sel.static, len(sel.chosen) + 1):
        out.append(t("md_static_one", k=k, title=c.words(t.lang), cost=c.cost,
                     answers=answered(c.addresses, rec, t)))
    beyond = out_of_reach_lines(rec, t)
    if beyond:
        out += ["", *(f"- **{line}**" for line in beyond)]
    if len(sel.chosen) > 1:  # what each adds to those before it: the search's own trials, as the report shows them
        steps = [r for r in report_revisions(rec, t) if r.effective]
        out += ["", t("md_steps"), "", t("md_steps_cols"), "|---|---|---|---|---|",
                *(f"| {r.title} | {r.metric} | {r.before} | {r.after} | {r.change} |" for r in steps)]
        if any(r.capped for r in steps):
            out += ["", t("capped_note", duration=t.value(duration, "s"))]
    if sel.combined:
        out += ["", t("md_combined"), "", *_diff_table(sel.combined, duration, t=t)]
    for fault, diffs in sel.combined_under.items():
        out += ["", t("md_combined_under", fault=fault), "", *_diff_table(diffs, duration, t=t)]
    out += ["", t("md_revised_plan"), "",
            t("md_revised_intro", name=rec.revised_name, diff=f"{Path(rec.revised_name).stem}.diff"), ""]
    for k, f in enumerate(rec.revised.findings, 1):
        out += _finding_md(k, f, tags, t)
    out += ["", t("md_thresholds"), "", *_thresholds(t)]
    return "\n".join(out) + "\n"


def _bands(bands: tuple[float, ...], sign: str, t: Text, minutes: bool = True) -> str:
    return t("md_band_sep").join(f"{g} {sign} {b / 60:g} {t('md_min')}" if minutes else f"{g} {sign} {percent(b)}"
                                 for g, b in zip("ABC", bands, strict=True)) + " [P]"


def _thresholds(t: Text) -> list[str]:
    return [
        t("md_m1", bands=_bands(grading.M1_BANDS_S, "≤", t)),
        t("md_m2", bands=_bands(grading.M2_BANDS_S, "≤", t)),
        t("md_m3", bands=_bands(grading.M3_BANDS_S, "≥", t)),
        t("md_m4", limit=grading.INTERNAL_REPORT_LIMIT_S / 60),
        t("md_m5", bands=_bands(grading.M5_BANDS, "≥", t, minutes=False)),
        t("md_m6", bands=_bands(grading.M6_BANDS_S, "≤", t)),
        t("md_overall_rule"),
        t("md_objective", weights=t("md_band_sep").join(
            t("md_weight_min" if k in _PER_MINUTE else "md_weight", w=v,
              term=t.metric(_PER_MINUTE.get(k, k), k) if t.zh else k) for k, v in OBJECTIVE_WEIGHTS.items())),
    ]


#: The search objective's terms counted per minute, and the paired metric each is the minutes of.
_PER_MINUTE = {"t100_min": "t100_after_order_s", "latency_min": "order_latency_s"}


def comparison_markdown(cmp: PlanComparison, t: Text | None = None) -> str:
    """comparison.md in the language of ``t`` (English by default)."""
    t = t or Text("en")
    a, b = cmp.a, cmp.b
    names = (t("md_cmp_plan", k="A", name=cmp.names[0]), t("md_cmp_plan", k="B", name=cmp.names[1]))
    out = [t("md_cmp_title", a=names[0], b=names[1]), "",
           t("md_cmp_head", title=a.spec.meta.scenario_title, seed=a.exercise.seed, n=a.replications,
             version=__version__), "", t("md_cmp_grades"), "",
           *_grades_table(a, b, names, t, ("A", "B")), "", t("md_cmp_diffs"), "",
           *_diff_table(cmp.diffs, a.spec.duration_s, "A", "B", t)]
    listed, tags = requirements_md([*a.findings, *b.findings], t)
    out += ["", *listed] if listed else []
    for k, ev in (("A", a), ("B", b)):
        out += ["", t("md_cmp_findings", k=k), ""]
        for i, f in enumerate(ev.findings, 1):
            out += _finding_md(i, f, tags, t)
    return "\n".join(out) + "\n"


def _overall_json(o: grading.Overall) -> dict:
    return {"label": o.label, "label_en": o.label_en, "score": o.score, "capped_by_deficiency": o.capped,
            "deficiencies": o.deficiencies, "must_correct": o.must_correct, "improvements": o.improvements}


def comparison_json(cmp: PlanComparison) -> dict:
    left_out = grading.graded_for_one(cmp.a.grades, cmp.b.grades)
    return _clean({"a": evaluation_json(cmp.a), "b": evaluation_json(cmp.b),
                   "paired_difference_b_minus_a": {k: d.to_json() for k, d in cmp.diffs.items()},
                   # the grades set side by side only over the metrics graded for both plans
                   "graded_for_one_plan_only": list(left_out),
                   "grade_without_them": {k: _overall_json(overall_without(ev, left_out))
                                          for k, ev in (("a", cmp.a), ("b", cmp.b))}})


# ------------------------------------------------------------------ the report's revisions
@dataclass(frozen=True)
class ReportRevision:
    """A chosen revision as the report lists it (:func:`drills.experiment.report.revisions`).

    Attributes:
        change: the paired difference after − before of the metric shown, with its 95 % confidence interval.
        effective: False for a revision on paper only (not chosen for a simulated gain), left out of the summary's
            "most effective".
        capped: before or after counts "never" as the drill's length in some replication (the report says what
            that means beneath the table).
    """

    title: str
    metric: str
    before: str
    after: str
    change: str = ""
    effective: bool = True
    capped: bool = False


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
    """A mean as the row's difference gives it (two decimals for a count, so that before − after reads as the
    difference shown beside them), times and shares in the report's language."""
    return t.value(v, unit) if unit in ("s", "share") else fmt_mean(v, unit)


def _revision_row(title: str, d: PairedDiff | None, basis: str, t: Any) -> ReportRevision:
    title = t("rev_title", title=title, basis=basis)
    if d is None or d.n == 0:
        return ReportRevision(title, "–", "–", "–", "–")
    label = t.metric(d.key, d.label)
    if d.verdict != "better":
        label += t("rev_not_significant")
    capped = bool(d.base_capped or d.new_capped)
    before, after = (fmt_side(d, side, t("never"), t("margin_not_all")) if capped
                     else _value_text(d.base_mean if side == "base" else d.new_mean, d.unit, t)
                     for side in ("base", "new"))
    return ReportRevision(title, label, before, after, fmt_ci(d), capped=capped)


def report_revisions(rec: Recommendation, t: Any) -> list[ReportRevision]:
    """The chosen revisions R1, R2, … in the order chosen, each with what it adds to those before it: the metric it
    improves most, before → after, and the paired difference with its 95 % CI.

    Each row is the search's own trial that chose the revision (:attr:`Selection.steps`): R1 against the plan as it
    is, R2 against the plan with R1, R3 against the plan with R1 and R2, … — the plan from as it is to as revised,
    one revision at a time, each step on the same random numbers, nothing run again. (Each revision alone against the
    plan as it is is in the table of every revision tried.) With two or more, the last rows give every chosen
    revision together against the plan as it is (the search's combined comparison: without a fault, then under each
    fault a chosen revision was proved under). Revisions on paper only (not chosen for a simulated gain) follow,
    without numbers. A metric shown without a significant improvement (only the search objective, as a fallback) is
    marked so.
    """
    sel = rec.selection
    rows: list[ReportRevision] = []
    for k, (c, step) in enumerate(zip(sel.chosen, sel.steps, strict=True), 1):
        basis = t("rev_alone") if k == 1 else t("rev_on_top", prev=_before(k))
        if c.condition:
            basis += t("rev_sep") + t("rev_under", fault=c.condition)
        rows.append(_revision_row(f"R{k} {c.words(t.lang)}", most_improved(step.diffs), basis, t))
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


def _before(k: int) -> str:
    """The revisions chosen before R``k``, as the report names them: "R1", "R1–R3"."""
    return "R1" if k == 2 else f"R1–R{k - 1}"


def chosen_proposals(rec: Recommendation) -> dict[str, Proposed]:
    """What to change for each of the baseline's findings, from the candidates ``drill recommend`` tried: those
    it chose marked proven by their label in the revised plan (R1, R2, …), or made on paper, and those it
    re-simulated and did not choose marked so."""
    base = rec.baseline
    done = rec.applied
    tried = {c.key for c in rec.candidates}
    ctx = Context.of(base.loaded, base.spec, base.exercise.results, rec.costs, base.assessed_faults)
    return propose(base.findings, ctx, {a.candidate.key: (a.label, not a.simulated) for a in done},
                   [*rec.candidates, *(a.candidate for a in done if a.candidate.key not in tried)],
                   frozenset(tr.candidate.key for tr in rec.trials if not tr.error))


def write_report(rec: Recommendation, folder: Path, lang: str = "en") -> None:
    """The baseline drill's full report, graded, with the chosen revisions: report.pdf and figures/."""
    from dataclasses import replace

    from drills.experiment import figures, report
    from drills.experiment.graded import graded_card
    from drills.experiment.scorecard import scorecard

    base = rec.baseline
    ex = base.exercise
    card = graded_card(scorecard(ex), base, chosen_proposals(rec))
    card = replace(card, revisions=tuple(report_revisions(rec, Text(lang))),
                   revision_grades=revision_grades(rec, Text(lang)),
                   revision_trials=tuple(tuple(row) for row in trial_rows(rec, Text(lang))),
                   beyond_warning=tuple(out_of_reach_lines(rec, Text(lang))))
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


def write_recommendation(rec: Recommendation, out_dir: str | Path, *, t: Text | None = None,
                         pdf: bool = True) -> dict[str, Path]:
    """recommendations.md, recommendations.json, the revised plan and its diff, and (``pdf``) the baseline's
    report with the chosen revisions: report.pdf and figures/. recommendations.md and the report are in the
    language of ``t`` (English by default); the JSON, the plan and its diff are as the plan is written."""
    t = t or Text("en")
    stem = Path(rec.revised_name).stem
    return _write_all({
        "recommendations.md": recommendation_markdown(rec, t),
        "recommendations.json": json.dumps(recommendation_json(rec), indent=2, ensure_ascii=False) + "\n",
        rec.revised_name: rec.revised_text,
        f"{stem}.diff": rec.diff,
    }, out_dir, (lambda folder: write_report(rec, folder, t.lang)) if pdf else None)


def write_comparison(cmp: PlanComparison, out_dir: str | Path, *, t: Text | None = None) -> dict[str, Path]:
    """comparison.md, in the language of ``t`` (English by default), and comparison.json, the same in both."""
    return _write_all({
        "comparison.md": comparison_markdown(cmp, t),
        "comparison.json": json.dumps(comparison_json(cmp), indent=2, ensure_ascii=False) + "\n",
    }, out_dir)
