"""The drill's cost per event against a bare SimPy kernel (run explicitly, on one core: ``pytest benchmarks/ -n 0``).

Kept out of the default test run (``testpaths = ["tests"]``): timings depend on the machine. The
event counts are checked exactly; the ratio is checked against the issue's target.
"""

from __future__ import annotations

import pytest
from bench_drill import DEFAULT_SEED, PHASES, TARGET_RATIO, bare_kernel, measure, phases, report

from drills.inputs.bundled import default_scenario
from drills.inputs.compile import load_drill
from drills.model.drill import run_drill

# fewer than the script's defaults, so the module runs in a few seconds
REPLICATIONS = 20
REPEAT = 5


@pytest.fixture(scope="module")
def spec():
    return load_drill(default_scenario())


@pytest.fixture(scope="module")
def measurement(spec):
    m = measure(spec, replications=REPLICATIONS, repeat=REPEAT, seed=DEFAULT_SEED, scenario=default_scenario().name)
    print("\n" + report(m))
    return m


@pytest.mark.parametrize("events", [2, 3, 150, 301, 1322, 5000])
def test_bare_kernel_schedules_exactly_the_events_asked(events):
    assert bare_kernel(events, processes=150, delays=[1.0, 2.5, 60.0]) == events


def test_event_counts_match(spec, measurement):
    assert len(measurement.events) == REPLICATIONS
    assert all(n > 0 for n in measurement.events)
    assert measurement.bare_events == measurement.events
    # the counts are those of an ordinary call, not an artefact of the timing loop
    assert measurement.events[0] == run_drill(spec, 0, DEFAULT_SEED).events


def test_drill_costs_at_most_twice_the_bare_kernel_per_event(measurement):
    assert measurement.ratio <= TARGET_RATIO, report(measurement)


def test_phase_split_times_every_step_of_a_replication(spec):
    rows = phases(spec, replications=3, rounds=2, seed=DEFAULT_SEED)
    assert len(rows) == 2
    for us, bare in rows:
        assert len(us) == len(PHASES)
        assert all(x > 0 for x in us) and bare > 0
        assert us[PHASES.index("simulation")] == max(us)  # the events themselves, not the bookkeeping
