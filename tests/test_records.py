"""The person records of a replication, stored by column (People) and read back as named tuples, and the person
states made from them (States): the same values, the same classification, a fraction of the memory."""

from __future__ import annotations

import math
import pickle
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drills.experiment.readings import person_states
from drills.inputs.bundled import bundled_scenarios
from drills.inputs.compile import load_drill
from drills.model.drill import run_drill
from drills.model.records import SAFE_OUTCOMES, DrillResult, People, PersonRecord

#: one worker makes this module's fixtures once (pyproject: --dist loadgroup)
pytestmark = pytest.mark.xdist_group("test_records")

NAN, INF = math.nan, math.inf

times = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.just(NAN), st.just(INF))
names = st.sampled_from(["", "mine-pa", "water", "surface", "caught", "node_7", "在地面"])


@st.composite
def records(draw: st.DrawFn) -> list[PersonRecord]:
    n = draw(st.integers(0, 12))
    rep = draw(st.integers(0, 5000))
    return [PersonRecord(rep, f"p{i}", draw(st.sampled_from(["miner", "resident"])), "adult", draw(names),
                         draw(names), draw(times), draw(names), draw(times), draw(names), draw(times), draw(names),
                         draw(times), draw(times), draw(names), draw(times), draw(st.booleans()), draw(names))
            for i in range(n)]


def same(a: object, b: object) -> bool:
    """Equal, NaN equal to NaN and floats to the last bit (repr shows every bit of a float)."""
    return repr(a) == repr(b)


@settings(max_examples=200, deadline=None)
@given(records())
def test_people_give_back_exactly_the_records_they_were_made_of(recs: list[PersonRecord]) -> None:
    people = People.of(recs)
    assert len(people) == len(recs)
    assert same(tuple(people), tuple(recs))
    assert all(same(people[i], recs[i]) for i in range(len(recs)))
    assert all(same(people[-i - 1], recs[-i - 1]) for i in range(len(recs)))
    assert same(people[1:3], tuple(recs)[1:3])
    for name in PersonRecord._fields:
        assert same(people.column(name), [getattr(p, name) for p in recs])
    back = pickle.loads(pickle.dumps(people))
    assert back == people and same(tuple(back), tuple(recs))


@settings(max_examples=100, deadline=None)
@given(records(), st.data())
def test_a_subset_and_a_membership_test_agree_with_the_records(recs: list[PersonRecord], data: st.DataObject) -> None:
    people = People.of(recs)
    index = data.draw(st.lists(st.integers(0, max(len(recs) - 1, 0)), max_size=len(recs))) if recs else []
    assert same(tuple(people.take(index)), tuple(recs[i] for i in index))
    wanted = ("water", "")
    for name in ("warned_by", "outcome", "end", "situation", "turned_back", "crew", "group"):
        assert people.isin(name, wanted).tolist() == [getattr(p, name) in wanted for p in recs]


def test_people_are_read_only_and_refuse_columns_of_different_lengths() -> None:
    people = People.of([PersonRecord(0, "a", "miner", "miner", "c1", "w1", 10.0, "mine-pa", 20.0, "surface", 900.0,
                                     "surface", 50.0, INF)])
    with pytest.raises(ValueError, match="read-only"):
        people.array("warned_s")[0] = 0.0
    with pytest.raises(ValueError, match="one value per person"):
        People(0, [["a"], ["miner"], ["miner"], ["c"], ["w"]], [[1.0]] * 6, [["x"]] * 4 + [[]], [False])
    with pytest.raises(ValueError, match="several replications"):
        People.of([people[0], people[0]._replace(replication=1)])
    with pytest.raises(IndexError):
        people[1]


def test_a_drill_result_takes_a_tuple_of_records_and_keeps_them_as_people() -> None:
    rec = PersonRecord(3, "a", "miner", "miner", "c1", "w1", 10.0, "mine-pa", 20.0, "surface", 900.0, "surface",
                       50.0, INF)
    res = DrillResult(3, (rec,), (), (), 0.0, (), (), (), 0)
    assert isinstance(res.people, People) and same(tuple(res.people), (rec,))


@pytest.fixture(scope="module")
def bundled_results() -> list[tuple[object, DrillResult]]:
    out = []
    for path in sorted(bundled_scenarios()):
        spec = load_drill(path)
        out += [(spec, run_drill(spec, r, 11)) for r in range(2)]
    return out


def reference_states(res: DrillResult, spec) -> list[tuple[bool, bool, bool, bool, bool, float]]:
    """The classification as the readings define it, person by person (the module docstring of
    drills.experiment.readings), written out plainly to check the column-wise version against."""
    first = min(res.node_water_s, default=INF)
    out = []
    for p in res.people:
        audience = p.outcome != "kept_out"
        order = res.order_s if p.group == "miner" else res.downstream_order_s
        caught = p.outcome == "caught"
        at_risk = audience and (caught or p.water_s < spec.duration_s)
        source = at_risk and p.water_s <= first + 1.0
        by_order = p.warned_by not in ("", "water")
        late = at_risk and not source and not (by_order and p.warned_s < p.water_s)
        flooded_home = p.outcome == "sheltered" and p.situation != ""
        unsafe = caught or flooded_home or (at_risk and p.outcome not in SAFE_OUTCOMES)
        out.append((audience, source, at_risk, late, unsafe, order))
    return out


def test_person_states_of_every_bundled_drill_are_the_plain_definition(bundled_results) -> None:
    classes = set()
    for spec, res in bundled_results:
        states = person_states(res, spec)
        assert len(states) == len(res.people)
        got = [(s.audience, s.source, s.at_risk, s.late, s.unsafe, s.order_s) for s in states]
        assert same(got, reference_states(res, spec))
        assert same([s.record for s in states], list(res.people))
        classes |= {row[:5] for row in got}
    assert len(classes) >= 4  # the bundled drills have people at risk, late, unsafe and neither


def test_the_records_of_a_replication_take_a_fraction_of_the_named_tuples_memory(bundled_results) -> None:
    """Kept for every replication of an exercise, they limit how many replications one machine holds: about
    400 bytes a person as named tuples (the tuple and its own float objects), under 70 by column."""
    _, res = max(bundled_results, key=lambda x: len(x[1].people))
    people = res.people
    assert len(people) > 500
    as_tuples = sum(sys.getsizeof(p) + sum(sys.getsizeof(x) for x in p if isinstance(x, float)) for p in people)
    stored = sum(a.nbytes for a in (people._floats, people._codes, people._died))
    assert stored < 70 * len(people) and stored * 5 < as_tuples


def test_replications_share_one_copy_of_who_everyone_is(bundled_results) -> None:
    """The names, groups and places, the same in every replication, are held once: within a process, and
    after the replications come back pickled from a worker, one chunk after another."""
    (_, a), (_, b) = bundled_results[:2]
    assert a.people._who is b.people._who
    first, second = pickle.loads(pickle.dumps(a)), pickle.loads(pickle.dumps(b))
    assert first.people._who is second.people._who and first.people == a.people


def test_people_compare_equal_with_nan_as_the_same_drill_run_twice_must() -> None:
    spec = load_drill(next(p for p in bundled_scenarios() if p.stem == "dam_break_night"))
    a, b = run_drill(spec, 0, 5).people, run_drill(spec, 0, 5).people
    assert any(math.isnan(x) for x in a.column("departed_s") + a.column("margin_s"))
    assert a == b and a is not b
    assert a != run_drill(spec, 1, 5).people
    assert np.isnan(a.array("margin_s")).any()


@st.composite
def drill_results(draw: st.DrawFn) -> DrillResult:
    n = draw(st.integers(0, 10))
    outcomes = st.sampled_from(["surface", "refuge", "assembly", "kept_out", "sheltered", "caught", "underground",
                                "in_place"])
    clock = st.one_of(st.floats(0, 20000), st.just(NAN), st.just(INF))
    people = [PersonRecord(0, f"p{i}", draw(st.sampled_from(["miner", "resident"])), "adult", "", "home",
                           draw(clock), draw(st.sampled_from(["", "water", "mine-pa", "siren"])), draw(clock),
                           draw(outcomes), draw(clock), "home", draw(clock), draw(clock),
                           draw(st.sampled_from(["", "in_building", "underground"])), draw(clock))
              for i in range(n)]
    water = tuple(draw(st.lists(clock, min_size=0, max_size=3)))
    return DrillResult(0, people, (), (), draw(clock), water, (), (), 0, downstream_order_s=draw(clock))


@settings(max_examples=300, deadline=None)
@given(drill_results(), st.sampled_from([3600.0, 10800.0]))
def test_person_states_of_any_records_are_the_plain_definition(res: DrillResult, duration_s: float) -> None:
    from types import SimpleNamespace

    spec = SimpleNamespace(duration_s=duration_s)
    states = person_states(res, spec)
    got = [(s.audience, s.source, s.at_risk, s.late, s.unsafe, s.order_s) for s in states]
    assert same(got, reference_states(res, spec))
    assert same(list(states.take(range(len(states) - 1, -1, -1))), list(states)[::-1])
