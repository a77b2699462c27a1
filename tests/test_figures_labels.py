"""The site drawings: each ring on its own drawing, and no place name printed over another."""

from __future__ import annotations

import pytest

from drills.experiment import figures
from drills.experiment.exercise import run_exercise
from drills.inputs.bundled import bundled_root
from drills.inputs.compile import load_drill


@pytest.fixture(scope="module")
def mine_and_valley():
    """The bundled flood season: a mine and the valley below its tailings dam, in one network."""
    return run_exercise(load_drill(bundled_root() / "scenarios" / "flood_season_night.yaml", replications=2, seed=7))


def test_a_valley_road_is_ringed_on_the_map_and_not_in_the_mine_section(mine_and_valley) -> None:
    """The valley's road queues were ringed in the mine's section too (at their plan-view midpoint, stretching the
    section kilometres east); each drawing now rings only the passages it draws."""
    ex = mine_and_valley
    net = ex.spec.network
    every = figures.bottlenecks(ex, list(range(len(net.links))))
    valley = [i for i, _ in every if net.nodes[net.links[i].a].kind in figures.VALLEY_KINDS]
    assert valley, "no valley road queued: the case is not exercised"
    ringed_section = [i for i, _ in figures.section_bottlenecks(ex)]
    assert not set(valley) & set(ringed_section), [net.links[i].id for i in ringed_section]
    section_nodes, section_links = figures.section_parts(ex)
    _, map_links = figures.map_parts(ex)
    ringed_map = [i for i, _ in figures.map_bottlenecks(ex)]
    assert set(ringed_section) <= set(section_links) and set(ringed_map) <= set(map_links)
    assert set(valley) <= set(ringed_map)
    assert all(net.nodes[k].kind in figures.MINE_KINDS for k in section_nodes)
    assert figures.rings_drawn(ex, "map")
