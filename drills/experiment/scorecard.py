"""The first scorecard: warning, evacuation and hoisting measured over replications.

Each metric is computed per replication, then summarised over replications by its mean with a 95 %
confidence interval (Student t on the replication means) and its 5th/50th/95th percentiles. A
replication in which a time is never reached (someone never warned, someone never safe) counts as
"not reached"; those replications are reported by number and excluded from the mean, and they
make the percentiles above them infinite — so a tail that fails shows as failing.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np

from drills.experiment.exercise import ExerciseResult
from drills.model.records import SAFE_OUTCOMES, DrillResult

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
    """A metric over replications."""

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

    def to_json(self) -> dict:
        d = asdict(self)
        return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in d.items()}


def summarise(key: str, label: str, unit: str, values: np.ndarray) -> Summary:
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
        p5, p50, p95 = (float(x) for x in np.percentile(v, [5, 50, 95], method="inverted_cdf"))
    else:
        p5 = p50 = p95 = math.nan
    lo, hi = mean - half, mean + half
    if unit == "share":  # a share cannot leave [0, 1]
        lo, hi = max(lo, 0.0), min(hi, 1.0)
    elif unit == "persons":  # nor a count go below zero
        lo = max(lo, 0.0)
    return Summary(key, label, unit, mean, lo, hi, p5, p50, p95, int(n - len(fin)), n)


def _time_to_share(times: np.ndarray, share: float) -> float:
    """Time by which ``share`` of everyone had the event (NaN = never → inf if not enough)."""
    n = len(times)
    need = math.ceil(share * n - 1e-9)
    t = np.sort(np.where(np.isnan(times), np.inf, times))
    return float(t[need - 1]) if need >= 1 else 0.0


def safe_before_water(p) -> bool:
    """Safe before the water reached the person's place.

    A resident whose place the flood never reaches (and who was not caught on the way) counts as
    safe: the dam-break flood has passed its peak within the drill. A miner must be out or in a
    refuge: the workings can go on filling after the drill ends.
    """
    if p.outcome == "kept_out":  # the next shift never went down
        return True
    if p.outcome in SAFE_OUTCOMES:
        return bool(p.outcome_s < p.water_s)
    return p.group == "resident" and math.isinf(p.water_s) and p.outcome != "caught"


def replication_metrics(res: DrillResult, duration_s: float) -> dict[str, float]:
    """The per-replication numbers behind the scorecard."""
    people = res.people
    warned = np.array([p.warned_s for p in people])
    water = np.array([p.water_s for p in people])
    safe = np.array([p.outcome in SAFE_OUTCOMES for p in people])
    t_safe = np.array([p.outcome_s if p.outcome in SAFE_OUTCOMES else np.nan for p in people])
    margins = np.array([p.margin_s for p in people if p.outcome in SAFE_OUTCOMES])
    margins = np.minimum(margins, duration_s)  # places never flooded: margin capped at the drill length
    caught = sum(p.outcome == "caught" for p in people)
    w_before = np.where(np.isnan(warned), False, warned < water)
    safe_before = np.array([safe_before_water(p) for p in people])
    p_die = np.array([p.fatality_p for p in people])
    cage_util = max((h.utilisation for h in res.hoists), default=math.nan)
    cage_queue = max((h.max_queue for h in res.hoists), default=0)
    return {
        "order_s": res.order_s if not math.isnan(res.order_s) else math.inf,
        "downstream_order_s": res.downstream_order_s if not math.isnan(res.downstream_order_s) else math.inf,
        "t90_warned_s": _time_to_share(warned, 0.9),
        "t100_warned_s": _time_to_share(warned, 1.0),
        "share_warned_before_water": float(w_before.mean()),
        "t_all_safe_s": float(np.nanmax(t_safe)) if safe.all() else math.inf,
        "share_safe": float(safe.mean()),
        "share_safe_before_water": float(safe_before.mean()),
        "margin_min_s": float(margins.min()) if len(margins) else math.nan,
        "margin_p5_s": float(np.percentile(margins, 5, method="inverted_cdf")) if len(margins) else math.nan,
        "caught": float(caught),
        "sheltering": float(sum(p.outcome == "sheltered" for p in people)),
        "expected_fatalities": float(np.nansum(p_die)),
        "cage_utilisation": float(cage_util),
        "cage_max_queue": float(cage_queue),
    }


#: (key, label, unit, shown when) — "mine": people underground; "valley": residents; "hoist": a cage.
METRICS = (
    ("order_s", "Evacuation order underground", "s", "mine"),
    ("downstream_order_s", "Evacuation order downstream", "s", "valley"),
    ("t90_warned_s", "90 % warned", "s", "all"),
    ("t100_warned_s", "Everyone warned", "s", "all"),
    ("share_warned_before_water", "Warned before water reached them", "share", "all"),
    ("t_all_safe_s", "Everyone safe", "s", "all"),
    ("share_safe", "Safe (surface, refuge, assembly point)", "share", "all"),
    ("share_safe_before_water", "Safe before the water (or never reached by it)", "share", "all"),
    ("margin_min_s", "Safety margin, smallest", "s", "all"),
    ("margin_p5_s", "Safety margin, 5th percentile", "s", "all"),
    ("caught", "People caught by the water", "persons", "all"),
    ("sheltering", "People sheltering on upper floors", "persons", "valley"),
    ("expected_fatalities", "Expected fatalities", "persons", "valley"),
    ("cage_utilisation", "Cage utilisation (evacuation window)", "share", "hoist"),
    ("cage_max_queue", "Longest cage queue", "persons", "hoist"),
)


@dataclass(frozen=True)
class ZoneSummary:
    """One level of the mine or one place of the valley, over replications."""

    zone: str
    people: int
    share_warned_before_water: Summary
    t100_warned_s: Summary
    share_safe_before_water: Summary
    margin_min_s: Summary
    expected_fatalities: Summary
    never_warned_share: float


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
    confidence: tuple[str, ...] = ()  # life-safety checks too close to the tolerated tail (graded), in words

    def get(self, key: str) -> Summary:
        return next(m for m in self.metrics if m.key == key)


def zone_of(spec, person) -> str:
    """Miners are grouped by mining level, residents by the place they live."""
    node = spec.network.nodes[person.start]
    if person.group == "miner":
        return f"level {node.level}" if node.level else node.id
    return node.id


def _zones(ex: ExerciseResult) -> tuple[ZoneSummary, ...]:
    spec = ex.spec
    zone_people: dict[str, list[int]] = {}
    for p in spec.people:
        zone_people.setdefault(zone_of(spec, p), []).append(p.index)
    out = []
    for zone in sorted(zone_people):
        idx = zone_people[zone]
        rows: dict[str, list[float]] = {k: [] for k in ("wb", "t100", "sb", "mm", "ef")}
        never = 0
        for r in ex.results:
            ps = [r.people[i] for i in idx]
            warned = np.array([p.warned_s for p in ps])
            water = np.array([p.water_s for p in ps])
            rows["wb"].append(float(np.mean(np.where(np.isnan(warned), False, warned < water))))
            rows["t100"].append(_time_to_share(warned, 1.0))
            rows["sb"].append(float(np.mean([safe_before_water(p) for p in ps])))
            m = [min(p.margin_s, spec.duration_s) for p in ps if p.outcome in SAFE_OUTCOMES]
            rows["mm"].append(min(m) if len(m) == len(ps) else -math.inf if m or ps else math.nan)
            rows["ef"].append(float(np.nansum([p.fatality_p for p in ps])))
            never += int(np.isnan(warned).sum())
        out.append(ZoneSummary(
            zone=zone, people=len(idx),
            share_warned_before_water=summarise("wb", "warned before water", "share", np.array(rows["wb"])),
            t100_warned_s=summarise("t100", "everyone warned", "s", np.array(rows["t100"])),
            share_safe_before_water=summarise("sb", "safe before water", "share", np.array(rows["sb"])),
            margin_min_s=summarise("mm", "smallest margin", "s", np.array(rows["mm"])),
            expected_fatalities=summarise("ef", "expected fatalities", "persons", np.array(rows["ef"])),
            never_warned_share=never / (len(idx) * max(len(ex.results), 1)),
        ))
    return tuple(out)


def first_warned_by(ex: ExerciseResult) -> dict[str, float]:
    """Share of person-replications first warned by each channel; "" = never warned."""
    counts: dict[str, int] = {}
    total = 0
    for r in ex.results:
        for p in r.people:
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
    rows = [replication_metrics(r, spec.duration_s) for r in ex.results]
    metrics = [(k, label, unit) for k, label, unit, when in METRICS if when in shown]
    per = {k: np.array([row[k] for row in rows]) for k, _, _ in metrics}
    sums = tuple(summarise(k, label, unit, per[k]) for k, label, unit in metrics)
    return Scorecard(sums, per, ex.replications, ex.seed, len(spec.people), _zones(ex), first_warned_by(ex))
