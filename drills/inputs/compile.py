"""Load a scenario with its site and plan, check every cross-reference, and compile a DrillSpec.

All problems across the three files are collected and raised together, each at its file and line.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from drills.inputs.base import dist_or_number, repeated
from drills.inputs.hydraulic_study import load_hydraulic_study, place_floods
from drills.inputs.loaded import Loaded
from drills.inputs.plan import ChannelSpec, PlanBody, PlanFile
from drills.inputs.plausibility import running_water, warnings_of
from drills.inputs.population import build_population, headcount
from drills.inputs.problems import (
    DUPLICATE_ID,
    STRAY_KEY,
    UNKNOWN_NAME,
    WRONG_KIND,
    InputError,
    Problem,
    did_you_mean,
    in_file_order,
    leaves_out,
)
from drills.inputs.scenario import ScenarioBody, ScenarioFile
from drills.inputs.season import build_season, point_has_readings
from drills.inputs.site import UNDERGROUND_KINDS, SiteBody, SiteFile, walk_graph
from drills.inputs.validate import validate_partial
from drills.inputs.yamlfile import YamlDocument, load_yaml, missing, own_part, with_strays
from drills.model import behaviour, hoist, inrush, monitoring, movement, residents, running, warning
from drills.model.flood_season import WORSE_WHEN, Season
from drills.model.network import SURFACE_KINDS, Link, Network, Node
from drills.model.profiles import DEFAULT_PROFILES
from drills.model.spec import (
    Action,
    Behaviour,
    Channel,
    DamBreak,
    DrillSpec,
    Fault,
    Inrush,
    Meta,
    Profile,
    Role,
    Route,
    Trigger,
)
from drills.model.variability import Distribution, Fixed

#: the dam-break runout relations by the paper each follows, as the report names the source of the flood
RUNOUT_TITLES = {"larrauri_lall2018": "Concha Larrauri & Lall 2018", "rico2008": "Rico et al. 2008"}

def no_node(name: str, nodes: Any) -> str:
    """The message for a reference to a node the site does not have, with the nearest id if one is close."""
    return f"no node {name!r} in the site" + did_you_mean(name, nodes)


class _Problems:
    def __init__(self, site: SiteBody | None = None) -> None:
        self.items: list[Problem] = []
        #: the site's passages by id, with their ends: a passage named where a place is wanted is told so
        self.links = {lk.id: (lk.from_, lk.to) for lk in site.links} if site is not None else {}

    def at(self, doc: YamlDocument, loc: tuple[Any, ...], message: str, *, code: str = "",
           names: tuple[str, ...] = ()) -> None:
        self.items.append(doc.problem(loc, message, code=code, names=names))

    def unknown(self, doc: YamlDocument, loc: tuple[Any, ...], name: str, message: str, known: Any = ()) -> None:
        """A reference to ``name``, which the files do not have (with the nearest of ``known`` if one is close)."""
        self.at(doc, loc, message + did_you_mean(name, known), code=UNKNOWN_NAME, names=(name,))

    def no_node(self, doc: YamlDocument, loc: tuple[Any, ...], name: str, nodes: Any) -> None:
        """A reference to a node the site does not have (see :func:`no_node`); a passage's id is told as one."""
        if name in self.links:
            a, b = self.links[name]
            self.unknown(doc, loc, name, f"no node {name!r} in the site: {name!r} is a link (a passage); give a node, "
                                         f"such as one of its ends ({a!r}, {b!r})")
        else:
            self.unknown(doc, loc, name, no_node(name, nodes))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(sorted(set(self.items), key=lambda p: (p.file, p.line or 0, p.field)))


def load_file(path: str | Path) -> tuple[str, Any, YamlDocument]:
    """Load and validate one file of any kind, recognised by its top-level key."""
    kind, body, doc, problems, _ = read_partial(path)
    if problems:
        raise InputError(problems)
    return kind, body, doc


_MODELS: dict[str, type[SiteFile] | type[PlanFile] | type[ScenarioFile]] = {
    "site": SiteFile, "plan": PlanFile, "scenario": ScenarioFile}


def read_partial(source: str | Path | YamlDocument) -> tuple[str, Any, YamlDocument, list[Problem], set[str]]:
    """Load one file (or take one already loaded): its kind, its body (of the file, or of the part of it
    without faults; None if nothing can be checked), the document to locate problems in, its problems,
    and the ids left out."""
    doc = source if isinstance(source, YamlDocument) else load_yaml(source)
    kind, doc, strays = own_part(doc)
    if kind not in _MODELS:  # a suite: it names scenarios, it is not one
        raise InputError([Problem(str(doc.path), doc.line_of((kind,)), kind, "this is a suite file; run it with "
                                  "drill season, or give a site, plan or scenario file here")])
    model, part, problems, removed = validate_partial(doc, _MODELS[kind])
    body = getattr(model, kind) if model is not None else None
    return kind, body, part, with_strays(kind, strays, problems), removed


#: Cross-reference problems that still make sense when part of a file had to be left out: a name that
#: matches nothing, an id used twice. (Rules such as "a route must be connected" could fail only because of it.)
_STILL_MEANINGFUL = frozenset({UNKNOWN_NAME, DUPLICATE_ID})


def still_meaningful(problems: list[Problem], removed: set[str]) -> list[Problem]:
    """Of the cross-reference problems found in files that fitted their schema only in part, those that
    do not depend on what was left out: names that match nothing, ids used twice, other than the names left
    out."""
    return [p for p in problems if p.code in _STILL_MEANINGFUL and removed.isdisjoint(p.names)]


def load(scenario_path: str | Path, plan_path: str | Path | None = None, *,
         document: YamlDocument | None = None) -> Loaded:
    """Load a scenario, its site and its plan (or ``plan_path``), validating each and all together.

    Every problem is reported at once: those of each file's own schema and, for the parts of the files
    that fit their schema, references to names that do not exist. ``document`` is the scenario file if it was
    already read (it is not read again).
    """
    scenario_path = Path(scenario_path)
    data = None
    try:
        read = document if document is not None else load_yaml(scenario_path)
        data = read.data
        kind, scen, sdoc, problems, removed = read_partial(read)
    except InputError as exc:
        raise InputError(exc.problems + _problems_of_named_files(scenario_path, plan_path, data)) from None
    if kind != "scenario":
        raise InputError([Problem(str(sdoc.path), 1, kind, f"this is a {kind} file; give a scenario file",
                                  code=WRONG_KIND, names=(kind, "scenario"))])
    if scen is None:
        # still read the site and plan the scenario names, so that all faults are reported at once
        raise InputError(problems + _problems_of_named_files(scenario_path, plan_path, data))
    site_path = _beside(scenario_path, scen.site)
    plan_given = plan_path is not None  # the --plan option, not the scenario's plan
    if plan_path is None:
        plan_path = _beside(scenario_path, scen.plan)
    loaded: dict[str, tuple[Any, YamlDocument]] = {}
    for want, path in (("site", site_path), ("plan", Path(plan_path))):
        if not path.is_file():
            if want == "plan" and plan_given:
                problems.append(Problem(PLAN_OPTION, None, "", missing(path)))
            else:
                problems.append(sdoc.problem(("scenario", want), f"{want} {missing(path, in_file=True)}"
                                             if want == "plan" else missing(path, in_file=True)))
            continue
        try:
            k, body, doc, own, left_out = read_partial(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if k != want:  # unless the file has the wanted part too, after another: then it is told to split them
            second = [p for p in own if p.code == STRAY_KEY and p.field == want]
            problems.extend(second or [Problem(str(doc.path), 1, k, f"this is a {k} file; a {want} file was expected",
                                               code=WRONG_KIND, names=(k, want))])
            continue
        problems.extend(own)
        removed |= left_out
        if body is not None:
            loaded[want] = (body, doc)
    if len(loaded) == 2:
        site, site_doc = loaded["site"]
        plan, plan_doc = loaded["plan"]
        out = Loaded(scen, site, plan, sdoc, site_doc, plan_doc)
        try:
            check(out)
        except InputError as exc:
            partial = leaves_out(problems)  # some file fitted its schema only in part
            problems.extend(still_meaningful(exc.problems, removed) if partial else exc.problems)
    if problems:
        raise InputError(in_file_order(problems))
    return out


#: the "file" a problem of the plan given on the command line instead of the scenario's is reported at
PLAN_OPTION = "--plan"


def _beside(scenario_path: Path, name: str) -> Path:
    return Path(name) if Path(name).is_absolute() else scenario_path.parent / name


def _problems_of_named_files(scenario_path: Path, plan_path: str | Path | None, raw: Any) -> list[Problem]:
    """Problems of the site and plan files an invalid scenario (``raw``: its data, None if it could not be read)
    names, if it names them readably, and of the plan given instead of the scenario's."""
    out: list[Problem] = []
    if plan_path is not None and not Path(plan_path).is_file():
        out.append(Problem(PLAN_OPTION, None, "", missing(Path(plan_path))))
    body = raw.get("scenario") if isinstance(raw, dict) else None
    if not isinstance(body, dict):
        return out
    names = {"site": body.get("site"), "plan": plan_path if plan_path is not None else body.get("plan")}
    for want, name in names.items():
        if not isinstance(name, str | Path):
            continue
        path = Path(name) if want == "plan" and plan_path is not None else _beside(scenario_path, str(name))
        if not path.is_file():
            continue
        try:
            load_file(path)
        except InputError as exc:
            out.extend(exc.problems)
    return out


def duplicate_ids(doc: YamlDocument, what: str, located: Iterable[tuple[tuple[Any, ...], str | None]],
                  within: str = "") -> list[Problem]:
    """A problem at each id that an earlier one already is, of items given as (location of the id, the id):
    ``duplicate node id 'j120'``, followed by ``within`` (`` at level 'red'``) where the ids need only differ
    within a part of the file. The one check of ids used twice, for every kind of file."""
    located = list(located)
    return [doc.problem(located[k][0], f"duplicate {what} id {located[k][1]!r}{within}", code=DUPLICATE_ID,
                        names=(str(located[k][1]),))
            for k in repeated(ident for _, ident in located)]


def ids_at(at: tuple[Any, ...], items: Iterable[Any]) -> list[tuple[tuple[Any, ...], str | None]]:
    """The ids of the items of the list at ``at``, each with its location, for :func:`duplicate_ids`."""
    return [((*at, k, "id"), item.id) for k, item in enumerate(items)]


def check(ld: Loaded) -> None:
    """Cross-reference checks between and within the three files; every problem is reported at once (but a
    duplicated id is reported alone, not with the faults it makes of every reference to it)."""
    problems: list[Problem] = []
    runs = [lambda: check_site(ld.site, ld.site_doc), lambda: check_plan(ld.plan, ld.plan_doc, ld.site)]
    if not any(repeated(i.id for i in items) for items in (ld.site.nodes, ld.site.links, ld.site.dams,
                                                            ld.plan.roles, ld.plan.channels)):
        runs.append(lambda: check_scenario(ld.scenario, ld.scenario_doc, ld.site, ld.plan, ld.plan_doc))
    for run in runs:
        try:
            run()
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)


def _profiles(site: SiteBody) -> dict[str, Profile]:
    profiles = {**DEFAULT_PROFILES, **residents.RESIDENT_PROFILES}
    for p in site.profiles:
        profiles[p.id] = Profile(p.id, p.speed_mps, p.speed_cv, p.climb_mps, p.wading_limit_m)
    return profiles


def check_site(site: SiteBody, sd: YamlDocument) -> None:
    """Checks within a site file: ids, references, geometry."""
    pr = _Problems(site)
    groups: tuple[tuple[str, Sequence[Any]], ...] = (("node", site.nodes), ("link", site.links), ("dam", site.dams),
                                                     ("hoist", site.hoists), ("profile", site.profiles))
    for what, items in groups:
        pr.items.extend(duplicate_ids(sd, what, ids_at(("site", f"{what}s"), items)))
    # a duplicated id makes every reference to it ambiguous: the checks by id would only add follow-on faults
    pr.raise_if_any()
    nodes = {n.id: n for n in site.nodes}
    for k, lk in enumerate(site.links):
        for end in ("from", "to"):
            ref = lk.from_ if end == "from" else lk.to
            if ref not in nodes:
                pr.no_node(sd, ("site", "links", k, end), ref, nodes)
        if lk.from_ in nodes and lk.to in nodes:
            za, zb = nodes[lk.from_].elevation_m, nodes[lk.to].elevation_m
            if abs(za - zb) > lk.length_m + 1e-6:  # a slip of the length, or of an end's elevation (its sign)
                pr.at(sd, ("site", "links", k, "length_m"),
                      f"{lk.length_m:g} m is shorter than the {abs(za - zb):g} m height difference of its ends "
                      f"({lk.from_!r} at {za:g} m, {lk.to!r} at {zb:g} m): check this length and their elevation_m")
    profiles = _profiles(site)
    for k, h in enumerate(site.hoists):
        for j, s in enumerate(h.stations):
            if s not in nodes:
                pr.no_node(sd, ("site", "hoists", k, "stations", j), s, nodes)
            elif j == 0 and nodes[s].kind not in SURFACE_KINDS:
                pr.at(sd, ("site", "hoists", k, "stations", 0),
                      f"the first station must be the collar (at surface); {s!r} is a {nodes[s].kind}")
            elif j > 0 and nodes[s].kind != "shaft_station":
                pr.at(sd, ("site", "hoists", k, "stations", j), f"{s!r} is a {nodes[s].kind}, not a shaft_station")
        if h.start_station is not None and h.start_station not in h.stations:
            pr.at(sd, ("site", "hoists", k, "start_station"),
                  f"{h.start_station!r} is not one of the hoist's stations ({', '.join(h.stations)})")
    for shift, crews in site.shifts.items():
        for k, c in enumerate(crews):
            if c.at not in nodes:
                pr.no_node(sd, ("site", "shifts", shift, k, "at"), c.at, nodes)
            if c.profile not in profiles:
                pr.unknown(sd, ("site", "shifts", shift, k, "profile"), c.profile,
                           f"unknown profile {c.profile!r}; known: {', '.join(sorted(profiles))}")
            if c.radio_carriers > c.count:
                pr.at(sd, ("site", "shifts", shift, k, "radio_carriers"),
                      f"more radio carriers than people: {c.radio_carriers} carriers in a crew of {c.count}")
    for k, r in enumerate(site.residents):
        if r.at not in nodes:
            pr.no_node(sd, ("site", "residents", k, "at"), r.at, nodes)
        elif nodes[r.at].kind not in ("household", "school", "field", "workplace"):
            pr.at(sd, ("site", "residents", k, "at"),
                  f"{r.at!r} is a {nodes[r.at].kind}; residents live at a household, school, field or workplace node")
    _no_way_out(site, sd, nodes, pr)
    mw = site.mine_water
    if mw is not None:
        if mw.sump not in nodes:
            pr.no_node(sd, ("site", "mine_water", "sump"), mw.sump, nodes)
        if mw.ingress is not None and mw.ingress.node not in nodes:
            pr.no_node(sd, ("site", "mine_water", "ingress", "node"), mw.ingress.node, nodes)
    for k, dm in enumerate(site.dams):
        if dm.node not in nodes:
            pr.no_node(sd, ("site", "dams", k, "node"), dm.node, nodes)
        elif nodes[dm.node].kind != "dam":
            pr.at(sd, ("site", "dams", k, "node"), f"{dm.node!r} is a {nodes[dm.node].kind}, not a dam node")
    pr.raise_if_any()


#: where the people of a shift are out of danger: out of the mine, or in a refuge chamber
CREW_SAFE_KINDS = SURFACE_KINDS | {"refuge"}
#: where residents are out of danger: an assembly point on high ground, or out of the valley
RESIDENT_SAFE_KINDS = SURFACE_KINDS | {"assembly_point", "refuge"}


def _ways_out(site: SiteBody, nodes: dict[str, Any], safe: frozenset[str] | set[str]) -> set[str]:
    """The places from which some passage (on foot, by road, or by cage up to the collar) leads to a place of
    one of the ``safe`` kinds."""
    g = walk_graph(site, nodes)
    out: set[str] = set()
    for n, node in nodes.items():
        if node.kind in safe and n not in out:
            out |= nx.ancestors(g, n) | {n}
    return out


def _no_way_out(site: SiteBody, sd: YamlDocument, nodes: dict[str, Any], pr: _Problems) -> None:
    """People placed where no passage leads to safety: the drill could only count them lost."""
    def check(who: str, safe: frozenset[str], where: str, entries: list[tuple[tuple[Any, ...], str, str]]) -> None:
        if not entries:
            return
        if not any(n.kind in safe for n in nodes.values()):
            pr.at(sd, ("site", "nodes"), f"{who} but no place is {where} (kind {', '.join(sorted(safe))})")
            return
        out = _ways_out(site, nodes, safe)
        for loc, at, people in entries:
            if at in nodes and at not in out:
                pr.at(sd, loc, f"{at!r} holds {people}, but no passage leads from it to {where}")

    check("people work underground", CREW_SAFE_KINDS, "an exit or a refuge",
          [(("site", "shifts", shift, k, "at"), c.at,
            f"{c.count} {'person' if c.count == 1 else 'people'} of the {shift} shift")
           for shift, crews in site.shifts.items() for k, c in enumerate(crews)])
    residents = []
    for k, r in enumerate(site.residents):
        if r.households is not None:
            people = f"{r.households} household{'s' if r.households != 1 else ''}"
        else:
            assert r.occupants is not None  # the schema asks for one or the other
            people = f"up to {max(r.occupants.day, r.occupants.night):g} people"
        residents.append((("site", "residents", k, "at"), r.at, people))
    check("people live in the valley", RESIDENT_SAFE_KINDS, "an assembly point or out of the valley", residents)


def check_plan_alone(plan: PlanBody, pd: YamlDocument) -> None:
    """The checks of a plan that need no site: its roles, channels, levels, triggers and actions agree."""
    pr = _Problems()
    _plan_alone(plan, pd, pr)
    pr.raise_if_any()


def _plan_alone(plan: PlanBody, pd: YamlDocument, pr: _Problems) -> None:
    # every reference to a duplicated id is ambiguous: checking them would only add follow-on faults
    clash: set[str] = set()
    groups: tuple[tuple[str, Sequence[Any]], ...] = (("role", plan.roles), ("channel", plan.channels))
    for what, items in groups:
        found = duplicate_ids(pd, what, ids_at(("plan", f"{what}s"), items))
        pr.items.extend(found)
        if found:
            clash.add(what)
    # ids the findings, the revisions and the scenario's faults and readings refer to: each must name one thing
    w = plan.warning
    for what, at, items in (("trigger", ("plan", "warning", "triggers"), w.triggers),
                            ("route", ("plan", "evacuation", "routes"), plan.evacuation.routes),
                            ("team", ("plan", "teams"), plan.teams),
                            ("item", ("plan", "warning", "monitoring", "items"), w.monitoring.items)):
        pr.items.extend(duplicate_ids(pd, what, ids_at(at, items)))
    for k, item in enumerate(w.monitoring.items):  # a point may measure several items: its id is unique in each
        pr.items.extend(duplicate_ids(pd, "sensor", ids_at(("plan", "warning", "monitoring", "items", k, "points"),
                                                           item.points)))
    roles = {r.id: r for r in plan.roles} if "role" not in clash else None
    channels = {c.id for c in plan.channels} if "channel" not in clash else None
    for k, r in enumerate(plan.roles):
        for j, b in enumerate(r.backups):
            if roles is not None and b not in roles:
                pr.unknown(pd, ("plan", "roles", k, "backups", j), b, f"no role {b!r} in this plan", roles)
            elif b == r.id:
                pr.at(pd, ("plan", "roles", k, "backups", j), "a role cannot back itself up")
    for k, item in enumerate(w.monitoring.items):
        worse = WORSE_WHEN[item.quantity]
        for j, pt in enumerate(item.points):
            th = monitoring.Thresholds(pt.thresholds.blue, pt.thresholds.yellow, pt.thresholds.orange,
                                       pt.thresholds.red)
            try:
                th.check(worse)
            except ValueError:
                said = ", ".join(f"{lv!s} {v:g}" for lv, v in th.pairs())
                pr.at(pd, ("plan", "warning", "monitoring", "items", k, "points", j, "thresholds"),
                      f"the warning values of {item.quantity} must {'rise' if worse == 'higher' else 'fall'} from "
                      f"blue to red (a {worse} value is worse; got {said})")
    declared = f"the plan's warning.levels are {', '.join(w.levels) or 'none'}"
    for k, t in enumerate(w.triggers):
        if roles is not None and t.owner not in roles:
            pr.unknown(pd, ("plan", "warning", "triggers", k, "owner"), t.owner, f"no role {t.owner!r} in this plan",
                       roles)
        if t.level not in w.levels:
            pr.at(pd, ("plan", "warning", "triggers", k, "level"), f"level {t.level!r} is not declared; {declared}")
        elif not w.actions_by_level.get(t.level):
            pr.at(pd, ("plan", "warning", "triggers", k, "level"),
                  f"no actions are listed for level {t.level!r} in warning.actions_by_level")
    for level, acts in w.actions_by_level.items():
        at = ("plan", "warning", "actions_by_level", level)
        if level not in w.levels:
            pr.at(pd, at, f"level {level!r} is not declared; {declared}")
        if not acts:
            pr.at(pd, at, f"no actions are listed for level {level!r}")
        pr.items.extend(duplicate_ids(pd, "step", ids_at(at, acts), f" at level {level!r}"))
        steps: dict[str, int] = {}
        for k, a in enumerate(acts):
            if a.id is not None:
                steps.setdefault(a.id, k)
        order = nx.DiGraph()
        for k, a in enumerate(acts):
            if roles is not None and a.owner not in roles:
                pr.unknown(pd, (*at, k, "owner"), a.owner, f"no role {a.owner!r}", roles)
            for j, ch_id in enumerate(a.channels or []):
                if channels is not None and ch_id not in channels:
                    pr.unknown(pd, (*at, k, "channels", j), ch_id, f"no channel {ch_id!r}", channels)
            for j, first in enumerate(a.after):
                if first == a.id:
                    pr.at(pd, (*at, k, "after", j), "a step cannot wait for itself")
                elif first not in steps:
                    named = ", ".join(steps) or "none has an id"
                    pr.unknown(pd, (*at, k, "after", j), first,
                               f"no step {first!r} at level {level!r} (its steps: {named})")
                else:
                    order.add_edge(steps[first], k)
        for cycle in nx.simple_cycles(order):
            k = min(cycle)
            names = " → ".join(str(acts[i].id) for i in [*cycle[cycle.index(k):], *cycle[:cycle.index(k)], k])
            pr.at(pd, (*at, k, "after"), f"these steps wait for each other and would never be done: {names}")


def check_plan(plan: PlanBody, pd: YamlDocument, site: SiteBody) -> None:
    """Checks of a plan against the site it is written for (those by place only if it is written for this site
    and the site's places have distinct ids: the site's check reports a duplicate)."""
    pr = _Problems(site)
    if plan.site != site.id or repeated(n.id for n in site.nodes):
        # a plan written for another site names that site's places: checking them against this one would only
        # say so again, place by place
        if plan.site != site.id:
            pr.at(pd, ("plan", "site"), f"this plan is for site {plan.site!r}, but the scenario's site is {site.id!r}")
        _plan_alone(plan, pd, pr)
        pr.raise_if_any()
        return
    nodes = {n.id: n for n in site.nodes}
    hoist_of = {s: h for h in site.hoists for s in h.stations[1:]}
    collar_of = {h.id: h.stations[0] for h in site.hoists}
    g = walk_graph(site, nodes)
    # a passage or a hoist that names a missing place is left out of the graph, and the site's check reports it:
    # the routes are not checked for ways it would have given, nor the hoist priority for the station a hoist
    # misnames, which would only tell the same slip again
    hoists_known = all(s in nodes for h in site.hoists for s in h.stations)
    ways_known = hoists_known and all(lk.from_ in nodes and lk.to in nodes for lk in site.links)

    _plan_alone(plan, pd, pr)
    for k, c in enumerate(plan.channels):
        for j, n in enumerate(c.coverage):
            if n not in nodes:
                pr.no_node(pd, ("plan", "channels", k, "coverage", j), n, nodes)
        if c.start is not None and c.start not in nodes:
            pr.no_node(pd, ("plan", "channels", k, "start"), c.start, nodes)
        elif c.type == "stench_gas" and c.start is not None:
            _air_reaches(site, c, pd, ("plan", "channels", k), pr)
    for k, t in enumerate(plan.warning.triggers):
        if t.at is not None and t.at not in nodes:
            pr.no_node(pd, ("plan", "warning", "triggers", k, "at"), t.at, nodes)
        if t.quantity == "mine_inflow_change" and site.mine_water is not None and site.mine_water.baseline_m3ph <= 0:
            pr.at(pd, ("plan", "warning", "triggers", k, "quantity"),
                  f"a change of the mine inflow is a share of the usual inflow, and the site {site.id!r} gives "
                  "mine_water.baseline_m3ph: 0, so this trigger can never be measured: give the mine's usual "
                  "inflow in the site, or watch another quantity")
    ev = plan.evacuation
    for k, x in enumerate(ev.exits):
        if x not in nodes:
            pr.no_node(pd, ("plan", "evacuation", "exits", k), x, nodes)
        elif nodes[x].kind not in SURFACE_KINDS:
            pr.at(pd, ("plan", "evacuation", "exits", k), f"{x!r} is a {nodes[x].kind}, not at the surface")
    for k, x in enumerate(ev.refuges):
        if x not in nodes:
            pr.no_node(pd, ("plan", "evacuation", "refuges", k), x, nodes)
        elif nodes[x].kind != "refuge":
            pr.at(pd, ("plan", "evacuation", "refuges", k), f"{x!r} is a {nodes[x].kind}, not a refuge")
    for k, x in enumerate(ev.assembly_points):
        if x not in nodes:
            pr.no_node(pd, ("plan", "evacuation", "assembly_points", k), x, nodes)
        elif nodes[x].kind != "assembly_point":
            pr.at(pd, ("plan", "evacuation", "assembly_points", k),
                  f"{x!r} is a {nodes[x].kind}, not an assembly_point")
    if site.shifts and not ev.exits:
        pr.at(pd, ("plan", "evacuation"), "people work underground but the plan names no exits")
    if site.residents and not ev.assembly_points:
        pr.at(pd, ("plan", "evacuation"), "residents live below the dam but the plan names no assembly_points")
    for k, x in enumerate(ev.hoist_priority):
        if x not in hoist_of and hoists_known:
            pr.at(pd, ("plan", "evacuation", "hoist_priority", k), f"{x!r} is not a station of any hoist")
    starts: dict[str, int] = {}
    for k, route in enumerate(ev.routes):
        base = ("plan", "evacuation", "routes", k)
        bad = False
        for j, n in enumerate(route.path):
            if n not in nodes:
                pr.no_node(pd, (*base, "path", j), n, nodes)
                bad = True
        for j, n in enumerate(route.from_):
            if n not in nodes:
                pr.no_node(pd, (*base, "from", j), n, nodes)
                bad = True
            elif n in starts:
                pr.at(pd, (*base, "from", j), f"{n!r} already has route {ev.routes[starts[n]].id!r}")
            else:
                starts[n] = k
        if route.refuge is not None and (route.refuge not in nodes or nodes[route.refuge].kind != "refuge"):
            pr.at(pd, (*base, "refuge"), f"{route.refuge!r} is not a refuge of this site")
        if bad:
            continue
        for j, (u, v) in enumerate(zip(route.path, route.path[1:], strict=False)):
            if g.has_edge(u, v) or not ways_known:
                continue
            if u in hoist_of and v in hoist_of[u].stations:
                msg = (f"no ride from {u!r} to {v!r}: the hoist {hoist_of[u].id!r} only runs up to its collar "
                       f"{collar_of[hoist_of[u].id]!r}")
            else:
                msg = f"the route is not connected: no passage from {u!r} to {v!r}"
            pr.at(pd, (*base, "path", j + 1), msg)
        end = nodes[route.path[-1]]
        if end.kind not in SURFACE_KINDS and end.kind not in ("refuge", "assembly_point"):
            pr.at(pd, (*base, "path", len(route.path) - 1),
                  "a route must end at an exit, a refuge or an assembly point")
        for j, n in enumerate(route.from_):  # they join the route where they reach it (routing.join_at)
            if ways_known and n not in route.path and not nx.descendants(g, n) & set(route.path):
                pr.at(pd, (*base, "from", j), f"no passage from {n!r} to any place of the route")
    for k, team in enumerate(plan.teams):
        if team.location not in nodes:
            pr.no_node(pd, ("plan", "teams", k, "location"), team.location, nodes)
    pr.raise_if_any()


def already_underground(shift: str, since: str) -> str:
    """Why an entry of the shift that is underground from the start is refused (the same crew twice)."""
    return (f"shift {shift!r} is underground from {since}: an entry brings in another shift (the same crew cannot "
            "go down twice)")


def fault_target_problem(f: Any, site: SiteBody, plan: PlanBody) -> str | None:
    """What is wrong with a fault's target, or None."""
    targets = {
        "channel_down": {c.id for c in plan.channels}, "link_cut": {lk.id for lk in site.links},
        "role_absent": {r.id for r in plan.roles}, "hoist_out": {h.id for h in site.hoists},
        "sensor_failed": {p.id for it in plan.warning.monitoring.items for p in it.points},
    }
    known = targets.get(f.kind)
    if known is not None and f.target not in known:
        return (f"no {f.kind.split('_')[0]} {f.target!r}; known: {', '.join(sorted(known)) or 'none'}"
                + did_you_mean(str(f.target), known))
    return None


def check_scenario(scen: ScenarioBody, scd: YamlDocument, site: SiteBody, plan: PlanBody,
                   pd: YamlDocument) -> None:
    """Checks of a scenario against its site and plan."""
    pr = _Problems(site)
    nodes = {n.id: n for n in site.nodes}
    channels = {c.id for c in plan.channels}
    profiles = _profiles(site)
    if scen.shift is not None and scen.shift not in site.shifts:
        known = ", ".join(site.shifts) or "none"
        pr.unknown(scd, ("scenario", "shift"), scen.shift, f"no shift {scen.shift!r} in the site; known: {known}")
    if scen.shift is None and site.shifts and not site.residents:
        pr.at(scd, ("scenario",), f"say which shift is underground: shift: one of {', '.join(site.shifts)}")
    elif (scen.shift is None or scen.shift in site.shifts) and headcount(site, scen) == 0:
        why = [f"shift {scen.shift!r} has no crews"] if scen.shift is not None else []
        why += [f"no residents are there by {scen.time_of_day}"] if site.residents else []
        pr.at(scd, ("scenario", "shift") if scen.shift is not None else ("scenario",),
              f"nobody is in the drill ({' and '.join(why)}): it would have no one to warn or evacuate")
    db = scen.hazard.dam_break
    if db is not None:
        dams = {d.id for d in site.dams}
        if db.dam not in dams:
            pr.unknown(scd, ("scenario", "hazard", "dam_break", "dam"), db.dam,
                       f"no dam {db.dam!r} in the site; known: {', '.join(sorted(dams)) or 'none'}")
        if db.study is not None:
            study = Path(db.study) if Path(db.study).is_absolute() else scd.path.parent / db.study
            if not study.is_file():
                pr.at(scd, ("scenario", "hazard", "dam_break", "study"), missing(study, in_file=True))
            else:  # read as the run reads it, so that validate refuses what the run would
                try:
                    load_hydraulic_study(study, nodes)
                except InputError as exc:
                    pr.items.extend(exc.problems)
    inr = scen.hazard.inrush
    if inr is not None and inr.source not in nodes:
        pr.no_node(scd, ("scenario", "hazard", "inrush", "source"), inr.source, nodes)
    haz = ("scenario", "hazard")
    ps = scen.hazard.pond
    if ps is not None:
        dam = next((d for d in site.dams if d.id == ps.dam), None)
        if dam is None:
            pr.unknown(scd, (*haz, "pond", "dam"), ps.dam, f"no dam {ps.dam!r} in the site", [d.id for d in site.dams])
        elif dam.pond is None:
            pr.at(scd, (*haz, "pond", "dam"), f"dam {ps.dam!r} has no pond water balance (site.dams[].pond)")
        elif ps.initial_level_m < dam.pond.stage_area[0][0]:
            pr.at(scd, (*haz, "pond", "initial_level_m"), f"{ps.initial_level_m:g} m is below the lowest level of "
                  f"the pond's stage_area table ({dam.pond.stage_area[0][0]:g} m)")
        elif ps.initial_level_m > dam.pond.crest_elevation_m:
            pr.at(scd, (*haz, "pond", "initial_level_m"), f"{ps.initial_level_m:g} m is above the crest of dam "
                  f"{ps.dam!r} ({dam.pond.crest_elevation_m:g} m): give the pond level at the scenario start")
        if scen.hazard.storm is None:
            pr.at(scd, (*haz, "pond"), "the pond's water balance needs a storm (scenario.hazard.storm)")
    if db is not None and db.on_overtopping and ps is None:
        pr.at(scd, (*haz, "dam_break", "on_overtopping"), "needs the pond's water balance (scenario.hazard.pond)")
    for j, e in enumerate(scen.entries):
        if e.shift not in site.shifts:
            pr.unknown(scd, ("scenario", "entries", j, "shift"), e.shift,
                       f"no shift {e.shift!r} in the site; known: {', '.join(site.shifts)}", site.shifts)
        elif e.shift == scen.shift:
            pr.at(scd, ("scenario", "entries", j, "shift"), already_underground(e.shift, "the start (scenario.shift)"))
        elif not site.shifts[e.shift]:
            pr.at(scd, ("scenario", "entries", j, "shift"),
                  f"shift {e.shift!r} has no crews: this entry brings nobody underground")
    for j, f in enumerate(scen.faults):
        msg = fault_target_problem(f, site, plan)
        if msg:
            pr.unknown(scd, ("scenario", "faults", j, "target"), str(f.target), msg)
    for k, item in enumerate(plan.warning.monitoring.items):
        for j, pt in enumerate(item.points):
            if not point_has_readings(Loaded(scen, site, plan, scd, scd, pd), item.quantity, pt.id):
                pr.at(pd, ("plan", "warning", "monitoring", "items", k, "points", j),
                      f"point {pt.id!r} ({item.quantity}) gets no values in this scenario: give its readings in "
                      "scenario.hazard.monitor_series or a storm model that computes it")
    if scen.order is not None:
        for j, c in enumerate(scen.order.channels or []):
            if c not in channels:
                pr.unknown(scd, ("scenario", "order", "channels", j), c,
                           f"no channel {c!r}; known: {', '.join(channels)}", channels)
    for prof in scen.behaviour.response_delay_s:
        if prof not in profiles:
            pr.unknown(scd, ("scenario", "behaviour", "response_delay_s", prof), prof, f"unknown profile {prof!r}",
                       profiles)
    pr.raise_if_any()


def _network(site: SiteBody) -> tuple[Network, dict[str, int]]:
    """The site's places and passages as the model's network, and each place's index by id."""
    nodes = [
        Node(n.id, k, n.kind, n.elevation_m, n.x_m, n.y_m, n.level, n.capacity_persons, n.supplies_h,
             n.void_volume_m3, n.void_height_m, n.above_valley_floor_m)
        for k, n in enumerate(site.nodes)
    ]
    idx = {n.id: n.index for n in nodes}
    links = [
        Link(lk.id, k, lk.kind, idx[lk.from_], idx[lk.to], lk.length_m, lk.width_m, lk.height_m,
             lk.flow_capacity_pps, lk.one_way, lk.road_class, lk.lanes, lk.bridge)
        for k, lk in enumerate(site.links)
    ]
    return Network.build(nodes, links), idx


def input_warnings(ld: Loaded) -> list[Problem]:
    """Every plausibility warning of a scenario with its site and plan (:func:`warnings_of`), with those that need
    the scenario's flood built (:func:`flood_warnings`), file by file, top to bottom."""
    return in_file_order([*warnings_of(ld), *flood_warnings(ld)])


def flood_warnings(ld: Loaded) -> list[Problem]:
    """A plan assembly point the scenario's central dam-break flood reaches: the built-in estimate (or the
    hydraulic study) at the released volume of the pond as written, water at the place being the depth at which
    the drill counts a place reached (:data:`drills.model.movement.WET_DEPTH_M`). Those sent there meet the water
    on the way or are caught on it; most often the point's height was mistyped, or it sits on the valley floor."""
    db = ld.scenario.hazard.dam_break
    ev = ld.plan.evacuation
    # the plan's assembly points, then those a route ends at that the plan does not list, each where it is named
    points: dict[str, tuple[Any, ...]] = {ap: ("plan", "evacuation", "assembly_points", i)
                                          for i, ap in enumerate(ev.assembly_points)}
    kinds = {n.id: n.kind for n in ld.site.nodes}
    for k, route in enumerate(ev.routes):
        if route.path and kinds.get(route.path[-1]) == "assembly_point":
            points.setdefault(route.path[-1], ("plan", "evacuation", "routes", k, "path", len(route.path) - 1))
    if db is None or not points:
        return []
    try:
        net, idx = _network(ld.site)
        recipe, source = _flood_recipe(ld, idx)
        flood = recipe.build(net, 0.0)  # times after the breach
    except (InputError, KeyError, StopIteration, ValueError):
        return []  # a file the checks refuse, or a study that cannot be read: told as a problem elsewhere
    by = f"the hydraulic study {source!r}" if db.study is not None else f"the built-in {source}"
    out = []
    for ap, loc in points.items():
        if ap not in idx:
            continue
        depth, _ = flood.node_peak(idx[ap])
        arrival = float(flood.arrival_s[idx[ap]])
        if depth < movement.WET_DEPTH_M or not math.isfinite(arrival):
            continue
        out.append(ld.plan_doc.problem(loc, (
            f"assembly point {ap!r} lies in the path of the flood by {by}: {depth:.1f} m deep at its peak, "
            f"{arrival / 60:.1f} min after the breach; people sent there meet the water on the way or are caught "
            "on it. Is its elevation_m or above_valley_floor_m right, or should the plan name a point above the "
            "flood?"), names=(ap,)))
    return out


def compile_drill(ld: Loaded, *, replications: int | None = None, seed: int | None = None) -> DrillSpec:
    """Build the simulation's plain data from loaded, checked files."""
    site, plan, scen = ld.site, ld.plan, ld.scenario
    net, idx = _network(site)
    profiles = _profiles(site)
    # a site may redefine how residents move (its own "adult" walking speed): they still respond as residents,
    # unless a shift underground uses that name for its miners
    crew_profiles = {c.profile for crews in site.shifts.values() for c in crews}
    people, parties = build_population(site, scen, idx)
    priority = tuple(idx[s] for s in plan.evacuation.hoist_priority)
    hoists = []
    for h in site.hoists:
        st = tuple(idx[s] for s in h.stations)
        el = tuple(net.nodes[s].elevation_m for s in st)
        height = max(el) - min(el)
        hoists.append(hoist.HoistDef(
            id=h.id, stations=st, elevations=el, capacity=h.cage_capacity_persons * h.decks, decks=h.decks,
            v_max=hoist.max_speed_mps(height, h.max_speed_mps), accel=h.accel_mps2, signal_s=h.signal_s,
            start_station=idx[h.start_station] if h.start_station else st[0],
            needs_mains_power=h.needs_mains_power, priority=tuple(s for s in priority if s in st)))
    roles = {
        r.id: Role(r.id, r.title, dist_or_number(r.decision_delay_s), r.present_probability, tuple(r.backups),
                   dist_or_number(r.handover_s), r.may_order_evacuation)
        for r in plan.roles
    }
    triggers = tuple(
        Trigger(t.id, t.quantity, idx[t.at] if t.at else None, t.threshold, t.level, t.owner,
                dist_or_number(t.detection_delay_s), t.automatic, t.at_level)
        for t in plan.warning.triggers
    )
    actions: dict[str, tuple[Action, ...]] = {
        lvl: tuple(Action(a.action, a.owner, tuple(a.channels) if a.channels is not None else None, a.id or "",
                          tuple(a.after), a.deadline_s) for a in acts)
        for lvl, acts in plan.warning.actions_by_level.items()
    }
    channels = tuple(_channel(c, idx, scen) for c in plan.channels)
    routes = {}
    for r in plan.evacuation.routes:
        route = Route(r.id, tuple(idx[n] for n in r.path), idx[r.refuge] if r.refuge else None)
        for n in r.from_:
            routes[idx[n]] = route
    season, mine_extra = build_season(ld)
    inr = _mine_water(ld, net, idx, mine_extra)
    b = scen.behaviour
    response: dict[str, Distribution] = {p: behaviour.DEFAULT_RESPONSE_DELAY for p in profiles}
    response.update({p: residents.MOBILISATION_DELAY for p in residents.RESIDENT_PROFILES if p not in crew_profiles})
    response.update({p: dist_or_number(q) for p, q in b.response_delay_s.items()})
    compliance = {p: residents.COMPLIANCE for p in residents.RESIDENT_PROFILES}
    compliance.update(b.compliance)
    beh = Behaviour(
        response_delay=response,
        crew_relay=dist_or_number(b.crew_relay_s) if b.crew_relay_s is not None else behaviour.DEFAULT_CREW_RELAY,
        water_cue_depth_m=b.water_cue_depth_m or behaviour.DEFAULT_WATER_CUE_DEPTH_M,
        neighbour_relay=(dist_or_number(b.neighbour_relay_s) if b.neighbour_relay_s is not None
                         else residents.NEIGHBOUR_RELAY),
        neighbours_told=b.neighbours_told if b.neighbours_told is not None else residents.NEIGHBOURS_TOLD,
        compliance=compliance,
    )
    meta = Meta(
        site_id=site.id, site_name=site.name, plan_id=plan.id, plan_version=plan.version, plan_unit=plan.unit,
        scenario_id=scen.id, scenario_title=scen.title, start_time=scen.start_time.isoformat(timespec="minutes"),
        files={"scenario": str(ld.scenario_doc.path), "site": str(ld.site_doc.path), "plan": str(ld.plan_doc.path)},
        input_warnings=tuple((w.file, w.line, w.field, w.message) for w in input_warnings(ld)),
        running_water=running_water(scen, site),
    )
    return DrillSpec(
        meta=meta, network=net, profiles=profiles, people=tuple(people), roles=roles, triggers=triggers,
        actions_by_level=actions, channels=channels, routes=routes,
        exits=tuple(idx[x] for x in plan.evacuation.exits), refuges=tuple(idx[x] for x in plan.evacuation.refuges),
        hoists=tuple(hoists), inrush=inr, behaviour=beh, duration_s=scen.duration_s, parties=tuple(parties),
        assembly_points=tuple(idx[x] for x in plan.evacuation.assembly_points),
        vertical_shelter=plan.evacuation.vertical_shelter, dam_break=_dam_break(ld, net, idx, season),
        time_of_day=scen.time_of_day, rain=scen.weather.rain, season=season,
        faults=_faults(scen, idx, net), entries=_entries(scen, people, parties),
        headcount_limit=plan.underground_max_persons,
        no_entry=(plan.warning.no_entry.met_warning_at, plan.warning.no_entry.monitoring_at)
        if plan.warning.no_entry else None,
        order_at_s=scen.order.at_s if scen.order else None,
        order_channels=tuple(scen.order.channels) if scen.order and scen.order.channels is not None else None,
        replications=replications or scen.monte_carlo.replications,
        seed=scen.monte_carlo.seed if seed is None else seed,
    )


def _air_reaches(site: SiteBody, c: ChannelSpec, pd: YamlDocument, at: tuple, pr: _Problems) -> None:
    """A problem for each place of a stench-gas channel's coverage the air from its start cannot reach through
    the site's passages (shafts included)."""
    air = nx.Graph()
    air.add_nodes_from(n.id for n in site.nodes)
    air.add_edges_from((lk.from_, lk.to) for lk in site.links)
    reached = nx.node_connected_component(air, c.start)
    for j, n in enumerate(c.coverage):
        if n in air and n not in reached:
            pr.at(pd, (*at, "coverage", j), f"no passage joins {n!r} to {c.start!r}, where the stench is released: "
                  "the ventilation air cannot carry it there")


def _channel(c: ChannelSpec, idx: dict[str, int], scen: ScenarioBody) -> Channel:
    """Compile a channel, filling the receipt defaults of its type for the time of day and weather."""
    tod = scen.time_of_day
    rain = warning.RAIN_AUDIBILITY[scen.weather.rain]
    given = c.model_fields_set
    hear = c.hear_probability
    audibility = 1.0
    radius = c.audible_radius_m or 0.0
    answer = c.answer_probability_day if tod == "day" else c.answer_probability_night
    call = dist_or_number(c.call_duration_s)
    if c.type in ("siren", "village_loudspeaker"):
        table = warning.SIREN_AUDIBILITY if c.type == "siren" else warning.LOUDSPEAKER_AUDIBILITY
        own = c.audibility_day if tod == "day" else c.audibility_night
        audibility = (own if own is not None else table[tod]) * rain
        if "hear_probability" not in given:
            hear = warning.SIREN_HEAR_PER_CYCLE
    elif c.type == "loudspeaker_vehicle":
        radius = c.audible_radius_m or warning.VEHICLE_RADIUS_M
        if "hear_probability" not in given:
            hear = warning.VEHICLE_HEAR * rain
    elif c.type == "sms":
        answer = warning.SMS_NOTICE[tod] if ("answer_probability_day" not in given and tod == "day") or (
            tod == "night" and "answer_probability_night" not in given) else answer
    elif c.type == "phone_tree" and "call_duration_s" not in given:
        call = warning.PHONE_CALL
    speed = (c.speed_kmh or warning.VEHICLE_KMH) / 3.6  # a loudspeaker vehicle's
    if c.type == "stench_gas" and c.air_speed_mps is not None:
        speed = c.air_speed_mps  # the ventilation air's, which carries the stench
    return Channel(
        c.id, c.type, dist_or_number(c.activation_delay_s), c.reliability, tuple(idx[n] for n in c.coverage),
        hear, c.repeat_interval_s, call, c.ring_s, idx[c.start] if c.start else None, c.needs_mains_power,
        c.backup_power_h, public=c.public, needs_mobile_network=c.needs_mobile_network or c.type == "sms",
        audible_radius_m=radius, audibility=audibility, callers=c.callers, answer_probability=answer,
        visit=dist_or_number(c.visit_s) if c.visit_s is not None else None, speed_mps=speed)


def _dam_break(ld: Loaded, net: Network, idx: dict[str, int], season: Season | None) -> DamBreak | None:
    spec = ld.scenario.hazard.dam_break
    if spec is None:
        return None
    recipe, source = _flood_recipe(ld, idx)
    breach: Distribution
    if spec.on_overtopping:  # the pond's own water balance decides (the season built once, by compile_drill)
        t_over = season.overtopping_s if season is not None else math.inf
        breach = Fixed(t_over if math.isfinite(t_over) else ld.scenario.duration_s * 10)
    else:
        assert spec.breach_s is not None  # the schema asks for one or the other
        breach = dist_or_number(spec.breach_s)
    central = breach.median
    return DamBreak(spec.dam, recipe.dam_node, central, recipe.build(net, central), source, recipe, breach,
                    dist_or_number(spec.volume_factor))


def _flood_recipe(ld: Loaded, idx: dict[str, int]) -> tuple[Any, str]:
    """How the scenario's dam-break flood is built (:class:`~drills.model.dam_break.FloodRecipe`), and its source:
    the built-in estimate (with its relation) or the hydraulic study's file name."""
    from drills.model.dam_break import FloodRecipe

    spec = ld.scenario.hazard.dam_break
    assert spec is not None
    dam = next(d for d in ld.site.dams if d.id == spec.dam)
    rows = None
    source = f"estimate ({RUNOUT_TITLES[spec.runout_relation]})"
    if spec.study is not None:
        path = Path(spec.study) if Path(spec.study).is_absolute() else ld.scenario_doc.path.parent / spec.study
        rows = tuple(place_floods(load_hydraulic_study(path, set(idx))))
        source = path.name
    surveyed = [n.above_valley_floor_m for n in ld.site.nodes]
    heights = tuple(surveyed) if any(h > 0 for h in surveyed) else None
    # a dam-break flood reaches the places below ground only through the mine's own water model
    below = tuple(idx[n.id] for n in ld.site.nodes if n.kind in UNDERGROUND_KINDS)
    return FloodRecipe(idx[dam.node], dam.height_m, dam.stored_volume_m3, spec.runout_relation, heights, rows,
                       below), source


def _mine_water(ld: Loaded, net: Network, idx: dict[str, int], extra) -> Inrush | None:
    """The water filling the workings: an inrush, the storm's extra inflow and surface ingress, or both."""
    scen = ld.scenario
    s = scen.hazard.inrush
    if s is None and extra is None:
        return None
    burst = None
    way = None
    if s is not None:
        src = idx[s.source]
        t = tuple(p.t_s + s.start_s for p in s.hydrograph)
        q = tuple(p.inflow_m3ph / 3600.0 for p in s.hydrograph)
        factor = dist_or_number(s.inflow_factor)
        pumping = s.pumping_m3ph / 3600.0
        burst = inrush.first_inflow_s(t, q)
        way = running.build_way(net, src, t, q)  # the inrush's own water runs down; the storm's comes in elsewhere
    t_own, q_own = (t, q) if s is not None else ((), ())
    held = 0.0
    unscaled: tuple[float, ...] = ()
    pumps = None
    usual = 0.0
    if extra is not None:
        grid, q_extra, spare = extra
        mw = ld.site.mine_water
        assert mw is not None
        held = min(mw.pumping_m3ph, mw.baseline_m3ph) / 3600.0
        pumps, usual = mw.pumping_m3ph / 3600.0, mw.baseline_m3ph / 3600.0
        if s is None:
            src, t, q, factor, pumping = idx[mw.sump], tuple(grid), tuple(q_extra), Fixed(1.0), spare
        else:  # both: the inrush beside the storm's water, which its factor does not scale, on the times of both
            both = np.union1d(grid, t)
            q = tuple(np.interp(both, t, q, left=0.0))
            unscaled = tuple(float(x) for x in np.interp(both, grid, q_extra))
            t = tuple(both)
            pumping += spare
    return Inrush(src, burst, tuple(float(x) for x in t), tuple(float(x) for x in q), factor, pumping,
                  inrush.build_geometry(net, src), way, held, unscaled, pumps, usual,
                  tuple(zip(t_own, q_own, strict=True)))


def _faults(scen: ScenarioBody, idx: dict[str, int], net: Network) -> tuple[Fault, ...]:
    return tuple(Fault(f.name, f.kind, f.target, f.at_s, f.duration_s, f.probability) for f in scen.faults)


def _entries(scen: ScenarioBody, people: list, parties: list) -> tuple[tuple[float, tuple[int, ...]], ...]:
    """Parties of the entering shifts (built with the population) grouped by their entry time."""
    out: dict[float, list[int]] = {}
    for party in parties:
        if party.enters_s > 0:
            out.setdefault(party.enters_s, []).append(party.index)
    return tuple((t, tuple(ks)) for t, ks in sorted(out.items()))


def load_drill(scenario: str | Path, plan: str | Path | None = None, *, replications: int | None = None,
               seed: int | None = None) -> DrillSpec:
    """Load, check and compile in one call."""
    return compile_drill(load(scenario, plan), replications=replications, seed=seed)


__all__ = ["Loaded", "check", "check_plan", "check_plan_alone", "check_scenario", "check_site", "compile_drill", "load",
           "load_drill", "load_file"]
