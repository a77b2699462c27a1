"""The uncertain parameters a planner may write (fixed, log-normal, uniform, triangular, normal): their exact
quantiles against closed forms, and against what their samplers draw."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from drills.model.variability import Fixed, LogNormal, Normal, Triangular, Uniform

#: Φ⁻¹(0.75), the median of a half-normal in standard deviations (Johnson, Kotz & Balakrishnan 1994, ch. 13)
HALF_NORMAL_MEDIAN = 0.6744897501960817
Z95 = 1.6448536269514722

ALL = [Fixed(42.0), LogNormal(90.0, 600.0), Uniform(30.0, 90.0), Triangular(60.0, 120.0, 180.0),
       Triangular(30.0, 60.0, 120.0), Normal(30.0, 60.0), Normal(300.0, 20.0, 250.0, 310.0)]


def test_closed_forms():
    assert LogNormal(90.0, 600.0).quantile(0.5) == pytest.approx(90.0)
    assert LogNormal(90.0, 600.0).quantile(0.95) == pytest.approx(600.0)
    assert Uniform(30.0, 90.0).quantile(0.95) == pytest.approx(87.0)
    assert Triangular(60.0, 120.0, 180.0).median == pytest.approx(120.0)  # symmetric: the mode
    # right-skewed: F(m) = 1/2 above the mode, b − √((1 − ½)(b − a)(b − c)) = 120 − √(0.5·90·60)
    assert Triangular(30.0, 60.0, 120.0).median == pytest.approx(120.0 - math.sqrt(2700.0))
    # a normal with bounds far away is the normal
    assert Normal(100.0, 10.0, 0.0).quantile(0.95) == pytest.approx(100.0 + Z95 * 10.0)
    assert Normal(100.0, 10.0, 0.0).median == pytest.approx(100.0)


def test_a_bound_at_the_mean_gives_the_half_normal():
    # cut at its mean, a normal is a half-normal: median 0.674 sd above the bound, not the mean
    assert Normal(50.0, 20.0, low=50.0).median == pytest.approx(50.0 + HALF_NORMAL_MEDIAN * 20.0)
    assert Normal(50.0, 20.0, high=50.0).median == pytest.approx(50.0 - HALF_NORMAL_MEDIAN * 20.0)


def test_the_schema_default_bound_moves_a_wide_delays_median():
    # the schema's default low is 0: mean 30 s with sd 60 s has its median at 54 s, as the docstring says
    assert Normal(30.0, 60.0, low=0.0).median == pytest.approx(53.8, abs=0.05)


@pytest.mark.parametrize("dist", ALL, ids=repr)
@pytest.mark.parametrize("q", [0.05, 0.5, 0.95])
def test_quantiles_match_the_samplers(dist, q):
    rng = np.random.default_rng(20240601)
    draws = np.asarray(dist.sample_n(rng, 40_000), dtype=float)
    # the empirical quantile of 40 000 draws: within 1.5 % of the range spanned by the 1st to 99th percentile
    spread = float(np.quantile(draws, 0.99) - np.quantile(draws, 0.01)) or 1.0
    assert float(np.quantile(draws, q)) == pytest.approx(dist.quantile(q), abs=0.015 * spread)


@pytest.mark.parametrize("dist", ALL, ids=repr)
def test_median_is_the_half_quantile(dist):
    assert dist.median == pytest.approx(dist.quantile(0.5))


@given(low=st.floats(0, 500), width=st.floats(0, 500), at=st.floats(0, 1),
       q=st.floats(0, 1), r=st.floats(0, 1))
def test_triangular_quantile_is_monotone_and_inside(low, width, at, q, r):
    tri = Triangular(low, low + at * width, low + width)
    lo, hi = sorted((q, r))
    assert tri.low - 1e-9 <= tri.quantile(lo) <= tri.quantile(hi) + 1e-9 <= tri.high + 2e-9


@given(mean=st.floats(-100, 400), sd=st.floats(0, 200), low=st.floats(0, 300), width=st.floats(0, 300),
       q=st.floats(0, 1), r=st.floats(0, 1))
def test_normal_quantile_is_monotone_and_inside_its_bounds(mean, sd, low, width, q, r):
    dist = Normal(mean, sd, low, low + width)
    lo, hi = sorted((q, r))
    a, b = dist.quantile(lo), dist.quantile(hi)
    assert dist.low <= a <= b + 1e-9 and b <= dist.high


@pytest.mark.parametrize("q", [-0.1, 1.5, math.nan])
def test_a_quantile_outside_0_1_is_refused(q):
    for dist in ALL:
        with pytest.raises(ValueError, match="between 0 and 1"):
            dist.quantile(q)


@pytest.mark.parametrize(("lang", "dist", "text"), [
    ("en", Fixed(90.0), "0:01:30"),
    ("en", LogNormal(90.0, 600.0), "lognormal, median 0:01:30, P95 0:10:00"),
    ("en", Uniform(30.0, 90.0), "uniform 0:00:30 – 0:01:30"),
    ("en", Triangular(60.0, 120.0, 180.0), "triangular 0:01:00 / 0:02:00 / 0:03:00"),
    ("en", Normal(30.0, 60.0), "normal, mean 0:00:30, sd 0:01:00"),
    # cut at 0 s, as the schema does by default: the median is 54 s, not the mean
    ("en", Normal(30.0, 60.0, 0.0), "normal, mean 0:00:30, sd 0:01:00, cut to 0:00:00 – ∞, median 0:00:54"),
    ("zh", Normal(30.0, 60.0, 0.0), "正态分布，均值 0:00:30，标准差 0:01:00，截断于 0:00:00 – ∞，中位数 0:00:54"),
    ("zh", Triangular(60.0, 120.0, 180.0), "三角分布 0:01:00 / 0:02:00 / 0:03:00"),
])
def test_the_report_describes_each_distribution_with_its_parameters(lang, dist, text):
    from drills.experiment.i18n import Text
    from drills.experiment.report import describe

    assert describe(dist, Text(lang)) == text
