"""Exact binomial bounds on the share of replications in which a life-safety check fails, and what they
settle against the 5 % tail the grading tolerates."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from conftest import reading
from hypothesis import given
from hypothesis import strategies as st

from drills.experiment import grading, tail
from drills.experiment.tail import TailCheck, binomial_cdf, lower_bound, upper_bound


@given(st.integers(1, 60), st.data())
def test_binomial_cdf_is_the_exact_sum(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(0, n))
    p = Fraction(data.draw(st.integers(1, 99)), 100)
    exact = sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(k + 1))
    assert binomial_cdf(k, n, float(p)) == pytest.approx(float(exact), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (1, 10, 0.0025, 0.4450),  # the textbook Clopper-Pearson interval (two-sided 95 %)
    (3, 50, 0.0125, 0.1655),
    (0, 10, 0.0, 0.3085),
])
def test_two_sided_intervals_match_the_published_tables(k: int, n: int, low: float, high: float) -> None:
    assert lower_bound(k, n, 0.975) == pytest.approx(low, abs=5e-5)
    assert upper_bound(k, n, 0.975) == pytest.approx(high, abs=5e-5)


def test_no_failure_needs_59_replications_to_show_the_5_percent_tail() -> None:
    """Wilks (1941): the largest of 59 runs is a one-sided 95 %/95 % limit; 58 are not enough."""
    assert upper_bound(0, 59) == pytest.approx(1 - 0.05 ** (1 / 59))
    assert TailCheck(0, 59).verdict == "within"
    assert TailCheck(0, 58).verdict == "unsettled"
    assert TailCheck(0, 58).replications_to_settle() == 59
    assert TailCheck(0, 20).replications_to_settle() == 59


@given(st.integers(1, 400), st.data())
def test_bounds_are_symmetric_and_bracket_the_share(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(0, n))
    assert lower_bound(k, n) == pytest.approx(1 - upper_bound(n - k, n), abs=1e-9)
    assert lower_bound(k, n) <= k / n <= upper_bound(k, n)
    c = TailCheck(k, n)
    # the verdict is what the bounds say (tested apart from the bisection, by the binomial tail at 5 %)
    if c.verdict == "beyond":
        assert c.at_least > tail.TAIL_SHARE - 1e-9
    elif c.verdict == "within":
        assert c.at_most <= tail.TAIL_SHARE + 1e-9
    else:
        assert c.at_least <= tail.TAIL_SHARE + 1e-9 < c.at_most + 2e-9


@pytest.mark.parametrize(("k", "n"), [(3, 50), (1, 30), (30, 500), (1, 10)])
def test_the_replications_to_settle_do_settle_at_the_same_share(k: int, n: int) -> None:
    c = TailCheck(k, n)
    need = c.replications_to_settle()
    assert need is not None and need > n
    assert TailCheck(round(k / n * need), need).settled


def test_a_share_on_the_tail_itself_is_never_settled() -> None:
    assert TailCheck(25, 500).replications_to_settle() is None
    assert "too close" in TailCheck(25, 500).describe()


@pytest.mark.parametrize("n", [20, 60, 500])
def test_a_share_exactly_on_the_tolerated_tail_is_graded_within_it_everywhere(n: int) -> None:
    """5 % is the grading's own limit, and every check reads it the same way: failing in exactly 5 % of the
    replications is tolerated (a 改进项, the gate holds, 95 % of the replications passed), one replication more is
    beyond it. The bounds cannot tell such a share from 5 %, and no number of replications at the same share could
    (the upper bound stays above 5 %): the sentence says so rather than promise a number."""
    from drills.experiment.findings import DEFICIENCY, IMPROVEMENT, life_safety_class

    k = n // 20
    assert k / n == 0.05 and not k / n > tail.TAIL_SHARE
    assert life_safety_class(k, n)[0] == IMPROVEMENT and life_safety_class(k + 1, n)[0] == DEFICIENCY
    assert grading.gate_persons([1.0] * k + [0.0] * (n - k))
    assert not grading.gate_persons([1.0] * (k + 1) + [0.0] * (n - k - 1))
    check = TailCheck(k, n)
    assert check.verdict == "unsettled" and check.at_least < 0.05 < check.at_most
    assert check.replications_to_settle() is None and "too close to 5 % to tell" in check.describe()


def test_describe_names_the_bounds_and_the_way_out() -> None:
    assert TailCheck(3, 50).describe() == (
        "50 replications cannot tell this share from the 5 % tail the grading tolerates (exact one-sided "
        "95 % bounds: at least 1.66 %, at most 15 %); at least about 98 replications would tell (about 1 600 at this "
        "share), more the nearer its share is to 5 %, as it is likely 3.46 %–10 %.")
    assert TailCheck(4, 40).describe().endswith(
        "; about 41 to 860 replications would tell, as its share is likely 6.38 %–15 % (about 98 at this share).")
    assert TailCheck(40, 50).describe().startswith("Beyond the 5 % tail")
    assert TailCheck(1, 500).describe().startswith("Within the 5 % tail")


def test_the_gates_count_replications_with_anyone_late_or_unsafe() -> None:
    late = [reading()] * 46 + [reading(late_warned=1), reading(late_warned=3)] + [reading(late_warned=math.nan)] * 2
    g = grading.grade_m2(late)
    assert g.tail is not None and (g.tail.failed, g.tail.n) == (2, 48)
    assert g.gate is True and g.tail.verdict == "unsettled"  # 2 of 48 passes the gate, but 48 cannot show it
    g3 = grading.grade_m3([reading()] * 200)
    assert g3.tail is not None and g3.tail.verdict == "within"


def test_the_notes_name_each_unsettled_gate_and_count_the_findings() -> None:
    from types import SimpleNamespace

    from drills.experiment.graded import confidence_notes

    few = [reading()] * 29 + [reading(late_warned=2)]
    many = [reading()] * 300
    near = SimpleNamespace(numbers={"tail": "unsettled", "replications_to_settle": 463, "settle_span": (91, None)})
    nearer = SimpleNamespace(numbers={"tail": "unsettled", "replications_to_settle": 98, "settle_span": (41, 852)})
    far = SimpleNamespace(numbers={"tail": "beyond", "replications_to_settle": None})
    ev = SimpleNamespace(grades={"M2": grading.grade_m2(few), "M3": grading.grade_m3(many)}, findings=[near, far, near])
    notes = confidence_notes(ev)  # type: ignore[arg-type]
    assert len(notes) == 2
    assert notes[0].startswith("The M2 gate (notification reach) held, with someone at risk warned after the water "
                               "in 1 of 30 replications (3.33 %). 30 replications cannot tell")
    assert notes[1].startswith("2 life-safety findings could change class")
    assert ("at least about 91 replications would settle them (about 470 at the shares seen), more the nearer their "
            "shares are to the tail") in notes[1]
    ev = SimpleNamespace(grades={}, findings=[nearer, nearer])
    assert "; about 41 to 860 replications would settle them, at shares within their likely ranges." in (
        confidence_notes(ev)[0])  # type: ignore[arg-type]
    assert "；按其比例很可能所在的范围，约需 41 至 860 次重复才能判定" in confidence_notes(ev, "zh")[0]  # type: ignore[arg-type]
    assert confidence_notes(SimpleNamespace(grades={"M3": grading.grade_m3(many)}, findings=[far])) == ()  # type: ignore[arg-type]


@pytest.mark.parametrize(("failed", "n", "word"), [(27, 500, "尚不能"), (0, 500, "之内"), (80, 500, "超出")])
def test_the_chinese_report_says_how_sure_in_chinese(failed: int, n: int, word: str) -> None:
    text = TailCheck(failed, n).describe("zh")
    assert word in text and "精确单侧 95 % 界限" in text
    assert not any(c.isascii() and c.isalpha() for c in text)  # no English left in it


def test_the_not_settled_notes_come_in_both_languages() -> None:
    from drills.experiment.exercise import run_exercise
    from drills.experiment.graded import graded
    from drills.experiment.scorecard import scorecard
    from drills.inputs.bundled import default_scenario
    from drills.inputs.compile import load, load_drill

    spec = load_drill(default_scenario(), replications=40, seed=20260720)
    ex = run_exercise(spec)
    card, _ = graded(scorecard(ex), load(default_scenario()), spec, ex)
    assert card.confidence, "the bundled mine at 40 replications has something not settled"
    assert len(card.confidence_zh) == len(card.confidence)
    for note in card.confidence_zh:
        letters = {c for c in note if c.isascii() and c.isalpha()}
        assert letters <= {"M"}, note  # only the metric codes (M2, M3) stay Latin


def test_the_replications_to_settle_are_a_range_that_holds_the_swing_of_the_estimate() -> None:
    """4 failures in 40 ask for about 98 replications at that share (10 %); the same 4 in 60 (6.7 %) ask for about
    610: a point estimate near the tail swings with a few replications more. The range over the share's likely
    values holds both, and the point estimate, which steps --until-settled, is unchanged."""
    first, later = TailCheck(4, 40), TailCheck(4, 60)
    assert (first.replications_to_settle(), later.replications_to_settle()) == (98, 607)
    low, high = first.settle_span()  # type: ignore[misc]
    assert high is not None and low <= 98 and high >= 607
    assert first.likely_share()[0] < first.share < first.likely_share()[1]
    # a likely range that reaches the tail itself has no most: no number of replications can be promised
    assert later.settle_span() == (later.settle_span()[0], None)  # type: ignore[index]
    assert TailCheck(0, 500).settle_span() is None  # settled


def test_an_open_range_does_not_repeat_its_fewest_as_the_estimate_at_the_share() -> None:
    from drills.experiment.i18n import Text

    assert "at least about 59 replications would tell, more the nearer" in TailCheck(0, 20).describe()
    assert Text("en").settle_span((59, None), 59) == "at least about 59 (more the nearer a share is to the tail)"
    assert Text("zh").settle_span((54, None), 310) == (
        "至少约 54 次（按当前比例约 310 次，比例越接近允许的尾部所需越多）")
    assert Text("en").settle_span((41, 852), 98) == "about 41 to 860"
