"""The site drawings: each ring on its own drawing, and no place name printed over another."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.transforms import Bbox

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


def crowded_hamlet():
    """A hamlet's houses, school and two ringed roads within a few millimetres of a map, each with a two-line
    label, and a village across the valley: the crowd where the flood season's place names overprinted."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, 4.2), dpi=figures.DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.1, 0.12, 0.78, 0.8))
    ax.set_xlim(-850, 5350)
    ax.set_ylim(-1700, 1350)
    ax.set_aspect("equal", adjustable="box")
    places = [(0, 0), (710, 160), (900, 20), (820, -150), (780, 620), (3800, 220), (4300, -200), (4800, 120),
              (4100, 150), (4300, 950), (4500, -830), (4250, 475), (4500, 60), (3000, 0), (4200, 0)]
    texts = ["dam qingshui-dam", "xc_river · 72\n81.8 % safe · 13.1 deaths", "xc_south · 99\n75.8 % safe · 24.0 deaths",
             "xc_north · 124\n84.2 % safe · 3.4 deaths", "ap_xc_hill (400)", "ht_a · 182\n97.7 % safe · 0.0 deaths",
             "ht_b · 160\n77.9 % safe · 30.4 deaths", "ht_c · 144\n80.3 % safe · 3.0 deaths", "ht_school",
             "ap_ht_hill (600)", "ap_ht_south (300)", "road_ht_hill: queue 6", "road_ht_c: queue 4"]
    lines = [((0, 0), (900, 20)), ((900, 20), (3000, 0)), ((3000, 0), (4200, 0)), ((4200, 0), (3800, 220)),
             ((4200, 0), (4800, 120)), ((4200, 0), (4300, -200)), ((4200, 0), (4300, 950)), ((4100, 150), (4300, 950)),
             ((4300, -200), (4500, -830)), ((820, -150), (780, 620)), ((710, 160), (900, 20))]
    for x, y in places:
        ax.scatter([x], [y], s=60, zorder=4)
    fig.canvas.draw()
    radii = [figures._radius(60)] * len(places)
    figures.draw_labels(ax, places[:len(texts)], texts, gaps=radii[:len(texts)], points=places, radii=radii,
                        lines=lines)
    fig.canvas.draw()
    return fig, ax


def test_no_two_place_names_overprint_where_places_crowd() -> None:
    """Every label's box, as the renderer draws it (its white ground included), overlaps no other, stays inside
    the map and covers no other place's marker; a leader runs through no other label."""
    fig, ax = crowded_hamlet()
    renderer = fig.canvas.get_renderer()
    labels = [a for a in ax.texts if a.get_text()]
    leaders = [a for a in ax.texts if not a.get_text()]
    boxes = [a.get_bbox_patch().get_window_extent(renderer) for a in labels]
    assert len(labels) == 13 and leaders
    for i, a in enumerate(boxes):
        assert ax.bbox.contains(a.x0, a.y0) and ax.bbox.contains(a.x1, a.y1), labels[i].get_text()
        for j in range(i + 1, len(boxes)):
            assert not a.overlaps(boxes[j]), (labels[i].get_text(), labels[j].get_text())
    for leader in leaders:
        start = ax.transData.transform(leader.xy)
        end = start + np.array(leader.xyann) * fig.dpi / 72
        for label, box in zip(labels, boxes, strict=True):
            if tuple(label.xy) != tuple(leader.xy):
                assert not figures.crosses(box, start, end), (leader.xy, label.get_text())


def test_labels_are_laid_out_the_same_every_time() -> None:
    """The layout depends on nothing but the drawing: the same labels go to the same spots."""
    spots = []
    for _ in range(2):
        _, ax = crowded_hamlet()
        spots.append([(a.xyann, a.get_ha(), a.get_va()) for a in ax.texts])
    assert spots[0] == spots[1]


def _laid_out(points: list[tuple[float, float, float]]):
    """A stand-in exercise whose mine has places at (east, north, elevation) joined in a chain, for the section's
    geometry alone."""
    from types import SimpleNamespace as NS

    nodes = [NS(index=k, id=f"p{k}", kind="junction", x_m=x, y_m=y, elevation_m=z)
             for k, (x, y, z) in enumerate(points)]
    links = [NS(index=k, a=k, b=k + 1) for k in range(len(points) - 1)]
    return NS(spec=NS(network=NS(nodes=nodes, links=links)))


def test_a_mine_laid_out_north_east_is_drawn_along_its_own_length_not_squeezed_onto_east() -> None:
    """Places 100 m apart on a line towards bearing 045°: the section spreads them 100 m apart along it (drawn on
    east alone they stood 70.7 m apart, and a drift running north would have stood on one spot)."""
    ex = _laid_out([(d / np.sqrt(2), d / np.sqrt(2), -100.0 - d / 10) for d in (0.0, 100.0, 200.0, 300.0)])
    east, north = figures.section_direction(ex)
    assert (east, north) == pytest.approx((np.sqrt(0.5), np.sqrt(0.5)))
    along = figures.drawn_at(ex, plan_view=False)
    assert np.diff(along[:, 0]) == pytest.approx([100.0] * 3)
    assert along[:, 1].tolist() == [-100.0, -110.0, -120.0, -130.0]


def test_a_mine_laid_out_north_south_is_drawn_along_north_and_an_east_west_one_exactly_on_east(
        mine_and_valley) -> None:
    north_south = _laid_out([(50.0, y, 0.0) for y in (300.0, 0.0, 150.0)])
    assert figures.section_direction(north_south) == (0.0, 1.0)
    assert figures.drawn_at(north_south, plan_view=False)[:, 0].tolist() == [300.0, 0.0, 150.0]
    net = mine_and_valley.spec.network  # the bundled mine runs east–west: its section is drawn on x_m as written
    assert figures.section_direction(mine_and_valley) == (1.0, 0.0)
    assert figures.drawn_at(mine_and_valley, plan_view=False)[:, 0].tolist() == [n.x_m for n in net.nodes]


def test_every_cage_queue_label_names_its_statistic() -> None:
    # the section, the cage figure and the scorecard showed 47, 37 and 36.8 for "the longest cage queue", none
    # saying which statistic: each label names the median and the largest over the replications it shows
    from drills.experiment.exercise import run_exercise
    from drills.experiment.figures import cage_queue_label, cage_queue_stats
    from drills.experiment.i18n import Text
    from drills.inputs.bundled import bundled_root
    from drills.inputs.compile import load_drill

    ex = run_exercise(load_drill(bundled_root() / "scenarios" / "mine_inrush_day.yaml", replications=5))
    [(hid, (med, top))] = cage_queue_stats(ex).items()
    longest = sorted(h.max_queue for r in ex.results for h in r.hoists)
    assert top == max(longest) and med == longest[2]
    assert cage_queue_label(ex, hid, Text("en")) == f"cage queue: median {med:.0f}, largest {top} of 5 replications"
    assert cage_queue_label(ex, hid, Text("zh")) == f"罐笼排队：中位数 {med:.0f}，5 次重复中最大 {top}"
    assert "in a replication" in Text("en")("fig_cage_queue_t")
    assert "largest {top} of {n} replications" in Text("en")("fig_median_largest")


def test_a_cage_busy_all_its_window_is_drawn_up_to_100_percent_not_past_it(tmp_path, monkeypatch) -> None:
    """A cage busy the whole of its evacuation window in every replication (100 %) was drawn in a bin from 99.5 to
    100.5 %, with the axis ticked to 100.4 %: a share is drawn up to 100 % and no further."""
    from dataclasses import replace

    from drills.experiment.exercise import run_exercise
    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard
    from drills.inputs.bundled import bundled_root
    from drills.inputs.compile import load_drill

    ex = run_exercise(load_drill(bundled_root() / "scenarios" / "mine_inrush_day.yaml", replications=3))
    busy = replace(ex, results=tuple(replace(r, hoists=tuple(replace(h, utilisation=1.0) for h in r.hoists))
                                     for r in ex.results))
    drawn = []
    monkeypatch.setattr(figures, "save", lambda fig, path: drawn.append(fig) or path)
    figures.cage(busy, scorecard(busy), Text("en"), tmp_path / "cage.png")
    util = drawn[0].axes[0]
    assert util.get_xlim()[1] <= 100.0
    assert max(p.get_x() + p.get_width() for p in util.patches) == pytest.approx(100.0)


def test_each_evacuation_order_has_its_own_line_and_a_label_clear_of_the_curves(mine_and_valley, tmp_path,
                                                                                  monkeypatch) -> None:
    """The flood season has two orders: underground for the miners and downstream for the residents, who are most
    of the people drawn and whose order comes later. Each gets its line at its own median, labelled with that
    median as the report writes a time, and no label lies on a median curve or on another label."""
    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    ex, t = mine_and_valley, Text("en")
    card = scorecard(ex)
    drawn = {}
    monkeypatch.setattr(figures, "save", lambda fig, path: drawn.setdefault("fig", fig) and path)
    with figures.style():
        figures.warned_safe(ex, card, t, tmp_path / "ws.png")
    ax = drawn["fig"].axes[0]
    renderer = drawn["fig"].canvas.get_renderer()
    medians = {key: float(figures.median(card.per_replication[key])) for key in ("order_s", "downstream_order_s")}
    assert all(np.isfinite(list(medians.values()))) and medians["downstream_order_s"] != medians["order_s"]
    labels = {}
    for key, words in (("order_s", "evacuation order underground"), ("downstream_order_s",
                                                                     "evacuation order downstream")):
        x = medians[key] / 60
        assert any(np.allclose(line.get_xdata(), x) for line in ax.get_lines()), key  # its line
        label = next(txt for txt in ax.texts if txt.get_text().startswith(words))
        assert f"median {t.value(medians[key], 's')}" in label.get_text()
        labels[key] = label.get_window_extent(renderer)
    assert not labels["order_s"].overlaps(labels["downstream_order_s"])
    curves = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
    assert len(curves) == 3  # warned, safe, water
    for line in curves:
        xy = line.get_transform().transform(np.column_stack([line.get_xdata(), line.get_ydata()]))
        f = np.linspace(0, 1, 9)[:, None, None]
        xy = (xy[:-1] * (1 - f) + xy[1:] * f).reshape(-1, 2)
        for key, box in labels.items():
            inside = (xy[:, 0] > box.x0) & (xy[:, 0] < box.x1) & (xy[:, 1] > box.y0) & (xy[:, 1] < box.y1)
            assert not inside.any(), key


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_timeline_keeps_the_water_at_every_place_where_people_still_were(mine_and_valley, tmp_path, monkeypatch,
                                                                            lang) -> None:
    """In the flood season the dam breaks hours after the mine's order and its triggers: the water reaching the
    villages, where people still were, came last in time among the events kept before the page was full, and was
    left out as a 'later or lesser event'. The water reaching any place where someone who started there still
    was when it came is now always drawn."""
    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    ex, t = mine_and_valley, Text(lang)
    there = set()
    for res in ex.results:
        for p in res.people:
            if math.isfinite(p.water_s) and p.water_s < ex.spec.duration_s and p.outcome != "kept_out" and not (
                    p.departed_s < p.water_s):
                there.add(p.start)
    assert {"xc_river", "ht_b"} <= there  # the villages, hours after the mine's events
    drawn = {}
    monkeypatch.setattr(figures, "save", lambda fig, path: drawn.setdefault("fig", fig) and path)
    with figures.style():
        figures.timeline(ex, scorecard(ex), t, tmp_path / "timeline.png")
    rows = {tick.get_text().replace("\n", " ") for tick in drawn["fig"].axes[0].get_yticklabels()}
    for place in there:
        assert f"[{t.kind('water')}] {t.event(f'water at {place}')}" in rows, place
    assert any(row.startswith(f"[{t.kind('result')}]") for row in rows)  # the results are still drawn


def test_the_timeline_prints_at_the_size_it_was_drawn_so_its_labels_can_be_read(mine_and_valley, tmp_path,
                                                                                monkeypatch) -> None:
    """The timeline was drawn taller than its page and shrunk to fit, its row labels printing at 5 pt and its notes
    at 4–5 pt. It is now drawn at the report's text width and no taller than the page leaves it, keeping the rows
    that fit, and placed at that size: every label and note prints at 7 pt or more."""
    from drills.experiment import report
    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    ex, card = mine_and_valley, scorecard(mine_and_valley)
    drawn = {}
    save = figures.save
    monkeypatch.setattr(figures, "save", lambda fig, path: save(drawn.setdefault("fig", fig), path))
    for lang in ("en", "zh"):
        t = Text(lang)
        drawn.clear()
        with figures.style():
            path = figures.timeline(ex, card, t, tmp_path / f"timeline_{lang}.png")
        fig = drawn["fig"]
        w, h = fig.get_size_inches()
        doc = report.Document()
        assert w == pytest.approx(doc.width) and h <= figures.TIMELINE_H_IN
        ax = fig.axes[0]
        texts = [*ax.get_yticklabels(), *ax.get_xticklabels(), *ax.texts, ax.xaxis.label, ax.title,
                 *ax.get_legend().get_texts()]
        texts += [tick for other in fig.axes[1:] for tick in other.get_xticklabels()]  # the clock on top
        sizes = [txt.get_fontsize() for txt in texts if txt.get_text().strip()]
        assert sizes and min(sizes) >= 7, sorted(sizes)[:3]
        assert sum(1 for tick in ax.get_yticklabels() if tick.get_text()) >= 10  # the rows that matter still drawn
        # the report places it at the size it was drawn, under its heading and introduction: printed as drawn
        with figures.style():
            doc.new_page()
            report.timeline(doc, ex, card, t, {"timeline": path})
        [image] = [a for page in doc.pages for a in page.axes if a.images]
        placed = image.get_position()
        assert placed.width * report.PAGE_W == pytest.approx(w, abs=0.01)
        assert placed.height * report.PAGE_H == pytest.approx(h, abs=0.01)


_coordinate = st.sampled_from([0.0, 1.0, 2.0, 3.0, 1.5, math.nan, math.inf, -math.inf])
_edge = st.sampled_from([0.0, 1.0, 2.0, 3.0])


@given(x=st.tuples(_edge, _edge), y=st.tuples(_edge, _edge), p=st.tuples(_coordinate, _coordinate),
       q=st.tuples(_coordinate, _coordinate))
def test_crossings_answers_as_crosses_does(x, y, p, q) -> None:
    """The label layout judges every line against a spot at once (:func:`figures.crossings`); it must answer as
    the one-segment clip does, for lines along a box's edge, through a corner, of no length, and not finite."""
    box = Bbox.from_extents(min(x), min(y), max(x), max(y))
    a, b = np.array(p), np.array(q)
    with np.errstate(invalid="ignore"):
        one = figures.crosses(box, a, b)
        many = figures.crossings(np.array([box.extents]), a[np.newaxis], b[np.newaxis])
    assert bool(many[0]) == one


def test_overlapping_counts_as_bbox_overlaps() -> None:
    """Edges that touch overlap, as :meth:`Bbox.overlaps` has it."""
    box = Bbox.from_extents(0, 0, 2, 2)
    others = [Bbox.from_extents(2, 2, 3, 3), Bbox.from_extents(2.01, 0, 3, 1), Bbox.from_extents(-1, -1, 0, 0),
              Bbox.from_extents(0.5, 0.5, 1, 1), Bbox.from_extents(0, -2, 2, -0.01)]
    rows = np.array([b.extents for b in others])
    assert figures.overlapping(box, rows) == sum(box.overlaps(b) for b in others) == 3


def long_valley(out):
    """The bundled Qingshui valley stretched to ten kilometres: Xiacun stays 0.7–0.9 km below the dam and Hetou,
    grown to a town of about a thousand people, stands 9.4–9.9 km down, its houses, school and assembly points
    within 500 m of each other (the dam planner's valley where the map could not be read)."""
    import yaml

    root = bundled_root()
    site = yaml.safe_load((root / "scenarios" / "sites" / "qingshui_valley.yaml").read_text())["site"]
    where = {"r1": (4000, 0), "r2": (7000, 0), "ht_centre": (9600, 0), "ht_a": (9450, 110), "ht_b": (9650, -100),
             "ht_c": (9850, 60), "ht_school": (9550, 75), "ap_ht_hill": (9650, 475), "ap_ht_south": (9750, -410)}
    for node in site["nodes"]:
        node["x_m"], node["y_m"] = where.get(node["id"], (node["x_m"], node["y_m"]))
    xy = {n["id"]: (n["x_m"], n["y_m"]) for n in site["nodes"]}
    for link in site["links"]:  # each road a tenth longer than the straight line
        (ax, ay), (bx, by) = xy[link["from"]], xy[link["to"]]
        link["length_m"] = max(round(1.1 * math.hypot(ax - bx, ay - by)), 20)
    for r in site["residents"]:
        if r["at"].startswith("ht_") and "households" in r:
            r["households"] = round(r["households"] * 1.7)
    (out / "site.yaml").write_text(yaml.safe_dump({"site": site}, sort_keys=False))
    scenario = yaml.safe_load((root / "scenarios" / "dam_break_night.yaml").read_text())
    scenario["scenario"]["site"] = "site.yaml"
    scenario["scenario"]["plan"] = str((root / "plans" / "qingshui_dam_plan.yaml").resolve())
    (out / "scenario.yaml").write_text(yaml.safe_dump(scenario, sort_keys=False))
    return out / "scenario.yaml"


def _drawn_map(ex, tmp_path):
    from unittest import mock

    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    drawn = {}
    with mock.patch.object(figures, "save", lambda fig, path: drawn.setdefault("fig", fig) and path), \
            figures.style():
        figures.site_map(ex, scorecard(ex), Text("en"), tmp_path / "map.png")
        drawn["fig"].canvas.draw()  # as saving draws it: the labels' grounds take their places
    return drawn["fig"]


@pytest.fixture(scope="module")
def maps(mine_and_valley, tmp_path_factory):
    """The site map of the long valley, of the bundled dam break and of the bundled flood season."""
    out = tmp_path_factory.mktemp("long_valley")
    long_ex = run_exercise(load_drill(long_valley(out), replications=2, seed=7))
    dam_ex = run_exercise(load_drill(bundled_root() / "scenarios" / "dam_break_night.yaml", replications=2, seed=7))
    return {"long": (long_ex, _drawn_map(long_ex, out)), "dam": (dam_ex, _drawn_map(dam_ex, out)),
            "flood": (mine_and_valley, _drawn_map(mine_and_valley, out))}


def _labels(ax, renderer):
    """Each label of ``ax``: (annotation, its box with its white ground, in pixels, its leader or None)."""
    leaders = [a for a in ax.texts if not a.get_text()]
    out = []
    for a in ax.texts:
        if not a.get_text() or not isinstance(a, figures.matplotlib.text.Annotation):
            continue
        mine = [ld for ld in leaders if tuple(ld.xy) == tuple(a.xy)]
        out.append((a, a.get_bbox_patch().get_window_extent(renderer), mine[0] if mine else None))
    return out


def _markers(ax):
    """Every marker drawn on ``ax``: centres (pixels) and radii (pixels)."""
    centres, radii = [], []
    for c in ax.collections:
        offsets = c.get_offsets()
        if not len(offsets):
            continue
        sizes = np.broadcast_to(c.get_sizes(), (len(offsets),))
        centres += list(ax.transData.transform(offsets))
        radii += [figures._radius(s) * ax.figure.dpi / 72 for s in sizes]
    return np.array(centres), np.array(radii)


def _box_gap(box, xy):
    dx = max(box.x0 - xy[0], 0.0, xy[0] - box.x1)
    dy = max(box.y0 - xy[1], 0.0, xy[1] - box.y1)
    return math.hypot(dx, dy)


@pytest.mark.parametrize("case", ["long", "dam", "flood"])
def test_every_map_label_is_inside_its_panel_clear_of_the_colour_bar_and_of_every_other_label(maps, case) -> None:
    """On the ten-kilometre valley the riverside place's label ran past the panel, under the colour bar, and
    printed as "193.8 eaths". Every label, as the renderer draws it with its white ground, now lies inside its
    panel, off every colour bar, and on no other label."""
    _, fig = maps[case]
    renderer = fig.canvas.get_renderer()
    bars = [a.get_tightbbox(renderer) for a in fig.axes if a.get_label() == "<colorbar>"]
    assert bars
    panels = [a for a in fig.axes if a.get_label() != "<colorbar>"]
    for ax in panels:
        labels = _labels(ax, renderer)
        for i, (a, box, _) in enumerate(labels):
            assert ax.bbox.x0 <= box.x0 and box.x1 <= ax.bbox.x1, a.get_text()
            assert ax.bbox.y0 <= box.y0 and box.y1 <= ax.bbox.y1, a.get_text()
            assert not any(box.overlaps(bar) for bar in bars), a.get_text()
            for b, other, _ in labels[i + 1:]:
                assert not box.overlaps(other), (a.get_text(), b.get_text())


@pytest.mark.parametrize("case", ["long", "dam", "flood"])
def test_each_map_label_is_tied_to_its_own_marker(maps, case) -> None:
    """A label beside a neighbour's marker read as that neighbour's ("72.0 % safe" for the market was read as the
    school's), and a leader ran past another marker to its own. A label without a leader now has its own marker
    as the nearest one (edge to edge); a leader runs from its label's box to its own marker and through no other."""
    _, fig = maps[case]
    renderer = fig.canvas.get_renderer()
    checked = 0
    for ax in (a for a in fig.axes if a.get_label() != "<colorbar>"):
        centres, radii = _markers(ax)
        for a, box, leader in _labels(ax, renderer):
            own = np.hypot(*(centres - ax.transData.transform(a.xy)).T) < 0.5 if len(centres) else np.array([])
            if not own.any():  # a close-up's letter, at its frame's corner
                continue
            checked += 1
            if leader is None:
                gaps = np.array([_box_gap(box, c) for c in centres]) - radii
                assert gaps[own].min() <= gaps[~own].min(), a.get_text()
                continue
            start = ax.transData.transform(leader.xy)
            end = start + np.array(leader.xyann) * fig.dpi / 72
            assert np.allclose(leader.xy, a.xy)  # ends at its own marker
            assert _box_gap(box, end) < 3.0, a.get_text()  # and starts at its label
            for c, r in zip(centres[~own], radii[~own], strict=True):
                disc = Bbox.from_extents(c[0] - r, c[1] - r, c[0] + r, c[1] + r)
                assert not figures.crosses(disc, start, end), a.get_text()
    assert checked >= 8


def test_a_town_in_a_small_part_of_a_long_valley_gets_a_close_up_with_its_places_named(maps) -> None:
    """On the ten-kilometre valley the town's thousand people stood in a 500 m blob. Each group of places that
    spans a small share of the map gets a close-up under it, holding all its places, each named there once; the
    whole map frames the group and names the frame, not the places."""
    ex, fig = maps["long"]
    net = ex.spec.network
    zooms = [a for a in fig.axes if a.get_label() == "zoom"]
    assert len(zooms) == 2  # Xiacun and Hetou
    town = [n for n in net.nodes if n.id.startswith(("ht_", "ap_ht")) and n.id != "ht_centre"]
    renderer = fig.canvas.get_renderer()
    [hetou] = [z for z in zooms if z.get_xlim()[0] < town[0].x_m < z.get_xlim()[1]]
    (x0, x1), (y0, y1) = hetou.get_xlim(), hetou.get_ylim()
    assert all(x0 <= n.x_m <= x1 and y0 <= n.y_m <= y1 for n in town)
    named = [a.get_text().split(" ")[0] for a, _, _ in _labels(hetou, renderer)]
    assert sorted(n for n in named if n in {p.id for p in town}) == sorted(p.id for p in town)
    span = max(x1 - x0, y1 - y0)
    assert span < 0.25 * np.ptp([n.x_m for n in net.nodes])  # a close-up, not the valley again
    for main in (a for a in fig.axes[:2]):
        texts = [a.get_text() for a, _, _ in _labels(main, renderer)]
        assert not any(txt.startswith(p.id + " ") or txt == p.id for txt in texts for p in town), texts
        assert any(txt in ("(c)", "(d)") for txt in texts)


@pytest.mark.parametrize("case", ["long", "dam", "flood"])
def test_each_bridge_is_signed_on_both_panels_along_its_road_and_in_the_legend(maps, case) -> None:
    """The map drew a bridge as any other road: the planner could not see where the flood may take the way out.
    Each bridge is now signed at its middle, turned along its road, on both panels, and the legend says so."""
    ex, fig = maps[case]
    net = ex.spec.network
    bridges = [lk for lk in net.links if lk.bridge]
    assert bridges
    for ax in fig.axes[:2]:
        signs = {c.get_gid(): c for c in ax.collections if str(c.get_gid()).startswith("bridge:")}
        assert sorted(signs) == sorted(f"bridge:{lk.id}" for lk in bridges)
        for lk in bridges:
            a, b = net.nodes[lk.a], net.nodes[lk.b]
            sign = signs[f"bridge:{lk.id}"]
            assert np.allclose(sign.get_offsets()[0], ((a.x_m + b.x_m) / 2, (a.y_m + b.y_m) / 2))
            parapet = np.diff(sign.get_paths()[0].vertices[1:3], axis=0)[0]  # the straight part of one parapet
            road = np.array([b.x_m - a.x_m, b.y_m - a.y_m])
            assert abs(parapet[0] * road[1] - parapet[1] * road[0]) < 1e-6 * np.hypot(*parapet) * np.hypot(*road)
    legends = [lg for ax in fig.axes if (lg := ax.get_legend()) is not None]
    assert "bridge" in [txt.get_text() for lg in legends for txt in lg.get_texts()]


def test_the_map_caption_says_what_the_bridge_sign_is_only_where_one_is_drawn(maps, tmp_path) -> None:
    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    ex, _ = maps["dam"]
    card = scorecard(ex)
    for lang in ("en", "zh"):
        doc = _site_section(ex, card, lang, tmp_path / f"map_{lang}.png")
        written = "".join(txt.get_text() for page in doc.pages for txt in page.texts)
        assert Text(lang)("cap_map_bridges")[:12] in written
    mine = run_exercise(load_drill(bundled_root() / "scenarios" / "mine_inrush_day.yaml", replications=2, seed=7))
    assert not figures.bridges_drawn(mine)  # no bridge: no word of one


def test_a_bridge_across_the_map_is_signed_along_its_own_road() -> None:
    """A bridge on a road running north-east is signed turned 45°, not lying east-west across the road; a road
    that is not a bridge gets no sign."""
    from types import SimpleNamespace

    from matplotlib.figure import Figure

    nodes = [SimpleNamespace(x_m=0.0, y_m=0.0), SimpleNamespace(x_m=300.0, y_m=300.0),
             SimpleNamespace(x_m=600.0, y_m=300.0)]
    links = [SimpleNamespace(id="ne", a=0, b=1, bridge=True), SimpleNamespace(id="e", a=1, b=2, bridge=False)]
    ex = SimpleNamespace(spec=SimpleNamespace(network=SimpleNamespace(nodes=nodes, links=links)))
    ax = Figure().add_subplot()
    assert figures._mark_bridges(ax, ex, [0, 1]) == [(150.0, 150.0)]
    [sign] = ax.collections
    dx, dy = np.diff(sign.get_paths()[0].vertices[1:3], axis=0)[0]
    assert dx == pytest.approx(dy) and dx > 0


def test_settlements_are_found_only_where_places_crowd_a_small_share_of_the_map() -> None:
    valley = np.array([(0, 0), (300, 0), (9500, 0), (9600, 80), (9700, -60), (9650, 400)], dtype=float)
    populated = [False, False, True, True, True, False]
    assert figures.settlements(valley, populated, [0, 0, 300, 200, 100, 0]) == [[2, 3, 4, 5]]
    spread = np.array([(0, 0), (1500, 0), (3000, 0), (4500, 0)], dtype=float)
    assert figures.settlements(spread, [True] * 4, [100] * 4) == []
    assert figures.settlements(valley[2:3], [True], [10]) == []


def test_a_label_past_the_frame_is_moved_back_inside() -> None:
    frame = Bbox.from_extents(0, 0, 100, 50)
    assert figures.inside(Bbox.from_extents(90, 10, 120, 20), frame).tolist() == [-20, 0]
    assert figures.inside(Bbox.from_extents(-5, 45, 10, 60), frame).tolist() == [5, -10]
    assert figures.inside(Bbox.from_extents(10, 10, 20, 20), frame).tolist() == [0, 0]


def test_the_map_caption_says_what_the_dashed_frames_and_close_ups_are(maps, tmp_path) -> None:
    from drills.experiment.scorecard import scorecard

    ex, _ = maps["long"]
    card = scorecard(ex)
    for lang, words in (("en", "Dashed frames"), ("zh", "虚线框")):
        doc = _site_section(ex, card, lang, tmp_path / f"map_{lang}.png")
        written = "".join(txt.get_text() for page in doc.pages for txt in page.texts)
        assert words in written


@pytest.mark.parametrize("case", ["dam", "flood"])
def test_the_map_caption_names_the_table_by_place_as_it_is_titled(maps, case, tmp_path) -> None:
    """A drill with a mine and a dam has one table, titled "By level and place" (分水平、分地点结果): its map's
    caption said "as in the table by place" (分地点结果表), a table the report does not have."""
    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    ex, _ = maps[case]
    card = scorecard(ex)
    assert card.site == {"dam": "valley", "flood": "both"}[case]
    for lang in ("en", "zh"):
        t = Text(lang)
        named, title = t.words("zones_by", card.site), t.words("zones", card.site)
        assert named.removesuffix("表") == title.removesuffix("结果") if t.zh else named == title.lower()
        doc = _site_section(ex, card, lang, tmp_path / f"map_{case}_{lang}.png")
        lines = [txt.get_text() for page in doc.pages for txt in page.texts]
        written = "".join("".join(lines).split()) if t.zh else " ".join(" ".join(lines).split())
        assert ("与{}一致" if t.zh else "as in the table {}").format(named) in written


def _site_section(ex, card, lang: str, path):
    """The report's site section with its map, laid out on a page of its own, in ``lang``."""
    from drills.experiment import report
    from drills.experiment.i18n import Text

    t = Text(lang)
    doc = report.Document()
    with figures.style():
        figs = {"map": figures.site_map(ex, card, t, path)}
        doc.new_page()
        report.site(doc, ex, card, t, figs)
    return doc


@pytest.mark.parametrize("case", ["dam", "flood", "long"])
def test_the_site_map_prints_at_the_text_width_under_its_heading_with_its_caption(maps, case, tmp_path) -> None:
    """The map with its close-up row was drawn 9.0 in tall: under the section's heading and over its caption the
    page held only 7.3 in, so the report shrank it and its labels printed at about 80 % of their size. It is now
    drawn no taller than :data:`figures.MAP_H_IN` and placed at the full text width, as the other figures."""
    from drills.experiment import report
    from drills.experiment.scorecard import scorecard

    ex, fig = maps[case]
    assert fig.get_size_inches()[1] <= figures.MAP_H_IN
    whole = fig.axes[:2]  # the east axis is named once, under (b): both panels have its limits
    assert whole[0].get_xlim() == pytest.approx(whole[1].get_xlim()) and not whole[0].get_xlabel()
    card = scorecard(ex)
    for lang in ("en", "zh"):
        doc = _site_section(ex, card, lang, tmp_path / f"map_{case}_{lang}.png")
        [image] = [a for page in doc.pages for a in page.axes if a.images]
        assert len(doc.pages) == 1  # under its heading, not sent on to the next page
        assert image.get_position().width * report.PAGE_W == pytest.approx(doc.width, abs=0.01), lang


@pytest.fixture
def two_cages(build):
    """A mine with two shafts, each with its own cage: the crew at each end of the level rides its own cage."""
    from conftest import base_plan, base_scenario, base_site, link, node

    site = base_site(
        [node("cA", "collar", 0.0, 0.0), node("cB", "collar", 0.0, 400.0),
         node("sA", "shaft_station", -100.0, 0.0, level="-100"),
         node("sB", "shaft_station", -100.0, 400.0, level="-100"),
         node("wA", "workplace", -100.0, -100.0, level="-100"), node("wB", "workplace", -100.0, 500.0, level="-100")],
        [link("shA", "cA", "sA", 100.0, 5.0, "shaft"), link("shB", "cB", "sB", 100.0, 5.0, "shaft"),
         link("dA", "wA", "sA", 100.0), link("dAB", "sA", "sB", 400.0), link("dB", "sB", "wB", 100.0)],
        [{"at": "wA", "count": 40}, {"at": "wB", "count": 12}],
        hoists=[{"id": "main-cage", "stations": ["cA", "sA"], "cage_capacity_persons": 24},
                {"id": "aux-cage", "stations": ["cB", "sB"], "cage_capacity_persons": 8}])
    plan = base_plan(routes=[{"id": "ra", "from": ["wA"], "path": ["sA", "cA"]},
                             {"id": "rb", "from": ["wB"], "path": ["sB", "cB"]}], exits=["cA", "cB"])
    return run_exercise(build(site, plan, base_scenario(monte_carlo={"replications": 4, "seed": 3})))


def test_with_two_cages_the_scorecard_says_its_cage_numbers_are_of_the_busiest(two_cages) -> None:
    """Each replication's cage utilisation and longest queue are those of the busiest cage, not of the cages together:
    with more than one cage, the label says so (a mine with one cage keeps its plain label)."""
    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    labels = {m.key: m.label for m in scorecard(two_cages).metrics}
    assert labels["cage_utilisation"] == "Cage utilisation, the busiest cage (evacuation window)"
    assert labels["cage_max_queue"] == "Longest cage queue in a replication, at any cage (people waiting)"
    zh = Text("zh")
    assert zh.metric("cage_utilisation", labels["cage_utilisation"]) == "罐笼利用率，最繁忙的罐笼（撤离时段）"
    one = run_exercise(load_drill(bundled_root() / "scenarios" / "mine_inrush_day.yaml", replications=1))
    assert scorecard(one).get("cage_utilisation").label == "Cage utilisation (evacuation window)"


def test_with_two_cages_no_legend_covers_a_panel_and_no_title_runs_into_another(two_cages, tmp_path,
                                                                                monkeypatch) -> None:
    """Side by side, each panel's legend of the two cages lay over its bars and the long queue title ran into the
    next panel's: every legend lies clear of every panel, every title clear of the others and of the legends, and
    each cage's median line is drawn in its colour."""
    from matplotlib.colors import to_rgba

    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    drawn = []
    monkeypatch.setattr(figures, "save", lambda fig, path: drawn.append(fig) or path)
    with figures.style():
        figures.cage(two_cages, scorecard(two_cages), Text("en"), tmp_path / "cage.png")
    fig = drawn[0]
    fig.draw_without_rendering()  # lay it out as saving does
    renderer = fig.canvas.get_renderer()
    axes = fig.axes
    legends = [ax.get_legend().get_window_extent(renderer) for ax in axes]
    titles = [ax.title.get_window_extent(renderer) for ax in axes]
    panels = [ax.get_window_extent(renderer) for ax in axes]
    assert len(axes) == 3 and all(len(ax.get_legend().get_texts()) == 2 for ax in axes)
    assert not any(Bbox.intersection(leg, p) for leg in legends for p in panels)
    assert not any(Bbox.intersection(a, b) for i, a in enumerate(titles) for b in titles[i + 1:])
    assert not any(Bbox.intersection(title, leg) for title in titles for leg in legends)
    page = fig.bbox
    assert all(page.x0 <= b.x0 and b.x1 <= page.x1 for b in (*legends, *titles))
    for ax in axes:  # a step line and a median line per cage, the median in the step's colour
        steps = [p.get_edgecolor() for p in ax.patches]
        medians = [line.get_color() for line in ax.get_lines()]
        assert len(steps) == len(medians) == 2
        assert all(np.allclose(to_rgba(m), s) for m, s in zip(medians, steps, strict=True))


def test_with_two_cages_the_report_heads_and_captions_the_cage_figure_for_each_cage(two_cages, tmp_path) -> None:
    from pypdf import PdfReader

    from drills.experiment.outputs import write_outputs
    from drills.experiment.scorecard import scorecard

    write_outputs(two_cages, scorecard(two_cages), tmp_path)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(tmp_path / "report.pdf").pages)
    assert "Warning channels (应急通讯) and the cages" in text
    assert "Figure 5. The cages" in text
    assert "for each of the 2 cages, of its busy time" in text
    assert "the cage's busy time" not in text


def test_a_cage_queue_is_ringed_on_its_shaft_not_on_a_station(build, tmp_path, monkeypatch) -> None:
    """The ring of a cage's queue stood halfway from the collar to the bottom station: with stations evenly spaced
    (collar, -50, -100) that is the -50 station, where it read as a queue at that level. It stands halfway along
    the shaft's longest stretch between two stops, clear of every station."""
    from conftest import base_plan, base_scenario, base_site, link, node

    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    site = base_site(
        [node("collar", "collar", 0.0, 0.0), node("st50", "shaft_station", -50.0, 0.0, level="-50"),
         node("st100", "shaft_station", -100.0, 0.0, level="-100"),
         node("w50", "workplace", -50.0, 200.0, level="-50"), node("w100", "workplace", -100.0, 200.0, level="-100")],
        [link("sh1", "collar", "st50", 50.0, 5.0, "shaft"), link("sh2", "st50", "st100", 50.0, 5.0, "shaft"),
         link("d50", "st50", "w50", 200.0), link("d100", "st100", "w100", 200.0)],
        [{"at": "w50", "count": 12}, {"at": "w100", "count": 20}],
        hoists=[{"id": "cage", "stations": ["collar", "st50", "st100"], "cage_capacity_persons": 5}])
    plan = base_plan(routes=[{"id": "r50", "from": ["w50"], "path": ["st50", "collar"]},
                             {"id": "r100", "from": ["w100"], "path": ["st100", "collar"]}], exits=["collar"])
    ex = run_exercise(build(site, plan, base_scenario(monte_carlo={"replications": 2, "seed": 1})))
    assert max(figures.cage_queues(ex).values()) > 0
    drawn = []
    monkeypatch.setattr(figures, "save", lambda fig, path: drawn.append(fig) or path)
    with figures.style():
        figures.section(ex, scorecard(ex), Text("en"), tmp_path / "section.png")
    ax_c = drawn[0].axes[1]
    [ring] = [c for c in ax_c.collections if len(c.get_sizes()) and c.get_sizes()[0] == figures.CAGE_RING_S
              and len(c.get_offsets())]
    x, z = ring.get_offsets()[0]
    assert x == pytest.approx(0.0)
    assert z in (pytest.approx(-25.0), pytest.approx(-75.0))  # halfway along a stretch of the shaft


def test_the_section_keeps_the_layout_its_labels_were_placed_for(build, tmp_path, monkeypatch) -> None:
    """Where some place is not cleared, panel (b)'s key has four entries: in one row they were wider than the panel,
    and the layout narrowed the panel at every pass without end, so the labels placed after one pass stood outside
    the panel saved after the next, over the elevation axis. The key fits, the layout stays, the labels stay in."""
    from conftest import base_plan, base_scenario, base_site, link, node

    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    # a crew down a long ramp from the face where the water breaks in, with no order: the water catches them
    site = base_site([node("face", "workplace", -100.0, 0.0, level="-100"), node("j1", "junction", -66.0, 650.0),
                      node("j2", "junction", -33.0, 1300.0), node("out", "portal", 0.0, 1900.0)],
                     [link("r1", "face", "j1", 700.0, 4.0, "ramp"), link("r2", "j1", "j2", 700.0, 4.0, "ramp"),
                      link("r3", "j2", "out", 700.0, 4.0, "ramp")], [{"at": "face", "count": 10}])
    scenario = base_scenario(order_at_s=None, hazard={"inrush": {"source": "face", "hydrograph": [
        {"t_s": 0, "inflow_m3ph": 200000}, {"t_s": 7200, "inflow_m3ph": 200000}]}},
        monte_carlo={"replications": 2, "seed": 1})
    ex = run_exercise(build(site, base_plan(exits=["out"]), scenario))
    drawn = []
    monkeypatch.setattr(figures, "save", lambda fig, path: drawn.append(fig) or path)
    with figures.style():
        figures.section(ex, scorecard(ex), Text("en"), tmp_path / "section.png")
    fig = drawn[0]
    ax_c = fig.axes[1]
    assert "not cleared in most replications" in ax_c.get_legend_handles_labels()[1]
    placed = ax_c.bbox.frozen()
    fig.savefig(tmp_path / "section.png")
    assert np.allclose(ax_c.bbox.extents, placed.extents)
    renderer = fig.canvas.get_renderer()
    assert fig.bbox.x0 <= ax_c.get_legend().get_window_extent(renderer).x0
    assert ax_c.get_legend().get_window_extent(renderer).x1 <= fig.bbox.x1
    for label in ax_c.texts:
        if label.get_text().startswith(("face", "out")):
            box = label.get_window_extent(renderer)
            assert placed.x0 - 2 <= box.x0 and box.x1 <= placed.x1 + 2, label.get_text()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_mine_whose_only_crew_is_where_the_water_breaks_in_draws_no_places_and_says_why(build, tmp_path,
                                                                                           monkeypatch, lang) -> None:
    """The crew at the face is where the inrush breaks in: the order cannot warn them first, and the table by place
    leaves them out, as the panel of when people were warned does. With no place left, the panel's limits were set
    to one value (matplotlib warned and the panel stood empty); it says why it is empty."""
    from conftest import base_plan, base_scenario, base_site, link, node

    from drills.experiment.i18n import Text
    from drills.experiment.scorecard import scorecard

    site = base_site([node("face", "workplace"), node("out", "portal", x=300.0)], [link("d", "face", "out", 300.0)],
                     [{"at": "face", "count": 3}])
    hazard = {"inrush": {"source": "face", "hydrograph": [{"t_s": 0, "inflow_m3ph": 600.0}]}}
    ex = run_exercise(build(site, base_plan(), base_scenario(hazard=hazard)))
    drawn = []
    monkeypatch.setattr(figures, "save", lambda fig, path: drawn.append(fig) or path)
    figures.channels(ex, scorecard(ex), Text(lang), tmp_path / "channels.png")
    panel = drawn[0].axes[1]
    assert panel.get_ylim()[0] > panel.get_ylim()[1]
    assert [x.get_text() for x in panel.texts if x.get_gid() == "no-places"] == [Text(lang)("fig_when_warned_none")]
