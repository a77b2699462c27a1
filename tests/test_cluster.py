"""Replications on a Dask cluster give the same results as on this machine; a cluster that cannot be used
is one clear message and exit code 2, with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from drills.cli import app
from drills.commands.cluster import usable_cores
from drills.experiment import exercise
from drills.experiment.exercise import ClusterError, on_cluster, run_exercise
from drills.inputs.bundled import default_scenario
from drills.inputs.compile import load_drill

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes on this machine: the drill is pickled to them as to any remote worker."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as lc:
        yield lc.scheduler_address


def test_a_cluster_gives_the_same_replications_in_the_same_order(cluster: str) -> None:
    spec = load_drill(default_scenario())
    here = run_exercise(spec, replications=23, seed=5)  # 23: the last chunk is short
    with on_cluster(cluster) as c:
        assert c.workers == 2 and exercise.cluster_in_use()
        there = run_exercise(spec, replications=23, seed=5, workers=4)
    assert not exercise.cluster_in_use()
    assert [r.replication for r in there.results] == list(range(23))
    assert repr(there.results) == repr(here.results)  # repr: NaN fields compare equal, floats to the last bit


def test_workers_with_another_drill_version_are_refused(cluster: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exercise, "_drill_version", lambda: "0.0.9")
    refused = pytest.raises(ClusterError, match=r"run drill 0\.0\.9, this is drill .*install the same version")
    with refused, on_cluster(cluster):
        pass
    assert not exercise.cluster_in_use()


@pytest.mark.parametrize(("address", "says"), [
    ("nonsense", "not a scheduler address: 'nonsense'"),
    ("tcp://127.0.0.1:1", "cannot reach the Dask scheduler at tcp://127.0.0.1:1"),
])
def test_a_cluster_that_cannot_be_used_is_one_message(address: str, says: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exercise, "CONNECT_TIMEOUT_S", 1)
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["run", "-n", "3", "--cluster", address, "--out", str(out)])
    assert res.exit_code == 2, res.output
    assert f"--cluster: {says}" in res.stderr and "nothing was run or written" in res.stderr
    assert "Traceback" not in res.output and not out.exists()


@pytest.mark.parametrize(("n", "workers", "size"), [(30, 1, 10), (30, 2, 8), (30, 8, 2), (500, 2, 10), (3, 8, 1)])
def test_replications_are_cut_so_that_every_worker_has_work(n: int, workers: int, size: int) -> None:
    ranges = exercise.chunk_ranges(5, n, workers)
    assert [r for a, b in ranges for r in range(a, b)] == list(range(5, 5 + n))  # each once, in order
    assert max(b - a for a, b in ranges) == size
    assert len(ranges) >= min(n, workers)  # no worker idles


def test_without_dask_installed_the_message_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    refused = pytest.raises(ClusterError, match=r'needs Dask.s distributed package.*pip install "\.\[cluster\]"')
    with refused, on_cluster("tcp://127.0.0.1:8786"):
        pass


def test_more_workers_than_cores_is_said_and_no_process_starts_without_work(monkeypatch: pytest.MonkeyPatch,
                                                                            tmp_path: Path) -> None:
    """-w 64 on a 2-core machine started 64 processes, each with a copy of the drill, for no gain, without a word."""
    started = []
    real = exercise.ProcessPoolExecutor

    def pool(max_workers: int):
        started.append(max_workers)
        return real(max_workers=max_workers)

    monkeypatch.setattr(exercise, "ProcessPoolExecutor", pool)
    monkeypatch.setattr("drills.commands.cluster.usable_cores", lambda: 2)
    res = CliRunner().invoke(app, ["run", "-n", "3", "-w", "8", "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "8 workers, more than this machine's 2 cores: no faster than 2" in res.stdout
    assert started == [3]  # three replications cut into three ranges: three processes, not eight


def _eight_cpus_and(monkeypatch: pytest.MonkeyPatch, root: Path, files: dict[str, str]) -> None:
    """A process allowed eight CPUs, with these control-group files (relative paths) under ``root``."""
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(8)), raising=False)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


@pytest.mark.parametrize(("files", "cores"), [
    ({}, 8),  # no control group: the CPUs allowed
    ({"cpu.max": "max 100000\n"}, 8),  # cgroup v2, no quota
    ({"cpu.max": "200000 100000\n"}, 2),  # cgroup v2, two CPUs' worth
    ({"cpu.max": "150000 100000\n"}, 2),  # one and a half: rounded up
    ({"cpu.max": "50000 100000\n"}, 1),  # half a CPU: still one
    ({"cpu.max": "3200000 100000\n"}, 8),  # a quota above the CPUs allowed: the CPUs
    ({"cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 3),  # cgroup v1
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, 8),  # cgroup v1, no quota
    ({"cpu.max": "garbled\n"}, 8),
])
def test_usable_cores_are_the_cpus_allowed_within_the_quota(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                            files: dict[str, str], cores: int) -> None:
    """A container held to two CPUs on a big host reports the host's count through os.cpu_count(); drill's
    warning of more workers than cores, and the test run's worker count, must use what the container may use."""
    _eight_cpus_and(monkeypatch, tmp_path, files)
    assert usable_cores(tmp_path, tmp_path / "no-such-file") == cores


@pytest.mark.parametrize(("own", "files", "cores"), [
    # cgroup v2: the process's own group, deep in the hierarchy, holds the quota; the root holds none
    ("0::/system.slice/drill.service\n", {"system.slice/drill.service/cpu.max": "300000 100000\n"}, 3),
    # a parent's quota binds its children too: the smallest on the way up counts
    ("0::/a/b\n", {"a/b/cpu.max": "max 100000\n", "a/cpu.max": "100000 100000\n"}, 1),
    # cgroup v1: the cpu controller's line, its group under cpu/
    ("5:cpu,cpuacct:/batch\n4:memory:/batch\n", {"cpu/batch/cpu.cfs_quota_us": "200000\n",
                                                   "cpu/batch/cpu.cfs_period_us": "100000\n"}, 2),
    # in a container the own group is named from the host and not mounted: the container's root counts
    ("0::/docker/0123abcd\n", {"cpu.max": "200000 100000\n"}, 2),
    ("0::/\n", {}, 8),
])
def test_usable_cores_follow_the_processs_own_control_group(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                            own: str, files: dict[str, str], cores: int) -> None:
    _eight_cpus_and(monkeypatch, tmp_path, {**files, "proc-self-cgroup": own})
    assert usable_cores(tmp_path, tmp_path / "proc-self-cgroup") == cores


def test_usable_cores_without_affinity_are_the_cpu_count(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """macOS and Windows have no os.sched_getaffinity: the CPU count, not a call to itself for ever."""
    monkeypatch.delattr("os.sched_getaffinity", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    assert usable_cores(tmp_path, tmp_path / "none") == 6
