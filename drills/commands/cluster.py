"""``--cluster``: run a command's replications on a Dask cluster instead of this machine.

Every command that runs replications takes ``--cluster tcp://HOST:8786`` (the scheduler of a cluster
started with ``dask scheduler`` and ``dask worker``, each worker with the same version of drill
installed). The results are the same as on this machine with any number of ``--workers``: each
replication draws from its own random streams (see :mod:`drills.experiment.exercise`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Annotated

import typer
from rich.console import Console

from drills.commands.problems import fail_option
from drills.experiment.i18n import Text

ClusterOption = Annotated[str | None, typer.Option(
    "--cluster", metavar="ADDRESS",
    help="run the replications on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), with the same "
         "results as here; default: this machine, with --workers")]


@contextlib.contextmanager
def runs_on(address: str | None, workers: int, err: Console, t: Text | None = None) -> Iterator[str]:
    """Inside the block, exercises run on the cluster at ``address`` (if given); yields where they run, in
    words (``t``'s, English by default). A cluster that cannot be used is one message on ``err`` and exit code
    2, before anything runs."""
    t = t or Text("en")

    def many(n: int) -> str:
        return t("cli_workers", n=n) if n > 1 else t("cli_workers_one")

    if address is None:
        cores = os.cpu_count() or 1
        yield many(workers) if workers <= cores else t("cli_workers_over", workers=many(workers), cores=cores)
        return
    from drills.experiment.exercise import ClusterError, on_cluster

    with contextlib.ExitStack() as stack:
        try:
            cluster = stack.enter_context(on_cluster(address))
        except ClusterError as exc:
            fail_option(f"--cluster: {exc}; nothing was run or written.", t.lang)
        yield t("cli_cluster", address=address, workers=many(cluster.workers))
