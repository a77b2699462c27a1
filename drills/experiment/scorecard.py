"""The first scorecard: warning, evacuation and hoisting measured over replications.

Each metric is computed per replication, then summarised over replications by its mean with a 95 %
confidence interval (Student t on the replication means) and its 5th/50th/95th percentiles. A
replication in which a time is never reached (someone never warned, someone never safe) counts as
"not reached"; those replications are reported by number and excluded from the mean, and they
make the percentiles above them infinite — so a tail that fails shows as failing.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from drills.experiment.exercise import ExerciseResult
from drills.model.records import DrillResult

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
    return Summary(key, label, unit, mean, mean - half, mean + half, p5, p50, p95, int(n - len(fin)), n)


def _time_to_share(times: np.ndarray, share: float) -> float:
    """Time by which ``share`` of everyone had the event (NaN = never → inf if not enough)."""
    n = len(times)
    need = math.ceil(share * n - 1e-9)
    t = np.sort(np.where(np.isnan(times), np.inf, times))
    return float(t[need - 1]) if need >= 1 else 0.0


def replication_metrics(res: DrillResult, duration_s: float) -> dict[str, float]:
    """The per-replication numbers behind the scorecard."""
    warned = np.array([p.warned_s for p in res.people])
    water = np.array([p.water_s for p in res.people])
    safe = np.array([p.outcome in ("surface", "refuge") for p in res.people])
    t_safe = np.array([p.outcome_s if p.outcome in ("surface", "refuge") else np.nan for p in res.people])
    margins = np.array([p.margin_s for p in res.people if p.outcome in ("surface", "refuge")])
    margins = np.minimum(margins, duration_s)  # passages never flooded: margin capped at the drill length
    caught = sum(p.outcome == "caught" for p in res.people)
    w_before = np.where(np.isnan(warned), False, warned < water)
    cage_util = max((h.utilisation for h in res.hoists), default=math.nan)
    cage_queue = max((h.max_queue for h in res.hoists), default=0)
    return {
        "order_s": res.order_s if not math.isnan(res.order_s) else math.inf,
        "t90_warned_s": _time_to_share(warned, 0.9),
        "t100_warned_s": _time_to_share(warned, 1.0),
        "share_warned_before_water": float(w_before.mean()),
        "t_all_safe_s": float(np.nanmax(t_safe)) if safe.all() else math.inf,
        "share_safe": float(safe.mean()),
        "margin_min_s": float(margins.min()) if len(margins) else math.nan,
        "margin_p5_s": float(np.percentile(margins, 5, method="inverted_cdf")) if len(margins) else math.nan,
        "caught": float(caught),
        "cage_utilisation": float(cage_util),
        "cage_max_queue": float(cage_queue),
    }


METRICS = (
    ("order_s", "Evacuation order given", "s"),
    ("t90_warned_s", "90 % warned", "s"),
    ("t100_warned_s", "Everyone warned", "s"),
    ("share_warned_before_water", "Warned before water reached them", "share"),
    ("t_all_safe_s", "Everyone safe", "s"),
    ("share_safe", "Safe (surface or refuge)", "share"),
    ("margin_min_s", "Safety margin, smallest", "s"),
    ("margin_p5_s", "Safety margin, 5th percentile", "s"),
    ("caught", "People caught by the water", "persons"),
    ("cage_utilisation", "Cage utilisation", "share"),
    ("cage_max_queue", "Longest cage queue", "persons"),
)


@dataclass(frozen=True)
class Scorecard:
    metrics: tuple[Summary, ...]
    per_replication: dict[str, np.ndarray]
    replications: int
    seed: int
    people: int

    def get(self, key: str) -> Summary:
        return next(m for m in self.metrics if m.key == key)


def scorecard(ex: ExerciseResult) -> Scorecard:
    """Score an exercise."""
    rows = [replication_metrics(r, ex.spec.duration_s) for r in ex.results]
    per = {k: np.array([row[k] for row in rows]) for k, _, _ in METRICS}
    sums = tuple(summarise(k, label, unit, per[k]) for k, label, unit in METRICS)
    return Scorecard(sums, per, ex.replications, ex.seed, len(ex.spec.people))
