"""How signed numbers are shown: the minus sign − (U+2212) in every unit, and no sign on a number that rounds to
zero, in the tables of ``drill recommend`` and ``drill compare`` in both languages."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from drills.experiment.i18n import Text
from drills.experiment.paired import PAIRED_METRICS, PairedDiff, fmt_change, fmt_ci, fmt_mean
from drills.experiment.revision_report import diff_rows
from drills.experiment.units import MINUS, fmt_range, fmt_value


def diff(key: str, mean: float, low: float, high: float, base: float = 1.0, new: float = 1.0) -> PairedDiff:
    """A paired difference of the metric ``key`` (its unit as :data:`PAIRED_METRICS` gives it)."""
    label, unit, better = next((lb, u, b) for k, lb, u, b in PAIRED_METRICS if k == key)
    return PairedDiff(key, label, unit, better, base, new, mean, low, high, 10, "no significant change")


def test_a_negative_number_has_the_minus_sign_in_every_unit() -> None:
    assert fmt_value(-90.0, "s") == f"{MINUS}0:01:30"
    assert fmt_value(-0.25, "share") == f"{MINUS}25.0 %"
    assert fmt_value(-2.5, "persons") == f"{MINUS}2.5"
    assert fmt_value(-math.inf, "s") == f"{MINUS}∞"
    assert fmt_range(-0.5, 0.25, "share") == f"{MINUS}50.0 – 25.0 %"
    assert fmt_mean(-0.83, "persons") == f"{MINUS}0.83"
    assert fmt_change(-0.83, "persons") == f"{MINUS}0.83"
    assert fmt_change(-0.05, "share") == f"{MINUS}5.0 pp"
    assert fmt_change(-90.0, "s") == f"{MINUS}0:01:30"


def test_a_positive_difference_keeps_its_plus_and_a_mean_has_none() -> None:
    assert fmt_change(0.83, "persons") == "+0.83" and fmt_mean(0.83, "persons") == "0.83"
    assert fmt_change(0.05, "share") == "+5.0 pp" and fmt_change(90.0, "s") == "+0:01:30"
    # one replication gives no interval: its bounds are infinite, in every unit (they read "never" for persons)
    bounds = [fmt_change(x, u) for x in (-math.inf, math.inf) for u in ("persons", "s", "share")]
    assert bounds == ["−∞"] * 3 + ["+∞"] * 3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_paired_differences_of_counts_times_and_shares_have_one_minus_sign(lang: str) -> None:
    """A row of counts of people, of times and of shares: every negative number with −, none with a hyphen."""
    diffs = {"unsafe": diff("unsafe", -0.83, -2.98, 1.31, base=2.5, new=1.67),
             "margin_min_s": diff("margin_min_s", -17.8, -89.87, 54.27, base=-5663.0, new=-5680.8),
             "share_warned_before_water": diff("share_warned_before_water", -0.05, -0.1, 0.0, 0.5, 0.45)}
    rows = diff_rows(diffs, Text(lang))  # in the order of PAIRED_METRICS: people, share, margin
    cells = [cell for row in rows for cell in row[1:4]]
    assert not any("-" in cell for cell in cells), cells
    assert [row[3] for row in rows] == [f"{MINUS}0.83 [{MINUS}2.98, +1.31]", f"{MINUS}5.0 pp [{MINUS}10.0 pp, 0.0 pp]",
                                        f"{MINUS}0:00:18 [{MINUS}0:01:30, +0:00:54]"]
    means = [("2.50", "1.67"), ("50.0 %", "45.0 %"), (f"{MINUS}1:34:23", f"{MINUS}1:34:41")]
    assert [row[1:3] for row in rows] == means


def test_a_value_that_rounds_to_zero_has_no_sign() -> None:
    assert [fmt_value(v, "s") for v in (-0.3, -0.0, 0.4)] == ["0:00:00"] * 3
    assert fmt_value(-0.0004, "share") == "0.0 %" and fmt_value(-0.04, "persons") == "0.0"
    assert fmt_mean(-0.004, "persons") == "0.00"
    assert [fmt_change(v, "s") for v in (-0.3, 0.0, 0.4)] == ["0:00:00"] * 3
    assert fmt_change(-0.0004, "share") == "0.0 pp" and fmt_change(-0.004, "persons") == "0.00"
    assert fmt_range(-0.0004, 0.0, "share") == "0.0 – 0.0 %"
    # just short of zero is still a difference, and shows its sign
    assert fmt_change(-0.6, "s") == f"{MINUS}0:00:01" and fmt_change(0.006, "persons") == "+0.01"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_difference_that_rounds_to_zero_shows_no_sign_nor_do_its_bounds(lang: str) -> None:
    """A difference of a fraction of a second, of a count and of a share, and one that is nothing at all."""
    diffs = {"objective": diff("objective", -0.004, -0.0049, 0.003),
             "share_warned_before_water": diff("share_warned_before_water", -0.0002, -0.0004, 0.0001),
             "t100_after_order_s": diff("t100_after_order_s", -0.3, -0.45, 0.2),
             "caught": diff("caught", 0.0, 0.0, 0.0)}
    assert [row[3] for row in diff_rows(diffs, Text(lang))] == [
        "0.00 [0.00, 0.00]", "0.0 pp [0.0 pp, 0.0 pp]", "0:00:00 [0:00:00, 0:00:00]", "0.00 [0.00, 0.00]"]


def test_one_replication_is_written_in_the_singular_in_english_only() -> None:
    """A run of -n 1 printed "seed 20260721 · 1 replications · 1 worker" and "Scorecard — 1 replications"."""
    from drills.experiment.i18n import Text

    en = Text("en")
    assert en("cli_scorecard", n=1, seed=7) == "Scorecard — 1 replication, seed 7"
    assert en("cli_scorecard", n=2, seed=7) == "Scorecard — 2 replications, seed 7"
    assert en("fig_footer", scenario="s", seed=7, n=1) == "scenario s · seed 7 · 1 replication"
    assert en("fig_footer", scenario="s", seed=7, n=11) == "scenario s · seed 7 · 11 replications"
    # any count of one, whatever its name in the phrase; not a decimal or a longer number ending in 1
    assert en("coverage_n", n=1) == "covers 1 place"
    assert en("coverage_n", n=21) == "covers 21 places"
    assert en("coverage_air", n=1, v=2, start="collar").startswith("covers 1 place, ")
    from drills.experiment.i18n import _ONE_OF
    assert _ONE_OF.sub(r"1 \1", "0.1 places, 1,1 runs, 1 runs, 1 person-replications") == (
        "0.1 places, 1,1 runs, 1 run, 1 person-replication")
    assert _ONE_OF.sub(r"1 \1", "the 2 × 1 person-replications") == "the 2 × 1 person-replications"  # a product
    from drills.experiment.i18n import ZH
    assert Text("zh")("cli_scorecard", n=1, seed=7) == ZH["cli_scorecard"].format(n=1, seed=7)
    # a site of one person: "site Jinshan · 1 people", "level -240 (1 people)"
    assert en("cli_run_head", plan="p", version="1", site="s", n=1) == "plan p v1 · site s · 1 person"
    assert en("cli_run_head", plan="p", version="1", site="s", n=11) == "plan p v1 · site s · 11 people"
    assert en("worst_place_line", zone="level -240", people=1, warned="", safe="100.0 %", t100="0:08:01", never="",
              fat="").startswith("level -240 (1 person): ")


def test_a_bound_of_a_significant_difference_never_reads_as_zero() -> None:
    worse = replace(diff("objective", 0.004, 0.0012, 0.0068, base=1.0, new=1.004), verdict="worse")
    assert fmt_ci(worse) == "0.00 [+0.001, +0.01]"  # the interval excludes zero, and says so
    unsure = diff("objective", 0.004, -0.0012, 0.0068, base=1.0, new=1.004)
    assert fmt_ci(unsure) == "0.00 [0.00, +0.01]"
