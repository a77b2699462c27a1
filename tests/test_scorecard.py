"""The scorecard's definitions, on records whose answer is known.

Each test runs a tiny drill for its network and people, then sets the people's records by hand, so
the number the scorecard must give is known exactly.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import replace

import numpy as np
import pytest
from conftest import base_plan, base_scenario, base_site, link, node

from drills.experiment.exercise import ExerciseResult
from drills.experiment.i18n import Text
from drills.experiment.report import metric_rows
from drills.experiment.scorecard import mean_is_partial, replication_metrics, scorecard, summarise
from drills.model.drill import run_drill

INF = math.inf
NAN = math.nan


@pytest.fixture
def two_miners(build):
    """Two miners at a face 120 m from the portal; the water reaches the face at 1000 s."""
    site = base_site([node("face", "workplace", level="-100"), node("out", "portal")],
                     [link("d", "face", "out", 120.0)], [{"at": "face", "count": 2}])
    return build(site, base_plan(), base_scenario())


def with_people(spec, *changes: dict):
    """A replication of ``spec`` whose person records are the real ones with ``changes`` applied."""
    res = run_drill(spec, 0, 1)
    base = dict(warned_s=100.0, warned_by="paging", departed_s=110.0, outcome="surface", outcome_s=300.0,
                margin_s=700.0, water_s=1000.0, situation="", fatality_p=0.0)
    people = tuple(p._replace(**{**base, **c}) for p, c in zip(res.people, changes, strict=True))
    # the inrush breaks in elsewhere at 0 s, so only people whose own place is wet then are at its source
    return replace(res, people=people, node_water_s=tuple(0.0 for _ in res.node_water_s))


def test_water_seen_is_not_a_warning(two_miners):
    """Someone who only saw the water was never warned by the order: 'everyone warned' is never reached."""
    res = with_people(two_miners, {}, {"warned_s": 1000.0, "warned_by": "water", "outcome_s": 1200.0,
                                       "margin_s": 50.0})
    m = replication_metrics(res, two_miners)
    assert m["t100_warned_s"] == INF and m["t90_warned_s"] == INF  # 90 % of 2 people is both
    assert m["share_warned_before_water"] == 0.5  # both at risk; one warned by the order first
    ex = ExerciseResult(spec=two_miners, seed=1, results=(res,))
    [zone] = scorecard(ex).zones
    assert zone.share_not_first_warned_by_order == 0.5


def test_the_share_never_warned_and_a_place_s_share_not_first_warned_by_the_order_are_told_apart(two_miners):
    """scorecard.json has two shares that were both called never_warned_share: at the top, the people nothing
    warned, not even the water; by place, the people the order did not warn first, which also counts those who
    saw the water before it. One miner saw the water first; the other was warned by nothing (the water never
    came to them): 1 of 2 never warned, but neither was warned first by the order."""
    from drills.experiment.outputs import scorecard_json

    res = with_people(two_miners, {"warned_s": 1000.0, "warned_by": "water", "outcome_s": 1200.0, "margin_s": 50.0},
                      {"warned_s": NAN, "warned_by": "", "departed_s": NAN, "outcome": "underground",
                       "outcome_s": NAN, "margin_s": NAN, "water_s": INF})
    ex = ExerciseResult(spec=two_miners, seed=1, results=(res,))
    data = scorecard_json(ex, scorecard(ex))
    assert data["never_warned_share"] == 0.5 and data["first_warned_by"] == {"water": 0.5}
    [zone] = data["zones"]
    assert zone["share_not_first_warned_by_order"] == 1.0
    assert "never_warned_share" not in zone


def test_someone_caught_makes_the_smallest_margin_not_all_safe(two_miners):
    """The margin is over everyone at risk: a caught person is a margin of -inf, not left out."""
    safe_only = replication_metrics(with_people(two_miners, {}, {"margin_s": 400.0}), two_miners)
    assert safe_only["margin_min_s"] == 400.0
    caught = replication_metrics(with_people(two_miners, {}, {"outcome": "caught", "outcome_s": 1000.0,
                                                              "margin_s": NAN, "situation": "underground",
                                                              "fatality_p": NAN}), two_miners)
    assert caught["margin_min_s"] == -INF and caught["share_safe_before_water"] == 0.5
    assert summarise("margin_min_s", "m", "s", np.array([400.0, -INF])).not_reached == 1


def test_a_miner_at_the_inrush_who_got_out_is_safe_from_the_water(two_miners):
    """Water at their place from the first moment, but they left ahead of it becoming too deep and got out:
    safe, even though the surface was reached after the water first touched their place."""
    res = with_people(two_miners, {"water_s": 0.0, "outcome_s": 600.0, "margin_s": 120.0}, {})
    assert replication_metrics(res, two_miners)["share_safe_before_water"] == 1.0


def test_expected_fatalities_are_not_estimated_underground(two_miners):
    """No lethality rule applies underground: NaN ('not estimated'), not a reassuring zero."""
    res = with_people(two_miners, {}, {"outcome": "caught", "situation": "underground", "fatality_p": NAN,
                                       "margin_s": NAN})
    assert math.isnan(replication_metrics(res, two_miners)["expected_fatalities"])
    ex = ExerciseResult(spec=two_miners, seed=1, results=(res,))
    [zone] = scorecard(ex).zones
    assert math.isnan(zone.expected_fatalities.mean)


def test_a_time_interval_stays_after_the_start_but_a_margin_may_go_below_zero():
    times = summarise("t100_warned_s", "t", "s", np.array([0.0, 0.0, 600.0]))
    assert times.ci_low == 0.0 and times.ci_high > 600.0
    margins = summarise("margin_min_s", "m", "s", np.array([0.0, 0.0, 600.0]), signed=True)
    assert margins.ci_low < 0.0


def test_a_mean_that_leaves_replications_out_is_marked():
    partial = summarise("t_all_safe_s", "Everyone safe", "s", np.array([600.0, 900.0, INF]))
    whole = summarise("t_all_safe_s", "Everyone safe", "s", np.array([600.0, 900.0, 1200.0]))
    assert mean_is_partial(partial) and not mean_is_partial(whole)
    card = type("Card", (), {"metrics": (partial, whole)})()
    rows = metric_rows(card, Text("en"))
    assert rows[0][1] == "0:12:30*" and rows[1][1] == "0:15:00"


def test_the_warned_curve_counts_the_order_only(two_miners):
    """Figure 'warned and safe over time': someone who only saw the water is not on the warned line."""
    from drills.experiment.figures import person_times

    res = with_people(two_miners, {}, {"warned_s": 1000.0, "warned_by": "water"})
    warned = person_times(ExerciseResult(spec=two_miners, seed=1, results=(res,)))["warned"]
    assert warned.tolist() == [[100.0, INF]]


def test_expected_fatalities_are_split_by_where_the_water_found_people(two_miners):
    from drills.experiment.scorecard import fatalities_by_situation

    res = with_people(two_miners, {"outcome": "caught", "situation": "in_open", "fatality_p": 0.3},
                      {"outcome": "sheltered", "situation": "upper_floor", "fatality_p": 0.5})
    ex = ExerciseResult(spec=two_miners, seed=1, results=(res, res))
    assert fatalities_by_situation(ex) == pytest.approx({"upper_floor": 0.5, "in_open": 0.3})
    assert list(fatalities_by_situation(ex)) == ["upper_floor", "in_open"]  # most first


def test_an_interval_names_a_share_s_unit_once():
    from drills.experiment.units import fmt_range

    assert fmt_range(0.883, 1.0, "share") == "88.3 – 100.0 %"
    assert fmt_range(344.0, 616.0, "s") == "0:05:44 – 0:10:16"
    assert fmt_range(NAN, 1.0, "share") == "–"


def test_a_place_s_margin_interval_may_go_below_zero(two_miners):
    """The table by level and place summarises margins as margins: their interval is not floored at zero."""
    reps = tuple(with_people(two_miners, {"margin_s": m}, {"margin_s": m}) for m in (-300.0, 0.0, 0.0))
    [zone] = scorecard(ExerciseResult(spec=two_miners, seed=1, results=reps)).zones
    assert zone.margin_min_s.mean == -100.0 and zone.margin_min_s.ci_low < 0.0


def test_a_place_the_water_reached_in_some_replications_is_not_lifted_by_the_others(two_miners):
    """Warned before the water, by place: of the people the water reached. A replication in which it reached
    nobody there has no such people; it is left out, not counted as everyone warned first."""
    late = {"warned_s": 1100.0}  # warned by the order after the water reached them at 1000 s
    reached = with_people(two_miners, late, late)
    dry = with_people(two_miners, {"water_s": INF, "margin_s": INF}, {"water_s": INF, "margin_s": INF})
    assert math.isnan(replication_metrics(dry, two_miners)["share_warned_before_water"])
    card = scorecard(ExerciseResult(spec=two_miners, seed=1, results=(reached, dry, dry, dry)))
    [zone] = card.zones
    assert zone.share_warned_before_water.mean == 0.0  # was 0.75: three dry replications counted as 100 %
    assert zone.share_warned_before_water.not_applicable == 3 and zone.share_warned_before_water.n == 1
    whole = card.get("share_warned_before_water")
    assert whole.mean == 0.0 and mean_is_partial(whole)  # marked: the mean is of one replication of four


def test_person_states_are_made_once_per_replication(two_miners, tmp_path, monkeypatch):
    """The grade, the single faults, the scorecard, the bottlenecks and the figures read one set of person
    states per exercise: each replication is classified once, and each fault run's once."""
    from drills.experiment import exercise, figures, readings
    from drills.experiment import scorecard as scorecard_module
    from drills.experiment.bottlenecks import analyse
    from drills.experiment.exercise import run_exercise
    from drills.experiment.graded import graded
    from drills.experiment.readings import PlanFacts
    from drills.experiment.robustness import assess
    from drills.inputs.compile import compile_drill, load

    made = []
    real = readings.person_states

    def counted(res, spec):
        made.append(res.replication)
        return real(res, spec)

    for module in (exercise, readings, scorecard_module):
        monkeypatch.setattr(module, "person_states", counted)
    loaded = load(tmp_path / "scenario.yaml")
    spec = compile_drill(loaded, replications=3)
    ex = run_exercise(spec)
    rob = assess(spec, PlanFacts.of(loaded, spec), ex, replications=2, max_faults=1)
    card = scorecard(ex)
    graded(card, loaded, spec, ex, rob)
    analyse(ex)
    with figures.style(), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # two people warned at one moment: a flat time axis
        figures.channels(ex, card, Text("en"), tmp_path / "channels.png")
    assert made == [0, 1, 2, 0, 1]  # the baseline's three, then the one fault's two


def test_a_household_left_downstairs_in_a_home_the_flood_reached_is_not_safe(two_miners):
    """Safe from the water (M3): someone still at home when the drill ends, in a place the water reached, is in
    its way whether upstairs or down. Counted safe before: the water stayed below what they could wade, so it
    never 'caught' them, while their neighbours sheltering upstairs in the same water counted as unsafe."""
    from drills.experiment.bottlenecks import unsafe_reason
    from drills.experiment.readings import person_states

    home = {"group": "resident", "warned_s": 100.0, "warned_by": "cell-broadcast", "departed_s": NAN,
            "outcome": "in_place", "outcome_s": NAN, "margin_s": NAN}
    res = with_people(two_miners, {**home, "water_s": 1000.0}, {**home, "water_s": INF})
    m = replication_metrics(res, two_miners)
    assert m["share_safe_before_water"] == 0.5  # the one whose home the water reached; was 1.0
    assert m["margin_min_s"] == -INF
    flooded, dry = person_states(res, two_miners)
    assert flooded.unsafe and not dry.unsafe
    assert unsafe_reason(flooded) == "stayed_in_flood"


def test_a_comparison_s_share_warned_first_is_not_lifted_by_replications_the_water_missed(two_miners):
    """The revision tables' 'share of people at risk warned before the water' is a mean over the replications
    in which the water reached someone, as the scorecard's is: one in which it reached nobody read as 100 %."""
    from drills.experiment.paired import paired_diff
    from drills.experiment.readings import PlanFacts, read

    facts = PlanFacts({}, {}, False)
    late = {"warned_s": 1100.0}  # warned by the order after the water reached them at 1000 s
    reached = read(with_people(two_miners, late, late), two_miners, facts)
    dry_person = {"water_s": INF, "margin_s": INF}
    dry = read(with_people(two_miners, dry_person, dry_person), two_miners, facts)
    assert reached.share_warned_before_water == 0.0 and math.isnan(dry.share_warned_before_water)
    d = paired_diff([reached, dry], [reached, dry], "share_warned_before_water", "", "share", "higher", 3600.0)
    assert d.base_mean == 0.0 and d.n == 1  # was 0.5 over 2: the dry replication counted as everyone warned first


def test_a_late_warning_finding_counts_the_people_there_not_a_shift_kept_on_the_surface(two_miners):
    """'people at stope240e (of 30 there)' counted 20 of the day shift who were kept out: of 10 there, all 10 were
    warned late. A place's people are the most there in one replication."""
    from drills.experiment.bottlenecks import analyse

    late = {"warned_s": 1100.0}  # warned by the order after the water reached them at 1000 s
    kept_out = {"outcome": "kept_out", "warned_s": NAN, "warned_by": "", "departed_s": NAN, "margin_s": INF}
    ex = ExerciseResult(spec=two_miners, seed=1, results=(with_people(two_miners, late, kept_out),))
    [place] = analyse(ex).warnings
    assert place.late == 1 and place.people == 1  # was 2


KEPT_OUT = {"outcome": "kept_out", "warned_s": NAN, "warned_by": "", "departed_s": NAN, "outcome_s": 28800.0,
            "margin_s": INF}


def test_a_level_s_figures_leave_out_a_later_shift_kept_on_the_surface(two_miners):
    """One miner was caught on the level; the other, of the next shift, was kept on the surface and never went
    down. The level had one person on it, and nobody there was safe from the water: the kept-out miner made it
    read 2 people and 50 % safe. The table counts them apart, and its note says how many and where."""
    caught = {"outcome": "caught", "outcome_s": 1000.0, "margin_s": NAN, "situation": "underground",
              "fatality_p": NAN}
    ex = ExerciseResult(spec=two_miners, seed=1, results=(with_people(two_miners, caught, KEPT_OUT),))
    [zone] = scorecard(ex).zones
    assert zone.people == 1 and zone.kept_out == 1
    assert zone.share_safe_before_water.mean == 0.0  # was 0.5
    assert Text("en").kept_out([zone]) == (
        "Not in the table: a later shift kept on the surface, which never went down (level -100: 1; the most in "
        "one replication). A level's people are those who were on it.")
    assert "-100 水平 1 人" in Text("zh").kept_out([zone])
    assert Text("en").safe_kept_out([zone]) == (
        "Safe and safe from the water count as safe a later shift whom the plan kept on the surface (at most 1 in "
        "one replication).")
    assert "下一班 1 人" in Text("zh").safe_kept_out([zone])


def test_everyone_safe_is_when_the_last_one_there_was_safe_not_when_a_kept_out_shift_was_to_go_down(two_miners):
    """The miner on the level reached the surface at 300 s; the next shift, kept on the surface, was to go down at
    8:00 (28 800 s, its record's time). 'Everyone safe' read 8:00:00, the kept-out shift's entry time, hours
    after the last person came out. With nobody there but the kept-out shift, there is no such time."""
    res = with_people(two_miners, {}, KEPT_OUT)
    assert replication_metrics(res, two_miners)["t_all_safe_s"] == 300.0  # was 28 800
    card = scorecard(ExerciseResult(spec=two_miners, seed=1, results=(res,)))
    assert card.get("t_all_safe_s").p50 == 300.0
    nobody = with_people(two_miners, KEPT_OUT, KEPT_OUT)
    assert math.isnan(replication_metrics(nobody, two_miners)["t_all_safe_s"])
    caught = with_people(two_miners, {"outcome": "caught", "outcome_s": 1000.0}, KEPT_OUT)
    assert replication_metrics(caught, two_miners)["t_all_safe_s"] == INF


def test_a_level_only_a_kept_out_shift_worked_on_has_nobody_to_measure(two_miners):
    """Nobody went down: no share, no time (it read 'everyone warned' at 0:00:00), and it is not among the
    weakest places of the summary."""
    from drills.experiment.report import weakest_zones

    ex = ExerciseResult(spec=two_miners, seed=1, results=(with_people(two_miners, KEPT_OUT, KEPT_OUT),))
    card = scorecard(ex)
    [zone] = card.zones
    assert zone.people == 0 and zone.kept_out == 2
    assert math.isnan(zone.share_safe_before_water.mean) and math.isnan(zone.t100_warned_s.p50)
    assert weakest_zones(card) == []
    assert Text("en").kept_out([replace(zone, kept_out=0)]) == ""
    assert Text("en").safe_kept_out([replace(zone, kept_out=0)]) == ""


def test_a_place_the_order_was_meant_to_reach_nobody_at_has_no_share_not_first_warned(two_miners):
    """A level only a kept-out shift worked on (a flood season whose night shift was empty), or whose only people
    were at the hazard's source: the order was meant to reach nobody there, and the table read 'not first warned
    by the order 0.0 %' beside '–' in every other column. A share of nobody is '–', and null in scorecard.json."""
    from drills.experiment.outputs import scorecard_json
    from drills.experiment.report import zone_rows

    kept = ExerciseResult(spec=two_miners, seed=1, results=(with_people(two_miners, KEPT_OUT, KEPT_OUT),))
    at_source = {"water_s": 0.0, "warned_s": 0.0, "warned_by": "water"}  # their place is where the water broke in
    source = ExerciseResult(spec=two_miners, seed=1, results=(with_people(two_miners, at_source, at_source),))
    for ex in (kept, source):
        card = scorecard(ex)
        [zone] = card.zones
        assert math.isnan(zone.share_not_first_warned_by_order)  # was 0.0
        assert zone_rows(card, Text("en"))[0][6] == "–"
        assert scorecard_json(ex, card)["zones"][0]["share_not_first_warned_by_order"] is None


def test_who_warned_whom_leaves_out_a_later_shift_kept_on_the_surface(two_miners):
    """The kept-out miner was never underground: neither 'never warned' nor warned by anything."""
    ex = ExerciseResult(spec=two_miners, seed=1, results=(with_people(two_miners, {}, KEPT_OUT),))
    [warned] = [p.warned_by for p in ex.results[0].people if p.outcome != "kept_out"]
    assert scorecard(ex).first_warned_by == {warned: 1.0}


def test_the_channel_figure_says_its_shares_are_of_the_people_there(two_miners):
    """Its caption said '2 × 2 person-replications (a later shift ... left out)': the shares are of the 2 left."""
    from drills.experiment.report import channel_shares_of

    kept = with_people(two_miners, {}, KEPT_OUT)
    ex = ExerciseResult(spec=two_miners, seed=1, results=(kept, kept))
    assert channel_shares_of(ex, Text("en")) == (
        "the 2 person-replications: 2 people × 2 replications, less 2 of a later shift kept on the surface, which "
        "never went down")
    assert channel_shares_of(ex, Text("zh")) == " 2 人次（2 人 × 2 次重复，不计未下井的下一班人员 2 人次）"
    assert sum(scorecard(ex).first_warned_by.values()) == pytest.approx(1.0)  # of those 2
    everyone = ExerciseResult(spec=two_miners, seed=1, results=(with_people(two_miners, {}, {}),))
    assert channel_shares_of(everyone, Text("en")) == "the 2 × 1 person-replications"


def test_the_curves_count_only_the_people_there_not_a_shift_kept_on_the_surface():
    from drills.experiment.figures import share_over_time

    nan = math.nan
    # two there (warned at 100 s and never) and one kept on the surface: half of those there by 100 s
    times = np.array([[100.0, INF, nan], [50.0, 60.0, nan]])
    got = share_over_time(times, np.array([0.0, 100.0]))
    assert got.tolist() == [[0.0, 0.5], [0.0, 1.0]]
    assert share_over_time(np.array([[nan, nan]]), np.array([0.0])).tolist() == [[0.0]]


def test_the_cover_tells_a_later_shift_apart_from_those_underground_at_the_start():
    from drills.experiment.exercise import run_exercise
    from drills.experiment.report import people_groups
    from drills.inputs.bundled import bundled_root
    from drills.inputs.compile import load_drill

    ex = run_exercise(load_drill(bundled_root() / "scenarios" / "flood_season_night.yaml", replications=2))
    later = sum(len(ex.spec.parties[k].members) for _, ks in ex.spec.entries for k in ks)
    kept = [int(r.people.isin("outcome", ("kept_out",)).sum()) for r in ex.results]
    miners = sum(p.group == "miner" for p in ex.spec.people)
    assert later > 0
    text = people_groups(ex, Text("en"))
    assert text.startswith(f"{miners - later} underground at the start, {later} more of a later shift (")
    assert f"{np.mean(kept):.0f} of them kept on the surface" in text or f"{np.mean(kept):.1f} of them" in text


def test_the_interval_of_a_time_stays_within_the_drill():
    # four replications, everyone safe at 10 min, 20 min, 2 h and 2 h 50 min of a 3-hour drill: the t interval's
    # upper end, mean + t(3) s / 2, is past the drill's end, where no time can be
    v = np.array([600.0, 1200.0, 7200.0, 10200.0])
    open_ = summarise("t_all_safe_s", "Everyone safe", "s", v)
    assert open_.ci_high > 10800.0 and open_.ci_low == 0.0
    cut = summarise("t_all_safe_s", "Everyone safe", "s", v, limit_s=10800.0)
    assert cut.ci_high == 10800.0 and cut.mean == open_.mean
    margin = summarise("margin_min_s", "Smallest margin", "s", np.array([-9000.0, 9000.0, -9000.0]), signed=True,
                       limit_s=10800.0)
    assert margin.ci_low == -10800.0 and margin.ci_high == 10800.0


def test_among_places_all_safe_the_weakest_are_those_the_water_reached_or_the_order_missed():
    from drills.experiment.report import weakest_zones
    from drills.experiment.scorecard import ZoneSummary

    def zone(name: str, warned_before: float, not_first: float) -> ZoneSummary:
        one = summarise("x", "", "share", np.array([1.0]))
        return ZoneSummary(zone=name, people=20, share_warned_before_water=summarise("w", "", "share",
                                                                                      np.array([warned_before])),
                           t100_warned_s=summarise("t", "", "s", np.array([600.0])), share_safe_before_water=one,
                           margin_min_s=summarise("m", "", "s", np.array([900.0]), signed=True),
                           expected_fatalities=summarise("f", "", "persons", np.array([math.nan])),
                           share_not_first_warned_by_order=not_first, kept_out=0)

    # all three 100 % safe: the water reached level -240's people (warned in time), and the order missed some
    # at level -180; level -120 it neither reached nor missed, and so comes last whatever its name
    zones = (zone("level -120", math.nan, 0.0), zone("level -180", math.nan, 0.05), zone("level -240", 1.0, 0.0))
    card = type("Card", (), {"zones": zones})()
    assert [z.zone for z in weakest_zones(card, 2)] == ["level -240", "level -180"]


def test_the_interval_of_a_count_of_people_stays_within_the_headcount():
    v = np.array([0.0, 0.0, 780.0])  # two replications no one, one all 781 but one: t(2) makes the interval huge
    assert summarise("expected_fatalities", "Expected fatalities", "persons", v).ci_high > 781
    cut = summarise("expected_fatalities", "Expected fatalities", "persons", v, people=781)
    assert (cut.ci_low, cut.ci_high) == (0.0, 781)


@pytest.mark.parametrize("n", [20, 30, 40, 59, 500])
def test_the_scorecard_and_the_grade_page_give_one_p5(n):
    """With 20 replications the scorecard's P5 of the smallest margin was the worst replication and the grade's
    P5 (M3) the second worst: 120 s on one page, 369.5 s on the other. Both leave out the worst 5 % now, as the
    95th percentile leaves out the highest: the k-th lowest of n, k = n - ceil(0.95 n) + 1."""
    from drills.experiment.grading import lower_tail

    values = np.arange(1.0, n + 1) * 60.0
    got = summarise("margin_min_s", "smallest margin", "s", values, signed=True)
    k = n - math.ceil(0.95 * n) + 1
    assert got.p5 == lower_tail(values) == values[k - 1]
    assert got.p95 == values[math.ceil(0.95 * n) - 1]
    assert summarise("x", "x", "s", np.array([-math.inf] + [60.0] * 19), signed=True).p5 == 60.0  # 1 of 20 left out
    assert summarise("x", "x", "s", np.array([-math.inf] * 2 + [60.0] * 18), signed=True).p5 == -math.inf


def test_the_season_matrix_counts_the_people_nothing_warned(two_miners):
    """A run whose fault silences the only channel somewhere leaves people unwarned where the water never comes:
    neither warned late nor caught, its row read as the run without the fault. The matrix counts them, per
    replication, leaving out a later shift kept on the surface."""
    from drills.experiment.season import never_warned_mean

    never = {"warned_s": NAN, "warned_by": "", "departed_s": NAN, "outcome": "underground", "outcome_s": NAN,
             "margin_s": NAN, "water_s": INF}
    ex = ExerciseResult(spec=two_miners, seed=1, results=(with_people(two_miners, never, KEPT_OUT),
                                                          with_people(two_miners, never, never),
                                                          with_people(two_miners, {}, {})))
    assert never_warned_mean(ex) == 1.0  # (1 + 2 + 0) / 3


def test_expected_fatalities_are_split_by_how_people_ended_and_the_note_says_so(two_miners):
    """More deaths than people caught reads as what it is: the note names the deaths among people sheltering upstairs
    (and downstairs at home), who are not counted as caught."""
    from drills.experiment.scorecard import fatalities_by_outcome

    res = with_people(two_miners, {"outcome": "caught", "situation": "in_building", "fatality_p": 0.3},
                      {"outcome": "sheltered", "situation": "upper_floor", "fatality_p": 0.9})
    ex = ExerciseResult(spec=two_miners, seed=1, results=(res, res))
    assert fatalities_by_outcome(ex) == pytest.approx({"caught": 0.3, "sheltered": 0.9})
    card = replace(scorecard(ex), fatalities_by_outcome=fatalities_by_outcome(ex))
    fatal = replace(card.get("caught"), key="expected_fatalities", mean=1.2)
    card = replace(card, metrics=(*card.metrics, fatal))
    en, zh = Text("en").fatalities_from(card), Text("zh").fatalities_from(card)
    assert "0.3 among the people caught" in en and "0.9 among those sheltering on upper floors" in en
    assert "被水困住的人员中 0.3" in zh and "楼上避险人员中 0.9" in zh
    only_caught = replace(card, fatalities_by_outcome={"caught": 0.3})
    assert Text("en").fatalities_from(only_caught) == ""  # the caught row already accounts for every death


def _margin_card(values: list[float]):
    """A scorecard of the two margin rows only, each replication's margin as given."""
    rows = tuple(summarise(k, label, "s", np.array(values), signed=True, limit_s=7200.0)
                 for k, label in (("margin_min_s", "Safety margin, smallest"),
                                  ("margin_p5_s", "Safety margin, 5th percentile")))
    return type("Card", (), {"metrics": rows, "zones": (), "replications": len(values), "seed": 7,
                             "get": lambda self, key: next(m for m in rows if m.key == key)})()


def _terminal(card, lang: str = "en") -> str:
    import io

    from rich.console import Console

    from drills import cli

    buf = io.StringIO()
    real = cli.out_console
    cli.out_console = Console(file=buf, width=250, color_system=None)
    try:
        cli.print_scorecard(card, Text(lang), 7200.0)
    finally:
        cli.out_console = real
    return buf.getvalue()


def test_a_margin_no_water_cut_short_is_a_bound_said_as_one_on_the_terminal_and_in_the_report():
    """No water reached anyone within a 2-hour drill: every margin is the drill's length. It showed as a measured
    '2:00:00*' on the terminal; both now write '≥ 2:00:00', give no interval of a measurement, and say why."""
    from drills.experiment.report import headline_rows

    card = _margin_card([7200.0, 7200.0, 7200.0, NAN])
    [row, _] = metric_rows(card, Text("en"), 7200.0)
    assert row[1:5] == ["≥ 2:00:00*", "≥ 2:00:00", "≥ 2:00:00", "≥ 2:00:00"]
    shown = _terminal(card)
    line = next(ln for ln in shown.splitlines() if "Safety margin, smallest" in ln)
    assert [c.strip() for c in line.split("│")[2:6]] == row[1:5]
    note = "Safety margin ≥ 2:00:00: no water reached them within the drill, which lasts 2:00:00"
    assert note in shown and note in " ".join(Text("en").margin_notes(card.metrics, 7200.0))
    assert Text("zh").margin_notes(card.metrics, 7200.0)[0].startswith("安全裕度 ≥ 2:00:00：演练期间")
    [(_, said)] = headline_rows(card, Text("en"), 7200.0)
    assert said == "no water reached them in the drill (≥ 2:00:00)"
    assert headline_rows(card, Text("zh"), 7200.0)[0][1] == "演练期间水未到达人员所在处（≥ 2:00:00）"


def test_a_time_not_reached_in_some_replications_is_told_in_the_brackets_of_each_language():
    """The summary's "(not reached 1/3)" kept its ASCII brackets in Chinese: "0:10:00 (未达到 1/3)"."""
    from drills.experiment.report import headline_rows

    row = summarise("t100_warned_s", "Everyone warned", "s", np.array([600.0, 600.0, math.inf]), limit_s=7200.0)
    card = type("Card", (), {"metrics": (row,), "zones": ()})()
    assert headline_rows(card, Text("en"), 7200.0)[0][1] == "0:10:00  (not reached 1/3)"
    assert headline_rows(card, Text("zh"), 7200.0)[0][1] == "0:10:00（未达到 1/3）"


def test_a_margin_of_someone_not_safe_reads_alike_on_the_terminal_and_in_the_report():
    """Someone was caught in every replication: the report said 'not all safe', the terminal '−∞'."""
    card = _margin_card([-INF, -INF, -INF])
    [row, _] = metric_rows(card, Text("en"), 7200.0)
    assert row[3:5] == ["not all safe", "not all safe"]
    shown = _terminal(card)
    assert "∞" not in shown
    line = next(ln for ln in shown.splitlines() if "Safety margin, smallest" in ln)
    assert [c.strip() for c in line.split("│")[2:7]] == [*row[1:5], "3/3"]
    assert 'Safety margin "not all safe": someone was caught' in shown
    # a measured margin is written as it was measured, with no note
    measured = _margin_card([600.0, 900.0, 1200.0])
    assert metric_rows(measured, Text("en"), 7200.0)[0][1:5] == ["0:15:00", "0:02:35 – 0:27:25", "0:10:00",
                                                                 "0:20:00"]
    assert Text("en").margin_notes(measured.metrics, 7200.0) == []


def test_the_graded_margin_no_water_cut_short_is_shown_as_at_least_the_drill():
    """The grade page showed M3's P5 margin as a measured '2:00:00' when no water reached anyone."""
    from drills.experiment.grading import MetricGrade
    from drills.experiment.report import grade_rows

    m3 = MetricGrade("M3", 7200.0, "s", "A", True, "P5 of the smallest margin", "A ≥ 15 min")
    card = type("Card", (), {"grading": type("Basis", (), {"rows": (m3,)})()})()
    assert grade_rows(card, Text("en"), 7200.0)[0][2] == "≥ 2:00:00"
    assert grade_rows(card, Text("en"), 9000.0)[0][2] == "2:00:00"


def test_the_mine_s_levels_are_listed_shallow_to_deep_even_where_their_names_sort_the_other_way(build):
    """The table by level reads down the mine: level -60 before level -100, which its name sorts first; the rows
    are said to be in that order, and the table and its note use the mine's words, not a valley's."""
    site = base_site([node("deep", "workplace", z=-100.0, level="-100"),
                      node("shallow", "workplace", z=-60.0, x=50.0, level="-60"), node("out", "portal", x=100.0)],
                     [link("d1", "deep", "shallow", 60.0), link("d2", "shallow", "out", 60.0)],
                     [{"at": "deep", "count": 1}, {"at": "shallow", "count": 1}])
    spec = build(site, base_plan(), base_scenario())
    card = scorecard(ExerciseResult(spec=spec, seed=1, results=(run_drill(spec, 0, 1),)))
    assert [z.zone for z in card.zones] == ["level -60", "level -100"]
    assert card.site == "mine" and {z.site for z in card.zones} == {"mine"}
    for lang, level, place in (("en", "level", "place"), ("zh", "水平", "地点")):
        t = Text(lang)
        assert t.words("col_zone", card.site) == level
        note = t.zones_note(card).lower()
        assert place not in note and level in note


def test_a_mean_of_fewer_than_half_the_replications_is_not_shown_as_a_result():
    """Someone was not safe in 3 of 5 replications: the margin's mean was the mean of the best two ('0:15:00*'),
    which read as the drill's result. Terminal and report now show '–' for the mean and its interval, keep the count
    under 'not reached' and say why, in both languages; the mean of the two stays in the summary (scorecard.json)."""
    card = _margin_card([-INF, -INF, -INF, 600.0, 1200.0])
    [row, _] = metric_rows(card, Text("en"), 7200.0)
    assert row[1:3] == ["–", "–"] and row[5] == "3/5"
    assert row[3] == "not all safe"  # the percentiles are still shown
    shown = _terminal(card)
    line = next(ln for ln in shown.splitlines() if "Safety margin, smallest" in ln)
    assert [c.strip() for c in line.split("│")[2:4]] == ["–", "–"]
    assert "more than half the replications did not reach it" in " ".join(shown.split())
    assert "* mean of the replications" not in shown  # no starred mean is left to explain
    assert Text("zh")("mean_withheld").startswith("平均值和置信区间为“–”")
    assert card.metrics[0].to_json()["mean"] == 900.0 and card.metrics[0].to_json()["not_reached"] == 3
    # half or fewer left out: the starred mean stays
    half = _margin_card([-INF, -INF, 600.0, 1200.0])
    assert metric_rows(half, Text("en"), 7200.0)[1][1] == "0:15:00*"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_warned_before_the_water_has_one_name(lang):
    """The table by level and place headed its column 'warned before water' (水到达前收到预警), the scorecard's row
    'Warned before the water reached them' (水到达前收到撤离命令的比例): one measure, two names. The table's column,
    its note in the terminal and the summary's headline now use the scorecard's."""
    from drills.experiment.scorecard import METRICS

    t = Text(lang)
    label = t.metric("share_warned_before_water", next(m[1] for m in METRICS if m[0] == "share_warned_before_water"))
    name = label.lower().removesuffix("的比例")
    assert t("col_warned_before") == name and t("headline_warned") == name
    assert t("cli_zones_note").strip().startswith(name + ("：" if t.zh else ":"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_safe_from_the_water_has_one_name_and_one_definition(lang):
    """The headline said 'not caught, not left in its way', the scorecard 'ahead of it, or never reached' and the
    map's caption 'neither caught nor still in a home it reached': one measure worded three ways. Every label now
    names it alike and the terminal, scorecard and caption give the same one definition."""
    from drills.experiment.scorecard import METRICS

    t = Text(lang)
    name = t("headline_safe")
    assert "(" not in name and "（" not in name
    label = t.metric("share_safe_before_water", next(m[1] for m in METRICS if m[0] == "share_safe_before_water"))
    assert label.lower().startswith(name) and "(" not in label and "（" not in label
    assert t("col_safe_before") == name and t("m_safe_before") == name
    definition = t.words("safe_def", "both")
    for site in ("mine", "valley", "both"):  # in each site's words, one definition
        assert t.words("safe_def", site).startswith("Safe from the water means" if lang == "en" else "未被水困指")
    assert definition in t("scorecard_intro", n=5, fatal="", safe_def=definition)
    assert t("scorecard").lower() in t("cap_map", n=5, by="").lower()  # the map's caption refers to the definition
    assert "".join(definition.split()) in "".join(_terminal(_margin_card([600.0]), lang).split())
    for old in ("ahead of it", "not caught, not left", "neither caught by the water nor still in a home",
                "先于水撤离", "未被水困住，也未留在水的去路上）", "也未留在被洪水淹到的住房内"):
        assert all(old not in t(k, n=5, fatal="", safe_def=definition, by="")
                   for k in ("headline_safe", "scorecard_intro", "cap_map")), old
        assert old not in label
