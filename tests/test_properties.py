"""Properties that hold for every drill: one end state each, no negative times, order of events."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drills.experiment.exercise import run_exercise
from drills.inputs.bundled import bundled_scenarios, default_scenario
from drills.inputs.compile import load_drill
from drills.model.drill import Drill, run_drill
from drills.model.movement import WADING_LIMIT_M
from drills.model.records import OUTCOMES
from drills.model.traffic import CAR_WADING_LIMIT_M


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
    if p.outcome in ("surface", "refuge", "assembly"):
        assert p.departed_s <= p.outcome_s
        assert not math.isnan(p.margin_s)
    if p.outcome in ("underground", "in_place"):  # neither safe nor caught when the drill ends
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


@pytest.mark.parametrize("path", sorted(bundled_scenarios()), ids=lambda p: p.name)
def test_once_the_water_closes_a_passage_s_end_the_passage_stays_too_deep(path):
    """What turning back rests on (:meth:`Drill._party`): someone who meets the water at a passage's far end
    walks back and takes another way from where they set out, and that way must not be the same passage. It
    is not, because in every water model (an inrush underground, a dam-break flood, both at once) a
    passage is at least as deep as either of its ends and the water never falls within a drill: from the
    moment either end is too deep for someone on foot or in a car, the passage is too deep for them.

    (At the very moment an end reaches the limit, the depth computed back from that time can fall short of
    it by a rounding error; a party that then takes the passage again goes through its gate once more,
    which moves the time on, so the drill never turns on one moment.)
    """
    spec = load_drill(path)
    for rep in range(3):
        water = Drill(spec, rep, 11).water
        for limit in (CAR_WADING_LIMIT_M, WADING_LIMIT_M):
            closed = water.nodes_time_depth(limit)
            for lk in spec.network.links:
                for end in (lk.a, lk.b):
                    t = closed[end]
                    if t >= spec.duration_s:
                        continue
                    for later in (t, t + 1.0, t + 600.0, spec.duration_s):
                        assert water.node_depth(end, later) >= limit - 1e-9, (lk.id, later)
                        assert water.link_depth(lk.index, later) >= water.node_depth(end, later), (lk.id, later)

