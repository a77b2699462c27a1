"""The ``drill`` command: glue between the planner, the loader, the exercise and the report.

Bad input never produces a traceback: every problem is printed as ``file:line: field: message`` on
standard error and the command exits with code 2, before anything is written.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from drills.commands import (
    LANG_HELP,
    MAX_FAULTS_HELP,
    PLAN_HELP,
    PRINT_LANG_HELP,
    REPLICATIONS_HELP,
    SEED_HELP,
    WORKERS_HELP,
)
from drills.commands.cluster import ClusterOption, runs_on
from drills.commands.consoles import PlainTable, bold, err_console, out_console
from drills.commands.language import language
from drills.commands.outfolder import require_writable, writing
from drills.commands.plausible import Located, print_warnings
from drills.commands.problems import fail_input, fail_option, kind_words, words
from drills.experiment.i18n import Text
from drills.experiment.tail import grouped
from drills.experiment.units import fmt_range
from drills.inputs.bundled import default_scenario, default_suite
from drills.inputs.problems import InputError, Problem

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help: typer's rich help panels print a flag such as --animate as "--animate <bool>", and a planner
    # then types "--animate yes" (the "yes" is taken for the scenario file). Plain help shows flags bare.
    rich_markup_mode=None,
    help="Flood-season emergency-drill simulator for underground mines and tailings dams.",
)


def version_text() -> str:
    """drill's version, and those of the Python, SimPy and NumPy it runs on (results depend on all four)."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    from drills import __version__

    def of(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:
            return "not installed"

    return (f"drill {__version__} (Python {platform.python_version()}, SimPy {of('simpy')}, "
            f"NumPy {of('numpy')})")


def _print_version(value: bool) -> None:
    if value:
        out_console.print(version_text(), markup=False)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True,
        help="print drill's version (and Python's, SimPy's, NumPy's) and exit; every worker of a --cluster must "
             "run the same drill version")] = False,
) -> None:
    """Flood-season emergency-drill simulator for underground mines and tailings dams."""


@app.command()
def run(
    scenario: Annotated[Path | None, typer.Argument(help="scenario YAML; default: the bundled mine example")] = None,
    plan: Annotated[Path | None, typer.Option("--plan", "-p", help=PLAN_HELP)] = None,
    replications: Annotated[int | None, typer.Option("--replications", "-n", min=1, help=REPLICATIONS_HELP)] = None,
    seed: Annotated[int | None, typer.Option("--seed", "-s", min=0, help=SEED_HELP)] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help=WORKERS_HELP)] = 1,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="output folder; default: reports/<scenario id>")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help=LANG_HELP)] = "en",
    animate: Annotated[
        bool, typer.Option("--animate/--no-animate",
                           help="also write animation.gif of replication 0, for the briefing (a flag: no value)")
    ] = False,
    fault_replications: Annotated[int, typer.Option("--fault-replications", min=0, help=(
        "replications per single fault for the robustness grade M6; 0: M6 not assessed (the default here, as "
        "it runs every fault again; drill recommend and compare assess it with 20)"))] = 0,
    max_faults: Annotated[int, typer.Option("--max-faults", min=1, help=MAX_FAULTS_HELP)] = 20,
    faults: Annotated[int | None, typer.Option("--faults", min=0, hidden=True, help=(
        "old name of --fault-replications, kept for existing scripts"))] = None,
    until_settled: Annotated[int, typer.Option("--until-settled", min=0, metavar="N", help=(
        "run on in steps, up to N replications in all, while a life-safety check of the grade cannot yet be told "
        "from the tolerated tail; the result is the same as -n with the number reached; 0: off"))] = 0,
    cluster: ClusterOption = None,
) -> None:
    """Run a drill many times, grade the plan, and write the scorecard, outcomes, figures and report."""
    from drills.experiment.exercise import run_exercise
    from drills.experiment.outputs import write_outputs
    from drills.experiment.scorecard import scorecard
    from drills.inputs.compile import compile_drill, load

    t = language(lang)
    if faults is not None:  # the old name
        if fault_replications not in (0, faults):
            fail_option("--faults is the old name of --fault-replications: give one of them; nothing was run or "
                        "written.", lang)
        fault_replications = faults
    path = scenario or default_scenario()
    try:
        loaded = load(path, plan)
        spec = compile_drill(loaded, replications=replications, seed=seed)
    except InputError as exc:
        fail_input(exc.problems, lang)
    n = spec.replications
    if 0 < until_settled <= n:
        fail_option(f"--until-settled {until_settled} is not more than the {n} replications to run first: give a "
                    "larger ceiling, or leave it out; nothing was run or written.", lang)
    out_dir = out or Path("reports") / spec.meta.scenario_id
    require_writable(out_dir, lang)
    print_warnings(err_console, spec.meta.input_warnings, going_on="run", lang=lang)
    out_console.print(bold(spec.meta.scenario_title))
    out_console.print(t("cli_run_head", plan=spec.meta.plan_id, version=spec.meta.plan_version,
                        site=spec.meta.site_name, n=len(spec.people)), markup=False)
    with runs_on(cluster, workers, err_console, t) as where:
        out_console.print(t("cli_seed_line", seed=spec.seed, n=n, where=where), markup=False)
        with Progress(TextColumn("drills"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
            task = bar.add_task("run", total=n)
            ex = run_exercise(spec, workers=workers, progress=lambda k: bar.update(task, completed=k))
            if until_settled:
                ex = _run_until_settled(loaded, ex, until_settled, workers, bar, task, t)
        if until_settled:
            st = ex.settling
            out_console.print(t(f"cli_settled_{st.why}", n=grouped(ex.replications), m=ex.replications, k=st.unsettled,
                                seed=ex.seed),
                              markup=False)
        rob = None
        if fault_replications > 0:
            from drills.experiment.readings import PlanFacts
            from drills.experiment.robustness import assess

            out_console.print(t("cli_single_faults", n=fault_replications), markup=False)
            rob = assess(spec, PlanFacts.of(loaded, spec), ex, replications=fault_replications,
                         max_faults=max_faults, workers=workers)
    card = scorecard(ex)
    from drills.experiment.graded import graded

    card, evaluation = graded(card, loaded, spec, ex, rob)
    print_scorecard(card, t, spec.duration_s)
    print_findings(card, evaluation, assessed_faults=rob is not None, t=t, settle_hint=not until_settled)
    with writing(out_dir, lang):
        written = write_outputs(ex, card, out_dir, lang=lang, animate=animate)
    extra = t("list_sep") + "animation.gif" if animate else ""
    out_console.print(t("cli_wrote_run", n=len(written), out=out_dir, extra=extra), markup=False)


def _run_until_settled(loaded, ex, ceiling: int, workers: int, bar: Progress, task, t: Text):
    """``ex`` run on until its grade is settled (:mod:`drills.experiment.settle`), each step said on the
    terminal and followed on the progress bar."""
    from drills.experiment.settle import run_until_settled

    def step(done: int, k: int, to: int) -> None:
        bar.console.print(t("cli_settling", n=grouped(done), k=k, to=grouped(to), ceiling=grouped(ceiling)),
                          markup=False)
        bar.update(task, total=to)

    return run_until_settled(loaded, ex, ceiling=ceiling, workers=workers, on_step=step,
                             progress=lambda k: bar.update(task, completed=k))


@app.command()
def season(
    suite: Annotated[Path | None, typer.Argument(help=(
        "suite YAML: scenarios and their variations; default: the bundled flood-season exercise"))] = None,
    plan: Annotated[
        Path | None, typer.Option("--plan", "-p", help="plan YAML for every run; default: each scenario's own")
    ] = None,
    replications: Annotated[int | None, typer.Option("--replications", "-n", min=1, help=(
        "replications of every run (at least 1); default: the variation's, else the suite's, else the "
        "scenario's"))] = None,
    seed: Annotated[int | None, typer.Option("--seed", "-s", min=0, help=(
        "random seed of every run (0 or more); default: the variation's, else the suite's, else the "
        "scenario's"))] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help=WORKERS_HELP)] = 1,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="output folder; default: reports/<suite id>")] = None,
    lang: Annotated[str, typer.Option("--lang", help=LANG_HELP)] = "en",
    cluster: ClusterOption = None,
) -> None:
    """Run the annual exercise: every scenario and variation of a suite, and one consolidated report."""
    from drills.experiment.season import (
        confidence_of,
        effect_text,
        grade_note,
        grade_reason,
        idle_faults,
        idle_text,
        matrix,
        replications_in_words,
        run_season,
        season_settle_how,
        seeds_in_words,
        unsettled_line,
        variation_text,
        write_season,
    )
    from drills.inputs.suite import load_suite

    t = language(lang)
    try:
        loaded = load_suite(suite or default_suite(), plan=plan, replications=replications, seed=seed)
    except InputError as exc:
        fail_input(exc.problems, lang)
    out_dir = out or Path("reports") / loaded.id
    require_writable(out_dir, lang)
    print_warnings(err_console, [w for run in loaded.runs for w in run.spec.meta.input_warnings],
                   going_on="season", lang=lang)
    out_console.print(bold(loaded.title))
    with runs_on(cluster, workers, err_console, t) as where:
        seeds = seeds_in_words(loaded.runs, t)
        out_console.print(t("cli_season_line" if seeds.isdigit() else "cli_season_line_seeds", seeds=seeds,
                            reps=replications_in_words(loaded.runs, t), runs=len(loaded.runs), where=where),
                          markup=False)
        with Progress(TextColumn("runs"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
            task = bar.add_task("season", total=len(loaded.runs))
            result = run_season(loaded, workers=workers, progress=lambda k, _n: bar.update(task, completed=k))
    table = PlainTable(title=t("cli_season", id=loaded.id), title_justify="left")
    # a run's id on two lines, scenario then variation, each whole: ids are never cut mid-word
    ids = [run.id.replace("/", "/\n", 1) for run in loaded.runs]
    table.add_column(t("cli_col_run"), min_width=max(len(part) for i in ids for part in i.split("\n")),
                     overflow="fold")
    for col in ("unwarned", "warned", "safe", "caught", "season_deaths", "margin"):
        table.add_column(t(f"cli_col_{col}"), justify="right", no_wrap=True)
    table.add_column(t("cli_col_decided"), justify="right", min_width=12)
    for run_id, row in zip(ids, matrix(result, t), strict=True):
        c = row["cells"]
        table.add_row(run_id, *(c[k]["text"] for k in ("never_warned", "warned_before", "safe_before", "caught",
                                                       "fatalities", "margin_p5")),
                      f"{row['grade'] or '–'}\n{grade_reason(row['entry'], t, short=True)}".strip())
    out_console.print(table)
    out_console.print(t("cli_season_grade") + grade_note(t), markup=False)
    unsettled = [e for e in result.entries if confidence_of(e, t)]
    if unsettled:  # as drill run says it under its grade: grades from too few replications may change
        out_console.print(t("cli_season_unsettled", k=len(unsettled), total=len(result.entries)), markup=False)
        for e in unsettled:
            out_console.print("  " + unsettled_line(e, t), markup=False)
        out_console.print("  " + season_settle_how(unsettled, t), markup=False)
    for idle in idle_faults(result.entries):
        out_console.print(idle_text(idle, t), markup=False)
    for e in result.entries:
        if e.effect is not None:
            out_console.print(effect_text(e.effect, t), markup=False)
        if e.variation_effect is not None:
            out_console.print(variation_text(e.variation_effect, e, t), markup=False)
    with writing(out_dir, lang):
        written = write_season(result, out_dir, lang=lang)
    out_console.print(t("cli_wrote_season", n=len(written), out=out_dir), markup=False)


def print_findings(card, evaluation, *, assessed_faults: bool, most: int = 5, t: Text | None = None,
                   settle_hint: bool = False) -> None:
    """The grade and the worst findings, as the summary page shows them, in ``t``'s words (English by default);
    with ``settle_hint``, how to settle what the replications leave unsettled (``drill run --until-settled``)."""
    from drills.experiment.findings import class_label
    from drills.experiment.proposals import Proposed

    t = t or Text("en")
    o = evaluation.overall
    out_console.print(t("cli_grade", grade=t.grade(card.grade),
                        **t.finding_counts(o.deficiencies, o.must_correct, o.improvements)), markup=False)
    if card.water_reached_no_one:
        out_console.print("  " + t("untested_grade"), markup=False)
    proposed = {rf.source.key: rf.proposed for rf in getattr(card, "findings", ()) or ()
                if getattr(rf, "source", None) is not None and getattr(rf, "proposed", None) is not None}
    shown = evaluation.findings[:most]
    # what to change, as the report's findings propose it (not yet proven)
    changes = Proposed.firsts((proposed.get(f.key) for f in shown), t.lang)
    for k, (f, change) in enumerate(zip(shown, changes, strict=True), 1):  # numbered as report.pdf numbers them
        out_console.print(f"  {k}. [{class_label(f.cls, t.zh)} {f.metric}] {f.words(t.lang)[0]}", markup=False)
        if change:
            out_console.print("      " + change, markup=False)
    if len(evaluation.findings) > most:
        out_console.print(t("cli_more_findings", n=len(evaluation.findings) - most), markup=False)
    if not assessed_faults:
        out_console.print(t("cli_m6_not_assessed"), markup=False)
    elif (rob := evaluation.robustness) is not None and rob.runs:
        said = Counter(rob.verdict(r) for r in rob.runs)
        out_console.print(t("cli_single_faults_done", n=len(rob.runs), r=rob.replications, breaks=said["breaks"],
                            withstood=said["withstood"], nothing=said["nothing"]), markup=False)
    notes = (getattr(card, "confidence_zh", ()) or card.confidence) if t.zh else card.confidence
    for note in notes:
        out_console.print(t("cli_not_settled", note=note), markup=False)
    if notes and settle_hint:
        n = t.settle_ceiling(card)  # the most the range asks for: it stops sooner once settled
        more = t("cli_settle_hint_n", n=n, span=t.settle_span(card.settle_span, card.settle_with)) if n else ""
        out_console.print(t("cli_settle_hint") + more, markup=False)


def print_scorecard(card, t: Text | None = None, duration_s: float | None = None) -> None:
    """The scorecard and the table by level or place, in ``t``'s words (English by default); ``duration_s``, the
    drill's length, is what a safety margin no water cut short is shown as at least."""
    from drills.experiment.scorecard import mean_is_partial, mean_is_withheld, scorecard_notes

    t = t or Text("en")
    table = PlainTable(title=t("cli_scorecard", n=card.replications, seed=card.seed), title_justify="left")
    table.add_column(t("col_metric"))
    for col in ("col_mean", "col_ci", "col_p5", "col_p95", "col_not_reached"):
        table.add_column(t(col), justify="right", no_wrap=col in ("col_ci", "col_p5", "col_p95"))
    def cell(m, v: float) -> str:  # a margin as the report writes it: "not all safe", "≥ the drill's length"
        return t.margin(v, duration_s) if m.key.startswith("margin") else t.value(v, m.unit)

    for m in card.metrics:
        ci = (t.margin_range(m.ci_low, m.ci_high, duration_s) if m.key.startswith("margin")
              else fmt_range(m.ci_low, m.ci_high, m.unit).replace("never", t("never")))
        mean = cell(m, m.mean) + ("*" if mean_is_partial(m) else "")
        if mean_is_withheld(m):  # a mean of the few replications reached would read as the drill's result
            mean = ci = "–"
        table.add_row(t.metric(m.key, m.label), mean, ci, cell(m, m.p5), cell(m, m.p95),
                      f"{m.not_reached}/{m.n}" if m.not_reached else "")
    out_console.print(table)
    for note in scorecard_notes(card, t, duration_s):
        out_console.print("  " + note, markup=False)
    out_console.print("  " + t.words("safe_def", getattr(card, "site", "both")), markup=False)
    if card.zones:
        site = getattr(card, "site", "both")
        zt = PlainTable(title=t("cli_zones", zones=t.words("cli_zones", site)), title_justify="left")
        zt.add_column(t.words("col_zone", site), justify="left")
        for col in ("col_people", "col_warned_before", "col_all_warned", "col_safe_before", "col_not_first",
                    "cli_col_deaths"):
            zt.add_column(t(col), justify="right")
        for z in card.zones:
            zt.add_row(t.zone(z.zone), str(z.people), t.value(z.share_warned_before_water.mean, "share"),
                       t.value(z.t100_warned_s.p50, "s"), t.value(z.share_safe_before_water.mean, "share"),
                       t.value(z.share_not_first_warned_by_order, "share"), t.value(z.expected_fatalities.mean,
                                                                                    "persons"))
        out_console.print(zt)
        out_console.print(t("cli_zones_note"), markup=False)
        out_console.print("  " + t.zones_note(card), markup=False)


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="site, plan, scenario or suite YAML files")],
    plan: Annotated[Path | None, typer.Option("--plan", "-p", help=(
        "plan YAML to check the scenarios and suites with; default: each scenario's own"))] = None,
    lang: Annotated[str, typer.Option("--lang", help=PRINT_LANG_HELP)] = "en",
) -> None:
    """Check input files; a scenario is checked together with its site and plan (or --plan, as drill run), a
    suite with every scenario and variation it runs (as drill season)."""
    from drills.inputs.compile import (
        check_plan,
        check_plan_alone,
        check_site,
        input_warnings,
        load,
        read_partial,
        still_meaningful,
    )
    from drills.inputs.plausibility import plan_warnings, route_warnings, site_warnings
    from drills.inputs.problems import in_file_order, leaves_out
    from drills.inputs.suite import load_suite
    from drills.inputs.yamlfile import YamlDocument, file_kind, load_yaml

    language(lang)
    problems = []
    warnings: list[Problem | Located] = []  # plausibility warnings: printed, but the files are valid
    # (kind, body, doc, fits its schema in full, ids left out)
    loaded: list[tuple[str, Any, YamlDocument, bool, set[str]]] = []
    suites = []  # (file, number of runs)
    for f in files:  # each file is read once, whatever checks it
        try:
            yaml_doc = load_yaml(f)
            kind = file_kind(yaml_doc)
            if kind == "suite":
                try:
                    suite_runs = load_suite(f, plan=plan, document=yaml_doc).runs
                    suites.append((f, len(suite_runs)))
                    warnings.extend(w for run in suite_runs for w in run.spec.meta.input_warnings)
                except InputError as exc:
                    problems.extend(exc.problems)
                continue
            if kind == "scenario":  # checked with its site and plan, its own faults among theirs
                try:
                    scen = load(f, plan, document=yaml_doc)
                    warnings.extend(input_warnings(scen))
                    loaded.append((kind, scen.scenario, scen.scenario_doc, True, set()))
                except InputError as exc:
                    problems.extend(exc.problems)
                continue
            kind, body, doc, own, removed = read_partial(yaml_doc)
            problems.extend(own)
            if body is not None:
                loaded.append((kind, body, doc, not leaves_out(own), removed))
        except InputError as exc:
            problems.extend(exc.problems)
    sites = {body.id: (body, full, removed) for kind, body, _, full, removed in loaded if kind == "site"}
    for kind, body, doc, full, removed in loaded:
        try:
            if kind == "site":
                check_site(body, doc)
            elif kind == "plan" and body.site in sites:
                check_plan(body, doc, sites[body.site][0])
            elif kind == "plan":
                check_plan_alone(body, doc)
        except InputError as exc:
            site_full, site_removed = sites[body.site][1:] if kind == "plan" and body.site in sites else (True, set())
            whole = full and site_full
            problems.extend(exc.problems if whole else still_meaningful(exc.problems, removed | site_removed))
    if problems:
        fail_input(in_file_order(problems), lang)
    for kind, body, doc, _, _ in loaded:
        note = ""
        if kind == "plan" and body.site not in sites:
            note = words("ok_without_site", lang, site=body.site)
        elif kind == "scenario" and plan is not None:
            note = words("ok_with_plan", lang, plan=plan)
        out_console.print(words("ok", lang, path=doc.path, kind=kind_words(kind, lang), note=note), markup=False)
    for f, runs in suites:
        with_plan = words("suite_with_plan", lang, plan=plan) if plan is not None else ""
        out_console.print(words("suite_ok", lang, path=f, runs=runs, with_plan=with_plan), markup=False)
    for kind, body, doc, _, _ in loaded:
        if kind == "site":
            warnings.extend(site_warnings(body, doc))
        elif kind == "plan":
            warnings.extend(plan_warnings(body, doc))
            if body.site in sites:  # its routes as people follow them on that site (no scenario: no inrush)
                warnings.extend(route_warnings(body, doc, sites[body.site][0]))
    print_warnings(err_console, warnings, going_on="validate", lang=lang)


@app.command()
def examples(
    copy: Annotated[Path | None, typer.Option("--copy", metavar="DIR", help=(
        "copy the bundled plans and scenarios (with their sites and suites) into DIR, to edit into your own; "
        "nothing is copied if any of them is already there; default: list them, copy nothing"))] = None,
    lang: Annotated[str, typer.Option("--lang", help=PRINT_LANG_HELP)] = "en",
) -> None:
    """List the bundled example scenarios (for drill run), then the bundled suites (for drill season), each with
    its title; or copy them all into a folder of your own."""
    from drills.commands.examples import copy_examples, listing

    language(lang)
    if copy is None:
        for line in listing(lang):
            out_console.print(line, markup=False, soft_wrap=True)
        return
    try:
        written = copy_examples(copy)
    except OSError as exc:
        reason = str(exc) if isinstance(exc, FileExistsError) else (exc.strerror or str(exc))
        fail_option(f"--copy: {reason}; nothing was copied.", lang)
    scenario = copy / "scenarios" / default_scenario().name
    out_console.print(words("copied", lang, n=len(written), copy=copy, plans=copy / "plans",
                            scenarios=copy / "scenarios"), markup=False, soft_wrap=True)
    out_console.print(words("copied_next", lang, scenario=scenario), markup=False, soft_wrap=True)


def _register_commands() -> None:
    from drills.commands import fit, revise, schema

    revise.register(app)
    schema.register(app)
    fit.register(app)


_register_commands()


def _click_error(name: str) -> type[Exception]:
    """One of click's errors (typer exports only their subclass BadParameter; the classes are click's own or
    those of typer's copy of click, by typer's version)."""
    return cast("type[Exception]", next(c for c in typer.BadParameter.__mro__ if c.__name__ == name))


#: the exit code of a command stopped by Ctrl-C (128 + SIGINT, as shells report it; typer's too)
INTERRUPTED = 130


def main() -> None:
    """The console command ``drill``. With ``--lang zh`` on the command line, the usage errors click finds before
    a command starts (an unknown option, a value out of range, a misspelt command) are told in Chinese too,
    with the same exit code 2."""
    from drills.commands.language import asked

    lang = asked(sys.argv[1:])
    code: Any
    try:
        # in English click shows its own errors and exits; otherwise they come back here to be told in ``lang``
        code = app(standalone_mode=lang == "en")
    except _click_error("ClickException") as e:
        sys.exit(show_click_error(e, lang))
    except KeyboardInterrupt:
        code = INTERRUPTED
    except MemoryError:  # here or in a worker: the run's records did not fit, not a fault of drill's to trace
        err_console.print(words("out_of_memory", lang), markup=False, soft_wrap=True)
        code = 1
    except SystemExit as e:  # standalone: how the command ended, typer's 130 for Ctrl-C among them
        code = e.code
    if code == INTERRUPTED:  # typer ends a Ctrl-C with 130 and no word; no command of drill's exits 130 itself
        err_console.print(words("interrupted", lang), markup=False, soft_wrap=True)
    sys.exit(code if isinstance(code, (int, str)) else 0)


def show_click_error(e: Any, lang: str) -> int:
    """An error of click's on standard error, and its exit code: a usage error in ``lang`` if its message has
    words there (the usage line and the hint around it too), else click's English as click shows it."""
    from drills.commands.options_zh import usage_message

    said = usage_message(e.format_message(), lang) if _click_error("UsageError") in type(e).__mro__ else None
    if said is None:
        e.show()
        return int(e.exit_code)
    if e.ctx is not None:
        usage = e.ctx.get_usage().replace("Usage: ", "用法：", 1)
        err_console.print(f"{usage}\n请用 '{e.ctx.command_path} --help' 查看帮助。\n", markup=False, soft_wrap=True)
    err_console.print(f"错误：{said}", markup=False, soft_wrap=True)
    return int(e.exit_code)


if __name__ == "__main__":  # pragma: no cover
    main()
