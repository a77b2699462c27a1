"""GB 39496-2020 §5.5.4 warning levels: points, items, the pond, and polling sensors."""

from __future__ import annotations

import itertools
import math

import pytest

from drills.model.monitoring import (
    AlarmTimes,
    Level,
    Sensor,
    Thresholds,
    first_alarm_s,
    item_level,
    level_name,
    overall_level,
    point_level,
)

BLUE, YELLOW, ORANGE, RED = Level

LEVEL_UP = Thresholds(blue=1.0, yellow=2.0, orange=3.0, red=4.0)  # e.g. displacement, mm
FREEBOARD = Thresholds(blue=1.5, yellow=1.2, orange=1.0, red=0.7)  # lower is worse, m


def test_levels_are_ordered_and_named():
    assert BLUE < YELLOW < ORANGE < RED
    assert str(ORANGE) == "orange" and Level.parse("red") is RED
    assert Level.parse("none") is None and Level.parse(None) is None
    assert level_name(None) == "none" and level_name(YELLOW) == "yellow"


@pytest.mark.parametrize(
    "value, expected",
    [(0.5, None), (1.0, BLUE), (1.99, BLUE), (2.5, YELLOW), (3.0, ORANGE), (10.0, RED), (float("nan"), None)],
)
def test_point_level_when_higher_is_worse(value, expected):
    # a point reaches a level at its threshold (inclusive)
    assert point_level(value, LEVEL_UP, "higher") is expected


@pytest.mark.parametrize(
    "value, expected", [(2.0, None), (1.5, BLUE), (1.3, BLUE), (1.1, YELLOW), (0.9, ORANGE), (0.7, RED), (0.0, RED)]
)
def test_point_level_when_lower_is_worse(value, expected):
    assert point_level(value, FREEBOARD, "lower") is expected


def test_partial_thresholds():
    # only yellow and red set (e.g. a rainfall gauge)
    t = Thresholds(yellow=50.0, red=100.0)
    assert point_level(49.0, t, "higher") is None
    assert point_level(70.0, t, "higher") is YELLOW
    assert point_level(120.0, t, "higher") is RED


def test_thresholds_must_run_the_right_way():
    with pytest.raises(ValueError):
        point_level(1.0, FREEBOARD, "higher")  # falls from blue to red but higher is worse
    with pytest.raises(ValueError):
        point_level(1.0, LEVEL_UP, "lower")
    with pytest.raises(ValueError):
        point_level(1.0, LEVEL_UP, "up")  # type: ignore[arg-type]


COUNTING_CASES = [
    # (point levels, expected item level, why)
    ([], None, "no points"),
    ([None, None], None, "no point at any level"),
    ([BLUE], BLUE, "one blue point: the item takes its highest point"),
    ([BLUE, BLUE, BLUE], BLUE, "3 blue < 4: no escalation"),
    ([BLUE, BLUE, BLUE, BLUE], YELLOW, "4 points at blue → yellow"),
    ([BLUE, BLUE, YELLOW, YELLOW], YELLOW, "4 at blue or above → yellow; only 2 at yellow or above, < 3"),
    ([YELLOW, YELLOW], YELLOW, "2 yellow < 3: stays yellow"),
    ([YELLOW, YELLOW, YELLOW], ORANGE, "3 points at yellow → orange"),
    ([BLUE, YELLOW, YELLOW, YELLOW], ORANGE, "3 at yellow or above → orange (4 at blue or above only gives yellow)"),
    ([YELLOW, YELLOW, ORANGE], ORANGE, "3 at yellow or above → orange; only 1 at orange"),
    ([ORANGE, YELLOW, YELLOW, BLUE], ORANGE, "4 ≥ blue → yellow, 3 ≥ yellow → orange, 1 ≥ orange → no red: orange"),
    ([ORANGE, ORANGE], RED, "2 points at orange → red"),
    ([ORANGE, RED], RED, "2 at orange or above → red (and a red point alone is red)"),
    ([RED], RED, "a single red point makes the item red"),
    ([BLUE] * 12, YELLOW, "no carry: 12 blue are yellow, not '3 yellow' and so not orange"),
    ([None, BLUE, None, BLUE, BLUE, BLUE], YELLOW, "points without a level are ignored; 4 blue → yellow"),
    ([YELLOW, YELLOW, BLUE, None], YELLOW, "4 at blue or above → yellow; 2 at yellow → not orange"),
]


@pytest.mark.parametrize("points, expected, why", COUNTING_CASES, ids=[c[2] for c in COUNTING_CASES])
def test_item_level_counting_rule(points, expected, why):
    assert item_level(points) is expected, why


@pytest.mark.parametrize(
    "items, expected",
    [
        ([BLUE, BLUE, BLUE, BLUE], YELLOW),  # 4 items at blue count as 1 item at yellow (the clause's own example)
        ([BLUE, BLUE, BLUE], BLUE),  # 3 items at blue: stays blue
        ([YELLOW, YELLOW, YELLOW], ORANGE),  # same counting one level up (our reading of "and so on")
        ([ORANGE, ORANGE, None], RED),  # 2 items at orange → red
        ([None, None], None),  # no item at any level
        ([RED, None, None], RED),  # one red item makes the pond red
    ],
)
def test_overall_level_uses_the_same_counting(items, expected):
    assert overall_level(items) is expected


def test_raising_any_point_never_lowers_the_item():
    # exhaustive over 4 points: monotone in every point
    choices = [None, BLUE, YELLOW, ORANGE, RED]
    rank = {None: 0, BLUE: 1, YELLOW: 2, ORANGE: 3, RED: 4}
    for pts in itertools.product(choices, repeat=4):
        base = rank[item_level(pts)]
        for i, lv in enumerate(pts):
            for up in choices[rank[lv] + 1 :]:
                raised = list(pts)
                raised[i] = up
                assert rank[item_level(raised)] >= base


def test_a_crossing_at_301_s_is_seen_at_600_s_with_300_s_polling():
    t, v = [0.0, 301.0, 3600.0], [0.0, 1.0, 1.0]  # reaches blue (1.0) at 301 s
    a = first_alarm_s(t, v, LEVEL_UP, "higher", poll_s=300.0)
    assert a.blue == 600.0 and a.yellow == math.inf


def test_offset_failure_and_series_end():
    t, v = [0.0, 1000.0], [0.0, 5.0]  # linear: 1 at 200 s, 2 at 400, 3 at 600, 4 at 800
    a = first_alarm_s(t, v, LEVEL_UP, "higher", poll_s=300.0, offset_s=100.0)  # polls 100, 400, 700, 1000
    assert (a.blue, a.yellow, a.orange, a.red) == (400.0, 400.0, 700.0, 1000.0)
    failed = first_alarm_s(t, v, LEVEL_UP, "higher", poll_s=300.0, offset_s=100.0, failed_from_s=700.0)
    assert (failed.blue, failed.orange, failed.red) == (400.0, math.inf, math.inf)
    # the series stops at 550 s (value 5.5, past red at 400 s): polls at 0 and 300 s only
    short = first_alarm_s([0.0, 550.0], [0.0, 5.5], LEVEL_UP, "higher", poll_s=300.0)
    assert short.orange == 300.0 and short.red == math.inf


def test_a_jump_sets_several_levels_at_one_poll():
    a = first_alarm_s([0.0, 10.0, 20.0, 100.0], [0.0, 0.0, 9.0, 9.0], LEVEL_UP, "higher", poll_s=60.0)
    assert a == AlarmTimes(blue=60.0, yellow=60.0, orange=60.0, red=60.0)
    assert a.at(ORANGE) == 60.0


def test_sensor_for_a_falling_freeboard():
    # freeboard falls 2.0 → 0.5 m over 1500 s (1 mm/s): blue 1.5 at 500 s, yellow 1.2 at 800, orange 1.0 at 1000,
    # red 0.7 at 1300; polls every 120 s from 60 s → 540, 900, 1020, 1380
    s = Sensor(thresholds=FREEBOARD, worse_when="lower", poll_s=120.0, offset_s=60.0)
    a = s.first_alarm_s([0.0, 1500.0], [2.0, 0.5])
    assert (a.blue, a.yellow, a.orange, a.red) == (540.0, 900.0, 1020.0, 1380.0)
    assert s.level(0.8) is ORANGE
    with pytest.raises(ValueError):
        Sensor(thresholds=FREEBOARD, worse_when="higher", poll_s=60.0)


def test_a_series_that_starts_a_hair_after_a_poll_is_not_read_at_that_poll():
    # (t[0] - offset) / poll rounds to 0 for a first reading at 5e-324 s: the poll at 0 s has nothing to read
    a = first_alarm_s([5e-324, 600.0], [5.0, 5.0], LEVEL_UP, "higher", poll_s=300.0)
    assert a.at(Level.BLUE) == 300.0
