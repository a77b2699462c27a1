"""An exercise: many replications of one drill, run locally in one or more processes.

Replication ``r`` always uses the random streams keyed by ``(seed, r)`` (see
:func:`drills.model.drill.stream`), and results are returned in replication order, so the outcome
is the same whatever the number of workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from drills.model.drill import run_drill
from drills.model.records import DrillResult
from drills.model.spec import DrillSpec

CHUNK = 10


@dataclass(frozen=True)
class ExerciseResult:
    """All replications of one drill, with the spec they ran."""

    spec: DrillSpec
    seed: int
    results: tuple[DrillResult, ...]

    @property
    def replications(self) -> int:
        return len(self.results)


def _run_chunk(args: tuple[DrillSpec, int, int, int]) -> list[DrillResult]:
    spec, seed, first, last = args
    return [run_drill(spec, r, seed) for r in range(first, last)]


def iter_replications(spec: DrillSpec, *, replications: int, seed: int, workers: int = 1,
                      first: int = 0) -> Iterator[DrillResult]:
    """Yield replication results in replication order."""
    chunks = [(spec, seed, a, min(a + CHUNK, first + replications))
              for a in range(first, first + replications, CHUNK)]
    if workers <= 1:
        for c in chunks:
            yield from _run_chunk(c)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for batch in pool.map(_run_chunk, chunks):
            yield from batch


def run_exercise(spec: DrillSpec, *, replications: int | None = None, seed: int | None = None,
                 workers: int = 1, progress: Callable[[int], None] | None = None) -> ExerciseResult:
    """Run ``replications`` drills from ``seed`` and collect them.

    Args:
        spec: the compiled drill.
        replications: how many; default the scenario's.
        seed: the exercise seed; default the scenario's.
        workers: processes to use (1 = this process).
        progress: called with the number of replications finished so far.
    """
    n = spec.replications if replications is None else replications
    s = spec.seed if seed is None else seed
    out = []
    for k, res in enumerate(iter_replications(spec, replications=n, seed=s, workers=workers), 1):
        out.append(res)
        if progress is not None:
            progress(k)
    return ExerciseResult(spec=spec, seed=s, results=tuple(out))
