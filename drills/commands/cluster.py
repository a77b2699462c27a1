"""``--cluster``: run a command's replications on a Dask cluster instead of this machine.

Every command that runs replications takes ``--cluster tcp://HOST:8786`` (the scheduler of a cluster
started with ``dask scheduler`` and ``dask worker``, each worker with the same version of drill
installed). The results are the same as on this machine with any number of ``--workers``: each
replication draws from its own random streams (see :mod:`drills.experiment.exercise`).
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from drills.commands.problems import fail_option
from drills.experiment.i18n import Text

ClusterOption = Annotated[str | None, typer.Option(
    "--cluster", metavar="ADDRESS",
    help="run the replications on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), with the same "
         "results as here; default: this machine, with --workers")]


def usable_cores(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """The cores this process may run on: the CPUs it is allowed (its affinity), and no more than its control
    group's CPU quota, rounded up. A container limited to two CPUs on a 64-core host has two, where
    ``os.cpu_count()`` would say 64. The quota is read from cgroup v2 (``cpu.max``: "200000 100000", or "max")
    and v1 (``cpu/cpu.cfs_quota_us`` over ``cpu.cfs_period_us``, -1 for none)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = usable_cores()
    quota: float | None = None
    try:
        limit, period = (cgroup / "cpu.max").read_text().split()[:2]
        quota = None if limit == "max" else int(limit) / int(period)
    except (OSError, ValueError):
        try:
            limit = (cgroup / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (cgroup / "cpu" / "cpu.cfs_period_us").read_text().strip()
            quota = None if int(limit) < 0 else int(limit) / int(period)
        except (OSError, ValueError, ZeroDivisionError):
            quota = None
    except ZeroDivisionError:
        quota = None
    if quota is not None and quota > 0:
        cores = min(cores, math.ceil(quota))
    return max(cores, 1)


@contextlib.contextmanager
def runs_on(address: str | None, workers: int, err: Console, t: Text | None = None) -> Iterator[str]:
    """Inside the block, exercises run on the cluster at ``address`` (if given); yields where they run, in
    words (``t``'s, English by default). A cluster that cannot be used is one message on ``err`` and exit code
    2, before anything runs."""
    t = t or Text("en")

    def many(n: int) -> str:
        return t("cli_workers", n=n) if n > 1 else t("cli_workers_one")

    if address is None:
        cores = usable_cores()
        yield many(workers) if workers <= cores else t("cli_workers_over", workers=many(workers), cores=cores)
        return
    from drills.experiment.exercise import ClusterError, on_cluster

    with contextlib.ExitStack() as stack:
        try:
            cluster = stack.enter_context(on_cluster(address))
        except ClusterError as exc:
            fail_option(f"--cluster: {exc}; nothing was run or written.", t.lang)
        yield t("cli_cluster", address=address, workers=many(cluster.workers))
