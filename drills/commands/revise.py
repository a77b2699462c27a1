"""``drill recommend`` and ``drill compare``: the plan's findings, its proved revisions, two plans side by side.

Glue only: options are checked, bad input becomes ``file:line: field: message`` lines on standard error
with exit code 2 (nothing written), and the work is done by :mod:`drills.experiment.recommendation`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drills.commands import LANG_HELP, MAX_FAULTS_HELP, SEED_HELP, WORKERS_HELP
from drills.commands.cluster import ClusterOption, runs_on
from drills.commands.consoles import PlainTable, bold, err_console, out_console
from drills.commands.language import language
from drills.commands.outfolder import require_writable, writing
from drills.commands.plausible import print_warnings
from drills.commands.problems import fail_input, fail_option
from drills.experiment.i18n import Progress, Text
from drills.inputs.bundled import default_scenario
from drills.inputs.problems import InputError

if TYPE_CHECKING:
    from rich.status import Status

    from drills.inputs.loaded import Loaded

#: [P] replications per plan when -n is not given: the scenario's, at most this many (every candidate is re-run)
SEARCH_REPLICATIONS = 60

#: -n of recommend and compare: at least 2, unlike run and season, and why
PAIRED_REPLICATIONS_HELP = (
    "replications per plan (at least 2: each effect's 95 % confidence interval comes from the spread of the "
    f"paired differences, which one replication cannot show); default: the scenario's, at most {SEARCH_REPLICATIONS}")
#: --lang of compare: it writes no report.pdf and no figures (LANG_HELP), only comparison.md in that language
COMPARE_LANG_HELP = "language of what the command prints and of comparison.md (comparison.json is the same): en or zh"
FAULT_REPLICATIONS_HELP = "replications per single fault for the robustness grade M6; 0: M6 not assessed"

# options that recommend and compare share, declared once
PairedReplications = Annotated[int | None, typer.Option("--replications", "-n", min=2, help=PAIRED_REPLICATIONS_HELP)]
Seed = Annotated[int | None, typer.Option("--seed", "-s", min=0, help=SEED_HELP)]
Workers = Annotated[int, typer.Option("--workers", "-w", min=1, help=WORKERS_HELP)]
FaultReplications = Annotated[int, typer.Option("--fault-replications", min=0, help=FAULT_REPLICATIONS_HELP)]
MaxFaults = Annotated[int, typer.Option("--max-faults", min=1, help=MAX_FAULTS_HELP)]



def _loaded(scenario: Path, plan: Path | None, lang: str) -> Loaded:
    """The scenario with its site and plan, loaded and checked (bad input: its problems in ``lang``, exit 2)."""
    from drills.inputs.compile import load

    try:
        return load(scenario, plan)
    except InputError as exc:
        fail_input(exc.problems, lang)


def _warn(*loaded: Loaded, lang: str) -> None:
    """The plausibility warnings of the files, once, before anything runs, in ``lang``."""
    from drills.inputs.compile import input_warnings

    print_warnings(err_console, [w for ld in loaded for w in input_warnings(ld)], going_on="plans", lang=lang)


def _told(status: Status, t: Text) -> Progress:
    """The status line, told what is being run in the words of ``t`` (led by the plan's letter when the
    experiment says which of two plans it is running, ``plan="A"``)."""
    def progress(key: str, /, plan: object = None, **facts: object) -> None:
        said = t(key, **facts)
        status.update(f"{plan} · {said}" if plan else said)

    return progress


def _replications(loaded: Loaded, given: int | None) -> int:
    return given if given is not None else min(loaded.scenario.monte_carlo.replications, SEARCH_REPLICATIONS)


def recommend(
    scenario: Annotated[Path | None, typer.Argument(help="scenario YAML; default: the bundled mine example")] = None,
    plan: Annotated[Path | None, typer.Option("--plan", "-p", help=(
        "plan YAML to revise; default: the scenario's own"))] = None,
    budget: Annotated[float, typer.Option("--budget", "-b", min=0, help=(
        "cost units to spend on revisions (the project's own costs, see --costs)"))] = 10.0,
    replications: PairedReplications = None,
    seed: Seed = None,
    workers: Workers = 1,
    fault_replications: FaultReplications = 20,
    max_faults: MaxFaults = 20,
    costs: Annotated[Path | None, typer.Option("--costs", help=(
        "YAML of revision costs, costs: {kind: units, ...}; default: the project's own cost units"))] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help=(
        "output folder; default: reports/<scenario id>/recommend"))] = None,
    lang: Annotated[str, typer.Option("--lang", help=LANG_HELP)] = "en",
    cluster: ClusterOption = None,
) -> None:
    """Find the plan's problems, prove each revision by re-simulation, and write the best set within a budget."""
    from drills.experiment.recommendation import recommend as run_recommend
    from drills.experiment.revision_report import write_recommendation
    from drills.experiment.revisions import load_costs

    t = language(lang)
    loaded = _loaded(scenario or default_scenario(), plan, lang)
    n = _replications(loaded, replications)
    try:
        table = load_costs(costs)
    except InputError as exc:
        fail_input(exc.problems, lang)
    out_dir = out or Path("reports") / loaded.scenario.id / "recommend"
    require_writable(out_dir, lang)
    _warn(loaded, lang=lang)
    with runs_on(cluster, workers, err_console, t) as where, err_console.status(t("cli_evaluating")) as status:
        try:
            rec = run_recommend(loaded, budget=budget, replications=n, seed=seed, workers=workers,
                                fault_replications=fault_replications, max_faults=max_faults, costs=table,
                                progress=_told(status, t), lang=lang)
        except InputError as exc:
            fail_input(exc.problems, lang)
    base = rec.baseline
    m = base.spec.meta
    out_console.print(bold(m.scenario_title))
    out_console.print(t("cli_rec_head", plan=m.plan_id, version=m.plan_version, seed=base.exercise.seed,
                        n=base.replications, budget=budget, where=where), markup=False)
    _print_grades(base, rec.revised, (t("cli_before"), t("cli_after")), t)
    _print_findings(base.findings[:8], len(base.findings), t)
    from drills.experiment.paired import fmt_ci

    ranked = PlainTable(title=t("cli_revisions"), title_justify="left")
    for col in ("", t("col_revision"), t("cli_col_cost"), t("cli_col_verdict_objective"), t("cli_col_unsafe"),
                t("cli_col_late"), t("cli_col_objective")):
        ranked.add_column(col, overflow="fold")
    labels = {a.candidate.key: a.label for a in rec.applied}  # as the revised plan numbers them
    for tr in rec.trials[:12]:
        mark = labels.get(tr.candidate.key, "")
        c = tr.candidate
        title = c.words(t.lang) + (t("cli_under", fault=c.condition) if c.condition else "")
        if tr.error:
            ranked.add_row(mark, title, f"{c.cost:g}", t("verdict_invalid"), "", "", "")
        else:
            ranked.add_row(mark, title, f"{c.cost:g}", t("verdict_" + tr.verdict.replace(" ", "_")),
                           fmt_ci(tr.diffs["unsafe"]), fmt_ci(tr.diffs["late_warned"]), fmt_ci(tr.diffs["objective"]))
    out_console.print(ranked)
    if len(rec.trials) > 12:
        out_console.print(t("cli_more_revisions", n=len(rec.trials) - 12), markup=False)
    for a in rec.applied:
        if not a.simulated:
            out_console.print(t("cli_on_paper", label=a.label, title=a.candidate.words(t.lang), cost=a.candidate.cost),
                              markup=False)
    from drills.experiment.revision_report import out_of_reach_lines

    for line in out_of_reach_lines(rec, t):
        out_console.print(bold(line))
    with err_console.status(t("cli_writing")), writing(out_dir, lang):
        written = write_recommendation(rec, out_dir, t=t)
    names = sorted({name.split("/")[0] + ("/" if "/" in name else "") for name in written})
    out_console.print(t("cli_wrote_rec", summary=rec.summary(lang), names=t("md_list_sep").join(names), out=out_dir),
                      markup=False)


def compare(
    scenario: Annotated[Path, typer.Argument(help="scenario YAML")],
    plans: Annotated[list[Path], typer.Option("--plan", "-p", help="plan YAML, given twice: plan A, then plan B")],
    replications: PairedReplications = None,
    seed: Seed = None,
    workers: Workers = 1,
    fault_replications: FaultReplications = 20,
    max_faults: MaxFaults = 20,
    out: Annotated[Path | None, typer.Option("--out", "-o", help=(
        "also write comparison.md (in the language of --lang) and comparison.json here, but no report.pdf (drill "
        "run --plan writes each plan's report); default: print only"))] = None,
    lang: Annotated[str, typer.Option("--lang", help=COMPARE_LANG_HELP)] = "en",
    cluster: ClusterOption = None,
) -> None:
    """Run two plans on the same random numbers and put them side by side."""
    from drills.experiment.recommendation import compare_plans
    from drills.experiment.revision_report import capped_note, caught_note, diff_rows, write_comparison

    t = language(lang)
    if len(plans) != 2:
        fail_option(f"--plan: give exactly two plans (got {len(plans)}); nothing was run or written.", lang)
    loaded_a = _loaded(scenario, plans[0], lang)
    loaded_b = _loaded(scenario, plans[1], lang)
    n = _replications(loaded_a, replications)
    if out is not None:
        require_writable(out, lang)
    _warn(loaded_a, loaded_b, lang=lang)
    with runs_on(cluster, workers, err_console, t) as where, err_console.status(t("cli_cmp_running")) as status:
        cmp = compare_plans(loaded_a, loaded_b, replications=n, seed=seed, workers=workers,
                            fault_replications=fault_replications, max_faults=max_faults,
                            progress=_told(status, t))
    a, b = cmp.a, cmp.b
    name_a, name_b = cmp.names
    out_console.print(bold(a.spec.meta.scenario_title))
    out_console.print(f"A {name_a} · B {name_b}", markup=False)
    out_console.print(t("cli_cmp_seed_line", seed=a.exercise.seed, n=a.replications, where=where), markup=False)
    _print_grades(a, b, (f"A {name_a}", f"B {name_b}"), t, short=("A", "B"))
    diffs = PlainTable(title=t("cli_cmp_diffs"), title_justify="left")
    for col in (t("col_metric"), "A", "B", "B − A", t("cli_col_verdict")):
        diffs.add_column(col)
    for row in diff_rows(cmp.diffs, t):
        diffs.add_row(*row)
    out_console.print(diffs)
    for line in [*capped_note(cmp.diffs, a.spec.duration_s, t), *caught_note(cmp.diffs, t)]:
        out_console.print("  " + line, markup=False)
    if out is not None:
        with writing(out, lang):
            written = write_comparison(cmp, out, t=t)
        out_console.print(t("cli_wrote_cmp", names=t("md_list_sep").join(sorted(written)), out=out), markup=False)


def _print_grades(a, b, names: tuple[str, str] = ("before", "after"), t: Text | None = None,
                  short: tuple[str, str] | None = None) -> None:
    """The two evaluations' grades side by side, headed by ``names`` (``short``: as the notes beneath name them)."""
    from drills.experiment.revision_report import graded_value  # the experiment layer is imported when a command runs

    t = t or Text("en")
    table = PlainTable(title=t("cli_grades"), title_justify="left")
    table.add_column(t("col_metric"))
    table.add_column(names[0])
    table.add_column(names[1])

    def cell(g) -> str:
        gate = "" if g.gate is None else t("cli_gate_ok" if g.gate else "cli_gate_fail")
        if g.tail is not None and not g.tail.settled:
            gate += "†"
        return f"{g.grade}{gate} ({graded_value(g, t, a.spec.duration_s)})"

    for key, g in a.grades.items():
        table.add_row(f"{key} {t.graded(key, g.name)}", cell(g), cell(b.grades[key]))
    table.add_row(t("cli_overall"), *(t("cli_overall_cell", label=ev.overall.label, score=ev.overall.score,
                                        d=ev.overall.deficiencies) for ev in (a, b)))
    from drills.experiment.evaluation import overall_without
    from drills.experiment.grading import graded_for_one
    from drills.experiment.revision_report import graded_for_one_notes

    left_out = graded_for_one(a.grades, b.grades)
    if left_out:  # counts over the metrics graded for both, beside those that count one plan's alone
        both = [overall_without(ev, left_out) for ev in (a, b)]
        table.add_row(t("cli_overall_both", metrics=t("md_list_sep").join(left_out)),
                      *(t("cli_overall_cell", label=o.label, score=o.score, d=o.deficiencies) for o in both))
    out_console.print(table)
    for line in graded_for_one_notes(a, b, short or names, t):
        out_console.print(line, markup=False)
    if any(g.tail is not None and not g.tail.settled for ev in (a, b) for g in ev.grades.values()):
        out_console.print(t("cli_grades_note"), markup=False)


def _print_findings(findings, total: int, t: Text) -> None:
    from drills.experiment.finding_text import clause
    from drills.experiment.findings import class_label

    table = PlainTable(title=t("cli_top_findings", total=total), title_justify="left")
    for col in ("col_class", "col_metric", "col_finding", "col_clause"):  # Chinese has no spaces to wrap at:
        table.add_column(t(col), overflow="fold")  # folded, not cut short with an ellipsis
    for f in findings:
        plan_clause = clause(f.refs, t.lang) if t.zh and f.refs else f.plan_ref
        table.add_row(class_label(f.cls, t.zh), f.metric, f.words(t.lang)[0], plan_clause)
    out_console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``recommend`` and ``compare`` to the ``drill`` command."""
    app.command("recommend")(recommend)
    app.command("compare")(compare)
