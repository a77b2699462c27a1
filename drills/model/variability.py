"""Uncertain parameters: small, picklable distributions sampled from explicit generators.

A planner writes ``{dist: lognormal, median: 120, p95: 600}`` in YAML; the loader turns it into
one of these. Log-normal distributions are given by median and 95th percentile because that is
how drill records and published delay studies are usually summarised (e.g. LifeSim's PAI curves
are read as "half have left by ..., nearly all by ...").

Each distribution also gives its exact quantiles (``quantile(q)``; ``median`` is ``quantile(0.5)``), used where
the tool reasons about a parameter without sampling it: plausibility checks, a breach's central time, a
plan check on a slow reporting chain.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

Z95 = 1.6448536269514722  # standard-normal 95th percentile
_STANDARD = NormalDist()


def _check(q: float) -> float:
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"a quantile is between 0 and 1, not {q!r}")
    return q


@dataclass(frozen=True)
class Fixed:
    """A known value."""

    value: float

    def sample(self, rng: np.random.Generator) -> float:
        return self.value

    def sample_n(self, rng: np.random.Generator, n: int) -> np.ndarray:
        rng.standard_normal(n)  # keep the stream's position independent of the distribution chosen
        return np.full(n, self.value)

    def quantile(self, q: float) -> float:
        _check(q)
        return self.value

    @property
    def median(self) -> float:
        return self.value


@dataclass(frozen=True)
class LogNormal:
    """Log-normal by median and 95th percentile (p95 >= median)."""

    median: float
    p95: float

    @functools.cached_property
    def sigma(self) -> float:
        return math.log(self.p95 / self.median) / Z95 if self.p95 > self.median else 0.0

    def sample(self, rng: np.random.Generator) -> float:
        return self.median * math.exp(self.sigma * rng.standard_normal())

    def sample_n(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.median * np.exp(self.sigma * rng.standard_normal(n))

    def quantile(self, q: float) -> float:
        if _check(q) in (0.0, 1.0):
            return (0.0 if q == 0.0 else math.inf) if self.sigma > 0 else self.median
        return self.median * math.exp(self.sigma * _STANDARD.inv_cdf(q))


def fit_lognormal(times: np.ndarray) -> LogNormal:
    """The log-normal of positive recorded times: median exp(μ) and 95th percentile exp(μ + 1.645 σ), with μ the
    mean of the times' logarithms and σ their standard deviation with n − 1 (the unbiased variance of the logs,
    a little wider than the maximum-likelihood one when the records are few)."""
    logs = np.log(np.asarray(times, dtype=float))
    mu, sd = float(logs.mean()), float(logs.std(ddof=1))
    return LogNormal(math.exp(mu), math.exp(mu + Z95 * sd))


@dataclass(frozen=True)
class Uniform:
    """Uniform on [low, high]."""

    low: float
    high: float

    def sample(self, rng: np.random.Generator) -> float:
        return self.low + (self.high - self.low) * rng.random()

    def sample_n(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return np.array([self.sample(rng) for _ in range(n)])

    def quantile(self, q: float) -> float:
        return self.low + _check(q) * (self.high - self.low)

    @property
    def median(self) -> float:
        return self.quantile(0.5)


@dataclass(frozen=True)
class Triangular:
    """Triangular on [low, high] with the given mode."""

    low: float
    mode: float
    high: float

    def sample(self, rng: np.random.Generator) -> float:
        if self.high == self.low:
            return self.low
        return float(rng.triangular(self.low, self.mode, self.high))

    def sample_n(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return np.array([self.sample(rng) for _ in range(n)])

    def quantile(self, q: float) -> float:
        """The inverse of the distribution function: below the mode ``a + √(q (b − a)(c − a))``, above it
        ``b − √((1 − q)(b − a)(b − c))``."""
        a, c, b = self.low, self.mode, self.high
        if b == a:
            return a
        if _check(q) <= (c - a) / (b - a):
            return a + math.sqrt(q * (b - a) * (c - a))
        return b - math.sqrt((1.0 - q) * (b - a) * (b - c))

    @property
    def median(self) -> float:
        return self.quantile(0.5)


@dataclass(frozen=True)
class Normal:
    """Normal, truncated to [low, high] by resampling (at most 20 tries, then clipped)."""

    mean: float
    sd: float
    low: float = -math.inf
    high: float = math.inf

    def sample(self, rng: np.random.Generator) -> float:
        for _ in range(20):
            x = self.mean + self.sd * rng.standard_normal()
            if self.low <= x <= self.high:
                return x
        return min(max(self.mean, self.low), self.high)

    def sample_n(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return np.array([self.sample(rng) for _ in range(n)])

    def quantile(self, q: float) -> float:
        """Of the normal cut to [low, high]: Φ⁻¹(Φ(α) + q (Φ(β) − Φ(α))), α and β the bounds in standard
        deviations from the mean. So a bound near the mean moves the median away from it: a delay of mean 30 s,
        sd 60 s, cut at 0, has its median at 54 s."""
        _check(q)
        clipped = min(max(self.mean, self.low), self.high)  # what the sampler gives when it finds no value
        if self.sd == 0.0:
            return clipped
        a = _STANDARD.cdf((self.low - self.mean) / self.sd)
        b = _STANDARD.cdf((self.high - self.mean) / self.sd)
        if b - a < 1e-12:  # (almost) no mass inside the bounds: the sampler clips
            return clipped
        p = a + q * (b - a)
        if p <= 0.0:
            return self.low
        if p >= 1.0:
            return self.high
        return min(max(self.mean + self.sd * _STANDARD.inv_cdf(p), self.low), self.high)

    @property
    def median(self) -> float:
        return self.quantile(0.5)


Distribution = Fixed | LogNormal | Uniform | Triangular | Normal
