"""Uncertain parameters: small, picklable distributions sampled from explicit generators.

A planner writes ``{dist: lognormal, median: 120, p95: 600}`` in YAML; the loader turns it into
one of these. Log-normal distributions are given by median and 95th percentile because that is
how drill records and published delay studies are usually summarised (e.g. LifeSim's PAI curves
are read as "half have left by ..., nearly all by ...").
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

Z95 = 1.6448536269514722  # standard-normal 95th percentile


@dataclass(frozen=True)
class Fixed:
    """A known value."""

    value: float

    def sample(self, rng: np.random.Generator) -> float:
        return self.value

    def sample_n(self, rng: np.random.Generator, n: int) -> np.ndarray:
        rng.standard_normal(n)  # keep the stream's position independent of the distribution chosen
        return np.full(n, self.value)

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

    @property
    def median(self) -> float:
        return 0.5 * (self.low + self.high)


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

    @property
    def median(self) -> float:
        a, c, b = self.low, self.mode, self.high
        if b == a:
            return a
        if c >= (a + b) / 2:
            return a + math.sqrt((b - a) * (c - a) / 2)
        return b - math.sqrt((b - a) * (b - c) / 2)


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

    @property
    def median(self) -> float:
        return min(max(self.mean, self.low), self.high)


Distribution = Fixed | LogNormal | Uniform | Triangular | Normal
