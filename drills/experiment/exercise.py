"""An exercise: many replications of one drill, run in this process, in a local pool of processes, or on a
Dask cluster.

Replication ``r`` always uses the random streams keyed by ``(seed, r)`` (see
:func:`drills.model.drill.stream`), and results are returned in replication order, so the outcome
is the same whatever the number of workers, here or on a cluster.

On a Dask cluster (the ``--cluster`` option of the commands), the drill is sent to every worker once per
exercise, the replications run there in chunks, and their results are gathered in order. Every worker must
run the same version of drill (checked when connecting), or the same seed could give other results.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from drills import __version__
from drills.experiment.readings import States, person_states
from drills.model.drill import run_drill
from drills.model.records import DrillResult
from drills.model.spec import DrillSpec

#: replications per task at most (a task's results travel back in one piece)
CHUNK = 10
#: tasks per worker at least, when there are replications enough: so that no worker idles at the end
TASKS_PER_WORKER = 2
#: seconds to wait for the Dask scheduler when connecting
CONNECT_TIMEOUT_S = 10
_CLUSTER: contextvars.ContextVar[Any] = contextvars.ContextVar("drill_cluster", default=None)


class ClusterError(Exception):
    """The Dask cluster cannot be used (not installed, not reachable, no workers, another drill version)."""


@dataclass(frozen=True)
class Cluster:
    """The cluster the exercises of a ``with on_cluster(...)`` block run on."""

    address: str
    workers: int


def _drill_version() -> str:
    return __version__


@contextlib.contextmanager
def on_cluster(address: str, *, timeout_s: float | None = None) -> Iterator[Cluster]:
    """Run every exercise inside the block on the Dask cluster whose scheduler is at ``address`` (waiting
    ``timeout_s`` for it, default :data:`CONNECT_TIMEOUT_S`).

    Raises:
        ClusterError: Dask's ``distributed`` is not installed, the scheduler does not answer, the cluster has
            no workers, or a worker runs another version of drill.
    """
    try:
        from distributed import Client
        from distributed.comm import parse_address
        from distributed.comm.addressing import parse_host_port
    except ImportError:
        raise ClusterError("running on a cluster needs Dask's distributed package, here and on every worker: "
                           "pip install \".[cluster]\" in drill's source folder") from None
    try:  # a malformed address is told before a client is made (a half-made one complains at exit)
        scheme, where = parse_address(address)
        if scheme in ("tcp", "tls"):
            parse_host_port(where)
    except ValueError as exc:
        raise ClusterError(f"not a scheduler address: {address!r} ({exc}); e.g. tcp://10.0.0.5:8786") from None
    try:
        client = Client(address, timeout=timeout_s or CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    token = None
    try:
        try:
            versions = client.run(_drill_version)
        except Exception as exc:  # a worker without drill installed fails to unpickle the call
            raise ClusterError(f"the workers at {address} cannot run drill: {exc}") from None
        if not versions:
            raise ClusterError(f"the cluster at {address} has no workers")
        other = sorted({v for v in versions.values() if v != __version__})
        if other:
            raise ClusterError(f"workers at {address} run drill {', '.join(other)}, this is drill {__version__}: "
                               "install the same version on every worker")
        token = _CLUSTER.set(client)
        yield Cluster(address, len(versions))
    finally:
        if token is not None:
            _CLUSTER.reset(token)
        client.close()


def cluster_in_use() -> bool:
    """Whether exercises run on a cluster now (inside ``on_cluster``)."""
    return _CLUSTER.get() is not None


@dataclass(frozen=True)
class ExerciseResult:
    """All replications of one drill, with the spec they ran."""

    spec: DrillSpec
    seed: int
    results: tuple[DrillResult, ...]
    #: how the number of replications was reached when the exercise ran on until its grade was settled
    #: (:class:`drills.experiment.settle.Settling`); None when it ran the replications asked for
    settling: Any = None

    @property
    def replications(self) -> int:
        return len(self.results)

    def extended(self, more: Sequence[DrillResult] = (), *, settling: Any = None) -> ExerciseResult:
        """The exercise with the further replications ``more`` (the next ones in replication order) and, if given,
        how their number was reached; the person states already made are kept, not made again."""
        out = ExerciseResult(spec=self.spec, seed=self.seed, results=(*self.results, *more),
                             settling=settling if settling is not None else self.settling)
        if "states" in self.__dict__:
            out.__dict__["states"] = (*self.states, *(person_states(r, self.spec) for r in more))
        return out

    @cached_property
    def states(self) -> tuple[States, ...]:
        """Every replication's person states (:func:`~drills.experiment.readings.person_states`), in replication
        order: made once, on first use, and shared by the scorecard, the grade, the bottlenecks, the single
        faults and the figures."""
        return tuple(person_states(r, self.spec) for r in self.results)


def chunk_ranges(first: int, replications: int, workers: int) -> list[tuple[int, int]]:
    """Replications ``first .. first + replications - 1`` cut into consecutive ``(start, stop)`` ranges: at
    most :data:`CHUNK` each, and small enough that each of ``workers`` gets :data:`TASKS_PER_WORKER`."""
    size = max(1, min(CHUNK, -(-replications // (TASKS_PER_WORKER * max(workers, 1)))))
    stop = first + replications
    return [(a, min(a + size, stop)) for a in range(first, stop, size)]


def _run_range(spec: DrillSpec, seed: int, first: int, last: int) -> list[DrillResult]:
    return [run_drill(spec, r, seed) for r in range(first, last)]


def iter_replications(spec: DrillSpec, *, replications: int, seed: int, workers: int = 1,
                      first: int = 0) -> Iterator[DrillResult]:
    """Yield replication results in replication order (``workers`` is ignored on a cluster)."""
    client = _CLUSTER.get()
    width = len(client.nthreads()) if client is not None else workers  # worker processes on the cluster
    ranges = chunk_ranges(first, replications, width)
    if client is not None:
        shared = client.scatter(spec, broadcast=True, hash=False)
        futures = [client.submit(_run_range, shared, seed, a, b, pure=False) for a, b in ranges]
        try:
            for fut in futures:
                yield from fut.result()
        finally:
            client.cancel([*futures, shared])
        return
    if workers <= 1:
        for a, b in ranges:
            yield from _run_range(spec, seed, a, b)
        return
    starts, stops = zip(*ranges, strict=True)
    n = len(ranges)
    with ProcessPoolExecutor(max_workers=min(workers, n)) as pool:  # no process without a range to run
        for batch in pool.map(_run_range, [spec] * n, [seed] * n, starts, stops):
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
