"""How sure a share of replications is, against the 5 % tail that the life-safety checks tolerate.

A life-safety check fails in some replications: the M2 and M3 gates (someone warned after the water, someone
not safe), each finding about people at one place, entry during a red warning. The grading tolerates the
worst 5 % of replications (:data:`TAIL_Q`, the project's proposed scoring model [P]): a check failing in more
than 5 % is a 不足项, in fewer an 改进项. With a finite number of replications the share that failed is itself
uncertain; near 5 % a few more replications can move a finding from one class to the other.

This module gives exact one-sided binomial bounds on that share (Clopper & Pearson 1934, "The use of
confidence or fiducial limits illustrated in the case of the binomial", Biometrika 26:404–413) at 95 %
confidence, and says whether the comparison with 5 % is settled:

- **beyond the tail**: the lower bound is above 5 %;
- **within the tail**: the upper bound is at most 5 %;
- **not settled**: the bounds straddle 5 %, and about how many replications would settle it at the same share,
  and as a range, with the share anywhere in its likely range (the middle half of its plausible values): near
  5 % the estimate at the observed share swings widely with a few replications more, and the range says by how
  much (it has no upper end when the likely range reaches 5 % itself).

With no failure in ``n`` replications the upper bound is ``1 - 0.05 ** (1 / n)``; it first falls to 5 %
or below at ``n = 59`` (4.95 %), Wilks' number for a one-sided 95 %/95 % tolerance limit (Wilks 1941,
"Determination of sample sizes for setting tolerance limits", Ann. Math. Stat. 12:91–96): a drill run fewer
than 59 times cannot show that a life-safety check holds in 95 % of drills, even if it never fails.

The class of a finding stays on the observed share (the proposed scoring model [P]); these bounds are told beside it, so
a planner knows when to run more replications before acting on a borderline class.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np

#: [P] the grading's tail: times at their 95th percentile over replications, margins and shares at their 5th
TAIL_Q = 95
#: the tolerated share of replications in which a life-safety check may fail (the grading's tail) [P]
TAIL_SHARE = 1.0 - TAIL_Q / 100.0
#: confidence of each one-sided bound (the grading's 95 %) [P]
CONFIDENCE = 0.95
#: no estimate of the replications needed beyond this many ("more than ...")
MAX_REPLICATIONS = 100_000
#: the share's likely range behind the spread of that estimate: the middle half of its plausible values, each end
#: a one-sided Clopper–Pearson bound at 75 % (a 50 % interval: the share is as likely inside as outside it) [P]
SPREAD_CONFIDENCE = 0.75


def binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X ≤ k) for X ~ Binomial(n, p), summed in log space (no underflow for large n)."""
    if k < 0:
        return 0.0
    if k >= n or p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0
    j = np.arange(k + 1)
    log_comb = np.concatenate(([0.0], np.cumsum(np.log((n - j[:-1]) / (j[:-1] + 1.0)))))
    log_terms = log_comb + j * math.log(p) + (n - j) * math.log1p(-p)
    top = float(log_terms.max())
    return min(1.0, math.exp(top) * float(np.exp(log_terms - top).sum()))


def _solve(f, target: float) -> float:
    """The p in [0, 1] where the decreasing function ``f`` equals ``target`` (bisection to 1e-12)."""
    lo, hi = 0.0, 1.0
    while hi - lo > 1e-12:
        mid = 0.5 * (lo + hi)
        if f(mid) > target:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


@functools.lru_cache(maxsize=4096)
def upper_bound(k: int, n: int, confidence: float = CONFIDENCE) -> float:
    """One-sided exact upper bound on the share after ``k`` failures in ``n`` (Clopper–Pearson)."""
    if k >= n:
        return 1.0
    if k == 0:
        return 1.0 - (1.0 - confidence) ** (1.0 / n)
    return _solve(lambda p: binomial_cdf(k, n, p), 1.0 - confidence)


@functools.lru_cache(maxsize=4096)
def lower_bound(k: int, n: int, confidence: float = CONFIDENCE) -> float:
    """One-sided exact lower bound on the share after ``k`` failures in ``n`` (Clopper–Pearson)."""
    if k <= 0:
        return 0.0
    if k == n:
        return (1.0 - confidence) ** (1.0 / n)
    # P(X >= k) = 1 - P(X <= k - 1) rises with p: solve P(X <= k - 1) = confidence
    return _solve(lambda p: binomial_cdf(k - 1, n, p), confidence)


def _beyond(k: int, n: int, limit: float) -> bool:
    """The lower bound is above ``limit``: at ``limit``, ``k`` or more failures are less likely than 5 %."""
    return k > 0 and binomial_cdf(k - 1, n, limit) > CONFIDENCE


def _within(k: int, n: int, limit: float) -> bool:
    """The upper bound is at most ``limit``: at ``limit``, ``k`` or fewer failures are at most 5 % likely."""
    return binomial_cdf(k, n, limit) <= 1.0 - CONFIDENCE


@dataclass(frozen=True)
class TailCheck:
    """A life-safety check that failed in ``failed`` of ``n`` replications, against the tolerated tail.

    Attributes:
        at_least, at_most: the one-sided 95 % bounds on the share of replications in which it fails.
        verdict: "beyond" the tail, "within" it, or "unsettled" (from the binomial tail at the limit itself,
            so it does not hang on the bisection of the bounds).
    """

    failed: int
    n: int
    limit: float = TAIL_SHARE
    at_least: float = field(init=False)
    at_most: float = field(init=False)
    verdict: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "at_least", lower_bound(self.failed, self.n))
        object.__setattr__(self, "at_most", upper_bound(self.failed, self.n))
        verdict = ("beyond" if _beyond(self.failed, self.n, self.limit)
                   else "within" if _within(self.failed, self.n, self.limit) else "unsettled")
        object.__setattr__(self, "verdict", verdict)

    @property
    def share(self) -> float:
        return self.failed / self.n

    @property
    def settled(self) -> bool:
        return self.verdict != "unsettled"

    def replications_to_settle(self) -> int | None:
        """About how many replications would settle the comparison if the share stayed as observed
        (None when settled already, or when it would take more than :data:`MAX_REPLICATIONS`)."""
        return self._to_settle

    @functools.cached_property
    def _to_settle(self) -> int | None:
        """Computed once (:func:`settle_at` the share observed)."""
        return None if self.settled else settle_at(self.share, self.n, self.limit)

    def likely_share(self) -> tuple[float, float]:
        """The share's likely range: the middle half of its plausible values (:data:`SPREAD_CONFIDENCE`)."""
        return lower_bound(self.failed, self.n, SPREAD_CONFIDENCE), upper_bound(self.failed, self.n, SPREAD_CONFIDENCE)

    def settle_span(self) -> tuple[int, int | None] | None:
        """About how many replications would settle the comparison if the share were anywhere in its likely range
        (:meth:`likely_share`), as ``(fewest, most)``: the estimate at the share observed swings widely with a few
        replications more when the share is near the limit, and this says by how much. ``most`` is None when the
        likely range reaches the limit, where no number of replications tells. None when settled already or no
        estimate can be made."""
        if self.settled:
            return None
        low_p, high_p = self.likely_share()
        ends = [settle_at(q, self.n, self.limit) for q in (low_p, high_p)]
        point = self.replications_to_settle()
        known = [x for x in (*ends, point) if x is not None]
        if not known:
            return None
        open_ended = low_p < self.limit < high_p or None in ends
        return min(known), None if open_ended else max(known)

    def describe(self, lang: str = "en") -> str:
        """One sentence for a finding's evidence (``lang`` "zh": in Chinese, for the Chinese report)."""
        say = DESCRIBE[lang]
        bounds = say["bounds"].format(low=pct(self.at_least), high=pct(self.at_most))
        tail = f"{100 * self.limit:g} %"
        if self.verdict in ("beyond", "within"):
            return say[self.verdict].format(tail=tail, bounds=bounds)
        need, span = self.replications_to_settle(), self.settle_span()
        likely = "–".join(pct(q) for q in self.likely_share())
        if span is None or need is None:  # as run_until_settled reads it (drills.experiment.settle)
            more = say["too_close"].format(tail=tail)
        elif span[1] is None:
            at = say["need_open_at"].format(n=about(need)) if about(need) != about(span[0]) else ""
            more = say["need_open"].format(low=about(span[0]), at=at, tail=tail, likely=likely)
        else:
            more = say["need"].format(low=about(span[0]), high=about(span[1]), likely=likely,
                                      at=say["need_at"].format(n=about(need)))
        return say["unsettled"].format(n=self.n, tail=tail, bounds=bounds, more=more)


#: :meth:`TailCheck.describe`'s sentences, by language
DESCRIBE = {
    "en": {
        "bounds": "exact one-sided 95 % bounds: at least {low}, at most {high}",
        "beyond": "Beyond the {tail} tail the grading tolerates ({bounds}).",
        "within": "Within the {tail} tail the grading tolerates ({bounds}).",
        "need": "about {low} to {high} replications would tell, as its share is likely {likely}{at}",
        "need_at": " (about {n} at this share)",
        "need_open_at": " (about {n} at this share)",
        "need_open": ("at least about {low} replications would tell{at}, more the nearer its share is to {tail}, as it "
                      "is likely {likely}"),
        "too_close": "it is too close to {tail} to tell in practice",
        "unsettled": "{n} replications cannot tell this share from the {tail} tail the grading tolerates "
                     "({bounds}); {more}.",
    },
    "zh": {
        "bounds": "精确单侧 95 % 界限：不低于 {low}，不高于 {high}",
        "beyond": "超出评分所允许的 {tail} 尾部（{bounds}）。",
        "within": "在评分所允许的 {tail} 尾部之内（{bounds}）。",
        "need": "约需 {low} 至 {high} 次重复才能判定（该比例很可能在 {likely} 之间{at}）",
        "need_at": "；按当前比例约需 {n} 次",
        "need_open": "至少约需 {low} 次重复才能判定{at}，该比例越接近 {tail} 所需越多（该比例很可能在 {likely} 之间）",
        "need_open_at": "（按当前比例约需 {n} 次）",
        "too_close": "该比例过于接近 {tail}，实际上无法判定",
        "unsettled": "{n} 次重复尚不能将该比例与评分所允许的 {tail} 尾部区分开（{bounds}）；{more}。",
    },
}


def settle_at(p: float, n: int, limit: float = TAIL_SHARE) -> int | None:
    """About how many replications in all would settle the comparison of a share ``p`` with ``limit`` after ``n``
    (None: more than :data:`MAX_REPLICATIONS`, or ``p`` is the limit): from the normal approximation (z = 1.645),
    stepped up by 10 % until the exact bounds settle."""
    if p == 0.0:  # closed form: (1 - limit) ** n <= 1 - confidence
        return math.ceil(math.log(1.0 - CONFIDENCE) / math.log1p(-limit))
    if abs(p - limit) < 1e-12:
        return None
    z = 1.6448536269514722  # standard normal quantile at 95 %
    m = max(n + 1, math.ceil(z * z * p * (1.0 - p) / (p - limit) ** 2))
    while m <= MAX_REPLICATIONS:
        k = round(p * m)
        if _beyond(k, m, limit) or _within(k, m, limit):
            return m
        m = math.ceil(m * 1.1)
    return None


def pct(x: float) -> str:
    """A share in per cent: three significant figures below 10 % (so 4.95 % does not read as 5 %)."""
    v = 100.0 * x
    if v == 0.0:
        return "0 %"
    return f"{v:.3g} %" if v < 10 else f"{v:.0f} %"


def rounded_up(n: int) -> int:
    """``n`` rounded up to two significant figures (1 234 → 1 300)."""
    if n >= 100:
        step = 10 ** (len(str(n)) - 2)
        n = -(-n // step) * step
    return n


def about(n: int) -> str:
    """``n`` rounded up to two significant figures, with thin grouping (e.g. 1 300)."""
    return grouped(rounded_up(n))


def grouped(n: int) -> str:
    """An integer with thin grouping (e.g. 12 000)."""
    return f"{n:,}".replace(",", " ")
