"""Properties that hold for every drill: one end state each, no negative times, order of events."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drills.experiment.exercise import run_exercise
from drills.inputs.bundled import default_scenario
from drills.inputs.compile import load_drill
from drills.model.drill import run_drill
from drills.model.records import OUTCOMES


class _Mine:
    spec = None


def bundled():
    if _Mine.spec is None:
        _Mine.spec = load_drill(default_scenario())
    return _Mine.spec


@pytest.fixture(scope="module")
def mine():
    return bundled()


def same(a, b) -> bool:
    """Equal records, NaN included (records hold only plain floats, ints and strings)."""
    return repr(a) == repr(b)


def check_record(p, duration: float) -> None:
    assert p.outcome in OUTCOMES
    times = [p.warned_s, p.departed_s, p.outcome_s]
    assert all(math.isnan(t) or 0.0 <= t <= duration + 1e-6 for t in times)
    if not math.isnan(p.departed_s):
        assert p.warned_s <= p.departed_s
    if p.outcome in ("surface", "refuge"):
        assert p.departed_s <= p.outcome_s
        assert not math.isnan(p.margin_s)
    if p.outcome == "underground":
        assert math.isnan(p.outcome_s)
    else:
        assert not math.isnan(p.outcome_s)
    assert bool(p.warned_by) == (not math.isnan(p.warned_s))


@settings(max_examples=30, deadline=None)
@given(rep=st.integers(0, 10_000), seed=st.integers(0, 2**32 - 1))
def test_every_person_ends_in_exactly_one_state_with_ordered_nonnegative_times(rep, seed):
    mine = bundled()
    res = run_drill(mine, rep, seed)
    assert len(res.people) == len(mine.people) == len({p.person for p in res.people})
    for p in res.people:
        check_record(p, mine.duration_s)
    refuge_count: dict[str, int] = {}
    for p in res.people:
        if p.outcome == "refuge":
            refuge_count[p.end] = refuge_count.get(p.end, 0) + 1
    seats = {n.id: n.capacity_persons for n in mine.network.nodes if n.kind == "refuge"}
    assert all(refuge_count[r] <= seats[r] for r in refuge_count)
    index = mine.network.index
    for p in res.people:
        if p.turned_back:  # on their way, they met the water there: it came, and after they had left
            assert res.node_water_s[index[p.turned_back]] < mine.duration_s
            assert not math.isnan(p.departed_s) and p.turned_back != p.start
    for h in res.hoists:
        assert 0.0 <= h.utilisation <= 1.0
        assert h.persons == sum(1 for p in res.people if p.outcome == "surface" and p.end == "collar")


def test_same_seed_same_results_whatever_the_number_of_workers(mine):
    one = run_exercise(mine, replications=12, seed=99, workers=1)
    two = run_exercise(mine, replications=12, seed=99, workers=2)
    assert same(one.results, two.results)


def test_a_different_seed_gives_different_results(mine):
    a = run_exercise(mine, replications=3, seed=1)
    b = run_exercise(mine, replications=3, seed=2)
    assert not same(a.results, b.results)


def test_a_replication_does_not_depend_on_which_others_run(mine):
    solo = run_drill(mine, 7, 123)
    batch = run_exercise(mine, replications=8, seed=123).results[7]
    assert same(solo, batch)
