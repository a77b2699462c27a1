"""Suite schema: the annual flood-season exercise as a list of scenarios and their variations.

A suite file names scenario files (paths relative to the suite file) and, for each, the variations to
run. A variation changes the time of day, the shift underground, the start time, the rain, the design
storm's return period, the shifts that go underground during the run (``entries``), adds single faults,
and may set its own replications and seed::

    suite:
      id: flood-season-2026
      title: Flood-season exercise 2026
      replications: 200            # default for every run (the scenario's own if left out)
      runs:
        - scenario: ../mine_inrush_day.yaml
          variations:
            - {id: day}                                    # as written
            - {id: night, time_of_day: night, shift: night, start_time: 2026-07-20T02:00:00}
        - scenario: ../dam_break_night.yaml
          plan: ../../plans/qingshui_dam_plan.yaml         # optional: another plan for this run
          variations:
            - {id: night-heavy-rain}
            - {id: day-no-rain, time_of_day: day, weather: {rain: none}, start_time: 2026-07-21T14:00:00}

A run with no ``variations`` runs the scenario as written. Each variation is a named set of overrides
of the scenario, so a suite reads as "scenario × storm × time of day × fault". A variation that starts
with the shift the scenario brings down later gives its own ``entries`` (the same crew cannot go down
twice). Files are validated like every other input: unknown fields are errors, and every problem is
reported as ``file:line: field: message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from pydantic import Field

from drills.experiment.units import fmt_value
from drills.inputs.base import Ident, Label, Strict, Text
from drills.inputs.compile import (
    already_underground,
    compile_drill,
    duplicate_ids,
    fault_target_problem,
    load,
)
from drills.inputs.loaded import Loaded
from drills.inputs.problems import UNKNOWN_NAME, WRONG_KIND, InputError, Problem, did_you_mean, in_file_order
from drills.inputs.scenario import EntrySpec, FaultSpec, ScenarioBody, WeatherSpec, day_or_night
from drills.inputs.validate import validate_partial
from drills.inputs.yamlfile import YamlDocument, load_yaml, missing, own_part, with_strays
from drills.model.spec import DrillSpec


class WeatherOverride(Strict):
    rain: Literal["none", "moderate", "heavy"] | None = Field(default=None, description=(
        "the rain for this run, instead of the scenario's: none, moderate or heavy"))


class VariationSpec(Strict):
    """One variation of a scenario: the fields it changes (all optional)."""

    id: Ident = Field(description=(
        "name of the variation, unique among those of its scenario; the run is named <scenario id>/<id>"))
    title: str | None = Field(default=None, description="how the report names it; default: the id")
    time_of_day: Literal["day", "night"] | None = Field(default=None, description=(
        "day or night instead of the scenario's; default: as written, or, where the scenario does not say and "
        "this variation gives a start_time, by its clock time (night from 22:00 to 06:00)"))
    shift: Ident | None = Field(default=None, description="the underground shift (site.shifts)")
    start_time: datetime | None = Field(default=None, description=(
        "date and clock time of the start instead of the scenario's; default: as written"))
    weather: WeatherOverride | None = Field(default=None, description="the weather instead of the scenario's")
    storm_return_period_yr: float | None = Field(
        default=None, ge=1, description="the scenario's design storm, for this return period")
    faults: list[FaultSpec] = Field(default=[], description="single (or several) faults added to the scenario's")
    entries: list[EntrySpec] | None = Field(default=None, description=(
        "the shifts that go underground during the drill, instead of the scenario's ([] for none): a run that "
        "starts at another hour or with another shift has another shift due"))
    replications: int | None = Field(default=None, ge=1, le=100_000, description=(
        "replications of this run; default: the suite's, else the scenario's"))
    seed: int | None = Field(default=None, ge=0, description=(
        "random seed of this run; default: the suite's, else the scenario's"))


class RunSpec(Strict):
    """A scenario file and its variations."""

    scenario: Text = Field(description="path of the scenario file, relative to the suite file")
    plan: str | None = Field(default=None, description="plan file instead of the scenario's, relative to the suite")
    variations: list[VariationSpec] = Field(default=[], description="default: the scenario as written")


class SuiteBody(Strict):
    id: Ident = Field(description="name of the suite")
    title: Text = Field(description="the exercise's title, as the report shows it")
    description: str = Field(default="", description="free text about the exercise, for the reader")
    season: Label = Field(default="", description="e.g. the flood season the exercise prepares, '2026'")
    replications: int | None = Field(default=None, ge=1, le=100_000, description=(
        "replications of every run that sets none itself; default: each scenario's own"))
    seed: int | None = Field(default=None, ge=0, description=(
        "random seed of every run that sets none itself; default: each scenario's own"))
    runs: list[RunSpec] = Field(min_length=1, description="the scenarios to run and their variations, at least one")


class SuiteFile(Strict):
    suite: SuiteBody = Field(description="the season's exercise: scenarios and their variations")


@dataclass(frozen=True)
class SuiteRun:
    """One compiled run of a suite: a scenario under one variation.

    Attributes:
        id: ``<scenario id>/<variation id>``.
        scenario_id: the scenario's id.
        variation: the variation's title (or id); "" for the scenario as written.
        changes: what the variation changed, as ``field=value`` strings.
        scenario_file: the scenario file, as named in the suite (relative to it).
        spec: the compiled drill, replications and seed already set.
        loaded: the scenario (as varied) with its site and plan, as :func:`drills.inputs.compile.load`
            gives them: what grading reads.
        changed: each scenario setting the variation changed, as (setting, as written, in this run), e.g.
            ``("time_of_day", "night", "day")``: settings are time_of_day, shift, start_time, rain, storm and
            entries (the shifts going underground, by the clock); the scenario's title and description still
            speak of it as written.
    """

    id: str
    scenario_id: str
    variation: str
    changes: tuple[str, ...]
    scenario_file: str
    spec: DrillSpec
    loaded: Loaded | None = None
    changed: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Suite:
    """A loaded suite: its description and the compiled runs in file order."""

    id: str
    title: str
    description: str
    season: str
    path: Path
    runs: tuple[SuiteRun, ...]


def fault_when(f: FaultSpec, start: datetime) -> str:
    """When a fault starts (and for how long), by the clock and from the scenario start: "from 21:30
    (+3:30:00)", "from 18:00 (+0:00:00) for 1:00:00"."""
    clock = (start + timedelta(seconds=f.at_s)).strftime("%H:%M")
    since = f"from {clock} (+{fmt_value(f.at_s, 's')})"
    return since + (f" for {fmt_value(f.duration_s, 's')}" if f.duration_s is not None else "")


def _changes(v: VariationSpec, start: datetime) -> tuple[str, ...]:
    """What a variation changed, as ``field=value`` strings; ``start`` is the run's start time, for when
    each fault starts."""
    out = []
    for name in ("time_of_day", "shift", "start_time"):
        value = getattr(v, name)
        if value is not None:
            out.append(f"{name}={value.isoformat(timespec='minutes') if isinstance(value, datetime) else value}")
    if v.weather is not None and v.weather.rain is not None:
        out.append(f"rain={v.weather.rain}")
    if v.storm_return_period_yr is not None:
        out.append(f"storm={v.storm_return_period_yr:g}-year")
    out.extend(f"fault={f.name} {fault_when(f, start)}" for f in v.faults)
    if v.entries is not None:
        out.append(f"entries={entries_text(v.entries, start)}")
    return tuple(out)


def entries_text(entries: list[EntrySpec], start: datetime) -> str:
    """The shifts going underground and when, by the clock and from the start: "night at 18:00 (+12:00:00)";
    "none" for none."""
    return ", ".join(f"{e.shift} at {(start + timedelta(seconds=e.at_s)).strftime('%H:%M')} "
                     f"(+{fmt_value(e.at_s, 's')})" for e in entries) or "none"


def _changed(before: ScenarioBody, after: ScenarioBody) -> tuple[tuple[str, str, str], ...]:
    """The settings a variation changed, each as (setting, as written, in this run)."""

    def storm(s: ScenarioBody) -> str:
        design = s.hazard.storm.design if s.hazard.storm is not None else None
        return f"{design.return_period_yr:g}-year" if design is not None else "–"

    settings = (
        ("time_of_day", lambda s: s.time_of_day),
        ("shift", lambda s: s.shift or "–"),
        ("start_time", lambda s: s.start_time.strftime("%Y-%m-%d %H:%M")),
        ("rain", lambda s: s.weather.rain),
        ("storm", storm),
        ("entries", lambda s: entries_text(s.entries, s.start_time)),
    )
    return tuple((name, str(get(before)), str(get(after))) for name, get in settings if get(before) != get(after))


def load_suite(path: str | Path, *, plan: str | Path | None = None, replications: int | None = None,
               seed: int | None = None, document: YamlDocument | None = None) -> Suite:
    """Load a suite file, load and check every scenario it names, and compile every run.

    Args:
        path: the suite YAML.
        plan: a plan file for every run instead of the scenarios' (the CLI's ``--plan``).
        replications: for every run, overriding the suite, variation and scenario.
        seed: for every run, likewise.
        document: the file, if already read (it is not read again).

    Raises:
        InputError: every problem found in the suite and the files it names, each located.
    """
    doc = document if document is not None else load_yaml(path)
    kind, doc, strays = own_part(doc)  # its top-level key, told as for every other kind of file
    if kind != "suite":
        raise InputError([Problem(str(doc.path), 1, kind, f"this is a {kind} file; give a suite file")])
    # the runs that fit the schema are still checked when others do not, so every problem is told at once
    model, part, own, _ = validate_partial(doc, SuiteFile)
    if model is None:
        raise InputError(with_strays(kind, strays, own))
    body = model.suite
    problems: list[Problem] = with_strays(kind, strays, own)
    for scenario in dict.fromkeys(run.scenario for run in body.runs):  # a run's id is its scenario's and variation's
        problems += duplicate_ids(part, "variation", (
            (("suite", "runs", k, "variations", j, "id"), v.id)
            for k, run in enumerate(body.runs) if run.scenario == scenario for j, v in enumerate(run.variations)),
            f" of {scenario}")
    runs: list[SuiteRun] = []
    for k, run in enumerate(body.runs):
        scen_path = doc.path.parent / run.scenario
        if not scen_path.is_file():
            problems.append(part.problem(("suite", "runs", k, "scenario"), missing(scen_path, in_file=True)))
            continue
        plan_path = Path(plan) if plan is not None else (doc.path.parent / run.plan if run.plan else None)
        if plan_path is not None and not plan_path.is_file():
            where = ("suite", "runs", k, "plan")
            problems.append(part.problem(where, f"plan {missing(plan_path, in_file=True)}") if plan is None
                            else Problem(str(plan_path), None, "", missing(plan_path, named=False)))
            continue
        try:
            loaded = load(scen_path, plan_path)
        except InputError as exc:
            problems.extend(_at_the_run(part, k, exc.problems, scen_path, plan_path if plan is None else None))
            continue
        for j, v in enumerate(run.variations or [VariationSpec(id="as-written")]):
            try:
                runs.append(_compile_run(part, (k, j), body, run, v, loaded, replications, seed,
                                         written=not run.variations))
            except InputError as exc:
                problems.extend(exc.problems)
    if problems:
        raise InputError(in_file_order(problems))
    return Suite(body.id, body.title, body.description, body.season, doc.path, tuple(runs))


def _at_the_run(part: YamlDocument, k: int, problems: list[Problem], scenario: Path,
                plan: Path | None) -> list[Problem]:
    """A run's scenario (or plan, named in the suite) that is another kind of file is told at the suite's line
    that names it, not at line 1 of that file, which is not at fault; other problems as they are."""
    named = {"scenario": scenario, "plan": plan}
    out = []
    for p in problems:
        if p.code == WRONG_KIND and (path := named.get(p.names[1])) is not None and (
                Path(p.file).resolve() == path.resolve()):
            kind, field = p.names
            p = part.problem(("suite", "runs", k, field), f"{path.name} is a {kind} file; give a {field} file")
        out.append(p)
    return out


def _check_entries(doc: YamlDocument, loc: tuple, v: VariationSpec, scen: ScenarioBody, shifts: dict,
                   shift: str | None) -> None:
    """The shifts a variation brings underground exist, and none is the shift already there from the start (the
    same crew twice): a variation that starts with the shift the scenario brings in later needs its own entries.
    The scenario's own entries are checked with the scenario."""
    if v.entries is not None:
        unknown = [doc.problem((*loc, "entries", j, "shift"),
                               f"no shift {e.shift!r} in the site{did_you_mean(e.shift, shifts)}",
                               code=UNKNOWN_NAME, names=(e.shift,)) for j, e in enumerate(v.entries)
                   if e.shift not in shifts]
        again = [doc.problem((*loc, "entries", j, "shift"), already_underground(e.shift, "the start of this run"))
                 for j, e in enumerate(v.entries) if e.shift == shift and e.shift in shifts]
        if unknown or again:
            raise InputError([*unknown, *again])
    elif v.shift is not None:
        start = v.start_time or scen.start_time
        twice = [e for e in scen.entries if e.shift == shift]
        if twice:
            clock = (start + timedelta(seconds=twice[0].at_s)).strftime("%H:%M")
            raise InputError([doc.problem((*loc, "shift"), (
                f"this run starts with shift {shift!r} underground, and the scenario's entries bring {shift!r} in "
                f"again at {clock} (+{fmt_value(twice[0].at_s, 's')}): give the variation the entries of its own "
                "hours (entries: [{at_s: .., shift: ..}], or [] for none)"))])


_VARIED = re.compile(r"scenario\.(?P<kind>faults|entries)\[(?P<k>\d+)\](?P<rest>.*)")


def _told_in_suite(w: tuple[str, int | None, str, str], doc: YamlDocument, loc: tuple, v: VariationSpec,
                   written_faults: int, scenario_file: str) -> tuple[str, int | None, str, str]:
    """A plausibility warning about a fault or an entry the variation adds, told where the suite writes it (the
    scenario's file does not have it); any other warning as it is."""
    file, _, field, message = w
    if file == scenario_file and field == "scenario.time_of_day" and (v.time_of_day or v.start_time) is not None:
        p = doc.problem((*loc, "time_of_day" if v.time_of_day is not None else "start_time"), message)
        return p.file, p.line, p.field, message
    m = _VARIED.fullmatch(field) if file == scenario_file else None
    if m is None:
        return w
    k = int(m["k"])
    if m["kind"] == "faults":
        if k < written_faults:
            return w
        k -= written_faults
    elif v.entries is None:
        return w
    rest = tuple(int(i) if i else key for key, i in re.findall(r"\.(\w+)|\[(\d+)\]", m["rest"]))
    p = doc.problem((*loc, m["kind"], k, *rest), message)
    return p.file, p.line, p.field, message


def _compile_run(doc: YamlDocument, at: tuple[int, int], body: SuiteBody, run: RunSpec, v: VariationSpec,
                 loaded, replications: int | None, seed: int | None, *, written: bool) -> SuiteRun:
    scen = loaded.scenario
    site = loaded.site
    loc = ("suite", "runs", at[0], "variations", at[1])
    shift = v.shift if v.shift is not None else scen.shift
    if v.shift is not None and v.shift not in site.shifts:
        known = ", ".join(site.shifts) or "none"
        raise InputError([doc.problem((*loc, "shift"), f"no shift {v.shift!r} in site {site.id!r}; known: {known}",
                                      code=UNKNOWN_NAME, names=(v.shift,))])
    update: dict = {"shift": shift}
    if v.time_of_day is not None:
        update["time_of_day"] = v.time_of_day
    if v.start_time is not None:
        update["start_time"] = v.start_time
        if v.time_of_day is None and "time_of_day" not in scen.model_fields_set:  # by the clock, as the scenario's
            update["time_of_day"] = day_or_night(v.start_time)
    if v.weather is not None and v.weather.rain is not None:
        update["weather"] = scen.weather.model_copy(update={"rain": v.weather.rain}) if isinstance(
            scen.weather, WeatherSpec) else v.weather
    if v.storm_return_period_yr is not None:
        storm = scen.hazard.storm
        if storm is None or storm.design is None:
            raise InputError([doc.problem((*loc, "storm_return_period_yr"),
                                          f"scenario {scen.id!r} has no design storm to change")])
        design = storm.design.model_copy(update={"return_period_yr": v.storm_return_period_yr})
        update["hazard"] = scen.hazard.model_copy(update={"storm": storm.model_copy(update={"design": design})})
    if v.faults:
        update["faults"] = [*scen.faults, *v.faults]
    if v.entries is not None:
        update["entries"] = v.entries
    _check_entries(doc, loc, v, scen, site.shifts, shift)
    varied = type(loaded)(scen.model_copy(update=update), loaded.site, loaded.plan, loaded.scenario_doc,
                          loaded.site_doc, loaded.plan_doc)
    bad = [doc.problem((*loc, "faults", j, "target"), msg, code=UNKNOWN_NAME, names=(str(f.target),))
           for j, f in enumerate(v.faults)
           if (msg := fault_target_problem(f, site, loaded.plan))]
    if bad:
        raise InputError(bad)
    n = replications or v.replications or body.replications
    s = seed if seed is not None else (v.seed if v.seed is not None else body.seed)
    spec = compile_drill(varied, replications=n, seed=s)
    moved = tuple(_told_in_suite(w, doc, loc, v, len(scen.faults), str(loaded.scenario_doc.path))
                  for w in spec.meta.input_warnings)
    spec = replace(spec, meta=replace(spec.meta, input_warnings=moved))
    label = "" if written else (v.title or v.id)
    return SuiteRun(id=f"{scen.id}/{v.id}", scenario_id=scen.id, variation=label,
                    changes=_changes(v, varied.scenario.start_time), scenario_file=run.scenario, spec=spec,
                    loaded=varied, changed=_changed(scen, varied.scenario))
