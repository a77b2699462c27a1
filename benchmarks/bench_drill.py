"""Cost per event of the bundled drill against a bare SimPy kernel with the same number of events.

The drill and the bare model are timed in one run, interleaved, so both see the same machine state:
each repeat times the drill for replications ``0..R-1`` and then (or first, alternately) a bare SimPy
model that schedules exactly as many events as each of those replications did. The medians over the
repeats give the wall time per replication and the events per second of each; the median of the
per-repeat ratios gives

    (drill µs per event) / (bare µs per event)

whose target is at most :data:`TARGET_RATIO`. Events are counted the same way on both sides, from
SimPy's event-id counter (:func:`drills.model.drill.scheduled_events`), and the script asserts the
counts are equal, replication by replication.

The bare model: ``P`` processes (``P`` = the number of people in the scenario, so the event heap is
of a similar size) each yield ``env.timeout(delay)`` in a loop while a shared budget lasts; delays
are drawn once, before timing. Each process schedules one ``Initialize`` event when started and one
event when it returns, so the budget of timeouts is ``events - 2 * P`` and the total is exact.

Compiling the scenario is done once, outside the timing. The per-replication setup (random streams,
water timeline, people, routing graph) is timed separately with the drill's constructor; it is
included in the drill's wall time, as it is in every call to ``run_drill``.

Run ``python benchmarks/bench_drill.py [--replications R] [--repeat K]``; it exits 1 if the ratio
exceeds the target. Not part of the default test run (see ``benchmarks/README.md``).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import simpy

from drills.inputs.bundled import default_scenario
from drills.inputs.compile import load_drill
from drills.model import drill as drill_module
from drills.model.drill import run_drill, scheduled_events
from drills.model.spec import DrillSpec

#: The issue's target: the model costs at most this many times the bare kernel per event.
TARGET_RATIO = 2.0
DEFAULT_REPLICATIONS = 50
DEFAULT_REPEAT = 5
#: Printed with every result; any seed will do, a fixed one makes runs comparable.
DEFAULT_SEED = 20240601
#: Mean of the bare model's exponential delays (s); the value only shapes the heap, not the count.
BARE_MEAN_DELAY_S = 60.0
BARE_DELAY_DRAWS = 4096


def bare_kernel(events: int, processes: int, delays: Sequence[float]) -> int:
    """Run a bare SimPy model that schedules exactly ``events`` events; return the count it scheduled.

    Args:
        events: how many events to schedule in all.
        processes: how many timeout loops run side by side (capped at ``events // 2``).
        delays: timeout delays, used in turn and cycled.
    """
    env = simpy.Environment()
    processes = max(min(processes, events // 2), 1)
    # one Initialize event per process at start, one event per process when it returns
    budget = events - 2 * processes
    draws = itertools.cycle(delays)

    def tick():
        nonlocal budget
        timeout = env.timeout
        while budget > 0:
            budget -= 1
            yield timeout(next(draws))

    for _ in range(processes):
        env.process(tick())
    env.run()
    return scheduled_events(env)


@dataclass(frozen=True)
class Measurement:
    """Medians over the repeats of one interleaved benchmark run (times in seconds per block of R).

    Attributes:
        events: events scheduled in each replication ``0..R-1`` (the same in every repeat).
        drill_s: median wall time of ``run_drill`` over the R replications.
        setup_s: median wall time of constructing the R drills (None if the drill has no such step).
        bare_s: median wall time of the R bare models.
        ratios: drill ÷ bare time in each repeat (same events, so the per-event ratio).
    """

    scenario: str
    seed: int
    replications: int
    repeat: int
    processes: int
    events: tuple[int, ...]
    bare_events: tuple[int, ...]
    drill_s: float
    setup_s: float | None
    bare_s: float
    ratios: tuple[float, ...]

    @property
    def total_events(self) -> int:
        return sum(self.events)

    @property
    def drill_us_per_event(self) -> float:
        return 1e6 * self.drill_s / self.total_events

    @property
    def bare_us_per_event(self) -> float:
        return 1e6 * self.bare_s / self.total_events

    @property
    def ratio(self) -> float:
        """Drill µs per event ÷ bare µs per event: the median of the per-repeat ratios.

        Each repeat's ratio compares two adjacent blocks, so a stretch of load on a shared machine
        that slows one repeat moves this less than it moves the ratio of the medians.
        """
        return statistics.median(self.ratios)


def _block(fn, replications: int) -> float:
    gc.collect()  # start each timed block from the same heap state
    t0 = time.perf_counter()
    for r in range(replications):
        fn(r)
    return time.perf_counter() - t0


def measure(
    spec: DrillSpec,
    *,
    replications: int,
    repeat: int,
    seed: int,
    scenario: str = "",
) -> Measurement:
    """Time the drill and the bare kernel, interleaved, and return the medians.

    Raises:
        AssertionError: if a replication's event count changes between repeats, or the bare model
            does not schedule exactly as many events as the drill.
    """
    # untimed pass: warms caches and imports, and fixes the event count of each replication
    events = tuple(run_drill(spec, r, seed).events for r in range(replications))
    processes = len(spec.people) or 1
    delays = np.random.default_rng(np.random.SeedSequence(seed)).exponential(BARE_MEAN_DELAY_S, BARE_DELAY_DRAWS)
    delays_list = delays.tolist()  # Python floats, as a model's own arithmetic would produce
    bare_events = tuple(bare_kernel(n, processes, delays_list) for n in events)
    # the per-replication constructor, if the drill keeps one, lets us time setup on its own
    construct = getattr(drill_module, "Drill", None)

    def drill_rep(r: int) -> None:
        res = run_drill(spec, r, seed)
        if res.events != events[r]:
            raise AssertionError(f"replication {r}: {res.events} events, {events[r]} in the first pass")

    def setup_rep(r: int) -> None:
        construct(spec, r, seed)

    def bare_rep(r: int) -> None:
        n = bare_kernel(events[r], processes, delays_list)
        if n != events[r]:
            raise AssertionError(f"replication {r}: bare model scheduled {n} events, drill {events[r]}")

    drill_t: list[float] = []
    setup_t: list[float] = []
    bare_t: list[float] = []
    for k in range(repeat):
        # alternate the order so a drift in machine speed does not favour one side
        if k % 2 == 0:
            drill_t.append(_block(drill_rep, replications))
            bare_t.append(_block(bare_rep, replications))
        else:
            bare_t.append(_block(bare_rep, replications))
            drill_t.append(_block(drill_rep, replications))
        if construct is not None:
            setup_t.append(_block(setup_rep, replications))
    return Measurement(
        scenario=scenario,
        seed=seed,
        replications=replications,
        repeat=repeat,
        processes=processes,
        events=events,
        bare_events=bare_events,
        drill_s=statistics.median(drill_t),
        setup_s=statistics.median(setup_t) if setup_t else None,
        bare_s=statistics.median(bare_t),
        ratios=tuple(d / b for d, b in zip(drill_t, bare_t, strict=True)),
    )


PHASES = ("set-up", "start", "simulation", "records", "release")


def phases(spec: DrillSpec, *, replications: int, rounds: int, seed: int) -> list[tuple[list[float], float]]:
    """Time each phase of a replication and the bare kernel with the same events, with the garbage
    collector off on both sides; per round: the mean µs per replication of each phase in
    :data:`PHASES` order, and of the bare kernel.

    The phases are the drill's own steps (``Drill(...)``, ``start``, ``env.run``, ``_result``,
    ``release``), so their sum is one ``run_drill`` without its collector pause.
    """
    construct = drill_module.Drill
    delays = np.random.default_rng(np.random.SeedSequence(seed)).exponential(BARE_MEAN_DELAY_S, BARE_DELAY_DRAWS)
    delays_list = delays.tolist()
    processes = len(spec.people) or 1
    clock = time.perf_counter

    def one(r: int) -> tuple[list[float], int]:
        t0 = clock()
        d = construct(spec, r, seed)
        t1 = clock()
        d.start()
        t2 = clock()
        d.env.run(until=spec.duration_s)
        t3 = clock()
        res = d._result()
        t4 = clock()
        d.release()
        t5 = clock()
        return [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4], res.events

    for r in range(min(replications, 20)):  # warm-up
        one(r)
    out = []
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(rounds):
            timed = [one(r) for r in range(replications)]
            t0 = clock()
            for _, events in timed:
                bare_kernel(events, processes, delays_list)
            bare = (clock() - t0) / replications
            out.append(([1e6 * sum(t[0][i] for t in timed) / replications for i in range(len(PHASES))], 1e6 * bare))
    finally:
        if was_enabled:
            gc.enable()
    return out


def report_phases(rows: list[tuple[list[float], float]]) -> str:
    """One line per round: µs per replication of each phase, the bare kernel, and the ratios."""
    head = "".join(f"{p:>12}" for p in PHASES)
    lines = [f"{'':<8}{head}{'total':>10}{'bare':>10}{'sim/bare':>10}{'all/bare':>10}"]
    for k, (us, bare) in enumerate(rows, 1):
        lines.append(f"{'round ' + str(k):<8}" + "".join(f"{x:>12.0f}" for x in us)
                     + f"{sum(us):>10.0f}{bare:>10.0f}{us[2] / bare:>10.2f}{sum(us) / bare:>10.2f}")
    return "\n".join(lines)


def report(m: Measurement, target: float = TARGET_RATIO) -> str:
    """A small plain-text table of one measurement."""
    r = m.replications
    ev_rep = m.total_events / r
    lines = [
        f"drill benchmark: {m.scenario}  seed {m.seed}  {r} replications x {m.repeat} repeats (medians)",
        f"python {platform.python_version()}  simpy {simpy.__version__}  numpy {np.__version__}  "
        f"bare model: {m.processes} processes",
        "",
        f"{'':<22}{'ms/replication':>15}{'events/rep':>12}{'events/s':>12}{'us/event':>10}",
        f"{'drill (run_drill)':<22}{1e3 * m.drill_s / r:>15.3f}{ev_rep:>12.1f}"
        f"{m.total_events / m.drill_s:>12,.0f}{m.drill_us_per_event:>10.3f}",
    ]
    if m.setup_s is not None:
        lines.append(f"{'  of which setup':<22}{1e3 * m.setup_s / r:>15.3f}")
    lines += [
        f"{'bare SimPy kernel':<22}{1e3 * m.bare_s / r:>15.3f}{sum(m.bare_events) / r:>12.1f}"
        f"{m.total_events / m.bare_s:>12,.0f}{m.bare_us_per_event:>10.3f}",
        "",
        f"events per replication: min {min(m.events)}, max {max(m.events)}; "
        f"bare counts equal: {m.bare_events == m.events}",
    ]
    if m.setup_s is not None:
        run_only = (m.drill_s - m.setup_s) / m.bare_s
        lines.append(f"ratio without setup (information only): {run_only:.2f}")
    verdict = "ok" if m.ratio <= target else "OVER TARGET"
    lines.append(
        f"ratio (drill us/event / bare us/event): {m.ratio:.2f}  "
        f"[repeats {min(m.ratios):.2f}-{max(m.ratios):.2f}; of the medians "
        f"{m.drill_us_per_event / m.bare_us_per_event:.2f}]  target <= {target:.1f}  {verdict}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--replications",
        "-r",
        type=int,
        default=DEFAULT_REPLICATIONS,
        help=f"replications per timed block (default {DEFAULT_REPLICATIONS})",
    )
    parser.add_argument(
        "--repeat",
        "-k",
        type=int,
        default=DEFAULT_REPEAT,
        help=f"interleaved repeats; medians are reported (default {DEFAULT_REPEAT})",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"exercise seed (default {DEFAULT_SEED})")
    parser.add_argument("--scenario", type=Path, default=None, help="scenario file (default: the bundled one)")
    parser.add_argument("--phases", type=int, default=0, metavar="ROUNDS",
                        help="instead: time each phase of a replication (set-up, start, simulation, records, "
                             "release) against the bare kernel, ROUNDS rounds of R replications, collector off")
    args = parser.parse_args(argv)
    if args.replications < 1 or args.repeat < 1:
        parser.error("--replications and --repeat must be at least 1")
    path = args.scenario or default_scenario()
    spec = load_drill(path)  # compiled once, outside the timing
    if args.phases:
        print(f"phases of one replication (us): {path.name}  seed {args.seed}  {args.replications} replications")
        print(report_phases(phases(spec, replications=args.replications, rounds=args.phases, seed=args.seed)))
        return 0
    m = measure(spec, replications=args.replications, repeat=args.repeat, seed=args.seed, scenario=path.name)
    print(report(m))
    return 0 if m.ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
