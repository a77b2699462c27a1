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


def usable_cores(cgroup: Path = Path("/sys/fs/cgroup"), own: Path = Path("/proc/self/cgroup")) -> int:
    """The cores this process may run on: the CPUs it is allowed (its affinity), and no more than its control
    group's CPU quota, rounded up. A container limited to two CPUs on a 64-core host has two, where
    ``os.cpu_count()`` would say 64. The quota is the smallest on the way from the process's own group (as
    ``own`` names it) up to the root of the hierarchy mounted at ``cgroup``: cgroup v2's ``cpu.max``
    ("200000 100000", or "max"), or v1's ``cpu/cpu.cfs_quota_us`` over ``cpu.cfs_period_us`` (-1 for none)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    quotas = [q for q in map(_cpu_quota, _own_groups(cgroup, own)) if q is not None and q > 0]
    if quotas:
        cores = min(cores, math.ceil(min(quotas)))
    return max(cores, 1)


def _own_groups(cgroup: Path, own: Path) -> list[Path]:
    """The control-group folders whose CPU limits apply to this process: its own, then each parent up to the
    mount's root (for v2 at ``cgroup``, for v1 at ``cgroup/cpu``). In a container, whose groups are named from
    the host, the own group is not mounted, and the root is the container's."""
    try:
        lines = own.read_text().splitlines()
    except OSError:
        lines = []
    out: list[Path] = []
    for line in lines:
        _, controllers, rel = [*line.split(":", 2), "", ""][:3]
        if controllers == "" or "cpu" in controllers.split(","):  # v2, or v1's cpu controller
            root = cgroup if controllers == "" else cgroup / "cpu"
            leaf = root / rel.strip().lstrip("/")
            out += [leaf, *[q for q in leaf.parents if q.is_relative_to(root)]]
    return [*dict.fromkeys([*out, cgroup, cgroup / "cpu"])]


def _cpu_quota(folder: Path) -> float | None:
    """The CPUs' worth of time a control group may use, or None for no limit (or none written there)."""
    try:
        limit, period = (folder / "cpu.max").read_text().split()[:2]
        return None if limit == "max" else int(limit) / int(period)
    except (OSError, ValueError, ZeroDivisionError):
        pass
    try:
        limit = (folder / "cpu.cfs_quota_us").read_text().strip()
        period = (folder / "cpu.cfs_period_us").read_text().strip()
        return None if int(limit) < 0 else int(limit) / int(period)
    except (OSError, ValueError, ZeroDivisionError):
        return None


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
