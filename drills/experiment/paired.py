"""Paired differences between two plans run on the same random numbers.

Replication ``r`` of both plans meets the same people, water and channel luck (common random numbers,
:mod:`drills.model.drill`), so the effect of a revision is estimated from the per-replication
differences d_r = revised_r − baseline_r: their mean with a Student-t 95 % confidence interval
(:func:`drills.experiment.scorecard.t975`). Pairing removes the luck both runs share, so a small effect
shows with few replications.

Times that are never reached are capped at the drill's length (and a margin of someone caught at minus
the drill's length) before differencing, so that "never" against "at 40 min" counts as a large finite
improvement instead of an undefined one. A replication in which a metric does not apply to one of the plans
(NaN: no lethality rule underground, nobody the water reached to be warned before it) is left out of that
metric.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from drills.experiment.readings import Reading, objective
from drills.experiment.scorecard import t975
from drills.experiment.units import fmt_value, signed
from drills.model.records import DrillResult

#: (key, label, unit, which way is better)
PAIRED_METRICS = (
    ("objective", "Search objective [P]: people not safe + ¼ per person warned late + …", "", "lower"),
    ("unsafe", "People not safe before the water", "persons", "lower"),
    ("late_warned", "People warned after the water reached them, or never", "persons", "lower"),
    ("share_warned_before_water", "Share of people at risk warned before the water", "share", "higher"),
    ("t100_after_order_s", "Last person warned, after the order", "s", "lower"),
    ("order_latency_s", "Order after the first trigger met", "s", "lower"),
    ("margin_min_s", "Smallest safety margin", "s", "higher"),
    ("caught", "People caught by the water", "persons", "lower"),
    ("turned_back", "People who met the water on their way and turned back", "persons", "lower"),
    ("expected_fatalities", "Expected fatalities", "persons", "lower"),
    ("entered_during_red", "People sent underground during a red warning", "persons", "lower"),
    ("steps_failed", "Plan steps not done on time", "steps", "lower"),
)

VERDICTS = ("better", "worse", "no change", "no significant change")


@dataclass(frozen=True)
class PairedDiff:
    """One metric of a revised plan against its baseline, over paired replications.

    Attributes:
        verdict: "better" or "worse" when the 95 % CI of the mean difference excludes zero;
            "no change" when every paired difference is exactly zero; else "no significant change".
    """

    key: str
    label: str
    unit: str
    better_when: str
    base_mean: float
    new_mean: float
    mean_diff: float
    ci_low: float
    ci_high: float
    n: int
    verdict: str
    base_capped: int = 0  # of the n, replications whose value was "never" or a margin of someone not safe (capped)
    new_capped: int = 0

    def to_json(self) -> dict:
        return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in asdict(self).items()}


def _capped(r: Reading, key: str, duration_s: float) -> bool:
    """The value counts as the drill's length (never reached) or, for a margin, as minus it (someone not safe)."""
    if key == "objective" or not key.endswith("_s"):
        return False
    v = float(getattr(r, key))
    return v <= -duration_s if key == "margin_min_s" else math.isinf(v)


def _value(r: Reading, key: str, duration_s: float) -> float:
    if key == "objective":
        return objective(r, duration_s)
    v = float(getattr(r, key))
    if key == "margin_min_s":
        return max(v, -duration_s) if not math.isnan(v) else v
    if key.endswith("_s") and math.isinf(v):
        return duration_s
    return v


def paired_diff(base: list[Reading], new: list[Reading], key: str, label: str, unit: str, better_when: str,
                duration_s: float) -> PairedDiff:
    """The paired difference new − base of one metric."""
    if len(base) != len(new):
        raise ValueError("paired comparison needs the same replications in both runs")
    a = np.array([_value(r, key, duration_s) for r in base])
    b = np.array([_value(r, key, duration_s) for r in new])
    keep = ~(np.isnan(a) | np.isnan(b))
    a, b = a[keep], b[keep]
    capped_a = sum(_capped(r, key, duration_s) for r, k in zip(base, keep, strict=True) if k)
    capped_b = sum(_capped(r, key, duration_s) for r, k in zip(new, keep, strict=True) if k)
    d = b - a
    n = len(d)
    if n == 0:
        return PairedDiff(key, label, unit, better_when, math.nan, math.nan, math.nan, math.nan, math.nan, 0,
                          "no change")
    mean = float(d.mean())
    half = t975(n - 1) * float(d.std(ddof=1)) / math.sqrt(n) if n > 1 else math.inf
    lo, hi = mean - half, mean + half
    if not np.any(d != 0):
        verdict = "no change"
        lo = hi = 0.0
    elif (hi < 0 and better_when == "lower") or (lo > 0 and better_when == "higher"):
        verdict = "better"
    elif (lo > 0 and better_when == "lower") or (hi < 0 and better_when == "higher"):
        verdict = "worse"
    else:
        verdict = "no significant change"
    return PairedDiff(key, label, unit, better_when, float(a.mean()), float(b.mean()), mean, lo, hi, n, verdict,
                      capped_a, capped_b)


def people_changed(new: Sequence[DrillResult], base: Sequence[DrillResult]) -> int:
    """Person-replications whose record (warning, departure, end and their times) differs between two runs on the
    same random numbers: 0 when the change tested nothing. Compared by repr: NaN marks what did not happen, and
    NaN is not equal to itself."""
    return sum(repr(p) != repr(q) for mine, theirs in zip(new, base, strict=True)
               for p, q in zip(mine.people, theirs.people, strict=True))


def compare(base: list[Reading], new: list[Reading], duration_s: float) -> dict[str, PairedDiff]:
    """Every paired metric of ``new`` against ``base``."""
    return {key: paired_diff(base, new, key, label, unit, better, duration_s)
            for key, label, unit, better in PAIRED_METRICS}


# ------------------------------------------------------------------ shown to the planner, in each metric's own unit
#: units counted in whole things: their values are plain numbers, so the unit goes with the metric's name
COUNTED_UNITS = ("persons", "steps")


def label_with_unit(label: str, unit: str) -> str:
    """A metric's name with its unit when its values are plain numbers: "People caught by the water (persons)"."""
    return f"{label} ({unit})" if unit in COUNTED_UNITS else label


def fmt_mean(x: float, unit: str) -> str:
    """A mean in the metric's own unit: h:mm:ss for times, percent for shares, else two decimals."""
    if unit in ("s", "share"):
        return fmt_value(x, unit)
    return "–" if not math.isfinite(x) else signed(x, f"{abs(x):.2f}")


#: marks a mean some of whose replications were capped (:func:`fmt_side`); the tables that show one say what it means
CAPPED_MARK = "‡"


def fmt_side(d: PairedDiff, side: str, never: str = "never", unsafe: str = "not all safe") -> str:
    """One plan's mean of a paired metric (``side``: "base" or "new"), as a planner reads it: when every replication
    was capped, what that means (``never`` reached, or ``unsafe``: someone not safe, for the margin), not the cap
    itself; when some were, the mean marked with :data:`CAPPED_MARK`."""
    mean, capped = (d.base_mean, d.base_capped) if side == "base" else (d.new_mean, d.new_capped)
    if capped and capped == d.n:
        return unsafe if d.key == "margin_min_s" else never
    return fmt_mean(mean, d.unit) + (CAPPED_MARK if capped else "")


def fmt_change(x: float, unit: str) -> str:
    """A signed difference in the metric's own unit: ±h:mm:ss for times, ± percentage points for shares; ±∞ for
    the unbounded interval of a single replication (a difference is never "never")."""
    if math.isinf(x):
        return "+∞" if x > 0 else "−∞"
    if not math.isfinite(x):
        return fmt_value(x, unit)
    if unit == "share":
        return signed(x, f"{abs(x) * 100:.1f}", plus=True) + " pp"
    if unit == "s":
        return signed(x, fmt_value(abs(x), unit), plus=True)
    return signed(x, f"{abs(x):.2f}", plus=True)


def fmt_ci(d: PairedDiff) -> str:
    """The mean difference and its 95 % confidence interval, in the metric's own unit."""
    if d.n == 0:
        return "–"

    def bound(x: float) -> str:  # a bound of a significant difference never reads as zero
        if d.verdict in ("better", "worse") and d.unit not in ("s", "share") and 0 < abs(x) < 0.005:
            return signed(x, f"{abs(x):.1g}", plus=True)
        return fmt_change(x, d.unit)

    return f"{fmt_change(d.mean_diff, d.unit)} [{bound(d.ci_low)}, {bound(d.ci_high)}]"
