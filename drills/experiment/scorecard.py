"""The first scorecard: warning, evacuation and hoisting measured over replications.

Each metric is computed per replication, then summarised over replications by its mean with a 95 %
confidence interval (Student t on the replication means) and its 5th/50th/95th percentiles. A
replication in which a time is never reached (someone never warned, someone never safe) counts as
"not reached"; those replications are reported by number and excluded from the mean, and they
make the percentiles above them infinite — so a tail that fails shows as failing. Likewise a
replication in which someone was caught or left in the water's way has a smallest margin of -inf
("not all safe"), which pulls the low percentiles down. Where replications were not reached, the
mean is of the others only, and the terminal and report mark it so (:func:`mean_is_partial`).

Who counts as warned, at risk or safe is defined once, in :mod:`drills.experiment.readings`, and used
here as in the grade (see :func:`_group_metrics`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from drills.experiment.exercise import ExerciseResult
from drills.experiment.grading import lower_tail
from drills.experiment.readings import States, margins, person_states
from drills.model.lethality import CHANCE_RATE
from drills.model.records import SAFE_OUTCOMES, DrillResult
from drills.model.spec import DrillSpec

# Two-sided 97.5 % Student t quantiles for small samples (df = n - 1); 1.96 beyond 120.
_T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
         10: 2.228, 12: 2.179, 15: 2.131, 20: 2.086, 25: 2.060, 30: 2.042, 40: 2.021, 60: 2.000,
         120: 1.980}


def t975(df: int) -> float:
    """Student t 97.5 % quantile, from the table (rounding df down: conservative)."""
    if df <= 0:
        return math.nan
    if df > 120:
        return 1.96
    keys = [k for k in _T975 if k <= df]
    return _T975[max(keys)]


@dataclass(frozen=True)
class Summary:
    """A metric over replications. Its 5th percentile is the mirror of its 95th (:func:`grading.lower_tail`): it
    leaves out as many of the lowest replications as the 95th does of the highest (1 of 20), as the grade's own P5
    does, so the scorecard and the grade page give one P5."""

    key: str
    label: str
    unit: str
    mean: float
    ci_low: float
    ci_high: float
    p5: float
    p50: float
    p95: float
    not_reached: int
    n: int
    not_applicable: int = 0  # replications in which the metric does not apply (NaN: nobody it is about)

    def to_json(self) -> dict:
        d = asdict(self)
        return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in d.items()}


def mean_is_partial(s: Summary) -> bool:
    """The mean leaves out replications (a time never reached, a margin of someone not safe, a share of people
    at risk in a replication in which the water reached nobody)."""
    return (s.not_reached > 0 or s.not_applicable > 0) and math.isfinite(s.mean)


def mean_is_withheld(s: Summary) -> bool:
    """More than half the replications are left out of the mean: the mean of the rest (the best of them, for a margin
    of someone not safe) would read as the drill's result, so the tables show "–" for the mean and its interval.
    ``scorecard.json`` keeps the mean of the replications reached, with their count."""
    return mean_is_partial(s) and 2 * (s.not_reached + s.not_applicable) > s.n


def summarise(key: str, label: str, unit: str, values: np.ndarray, *, signed: bool = False,
              limit_s: float = math.inf, people: float = math.inf) -> Summary:
    """``signed``: the values may be below zero (a margin over the water), so the interval is not floored.
    ``limit_s``: the drill's length, beyond which no time (and no margin, either way) can be: the interval of a
    time is cut there as a share's is at 0 and 1; ``people``: the drill's headcount, beyond which no count of
    people can be."""
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    n = len(v)
    fin = v[np.isfinite(v)]
    if len(fin):
        mean = float(fin.mean())
        half = t975(len(fin) - 1) * float(fin.std(ddof=1)) / math.sqrt(len(fin)) if len(fin) > 1 else math.nan
    else:
        mean = half = math.nan
    if n:
        p50, p95 = (float(x) for x in np.percentile(v, [50, 95], method="inverted_cdf"))
        p5 = lower_tail(v)
    else:
        p5 = p50 = p95 = math.nan
    lo, hi = mean - half, mean + half
    if unit == "share":  # a share cannot leave [0, 1]
        lo, hi = max(lo, 0.0), min(hi, 1.0)
    elif not signed and unit in ("persons", "s"):
        lo = max(lo, 0.0)  # nor a count, nor a time since the start
    if unit == "s":
        lo, hi = max(lo, -limit_s), min(hi, limit_s)
    elif unit == "persons":
        hi = min(hi, people)
    return Summary(key, label, unit, mean, lo, hi, p5, p50, p95, int(n - len(fin)), n, int(len(values) - n))


def _time_to_share(times: np.ndarray, share: float) -> float:
    """Time by which ``share`` of everyone had the event (NaN = never → inf if not enough); NaN if there is
    nobody (a level whose only shift was kept on the surface), not 0."""
    n = len(times)
    if n == 0:
        return math.nan
    need = math.ceil(share * n - 1e-9)
    t = np.sort(np.where(np.isnan(times), np.inf, times))
    return float(t[need - 1]) if need >= 1 else 0.0


def _group_metrics(states: States, end_s: float) -> dict[str, float]:
    """The numbers shared by the whole drill and each level or place (one replication).

    The definitions are those of the graded readings (:mod:`drills.experiment.readings`), so the scorecard,
    the findings and the grade never disagree about who was warned or safe:

    * warning times count only the order (its channels and the relays that pass it on); water seen is not a
      warning, and someone who saw the water before the order reached them counts as never warned by it (a
      record keeps each person's first warning only, so a later order is not known). People at the hazard's source,
      whom no plan can warn before the water, and the next shift kept on the surface are left out;
    * warned before the water: of the people the water reached (apart from those at its source), the share the
      order reached first; NaN when the water reached nobody, so that the mean is over the replications in
      which it reached someone, not lifted by replications counted as 100 % with nobody in them;
    * safe from the water: not caught and not left in the water's way (:attr:`PersonState.unsafe`);
    * margins: :func:`~drills.experiment.readings.margins`; a replication in which someone was unsafe has a
      smallest margin of -inf;
    * expected fatalities: the lethality rule's probabilities summed over the people it applies to (people the
      water caught in the open, in a vehicle or in a building, or found at home, downstairs or upstairs, however
      shallow); underground no rule applies, so a group of miners only has NaN ("not estimated"), and the
      people caught are its count.
    """
    people = states.people
    n = len(people)
    reach = states.audience & ~states.source
    # when the order reached each person (its channels or a relay); NaN if only the water or nothing did
    by_order = np.where(people.isin("warned_by", ("", "water")), math.nan, people.array("warned_s"))
    warned = by_order[reach]
    at_risk = reach & states.at_risk
    n_at_risk = int(at_risk.sum())
    leads = margins(states, end_s)
    fatality = people.array("fatality_p")
    rated = fatality[~np.isnan(fatality)].tolist()
    upstairs = people.isin("outcome", ("sheltered",)) & people.isin("situation", ("upper_floor",))
    return {
        "t90_warned_s": _time_to_share(warned, 0.9),
        "t100_warned_s": _time_to_share(warned, 1.0),
        "share_warned_before_water": (1.0 - int(states.late[at_risk].sum()) / n_at_risk) if n_at_risk else math.nan,
        "share_safe_before_water": 1.0 - int(states.unsafe.sum()) / n if n else math.nan,
        "margin_min_s": min(leads) if leads else math.nan,
        "margin_p5_s": float(np.percentile(leads, 5, method="inverted_cdf")) if leads else math.nan,
        "expected_fatalities": float(sum(rated)) if people.isin("group", ("resident",)).any() else math.nan,
        "not_first_warned_by_order": float(np.isnan(warned).sum()),
        "reach": float(int(reach.sum())),
        "upstairs_fatalities": float(fatality[upstairs].sum()),
        # someone sheltering upstairs got the chance-zone rate or more: an upper floor did not shelter them
        "upstairs_lost": float(bool((fatality[upstairs] >= CHANCE_RATE).any())),
    }


def replication_metrics(res: DrillResult, spec: DrillSpec,
                        states: States | None = None) -> dict[str, float]:
    """The per-replication numbers behind the scorecard (``states``: the replication's
    :func:`~drills.experiment.readings.person_states`, if already made)."""
    people = res.people
    if states is None:
        states = person_states(res, spec)
    safe = people.isin("outcome", SAFE_OUTCOMES)
    # when the last person was safe: a later shift kept on the surface is safe, but its time is when it was to go
    # down (it was never in the water's way), so it does not make the drill's last person safe later
    t_safe = np.where(safe & states.audience, people.array("outcome_s"), np.nan)
    t_all_safe = (float(np.nanmax(t_safe)) if states.audience.any() else math.nan) if safe.all() else math.inf
    # the busiest cage of those called (a cage nobody called has no evacuation window to be busy in)
    cage_util = max((h.utilisation for h in res.hoists if not math.isnan(h.utilisation)), default=math.nan)
    cage_queue = max((h.max_queue for h in res.hoists), default=0)
    group = _group_metrics(states, spec.duration_s)
    for zone_only in ("not_first_warned_by_order", "reach", "upstairs_fatalities", "upstairs_lost"):
        del group[zone_only]
    return {
        "order_s": res.order_s if not math.isnan(res.order_s) else math.inf,
        "downstream_order_s": res.downstream_order_s if not math.isnan(res.downstream_order_s) else math.inf,
        **group,
        "t_all_safe_s": t_all_safe,
        "share_safe": float(safe.mean()),
        "caught": float(int(people.isin("outcome", ("caught",)).sum())),
        "sheltering": float(int(people.isin("outcome", ("sheltered",)).sum())),
        "cage_utilisation": float(cage_util),
        "cage_max_queue": float(cage_queue),
    }


#: (key, label, unit, shown when) — "mine": people underground; "valley": residents; "hoist": a cage.
METRICS = (
    ("order_s", "Evacuation order underground", "s", "mine"),
    ("downstream_order_s", "Evacuation order downstream", "s", "valley"),
    ("t90_warned_s", "90 % warned by the order", "s", "all"),
    ("t100_warned_s", "Everyone warned by the order", "s", "all"),
    ("share_warned_before_water", "Warned before the water reached them", "share", "all"),
    ("t_all_safe_s", "Everyone safe", "s", "all"),
    ("share_safe", "Safe (surface, refuge, assembly point)", "share", "all"),
    ("share_safe_before_water", "Safe from the water", "share", "all"),
    ("margin_min_s", "Safety margin, smallest", "s", "all"),
    ("margin_p5_s", "Safety margin, 5th percentile", "s", "all"),
    ("caught", "People caught by the water", "persons", "all"),
    ("sheltering", "People sheltering on upper floors (not a place of safety)", "persons", "valley"),
    ("expected_fatalities", "Expected fatalities", "persons", "valley"),
    ("cage_utilisation", "Cage utilisation (evacuation window)", "share", "hoist"),
    ("cage_max_queue", "Longest cage queue in a replication (people waiting)", "persons", "hoist"),
)


#: the cage metrics' labels in a mine with more than one hoist: each replication's value is that of the busiest cage
#: (the highest utilisation, the longest queue), not of the cages together
CAGES_LABELS = {
    "cage_utilisation": "Cage utilisation, the busiest cage (evacuation window)",
    "cage_max_queue": "Longest cage queue in a replication, at any cage (people waiting)",
}
#: metrics whose values may be below zero (margins over the water)
SIGNED = frozenset({"margin_min_s", "margin_p5_s"})
#: the label of "share_safe" by who is in the drill, naming only the places of safety it has
SAFE_LABELS = {
    frozenset({"mine"}): "Safe (on the surface or in a refuge)",
    frozenset({"valley"}): "Safe (at an assembly point)",
    frozenset({"mine", "valley"}): "Safe (surface, refuge or assembly point)",
}


@dataclass(frozen=True)
class ZoneSummary:
    """One level of the mine or one place of the valley, over replications: of the people who were there, not of a
    later shift kept on the surface (outcome ``kept_out``), who never went down to the level.

    Attributes:
        people: the most people there in one replication (a later shift that went down counts where it worked).
        kept_out: the most people of a later shift who worked there kept on the surface in one replication.
        share_not_first_warned_by_order: of the person-replications there that the order was meant to reach
            (leaving out the people at the hazard's source and a later shift kept on the surface), the share
            whose first warning was not the order: nothing warned them, or they saw the water before the order
            reached them (a record keeps the first warning only), whether or not the water then reached them.
            Pooled over replications; NaN if the order was meant to reach nobody there. Not the scorecard's
            ``never_warned_share``, which is the share of the person-replications (but a later shift kept on the
            surface) that nothing warned at all, not even the water.
    """

    zone: str
    people: int
    share_warned_before_water: Summary
    t100_warned_s: Summary
    share_safe_before_water: Summary
    margin_min_s: Summary
    expected_fatalities: Summary
    share_not_first_warned_by_order: float
    kept_out: int
    #: "mine" for a level (or an underground place) of the mine, "valley" for a place below the dam
    site: str = "valley"
    #: the median over replications of when the water first reached a place where its people started (inf = never
    #: in most replications); what orders the valley's places in the table
    water_s: float = math.inf
    #: of the expected fatalities, those among the people sheltering upstairs (mean over replications)
    upstairs_fatalities: float = 0.0
    #: replications in which the water there was such that an upper floor sheltered no one: the lethality rule gave
    #: those upstairs the chance-zone rate or more (a house coming down, depth × velocity ≥ 7 m²/s at ≥ 2 m/s)
    upstairs_lost_in: int = 0


@dataclass(frozen=True)
class Scorecard:
    metrics: tuple[Summary, ...]
    per_replication: dict[str, np.ndarray]
    replications: int
    seed: int
    people: int
    zones: tuple[ZoneSummary, ...] = ()
    first_warned_by: dict[str, float] = field(default_factory=dict)
    grade: str | None = None  # the evaluation's overall grade (drills.experiment.graded), once graded
    findings: tuple = ()
    revisions: tuple = ()
    #: drill recommend's grades of the plan as it is and as revised: (metric, before, after) rows, the overall last
    revision_grades: tuple[tuple[str, str, str], ...] = ()
    #: every revision drill recommend re-simulated, as recommendations.md lists them (revision_report.trial_rows)
    revision_trials: tuple[tuple[str, ...], ...] = ()
    beyond_warning: tuple[str, ...] = ()  # the places no revision of the warning reaches before the water, in words
    confidence: tuple[str, ...] = ()  # life-safety checks too close to the tolerated tail (graded), in words
    confidence_zh: tuple[str, ...] = ()  # the same in Chinese, for the Chinese report
    settle_with: int | None = None  # replications in all that would settle them at their present shares, rounded up
    #: the same if each share were anywhere in its likely range: (fewest, most), most None if open (graded.settle_span)
    settle_span: tuple[int, int | None] | None = None
    grading: Any = None  # how the grade was reached (drills.experiment.graded.GradeBasis), once graded
    robustness: Any = None  # the single faults tried (drills.experiment.robustness.Robustness), once graded with them
    fatalities_by_situation: dict[str, float] = field(default_factory=dict)  # mean per replication, by where
    #: mean per replication, by how the people ended (:func:`fatalities_by_outcome`)
    fatalities_by_outcome: dict[str, float] = field(default_factory=dict)
    #: who is in the drill, from its people: "mine" (people underground only), "valley" (residents below a dam
    #: only) or "both"; the tables and their notes use this site's words ("by level", "by place")
    site: str = "both"
    #: the water running down from an inrush, where it stops people at the peak inflow as written (from the inputs)
    running_water: Any = None

    def get(self, key: str) -> Summary:
        return next(m for m in self.metrics if m.key == key)

    @property
    def water_reached_no_one(self) -> bool:
        """In no replication did the water reach anyone's place (a hazard after the drill's end, or none at all):
        the gates on warning and safety ahead of the water then pass without having been tried."""
        s = next((m for m in self.metrics if m.key == "share_warned_before_water"), None)
        return s is not None and s.n == 0 and s.not_applicable > 0


def zone_of(spec, person) -> str:
    """Miners are grouped by mining level, residents by the place they live."""
    node = spec.network.nodes[person.start]
    if person.group == "miner":
        return f"level {node.level}" if node.level else node.id
    return node.id


def site_of(spec: DrillSpec) -> str:
    """Who is in the drill, from its people: "mine", "valley" or "both" (:attr:`Scorecard.site`)."""
    miners = any(p.group == "miner" for p in spec.people)
    residents = any(p.group == "resident" for p in spec.people)
    return "both" if miners and residents else "mine" if miners else "valley" if residents else "both"


def _zone_order(ex: ExerciseResult, zone_people: dict[str, list[int]]) -> list[tuple[str, str, float]]:
    """The zones as ``(zone, site, water_s)`` in the table's order: the mine's levels first, from the shallowest
    to the deepest (the highest place its people started at), then the valley's places by the median over
    replications of when the water first reached them, the first reached first and those it did not reach in more
    than half of the replications last, so that the reader meets the near field first; the name breaks ties."""
    spec = ex.spec
    nodes = spec.network.nodes
    dur = spec.duration_s
    water = np.array([r.node_water_s for r in ex.results], dtype=float).reshape(len(ex.results), len(nodes))
    water = np.where(np.isnan(water) | (water >= dur), np.inf, water)
    out = []
    for zone, idx in zone_people.items():
        starts = sorted({spec.people[i].start for i in idx})
        site = "mine" if any(spec.people[i].group == "miner" for i in idx) else "valley"
        # an observed value, as the site map's median (inverted_cdf): a place reached in half the replications is
        # reached, not never
        first = (float(np.quantile(water[:, starts].min(axis=1), 0.5, method="inverted_cdf")) if len(water)
                 else math.inf)
        top = max(nodes[n].elevation_m for n in starts)
        out.append((zone, site, first, top))
    out.sort(key=lambda z: (0, -z[3], z[0]) if z[1] == "mine" else (1, z[2], z[0]))
    return [(zone, site, first) for zone, site, first, _ in out]


def share_of(counts: np.ndarray, of: np.ndarray) -> float:
    """``counts`` pooled over replications as a share of ``of`` pooled; NaN ("–") when ``of`` is none at all (a
    level only a kept-out shift worked on, a place whose only people were at the hazard's source): a share of
    nobody is not 0 %."""
    total = float(of.sum())
    return float(counts.sum()) / total if total else math.nan


def _zones(ex: ExerciseResult, states_all: Sequence[States]) -> tuple[ZoneSummary, ...]:
    """The table by level and place, in :func:`_zone_order`. A later shift kept on the surface was never on its
    level: it is left out of the level's people and shares (it lifted the share safe from the water) and counted
    apart (``kept_out``)."""
    spec = ex.spec
    zone_people: dict[str, list[int]] = {}
    for p in spec.people:
        zone_people.setdefault(zone_of(spec, p), []).append(p.index)
    out = []
    for zone, site, first in _zone_order(ex, zone_people):
        idx = np.asarray(zone_people[zone], dtype=np.intp)
        there = [states.take(idx[states.audience[idx]]) for states in states_all]
        rows = [_group_metrics(group, spec.duration_s) for group in there]

        def col(key: str, rows: list[dict[str, float]] = rows) -> np.ndarray:
            return np.array([row[key] for row in rows])

        out.append(ZoneSummary(
            zone=zone, people=max((len(group) for group in there), default=0),
            share_warned_before_water=summarise("wb", "warned before water", "share", col("share_warned_before_water")),
            t100_warned_s=summarise("t100", "everyone warned", "s", col("t100_warned_s"), limit_s=spec.duration_s),
            share_safe_before_water=summarise("sb", "safe from the water", "share", col("share_safe_before_water")),
            margin_min_s=summarise("mm", "smallest margin", "s", col("margin_min_s"), signed=True,
                                   limit_s=spec.duration_s),
            expected_fatalities=summarise("ef", "expected fatalities", "persons", col("expected_fatalities"),
                                          people=len(idx)),
            share_not_first_warned_by_order=share_of(col("not_first_warned_by_order"), col("reach")),
            kept_out=max((len(idx) - len(group) for group in there), default=0),
            site=site, water_s=first, upstairs_fatalities=float(col("upstairs_fatalities").mean()) if rows else 0.0,
            upstairs_lost_in=int(col("upstairs_lost").sum()),
        ))
    return tuple(out)


def fatalities_by_situation(ex: ExerciseResult) -> dict[str, float]:
    """Expected fatalities per replication (mean) by where the water found the people: in the open, in a
    vehicle, in a building, sheltering on an upper floor; only situations a lethality rule applies to."""
    sums: dict[str, float] = {}
    for r in ex.results:
        for p in r.people:
            if p.situation and not math.isnan(p.fatality_p):
                sums[p.situation] = sums.get(p.situation, 0.0) + p.fatality_p
    n = max(ex.replications, 1)
    return {k: v / n for k, v in sorted(sums.items(), key=lambda kv: -kv[1])}


#: how the people a lethality rule applies to ended: caught by the water (at home or on the way), sheltering on an
#: upper floor, or still downstairs at home in a house the water reached without catching them; the last two are
#: not counted as caught, so the expected fatalities can exceed the people caught
FATALITY_OUTCOMES = {"caught": "caught", "sheltered": "sheltered", "in_place": "at_home"}


def fatalities_by_outcome(ex: ExerciseResult) -> dict[str, float]:
    """Expected fatalities per replication (mean) by how the people ended (keys: the values of
    :data:`FATALITY_OUTCOMES`, in that order, each one present only if a lethality rule applied to someone so)."""
    sums: dict[str, float] = {}
    for r in ex.results:
        people = r.people
        fatality = people.array("fatality_p")
        rated = ~np.isnan(fatality) & (np.asarray(people.column("situation")) != "")
        for outcome, key in FATALITY_OUTCOMES.items():
            pick = rated & people.isin("outcome", (outcome,))
            if pick.any():
                sums[key] = sums.get(key, 0.0) + float(fatality[pick].sum())
    n = max(ex.replications, 1)
    return {k: sums[k] / n for k in FATALITY_OUTCOMES.values() if k in sums}


def first_warned_by(ex: ExerciseResult) -> dict[str, float]:
    """Share of person-replications first warned by each channel (a relay, or "water" for those who saw the water
    first); "" = never warned: nothing warned them, not even the water. A later shift kept on the surface never
    went where the warning was for, and is not counted."""
    counts: dict[str, int] = {}
    total = 0
    for r in ex.results:
        for p in r.people:
            if p.outcome == "kept_out":
                continue
            counts[p.warned_by] = counts.get(p.warned_by, 0) + 1
            total += 1
    return {k: v / total for k, v in sorted(counts.items())} if total else {}


def scorecard(ex: ExerciseResult) -> Scorecard:
    """Score an exercise."""
    spec = ex.spec
    shown = {"all"}
    if any(p.group == "miner" for p in spec.people):
        shown.add("mine")
    if any(p.group == "resident" for p in spec.people):
        shown.add("valley")
    if spec.hoists:
        shown.add("hoist")
    states_all = ex.states
    rows = [replication_metrics(r, spec, states) for r, states in zip(ex.results, states_all, strict=True)]
    labels = {"share_safe": SAFE_LABELS.get(frozenset(shown & {"mine", "valley"}), "Safe")}  # its places of safety
    if len(spec.hoists) > 1:  # the cage numbers are of the busiest cage: say so where there is more than one
        labels.update(CAGES_LABELS)
    metrics = [(k, labels.get(k, label), unit) for k, label, unit, when in METRICS if when in shown]
    per = {k: np.array([row[k] for row in rows]) for k, _, _ in metrics}
    sums = tuple(summarise(k, label, unit, per[k], signed=k in SIGNED, limit_s=spec.duration_s,
                           people=len(spec.people)) for k, label, unit in metrics)
    return Scorecard(sums, per, ex.replications, ex.seed, len(spec.people), _zones(ex, states_all),
                     first_warned_by(ex), fatalities_by_situation=fatalities_by_situation(ex),
                     fatalities_by_outcome=fatalities_by_outcome(ex), site=site_of(spec),
                     running_water=spec.meta.running_water)


def scorecard_notes(card: Scorecard, t: Any, duration_s: float | None) -> list[str]:
    """The notes under the scorecard in the words of ``t`` (:class:`~drills.experiment.i18n.Text`), the same on the
    terminal and in the report, each only where the table needs it: means of some replications only, or withheld;
    what a margin's "≥ the drill's length" and "not all safe" stand for; a 90 % time later than everyone's; where
    the fatalities are; a later shift kept out counted safe; where an inrush's running water stops people."""
    partial = [mean_is_partial(s) and not mean_is_withheld(s) for s in card.metrics]
    return [note for note in (t("mean_partial") if any(partial) else "",
                              t("mean_withheld") if any(mean_is_withheld(s) for s in card.metrics) else "",
                              *t.margin_notes(card.metrics, duration_s), t.warned_order_note(card.metrics),
                              t.fatalities_from(card), t.safe_kept_out(card.zones), t.running_water(card)) if note]
